#ifndef MATHGEN_CDEFLATE_SHIM_H
#define MATHGEN_CDEFLATE_SHIM_H
#include <libdeflate.h>
#endif
