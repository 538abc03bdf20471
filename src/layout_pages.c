/*
** layout_pages.c — the header row, pagination (note 4 in layout.c): the
** plan of the pages, and their emission into the display list.
*/
#include "labels.h"
#include "layout_int.h"

#include <math.h>
#include <stdlib.h>

/* ------------------------------------------------------------------ */
/* Header row                                                          */
/* ------------------------------------------------------------------ */

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
    cj_lay_measure(L, lbl, F_LANE, CJ_LABEL_W - 2 * PAD);
    cj_lay_text(L, v, lbl, F_LANE, t->soft, PAD, (h - L->mb.h) / 2, CJ_LABEL_W - 2 * PAD,
                cj_lay_origin(CJ_O_LANE_LABEL, -1, 0), NULL);
    v->v[v->n - 1].cell = (cj_rect){0, 0, CJ_LABEL_W, H};
    for (size_t c = c0; c < c1; c++) {
        double x = CJ_LABEL_W + (double)(c - c0) * L->W;
        cj_origin o = cj_lay_origin(CJ_O_PHASE, (int32_t)c, 0);
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
        cj_lay_path(L, v, s, n, cj_lay_fill(t->accent), o);
        v->v[v->n - 1].role = CJ_ROLE_DECOR;
        double nw = L->W - 2 * ARROW - 12;
        if (L->m->phases[c].moment_of_truth) { /* the marker, then the name */
            nw -= MOT_W;
            cj_lay_mot_marker(L, v, x + ARROW + 4, (h - 9) / 2, 9, o);
        }
        double nx = x + ARROW + 4 + (L->m->phases[c].moment_of_truth ? MOT_W : 0);
        cj_lay_measure(L, L->phase_name[c], F_PHASE, nw);
        cj_lay_text(L, v, L->phase_name[c], F_PHASE, t->on_accent, nx, (h - L->mb.h) / 2, nw, o,
                    NULL);
        if (L->phase_stmt[c] && !compact)
            cj_lay_text(L, v, L->phase_stmt[c], F_STMT, t->soft, x + PAD, h + 6, L->W - 2 * PAD,
                        cj_lay_origin(CJ_O_STATEMENT, (int32_t)c, 0), NULL);
        for (size_t i = first; i < v->n; i++)
            v->v[i].cell = (cj_rect){x - ARROW, 0, L->W + ARROW, H};
    }
}

/* ------------------------------------------------------------------ */
/* Pagination                                                          */
/* ------------------------------------------------------------------ */

static bool in_group(const atom *a, size_t c0, size_t c1) {
    return a->col < 0 || ((size_t)a->col >= c0 && (size_t)a->col < c1);
}

typedef struct plan_page {
    size_t c0, c1; /* columns */
    double ya, yb; /* body slice */
    bool first, legend, legend_only;
    size_t a0, a1; /* the atoms it shows: pvec.atoms[a0..a1), in drawing order */
} plan_page;

/* The plan: the pages, and for each the atoms it shows. */
typedef struct pvec {
    plan_page *v;
    size_t n, cap;
    size_t *atoms, n_atoms; /* atom indices, page after page; each atom at most once */
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
    for (size_t i = 0; i < v->n; i++)
        cj_dl_add(L->dl, pg, &v->v[i], dx, dy);
}

