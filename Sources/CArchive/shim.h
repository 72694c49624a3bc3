#ifndef MATHGEN_CARCHIVE_SHIM_H
#define MATHGEN_CARCHIVE_SHIM_H
#include <archive.h>
#include <archive_entry.h>
#endif
