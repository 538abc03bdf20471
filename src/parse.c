/*
** parse.c — libyaml events -> cj_node tree (parse.h).
**
** Implementation notes
** - One pass over libyaml's event stream with an explicit stack of open
**   collections (no recursion on user-controlled depth).  Depth is checked
**   when a collection opens, before libyaml goes deeper.
** - Positions: libyaml marks carry a character index; cj_source converts
**   it to line/column once, here.  Nothing else sees libyaml marks.
** - Aliases share the anchored node.  Every node knows its subtree weight
**   (aliases expanded); the sum of the weights of all alias targets is the
**   number of nodes the aliases expand to, capped by CJMAP_MAX_ALIAS_NODES,
**   so an alias bomb is rejected after a few dozen events.
** - A map is finished when it closes: duplicate keys are found by sorting
**   (O(n log n) even for hostile inputs), then merge keys are applied.
** - libyaml objects live in a cj_parse_live block registered with the
**   caller, so an out-of-memory longjmp can still release them.
*/
#include "parse.h"

#include "parse_hint.h"
#include "strmap.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

struct cj_parse_live {
    yaml_parser_t parser;
    yaml_event_t event;
    bool parser_ok, event_ok;
};

void cj_parse_release(cj_parse_live *live) {
    if (!live) return;
    if (live->event_ok) yaml_event_delete(&live->event);
    if (live->parser_ok) yaml_parser_delete(&live->parser);
    free(live);
}

typedef struct frame {
    cj_node *node;
    cj_node **kids; /* maps: key, value, key, value, ... */
    size_t n, cap;
    bool anchored; /* an anchor names this node (open until it closes) */
} frame;

typedef struct parser {
    cj_arena *a;
    const cj_source *src;
    cj_diags *d;
    frame *stack;
    size_t depth, stack_cap;
    cj_strmap anchors; /* anchor name -> index into nodes_by_anchor */
    cj_node **anchored;
    bool *anchor_open;
    size_t n_anchored, cap_anchored;
    uint64_t alias_total;
    cj_node *root;
    int documents;
    cj_source_cursor cur;   /* positions of events, which come in source order */
    const cj_node *runaway; /* the latest quoted text that ran on over lines indented no
                             * more than its own: most likely a quote left open */
    bool failed; /* an unrecoverable YAML-level error: no tree is returned.
                  * Recoverable ones (duplicate or non-scalar keys, a bad merge,
                  * an undefined alias) are diagnosed and the tree is still
                  * returned, so validation reports the file's other errors. */
} parser;

static const uint64_t WEIGHT_CAP = (uint64_t)1 << 40;

static uint64_t add_weight(uint64_t a, uint64_t b) {
    uint64_t s = a + b;
    return s > WEIGHT_CAP ? WEIGHT_CAP : s;
}

static cjmap_span mark_span(const parser *p, const yaml_mark_t *s, const yaml_mark_t *e) {
    return cj_source_span_chars(p->src, s->index, e->index);
}

/* A node's span and byte offsets from libyaml's marks. */
static void mark_node(parser *p, cj_node *n, const yaml_mark_t *s, const yaml_mark_t *e) {
    size_t from, to;
    cj_source_locate(p->src, &p->cur, s->index, &n->span.line, &n->span.col, &from);
    cj_source_locate(p->src, &p->cur, e->index, &n->span.end_line, &n->span.end_col, &to);
    n->off = (uint32_t)from, n->end = (uint32_t)to; /* inputs are < 4 GiB (journey.c) */
}

static cjmap_span point(cjmap_span s) {
    s.end_line = s.line;
    s.end_col = s.col + 1;
    return s;
}

static const char *kind_name(const cj_node *n) {
    return n->kind == CJ_MAP ? "a mapping" : n->kind == CJ_SEQ ? "a list" : "a text";
}

/* ---- building -------------------------------------------------------- */

static void add_child(parser *p, cj_node *child) {
    if (p->depth == 0) {
        if (!p->root) p->root = child;
        return;
    }
    frame *f = &p->stack[p->depth - 1];
    if (f->node->kind == CJ_MAP && f->n % 2 == 0 && child->kind != CJ_SCALAR) {
        cj_diag(p->d, CJMAP_ERROR, point(child->span), "non-scalar-key", NULL,
                "a key must be a plain name; found %s used as a key", kind_name(child));
        /* recoverable: finish_map drops the pair, validation goes on */
    }
    if (f->n == f->cap) {
        size_t nc = f->cap ? f->cap * 2 : 8;
        f->kids = cj_arena_grow(p->a, f->kids, f->n, nc, sizeof *f->kids);
        f->cap = nc;
    }
    f->kids[f->n++] = child;
}