/* Moves `v` onto the page: items built for this page alone. */
static void move_all(lay *L, cj_page *pg, ivec *v, double dx, double dy) {
    for (size_t i = 0; i < v->n; i++)
        cj_dl_move(L->dl, pg, &v->v[i], dx, dy);
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
                      const size_t *atoms) {
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
        y = cj_lay_build_runhead(L, &tmp, w, pno, pages) + 12;
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
    bg.origin = cj_lay_origin(CJ_O_PAGE, (int32_t)pno, 0);
    bg.box = bg.cell = (cj_rect){0, 0, pw / s, ph / s};
    bg.paint = cj_lay_fill(t->bg);
    cj_dl_add(L->dl, pg, &bg, 0, 0);
    if (pp->first)
        add_all(L, pg, &pc->title, M, M);
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
    double dy = M + body_top - pp->ya;      /* map y -> page y */
    double dxc = M - (double)pp->c0 * L->W; /* map x of columns -> page x */
    for (int li = 0; li < L->n_lanes; li++) {
        const lane_info *ln = &L->lanes[li];
        double a = fmax(ln->top, pp->ya), b = fmin(ln->top + ln->h, pp->yb);
        if (b - a < 0.5) continue;
        size_t lf;
        if (ln->cls->line) { /* a blueprint line: its label, small, and the line */
            cj_origin o = cj_lay_origin(CJ_O_LINE, ln->oid, 0);
            lf = tmp.n;
            cj_lay_text(L, &tmp, ln->label, F_TAG, t->soft, PAD, a + 3, cj_lay_label_w(ln->cls), o,
                        NULL);
            ln->cls->band(L, ln, &tmp, gw, o);
            for (size_t i = lf; i < tmp.n; i++)
                tmp.v[i].cell = (cj_rect){0, a, gw, b - a};
            continue;
        }
        cj_origin o = cj_lay_origin(CJ_O_LANE, ln->oid, 0);
        cj_lay_rect(&tmp, 0, a, gw, b - a, 0, cj_lay_fill(ln->band % 2 ? t->band_alt : t->band),
                    CJ_ROLE_DECOR, o);
        cj_lay_rect(&tmp, 0, a, gw, 0.6, 0, cj_lay_fill(t->rule), CJ_ROLE_DECOR, o);
        lf = tmp.n;
        cj_lay_text(L, &tmp, ln->label, F_LANE, t->text, PAD, a + PAD, cj_lay_label_w(ln->cls),
                    cj_lay_origin(CJ_O_LANE_LABEL, ln->oid, 0), NULL);
        if (ln->cls->band) ln->cls->band(L, ln, &tmp, gw, o);
        for (size_t i = lf; i < tmp.n; i++)
            if (tmp.v[i].role != CJ_ROLE_DECOR) tmp.v[i].cell = (cj_rect){0, a, CJ_LABEL_W, b - a};
    }
    /* Column rules over the bands. */
    for (size_t c = 1; c < ncol; c++)
        cj_lay_rect(&tmp, CJ_LABEL_W + (double)c * L->W - 0.3, pp->ya, 0.6, pp->yb - pp->ya, 0,
                    cj_lay_fill(t->grid), CJ_ROLE_DECOR, cj_lay_origin(CJ_O_LANE, -1, (int32_t)c));
    move_all(L, pg, &tmp, M, dy);
    tmp.n = 0;
    /* The curve, split at the page's column edges. */
    if (L->emo_lane >= 0) {
        const lane_info *ln = &L->lanes[L->emo_lane];
        if (ln->top >= pp->ya - 1e-6 && ln->top + ln->h <= pp->yb + 1e-6) {
            cj_lay_curve_part(L, &tmp, cj_lay_col_x(L, pp->c0), cj_lay_col_x(L, pp->c1));
            /* The stroke may reach 1 pt past a page's first column edge. */
            for (size_t i = 0; i < tmp.n; i++)
                tmp.v[i].cell =
                    (cj_rect){cj_lay_col_x(L, pp->c0) - 1, ln->top, (double)ncol * L->W + 2, ln->h};
            move_all(L, pg, &tmp, dxc, dy);
            tmp.n = 0;
        }
    }
    /* This page's atoms, as the plan lists them. */
    for (size_t i = pp->a0; i < pp->a1; i++) {
        const atom *a = &L->atoms[atoms[i]];
        const lane_info *ln = &L->lanes[a->lane];
        double ca = fmax(ln->top, pp->ya), cb = fmin(ln->top + ln->h, pp->yb);
        double cx = a->col >= 0 ? cj_lay_col_x(L, (size_t)a->col) : CJ_LABEL_W;
        double cw = a->col >= 0 ? L->W : (double)ncol * L->W;
        for (size_t k = 0; k < a->count; k++) {
            cj_item *it = cj_dl_link(L->dl, pg, &L->body.v[a->first + k], dxc, dy);
            it->cell = (cj_rect){cx + dxc, ca + dy, cw, cb - ca};
        }
    }
    if (pp->legend) add_all(L, pg, &pc->legend, M, dy + pp->yb + 16);
    free(tmp.v);
}

/* qsort has no context argument in C17: sort keys carry the top. */
typedef struct okey {
    double top;
    size_t i;
} okey;
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
    for (size_t a = 0; a < n; a++)
        order[a] = keys[a].i;
    return n;
}

