/*
** render_svg.c — display list -> SVG written as text (cairo's SVG surface
** would turn text into glyph outlines).
**
** Every text line is a real <text> element (searchable, selectable, read
** by screen readers), positioned at the same baseline as in the PDF, with
** textLength set to the measured width so a browser drawing with another
** font still fills exactly the measured box.  Numbers are formatted
** without the C library (locale-free); user text is XML-escaped.  Items
** that come from the same map element are grouped in a <g> whose id names
** the element (e.g. "touchpoint-3-1": touchpoint 3, its use 1).
** Output depends only on the display list: no counters, no clocks.
*/
#include "icons.h"
#include "render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct out {
    cjmap_write_fn w;
    void *c;
    bool ok;
    char buf[8192];
    size_t n;
} out;

static void flush(out *o) {
    if (o->ok && o->n) o->ok = o->w(o->c, (const unsigned char *)o->buf, o->n);
    o->n = 0;
}
static void put(out *o, const char *s, size_t n) {
    while (n) {
        if (o->n == sizeof o->buf) flush(o);
        size_t k = sizeof o->buf - o->n;
        if (k > n) k = n;
        memcpy(o->buf + o->n, s, k);
        o->n += k;
        s += k;
        n -= k;
    }
}
static void S(out *o, const char *s) { put(o, s, strlen(s)); }
static void N(out *o, double v) {
    char b[32] = "";
    S(o, cj_fmt_num(b, v));
}
static void attr_num(out *o, const char *name, double v) {
    S(o, " ");
    S(o, name);
    S(o, "=\"");
    N(o, v);
    S(o, "\"");
}
static void esc(out *o, const char *s, size_t n) {
    size_t a = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        const char *r = NULL;
        switch (c) {
        case '&': r = "&amp;"; break;
        case '<': r = "&lt;"; break;
        case '>': r = "&gt;"; break;
        case '"': r = "&quot;"; break;
        case '\'': r = "&#39;"; break;
        default:
            if (c < 0x20 && c != '\t' && c != '\n') r = " "; /* not allowed in XML 1.0 */
            /* U+FFFE and U+FFFF (YAML can write them as "\uFFFE") are not XML
             * characters either, escaped or not: show U+FFFD instead. */
            if (c == 0xEF && i + 2 < n && (unsigned char)s[i + 1] == 0xBF &&
                ((unsigned char)s[i + 2] == 0xBE || (unsigned char)s[i + 2] == 0xBF)) {
                put(o, s + a, i - a);
                S(o, "\xEF\xBF\xBD");
                i += 2;
                a = i + 1;
                continue;
            }
        }
        if (r) {
            put(o, s + a, i - a);
            S(o, r);
            a = i + 1;
        }
    }
    put(o, s + a, n - a);
}
static void color(out *o, const char *name, cj_color c) {
    static const char hex[] = "0123456789ABCDEF";
    S(o, " ");
    S(o, name);
    if (!c) {
        S(o, "=\"none\"");
        return;
    }
    char b[8] = {'#'};
    for (int i = 0; i < 6; i++) b[1 + i] = hex[(c >> (28 - 4 * i)) & 15];
    S(o, "=\"");
    put(o, b, 7);
    S(o, "\"");
    if ((c & 255) != 255) {
        char on[40];
        snprintf(on, sizeof on, "-opacity");
        S(o, " ");
        S(o, name);
        S(o, on);
        S(o, "=\"");
        N(o, (c & 255) / 255.0);
        S(o, "\"");
    }
}
static void paint_attrs(out *o, const cj_paint *p) {
    color(o, "fill", p->fill);
    if (p->stroke && p->lw > 0) {
        color(o, "stroke", p->stroke);
        attr_num(o, "stroke-width", p->lw);
        double d[2];
        int n;
        cj_dash_pattern((cj_dash)p->dash, p->lw, d, &n);
        if (n) {
            S(o, " stroke-dasharray=\"");
            N(o, d[0]);
            S(o, " ");
            N(o, d[1]);
            S(o, "\"");
        }
    }
}

/* Ids must be unique in a document: a small open-addressing table counts
 * how often each origin has opened a group. */
typedef struct idset {
    uint64_t *k;
    unsigned *cnt;
    size_t cap;
} idset;