static void register_anchor(parser *p, const yaml_char_t *name, cj_node *n, bool open) {
    if (!name) return;
    size_t len = strlen((const char *)name);
    const char *key = cj_arena_strndup(p->a, (const char *)name, len);
    if (p->n_anchored == p->cap_anchored) {
        size_t nc = p->cap_anchored ? p->cap_anchored * 2 : 16;
        p->anchored = cj_arena_grow(p->a, p->anchored, p->n_anchored, nc, sizeof *p->anchored);
        p->anchor_open =
            cj_arena_grow(p->a, p->anchor_open, p->n_anchored, nc, sizeof *p->anchor_open);
        p->cap_anchored = nc;
    }
    p->anchored[p->n_anchored] = n;
    p->anchor_open[p->n_anchored] = open;
    /* YAML lets a later anchor of the same name replace an earlier one. */
    cj_strmap_set(&p->anchors, key, len, (int64_t)p->n_anchored);
    p->n_anchored++;
}

/* A key with its position in the map, sorted to find duplicates and to
 * look keys up by binary search. */
typedef struct keyref {
    const char *str;
    size_t len, i;
} keyref;

static int keycmp(const char *a, size_t alen, const char *b, size_t blen) {
    int c = memcmp(a, b, alen < blen ? alen : blen);
    if (c) return c;
    return alen < blen ? -1 : alen > blen;
}

static int cmp_keyref(const void *pa, const void *pb) {
    const keyref *a = pa, *b = pb;
    int c = keycmp(a->str, a->len, b->str, b->len);
    if (c) return c;
    return a->i < b->i ? -1 : a->i > b->i;
}

static bool is_merge_key(const cj_node *k) {
    return k->kind == CJ_SCALAR && k->style == CJ_PLAIN && !k->tag_str && k->len == 2 &&
           memcmp(k->str, "<<", 2) == 0;
}

static bool has_key(const keyref *refs, size_t n, const cj_node *key) {
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = keycmp(refs[mid].str, refs[mid].len, key->str, key->len);
        if (!c) return true;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return false;
}

/* Spaces, tabs and line breaks from byte i on. */
static size_t skip_blank(const cj_source *src, size_t i) {
    while (i < src->len && (src->bytes[i] == ' ' || src->bytes[i] == '\t' ||
                            src->bytes[i] == '\n' || src->bytes[i] == '\r'))
        i++;
    return i;
}

