/*
** layout_curve.c — the emotion curve (note 5 in layout.c): its points and
** lowest-point marks as atoms, Fritsch–Carlson tangents, and the part of
** the curve that one page shows, and the plot's band on a page.
*/
#include "labels.h"
#include "layout_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
    for (size_t i = 1; i + 1 < n; i++)
        m[i] = d[i - 1] * d[i] <= 0 ? 0 : (d[i - 1] + d[i]) / 2;
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

/* The emotion lane (lane_class.build): the curve's points, one atom each,
 * and the lowest points' rings and labels.  Returns the plot's height.
 *
 * A phase with up to CJ_BUSY_PHASE - 1 scores puts each on the curve,
 * spread across its column.  A busier phase would make a sawtooth no one
 * can read (12 experiences in one phase), so the curve passes through the
 * phase's mean at the column's centre, and a band there spans its lowest
 * to its highest score, with a dot on the band at each score that occurs,
 * larger the more cards have it: a reader matches a card's badge (4/5) to
 * the dot at 4, where a card number would add a second code to look up.
 * The lowest point is the curve's lowest (a mean, on a busy phase), marked
 * once in each phase where it lies, and only when it is below neutral. */
/* The curve lives in (along, value) coordinates: along the phases (x in
 * columns, y in rows) and the score's position across the plot (y in
 * columns, scale.max at the top; x in rows, scale.max at the right).
 * Points, tangents and page splits work on those; at() turns them into the
 * page's x and y. */
static void at(const lay *L, double a, double v, double *x, double *y) {
    *x = L->rows ? v : a;
    *y = L->rows ? a : v;
}

/* Where phase p's points go along the phases: its first point's room
 * starts at *start and is *inner long; a busy phase's mean sits at *mid. */
static void phase_span(const lay *L, size_t p, double *start, double *inner, double *mid) {
    if (L->rows) {
        *start = L->R.top[p] + PAD;
        *inner = L->R.h[p] - 2 * PAD;
        *mid = L->R.top[p] + L->R.h[p] / 2;
    } else {
        *start = cj_lay_col_x(L, p) + PAD;
        *inner = L->W - 2 * PAD;
        *mid = cj_lay_col_x(L, p) + L->W / 2;
    }
}

