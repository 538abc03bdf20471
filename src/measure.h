/*
** measure.h — the one small interface through which layout.c learns how big
** text is.  Implementations: measure_pango.c (real fonts) and
** measure_fixed.c (deterministic fake metrics for tests).
**
** Contract of measure():
**   - `s`/`len` is UTF-8 without control characters other than '\n'; a '\n'
**     is a hard line break.
**   - Lines are broken at spaces where possible; a word wider than `max_w`
**     is broken between characters, so every line is at most `max_w` wide
**     unless one character alone is wider.
**   - out->lines[i] gives the byte range of line i inside `s` (leading and
**     trailing spaces and the newline excluded), its width, height and the
**     baseline's distance from the line's top.  Lines stack without gaps:
**     line i's top is the sum of the heights of lines 0..i-1.
**   - out->w is the widest line, out->h the sum of line heights.
**   - Text is drawn one line at a time with exactly the same font settings,
**     so a renderer never re-wraps and its glyphs cover the measured width.
** The cj_mbox's line buffer is grown with realloc and reused across calls;
** free it with cj_mbox_free().
*/
#ifndef CJ_MEASURE_H
#define CJ_MEASURE_H
#include <cjmap_render.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CJ_FONT_FAMILY "DejaVu Sans"

typedef struct cj_font {
    float size;    /* points, > 0 */
    uint8_t bold;  /* 0/1 */
    uint8_t italic;
} cj_font;

typedef struct cj_mline {
    size_t start, len;       /* bytes of the measured string */
    double w, h, baseline;   /* points */
    double ink;              /* how far ink reaches above or below the h box (stacked
                                accents, tall fallback glyphs), points; >= 0 */
    bool hyphen;             /* the line breaks a word: a hyphen is drawn after it
                                (w includes it; it is not in the measured string) */
} cj_mline;

typedef struct cj_mbox {
    double w, h;
    size_t n;       /* number of lines; at least 1 (an empty text is one empty line) */
    cj_mline *lines;
    size_t cap;
} cj_mbox;

/* Fonts shared between a measurer and the layouts made with it: an opaque
 * counted reference (a PangoFontMap for the pango measurer), released with
 * `release`.  {NULL, NULL} when the measurer has none. */
typedef struct cj_text_fonts {
    void *ref;
    void (*release)(void *ref);
} cj_text_fonts;

struct cjmap_measurer {
    /* Returns false only when the backend failed (out is then unspecified). */
    bool (*measure)(cjmap_measurer *m, const char *s, size_t len, cj_font f, double max_w,
                    cj_mbox *out);
    void (*destroy)(cjmap_measurer *m);
    /* Optional: a counted reference to the fonts the measurer uses, so that
     * a layout can be drawn with the very fonts (and font caches) it was
     * measured with: cj_text_fonts with its release function. */
    cj_text_fonts (*share_fonts)(cjmap_measurer *m);
    /* Optional: the language of the texts to come (hyphenation points). */
    void (*set_locale)(cjmap_measurer *m, cjmap_locale loc);
};

void cj_mbox_free(cj_mbox *b);
/* Appends a line to b (growing it). */
void cj_mbox_push(cj_mbox *b, size_t start, size_t len, double w, double h, double baseline,
                  double ink);

/* Greedy line breaking shared by measurers that can measure a single run:
 * `width(ctx, s, len)` returns the width of s[0..len) on one line; `h` and
 * `baseline` are the same for every line.  Used by measure_fixed.c. */
bool cj_break_lines(const char *s, size_t len, double max_w,
                    double (*width)(void *ctx, const char *s, size_t len), void *ctx, double h,
                    double baseline, cj_mbox *out);

/* Length in bytes of the UTF-8 sequence starting at s[0] (1 for stray bytes). */
size_t cj_utf8_len(const char *s, size_t left);
#endif