/* Gives page `page` (1-based) the atoms that the slice [ya, yb] shows:
 * not on a page yet (page_of 0), wholly inside. */
static void mark(const lay *L, const size_t *order, size_t n_order, size_t from, double ya,
                 double yb, size_t page, size_t *page_of) {
    (void)ya;
    for (size_t i = from; i < n_order; i++) {
        const atom *a = &L->atoms[order[i]];
        if (a->box.y >= yb - 1e-6) break;
        if (!page_of[order[i]] && a->box.y + a->box.h <= yb + 1e-6) page_of[order[i]] = page;
    }
}

/* Pushes a page of the body with the atoms mark() gave it, in the group's
 * order (by top, then index: the order they are drawn in).  `from` is where
 * the page's marking started; every atom it gave lies above pg.yb. */
static void plan_body(pvec *p, plan_page pg, const lay *L, const size_t *order, size_t n_order,
                      size_t from, const size_t *page_of) {
    size_t page = p->n + 1;
    pg.a0 = p->n_atoms;
    for (size_t i = from; i < n_order; i++) {
        if (L->atoms[order[i]].box.y >= pg.yb - 1e-6) break;
        if (page_of[order[i]] == page) p->atoms[p->n_atoms++] = order[i];
    }
    pg.a1 = p->n_atoms;
    plan_push(p, pg);
}

/* Height a lane needs on a page to show its repeated label. */
static double lane_need(const lane_info *ln) { return ln->label_h + 2 * PAD; }

