/*
** layout_cards.c — cards and lanes: the body of the map, built once in map
** coordinates (notes 1-3 in layout.c), one atom per card.
*/
#include "icons.h"
#include "labels.h"
#include "layout_int.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Cards                                                               */
/* ------------------------------------------------------------------ */

void cj_lay_tp_badge(lay *L, ivec *v, const cjmap_touchpoint *tp, double x, double y, double d,
                     cj_origin o) {
    const theme *t = &L->th;
    bool indirect = tp->contact == CJMAP_CONTACT_INDIRECT;
    cj_lay_circle(L, v, x + d / 2, y + d / 2, d / 2 - 0.5,
                  indirect ? cj_lay_both(t->card, t->accent, 0.9, CJ_DASH_DOTTED)
                           : cj_lay_fill(t->accent),
                  o);
    double is = d * 0.62;
    cj_lay_shape(
        L, v,
        (cj_shape){x + (d - is) / 2, y + (d - is) / 2, is, CJ_SHAPE_ICON, (uint8_t)tp->channel},
        cj_lay_stroke(indirect ? t->accent : t->on_accent, 0.8, CJ_DASH_SOLID), o);
}

static double tp_card(lay *L, ivec *v, int32_t ti, int32_t ui, double x, double y, double w) {
    const theme *t = &L->th;
    const cjmap_touchpoint *tp = &L->m->touchpoints[ti];
    cj_origin o = cj_lay_origin(CJ_O_TOUCHPOINT, ti, ui);
    bool offline = tp->mode == CJMAP_MODE_OFFLINE;
    size_t r = cj_lay_rect(v, x, y, w, 0, 3,
                           cj_lay_both(t->card, t->card_line, offline ? 0.9 : 0.8,
                                       offline ? CJ_DASH_DASHED : CJ_DASH_SOLID),
                           CJ_ROLE_BOX, o);
    cj_lay_tp_badge(L, v, tp, x + CPAD, y + CPAD, BADGE_D, o);
    double tag_w = 0, tag_h = 0;
    if (L->need.show_owner) {
        const char *word = cj_word_text(L->loc, (cj_word)(CJ_W_OWNED + (tp->owner & 3)));
        double tw = cj_lay_natural_w(L, word, F_TAG), th = L->mb.h;
        tag_w = tw + 8;
        tag_h = th + 3;
        double tx = x + w - CPAD - tag_w;
        cj_lay_rect(v, tx, y + CPAD, tag_w, tag_h, tag_h / 2,
                    cj_lay_both(t->card, t->tag_line, 0.6, CJ_DASH_SOLID), CJ_ROLE_INK, o);
        cj_lay_text(L, v, word, F_TAG, t->soft, tx + 4, y + CPAD + 1.5, tw + 1, o, NULL);
    }
    double nx = x + CPAD + BADGE_D + 6;
    double nmax = x + w - CPAD - nx - (tag_w > 0 ? tag_w + 4 : 0);
    const char *name = cj_lay_norm(L, tp->name);
    if (!cj_lay_measure(L, name, F_CARD_B, nmax)) return 0;
    double nh = L->mb.h;
    double ny = nh < BADGE_D ? y + CPAD + (BADGE_D - nh) / 2 : y + CPAD;
    cj_lay_text(L, v, name, F_CARD_B, t->text, nx, ny, nmax, o, NULL);
    double head = fmax(fmax(BADGE_D, nh), tag_h);
    double h = CPAD + head;
    const char *purpose = cj_lay_norm(L, tp->uses[ui].purpose);
    if (purpose && *purpose)
        h += 3 + cj_lay_text(L, v, purpose, F_CARD, t->soft, x + CPAD, y + h + 3, w - 2 * CPAD, o,
                             NULL);
    h += CPAD;
    v->v[r].box.h = h;
    return h;
}

void cj_lay_star(lay *L, ivec *v, double cx, double cy, double r, cj_color c, cj_origin o) {
    cj_pseg s[12];
    size_t n = cj_star_path(cx, cy, r, s);
    cj_lay_path(L, v, s, n, cj_lay_fill(c), o);
}

