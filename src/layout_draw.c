/*
** layout_draw.c — the layout's drawing primitives: items pushed onto an
** item vector in map or page coordinates, sized by the measurer; atoms.
*/
#include "icons.h"
#include "layout_int.h"

#include <math.h>
#include <string.h>

static size_t push(ivec *v, const cj_item *it) {
    if (v->n == v->cap) {
        v->cap = v->cap ? v->cap * 2 : 256;
        v->v = cj_xrealloc(v->v, v->cap * sizeof *v->v);
    }
    v->v[v->n] = *it;
    return v->n++;
}

/* A private copy of user text that every backend can draw the same way:
 * tabs and other control characters become spaces, '\n' stays a line
 * break, "\r\n" becomes '\n'. */
const char *cj_lay_norm(lay *L, const char *s) {
    if (!s) return NULL;
    size_t n = strlen(s);
    char *d = cj_dl_alloc(L->dl, n + 1), *o = d;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\r') {
            if (i + 1 < n && s[i + 1] == '\n') continue;
            c = '\n';
        }
        if ((c < 0x20 && c != '\n') || c == 0x7F) c = ' ';
        *o++ = (char)c;
    }
    *o = 0;
    return d;
}

const char *cj_lay_cat3(lay *L, const char *a, const char *b, const char *c) {
    size_t na = strlen(a), nb = strlen(b), nc = strlen(c);
    char *d = cj_dl_alloc(L->dl, na + nb + nc + 1);
    memcpy(d, a, na);
    memcpy(d + na, b, nb);
    memcpy(d + na + nb, c, nc);
    return d;
}

bool cj_lay_measure(lay *L, const char *s, cj_font f, double maxw) {
    if (L->fail) return false;
    /* 0.5 pt of slack absorbs kerning differences between a line measured
     * inside its paragraph and the same line measured alone. */
    double w = maxw > 1 ? maxw - 0.5 : 0.5;
    if (!L->meas->measure(L->meas, s, strlen(s), f, w, &L->mb)) {
        L->fail = true;
        return false;
    }
    return true;
}

double cj_lay_natural_w(lay *L, const char *s, cj_font f) {
    if (!s || !cj_lay_measure(L, s, f, 1e7)) return 0;
    return L->mb.w;
}

/* Emits text `s` (already normalized, owned by the list) wrapped to
 * `maxw` with its top-left at (x, y); returns its height, and its width in
 * *w when w is not NULL. */
double cj_lay_text(lay *L, ivec *v, const char *s, cj_font f, cj_color c, double x, double y,
                   double maxw, cj_origin o, double *w) {
    if (w) *w = 0;
    if (!s || !cj_lay_measure(L, s, f, maxw)) return 0;
    cj_item it = {0};
    it.type = CJ_IT_TEXT;
    it.role = CJ_ROLE_INK;
    it.origin = o;
    it.font = f;
    it.color = c;
    it.n_lines = L->mb.n;
    it.lines = cj_dl_alloc(L->dl, L->mb.n * sizeof *it.lines);
    double yy = y;
    for (size_t i = 0; i < L->mb.n; i++) {
        const cj_mline *ml = &L->mb.lines[i];
        const char *ls = s + ml->start;
        size_t ll = ml->len;
        if (ml->hyphen) { /* a word broken here carries a hyphen */
            char *h = cj_dl_alloc(L->dl, ll + 2);
            memcpy(h, ls, ll);
            h[ll] = '-', h[ll + 1] = '\0';
            ls = h, ll++;
        }
        it.lines[i] =
            (cj_tline){x, yy, ml->w, ml->h, ml->baseline, ls, (uint32_t)ll, (float)ml->ink};
        yy += ml->h;
    }
    it.box = (cj_rect){x, y, L->mb.w, L->mb.h};
    it.cell = it.box;
    push(v, &it);
    if (w) *w = L->mb.w;
    return L->mb.h;
}

size_t cj_lay_rect(ivec *v, double x, double y, double w, double h, double r, cj_paint p,
                   cj_role role, cj_origin o) {
    cj_item it = {0};
    it.type = CJ_IT_RECT;
    it.role = (uint8_t)role;
    it.origin = o;
    it.box = (cj_rect){x, y, w, h};
    it.cell = it.box;
    it.paint = p;
    it.radius = r;
    return push(v, &it);
}

