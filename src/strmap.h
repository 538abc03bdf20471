/*
** strmap.h — a string -> index hash map in an arena (open addressing).
** Used for anchors and for resolving phase/touchpoint references in
** O(1), so hostile inputs with 100,000 keys stay linear.
*/
#ifndef CJ_STRMAP_H
#define CJ_STRMAP_H
#include "arena.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct cj_strmap_slot {
    const char *key; /* NULL: empty */
    size_t len;
    int64_t value;
} cj_strmap_slot;

typedef struct cj_strmap {
    cj_arena *arena;
    cj_strmap_slot *slots;
    size_t cap, n; /* cap is a power of two */
} cj_strmap;

void cj_strmap_init(cj_strmap *m, cj_arena *a);
/* Inserts key -> value unless present; returns the existing slot's value
 * through *old and false when the key was already there.  The key is not
 * copied: it must live as long as the map. */
bool cj_strmap_put(cj_strmap *m, const char *key, size_t len, int64_t value, int64_t *old);
/* Sets key -> value, replacing any previous value. */
void cj_strmap_set(cj_strmap *m, const char *key, size_t len, int64_t value);
bool cj_strmap_get(const cj_strmap *m, const char *key, size_t len, int64_t *value);
#endif
