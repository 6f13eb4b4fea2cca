// See include/plm_inflate.h. ISA-L is compiled in when its header is reachable (CISAL's
// pkg-config supplies the include path and -lisal); PLM_WITHOUT_ISAL forces the zlib-only build.
#include "plm_inflate.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#if __has_include(<isa-l.h>) && !defined(PLM_WITHOUT_ISAL)
#include <isa-l.h>
#define PLM_HAVE_ISAL 1
#else
#define PLM_HAVE_ISAL 0
#endif

struct plm_inflater {
    int uses_isal;
    char description[48];
    const char *message;
    z_stream zlib;
#if PLM_HAVE_ISAL
    struct inflate_state *isal;
#endif
};

int plm_inflater_isal_built(void) { return PLM_HAVE_ISAL; }

plm_inflater *plm_inflater_create(int prefer_isal) {
    plm_inflater *inflater = calloc(1, sizeof(plm_inflater));
    if (inflater == NULL) return NULL;
    inflater->message = "no error";
#if PLM_HAVE_ISAL
    if (prefer_isal) {
        inflater->isal = malloc(sizeof(struct inflate_state));
        if (inflater->isal == NULL) { free(inflater); return NULL; }
        isal_inflate_init(inflater->isal);
        inflater->isal->crc_flag = ISAL_GZIP;
        inflater->uses_isal = 1;
        snprintf(inflater->description, sizeof inflater->description, "ISA-L %d.%d.%d",
                 ISAL_MAJOR_VERSION, ISAL_MINOR_VERSION, ISAL_PATCH_VERSION);
        return inflater;
    }
#else
    (void)prefer_isal;
#endif
    // 16 + 15: a gzip wrapper (only) around a 32 KiB window.
    if (inflateInit2(&inflater->zlib, 16 + MAX_WBITS) != Z_OK) { free(inflater); return NULL; }
    snprintf(inflater->description, sizeof inflater->description, "zlib %s", zlibVersion());
    return inflater;
}

void plm_inflater_destroy(plm_inflater *inflater) {
    if (inflater == NULL) return;
#if PLM_HAVE_ISAL
    if (inflater->uses_isal) {
        free(inflater->isal);
        free(inflater);
        return;
    }
#endif
    inflateEnd(&inflater->zlib);
    free(inflater);
}

const char *plm_inflater_description(const plm_inflater *inflater) { return inflater->description; }

const char *plm_inflater_message(const plm_inflater *inflater) { return inflater->message; }

int plm_inflater_start_member(plm_inflater *inflater) {
#if PLM_HAVE_ISAL
    if (inflater->uses_isal) {
        isal_inflate_reset(inflater->isal);
        inflater->isal->crc_flag = ISAL_GZIP;
        return 0;
    }
#endif
    return inflateReset(&inflater->zlib) == Z_OK ? 0 : -1;
}

#if PLM_HAVE_ISAL
static const char *plm_isal_message(int code) {
    switch (code) {
    case ISAL_INVALID_BLOCK: return "invalid deflate block";
    case ISAL_INVALID_SYMBOL: return "invalid deflate symbol";
    case ISAL_INVALID_LOOKBACK: return "invalid back-reference distance";
    case ISAL_INVALID_WRAPPER: return "invalid gzip header";
    case ISAL_UNSUPPORTED_METHOD: return "compression method is not deflate";
    case ISAL_INCORRECT_CHECKSUM: return "incorrect CRC-32 or length in the gzip trailer";
    case ISAL_NEED_DICT: return "a preset dictionary is needed";
    default: return "corrupt deflate data";
    }
}

static plm_inflate_status plm_inflate_isal(
    plm_inflater *inflater, const uint8_t *input, uint32_t input_bytes, size_t *input_used,
    uint8_t *output, uint32_t output_bytes, size_t *output_made) {
    struct inflate_state *state = inflater->isal;
    state->next_in = (uint8_t *)input;
    state->avail_in = input_bytes;
    state->next_out = output;
    state->avail_out = output_bytes;
    int code = isal_inflate(state);
    *input_used = input_bytes - state->avail_in;
    *output_made = output_bytes - state->avail_out;
    if (code < 0) {
        inflater->message = plm_isal_message(code);
        return PLM_INFLATE_ERROR;
    }
    return state->block_state == ISAL_BLOCK_FINISH ? PLM_INFLATE_MEMBER_END : PLM_INFLATE_PROGRESS;
}
#endif

plm_inflate_status plm_inflate(
    plm_inflater *inflater, const uint8_t *input, size_t input_bytes, size_t *input_used,
    uint8_t *output, size_t output_bytes, size_t *output_made) {
    // Both libraries count in 32 bits; the caller calls again for the rest.
    uint32_t in_bytes = input_bytes > UINT_MAX ? UINT_MAX : (uint32_t)input_bytes;
    uint32_t out_bytes = output_bytes > UINT_MAX ? UINT_MAX : (uint32_t)output_bytes;
#if PLM_HAVE_ISAL
    if (inflater->uses_isal) {
        return plm_inflate_isal(inflater, input, in_bytes, input_used, output, out_bytes, output_made);
    }
#endif
    z_stream *stream = &inflater->zlib;
    stream->next_in = (Bytef *)input;
    stream->avail_in = in_bytes;
    stream->next_out = output;
    stream->avail_out = out_bytes;
    int code = inflate(stream, Z_NO_FLUSH);
    *input_used = in_bytes - stream->avail_in;
    *output_made = out_bytes - stream->avail_out;
    switch (code) {
    case Z_OK:
    case Z_BUF_ERROR:  // no progress possible without more input or room: not an error here
        return PLM_INFLATE_PROGRESS;
    case Z_STREAM_END:
        return PLM_INFLATE_MEMBER_END;
    case Z_NEED_DICT:
        inflater->message = "a preset dictionary is needed";
        return PLM_INFLATE_ERROR;
    case Z_MEM_ERROR:
        inflater->message = "out of memory";
        return PLM_INFLATE_ERROR;
    default:
        inflater->message = stream->msg != NULL ? stream->msg : "corrupt deflate data";
        return PLM_INFLATE_ERROR;
    }
}