/* The bounding box of a path's points, widened by half the stroke. */
static cj_rect path_box(const cj_pseg *segs, size_t n, cj_paint p) {
    double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
    for (size_t i = 0; i < n; i++) {
        int k = segs[i].op == CJ_P_CURVE ? 3 : segs[i].op == CJ_P_CLOSE ? 0 : 1;
        for (int j = 0; j < k; j++) {
            x0 = fmin(x0, segs[i].x[j]);
            x1 = fmax(x1, segs[i].x[j]);
            y0 = fmin(y0, segs[i].y[j]);
            y1 = fmax(y1, segs[i].y[j]);
        }
    }
    double hw = p.stroke ? p.lw / 2 : 0;
    return (cj_rect){x0 - hw, y0 - hw, x1 - x0 + 2 * hw, y1 - y0 + 2 * hw};
}

void cj_lay_path(lay *L, ivec *v, const cj_pseg *segs, size_t n, cj_paint p, cj_origin o) {
    if (!n) return;
    cj_item it = {0};
    it.type = CJ_IT_PATH;
    it.role = CJ_ROLE_INK;
    it.origin = o;
    it.paint = p;
    it.segs = cj_dl_alloc(L->dl, n * sizeof *it.segs);
    memcpy(it.segs, segs, n * sizeof *segs);
    it.n_segs = n;
    it.box = it.cell = path_box(segs, n, p);
    push(v, &it);
}

/* A path kept as a shape (see cj_shape); its box is that of its segments. */
void cj_lay_shape(lay *L, ivec *v, cj_shape sh, cj_paint p, cj_origin o) {
    cj_item it = {0};
    it.type = CJ_IT_PATH;
    it.role = CJ_ROLE_INK;
    it.origin = o;
    it.paint = p;
    it.shaped = 1;
    it.shape = cj_dl_alloc(L->dl, sizeof *it.shape);
    *it.shape = sh;
    cj_pseg buf[CJ_ICON_MAX_SEGS];
    size_t n;
    const cj_pseg *segs = cj_item_segs(&it, buf, &n);
    it.box = it.cell = path_box(segs, n, p);
    push(v, &it);
}

void cj_lay_circle(lay *L, ivec *v, double cx, double cy, double r, cj_paint p, cj_origin o) {
    cj_lay_shape(L, v, (cj_shape){cx, cy, r, CJ_SHAPE_CIRCLE, 0}, p, o);
}

static void dot(lay *L, ivec *v, double cx, double cy, double r, cj_color c, cj_origin o) {
    cj_lay_circle(L, v, cx, cy, r, cj_lay_fill(c), o);
}

/* Bulleted text: a dot aligned with the first line, the text indented. */
double cj_lay_bullet(lay *L, ivec *v, const char *s, cj_font f, cj_color c, double x, double y,
                     double maxw, cj_origin o) {
    double h = cj_lay_text(L, v, s, f, c, x + 9, y, maxw - 9, o, NULL);
    if (h > 0) {
        const cj_item *t = &v->v[v->n - 1];
        double by = t->lines[0].y + t->lines[0].baseline - f.size * 0.32;
        dot(L, v, x + 3, by, 1.6, c, o);
    }
    return h;
}

/* ------------------------------------------------------------------ */
/* Atoms                                                               */
/* ------------------------------------------------------------------ */

void cj_lay_atom_add(lay *L, size_t first, int col, int lane) {
    if (L->body.n == first) return;
    if (L->n_atoms == L->cap_atoms) {
        L->cap_atoms = L->cap_atoms ? L->cap_atoms * 2 : 64;
        L->atoms = cj_xrealloc(L->atoms, L->cap_atoms * sizeof *L->atoms);
    }
    double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
    for (size_t i = first; i < L->body.n; i++) {
        const cj_rect *b = &L->body.v[i].box;
        x0 = fmin(x0, b->x);
        y0 = fmin(y0, b->y);
        x1 = fmax(x1, b->x + b->w);
        y1 = fmax(y1, b->y + b->h);
    }
    L->atoms[L->n_atoms++] =
        (atom){{x0, y0, x1 - x0, y1 - y0}, col, lane, first, L->body.n - first, 0, 0};
}
