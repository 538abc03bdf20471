/*
** fuzz_lsp.c — libFuzzer target for the language server's message reader
** (`make fuzz-lsp FUZZ_SECONDS=N`): any bytes, fed in two pieces split
** where the first byte says, then the end of the stream.  Everything the
** server writes must be a whole framed message; it must never crash, hang
** or leak.  Seeds: tests/fuzz/lsp (framed sessions).
*/
#include <cjmap_lsp.h>

#include <stdlib.h>
#include <string.h>

/* What came out: each write is "Content-Length: N\r\n\r\n" or N bytes of
 * body, in that order. */
typedef struct sink {
    size_t expect; /* a body of this length comes next (0: a header) */
} sink;

static bool out(void *closure, const char *d, size_t n) {
    sink *s = closure;
    if (s->expect) {
        if (n != s->expect) abort();
        s->expect = 0;
        return true;
    }
    if (n < 20 || strncmp(d, "Content-Length: ", 16) != 0 || memcmp(d + n - 4, "\r\n\r\n", 4))
        abort();
    s->expect = strtoul(d + 16, NULL, 10);
    if (!s->expect) abort();
    return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    sink s = {0};
    cjmap_options o = {.max_input = 1u << 20};
    cjmap_lsp *l = cjmap_lsp_new(&o, out, NULL, &s);
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
