/*
** suggest.h — "did you mean": the closest candidate by edit distance
** (optimal string alignment: insertions, deletions, substitutions and
** adjacent transpositions, so 'titel' finds 'title').  Comparison is
** ASCII-case-insensitive first: a candidate differing only in case wins.
*/
#ifndef CJ_SUGGEST_H
#define CJ_SUGGEST_H
#include <stddef.h>

/* Edit distance between two byte strings; returns `cap` + 1 when the
 * distance exceeds `cap` (cheap early exit) or a string is longer than 64. */
size_t cj_edit_distance(const char *a, size_t alen, const char *b, size_t blen, size_t cap);

typedef struct cj_suggester {
    const char *word;
    size_t len;
    const char *best;
    size_t best_dist;
} cj_suggester;

void cj_suggest_begin(cj_suggester *s, const char *word, size_t len);
void cj_suggest_offer(cj_suggester *s, const char *candidate);
/* The best candidate close enough to be a plausible typo, or NULL. */
const char *cj_suggest_end(const cj_suggester *s);
#endif
