/*
** layout_rows.c — the rows layout (cjmap_arrange ROWS): the phases run top
** to bottom, each a horizontal band with its name and statement at the
** left, the emotion curve running down beside the names, and its lanes'
** cells side by side.  For A4 reports and phones, where a wall map's
** columns would be dealt onto a dozen pages.
**
** What it shares with the columns layout: the cards (lane_class.cell draws
** a phase's cell at any x and width), the curve (layout_curve.c works in
** (along, value) coordinates and turns them for rows), the legend, and
** the pagination (layout_pages.c plans with the phase rows as its bands:
** pages break between rows, or inside a row taller than a page at a y no
** card crosses, and every page repeats the lane headings).
**
** Lanes that do not fit side by side at CJMAP_MIN_TEXT_SIZE wrap into
** tiers (balanced, in the lanes' order), so a lane never gets so narrow
** that its cards read as a column of single words.
*/
#include "labels.h"
#include "layout_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define ROWS_PH_W     112.0 /* the phase column */
#define ROWS_PLOT     76.0  /* the curve's plot across its column, scale.min to scale.max */
#define ROWS_LANE_MIN 124.0 /* a lane's narrowest column unless its class says (rows_w) */
#define ROWS_LINE_W   12.0  /* a blueprint line between two lanes of a tier */
#define ROWS_LINE_H   10.0  /* ... between two tiers */
#define ROWS_CHEV     6.0   /* a phase chevron's downward point */
#define ROWS_MIN_W    360.0 /* the rows are never narrower (the title above them) */

/* The room for phase p's name in its chevron. */
static double name_w(const lay *L, size_t p) {
    return L->R.ph_w - 2 * PAD - 6 - (L->m->phases[p].moment_of_truth ? MOT_W : 0);
}

static bool is_col(const lay *L, int li) { /* a lane with a column of cells */
    return !L->lanes[li].cls->line && li != L->emo_lane;
}

/* The narrowest column lane li's cells read well in. */
static double min_w(const lay *L, int li) {
    double w = L->lanes[li].cls->rows_w;
    return w > 0 ? w : ROWS_LANE_MIN;
}

/* Lane li's natural width: what its widest cell wants in any phase, at
 * least min_w(), at most CJ_COL_MAX. */
static double natural_w(lay *L, int li) {
    const lane_info *ln = &L->lanes[li];
    double W = min_w(L, li);
    for (size_t p = 0; ln->cls->measure && p < L->m->n_phases; p++) {
        double need = 0, longest = 0;
        ln->cls->measure(L, ln, p, &need, &longest);
        W = fmax(W, fmax(need, longest / 3 + 2 * PAD + 2 * CPAD + 4));
    }
    return fmin(ceil(W / 4) * 4, CJ_COL_MAX);
}

/* Lane li's cards a phase, on average. */
static double cards(const lay *L, int li) {
    const lane_info *ln = &L->lanes[li];
    size_t n = 0;
    for (size_t p = 0; p < L->m->n_phases; p++)
        n += ln->cls->count(L, ln, p);
    return L->m->n_phases ? (double)n / (double)L->m->n_phases : 0;
}

/* The width of lane li's column when its cells flow into R.sub[li]
 * columns of width w each. */
static double sub_w(const lay *L, int li, double w) {
    int k = L->R.sub[li] > 1 ? L->R.sub[li] : 1;
    return k * w + (k - 1) * GAP;
}

/* The width lane columns [c, c1) of cols need side by side: their
 * narrowest, and a line between two of them. */
static double run_min(const lay *L, const int *cols, int c, int c1) {
    double w = 0;
    for (int i = c; i < c1; i++)
        w += min_w(L, cols[i]) + (i > c && L->lanes[cols[i] - 1].cls->line ? ROWS_LINE_W : 0);
    return w;
}

/* Places the n lane columns `cols` in T tiers for a content width `avail`
 * (0: auto pages, natural widths in one tier); returns false when a tier
 * cannot hold its lanes at their narrowest.  The tiers keep the lanes'
 * order and are balanced: the split that needs the least width for its
 * widest tier (a few lanes: all splits are tried).  A tier's lanes share
 * its width in proportion to their narrowest. */
