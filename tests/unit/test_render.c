/*
** test_render.c — every journey in maps/ and tests/good/ (and two built-in
** models) laid out with pango and rendered to PDF, SVG and PNG:
**   - the layout invariants hold with real fonts too;
**   - the text pdftotext extracts from the PDF, and the text of the SVG's
**     <text> elements, contain every title, segment, goal, phase, statement,
**     action, touchpoint, purpose, experience, pain, opportunity and metric;
**   - the SVG is well-formed XML (xmllint --noout);
**   - PNG output is a PNG of the expected pixel size;
**   - rendering twice in one process gives identical bytes.
** Run from the repository root (tests/run.sh does).
*/
#include "harness.h"
#include "layout_check.h"
#include "measure_pango.h"
#include "membuf.h"
#include "models.h"
#include "render.h"

#include <cjmap_render.h>

#include <ctype.h>
#include <dirent.h>
#include <png.h>
#include <stdint.h>
#include <unistd.h>

const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void) { return "leak:libfontconfig.so\n"; }
const char *__lsan_default_options(void);
const char *__lsan_default_options(void) { return "print_suppressions=0"; }


static char tmpdir[64];

/* Removes ASCII white space and U+00A0: wrapping and extraction move them. */
/* Drops white space and the invisible format characters that have no
 * glyph and so cannot come back from a PDF's text: NBSP, zero-width joiner
 * and non-joiner (U+200C/D) and variation selectors (U+FE0E/F). */
static char *strip(const char *s) {
    size_t n = strlen(s);
    char *d = malloc(n + 1), *o = d;
    for (size_t i = 0; i < n; i++) {
        const unsigned char *u = (const unsigned char *)s + i;
        if (isspace(u[0])) continue;
        if (u[0] == 0xC2 && u[1] == 0xA0) {
            i++;
            continue;
        }
        if ((u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0x8C || u[2] == 0x8D)) ||
            (u[0] == 0xEF && u[1] == 0xB8 && (u[2] == 0x8E || u[2] == 0x8F))) {
            i += 2;
            continue;
        }
        *o++ = s[i];
    }
    *o = 0;
    return d;
}

/* The haystack for a text search: the text stripped of spaces as it is,
 * then (after a \x01) with the hyphens of broken words taken out: a '-'
 * that ends a line after a letter or digit and is followed by one (cjmap
 * draws it where a line breaks a word; pdftotext -raw and svg_text keep
 * the line ends).  A text is found in either part, so a real hyphen at a
 * line end ("Mund-til-") is found too. */
static char *hay_both(const char *raw) {
    size_t n = strlen(raw);
    char *d = malloc(n + 1), *o = d;
    for (size_t i = 0; i < n; i++) {
        if (raw[i] == '-' && i > 0 && raw[i + 1] == '\n' && raw[i + 2] &&
            (isalnum((unsigned char)raw[i - 1]) || (unsigned char)raw[i - 1] >= 0x80) &&
            (isalnum((unsigned char)raw[i + 2]) || (unsigned char)raw[i + 2] >= 0x80))
            continue;
        *o++ = raw[i];
    }
    *o = 0;
    char *a = strip(raw), *b = strip(d);
    free(d);
    char *out = malloc(strlen(a) + strlen(b) + 2);
    sprintf(out, "%s\x01%s", a, b);
    free(a);
    free(b);
    return out;
}

/* pdftotext can only give back what a font drew, and gives right-to-left
 * runs in visual order: the PDF check covers text the installed fonts can
 * draw and that has no Hebrew/Arabic; the SVG check covers all text. */
static PangoLayout *probe;
static bool pdf_checkable(const char *t) {
    for (const unsigned char *p = (const unsigned char *)t; *p; p++)
        if (*p >= 0xD6 && *p <= 0xDF) return false; /* U+0580..U+07FF: Hebrew, Arabic, ... */
    if (strstr(t, "\xEF\xAD") || strstr(t, "\xEF\xBB")) return false;
    pango_layout_set_text(probe, t, -1);
    return pango_layout_get_unknown_glyphs_count(probe) == 0;
}

static bool write_file(const char *path, const membuf *b) {
    FILE *f = fopen(path, "wb");
    if (!f) return false;
    bool ok = fwrite(b->p, 1, b->n, f) == b->n;
    return (fclose(f) == 0) && ok;
}

static char *run(const char *cmd) {
    FILE *p = popen(cmd, "r");
    if (!p) return NULL;
    membuf b = {0};
    unsigned char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, p)) > 0) membuf_write(&b, chunk, n);
    int rc = pclose(p);
    if (rc != 0) {
        free(b.p);
        return NULL;
    }
    if (!b.p) membuf_write(&b, (const unsigned char *)"", 0);
    return (char *)b.p;
}

/* The concatenated content of every <text> element, entities decoded. */
static char *svg_text(const char *svg) {
    membuf b = {0};
    membuf_write(&b, (const unsigned char *)"", 0);
    const char *p = svg;
    while ((p = strstr(p, "<text"))) {
        const char *s = strchr(p, '>'), *e = s ? strstr(s, "</text>") : NULL;
        if (!e) break;
        for (const char *q = s + 1; q < e; q++) {
            static const struct { const char *ent, *ch; } ents[] = {
                {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}};
            bool done = false;
            for (size_t k = 0; k < 5 && *q == '&'; k++)
                if (strncmp(q, ents[k].ent, strlen(ents[k].ent)) == 0) {
                    membuf_write(&b, (const unsigned char *)ents[k].ch, 1);
                    q += strlen(ents[k].ent) - 1;
                    done = true;
                    break;
                }
            if (!done) membuf_write(&b, (const unsigned char *)q, 1);
        }
        membuf_write(&b, (const unsigned char *)"\n", 1);
        p = e;
    }
    return (char *)b.p;
}

static int missing_in(const char *hay, const char *what, const char *text) {
    if (!text || !*text) return 0;
    if (what[0] == 'P' && !pdf_checkable(text)) return 0;
    char *w = strip(text);
    int miss = *w && !strstr(hay, w);
    if (miss) printf("  %s lacks '%.70s'\n", what, text);
    free(w);
    return miss;
}