static uint64_t okey(cj_origin g) {
    return ((uint64_t)g.kind << 56) ^ ((uint64_t)(uint32_t)g.index << 24) ^ (uint32_t)g.sub;
}
static unsigned id_seen(idset *s, uint64_t key) {
    size_t h = (size_t)((key * 0x9E3779B97F4A7C15ull) >> 20) & (s->cap - 1);
    while (s->cnt[h] && s->k[h] != key) h = (h + 1) & (s->cap - 1);
    s->k[h] = key;
    return s->cnt[h]++;
}

static void open_group(out *o, idset *ids, cj_origin g) {
    char b[96];
    unsigned seen = id_seen(ids, okey(g));
    int n = snprintf(b, sizeof b, "<g id=\"%s-%ld-%ld", cj_okind_name((cj_okind)g.kind),
                     (long)g.index, (long)g.sub);
    if (seen) n += snprintf(b + n, sizeof b - (size_t)n, "-%u", seen + 1);
    snprintf(b + n, sizeof b - (size_t)n, "\" class=\"cj-%s\">\n", cj_okind_name((cj_okind)g.kind));
    S(o, b);
}

/* Pictograms are written once per page and size, in <defs>, and each use
 * is a <use>: a map draws one on every touchpoint card and on every card
 * that says where it happens, and a pictogram is 20 to 40 path segments.
 * The path is drawn at (0, 0); the <use> places it and carries the paint,
 * which the path inherits. */
enum { MAX_ICON_DEFS = 256 };
typedef struct icon_defs {
    uint8_t channel[MAX_ICON_DEFS];
    double size[MAX_ICON_DEFS];
    size_t n;
} icon_defs;

/* The def of the item's pictogram, or -1 when it is not one (or the page
 * has more kinds than MAX_ICON_DEFS: then the rest are written in place). */
static int icon_def(const icon_defs *defs, const cj_item *it) {
    if (it->type != CJ_IT_PATH || !it->shaped || it->shape->kind != CJ_SHAPE_ICON) return -1;
    for (size_t k = 0; k < defs->n; k++)
        if (defs->channel[k] == it->shape->channel && defs->size[k] == it->shape->s) return (int)k;
    return -1;
}

static void path_d(out *o, const cj_pseg *segs, size_t n_segs) {
    for (size_t k = 0; k < n_segs; k++) {
        const cj_pseg *s = &segs[k];
        int np = 1;
        switch (s->op) {
        case CJ_P_MOVE:
            S(o, "M");
            break;
        case CJ_P_LINE:
            S(o, "L");
            break;
        case CJ_P_CURVE:
            S(o, "C");
            np = 3;
            break;
        default:
            S(o, "Z");
            np = 0;
            break;
        }
        for (int j = 0; j < np; j++) {
            if (j) S(o, " ");
            N(o, s->x[j]);
            S(o, ",");
            N(o, s->y[j]);
        }
    }
}

static void icon_id(out *o, const icon_defs *defs, int k) {
    char b[64];
    snprintf(b, sizeof b, "cj-icon-%s-%d", cjmap_channel_name((cjmap_channel)defs->channel[k]), k);
    S(o, b);
}

/* Collects the page's pictograms and writes their <defs>. */
static void write_icon_defs(out *o, const cj_page *pg, icon_defs *defs) {
    defs->n = 0;
    for (size_t i = 0; i < pg->n; i++) {
        const cj_item *it = pg->items[i];
        if (it->type != CJ_IT_PATH || !it->shaped || it->shape->kind != CJ_SHAPE_ICON ||
            it->shape->channel >= CJMAP_CH_COUNT || icon_def(defs, it) >= 0 ||
            defs->n == MAX_ICON_DEFS)
            continue;
        defs->channel[defs->n] = it->shape->channel;
        defs->size[defs->n++] = it->shape->s;
    }
    if (!defs->n) return;
    S(o, "<defs>\n");
    for (size_t k = 0; k < defs->n; k++) {
        cj_pseg buf[CJ_ICON_MAX_SEGS];
        size_t n = cj_icon_path((cjmap_channel)defs->channel[k], 0, 0, defs->size[k], buf);
        S(o, "<path id=\"");
        icon_id(o, defs, (int)k);
        S(o, "\" d=\"");
        path_d(o, buf, n);
        S(o, "\"/>\n");
    }
    S(o, "</defs>\n");
}