static void finish_map(parser *p, frame *f) {
    cj_node *m = f->node;
    if (m->flow) /* "{a, b: c}": a key written without ':' has no value */
        for (size_t i = 0; i + 1 < f->n; i += 2) {
            cj_node *k = f->kids[i], *v = f->kids[i + 1];
            size_t at = skip_blank(p->src, k->end);
            k->bare = k->kind == CJ_SCALAR && k->style == CJ_PLAIN && v->kind == CJ_SCALAR &&
                      v->len == 0 && at < p->src->len && p->src->bytes[at] != ':';
        }
    size_t np = 0;
    cj_pair *pairs = CJ_NEW_ARRAY(p->a, f->n / 2 + 1, cj_pair);
    for (size_t i = 0; i + 1 < f->n; i += 2) {
        if (f->kids[i]->kind != CJ_SCALAR) continue; /* diagnosed in add_child */
        pairs[np].key = f->kids[i];
        pairs[np].value = f->kids[i + 1];
        np++;
    }
    /* Duplicate keys: sort by key (then position); in a run of equal keys
     * the first is kept and each later one reported. */
    keyref *refs = CJ_NEW_ARRAY(p->a, np + 1, keyref);
    for (size_t i = 0; i < np; i++) refs[i] = (keyref){pairs[i].key->str, pairs[i].key->len, i};
    if (np > 1) qsort(refs, np, sizeof *refs, cmp_keyref);
    bool *drop = CJ_NEW_ARRAY(p->a, np + 1, bool);
    size_t nu = 0; /* unique keys, compacted at the front of refs */
    for (size_t i = 0; i < np; i++) {
        if (nu && keycmp(refs[nu - 1].str, refs[nu - 1].len, refs[i].str, refs[i].len) == 0) {
            const cj_node *first = pairs[refs[nu - 1].i].key, *dup = pairs[refs[i].i].key;
            cj_diag(p->d, CJMAP_ERROR, dup->span, "duplicate-key", NULL, "duplicate key '%s'",
                    cj_quote(p->a, dup->str, dup->len));
            cj_diag_note(p->d, first->span, "'%s' is first defined here",
                         cj_quote(p->a, first->str, first->len));
            drop[refs[i].i] = true; /* recoverable: the first one is kept */
            continue;
        }
        refs[nu++] = refs[i];
    }
    /* Merge keys: the merged mappings' pairs fill in keys not written here;
     * of several merged mappings the earlier wins (YAML's merge rules). */
    size_t cap = np;
    bool has_merge = false;
    for (size_t i = 0; i < np; i++) {
        if (drop[i] || !is_merge_key(pairs[i].key)) continue;
        has_merge = true;
        const cj_node *v = pairs[i].value;
        if (v->kind == CJ_MAP) cap += v->n;
        if (v->kind == CJ_SEQ)
            for (size_t j = 0; j < v->n; j++)
                if (v->items[j]->kind == CJ_MAP) cap += v->items[j]->n;
    }
    cj_pair *out = has_merge ? CJ_NEW_ARRAY(p->a, cap + 1, cj_pair) : pairs;
    size_t o = 0;
    cj_strmap merged;
    cj_strmap_init(&merged, p->a);
    for (size_t i = 0; i < np; i++) {
        if (drop[i]) continue;
        if (!is_merge_key(pairs[i].key)) {
            out[o++] = pairs[i];
            continue;
        }
        const cj_node *v = pairs[i].value;
        size_t nsrc = v->kind == CJ_SEQ ? v->n : 1;
        for (size_t s = 0; s < nsrc; s++) {
            const cj_node *src = v->kind == CJ_SEQ ? v->items[s] : v;
            if (src->kind != CJ_MAP) {
                /* Point at the '<<' written here, not at the (shared) alias target. */
                cj_diag(p->d, CJMAP_ERROR, pairs[i].key->span, "bad-merge", NULL,
                        "a merge key '<<' takes a mapping or a list of mappings (usually an "
                        "alias such as '*defaults'); found %s",
                        kind_name(src));
                continue;
            }
            for (size_t j = 0; j < src->n; j++) {
                const cj_node *key = src->pairs[j].key;
                if (has_key(refs, nu, key)) continue; /* written here: it wins */
                if (!cj_strmap_put(&merged, key->str, key->len, 1, NULL)) continue;
                out[o++] = src->pairs[j];
            }
        }
    }
    m->pairs = out;
    m->n = o;
}

static void open_collection(parser *p, cj_node_kind kind, const yaml_event_t *ev,
                            const yaml_char_t *anchor) {
    cj_node *n = CJ_NEW(p->a, cj_node);
    n->kind = kind;
    mark_node(p, n, &ev->start_mark, &ev->end_mark);
    n->weight = 1;
    n->flow = kind == CJ_SEQ ? ev->data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE
                             : ev->data.mapping_start.style == YAML_FLOW_MAPPING_STYLE;
    if (p->depth == p->stack_cap) {
        size_t nc = p->stack_cap ? p->stack_cap * 2 : 16;
        p->stack = cj_arena_grow(p->a, p->stack, p->depth, nc, sizeof *p->stack);
        p->stack_cap = nc;
    }
    frame *f = &p->stack[p->depth++];
    memset(f, 0, sizeof *f);
    f->node = n;
    if (anchor) {
        register_anchor(p, anchor, n, true);
        f->anchored = true;
    }
}

static void close_collection(parser *p, const yaml_event_t *ev) {
    frame *f = &p->stack[--p->depth];
    cj_node *n = f->node;
    size_t to;
    cj_source_locate(p->src, &p->cur, ev->end_mark.index, &n->span.end_line, &n->span.end_col, &to);
    n->end = (uint32_t)to;
    for (size_t i = 0; i < f->n; i++) n->weight = add_weight(n->weight, f->kids[i]->weight);
    if (n->kind == CJ_MAP) {
        finish_map(p, f);
    } else {
        n->items = f->kids;
        n->n = f->n;
    }
    if (f->anchored) {
        /* The anchor slot for this node is the latest one naming it. */
        for (size_t i = p->n_anchored; i-- > 0;)
            if (p->anchored[i] == n) {
                p->anchor_open[i] = false;
                break;
            }
    }
    add_child(p, n);
}

