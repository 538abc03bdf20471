/*
** render_cairo.c — display list -> PDF (any number of pages) or PNG (one
** page) through cairo stream callbacks.
**
** Text is drawn line by line with the pango set-up of measure_pango.c, so
** each line covers exactly the width the layout measured.  Every page is
** filled with its background before anything else (cairo's vector
** surfaces get slow on big pages otherwise).  A PNG draws every item in
** order with its exact outline.  A PDF draws filled discs, pills and
** rounded boxes without an outline as round-capped strokes (the same
** figure in far fewer numbers, see fat_op) and batches the shapes of
** cards that do not meet into few cairo operations (see draw_items_pdf).
** Every cairo status is
** checked; every cairo/pango object is released before returning.
** Determinism: the PDF creation date is the layout's date or a constant.
*/
#include "icons.h"
#include "measure_pango.h"
#include "render.h"

#include <cairo-pdf.h>
#include <math.h>
#include <png.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct sink {
    cjmap_write_fn w;
    void *c;
    bool failed;
} sink;

static cairo_status_t write_cb(void *closure, const unsigned char *data, unsigned int len) {
    sink *s = closure;
    if (s->failed) return CAIRO_STATUS_WRITE_ERROR;
    if (len && !s->w(s->c, data, len)) {
        s->failed = true;
        return CAIRO_STATUS_WRITE_ERROR;
    }
    return CAIRO_STATUS_SUCCESS;
}

static void source(cairo_t *cr, cj_color c) {
    cairo_set_source_rgba(cr, ((c >> 24) & 255) / 255.0, ((c >> 16) & 255) / 255.0,
                          ((c >> 8) & 255) / 255.0, (c & 255) / 255.0);
}

/* cairo's default flattening tolerance, and the largest used for PDF. */
#define TOLERANCE 0.1
#define PDF_TOLERANCE 1.0

/* In a PDF the tolerance reaches no operator: cairo only uses it to bound
 * each stroke (three times per stroke: analysis, then drawing), flattening
 * curves and round caps into polygons, where the default 0.1 costs a
 * twentieth of a map's build.  Kept at most the pen's radius on the
 * device, cairo's pen keeps at least four vertices, so a bound is never
 * empty; it is then off by less than the tolerance, which only decides
 * whether an item that reaches the page's edge by less is drawn.  PNG
 * keeps the default: there it is the picture. */
static void stroke_tolerance(cairo_t *cr, double half_width) {
    double rx = half_width, ry = 0;
    cairo_user_to_device_distance(cr, &rx, &ry);
    cairo_set_tolerance(cr, fmax(fmin(PDF_TOLERANCE, hypot(rx, ry)), TOLERANCE));
}

/* PNG: fills and strokes the current path with the item's paint. */
static void paint(cairo_t *cr, const cj_paint *p) {
    if (p->fill) {
        source(cr, p->fill);
        if (p->stroke && p->lw > 0) cairo_fill_preserve(cr);
        else cairo_fill(cr);
    }
    if (p->stroke && p->lw > 0) {
        double d[2];
        int n;
        cj_dash_pattern((cj_dash)p->dash, p->lw, d, &n);
        cairo_set_dash(cr, d, n, 0);
        cairo_set_line_width(cr, p->lw);
        source(cr, p->stroke);
        cairo_stroke(cr);
    }
    cairo_new_path(cr);
}

static void rounded(cairo_t *cr, const cj_rect *b, double r) {
    r = fmin(r, fmin(b->w, b->h) / 2);
    if (r <= 0) {
        cairo_rectangle(cr, b->x, b->y, b->w, b->h);
        return;
    }
    const double k = 0.5522847498 * r;
    double x0 = b->x, y0 = b->y, x1 = b->x + b->w, y1 = b->y + b->h;
    cairo_move_to(cr, x0 + r, y0);
    cairo_line_to(cr, x1 - r, y0);
    cairo_curve_to(cr, x1 - r + k, y0, x1, y0 + r - k, x1, y0 + r);
    cairo_line_to(cr, x1, y1 - r);
    cairo_curve_to(cr, x1, y1 - r + k, x1 - r + k, y1, x1 - r, y1);
    cairo_line_to(cr, x0 + r, y1);
    cairo_curve_to(cr, x0 + r - k, y1, x0, y1 - r + k, x0, y1 - r);
    cairo_line_to(cr, x0, y0 + r);
    cairo_curve_to(cr, x0, y0 + r - k, x0 + r - k, y0, x0 + r, y0);
    cairo_close_path(cr);
}

/* Vector output (PDF) costs what cairo 1.16 spends per number in the
 * content stream: about 4,900 instructions each (snprintf, line wrapping,
 * deflate), and curves are most of a map's numbers.  So discs, pills and
 * rounded boxes filled with an opaque colour and without an outline are
 * drawn with round line caps and joins, the same figure in a fraction of
 * the numbers:
 *   - a disc of diameter d is a line DOT_LEN long stroked d wide with round
 *     caps (PDF 32000-1 8.5.3.2 paints even a zero-length one as a disc,
 *     but WebKit's canvas drops a zero-length lineTo, so pdf.js in Safari
 *     would lose every disc; 1/64 pt longer is invisible and exact in
 *     cairo's 24.8 fixed point);
 *   - a pill is a line between the centres of its ends, stroked as wide as
 *     the pill with round caps;
 *   - a rounded rectangle of radius r is the rectangle inset by r, stroked
 *     2r wide with round joins and filled.
 * Outlined shapes keep their exact path (see fat_op), and so does every
 * item of a PNG, where numbers cost nothing.  Measured on 20/500/800: see
 * docs/performance.md. */
