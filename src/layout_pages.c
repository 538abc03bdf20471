/*
** layout_pages.c — the header row, pagination (note 4 in layout.c): the
** plan of the pages, and their emission into the display list.
*/
#include "labels.h"
#include "layout_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Header row                                                          */
/* ------------------------------------------------------------------ */

/* The header on a page that starts at body y `ya`: in full on a column
 * group's first page, compact (phase names only) where the map continues,
 * so that long statements cannot crowd the body off every page. */
static bool compact_header(double ya) { return ya > 1e-6; }
static double header_height(const lay *L, double ya) {
    if (L->rows) return L->R.head_h + cj_lay_rows_cont(L, ya); /* note 8 */
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

/* A page holds one or more *slices*: a column group's body [ya, yb)
 * under that group's header.  A group that ends part-way down a page is
 * followed on the same page by the next group (note 4 in layout.c), so the
 * pages of a narrow paper are full instead of each group's last page being
 * mostly blank. */
typedef struct slice {
    size_t g;      /* its column group */
    size_t c0, c1; /* columns */
    double ya, yb; /* body slice, in the group's coordinates (planner) */
    double y;      /* the top of its header, below the page's top margin */
    size_t a0, a1; /* the atoms it shows: pvec.atoms[a0..a1), in drawing order */
} slice;

typedef struct plan_page {
    bool first;    /* the title block on top, else the running head */
    bool legend;   /* the legend at legend_y */
    size_t s0, s1; /* its slices: pvec.s[s0..s1) */
    double legend_y;
    double used; /* height used below the top margin */
} plan_page;

/* The plan: the pages, their slices, and for each slice the atoms it shows. */
typedef struct pvec {
    plan_page *v;
    size_t n, cap;
    slice *s;
    size_t n_s, cap_s;
    size_t *atoms, n_atoms; /* atom indices, slice after slice; each atom at most once */
} pvec;

static plan_page *page_open(pvec *p, bool first, double top) {
    if (p->n == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 8;
        p->v = cj_xrealloc(p->v, p->cap * sizeof *p->v);
    }
    p->v[p->n] = (plan_page){first, false, p->n_s, p->n_s, 0, top};
    return &p->v[p->n++];
}

static slice *slice_push(pvec *p, slice s) {
    if (p->n_s == p->cap_s) {
        p->cap_s = p->cap_s ? p->cap_s * 2 : 8;
        p->s = cj_xrealloc(p->s, p->cap_s * sizeof *p->s);
    }
    p->s[p->n_s] = s;
    p->v[p->n - 1].s1 = p->n_s + 1;
    return &p->s[p->n_s++];
}

typedef struct page_ctx {
    double cap_w, cap_h; /* content units */
    double scale;
    bool fixed;
    double paper_w, paper_h, max_side;
    double title_w, title_h, legend_w, legend_h;
    double run_w; /* the running head's width on every page */
    ivec title, legend;
} page_ctx;

/* Height a lane needs on a page to show its repeated label. */
static double lane_need(const lane_info *ln) { return ln->label_h + 2 * PAD; }

/* What planning and drawing need, computed once: the column groups, each
 * group's atoms sorted by top (then by index, for determinism), and the
 * group's lanes. */
typedef struct planner {
    lay *L;
    const page_ctx *pc;
    size_t G, base, extra; /* G groups of base columns, the first `extra` one more */
    size_t *order;         /* group after group: its atoms by top */
    size_t *gstart;        /* G + 1 */
    size_t *slice_of;      /* per atom: 1 + the slice it is on, 0 none yet */
    /* Each group's own lane heights: a lane is as tall as its tallest cell
     * in the group, not in the whole map, so a group of quiet phases is not
     * padded out to the busiest phase's height.  The map is built once; a
     * group's lanes and atoms are moved up to their group's tops. */
    double *top, *h; /* per group and band (G × nb), group coordinates */
    /* The bands a page breaks between: the lanes, or in rows the phase
     * rows.  start: what a page must show of one that starts on it (a
     * lane's label; a row's phase cell with its statement); need: what a
     * page that continues one must show (its label; the phase's name);
     * whole: never split. */
    int nb;
    double *start, *need;
    bool *whole;
    double *body_h;    /* per group */
    double *ady;       /* per atom: map y -> its group's y */
    double lane_break; /* see cut() */
} planner;

static double ltop(const planner *P, size_t g, int li) {
    return P->top[g * (size_t)P->nb + (size_t)li];
}
static double lane_h(const planner *P, size_t g, int li) {
    return P->h[g * (size_t)P->nb + (size_t)li];
}
/* An atom's top in its group's coordinates. */
static double aty(const planner *P, size_t a) { return P->L->atoms[a].box.y + P->ady[a]; }

static void group_cols(const planner *P, size_t g, size_t *c0, size_t *c1) {
    *c0 = g * P->base + (g < P->extra ? g : P->extra);
    *c1 = *c0 + P->base + (g < P->extra);
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

/* Draws slice `sl` (header, lane bands and labels, curve, atoms) onto the
 * page, its header at page y M + sl->y. */
/* A slice of the rows layout (note 8): the heading, the rows' part, atoms. */
static void emit_rows_slice(lay *L, cj_page *pg, const slice *sl, const size_t *atoms, ivec *tmp) {
    const double M = CJ_MARGIN;
    cj_lay_rows_heading(L, tmp);
    move_all(L, pg, tmp, M, M + sl->y);
    tmp->n = 0;
    cj_lay_rows_cont_band(L, tmp, sl->ya);
    move_all(L, pg, tmp, M, M + sl->y + L->R.head_h);
    tmp->n = 0;
    double dy = M + sl->y + header_height(L, sl->ya) - sl->ya; /* map y -> page y */
    cj_lay_rows_slice(L, tmp, sl->ya, sl->yb);
    move_all(L, pg, tmp, M, dy);
    tmp->n = 0;
    for (size_t i = sl->a0; i < sl->a1; i++) {
        const atom *a = &L->atoms[atoms[i]];
        cj_rect c = cj_lay_rows_cell(L, a, sl->ya, sl->yb);
        for (size_t k = 0; k < a->count; k++) {
            cj_item *it = cj_dl_link(L->dl, pg, &L->body.v[a->first + k], M + a->dx, dy + a->dy);
            it->cell = (cj_rect){c.x + M, c.y + dy, c.w, c.h};
        }
    }
}

static void emit_slice(lay *L, const planner *P, cj_page *pg, const slice *sl, const size_t *atoms,
                       ivec *tmp) {
    const theme *t = &L->th;
    const double M = CJ_MARGIN;
    if (L->rows) {
        emit_rows_slice(L, pg, sl, atoms, tmp);
        return;
    }
    size_t ncol = sl->c1 - sl->c0;
    double gw = CJ_LABEL_W + (double)ncol * L->W;
    /* Header. */
    build_header(L, tmp, sl->c0, sl->c1, compact_header(sl->ya));
    move_all(L, pg, tmp, M, M + sl->y);
    tmp->n = 0;
    /* Lane bands, labels and the emotion plot. */
    double body_top = sl->y + header_height(L, sl->ya);
    double dy = M + body_top - sl->ya;      /* map y -> page y */
    double dxc = M - (double)sl->c0 * L->W; /* map x of columns -> page x */
    for (int li = 0; li < L->n_lanes; li++) {
        const lane_info *ln = &L->lanes[li];
        /* Drawn in map coordinates (the bands' own drawing knows those),
         * then moved to the group's. */
        double d = ltop(P, sl->g, li) - ln->top;
        double a = fmax(ltop(P, sl->g, li), sl->ya) - d;
        double b = fmin(ltop(P, sl->g, li) + lane_h(P, sl->g, li), sl->yb) - d;
        if (b - a < 0.5) continue;
        size_t lf;
        if (ln->cls->line) { /* a blueprint line: its label, small, and the line */
            cj_origin o = cj_lay_origin(CJ_O_LINE, ln->oid, 0);
            lf = tmp->n;
            cj_lay_text(L, tmp, ln->label, F_TAG, t->soft, PAD, a + 3, cj_lay_label_w(ln->cls), o,
                        NULL);
            ln->cls->band(L, ln, tmp, gw, o);
            for (size_t i = lf; i < tmp->n; i++)
                tmp->v[i].cell = (cj_rect){0, a, gw, b - a};
            move_all(L, pg, tmp, M, dy + d);
            tmp->n = 0;
            continue;
        }
        cj_origin o = cj_lay_origin(CJ_O_LANE, ln->oid, 0);
        cj_lay_rect(tmp, 0, a, gw, b - a, 0, cj_lay_fill(ln->band % 2 ? t->band_alt : t->band),
                    CJ_ROLE_DECOR, o);
        cj_lay_rect(tmp, 0, a, gw, 0.6, 0, cj_lay_fill(t->rule), CJ_ROLE_DECOR, o);
        lf = tmp->n;
        cj_lay_text(L, tmp, ln->label, F_LANE, t->text, PAD, a + PAD, cj_lay_label_w(ln->cls),
                    cj_lay_origin(CJ_O_LANE_LABEL, ln->oid, 0), NULL);
        if (ln->cls->band) ln->cls->band(L, ln, tmp, gw, o);
        for (size_t i = lf; i < tmp->n; i++)
            if (tmp->v[i].role != CJ_ROLE_DECOR)
                tmp->v[i].cell = (cj_rect){0, a, CJ_LABEL_W, b - a};
        move_all(L, pg, tmp, M, dy + d);
        tmp->n = 0;
    }
    /* Column rules over the bands. */
    for (size_t c = 1; c < ncol; c++)
        cj_lay_rect(tmp, CJ_LABEL_W + (double)c * L->W - 0.3, sl->ya, 0.6, sl->yb - sl->ya, 0,
                    cj_lay_fill(t->grid), CJ_ROLE_DECOR, cj_lay_origin(CJ_O_LANE, -1, (int32_t)c));
    move_all(L, pg, tmp, M, dy);
    tmp->n = 0;
    /* The curve, split at the slice's column edges. */
    if (L->emo_lane >= 0) {
        const lane_info *ln = &L->lanes[L->emo_lane];
        double et = ltop(P, sl->g, L->emo_lane), d = et - ln->top;
        if (et >= sl->ya - 1e-6 && et + ln->h <= sl->yb + 1e-6) {
            cj_lay_curve_part(L, tmp, cj_lay_col_x(L, sl->c0), cj_lay_col_x(L, sl->c1));
            /* The stroke may reach 1 pt past a page's first column edge. */
            for (size_t i = 0; i < tmp->n; i++)
                tmp->v[i].cell =
                    (cj_rect){cj_lay_col_x(L, sl->c0) - 1, ln->top, (double)ncol * L->W + 2, ln->h};
            move_all(L, pg, tmp, dxc, dy + d);
            tmp->n = 0;
        }
    }
    /* This slice's atoms, as the plan lists them. */
    for (size_t i = sl->a0; i < sl->a1; i++) {
        const atom *a = &L->atoms[atoms[i]];
        double lt = ltop(P, sl->g, a->lane), ady = P->ady[atoms[i]];
        double ca = fmax(lt, sl->ya), cb = fmin(lt + lane_h(P, sl->g, a->lane), sl->yb);
        double cx = a->col >= 0 ? cj_lay_col_x(L, (size_t)a->col) : CJ_LABEL_W;
        double cw = a->col >= 0 ? L->W : (double)ncol * L->W;
        for (size_t k = 0; k < a->count; k++) {
            cj_item *it = cj_dl_link(L->dl, pg, &L->body.v[a->first + k], dxc, dy + ady);
            it->cell = (cj_rect){cx + dxc, ca + dy, cw, cb - ca};
        }
    }
}

/* A column group's width; in rows, the rows'. */
static double group_w(const lay *L, size_t c0, size_t c1) {
    return L->rows ? L->R.w : CJ_LABEL_W + (double)(c1 - c0) * L->W;
}

/* The width of the running head on a page: the sheet's on paper; on auto
 * pages the column group's [c0, c1), or the legend's (c0 == c1). */
static double run_w(const lay *L, const page_ctx *pc, size_t c0, size_t c1) {
    if (pc->fixed || c0 == c1) return pc->run_w;
    return group_w(L, c0, c1);
}

static void emit_page(lay *L, const planner *P, const page_ctx *pc, const pvec *plan, size_t pno) {
    const plan_page *pp = &plan->v[pno];
    const double M = CJ_MARGIN;
    ivec tmp = {0};
    /* The widest thing on the page decides an auto page's width. */
    size_t c0 = pp->s0 < pp->s1 ? plan->s[pp->s0].c0 : 0,
           c1 = pp->s0 < pp->s1 ? plan->s[pp->s0].c1 : 0;
    double rw = run_w(L, pc, c0, c1);
    double content_w = pp->first ? pc->title_w : rw;
    for (size_t s = pp->s0; s < pp->s1; s++)
        content_w = fmax(content_w, group_w(L, plan->s[s].c0, plan->s[s].c1));
    if (pp->legend) content_w = fmax(content_w, pc->legend_w);
    double s = pc->scale;
    double pw = pc->fixed ? pc->paper_w : fmin(ceil(content_w + 2 * M), pc->max_side);
    double ph = pc->fixed ? pc->paper_h : fmin(ceil(pp->used + 2 * M), pc->max_side);
    cj_page *pg = cj_dl_page(L->dl, pw, ph, s, L->th.bg);
    /* Background first: it keeps cairo's PDF/SVG surfaces fast. */
    cj_item bg = {0};
    bg.type = CJ_IT_RECT;
    bg.role = CJ_ROLE_DECOR;
    bg.origin = cj_lay_origin(CJ_O_PAGE, (int32_t)(pno + 1), 0);
    bg.box = bg.cell = (cj_rect){0, 0, pw / s, ph / s};
    bg.paint = cj_lay_fill(L->th.bg);
    cj_dl_add(L->dl, pg, &bg, 0, 0);
    /* Top block. */
    if (pp->first) {
        add_all(L, pg, &pc->title, M, M);
    } else {
        cj_lay_build_runhead(L, &tmp, rw, pno + 1, plan->n);
        move_all(L, pg, &tmp, M, M);
        tmp.n = 0;
    }
    for (size_t i = pp->s0; i < pp->s1; i++)
        emit_slice(L, P, pg, &plan->s[i], plan->atoms, &tmp);
    if (pp->legend) add_all(L, pg, &pc->legend, M, M + pp->legend_y);
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

static void planner_init(planner *P, lay *L, const page_ctx *pc, size_t G) {
    size_t n = L->n_cols;
    P->L = L, P->pc = pc, P->G = G;
    P->base = n / G, P->extra = n % G;
    P->order = xcalloc(L->n_atoms + 1, sizeof *P->order);
    P->gstart = xcalloc(G + 1, sizeof *P->gstart);
    P->slice_of = xcalloc(L->n_atoms + 1, sizeof *P->slice_of);
    P->body_h = xcalloc(G, sizeof *P->body_h);
    P->ady = xcalloc(L->n_atoms + 1, sizeof *P->ady);
    okey *keys = xcalloc(L->n_atoms + 1, sizeof *keys);
    size_t k = 0;
    if (L->rows) { /* one group; the phase rows are the bands */
        size_t np = L->m->n_phases;
        P->nb = (int)np;
        P->top = xcalloc(np + 1, sizeof *P->top);
        P->h = xcalloc(np + 1, sizeof *P->h);
        P->start = xcalloc(np + 1, sizeof *P->start);
        P->need = xcalloc(np + 1, sizeof *P->need);
        P->whole = xcalloc(np + 1, sizeof *P->whole);
        memcpy(P->top, L->R.top, np * sizeof *P->top);
        memcpy(P->h, L->R.h, np * sizeof *P->h);
        memcpy(P->start, L->R.start, np * sizeof *P->start);
        memcpy(P->need, L->R.cont, np * sizeof *P->need); /* the repeated chevron */
        P->body_h[0] = L->body_h;
        for (size_t a = 0; a < L->n_atoms; a++)
            keys[k++] = (okey){L->atoms[a].box.y, a};
        qsort(keys, k, sizeof *keys, cmp_okey);
        P->gstart[1] = k;
        for (size_t i = 0; i < k; i++)
            P->order[i] = keys[i].i;
        free(keys);
        return;
    }
    P->nb = L->n_lanes;
    P->top = xcalloc(G * (size_t)L->n_lanes + 1, sizeof *P->top);
    P->h = xcalloc(G * (size_t)L->n_lanes + 1, sizeof *P->h);
    P->start = xcalloc((size_t)L->n_lanes + 1, sizeof *P->start);
    P->need = xcalloc((size_t)L->n_lanes + 1, sizeof *P->need);
    P->whole = xcalloc((size_t)L->n_lanes + 1, sizeof *P->whole);
    for (int li = 0; li < L->n_lanes; li++) {
        P->start[li] = P->need[li] = lane_need(&L->lanes[li]);
        P->whole[li] = L->lanes[li].cls->whole;
    }
    for (size_t g = 0; g < G; g++) {
        size_t c0, c1, k0 = k;
        group_cols(P, g, &c0, &c1);
        P->gstart[g] = k;
        for (size_t a = 0; a < L->n_atoms; a++) {
            const atom *at = &L->atoms[a];
            if (at->col < 0 ? g == 0 : (size_t)at->col >= c0 && (size_t)at->col < c1)
                keys[k++] = (okey){at->box.y, a};
        }
        /* The group's lanes: a whole lane (built at once: the emotion plot,
         * a line) keeps its height; a lane of cells is as tall as its
         * tallest cell in the group (build_lanes' rule), at least its label. */
        double *gh = P->h + g * (size_t)L->n_lanes, *gt = P->top + g * (size_t)L->n_lanes;
        for (int li = 0; li < L->n_lanes; li++) {
            const lane_info *ln = &L->lanes[li];
            gh[li] = ln->cls->build ? ln->h : lane_need(ln);
        }
        for (size_t i = k0; i < k; i++) {
            const atom *at = &L->atoms[keys[i].i];
            const lane_info *ln = &L->lanes[at->lane];
            if (!ln->cls->build)
                gh[at->lane] = fmax(gh[at->lane], at->box.y + at->box.h - ln->top + PAD);
        }
        double y = 0;
        for (int li = 0; li < L->n_lanes; li++) {
            const lane_info *ln = &L->lanes[li];
            if (!ln->cls->build) gh[li] = fmin(ln->h, ceil(gh[li] / 4 - 1e-9) * 4);
            gt[li] = y;
            y += gh[li];
        }
        P->body_h[g] = y;
        for (size_t i = k0; i < k; i++) {
            size_t a = keys[i].i;
            P->ady[a] = gt[L->atoms[a].lane] - L->lanes[L->atoms[a].lane].top;
            keys[i].top += P->ady[a];
        }
        qsort(keys + k0, k - k0, sizeof *keys, cmp_okey);
    }
    P->gstart[G] = k;
    for (size_t i = 0; i < k; i++)
        P->order[i] = keys[i].i;
    free(keys);
}

/* The height of the running head and its gap. */
static double run_h(const planner *P, size_t c0, size_t c1) {
    ivec scratch = {0};
    double h = cj_lay_build_runhead(P->L, &scratch, run_w(P->L, P->pc, c0, c1), 1, 1) + 12;
    free(scratch.v);
    return h;
}

static void planner_free(planner *P) {
    free(P->order);
    free(P->gstart);
    free(P->slice_of);
    free(P->top);
    free(P->h);
    free(P->body_h);
    free(P->ady);
    free(P->start);
    free(P->need);
    free(P->whole);
}

/* Gives the slice numbered `sno` (1-based) the atoms of order[from..n)
 * that [.., yb] shows wholly and no slice has yet. */
static void mark(const planner *P, const size_t *order, size_t n, size_t from, double yb,
                 size_t sno) {
    for (size_t i = from; i < n; i++) {
        double y = aty(P, order[i]), h = P->L->atoms[order[i]].box.h;
        if (y >= yb - 1e-6) break;
        if (!P->slice_of[order[i]] && y + h <= yb + 1e-6) P->slice_of[order[i]] = sno;
    }
}

/* Pushes a slice with the atoms mark() gave it, in the group's order (by
 * top, then index: the order they are drawn in). */
static void push_slice(pvec *p, const planner *P, slice s, const size_t *order, size_t n,
                       size_t from) {
    size_t sno = p->n_s + 1;
    s.a0 = p->n_atoms;
    for (size_t i = from; i < n; i++) {
        if (aty(P, order[i]) >= s.yb - 1e-6) break;
        if (P->slice_of[order[i]] == sno) p->atoms[p->n_atoms++] = order[i];
    }
    s.a1 = p->n_atoms;
    slice_push(p, s);
}

/* Where a slice from `ya` with `avail` of body height ends (*yb) and where
 * the next one starts (the return value).  A card that would cross yb
 * waits for the next slice, column by column (cards of neighbouring
 * columns rarely line up, so one straight cut through a tall lane seldom
 * exists); the next slice starts at the first card left over.  The
 * emotion lane is never split, a lane never starts or ends a page with too
 * little room for its repeated label, and a break falls between two lanes
 * when that costs at most P->lane_break of the page.  `grow`: a card taller
 * than the whole page makes the page longer (only for absurd texts) instead
 * of returning ya (nothing fits). */
/* How much of a page a break between lanes may cost: a little always;
 * more when that prints no more pages (cj_lay_paginate tries both). */
#define LANE_BREAK_TIGHT 0.12
#define LANE_BREAK_LOOSE 0.6
static double cut(const planner *P, size_t g, const size_t *order, size_t n, size_t *ptr,
                  size_t sno, double ya, double avail, bool grow, double *yb_out) {
    const lay *L = P->L;
    double yb = ya + avail;
    for (int li = 0; li < P->nb; li++) {
        double lt = ltop(P, g, li), lb = lt + lane_h(P, g, li);
        if (lb <= ya + 1e-6 || lt >= yb - 1e-6 || lt <= ya + 1e-6) continue;
        if ((P->whole[li] && lb > yb) || yb - lt < P->start[li]) {
            yb = lt;
            break;
        }
    }
    /* Between lanes, when the last boundary above yb is close enough. */
    double between = ya;
    for (int li = 0; li < P->nb; li++) {
        double lt = ltop(P, g, li);
        if (lt > ya + 1e-6 && lt <= yb + 1e-6) between = lt;
    }
    if (between > ya && yb - between <= P->lane_break * avail) yb = between;
    mark(P, order, n, *ptr, yb, sno);
    while (*ptr < n && P->slice_of[order[*ptr]])
        (*ptr)++;
    double next = *ptr < n ? fmin(yb, aty(P, order[*ptr])) : yb;
    for (int li = 0; li < P->nb; li++) { /* room for the label on the next page */
        double lt = ltop(P, g, li), lb = lt + lane_h(P, g, li);
        if (next > lt + 1e-6 && next < lb - 1e-6 && lb - next < P->need[li])
            next = fmax(lt, lb - P->need[li]);
    }
    if (next <= ya + 1e-6 && grow) {
        yb = fmax(yb, *ptr < n ? aty(P, order[*ptr]) + L->atoms[order[*ptr]].box.h : P->body_h[g]);
        mark(P, order, n, *ptr, yb, sno);
        while (*ptr < n && P->slice_of[order[*ptr]])
            (*ptr)++;
        next = *ptr < n ? fmin(yb, aty(P, order[*ptr])) : yb;
    }
    *yb_out = yb;
    return next;
}

/* A group that starts below another on a page keeps this gap above its header. */
#define GROUP_GAP 20.0
/* ... and starts there only with this share of the page's height for itself
 * (or all it needs); else it starts on a new page. */
#define GROUP_MIN 0.25

/* Plans the pages with `cap_h` of content height on each. */
static void plan_pages(planner *P, double cap_h, pvec *p) {
    const lay *L = P->L;
    const page_ctx *pc = P->pc;
    p->n = p->n_s = p->n_atoms = 0;
    memset(P->slice_of, 0, (L->n_atoms + 1) * sizeof *P->slice_of);
    plan_page *pg = NULL; /* the page being filled, NULL when it is full */
    for (size_t g = 0; g < P->G; g++) {
        size_t c0, c1;
        group_cols(P, g, &c0, &c1);
        const size_t *order = P->order + P->gstart[g];
        size_t n = P->gstart[g + 1] - P->gstart[g], ptr = 0;
        double leg = g + 1 == P->G && pc->legend_h > 0 ? 16 + pc->legend_h : 0;
        double ya = 0;
        for (;;) {
            if (!pc->fixed) pg = NULL; /* auto pages fit their content: nothing to fill */
            bool fresh = !pg;
            if (fresh)
                pg = page_open(p, p->n == 0, p->n == 0 ? pc->title_h + 16 : run_h(P, c0, c1));
            double y = pg->used + (fresh ? 0 : GROUP_GAP);
            double hh = header_height(L, ya);
            double body_h = P->body_h[g], avail = cap_h - y - hh, rest = body_h - ya;
            if (!fresh && avail < fmin(rest + leg, GROUP_MIN * cap_h)) {
                pg = NULL; /* too little room left: a new page */
                continue;
            }
            if (L->rows && fresh && p->n == 1 && ya <= 0 && P->nb > 0 && avail < P->start[0] &&
                cap_h - run_h(P, c0, c1) - hh >= P->start[0]) {
                pg = NULL; /* the first row's chevron does not fit under the title */
                continue;
            }
            size_t from = ptr, sno = p->n_s + 1;
            if (rest <= avail + 1e-6) { /* the rest of the group */
                mark(P, order, n, ptr, body_h, sno);
                push_slice(p, P, (slice){g, c0, c1, ya, body_h, y, 0, 0}, order, n, from);
                pg->used = y + hh + rest;
                if (leg > 0) {
                    if (rest + leg > avail + 1e-6) pg = page_open(p, false, run_h(P, 0, 0));
                    pg->legend = true;
                    pg->legend_y = pg->used + (pg->s0 < pg->s1 ? 16 : 0);
                    pg->used = pg->legend_y + pc->legend_h;
                }
                break;
            }
            double yb, next = cut(P, g, order, n, &ptr, sno, ya, avail, fresh, &yb);
            if (next <= ya + 1e-6 && !fresh) { /* nothing fits below the group above */
                for (size_t i = from; i < n; i++)
                    if (P->slice_of[order[i]] == sno) P->slice_of[order[i]] = 0;
                ptr = from;
                pg = NULL;
                continue;
            }
            push_slice(p, P, (slice){g, c0, c1, ya, yb, y, 0, 0}, order, n, from);
            pg->used = y + hh + (yb - ya);
            pg = NULL;
            ya = next;
            if (ya >= body_h - 1e-6) {
                if (leg > 0) {
                    pg = page_open(p, false, run_h(P, 0, 0));
                    pg->legend = true;
                    pg->legend_y = pg->used;
                    pg->used += pc->legend_h;
                }
                break;
            }
        }
    }
}

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

/* An auto page in rows is about as wide as A4 is tall: phases as rows are
 * for reading down a screen or a phone, and lanes that would make it
 * wider wrap into tiers (a page of every lane side by side would be as
 * wide as the columns layout, and no easier to read). */
#define ROWS_AUTO_W 792.0

/* The rows layout's width at full size: the paper's within the margins
 * (*paper true), or an auto page's. */
double cj_lay_rows_width(const cjmap_layout_options *o, bool *paper) {
    double pw, ph;
    *paper = paper_size(o, &pw, &ph);
    return *paper ? pw - 2 * CJ_MARGIN : ROWS_AUTO_W;
}

/* The most columns of CJ_COL_PAPER_MIN that one sheet of the paper holds at the
 * smallest text size (0 on auto pages). */
size_t cj_lay_max_per_group(const cjmap_layout_options *o) {
    double pw, ph;
    if (!paper_size(o, &pw, &ph)) return 0;
    double avail = (pw - 2 * CJ_MARGIN) / (CJMAP_MIN_TEXT_SIZE / MIN_FONT);
    double k = floor((avail - CJ_LABEL_W) / CJ_COL_PAPER_MIN);
    return k >= 1 ? (size_t)k : 1;
}

/* The columns of natural width W one sheet holds at the smallest text size. */
size_t cj_lay_per_group(double W, const cjmap_layout_options *o) {
    double pw, ph;
    if (!paper_size(o, &pw, &ph) || !(W > 0)) return 1;
    double cols = (pw - 2 * CJ_MARGIN) / (CJMAP_MIN_TEXT_SIZE / MIN_FONT) - CJ_LABEL_W;
    return (size_t)fmax(1, floor(cols / W));
}

/* On fixed paper the columns share the paper's width instead of keeping
 * their natural width and being scaled or dealt onto more pages: a five-phase
 * journey on A3 should be one sheet wide.  Columns narrow to what fits at
 * full size, or else at the smallest scale text may take, but never below
 * CJ_COL_PAPER_MIN.  When they must be dealt into groups anyway (`fit` none),
 * the groups are `per_group` columns at most (0: as many as keep their
 * natural width), balanced, and the columns widen to fill the sheet
 * (within CJ_COL_MAX): wider columns wrap less, so the lanes get shorter
 * and the pages fewer, and no sheet has a third of its width blank. */
double cj_lay_fit_columns(double W, size_t n, const cjmap_layout_options *o, size_t per_group) {
    double pw, ph;
    if (!n || !paper_size(o, &pw, &ph)) return W;
    double avail = pw - 2 * CJ_MARGIN, s_min = CJMAP_MIN_TEXT_SIZE / MIN_FONT;
    double fit = floor((avail - CJ_LABEL_W) / (double)n / 4) * 4, least = CJ_COL_MIN;
    if (fit < CJ_COL_MIN) { /* at the smallest text, where a column may be a little narrower */
        fit = floor((avail / s_min - CJ_LABEL_W) / (double)n / 4) * 4;
        if (o->fit == CJMAP_FIT_NONE) least = CJ_COL_PAPER_MIN;
    }
    if (fit >= least || o->fit != CJMAP_FIT_NONE) return fit >= least && fit < W ? fit : W;
    double cols = avail / s_min - CJ_LABEL_W;
    size_t k = per_group ? per_group : cj_lay_per_group(W, o);
    size_t G = (n + k - 1) / k, kb = (n + G - 1) / G;
    double w = floor(cols / (double)kb / 4) * 4;
    return fmax(CJ_COL_PAPER_MIN, fmin(CJ_COL_MAX, w));
}

/* A last page less full than this is a sliver: the plan is rebalanced. */
#define SLIVER 0.25

void cj_lay_paginate(lay *L, const cjmap_layout_options *o) {
    const double M = CJ_MARGIN;
    double max_side = !(o->max_side > 0)                  ? CJMAP_DEFAULT_PAGE_SIDE
                      : o->max_side < CJMAP_MAX_PAGE_SIDE ? o->max_side
                                                          : CJMAP_MAX_PAGE_SIDE;
    if (max_side < 400) max_side = 400;
    page_ctx pc = {0};
    pc.max_side = max_side;
    size_t n = L->n_cols;
    double full_w = group_w(L, 0, n);
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
        if (L->rows && s < s_min)
            pc.scale = fmax(s_min, fmin(1, sw)); /* the width it was made for */
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
    /* Column groups, balanced: sizes differ by at most one, larger ones
     * first (7 columns, 3 to a page: 3 + 2 + 2, not 3 + 3 + 1). */
    size_t k = (size_t)fmax(1, floor((pc.cap_w - CJ_LABEL_W) / L->W));
    if (k > n || L->rows) k = n ? n : 1; /* rows: one group */
    size_t G = n ? (n + k - 1) / k : 1;
    size_t base = n / G, extra = n % G;
    k = base + (extra > 0);
    double first_w = group_w(L, 0, k);
    pc.title_w = fmin(first_w, pc.cap_w);
    pc.legend_w = pc.run_w = pc.title_w;
    pc.title_h = cj_lay_build_title(L, &pc.title, pc.title_w);
    pc.legend_h = cj_lay_build_legend(L, &pc.legend, pc.legend_w);
    planner P = {0};
    planner_init(&P, L, &pc, G);
    L->R.page_h = pc.cap_h;
    if (pc.fixed) { /* the least area: as one band, or as the groups with their own lanes */
        double a = pc.title_w * (pc.title_h + 16) +
                   (pc.legend_h > 0 ? pc.legend_w * (16 + pc.legend_h) : 0);
        for (size_t g = 0; g < G; g++) {
            size_t c0, c1;
            group_cols(&P, g, &c0, &c1);
            a += group_w(L, c0, c1) * (L->header_h + P.body_h[g]);
        }
        L->area = fmin(a, L->full_w * L->full_h);
    }
    pvec plan = {0};
    plan.atoms = xcalloc(L->n_atoms + 1, sizeof *plan.atoms);
    /* Breaks between lanes read better than breaks inside one: taken
     * wherever they cost no page. */
    P.lane_break = LANE_BREAK_TIGHT;
    plan_pages(&P, pc.cap_h, &plan);
    if (pc.fixed && plan.n > 1) {
        size_t tight = plan.n;
        P.lane_break = LANE_BREAK_LOOSE;
        plan_pages(&P, pc.cap_h, &plan);
        if (plan.n > tight) {
            P.lane_break = LANE_BREAK_TIGHT;
            plan_pages(&P, pc.cap_h, &plan);
        }
    }
    /* A last page less than a quarter full: give the pages less height
     * each, in steps, until the last one has a fair share (same number of
     * pages), or keep the first plan when no step does. */
    const plan_page *last = &plan.v[plan.n - 1];
    if (pc.fixed && plan.n > 1 && pc.cap_h < 1e11 && last->used < SLIVER * pc.cap_h) {
        size_t pages = plan.n;
        double f_ok = 0;
        for (int step = 1; step <= 16; step++) { /* 97 % of the height down to 52 % */
            double f = 1 - 0.03 * step;
            plan_pages(&P, pc.cap_h * f, &plan);
            if (plan.n > pages) break;
            if (plan.n < pages || plan.v[plan.n - 1].used >= SLIVER * pc.cap_h) {
                f_ok = f;
                break;
            }
        }
        plan_pages(&P, f_ok > 0 ? pc.cap_h * f_ok : pc.cap_h, &plan);
    }
    /* Emit: each page draws what the plan lists for it. */
    for (size_t i = 0; i < plan.n; i++)
        emit_page(L, &P, &pc, &plan, i);
    planner_free(&P);
    free(plan.v);
    free(plan.s);
    free(plan.atoms);
    free(pc.title.v);
    free(pc.legend.v);
}
