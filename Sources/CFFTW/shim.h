#ifndef PLMKIT_CFFTW_SHIM_H
#define PLMKIT_CFFTW_SHIM_H
// Included before any <complex.h> so that fftw_complex imports as double[2].
#include <fftw3.h>

/// `fftw_version` is an unsized C array that Swift cannot import; this returns it as a pointer.
static inline const char *plmkit_fftw_version(void) { return fftw_version; }
#endif
