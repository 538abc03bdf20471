/*
** measure_pango.c — text metrics from pango.
**
** Line breaks come from pango (PANGO_WRAP_WORD_CHAR: at word boundaries,
** inside a word only when it is wider than the line; such a line gets the
** hyphen pango shows there, see breaks_word), then every line,
** trimmed of surrounding spaces, is measured again on its own: that single
** run is exactly what render_cairo.c draws and what render_svg.c gives as
** textLength, so all formats agree on the geometry.
** User text is always set with pango_layout_set_text(), never as markup.
*/
#include "measure_pango.h"

#include "source.h"

#include <hyphen.h>
#include <stdlib.h>
#include <string.h>

PangoContext *cj_pango_context_new(void *shared) {
    /* A font map costs milliseconds to set up and keeps fonts and glyph
     * caches: the measurer makes one and every layout it measures draws
     * with it (cj_text_fonts), instead of a new one per render. */
    PangoFontMap *fm = shared ? g_object_ref(shared) : pango_cairo_font_map_new();
    if (!fm) return NULL;
    PangoContext *ctx = pango_font_map_create_context(fm);
    g_object_unref(fm); /* the context keeps its own reference */
    if (!ctx) return NULL;
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
    pango_cairo_context_set_font_options(ctx, fo);
    cairo_font_options_destroy(fo);
    pango_cairo_context_set_resolution(ctx, 72.0);
    pango_context_set_round_glyph_positions(ctx, FALSE);
    return ctx;
}

double cj_pango_scale(cj_font f) { return f.size / CJ_PANGO_REF_SIZE; }