static bool place(lay *L, const int *cols, int n, int T, double avail) {
    rows_geom *R = &L->R;
    double fixed = R->ph_w + R->cv_w;
    /* best[t][i]: the least widest tier for cols[0..i) in t tiers; cut
     * where the last of them starts. */
    size_t N = (size_t)n + 1;
    double *best = xcalloc((size_t)(T + 1) * N, sizeof *best);
    int *from = xcalloc((size_t)(T + 1) * N, sizeof *from);
    for (size_t i = 0; i < (size_t)(T + 1) * N; i++)
        best[i] = INFINITY;
    best[0] = 0;
    for (int t = 1; t <= T; t++)
        for (int i = 1; i <= n; i++)
            for (int j = t - 1; j < i; j++) {
                double v = fmax(best[(size_t)(t - 1) * N + (size_t)j], run_min(L, cols, j, i));
                if (v < best[(size_t)t * N + (size_t)i] - 1e-9) {
                    best[(size_t)t * N + (size_t)i] = v;
                    from[(size_t)t * N + (size_t)i] = j;
                }
            }
    int *start = xcalloc((size_t)T + 1, sizeof *start);
    start[T] = n;
    for (int t = T, i = n; t > 0; t--)
        i = start[t - 1] = from[(size_t)t * N + (size_t)i];
    bool ok = avail <= 0 || best[(size_t)T * N + (size_t)n] <= avail - fixed + 1e-9;
    R->n_tiers = T;
    R->w = fixed;
    for (int t = 0; t < T; t++) {
        int c = start[t], c1 = start[t + 1];
        double need = run_min(L, cols, c, c1), lines = 0;
        for (int i = c + 1; i < c1; i++)
            lines += L->lanes[cols[i] - 1].cls->line ? ROWS_LINE_W : 0;
        /* Spare width goes to the lanes with the most cards a phase, one
         * more column for their cells at a time (cards then flow down and
         * across: a phase with 25 touchpoints is not a row 25 cards tall
         * beside empty lanes), while such a column would hold two cards. */
        double spare = avail - fixed - need, base = 0;
        for (int i = c; i < c1; i++)
            R->sub[cols[i]] = 1;
        for (;;) {
            int pick = -1;
            double most = 2 - 1e-9;
            for (int i = c; avail > 0 && i < c1; i++) {
                double v = cards(L, cols[i]) / (R->sub[cols[i]] + 1); /* after adding one */
                if (v > most && min_w(L, cols[i]) + GAP <= spare) most = v, pick = cols[i];
            }
            if (pick < 0) break;
            R->sub[pick]++;
            spare -= min_w(L, pick) + GAP;
        }
        for (int i = c; i < c1; i++)
            base += sub_w(L, cols[i], min_w(L, cols[i]));
        double f = avail > 0 ? (avail - fixed - lines) / base : 0;
        double x = fixed;
        for (int i = c; i < c1; i++) {
            int li = cols[i], ln = li > 0 && L->lanes[li - 1].cls->line ? li - 1 : -1;
            if (ln >= 0) { /* the line before this lane: a strip in the tier, or across */
                R->tier[ln] = t;
                R->across[ln] = i == c;
                R->lx[ln] = R->across[ln] ? fixed : x;
                R->lw[ln] = R->across[ln] ? 0 : ROWS_LINE_W;
                x += R->lw[ln];
            }
            double b = sub_w(L, li, min_w(L, li));
            double w = avail > 0 ? fmax(b, floor(b * f / 4) * 4) : natural_w(L, li);
            R->tier[li] = t, R->lx[li] = x, R->lw[li] = fmin(w, sub_w(L, li, CJ_COL_MAX));
            x += R->lw[li];
        }
        R->w = fmax(R->w, x);
    }
    for (int li = 0; li < L->n_lanes; li++)
        if (L->lanes[li].cls->line && R->across[li]) R->lw[li] = R->w - fixed;
    free(best);
    free(from);
    free(start);
    return ok;
}

/* The width of the label of line li, a strip in a tier (centred on it,
 * within the two lanes it separates: *half each side). */
static double strip_label_w(lay *L, int li, double *half) {
    const rows_geom *R = &L->R;
    double cx = R->lx[li] + R->lw[li] / 2;
    double h = fmin(R->lx[li] - R->lx[li - 1], R->lx[li + 1] + R->lw[li + 1] - cx) - PAD;
    if (half) *half = h;
    return fmin(cj_lay_natural_w(L, L->lanes[li].label, F_TAG) + 1, fmax(2 * h - 2 * PAD, 20));
}

static double tag_h(lay *L, const char *s, double w) {
    cj_lay_measure(L, s, F_TAG, w);
    return L->mb.h;
}

