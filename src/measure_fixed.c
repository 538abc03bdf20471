/*
** measure_fixed.c — deterministic fake text metrics (pikchr's awChar[] idea)
** for geometry tests: every code point has a width that depends only on
** its class and the font, so layouts are identical on every machine.
*/
#include "measure.h"

#include "arena.h"

#include <stdio.h>
#include <stdlib.h>

typedef struct fixed_measurer {
    cjmap_measurer base;
} fixed_measurer;

typedef struct { cj_font f; } fixed_ctx;

static double fixed_width(void *ctx, const char *s, size_t len) {
    const fixed_ctx *c = ctx;
    double w = 0;
    for (size_t i = 0; i < len;) {
        unsigned char b = (unsigned char)s[i];
        size_t n = cj_utf8_len(s + i, len - i);
        double em = b == ' ' ? 0.32 : b < 0x80 ? (b >= 'A' && b <= 'Z' ? 0.68 : 0.56) : 0.72;
        w += em;
        i += n;
    }
    return w * c->f.size * (c->f.bold ? 1.08 : 1.0);
}

static bool fixed_measure(cjmap_measurer *m, const char *s, size_t len, cj_font f, double max_w,
                          cj_mbox *out) {
    (void)m;
    fixed_ctx c = {f};
    double h = f.size * 1.25;
    return cj_break_lines(s, len, max_w, fixed_width, &c, h, f.size * 0.95, out);
}

static void fixed_destroy(cjmap_measurer *m) { free(m); }

cjmap_measurer *cjmap_measurer_fixed_new(void) {
    fixed_measurer *m = cj_xcalloc(1, sizeof *m);
    m->base.measure = fixed_measure;
    m->base.destroy = fixed_destroy;
    return &m->base;
}

void cjmap_measurer_free(cjmap_measurer *m) {
    if (m) m->destroy(m);
}
