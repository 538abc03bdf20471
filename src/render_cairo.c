/*
** render_cairo.c — display list -> PDF (any number of pages) or PNG (one
** page) through cairo stream callbacks.
**
** Text is drawn line by line with the pango set-up of measure_pango.c, so
** each line covers exactly the width the layout measured.  Every page is
** filled with its background before anything else (cairo's vector
** surfaces get slow on big pages otherwise).  Every cairo status is
** checked; every cairo/pango object is released before returning.
** Determinism: the PDF creation date is the layout's date or a constant.
*/
#include "measure_pango.h"
#include "render.h"

#include <cairo-pdf.h>
#include <math.h>
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

static void draw_page(cairo_t *cr, PangoContext *ctx, const cj_page *pg, double px_scale) {
    cairo_save(cr);
    cairo_scale(cr, px_scale * pg->scale, px_scale * pg->scale);
    pango_cairo_update_context(cr, ctx);
    PangoLayout *pl = pango_layout_new(ctx);
    PangoFontDescription *fd = pango_font_description_new();
    pango_layout_set_single_paragraph_mode(pl, TRUE);
    for (size_t i = 0; i < pg->n; i++) {
        const cj_item *it = &pg->items[i];
        switch (it->type) {
        case CJ_IT_RECT:
            rounded(cr, &it->box, it->radius);
            paint(cr, &it->paint);
            break;
        case CJ_IT_PATH:
            for (size_t k = 0; k < it->n_segs; k++) {
                const cj_pseg *s = &it->segs[k];
                switch (s->op) {
                case CJ_P_MOVE: cairo_move_to(cr, s->x[0], s->y[0]); break;
                case CJ_P_LINE: cairo_line_to(cr, s->x[0], s->y[0]); break;
                case CJ_P_CURVE:
                    cairo_curve_to(cr, s->x[0], s->y[0], s->x[1], s->y[1], s->x[2], s->y[2]);
                    break;
                default: cairo_close_path(cr); break;
                }
            }
            paint(cr, &it->paint);
            break;
        case CJ_IT_TEXT:
            cj_pango_set_font(pl, fd, it->font);
            source(cr, it->color);
            for (size_t k = 0; k < it->n_lines; k++) {
                const cj_tline *l = &it->lines[k];
                if (!l->len) continue;
                const double sc = cj_pango_scale(it->font);
                pango_layout_set_text(pl, l->s, (int)l->len);
                cairo_save(cr);
                cairo_translate(cr, l->x, l->y);
                cairo_scale(cr, sc, sc);
                cairo_move_to(cr, 0, 0);
                pango_cairo_show_layout(cr, pl);
                cairo_restore(cr);
            }
            break;
        }
    }
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
            draw_page(cr, ctx, &d->pages[p], 1.0);
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

bool cj_render_cairo(const cj_dlist *d, cjmap_format fmt, size_t p0, size_t p1,
                     cjmap_write_fn w, void *closure) {
    if (fmt == CJMAP_FORMAT_PDF) {
        cj_pdf_part part = {d, p0, p1};
        return cj_render_pdf(&part, 1, w, closure);
    }
    sink sk = {w, closure, false};
    PangoContext *ctx = cj_pango_context_new(d->fonts.ref);
    if (!ctx) return false;
    bool ok = true;
    if (fmt == CJMAP_FORMAT_PNG) {        const cj_page *pg = &d->pages[p0];
        double k = (d->dpi > 0 ? d->dpi : 144) / 72.0;
        double wpx = ceil(pg->w * k - 1e-6), hpx = ceil(pg->h * k - 1e-6);
        if (wpx < 1 || hpx < 1 || wpx > 32767 || hpx > 32767) {
            g_object_unref(ctx);
            return false;
        }
        cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)wpx, (int)hpx);
        cairo_t *cr = cairo_create(s);
        draw_page(cr, ctx, pg, k);
        ok = cairo_status(cr) == CAIRO_STATUS_SUCCESS;
        cairo_destroy(cr);
        cairo_surface_flush(s);
        ok = ok && cairo_surface_status(s) == CAIRO_STATUS_SUCCESS &&
             cairo_surface_write_to_png_stream(s, write_cb, &sk) == CAIRO_STATUS_SUCCESS;
        cairo_surface_destroy(s);
    } else {
        ok = false;
    }
    g_object_unref(ctx);
    return ok && !sk.failed;
}