/* The heading's geometry: each tier's headings, a line's label under its
 * tier's headings (a strip in a tier) or between two tiers' (across). */
static void heading_geometry(lay *L) {
    rows_geom *R = &L->R;
    R->head_y = xcalloc((size_t)R->n_tiers + 1, sizeof *R->head_y);
    double y = 0;
    for (int t = 0; t < R->n_tiers; t++) {
        for (int li = 0; li < L->n_lanes; li++) /* an across line's label first */
            if (L->lanes[li].cls->line && R->across[li] && R->tier[li] == t)
                y += tag_h(L, L->lanes[li].label, R->w - R->ph_w - R->cv_w - 2 * PAD) + 4;
        R->head_y[t] = y;
        double h = 0, tags = 0;
        for (int li = 0; li < L->n_lanes; li++) {
            lane_info *ln = &L->lanes[li];
            if (R->tier[li] != t || li == L->emo_lane) continue;
            if (ln->cls->line) {
                if (!R->across[li])
                    tags = fmax(tags, tag_h(L, ln->label, strip_label_w(L, li, NULL)));
                continue;
            }
            cj_lay_measure(L, ln->label, F_LANE, R->lw[li] - 2 * PAD);
            ln->label_h = L->mb.h;
            h = fmax(h, L->mb.h);
        }
        y += PAD + h + (tags > 0 ? 2 + tags : 0) + PAD / 2;
    }
    double left = 0; /* the phase and curve columns' headings */
    cj_lay_measure(L, cj_word_text(L->loc, CJ_W_PHASES), F_LANE, R->ph_w - 2 * PAD);
    left = PAD + L->mb.h + PAD;
    if (L->emo_lane >= 0) {
        lane_info *ln = &L->lanes[L->emo_lane];
        cj_lay_measure(L, ln->label, F_LANE, R->cv_w - 2 * PAD);
        ln->label_h = L->mb.h;
        left = fmax(left, PAD + ln->label_h + 4 + F_META.size * 1.4 + PAD / 2);
    }
    R->head_h = ceil(fmax(y, left) / 4) * 4;
    L->header_h = L->header_compact_h = R->head_h;
}

static int tiers(lay *L, const int *cols, int n, double avail) {
    int T = 1;
    while (avail > 0 && T < n && !place(L, cols, n, T, avail))
        T++;
    return T;
}

void cj_lay_rows_plan(lay *L, double avail, bool paper, int extra) {
    rows_geom *R = &L->R;
    size_t nl = (size_t)L->n_lanes + 1;
    R->lx = xcalloc(nl, sizeof *R->lx);
    R->lw = xcalloc(nl, sizeof *R->lw);
    R->tier = xcalloc(nl, sizeof *R->tier);
    R->sub = xcalloc(nl, sizeof *R->sub);
    R->across = xcalloc(nl, sizeof *R->across);
    /* The phase column widens (a little at a time, to twice its width)
     * while some name would take more than five lines: a name of one
     * absurd word must not make its chevron taller than a page. */
    for (R->ph_w = ROWS_PH_W; R->ph_w < 2 * ROWS_PH_W; R->ph_w += 24) {
        double h = 0;
        for (size_t p = 0; p < L->m->n_phases; p++) {
            cj_lay_measure(L, L->phase_name[p], F_PHASE, name_w(L, p));
            h = fmax(h, L->mb.h);
        }
        if (h <= 5 * F_PHASE.size * 1.3) break;
    }
    R->cv_x = R->ph_w;
    R->cv_w = L->emo_lane >= 0 ? ROWS_PLOT + 2 * EMO_INSET : 0;
    L->plot_len = ROWS_PLOT;
    int *cols = xcalloc(nl, sizeof *cols), n = 0;
    for (int li = 0; li < L->n_lanes; li++)
        if (is_col(L, li)) cols[n++] = li;
    /* As few tiers as keep every lane at its narrowest, at full size or
     * else at the smallest text size (a tier fewer is worth 7 % smaller
     * text: it makes every row about half as tall); one lane a tier at
     * natural widths when even that is too wide (no paper is that narrow). */
    double s_min = CJMAP_MIN_TEXT_SIZE / MIN_FONT;
    int T = tiers(L, cols, n, avail);
    if (paper && tiers(L, cols, n, avail / s_min) < T) avail /= s_min;
    T = tiers(L, cols, n, avail);
    /* More tiers than needed: more width in each for busy lanes' cells to
     * flow across (a candidate layout, cjmap_layout_new). */
    if (extra > 0 && T + extra <= n) T += extra;
    if (!place(L, cols, n, T, avail)) place(L, cols, n, T, 0);
    free(cols);
    R->w = fmax(R->w, ROWS_MIN_W); /* room for the title when there are no lanes */
    heading_geometry(L);
}

