#ifndef PLMKIT_INFLATE_H
#define PLMKIT_INFLATE_H
// Streaming gzip inflate for PLMReaders: Intel ISA-L's isal_inflate when ISA-L was found at build
// time, zlib's inflate otherwise (or when asked). One gzip member at a time with bounded buffers
// (the caller's); the state lives on the heap. Not thread-safe: one inflater per stream.
#include <stddef.h>
#include <stdint.h>

typedef struct plm_inflater plm_inflater;

/// What one call of plm_inflate did.
typedef enum {
    /// Input was consumed and/or output made (possibly neither when more input is needed).
    PLM_INFLATE_PROGRESS = 0,
    /// The member's deflate data and trailer (CRC-32, size) are complete and checked.
    PLM_INFLATE_MEMBER_END = 1,
    /// Corrupt data: plm_inflater_message says what.
    PLM_INFLATE_ERROR = -1,
} plm_inflate_status;

/// 1 when this build can inflate with ISA-L, else 0.
int plm_inflater_isal_built(void);

/// A new inflater ready for a member's gzip header; ISA-L when `prefer_isal` and built with it.
/// NULL when memory is short.
plm_inflater *plm_inflater_create(int prefer_isal);
void plm_inflater_destroy(plm_inflater *inflater);

/// The library inflating, with its version, e.g. "ISA-L 2.30.0" or "zlib 1.2.13".
const char *plm_inflater_description(const plm_inflater *inflater);

/// Forgets the finished member; the next bytes are a new member's gzip header. 0 on success.
int plm_inflater_start_member(plm_inflater *inflater);

/// Inflates from `input` into `output`, telling how many bytes were used and made.
plm_inflate_status plm_inflate(
    plm_inflater *inflater, const uint8_t *input, size_t input_bytes, size_t *input_used,
    uint8_t *output, size_t output_bytes, size_t *output_made);

/// The last error, as the library words it.
const char *plm_inflater_message(const plm_inflater *inflater);

#endif
