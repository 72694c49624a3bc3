/* The size target of issue 21: the PNG files given on the command line against
 * the same pixels deflated by zlib at level 6 (no filter, the best zlib setting on
 * these figures). Prints the files' mean bytes, zlib 6's mean compressed bytes and
 * the ratio. Used by docs/BENCHMARKS.md "PNG size":
 *   gcc -O2 scripts/png-zlib6.c -o /tmp/png-zlib6 -lpng -lz
 *   /tmp/png-zlib6 $(find DATA/images -name '*.png')
 */
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <zlib.h>

int main(int argc, char **argv) {
  double files = 0, zlib6 = 0;
  int n = 0;
  for (int k = 1; k < argc; k++) {
    FILE *f = fopen(argv[k], "rb");
    if (!f) { fprintf(stderr, "%s: cannot open\n", argv[k]); return 1; }
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    png_structp s = png_create_read_struct(PNG_LIBPNG_VER_STRING, 0, 0, 0);
    png_infop info = png_create_info_struct(s);
    if (setjmp(png_jmpbuf(s))) { fprintf(stderr, "%s: not a PNG libpng reads\n", argv[k]); return 1; }
    png_init_io(s, f);
    png_read_info(s, info);
    png_read_update_info(s, info);
    size_t row = png_get_rowbytes(s, info), h = png_get_image_height(s, info);
    unsigned char *raw = malloc((row + 1) * h);
    for (size_t y = 0; y < h; y++) { raw[y * (row + 1)] = 0; png_read_row(s, raw + y * (row + 1) + 1, 0); }
    png_destroy_read_struct(&s, &info, 0);
    fclose(f);
    uLongf out = compressBound((row + 1) * h);
    unsigned char *dst = malloc(out);
    if (compress2(dst, &out, raw, (row + 1) * h, 6) != Z_OK) { fprintf(stderr, "%s: zlib failed\n", argv[k]); return 1; }
    files += size;
    zlib6 += out;
    n++;
    free(raw);
    free(dst);
  }
  if (n == 0) { fprintf(stderr, "usage: png-zlib6 FILE.png...\n"); return 2; }
  printf("%d images: files %.0f bytes/image, zlib 6 on the same pixels %.0f bytes/image (data only): %.3fx\n",
         n, files / n, zlib6 / n, files / zlib6);
  return 0;
}
