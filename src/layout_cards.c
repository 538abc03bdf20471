/*
** layout_cards.c — cards and lanes: the body of the map, built once in map
** coordinates (notes 1-3 in layout.c), one atom per card.
*/
#include "icons.h"
#include "labels.h"
#include "layout_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
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

/* "Where it happens": the touchpoint of an experience, pain, opportunity
 * or blueprint step, small at the card's foot (its pictogram and name),
 * so the map says where the friction is.  Returns the height it takes. */
static double tp_chip(lay *L, ivec *v, cjmap_index ti, double x, double y, double w, cj_origin o) {
    if (ti < 0 || (size_t)ti >= L->m->n_touchpoints) return 0;
    const cjmap_touchpoint *tp = &L->m->touchpoints[ti];
    const double d = 10;
    const char *name = cj_lay_norm(L, tp->name);
    if (!cj_lay_measure(L, name, F_TAG, w - d - 3)) return 0;
    double th = L->mb.h;
    cj_lay_tp_badge(L, v, tp, x, y + (th > d ? (fmin(th, F_TAG.size * 1.3) - d) / 2 : 0), d, o);
    cj_lay_text(L, v, name, F_TAG, L->th.soft, x + d + 3, y + (th < d ? (d - th) / 2 : 0),
                w - d - 3, o, NULL);
    return fmax(d, th);
}

/* The chip on one line in a card's meta row, its right edge at rx, when
 * it fits in `room` beside what the row already holds: the card then needs
 * no row of its own for it (a map of cards that say where they happen is
 * hardly taller).  Returns the width it took, 0 when it does not fit (the
 * caller puts it at the foot). */