#define DOT_LEN (1.0 / 64)
/* Smaller discs (list bullets) keep their curves: Splash snaps a round cap
 * to whole pixels, and at 72 dpi bullets of one size came out in two. */
#define MIN_FAT_RADIUS 3.0
static bool opaque(cj_color c) { return (c & 255) == 255; }

/* One PDF drawing operation: a figure filled and/or stroked in a style. */
typedef enum fig_kind { FIG_SEGMENT, FIG_RECT, FIG_ROUNDED, FIG_PATH } fig_kind;

typedef struct pdf_style {
    cj_color fill, stroke; /* CJ_NONE: none */
    float lw;
    uint8_t dash; /* cj_dash */
    bool round;   /* round caps and joins: the figures above */
} pdf_style;

typedef struct pdf_op {
    pdf_style st;
    uint8_t fig;       /* fig_kind */
    double v[4];       /* segment x0 y0 x1 y1, or rectangle x y w h */
    const cj_item *it; /* FIG_ROUNDED, FIG_PATH: the item */
    size_t seq;        /* order on the page, to sort stably */
} pdf_op;

/* The figure stroked `w` wide in the fill colour, into *out; false when
 * the item must keep its exact outline.  Outlined shapes keep it: as the
 * figure lw wider in the outline colour under the figure lw narrower in
 * the fill colour, the outline is the thin ring between two wide strokes,
 * and readers that snap strokes to whole pixels (poppler's Splash,
 * Ghostscript) let the inner stroke cover the ring at screen resolution
 * (card edges vanished at 72 dpi); a real stroke of width lw is never
 * thinner than a pixel there. */
static bool fat_op(const cj_item *it, fig_kind fig, const double v[4], double w, bool fill_inset,
                   pdf_op *out) {
    const cj_paint *p = &it->paint;
    if (!p->fill || !opaque(p->fill) || (p->stroke && p->lw > 0)) return false;
    *out = (pdf_op){{fill_inset ? p->fill : CJ_NONE, p->fill, (float)w, CJ_DASH_SOLID, true},
                    (uint8_t)fig,
                    {v[0], v[1], v[2], v[3]},
                    it,
                    0};
    return true;
}

/* The op that draws non-text item `it` in a PDF. */
static pdf_op item_op(const cj_item *it) {
    const cj_rect *b = &it->box;
    pdf_op o;
    if (it->type == CJ_IT_RECT) {
        const double r = fmin(it->radius, fmin(b->w, b->h) / 2);
        if (r > 0 && r >= b->h / 2 - 1e-9 && b->w >= b->h) {
            const double e = b->w - 2 * r < DOT_LEN ? DOT_LEN / 2 : 0; /* a disc */
            const double v[4] = {b->x + r - e, b->y + r, b->x + b->w - r + e, b->y + r};
            if (fat_op(it, FIG_SEGMENT, v, 2 * r, false, &o)) return o;
        } else if (r > 0 && r >= b->w / 2 - 1e-9) {
            const double e = b->h - 2 * r < DOT_LEN ? DOT_LEN / 2 : 0;
            const double v[4] = {b->x + r, b->y + r - e, b->x + r, b->y + b->h - r + e};
            if (fat_op(it, FIG_SEGMENT, v, 2 * r, false, &o)) return o;
        } else if (r > 0) {
            const double v[4] = {b->x + r, b->y + r, b->w - 2 * r, b->h - 2 * r};
            if (fat_op(it, FIG_RECT, v, 2 * r, true, &o)) return o;
        }
    } else if (it->shaped && it->shape->kind == CJ_SHAPE_CIRCLE && it->shape->s >= MIN_FAT_RADIUS) {
        const cj_shape *s = it->shape;
        const double v[4] = {s->x - DOT_LEN / 2, s->y, s->x + DOT_LEN / 2, s->y};
        if (fat_op(it, FIG_SEGMENT, v, 2 * s->s, false, &o)) return o;
    }
    const cj_paint *p = &it->paint;
    const bool stroked = p->stroke && p->lw > 0;
    return (pdf_op){{p->fill, stroked ? p->stroke : CJ_NONE, stroked ? p->lw : 0, p->dash, false},
                    (uint8_t)(it->type == CJ_IT_RECT ? FIG_ROUNDED : FIG_PATH),
                    {0, 0, 0, 0},
                    it,
                    0};
}

/* Adds segs[0..n) to cr's path. */
static void segs_path(cairo_t *cr, const cj_pseg *segs, size_t n_segs) {
    for (size_t k = 0; k < n_segs; k++) {
        const cj_pseg *s = &segs[k];
        switch (s->op) {
        case CJ_P_MOVE:
            cairo_move_to(cr, s->x[0], s->y[0]);
            break;
        case CJ_P_LINE:
            cairo_line_to(cr, s->x[0], s->y[0]);
            break;
        case CJ_P_CURVE:
            cairo_curve_to(cr, s->x[0], s->y[0], s->x[1], s->y[1], s->x[2], s->y[2]);
            break;
        default:
            cairo_close_path(cr);
            break;
        }
    }
}

static void item_path(cairo_t *cr, const cj_item *it) {
    cj_pseg buf[CJ_ICON_MAX_SEGS];
    size_t n_segs;
    const cj_pseg *segs = cj_item_segs(it, buf, &n_segs);
    segs_path(cr, segs, n_segs);
}

static void op_figure(cairo_t *cr, const pdf_op *o) {
    switch (o->fig) {
    case FIG_SEGMENT:
        cairo_move_to(cr, o->v[0], o->v[1]);
        cairo_line_to(cr, o->v[2], o->v[3]);
        break;
    case FIG_RECT:
        cairo_rectangle(cr, o->v[0], o->v[1], o->v[2], o->v[3]);
        break;
    case FIG_ROUNDED:
        rounded(cr, &o->it->box, o->it->radius);
        break;
    default:
        item_path(cr, o->it);
        break;
    }
}

