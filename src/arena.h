/*
** arena.h — bump allocator: one owner for every allocation of a journey.
**
** All memory comes zeroed.  Nothing is freed alone; cj_arena_free() frees
** everything.  Out of memory never returns NULL: the arena longjmps to the
** jmp_buf installed with cj_arena_on_oom() (cjmap_journey_load() turns that
** into a NULL return after releasing everything), or aborts with a message
** when none is installed.
*/
#ifndef CJ_ARENA_H
#define CJ_ARENA_H
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

typedef struct cj_chunk cj_chunk;
typedef struct cj_arena {
    cj_chunk *head;  /* newest chunk first */
    jmp_buf *oom;    /* where to go when malloc fails; NULL: abort */
    size_t total;    /* bytes obtained from malloc (for limits and tests) */
} cj_arena;

void cj_arena_init(cj_arena *a);
void cj_arena_free(cj_arena *a);
void *cj_arena_alloc(cj_arena *a, size_t n);                 /* zeroed, max-aligned */
void *cj_arena_array(cj_arena *a, size_t count, size_t size); /* overflow-checked */
/* Grows an arena array from old_count to new_count elements (copying). */
void *cj_arena_grow(cj_arena *a, void *old, size_t old_count, size_t new_count, size_t size);
char *cj_arena_strndup(cj_arena *a, const char *s, size_t n); /* NUL-terminated copy */
char *cj_arena_printf(cj_arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *cj_arena_vprintf(cj_arena *a, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* Called on allocation failure: longjmps or aborts; never returns. */
_Noreturn void cj_arena_oom(cj_arena *a);

/* malloc-family allocations outside an arena (layout, display list,
 * measurers): never NULL; out of memory ends the process with a message,
 * the same policy as an arena without a jmp_buf. */
void *cj_xrealloc(void *p, size_t n);
void *cj_xcalloc(size_t n, size_t size);

#define CJ_NEW(a, T) ((T *)cj_arena_alloc((a), sizeof(T)))
#define CJ_NEW_ARRAY(a, n, T) ((T *)cj_arena_array((a), (n), sizeof(T)))

/* Test hook for the allocation-failure injector (tests/unit/test_oom.c):
 * when > 0, the n-th following allocation fails.  Compiled in always; costs
 * one comparison per malloc. */
extern long cj_fail_alloc_after;
void *cj_malloc(size_t n);
#endif
