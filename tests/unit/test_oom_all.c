/*
** test_oom_all.c — allocation-failure injection over parse and validate,
** covering libyaml's own allocations as well as cjmap's.
**
** malloc, calloc, realloc and free are interposed (ELF symbol interposition
** reaches libyaml.so too) and forwarded to glibc's __libc_* functions.  For
** n = 1, 2, ... the n-th allocation fails; each load must then return NULL
** or a complete journey, and after freeing it the number of live blocks must
** be back where it was: no leak on any failure path.  ASan brings its own
** malloc, so this test runs in the plain build only (the ASan build of
** test_core covers cjmap's allocations there).
*/
#include "harness.h"

#include <cjmap.h>
#include <stdlib.h>

#if defined(__SANITIZE_ADDRESS__)
int main(void) { return 0; }
#else
extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void __libc_free(void *);

static long fail_at;      /* the allocation number that fails; 0: none */
static long allocations;  /* allocations since counting started */
static long live;         /* blocks allocated and not freed */

static int should_fail(void) { return fail_at && ++allocations == fail_at; }

void *malloc(size_t n) {
    if (should_fail()) return NULL;
    void *p = __libc_malloc(n);
    if (p) live++;
    return p;
}
void *calloc(size_t a, size_t b) {
    if (should_fail()) return NULL;
    void *p = __libc_calloc(a, b);
    if (p) live++;
    return p;
}
void *realloc(void *old, size_t n) {
    if (!old) return malloc(n);
    if (n == 0) {
        free(old);
        return NULL;
    }
    if (should_fail()) return NULL;
    return __libc_realloc(old, n);
}
void free(void *p) {
    if (p) live--, __libc_free(p);
}

static const char text[] =
    "title: T\n"
    "segment: {name: S, goals: &g [a, b]}\n"
    "phases:\n"
    "  - {id: p, name: P, actions: *g, metrics: {NPS: 3}}\n"
    "  - {name: Q, statement: \"I \\u00e6 \\u00f8\"}\n"
    "touchpoints:\n"
    "  - &t {name: W, channel: web, phases: {p: Buy, Q: ~}}\n"
    "  - {<<: *t, name: X}\n"
    "experiences: [{phase: p, text: x, score: 9}, {phase: q, text: y}]\n"
    "pains: [{phase: Q, text: z, touchpoint: W}]\n"
    "bogus: 1\n";

int main(void) {
    int nulls = 0, complete = 0, leaks = 0;
    long n;
    for (n = 1; n < 5000; n++) {
        long before = live;
        allocations = 0;
        fail_at = n;
        cjmap_journey *j = cjmap_journey_load("oom.yaml", text, sizeof text - 1, NULL);
        int hit = allocations >= n;
        fail_at = 0;
        if (j) {
            complete++;
            if (cjmap_journey_error_count(j) == 0) leaks += 1000; /* the input has errors */
        } else {
            nulls++;
        }
        cjmap_journey_free(j);
        if (live != before) leaks++;
        if (!hit) break; /* the whole load ran without reaching the n-th allocation */
    }
    CHECK("oom (libyaml too): some loads failed cleanly", nulls > 0);
    CHECK("oom (libyaml too): some loads completed with diagnostics", complete > 0);
    CHECK_INT("oom (libyaml too): no leaked blocks on any path", leaks, 0);
    CHECK("oom (libyaml too): every allocation tried", n < 5000);
    printf("# %ld allocation sites tried, %d NULL, %d complete\n", n - 1, nulls, complete);
    TEST_END();
}
#endif
