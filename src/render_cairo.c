/*
** render_cairo.c — display list -> PDF (any number of pages) or PNG (one
** page) through cairo stream callbacks.
**
** Text is drawn line by line with the pango set-up of measure_pango.c, so
** each line covers exactly the width the layout measured.  Every page is
** filled with its background before anything else (cairo's vector
** surfaces get slow on big pages otherwise).  In a PDF, opaque discs, pills
** and rounded boxes are drawn as round-capped strokes (the same figure in
** far fewer numbers, see fat_figure); a PNG draws every exact outline.  Every cairo status is
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
 * (vector false) keeps the default: there it is the picture. */
static void stroke_tolerance(cairo_t *cr, double half_width, bool vector) {
    if (!vector) return;
    double rx = half_width, ry = 0;
    cairo_user_to_device_distance(cr, &rx, &ry);
    cairo_set_tolerance(cr, fmax(fmin(PDF_TOLERANCE, hypot(rx, ry)), TOLERANCE));
}

static void paint(cairo_t *cr, const cj_paint *p, bool vector) {
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
        stroke_tolerance(cr, p->lw / 2, vector);
        source(cr, p->stroke);
        cairo_stroke(cr);
        cairo_set_tolerance(cr, TOLERANCE);
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
 * rounded cards with opaque colours and a solid (or no) outline are drawn
 * with round line caps and joins, the same figure in a fraction of the
 * numbers:
 *   - a disc of diameter d is a line DOT_LEN long stroked d wide with round
 *     caps (PDF 32000-1 8.5.3.2 paints even a zero-length one as a disc,
 *     but WebKit's canvas drops a zero-length lineTo, so pdf.js in Safari
 *     would lose every disc; 1/64 pt longer is invisible and exact in
 *     cairo's 24.8 fixed point);
 *   - a pill is a line between the centres of its ends, stroked as wide as
 *     the pill with round caps;
 *   - a rounded rectangle of radius r is the rectangle inset by r, stroked
 *     2r wide with round joins and filled.
 * An outline of width lw is the same figure lw wider in the outline colour,
 * under the figure lw narrower in the fill colour: stroking a path centred
 * on the edge covers exactly [edge - lw/2, edge + lw/2].  Translucent
 * colours would show the overlap, and dashes need the real outline, so
 * those items (and PNG, where numbers cost nothing) keep the exact path.
 * Measured on 20/500/800: see docs/performance.md. */
#define DOT_LEN (1.0 / 64)
static bool opaque(cj_color c) { return (c & 255) == 255; }

/* Strokes the current path `w` wide in colour c with round caps and joins
 * (the caller restores the caps and joins). */
static void fat_stroke(cairo_t *cr, cj_color c, double w) {
    cairo_set_line_width(cr, w);
    source(cr, c);
    cairo_stroke(cr);
}

/* Draws the figure "path `fig` stroked `w` wide" for an item's paint:
 * outline first when there is one.  Returns false when the item must keep
 * its exact path (translucent colour, dashed outline, outline too wide). */
static bool fat_figure(cairo_t *cr, const cj_paint *p, double w,
                       void (*fig)(cairo_t *, const void *), const void *arg, bool fill_inset) {
    const bool outline = p->stroke && p->lw > 0;
    if (!p->fill || !opaque(p->fill)) return false;
    if (outline && (!opaque(p->stroke) || p->dash != CJ_DASH_SOLID || w - p->lw <= 0)) return false;
    cairo_set_dash(cr, NULL, 0, 0);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    stroke_tolerance(cr, (w - (outline ? p->lw : 0)) / 2, true);
    if (outline) {
        fig(cr, arg);
        fat_stroke(cr, p->stroke, w + p->lw);
    }
    fig(cr, arg);
    if (fill_inset) {
        source(cr, p->fill);
        cairo_fill_preserve(cr);
    }
    fat_stroke(cr, p->fill, outline ? w - p->lw : w);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
    cairo_set_tolerance(cr, TOLERANCE);
    return true;
}

static void fig_segment(cairo_t *cr, const void *arg) {
    const double *v = arg; /* x0, y0, x1, y1 */
    cairo_move_to(cr, v[0], v[1]);
    cairo_line_to(cr, v[2], v[3]);
}
static void fig_rect(cairo_t *cr, const void *arg) {
    const double *v = arg; /* x, y, w, h */
    cairo_rectangle(cr, v[0], v[1], v[2], v[3]);
}

/* A disc (circle shape). */
static bool fat_disc(cairo_t *cr, const cj_item *it) {
    const cj_shape *s = it->shape;
    const double v[4] = {s->x - DOT_LEN / 2, s->y, s->x + DOT_LEN / 2, s->y};
    return fat_figure(cr, &it->paint, 2 * s->s, fig_segment, v, false);
}

/* A rounded rectangle (a pill when the radius reaches half its height or
 * width). */
static bool fat_rounded(cairo_t *cr, const cj_item *it) {
    const cj_rect *b = &it->box;
    const double r = fmin(it->radius, fmin(b->w, b->h) / 2);
    if (r <= 0) return false;
    if (r >= b->h / 2 - 1e-9 && b->w >= b->h) {
        const double e = b->w - 2 * r < DOT_LEN ? DOT_LEN / 2 : 0; /* a disc: see DOT_LEN */
        const double v[4] = {b->x + r - e, b->y + r, b->x + b->w - r + e, b->y + r};
        return fat_figure(cr, &it->paint, 2 * r, fig_segment, v, false);
    }
    if (r >= b->w / 2 - 1e-9) {
        const double v[4] = {b->x + r, b->y + r, b->x + r, b->y + b->h - r};
        return fat_figure(cr, &it->paint, 2 * r, fig_segment, v, false);
    }
    const double v[4] = {b->x + r, b->y + r, b->w - 2 * r, b->h - 2 * r};
    return fat_figure(cr, &it->paint, 2 * r, fig_rect, v, true);
}

/* Items this far outside a band are skipped: a box already includes half
 * its stroke; the margin covers joins and antialiasing.  Text lines also
 * add their own ink overflow (cj_tline.ink: stacked accents, tall fallback
 * glyphs), which the measurer reports. */
#define CULL_MARGIN 24.0

/* Draws one line of text with its top-left corner at the origin, at the
 * reference size (the caller scales), in the face set on `ctx` and `pl`.
 * A line pango itemizes as one item -- nearly all of them -- is shaped
 * and drawn directly, as the measurer shaped it (measure_pango.c): the
 * glyphs and baseline a one-line PangoLayout gives, without its line
 * breaking and log attributes.  The glyph item keeps its text and
 * clusters, so cairo can still write what each glyph says (ligatures get
 * their letters back when text is copied from the PDF).  Other lines go
 * through the layout, which places several items on one baseline. */
static void show_line(cairo_t *cr, PangoContext *ctx, PangoLayout *pl, PangoAttrList *attrs,
                      cj_itemizer *iz, cj_font f, const char *s, size_t len) {
    GList *items = cj_itemize(iz, ctx, attrs, f, s, len);
    if (!items || items->next) {
        g_list_free_full(items, (GDestroyNotify)pango_item_free);
        pango_layout_set_text(pl, s, (int)len);
        cairo_move_to(cr, 0, 0);
        pango_cairo_show_layout(cr, pl);
        return;
    }
    PangoGlyphItem gi = {.item = items->data, .glyphs = pango_glyph_string_new()};
    pango_shape_with_flags(s + gi.item->offset, gi.item->length, s, (int)len, &gi.item->analysis,
                           gi.glyphs, PANGO_SHAPE_NONE);
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
    pango_glyph_string_free(gi.glyphs);
    g_list_free_full(items, (GDestroyNotify)pango_item_free);
}

/* Draws the items of `pg` that reach the page's rows [vy0, vy1) (unscaled
 * page units; -INFINITY..INFINITY for all). */
static void draw_page(cairo_t *cr, PangoContext *ctx, const cj_page *pg, double px_scale,
                      double vy0, double vy1, bool vector) {
    cairo_save(cr);
    cairo_scale(cr, px_scale * pg->scale, px_scale * pg->scale);
    pango_cairo_update_context(cr, ctx);
    PangoLayout *pl = pango_layout_new(ctx);
    PangoFontDescription *fd = pango_font_description_new();
    PangoAttrList *attrs = pango_attr_list_new();
    cj_itemizer iz = {0};
    pango_layout_set_single_paragraph_mode(pl, TRUE);
    vy0 -= CULL_MARGIN;
    vy1 += CULL_MARGIN;
    for (size_t i = 0; i < pg->n; i++) {
        const cj_item *it = pg->items[i];
        if (it->type != CJ_IT_TEXT && (it->box.y > vy1 || it->box.y + it->box.h < vy0)) continue;
        switch (it->type) {
        case CJ_IT_RECT:
            if (vector && fat_rounded(cr, it)) break;
            rounded(cr, &it->box, it->radius);
            paint(cr, &it->paint, vector);
            break;
        case CJ_IT_PATH: {
            if (vector && it->shaped && it->shape->kind == CJ_SHAPE_CIRCLE && fat_disc(cr, it))
                break;
            cj_pseg buf[CJ_ICON_MAX_SEGS];
            size_t n_segs;
            const cj_pseg *segs = cj_item_segs(it, buf, &n_segs);
            for (size_t k = 0; k < n_segs; k++) {
                const cj_pseg *s = &segs[k];
                switch (s->op) {
                case CJ_P_MOVE: cairo_move_to(cr, s->x[0], s->y[0]); break;
                case CJ_P_LINE: cairo_line_to(cr, s->x[0], s->y[0]); break;
                case CJ_P_CURVE:
                    cairo_curve_to(cr, s->x[0], s->y[0], s->x[1], s->y[1], s->x[2], s->y[2]);
                    break;
                default: cairo_close_path(cr); break;
                }
            }
            paint(cr, &it->paint, vector);
            break;
        }
        case CJ_IT_TEXT:
            cj_pango_set_font(pl, fd, it->font);
            pango_context_set_font_description(ctx, fd);
            source(cr, it->color);
            for (size_t k = 0; k < it->n_lines; k++) {
                const cj_tline *l = &it->lines[k];
                if (!l->len || l->y - l->ink > vy1 || l->y + l->h + l->ink < vy0) continue;
                cairo_save(cr);
                cairo_translate(cr, l->x, l->y);
                const double sc = cj_pango_scale(it->font);
                cairo_scale(cr, sc, sc);
                show_line(cr, ctx, pl, attrs, &iz, it->font, l->s, l->len);
                cairo_restore(cr);
            }
            break;
        }
    }
    cj_itemizer_free(&iz);
    pango_attr_list_unref(attrs);
    pango_font_description_free(fd);
    g_object_unref(pl);
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
            draw_page(cr, ctx, &d->pages[p], 1.0, -INFINITY, INFINITY, true);
            cairo_show_page(cr);
            page_no++;
        }
    }
    bool ok = cairo_status(cr) == CAIRO_STATUS_SUCCESS;
    cairo_destroy(cr);
    cairo_surface_finish(s);
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
        draw_page(cr, j->ctx, j->pg, k, y0 / unit, (y0 + rows) / unit, false);
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
        cj_pdf_part part = {d, p0, p1};
        return cj_render_pdf(&part, 1, w, closure);
    }
    return fmt == CJMAP_FORMAT_PNG && cj_render_png(d, p0, 0, w, closure);
}