static double exp_card(lay *L, ivec *v, int32_t ei, double x, double y, double w) {
    const theme *t = &L->th;
    const cjmap_experience *e = &L->m->experiences[ei];
    cj_origin o = cj_lay_origin(CJ_O_EXPERIENCE, ei, 0);
    bool emo = e->type == CJMAP_EXP_EMOTIONAL, high = e->importance == CJMAP_LEVEL_HIGH;
    /* Shape repeats the colour: emotional cards are rounded, rational square. */
    size_t r = cj_lay_rect(v, x, y, w, 0, emo ? 7 : 0,
                           cj_lay_both(emo ? t->emo_tint : t->rat_tint,
                                       high ? t->text : (emo ? t->emo : t->rat), high ? 1.8 : 0.8,
                                       CJ_DASH_SOLID),
                           CJ_ROLE_BOX, o);
    double rx = x + w - CPAD; /* right edge of the meta row, moving left */
    double mh = F_META.size * 1.3;
    if (cj_lay_scored(L, e)) {
        char buf[32];
        cj_score_text(&L->scale, e->score, buf, sizeof buf);
        const char *sc = cj_dl_strndup(L->dl, buf, strlen(buf));
        double sw = cj_lay_natural_w(L, sc, F_META);
        mh = fmax(mh, cj_lay_text(L, v, sc, F_META, t->text, rx - sw, y + CPAD, sw + 1, o, NULL));
        rx -= sw + 4;
    }
    if (high) {
        cj_lay_star(L, v, rx - 4.5, y + CPAD + 4.6, 4.6, t->text, o);
        rx -= 12;
    }
    const char *word = cj_word_text(L->loc, emo ? CJ_W_EMOTIONAL : CJ_W_RATIONAL);
    double ww = rx - (x + CPAD);
    mh = fmax(mh, cj_lay_text(L, v, word, F_META, emo ? t->emo_text : t->rat_text, x + CPAD,
                              y + CPAD, ww, o, NULL));
    double h = CPAD + mh + 2;
    h += cj_lay_text(L, v, cj_lay_norm(L, e->text), F_CARD, t->text, x + CPAD, y + h, w - 2 * CPAD,
                     o, NULL);
    h += CPAD;
    v->v[r].box.h = h;
    return h;
}

/* The severity marker: a warning triangle whose fill grows with severity
 * (outline, half, solid) so the mono theme loses nothing. */
void cj_lay_sev_marker(lay *L, ivec *v, cjmap_level sev, double x, double y, double s,
                       cj_origin o) {
    const theme *t = &L->th;
    cj_pseg tri[4] = {{CJ_P_MOVE, {x + s / 2}, {y}},
                      {CJ_P_LINE, {x + s}, {y + s * 0.9}},
                      {CJ_P_LINE, {x}, {y + s * 0.9}},
                      {CJ_P_CLOSE, {0}, {0}}};
    cj_color f = t->mono ? (sev == CJMAP_LEVEL_HIGH ? t->text : t->card) : t->sev[sev];
    cj_lay_path(L, v, tri, 4, cj_lay_both(f, t->text, 0.7, CJ_DASH_SOLID), o);
    if (t->mono && sev == CJMAP_LEVEL_MEDIUM) {
        cj_pseg lo[4] = {{CJ_P_MOVE, {x + s / 4}, {y + s * 0.45}},
                         {CJ_P_LINE, {x + s * 3 / 4}, {y + s * 0.45}},
                         {CJ_P_LINE, {x + s}, {y + s * 0.9}},
                         {CJ_P_LINE, {x}, {y + s * 0.9}}};
        cj_lay_path(L, v, lo, 4, cj_lay_fill(t->text), o);
    }
}

static double stripe_card(lay *L, ivec *v, cj_origin o, cj_color tint, cj_color bar,
                          const char *meta, cjmap_level sev, const char *body, double x, double y,
                          double w) {
    const theme *t = &L->th;
    size_t r = cj_lay_rect(v, x, y, w, 0, 2, cj_lay_both(tint, t->card_line, 0.5, CJ_DASH_SOLID),
                           CJ_ROLE_BOX, o);
    size_t bar_i = cj_lay_rect(v, x, y, 4, 0, 0, cj_lay_fill(bar), CJ_ROLE_INK, o);
    double tx = x + 4 + CPAD, tw = w - 4 - 2 * CPAD;
    double h = CPAD;
    if (meta) {
        cj_lay_sev_marker(L, v, sev, tx, y + CPAD + 0.5, 8.5, o);
        h += fmax(8.5,
                  cj_lay_text(L, v, meta, F_META, t->text, tx + 12, y + CPAD, tw - 12, o, NULL)) +
             2;
    }
    h += cj_lay_text(L, v, body, F_CARD, t->text, tx, y + h, tw, o, NULL);
    h += CPAD;
    v->v[r].box.h = h;
    v->v[bar_i].box.h = h;
    return h;
}

/* ------------------------------------------------------------------ */
/* Lanes: what each counts, measures and draws in a phase's cell       */
/* ------------------------------------------------------------------ */

