/* Own guard: OpenBLAS's cblas.h already uses CBLAS_H. */
#ifndef MATHGEN_COPENBLAS_SHIM_H
#define MATHGEN_COPENBLAS_SHIM_H
#include <cblas.h>
#endif
