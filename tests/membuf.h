/*
** membuf.h — a growable byte buffer for tests: a cjmap_write_fn that
** collects output (a layout dump, a PDF, an SVG) in memory, always
** NUL-terminated so it can be searched as a string.  Free p with free().
*/
#ifndef CJ_TEST_MEMBUF_H
#define CJ_TEST_MEMBUF_H
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

typedef struct membuf {
    char *p;
    size_t n, cap;
} membuf;

static inline bool membuf_write(void *c, const unsigned char *d, size_t n) {
    membuf *b = c;
    if (b->n + n + 1 > b->cap) {
        b->cap = (b->n + n + 1) * 2;
        char *p = realloc(b->p, b->cap);
        if (!p) return false;
        b->p = p;
    }
    memcpy(b->p + b->n, d, n);
    b->n += n;
    b->p[b->n] = 0;
    return true;
}
#endif