/* Pictograms in a PDF are glyphs of a Type 3 font (a cairo user font), one
 * glyph per channel, drawn once per size in the document: a pictogram is
 * 20 to 40 path segments, about 400,000 instructions of number formatting
 * each time it is written as a path, and a map draws one on every
 * touchpoint card and on every card that says where it happens.  As a
 * glyph, each use is one text-showing operator.  The glyph is the path
 * icons.c draws, in a 1 x 1 box, stroked as a path would be (ICON_LW in
 * user space); text extraction sees nothing (an empty cluster).  Cairo
 * 1.16 also writes a recording surface painted many times as one form
 * XObject, but lists it in the page's resources once per use (qpdf: a
 * duplicated key), so that is not used.  PNG keeps the paths. */
#define ICON_LW 0.8

static cairo_status_t icon_glyph_render(cairo_scaled_font_t *sf, unsigned long glyph, cairo_t *cr,
                                        cairo_text_extents_t *ext) {
    cairo_matrix_t fm;
    cairo_scaled_font_get_font_matrix(sf, &fm);
    double size = fm.xx > 0 ? fm.xx : 1;
    cj_pseg segs[CJ_ICON_MAX_SEGS];
    size_t n = glyph < CJMAP_CH_COUNT ? cj_icon_path((cjmap_channel)glyph, 0, 0, 1, segs) : 0;
    segs_path(cr, segs, n);
    cairo_set_line_width(cr, ICON_LW / size);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
    cairo_stroke(cr);
    *ext = (cairo_text_extents_t){-0.25, -0.25, 1.5, 1.5, 1, 0};
    return CAIRO_STATUS_SUCCESS;
}

/* The icon font, or NULL (paths) when it would not pay: each glyph is
 * written once per size, so a document with few uses per distinct
 * (channel, size) is smaller and faster as paths (a small map: about 50
 * uses of 36 glyphs), and a large one much faster as glyphs (20/500/800:
 * 3,000 uses of 69). */
static cairo_font_face_t *icon_face_new(const cj_pdf_part *parts, size_t n_parts) {
    enum { MAX_KINDS = 512, USES_PER_GLYPH = 2 };
    struct {
        uint8_t ch;
        double s;
    } kind[MAX_KINDS];
    size_t n_kinds = 0, uses = 0;
    for (size_t i = 0; i < n_parts; i++)
        for (size_t p = parts[i].p0; p < parts[i].p1; p++) {
            const cj_page *pg = &parts[i].d->pages[p];
            for (size_t k = 0; k < pg->n; k++) {
                const cj_item *it = pg->items[k];
                if (it->type != CJ_IT_PATH || !it->shaped || it->shape->kind != CJ_SHAPE_ICON)
                    continue;
                uses++;
                size_t j = 0;
                while (j < n_kinds &&
                       !(kind[j].ch == it->shape->channel && kind[j].s == it->shape->s))
                    j++;
                if (j == n_kinds && n_kinds < MAX_KINDS)
                    kind[n_kinds++].ch = it->shape->channel, kind[j].s = it->shape->s;
            }
        }
    if (uses < USES_PER_GLYPH * n_kinds || uses == 0) return NULL;
    cairo_font_face_t *f = cairo_user_font_face_create();
    cairo_user_font_face_set_render_glyph_func(f, icon_glyph_render);
    return f;
}

/* Whether op o is a pictogram the icon font draws as it would be stroked. */
static bool is_icon_glyph(const pdf_op *o) {
    const cj_item *it = o->it;
    const pdf_style *st = &o->st;
    return o->fig == FIG_PATH && it && it->shaped && it->shape->kind == CJ_SHAPE_ICON &&
           it->shape->channel < CJMAP_CH_COUNT && it->shape->s > 0 && !st->fill && st->stroke &&
           opaque(st->stroke) && fabs(st->lw - ICON_LW) < 1e-6 && st->dash == CJ_DASH_SOLID &&
           !st->round;
}

static void show_icon(cairo_t *cr, cairo_font_face_t *icons, const pdf_op *o) {
    const cj_shape *sh = o->it->shape;
    cairo_set_font_face(cr, icons);
    cairo_set_font_size(cr, sh->s);
    source(cr, o->st.stroke);
    cairo_glyph_t g = {sh->channel, sh->x, sh->y};
    cairo_text_cluster_t cl = {0, 1};
    cairo_show_text_glyphs(cr, "", 0, &g, 1, &cl, 1, 0);
}

/* Draws ops[0..n), all of one style, as one cairo fill and/or stroke
 * (pictograms as glyphs of `icons`, when not NULL). */
static void emit_ops(cairo_t *cr, cairo_font_face_t *icons, pdf_op *const *ops, size_t n) {
    const pdf_style *st = &ops[0]->st;
    size_t paths = 0;
    for (size_t i = 0; i < n; i++) {
        if (icons && is_icon_glyph(ops[i])) continue;
        op_figure(cr, ops[i]);
        paths++;
    }
    for (size_t i = 0; icons && i < n; i++)
        if (is_icon_glyph(ops[i])) show_icon(cr, icons, ops[i]);
    if (!paths) return;
    if (st->fill) {
        source(cr, st->fill);
        if (st->stroke)
            cairo_fill_preserve(cr);
        else
            cairo_fill(cr);
    }
    if (st->stroke) {
        double d[2];
        int nd;
        cj_dash_pattern((cj_dash)st->dash, st->lw, d, &nd);
        cairo_set_dash(cr, d, nd, 0);
        cairo_set_line_width(cr, st->lw);
        cairo_set_line_cap(cr, st->round ? CAIRO_LINE_CAP_ROUND : CAIRO_LINE_CAP_BUTT);
        cairo_set_line_join(cr, st->round ? CAIRO_LINE_JOIN_ROUND : CAIRO_LINE_JOIN_MITER);
        stroke_tolerance(cr, st->lw / 2);
        source(cr, st->stroke);
        cairo_stroke(cr);
        cairo_set_tolerance(cr, TOLERANCE);
    }
    cairo_new_path(cr);
}