static size_t in_bucket(const bucket *b, size_t p) { return b->start[p + 1] - b->start[p]; }

static size_t count_actions(const lay *L, size_t p) { return L->m->phases[p].n_actions; }
static size_t count_touchpoints(const lay *L, size_t p) { return in_bucket(&L->b_tp, p); }
static size_t count_experiences(const lay *L, size_t p) { return in_bucket(&L->b_exp, p); }
static size_t count_scored(const lay *L, size_t p) {
    size_t n = 0;
    for (size_t i = L->b_exp.start[p]; i < L->b_exp.start[p + 1]; i++)
        n += cj_lay_scored(L, &L->m->experiences[L->b_exp.idx[i]]);
    return n;
}
static size_t count_pains(const lay *L, size_t p) { return in_bucket(&L->b_pain, p); }
static size_t count_opportunities(const lay *L, size_t p) { return in_bucket(&L->b_opp, p); }
static size_t count_metrics(const lay *L, size_t p) { return L->m->phases[p].n_metrics; }

static void measure_actions(lay *L, size_t p, double *need, double *longest) {
    const cjmap_phase *ph = &L->m->phases[p];
    (void)need;
    for (size_t a = 0; a < ph->n_actions; a++)
        *longest = fmax(*longest, cj_lay_natural_w(L, cj_lay_norm(L, ph->actions[a]), F_CARD) + 9);
}

static void measure_touchpoints(lay *L, size_t p, double *need, double *longest) {
    const cjmap_model *m = L->m;
    for (size_t i = L->b_tp.start[p]; i < L->b_tp.start[p + 1]; i++) {
        const cjmap_touchpoint *tp = &m->touchpoints[L->b_tp.idx[i]];
        *need = fmax(*need, fmin(cj_lay_natural_w(L, cj_lay_norm(L, tp->name), F_CARD_B), 140) +
                                BADGE_D + 6 + 2 * CPAD + 2 * PAD + (L->need.show_owner ? 48 : 0));
        *longest =
            fmax(*longest,
                 cj_lay_natural_w(L, cj_lay_norm(L, tp->uses[L->b_tp.sub[i]].purpose), F_CARD));
    }
}

static void measure_experiences(lay *L, size_t p, double *need, double *longest) {
    (void)need;
    for (size_t i = L->b_exp.start[p]; i < L->b_exp.start[p + 1]; i++)
        *longest = fmax(
            *longest,
            cj_lay_natural_w(L, cj_lay_norm(L, L->m->experiences[L->b_exp.idx[i]].text), F_CARD));
}

static void measure_pains(lay *L, size_t p, double *need, double *longest) {
    (void)need;
    for (size_t i = L->b_pain.start[p]; i < L->b_pain.start[p + 1]; i++)
        *longest =
            fmax(*longest,
                 cj_lay_natural_w(L, cj_lay_norm(L, L->m->pains[L->b_pain.idx[i]].text), F_CARD));
}

/* Ends the atom begun at body item `first`: phase p's, in lane li; the
 * next one goes GAP below it. */
static void atom_end(lay *L, size_t first, size_t p, int li, double *cy, double h) {
    cj_lay_atom_add(L, first, (int)p, li);
    *cy += h + GAP;
}

static void cell_actions(lay *L, int li, size_t p, double x, double *cy, double inner) {
    const cjmap_phase *ph = &L->m->phases[p];
    for (size_t a = 0; a < ph->n_actions; a++) {
        size_t first = L->body.n;
        double hh =
            cj_lay_bullet(L, &L->body, cj_lay_norm(L, ph->actions[a]), F_CARD, L->th.text, x, *cy,
                          inner, cj_lay_origin(CJ_O_ACTION, (int32_t)p, (int32_t)a));
        atom_end(L, first, p, li, cy, hh - 2);
    }
}

static void cell_touchpoints(lay *L, int li, size_t p, double x, double *cy, double inner) {
    for (size_t i = L->b_tp.start[p]; i < L->b_tp.start[p + 1]; i++) {
        size_t first = L->body.n;
        double hh = tp_card(L, &L->body, L->b_tp.idx[i], L->b_tp.sub[i], x, *cy, inner);
        atom_end(L, first, p, li, cy, hh);
    }
}

static void cell_experiences(lay *L, int li, size_t p, double x, double *cy, double inner) {
    for (size_t i = L->b_exp.start[p]; i < L->b_exp.start[p + 1]; i++) {
        size_t first = L->body.n;
        double hh = exp_card(L, &L->body, L->b_exp.idx[i], x, *cy, inner);
        atom_end(L, first, p, li, cy, hh);
    }
}

