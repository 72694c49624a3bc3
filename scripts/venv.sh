# Sourced by scripts/interop.sh and scripts/reference.sh: sets VENV to a venv under
# .build with the Python tools the checks use (datasets 5.2.0, which brings numpy,
# webdataset 1.0.2, Pillow 13.0.0), made on first use. Python is a test dependency only.
VENV=${INTEROP_VENV:-$ROOT/.build/interop-venv}
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c "import datasets, webdataset, PIL, numpy" 2>/dev/null; then
  if ! python3 -m venv "$VENV" 2>/dev/null; then
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-venv >/dev/null
    python3 -m venv "$VENV"
  fi
  "$VENV/bin/pip" install -q --disable-pip-version-check datasets==5.2.0 webdataset==1.0.2 pillow==13.0.0
fi
