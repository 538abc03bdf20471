/* strmap.c — see strmap.h.  FNV-1a hashing, linear probing, load <= 1/2. */
#include "strmap.h"

#include <string.h>

void cj_strmap_init(cj_strmap *m, cj_arena *a) { memset(m, 0, sizeof *m), m->arena = a; }

static uint64_t hash(const char *s, size_t n) {
    uint64_t h = 1469598103934665603u;
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 1099511628211u;
    return h;
}

static cj_strmap_slot *find(const cj_strmap *m, const char *key, size_t len) {
    size_t i = (size_t)hash(key, len) & (m->cap - 1);
    for (;;) {
        cj_strmap_slot *s = &m->slots[i];
        if (!s->key || (s->len == len && memcmp(s->key, key, len) == 0)) return s;
        i = (i + 1) & (m->cap - 1);
    }
}

static void grow(cj_strmap *m) {
    size_t oldcap = m->cap;
    cj_strmap_slot *old = m->slots;
    m->cap = oldcap ? oldcap * 2 : 16;
    m->slots = CJ_NEW_ARRAY(m->arena, m->cap, cj_strmap_slot);
    for (size_t i = 0; i < oldcap; i++)
        if (old[i].key) *find(m, old[i].key, old[i].len) = old[i];
}

bool cj_strmap_put(cj_strmap *m, const char *key, size_t len, int64_t value, int64_t *old) {
    if ((m->n + 1) * 2 > m->cap) grow(m);
    cj_strmap_slot *s = find(m, key, len);
    if (s->key) {
        if (old) *old = s->value;
        return false;
    }
    s->key = key, s->len = len, s->value = value;
    m->n++;
    return true;
}

void cj_strmap_set(cj_strmap *m, const char *key, size_t len, int64_t value) {
    if ((m->n + 1) * 2 > m->cap) grow(m);
    cj_strmap_slot *s = find(m, key, len);
    if (!s->key) m->n++;
    s->key = key, s->len = len, s->value = value;
}

bool cj_strmap_get(const cj_strmap *m, const char *key, size_t len, int64_t *value) {
    if (!m->cap) return false;
    const cj_strmap_slot *s = find(m, key, len);
    if (!s->key) return false;
    if (value) *value = s->value;
    return true;
}