void cj_pango_set_font(PangoLayout *layout, PangoFontDescription *d, cj_font f) {
    pango_font_description_set_family_static(d, CJ_FONT_FAMILY ",sans-serif");
    pango_font_description_set_absolute_size(d, CJ_PANGO_REF_SIZE * PANGO_SCALE);
    pango_font_description_set_weight(d, f.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_style(d, f.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
    pango_layout_set_font_description(layout, d);
}

/* The safe ranges: Basic Latin, Latin-1 Supplement and Latin Extended-A
 * and -B, general punctuation up to U+205E but for the bidi embeddings and
 * overrides U+202A-E, the euro sign.  Nothing left in them is
 * right-to-left, changes direction, or is an emoji; index in
 * cj_itemizer.seen, or -1. */
static int safe_index(uint32_t c) {
    if (c >= 0x20 && c <= 0x7E) return (int)(c - 0x20);
    if (c >= 0xA0 && c <= 0x24F) return 95 + (int)(c - 0xA0);
    if (c >= 0x202A && c <= 0x202E) return -1; /* bidi embeddings and overrides */
    if (c >= 0x2010 && c <= 0x205E) return 527 + (int)(c - 0x2010);
    return c == 0x20AC ? CJ_ITEMIZE_SAFE - 1 : -1;
}

static bool latin_letter(uint32_t c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
           (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7);
}

static bool same_analysis(const PangoAnalysis *a, const PangoAnalysis *b) {
    return a->font == b->font && a->level == b->level && a->gravity == b->gravity &&
           a->flags == b->flags && a->script == b->script && a->language == b->language &&
           !a->extra_attrs && !b->extra_attrs;
}

GList *cj_itemize(cj_itemizer *iz, PangoContext *ctx, PangoAttrList *attrs, cj_font f,
                  const char *s, size_t len) {
    const int face = (f.bold ? 2 : 0) + (f.italic ? 1 : 0);
    const unsigned char *u = (const unsigned char *)s;
    bool known = iz->have[face], letter = false;
    int chars = 0;
    for (size_t i = 0; known && i < len; chars++) {
        uint32_t c;
        i += cj_utf8_decode(u + i, len - i, &c);
        int k = safe_index(c);
        known = k >= 0 && (iz->seen[face][k / 64] >> (k % 64) & 1);
        letter |= latin_letter(c);
    }
    if (known && letter) {
        PangoItem *it = pango_item_new();
        it->offset = 0;
        it->length = (int)len;
        it->num_chars = chars;
        it->analysis = iz->latin[face];
        g_object_ref(it->analysis.font);
        iz->hits++;
        return g_list_prepend(NULL, it);
    }
    GList *items = len ? pango_itemize(ctx, s, 0, (int)len, attrs, NULL) : NULL;
    const PangoItem *one = items && !items->next ? items->data : NULL;
    if (!one || one->analysis.script != PANGO_SCRIPT_LATIN || one->analysis.level != 0 ||
        one->analysis.extra_attrs || !one->analysis.font)
        return items;
    if (!iz->have[face]) {
        iz->latin[face] = one->analysis;
        g_object_ref(iz->latin[face].font);
        iz->have[face] = true;
    }
    if (!same_analysis(&one->analysis, &iz->latin[face])) return items;
    for (size_t i = 0; i < len;) {
        uint32_t c;
        i += cj_utf8_decode(u + i, len - i, &c);
        int k = safe_index(c);
        if (k >= 0) iz->seen[face][k / 64] |= (uint64_t)1 << (k % 64);
    }
    return items;
}

bool cj_shape_one(cj_itemizer *iz, PangoContext *ctx, PangoAttrList *attrs, cj_font f,
                  const char *s, size_t len, PangoGlyphItem *gi) {
    GList *items = cj_itemize(iz, ctx, attrs, f, s, len);
    if (!items || items->next) {
        g_list_free_full(items, (GDestroyNotify)pango_item_free);
        return false;
    }
    *gi = (PangoGlyphItem){.item = items->data, .glyphs = pango_glyph_string_new()};
    g_list_free(items); /* the item is gi's now */
    pango_shape_with_flags(s + gi->item->offset, gi->item->length, s, (int)len, &gi->item->analysis,
                           gi->glyphs, PANGO_SHAPE_NONE);
    return true;
}

void cj_glyph_item_clear(PangoGlyphItem *gi) {
    pango_glyph_string_free(gi->glyphs);
    pango_item_free(gi->item);
}

void cj_itemizer_free(cj_itemizer *iz) {
    for (int i = 0; i < 4; i++)
        if (iz->have[i]) g_object_unref(iz->latin[i].font);
    memset(iz, 0, sizeof *iz);
}

/* Metrics of one run of text on a single line at the reference size,
 * keyed by face (weight, style) and bytes.  Layout asks for the same texts
 * more than once (a natural width to size the columns, then the wrapped
 * text), and shaping is most of the cost. */
typedef struct run_metrics {
    double w, h, baseline, ink; /* see cj_mline */
} run_metrics;

typedef struct run_entry {
    char *s; /* NULL: empty slot */
    size_t len;
    cj_font f; /* size unused */
    run_metrics m;
} run_entry;

/* Bounds, so a measurer that lives long (a library user, the fuzzer) stays
 * small: runs longer than a line could be are not kept, nor more than
 * RUN_CACHE_BYTES of text in all; past either, runs are measured afresh. */
enum { RUN_CACHE_MAX = 1 << 16, RUN_CACHE_LEN = 512, RUN_CACHE_BYTES = 8 << 20 };

typedef struct pango_measurer {
    cjmap_measurer base;
    PangoContext *ctx;
    PangoLayout *para; /* wrapped paragraph: finds the breaks */
    PangoLayout *line; /* one line: measures what is drawn */
    PangoFontDescription *desc;
    PangoAttrList *attrs; /* empty: itemize takes the context's font */
    cj_itemizer iz;
    run_entry *runs; /* open addressing, power-of-two capacity */
    size_t n_runs, cap_runs, run_bytes;
    cjmap_locale loc;                     /* of the texts measured now */
    HyphenDict *dict[CJMAP_LOCALE_COUNT]; /* loaded when first needed */
    bool dict_tried[CJMAP_LOCALE_COUNT];
    PangoAttrList *breaks; /* where words may break (hyphenation) */
} pango_measurer;

static bool is_trim(char c) { return c == ' ' || c == '\n'; }

/* How far the ink rectangle reaches outside the logical one, above or
 * below (stacked accents, tall fallback glyphs): renderers that draw a
 * page in parts need it to know which lines touch a part. */
static double ink_over(const PangoRectangle *ink, const PangoRectangle *logical) {
    if (ink->width <= 0 || ink->height <= 0) return 0;
    int above = logical->y - ink->y,
        below = (ink->y + ink->height) - (logical->y + logical->height);
    int over = above > below ? above : below;
    return over > 0 ? over / (double)PANGO_SCALE : 0;
}

/* Metrics at CJ_PANGO_REF_SIZE (measure_line scales them). */
static void measure_run_layout(pango_measurer *pm, const char *s, size_t len, run_metrics *r) {
    PangoRectangle ink, logical;
    pango_layout_set_text(pm->line, s, (int)len);
    pango_layout_get_extents(pm->line, &ink, &logical);
    r->w = logical.width / (double)PANGO_SCALE;
    r->h = logical.height / (double)PANGO_SCALE;
    r->baseline = pango_layout_get_baseline(pm->line) / (double)PANGO_SCALE;
    r->ink = ink_over(&ink, &logical);
}

/* Metrics at CJ_PANGO_REF_SIZE: from the glyphs of a one-item run
 * (cj_shape_one), from the layout otherwise. */
static void measure_run(pango_measurer *pm, const char *s, size_t len, cj_font f, run_metrics *r) {
    PangoGlyphItem gi;
    if (!cj_shape_one(&pm->iz, pm->ctx, pm->attrs, f, s, len, &gi)) {
        measure_run_layout(pm, s, len, r);
        return;
    }
    PangoRectangle ink, logical;
    pango_glyph_string_extents(gi.glyphs, gi.item->analysis.font, &ink, &logical);
    cj_glyph_item_clear(&gi);
    r->w = logical.width / (double)PANGO_SCALE;
    r->h = logical.height / (double)PANGO_SCALE;
    r->baseline = -logical.y / (double)PANGO_SCALE;
    r->ink = ink_over(&ink, &logical);
}

static uint64_t run_hash(const char *s, size_t len, cj_font f) {
    uint64_t h = 1469598103934665603u;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211u;
    return (h ^ ((uint64_t)f.bold << 40) ^ ((uint64_t)f.italic << 41)) * 1099511628211u;
}

static bool same_font(cj_font a, cj_font b) { return a.bold == b.bold && a.italic == b.italic; }

/* The slot for (s, f): the entry or the empty slot where it belongs. */
static run_entry *run_slot(pango_measurer *pm, const char *s, size_t len, cj_font f) {
    size_t i = (size_t)run_hash(s, len, f) & (pm->cap_runs - 1);
    for (;;) {
        run_entry *e = &pm->runs[i];
        if (!e->s || (e->len == len && same_font(e->f, f) && memcmp(e->s, s, len) == 0)) return e;
        i = (i + 1) & (pm->cap_runs - 1);
    }
}

static bool run_grow(pango_measurer *pm) {
    size_t cap = pm->cap_runs ? pm->cap_runs * 2 : 1024;
    run_entry *old = pm->runs, *nr = calloc(cap, sizeof *nr);
    if (!nr) return false;
    size_t oldcap = pm->cap_runs;
    pm->runs = nr, pm->cap_runs = cap;
    for (size_t i = 0; i < oldcap; i++)
        if (old[i].s) *run_slot(pm, old[i].s, old[i].len, old[i].f) = old[i];
    free(old);
    return true;
}

/* A single-line run's metrics, from the cache or measured (and kept). */
static void measure_cached(pango_measurer *pm, const char *s, size_t len, cj_font f,
                           run_metrics *r) {
    if (len > RUN_CACHE_LEN) {
        measure_run(pm, s, len, f, r);
        return;
    }
    if (pm->n_runs < RUN_CACHE_MAX && (pm->n_runs + 1) * 2 > pm->cap_runs && !run_grow(pm)) {
        measure_run(pm, s, len, f, r);
        return;
    }
    run_entry *e = pm->cap_runs ? run_slot(pm, s, len, f) : NULL;
    if (e && e->s) {
        *r = e->m;
        return;
    }
    measure_run(pm, s, len, f, r);
    if (!e || pm->n_runs >= RUN_CACHE_MAX || pm->run_bytes + len > RUN_CACHE_BYTES) return;
    char *copy = malloc(len ? len : 1);
    if (!copy) return;
    memcpy(copy, s, len);
    *e = (run_entry){copy, len, f, *r}; /* the table owns copy: pango_destroy frees it */
    pm->n_runs++;
    pm->run_bytes += len;
    // cppcheck-suppress memleak ; cppcheck does not follow the store through *e
}

/* A single-line run's metrics at f.size. */
static run_metrics measure_line(pango_measurer *pm, const char *s, size_t len, cj_font f) {
    const double k = cj_pango_scale(f);
    run_metrics r;
    measure_cached(pm, s, len, f, &r);
    r.w *= k, r.h *= k, r.baseline *= k, r.ink *= k;
    return r;
}

/* A line of the paragraph that ended at a space or at the end of a
 * paragraph, trimmed to [a, b): its glyphs are the ones shaping that run
 * alone gives (the break falls between words, so no shaping context is
 * cut and pango inserted no hyphen), so its width is the sum of their
 * advances -- no second shaping.  Lines broken inside a word are measured
 * on their own instead (pango adds a hyphen glyph there that is not drawn).
 * On the bench journeys and every test input the two agree to 1e-4 pt. */
static run_metrics paragraph_line(PangoLayoutLine *pl, size_t a, size_t b, cj_font f) {
    const double k = cj_pango_scale(f) / PANGO_SCALE;
    long long sum = 0;
    for (GSList *r = pl->runs; r; r = r->next) {
        const PangoGlyphItem *gi = r->data;
        for (int g = 0; g < gi->glyphs->num_glyphs; g++) {
            size_t ci = (size_t)gi->item->offset + (size_t)gi->glyphs->log_clusters[g];
            if (ci >= a && ci < b) sum += gi->glyphs->glyphs[g].geometry.width;
        }
    }
    PangoRectangle ink, logical;
    pango_layout_line_get_extents(pl, &ink, &logical);
    return (run_metrics){(double)sum * k, logical.height * k, -logical.y * k,
                         ink_over(&ink, &logical) * cj_pango_scale(f)};
}

static void push(cj_mbox *out, size_t start, size_t len, run_metrics r) {
    cj_mbox_push(out, start, len, r.w, r.h, r.baseline, r.ink);
}

/* Whether c, right before or after a word's letters, belongs to the word
 * on its line: a quote, a bracket or a mark such as '.', ',', '!' (not a
 * slash or other marks a line may end after). */
static bool clings(gunichar c) {
    switch (g_unichar_type(c)) {
    case G_UNICODE_INITIAL_PUNCTUATION:
    case G_UNICODE_FINAL_PUNCTUATION:
    case G_UNICODE_OPEN_PUNCTUATION:
    case G_UNICODE_CLOSE_PUNCTUATION:
        return true;
    case G_UNICODE_OTHER_PUNCTUATION:
        return c != '/' && c != '\\' && c != '@' && c != '&' && c != '#' && c != '*';
    default:
        return false;
    }
}

/* Whether c is of a script written without spaces, which breaks between
 * characters (UAX #14 classes ID, CJ, H2, H3, JL/JV/JT, SA). */
static bool unspaced(gunichar c) {
    switch (g_unichar_break_type(c)) {
    case G_UNICODE_BREAK_IDEOGRAPHIC:
    case G_UNICODE_BREAK_CONDITIONAL_JAPANESE_STARTER:
    case G_UNICODE_BREAK_HANGUL_L_JAMO:
    case G_UNICODE_BREAK_HANGUL_V_JAMO:
    case G_UNICODE_BREAK_HANGUL_T_JAMO:
    case G_UNICODE_BREAK_HANGUL_LV_SYLLABLE:
    case G_UNICODE_BREAK_HANGUL_LVT_SYLLABLE:
    case G_UNICODE_BREAK_COMPLEX_CONTEXT:
        return true;
    default:
        return false;
    }
}

/* Whether the line [a, b) of s ends inside a word: between two letters or
 * digits, or at a soft hyphen (U+00AD, which *b then leaves out).  pango
 * draws a hyphen there in the paragraph; the line is drawn as a run of its
 * own, so the hyphen must be part of that run.  A break after '-', '/' or
 * another mark that allows one is not inside a word. */
static bool breaks_word(const char *s, size_t a, size_t b, size_t len, size_t *end) {
    if (b >= len) return false;
    if (b - a >= 2 && (unsigned char)s[b - 2] == 0xC2 && (unsigned char)s[b - 1] == 0xAD) {
        *end = b - 2;
        return true;
    }
    const char *last = g_utf8_find_prev_char(s + a, s + b);
    if (!last) return false;
    gunichar before = g_utf8_get_char(last), after = g_utf8_get_char(s + b);
    while (g_unichar_ismark(before) && last > s + a) { /* "é" as e + U+0301: the letter */
        last = g_utf8_find_prev_char(s + a, last);
        if (!last) return false;
        before = g_utf8_get_char(last);
    }
    if (!g_unichar_isalnum(before)) return false;
    /* Scripts written without spaces break with no hyphen: "日本" | "語". */
    if (unspaced(before) || unspaced(after)) return false;
    if (g_unichar_isalnum(after) || g_unichar_ismark(after)) return true;
    /* Punctuation that holds on to the word before it (UAX #14 allows no
     * break before a closing quote, bracket or full stop): a line that ends
     * there was cut inside "word»" because it did not fit, and is hyphenated
     * like any word (the tries at hyphenation points usually find "ord-" |
     * "word»" instead).  Not before a dash or a slash: no hyphen is added
     * to "Kundeservice" | "-afdelingen" or "dk" | "/ordre". */
    return clings(after);
}

/* The line [a, b) with a hyphen after it: measured with the hyphen, which
 * the layout draws after the line's text (cj_mline.hyphen). */
static void push_hyphenated(pango_measurer *pm, cj_mbox *out, const char *s, size_t a, size_t b,
                            cj_font f) {
    char stack[256], *buf = b - a + 2 <= sizeof stack ? stack : malloc(b - a + 2);
    if (!buf) {
        push(out, a, b - a, measure_line(pm, s + a, b - a, f));
        return;
    }
    memcpy(buf, s + a, b - a);
    buf[b - a] = '-';
    push(out, a, b - a, measure_line(pm, buf, b - a + 1, f));
    out->lines[out->n - 1].hyphen = true;
    if (buf != stack) free(buf);
}

/* Hyphenation: where a word too wide for its line may break.  pango
 * breaks such a word at any character (PANGO_WRAP_WORD_CHAR's fallback);
 * with the language's patterns (libhyphen, Debian's hyphen-* packages,
 * chosen by the map's locale) breaks inside words are allowed only at
 * hyphenation points: "Ordre-bekræftelses-processen", not "...pro-cessen".
 * pango still breaks a word only when it does not fit a line of its own,
 * so a word that fits is never hyphenated.  The patterns are ISO 8859-1:
 * a word with a letter outside it is one piece.  When a piece is still
 * wider than the line, a second try lets it break anywhere but in its
 * first two and last three letters; when even that does not fit (absurd
 * widths), pango's own character breaks are kept. */
static const char *const dict_files[CJMAP_LOCALE_COUNT] = {
    [CJMAP_LOCALE_EN] = "/usr/share/hyphen/hyph_en_US.dic",
    [CJMAP_LOCALE_DA] = "/usr/share/hyphen/hyph_da_DK.dic",
    [CJMAP_LOCALE_NB] = "/usr/share/hyphen/hyph_nb_NO.dic",
    [CJMAP_LOCALE_SV] = "/usr/share/hyphen/hyph_sv_SE.dic",
    [CJMAP_LOCALE_DE] = "/usr/share/hyphen/hyph_de_DE.dic"};

static HyphenDict *locale_dict(pango_measurer *pm) {
    unsigned l = (unsigned)pm->loc < CJMAP_LOCALE_COUNT ? (unsigned)pm->loc : 0;
    if (!pm->dict_tried[l]) {
        pm->dict_tried[l] = true;
        pm->dict[l] = hnj_hyphen_load(dict_files[l]);
    }
    return pm->dict[l];
}

static void pango_set_locale(cjmap_measurer *m, cjmap_locale loc) {
    ((pango_measurer *)m)->loc = loc;
}

/* A hyphen in the text, or a slash: a line may end after one, never
 * before ("Kundeservice-" | "afdelingen", not "Kundeservice" | "-afdelingen"). */
static bool ends_after(gunichar c) { return c == '-' || c == 0x2010 || c == 0x2011 || c == '/'; }

/* A letter or digit of a word that may be hyphenated: not of a script
 * written without spaces (pango breaks those between characters). */
static bool word_char(gunichar c) { return g_unichar_isalnum(c) && !unspaced(c); }

/* At most this many marks cling to a word on each side: a quote, a bracket
 * and a full stop.  A run of forty dots does not become part of the word. */
#define CLING_MAX 3

/* The second try (pango_measure): a piece wider than the line may break
 * inside, but never in its first two letters or its last three (with the
 * marks that cling to them), the hyphenation patterns' own limits. */
typedef struct guard {
    pango_measurer *pm;
    cj_font f;
    double max_w;
} guard;

static void no_break(PangoAttrList *al, size_t start, size_t end) {
    if (end <= start) return;
    PangoAttribute *at = pango_attr_allow_breaks_new(FALSE);
    at->start_index = (guint)start;
    at->end_index = (guint)end;
    pango_attr_list_insert(al, at);
}

/* A piece s[start, end) of a word with no break inside, or, on the second
 * try when it is wider than the line, none before `head` (its third
 * letter) or after `tail` (its third letter from the end). */
static void piece(PangoAttrList *al, const guard *g, const char *s, size_t start, size_t end,
                  size_t head, size_t tail) {
    if (g && head < tail && measure_line(g->pm, s + start, end - start, g->f).w > g->max_w) {
        no_break(al, start, head);
        no_break(al, tail, end);
    } else {
        no_break(al, start, end);
    }
}

/* Adds to `al` the pieces of the word s[a, b) between its hyphenation
 * points, each with no break inside it; the first piece from a0 <= a and
 * the last to b1 >= b, over the quotes and marks that cling to the word:
 * "kjøper»" is one piece, so "førstegangs-" | "kjøper»", never
 * "førstegangskjøper-" | "»".  A word of fewer than five letters (no
 * hyphenation point with the 2 + 3 limits) is never broken: "Nordvarme." |
 * "dk", not "Nordvarme.d-" | "k".  A word the patterns cannot take (no
 * patterns for the locale, a letter outside ISO 8859-1, more than MAXW
 * letters) is one piece.  A letter's combining marks stay with it. */
static void word_breaks(HyphenDict *d, const char *s, size_t a0, size_t a, size_t b, size_t b1,
                        const guard *g, PangoAttrList *al) {
    enum { MAXW = 128 };
    unsigned char lat[MAXW + 1];
    size_t off[MAXW + 1], n = 0; /* off[i]: where letter i starts */
    size_t last[3] = {a, a, a};  /* where the last three letters start */
    bool latin = true;
    for (const char *p = s + a; p < s + b; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (g_unichar_ismark(c)) continue; /* part of the letter before it */
        c = g_unichar_tolower(c);
        if (c > 0xFF) latin = false;
        if (n < MAXW) {
            off[n] = (size_t)(p - s);
            lat[n] = (unsigned char)c;
        }
        last[0] = last[1], last[1] = last[2], last[2] = (size_t)(p - s);
        n++;
    }
    if (n < 5) {
        no_break(al, a0, b1);
        return;
    }
    char hy[MAXW + 5] = {0};
    char **rep = NULL;
    int *pos = NULL, *cut = NULL;
    bool points = d && latin && n <= MAXW;
    if (points) {
        lat[n] = 0;
        points = hnj_hyphen_hyphenate3(d, (const char *)lat, (int)n, hy, NULL, &rep, &pos, &cut, 2,
                                       3, 2, 3) == 0;
        if (rep) { /* non-standard hyphenation (rare in these patterns): not used */
            for (size_t i = 0; i < n; i++)
                free(rep[i]);
            free(rep), free(pos), free(cut);
        }
    }
    if (!points) {
        piece(al, g, s, a0, b1, off[2], last[0]);
        return;
    }
    size_t from = 0;
    for (size_t i = 0; i < n; i++) {
        if (i + 1 < n && !(hy[i] & 1)) continue;
        size_t to = i + 1; /* a piece ends after letter i */
        size_t start = from ? off[from] : a0, end = to < n ? off[to] : b1;
        bool split = to - from >= 5;
        piece(al, g, s, start, end, split ? off[from + 2] : end, split ? off[to - 3] : start);
        from = to;
    }
}

/* The attributes that allow breaks inside the words of s only at their
 * hyphenation points (first try), or also inside pieces still too wide
 * for the line, but not at their ends (second try, `g`). */
static PangoAttrList *hyphenation_attrs(pango_measurer *pm, const char *s, size_t len,
                                        const guard *g) {
    HyphenDict *d = locale_dict(pm);
    PangoAttrList *al = pango_attr_list_new();
    size_t a = 0, taken = 0; /* taken: where the last word's marks end */
    while (a < len) {
        while (a < len && !word_char(g_utf8_get_char(s + a)))
            a = (size_t)(g_utf8_next_char(s + a) - s);
        size_t b = a;
        while (b < len &&
               (word_char(g_utf8_get_char(s + b)) || g_unichar_ismark(g_utf8_get_char(s + b))))
            b = (size_t)(g_utf8_next_char(s + b) - s);
        if (b > a) {
            size_t a0 = a, b1 = b;
            /* Marks before it that the last word did not take ("«Ord"). */
            for (int k = 0; k < CLING_MAX && a0 > taken; k++) {
                const char *prev = g_utf8_find_prev_char(s, s + a0);
                if (!prev || !clings(g_utf8_get_char(prev))) break;
                a0 = (size_t)(prev - s);
            }
            /* Marks after it ("Ord»."), and a hyphen or slash, but not the
             * opening bracket or quote of a word that follows at once. */
            for (int k = 0; k < CLING_MAX && b1 < len; k++) {
                gunichar c = g_utf8_get_char(s + b1);
                const char *next = g_utf8_next_char(s + b1);
                bool opens = g_unichar_type(c) == G_UNICODE_OPEN_PUNCTUATION ||
                             ((g_unichar_type(c) == G_UNICODE_INITIAL_PUNCTUATION ||
                               g_unichar_type(c) == G_UNICODE_FINAL_PUNCTUATION) &&
                              next < s + len && word_char(g_utf8_get_char(next)));
                if (opens || !(clings(c) || ends_after(c))) break;
                b1 = (size_t)(next - s);
                if (ends_after(c)) break; /* a line may end after it */
            }
            word_breaks(d, s, a0, a, b, b1, g, al);
            taken = b1;
        }
        a = b;
    }
    return al;
}

static void paragraph_lines(pango_measurer *pm, const char *s, size_t len, cj_font f, cj_mbox *out);

static void copy_lines(cj_mbox *out, const cj_mbox *from) {
    out->n = 0, out->w = out->h = 0;
    for (size_t i = 0; i < from->n; i++) {
        const cj_mline *l = &from->lines[i];
        cj_mbox_push(out, l->start, l->len, l->w, l->h, l->baseline, l->ink);
        out->lines[out->n - 1].hyphen = l->hyphen;
    }
}

/* The paragraph s wrapped at `wrap_w` (pango's line width) into lines that
 * should fit `max_w`: pango's breaks, then the tries at hyphenation points. */
static void wrap_text(pango_measurer *pm, const char *s, size_t len, cj_font f, double wrap_w,
                      double max_w, cj_mbox *out) {
    /* The paragraph is set at the reference size too, so the width is
     * scaled the other way.  pango widths are ints in 1/1024 pt: anything
     * wider than that range (callers pass a huge width to mean "unbounded")
     * is no wrapping at all. */
    const double ref_w = wrap_w / cj_pango_scale(f);
    bool wrap = wrap_w > 0 && ref_w * PANGO_SCALE < (double)G_MAXINT;
    pango_layout_set_width(pm->para, wrap ? (int)(ref_w * PANGO_SCALE) : -1);
    pango_layout_set_attributes(pm->para, NULL);
    pango_layout_set_text(pm->para, s, (int)len);
    paragraph_lines(pm, s, len, f, out);
    bool broke = false;
    for (size_t i = 0; i < out->n; i++)
        broke |= out->lines[i].hyphen;
    /* Again, breaking words only at hyphenation points; when some piece
     * between two of them is still wider than the line, once more with
     * that piece broken anywhere but in its first two and last three
     * letters.  The first that fits is taken, else pango's own breaks. */
    guard g = {pm, f, max_w};
    for (int pass = 0; broke && wrap && pass < 2; pass++) {
        PangoAttrList *al = hyphenation_attrs(pm, s, len, pass ? &g : NULL);
        cj_mbox alt = {0};
        pango_layout_set_attributes(pm->para, al);
        pango_attr_list_unref(al);
        paragraph_lines(pm, s, len, f, &alt);
        pango_layout_set_attributes(pm->para, NULL);
        bool fits = alt.w <= max_w + 0.01;
        if (fits) copy_lines(out, &alt);
        cj_mbox_free(&alt);
        if (fits) break;
    }
}

static bool pango_measure(cjmap_measurer *m, const char *s, size_t len, cj_font f, double max_w,
                          cj_mbox *out) {
    pango_measurer *pm = (pango_measurer *)m;
    out->n = 0;
    out->w = out->h = 0;
    if (len > (size_t)G_MAXINT / 2 || !(f.size > 0)) return false;
    cj_pango_set_font(pm->para, pm->desc, f);
    cj_pango_set_font(pm->line, pm->desc, f);
    pango_context_set_font_description(pm->ctx, pm->desc);
    /* A text without line breaks and leading spaces that fits on one line
     * is that one trimmed run: the paragraph pass below would find exactly
     * this line, so skip it.  Same bytes, same run, same metrics. */
    if (len && !memchr(s, '\n', len) && !is_trim(s[0])) {
        size_t b = len;
        while (b > 0 && is_trim(s[b - 1]))
            b--;
        run_metrics r = measure_line(pm, s, b, f);
        if (!(max_w > 0) || r.w < max_w - 0.01) {
            push(out, 0, b, r);
            return true;
        }
    }
    wrap_text(pm, s, len, f, max_w, max_w, out);
    /* A line broken where pango draws no hyphen of its own (inside a
     * number, before a closing mark) is one hyphen wider than pango made
     * it: once more with the line that much narrower, kept if it fits. */
    if (out->w > max_w + 0.01 && max_w > 0) {
        cj_mbox alt = {0};
        wrap_text(pm, s, len, f, max_w - measure_line(pm, "-", 1, f).w, max_w, &alt);
        if (alt.w <= max_w + 0.01) copy_lines(out, &alt);
        cj_mbox_free(&alt);
    }
    return true;
}

/* The lines pango found for the text set in pm->para, into out. */
static void paragraph_lines(pango_measurer *pm, const char *s, size_t len, cj_font f,
                            cj_mbox *out) {
    out->n = 0;
    out->w = out->h = 0;
    int n = pango_layout_get_line_count(pm->para);
    for (int i = 0; i < n; i++) {
        PangoLayoutLine *pl = pango_layout_get_line_readonly(pm->para, i);
        size_t a = (size_t)pl->start_index, end = a + (size_t)pl->length, b = end;
        if (b > len) b = end = len;
        while (a < b && is_trim(s[a]))
            a++;
        while (b > a && is_trim(s[b - 1]))
            b--;
        if (a < b && (end == len || is_trim(s[end - 1]) || s[end] == '\n'))
            push(out, a, b - a, paragraph_line(pl, a, b, f));
        else if (a < b && breaks_word(s, a, b, len, &b))
            push_hyphenated(pm, out, s, a, b, f);
        else
            push(out, a, b - a, measure_line(pm, s + a, b - a, f));
    }
    if (out->n == 0) {
        run_metrics r = measure_line(pm, "", 0, f);
        r.w = 0;
        push(out, 0, 0, r);
    }
}

static void release_font_map(void *fm) { g_object_unref(fm); }

static cj_text_fonts pango_share_fonts(cjmap_measurer *m) {
    pango_measurer *pm = (pango_measurer *)m;
    PangoFontMap *fm = pango_context_get_font_map(pm->ctx);
    return (cj_text_fonts){g_object_ref(fm), release_font_map};
}

static void pango_destroy(cjmap_measurer *m) {
    pango_measurer *pm = (pango_measurer *)m;
    for (size_t i = 0; i < pm->cap_runs; i++)
        free(pm->runs[i].s);
    free(pm->runs);
    if (pm->para) g_object_unref(pm->para);
    if (pm->line) g_object_unref(pm->line);
    if (pm->ctx) g_object_unref(pm->ctx);
    if (pm->desc) pango_font_description_free(pm->desc);
    if (pm->attrs) pango_attr_list_unref(pm->attrs);
    cj_itemizer_free(&pm->iz);
    for (int l = 0; l < CJMAP_LOCALE_COUNT; l++)
        if (pm->dict[l]) hnj_hyphen_free(pm->dict[l]);
    free(pm);
}

cjmap_measurer *cjmap_measurer_pango_new(void) {
    pango_measurer *pm = calloc(1, sizeof *pm);
    if (!pm) return NULL;
    pm->base.measure = pango_measure;
    pm->base.destroy = pango_destroy;
    pm->ctx = cj_pango_context_new(NULL);
    pm->base.share_fonts = pango_share_fonts;
    pm->base.set_locale = pango_set_locale;
    if (!pm->ctx) {
        pango_destroy(&pm->base);
        return NULL;
    }
    pm->para = pango_layout_new(pm->ctx);
    pm->line = pango_layout_new(pm->ctx);
    pm->desc = pango_font_description_new();
    pm->attrs = pango_attr_list_new();
    pango_layout_set_wrap(pm->para, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_single_paragraph_mode(pm->line, TRUE);
    return &pm->base;
}