/* A quoted text over several lines whose later lines are indented no more
 * than the line where it opens: the quote was most likely left open and
 * YAML read the keys and items below as part of the text. */
static bool runs_on(parser *p, const cj_node *n) {
    bool content;
    size_t base = cj_hint_indent_of(p->src, n->span.line, &content);
    for (uint32_t l = n->span.line + 1; l <= n->span.end_line; l++) {
        size_t ind = cj_hint_indent_of(p->src, l, &content);
        if (content && ind <= base) return true;
    }
    return false;
}

/* ---- libyaml errors in the user's words ------------------------------- */

typedef struct {
    const char *problem; /* libyaml's problem text (prefix match) */
    const char *code;
    const char *message; /* what we say instead */
    bool at_context;     /* point at the context mark instead of the problem mark */
} yaml_problem;

static const yaml_problem problems[] = {
    {"found a tab character that violates indentation", "tab-indent",
     "tab character used for indentation; YAML indents with spaces", false},
    {"found a tab character where an indentation space is expected", "tab-indent",
     "tab character used for indentation; YAML indents with spaces", false},
    {"found character that cannot start any token", "bad-character",
     "this character cannot start a value; put the text in quotes", false},
    {"mapping values are not allowed in this context", "unexpected-colon",
     "unexpected ':' here; quote text that contains ': ', or check the indentation", false},
    {"could not find expected ':'", "missing-colon",
     "expected 'key: value'; is a ':' missing, or is this line indented wrongly?", true},
    {"did not find expected key", "bad-indentation",
     "this line does not fit the mapping above it; check its indentation", false},
    {"did not find expected '-' indicator", "bad-indentation",
     "this line does not fit the list above it; expected another '- ' item at the list's "
     "indentation",
     false},
    {"found unexpected end of stream", "unterminated-quote",
     "quoted text is never closed; the quote opens here", true},
    {"did not find expected ',' or ']'", "unterminated-flow",
     "this [ ] list is not closed; expected ',' or ']' after an item", true},
    {"did not find expected ',' or '}'", "unterminated-flow",
     "this { } mapping is not closed; expected ',' or '}' after an entry", true},
    {"did not find expected node content", "missing-value", "expected a value here", false},
    {"block sequence entries are not allowed in this context", "unexpected-dash",
     "a '- ' list item is not allowed here; check the indentation", false},
    {"found unknown escape character", "bad-escape",
     "unknown escape sequence in double-quoted text; write '\\\\' for a backslash or use single "
     "quotes",
     false},
    {"did not find expected <document start>", "extra-content",
     "unexpected content after the journey; check the indentation of this line", false},
    {"found undefined tag handle", "unknown-tag", "unknown tag handle", false},
    {"found incompatible YAML document", "yaml-version",
     "unsupported YAML version directive; use YAML 1.1 or 1.2 (or none)", false},
    {"found unexpected document indicator", "unexpected-document",
     "unexpected '---' or '...' inside quoted text", false},
    {"control characters are not allowed", "control-character",
     "control character not allowed in YAML text", false},
    {"found unexpected ':'", "unexpected-colon",
     "unexpected ':'; quote text that contains a colon", false},
    {"did not find URI escaped octet", "bad-tag", "malformed tag", false},
    {"while scanning an anchor or alias, did not find expected alphabetic or numeric character",
     "bad-anchor", "an anchor or alias name is missing after '&' or '*'", false},
    {"did not find expected alphabetic or numeric character", "bad-anchor",
     "an anchor or alias name is missing after '&' or '*'", false},
};

static size_t next_char(const char *s, size_t len, size_t i) {
    uint32_t cp;
    return i + cj_utf8_decode((const unsigned char *)s + i, len - i, &cp);
}

/* When the key that starts at `ctx` is followed on its line by a ':' more
 * than 1024 characters on, its length in characters (counted to the ':'),
 * else 0. */
