#!/usr/bin/env bash
# Trainer benchmark beside its anchors, in one run: OpenBLAS sgemm peak
# (sgemm_peak.c), PyTorch eager on the same shape (torch_tiny_mllm.py, when
# torch imports) and `puma-train bench`, at 1 and 2 threads, interleaved and
# repeated so both sides see the same machine. Prints tokens/s, the ratios and
# the model GFLOP/s as a share of the measured sgemm peak. Run on a quiet
# machine (`uptime`); a busy one halves everything and hides the 2-thread gain.
#
#   scripts/bench-trainer.sh                    # REPEATS=3 THREADS="1 2" TIMING=wall
#   PYTHON=/path/to/venv/bin/python scripts/bench-trainer.sh
#   TIMING=cpu scripts/bench-trainer.sh         # busy machine: compare CPU time per step
#
# TIMING=cpu times each step by process CPU time on both sides (the anchor's
# time.perf_counter is swapped for time.process_time). On a shared, loaded
# machine that is far steadier than wall time, and fair at 1 thread; at 2
# threads it shows the total work, not the speedup from the second core.
# OpenBLAS settings in the environment (OPENBLAS_CORETYPE, ...) apply to both
# sgemm_peak and puma-train; the run prints them.
set -euo pipefail
cd "$(dirname "$0")/.."
anchors="$(cd "${ANCHORS:-../shared/anchors}" && pwd)"
python="${PYTHON:-python3}"
scratch="${SCRATCH_PATH:-.build}"
repeats="${REPEATS:-3}"
timing="${TIMING:-wall}"
threads="${THREADS:-1 2}"
out="$(mktemp -d)"
swift build -c release --product puma-train --scratch-path "$scratch" >/dev/null
bin="$scratch/release/puma-train"
gcc -O2 "$anchors/sgemm_peak.c" -o "$out/sgemm_peak" -lopenblas
have_torch=0
if "$python" -c "import torch" 2>/dev/null; then have_torch=1; else echo "(torch does not import with $python: PyTorch anchor skipped)"; fi
echo "== $(uptime)"
echo "== timing: $timing; OpenBLAS environment: $(env | grep -E '^OPENBLAS_' | tr '\n' ' ')"
if [ "$have_torch" = 1 ]; then
  "$python" -c "import torch; print('== torch', torch.__version__, 'CPU capability', torch.backends.cpu.get_cpu_capability())"
fi
anchor() {  # $1 = threads
  if [ "$timing" = cpu ]; then
    (cd "$out" && OMP_NUM_THREADS=$1 "$python" -c "import runpy, sys, time
time.perf_counter = time.process_time
sys.argv = ['torch_tiny_mllm.py', '--threads', '$1']
runpy.run_path('$anchors/torch_tiny_mllm.py', run_name='__main__')")
  else
    (cd "$out" && OMP_NUM_THREADS=$1 "$python" "$anchors/torch_tiny_mllm.py" --threads "$1")
  fi
}
for t in $threads; do
  echo "== sgemm peak, $t thread(s)"
  OPENBLAS_NUM_THREADS=$t "$out/sgemm_peak" | tee "$out/sgemm_$t.txt"
  for r in $(seq "$repeats"); do
    if [ "$have_torch" = 1 ]; then
      echo "-- PyTorch anchor, $t thread(s), run $r"
      anchor "$t" | tee -a "$out/torch_$t.txt"
    fi
    echo "-- puma-train bench, $t thread(s), run $r"
    # The trainer threads itself (OpenBLAS pinned to one thread per call), so
    # OpenBLAS's own pool is not started.
    OPENBLAS_NUM_THREADS=1 "$bin" bench --threads "$t" --kinds sft,align | tee -a "$out/ours_$t.txt"
  done
done
echo "== summary (best run of each side; tokens/s from each run's median step, $timing time)"
for t in $threads; do
  peak=$(grep -oE '[0-9.]+ GFLOP/s' "$out/sgemm_$t.txt" | awk '{ if ($1 > m) m = $1 } END { print m }')
  for kind in sft align; do
    lines=$(grep -E "^$kind: " "$out/ours_$t.txt")
    if [ "$timing" = cpu ]; then
      # tokens per step / median CPU ms per step
      ours=$(echo "$lines" | awk '{ for (i = 1; i <= NF; i++) { if ($i ~ /^cpu$/) { c = $(i + 1); sub(/\)/, "", c) } if ($i ~ /^tokens\/s=/) { split($i, a, "="); tps = a[2] } if ($i ~ /^step=/) { s = $i; gsub(/[^0-9.]/, "", s) } }
                                 print tps * s / c }' | sort -n | tail -1)
    else
      ours=$(echo "$lines" | grep -oE 'tokens/s=[0-9.]+' | cut -d= -f2 | sort -n | tail -1)
    fi
    gflop=$(echo "$lines" | grep -oE 'model_GFLOP=[0-9.]+' | head -1 | cut -d= -f2)
    torch=""
    if [ -f "$out/torch_$t.txt" ]; then
      torch=$(grep -E "^$kind: " "$out/torch_$t.txt" | grep -oE 'tokens/s=[0-9.]+' | cut -d= -f2 | sort -n | tail -1)
    fi
    awk -v t="$t" -v k="$kind" -v o="$ours" -v p="$torch" -v g="$gflop" -v pk="$peak" -v tm="$timing" 'BEGIN {
      gs = g * o / 2688   # model GFLOP per step x steps per second (2688 tokens per step at this shape)
      printf "%-5s %d thread(s): puma-train %6.0f tokens/s, %5.1f GFLOP/s", k, t, o, gs
      if (tm == "wall") printf " = %3.0f%% of sgemm peak %.1f", 100 * gs / pk, pk   # sgemm_peak times wall clock only
      if (p != "") printf "; PyTorch %6.0f tokens/s -> %.2fx", p, o / p
      printf "\n"
    }'
  done
done
rm -rf "$out"
