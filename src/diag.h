/*
** diag.h — collecting diagnostics and printing them as gcc does.
**
** Producers add errors/warnings in any order, each optionally followed by
** notes; cj_diags_finish() sorts them into source order (notes stay right
** after their diagnostic), keeps the first max_errors errors and ends a
** longer list with one "too many errors" error.  All text lives in the
** journey's arena.
*/
#ifndef CJ_DIAG_H
#define CJ_DIAG_H
#include "arena.h"
#include "source.h"

#include <cjmap.h>

typedef struct cj_diag_entry cj_diag_entry;
typedef struct cj_diags {
    cj_arena *arena;
    cj_diag_entry *items;
    size_t n, cap;
    size_t n_errors, n_warnings; /* counted before capping */
    unsigned max_errors;
    uint32_t seq;
    bool dropped;    /* the last cj_diag() was over the collection limit */
    cjmap_diag *out; /* after finish: the public list */
    size_t n_out;
} cj_diags;

void cj_diags_init(cj_diags *d, cj_arena *a, unsigned max_errors);
/* `suggestion` may be NULL; it is copied, and it becomes the diagnostic's
 * fix: the text of `span` replaced by the suggestion. */
void cj_diag(cj_diags *d, cjmap_severity sev, cjmap_span span, const char *code,
             const char *suggestion, const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* Adds an edit to the fixes of the last error or warning added, also after
 * its notes (copied;
 * fixes are kept in source order and an overlapping one is dropped). */
void cj_diag_fix(cj_diags *d, cjmap_span span, const char *replacement);
/* A note attached to the last error or warning added. */
void cj_diag_note(cj_diags *d, cjmap_span span, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void cj_diags_finish(cj_diags *d);
/* True once so many errors were collected that more cannot be shown; callers
 * may then skip expensive work such as computing suggestions. */
bool cj_diags_saturated(const cj_diags *d);
/* True once no more diagnostics can be collected at all (errors or
 * warnings): callers skip the work of positioning one. */
bool cj_diags_full(const cj_diags *d);
/* Counts a diagnostic that is not collected (the list is full). */
void cj_diag_uncollected(cj_diags *d, cjmap_severity sev);
/* Replaces the fixes of the last error or warning added by one edit (e.g.
 * a suggestion that must be quoted to be written in the file). */
void cj_diag_refix(cj_diags *d, cjmap_span span, const char *replacement);

/* Quotes user text for a message: at most ~48 characters (then "..."), with
 * control characters escaped ("\n", "\t", "\x01").  Result in the arena. */
const char *cj_quote(cj_arena *a, const char *s, size_t len);

bool cj_diags_print(const cj_diags *d, const cj_source *src, FILE *out, unsigned flags);
#endif
