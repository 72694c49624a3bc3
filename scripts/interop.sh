#!/usr/bin/env bash
# Loads every export with the Python tools researchers train with (Hugging Face
# `datasets`, `webdataset`, Pillow), from a working folder that is none of the
# exports', decoding every image (docs/EXPORTS.md). Python is a test dependency
# only: a venv under .build, made on first use. Run by scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export HF_DATASETS_DISABLE_PROGRESS_BARS=1
MATHGEN=${MATHGEN:-$ROOT/.build/debug/mathgen}
. scripts/venv.sh
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
"$MATHGEN" --pairs 40 --eval-problems 6 --image-size 128 --pairing text-to-vision --threads 2 --out "$T/data" >/dev/null 2>"$T/generate.log" \
  || { cat "$T/generate.log" >&2; exit 1; }
x() { "$MATHGEN" export "$T/data" "$@" >/dev/null; }
x --format math-puma --out "$T/puma/pairs.jsonl"
x --format sharegpt --split instruct --out "$T/lf/mathgen_instruct.json"
x --format llava --split instruct --out "$T/llava/instruct.json"
x --format qwen --split stage1 --out "$T/qwen/stage1.json"
x --format mathverse --out "$T/mv/testmini.json"
x --format webdataset --shard-size 15 --out "$T/wds/pairs"
x --format webdataset --split instruct --shard-size 16 --out "$T/wds/instruct"
"$MATHGEN" export "$T/data" --format hf --shard-size 16 >/dev/null
mkdir "$T/elsewhere"
cd "$T/elsewhere"
"$VENV/bin/python" "$ROOT/scripts/interop.py" "$T"
