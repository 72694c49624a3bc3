#!/usr/bin/env bash
# The three-seed experiment of docs/EXPERIMENT.md ("Three seeds, four families"):
# per seed S, the data from `mathgen --seed S` and `puma-train experiment --seed S`;
# then `puma-train experiment-report` pools the seeds' outcomes.jsonl. The
# experiment's default settings but for stage 1's length (docs/experiment/seeds-config.json:
# 6,000 steps, for function.axis_of_symmetry's averaging).
#
#   scripts/experiment-seeds.sh [OUT]        # default OUT: runs/seeds
#   SEEDS="0 1" scripts/experiment-seeds.sh  # some seeds only
#
# Re-running the same command continues after a kill at any point: a seed's
# data is resumed (mathgen --resume) or kept, and each experiment continues
# from its last checkpoint. Hours on 2 cores (about an hour a seed); do not run
# it beside a benchmark.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-runs/seeds}
SEEDS=${SEEDS:-0 1 2}
FAMILIES=plane.transversal_angles,plane.parallel_triangle_angle,plane.inscribed_angle,function.axis_of_symmetry
# MATHGEN and PUMA_TRAIN may name copies of the binaries, so that a rebuild
# meanwhile does not change the program under a running experiment.
if [ -z "${MATHGEN:-}" ] || [ -z "${PUMA_TRAIN:-}" ]; then
  swift build -c release --product mathgen >/dev/null
  swift build -c release --product puma-train >/dev/null
fi
MATHGEN=${MATHGEN:-.build/release/mathgen}
PUMA=${PUMA_TRAIN:-.build/release/puma-train}
mkdir -p "$OUT"
runs=()
for s in $SEEDS; do
  data="$OUT/data-seed$s"
  if [ ! -f "$data/manifest.json" ]; then
    resume=()
    [ -d "$data" ] && resume=(--resume)
    "$MATHGEN" --pairs 20000 --eval-problems 300 --image-size 128 --text-scale 2 --style plain \
      --output answer --mc-rate 0 --difficulty 1 --decoy-rate 1 --decoy-style figure,card1 \
      --families "$FAMILIES" --seed "$s" --out "$data" "${resume[@]}"
  fi
  "$PUMA" experiment --manifest "$data/manifest.json" --out "$OUT/seed$s" --seed "$s" \
    --config docs/experiment/seeds-config.json
  runs+=("$OUT/seed$s")
done
"$PUMA" experiment-report "${runs[@]}" --out "$OUT/pooled"