/* Every user text of the model found in `hay` (already stripped). */
static int missing_texts(const cjmap_model *m, const char *hay, const char *what) {
    int miss = missing_in(hay, what, m->title) + missing_in(hay, what, m->segment_name) +
               missing_in(hay, what, m->segment_description);
    for (size_t i = 0; i < m->n_segment_goals; i++) miss += missing_in(hay, what, m->segment_goals[i]);
    for (size_t p = 0; p < m->n_phases; p++) {
        const cjmap_phase *ph = &m->phases[p];
        miss += missing_in(hay, what, ph->name) + missing_in(hay, what, ph->statement);
        for (size_t a = 0; a < ph->n_actions; a++) miss += missing_in(hay, what, ph->actions[a]);
        for (size_t k = 0; k < ph->n_metrics; k++)
            miss += missing_in(hay, what, ph->metrics[k].name) + missing_in(hay, what, ph->metrics[k].value);
    }
    for (size_t t = 0; t < m->n_touchpoints; t++) {
        miss += missing_in(hay, what, m->touchpoints[t].name);
        for (size_t u = 0; u < m->touchpoints[t].n_uses; u++)
            miss += missing_in(hay, what, m->touchpoints[t].uses[u].purpose);
    }
    for (size_t i = 0; i < m->n_experiences; i++) miss += missing_in(hay, what, m->experiences[i].text);
    for (size_t i = 0; i < m->n_pains; i++) miss += missing_in(hay, what, m->pains[i].text);
    for (size_t i = 0; i < m->n_opportunities; i++) miss += missing_in(hay, what, m->opportunities[i].text);
    for (size_t p = 0; p < m->n_phases; p++)
        for (size_t o = 0; m->phases[p].own && o < m->n_own_lanes; o++)
            for (size_t k = 0; k < m->phases[p].own[o].n_texts; k++)
                miss += missing_in(hay, what, m->phases[p].own[o].texts[k]);
    for (size_t o = 0; o < m->n_own_lanes; o++) { /* the label of an own lane that is drawn */
        bool filled = false;
        for (size_t p = 0; p < m->n_phases; p++)
            filled |= m->phases[p].own && m->phases[p].own[o].n_texts;
        if (filled) miss += missing_in(hay, what, m->own_lanes[o].name);
    }
    const cjmap_step *steps[2] = {m->backstage, m->support};
    size_t n_steps[2] = {m->n_backstage, m->n_support};
    for (int w = 0; w < 2; w++)
        for (size_t i = 0; i < n_steps[w]; i++)
            miss +=
                missing_in(hay, what, steps[w][i].text) + missing_in(hay, what, steps[w][i].actor);
    return miss;
}

static void check_pdf_shapes(const cjmap_layout *l, const char *name);
static void check_text_places(const cjmap_layout *l, const char *pdf_path, const char *name);

static void check_model(cjmap_measurer *ms, const cjmap_model *m, const char *name,
                        const cjmap_layout_options *o) {
    char t[300], path[200], cmd[400];
    cjmap_layout *l = cjmap_layout_new(m, o, ms);
    snprintf(t, sizeof t, "%s: layout", name);
    CHECK(t, l != NULL);
    if (!l) return;
    snprintf(t, sizeof t, "%s: geometry with real fonts", name);
    CHECK(t, check_layout(l, name, CJMAP_DEFAULT_PAGE_SIDE) == 0);
    if (!strncmp(name, "maps/", 5) || strstr(name, "built-in") || strstr(name, "generated"))
        check_pdf_shapes(l, name);

    membuf pdf = {0}, pdf2 = {0};
    snprintf(t, sizeof t, "%s: PDF renders", name);
    CHECK(t, cjmap_render(l, CJMAP_FORMAT_PDF, CJMAP_ALL_PAGES, membuf_write, &pdf));
    cjmap_render(l, CJMAP_FORMAT_PDF, CJMAP_ALL_PAGES, membuf_write, &pdf2);
    snprintf(t, sizeof t, "%s: PDF bytes identical twice", name);
    CHECK(t, pdf.n && pdf.n == pdf2.n && memcmp(pdf.p, pdf2.p, pdf.n) == 0);
    snprintf(path, sizeof path, "%s/map.pdf", tmpdir);
    write_file(path, &pdf);
    snprintf(cmd, sizeof cmd, "pdftotext -raw -enc UTF-8 '%s' - 2>/dev/null", path);
    char *txt = run(cmd);
    snprintf(t, sizeof t, "%s: pdftotext reads the PDF", name);
    CHECK(t, txt != NULL);
    if (txt) {
        char *s = hay_both(txt);
        snprintf(t, sizeof t, "%s: PDF text has every journey text", name);
        CHECK(t, missing_texts(m, s, "PDF") == 0);
        free(s);
        free(txt);
    }
    if (!strncmp(name, "maps/", 5) || strstr(name, "built-in")) check_text_places(l, path, name);
    snprintf(cmd, sizeof cmd, "pdfinfo '%s' 2>/dev/null", path);
    char *info = run(cmd);
    snprintf(t, sizeof t, "%s: PDF metadata (title, creator)", name);
    const char *cr = info ? strstr(info, "Creator:") : NULL;
    CHECK(t, cr && strncmp(cr + strspn(cr + 8, " ") + 8, "cjmap ", 6) == 0 && strstr(info, "Title:"));
    free(info);

    size_t pages = cjmap_layout_page_count(l);
    membuf all_svg_text = {0};
    membuf_write(&all_svg_text, (const unsigned char *)"", 0);
    bool svg_ok = true, xml_ok = true, png_ok = true;
    for (size_t p = 0; p < pages; p++) {
        membuf svg = {0}, svg2 = {0}, png = {0};
        svg_ok &= cjmap_render(l, CJMAP_FORMAT_SVG, p, membuf_write, &svg);
        cjmap_render(l, CJMAP_FORMAT_SVG, p, membuf_write, &svg2);
        svg_ok &= svg.n == svg2.n && memcmp(svg.p, svg2.p, svg.n) == 0;
        if (svg.p) {
            char *st = svg_text((const char *)svg.p);
            membuf_write(&all_svg_text, (const unsigned char *)st, strlen(st));
            free(st);
            snprintf(path, sizeof path, "%s/map.svg", tmpdir);
            write_file(path, &svg);
            snprintf(cmd, sizeof cmd, "xmllint --noout '%s' 2>&1", path);
            char *x = run(cmd);
            xml_ok &= x && !*x;
            free(x);
        }
        if (p < 3) { /* PNG is the slow one; the first pages prove it */
            png_ok &= cjmap_render(l, CJMAP_FORMAT_PNG, p, membuf_write, &png);
            double w, h;
            cjmap_layout_page_size(l, p, &w, &h);
            double k = (o && o->dpi > 0 ? o->dpi : 144) / 72.0;
            png_ok &= png.n > 24 && memcmp(png.p, "\x89PNG\r\n\x1a\n", 8) == 0;
            if (png.n > 24) {
                const unsigned char *u = (const unsigned char *)png.p;
                uint32_t pw = (uint32_t)u[16] << 24 | u[17] << 16 | u[18] << 8 | u[19];
                uint32_t ph = (uint32_t)u[20] << 24 | u[21] << 16 | u[22] << 8 | u[23];
                png_ok &= pw == (uint32_t)ceil(w * k - 1e-6) && ph == (uint32_t)ceil(h * k - 1e-6);
            }
        }
        free(svg.p);
        free(svg2.p);
        free(png.p);
    }
    snprintf(t, sizeof t, "%s: SVG renders, identical twice", name);
    CHECK(t, svg_ok);
    snprintf(t, sizeof t, "%s: SVG is well-formed XML", name);
    CHECK(t, xml_ok);
    snprintf(t, sizeof t, "%s: PNG of the right size", name);
    CHECK(t, png_ok);
    char *s = hay_both((const char *)all_svg_text.p);
    snprintf(t, sizeof t, "%s: SVG <text> has every journey text", name);
    CHECK(t, missing_texts(m, s, "SVG") == 0);
    free(s);
    free(all_svg_text.p);
    snprintf(t, sizeof t, "%s: single-page formats refuse all pages of a multi-page map", name);
    CHECK(t, pages == 1 || !cjmap_render(l, CJMAP_FORMAT_SVG, CJMAP_ALL_PAGES, membuf_write, &pdf));
    free(pdf.p);
    free(pdf2.p);
    cjmap_layout_free(l);
}

