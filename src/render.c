/*
** render.c — cjmap_render(): checks the page argument and picks a back end.
*/
#include "render.h"

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
