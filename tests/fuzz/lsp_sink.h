/*
** lsp_sink.h — what the language-server fuzz targets check in the server's
** output: each write is a header "Content-Length: N\r\n\r\n" or the N
** bytes of body after it, in that order, and every body is JSON.
*/
#ifndef CJ_FUZZ_LSP_SINK_H
#define CJ_FUZZ_LSP_SINK_H
#include <jansson.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

typedef struct sink {
    size_t expect; /* a body of this length comes next (0: a header) */
    size_t bodies; /* messages written */
} sink;

static bool sink_write(void *closure, const char *d, size_t n) {
    sink *s = closure;
    if (s->expect) {
        if (n != s->expect) abort();
        json_t *j = json_loadb(d, n, 0, NULL);
        if (!j) abort();
        json_decref(j);
        s->expect = 0;
        s->bodies++;
        return true;
    }
    if (n < 20 || strncmp(d, "Content-Length: ", 16) != 0 || memcmp(d + n - 4, "\r\n\r\n", 4))
        abort();
    s->expect = strtoul(d + 16, NULL, 10);
    if (!s->expect) abort();
    return true;
}
#endif