/* Scripts written without spaces break between characters, hyphen-less. */
static bool unspaced_break(const char *a, size_t alen, const char *b) {
    const char *last = g_utf8_find_prev_char(a, a + alen);
    gunichar x = last ? g_utf8_get_char(last) : 0, y = g_utf8_get_char(b);
    GUnicodeBreakType tx = g_unichar_break_type(x), ty = g_unichar_break_type(y);
    return tx == G_UNICODE_BREAK_IDEOGRAPHIC || ty == G_UNICODE_BREAK_IDEOGRAPHIC ||
           tx == G_UNICODE_BREAK_CONDITIONAL_JAPANESE_STARTER ||
           ty == G_UNICODE_BREAK_CONDITIONAL_JAPANESE_STARTER ||
           tx == G_UNICODE_BREAK_COMPLEX_CONTEXT || ty == G_UNICODE_BREAK_COMPLEX_CONTEXT ||
           (tx >= G_UNICODE_BREAK_HANGUL_L_JAMO && tx <= G_UNICODE_BREAK_HANGUL_LVT_SYLLABLE) ||
           (ty >= G_UNICODE_BREAK_HANGUL_L_JAMO && ty <= G_UNICODE_BREAK_HANGUL_LVT_SYLLABLE);
}

/* Letters or digits in s[0, n) counted from the end (`back`) or from the start. */
static size_t fragment(const char *s, size_t n, bool back) {
    size_t chars = 0;
    const char *p = back ? s + n : s;
    while (back ? p > s : p < s + n) {
        const char *q = back ? g_utf8_find_prev_char(s, p) : p;
        if (!q || !g_unichar_isalnum(g_utf8_get_char(q))) break;
        chars++;
        p = back ? q : g_utf8_next_char(q);
    }
    return chars;
}

/* The faulty breaks between the lines of the layout's text items.
 * *bare: a word broken without a hyphen -- the next line starts right
 * where this one ends (no space between them in the text) and a letter or
 * digit stands on both sides.  *alone: a line ending in a hyphen the layout
 * added (a copy of the line, so not followed by the next line's bytes)
 * that leaves fewer than two letters of the word on either side
 * ("Nordvarme.d-" | "k", "førstegangskjøper-" | "»") or splits CJK. */
static void break_faults(const cjmap_layout *l, const char *name, int *bare, int *alone) {
    *bare = *alone = 0;
    for (size_t p = 0; p < l->dl.n_pages; p++)
        for (size_t i = 0; i < l->dl.pages[p].n; i++) {
            const cj_item *it = l->dl.pages[p].items[i];
            if (it->type != CJ_IT_TEXT) continue;
            for (size_t k = 0; k + 1 < it->n_lines; k++) {
                const cj_tline *a = &it->lines[k], *b = &it->lines[k + 1];
                if (!a->len || !b->len) continue;
                if (a->s + a->len == b->s) { /* the line ends in the text */
                    unsigned char x = (unsigned char)a->s[a->len - 1], y = (unsigned char)b->s[0];
                    /* After a dash (U+2010..U+2015: "20–|22") a line may end: UAX #14. */
                    const unsigned char *e = (const unsigned char *)a->s + a->len;
                    if (a->len >= 3 && e[-3] == 0xE2 && e[-2] == 0x80 && e[-1] >= 0x90 &&
                        e[-1] <= 0x95)
                        continue;
                    if ((isalnum(x) || x >= 0x80) && (isalnum(y) || y >= 0x80) &&
                        !unspaced_break(a->s, a->len, b->s) && (*bare)++ < 3)
                        printf("  %s: '%.*s' | '%.*s' broken without a hyphen\n", name, (int)a->len,
                               a->s, (int)b->len, b->s);
                } else if (a->len >= 2 && a->s[a->len - 1] == '-') { /* an added hyphen */
                    size_t before = fragment(a->s, a->len - 1, true),
                           after = fragment(b->s, b->len, false);
                    bool cjk = unspaced_break(a->s, a->len - 1, b->s); /* "日本-" | "語" */
                    if (((before && (before < 2 || after < 2)) || cjk) && (*alone)++ < 3)
                        printf("  %s: '%.*s' | '%.*s' leaves a letter alone\n", name, (int)a->len,
                               a->s, (int)b->len, b->s);
                }
            }
        }
}

