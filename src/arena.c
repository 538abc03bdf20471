/*
** arena.c — chunked bump allocator (see arena.h).
** Invariant: every chunk's payload is max_align_t aligned and zeroed on
** allocation; large requests get a chunk of their own.
*/
#include "arena.h"

#include <stdalign.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct cj_chunk {
    cj_chunk *next;
    size_t size, used;
    alignas(max_align_t) unsigned char data[];
};

enum { CHUNK_SIZE = 64 * 1024 };

long cj_fail_alloc_after;

void *cj_malloc(size_t n) {
    if (cj_fail_alloc_after > 0 && --cj_fail_alloc_after == 0) return NULL;
    return malloc(n);
}

void *cj_xrealloc(void *p, size_t n) {
    void *q = realloc(p, n ? n : 1);
    if (!q) cj_arena_oom(NULL);
    return q;
}

void *cj_xcalloc(size_t n, size_t size) {
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p) cj_arena_oom(NULL);
    return p;
}

void cj_arena_init(cj_arena *a) { memset(a, 0, sizeof *a); }

void cj_arena_free(cj_arena *a) {
    cj_chunk *c = a->head;
    while (c) {
        cj_chunk *next = c->next;
        free(c);
        c = next;
    }
    a->head = NULL;
    a->total = 0;
}

_Noreturn void cj_arena_oom(cj_arena *a) {
    if (a && a->oom) longjmp(*a->oom, 1);
    fputs("cjmap: out of memory\n", stderr);
    abort();
}

void *cj_arena_alloc(cj_arena *a, size_t n) {
    const size_t align = alignof(max_align_t);
    if (n > SIZE_MAX / 2) cj_arena_oom(a);
    n = (n + align - 1) & ~(align - 1);
    if (n == 0) n = align;
    cj_chunk *c = a->head;
    if (!c || c->size - c->used < n) {
        size_t size = n > CHUNK_SIZE / 4 ? n : CHUNK_SIZE;
        cj_chunk *nc = cj_malloc(sizeof *nc + size);
        if (!nc) cj_arena_oom(a);
        nc->size = size;
        nc->used = 0;
        a->total += sizeof *nc + size;
        if (size == n && c) { /* a big block: keep filling the current chunk */
            nc->next = c->next;
            c->next = nc;
        } else {
            nc->next = c;
            a->head = nc;
        }
        c = nc;
    }
    void *p = c->data + c->used;
    c->used += n;
    memset(p, 0, n);
    return p;
}

void *cj_arena_array(cj_arena *a, size_t count, size_t size) {
    if (size && count > SIZE_MAX / 2 / size) cj_arena_oom(a);
    return cj_arena_alloc(a, count * size);
}

void *cj_arena_grow(cj_arena *a, void *old, size_t old_count, size_t new_count, size_t size) {
    void *p = cj_arena_array(a, new_count, size);
    if (old && old_count) memcpy(p, old, old_count * size);
    return p;
}

char *cj_arena_strndup(cj_arena *a, const char *s, size_t n) {
    char *p = cj_arena_alloc(a, n + 1);
    if (n) memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *cj_arena_vprintf(cj_arena *a, const char *fmt, va_list ap) {
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0) n = 0;
    char *p = cj_arena_alloc(a, (size_t)n + 1);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    return p;
}

char *cj_arena_printf(cj_arena *a, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    char *p = cj_arena_vprintf(a, fmt, ap);
    va_end(ap);
    return p;
}
