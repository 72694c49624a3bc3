#!/usr/bin/env bash
# Installs the system packages the build needs, skipping those already present.
# Runs as root or through sudo, non-interactively. Safe to run again.
set -euo pipefail
pkgs=(pkg-config libcairo2-dev libfreetype-dev libpng-dev libdeflate-dev libopenblas-dev libarchive-dev
      fonts-dejavu-core fonts-noto-cjk chromium)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
if ! command -v swift >/dev/null 2>&1; then
  echo "setup: swift is not on PATH; install Swift 6 (https://swift.org/install) and retry" >&2
  exit 1
fi