/* Issue 14: no word of a map is broken across lines without a hyphen, on
 * A4 and A3 in both orientations (and the auto page). */
static void check_breaks(cjmap_measurer *ms, const cjmap_model *m, const char *path) {
    static const struct {
        cjmap_page_size page;
        bool portrait;
        const char *name;
    } papers[] = {{CJMAP_PAGE_AUTO, false, "auto"},
                  {CJMAP_PAGE_A4, false, "A4"},
                  {CJMAP_PAGE_A4, true, "A4 portrait"},
                  {CJMAP_PAGE_A3, false, "A3"},
                  {CJMAP_PAGE_A3, true, "A3 portrait"}};
    for (size_t i = 0; i < sizeof papers / sizeof papers[0]; i++) {
        cjmap_layout_options o = {0};
        o.page = papers[i].page;
        o.portrait = papers[i].portrait;
        cjmap_layout *l = cjmap_layout_new(m, &o, ms);
        char t[300];
        int bare = 0, alone = 0;
        snprintf(t, sizeof t, "%s (%s)", path, papers[i].name);
        if (l) break_faults(l, t, &bare, &alone);
        snprintf(t, sizeof t, "%s (%s): every word broken across lines carries a hyphen", path,
                 papers[i].name);
        CHECK(t, l && bare == 0);
        snprintf(t, sizeof t, "%s (%s): no added hyphen leaves a letter alone or splits CJK", path,
                 papers[i].name);
        CHECK(t, l && alone == 0);
        cjmap_layout_free(l);
    }
}

static void check_file(cjmap_measurer *ms, const char *path) {
    FILE *f = fopen(path, "rb");
    membuf b = {0};
    unsigned char chunk[4096];
    size_t n;
    while (f && (n = fread(chunk, 1, sizeof chunk, f)) > 0) membuf_write(&b, chunk, n);
    if (f) fclose(f);
    cjmap_journey *j = cjmap_journey_load(path, (const char *)b.p, b.n, NULL);
    const cjmap_model *m = j ? cjmap_journey_model(j) : NULL;
    char t[300];
    snprintf(t, sizeof t, "%s loads", path);
    CHECK(t, m != NULL);
    if (m) {
        check_model(ms, m, path, NULL);
        if (strstr(path, "maps/") || strstr(path, "long-texts") || strstr(path, "unicode") ||
            strstr(path, "hyphenation"))
            check_breaks(ms, m, path);
        if (strstr(path, "maps/")) {
            cjmap_layout_options o = {0};
            o.page = CJMAP_PAGE_A4;
            o.theme = CJMAP_THEME_MONO;
            char nm[300];
            snprintf(nm, sizeof nm, "%s (A4, mono)", path);
            check_model(ms, m, nm, &o);
        }
    }
    cjmap_journey_free(j);
    free(b.p);
}

static int cmp_name(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void check_dir(cjmap_measurer *ms, const char *dir) {
    DIR *d = opendir(dir);
    if (!d) return;
    char *names[512];
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 512) {
        size_t l = strlen(e->d_name);
        if (l > 5 && strcmp(e->d_name + l - 5, ".yaml") == 0) {
            names[n] = malloc(strlen(dir) + l + 2);
            sprintf(names[n++], "%s/%s", dir, e->d_name);
        }
    }
    closedir(d);
    qsort(names, n, sizeof *names, cmp_name);
    for (size_t i = 0; i < n; i++) {
        check_file(ms, names[i]);
        free(names[i]);
    }
}

/* Decodes a PNG to 8-bit RGB; NULL when it is not one. */
static unsigned char *png_pixels(const membuf *b, unsigned *w, unsigned *h) {
    png_image im;
    memset(&im, 0, sizeof im);
    im.version = PNG_IMAGE_VERSION;
    if (!b->n || !png_image_begin_read_from_memory(&im, b->p, b->n)) return NULL;
    im.format = PNG_FORMAT_RGB;
    unsigned char *px = malloc(PNG_IMAGE_SIZE(im));
    if (!px || !png_image_finish_read(&im, NULL, px, 0, NULL)) {
        free(px);
        png_image_free(&im);
        return NULL;
    }
    *w = im.width, *h = im.height;
    return px;
}

/* PNG pages are drawn in bands of rows: any band height gives the picture
 * drawn at once, up to the rasterizer's rounding on a few edge pixels. */
static void check_png_bands(cjmap_measurer *ms, const cjmap_model *m, const char *name) {
    cjmap_layout *l = cjmap_layout_new(m, NULL, ms);
    if (!l) return;
    membuf whole = {0}, bands = {0};
    double pw, ph;
    cjmap_layout_page_size(l, 0, &pw, &ph);
    int H = (int)ceil(ph * 2 - 1e-6);
    char t[200];
    snprintf(t, sizeof t, "%s: PNG drawn as one band", name);
    CHECK(t, cj_render_png(&l->dl, 0, H, membuf_write, &whole));
    snprintf(t, sizeof t, "%s: PNG drawn in bands of 7 rows", name);
    CHECK(t, cj_render_png(&l->dl, 0, 7, membuf_write, &bands));
    unsigned w1 = 0, h1 = 0, w2 = 0, h2 = 0;
    unsigned char *a = png_pixels(&whole, &w1, &h1), *b = png_pixels(&bands, &w2, &h2);
    snprintf(t, sizeof t, "%s: both decode with libpng, same size", name);
    CHECK(t, a && b && w1 == w2 && h1 == h2 && (int)h1 == H);
    size_t n = (size_t)w1 * h1 * 3, off = 0, big = 0, ink = 0;
    for (size_t i = 0; a && b && i < n; i++) {
        int d = abs((int)a[i] - (int)b[i]);
        off += d > 0;
        big += d > 8;
        ink += a[i] < 128;
    }
    snprintf(t, sizeof t,
             "%s: bands: no pixel off by more than 8/255 (%zu are), under 0.1%% off at all (%zu "
             "of %zu)",
             name, big, off, n);
    CHECK(t, a && b && big == 0 && off * 1000 < n);
    snprintf(t, sizeof t, "%s: the picture has ink (not a blank page)", name);
    CHECK(t, ink > n / 200);
    free(a);
    free(b);
    free(whole.p);
    free(bands.p);
    cjmap_layout_free(l);
}