static int style_cmp(const pdf_style *a, const pdf_style *b) {
    if (a->round != b->round) return a->round ? 1 : -1;
    if (a->fill != b->fill) return a->fill < b->fill ? -1 : 1;
    if (a->stroke != b->stroke) return a->stroke < b->stroke ? -1 : 1;
    if (a->lw != b->lw) return a->lw < b->lw ? -1 : 1;
    return (a->dash > b->dash) - (a->dash < b->dash);
}

static int op_order(const void *x, const void *y) {
    const pdf_op *a = *(pdf_op *const *)x, *b = *(pdf_op *const *)y;
    int c = style_cmp(&a->st, &b->st);
    return c ? c : (a->seq > b->seq) - (a->seq < b->seq);
}

/* Items this far outside a band are skipped: the margin covers what a box
 * leaves out (half a rectangle's stroke, miter joins) and antialiasing.  Text lines also
 * add their own ink overflow (cj_tline.ink: stacked accents, tall fallback
 * glyphs), which the measurer reports. */
#define CULL_MARGIN 24.0

/* Draws one line of text with its top-left corner at the origin, at the
 * reference size (the caller scales), in the face set on `ctx` and `pl`:
 * shaped as the measurer shaped it (cj_shape_one), or through the layout
 * for a line of several items.  The glyph item keeps its text and
 * clusters, so cairo can still write what each glyph says (ligatures get
 * their letters back when text is copied from the PDF). */
static void show_line(cairo_t *cr, PangoContext *ctx, PangoLayout *pl, PangoAttrList *attrs,
                      cj_itemizer *iz, cj_font f, const char *s, size_t len) {
    PangoGlyphItem gi;
    if (!cj_shape_one(iz, ctx, attrs, f, s, len, &gi)) {
        pango_layout_set_text(pl, s, (int)len);
        cairo_move_to(cr, 0, 0);
        pango_cairo_show_layout(cr, pl);
        return;
    }
    PangoRectangle logical;
    pango_glyph_string_extents(gi.glyphs, gi.item->analysis.font, NULL, &logical);
    /* The baseline goes into the glyphs' offsets (pango units), not into
     * the current point: cairo keeps that point in 24.8 fixed point on the
     * device, and a glyph origin on an exact half pixel rounds either way
     * in two PNG bands (a line cut by a band edge showed a seam). */
    for (int g = 0; g < gi.glyphs->num_glyphs; g++)
        gi.glyphs->glyphs[g].geometry.y_offset -= logical.y;
    cairo_move_to(cr, 0, 0);
    pango_cairo_show_glyph_item(cr, s, &gi);
    cj_glyph_item_clear(&gi);
}

/* What drawing text needs. */
typedef struct text_kit {
    PangoContext *ctx;
    PangoLayout *pl;
    PangoFontDescription *fd;
    PangoAttrList *attrs;
    cj_itemizer iz;
    cairo_font_face_t *icons; /* PDF: the pictograms' font (NULL: draw paths) */
} text_kit;

/* Draws the lines of text item `it` that reach the rows [vy0, vy1). */
static void draw_text(cairo_t *cr, text_kit *tk, const cj_item *it, double vy0, double vy1) {
    cj_pango_set_font(tk->pl, tk->fd, it->font);
    pango_context_set_font_description(tk->ctx, tk->fd);
    source(cr, it->color);
    for (size_t k = 0; k < it->n_lines; k++) {
        const cj_tline *l = &it->lines[k];
        if (!l->len || l->y - l->ink > vy1 || l->y + l->h + l->ink < vy0) continue;
        cairo_save(cr);
        cairo_translate(cr, l->x, l->y);
        const double sc = cj_pango_scale(it->font);
        cairo_scale(cr, sc, sc);
        show_line(cr, tk->ctx, tk->pl, tk->attrs, &tk->iz, it->font, l->s, l->len);
        cairo_restore(cr);
    }
}

/* PNG: every item in order, with its exact outline, when it reaches the
 * rows [vy0, vy1) (margins included). */
static void draw_items_png(cairo_t *cr, text_kit *tk, const cj_page *pg, double vy0, double vy1) {
    for (size_t i = 0; i < pg->n; i++) {
        const cj_item *it = pg->items[i];
        if (it->type == CJ_IT_TEXT) {
            draw_text(cr, tk, it, vy0, vy1);
            continue;
        }
        if (it->box.y > vy1 || it->box.y + it->box.h < vy0) continue;
        if (it->type == CJ_IT_RECT)
            rounded(cr, &it->box, it->radius);
        else
            item_path(cr, it);
        paint(cr, &it->paint);
    }
}

/* PDF: batched.  Every cairo operation costs the PDF surface a recording,
 * an analysis pass and its writing, and every change of colour, width or
 * caps costs numbers; a map is hundreds of cards drawn alike.  So the items
 * of one model element (one origin: a card and its badge, tag and texts)
 * form a group, consecutive groups whose bounds do not meet form a run,
 * and a run is drawn layer by layer: the first shape of every group, then
 * the second, ..., each layer sorted by style so that all shapes of one
 * style become one cairo fill or stroke; then the run's texts, in their
 * own order (the order a reader copies and reads text in).  The picture is
 * the same: only shapes of groups that do not meet change order, and a
 * group whose texts a later shape of its own would cover is drawn as it
 * is. */
