/*
** suggest.c — edit distance and "did you mean" (suggest.h).
** A suggestion is offered when the distance is at most about a third of
** the longer string's length (at least 1, at most 3: 'own' finds 'owned') — close enough to be a typo, far
** enough to avoid absurd guesses for short words.
*/
#include "suggest.h"

#include "source.h"
#include "vocab_i18n.h"

#include <cjmap.h>

#include <string.h>

enum { MAXLEN = 64 };

static unsigned char lower(unsigned char c) { return (c >= 'A' && c <= 'Z') ? c + 32 : c; }

/* Decodes up to MAXLEN code points, letters lowered and Latin-1 letters in
 * their ASCII spelling (vocab_i18n.h), so that 'koeb' is as close to 'køb'
 * as 'køb' itself and 'cafe' to 'café'; false if longer. */
static bool decode(const char *s, size_t len, uint32_t *out, size_t *n) {
    *n = 0;
    for (size_t i = 0; i < len;) {
        if (*n == MAXLEN) return false;
        uint32_t cp;
        i += cj_utf8_decode((const unsigned char *)s + i, len - i, &cp);
        if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) cp += 0x20; /* Latin-1 capitals */
        const char *sp = cj_latin_spelling(cp);
        if (sp) {
            if (*n + strlen(sp) > MAXLEN) return false;
            for (; *sp; sp++)
                out[(*n)++] = (unsigned char)*sp;
            continue;
        }
        out[(*n)++] = cp < 0x80 ? lower((unsigned char)cp) : cp;
    }
    return true;
}

/* Distance in code points, so 'wébb' is as close to 'web' as 'webb'. */
size_t cj_edit_distance(const char *as, size_t alen_b, const char *bs, size_t blen_b, size_t cap) {
    uint32_t a[MAXLEN], b[MAXLEN];
    size_t alen, blen;
    if (!decode(as, alen_b, a, &alen) || !decode(bs, blen_b, b, &blen)) return cap + 1;
    size_t diff = alen > blen ? alen - blen : blen - alen;
    if (diff > cap) return cap + 1;
    size_t rows[3][MAXLEN + 1];
    size_t *pp = rows[0], *prev = rows[1], *cur = rows[2];
    for (size_t j = 0; j <= blen; j++) prev[j] = j;
    for (size_t i = 1; i <= alen; i++) {
        cur[0] = i;
        size_t rowmin = cur[0];
        for (size_t j = 1; j <= blen; j++) {
            uint32_t ca = a[i - 1], cb = b[j - 1];
            size_t cost = ca == cb ? 0 : 1;
            size_t v = prev[j] + 1;
            if (cur[j - 1] + 1 < v) v = cur[j - 1] + 1;
            if (prev[j - 1] + cost < v) v = prev[j - 1] + cost;
            if (i > 1 && j > 1 && ca == b[j - 2] && a[i - 2] == cb && pp[j - 2] + 1 < v)
                v = pp[j - 2] + 1;
            cur[j] = v;
            if (v < rowmin) rowmin = v;
        }
        if (rowmin > cap) return cap + 1;
        size_t *t = pp;
        pp = prev;
        prev = cur;
        cur = t;
    }
    return prev[blen] > cap ? cap + 1 : prev[blen];
}

void cj_suggest_begin(cj_suggester *s, const char *word, size_t len) {
    s->word = word;
    s->len = len;
    s->best = NULL;
    s->best_dist = (size_t)-1;
}

static size_t threshold(size_t len) { /* len: the longer of word and candidate */
    size_t t = (len + 1) / 3;
    if (t < 1) t = 1;
    if (t > 3) t = 3;
    return t;
}

void cj_suggest_offer(cj_suggester *s, const char *cand) {
    if (!cand) return;
    size_t clen = strlen(cand);
    size_t cap = threshold(s->len > clen ? s->len : clen);
    if (s->best_dist <= cap) cap = s->best_dist == 0 ? 0 : s->best_dist - 1;
    size_t d = cj_edit_distance(s->word, s->len, cand, clen, cap);
    /* Equal apart from case: distance 0 here, and the best possible. */
    if (d <= cap && d < s->best_dist && !(clen == s->len && memcmp(cand, s->word, clen) == 0)) {
        if (d == 0 || d < clen) {
            s->best = cand;
            s->best_dist = d;
        }
    }
}

const char *cj_suggest_end(const cj_suggester *s) { return s->best; }

const char *cjmap_suggest(const char *word, const char *const *candidates, size_t n) {
    cj_suggester s;
    cj_suggest_begin(&s, word, strlen(word));
    for (size_t i = 0; i < n; i++) cj_suggest_offer(&s, candidates[i]);
    return cj_suggest_end(&s);
}