/* The PDF renderer draws opaque discs, pills and rounded boxes with a solid
 * outline as round-capped and round-joined strokes (render_cairo.c: a
 * fraction of cairo's numbers), the PNG renderer as exact outlines.  The
 * PDF read back by poppler's cairo back end must be the PNG's picture; the
 * shapes cairo cannot draw that way (translucent, dashed, square, stroke
 * only) are in the page too. */
static cj_item *figure(cj_dlist *d, cj_page *pg, cj_itype type, cj_rect box, double radius,
                       cj_paint paint) {
    cj_item it = {0};
    it.type = (uint8_t)type;
    it.box = it.cell = box;
    it.radius = radius;
    it.paint = paint;
    return cj_dl_add(d, pg, &it, 0, 0);
}

static void disc(cj_dlist *d, cj_page *pg, double x, double y, double r, cj_paint paint) {
    cj_shape sh = {x, y, r, CJ_SHAPE_CIRCLE, 0};
    cj_item it = {0};
    it.type = CJ_IT_PATH;
    it.shaped = 1;
    it.shape = &sh;
    it.box = it.cell = (cj_rect){x - r, y - r, 2 * r, 2 * r};
    it.paint = paint;
    cj_dl_add(d, pg, &it, 0, 0);
}

/* Page p of d as a PDF (batched, or every item in order), read back by
 * pdftocairo at 144 dpi as 8-bit RGB; NULL on failure. */
static unsigned char *pdf_pixels(const cj_dlist *d, size_t p, bool in_order, const char *name,
                                 unsigned *w, unsigned *h) {
    char t[300], path[300], cmd[700];
    membuf pdf = {0};
    snprintf(t, sizeof t, "%s: PDF renders%s", name, in_order ? " (in order)" : "");
    CHECK(t, cj_render_pdf(&(cj_pdf_part){d, p, p + 1, in_order}, 1, membuf_write, &pdf));
    snprintf(path, sizeof path, "%s/figures.pdf", tmpdir);
    write_file(path, &pdf);
    free(pdf.p);
    snprintf(cmd, sizeof cmd, "pdftocairo -png -r 144 -singlefile '%s' '%s/figures' 2>/dev/null",
             path, tmpdir);
    if (system(cmd) != 0) return NULL;
    snprintf(path, sizeof path, "%s/figures.png", tmpdir);
    membuf back = {0};
    FILE *f = fopen(path, "rb");
    unsigned char buf[4096];
    for (size_t k; f && (k = fread(buf, 1, sizeof buf, f)) > 0;)
        membuf_write(&back, buf, k);
    if (f) fclose(f);
    unsigned char *px = png_pixels(&back, w, h);
    free(back.p);
    return px;
}

/* Channel values of a and b (n bytes) that differ by more than 48, and the
 * largest difference. */
static size_t far_apart(const unsigned char *a, const unsigned char *b, size_t n, size_t *worst) {
    size_t far = 0;
    *worst = 0;
    for (size_t i = 0; i < n; i++) {
        size_t dd = (size_t)abs((int)a[i] - (int)b[i]);
        far += dd > 48;
        if (dd > *worst) *worst = dd;
    }
    return far;
}

/* Page p of d as a PDF, read back by pdftocairo at d->dpi (144), against
 * cairo's PNG of the same page: antialiasing differs where a round cap
 * meets a Bezier outline, by a few levels on edge pixels; a wrong width,
 * a missing shape or one drawn under another moves far more. */
static void pdf_matches_png(const cj_dlist *d, size_t p, const char *name, unsigned expect_w) {
    char t[300];
    membuf png = {0};
    snprintf(t, sizeof t, "%s: PNG renders", name);
    CHECK(t, cj_render_png(d, p, 0, membuf_write, &png));
    unsigned w1 = 0, h1 = 0, w2 = 0, h2 = 0;
    unsigned char *a = png_pixels(&png, &w1, &h1), *b = pdf_pixels(d, p, false, name, &w2, &h2);
    snprintf(t, sizeof t, "%s: both PNGs decode, same size", name);
    CHECK(t, a && b && w1 == w2 && h1 == h2 && w1 == expect_w);
    size_t worst = 0, far = a && b ? far_apart(a, b, (size_t)w1 * h1 * 3, &worst) : 1;
    snprintf(t, sizeof t,
             "%s: PDF read back is the PNG (%zu channel values differ by more than 48, worst %zu)",
             name, far, worst);
    CHECK(t, far == 0);
    free(a);
    free(b);
    free(png.p);
}