static size_t long_key_chars(parser *p, const cjmap_span *ctx) {
    const char *lt;
    size_t ll;
    if (!cj_source_line(p->src, ctx->line, &lt, &ll)) return 0;
    size_t i = 0, col = 1;
    while (i < ll && col < ctx->col) { /* to the key's first character (valid UTF-8) */
        i = next_char(lt, ll, i);
        col++;
    }
    size_t chars = 0;
    for (; i < ll; chars++) {
        if (lt[i] == ':' && (i + 1 == ll || lt[i + 1] == ' ' || lt[i + 1] == '\t'))
            return chars > 1024 ? chars : 0;
        i = next_char(lt, ll, i);
    }
    return 0;
}

static void emit_hint(parser *p, const cj_hint *h) {
    cj_diag(p->d, CJMAP_ERROR, cj_source_span_bytes(p->src, h->at, h->at_end), h->code, NULL, "%s",
            h->message);
    for (size_t k = 0; k < h->n_fixes; k++)
        cj_diag_fix(p->d, cj_source_span_bytes(p->src, h->fix[k].from, h->fix[k].to),
                    h->fix[k].text);
}

/* The fix for a quote opened at byte `q` and never closed on its line: the
 * same quote at the line's end. */
static void fix_open_quote(parser *p, size_t q) {
    cjmap_span at = cj_source_span_bytes(p->src, q, q + 1);
    size_t from, to;
    if (!cj_hint_line(p->src, at.line, &from, &to)) return;
    const char *b = p->src->bytes;
    while (to > q + 1 && (b[to - 1] == ' ' || b[to - 1] == '\t'))
        to--;
    /* Inside { } or [ ] on this line, the text ends before the brackets that close them. */
    bool in_flow = memchr(b + from, '{', q - from) || memchr(b + from, '[', q - from);
    if (in_flow) {
        if (to > q + 1 && b[to - 1] == ',') to--;
        while (to > q + 1 && (b[to - 1] == '}' || b[to - 1] == ']'))
            to--;
        while (to > q + 1 && (b[to - 1] == ' ' || b[to - 1] == '\t'))
            to--;
    }
    /* "C:\ at the line's end: a '\' before the closing '"' would escape it. */
    size_t bs = 0;
    while (b[q] == '"' && to - bs > q + 1 && b[to - 1 - bs] == '\\')
        bs++;
    char quote[3] = {bs % 2 ? '\\' : p->src->bytes[q], p->src->bytes[q], '\0'};
    if (!(bs % 2)) quote[1] = '\0';
    cj_diag_fix(p->d, cj_source_span_bytes(p->src, to, to), quote);
}

/* libyaml's error may be a consequence of a mistake the source shows more
 * plainly (parse_hint.h); reports it and returns true when one is found. */
static bool explain(parser *p, const yaml_parser_t *yp, const yaml_problem *hit, cjmap_span at,
                    cjmap_span ctx) {
    /* A quote left open: YAML read on to the next quote, and the error is
     * right after it.  Point at the quote that opened the run. */
    const cj_node *r = p->runaway;
    if (r && at.line >= r->span.end_line && at.line <= r->span.end_line + 1) {
        cj_diag(p->d, CJMAP_ERROR, point(r->span), "unterminated-quote", NULL,
                "this quote is not closed on its line, so YAML reads on to the next quote, on "
                "line %u; close it here",
                r->span.end_line);
        fix_open_quote(p, r->off);
        return true;
    }
    if (!hit) return false;
    cj_hint h = {0};
    if (strcmp(hit->code, "unterminated-flow") == 0 && yp->context &&
        cj_hint_flow(p->a, p->src, cj_source_char_byte(p->src, yp->context_mark.index), &h)) {
        emit_hint(p, &h);
        return true;
    }
    bool colon = strcmp(hit->code, "unexpected-colon") == 0;
    if (colon || strcmp(hit->code, "bad-indentation") == 0 ||
        strcmp(hit->code, "missing-colon") == 0 || strcmp(hit->code, "unexpected-dash") == 0) {
        uint32_t lines[2] = {at.line, yp->context ? ctx.line : at.line};
        for (int i = 0; i < 2; i++) {
            if (i && lines[1] == lines[0]) break;
            if (cj_hint_dash(p->a, p->src, lines[i], &h) ||
                cj_hint_indent(p->a, p->src, lines[i], &h)) {
                emit_hint(p, &h);
                return true;
            }
        }
        if (colon && cj_hint_colon(p->a, p->src, at.line, &h)) {
            h.at = cj_source_char_byte(p->src, yp->problem_mark.index), h.at_end = h.at + 1;
            emit_hint(p, &h);
            return true;
        }
    }
    return false;
}

