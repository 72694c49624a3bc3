#!/usr/bin/env bash
# Quickstart main job: install what is missing, build in release, generate the
# default dataset (about 1,000 pairs) into data/. Extra arguments go to mathgen.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build -c release --product mathgen
.build/release/mathgen --pairs 1000 --out data --overwrite "$@"