static void check_pdf_figures(void) {
    cj_dlist d;
    cj_dl_init(&d);
    d.dpi = 144;
    cj_page *pg = cj_dl_page(&d, 320, 220, 1.0, 0xF7F7F7FF);
    const cj_color ink = 0x2B4A6FFF, tint = 0xDDEBF7FF, white = 0xFFFFFFFF;
    figure(&d, pg, CJ_IT_RECT, (cj_rect){10, 10, 130, 44}, 6, (cj_paint){tint, ink, 1.2f, 0});
    figure(&d, pg, CJ_IT_RECT, (cj_rect){150, 10, 60, 14}, 7, (cj_paint){white, ink, 0.6f, 0});
    figure(&d, pg, CJ_IT_RECT, (cj_rect){220, 10, 16, 60}, 9, (cj_paint){tint, ink, 2, 0});
    figure(&d, pg, CJ_IT_RECT, (cj_rect){250, 10, 60, 30}, 4, (cj_paint){ink, CJ_NONE, 0, 0});
    figure(&d, pg, CJ_IT_RECT, (cj_rect){150, 34, 60, 20}, 0, (cj_paint){tint, ink, 1, 0});
    disc(&d, pg, 30, 90, 8, (cj_paint){ink, CJ_NONE, 0, 0});
    disc(&d, pg, 60, 90, 3.2, (cj_paint){white, 0xC2185BFF, 1.6f, 0});
    disc(&d, pg, 90, 90, 6.5, (cj_paint){CJ_NONE, 0xE65100FF, 1.4f, 0});
    disc(&d, pg, 120, 90, 7, (cj_paint){white, ink, 0.9f, CJ_DASH_DOTTED});
    figure(&d, pg, CJ_IT_RECT, (cj_rect){10, 120, 130, 40}, 6, (cj_paint){0x2B4A6F80, ink, 1, 0});
    figure(&d, pg, CJ_IT_RECT, (cj_rect){150, 120, 130, 40}, 6,
           (cj_paint){white, ink, 0.9f, CJ_DASH_DASHED});
    figure(&d, pg, CJ_IT_RECT, (cj_rect){10, 170, 130, 40}, 6, (cj_paint){tint, 0x2B4A6F80, 3, 0});

    pdf_matches_png(&d, 0, "figures", 640);
    cj_dl_free(&d);
}

/* A map's shapes (its text left out: text has its own test), batched into
 * few cairo operations (render_cairo.c), against the same PDF drawn item
 * after item, both read back by pdftocairo: only the order of shapes that
 * do not meet changes, so the pictures are the same; a shape drawn under
 * another, missing or misplaced fails. */
static void check_pdf_shapes(const cjmap_layout *l, const char *name) {
    cj_dlist d = l->dl; /* a view: nothing in it is freed here */
    cj_page pg = d.pages[0];
    const cj_item **items = malloc(pg.n * sizeof *items);
    size_t n = 0;
    for (size_t i = 0; items && i < pg.n; i++)
        if (pg.items[i]->type != CJ_IT_TEXT) items[n++] = pg.items[i];
    pg.items = (cj_item **)items;
    pg.n = n;
    d.pages = &pg;
    d.n_pages = 1;
    char t[300];
    snprintf(t, sizeof t, "%s: shapes", name);
    unsigned w1 = 0, h1 = 0, w2 = 0, h2 = 0;
    unsigned char *a = items ? pdf_pixels(&d, 0, false, t, &w1, &h1) : NULL;
    unsigned char *b = items ? pdf_pixels(&d, 0, true, t, &w2, &h2) : NULL;
    snprintf(t, sizeof t, "%s: shapes: batched and in order read back, same size", name);
    CHECK(t, a && b && w1 == w2 && h1 == h2 && w1 == (unsigned)ceil(pg.w * 2 - 1e-6));
    size_t worst = 0, far = a && b ? far_apart(a, b, (size_t)w1 * h1 * 3, &worst) : 1;
    snprintf(t, sizeof t,
             "%s: shapes: batched PDF draws the in-order PDF (%zu channel values differ by more "
             "than 48, worst %zu)",
             name, far, worst);
    CHECK(t, far == 0);
    free(a);
    free(b);
    free(items);
}

/* Every line of text on the first page starts in the PDF where the layout
 * put it: pdftotext -bbox gives each word's origin, and the first word of
 * a line must start at the line's x.  cairo runs consecutive texts of one
 * colour on one baseline into one string and places them from the font
 * widths it wrote, 0.27 pt off once batching put two cards' texts side by
 * side (render_cairo.c). */
static void check_text_places(const cjmap_layout *l, const char *pdf_path, const char *name) {
    char cmd[700], t[300];
    snprintf(cmd, sizeof cmd, "pdftotext -bbox -f 1 -l 1 -enc UTF-8 '%s' - 2>/dev/null", pdf_path);
    char *out = run(cmd);
    size_t lines = 0, found = 0;
    double worst = 0;
    const cj_page *pg = &l->dl.pages[0];
    for (size_t i = 0; out && i < pg->n; i++) {
        const cj_item *it = pg->items[i];
        for (size_t k = 0; it->type == CJ_IT_TEXT && k < it->n_lines; k++) {
            const cj_tline *ln = &it->lines[k];
            size_t wl = 0;
            while (wl < ln->len && ln->s[wl] != ' ')
                wl++;
            if (!wl || memchr(ln->s, '&', wl) || memchr(ln->s, '<', wl) || memchr(ln->s, '>', wl) ||
                memchr(ln->s, '"', wl))
                continue;
            lines++;
            double best = INFINITY;
            for (const char *w = strstr(out, "<word xMin=\""); w;
                 w = strstr(w + 1, "<word xMin=\"")) {
                double x0, y0;
                if (sscanf(w, "<word xMin=\"%lf\" yMin=\"%lf\"", &x0, &y0) != 2) continue;
                const char *gt = strchr(w, '>');
                if (!gt || strncmp(gt + 1, ln->s, wl) != 0 || strncmp(gt + 1 + wl, "</word>", 7))
                    continue;
                const double sc = pg->scale, lx = ln->x * sc; /* page units to points */
                if (y0 < (ln->y - 4) * sc || y0 > (ln->y + ln->h) * sc || fabs(x0 - lx) > 2)
                    continue;
                if (fabs(x0 - lx) < best) best = fabs(x0 - lx);
            }
            if (best < INFINITY) {
                found++;
                if (best > worst) worst = best;
            }
        }
    }
    snprintf(t, sizeof t, "%s: PDF lines start where laid out (%zu of %zu found, worst %.3f pt)",
             name, found, lines, worst);
    CHECK(t, out && found * 10 >= lines * 9 && worst < 0.02);
    free(out);
}

/* cj_itemize gives what pango_itemize gives: every line of every journey
 * in maps/ and tests/good, and texts that must not take its shortcut
 * (right-to-left, emoji, ligature and joiner code points, digits only),
 * twice over in all four faces, so the second pass takes the shortcut. */