double cj_lay_build_emotions(lay *L, int li, double top) {
    const cjmap_model *m = L->m;
    const theme *t = &L->th;
    L->emo_lane = li;
    /* Columns: the plot's top (scale.max); rows: its left edge (scale.min). */
    L->plot_top = (L->rows ? L->R.cv_x : top) + EMO_INSET;
    size_t n = 0;
    for (size_t i = 0; i < m->n_experiences; i++)
        if (cj_lay_scored(L, &m->experiences[i])) n++;
    L->px = xcalloc(n, sizeof *L->px);
    L->py = xcalloc(n, sizeof *L->py);
    L->pm = xcalloc(n, sizeof *L->pm);
    L->pph = xcalloc(n, sizeof *L->pph);
    int32_t *pe = xcalloc(n, sizeof *pe); /* the experience, or -1 for a phase's mean */
    double *pv = xcalloc(n, sizeof *pv);  /* the score (or mean) of each point */
    double lo = INFINITY;                 /* the lowest value on the curve */
    int span = L->scale.max - L->scale.min;
    size_t *count = xcalloc((size_t)span + 1, sizeof *count);
    for (size_t p = 0; p < m->n_phases; p++) {
        size_t k = 0, j = 0;
        double sum = 0;
        for (size_t i = L->b_exp.start[p]; i < L->b_exp.start[p + 1]; i++) {
            const cjmap_experience *e = &m->experiences[L->b_exp.idx[i]];
            if (cj_lay_scored(L, e)) k++, sum += e->score;
        }
        if (!k) continue;
        double a0, inner, cx;
        phase_span(L, p, &a0, &inner, &cx);
        if (k >= CJ_BUSY_PHASE) {
            size_t first = L->body.n;
            cj_origin o = cj_lay_origin(CJ_O_CURVE, -2, (int32_t)p); /* the phase's range */
            memset(count, 0, ((size_t)span + 1) * sizeof *count);
            int smin = L->scale.max, smax = L->scale.min;
            for (size_t i = L->b_exp.start[p]; i < L->b_exp.start[p + 1]; i++) {
                const cjmap_experience *e = &m->experiences[L->b_exp.idx[i]];
                if (!cj_lay_scored(L, e)) continue;
                count[e->score - L->scale.min]++;
                if (e->score < smin) smin = e->score;
                if (e->score > smax) smax = e->score;
            }
            double va = cj_lay_score_y(L, smax), vb = cj_lay_score_y(L, smin);
            if (va > vb) { /* rows: scale.max at the right */
                double sw = va;
                va = vb, vb = sw;
            }
            double rx, ry;
            at(L, cx - 4, va - 4, &rx, &ry);
            cj_lay_rect(&L->body, rx, ry, L->rows ? vb - va + 8 : 8, L->rows ? 8 : vb - va + 8, 4,
                        cj_lay_both(t->range_tint, t->range, 0.6, CJ_DASH_SOLID), CJ_ROLE_INK, o);
            double step = L->plot_len / span;
            for (int sc = smin; sc <= smax; sc++) {
                size_t c = count[sc - L->scale.min];
                if (!c) continue;
                double r = fmin(fmin(1.8 + 0.9 * sqrt((double)(c - 1)), 3.8), step / 2 + 1.2);
                at(L, cx, cj_lay_score_y(L, sc), &rx, &ry);
                cj_lay_circle(L, &L->body, rx, ry, r, cj_lay_fill(t->range), o);
            }
            cj_lay_atom_add(L, first, (int)p, li);
            L->px[L->n_pts] = cx;
            L->py[L->n_pts] = cj_lay_score_y(L, sum / (double)k);
            pe[L->n_pts] = -1;
            pv[L->n_pts] = sum / (double)k;
            L->pph[L->n_pts++] = p;
            lo = fmin(lo, sum / (double)k);
            continue;
        }
        for (size_t i = L->b_exp.start[p]; i < L->b_exp.start[p + 1]; i++) {
            int32_t e = L->b_exp.idx[i];
            if (!cj_lay_scored(L, &m->experiences[e])) continue;
            int s = m->experiences[e].score;
            L->px[L->n_pts] = a0 + inner * ((double)j + 0.5) / (double)k;
            L->py[L->n_pts] = cj_lay_score_y(L, s);
            pe[L->n_pts] = e;
            pv[L->n_pts] = s;
            L->pph[L->n_pts++] = p;
            j++;
            lo = fmin(lo, s);
        }
    }
    free(count);
    monotone_tangents(L->px, L->py, L->pm, L->n_pts);
    /* Only a low point below neutral is news. */
    bool mark_low = lo < (double)L->scale.neutral - 1e-9;
    /* Points, and a ring at every lowest point: one atom per point, in its
     * phase column.  A phase's mean is drawn in the curve's colour. */
    const char *lw = cj_word_text(L->loc, CJ_W_LOWEST);
    double lww = cj_lay_natural_w(L, lw, F_META);
    for (size_t i = 0; i < L->n_pts; i++) {
        size_t first = L->body.n;
        bool mean = pe[i] < 0;
        bool emo = !mean && m->experiences[pe[i]].type == CJMAP_EXP_EMOTIONAL;
        cj_origin o = mean ? cj_lay_origin(CJ_O_CURVE, -3, (int32_t)L->pph[i])
                           : cj_lay_origin(CJ_O_CURVE, pe[i], 0);
        cj_color ring = mean ? t->curve : emo ? t->emo : t->rat;
        double x, y;
        at(L, L->px[i], L->py[i], &x, &y);
        cj_lay_circle(L, &L->body, x, y, 3.2, cj_lay_both(t->card, ring, 1.6, CJ_DASH_SOLID), o);
        if (mark_low && fabs(pv[i] - lo) < 1e-9)
            cj_lay_circle(L, &L->body, x, y, 6.5, cj_lay_stroke(t->lowest, 1.4, CJ_DASH_SOLID), o);
        cj_lay_atom_add(L, first, (int)L->pph[i], li);
    }
    /* One label per phase that holds lowest points, centred over them:
     * two labels side by side would collide with each other's rings. */
    for (size_t i = 0; mark_low && i < L->n_pts;) {
        size_t j = i, nlow = 0;
        double sx = 0, last = 0; /* the lowest points' mean and last position along */
        for (; j < L->n_pts && L->pph[j] == L->pph[i]; j++)
            if (fabs(pv[j] - lo) < 1e-9) sx += L->px[j], nlow++, last = L->px[j];
        if (nlow) {
            size_t first = L->body.n;
            size_t pc = L->pph[i];
            cj_origin o = pe[i] < 0 ? cj_lay_origin(CJ_O_CURVE, -4, (int32_t)pc) /* a mean's */
                                    : cj_lay_origin(CJ_O_CURVE, pe[i], 1);
            double lx, ly, cx1;
            bool pos; /* the label lies on the plot's positive side */
            if (L->rows) {
                /* Beside the rings, towards neutral (the rings share an x),
                 * level with the middle one's. */
                double vx = cj_lay_score_y(L, lo), right = L->R.cv_x + L->R.cv_w - 2;
                lx = vx + 8 + lww <= right ? vx + 8 : vx - 8 - lww;
                ly = sx / (double)nlow - 6;
                if (lx < L->R.cv_x + 2) { /* no room beside: under the lowest ring */
                    lx = fmin(fmax(vx - lww / 2, L->R.cv_x + 2), right - lww);
                    ly = last + 9;
                }
                cx1 = right;
                pos = lx > cj_lay_score_y(L, L->scale.neutral);
            } else {
                double cx0 = cj_lay_col_x(L, pc) + PAD;
                cx1 = cj_lay_col_x(L, pc) + L->W - PAD;
                lx = fmin(fmax(sx / (double)nlow - lww / 2, cx0), cx1 - lww);
                double ly0 = cj_lay_score_y(L, lo);
                /* Above the ring when the lane has room there (on 1..5
                 * always but at the top score), else below it. */
                ly = ly0 - 19 - 1 >= L->plot_top - EMO_INSET ? ly0 - 19 : ly0 + 9;
                pos = ly + 5 < cj_lay_score_y(L, L->scale.neutral);
            }
            /* A halo in the plot's tint keeps the label readable where the
             * curve climbs through it (the curve is drawn beneath atoms). */
            cj_color under = pos ? t->pos_tint : t->neg_tint;
            cj_lay_rect(&L->body, lx - 2, ly - 1, lww + 4, 12, 2, cj_lay_fill(under), CJ_ROLE_DECOR,
                        o);
            cj_lay_text(L, &L->body, lw, F_META, t->text, lx, ly, cx1 - lx, o, NULL);
            cj_lay_atom_add(L, first, (int)pc, li);
        }
        i = j;
    }
    free(pe);
    free(pv);
    return EMO_PLOT + 2 * EMO_INSET;
}