static void yaml_error(parser *p, const yaml_parser_t *yp) {
    const char *problem = yp->problem ? yp->problem : "invalid YAML";
    cjmap_span at;
    if (yp->error == YAML_READER_ERROR) {
        at = cj_source_span_bytes(p->src, p->src->start + yp->problem_offset,
                                  p->src->start + yp->problem_offset + 1);
    } else {
        at = point(mark_span(p, &yp->problem_mark, &yp->problem_mark));
    }
    const yaml_problem *hit = NULL;
    /* libyaml calls a tab at the start of a line "a character that cannot
     * start any token"; say what it is. */
    size_t tab_line = at.line;
    const char *lt;
    size_t ll;
    if (yp->error != YAML_READER_ERROR && cj_source_line(p->src, (uint32_t)tab_line, &lt, &ll)) {
        size_t i = 0;
        while (i < ll && lt[i] == ' ') i++;
        if (i < ll && lt[i] == '\t' && i + 1 >= at.col) {
            cjmap_span tab = cj_source_span_bytes(p->src, (size_t)(lt - p->src->bytes) + i,
                                                  (size_t)(lt - p->src->bytes) + i + 1);
            cj_diag(p->d, CJMAP_ERROR, tab, "tab-indent", NULL,
                    "tab character used for indentation; YAML indents with spaces");
            p->failed = true;
            return;
        }
    }
    for (size_t i = 0; i < sizeof problems / sizeof problems[0]; i++)
        if (strncmp(problem, problems[i].problem, strlen(problems[i].problem)) == 0) {
            hit = &problems[i];
            break;
        }
    p->failed = true;
    if (yp->error == YAML_MEMORY_ERROR) cj_arena_oom(p->a);
    cjmap_span ctx = point(mark_span(p, &yp->context_mark, &yp->context_mark));
    if (yp->error != YAML_READER_ERROR && explain(p, yp, hit, at, ctx)) return;
    if (!hit) {
        cj_diag(p->d, CJMAP_ERROR, at, "yaml-syntax", NULL, "YAML syntax error: %s", problem);
        return;
    }
    size_t key_chars = 0;
    if (strcmp(hit->code, "missing-colon") == 0 && yp->context &&
        (key_chars = long_key_chars(p, &ctx)) > 0) {
        /* libyaml gives up on a key written as "key: value" after 1024
         * characters and only says the ':' is missing. */
        cj_diag(p->d, CJMAP_ERROR, ctx, "key-too-long", NULL,
                "this key has %zu characters; YAML allows at most 1024 in a 'key: value' key "
                "(a journey's keys are short names and ids)",
                key_chars);
        return;
    }
    if (hit->at_context && yp->context) {
        cj_diag(p->d, CJMAP_ERROR, ctx, hit->code, NULL, "%s", hit->message);
        if (strcmp(hit->code, "unterminated-quote") == 0)
            fix_open_quote(p, cj_source_char_byte(p->src, yp->context_mark.index));
        /* A note where libyaml stopped helps unless that is just the end of the file. */
        bool at_end = yp->problem_mark.index >= p->src->line_char[p->src->n_lines - 1] &&
                      at.line >= p->src->n_lines;
        if (ctx.line != at.line && !at_end) cj_diag_note(p->d, at, "the parser gave up here");
    } else {
        cj_diag(p->d, CJMAP_ERROR, at, hit->code, NULL, "%s", hit->message);
    }
}

/* ---- the event loop --------------------------------------------------- */

