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
**    phase with many touchpoints grows downwards, never sideways.  On
**    paper at the smallest text a column may narrow to CJ_COL_PAPER_MIN
**    when that puts more phases across the sheet (five across A4
**    landscape rather than 3 + 2 groups).
** 3. A lane is as tall as its tallest cell.  Lanes empty in the whole
**    journey are left out.
** 4. Pagination: columns are dealt into groups that fit the page width
**    (evenly: 7 phases on pages of 5 become 4 + 3); each group is sliced
**    vertically at *cuts*, y positions no atom crosses, preferably between
**    lanes.  Every page repeats the phase header and the lane labels; the
**    first page carries the title block, the others a running head; the
**    legend ends the last page.  Fixed paper scales the whole map down to
**    fit one page, but never so far that text falls below
**    CJMAP_MIN_TEXT_SIZE; beyond that it paginates at that size, with as
**    few sheets as it can: the columns widen to the sheet, a group that
**    ends part-way down a sheet is followed there by the next (a page
**    holds *slices*), each group's lanes are only as tall as its own cells
**    need (the map is built once; a group's lanes and atoms are moved up
**    when drawn), and a last page under a quarter full is rebalanced.
**    The planner records the slices and atoms each page shows (in drawing
**    order); drawing a page reads that list and applies no rule of its own.
** 5. The emotion curve is a Fritsch–Carlson monotone cubic: between two
**    points it never leaves their y range, so it never overshoots the scale.
**    Its x is linear in the Bezier parameter, so page edges split it
**    exactly.
** 6. Cost is linear in the journey (plus sorting atoms for the cuts).
** 7. The parts live in their own files (see layout_int.h): primitives in
**    layout_draw.c, cards and lanes (notes 1-3) in layout_cards.c, the
**    curve (note 5) in layout_curve.c, title, running head and legend in
**    layout_legend.c, pagination (note 4) in layout_pages.c, the rows
**    layout (note 8) in layout_rows.c.  This file holds the entry points,
**    themes, buckets and the column width.
** 8. Rows (cjmap_arrange; the default on portrait paper): the same cards,
**    curve and legend, turned a quarter: each phase a row, the lanes side
**    by side as columns (wrapping into tiers when narrow paper cannot hold
**    them at CJMAP_MIN_TEXT_SIZE), the curve running down beside the phase names.
**    Pagination is note 4's planner with the rows as its bands: a page
**    breaks between rows, or inside a row taller than a page at a y no
**    card crosses, and repeats the lane headings.  The rows fill the
**    paper's width, so there are no column groups; the candidate layouts
**    (cjmap_layout_new) are one or two tiers more, for busy lanes to flow,
**    and the rows made at the smallest text, kept when they print fewer
**    pages.
*/
#include "labels.h"
#include "layout_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define RGB(x) ((cj_color)(((uint32_t)(x) << 8) | 0xFFu))

/* ------------------------------------------------------------------ */
/* Themes                                                              */
/* ------------------------------------------------------------------ */

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
        t->back = RGB(0x3A3A3A);
        t->back_tint = RGB(0xF4F4F4);
        t->sup = RGB(0x8A8A8A);
        t->sup_tint = RGB(0xFFFFFF);
        t->line = RGB(0x111111);
        t->mot = RGB(0xFFFFFF);
        t->range = RGB(0x3A3A3A);
        t->range_tint = RGB(0xE4E4E4);
        t->bridge = RGB(0x6E6E6E);
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
        t->back = RGB(0x56B4E9); /* Okabe–Ito sky blue: the company's side */
        t->back_tint = mix(0x56B4E9, 0.12);
        t->sup = RGB(0x8C8C8C);
        t->sup_tint = mix(0x8C8C8C, 0.10);
        t->line = RGB(0x34495E);
        t->mot = RGB(0xF0E442); /* Okabe–Ito yellow: stands out on the chevron and on paper */
        t->range = RGB(0x34495E);
        t->range_tint = mix(0x34495E, 0.14);
        t->bridge = RGB(0x8A9AAA);
    }
    t->sev[CJMAP_LEVEL_UNSET] = t->sev[CJMAP_LEVEL_MEDIUM];
    t->sev_tint[CJMAP_LEVEL_UNSET] = t->sev_tint[CJMAP_LEVEL_MEDIUM];
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
    for (size_t p = 0; p < n_ph; p++)
        b->start[p + 1] += b->start[p];
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
    for (size_t t = 0; t < m->n_touchpoints; t++)
        n += m->touchpoints[t].n_uses;
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
    for (size_t i = 0; i < L->b_tp.start[m->n_phases]; i++)
        L->b_tp.idx[i] = tp[L->b_tp.idx[i]];
    free(ph);
    free(tp);
    free(use);
}