static double tp_chip_inline(lay *L, ivec *v, cjmap_index ti, double rx, double y, double room,
                             cj_origin o) {
    if (ti < 0 || (size_t)ti >= L->m->n_touchpoints) return 0;
    const cjmap_touchpoint *tp = &L->m->touchpoints[ti];
    const double d = 10;
    const char *name = cj_lay_norm(L, tp->name);
    double nw = cj_lay_natural_w(L, name, F_TAG);
    double cw = d + 3 + nw;
    if (cw > room) return 0;
    double x = rx - cw, mh = F_META.size * 1.3; /* the row: one line of F_META */
    cj_lay_tp_badge(L, v, tp, x, y + (mh - d) / 2, d, o);
    if (!cj_lay_measure(L, name, F_TAG, nw + 1)) return 0;
    cj_lay_text(L, v, name, F_TAG, L->th.soft, x + d + 3, y + (mh - L->mb.h) / 2, nw + 1, o, NULL);
    return cw;
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
    double cw = tp_chip_inline(L, v, e->touchpoint, rx, y + CPAD,
                               rx - (x + CPAD) - cj_lay_natural_w(L, word, F_META) - 8, o);
    if (cw > 0) rx -= cw + 8;
    double ww = rx - (x + CPAD);
    mh = fmax(mh, cj_lay_text(L, v, word, F_META, emo ? t->emo_text : t->rat_text, x + CPAD,
                              y + CPAD, ww, o, NULL));
    double h = CPAD + mh + 2;
    h += cj_lay_text(L, v, cj_lay_norm(L, e->text), F_CARD, t->text, x + CPAD, y + h, w - 2 * CPAD,
                     o, NULL);
    if (e->touchpoint != CJMAP_NONE && cw <= 0) {
        double ch = tp_chip(L, v, e->touchpoint, x + CPAD, y + h + 4, w - 2 * CPAD, o);
        if (ch > 0) h += 4 + ch;
    }
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

/* A card with a coloured bar at its left: pains (meta: the severity, with
 * its marker), opportunities, backstage steps and support processes (meta:
 * the actor, without a marker: sev UNSET); tp: where it happens, or NONE. */
static double stripe_card(lay *L, ivec *v, cj_origin o, cj_color tint, cj_color bar,
                          const char *meta, cjmap_level sev, const char *body, cjmap_index tp,
                          double x, double y, double w) {
    const theme *t = &L->th;
    size_t r = cj_lay_rect(v, x, y, w, 0, 2, cj_lay_both(tint, t->card_line, 0.5, CJ_DASH_SOLID),
                           CJ_ROLE_BOX, o);
    size_t bar_i = cj_lay_rect(v, x, y, 4, 0, 0, cj_lay_fill(bar), CJ_ROLE_INK, o);
    double tx = x + 4 + CPAD, tw = w - 4 - 2 * CPAD;
    double h = CPAD, cw = 0;
    if (meta) { /* the chip at the row's right when it fits beside the meta text */
        double mx = sev != CJMAP_LEVEL_UNSET ? 12 : 0;
        cw = tp_chip_inline(L, v, tp, tx + tw, y + CPAD,
                            tw - mx - cj_lay_natural_w(L, meta, F_META) - 8, o);
    }
    double mw = cw > 0 ? tw - cw - 8 : tw;
    if (meta && sev != CJMAP_LEVEL_UNSET) {
        cj_lay_sev_marker(L, v, sev, tx, y + CPAD + 0.5, 8.5, o);
        h += fmax(8.5,
                  cj_lay_text(L, v, meta, F_META, t->text, tx + 12, y + CPAD, mw - 12, o, NULL)) +
             2;
    } else if (meta) {
        h += cj_lay_text(L, v, meta, F_META, t->soft, tx, y + CPAD, mw, o, NULL) + 2;
    }
    h += cj_lay_text(L, v, body, F_CARD, t->text, tx, y + h, tw, o, NULL);
    if (tp != CJMAP_NONE && cw <= 0) {
        double ch = tp_chip(L, v, tp, tx, y + h + 4, tw, o);
        if (ch > 0) h += 4 + ch;
    }
    h += CPAD;
    v->v[r].box.h = h;
    v->v[bar_i].box.h = h;
    return h;
}

/* ------------------------------------------------------------------ */
/* Lanes: what each counts, measures and draws in a phase's cell       */
/* ------------------------------------------------------------------ */

static size_t in_bucket(const bucket *b, size_t p) { return b->start[p + 1] - b->start[p]; }

static size_t count_actions(const lay *L, const lane_info *ln, size_t p) {
    (void)ln;
    return L->m->phases[p].n_actions;
}
static size_t count_touchpoints(const lay *L, const lane_info *ln, size_t p) {
    (void)ln;
    return in_bucket(&L->b_tp, p);
}
static size_t count_experiences(const lay *L, const lane_info *ln, size_t p) {
    (void)ln;
    return in_bucket(&L->b_exp, p);
}
static size_t count_scored(const lay *L, const lane_info *ln, size_t p) {
    (void)ln;
    size_t n = 0;
    for (size_t i = L->b_exp.start[p]; i < L->b_exp.start[p + 1]; i++)
        n += cj_lay_scored(L, &L->m->experiences[L->b_exp.idx[i]]);
    return n;
}
static size_t count_pains(const lay *L, const lane_info *ln, size_t p) {
    (void)ln;
    return in_bucket(&L->b_pain, p);
}
static size_t count_opportunities(const lay *L, const lane_info *ln, size_t p) {
    (void)ln;
    return in_bucket(&L->b_opp, p);
}
static size_t count_metrics(const lay *L, const lane_info *ln, size_t p) {
    (void)ln;
    return L->m->phases[p].n_metrics;
}
static size_t count_backstage(const lay *L, const lane_info *ln, size_t p) {
    (void)ln;
    return in_bucket(&L->b_back, p);
}
static size_t count_support(const lay *L, const lane_info *ln, size_t p) {
    (void)ln;
    return in_bucket(&L->b_sup, p);
}
/* An own lane's texts in phase p (none when the model has no entry). */
static const cjmap_lane_texts *own_texts(const lay *L, cjmap_index own, size_t p) {
    const cjmap_phase *ph = &L->m->phases[p];
    if (!ph->own || own < 0 || (size_t)own >= L->m->n_own_lanes) return NULL;
    return &ph->own[own];
}
static size_t count_own(const lay *L, const lane_info *ln, size_t p) {
    const cjmap_lane_texts *t = own_texts(L, ln->own, p);
    return t ? t->n_texts : 0;
}

static void measure_actions(lay *L, const lane_info *ln, size_t p, double *need, double *longest) {
    const cjmap_phase *ph = &L->m->phases[p];
    (void)need, (void)ln;
    for (size_t a = 0; a < ph->n_actions; a++)
        *longest = fmax(*longest, cj_lay_natural_w(L, cj_lay_norm(L, ph->actions[a]), F_CARD) + 9);
}

static void measure_own(lay *L, const lane_info *ln, size_t p, double *need, double *longest) {
    const cjmap_lane_texts *t = own_texts(L, ln->own, p);
    (void)need;
    for (size_t a = 0; t && a < t->n_texts; a++)
        *longest = fmax(*longest, cj_lay_natural_w(L, cj_lay_norm(L, t->texts[a]), F_CARD) + 9);
}

static void measure_touchpoints(lay *L, const lane_info *ln, size_t p, double *need,
                                double *longest) {
    const cjmap_model *m = L->m;
    (void)ln;
    for (size_t i = L->b_tp.start[p]; i < L->b_tp.start[p + 1]; i++) {
        const cjmap_touchpoint *tp = &m->touchpoints[L->b_tp.idx[i]];
        *need = fmax(*need, fmin(cj_lay_natural_w(L, cj_lay_norm(L, tp->name), F_CARD_B), 140) +
                                BADGE_D + 6 + 2 * CPAD + 2 * PAD + (L->need.show_owner ? 48 : 0));
        *longest =
            fmax(*longest,
                 cj_lay_natural_w(L, cj_lay_norm(L, tp->uses[L->b_tp.sub[i]].purpose), F_CARD));
    }
}

static void measure_experiences(lay *L, const lane_info *ln, size_t p, double *need,
                                double *longest) {
    (void)need, (void)ln;
    for (size_t i = L->b_exp.start[p]; i < L->b_exp.start[p + 1]; i++)
        *longest = fmax(
            *longest,
            cj_lay_natural_w(L, cj_lay_norm(L, L->m->experiences[L->b_exp.idx[i]].text), F_CARD));
}

static void measure_pains(lay *L, const lane_info *ln, size_t p, double *need, double *longest) {
    (void)need, (void)ln;
    for (size_t i = L->b_pain.start[p]; i < L->b_pain.start[p + 1]; i++)
        *longest =
            fmax(*longest,
                 cj_lay_natural_w(L, cj_lay_norm(L, L->m->pains[L->b_pain.idx[i]].text), F_CARD));
}

static const bucket *step_bucket(const lay *L, const lane_info *ln) {
    return ln->cls->id == CJMAP_LANE_SUPPORT ? &L->b_sup : &L->b_back;
}
static const cjmap_step *step_at(const lay *L, const lane_info *ln, int32_t i) {
    return ln->cls->id == CJMAP_LANE_SUPPORT ? &L->m->support[i] : &L->m->backstage[i];
}

static void measure_steps(lay *L, const lane_info *ln, size_t p, double *need, double *longest) {
    const bucket *b = step_bucket(L, ln);
    (void)need;
    for (size_t i = b->start[p]; i < b->start[p + 1]; i++)
        *longest =
            fmax(*longest,
                 cj_lay_natural_w(L, cj_lay_norm(L, step_at(L, ln, b->idx[i])->text), F_CARD) + 4);
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

/* An own lane's texts, as bullets (like the customer's actions). */
static void cell_own(lay *L, int li, size_t p, double x, double *cy, double inner) {
    const lane_info *ln = &L->lanes[li];
    const cjmap_lane_texts *t = own_texts(L, ln->own, p);
    if (!t) return;
    size_t before = 0; /* the texts of the phase's own lanes above this one */
    for (cjmap_index o = 0; o < ln->own; o++)
        before += L->m->phases[p].own[o].n_texts;
    for (size_t a = 0; a < t->n_texts; a++) {
        size_t first = L->body.n;
        double hh =
            cj_lay_bullet(L, &L->body, cj_lay_norm(L, t->texts[a]), F_CARD, L->th.text, x, *cy,
                          inner, cj_lay_origin(CJ_O_OWN, (int32_t)p, (int32_t)(before + a)));
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
                        cj_lay_norm(L, pn->text), pn->touchpoint, x, *cy, inner);
        atom_end(L, first, p, li, cy, hh);
    }
}

static void cell_opportunities(lay *L, int li, size_t p, double x, double *cy, double inner) {
    const theme *t = &L->th;
    for (size_t i = L->b_opp.start[p]; i < L->b_opp.start[p + 1]; i++) {
        int32_t oi = L->b_opp.idx[i];
        const cjmap_opportunity *op = &L->m->opportunities[oi];
        size_t first = L->body.n;
        double hh = stripe_card(L, &L->body, cj_lay_origin(CJ_O_OPPORTUNITY, oi, 0), t->opp_tint,
                                t->opp, NULL, CJMAP_LEVEL_UNSET, cj_lay_norm(L, op->text),
                                op->touchpoint, x, *cy, inner);
        atom_end(L, first, p, li, cy, hh);
    }
}

/* Backstage steps and support processes: the actor above the text. */
static void cell_steps(lay *L, int li, size_t p, double x, double *cy, double inner) {
    const theme *t = &L->th;
    const lane_info *ln = &L->lanes[li];
    const bucket *b = step_bucket(L, ln);
    bool sup = ln->cls->id == CJMAP_LANE_SUPPORT;
    for (size_t i = b->start[p]; i < b->start[p + 1]; i++) {
        int32_t si = b->idx[i];
        const cjmap_step *st = step_at(L, ln, si);
        size_t first = L->body.n;
        const char *actor = st->actor && st->actor[0] ? cj_lay_norm(L, st->actor) : NULL;
        double hh =
            stripe_card(L, &L->body, cj_lay_origin(sup ? CJ_O_SUPPORT : CJ_O_BACKSTAGE, si, 0),
                        sup ? t->sup_tint : t->back_tint, sup ? t->sup : t->back, actor,
                        CJMAP_LEVEL_UNSET, cj_lay_norm(L, st->text), st->touchpoint, x, *cy, inner);
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

/* A blueprint line: a strip as tall as its label, the line across the body
 * at its middle (lane_class.build and .band). */
static double build_line(lay *L, int li, double top) {
    (void)top;
    return L->lanes[li].label_h + 6;
}

static void band_line(lay *L, const lane_info *ln, ivec *v, double x1, cj_origin o) {
    double y = ln->top + ln->h / 2;
    cj_pseg s[2] = {{CJ_P_MOVE, {CJ_LABEL_W + 2}, {y}}, {CJ_P_LINE, {x1 - 2}, {y}}};
    cj_lay_path(L, v, s, 2, cj_lay_stroke(L->th.line, 1.1, CJ_DASH_DASHED), o);
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
            .rows_w = 96,
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
            .rows_w = 148,
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
            .rows_w = 96,
            .name = {[CJMAP_LOCALE_EN] = "Metrics",
                     [CJMAP_LOCALE_DA] = "Nøgletal",
                     [CJMAP_LOCALE_NB] = "Nøkkeltall",
                     [CJMAP_LOCALE_SV] = "Nyckeltal",
                     [CJMAP_LOCALE_DE] = "Kennzahlen"},
            .count = count_metrics,
            .cell = cell_metrics,
        },
    /* The service blueprint's names: Danish and Norwegian service design
     * keeps "backstage" as a loan word; support processes are
     * "støtteprocesser" / "støtteprosesser". */
    [CJMAP_LANE_BACKSTAGE] =
        {
            .id = CJMAP_LANE_BACKSTAGE,
            .name = {[CJMAP_LOCALE_EN] = "Backstage actions",
                     [CJMAP_LOCALE_DA] = "Backstage-handlinger",
                     [CJMAP_LOCALE_NB] = "Backstage-handlinger",
                     [CJMAP_LOCALE_SV] = "Backstage-aktiviteter",
                     [CJMAP_LOCALE_DE] = "Backstage-Aktivitäten"},
            .below_visibility = true,
            .count = count_backstage,
            .measure = measure_steps,
            .cell = cell_steps,
        },
    [CJMAP_LANE_SUPPORT] =
        {
            .id = CJMAP_LANE_SUPPORT,
            .name = {[CJMAP_LOCALE_EN] = "Support processes",
                     [CJMAP_LOCALE_DA] = "Støtteprocesser",
                     [CJMAP_LOCALE_NB] = "Støtteprosesser",
                     [CJMAP_LOCALE_SV] = "Stödprocesser",
                     [CJMAP_LOCALE_DE] = "Unterstützungsprozesse"},
            .below_visibility = true,
            .count = count_support,
            .measure = measure_steps,
            .cell = cell_steps,
        },
};

/* Every own lane: its label is the journey's `name`. */
const lane_class cj_lay_own_class = {
    .id = CJ_LANE_OWN,
    .rows_w = 96, /* bullets, like the customer's actions */
    .count = count_own,
    .measure = measure_own,
    .cell = cell_own,
};

/* The lines of a service blueprint (NN/g's names; the Scandinavian ones as
 * service designers there write them). */
const lane_class cj_lay_line_class[CJ_LINE_COUNT] = {
    [CJ_LINE_INTERACTION] = {.id = CJ_LANE_LINE,
                             .name = {[CJMAP_LOCALE_EN] = "Line of interaction",
                                      [CJMAP_LOCALE_DA] = "Interaktionslinje",
                                      [CJMAP_LOCALE_NB] = "Interaksjonslinje",
                                      [CJMAP_LOCALE_SV] = "Interaktionslinje",
                                      [CJMAP_LOCALE_DE] = "Interaktionslinie"},
                             .whole = true,
                             .line = true,
                             .build = build_line,
                             .band = band_line},
    [CJ_LINE_VISIBILITY] = {.id = CJ_LANE_LINE,
                            .name = {[CJMAP_LOCALE_EN] = "Line of visibility",
                                     [CJMAP_LOCALE_DA] = "Synlighedslinje",
                                     [CJMAP_LOCALE_NB] = "Synlighetslinje",
                                     [CJMAP_LOCALE_SV] = "Synlighetslinje",
                                     [CJMAP_LOCALE_DE] = "Sichtbarkeitslinie"},
                            .whole = true,
                            .line = true,
                            .build = build_line,
                            .band = band_line},
    [CJ_LINE_INTERNAL] = {.id = CJ_LANE_LINE,
                          .name = {[CJMAP_LOCALE_EN] = "Line of internal interaction",
                                   [CJMAP_LOCALE_DA] = "Intern interaktionslinje",
                                   [CJMAP_LOCALE_NB] = "Intern interaksjonslinje",
                                   [CJMAP_LOCALE_SV] = "Intern interaktionslinje",
                                   [CJMAP_LOCALE_DE] = "Linie der internen Interaktion"},
                          .whole = true,
                          .line = true,
                          .build = build_line,
                          .band = band_line},
};

static bool lane_used(const lay *L, const lane_info *ln) {
    for (size_t p = 0; p < L->m->n_phases; p++)
        if (ln->cls->count(L, ln, p)) return true;
    return false;
}

static const char *builtin_name(const lay *L, const lane_class *c) {
    return c->name[(unsigned)L->loc < CJMAP_LOCALE_COUNT ? L->loc : CJMAP_LOCALE_EN];
}

/* The lane's label: the journey's own (`labels:`, an own lane's name),
 * else the built-in one. */
static const char *lane_label(const lay *L, const lane_info *ln) {
    const lane_class *c = ln->cls;
    if (c->id == CJ_LANE_OWN) { /* its name; a hand-built model may leave it out */
        const cjmap_own_lane *ol = &L->m->own_lanes[ln->own];
        return ol->name ? ol->name : ol->id ? ol->id : "";
    }
    if (c->id < CJMAP_LANE_COUNT) {
        const char *own = L->m->labels[c->id];
        if (own && own[0]) return own;
    }
    return builtin_name(L, c);
}

/* The line between two lanes drawn one above the other, or -1.  Lines are
 * drawn only on a service blueprint: a map with backstage or support. */
static int line_between(const lane_info *a, const lane_info *b) {
    int x = a->cls->id, y = b->cls->id;
    if (x == CJMAP_LANE_ACTIONS && y == CJMAP_LANE_TOUCHPOINTS) return CJ_LINE_INTERACTION;
    if (x == CJMAP_LANE_TOUCHPOINTS && (y == CJMAP_LANE_BACKSTAGE || y == CJMAP_LANE_SUPPORT))
        return CJ_LINE_VISIBILITY;
    if (x == CJMAP_LANE_BACKSTAGE && y == CJMAP_LANE_SUPPORT) return CJ_LINE_INTERNAL;
    return -1;
}

void cj_lay_plan_lanes(lay *L) {
    const cjmap_model *m = L->m;
    size_t n = m->lanes && m->n_lanes ? m->n_lanes : CJMAP_LANE_COUNT;
    lane_info *cand = xcalloc(n, sizeof *cand);
    int nc = 0;
    bool blueprint = false, seen[CJMAP_LANE_COUNT] = {false};
    bool *own_seen = xcalloc(m->n_own_lanes, sizeof *own_seen); /* a lane is drawn once */
    for (size_t i = 0; i < n; i++) {
        cjmap_lane_ref r = m->lanes && m->n_lanes
                               ? m->lanes[i]
                               : (cjmap_lane_ref){cjmap_default_lanes[i], CJMAP_NONE};
        lane_info ln = {0};
        ln.own = CJMAP_NONE;
        if (r.own != CJMAP_NONE) {
            if (r.own < 0 || (size_t)r.own >= m->n_own_lanes || own_seen[r.own]) continue;
            own_seen[r.own] = true;
            ln.cls = &cj_lay_own_class;
            ln.own = r.own;
            ln.oid = CJMAP_LANE_COUNT + r.own;
        } else {
            if ((unsigned)r.builtin >= CJMAP_LANE_COUNT || seen[r.builtin]) continue;
            seen[r.builtin] = true;
            ln.cls = &cj_lay_lane_table[r.builtin];
            ln.oid = (int32_t)r.builtin;
        }
        if (!lane_used(L, &ln)) continue;
        blueprint |= ln.cls->below_visibility;
        cand[nc++] = ln;
    }
    free(own_seen);
    L->lanes = xcalloc((size_t)nc * 2 + 1, sizeof *L->lanes);
    int band = 0;
    for (int i = 0; i < nc; i++) {
        int line = blueprint && i > 0 ? line_between(&cand[i - 1], &cand[i]) : -1;
        if (line >= 0) {
            lane_info *ln = &L->lanes[L->n_lanes++];
            ln->cls = &cj_lay_line_class[line];
            ln->own = CJMAP_NONE;
            ln->oid = line;
            ln->band = -1;
        }
        L->lanes[L->n_lanes] = cand[i];
        L->lanes[L->n_lanes++].band = band++;
    }
    free(cand);
    for (int li = 0; li < L->n_lanes; li++) {
        lane_info *ln = &L->lanes[li];
        ln->label = cj_lay_norm(L, lane_label(L, ln));
        if (ln->cls->id == CJMAP_LANE_EMOTIONS && L->emo_lane < 0) L->emo_lane = li;
    }
}

void cj_lay_build_lanes(lay *L) {
    const cjmap_model *m = L->m;
    double y = 0;
    double inner = L->W - 2 * PAD;
    for (int li = 0; li < L->n_lanes; li++) {
        lane_info *ln = &L->lanes[li];
        const lane_class *c = ln->cls;
        ln->top = y;
        cj_lay_measure(L, ln->label, c->line ? F_TAG : F_LANE, cj_lay_label_w(c));
        ln->label_h = L->mb.h;
        double h = ln->label_h + 2 * PAD;
        if (c->build) {
            h = c->line ? c->build(L, li, y) : fmax(h, c->build(L, li, y));
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

void cj_lay_mot_marker(lay *L, ivec *v, double x, double y, double s, cj_origin o) {
    const theme *t = &L->th;
    cj_pseg d[5] = {{CJ_P_MOVE, {x + s / 2}, {y}},
                    {CJ_P_LINE, {x + s}, {y + s / 2}},
                    {CJ_P_LINE, {x + s / 2}, {y + s}},
                    {CJ_P_LINE, {x}, {y + s / 2}},
                    {CJ_P_CLOSE, {0}, {0}}};
    cj_lay_path(L, v, d, 5, cj_lay_both(t->mot, t->text, 0.8, CJ_DASH_SOLID), o);
}