static bool same_items(GList *a, GList *b) {
    for (; a && b; a = a->next, b = b->next) {
        const PangoItem *x = a->data, *y = b->data;
        const PangoAnalysis *p = &x->analysis, *q = &y->analysis;
        if (x->offset != y->offset || x->length != y->length || x->num_chars != y->num_chars ||
            p->font != q->font || p->level != q->level || p->gravity != q->gravity ||
            p->flags != q->flags || p->script != q->script || p->language != q->language ||
            (p->extra_attrs == NULL) != (q->extra_attrs == NULL))
            return false;
    }
    return !a && !b;
}

static void check_itemizer(void) {
    static const char *const tricky[] = {
        "4/5",
        "40 %",
        "+31",
        "Ærø og Åmål",
        "naïve café",
        "\xEF\xAC\x81"
        "ne",
        "\xD7\xA2\xD7\x91\xD7\xA8\xD7\x99\xD7\xAA",
        "abc \xD7\xA2\xD7\x91",
        "smile \xF0\x9F\x98\x80",
        "1\xEF\xB8\x8F\xE2\x83\xA3 one",
        "a\xCC\x81"
        "b",
        "soft\xC2\xAD"
        "hyphen",
        "x\xE2\x80\x8D"
        "y",
        "\xC2\xAB"
        "quoted\xC2\xBB \xE2\x80\x93 dash\xE2\x80\xA6",
        "\xE2\x82\xAC"
        "5",
        "\xC4\xB0"
        "stanbul",
        "a\xC2\xA0"
        "b",
        "\xCE\xA9"
        "mega",
        "Z\xCC\x81\xCC\x82"
        "algo",
        "",
        "   ",
        "ok\xEF\xB8\x8F",
        "\xD8\xB9\xD8\xB1\xD8\xA8\xD9\x8A",
        "mixed \xD8\xB9\xD8\xB1 text",
    };
    membuf all = {0};
    for (size_t i = 0; i < sizeof tricky / sizeof *tricky; i++) {
        membuf_write(&all, (const unsigned char *)tricky[i], strlen(tricky[i]));
        membuf_write(&all, (const unsigned char *)"\n", 1);
    }
    const char *dirs[] = {"maps", "tests/good"};
    for (int d = 0; d < 2; d++) {
        DIR *dir = opendir(dirs[d]);
        for (struct dirent *e; dir && (e = readdir(dir));) {
            size_t n = strlen(e->d_name);
            if (n < 6 || strcmp(e->d_name + n - 5, ".yaml") != 0) continue;
            char path[600];
            snprintf(path, sizeof path, "%s/%s", dirs[d], e->d_name);
            FILE *f = fopen(path, "rb");
            unsigned char buf[4096];
            for (size_t k; f && (k = fread(buf, 1, sizeof buf, f)) > 0;)
                membuf_write(&all, buf, k);
            if (f) fclose(f);
        }
        if (dir) closedir(dir);
    }
    PangoContext *ctx = cj_pango_context_new(NULL);
    PangoAttrList *attrs = pango_attr_list_new();
    PangoLayout *pl = pango_layout_new(ctx);
    PangoFontDescription *fd = pango_font_description_new();
    cj_itemizer iz = {0};
    size_t texts = 0, differ = 0;
    for (int pass = 0; pass < 2; pass++)
        for (int face = 0; face < 4; face++) {
            cj_font f = {11, face / 2, face % 2};
            cj_pango_set_font(pl, fd, f);
            pango_context_set_font_description(ctx, fd);
            for (const char *s = all.p, *end = all.p + all.n; s < end;) {
                const char *nl = memchr(s, '\n', (size_t)(end - s));
                size_t len = nl ? (size_t)(nl - s) : (size_t)(end - s);
                if (!g_utf8_validate(s, (gssize)len, NULL)) {
                    s += len + 1;
                    continue;
                }
                GList *a = cj_itemize(&iz, ctx, attrs, f, s, len);
                GList *b = len ? pango_itemize(ctx, s, 0, (int)len, attrs, NULL) : NULL;
                if (!same_items(a, b)) {
                    if (differ++ < 5) printf("# itemize differs: %.*s\n", (int)len, s);
                }
                g_list_free_full(a, (GDestroyNotify)pango_item_free);
                g_list_free_full(b, (GDestroyNotify)pango_item_free);
                texts++;
                s += len + 1;
            }
        }
    char t[160];
    snprintf(t, sizeof t, "itemizer: same items as pango_itemize on %zu texts (%zu differ)", texts,
             differ);
    CHECK(t, differ == 0 && texts > 1000);
    snprintf(t, sizeof t, "itemizer: the shortcut was taken (%zu times)", iz.hits);
    CHECK(t, iz.hits > texts / 4);
    cj_itemizer_free(&iz);
    pango_font_description_free(fd);
    g_object_unref(pl);
    pango_attr_list_unref(attrs);
    g_object_unref(ctx);
    free(all.p);
}

/* Issue 14, item 4: how the measurer breaks one text at a width, as
 * "line | line-" (a '-' after a line that ends in an added hyphen). */
static void lines_of(cjmap_measurer *ms, cjmap_locale loc, const char *text, double w, char *out,
                     size_t cap, double *widest) {
    cj_mbox b = {0};
    ms->set_locale(ms, loc);
    ms->measure(ms, text, strlen(text), (cj_font){7.5f, 0, 0}, w, &b);
    size_t n = 0;
    *widest = 0;
    out[0] = 0;
    for (size_t i = 0; i < b.n && n + 4 < cap; i++) {
        n += (size_t)snprintf(out + n, cap - n, "%s%.*s%s", i ? " | " : "", (int)b.lines[i].len,
                              text + b.lines[i].start, b.lines[i].hyphen ? "-" : "");
        *widest = fmax(*widest, b.lines[i].w);
    }
    cj_mbox_free(&b);
    ms->set_locale(ms, CJMAP_LOCALE_EN);
}

