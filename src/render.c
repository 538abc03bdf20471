/*
** render.c — cjmap_render(): checks the page argument and picks a back end.
*/
#include "render.h"

#include <stdlib.h>

bool cjmap_render(const cjmap_layout *l, cjmap_format fmt, size_t page, cjmap_write_fn write,
                  void *closure) {
    if (!l || !write) return false;
    size_t n = l->dl.n_pages;
    if (n == 0) return false;
    if (page == CJMAP_ALL_PAGES) {
        if (fmt == CJMAP_FORMAT_PDF) return cj_render_cairo(&l->dl, fmt, 0, n, write, closure);
        if (n != 1) return false;
        page = 0;
    }
    if (page >= n) return false;
    switch (fmt) {
    case CJMAP_FORMAT_PDF:
    case CJMAP_FORMAT_PNG: return cj_render_cairo(&l->dl, fmt, page, page + 1, write, closure);
    case CJMAP_FORMAT_SVG: return cj_render_svg(&l->dl, page, write, closure);
    }
    return false;
}

bool cjmap_render_pdf_book(const cjmap_layout *const *layouts, size_t n, cjmap_write_fn write,
                           void *closure) {
    if (!layouts || !n || !write) return false;
    cj_pdf_part *parts = calloc(n, sizeof *parts);
    if (!parts) return false;
    bool ok = true;
    for (size_t i = 0; i < n; i++) {
        if (!layouts[i] || layouts[i]->dl.n_pages == 0) ok = false;
        else
            parts[i] = (cj_pdf_part){&layouts[i]->dl, 0, layouts[i]->dl.n_pages, false};
    }
    ok = ok && cj_render_pdf(parts, n, write, closure);
    free(parts);
    return ok;
}