/* The emotion lane's band on a page (lane_class.band): the positive and
 * negative sides of the plot, the neutral line and the scale's ticks. */
void cj_lay_plot_band(lay *L, const lane_info *ln, ivec *v, double x1, cj_origin o) {
    const theme *t = &L->th;
    (void)ln;
    const cjmap_scale *sc = &L->scale;
    double top = L->plot_top, mid = cj_lay_score_y(L, sc->neutral);
    double bot = cj_lay_score_y(L, sc->min);
    double x0 = CJ_LABEL_W;
    cj_lay_rect(v, x0, top, x1 - x0, mid - top, 0, cj_lay_fill(t->pos_tint), CJ_ROLE_DECOR, o);
    cj_lay_rect(v, x0, mid, x1 - x0, bot - mid, 0, cj_lay_fill(t->neg_tint), CJ_ROLE_DECOR, o);
    cj_pseg nl[2] = {{CJ_P_MOVE, {x0}, {mid}}, {CJ_P_LINE, {x1}, {mid}}};
    cj_lay_path(L, v, nl, 2, cj_lay_stroke(t->rule, 1, CJ_DASH_DASHED), o);
    v->v[v->n - 1].role = CJ_ROLE_DECOR;
    const int ticks[] = {sc->min, sc->neutral, sc->max};
    for (size_t k = 0; k < sizeof ticks / sizeof ticks[0]; k++) {
        if (k == 1 && (sc->neutral == sc->min || sc->neutral == sc->max)) continue; /* once */
        char d[16];
        int dn = cj_tick_text(sc, ticks[k], d, sizeof d);
        const char *ds = cj_dl_strndup(L->dl, d, (size_t)dn);
        double w = cj_lay_natural_w(L, ds, F_META);
        double yy = cj_lay_score_y(L, ticks[k]);
        cj_lay_text(L, v, ds, F_META, t->soft, CJ_LABEL_W - 6 - w, yy - F_META.size * 0.62, w + 1,
                    o, NULL);
    }
}
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

static void curve_pass(lay *L, ivec *v, double x0, double x1, bool bridges);

/* The part of the emotion curve between x0 and x1 along the phases (map
 * coordinates: x in columns, y in rows).
 * Between two phases with a phase without scores between them the curve is
 * a bridge: dashed and lighter, so it does not claim a feeling where no one
 * measured one (pass 1); the rest is solid (pass 0). */
void cj_lay_curve_part(lay *L, ivec *v, double x0, double x1) {
    if (L->n_pts < 2) return;
    for (int pass = 0; pass < 2; pass++)
        curve_pass(L, v, x0, x1, pass == 1);
}

static bool is_bridge(const lay *L, size_t i) { return L->pph[i + 1] > L->pph[i] + 1; }

static void curve_pass(lay *L, ivec *v, double x0, double x1, bool bridges) {
    cj_pseg *s = xcalloc(2 * L->n_pts + 2, sizeof *s);
    size_t n = 0;
    bool open = false;
    for (size_t i = 0; i + 1 < L->n_pts; i++) {
        double ax = L->px[i], bx = L->px[i + 1], h = bx - ax;
        if (bx <= x0 || ax >= x1 || h <= 0 || is_bridge(L, i) != bridges) {
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
        int kx = L->rows, ky = !L->rows;          /* Q is (along, value): which is x, which y */
        if (!open) s[n++] = (cj_pseg){CJ_P_MOVE, {Q[0][kx]}, {Q[0][ky]}};
        s[n++] =
            (cj_pseg){CJ_P_CURVE, {Q[1][kx], Q[2][kx], Q[3][kx]}, {Q[1][ky], Q[2][ky], Q[3][ky]}};
        open = tb >= 1;
    }
    if (n)
        cj_lay_path(L, v, s, n,
                    bridges ? cj_lay_stroke(L->th.bridge, 1.2, CJ_DASH_DASHED)
                            : cj_lay_stroke(L->th.curve, 1.6, CJ_DASH_SOLID),
                    cj_lay_origin(CJ_O_CURVE, -1, bridges));
    free(s);
}
