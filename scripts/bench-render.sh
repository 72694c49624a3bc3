#!/usr/bin/env bash
# Renderer benchmark beside its anchors, in one run: matplotlib (if installed),
# C Cairo + Cairo's PNG writer, libpng at tuned settings, and `mathgen bench`.
# Prints each figure and the ratios. Run on a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."
anchors="${ANCHORS:-../shared/anchors}"
scripts/setup.sh
swift build -c release --product mathgen >/dev/null
gcc -O2 "$anchors/cairo_limit.c" -o /tmp/cairo_limit $(pkg-config --cflags --libs cairo) -lm
gcc -O2 "$anchors/png_limit.c" -o /tmp/png_limit $(pkg-config --cflags --libs cairo libpng)
echo "== anchor: C Cairo + cairo_surface_write_to_png"
cairo_line=$(/tmp/cairo_limit); echo "$cairo_line"
echo "== anchor: libpng settings on the same pixels"
png_out=$(/tmp/png_limit); echo "$png_out"
mpl_ms=""
if python3 -c "import matplotlib" 2>/dev/null; then
  echo "== anchor: matplotlib"
  mpl_out=$(cd /tmp && python3 "$OLDPWD/$anchors/mpl_baseline.py" 100); echo "$mpl_out"
  mpl_ms=$(echo "$mpl_out" | grep -oE 'per_image=[0-9.]+' | grep -oE '[0-9.]+$')
fi
echo "== mathgen bench --png rle"
ours=$(.build/release/mathgen bench --images 2000 --png rle); echo "$ours"
ours_ms=$(echo "$ours" | grep -oE 'render\+encode: [0-9.]+' | grep -oE '[0-9.]+$')
echo "== mathgen bench --png libdeflate (the default)"
small=$(.build/release/mathgen bench --images 2000 --png libdeflate); echo "$small"
small_ms=$(echo "$small" | grep -oE 'render\+encode: [0-9.]+' | grep -oE '[0-9.]+$')
render_ms=$(echo "$cairo_line" | grep -oE 'render=[0-9.]+' | grep -oE '[0-9.]+$')
gray_ms=$(echo "$png_out" | grep 'gray z1 none' | grep -oE '[0-9.]+ ms' | grep -oE '[0-9.]+')
naive_ms=$(echo "$cairo_line" | grep -oE 'per_image=[0-9.]+' | grep -oE '[0-9.]+$')
echo "== ratios (lower ms is better)"
awk -v o="$ours_ms" -v s="$small_ms" -v r="$render_ms" -v g="$gray_ms" -v n="$naive_ms" -v m="$mpl_ms" 'BEGIN {
  lim = r + g
  printf "limit (C Cairo render + libpng gray z1 none): %.3f ms; mathgen --png rle: %.3f ms -> %.2fx the limit\n", lim, o, o / lim
  printf "mathgen --png libdeflate (default): %.3f ms -> %.2fx the limit\n", s, s / lim
  printf "naive C Cairo + its PNG writer: %.3f ms -> mathgen is %.1fx faster (rle), %.1fx (libdeflate)\n", n, n / o, n / s
  if (m != "") printf "matplotlib: %.2f ms -> mathgen is %.1fx faster per core (rle), %.1fx (libdeflate)\n", m, m / o, m / s
}'