enum { MAX_RUN = 256 };
#define GROUP_MARGIN 1.0 /* antialiasing */

typedef struct group {
    size_t first, n;
    cj_rect bb;
} group;

/* Where an item may put ink: a shape's box grown by its line width (a
 * rectangle's box leaves out half its stroke, a path's the spikes of its
 * miter joins), a text's lines with their ink above and below and a
 * quarter em to the sides (italic overhang). */
static cj_rect item_bounds(const cj_item *it) {
    if (it->type != CJ_IT_TEXT) {
        const double m = it->paint.stroke ? it->paint.lw : 0;
        return (cj_rect){it->box.x - m, it->box.y - m, it->box.w + 2 * m, it->box.h + 2 * m};
    }
    double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
    const double side = it->font.size / 4;
    for (size_t k = 0; k < it->n_lines; k++) {
        const cj_tline *l = &it->lines[k];
        x0 = fmin(x0, l->x - side), x1 = fmax(x1, l->x + l->w + side);
        y0 = fmin(y0, l->y - l->ink), y1 = fmax(y1, l->y + l->h + l->ink);
    }
    return x0 <= x1 ? (cj_rect){x0, y0, x1 - x0, y1 - y0} : it->box;
}

/* cairo 1.16 writes consecutive glyphs of one colour and font on one
 * baseline as one text string, placing each from the widths it wrote for
 * the font: texts of two cards on one baseline, once a shape no longer
 * stands between them, came out up to 0.27 pt to the left.  So a run never
 * holds two texts of one colour on one baseline (and a group with two is
 * drawn as it is); drawn in their own order after a run's shapes, each text
 * then starts from an exact position. */
static int64_t baseline_key(const cj_tline *l) {
    const double b = (l->y + l->baseline) * 16; /* clamped: llround of inf or NaN is undefined */
    return llround(isfinite(b) ? fmax(-1e15, fmin(1e15, b)) : 0);
}

/* The baseline in 1/16 pt and the colour: texts of another colour do not
 * run on (a colour change ends cairo's text object). */
static int64_t line_key(const cj_item *it, const cj_tline *l, int64_t d) {
    return (int64_t)(((uint64_t)(baseline_key(l) + d) << 32) ^ it->color);
}

typedef struct key_set {
    int64_t *v; /* open addressing; INT64_MIN: empty */
    size_t n, cap;
} key_set;

/* The first slot for k: both halves mixed (the low one is a colour, the
 * high one the baseline), then the high bits of a multiplicative hash. */
static size_t key_slot(const key_set *s, int64_t k) {
    uint64_t h = (uint64_t)k;
    h ^= h >> 32;
    h *= 0x9E3779B97F4A7C15u;
    return (size_t)(h >> 32) & (s->cap - 1);
}

static bool key_has(const key_set *s, int64_t k) {
    if (!s->cap) return false;
    for (size_t i = key_slot(s, k);; i = (i + 1) & (s->cap - 1)) {
        if (s->v[i] == k) return true;
        if (s->v[i] == INT64_MIN) return false;
    }
}

static bool key_add(key_set *s, int64_t k) {
    if ((s->n + 1) * 2 > s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 256;
        int64_t *v = malloc(cap * sizeof *v);
        if (!v) return false;
        for (size_t i = 0; i < cap; i++)
            v[i] = INT64_MIN;
        key_set g = {v, 0, cap};
        for (size_t i = 0; i < s->cap; i++)
            if (s->v[i] != INT64_MIN) key_add(&g, s->v[i]);
        free(s->v);
        *s = g;
    }
    size_t i = key_slot(s, k);
    while (s->v[i] != INT64_MIN && s->v[i] != k)
        i = (i + 1) & (s->cap - 1);
    if (s->v[i] == INT64_MIN) s->v[i] = k, s->n++;
    return true;
}

static void key_clear(key_set *s) {
    for (size_t i = 0; i < s->cap; i++)
        s->v[i] = INT64_MIN;
    s->n = 0;
}

typedef struct pdf_pager {
    cairo_t *cr;
    text_kit *tk;
    const cj_page *pg;
    group run[MAX_RUN];
    size_t n_run;
    pdf_op *ops; /* the run's ops, group after group */
    size_t n_ops, cap_ops, seq;
    size_t op0[MAX_RUN + 1]; /* group k's ops (one a shape): ops[op0[k] .. op0[k + 1]) */
    pdf_op **layer;
    size_t cap_layer;
    key_set baselines; /* of the run's text lines */
} pdf_pager;

/* Whether one of the group's text lines shares a baseline (within 1/16
 * pt) with a line in `s`. */
static bool shares_baseline(const cj_page *pg, size_t first, size_t n, const key_set *s) {
    for (size_t i = first; i < first + n; i++) {
        const cj_item *it = pg->items[i];
        for (size_t k = 0; it->type == CJ_IT_TEXT && k < it->n_lines; k++) {
            const cj_tline *l = &it->lines[k];
            if (key_has(s, line_key(it, l, -1)) || key_has(s, line_key(it, l, 0)) ||
                key_has(s, line_key(it, l, 1)))
                return true;
        }
    }
    return false;
}

static bool add_baselines(const cj_page *pg, size_t first, size_t n, key_set *s) {
    for (size_t i = first; i < first + n; i++) {
        const cj_item *it = pg->items[i];
        for (size_t k = 0; it->type == CJ_IT_TEXT && k < it->n_lines; k++)
            if (!key_add(s, line_key(it, &it->lines[k], 0))) return false;
    }
    return true;
}

static cj_rect rect_union(cj_rect a, cj_rect b) {
    double x0 = fmin(a.x, b.x), y0 = fmin(a.y, b.y);
    return (cj_rect){x0, y0, fmax(a.x + a.w, b.x + b.w) - x0, fmax(a.y + a.h, b.y + b.h) - y0};
}

