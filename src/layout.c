/*
** layout.c — model -> display list.  Pure geometry: no cairo, no I/O, no
** globals; text sizes come only from the measurer.
**
** IMPLEMENTATION NOTES
** 1. Units are points, y down.  The map is first built in "map
**    coordinates": x = 0 is the left edge of the lane-label column, phase
**    column c spans [LABEL_W + c*W, LABEL_W + (c+1)*W); y = 0 is the top of
**    the first lane.  Every card (and every other unit that must never be
**    cut by a page break) is an *atom*: a contiguous range of items with a
**    bounding box and a column.
** 2. All phase columns share one width W (the widest phase's need, within
**    CJ_COL_MIN..CJ_COL_MAX): a wall map reads best on a regular grid, and a
**    phase with many touchpoints grows downwards, never sideways.
** 3. A lane is as tall as its tallest cell.  Lanes empty in the whole
**    journey are left out.
** 4. Pagination: columns are dealt into groups that fit the page width
**    (evenly: 7 phases on pages of 5 become 4 + 3); each group is sliced
**    vertically at *cuts*, y positions no atom crosses.  Every page repeats
**    the phase header and the lane labels; the first page carries the
**    title block, the others a running head; the legend ends the last page.
**    Fixed paper scales the whole map down to fit one page, but never so far
**    that text falls below CJMAP_MIN_TEXT_SIZE; beyond that it paginates.
** 5. The emotion curve is a Fritsch–Carlson monotone cubic: between two
**    points it never leaves their y range, so it never overshoots 1..5.
**    Its x is linear in the Bezier parameter, so page edges split it
**    exactly.
** 6. Cost is linear in the journey (plus sorting atoms for the cuts).
*/
#include "layout.h"

#include "arena.h"
#include "icons.h"
#include "labels.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAD 8.0      /* lane cell padding */
#define GAP 6.0      /* between atoms in a cell */
#define CPAD 6.0     /* card padding */
#define ARROW 10.0   /* chevron point depth */
#define BADGE_D 16.0 /* touchpoint pictogram badge diameter */
#define EMO_PLOT 88.0
#define EMO_INSET 10.0
#define MIN_FONT 7.5 /* the smallest size this layout uses */

static const cj_font F_TITLE = {20, 1, 0}, F_SEG = {11, 0, 0}, F_BODY = {9, 0, 0},
                     F_PHASE = {11, 1, 0}, F_STMT = {9, 0, 1}, F_LANE = {9, 1, 0},
                     F_CARD = {8.5, 0, 0}, F_CARD_B = {8.5, 1, 0}, F_META = {7.5, 1, 0},
                     F_TAG = {7.5, 0, 0}, F_LEGEND = {8, 0, 0}, F_METRIC = {8, 0, 0},
                     F_HEAD = {9, 0, 0}, F_BADGE = {8, 1, 0};

#define RGB(x) ((cj_color)(((uint32_t)(x) << 8) | 0xFFu))

/* ------------------------------------------------------------------ */
/* Themes                                                              */
/* ------------------------------------------------------------------ */

typedef struct theme {
    bool mono;
    cj_color bg, text, soft, rule, grid, band, band_alt, accent, on_accent, card, card_line;
    cj_color emo, emo_text, emo_tint, rat, rat_text, rat_tint;
    cj_color sev[4], sev_tint[4], opp, opp_tint;
    cj_color curve, pos_tint, neg_tint, lowest, tag_line;
} theme;

static cj_color mix(uint32_t rgb, double t) { /* t of the colour, 1 - t of white */
    unsigned r = (rgb >> 16) & 255, g = (rgb >> 8) & 255, b = rgb & 255;
    r = (unsigned)lround(255 - (255 - r) * t);
    g = (unsigned)lround(255 - (255 - g) * t);
    b = (unsigned)lround(255 - (255 - b) * t);
    return RGB((r << 16) | (g << 8) | b);
}

static void theme_init(theme *t, cjmap_theme which) {
    memset(t, 0, sizeof *t);
    t->bg = RGB(0xFFFFFF);
    t->card = RGB(0xFFFFFF);
    if (which == CJMAP_THEME_MONO) {
        t->mono = true;
        t->text = RGB(0x111111);
        t->soft = RGB(0x3C3C3C);
        t->rule = RGB(0xA8A8A8);
        t->grid = RGB(0xCFCFCF);
        t->band = RGB(0xFFFFFF);
        t->band_alt = RGB(0xF1F1F1);
        t->accent = RGB(0x3A3A3A);
        t->on_accent = RGB(0xFFFFFF);
        t->card_line = RGB(0x6E6E6E);
        t->emo = t->rat = RGB(0x3A3A3A);
        t->emo_text = t->rat_text = RGB(0x111111);
        t->emo_tint = RGB(0xF4F4F4);
        t->rat_tint = RGB(0xFFFFFF);
        t->sev[CJMAP_LEVEL_LOW] = RGB(0xFFFFFF);
        t->sev[CJMAP_LEVEL_MEDIUM] = RGB(0x9A9A9A);
        t->sev[CJMAP_LEVEL_HIGH] = RGB(0x111111);
        t->sev_tint[CJMAP_LEVEL_LOW] = RGB(0xFFFFFF);
        t->sev_tint[CJMAP_LEVEL_MEDIUM] = RGB(0xF4F4F4);
        t->sev_tint[CJMAP_LEVEL_HIGH] = RGB(0xE8E8E8);
        t->opp = RGB(0x3A3A3A);
        t->opp_tint = RGB(0xFFFFFF);
        t->curve = RGB(0x111111);
        t->pos_tint = RGB(0xFFFFFF);
        t->neg_tint = RGB(0xEEEEEE);
        t->lowest = RGB(0x111111);
        t->tag_line = RGB(0x6E6E6E);
    } else {
        t->text = RGB(0x222222);
        t->soft = RGB(0x4A4A4A);
        t->rule = RGB(0xC8C8C8);
        t->grid = RGB(0xE2E2E2);
        t->band = RGB(0xFFFFFF);
        t->band_alt = RGB(0xF6F6F6);
        t->accent = RGB(0x34495E); /* the one structural accent: phase chevrons */
        t->on_accent = RGB(0xFFFFFF);
        t->card_line = RGB(0x9A9A9A);
        t->emo = RGB(0xCC79A7); /* Okabe–Ito reddish purple */
        t->emo_text = RGB(0x8E3B6B);
        t->emo_tint = mix(0xCC79A7, 0.14);
        t->rat = RGB(0x0072B2); /* Okabe–Ito blue */
        t->rat_text = RGB(0x005A8C);
        t->rat_tint = mix(0x0072B2, 0.10);
        t->sev[CJMAP_LEVEL_LOW] = RGB(0xF0E442); /* Okabe–Ito warm three */
        t->sev[CJMAP_LEVEL_MEDIUM] = RGB(0xE69F00);
        t->sev[CJMAP_LEVEL_HIGH] = RGB(0xD55E00);
        t->sev_tint[CJMAP_LEVEL_LOW] = mix(0xF0E442, 0.16);
        t->sev_tint[CJMAP_LEVEL_MEDIUM] = mix(0xE69F00, 0.14);
        t->sev_tint[CJMAP_LEVEL_HIGH] = mix(0xD55E00, 0.13);
        t->opp = RGB(0x009E73); /* Okabe–Ito bluish green */
        t->opp_tint = mix(0x009E73, 0.10);
        t->curve = RGB(0x34495E);
        t->pos_tint = mix(0x009E73, 0.06);
        t->neg_tint = mix(0xD55E00, 0.06);
        t->lowest = RGB(0xD55E00);
        t->tag_line = RGB(0x9A9A9A);
    }
    t->sev[CJMAP_LEVEL_UNSET] = t->sev[CJMAP_LEVEL_MEDIUM];
    t->sev_tint[CJMAP_LEVEL_UNSET] = t->sev_tint[CJMAP_LEVEL_MEDIUM];
}

/* ------------------------------------------------------------------ */
/* State                                                               */
/* ------------------------------------------------------------------ */

typedef struct ivec {
    cj_item *v;
    size_t n, cap;
} ivec;

typedef struct atom {
    cj_rect box; /* map coordinates */
    int col;     /* phase column; -1 spans the whole body */
    int lane;    /* index into lay.lanes */
    size_t first, count;
} atom;

typedef struct lane_info {
    cjmap_lane kind;
    double top, h, label_h;
    const char *label;
} lane_info;

typedef struct bucket { /* element indices grouped by phase, in model order */
    size_t *start;      /* n_phases + 1 */
    int32_t *idx;
    int32_t *sub;
} bucket;

typedef struct plan_page {
    size_t c0, c1;   /* columns */
    double ya, yb;   /* body slice */
    bool first, legend, legend_only;
} plan_page;

typedef struct lay {
    const cjmap_model *m;
    cjmap_measurer *meas;
    cj_dlist *dl;
    theme th;
    cj_mbox mb;
    bool fail;
    cjmap_locale loc;
    size_t n_cols;
    double W;
    ivec body;
    atom *atoms;
    size_t n_atoms, cap_atoms;
    lane_info lanes[CJMAP_LANE_COUNT];
    int n_lanes;
    double body_h;
    double chev_h, stmt_h, header_h;
    double header_compact_h; /* continuation pages: chevrons only, no statements */
    const char **phase_name, **phase_stmt; /* normalized copies */
    /* emotion curve, map coordinates */
    double *px, *py, *pm; /* points and Fritsch–Carlson tangents */
    size_t n_pts;
    int emo_lane;         /* index into lanes, -1 if none */
    double plot_top;      /* y of score 5 */
    /* what the legend must explain */
    bool u_online, u_offline, u_direct, u_indirect, u_owner[4], u_chan[CJMAP_CH_COUNT];
    bool u_emo, u_rat, u_high, u_score, u_sev[4], u_opp, show_owner;
    bucket b_tp, b_exp, b_pain, b_opp;
} lay;

#define xcalloc cj_xcalloc

static size_t push(ivec *v, const cj_item *it) {
    if (v->n == v->cap) {
        v->cap = v->cap ? v->cap * 2 : 256;
        v->v = cj_xrealloc(v->v, v->cap * sizeof *v->v);
    }
    v->v[v->n] = *it;
    return v->n++;
}

static cj_origin O(cj_okind k, int32_t i, int32_t s) { return (cj_origin){(uint8_t)k, i, s}; }

/* A private copy of user text that every backend can draw the same way:
 * tabs and other control characters become spaces, '\n' stays a line
 * break, "\r\n" becomes '\n'. */
