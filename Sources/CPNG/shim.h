#ifndef MATHGEN_CPNG_SHIM_H
#define MATHGEN_CPNG_SHIM_H
#include <png.h>
#endif