/* Phase p's chevron: its height (*chev, the name inside) and the band it
 * takes at the top of its row with its point below it (the return value). */
static double chevron_band(lay *L, size_t p, double *chev) {
    cj_lay_measure(L, L->phase_name[p], F_PHASE, name_w(L, p));
    double ch = (p > 0 ? ROWS_CHEV : 0) + L->mb.h + 10;
    if (chev) *chev = ch;
    return 4 + ch + ROWS_CHEV + 4;
}

/* The room phase p's points want along its row. */
static double curve_need(const lay *L, size_t p) {
    if (L->emo_lane < 0) return 0;
    const lane_info *ln = &L->lanes[L->emo_lane];
    size_t k = ln->cls->count(L, ln, p); /* the phase's scores on the scale */
    if (!k) return 0;
    return 2 * PAD + (k >= CJ_BUSY_PHASE ? 24 : 16 * (double)k);
}

/* The atoms a0.. of a cell, drawn one under the other down to cy, flow
 * into k columns `inner` wide: contiguous runs (the reading order goes
 * down, then across), the tallest as short as it can be.  Returns the
 * cell's new end (cy of the tallest column). */
static double flow_cell(lay *L, size_t a0, double cy, int k, double inner) {
    size_t n = L->n_atoms - a0;
    if (n < 2) return cy;
    atom *A = L->atoms + a0;
    double *slot = xcalloc(n, sizeof *slot), lo = 0, hi = 0;
    for (size_t i = 0; i < n; i++) { /* each card with the gap after it */
        slot[i] = (i + 1 < n ? A[i + 1].box.y : cy) - A[i].box.y;
        lo = fmax(lo, slot[i]), hi += slot[i];
    }
    /* The least height for the tallest column: bisect on it; a greedy
     * fill tells whether k columns hold the cards. */
    for (int it = 0; it < 40 && hi - lo > 0.5; it++) {
        double cap = (lo + hi) / 2, col = 0;
        int used = 1;
        for (size_t i = 0; i < n; i++) {
            if (col > 0 && col + slot[i] > cap + 1e-9) used++, col = 0;
            col += slot[i];
        }
        if (used <= k)
            hi = cap;
        else
            lo = cap;
    }
    double top = A[0].box.y, col = 0, tallest = 0;
    int c = 0;
    for (size_t i = 0; i < n; i++) {
        if (col > 0 && col + slot[i] > hi + 1e-9 && c + 1 < k) c++, col = 0;
        double dx = c * (inner + GAP), dy = top + col - A[i].box.y;
        A[i].box.x += dx, A[i].box.y += dy, A[i].dx += dx, A[i].dy += dy;
        col += slot[i];
        tallest = fmax(tallest, col);
    }
    free(slot);
    return top + tallest;
}