/* ------------------------------------------------------------------ */
/* Column width and header geometry                                    */
/* ------------------------------------------------------------------ */

static double phase_need(lay *L, size_t p) {
    /* A column wants its name on one line inside the chevron and its
     * longer texts (each lane measures its own) in about three lines. */
    double need = cj_lay_natural_w(L, L->phase_name[p], F_PHASE) + 2 * ARROW + 14;
    double longest = cj_lay_natural_w(L, L->phase_stmt[p], F_STMT);
    if (L->m->phases[p].moment_of_truth) need += MOT_W; /* its marker beside the name */
    for (int li = 0; li < L->n_lanes; li++) {
        const lane_info *ln = &L->lanes[li];
        if (ln->cls->measure) ln->cls->measure(L, ln, p, &need, &longest);
    }
    need = fmax(need, longest / 3 + 2 * PAD + 2 * CPAD + 4);
    return fmin(fmax(need, CJ_COL_MIN), CJ_COL_MAX);
}

static void header_geometry(lay *L) {
    const cjmap_model *m = L->m;
    double nw = L->W - 2 * ARROW - 12, sw = L->W - 2 * PAD;
    double nh = 0, sh = 0;
    for (size_t p = 0; p < m->n_phases; p++) {
        cj_lay_measure(L, L->phase_name[p], F_PHASE,
                       nw - (m->phases[p].moment_of_truth ? MOT_W : 0));
        nh = fmax(nh, L->mb.h);
        if (L->phase_stmt[p]) {
            cj_lay_measure(L, L->phase_stmt[p], F_STMT, sw);
            sh = fmax(sh, L->mb.h);
        }
    }
    L->chev_h = ceil((nh + 14) / 4) * 4;
    L->stmt_h = sh;
    L->header_h = ceil((L->chev_h + (sh > 0 ? 6 + sh : 0) + 10) / 4) * 4;
    L->header_compact_h = ceil((L->chev_h + 10) / 4) * 4;
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

/* The model's score scale, or the default one when it breaks the rules of
 * cjmap_scale (a model built by hand may leave it zero). */
static cjmap_scale usable_scale(const cjmap_model *m) {
    cjmap_scale s = m->scale;
    /* A span the plot can show (the format allows 10; a hand-built model
     * with INT_MIN..INT_MAX would overflow the arithmetic). */
    long long span = (long long)s.max - (long long)s.min;
    if (span > 0 && span <= CJ_SCALE_MAX_SPAN && s.min >= -1000000 && s.max <= 1000000 &&
        s.min <= s.neutral && s.neutral <= s.max)
        return s;
    return (cjmap_scale){CJMAP_SCALE_DEFAULT_MIN, CJMAP_SCALE_DEFAULT_NEUTRAL,
                         CJMAP_SCALE_DEFAULT_MAX};
}

/* Whether the phases run as rows: asked for, or by default on portrait paper. */
static bool arrange_rows(const cjmap_layout_options *o) {
    if (o->arrange != CJMAP_ARRANGE_AUTO) return o->arrange == CJMAP_ARRANGE_ROWS;
    return o->page != CJMAP_PAGE_AUTO && o->portrait;
}

/* The layout with phase columns `col_w` wide (0: the width the content
 * and the paper call for, note 2); *natural gets the content's width. */
static cjmap_layout *layout_new(const cjmap_model *m, const cjmap_layout_options *opts,
                                cjmap_measurer *meas, double col_w, size_t per_group,
                                double *natural) {
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
    L.scale = usable_scale(m);
    if (meas->set_locale) meas->set_locale(meas, m->locale); /* hyphenation */
    L.emo_lane = -1;
    L.plot_len = EMO_PLOT;
    theme_init(&L.th, o.theme);
    out->dl.dpi = o.dpi;
    if (meas->share_fonts) out->dl.fonts = meas->share_fonts(meas); /* draw with what measured */
    out->dl.date_set = o.date_set;
    out->dl.date = o.date;
    out->dl.title = cj_lay_norm(&L, m->title ? m->title : "");
    out->dl.subject = cj_lay_norm(&L, m->segment_name ? m->segment_name : "");
    L.n_cols = m->n_phases;
    bucket_uses(&L);
    bucket_build(&L.b_exp, m->n_phases, m->n_experiences,
                 m->n_experiences ? &m->experiences[0].phase : NULL, sizeof *m->experiences, NULL);
    bucket_build(&L.b_pain, m->n_phases, m->n_pains, m->n_pains ? &m->pains[0].phase : NULL,
                 sizeof *m->pains, NULL);
    bucket_build(&L.b_opp, m->n_phases, m->n_opportunities,
                 m->n_opportunities ? &m->opportunities[0].phase : NULL, sizeof *m->opportunities,
                 NULL);
    bucket_build(&L.b_back, m->n_phases, m->n_backstage,
                 m->n_backstage ? &m->backstage[0].phase : NULL, sizeof *m->backstage, NULL);
    bucket_build(&L.b_sup, m->n_phases, m->n_support, m->n_support ? &m->support[0].phase : NULL,
                 sizeof *m->support, NULL);
    cj_lay_legend_needs(m, &L.scale, &L.need);
    L.phase_name = xcalloc(m->n_phases, sizeof *L.phase_name);
    L.phase_stmt = xcalloc(m->n_phases, sizeof *L.phase_stmt);
    double W = CJ_COL_MIN;
    for (size_t p = 0; p < m->n_phases; p++) {
        const cjmap_phase *ph = &m->phases[p];
        L.phase_name[p] = cj_lay_norm(&L, ph->name ? ph->name : "");
        if (ph->statement && ph->statement[0])
            L.phase_stmt[p] =
                cj_lay_cat3(&L, cj_word_text(L.loc, CJ_W_QUOTE_OPEN),
                            cj_lay_norm(&L, ph->statement), cj_word_text(L.loc, CJ_W_QUOTE_CLOSE));
    }
    cj_lay_plan_lanes(&L);
    for (size_t p = 0; p < m->n_phases; p++)
        W = fmax(W, phase_need(&L, p));
    if (natural) *natural = ceil(W / 4) * 4;
    L.W = col_w > 0 ? col_w : cj_lay_fit_columns(ceil(W / 4) * 4, m->n_phases, &o, per_group);
    L.rows = arrange_rows(&o);
    if (L.rows) { /* note 8 */
        bool paper;
        double w = cj_lay_rows_width(&o, &paper);
        if (col_w > 0) w = col_w, paper = false;        /* a candidate width (--fit=page) */
        cj_lay_rows_plan(&L, w, paper, (int)per_group); /* rows: per_group is extra tiers */
        cj_lay_rows_build(&L);
    } else {
        header_geometry(&L);
        cj_lay_build_lanes(&L);
    }
    if (!L.fail) {
        /* The cards go onto the pages in place (cj_dl_link): the list owns them. */
        cj_dl_adopt(L.dl, L.body.v);
        cj_lay_paginate(&L, &o);
        count_clipped(out);
        out->col_w = L.W;
        out->rows = L.rows;
        out->full_w = L.full_w, out->full_h = L.full_h, out->area = L.area;
    } else {
        free(L.body.v);
    }
    cj_mbox_free(&L.mb);
    free(L.atoms);
    free(L.px);
    free(L.py);
    free(L.pm);
    free(L.pph);
    free(L.phase_name);
    free(L.phase_stmt);
    bucket_free(&L.b_tp);
    bucket_free(&L.b_exp);
    bucket_free(&L.b_pain);
    bucket_free(&L.b_opp);
    bucket_free(&L.b_back);
    bucket_free(&L.b_sup);
    free(L.lanes);
    cj_lay_rows_free(&L);
    if (L.fail) {
        cjmap_layout_free(out);
        return NULL;
    }
    return out;
}

/* Fixed paper, paginated: the column groups of the natural width are one
 * choice; groups of more, narrower columns (down to CJ_COL_MIN) or of one
 * fewer, wider ones may need fewer pages.  Each is laid out and the one
 * with the fewest pages kept (the natural one among equals).  A few
 * layouts at most, only for maps that do not fit one sheet.
 *
 * --fit=page: the whole map on one sheet, as large as it can be.  The
 * column width that fills the paper's width is not always the best: a
 * tall map on a wide sheet is limited by its height, and wider columns
 * make its lanes shorter.  So the widths from that one up to the content's
 * own (and a little beyond, within CJ_COL_MAX) are tried, and the one with
 * the largest text kept (the first of equals: deterministic).  Seven
 * layouts at most, only for this option.  In rows, the rows' width is
 * tried instead, from the sheet's to four sheets' (13 layouts). */
/* Of the layout *best and a candidate `l` (may be NULL), keeps the one
 * with fewer pages (`by_pages`) or else with larger text, and frees the
 * other; *best among equals (the first tried: deterministic). */
static void keep_better(cjmap_layout **best, cjmap_layout *l, bool by_pages) {
    bool better = l && (by_pages ? l->dl.n_pages < (*best)->dl.n_pages
                                 : cjmap_layout_min_text(l) > cjmap_layout_min_text(*best) + 1e-9);
    if (better) {
        cjmap_layout_free(*best);
        *best = l;
    } else {
        cjmap_layout_free(l);
    }
}

cjmap_layout *cjmap_layout_new(const cjmap_model *m, const cjmap_layout_options *opts,
                               cjmap_measurer *meas) {
    double natural = 0;
    cjmap_layout *best = layout_new(m, opts, meas, 0, 0, &natural);
    if (!best || !opts || opts->page == CJMAP_PAGE_AUTO || !best->dl.n_pages) return best;
    if (best->rows) { /* note 8: the paper's width; on one sheet maybe a wider one */
        if (opts->fit == CJMAP_FIT_NONE) {
            /* A map with busy lanes may need fewer pages with a tier more
             * or two, where their cells flow into columns side by side. */
            for (size_t extra = 1; extra <= 2 && best->dl.n_pages > 1; extra++) {
                keep_better(&best, layout_new(m, opts, meas, 0, extra, NULL), true);
            }
            /* The rows are made for the paper's width at full size unless
             * the smallest text saves a tier; on more than one page they
             * may also be made at the smallest text, for a sheet 7/7.5 as
             * large: a page holds 15 % more, as the columns layout's pages
             * do.  Kept only when that prints fewer pages. */
            bool paper;
            double w7 = cj_lay_rows_width(opts, &paper) / (CJMAP_MIN_TEXT_SIZE / MIN_FONT);
            /* Made so already (within 2 %: the rows' width is rounded): nothing to try. */
            bool small = cjmap_layout_min_text(best) < CJMAP_MIN_TEXT_SIZE * 1.02;
            for (size_t extra = 0; extra <= 2 && !small && best->dl.n_pages > 1; extra++)
                keep_better(&best, layout_new(m, opts, meas, w7, extra, NULL), true);
            return best;
        }
        if (opts->fit != CJMAP_FIT_PAGE) return best;
        /* A tall map scaled onto one sheet leaves the sheet's width blank:
         * wider rows (fewer tiers, wider lanes) are shorter.  Widths up to
         * four sheets wide are tried, the largest text kept. */
        bool paper;
        double w0 = cj_lay_rows_width(opts, &paper);
        for (int k = 5; k <= 16; k++)
            keep_better(&best, layout_new(m, opts, meas, w0 * k / 4, 0, NULL), false);
        return best;
    }
    if (opts->fit == CJMAP_FIT_NONE) {
        size_t n = m->n_phases, kmax = cj_lay_max_per_group(opts);
        if (best->dl.n_pages < 2) return best;
        if (kmax >= n) {
            /* One group whose columns fit the sheet at full size, printed
             * at the smallest text over several sheets: made as wide as the
             * sheet is at that size, they fill its width instead of leaving
             * 7 % blank, and wrap less.  Kept unless it prints more pages. */
            bool paper; /* the sheet's width within the margins, at 7 pt */
            double avail = cj_lay_rows_width(opts, &paper) / (CJMAP_MIN_TEXT_SIZE / MIN_FONT);
            double w = fmin(CJ_COL_MAX, floor((avail - CJ_LABEL_W) / (double)n / 4) * 4);
            cjmap_layout *l =
                n && w > best->col_w + 2 ? layout_new(m, opts, meas, w, 0, NULL) : NULL;
            if (l && l->dl.n_pages <= best->dl.n_pages) {
                cjmap_layout_free(best);
                return l;
            }
            cjmap_layout_free(l);
            return best;
        }
        size_t per = cj_lay_per_group(natural, opts); /* the groups the natural width gives */
        double tried = best->col_w, last = 0;
        for (size_t k = per > 1 ? per - 1 : 1; k <= kmax; k++) {
            /* Group sizes that balance to the same groups give the same
             * column width, and the same layout: one of each. */
            double w = cj_lay_fit_columns(natural, n, opts, k);
            if (w == tried || w == last) continue;
            last = w;
            keep_better(&best, layout_new(m, opts, meas, 0, k, NULL), true);
        }
        return best;
    }
    if (opts->fit != CJMAP_FIT_PAGE) return best;
    double w0 = best->col_w, w1 = fmin(CJ_COL_MAX, fmax(natural * 1.25, w0));
    enum { TRIES = 6 };
    for (int k = 1; k <= TRIES && w1 > w0 + 1; k++) {
        double w = ceil((w0 + (w1 - w0) * k / TRIES) / 4) * 4;
        keep_better(&best, layout_new(m, opts, meas, w, 0, NULL), false);
    }
    return best;
}

void cjmap_layout_free(cjmap_layout *l) {
    if (!l) return;
    cj_dl_free(&l->dl);
    free(l);
}

size_t cjmap_layout_page_count(const cjmap_layout *l) { return l->dl.n_pages; }

void cjmap_layout_extent(const cjmap_layout *l, double *w, double *h) {
    if (w) *w = l->full_w;
    if (h) *h = l->full_h;
}

double cjmap_layout_area(const cjmap_layout *l) { return l->area; }

bool cjmap_layout_rows(const cjmap_layout *l) { return l && l->rows; }

double cjmap_layout_min_text(const cjmap_layout *l) {
    double s = INFINITY;
    for (size_t p = 0; p < l->dl.n_pages; p++)
        s = fmin(s, l->dl.pages[p].scale);
    return l->dl.n_pages ? MIN_FONT * s : MIN_FONT;
}

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