static bool meet(const cj_rect *a, const cj_rect *b, double m) {
    return a->x < b->x + b->w + m && b->x < a->x + a->w + m && a->y < b->y + b->h + m &&
           b->y < a->y + a->h + m;
}

/* Whether the group's texts may be drawn after all its shapes: no shape
 * that follows a text in the group reaches it, and no two of its texts
 * share a baseline. */
static bool texts_may_go_last(const cj_page *pg, size_t first, size_t n) {
    for (size_t i = first; i < first + n; i++) {
        const cj_item *t = pg->items[i];
        if (t->type != CJ_IT_TEXT) continue;
        cj_rect tb = item_bounds(t);
        for (size_t j = i + 1; j < first + n; j++) {
            const cj_item *u = pg->items[j];
            if (u->type != CJ_IT_TEXT) {
                cj_rect ub = item_bounds(u);
                if (meet(&tb, &ub, GROUP_MARGIN)) return false;
                continue;
            }
            for (size_t a = 0; t->color == u->color && a < t->n_lines; a++)
                for (size_t b = 0; b < u->n_lines; b++)
                    if (llabs(baseline_key(&t->lines[a]) - baseline_key(&u->lines[b])) <= 1)
                        return false;
        }
    }
    return true;
}

static bool push_op(pdf_pager *P, const cj_item *it) {
    if (P->n_ops == P->cap_ops) {
        size_t cap = P->cap_ops ? P->cap_ops * 2 : 1024;
        pdf_op *o = realloc(P->ops, cap * sizeof *o);
        if (!o) return false;
        P->ops = o, P->cap_ops = cap;
    }
    P->ops[P->n_ops] = item_op(it);
    P->ops[P->n_ops++].seq = P->seq++;
    return true;
}

/* A group item after item, each shape its own cairo operation. */
static void draw_in_order(pdf_pager *P, const group *g) {
    for (size_t i = g->first; i < g->first + g->n; i++) {
        const cj_item *it = P->pg->items[i];
        if (it->type == CJ_IT_TEXT) {
            draw_text(P->cr, P->tk, it, -INFINITY, INFINITY);
            continue;
        }
        pdf_op o = item_op(it), *one = &o;
        emit_ops(P->cr, P->tk->icons, &one, 1);
    }
}

static void flush_run(pdf_pager *P) {
    if (!P->n_run) return;
    size_t layers = 0;
    bool ok = true;
    P->n_ops = 0;
    for (size_t k = 0; k < P->n_run; k++) {
        P->op0[k] = P->n_ops;
        for (size_t i = P->run[k].first; ok && i < P->run[k].first + P->run[k].n; i++)
            if (P->pg->items[i]->type != CJ_IT_TEXT) ok = push_op(P, P->pg->items[i]);
        if (P->n_ops - P->op0[k] > layers) layers = P->n_ops - P->op0[k];
    }
    P->op0[P->n_run] = P->n_ops;
    if (ok && P->n_run > P->cap_layer) {
        pdf_op **l = realloc(P->layer, MAX_RUN * sizeof *l);
        if (l) P->layer = l, P->cap_layer = MAX_RUN;
        ok = l != NULL;
    }
    for (size_t j = 0; ok && j < layers; j++) {
        size_t n = 0;
        for (size_t k = 0; k < P->n_run; k++)
            if (P->op0[k] + j < P->op0[k + 1]) P->layer[n++] = &P->ops[P->op0[k] + j];
        qsort(P->layer, n, sizeof *P->layer, op_order);
        for (size_t a = 0, b; a < n; a = b) {
            for (b = a + 1; b < n && style_cmp(&P->layer[a]->st, &P->layer[b]->st) == 0; b++) {
            }
            emit_ops(P->cr, P->tk->icons, &P->layer[a], b - a);
        }
    }
    if (!ok) { /* out of memory for the batches: every group as it is */
        for (size_t k = 0; k < P->n_run; k++)
            draw_in_order(P, &P->run[k]);
        P->n_run = 0;
        key_clear(&P->baselines);
        return;
    }
    for (size_t k = 0; k < P->n_run; k++)
        for (size_t i = P->run[k].first; i < P->run[k].first + P->run[k].n; i++)
            if (P->pg->items[i]->type == CJ_IT_TEXT)
                draw_text(P->cr, P->tk, P->pg->items[i], -INFINITY, INFINITY);
    P->n_run = 0;
    key_clear(&P->baselines);
}

static void draw_items_pdf(cairo_t *cr, text_kit *tk, const cj_page *pg, bool in_order) {
    pdf_pager P = {.cr = cr, .tk = tk, .pg = pg};
    for (size_t i = 0, j; i < pg->n; i = j) {
        cj_rect bb = item_bounds(pg->items[i]);
        for (j = i + 1; j < pg->n && cj_origin_eq(&pg->items[j]->origin, &pg->items[i]->origin);
             j++)
            bb = rect_union(bb, item_bounds(pg->items[j]));
        bool clash = P.n_run == MAX_RUN;
        for (size_t k = 0; !clash && k < P.n_run; k++)
            clash = meet(&P.run[k].bb, &bb, GROUP_MARGIN);
        const group g = {i, j - i, bb};
        if (in_order || !texts_may_go_last(pg, i, j - i)) {
            flush_run(&P);
            draw_in_order(&P, &g);
            continue;
        }
        if (clash || shares_baseline(pg, i, j - i, &P.baselines)) flush_run(&P);
        if (!add_baselines(pg, i, j - i, &P.baselines)) { /* out of memory */
            flush_run(&P);
            draw_in_order(&P, &g);
            continue;
        }
        P.run[P.n_run++] = g;
    }
    flush_run(&P);
    free(P.ops);
    free(P.layer);
    free(P.baselines.v);
}