void cj_lay_rows_build(lay *L) {
    rows_geom *R = &L->R;
    const cjmap_model *m = L->m;
    size_t np = m->n_phases, T = (size_t)R->n_tiers;
    R->top = xcalloc(np + 1, sizeof *R->top);
    R->h = xcalloc(np + 1, sizeof *R->h);
    R->start = xcalloc(np + 1, sizeof *R->start);
    R->cont = xcalloc(np + 1, sizeof *R->cont);
    R->stmt_end = xcalloc(np + 1, sizeof *R->stmt_end);
    R->ttop = xcalloc(np * T + 1, sizeof *R->ttop);
    R->th = xcalloc(np * T + 1, sizeof *R->th);
    double y = 0;
    for (size_t p = 0; p < np; p++) {
        R->top[p] = y;
        double ty = y;
        for (size_t t = 0; t < T; t++) {
            for (int li = 0; li < L->n_lanes; li++)
                if (L->lanes[li].cls->line && R->across[li] && (size_t)R->tier[li] == t)
                    ty += ROWS_LINE_H;
            double h = 2 * PAD;
            for (int li = 0; li < L->n_lanes; li++) {
                if (!is_col(L, li) || (size_t)R->tier[li] != t) continue;
                double cy = ty + PAD;
                int k = R->sub[li] > 1 ? R->sub[li] : 1;
                double inner = (R->lw[li] - 2 * PAD - (k - 1) * GAP) / k;
                size_t a0 = L->n_atoms;
                L->lanes[li].cls->cell(L, li, p, R->lx[li] + PAD, &cy, inner);
                if (k > 1) cy = flow_cell(L, a0, cy, k, inner);
                h = fmax(h, cy - GAP - ty + PAD);
            }
            R->ttop[p * T + t] = ty;
            R->th[p * T + t] = ceil(h / 4) * 4;
            ty += R->th[p * T + t];
        }
        /* The phase's statement under its chevron: an atom, so that a page
         * never cuts it (a page that continues the row repeats the chevron
         * above it, cj_lay_rows_cont). */
        double band = chevron_band(L, p, NULL), need = band + PAD - 4;
        if (L->phase_stmt[p]) {
            size_t first = L->body.n;
            double sh =
                cj_lay_text(L, &L->body, L->phase_stmt[p], F_STMT, L->th.soft, PAD, y + band,
                            R->ph_w - 2 * PAD, cj_lay_origin(CJ_O_STATEMENT, (int32_t)p, 0), NULL);
            cj_lay_atom_add(L, first, (int)p, -1);
            need += sh;
            R->stmt_end[p] = y + band + sh;
        }
        R->cont[p] = band;
        R->start[p] = need; /* a row starts on a page with its chevron and statement */
        need = fmax(need, curve_need(L, p));
        double rh = ceil(fmax(ty - y, need) / 4) * 4;
        R->th[p * T + T - 1] += rh - (ty - y); /* the last tier takes what is left */
        R->h[p] = rh;
        y += rh;
    }
    L->body_h = y;
    if (L->emo_lane >= 0) {
        L->lanes[L->emo_lane].top = 0;
        L->lanes[L->emo_lane].h = y;
        cj_lay_build_emotions(L, L->emo_lane, 0);
    }
}

void cj_lay_rows_free(lay *L) {
    rows_geom *R = &L->R;
    free(R->lx);
    free(R->lw);
    free(R->tier);
    free(R->sub);
    free(R->across);
    free(R->top);
    free(R->h);
    free(R->start);
    free(R->cont);
    free(R->stmt_end);
    free(R->ttop);
    free(R->th);
    free(R->head_y);
    memset(R, 0, sizeof *R);
}

/* ------------------------------------------------------------------ */
/* Drawing a page's part                                               */
/* ------------------------------------------------------------------ */

static void set_cells(ivec *v, size_t from, cj_rect cell) {
    for (size_t i = from; i < v->n; i++)
        v->v[i].cell = cell;
}