static void check_breaking(cjmap_measurer *ms) {
    static const struct {
        cjmap_locale loc;
        const char *text;
        double w;
        const char *want;
    } cases[] = {
        /* A quote stays with its word; the word breaks where 2 + 3 letters allow. */
        {CJMAP_LOCALE_NB, "Googler «boliglån førstegangskjøper»", 70,
         "Googler «boliglån | førstegangskjø- | per»"},
        /* A word of two letters is never broken; the break falls after the dot. */
        {CJMAP_LOCALE_NB, "Nordvarme.dk med prisberegner", 50,
         "Nordvarme. | dk med | prisberegner"},
        /* After a hyphen in the text, never before it, and no second hyphen. */
        {CJMAP_LOCALE_DA, "Kundeservice-afdelingen/", 55, "Kundeservice- | afdelingen/"},
        /* ... and a slash is never left alone ("afdelingen-" | "/" before). */
        {CJMAP_LOCALE_DA, "Kundeservice-afdelingen/", 40, "Kundeser- | vice- | afde- | lingen/"},
        /* Neither a word's closing marks nor the next word's opening quote are cut off. */
        {CJMAP_LOCALE_DA, "Leverandørportalen».«Kundeserviceafdelingen", 100,
         "Leverandørportalen». | «Kundeserviceafdelingen"},
        /* A number too wide: broken, but not in its last three digits. */
        {CJMAP_LOCALE_DA, "12345678901234567890123", 90, "123456789012345678- | 90123"},
        /* pango draws no hyphen inside a number: the added one still fits. */
        {CJMAP_LOCALE_DA, "12345678901234567890123", 40, "1234567- | 8901234- | 567890- | 123"},
        /* A letter with a combining accent stays whole; the break carries a hyphen. */
        {CJMAP_LOCALE_DA, "kundeserviceafdelinge\xcc\x81n", 64,
         "kundeserviceaf- | delinge\xcc\x81n"},
        /* Of forty dots, three cling to the word after them, the rest do not. */
        {CJMAP_LOCALE_DA,
         "Kundeserviceafdelingen "
         "..........................................Ordrebekræftelsesprocessen",
         100,
         "Kundeserviceafdelingen ... | .................................... | "
         "...Ordrebekræftelsespro- | cessen"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char got[512], name[160];
        double widest = 0;
        lines_of(ms, cases[i].loc, cases[i].text, cases[i].w, got, sizeof got, &widest);
        snprintf(name, sizeof name, "breaking, case %zu at %.0f pt", i + 1, cases[i].w);
        CHECK_STR(name, got, cases[i].want);
        snprintf(name, sizeof name, "breaking, case %zu at %.0f pt: every line fits", i + 1,
                 cases[i].w);
        CHECK(name, widest <= cases[i].w + 0.01);
    }
    /* Chinese and Japanese break between characters, with no hyphen. */
    char got[512];
    double widest = 0;
    lines_of(ms, CJMAP_LOCALE_DA, "我想预订一个家庭假期日本語家族旅行を予約したい", 60, got,
             sizeof got, &widest);
    CHECK("breaking CJK: several lines", strstr(got, " | ") != NULL);
    CHECK("breaking CJK: no hyphen", strchr(got, '-') == NULL);
    CHECK("breaking CJK: every line fits", widest <= 60.01);
}

int main(void) {
    strcpy(tmpdir, "/tmp/cjmap-render-XXXXXX");
    if (!mkdtemp(tmpdir)) return 2;
    cjmap_measurer *ms = cjmap_measurer_pango_new();
    CHECK("pango measurer", ms != NULL);
    PangoContext *pctx = cj_pango_context_new(NULL);
    probe = pango_layout_new(pctx);
    if (!ms) TEST_END();
    check_pdf_figures();
    check_itemizer();
    check_breaking(ms);
    tm_pool P = {0};
    check_model(ms, tm_rich(&P, CJMAP_LOCALE_EN), "built-in rich map", NULL);
    check_png_bands(ms, tm_rich(&P, CJMAP_LOCALE_EN), "built-in rich map");
    {
        /* Stacked accents reach far above and below their line box: a band
         * must still draw a line whose ink, not box, reaches it. */
        membuf y = {0};
        const char *head = "title: Stacked accents\nsegment: {name: Anyone}\nphases:\n"
                           "  - name: One\n    actions:\n";
        membuf_write(&y, (const unsigned char *)head, strlen(head));
        for (int i = 0; i < 40; i++) {
            membuf_write(&y, (const unsigned char *)"      - \"Z", 9);
            for (int k = 0; k < 8; k++)
                for (unsigned cp = 0x301; cp <= 0x30C; cp++) {
                    unsigned char u[2] = {(unsigned char)(0xC0 | (cp >> 6)),
                                          (unsigned char)(0x80 | (cp & 0x3F))};
                    membuf_write(&y, u, 2);
                }
            membuf_write(&y, (const unsigned char *)"algo\"\n", 6);
        }
        cjmap_journey *j = cjmap_journey_load("stacked.yaml", (const char *)y.p, y.n, NULL);
        CHECK("stacked accents: the journey loads", j && !cjmap_journey_error_count(j));
        if (j) check_png_bands(ms, cjmap_journey_model(j), "stacked accents");
        cjmap_journey_free(j);
        free(y.p);
    }
    tm_shape sh = {9, 40, 20, 10, 8, 3, 2, 120, true, false, false};
    cjmap_layout_options o = {0};
    o.page = CJMAP_PAGE_A4;
    o.portrait = true;
    o.dpi = 72;
    check_model(ms, tm_generate(&P, 11, &sh), "generated map with huge words on A4 portrait", &o);
    tm_shape bp = {7, 24, 14, 8, 6, 3, 2, 60, true, false, true};
    check_model(ms, tm_generate(&P, 12, &bp), "generated service blueprint with own lanes", NULL);
    check_model(ms, tm_generate(&P, 13, &bp),
                "generated service blueprint with own lanes on A4 portrait", &o);
    tm_pool_free(&P);
    check_dir(ms, "maps");
    check_dir(ms, "tests/good");
    cjmap_measurer_free(ms);
    g_object_unref(probe);
    g_object_unref(pctx);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0) printf("could not remove %s\n", tmpdir);
    TEST_END();
}
