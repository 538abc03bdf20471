/*
** fuzz_lsp.c — libFuzzer target for the language server's message reader
** (`make fuzz-lsp FUZZ_SECONDS=N`): any bytes, fed in two pieces split
** where the first byte says, then the end of the stream.  Everything the
** server writes must be a whole framed message; it must never crash, hang
** or leak.  Seeds: tests/fuzz/lsp (framed sessions).
*/
#include "lsp_sink.h"

#include <cjmap_lsp.h>

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    sink s = {0};
    cjmap_options o = {.max_input = 1u << 20};
    cjmap_lsp *l = cjmap_lsp_new(&o, sink_write, NULL, &s);
    if (!l) return 0;
    size_t cut = size ? data[0] % (size + 1) : 0;
    if (cjmap_lsp_feed(l, (const char *)data, cut)) {
        cjmap_lsp_flush(l);
        if (cjmap_lsp_feed(l, (const char *)data + cut, size - cut)) cjmap_lsp_flush(l);
    }
    cjmap_lsp_eof(l);
    if (!cjmap_lsp_done(l) || s.expect) abort();
    cjmap_lsp_free(l);
    return 0;
}
