/*
** render.h — the two back ends behind cjmap_render().  Both draw a page of
** the display list exactly as laid out; neither measures or wraps text.
*/
#ifndef CJ_RENDER_H
#define CJ_RENDER_H
#include "layout.h"

/* Pages [p0, p1) of one display list, as a part of a PDF.  `in_order`
 * (tests) draws every item in order, one cairo operation each, instead of
 * batching the shapes of cards that do not meet. */
typedef struct cj_pdf_part {
    const cj_dlist *d;
    size_t p0, p1;
    bool in_order;
} cj_pdf_part;
bool cj_render_pdf(const cj_pdf_part *parts, size_t n, cjmap_write_fn w, void *closure);

/* PDF: pages [p0, p1) in one document.  PNG: page p0 only. */
bool cj_render_cairo(const cj_dlist *d, cjmap_format fmt, size_t p0, size_t p1,
                     cjmap_write_fn w, void *closure);
/* Page `page` as PNG, drawn in bands of `band_rows` pixel rows (0: as many
 * as fit in a few MiB); tests compare band heights. */
bool cj_render_png(const cj_dlist *d, size_t page, int band_rows, cjmap_write_fn w, void *closure);
bool cj_render_svg(const cj_dlist *d, size_t page, cjmap_write_fn w, void *closure);
#endif
