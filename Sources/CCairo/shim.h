#ifndef MATHGEN_CCAIRO_SHIM_H
#define MATHGEN_CCAIRO_SHIM_H
#include <cairo.h>
#endif