bool cj_render_svg(const cj_dlist *d, size_t page, cjmap_write_fn w, void *closure) {
    out *o = calloc(1, sizeof *o);
    if (!o) return false;
    o->w = w;
    o->c = closure;
    o->ok = true;
    const cj_page *pg = &d->pages[page];
    idset ids = {0};
    ids.cap = 64;
    while (ids.cap < pg->n * 2) ids.cap *= 2;
    ids.k = calloc(ids.cap, sizeof *ids.k);
    ids.cnt = calloc(ids.cap, sizeof *ids.cnt);
    if (!ids.k || !ids.cnt) {
        free(ids.k);
        free(ids.cnt);
        free(o);
        return false;
    }
    S(o, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\""
         " xmlns:xlink=\"http://www.w3.org/1999/xlink\"");
    S(o, " width=\"");
    N(o, pg->w);
    S(o, "pt\" height=\"");
    N(o, pg->h);
    S(o, "pt\" viewBox=\"0 0 ");
    N(o, pg->w);
    S(o, " ");
    N(o, pg->h);
    S(o, "\" role=\"img\" aria-labelledby=\"cj-title\">\n<title id=\"cj-title\">");
    if (d->title) esc(o, d->title, strlen(d->title));
    S(o, "</title>\n");
    if (d->subject && *d->subject) {
        S(o, "<desc>");
        esc(o, d->subject, strlen(d->subject));
        S(o, "</desc>\n");
    }
    S(o, "<style>text{font-family:'" CJ_FONT_FAMILY "','Bitstream Vera Sans',Verdana,"
         "sans-serif;white-space:pre}</style>\n");
    icon_defs *defs = malloc(sizeof *defs);
    if (defs) write_icon_defs(o, pg, defs);
    S(o, "<g transform=\"scale(");
    N(o, pg->scale);
    S(o, ")\">\n");
    bool open = false;
    cj_origin cur = {0};
    for (size_t i = 0; i < pg->n; i++) {
        const cj_item *it = pg->items[i];
        if (!open || !cj_origin_eq(&it->origin, &cur)) {
            if (open) S(o, "</g>\n");
            cur = it->origin;
            open_group(o, &ids, cur);
            open = true;
        }
        switch (it->type) {
        case CJ_IT_RECT:
            S(o, "<rect");
            attr_num(o, "x", it->box.x);
            attr_num(o, "y", it->box.y);
            attr_num(o, "width", it->box.w);
            attr_num(o, "height", it->box.h);
            if (it->radius > 0) {
                double r = it->radius;
                if (r > it->box.w / 2) r = it->box.w / 2;
                if (r > it->box.h / 2) r = it->box.h / 2;
                attr_num(o, "rx", r);
            }
            paint_attrs(o, &it->paint);
            S(o, "/>\n");
            break;
        case CJ_IT_PATH: {
            int def = defs ? icon_def(defs, it) : -1;
            if (def >= 0) {
                S(o, "<use xlink:href=\"#");
                icon_id(o, defs, def);
                S(o, "\"");
                attr_num(o, "x", it->shape->x);
                attr_num(o, "y", it->shape->y);
                paint_attrs(o, &it->paint);
                S(o, "/>\n");
                break;
            }
            S(o, "<path d=\"");
            cj_pseg buf[CJ_ICON_MAX_SEGS];
            size_t n_segs;
            const cj_pseg *segs = cj_item_segs(it, buf, &n_segs);
            path_d(o, segs, n_segs);
            S(o, "\"");
            paint_attrs(o, &it->paint);
            S(o, "/>\n");
            break;
        }
        case CJ_IT_TEXT:
            for (size_t k = 0; k < it->n_lines; k++) {
                const cj_tline *l = &it->lines[k];
                if (!l->len) continue;
                S(o, "<text");
                attr_num(o, "x", l->x);
                attr_num(o, "y", l->y + l->baseline);
                attr_num(o, "font-size", it->font.size);
                if (it->font.bold) S(o, " font-weight=\"bold\"");
                if (it->font.italic) S(o, " font-style=\"italic\"");
                color(o, "fill", it->color);
                if (l->w > 0) {
                    attr_num(o, "textLength", l->w);
                    S(o, " lengthAdjust=\"spacingAndGlyphs\"");
                }
                S(o, ">");
                esc(o, l->s, l->len);
                S(o, "</text>\n");
            }
            break;
        }
    }
    if (open) S(o, "</g>\n");
    S(o, "</g>\n</svg>\n");
    flush(o);
    bool ok = o->ok;
    free(defs);
    free(ids.k);
    free(ids.cnt);
    free(o);
    return ok;
}