/* Paper in points, oriented; false for CJMAP_PAGE_AUTO. */
static bool paper_size(const cjmap_layout_options *o, double *w, double *h) {
    static const double paper[CJMAP_PAGE_COUNT][2] = {
        [CJMAP_PAGE_A4] = {595.28, 841.89},   [CJMAP_PAGE_A3] = {841.89, 1190.55},
        [CJMAP_PAGE_A2] = {1190.55, 1683.78}, [CJMAP_PAGE_A1] = {1683.78, 2383.94},
        [CJMAP_PAGE_LETTER] = {612, 792},     [CJMAP_PAGE_TABLOID] = {792, 1224},
        [CJMAP_PAGE_A0] = {2383.94, 3370.39}};
    if (o->page == CJMAP_PAGE_AUTO || (unsigned)o->page >= CJMAP_PAGE_COUNT) return false;
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
double cj_lay_fit_columns(double W, size_t n, const cjmap_layout_options *o) {
    double pw, ph;
    if (!n || !paper_size(o, &pw, &ph)) return W;
    double avail = pw - 2 * CJ_MARGIN, s_min = CJMAP_MIN_TEXT_SIZE / MIN_FONT;
    double fit = floor((avail - CJ_LABEL_W) / (double)n / 4) * 4;
    if (fit < CJ_COL_MIN) fit = floor((avail / s_min - CJ_LABEL_W) / (double)n / 4) * 4;
    return fit >= CJ_COL_MIN && fit < W ? fit : W;
}

void cj_lay_paginate(lay *L, const cjmap_layout_options *o) {
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
    if (o->page != CJMAP_PAGE_AUTO && (unsigned)o->page < CJMAP_PAGE_COUNT) {
        pc.fixed = true;
        paper_size(o, &pc.paper_w, &pc.paper_h);
        /* One page if the whole map fits when scaled no further than s_min. */
        ivec tv = {0}, lv = {0};
        double th = cj_lay_build_title(L, &tv, full_w), lh = cj_lay_build_legend(L, &lv, full_w);
        double full_h = th + 16 + L->header_h + L->body_h + (lh > 0 ? 16 + lh : 0);
        L->full_w = full_w, L->full_h = full_h;
        double sw = (pc.paper_w - 2 * M) / full_w;
        double s = fmin(1, fmin(sw, (pc.paper_h - 2 * M) / full_h));
        pc.scale = s >= s_min ? s : s_min;
        free(tv.v);
        free(lv.v);
        pc.cap_w = (pc.paper_w - 2 * M) / pc.scale;
        pc.cap_h = (pc.paper_h - 2 * M) / pc.scale;
        if (s >= s_min) pc.cap_w = pc.cap_h = 1e12; /* everything on one page */
        if (o->fit == CJMAP_FIT_PAGE) {             /* one sheet, however small the text gets */
            pc.scale = s;
            pc.cap_w = pc.cap_h = 1e12;
        } else if (o->fit == CJMAP_FIT_WIDTH) { /* one sheet wide, as tall as it takes */
            pc.scale = fmin(1, sw);
            pc.cap_w = 1e12;
            pc.cap_h = (pc.paper_h - 2 * M) / pc.scale;
        }
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
    pc.title_h = cj_lay_build_title(L, &pc.title, pc.title_w);
    pc.legend_h = cj_lay_build_legend(L, &pc.legend, pc.legend_w);
    /* Plan the pages.  A page shows the body slice [ya, yb); a card that
     * would cross yb waits for the next page, column by column (cards of
     * neighbouring columns rarely line up, so one straight cut through a
     * tall lane seldom exists).  The next page starts at the first card
     * left over.  The emotion lane is never split, and a lane never starts
     * or ends a page with too little room for its repeated label. */
    pvec plan = {0};
    okey *keys = xcalloc(L->n_atoms, sizeof *keys);
    size_t *order = xcalloc(L->n_atoms, sizeof *order);
    size_t *page_of = xcalloc(L->n_atoms, sizeof *page_of); /* 0: on no page yet */
    plan.atoms = xcalloc(L->n_atoms, sizeof *plan.atoms);
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
            size_t from = ptr, page = plan.n + 1;
            scratch.n = 0;
            double top = first ? pc.title_h + 16 : cj_lay_build_runhead(L, &scratch, gw, 1, 1) + 12;
            double avail = pc.cap_h - top - header_height(L, ya);
            double rest = L->body_h - ya;
            if (rest + leg <= avail + 1e-6) {
                mark(L, order, n_order, ptr, ya, L->body_h, page, page_of);
                plan_body(&plan, (plan_page){c0, c1, ya, L->body_h, first, leg > 0, false, 0, 0}, L,
                          order, n_order, from, page_of);
                break;
            }
            if (rest <= avail + 1e-6) {
                mark(L, order, n_order, ptr, ya, L->body_h, page, page_of);
                plan_body(&plan, (plan_page){c0, c1, ya, L->body_h, first, false, false, 0, 0}, L,
                          order, n_order, from, page_of);
                if (leg > 0)
                    plan_push(&plan,
                              (plan_page){c0, c1, L->body_h, L->body_h, false, false, true, 0, 0});
                break;
            }
            double yb = ya + avail;
            for (int li = 0; li < L->n_lanes; li++) {
                const lane_info *ln = &L->lanes[li];
                double lt = ln->top, lb = ln->top + ln->h;
                if (lb <= ya + 1e-6 || lt >= yb - 1e-6 || lt <= ya + 1e-6) continue;
                if ((ln->cls->whole && lb > yb) || yb - lt < lane_need(ln)) {
                    yb = lt;
                    break;
                }
            }
            mark(L, order, n_order, ptr, ya, yb, page, page_of);
            while (ptr < n_order && page_of[order[ptr]])
                ptr++;
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
                yb =
                    fmax(yb, ptr < n_order ? L->atoms[order[ptr]].box.y + L->atoms[order[ptr]].box.h
                                           : L->body_h);
                mark(L, order, n_order, ptr, ya, yb, page, page_of);
                while (ptr < n_order && page_of[order[ptr]])
                    ptr++;
                next = ptr < n_order ? fmin(yb, L->atoms[order[ptr]].box.y) : yb;
            }
            plan_body(&plan, (plan_page){c0, c1, ya, yb, first, false, false, 0, 0}, L, order,
                      n_order, from, page_of);
            ya = next;
            if (ya >= L->body_h - 1e-6) {
                if (leg > 0)
                    plan_push(&plan,
                              (plan_page){c0, c1, L->body_h, L->body_h, false, false, true, 0, 0});
                break;
            }
        }
    }
    free(scratch.v);
    /* Emit: each page draws what the plan lists for it. */
    for (size_t i = 0; i < plan.n; i++)
        emit_page(L, &pc, &plan.v[i], i + 1, plan.n, plan.atoms);
    free(keys);
    free(order);
    free(page_of);
    free(plan.v);
    free(plan.atoms);
    free(pc.title.v);
    free(pc.legend.v);
}
