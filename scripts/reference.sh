#!/usr/bin/env bash
# puma-train's forward pass and stage-2 alignment loss against an independent NumPy
# implementation (scripts/reference_forward.py, docs/TRAINER.md "Checking the forward
# pass"): one batch of pairs through two small model shapes, fresh and after a few
# training steps. Run by scripts/test.sh; needs the venv of scripts/venv.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
MATHGEN=${MATHGEN:-$ROOT/.build/debug/mathgen}
PUMA=${PUMA_TRAIN:-$ROOT/.build/debug/puma-train}
. scripts/venv.sh
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
"$MATHGEN" --pairs 12 --eval-problems 2 --image-size 64 --families plane.parallel_triangle_angle \
  --output answer --threads 2 --out "$T/data" >/dev/null 2>"$T/generate.log" || { cat "$T/generate.log" >&2; exit 1; }
# Text-only reference members (no image in the batch) for shape b.
"$MATHGEN" --pairs 12 --eval-problems 2 --image-size 64 --families plane.parallel_triangle_angle --pairing text-to-vision \
  --output answer --threads 2 --out "$T/data-tv" >/dev/null 2>"$T/generate.log" || { cat "$T/generate.log" >&2; exit 1; }
# A: a stride-1 lead and two stride-2 convolutions in the stem, a max image summary, scaled pixels.
echo '{"imageSize": 64, "patchSize": 16, "visionWidth": 32, "visionLayers": 1, "visionHeads": 2, "width": 48, "layers": 2, "heads": 2, "stem": [8, 16], "stemLead": 4, "imageSummary": true, "summaryPooling": "max", "pixelScale": 2.0}' > "$T/a.json"
# B: no stem, a mean image summary, two vision blocks.
echo '{"imageSize": 64, "patchSize": 16, "visionWidth": 32, "visionLayers": 2, "visionHeads": 4, "width": 32, "layers": 1, "heads": 4, "imageSummary": true, "summaryPooling": "mean"}' > "$T/b.json"
check() { "$VENV/bin/python" scripts/reference_forward.py "$1" "$2"; }
q() { "$PUMA" "$@" >/dev/null; }
M="$T/data/manifest.json"
for shape in a b; do
  [ $shape = a ] && M="$T/data/manifest.json" || M="$T/data-tv/manifest.json"
  q reference-batch --manifest "$M" --checkpoint "$T/$shape-fresh" --fresh --seed 3 --model-config "$T/$shape.json" \
    --pairs 3 --out "$T/$shape-fresh.safetensors"
  echo "shape $shape, fresh:"; check "$T/$shape-fresh" "$T/$shape-fresh.safetensors"
done
M="$T/data/manifest.json"
# Trained: stage 1 then stage 2 a few steps each, so the LM and the vision side both moved.
q text --manifest "$M" --out "$T/a-text" --from "$T/a-fresh" --steps 6 --warmup 1 --quiet
q align --manifest "$M" --out "$T/a-trained" --from "$T/a-text" --steps 6 --warmup 1 --quiet
q reference-batch --manifest "$M" --checkpoint "$T/a-trained" --pairs 3 --temperature 2 --alpha 0.3 --lambda 0.4 \
  --out "$T/a-trained.safetensors"
echo "shape a, trained, T = 2, alpha = 0.3, lambda = 0.4:"; check "$T/a-trained" "$T/a-trained.safetensors"