cj_node *cj_parse(cj_arena *a, const cj_source *src, cj_diags *d, cj_parse_live **livep) {
    parser P = {0}, *p = &P;
    p->a = a, p->src = src, p->d = d;
    cj_strmap_init(&p->anchors, a);

    /* Encoding first: libyaml's own messages for it are vague, and our
     * positions need valid UTF-8.  Report each bad sequence, then stop. */
    size_t at = 0, bad_len, reported = 0;
    const char *what;
    while (reported < CJMAP_DEFAULT_MAX_ERRORS && cj_source_bad_utf8(src, at, &at, &bad_len, &what)) {
        unsigned char byte = (unsigned char)src->bytes[at];
        cjmap_span sp = cj_source_span_bytes(src, at, at + 1);
        if (byte == 0)
            cj_diag(d, CJMAP_ERROR, sp, "nul-byte", NULL,
                    "NUL byte in the file; a journey is UTF-8 text");
        else
            cj_diag(d, CJMAP_ERROR, sp, "bad-utf8", NULL,
                    "%s (byte 0x%02X); the file must be UTF-8 text", what, byte);
        at += bad_len;
        reported++;
        p->failed = true;
    }
    if (p->failed) return NULL;

    cj_parse_live *live = calloc(1, sizeof *live);
    if (!live) cj_arena_oom(a);
    *livep = live;
    if (!yaml_parser_initialize(&live->parser)) cj_arena_oom(a);
    live->parser_ok = true;
    yaml_parser_set_input_string(&live->parser, (const unsigned char *)src->bytes + src->start,
                                 src->len - src->start);
    yaml_parser_set_encoding(&live->parser, YAML_UTF8_ENCODING);

    bool done = false;
    while (!done) {
        if (!yaml_parser_parse(&live->parser, &live->event)) {
            yaml_error(p, &live->parser);
            break;
        }
        live->event_ok = true;
        yaml_event_t *ev = &live->event;
        switch (ev->type) {
        case YAML_STREAM_END_EVENT:
            done = true;
            break;
        case YAML_DOCUMENT_START_EVENT:
            if (++p->documents > 1) {
                cj_diag(d, CJMAP_ERROR, point(mark_span(p, &ev->start_mark, &ev->end_mark)),
                        "multiple-documents", NULL,
                        "a second YAML document; a journey file holds exactly one "
                        "(remove this '---' or split the file)");
                p->failed = true;
                done = true;
            }
            break;
        case YAML_SCALAR_EVENT: {
            cj_node *n = CJ_NEW(a, cj_node);
            n->kind = CJ_SCALAR;
            mark_node(p, n, &ev->start_mark, &ev->end_mark);
            n->str = cj_arena_strndup(a, (const char *)ev->data.scalar.value,
                                      ev->data.scalar.length);
            n->len = ev->data.scalar.length;
            yaml_scalar_style_t st = ev->data.scalar.style;
            n->style = st == YAML_PLAIN_SCALAR_STYLE                                    ? CJ_PLAIN
                       : (st == YAML_LITERAL_SCALAR_STYLE || st == YAML_FOLDED_SCALAR_STYLE) ? CJ_BLOCK
                                                                                             : CJ_QUOTED;
            const char *tag = (const char *)ev->data.scalar.tag;
            n->tag_str = tag && strcmp(tag, YAML_STR_TAG) == 0;
            if (tag && strncmp(tag, "tag:yaml.org,2002:", 18) != 0 && strcmp(tag, "!") != 0)
                cj_diag(d, CJMAP_WARNING, point(n->span), "unknown-tag", NULL,
                        "tag '%s' means nothing in a journey; it is ignored",
                        cj_quote(a, tag, strlen(tag)));
            n->weight = 1;
            if (n->style == CJ_QUOTED && n->span.end_line > n->span.line && runs_on(p, n))
                p->runaway = n;
            if (ev->data.scalar.anchor) register_anchor(p, ev->data.scalar.anchor, n, false);
            add_child(p, n);
            break;
        }
        case YAML_SEQUENCE_START_EVENT:
        case YAML_MAPPING_START_EVENT: {
            bool seq = ev->type == YAML_SEQUENCE_START_EVENT;
            if (p->depth >= CJMAP_MAX_DEPTH) {
                cj_diag(d, CJMAP_ERROR, point(mark_span(p, &ev->start_mark, &ev->end_mark)),
                        "too-deep", NULL,
                        "nesting deeper than %d levels; a journey needs about 5", CJMAP_MAX_DEPTH);
                p->failed = true;
                done = true;
                break;
            }
            open_collection(p, seq ? CJ_SEQ : CJ_MAP, ev,
                            seq ? ev->data.sequence_start.anchor : ev->data.mapping_start.anchor);
            break;
        }
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
            close_collection(p, ev);
            break;
        case YAML_ALIAS_EVENT: {
            const char *name = (const char *)ev->data.alias.anchor;
            size_t len = strlen(name);
            cjmap_span sp = mark_span(p, &ev->start_mark, &ev->end_mark);
            int64_t slot;
            if (!cj_strmap_get(&p->anchors, name, len, &slot)) {
                cj_diag(d, CJMAP_ERROR, sp, "undefined-alias", NULL,
                        "alias '*%s' refers to no anchor; define '&%s' before using it",
                        cj_quote(a, name, len), cj_quote(a, name, len));
                /* recoverable: an empty value keeps keys and values paired */
                cj_node *hole = CJ_NEW(a, cj_node);
                hole->kind = CJ_SCALAR;
                mark_node(p, hole, &ev->start_mark, &ev->end_mark);
                hole->str = "";
                hole->weight = 1;
                add_child(p, hole);
                break;
            }
            if (p->anchor_open[slot]) {
                cj_diag(d, CJMAP_ERROR, sp, "recursive-alias", NULL,
                        "alias '*%s' is used inside the node it names", cj_quote(a, name, len));
                p->failed = true;
                done = true;
                break;
            }
            cj_node *target = p->anchored[slot];
            p->alias_total = add_weight(p->alias_total, target->weight);
            if (p->alias_total > CJMAP_MAX_ALIAS_NODES) {
                cj_diag(d, CJMAP_ERROR, sp, "alias-limit", NULL,
                        "aliases expand to more than %d nodes; this looks like an alias bomb",
                        CJMAP_MAX_ALIAS_NODES);
                p->failed = true;
                done = true;
                break;
            }
            add_child(p, target);
            break;
        }
        default:
            break;
        }
        yaml_event_delete(&live->event);
        live->event_ok = false;
    }
    cj_parse_release(live);
    *livep = NULL;
    if (p->failed) return NULL;
    if (!p->root) {
        cj_diag(d, CJMAP_ERROR, (cjmap_span){1, 1, 1, 2}, "empty-file", NULL,
                "the file holds no journey; expected a mapping with 'title', 'segment' and "
                "'phases'");
        return NULL;
    }
    return p->root;
}