static void cell_pains(lay *L, int li, size_t p, double x, double *cy, double inner) {
    const theme *t = &L->th;
    for (size_t i = L->b_pain.start[p]; i < L->b_pain.start[p + 1]; i++) {
        int32_t pi = L->b_pain.idx[i];
        const cjmap_pain *pn = &L->m->pains[pi];
        cjmap_level sev = pn->severity == CJMAP_LEVEL_UNSET ? CJMAP_LEVEL_MEDIUM : pn->severity;
        size_t first = L->body.n;
        double hh =
            stripe_card(L, &L->body, cj_lay_origin(CJ_O_PAIN, pi, 0), t->sev_tint[sev],
                        t->mono ? t->sev[CJMAP_LEVEL_HIGH] : t->sev[sev],
                        cj_word_text(L->loc, (cj_word)(CJ_W_SEV_LOW + sev - CJMAP_LEVEL_LOW)), sev,
                        cj_lay_norm(L, pn->text), x, *cy, inner);
        atom_end(L, first, p, li, cy, hh);
    }
}

static void cell_opportunities(lay *L, int li, size_t p, double x, double *cy, double inner) {
    const theme *t = &L->th;
    for (size_t i = L->b_opp.start[p]; i < L->b_opp.start[p + 1]; i++) {
        int32_t oi = L->b_opp.idx[i];
        size_t first = L->body.n;
        double hh = stripe_card(L, &L->body, cj_lay_origin(CJ_O_OPPORTUNITY, oi, 0), t->opp_tint,
                                t->opp, NULL, CJMAP_LEVEL_UNSET,
                                cj_lay_norm(L, L->m->opportunities[oi].text), x, *cy, inner);
        atom_end(L, first, p, li, cy, hh);
    }
}

static void cell_metrics(lay *L, int li, size_t p, double x, double *cy, double inner) {
    const cjmap_phase *ph = &L->m->phases[p];
    for (size_t i = 0; i < ph->n_metrics; i++) {
        const char *s = cj_lay_cat3(L, cj_lay_norm(L, ph->metrics[i].name), ": ",
                                    cj_lay_norm(L, ph->metrics[i].value));
        size_t first = L->body.n;
        double hh = cj_lay_bullet(L, &L->body, s, F_METRIC, L->th.text, x, *cy, inner,
                                  cj_lay_origin(CJ_O_METRIC, (int32_t)p, (int32_t)i));
        atom_end(L, first, p, li, cy, hh - 2);
    }
}

/* ------------------------------------------------------------------ */
/* The lane table, and the loop that builds the lanes                  */
/* ------------------------------------------------------------------ */

/* Lane labels are chosen as a practitioner in each language would write
 * them on a wall map (labels.c says more). */
