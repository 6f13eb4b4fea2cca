#ifndef PLMKIT_CISAL_SHIM_H
#define PLMKIT_CISAL_SHIM_H
// Intel ISA-L (libisal-dev), found by pkg-config ("libisal"), which also supplies -lisal.
// No `link` line in the module map: when ISA-L is not installed the build goes on and
// CInflate compiles its zlib path only (it tests __has_include(<isa-l.h>) itself).
#if __has_include(<isa-l.h>)
#include <isa-l.h>
#endif
#endif