/* Draws the items of `pg` that reach the page's rows [vy0, vy1) (unscaled
 * page units; -INFINITY..INFINITY for all).  mode: 0 PNG, 1 PDF, 2 PDF
 * with every item in order (tests). */
static void draw_page(cairo_t *cr, PangoContext *ctx, cairo_font_face_t *icons, const cj_page *pg,
                      double px_scale, double vy0, double vy1, int mode) {
    cairo_save(cr);
    cairo_scale(cr, px_scale * pg->scale, px_scale * pg->scale);
    pango_cairo_update_context(cr, ctx);
    text_kit tk = {.ctx = ctx,
                   .pl = pango_layout_new(ctx),
                   .fd = pango_font_description_new(),
                   .attrs = pango_attr_list_new(),
                   .icons = mode ? icons : NULL};
    pango_layout_set_single_paragraph_mode(tk.pl, TRUE);
    if (mode)
        draw_items_pdf(cr, &tk, pg, mode == 2);
    else
        draw_items_png(cr, &tk, pg, vy0 - CULL_MARGIN, vy1 + CULL_MARGIN);
    cj_itemizer_free(&tk.iz);
    pango_attr_list_unref(tk.attrs);
    pango_font_description_free(tk.fd);
    g_object_unref(tk.pl);
    cairo_restore(cr);
}

/* "YYYY-MM-DDThh:mm:ssZ" in UTC, as cairo 1.16 expects for CREATE_DATE. */
static void iso_date(const cj_dlist *d, char *buf, size_t n) {
    time_t t = d->date_set ? (time_t)d->date : (time_t)946684800; /* 2000-01-01 */
    struct tm tm;
    if (!gmtime_r(&t, &tm)) {
        t = 946684800;
        gmtime_r(&t, &tm);
    }
    snprintf(buf, n, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900, tm.tm_mon + 1,
             tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

/* Several journeys in one PDF: each entry's pages [p0, p1) in order, with a
 * bookmark per journey when there is more than one.  Metadata (title,
 * subject, date) comes from the first entry; the title of a book joins the
 * journeys' titles. */
bool cj_render_pdf(const cj_pdf_part *parts, size_t n, cjmap_write_fn w, void *closure) {
    if (!n) return false;
    sink sk = {w, closure, false};
    PangoContext *ctx = cj_pango_context_new(parts[0].d->fonts.ref);
    if (!ctx) return false;
    const cj_dlist *d0 = parts[0].d;
    const cj_page *first = &d0->pages[parts[0].p0];
    cairo_surface_t *s = cairo_pdf_surface_create_for_stream(write_cb, &sk, first->w, first->h);
    /* The titles joined, sized exactly: cutting a fixed buffer could split a
     * UTF-8 sequence, and cairo then fails the whole document (found by the
     * fuzzer). */
    size_t tl = 1;
    for (size_t i = 0; i < n; i++) tl += strlen(parts[i].d->title ? parts[i].d->title : "") + 2;
    char *title = malloc(tl);
    if (title) {
        size_t o = 0;
        for (size_t i = 0; i < n; i++) {
            const char *t = parts[i].d->title ? parts[i].d->title : "";
            if (i) memcpy(title + o, "; ", 2), o += 2;
            memcpy(title + o, t, strlen(t)), o += strlen(t);
        }
        title[o] = '\0';
    }
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, title ? title : "");
    free(title);
    if (n == 1 && d0->subject && *d0->subject)
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_SUBJECT, d0->subject);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "cjmap " CJMAP_VERSION_STRING);
    char date[40];
    iso_date(d0, date, sizeof date);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, date);
    cairo_t *cr = cairo_create(s);
    cairo_font_face_t *icons = icon_face_new(parts, n); /* one for the document */
    size_t page_no = 0; /* pages written so far */
    for (size_t i = 0; i < n && cairo_status(cr) == CAIRO_STATUS_SUCCESS; i++) {
        const cj_dlist *d = parts[i].d;
        if (n > 1) {
            char link[32];
            snprintf(link, sizeof link, "page=%zu", page_no + 1);
            cairo_pdf_surface_add_outline(s, CAIRO_PDF_OUTLINE_ROOT, d->title ? d->title : "",
                                          link, 0);
        }
        for (size_t p = parts[i].p0; p < parts[i].p1 && cairo_status(cr) == CAIRO_STATUS_SUCCESS; p++) {
            cairo_pdf_surface_set_size(s, d->pages[p].w, d->pages[p].h);
            draw_page(cr, ctx, icons, &d->pages[p], 1.0, -INFINITY, INFINITY,
                      parts[i].in_order ? 2 : 1);
            cairo_show_page(cr);
            page_no++;
        }
    }
    bool ok = cairo_status(cr) == CAIRO_STATUS_SUCCESS;
    cairo_destroy(cr);
    cairo_surface_finish(s);
    if (icons) cairo_font_face_destroy(icons);
    ok = ok && cairo_surface_status(s) == CAIRO_STATUS_SUCCESS;
    cairo_surface_destroy(s);
    g_object_unref(ctx);
    return ok && !sk.failed;
}