void cj_lay_rows_heading(lay *L, ivec *v) {
    const rows_geom *R = &L->R;
    const theme *t = &L->th;
    double H = R->head_h;
    size_t f = v->n;
    cj_lay_text(L, v, cj_word_text(L->loc, CJ_W_PHASES), F_LANE, t->soft, PAD, PAD,
                R->ph_w - 2 * PAD, cj_lay_origin(CJ_O_LANE_LABEL, -1, 0), NULL);
    set_cells(v, f, (cj_rect){0, 0, R->ph_w, H});
    if (L->emo_lane >= 0) { /* the curve's heading and its scale's ticks */
        const lane_info *ln = &L->lanes[L->emo_lane];
        cj_origin o = cj_lay_origin(CJ_O_LANE, ln->oid, 0);
        f = v->n;
        cj_lay_text(L, v, ln->label, F_LANE, t->text, R->cv_x + PAD, PAD, R->cv_w - 2 * PAD,
                    cj_lay_origin(CJ_O_LANE_LABEL, ln->oid, 0), NULL);
        const cjmap_scale *sc = &L->scale;
        const int ticks[] = {sc->min, sc->neutral, sc->max};
        double ty = PAD + ln->label_h + 4;
        for (size_t k = 0; k < 3; k++) {
            if (k == 1 && (sc->neutral == sc->min || sc->neutral == sc->max)) continue;
            char d[16];
            int dn = cj_tick_text(sc, ticks[k], d, sizeof d);
            const char *ds = cj_dl_strndup(L->dl, d, (size_t)dn);
            double w = cj_lay_natural_w(L, ds, F_META), x = cj_lay_score_y(L, ticks[k]) - w / 2;
            x = fmin(fmax(x, R->cv_x + 1), R->cv_x + R->cv_w - 1 - w);
            cj_lay_text(L, v, ds, F_META, t->soft, x, ty, w + 1, o, NULL);
        }
        set_cells(v, f, (cj_rect){R->cv_x, 0, R->cv_w, H});
    }
    for (int li = 0; li < L->n_lanes; li++) {
        const lane_info *ln = &L->lanes[li];
        if (li == L->emo_lane) continue;
        double hy = R->head_y[R->tier[li]];
        f = v->n;
        if (!ln->cls->line) {
            cj_lay_text(L, v, ln->label, F_LANE, t->text, R->lx[li] + PAD, hy + PAD,
                        R->lw[li] - 2 * PAD, cj_lay_origin(CJ_O_LANE_LABEL, ln->oid, 0), NULL);
            set_cells(v, f, (cj_rect){R->lx[li], hy, R->lw[li], H - hy});
            continue;
        }
        cj_origin o = cj_lay_origin(CJ_O_LINE, ln->oid, 0);
        double x0 = R->ph_w + R->cv_w;
        if (R->across[li]) { /* its label above the tier it opens, then the line's sample */
            double lh = tag_h(L, ln->label, R->w - x0 - 2 * PAD), ly = hy - lh - 4, tw;
            cj_lay_text(L, v, ln->label, F_TAG, t->soft, x0 + PAD, ly + 2, R->w - x0 - 2 * PAD, o,
                        &tw);
            double sx = x0 + PAD + tw + 6, sy = ly + 2 + lh / 2;
            if (sx < R->w - 2 * PAD) {
                cj_pseg s[2] = {{CJ_P_MOVE, {sx}, {sy}}, {CJ_P_LINE, {R->w - PAD}, {sy}}};
                cj_lay_path(L, v, s, 2, cj_lay_stroke(t->line, 1.1, CJ_DASH_DASHED), o);
            }
            set_cells(v, f, (cj_rect){x0, ly, R->w - x0, hy - ly});
            continue;
        }
        /* Under its tier's headings, centred on the line and kept within
         * the two lanes it separates. */
        double cx = R->lx[li] + R->lw[li] / 2, lh = 0;
        for (int j = 0; j < L->n_lanes; j++)
            if (R->tier[j] == R->tier[li] && is_col(L, j)) lh = fmax(lh, L->lanes[j].label_h);
        double half, w = strip_label_w(L, li, &half);
        cj_lay_text(L, v, ln->label, F_TAG, t->soft, cx - w / 2, hy + PAD + lh + 2, w, o, NULL);
        set_cells(v, f, (cj_rect){cx - half, hy, 2 * half, H - hy});
    }
    cj_lay_rect(v, 0, H - 0.6, R->w, 0.6, 0, cj_lay_fill(t->rule), CJ_ROLE_DECOR,
                cj_lay_origin(CJ_O_LANE, -1, 0));
}

/* Phase p's chevron at y, pointing down to the next phase, its name
 * inside: at the top of its row, and above a page's body that continues
 * the row.  (The statement under it is an atom of the body.) */
static void phase_cell(lay *L, ivec *v, size_t p, double y, cj_rect cell) {
    const rows_geom *R = &L->R;
    const theme *t = &L->th;
    cj_origin o = cj_lay_origin(CJ_O_PHASE, (int32_t)p, 0);
    size_t f = v->n;
    double ch;
    chevron_band(L, p, &ch);
    double l = 4, r = R->ph_w - 4, y0 = y + 4, y1 = y0 + ch, notch = p > 0 ? ROWS_CHEV : 0;
    cj_pseg s[7];
    size_t n = 0;
    s[n++] = (cj_pseg){CJ_P_MOVE, {l}, {y0}};
    if (notch > 0) s[n++] = (cj_pseg){CJ_P_LINE, {(l + r) / 2}, {y0 + notch}};
    s[n++] = (cj_pseg){CJ_P_LINE, {r}, {y0}};
    s[n++] = (cj_pseg){CJ_P_LINE, {r}, {y1}};
    s[n++] = (cj_pseg){CJ_P_LINE, {(l + r) / 2}, {y1 + ROWS_CHEV}};
    s[n++] = (cj_pseg){CJ_P_LINE, {l}, {y1}};
    s[n++] = (cj_pseg){CJ_P_CLOSE, {0}, {0}};
    cj_lay_path(L, v, s, n, cj_lay_fill(t->accent), o);
    v->v[v->n - 1].role = CJ_ROLE_DECOR;
    double nx = PAD + 2, nw = name_w(L, p);
    if (L->m->phases[p].moment_of_truth) {
        cj_lay_mot_marker(L, v, nx, y0 + notch + 5, 9, o);
        nx += MOT_W;
    }
    cj_lay_text(L, v, L->phase_name[p], F_PHASE, t->on_accent, nx, y0 + notch + 5, nw, o, NULL);
    set_cells(v, f, cell);
}

