/*
** edit.c — an editor's questions (cjmap_edit.h): the outline and the
** references (gathered by model.c while it validates), and what the text
** at a position is, found by walking the syntax tree with the format's key
** tables, the same tables the validator walks.
*/
#include "journey.h"
#include "keys.h"

#include <cjmap_edit.h>

#include <stdlib.h>
#include <string.h>

const cjmap_keydef *cjmap_objdef_key(const cjmap_objdef *def, const char *name, size_t len) {
    for (size_t i = 0; def && i < def->n; i++)
        if (strlen(def->keys[i].name) == len && memcmp(def->keys[i].name, name, len) == 0)
            return &def->keys[i];
    return NULL;
}

const char *cjmap_symbol_list_key(cjmap_symbol_kind k) {
    static const char *const key[CJMAP_SYM_COUNT] = {[CJMAP_SYM_SEGMENT] = "segment",
                                                     [CJMAP_SYM_LANE] = "lanes",
                                                     [CJMAP_SYM_PHASE] = "phases",
                                                     [CJMAP_SYM_TOUCHPOINT] = "touchpoints",
                                                     [CJMAP_SYM_EXPERIENCE] = "experiences",
                                                     [CJMAP_SYM_PAIN] = "pains",
                                                     [CJMAP_SYM_OPPORTUNITY] = "opportunities",
                                                     [CJMAP_SYM_BACKSTAGE] = "backstage",
                                                     [CJMAP_SYM_SUPPORT] = "support"};
    return (unsigned)k < CJMAP_SYM_COUNT ? key[k] : NULL;
}

const cjmap_symbol *cjmap_journey_symbols(const cjmap_journey *j, size_t *n) {
    static const cjmap_symbol none;
    *n = j->root ? j->index.n_syms : 0;
    return j->root ? (j->index.syms ? j->index.syms : &none) : NULL;
}

const cjmap_ref *cjmap_journey_refs(const cjmap_journey *j, size_t *n) {
    static const cjmap_ref none;
    *n = j->root ? j->index.n_refs : 0;
    return j->root ? (j->index.refs ? j->index.refs : &none) : NULL;
}

char *cjmap_yaml_text(const char *s, size_t len, bool flow) {
    cj_arena a;
    cj_arena_init(&a);
    jmp_buf oom;
    if (setjmp(oom)) {
        cj_arena_free(&a);
        return NULL;
    }
    a.oom = &oom;
    const char *t = cj_yaml_text(&a, s, len, flow);
    char *out = strdup(t);
    cj_arena_free(&a);
    return out;
}

/* ---- what is at a position -------------------------------------------- */

/* Whether (line, col) is on the span, its end included (a cursor right
 * after a word is on it). */
static bool on(cjmap_span s, uint32_t line, uint32_t col) {
    if (s.line == 0 || line < s.line || (line == s.line && col < s.col)) return false;
    return line < s.end_line || (line == s.end_line && col <= s.end_col);
}

typedef struct where {
    uint32_t line, col;
    cjmap_place *out;
} where;

static bool found_scalar(where *w, const cj_node *n, cjmap_place_role role, const cjmap_keydef *k,
                         bool flow) {
    if (n->kind != CJ_SCALAR || !on(n->span, w->line, w->col)) return false;
    w->out->role = role;
    w->out->key = k;
    w->out->span = n->span;
    w->out->text = n->str;
    w->out->quoted = n->style != CJ_PLAIN;
    w->out->flow = flow;
    return true;
}

static bool in_object(where *w, const cjmap_objdef *def, const cj_node *map);

/* In the value v of key k (NULL: a key the format does not know). */
static bool in_value(where *w, const cjmap_keydef *k, const cj_node *v, bool flow) {
    if (!on(v->span, w->line, w->col)) return false;
    if (v->kind == CJ_SCALAR) return found_scalar(w, v, CJMAP_AT_VALUE, k, flow);
    if (!k) return false;
    if (v->kind == CJ_SEQ) {
        for (size_t i = 0; i < v->n; i++) {
            const cj_node *it = v->items[i];
            if (!on(it->span, w->line, w->col)) continue;
            if (it->kind == CJ_MAP && k->obj) return in_object(w, k->obj, it);
            if (it->kind == CJ_SCALAR) return found_scalar(w, it, CJMAP_AT_ITEM, k, v->flow);
            return false;
        }
        return false;
    }
    /* A mapping: an object, or a map of names (phase -> purpose, lane -> texts). */
    if (k->kind == CJMAP_V_OBJ && k->obj) return in_object(w, k->obj, v);
    for (size_t i = 0; i < v->n; i++) {
        const cj_node *key = v->pairs[i].key, *val = v->pairs[i].value;
        if (found_scalar(w, key, CJMAP_AT_MAP_KEY, k, v->flow)) return true;
        if (!on(val->span, w->line, w->col)) continue;
        if (val->kind == CJ_SEQ) {
            for (size_t j = 0; j < val->n; j++)
                if (found_scalar(w, val->items[j], CJMAP_AT_MAP_VALUE, k, val->flow)) return true;
            return false;
        }
        return found_scalar(w, val, CJMAP_AT_MAP_VALUE, k, v->flow);
    }
    return false;
}

static bool in_object(where *w, const cjmap_objdef *def, const cj_node *map) {
    if (map->kind != CJ_MAP || !on(map->span, w->line, w->col)) return false;
    uint32_t present = 0;
    for (size_t i = 0; i < map->n; i++) {
        const cj_node *key = map->pairs[i].key;
        const cjmap_keydef *k =
            key->kind == CJ_SCALAR ? cjmap_objdef_key(def, key->str, key->len) : NULL;
        if (k && k - def->keys < 32) present |= 1u << (k - def->keys);
    }
    for (size_t i = 0; i < map->n; i++) {
        const cj_node *key = map->pairs[i].key, *val = map->pairs[i].value;
        const cjmap_keydef *k =
            key->kind == CJ_SCALAR ? cjmap_objdef_key(def, key->str, key->len) : NULL;
        w->out->object = def;
        w->out->present = present;
        if (found_scalar(w, key, CJMAP_AT_KEY, k, map->flow)) return true;
        if (in_value(w, k, val, map->flow)) return true;
    }
    w->out->object = def;
    w->out->present = present;
    return false;
}

bool cjmap_journey_place(const cjmap_journey *j, uint32_t line, uint32_t col, cjmap_place *out) {
    *out = (cjmap_place){.role = CJMAP_AT_NOTHING};
    if (!j->root) return false;
    where w = {line, col, out};
    if (in_object(&w, &cjmap_journey_format, j->root)) return true;
    const cjmap_objdef *obj = out->object;
    uint32_t present = out->present;
    *out = (cjmap_place){.role = CJMAP_AT_NOTHING, .object = obj, .present = present};
    return false;
}
