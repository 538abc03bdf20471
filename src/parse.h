/*
** parse.h — YAML text -> generic node tree with source spans.
**
** Enforces YAML-level rules only (the journey schema is model.c's job):
** valid UTF-8 without NUL bytes, exactly one document, scalar keys, no
** duplicate keys, defined and non-recursive aliases, bounded nesting and
** bounded alias expansion.  Merge keys (`<<: *defaults`) are applied here,
** so later stages never see them.  Aliased nodes are shared, not copied.
*/
#ifndef CJ_PARSE_H
#define CJ_PARSE_H
#include "arena.h"
#include "diag.h"
#include "source.h"

typedef enum cj_node_kind { CJ_SCALAR, CJ_MAP, CJ_SEQ } cj_node_kind;
typedef enum cj_scalar_style { CJ_PLAIN, CJ_QUOTED, CJ_BLOCK } cj_scalar_style;

typedef struct cj_node cj_node;
typedef struct cj_pair {
    cj_node *key, *value;
} cj_pair;

struct cj_node {
    cj_node_kind kind;
    cjmap_span span;      /* where the node is written (for aliases: the anchor's node) */
    cj_scalar_style style; /* scalars */
    bool tag_str;          /* explicit !!str tag: never a number or null */
    bool flow;             /* a collection written with { } or [ ] */
    bool bare;             /* a key in { } written without ':' ("{a, b: c}": a) */
    bool joined;           /* a value the validator joined back across ','s (model.c) */
    uint32_t off, end;     /* byte offsets of the node's text (inputs are < 4 GiB) */
    const char *str;       /* scalars: NUL-terminated value (may hold NULs) */
    size_t len;
    union {
        cj_pair *pairs;  /* maps, in source order */
        cj_node **items; /* sequences */
    };
    size_t n;              /* pairs or items */
    uint64_t weight;       /* nodes in this subtree, aliases expanded (saturating) */
};

/* Parses the source.  Returns the root node, or NULL when the input has a
 * YAML-level error (diagnosed) or no document at all (diagnosed).  `live`
 * points at a slot where the parser registers the libyaml objects it holds,
 * so that an out-of-memory longjmp can release them (see journey.c). */
typedef struct cj_parse_live cj_parse_live;
cj_node *cj_parse(cj_arena *a, const cj_source *src, cj_diags *d, cj_parse_live **live);
void cj_parse_release(cj_parse_live *live);

/* Scalar helpers (YAML 1.2 core schema, as users expect). */
bool cj_scalar_is_null(const cj_node *n);
/* Parses a plain decimal integer (optionally signed); false otherwise or on
 * overflow (then *overflow is set). */
bool cj_scalar_int(const cj_node *n, long long *out, bool *overflow);

/* `s` as a YAML quoted text, for fixes: double quotes, or single quotes when
 * the text holds '"' but no '\'' (easier to read); in the arena. */
const char *cj_yaml_quoted(cj_arena *a, const char *s, size_t len);
/* A text as a fix writes it: plain when YAML reads it back as written (in
 * { } or [ ] when `flow`), else cj_yaml_quoted(); in the arena. */
const char *cj_yaml_text(cj_arena *a, const char *s, size_t len, bool flow);
#endif