/* PNG: the page is drawn in bands of rows into one small image and each
 * band's rows are streamed to libpng, so memory is a band (BAND_BYTES), not
 * the page: a whole 13320 x 16384 px page as one cairo image was 832 MiB.
 * Bands are whole pixel rows and every band is drawn with an integer
 * translation, so a pixel gets the coverage it gets when the page is drawn
 * at once, up to the rasterizer's rounding (a few pixels of a map differ by
 * at most 8/255 in the test maps; a glyph may land a quarter pixel apart,
 * since cairo quantizes glyph positions from floating-point sums).  Text
 * is culled by its ink, not its line box, so stacked accents reaching far
 * above a line are still drawn in the band they reach.  The PNG is 8-bit RGB with the resolution
 * recorded (pHYs) and rows left unfiltered: a map is long runs of flat colour, which deflate finds
 * best as they are.  Measured on 20/500/800 against libpng's per-row filter search (what cairo's
 * writer does): 17% smaller and half the time; Paeth, Sub and Up were all larger and slower. */
enum { BAND_BYTES = 8 << 20 };

static void png_write_cb(png_structp png, png_bytep data, size_t len) {
    sink *s = png_get_io_ptr(png);
    if (s->failed || (len && !s->w(s->c, data, len))) {
        s->failed = true;
        png_error(png, "write failed");
    }
}
static void png_flush_cb(png_structp png) { (void)png; }
static void png_error_cb(png_structp png, png_const_charp msg) {
    (void)msg; /* the caller reports a failed render its own way */
    png_longjmp(png, 1);
}
static void png_warning_cb(png_structp png, png_const_charp msg) {
    (void)png;
    (void)msg;
}

typedef struct png_job {
    PangoContext *ctx;
    const cj_page *pg;
    cairo_surface_t *img; /* one band */
    unsigned char *row;   /* one RGB row */
    int w, h, band;
    double dpi;
} png_job;

/* Everything libpng may longjmp out of (write errors).  Returns whether
 * every band was drawn. */
static bool png_body(png_structp png, png_infop info, const png_job *j) {
    png_set_IHDR(png, info, (png_uint_32)j->w, (png_uint_32)j->h, 8, PNG_COLOR_TYPE_RGB,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_uint_32 ppm = (png_uint_32)lround(j->dpi / 0.0254);
    png_set_pHYs(png, info, ppm, ppm, PNG_RESOLUTION_METER);
    png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
    png_write_info(png, info);
    const double k = j->dpi / 72.0;
    const double unit = k * j->pg->scale; /* pixels per unscaled page unit */
    for (int y0 = 0; y0 < j->h; y0 += j->band) {
        const int rows = j->h - y0 < j->band ? j->h - y0 : j->band;
        cairo_t *cr = cairo_create(j->img);
        source(cr, j->pg->bg | 0xFF);
        cairo_paint(cr);
        cairo_translate(cr, 0, -y0);
        draw_page(cr, j->ctx, NULL, j->pg, k, y0 / unit, (y0 + rows) / unit, 0);
        bool drawn = cairo_status(cr) == CAIRO_STATUS_SUCCESS;
        cairo_destroy(cr);
        if (!drawn) return false;
        cairo_surface_flush(j->img);
        const unsigned char *data = cairo_image_surface_get_data(j->img);
        const size_t stride = (size_t)cairo_image_surface_get_stride(j->img);
        for (int r = 0; r < rows; r++) {
            const uint32_t *px = (const uint32_t *)(const void *)(data + (size_t)r * stride);
            for (int x = 0; x < j->w; x++) {
                j->row[3 * x] = (unsigned char)(px[x] >> 16);
                j->row[3 * x + 1] = (unsigned char)(px[x] >> 8);
                j->row[3 * x + 2] = (unsigned char)px[x];
            }
            png_write_row(png, j->row);
        }
        cairo_surface_mark_dirty(j->img);
    }
    png_write_end(png, info);
    return true;
}

/* No local changes between setjmp and a longjmp, so none is clobbered. */
static bool png_guarded(png_structp png, png_infop info, const png_job *j) {
    if (setjmp(png_jmpbuf(png))) return false;
    return png_body(png, info, j);
}

bool cj_render_png(const cj_dlist *d, size_t page, int band_rows, cjmap_write_fn w, void *closure) {
    if (page >= d->n_pages) return false;
    const cj_page *pg = &d->pages[page];
    const double dpi = d->dpi > 0 ? d->dpi : 144;
    double wpx = ceil(pg->w * dpi / 72.0 - 1e-6), hpx = ceil(pg->h * dpi / 72.0 - 1e-6);
    if (wpx < 1 || hpx < 1 || wpx > 32767 || hpx > 32767) return false;
    PangoContext *ctx = cj_pango_context_new(d->fonts.ref);
    if (!ctx) return false;
    sink sk = {w, closure, false};
    png_job j = {ctx, pg, NULL, NULL, (int)wpx, (int)hpx, band_rows, dpi};
    if (j.band <= 0) j.band = BAND_BYTES / (j.w * 4);
    if (j.band < 1) j.band = 1;
    if (j.band > j.h) j.band = j.h;
    j.img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, j.w, j.band);
    j.row = malloc((size_t)j.w * 3);
    png_structp png =
        png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, png_error_cb, png_warning_cb);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    bool ok = cairo_surface_status(j.img) == CAIRO_STATUS_SUCCESS && j.row && info;
    if (ok) {
        png_set_write_fn(png, &sk, png_write_cb, png_flush_cb);
        ok = png_guarded(png, info, &j);
    }
    png_destroy_write_struct(&png, &info);
    free(j.row);
    cairo_surface_destroy(j.img);
    g_object_unref(ctx);
    return ok && !sk.failed;
}

bool cj_render_cairo(const cj_dlist *d, cjmap_format fmt, size_t p0, size_t p1, cjmap_write_fn w,
                     void *closure) {
    if (fmt == CJMAP_FORMAT_PDF) {
        cj_pdf_part part = {d, p0, p1, false};
        return cj_render_pdf(&part, 1, w, closure);
    }
    return fmt == CJMAP_FORMAT_PNG && cj_render_png(d, p0, 0, w, closure);
}
