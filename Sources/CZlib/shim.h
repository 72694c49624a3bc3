#ifndef MATHGEN_CZLIB_SHIM_H
#define MATHGEN_CZLIB_SHIM_H
#include <zlib.h>
#endif