static int continued(const lay *L, double ya);

void cj_lay_rows_slice(lay *L, ivec *v, double ya, double yb) {
    const rows_geom *R = &L->R;
    const theme *t = &L->th;
    size_t np = L->m->n_phases, T = (size_t)R->n_tiers;
    double x0 = R->ph_w + R->cv_w;
    for (size_t p = 0; p < np; p++) {
        double a = fmax(R->top[p], ya), b = fmin(R->top[p] + R->h[p], yb);
        if (b - a < 0.5) continue;
        cj_origin ro = cj_lay_origin(CJ_O_LANE, -1, (int32_t)p);
        /* The lanes' cells, each in its lane's band colour: the lanes read
         * as columns down the page. */
        for (int li = 0; li < L->n_lanes; li++) {
            const lane_info *ln = &L->lanes[li];
            if (!is_col(L, li)) continue;
            size_t k = p * T + (size_t)R->tier[li];
            double ca = fmax(R->ttop[k], a), cb = fmin(R->ttop[k] + R->th[k], b);
            if (cb - ca < 0.01) continue;
            cj_lay_rect(v, R->lx[li], ca, R->lw[li], cb - ca, 0,
                        cj_lay_fill(ln->band % 2 ? t->band_alt : t->band), CJ_ROLE_DECOR,
                        cj_lay_origin(CJ_O_LANE, ln->oid, (int32_t)p));
            if (R->tier[li] > 0 && R->ttop[k] >= a - 1e-9) /* between two tiers */
                cj_lay_rect(v, R->lx[li], R->ttop[k], R->lw[li], 0.6, 0, cj_lay_fill(t->grid),
                            CJ_ROLE_DECOR, ro);
        }
        if (L->emo_lane >= 0) { /* the plot: the negative side, the positive, neutral */
            cj_origin o = cj_lay_origin(CJ_O_LANE, L->lanes[L->emo_lane].oid, (int32_t)p);
            const cjmap_scale *sc = &L->scale;
            double lo = cj_lay_score_y(L, sc->min), mid = cj_lay_score_y(L, sc->neutral),
                   hi = cj_lay_score_y(L, sc->max);
            cj_lay_rect(v, lo, a, mid - lo, b - a, 0, cj_lay_fill(t->neg_tint), CJ_ROLE_DECOR, o);
            cj_lay_rect(v, mid, a, hi - mid, b - a, 0, cj_lay_fill(t->pos_tint), CJ_ROLE_DECOR, o);
            cj_pseg nl[2] = {{CJ_P_MOVE, {mid}, {a + 0.5}}, {CJ_P_LINE, {mid}, {b - 0.5}}};
            cj_lay_path(L, v, nl, 2, cj_lay_stroke(t->rule, 1, CJ_DASH_DASHED), o);
            v->v[v->n - 1].role = CJ_ROLE_DECOR;
            v->v[v->n - 1].cell = (cj_rect){R->cv_x, a, R->cv_w, b - a};
        }
        /* Lines across, between two tiers. */
        for (int li = 0; li < L->n_lanes; li++) {
            if (!L->lanes[li].cls->line || !R->across[li]) continue;
            double ly = R->ttop[p * T + (size_t)R->tier[li]] - ROWS_LINE_H / 2;
            if (ly < a || ly > b) continue;
            cj_pseg s[2] = {{CJ_P_MOVE, {x0 + 2}, {ly}}, {CJ_P_LINE, {R->w - 2}, {ly}}};
            size_t f = v->n;
            cj_lay_path(L, v, s, 2, cj_lay_stroke(t->line, 1.1, CJ_DASH_DASHED),
                        cj_lay_origin(CJ_O_LINE, L->lanes[li].oid, (int32_t)p));
            set_cells(v, f, (cj_rect){x0, ly - ROWS_LINE_H / 2, R->w - x0, ROWS_LINE_H});
        }
        /* The row's rule and its phase's chevron, where the row begins;
         * where a page continues it, the chevron again (or in the band). */
        if (R->top[p] >= ya - 1e-9) {
            cj_lay_rect(v, 0, R->top[p], R->w, 0.6, 0, cj_lay_fill(t->rule), CJ_ROLE_DECOR, ro);
            phase_cell(L, v, p, R->top[p], (cj_rect){0, a, R->ph_w, b - a});
        } else if (continued(L, ya) == (int)p && cj_lay_rows_cont(L, ya) <= 0) {
            phase_cell(L, v, p, ya, (cj_rect){0, a, R->ph_w, b - a});
        }
    }
    /* Rules between the columns; lines in a tier as dashed strips. */
    cj_origin go = cj_lay_origin(CJ_O_LANE, -1, -1);
    cj_lay_rect(v, R->ph_w - 0.3, ya, 0.6, yb - ya, 0, cj_lay_fill(t->grid), CJ_ROLE_DECOR, go);
    if (R->cv_w > 0)
        cj_lay_rect(v, x0 - 0.3, ya, 0.6, yb - ya, 0, cj_lay_fill(t->grid), CJ_ROLE_DECOR, go);
    for (int li = 0; li < L->n_lanes; li++) {
        if (!L->lanes[li].cls->line || R->across[li]) continue;
        double cx = R->lx[li] + R->lw[li] / 2;
        for (size_t p = 0; p < np; p++) { /* per row: the tier's part of it */
            size_t k = p * T + (size_t)R->tier[li];
            double a = fmax(R->ttop[k], ya), b = fmin(R->ttop[k] + R->th[k], yb);
            if (b - a < 6) continue;
            cj_pseg s[2] = {{CJ_P_MOVE, {cx}, {a + 2}}, {CJ_P_LINE, {cx}, {b - 2}}};
            size_t f = v->n;
            cj_lay_path(L, v, s, 2, cj_lay_stroke(t->line, 1.1, CJ_DASH_DASHED),
                        cj_lay_origin(CJ_O_LINE, L->lanes[li].oid, (int32_t)p));
            set_cells(v, f, (cj_rect){R->lx[li], a, R->lw[li], b - a});
        }
    }
    if (L->emo_lane >= 0) { /* the curve, split at the slice's ends */
        size_t f = v->n;
        cj_lay_curve_part(L, v, ya, yb);
        set_cells(v, f, (cj_rect){R->cv_x, ya - 1, R->cv_w, yb - ya + 2});
    }
}

