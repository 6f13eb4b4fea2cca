#ifndef PLMKIT_CZLIB_SHIM_H
#define PLMKIT_CZLIB_SHIM_H
#include <zlib.h>
#endif