const lane_class cj_lay_lane_table[CJMAP_LANE_COUNT] = {
    [CJMAP_LANE_ACTIONS] =
        {
            .id = CJMAP_LANE_ACTIONS,
            .name = {[CJMAP_LOCALE_EN] = "Customer actions",
                     [CJMAP_LOCALE_DA] = "Kundens handlinger",
                     [CJMAP_LOCALE_NB] = "Kundens handlinger",
                     [CJMAP_LOCALE_SV] = "Kundens handlingar",
                     [CJMAP_LOCALE_DE] = "Kundenaktivitäten"},
            .count = count_actions,
            .measure = measure_actions,
            .cell = cell_actions,
        },
    [CJMAP_LANE_TOUCHPOINTS] =
        {
            .id = CJMAP_LANE_TOUCHPOINTS,
            .name = {[CJMAP_LOCALE_EN] = "Touchpoints",
                     [CJMAP_LOCALE_DA] = "Touchpoints",
                     [CJMAP_LOCALE_NB] = "Kontaktpunkter",
                     [CJMAP_LOCALE_SV] = "Kontaktpunkter",
                     [CJMAP_LOCALE_DE] = "Touchpoints"},
            .count = count_touchpoints,
            .measure = measure_touchpoints,
            .cell = cell_touchpoints,
            .legend = cj_lay_legend_touchpoints,
        },
    [CJMAP_LANE_EXPERIENCES] =
        {
            .id = CJMAP_LANE_EXPERIENCES,
            .name = {[CJMAP_LOCALE_EN] = "Experiences",
                     [CJMAP_LOCALE_DA] = "Oplevelser",
                     [CJMAP_LOCALE_NB] = "Opplevelser",
                     [CJMAP_LOCALE_SV] = "Upplevelser",
                     [CJMAP_LOCALE_DE] = "Erlebnisse"},
            .count = count_experiences,
            .measure = measure_experiences,
            .cell = cell_experiences,
            .legend = cj_lay_legend_experiences,
        },
    [CJMAP_LANE_EMOTIONS] =
        {
            .id = CJMAP_LANE_EMOTIONS,
            .name = {[CJMAP_LOCALE_EN] = "Emotion curve",
                     [CJMAP_LOCALE_DA] = "Følelseskurve",
                     [CJMAP_LOCALE_NB] = "Følelseskurve",
                     [CJMAP_LOCALE_SV] = "Känslokurva",
                     [CJMAP_LOCALE_DE] = "Emotionskurve"},
            .scale_w = 14,
            .whole = true,
            .count = count_scored,
            .build = cj_lay_build_emotions,
            .band = cj_lay_plot_band,
            .legend = cj_lay_legend_emotions,
        },
    [CJMAP_LANE_PAINS] =
        {
            .id = CJMAP_LANE_PAINS,
            .name = {[CJMAP_LOCALE_EN] = "Pain points",
                     [CJMAP_LOCALE_DA] = "Smertepunkter",
                     [CJMAP_LOCALE_NB] = "Smertepunkter",
                     [CJMAP_LOCALE_SV] = "Smärtpunkter",
                     [CJMAP_LOCALE_DE] = "Pain Points"},
            .count = count_pains,
            .measure = measure_pains,
            .cell = cell_pains,
            .legend = cj_lay_legend_pains,
        },
    [CJMAP_LANE_OPPORTUNITIES] =
        {
            .id = CJMAP_LANE_OPPORTUNITIES,
            .name = {[CJMAP_LOCALE_EN] = "Opportunities",
                     [CJMAP_LOCALE_DA] = "Muligheder",
                     [CJMAP_LOCALE_NB] = "Muligheter",
                     [CJMAP_LOCALE_SV] = "Möjligheter",
                     [CJMAP_LOCALE_DE] = "Chancen"},
            .count = count_opportunities,
            .cell = cell_opportunities,
            .legend = cj_lay_legend_opportunities,
        },
    [CJMAP_LANE_METRICS] =
        {
            .id = CJMAP_LANE_METRICS,
            .name = {[CJMAP_LOCALE_EN] = "Metrics",
                     [CJMAP_LOCALE_DA] = "Nøgletal",
                     [CJMAP_LOCALE_NB] = "Nøkkeltall",
                     [CJMAP_LOCALE_SV] = "Nyckeltal",
                     [CJMAP_LOCALE_DE] = "Kennzahlen"},
            .count = count_metrics,
            .cell = cell_metrics,
        },
};

static bool lane_used(const lay *L, const lane_class *c) {
    for (size_t p = 0; p < L->m->n_phases; p++)
        if (c->count(L, p)) return true;
    return false;
}

/* The lane's label: the journey's own (`labels:`), else the built-in one. */
static const char *lane_label(const lay *L, const lane_class *c) {
    const char *own = L->m->labels[c->id];
    if (own && own[0]) return own;
    return c->name[(unsigned)L->loc < CJMAP_LOCALE_COUNT ? L->loc : CJMAP_LOCALE_EN];
}

void cj_lay_build_lanes(lay *L) {
    const cjmap_model *m = L->m;
    double y = 0;
    double inner = L->W - 2 * PAD;
    for (int k = 0; k < CJMAP_LANE_COUNT; k++) {
        const lane_class *c = &cj_lay_lane_table[k];
        if (!lane_used(L, c)) continue;
        int li = L->n_lanes++;
        lane_info *ln = &L->lanes[li];
        ln->cls = c;
        ln->top = y;
        ln->label = cj_lay_norm(L, lane_label(L, c));
        cj_lay_measure(L, ln->label, F_LANE, cj_lay_label_w(c));
        ln->label_h = L->mb.h;
        double h = ln->label_h + 2 * PAD;
        if (c->build) {
            h = fmax(h, c->build(L, li, y));
            ln->h = h;
            y += h;
            continue;
        }
        for (size_t p = 0; p < m->n_phases; p++) {
            double cy = y + PAD;
            c->cell(L, li, p, cj_lay_col_x(L, p) + PAD, &cy, inner);
            double used = cy - GAP - y + PAD;
            if (used > h) h = used;
        }
        ln->h = ceil(h / 4) * 4; /* keep lane edges on the 4 pt grid */
        y += ln->h;
    }
    L->body_h = y;
}