cj_rect cj_lay_rows_cell(const lay *L, const atom *a, double ya, double yb) {
    const rows_geom *R = &L->R;
    size_t p = (size_t)a->col, T = (size_t)R->n_tiers;
    double top, h, x, w;
    if (a->lane < 0) { /* a statement */
        top = R->top[p], h = R->h[p], x = 0, w = R->ph_w;
    } else if (a->lane == L->emo_lane) {
        top = R->top[p], h = R->h[p], x = R->cv_x, w = R->cv_w;
    } else {
        size_t k = p * T + (size_t)R->tier[a->lane];
        top = R->ttop[k], h = R->th[k], x = R->lx[a->lane], w = R->lw[a->lane];
    }
    double ca = fmax(top, ya), cb = fmin(top + h, yb);
    return (cj_rect){x, ca, w, cb - ca};
}

/* A chevron taller than this share of a page (a name of absurd words) is
 * not repeated: the band would leave the page no room to advance. */
#define ROWS_CONT_MAX 0.25

/* The row a page's body starting at ya continues (ya inside it) and
 * whose chevron it repeats, or -1. */
static int continued(const lay *L, double ya) {
    const rows_geom *R = &L->R;
    for (size_t p = 0; p < L->m->n_phases; p++)
        if (R->top[p] < ya - 1e-6 && ya < R->top[p] + R->h[p] - 1e-6)
            return R->cont[p] <= ROWS_CONT_MAX * R->page_h ? (int)p : -1;
    return -1;
}

/* The chevron of a continued row goes into the body, at the top of the
 * phase column, unless the statement is still to come there: then into a
 * band above the body. */
double cj_lay_rows_cont(const lay *L, double ya) {
    int p = continued(L, ya);
    return p >= 0 && L->R.stmt_end[p] > ya + 1e-6 ? L->R.cont[p] : 0;
}

void cj_lay_rows_cont_band(lay *L, ivec *v, double ya) {
    int p = continued(L, ya);
    if (p >= 0 && cj_lay_rows_cont(L, ya) > 0)
        phase_cell(L, v, (size_t)p, 0, (cj_rect){0, 0, L->R.ph_w, L->R.cont[p]});
}
