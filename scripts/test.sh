#!/usr/bin/env bash
# Quickstart test command: install what is missing, build, run every test.
# One BLAS thread keeps trainer tests deterministic.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export OPENBLAS_NUM_THREADS=1
swift build --build-tests
swift test --skip-build "$@"
# Every export loaded by the Python tools trainers use (a venv under .build; needs PyPI).
[ "${MATHGEN_SKIP_INTEROP:-0}" = 1 ] || scripts/interop.sh
# puma-train's forward and stage-2 loss against an independent NumPy implementation (same venv).
[ "${MATHGEN_SKIP_INTEROP:-0}" = 1 ] || scripts/reference.sh