static const char *norm(lay *L, const char *s) {
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

static const char *cat3(lay *L, const char *a, const char *b, const char *c) {
    size_t na = strlen(a), nb = strlen(b), nc = strlen(c);
    char *d = cj_dl_alloc(L->dl, na + nb + nc + 1);
    memcpy(d, a, na);
    memcpy(d + na, b, nb);
    memcpy(d + na + nb, c, nc);
    return d;
}

static bool measure(lay *L, const char *s, cj_font f, double maxw) {
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

static double natural_w(lay *L, const char *s, cj_font f) {
    if (!s || !measure(L, s, f, 1e7)) return 0;
    return L->mb.w;
}

/* Emits text `s` (already normalized, owned by the list) wrapped to
 * `maxw` with its top-left at (x, y); returns its height, and its width in
 * *w when w is not NULL. */
static double text(lay *L, ivec *v, const char *s, cj_font f, cj_color c, double x, double y,
                   double maxw, cj_origin o, double *w) {
    if (w) *w = 0;
    if (!s || !measure(L, s, f, maxw)) return 0;
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
        it.lines[i] = (cj_tline){
            x, yy, ml->w, ml->h, ml->baseline, s + ml->start, (uint32_t)ml->len, (float)ml->ink};
        yy += ml->h;
    }
    it.box = (cj_rect){x, y, L->mb.w, L->mb.h};
    it.cell = it.box;
    push(v, &it);
    if (w) *w = L->mb.w;
    return L->mb.h;
}

static size_t rect(ivec *v, double x, double y, double w, double h, double r, cj_paint p,
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

static void path(lay *L, ivec *v, const cj_pseg *segs, size_t n, cj_paint p, cj_origin o) {
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
static void shape(lay *L, ivec *v, cj_shape sh, cj_paint p, cj_origin o) {
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

static void circle(lay *L, ivec *v, double cx, double cy, double r, cj_paint p, cj_origin o) {
    shape(L, v, (cj_shape){cx, cy, r, CJ_SHAPE_CIRCLE, 0}, p, o);
}

static cj_paint fill(cj_color c) { return (cj_paint){c, CJ_NONE, 0, CJ_DASH_SOLID}; }
static cj_paint stroke(cj_color c, double lw, cj_dash d) {
    return (cj_paint){CJ_NONE, c, (float)lw, (uint8_t)d};
}
static cj_paint both(cj_color f, cj_color s, double lw, cj_dash d) {
    return (cj_paint){f, s, (float)lw, (uint8_t)d};
}

static void dot(lay *L, ivec *v, double cx, double cy, double r, cj_color c, cj_origin o) {
    circle(L, v, cx, cy, r, fill(c), o);
}

/* Bulleted text: a dot aligned with the first line, the text indented. */
static double bullet(lay *L, ivec *v, const char *s, cj_font f, cj_color c, double x, double y,
                     double maxw, cj_origin o) {
    double h = text(L, v, s, f, c, x + 9, y, maxw - 9, o, NULL);
    if (h > 0) {
        const cj_item *t = &v->v[v->n - 1];
        double by = t->lines[0].y + t->lines[0].baseline - f.size * 0.32;
        dot(L, v, x + 3, by, 1.6, c, o);
    }
    return h;
}

/* ------------------------------------------------------------------ */
/* Buckets: elements per phase in model order (counting sort, linear)  */
/* ------------------------------------------------------------------ */

static void bucket_build(bucket *b, size_t n_ph, size_t n, const cjmap_index *phase_of,
                         size_t stride, const int32_t *subs) {
    b->start = xcalloc(n_ph + 1, sizeof *b->start);
    b->idx = xcalloc(n, sizeof *b->idx);
    b->sub = xcalloc(n, sizeof *b->sub);
    for (size_t i = 0; i < n; i++) {
        cjmap_index p = *(const cjmap_index *)((const char *)phase_of + i * stride);
        if (p >= 0 && (size_t)p < n_ph) b->start[p + 1]++;
    }
    for (size_t p = 0; p < n_ph; p++) b->start[p + 1] += b->start[p];
    size_t *fillp = xcalloc(n_ph + 1, sizeof *fillp);
    memcpy(fillp, b->start, (n_ph + 1) * sizeof *fillp);
    for (size_t i = 0; i < n; i++) {
        cjmap_index p = *(const cjmap_index *)((const char *)phase_of + i * stride);
        if (p < 0 || (size_t)p >= n_ph) continue;
        b->idx[fillp[p]] = (int32_t)i;
        b->sub[fillp[p]] = subs ? subs[i] : 0;
        fillp[p]++;
    }
    free(fillp);
}

static void bucket_free(bucket *b) {
    free(b->start);
    free(b->idx);
    free(b->sub);
}

/* Touchpoint uses: one entry per (touchpoint, use), grouped by phase. */
static void bucket_uses(lay *L) {
    const cjmap_model *m = L->m;
    size_t n = 0;
    for (size_t t = 0; t < m->n_touchpoints; t++) n += m->touchpoints[t].n_uses;
    cjmap_index *ph = xcalloc(n, sizeof *ph);
    int32_t *tp = xcalloc(n, sizeof *tp), *use = xcalloc(n, sizeof *use);
    size_t k = 0;
    for (size_t t = 0; t < m->n_touchpoints; t++)
        for (size_t u = 0; u < m->touchpoints[t].n_uses; u++, k++) {
            ph[k] = m->touchpoints[t].uses[u].phase;
            tp[k] = (int32_t)t;
            use[k] = (int32_t)u;
        }
    bucket_build(&L->b_tp, m->n_phases, n, ph, sizeof *ph, use);
    /* idx holds the flat use number; map it back to the touchpoint. */
    for (size_t i = 0; i < L->b_tp.start[m->n_phases]; i++) L->b_tp.idx[i] = tp[L->b_tp.idx[i]];
    free(ph);
    free(tp);
    free(use);
}

/* ------------------------------------------------------------------ */
/* Atoms                                                               */
/* ------------------------------------------------------------------ */

static void atom_add(lay *L, size_t first, int col, int lane) {
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
    L->atoms[L->n_atoms++] = (atom){{x0, y0, x1 - x0, y1 - y0}, col, lane, first, L->body.n - first};
}

static double col_x(const lay *L, size_t c) { return CJ_LABEL_W + (double)c * L->W; }

/* ------------------------------------------------------------------ */
/* Cards                                                               */
/* ------------------------------------------------------------------ */

static void tp_badge(lay *L, ivec *v, const cjmap_touchpoint *tp, double x, double y, double d,
                     cj_origin o) {
    const theme *t = &L->th;
    bool indirect = tp->contact == CJMAP_CONTACT_INDIRECT;
    circle(L, v, x + d / 2, y + d / 2, d / 2 - 0.5,
           indirect ? both(t->card, t->accent, 0.9, CJ_DASH_DOTTED) : fill(t->accent), o);
    double is = d * 0.62;
    shape(L, v,
          (cj_shape){x + (d - is) / 2, y + (d - is) / 2, is, CJ_SHAPE_ICON, (uint8_t)tp->channel},
          stroke(indirect ? t->accent : t->on_accent, 0.8, CJ_DASH_SOLID), o);
}

static double tp_card(lay *L, ivec *v, int32_t ti, int32_t ui, double x, double y, double w) {
    const theme *t = &L->th;
    const cjmap_touchpoint *tp = &L->m->touchpoints[ti];
    cj_origin o = O(CJ_O_TOUCHPOINT, ti, ui);
    bool offline = tp->mode == CJMAP_MODE_OFFLINE;
    size_t r = rect(v, x, y, w, 0, 3,
                    both(t->card, t->card_line, offline ? 0.9 : 0.8,
                         offline ? CJ_DASH_DASHED : CJ_DASH_SOLID),
                    CJ_ROLE_BOX, o);
    tp_badge(L, v, tp, x + CPAD, y + CPAD, BADGE_D, o);
    double tag_w = 0, tag_h = 0;
    if (L->show_owner) {
        const char *word = cj_word_text(L->loc, (cj_word)(CJ_W_OWNED + (tp->owner & 3)));
        double tw = natural_w(L, word, F_TAG), th = L->mb.h;
        tag_w = tw + 8;
        tag_h = th + 3;
        double tx = x + w - CPAD - tag_w;
        rect(v, tx, y + CPAD, tag_w, tag_h, tag_h / 2,
             both(t->card, t->tag_line, 0.6, CJ_DASH_SOLID), CJ_ROLE_INK, o);
        text(L, v, word, F_TAG, t->soft, tx + 4, y + CPAD + 1.5, tw + 1, o, NULL);
    }
    double nx = x + CPAD + BADGE_D + 6;
    double nmax = x + w - CPAD - nx - (tag_w > 0 ? tag_w + 4 : 0);
    const char *name = norm(L, tp->name);
    if (!measure(L, name, F_CARD_B, nmax)) return 0;
    double nh = L->mb.h;
    double ny = nh < BADGE_D ? y + CPAD + (BADGE_D - nh) / 2 : y + CPAD;
    text(L, v, name, F_CARD_B, t->text, nx, ny, nmax, o, NULL);
    double head = fmax(fmax(BADGE_D, nh), tag_h);
    double h = CPAD + head;
    const char *purpose = norm(L, tp->uses[ui].purpose);
    if (purpose && *purpose) h += 3 + text(L, v, purpose, F_CARD, t->soft, x + CPAD, y + h + 3,
                                           w - 2 * CPAD, o, NULL);
    h += CPAD;
    v->v[r].box.h = h;
    L->u_online |= !offline;
    L->u_offline |= offline;
    L->u_direct |= tp->contact != CJMAP_CONTACT_INDIRECT;
    L->u_indirect |= tp->contact == CJMAP_CONTACT_INDIRECT;
    L->u_chan[tp->channel < CJMAP_CH_COUNT ? tp->channel : CJMAP_CH_OTHER] = true;
    return h;
}

static void star(lay *L, ivec *v, double cx, double cy, double r, cj_color c, cj_origin o) {
    cj_pseg s[12];
    size_t n = cj_star_path(cx, cy, r, s);
    path(L, v, s, n, fill(c), o);
}

static double exp_card(lay *L, ivec *v, int32_t ei, double x, double y, double w) {
    const theme *t = &L->th;
    const cjmap_experience *e = &L->m->experiences[ei];
    cj_origin o = O(CJ_O_EXPERIENCE, ei, 0);
    bool emo = e->type == CJMAP_EXP_EMOTIONAL, high = e->importance == CJMAP_LEVEL_HIGH;
    /* Shape repeats the colour: emotional cards are rounded, rational square. */
    size_t r = rect(v, x, y, w, 0, emo ? 7 : 0,
                    both(emo ? t->emo_tint : t->rat_tint, high ? t->text : (emo ? t->emo : t->rat),
                         high ? 1.8 : 0.8, CJ_DASH_SOLID),
                    CJ_ROLE_BOX, o);
    double rx = x + w - CPAD; /* right edge of the meta row, moving left */
    double mh = F_META.size * 1.3;
    if (e->score >= 1 && e->score <= 5) {
        char buf[8];
        snprintf(buf, sizeof buf, "%d/5", e->score);
        const char *sc = cj_dl_strndup(L->dl, buf, strlen(buf));
        double sw = natural_w(L, sc, F_META);
        mh = fmax(mh, text(L, v, sc, F_META, t->text, rx - sw, y + CPAD, sw + 1, o, NULL));
        rx -= sw + 4;
        L->u_score = true;
    }
    if (high) {
        star(L, v, rx - 4.5, y + CPAD + 4.6, 4.6, t->text, o);
        rx -= 12;
        L->u_high = true;
    }
    const char *word = cj_word_text(L->loc, emo ? CJ_W_EMOTIONAL : CJ_W_RATIONAL);
    double ww = rx - (x + CPAD);
    mh = fmax(mh, text(L, v, word, F_META, emo ? t->emo_text : t->rat_text, x + CPAD, y + CPAD,
                       ww, o, NULL));
    double h = CPAD + mh + 2;
    h += text(L, v, norm(L, e->text), F_CARD, t->text, x + CPAD, y + h, w - 2 * CPAD, o, NULL);
    h += CPAD;
    v->v[r].box.h = h;
    L->u_emo |= emo;
    L->u_rat |= !emo;
    return h;
}

/* The severity marker: a warning triangle whose fill grows with severity
 * (outline, half, solid) so the mono theme loses nothing. */
static void sev_marker(lay *L, ivec *v, cjmap_level sev, double x, double y, double s,
                       cj_origin o) {
    const theme *t = &L->th;
    cj_pseg tri[4] = {{CJ_P_MOVE, {x + s / 2}, {y}},
                      {CJ_P_LINE, {x + s}, {y + s * 0.9}},
                      {CJ_P_LINE, {x}, {y + s * 0.9}},
                      {CJ_P_CLOSE, {0}, {0}}};
    cj_color f = t->mono ? (sev == CJMAP_LEVEL_HIGH ? t->text : t->card) : t->sev[sev];
    path(L, v, tri, 4, both(f, t->text, 0.7, CJ_DASH_SOLID), o);
    if (t->mono && sev == CJMAP_LEVEL_MEDIUM) {
        cj_pseg lo[4] = {{CJ_P_MOVE, {x + s / 4}, {y + s * 0.45}},
                         {CJ_P_LINE, {x + s * 3 / 4}, {y + s * 0.45}},
                         {CJ_P_LINE, {x + s}, {y + s * 0.9}},
                         {CJ_P_LINE, {x}, {y + s * 0.9}}};
        path(L, v, lo, 4, fill(t->text), o);
    }
}

static double stripe_card(lay *L, ivec *v, cj_origin o, cj_color tint, cj_color bar,
                          const char *meta, cjmap_level sev, const char *body, double x, double y,
                          double w) {
    const theme *t = &L->th;
    size_t r = rect(v, x, y, w, 0, 2, both(tint, t->card_line, 0.5, CJ_DASH_SOLID), CJ_ROLE_BOX, o);
    size_t bar_i = rect(v, x, y, 4, 0, 0, fill(bar), CJ_ROLE_INK, o);
    double tx = x + 4 + CPAD, tw = w - 4 - 2 * CPAD;
    double h = CPAD;
    if (meta) {
        sev_marker(L, v, sev, tx, y + CPAD + 0.5, 8.5, o);
        h += fmax(8.5, text(L, v, meta, F_META, t->text, tx + 12, y + CPAD, tw - 12, o, NULL)) + 2;
    }
    h += text(L, v, body, F_CARD, t->text, tx, y + h, tw, o, NULL);
    h += CPAD;
    v->v[r].box.h = h;
    v->v[bar_i].box.h = h;
    return h;
}

/* ------------------------------------------------------------------ */
/* Lanes                                                               */
/* ------------------------------------------------------------------ */

static bool lane_used(const lay *L, cjmap_lane k) {
    const cjmap_model *m = L->m;
    switch (k) {
    case CJMAP_LANE_ACTIONS:
        for (size_t p = 0; p < m->n_phases; p++)
            if (m->phases[p].n_actions) return true;
        return false;
    case CJMAP_LANE_TOUCHPOINTS: return L->b_tp.start[m->n_phases] > 0;
    case CJMAP_LANE_EXPERIENCES: return L->b_exp.start[m->n_phases] > 0;
    case CJMAP_LANE_EMOTIONS:
        for (size_t p = 0; p < m->n_phases; p++)
            for (size_t i = L->b_exp.start[p]; i < L->b_exp.start[p + 1]; i++) {
                int s = m->experiences[L->b_exp.idx[i]].score;
                if (s >= 1 && s <= 5) return true;
            }
        return false;
    case CJMAP_LANE_PAINS: return L->b_pain.start[m->n_phases] > 0;
    case CJMAP_LANE_OPPORTUNITIES: return L->b_opp.start[m->n_phases] > 0;
    case CJMAP_LANE_METRICS:
        for (size_t p = 0; p < m->n_phases; p++)
            if (m->phases[p].n_metrics) return true;
        return false;
    default: return false;
    }
}

/* The emotion lane keeps room for its 1/3/5 scale at the label column's edge. */
static double label_w(cjmap_lane k) {
    return CJ_LABEL_W - 2 * PAD - (k == CJMAP_LANE_EMOTIONS ? 14 : 0);
}

static double score_y(const lay *L, double s) { return L->plot_top + (5 - s) / 4 * EMO_PLOT; }

/* Fritsch–Carlson tangents for points sorted by x. */
static void monotone_tangents(const double *x, const double *y, double *m, size_t n) {
    if (n < 2) {
        if (n) m[0] = 0;
        return;
    }
    double *d = xcalloc(n - 1, sizeof *d);
    for (size_t i = 0; i + 1 < n; i++) {
        double h = x[i + 1] - x[i];
        d[i] = h > 1e-9 ? (y[i + 1] - y[i]) / h : 0;
    }
    m[0] = d[0];
    m[n - 1] = d[n - 2];
    for (size_t i = 1; i + 1 < n; i++) m[i] = d[i - 1] * d[i] <= 0 ? 0 : (d[i - 1] + d[i]) / 2;
    for (size_t i = 0; i + 1 < n; i++) {
        if (d[i] == 0) {
            m[i] = m[i + 1] = 0;
            continue;
        }
        double a = m[i] / d[i], b = m[i + 1] / d[i];
        if (a < 0) m[i] = a = 0;
        if (b < 0) m[i + 1] = b = 0;
        double s = a * a + b * b;
        if (s > 9) {
            double tau = 3 / sqrt(s);
            m[i] = tau * a * d[i];
            m[i + 1] = tau * b * d[i];
        }
    }
    free(d);
}

static void build_emotions(lay *L, int li, double top) {
    const cjmap_model *m = L->m;
    const theme *t = &L->th;
    L->emo_lane = li;
    L->plot_top = top + EMO_INSET;
    size_t n = 0;
    for (size_t i = 0; i < m->n_experiences; i++)
        if (m->experiences[i].score >= 1 && m->experiences[i].score <= 5) n++;
    L->px = xcalloc(n, sizeof *L->px);
    L->py = xcalloc(n, sizeof *L->py);
    L->pm = xcalloc(n, sizeof *L->pm);
    int32_t *pe = xcalloc(n, sizeof *pe);
    size_t *pc = xcalloc(n, sizeof *pc);
    int lo = 6;
    for (size_t p = 0; p < m->n_phases; p++) {
        size_t k = 0, j = 0;
        for (size_t i = L->b_exp.start[p]; i < L->b_exp.start[p + 1]; i++) {
            int s = m->experiences[L->b_exp.idx[i]].score;
            k += s >= 1 && s <= 5;
        }
        for (size_t i = L->b_exp.start[p]; i < L->b_exp.start[p + 1]; i++) {
            int32_t e = L->b_exp.idx[i];
            int s = m->experiences[e].score;
            if (s < 1 || s > 5) continue;
            double inner = L->W - 2 * PAD;
            L->px[L->n_pts] = col_x(L, p) + PAD + inner * ((double)j + 0.5) / (double)k;
            L->py[L->n_pts] = score_y(L, s);
            pe[L->n_pts] = e;
            pc[L->n_pts] = p;
            L->n_pts++;
            j++;
            if (s < lo) lo = s;
        }
    }
    monotone_tangents(L->px, L->py, L->pm, L->n_pts);
    /* Points, and a ring plus a label at every lowest point: one atom per
     * point, in its phase column. */
    const char *lw = cj_word_text(L->loc, CJ_W_LOWEST);
    double lww = natural_w(L, lw, F_META);
    for (size_t i = 0; i < L->n_pts; i++) {
        size_t first = L->body.n;
        const cjmap_experience *e = &m->experiences[pe[i]];
        bool emo = e->type == CJMAP_EXP_EMOTIONAL;
        cj_origin o = O(CJ_O_CURVE, pe[i], 0);
        circle(L, &L->body, L->px[i], L->py[i], 3.2,
               both(t->card, emo ? t->emo : t->rat, 1.6, CJ_DASH_SOLID), o);
        if (e->score == lo)
            circle(L, &L->body, L->px[i], L->py[i], 6.5, stroke(t->lowest, 1.4, CJ_DASH_SOLID), o);
        atom_add(L, first, (int)pc[i], li);
    }
    /* One label per phase that holds lowest points, centred over them:
     * two labels side by side would collide with each other's rings. */
    for (size_t i = 0; i < L->n_pts;) {
        size_t j = i, nlow = 0;
        double sx = 0;
        for (; j < L->n_pts && pc[j] == pc[i]; j++)
            if (m->experiences[pe[j]].score == lo) sx += L->px[j], nlow++;
        if (nlow) {
            size_t first = L->body.n;
            double cx0 = col_x(L, pc[i]) + PAD, cx1 = col_x(L, pc[i]) + L->W - PAD;
            double lx = fmin(fmax(sx / (double)nlow - lww / 2, cx0), cx1 - lww);
            double ly0 = score_y(L, lo);
            double ly = lo < 5 ? ly0 - 19 : ly0 + 9;
            /* A halo in the plot's tint keeps the label readable where the
             * curve climbs through it (the curve is drawn beneath atoms). */
            cj_color under = ly + 5 < score_y(L, 3) ? t->pos_tint : t->neg_tint;
            rect(&L->body, lx - 2, ly - 1, lww + 4, 12, 2, fill(under), CJ_ROLE_DECOR,
                 O(CJ_O_CURVE, pe[i], 1));
            text(L, &L->body, lw, F_META, t->text, lx, ly, cx1 - lx, O(CJ_O_CURVE, pe[i], 1), NULL);
            atom_add(L, first, (int)pc[i], li);
        }
        i = j;
    }
    free(pe);
    free(pc);
}

static void build_lanes(lay *L) {
    const cjmap_model *m = L->m;
    const theme *t = &L->th;
    double y = 0;
    double inner = L->W - 2 * PAD;
    for (int k = 0; k < CJMAP_LANE_COUNT; k++) {
        if (!lane_used(L, (cjmap_lane)k)) continue;
        int li = L->n_lanes++;
        lane_info *ln = &L->lanes[li];
        ln->kind = (cjmap_lane)k;
        ln->top = y;
        ln->label = norm(L, cj_lane_label(m, (cjmap_lane)k));
        measure(L, ln->label, F_LANE, label_w(ln->kind));
        ln->label_h = L->mb.h;
        double h = ln->label_h + 2 * PAD;
        if (k == CJMAP_LANE_EMOTIONS) {
            build_emotions(L, li, y);
            h = fmax(h, EMO_PLOT + 2 * EMO_INSET);
            ln->h = h;
            y += h;
            continue;
        }
        for (size_t p = 0; p < m->n_phases; p++) {
            double x = col_x(L, p) + PAD, cy = y + PAD;
            const cjmap_phase *ph = &m->phases[p];
            size_t first;
#define ATOM_BEGIN() (first = L->body.n)
#define ATOM_END(hh) \
    do { \
        atom_add(L, first, (int)p, li); \
        cy += (hh) + GAP; \
    } while (0)
            switch ((cjmap_lane)k) {
            case CJMAP_LANE_ACTIONS:
                for (size_t a = 0; a < ph->n_actions; a++) {
                    ATOM_BEGIN();
                    double hh = bullet(L, &L->body, norm(L, ph->actions[a]), F_CARD, t->text, x,
                                       cy, inner, O(CJ_O_ACTION, (int32_t)p, (int32_t)a));
                    ATOM_END(hh - 2);
                }
                break;
            case CJMAP_LANE_TOUCHPOINTS:
                for (size_t i = L->b_tp.start[p]; i < L->b_tp.start[p + 1]; i++) {
                    ATOM_BEGIN();
                    double hh = tp_card(L, &L->body, L->b_tp.idx[i], L->b_tp.sub[i], x, cy, inner);
                    ATOM_END(hh);
                }
                break;
            case CJMAP_LANE_EXPERIENCES:
                for (size_t i = L->b_exp.start[p]; i < L->b_exp.start[p + 1]; i++) {
                    ATOM_BEGIN();
                    double hh = exp_card(L, &L->body, L->b_exp.idx[i], x, cy, inner);
                    ATOM_END(hh);
                }
                break;
            case CJMAP_LANE_PAINS:
                for (size_t i = L->b_pain.start[p]; i < L->b_pain.start[p + 1]; i++) {
                    int32_t pi = L->b_pain.idx[i];
                    const cjmap_pain *pn = &m->pains[pi];
                    cjmap_level sev = pn->severity == CJMAP_LEVEL_UNSET ? CJMAP_LEVEL_MEDIUM
                                                                        : pn->severity;
                    L->u_sev[sev] = true;
                    ATOM_BEGIN();
                    double hh = stripe_card(
                        L, &L->body, O(CJ_O_PAIN, pi, 0), t->sev_tint[sev],
                        t->mono ? t->sev[CJMAP_LEVEL_HIGH] : t->sev[sev],
                        cj_word_text(L->loc, (cj_word)(CJ_W_SEV_LOW + sev - CJMAP_LEVEL_LOW)), sev,
                        norm(L, pn->text), x, cy, inner);
                    ATOM_END(hh);
                }
                break;
            case CJMAP_LANE_OPPORTUNITIES:
                for (size_t i = L->b_opp.start[p]; i < L->b_opp.start[p + 1]; i++) {
                    int32_t oi = L->b_opp.idx[i];
                    L->u_opp = true;
                    ATOM_BEGIN();
                    double hh = stripe_card(L, &L->body, O(CJ_O_OPPORTUNITY, oi, 0), t->opp_tint,
                                            t->opp, NULL, CJMAP_LEVEL_UNSET,
                                            norm(L, m->opportunities[oi].text), x, cy, inner);
                    ATOM_END(hh);
                }
                break;
            case CJMAP_LANE_METRICS:
                for (size_t i = 0; i < ph->n_metrics; i++) {
                    const char *s = cat3(L, norm(L, ph->metrics[i].name), ": ",
                                         norm(L, ph->metrics[i].value));
                    ATOM_BEGIN();
                    double hh = bullet(L, &L->body, s, F_METRIC, t->text, x, cy, inner,
                                       O(CJ_O_METRIC, (int32_t)p, (int32_t)i));
                    ATOM_END(hh - 2);
                }
                break;
            default: break;
            }
#undef ATOM_BEGIN
#undef ATOM_END
            double used = cy - GAP - y + PAD;
            if (used > h) h = used;
        }
        ln->h = ceil(h / 4) * 4; /* keep lane edges on the 4 pt grid */
        y += ln->h;
    }
    L->body_h = y;
}

/* ------------------------------------------------------------------ */
/* Column width and header geometry                                    */
/* ------------------------------------------------------------------ */

static double phase_need(lay *L, size_t p) {
    const cjmap_model *m = L->m;
    const cjmap_phase *ph = &m->phases[p];
    /* A column wants its name on one line inside the chevron and its
     * longer texts in about three lines. */
    double need = natural_w(L, L->phase_name[p], F_PHASE) + 2 * ARROW + 14;
    double longest = natural_w(L, L->phase_stmt[p], F_STMT);
    for (size_t a = 0; a < ph->n_actions; a++)
        longest = fmax(longest, natural_w(L, norm(L, ph->actions[a]), F_CARD) + 9);
    for (size_t i = L->b_tp.start[p]; i < L->b_tp.start[p + 1]; i++) {
        const cjmap_touchpoint *tp = &m->touchpoints[L->b_tp.idx[i]];
        need = fmax(need, fmin(natural_w(L, norm(L, tp->name), F_CARD_B), 140) + BADGE_D + 6 +
                              2 * CPAD + 2 * PAD + (L->show_owner ? 48 : 0));
        longest = fmax(longest, natural_w(L, norm(L, tp->uses[L->b_tp.sub[i]].purpose), F_CARD));
    }
    for (size_t i = L->b_exp.start[p]; i < L->b_exp.start[p + 1]; i++)
        longest = fmax(longest, natural_w(L, norm(L, m->experiences[L->b_exp.idx[i]].text), F_CARD));
    for (size_t i = L->b_pain.start[p]; i < L->b_pain.start[p + 1]; i++)
        longest = fmax(longest, natural_w(L, norm(L, m->pains[L->b_pain.idx[i]].text), F_CARD));
    need = fmax(need, longest / 3 + 2 * PAD + 2 * CPAD + 4);
    return fmin(fmax(need, CJ_COL_MIN), CJ_COL_MAX);
}

static void header_geometry(lay *L) {
    const cjmap_model *m = L->m;
    double nw = L->W - 2 * ARROW - 12, sw = L->W - 2 * PAD;
    double nh = 0, sh = 0;
    for (size_t p = 0; p < m->n_phases; p++) {
        measure(L, L->phase_name[p], F_PHASE, nw);
        nh = fmax(nh, L->mb.h);
        if (L->phase_stmt[p]) {
            measure(L, L->phase_stmt[p], F_STMT, sw);
            sh = fmax(sh, L->mb.h);
        }
    }
    L->chev_h = ceil((nh + 14) / 4) * 4;
    L->stmt_h = sh;
    L->header_h = ceil((L->chev_h + (sh > 0 ? 6 + sh : 0) + 10) / 4) * 4;
    L->header_compact_h = ceil((L->chev_h + 10) / 4) * 4;
}

/* The header on a page that starts at body y `ya`: in full on a column
 * group's first page, compact (phase names only) where the map continues,
 * so that long statements cannot crowd the body off every page. */
static bool compact_header(double ya) { return ya > 1e-6; }
static double header_height(const lay *L, double ya) {
    return compact_header(ya) ? L->header_compact_h : L->header_h;
}

/* Header row for columns [c0, c1), label column at x = 0. */
static void build_header(lay *L, ivec *v, size_t c0, size_t c1, bool compact) {
    const theme *t = &L->th;
    double h = L->chev_h, H = compact ? L->header_compact_h : L->header_h;
    const char *lbl = cj_word_text(L->loc, CJ_W_PHASES);
    measure(L, lbl, F_LANE, CJ_LABEL_W - 2 * PAD);
    text(L, v, lbl, F_LANE, t->soft, PAD, (h - L->mb.h) / 2, CJ_LABEL_W - 2 * PAD,
         O(CJ_O_LANE_LABEL, -1, 0), NULL);
    v->v[v->n - 1].cell = (cj_rect){0, 0, CJ_LABEL_W, H};
    for (size_t c = c0; c < c1; c++) {
        double x = CJ_LABEL_W + (double)(c - c0) * L->W;
        cj_origin o = O(CJ_O_PHASE, (int32_t)c, 0);
        double l = c == c0 ? x + 2 : x - ARROW + 3, r = x + L->W - 1;
        size_t first = v->n;
        cj_pseg s[7];
        size_t n = 0;
        s[n++] = (cj_pseg){CJ_P_MOVE, {l}, {0}};
        s[n++] = (cj_pseg){CJ_P_LINE, {r - ARROW}, {0}};
        s[n++] = (cj_pseg){CJ_P_LINE, {r}, {h / 2}};
        s[n++] = (cj_pseg){CJ_P_LINE, {r - ARROW}, {h}};
        s[n++] = (cj_pseg){CJ_P_LINE, {l}, {h}};
        if (c > 0) s[n++] = (cj_pseg){CJ_P_LINE, {l + ARROW}, {h / 2}};
        s[n++] = (cj_pseg){CJ_P_CLOSE, {0}, {0}};
        path(L, v, s, n, fill(t->accent), o);
        v->v[v->n - 1].role = CJ_ROLE_DECOR;
        double nw = L->W - 2 * ARROW - 12;
        measure(L, L->phase_name[c], F_PHASE, nw);
        text(L, v, L->phase_name[c], F_PHASE, t->on_accent, x + ARROW + 4, (h - L->mb.h) / 2, nw,
             o, NULL);
        if (L->phase_stmt[c] && !compact)
            text(L, v, L->phase_stmt[c], F_STMT, t->soft, x + PAD, h + 6, L->W - 2 * PAD,
                 O(CJ_O_STATEMENT, (int32_t)c, 0), NULL);
        for (size_t i = first; i < v->n; i++)
            v->v[i].cell = (cj_rect){x - ARROW, 0, L->W + ARROW, H};
    }
}

/* ------------------------------------------------------------------ */
/* Title block, running head, legend                                   */
/* ------------------------------------------------------------------ */

static double build_title(lay *L, ivec *v, double TW) {
    const cjmap_model *m = L->m;
    const theme *t = &L->th;
    size_t first = v->n;
    double bw = 0;
    if (m->state == CJMAP_STATE_CURRENT || m->state == CJMAP_STATE_FUTURE) {
        bool fut = m->state == CJMAP_STATE_FUTURE;
        const char *w = cj_word_text(L->loc, fut ? CJ_W_FUTURE : CJ_W_CURRENT);
        double tw = natural_w(L, w, F_BADGE);
        if (tw + 16 > TW / 2) tw = TW / 2 - 16;
        measure(L, w, F_BADGE, tw + 1);
        double th = L->mb.h;
        bw = tw + 16;
        rect(v, TW - bw, 5, bw, th + 8, (th + 8) / 2,
             fut ? both(t->card, t->accent, 1.2, CJ_DASH_DASHED) : fill(t->accent), CJ_ROLE_INK,
             O(CJ_O_BADGE, 0, 0));
        text(L, v, w, F_BADGE, fut ? t->accent : t->on_accent, TW - bw + 8, 9, tw + 1,
             O(CJ_O_BADGE, 0, 0), NULL);
    }
    double y = text(L, v, norm(L, m->title), F_TITLE, t->text, 0, 0, TW - (bw ? bw + 16 : 0),
                    O(CJ_O_TITLE, 0, 0), NULL);
    y = fmax(y, bw ? 30 : 0) + 4;
    if (m->segment_name) {
        const char *s = cat3(L, cj_word_text(L->loc, CJ_W_SEGMENT), ": ", norm(L, m->segment_name));
        y += text(L, v, s, F_SEG, t->soft, 0, y, TW, O(CJ_O_SEGMENT, 0, 0), NULL) + 6;
    }
    bool two = TW >= 640 && m->n_segment_goals > 0 && m->segment_description;
    double dw = two ? fmin(TW / 2 - 12, 460) : fmin(TW, 560);
    double dh = 0, gh = 0;
    if (m->segment_description)
        dh = text(L, v, norm(L, m->segment_description), F_BODY, t->text, 0, y, dw,
                  O(CJ_O_SEGMENT, 0, 1), NULL);
    if (m->n_segment_goals) {
        double gx = two ? dw + 24 : 0, gy = two ? y : y + (dh > 0 ? dh + 6 : 0);
        double gw = two ? fmin(TW - gx, 460) : dw;
        double g0 = gy;
        gy += text(L, v, cj_word_text(L->loc, CJ_W_GOALS), F_LANE, t->text, gx, gy, gw,
                   O(CJ_O_SEGMENT, 0, 2), NULL) + 2;
        for (size_t i = 0; i < m->n_segment_goals; i++)
            gy += bullet(L, v, norm(L, m->segment_goals[i]), F_BODY, t->text, gx, gy, gw,
                         O(CJ_O_SEGMENT, 1, (int32_t)i)) + 1;
        gh = gy - g0;
        if (!two) {
            dh = gy - y;
            gh = 0;
        }
    }
    y += fmax(dh, gh);
    y = ceil(y / 4) * 4;
    for (size_t i = first; i < v->n; i++) v->v[i].cell = (cj_rect){0, 0, TW, y};
    return y;
}

static double build_runhead(lay *L, ivec *v, double TW, size_t page, size_t pages) {
    const theme *t = &L->th;
    char buf[64];
    snprintf(buf, sizeof buf, "%s %zu/%zu", cj_word_text(L->loc, CJ_W_PAGE), page, pages);
    const char *pl = cj_dl_strndup(L->dl, buf, strlen(buf));
    snprintf(buf, sizeof buf, "%s 8888/8888", cj_word_text(L->loc, CJ_W_PAGE));
    double wmax = natural_w(L, buf, F_HEAD), pw = natural_w(L, pl, F_HEAD);
    size_t first = v->n;
    double h = text(L, v, pl, F_HEAD, t->soft, TW - pw, 0, pw + 1, O(CJ_O_RUNHEAD, 0, 1), NULL);
    h = fmax(h, text(L, v, norm(L, L->m->title), F_HEAD, t->soft, 0, 0, TW - wmax - 16,
                     O(CJ_O_RUNHEAD, 0, 0), NULL));
    for (size_t i = first; i < v->n; i++) v->v[i].cell = (cj_rect){0, 0, TW, h};
    return h;
}

typedef enum sample_kind {
    S_ONLINE, S_OFFLINE, S_DIRECT, S_INDIRECT, S_OWNER, S_CHANNEL, S_EMO, S_RAT, S_HIGH,
    S_SCORE, S_NEUTRAL, S_LOWEST, S_SEV, S_OPP
} sample_kind;

typedef struct flow {
    double x, y, row_h, TW;
} flow;

#define SAMPLE_W 22.0
#define SAMPLE_H 12.0

static void legend_entry(lay *L, ivec *v, flow *f, sample_kind k, int arg, const char *label) {
    const theme *t = &L->th;
    cj_origin o = O(CJ_O_LEGEND, (int32_t)k, arg);
    double lw = fmin(natural_w(L, label, F_LEGEND), f->TW - SAMPLE_W - 6);
    double ew = SAMPLE_W + 6 + lw;
    if (f->x > 0 && f->x + ew > f->TW) {
        f->x = 0;
        f->y += f->row_h + 6;
        f->row_h = 0;
    }
    double x = f->x, y = f->y;
    switch (k) {
    case S_ONLINE:
    case S_OFFLINE:
        rect(v, x + 1, y + 1, SAMPLE_W - 2, SAMPLE_H - 2, 2,
             both(t->card, t->card_line, 0.9, k == S_OFFLINE ? CJ_DASH_DASHED : CJ_DASH_SOLID),
             CJ_ROLE_INK, o);
        break;
    case S_DIRECT:
    case S_INDIRECT: {
        cj_pseg s[6];
        size_t n = cj_circle_path(x + SAMPLE_W / 2, y + SAMPLE_H / 2, 5.5, s);
        path(L, v, s, n,
             k == S_INDIRECT ? both(t->card, t->accent, 0.9, CJ_DASH_DOTTED) : fill(t->accent), o);
        break;
    }
    case S_OWNER:
        rect(v, x + 1, y + 1.5, SAMPLE_W - 2, SAMPLE_H - 3, (SAMPLE_H - 3) / 2,
             both(t->card, t->tag_line, 0.6, CJ_DASH_SOLID), CJ_ROLE_INK, o);
        break;
    case S_CHANNEL: {
        cjmap_touchpoint fake = {0};
        fake.channel = (cjmap_channel)arg;
        fake.contact = CJMAP_CONTACT_DIRECT;
        tp_badge(L, v, &fake, x + (SAMPLE_W - 14) / 2, y - 1, 14, o);
        break;
    }
    case S_EMO:
    case S_RAT:
        rect(v, x + 1, y + 1, SAMPLE_W - 2, SAMPLE_H - 2, k == S_EMO ? 4 : 0,
             both(k == S_EMO ? t->emo_tint : t->rat_tint, k == S_EMO ? t->emo : t->rat, 0.9,
                  CJ_DASH_SOLID),
             CJ_ROLE_INK, o);
        break;
    case S_HIGH:
        star(L, v, x + SAMPLE_W / 2, y + SAMPLE_H / 2 + 0.5, 5, t->text, o);
        break;
    case S_SCORE:
        text(L, v, "4/5", F_META, t->text, x + 3, y + 1, SAMPLE_W, o, NULL);
        break;
    case S_NEUTRAL: {
        cj_pseg s[2] = {{CJ_P_MOVE, {x + 1}, {y + SAMPLE_H / 2}},
                        {CJ_P_LINE, {x + SAMPLE_W - 1}, {y + SAMPLE_H / 2}}};
        path(L, v, s, 2, stroke(t->rule, 1, CJ_DASH_DASHED), o);
        break;
    }
    case S_LOWEST: {
        cj_pseg s[6];
        size_t n = cj_circle_path(x + SAMPLE_W / 2, y + SAMPLE_H / 2, 5.5, s);
        path(L, v, s, n, stroke(t->lowest, 1.4, CJ_DASH_SOLID), o);
        n = cj_circle_path(x + SAMPLE_W / 2, y + SAMPLE_H / 2, 2.4, s);
        path(L, v, s, n, both(t->card, t->curve, 1.2, CJ_DASH_SOLID), o);
        break;
    }
    case S_SEV:
        rect(v, x + 1, y, SAMPLE_W - 2, SAMPLE_H, 0, fill(t->sev_tint[arg]), CJ_ROLE_INK, o);
        sev_marker(L, v, (cjmap_level)arg, x + SAMPLE_W / 2 - 5, y + 1.5, 10, o);
        break;
    case S_OPP:
        rect(v, x + 1, y, SAMPLE_W - 2, SAMPLE_H, 0, fill(t->opp_tint), CJ_ROLE_INK, o);
        rect(v, x + 1, y, 4, SAMPLE_H, 0, fill(t->opp), CJ_ROLE_INK, o);
        break;
    }
    double th = text(L, v, label, F_LEGEND, t->text, x + SAMPLE_W + 6, y + 1, lw + 1, o, NULL);
    f->row_h = fmax(f->row_h, fmax(SAMPLE_H, th + 1));
    f->x += ew + 16;
}

static double build_legend(lay *L, ivec *v, double TW) {
    const theme *t = &L->th;
    size_t first = v->n;
    double hh = text(L, v, cj_word_text(L->loc, CJ_W_LEGEND), F_LANE, t->text, 0, 0, TW,
                     O(CJ_O_LEGEND, -1, 0), NULL);
    flow f = {0, hh + 6, 0, TW};
    cjmap_locale lc = L->loc;
    size_t before = v->n;
    if (L->u_online && L->u_offline) {
        legend_entry(L, v, &f, S_ONLINE, 0, cj_word_text(lc, CJ_W_ONLINE));
        legend_entry(L, v, &f, S_OFFLINE, 0, cj_word_text(lc, CJ_W_OFFLINE));
    } else if (L->u_offline) {
        legend_entry(L, v, &f, S_OFFLINE, 0, cj_word_text(lc, CJ_W_OFFLINE));
    } else if (L->u_online) {
        legend_entry(L, v, &f, S_ONLINE, 0, cj_word_text(lc, CJ_W_ONLINE));
    }
    if (L->u_direct) legend_entry(L, v, &f, S_DIRECT, 0, cj_word_text(lc, CJ_W_DIRECT));
    if (L->u_indirect) legend_entry(L, v, &f, S_INDIRECT, 0, cj_word_text(lc, CJ_W_INDIRECT));
    if (L->show_owner) {
        char buf[256] = "";
        for (int o = 0; o < 4; o++) {
            if (!L->u_owner[o]) continue;
            if (buf[0]) strncat(buf, " · ", sizeof buf - strlen(buf) - 1);
            strncat(buf, cj_word_text(lc, (cj_word)(CJ_W_OWNED + o)), sizeof buf - strlen(buf) - 1);
        }
        legend_entry(L, v, &f, S_OWNER, 0, cj_dl_strndup(L->dl, buf, strlen(buf)));
    }
    for (int c = 0; c < CJMAP_CH_COUNT; c++)
        if (L->u_chan[c]) legend_entry(L, v, &f, S_CHANNEL, c, cj_channel_label(lc, (cjmap_channel)c));
    if (L->u_emo) legend_entry(L, v, &f, S_EMO, 0, cj_word_text(lc, CJ_W_EMOTIONAL));
    if (L->u_rat) legend_entry(L, v, &f, S_RAT, 0, cj_word_text(lc, CJ_W_RATIONAL));
    if (L->u_high) legend_entry(L, v, &f, S_HIGH, 0, cj_word_text(lc, CJ_W_HIGH_IMPORTANCE));
    if (L->u_score) legend_entry(L, v, &f, S_SCORE, 0, cj_word_text(lc, CJ_W_SCORE));
    if (L->emo_lane >= 0) {
        legend_entry(L, v, &f, S_NEUTRAL, 0, cj_word_text(lc, CJ_W_NEUTRAL));
        legend_entry(L, v, &f, S_LOWEST, 0, cj_word_text(lc, CJ_W_LOWEST));
    }
    for (int s = CJMAP_LEVEL_LOW; s <= CJMAP_LEVEL_HIGH; s++)
        if (L->u_sev[s])
            legend_entry(L, v, &f, S_SEV, s, cj_word_text(lc, (cj_word)(CJ_W_SEV_LOW + s - 1)));
    if (L->u_opp) /* "Opportunity", or the journey's name for that lane */
        legend_entry(L, v, &f, S_OPP, 0, norm(L, cj_legend_word(L->m, CJ_W_OPPORTUNITY)));
    if (v->n == before) { /* nothing to explain */
        v->n = first;
        return 0;
    }
    double h = ceil((f.y + f.row_h) / 4) * 4;
    for (size_t i = first; i < v->n; i++) v->v[i].cell = (cj_rect){0, 0, TW, h};
    return h;
}

/* ------------------------------------------------------------------ */
/* Pagination                                                          */
/* ------------------------------------------------------------------ */

static bool in_group(const atom *a, size_t c0, size_t c1) {
    return a->col < 0 || ((size_t)a->col >= c0 && (size_t)a->col < c1);
}

typedef struct pvec {
    plan_page *v;
    size_t n, cap;
} pvec;

static void plan_push(pvec *p, plan_page pg) {
    if (p->n == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 8;
        p->v = cj_xrealloc(p->v, p->cap * sizeof *p->v);
    }
    p->v[p->n++] = pg;
}

/* ------------------------------------------------------------------ */
/* Page emission                                                       */
/* ------------------------------------------------------------------ */

/* Copies `v` onto the page (title and legend repeat on every page). */
static void add_all(lay *L, cj_page *pg, const ivec *v, double dx, double dy) {
    for (size_t i = 0; i < v->n; i++) cj_dl_add(L->dl, pg, &v->v[i], dx, dy);
}

/* Moves `v` onto the page: items built for this page alone. */
static void move_all(lay *L, cj_page *pg, ivec *v, double dx, double dy) {
    for (size_t i = 0; i < v->n; i++)
        cj_dl_move(L->dl, pg, &v->v[i], dx, dy);
}

/* The part of the emotion curve between x0 and x1 (map coordinates). */
/* Splits the cubic Bezier Q at t (de Casteljau) and keeps the part before
 * t (`left`) or after it, in place. */
static void casteljau(double Q[4][2], double t, bool left) {
    for (int k = 0; k < 2; k++) {
        double a = Q[0][k] + (Q[1][k] - Q[0][k]) * t, b = Q[1][k] + (Q[2][k] - Q[1][k]) * t;
        double c = Q[2][k] + (Q[3][k] - Q[2][k]) * t;
        double d = a + (b - a) * t, e = b + (c - b) * t, m = d + (e - d) * t;
        if (left)
            Q[1][k] = a, Q[2][k] = d, Q[3][k] = m;
        else
            Q[0][k] = m, Q[1][k] = e, Q[2][k] = c;
    }
}

static void curve_part(lay *L, ivec *v, double x0, double x1) {
    if (L->n_pts < 2) return;
    cj_pseg *s = xcalloc(2 * L->n_pts + 2, sizeof *s);
    size_t n = 0;
    bool open = false;
    for (size_t i = 0; i + 1 < L->n_pts; i++) {
        double ax = L->px[i], bx = L->px[i + 1], h = bx - ax;
        if (bx <= x0 || ax >= x1 || h <= 0) {
            open = false;
            continue;
        }
        double P[4][2] = {{ax, L->py[i]},
                          {ax + h / 3, L->py[i] + L->pm[i] * h / 3},
                          {bx - h / 3, L->py[i + 1] - L->pm[i + 1] * h / 3},
                          {bx, L->py[i + 1]}};
        double ta = fmax(0, (x0 - ax) / h), tb = fmin(1, (x1 - ax) / h);
        /* Sub-curve [ta, tb] by two de Casteljau splits. */
        double Q[4][2];
        memcpy(Q, P, sizeof Q);
        if (tb < 1) casteljau(Q, tb, true);       /* keep [0, tb] */
        if (ta > 0) casteljau(Q, ta / tb, false); /* keep [ta, tb] of what is left */
        if (!open) s[n++] = (cj_pseg){CJ_P_MOVE, {Q[0][0]}, {Q[0][1]}};
        s[n++] = (cj_pseg){CJ_P_CURVE, {Q[1][0], Q[2][0], Q[3][0]}, {Q[1][1], Q[2][1], Q[3][1]}};
        open = tb >= 1;
    }
    path(L, v, s, n, stroke(L->th.curve, 1.6, CJ_DASH_SOLID), O(CJ_O_CURVE, -1, 0));
    free(s);
}

typedef struct page_ctx {
    double cap_w, cap_h; /* content units */
    double scale;
    bool fixed;
    double paper_w, paper_h, max_side;
    double title_w, title_h, legend_w, legend_h;
    ivec title, legend;
} page_ctx;

static void emit_page(lay *L, const page_ctx *pc, const plan_page *pp, size_t pno, size_t pages,
                      const size_t *order, size_t n_order, size_t *cursor, bool *emitted) {
    const theme *t = &L->th;
    const double M = CJ_MARGIN;
    size_t ncol = pp->c1 - pp->c0;
    double gw = CJ_LABEL_W + (double)ncol * L->W;
    ivec tmp = {0};
    double y = 0;
    /* Top block. */
    if (pp->first) {
        y = pc->title_h + 16;
    } else {
        double w = pp->legend_only ? pc->legend_w : gw;
        y = build_runhead(L, &tmp, w, pno, pages) + 12;
    }
    double content_w = pp->first ? fmax(gw, pc->title_w) : gw;
    if (pp->legend_only) content_w = pc->legend_w;
    if (pp->legend) content_w = fmax(content_w, pc->legend_w);
    double body_top = y + header_height(L, pp->ya);
    double body_h = pp->legend_only ? 0 : pp->yb - pp->ya;
    double used_h = pp->legend_only ? y + pc->legend_h
                                    : body_top + body_h + (pp->legend ? 16 + pc->legend_h : 0);
    double s = pc->scale;
    double pw = pc->fixed ? pc->paper_w : fmin(ceil(content_w + 2 * M), pc->max_side);
    double ph = pc->fixed ? pc->paper_h : fmin(ceil(used_h + 2 * M), pc->max_side);
    cj_page *pg = cj_dl_page(L->dl, pw, ph, s, t->bg);
    /* Background first: it keeps cairo's PDF/SVG surfaces fast. */
    cj_item bg = {0};
    bg.type = CJ_IT_RECT;
    bg.role = CJ_ROLE_DECOR;
    bg.origin = O(CJ_O_PAGE, (int32_t)pno, 0);
    bg.box = bg.cell = (cj_rect){0, 0, pw / s, ph / s};
    bg.paint = fill(t->bg);
    cj_dl_add(L->dl, pg, &bg, 0, 0);
    if (pp->first) add_all(L, pg, &pc->title, M, M);
    else
        move_all(L, pg, &tmp, M, M);
    tmp.n = 0;
    if (pp->legend_only) {
        add_all(L, pg, &pc->legend, M, M + y);
        free(tmp.v);
        return;
    }
    /* Header. */
    build_header(L, &tmp, pp->c0, pp->c1, compact_header(pp->ya));
    move_all(L, pg, &tmp, M, M + y);
    tmp.n = 0;
    /* Lane bands, labels and the emotion plot. */
    double dy = M + body_top - pp->ya; /* map y -> page y */
    double dxc = M - (double)pp->c0 * L->W;  /* map x of columns -> page x */
    for (int li = 0; li < L->n_lanes; li++) {
        const lane_info *ln = &L->lanes[li];
        double a = fmax(ln->top, pp->ya), b = fmin(ln->top + ln->h, pp->yb);
        if (b - a < 0.5) continue;
        cj_origin o = O(CJ_O_LANE, (int32_t)ln->kind, 0);
        rect(&tmp, 0, a, gw, b - a, 0, fill(li % 2 ? t->band_alt : t->band), CJ_ROLE_DECOR, o);
        rect(&tmp, 0, a, gw, 0.6, 0, fill(t->rule), CJ_ROLE_DECOR, o);
        size_t lf = tmp.n;
        text(L, &tmp, ln->label, F_LANE, t->text, PAD, a + PAD, label_w(ln->kind),
             O(CJ_O_LANE_LABEL, (int32_t)ln->kind, 0), NULL);
        if (ln->kind == CJMAP_LANE_EMOTIONS) {
            double top = L->plot_top, mid = score_y(L, 3), bot = score_y(L, 1);
            double x0 = CJ_LABEL_W, x1 = gw;
            rect(&tmp, x0, top, x1 - x0, mid - top, 0, fill(t->pos_tint), CJ_ROLE_DECOR, o);
            rect(&tmp, x0, mid, x1 - x0, bot - mid, 0, fill(t->neg_tint), CJ_ROLE_DECOR, o);
            cj_pseg nl[2] = {{CJ_P_MOVE, {x0}, {mid}}, {CJ_P_LINE, {x1}, {mid}}};
            path(L, &tmp, nl, 2, stroke(t->rule, 1, CJ_DASH_DASHED), o);
            tmp.v[tmp.n - 1].role = CJ_ROLE_DECOR;
            for (int sc = 1; sc <= 5; sc += 2) {
                char d[2] = {(char)('0' + sc), 0};
                const char *ds = cj_dl_strndup(L->dl, d, 1);
                double w = natural_w(L, ds, F_META);
                double yy = score_y(L, sc);
                text(L, &tmp, ds, F_META, t->soft, CJ_LABEL_W - 6 - w, yy - F_META.size * 0.62,
                     w + 1, o, NULL);
            }
        }
        for (size_t i = lf; i < tmp.n; i++)
            if (tmp.v[i].role != CJ_ROLE_DECOR) tmp.v[i].cell = (cj_rect){0, a, CJ_LABEL_W, b - a};
    }
    /* Column rules over the bands. */
    for (size_t c = 1; c < ncol; c++)
        rect(&tmp, CJ_LABEL_W + (double)c * L->W - 0.3, pp->ya, 0.6, pp->yb - pp->ya, 0,
             fill(t->grid), CJ_ROLE_DECOR, O(CJ_O_LANE, -1, (int32_t)c));
    move_all(L, pg, &tmp, M, dy);
    tmp.n = 0;
    /* The curve, split at the page's column edges. */
    if (L->emo_lane >= 0) {
        const lane_info *ln = &L->lanes[L->emo_lane];
        if (ln->top >= pp->ya - 1e-6 && ln->top + ln->h <= pp->yb + 1e-6) {
            curve_part(L, &tmp, col_x(L, pp->c0), col_x(L, pp->c1));
            /* The stroke may reach 1 pt past a page's first column edge. */
            for (size_t i = 0; i < tmp.n; i++)
                tmp.v[i].cell = (cj_rect){col_x(L, pp->c0) - 1, ln->top, (double)ncol * L->W + 2, ln->h};
            move_all(L, pg, &tmp, dxc, dy);
            tmp.n = 0;
        }
    }
    /* This page's atoms: not drawn yet, and wholly inside [ya, yb]. */
    for (size_t i = *cursor; i < n_order; i++) {
        const atom *a = &L->atoms[order[i]];
        if (a->box.y >= pp->yb - 1e-6) break;
        if (emitted[order[i]] || a->box.y + a->box.h > pp->yb + 1e-6) continue;
        emitted[order[i]] = true;
        const lane_info *ln = &L->lanes[a->lane];
        double ca = fmax(ln->top, pp->ya), cb = fmin(ln->top + ln->h, pp->yb);
        double cx = a->col >= 0 ? col_x(L, (size_t)a->col) : CJ_LABEL_W;
        double cw = a->col >= 0 ? L->W : (double)ncol * L->W;
        for (size_t k = 0; k < a->count; k++) {
            cj_item *it = cj_dl_link(L->dl, pg, &L->body.v[a->first + k], dxc, dy);
            it->cell = (cj_rect){cx + dxc, ca + dy, cw, cb - ca};
        }
    }
    while (*cursor < n_order && emitted[order[*cursor]]) ++*cursor;
    if (pp->legend) add_all(L, pg, &pc->legend, M, dy + pp->yb + 16);
    free(tmp.v);
}

/* qsort has no context argument in C17: sort keys carry the top. */
typedef struct okey { double top; size_t i; } okey;
static int cmp_okey(const void *a, const void *b) {
    const okey *x = a, *y = b;
    if (x->top != y->top) return (x->top > y->top) - (x->top < y->top);
    return (x->i > y->i) - (x->i < y->i);
}

/* The group's atoms sorted by top (then by index, for determinism). */
static size_t group_order(const lay *L, size_t c0, size_t c1, okey *keys, size_t *order) {
    size_t n = 0;
    for (size_t a = 0; a < L->n_atoms; a++)
        if (in_group(&L->atoms[a], c0, c1)) keys[n++] = (okey){L->atoms[a].box.y, a};
    qsort(keys, n, sizeof *keys, cmp_okey);
    for (size_t a = 0; a < n; a++) order[a] = keys[a].i;
    return n;
}

/* Marks the atoms that the slice [ya, yb] shows: not shown yet, wholly
 * inside.  emit_page() applies the same rule. */
static void mark(const lay *L, const size_t *order, size_t n_order, size_t from, double ya,
                 double yb, bool *emitted) {
    (void)ya;
    for (size_t i = from; i < n_order; i++) {
        const atom *a = &L->atoms[order[i]];
        if (a->box.y >= yb - 1e-6) break;
        if (!emitted[order[i]] && a->box.y + a->box.h <= yb + 1e-6) emitted[order[i]] = true;
    }
}

/* Height a lane needs on a page to show its repeated label. */
static double lane_need(const lane_info *ln) { return ln->label_h + 2 * PAD; }

/* Paper in points, oriented; false for CJMAP_PAGE_AUTO. */
static bool paper_size(const cjmap_layout_options *o, double *w, double *h) {
    static const double paper[][2] = {{0, 0},           {595.28, 841.89},  {841.89, 1190.55},
                                      {1190.55, 1683.78}, {1683.78, 2383.94}, {612, 792},
                                      {792, 1224}};
    if (o->page == CJMAP_PAGE_AUTO || (unsigned)o->page > CJMAP_PAGE_TABLOID) return false;
    double a = paper[o->page][0], b = paper[o->page][1];
    *w = o->portrait ? a : b;
    *h = o->portrait ? b : a;
    return true;
}

/* On fixed paper the columns share the paper's width instead of keeping
 * their natural width and being scaled or dealt onto more pages: a five-phase
 * journey on A3 should be one sheet wide.  Columns narrow to what fits at
 * full size, or else at the smallest scale text may take, but never below
 * CJ_COL_MIN; they never grow beyond what their content needs. */
static double fit_columns(double W, size_t n, const cjmap_layout_options *o) {
    double pw, ph;
    if (!n || !paper_size(o, &pw, &ph)) return W;
    double avail = pw - 2 * CJ_MARGIN, s_min = CJMAP_MIN_TEXT_SIZE / MIN_FONT;
    double fit = floor((avail - CJ_LABEL_W) / (double)n / 4) * 4;
    if (fit < CJ_COL_MIN) fit = floor((avail / s_min - CJ_LABEL_W) / (double)n / 4) * 4;
    return fit >= CJ_COL_MIN && fit < W ? fit : W;
}

static void paginate(lay *L, const cjmap_layout_options *o) {
    const double M = CJ_MARGIN;
    double max_side = !(o->max_side > 0)                  ? CJMAP_DEFAULT_PAGE_SIDE
                      : o->max_side < CJMAP_MAX_PAGE_SIDE ? o->max_side
                                                          : CJMAP_MAX_PAGE_SIDE;
    if (max_side < 400) max_side = 400;
    page_ctx pc = {0};
    pc.max_side = max_side;
    size_t n = L->n_cols;
    double full_w = CJ_LABEL_W + (double)n * L->W;
    double s_min = CJMAP_MIN_TEXT_SIZE / MIN_FONT;
    if (o->page != CJMAP_PAGE_AUTO && (unsigned)o->page <= CJMAP_PAGE_TABLOID) {
        pc.fixed = true;
        paper_size(o, &pc.paper_w, &pc.paper_h);
        /* One page if the whole map fits when scaled no further than s_min. */
        ivec tv = {0}, lv = {0};
        double th = build_title(L, &tv, full_w), lh = build_legend(L, &lv, full_w);
        double full_h = th + 16 + L->header_h + L->body_h + (lh > 0 ? 16 + lh : 0);
        double s = fmin(1, fmin((pc.paper_w - 2 * M) / full_w, (pc.paper_h - 2 * M) / full_h));
        pc.scale = s >= s_min ? s : s_min;
        free(tv.v);
        free(lv.v);
        pc.cap_w = (pc.paper_w - 2 * M) / pc.scale;
        pc.cap_h = (pc.paper_h - 2 * M) / pc.scale;
        if (s >= s_min) pc.cap_w = pc.cap_h = 1e12; /* everything on one page */
    } else {
        pc.scale = 1;
        pc.cap_w = max_side - 2 * M;
        pc.cap_h = max_side - 2 * M;
    }
    /* Column groups, balanced. */
    size_t k = (size_t)fmax(1, floor((pc.cap_w - CJ_LABEL_W) / L->W));
    if (k > n) k = n ? n : 1;
    size_t G = n ? (n + k - 1) / k : 1;
    /* Balanced groups: sizes differ by at most one, larger ones first
     * (7 columns, 3 to a page: 3 + 2 + 2, not 3 + 3 + 1). */
    size_t base = n / G, extra = n % G;
    k = base + (extra > 0);
    double first_w = CJ_LABEL_W + (double)k * L->W;
    size_t last_cols = base;
    double last_w = CJ_LABEL_W + (double)last_cols * L->W;
    pc.title_w = fmin(first_w, pc.cap_w);
    pc.legend_w = fmin(fmax(last_w, first_w), pc.cap_w);
    pc.title_h = build_title(L, &pc.title, pc.title_w);
    pc.legend_h = build_legend(L, &pc.legend, pc.legend_w);
    /* Plan the pages.  A page shows the body slice [ya, yb); a card that
     * would cross yb waits for the next page, column by column (cards of
     * neighbouring columns rarely line up, so one straight cut through a
     * tall lane seldom exists).  The next page starts at the first card
     * left over.  The emotion lane is never split, and a lane never starts
     * or ends a page with too little room for its repeated label. */
    pvec plan = {0};
    okey *keys = xcalloc(L->n_atoms, sizeof *keys);
    size_t *order = xcalloc(L->n_atoms, sizeof *order);
    bool *emitted = xcalloc(L->n_atoms, sizeof *emitted);
    ivec scratch = {0};
    for (size_t g = 0; g < G; g++) {
        size_t c0 = g * base + (g < extra ? g : extra);
        size_t c1 = c0 + base + (g < extra);
        double gw = CJ_LABEL_W + (double)(c1 - c0) * L->W;
        size_t n_order = group_order(L, c0, c1, keys, order), ptr = 0;
        bool last_group = g + 1 == G;
        double leg = last_group && pc.legend_h > 0 ? 16 + pc.legend_h : 0;
        double ya = 0;
        for (;;) {
            bool first = plan.n == 0;
            scratch.n = 0;
            double top = first ? pc.title_h + 16 : build_runhead(L, &scratch, gw, 1, 1) + 12;
            double avail = pc.cap_h - top - header_height(L, ya);
            double rest = L->body_h - ya;
            if (rest + leg <= avail + 1e-6) {
                plan_push(&plan, (plan_page){c0, c1, ya, L->body_h, first, leg > 0, false});
                break;
            }
            if (rest <= avail + 1e-6) {
                plan_push(&plan, (plan_page){c0, c1, ya, L->body_h, first, false, false});
                if (leg > 0) plan_push(&plan, (plan_page){c0, c1, L->body_h, L->body_h, false, false, true});
                break;
            }
            double yb = ya + avail;
            for (int li = 0; li < L->n_lanes; li++) {
                const lane_info *ln = &L->lanes[li];
                double lt = ln->top, lb = ln->top + ln->h;
                if (lb <= ya + 1e-6 || lt >= yb - 1e-6 || lt <= ya + 1e-6) continue;
                if ((ln->kind == CJMAP_LANE_EMOTIONS && lb > yb) || yb - lt < lane_need(ln)) {
                    yb = lt;
                    break;
                }
            }
            mark(L, order, n_order, ptr, ya, yb, emitted);
            while (ptr < n_order && emitted[order[ptr]]) ptr++;
            double next = ptr < n_order ? fmin(yb, L->atoms[order[ptr]].box.y) : yb;
            for (int li = 0; li < L->n_lanes; li++) { /* room for the label on the next page */
                const lane_info *ln = &L->lanes[li];
                double lt = ln->top, lb = ln->top + ln->h;
                if (next > lt + 1e-6 && next < lb - 1e-6 && lb - next < lane_need(ln))
                    next = fmax(lt, lb - lane_need(ln));
            }
            if (next <= ya + 1e-6) {
                /* A card taller than a whole page: the page grows to hold it
                 * (only for absurd texts; the page cap still bounds it). */
                yb = fmax(yb, ptr < n_order ? L->atoms[order[ptr]].box.y + L->atoms[order[ptr]].box.h
                                            : L->body_h);
                mark(L, order, n_order, ptr, ya, yb, emitted);
                while (ptr < n_order && emitted[order[ptr]]) ptr++;
                next = ptr < n_order ? fmin(yb, L->atoms[order[ptr]].box.y) : yb;
            }
            plan_push(&plan, (plan_page){c0, c1, ya, yb, first, false, false});
            ya = next;
            if (ya >= L->body_h - 1e-6) {
                if (leg > 0) plan_push(&plan, (plan_page){c0, c1, L->body_h, L->body_h, false, false, true});
                break;
            }
        }
    }
    free(scratch.v);
    /* Emit: replays the planning's rule, so each card lands where planned. */
    memset(emitted, 0, L->n_atoms * sizeof *emitted);
    size_t cur_g0 = (size_t)-1, n_order = 0, cursor = 0;
    for (size_t i = 0; i < plan.n; i++) {
        const plan_page *pp = &plan.v[i];
        if (pp->c0 != cur_g0) {
            cur_g0 = pp->c0;
            n_order = group_order(L, pp->c0, pp->c1, keys, order);
            cursor = 0;
        }
        emit_page(L, &pc, pp, i + 1, plan.n, order, n_order, &cursor, emitted);
    }
    free(keys);
    free(order);
    free(emitted);
    free(plan.v);
    free(pc.title.v);
    free(pc.legend.v);
}

/* ------------------------------------------------------------------ */
/* Public entry points                                                 */
/* ------------------------------------------------------------------ */

/* Items whose box reaches outside their page, and by how much at most. */
static void count_clipped(cjmap_layout *l) {
    for (size_t p = 0; p < l->dl.n_pages; p++) {
        const cj_page *pg = &l->dl.pages[p];
        const double W = pg->w / pg->scale, H = pg->h / pg->scale, eps = 0.01;
        for (size_t i = 0; i < pg->n; i++) {
            const cj_rect *b = &pg->items[i]->box;
            double over = fmax(fmax(-b->x, -b->y), fmax(b->x + b->w - W, b->y + b->h - H));
            if (over > eps) {
                l->clipped++;
                l->clip_over = fmax(l->clip_over, over * pg->scale);
            }
        }
    }
}

size_t cjmap_layout_clipped(const cjmap_layout *l, double *over) {
    if (over) *over = l ? l->clip_over : 0;
    return l ? l->clipped : 0;
}

double cjmap_png_max_side(double dpi) {
    if (!(dpi > 0)) dpi = 144;
    double s = 16384.0 * 72.0 / dpi;
    return s < CJMAP_MAX_PAGE_SIDE ? s : CJMAP_MAX_PAGE_SIDE;
}

cjmap_layout *cjmap_layout_new(const cjmap_model *m, const cjmap_layout_options *opts,
                               cjmap_measurer *meas) {
    cjmap_layout_options o = {0};
    if (opts) o = *opts;
    if (!(o.dpi > 0)) o.dpi = 144;
    cjmap_layout *out = xcalloc(1, sizeof *out);
    cj_dl_init(&out->dl);
    lay L = {0};
    L.m = m;
    L.meas = meas;
    L.dl = &out->dl;
    L.loc = m->locale;
    L.emo_lane = -1;
    theme_init(&L.th, o.theme);
    out->dl.dpi = o.dpi;
    if (meas->share_fonts) out->dl.fonts = meas->share_fonts(meas); /* draw with what measured */
    out->dl.date_set = o.date_set;
    out->dl.date = o.date;
    out->dl.title = norm(&L, m->title ? m->title : "");
    out->dl.subject = norm(&L, m->segment_name ? m->segment_name : "");
    L.n_cols = m->n_phases;
    bucket_uses(&L);
    bucket_build(&L.b_exp, m->n_phases, m->n_experiences,
                 m->n_experiences ? &m->experiences[0].phase : NULL, sizeof *m->experiences, NULL);
    bucket_build(&L.b_pain, m->n_phases, m->n_pains, m->n_pains ? &m->pains[0].phase : NULL,
                 sizeof *m->pains, NULL);
    bucket_build(&L.b_opp, m->n_phases, m->n_opportunities,
                 m->n_opportunities ? &m->opportunities[0].phase : NULL, sizeof *m->opportunities,
                 NULL);
    for (size_t t = 0; t < m->n_touchpoints; t++)
        L.u_owner[m->touchpoints[t].owner & 3] = true;
    L.show_owner = (L.u_owner[0] + L.u_owner[1] + L.u_owner[2] + L.u_owner[3]) > 1;
    L.phase_name = xcalloc(m->n_phases, sizeof *L.phase_name);
    L.phase_stmt = xcalloc(m->n_phases, sizeof *L.phase_stmt);
    double W = CJ_COL_MIN;
    for (size_t p = 0; p < m->n_phases; p++) {
        const cjmap_phase *ph = &m->phases[p];
        L.phase_name[p] = norm(&L, ph->name ? ph->name : "");
        if (ph->statement && ph->statement[0])
            L.phase_stmt[p] = cat3(&L, cj_word_text(L.loc, CJ_W_QUOTE_OPEN), norm(&L, ph->statement),
                                   cj_word_text(L.loc, CJ_W_QUOTE_CLOSE));
    }
    for (size_t p = 0; p < m->n_phases; p++) W = fmax(W, phase_need(&L, p));
    L.W = fit_columns(ceil(W / 4) * 4, m->n_phases, &o);
    header_geometry(&L);
    build_lanes(&L);
    if (!L.fail) {
        /* The cards go onto the pages in place (cj_dl_link): the list owns them. */
        cj_dl_adopt(L.dl, L.body.v);
        paginate(&L, &o);
        count_clipped(out);
    } else {
        free(L.body.v);
    }
    cj_mbox_free(&L.mb);
    free(L.atoms);
    free(L.px);
    free(L.py);
    free(L.pm);
    free(L.phase_name);
    free(L.phase_stmt);
    bucket_free(&L.b_tp);
    bucket_free(&L.b_exp);
    bucket_free(&L.b_pain);
    bucket_free(&L.b_opp);
    if (L.fail) {
        cjmap_layout_free(out);
        return NULL;
    }
    return out;
}

void cjmap_layout_free(cjmap_layout *l) {
    if (!l) return;
    cj_dl_free(&l->dl);
    free(l);
}

size_t cjmap_layout_page_count(const cjmap_layout *l) { return l->dl.n_pages; }

void cjmap_layout_page_size(const cjmap_layout *l, size_t page, double *w, double *h) {
    double pw = 0, ph = 0;
    if (page < l->dl.n_pages) {
        pw = l->dl.pages[page].w;
        ph = l->dl.pages[page].h;
    }
    if (w) *w = pw;
    if (h) *h = ph;
}

bool cjmap_layout_dump(const cjmap_layout *l, cjmap_write_fn w, void *closure) {
    return cj_dl_dump(&l->dl, w, closure);
}
