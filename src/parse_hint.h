/*
** parse_hint.h — what a YAML syntax error most likely means, read from the
** source around the place where libyaml gave up.
**
** libyaml stops at the first syntax error and names the token it could not
** fit, which is often far from the mistake: a ': ' inside a text in { } is
** reported as "{ } not closed" at the '{', a key indented one space too far
** as an unexpected ':'.  These functions look at the lines themselves for
** the mistakes people make while typing and describe each as a message, a
** position and the edit that mends it.  They only read the source; parse.c
** decides when to ask and reports what they find.
*/
#ifndef CJ_PARSE_HINT_H
#define CJ_PARSE_HINT_H
#include "arena.h"
#include "source.h"

typedef struct cj_hint {
    const char *code;    /* diagnostic code */
    const char *message; /* in the arena */
    size_t at, at_end;   /* byte range to point at */
    size_t n_fixes;
    struct {
        size_t from, to;  /* byte range replaced */
        const char *text; /* replacement */
    } fix[2];
} cj_hint;

/* A ': ' or a ' #' inside a plain text of the { } or [ ] collection that
 * opens at byte `open` (both need quotes there). */
bool cj_hint_flow(cj_arena *a, const cj_source *src, size_t open, cj_hint *h);

/* Line `line` starts a list item without the space: "-Bestiller". */
bool cj_hint_dash(cj_arena *a, const cj_source *src, uint32_t line, cj_hint *h);

/* Line `line` is indented one or two spaces off the keys (or '- ' items)
 * above it. */
bool cj_hint_indent(cj_arena *a, const cj_source *src, uint32_t line, cj_hint *h);

/* Line `line` is "key: text: more" in block style: the text needs quotes. */
bool cj_hint_colon(cj_arena *a, const cj_source *src, uint32_t line, cj_hint *h);

/* The spaces before line `line`'s first character; *content (may be NULL)
 * says whether the line holds anything but spaces and a comment. */
size_t cj_hint_indent_of(const cj_source *src, uint32_t line, bool *content);

/* Byte offsets of line `line`'s text: [*from, *to) without the line break. */
bool cj_hint_line(const cj_source *src, uint32_t line, size_t *from, size_t *to);
#endif