bool cj_scalar_is_null(const cj_node *n) {
    if (n->kind != CJ_SCALAR || n->style != CJ_PLAIN || n->tag_str) return false;
    return n->len == 0 || strcmp(n->str, "~") == 0 || strcmp(n->str, "null") == 0 ||
           strcmp(n->str, "Null") == 0 || strcmp(n->str, "NULL") == 0;
}

bool cj_scalar_int(const cj_node *n, long long *out, bool *overflow) {
    *overflow = false;
    if (n->kind != CJ_SCALAR || n->style != CJ_PLAIN || n->tag_str || n->len == 0) return false;
    const char *s = n->str;
    bool neg = false;
    if (*s == '+' || *s == '-') neg = *s++ == '-';
    if (!*s) return false;
    long long v = 0;
    for (; *s; s++) {
        if (*s < '0' || *s > '9') return false;
        if (v > (9223372036854775807LL - (*s - '0')) / 10) {
            *overflow = true;
            return false;
        }
        v = v * 10 + (*s - '0');
    }
    if ((size_t)(s - n->str) != n->len) return false; /* embedded NUL */
    *out = neg ? -v : v;
    return true;
}

const char *cj_yaml_quoted(cj_arena *a, const char *s, size_t len) {
    bool dq = memchr(s, '"', len) != NULL, sq = memchr(s, '\'', len) != NULL;
    if (dq && !sq) return cj_arena_printf(a, "'%.*s'", (int)len, s);
    char *out = cj_arena_alloc(a, 2 * len + 3);
    size_t o = 0;
    out[o++] = '"';
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '"' || s[i] == '\\') out[o++] = '\\';
        out[o++] = s[i];
    }
    out[o++] = '"';
    out[o] = '\0';
    return out;
}

const char *cj_yaml_text(cj_arena *a, const char *s, size_t len, bool flow) {
    bool plain =
        len > 0 && !strchr("-?:,[]{}#&*!|>'\"%@` ", s[0]) && s[len - 1] != ' ' && s[len - 1] != ':';
    for (size_t k = 0; plain && k < len; k++)
        if ((s[k] == ':' && k + 1 < len && s[k + 1] == ' ') ||
            (s[k] == ' ' && k + 1 < len && s[k + 1] == '#') || s[k] == '\n' || s[k] == '\r' ||
            (flow && strchr(",[]{}", s[k])))
            plain = false;
    return plain ? cj_arena_strndup(a, s, len) : cj_yaml_quoted(a, s, len);
}
