/*
** layout_legend.c — the blocks around the body: title block, running head
** and the legend, each built at x = 0, y = 0 for the pages to place.
*/
#include "icons.h"
#include "labels.h"
#include "layout_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Title block, running head, legend                                   */
/* ------------------------------------------------------------------ */

double cj_lay_build_title(lay *L, ivec *v, double TW) {
    const cjmap_model *m = L->m;
    const theme *t = &L->th;
    size_t first = v->n;
    double bw = 0;
    if (m->state == CJMAP_STATE_CURRENT || m->state == CJMAP_STATE_FUTURE) {
        bool fut = m->state == CJMAP_STATE_FUTURE;
        const char *w = cj_word_text(L->loc, fut ? CJ_W_FUTURE : CJ_W_CURRENT);
        double tw = cj_lay_natural_w(L, w, F_BADGE);
        if (tw + 16 > TW / 2) tw = TW / 2 - 16;
        cj_lay_measure(L, w, F_BADGE, tw + 1);
        double th = L->mb.h;
        bw = tw + 16;
        cj_lay_rect(v, TW - bw, 5, bw, th + 8, (th + 8) / 2,
                    fut ? cj_lay_both(t->card, t->accent, 1.2, CJ_DASH_DASHED)
                        : cj_lay_fill(t->accent),
                    CJ_ROLE_INK, cj_lay_origin(CJ_O_BADGE, 0, 0));
        cj_lay_text(L, v, w, F_BADGE, fut ? t->accent : t->on_accent, TW - bw + 8, 9, tw + 1,
                    cj_lay_origin(CJ_O_BADGE, 0, 0), NULL);
    }
    double y = cj_lay_text(L, v, cj_lay_norm(L, m->title), F_TITLE, t->text, 0, 0,
                           TW - (bw ? bw + 16 : 0), cj_lay_origin(CJ_O_TITLE, 0, 0), NULL);
    y = fmax(y, bw ? 30 : 0) + 4;
    if (m->segment_name) {
        const char *s = cj_lay_cat3(L, cj_word_text(L->loc, CJ_W_SEGMENT), ": ",
                                    cj_lay_norm(L, m->segment_name));
        y += cj_lay_text(L, v, s, F_SEG, t->soft, 0, y, TW, cj_lay_origin(CJ_O_SEGMENT, 0, 0),
                         NULL) +
             6;
    }
    bool two = TW >= 640 && m->n_segment_goals > 0 && m->segment_description;
    double dw = two ? fmin(TW / 2 - 12, 460) : fmin(TW, 560);
    double dh = 0, gh = 0;
    if (m->segment_description)
        dh = cj_lay_text(L, v, cj_lay_norm(L, m->segment_description), F_BODY, t->text, 0, y, dw,
                         cj_lay_origin(CJ_O_SEGMENT, 0, 1), NULL);
    if (m->n_segment_goals) {
        double gx = two ? dw + 24 : 0, gy = two ? y : y + (dh > 0 ? dh + 6 : 0);
        double gw = two ? fmin(TW - gx, 460) : dw;
        double g0 = gy;
        gy += cj_lay_text(L, v, cj_word_text(L->loc, CJ_W_GOALS), F_LANE, t->text, gx, gy, gw,
                          cj_lay_origin(CJ_O_SEGMENT, 0, 2), NULL) +
              2;
        for (size_t i = 0; i < m->n_segment_goals; i++)
            gy += cj_lay_bullet(L, v, cj_lay_norm(L, m->segment_goals[i]), F_BODY, t->text, gx, gy,
                                gw, cj_lay_origin(CJ_O_SEGMENT, 1, (int32_t)i)) +
                  1;
        gh = gy - g0;
        if (!two) {
            dh = gy - y;
            gh = 0;
        }
    }
    y += fmax(dh, gh);
    y = ceil(y / 4) * 4;
    for (size_t i = first; i < v->n; i++)
        v->v[i].cell = (cj_rect){0, 0, TW, y};
    return y;
}

double cj_lay_build_runhead(lay *L, ivec *v, double TW, size_t page, size_t pages) {
    const theme *t = &L->th;
    char buf[64];
    snprintf(buf, sizeof buf, "%s %zu/%zu", cj_word_text(L->loc, CJ_W_PAGE), page, pages);
    const char *pl = cj_dl_strndup(L->dl, buf, strlen(buf));
    snprintf(buf, sizeof buf, "%s 8888/8888", cj_word_text(L->loc, CJ_W_PAGE));
    double wmax = cj_lay_natural_w(L, buf, F_HEAD), pw = cj_lay_natural_w(L, pl, F_HEAD);
    size_t first = v->n;
    double h = cj_lay_text(L, v, pl, F_HEAD, t->soft, TW - pw, 0, pw + 1,
                           cj_lay_origin(CJ_O_RUNHEAD, 0, 1), NULL);
    h = fmax(h, cj_lay_text(L, v, cj_lay_norm(L, L->m->title), F_HEAD, t->soft, 0, 0,
                            TW - wmax - 16, cj_lay_origin(CJ_O_RUNHEAD, 0, 0), NULL));
    for (size_t i = first; i < v->n; i++)
        v->v[i].cell = (cj_rect){0, 0, TW, h};
    return h;
}

typedef enum sample_kind {
    S_ONLINE,
    S_OFFLINE,
    S_DIRECT,
    S_INDIRECT,
    S_OWNER,
    S_CHANNEL,
    S_EMO,
    S_RAT,
    S_HIGH,
    S_SCORE,
    S_NEUTRAL,
    S_LOWEST,
    S_SEV,
    S_OPP,
    S_MOT,
    S_RANGE,
    S_BRIDGE
} sample_kind;

struct flow {
    double x, y, row_h, TW;
};

#define SAMPLE_W 22.0
#define SAMPLE_H 12.0

/* "Score (1–5)", "Neutral (3)": the locale's word with the map's scale,
 * owned by the display list. */
static const char *scale_word(lay *L, cj_word w) {
    char buf[128];
    int n = cj_scale_label(L->loc, &L->scale, w, buf, sizeof buf);
    size_t len = n < 0 ? 0 : (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1;
    return cj_dl_strndup(L->dl, buf, len);
}

static void legend_entry(lay *L, ivec *v, flow *f, sample_kind k, int arg, const char *label) {
    const theme *t = &L->th;
    cj_origin o = cj_lay_origin(CJ_O_LEGEND, (int32_t)k, arg);
    double lw = fmin(cj_lay_natural_w(L, label, F_LEGEND), f->TW - SAMPLE_W - 6);
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
        cj_lay_rect(v, x + 1, y + 1, SAMPLE_W - 2, SAMPLE_H - 2, 2,
                    cj_lay_both(t->card, t->card_line, 0.9,
                                k == S_OFFLINE ? CJ_DASH_DASHED : CJ_DASH_SOLID),
                    CJ_ROLE_INK, o);
        break;
    case S_DIRECT:
    case S_INDIRECT: {
        cj_pseg s[6];
        size_t n = cj_circle_path(x + SAMPLE_W / 2, y + SAMPLE_H / 2, 5.5, s);
        cj_lay_path(L, v, s, n,
                    k == S_INDIRECT ? cj_lay_both(t->card, t->accent, 0.9, CJ_DASH_DOTTED)
                                    : cj_lay_fill(t->accent),
                    o);
        break;
    }
    case S_OWNER:
        cj_lay_rect(v, x + 1, y + 1.5, SAMPLE_W - 2, SAMPLE_H - 3, (SAMPLE_H - 3) / 2,
                    cj_lay_both(t->card, t->tag_line, 0.6, CJ_DASH_SOLID), CJ_ROLE_INK, o);
        break;
    case S_CHANNEL: {
        cjmap_touchpoint fake = {0};
        fake.channel = (cjmap_channel)arg;
        fake.contact = CJMAP_CONTACT_DIRECT;
        cj_lay_tp_badge(L, v, &fake, x + (SAMPLE_W - 14) / 2, y - 1, 14, o);
        break;
    }
    case S_EMO:
    case S_RAT:
        cj_lay_rect(v, x + 1, y + 1, SAMPLE_W - 2, SAMPLE_H - 2, k == S_EMO ? 4 : 0,
                    cj_lay_both(k == S_EMO ? t->emo_tint : t->rat_tint,
                                k == S_EMO ? t->emo : t->rat, 0.9, CJ_DASH_SOLID),
                    CJ_ROLE_INK, o);
        break;
    case S_HIGH:
        cj_lay_star(L, v, x + SAMPLE_W / 2, y + SAMPLE_H / 2 + 0.5, 5, t->text, o);
        break;
    case S_SCORE: { /* a good score, as a card shows it */
        char buf[32];
        int n = cj_score_text(&L->scale, L->scale.max - 1, buf, sizeof buf);
        cj_lay_text(L, v, cj_dl_strndup(L->dl, buf, (size_t)n), F_META, t->text, x + 3, y + 1,
                    SAMPLE_W, o, NULL);
        break;
    }
    case S_NEUTRAL: {
        cj_pseg s[2] = {{CJ_P_MOVE, {x + 1}, {y + SAMPLE_H / 2}},
                        {CJ_P_LINE, {x + SAMPLE_W - 1}, {y + SAMPLE_H / 2}}};
        cj_lay_path(L, v, s, 2, cj_lay_stroke(t->rule, 1, CJ_DASH_DASHED), o);
        break;
    }
    case S_LOWEST: {
        cj_pseg s[6];
        size_t n = cj_circle_path(x + SAMPLE_W / 2, y + SAMPLE_H / 2, 5.5, s);
        cj_lay_path(L, v, s, n, cj_lay_stroke(t->lowest, 1.4, CJ_DASH_SOLID), o);
        n = cj_circle_path(x + SAMPLE_W / 2, y + SAMPLE_H / 2, 2.4, s);
        cj_lay_path(L, v, s, n, cj_lay_both(t->card, t->curve, 1.2, CJ_DASH_SOLID), o);
        break;
    }
    case S_SEV:
        cj_lay_rect(v, x + 1, y, SAMPLE_W - 2, SAMPLE_H, 0, cj_lay_fill(t->sev_tint[arg]),
                    CJ_ROLE_INK, o);
        cj_lay_sev_marker(L, v, (cjmap_level)arg, x + SAMPLE_W / 2 - 5, y + 1.5, 10, o);
        break;
    case S_MOT:
        cj_lay_mot_marker(L, v, x + SAMPLE_W / 2 - 5, y + 1, 10, o);
        break;
    case S_RANGE: /* a short band with two dots and the mean's ring */
        cj_lay_rect(v, x + SAMPLE_W / 2 - 3, y, 6, SAMPLE_H, 3,
                    cj_lay_both(t->range_tint, t->range, 0.6, CJ_DASH_SOLID), CJ_ROLE_INK, o);
        cj_lay_circle(L, v, x + SAMPLE_W / 2, y + 2.5, 1.6, cj_lay_fill(t->range), o);
        cj_lay_circle(L, v, x + SAMPLE_W / 2, y + SAMPLE_H - 2.5, 1.6, cj_lay_fill(t->range), o);
        cj_lay_circle(L, v, x + SAMPLE_W / 2, y + SAMPLE_H / 2, 2.6,
                      cj_lay_both(t->card, t->curve, 1.2, CJ_DASH_SOLID), o);
        break;
    case S_BRIDGE: {
        cj_pseg s[2] = {{CJ_P_MOVE, {x + 1}, {y + SAMPLE_H / 2}},
                        {CJ_P_LINE, {x + SAMPLE_W - 1}, {y + SAMPLE_H / 2}}};
        cj_lay_path(L, v, s, 2, cj_lay_stroke(t->bridge, 1.2, CJ_DASH_DASHED), o);
        break;
    }
    case S_OPP:
        cj_lay_rect(v, x + 1, y, SAMPLE_W - 2, SAMPLE_H, 0, cj_lay_fill(t->opp_tint), CJ_ROLE_INK,
                    o);
        cj_lay_rect(v, x + 1, y, 4, SAMPLE_H, 0, cj_lay_fill(t->opp), CJ_ROLE_INK, o);
        break;
    }
    double th =
        cj_lay_text(L, v, label, F_LEGEND, t->text, x + SAMPLE_W + 6, y + 1, lw + 1, o, NULL);
    f->row_h = fmax(f->row_h, fmax(SAMPLE_H, th + 1));
    f->x += ew + 16;
}

static bool in_phase(const cjmap_model *m, cjmap_index p) {
    return p >= 0 && (size_t)p < m->n_phases;
}

/* The channel of the touchpoint a card shows at its foot (tp_chip). */
static void chip_channel(const cjmap_model *m, cjmap_index tp, legend_needs *need) {
    if (tp < 0 || (size_t)tp >= m->n_touchpoints) return;
    cjmap_channel c = m->touchpoints[tp].channel;
    need->chan[c < CJMAP_CH_COUNT ? c : CJMAP_CH_OTHER] = true;
    /* The badge shows direct (filled) or indirect (dotted) contact too. */
    bool indirect = m->touchpoints[tp].contact == CJMAP_CONTACT_INDIRECT;
    need->direct |= !indirect;
    need->indirect |= indirect;
}

/* What the curve shows, by the rule of cj_lay_build_emotions: a busy
 * phase's mean and range, bridges over phases without scores, and a lowest
 * point when the curve's lowest value is below neutral. */
static void curve_needs(const cjmap_model *m, const cjmap_scale *scale, legend_needs *need) {
    size_t *k = xcalloc(m->n_phases, sizeof *k);
    double *sum = xcalloc(m->n_phases, sizeof *sum), *low = xcalloc(m->n_phases, sizeof *low);
    for (size_t i = 0; i < m->n_experiences; i++) {
        const cjmap_experience *e = &m->experiences[i];
        if (!in_phase(m, e->phase) || !cj_lay_scored_on(scale, e)) continue;
        size_t p = (size_t)e->phase;
        if (!k[p] || e->score < low[p]) low[p] = e->score;
        k[p]++, sum[p] += e->score;
    }
    double lo = INFINITY;
    size_t last = (size_t)-1;
    for (size_t p = 0; p < m->n_phases; p++) {
        if (!k[p]) continue;
        bool busy = k[p] >= CJ_BUSY_PHASE;
        need->range |= busy;
        lo = fmin(lo, busy ? sum[p] / (double)k[p] : low[p]);
        if (last != (size_t)-1 && p > last + 1) need->bridge = true;
        last = p;
    }
    need->lowest = lo < (double)scale->neutral - 1e-9;
    free(k), free(sum), free(low);
}

void cj_lay_legend_needs(const cjmap_model *m, const cjmap_scale *scale, legend_needs *need) {
    memset(need, 0, sizeof *need);
    /* The lanes the map may draw: those `lanes:` lists (all without it). */
    if (m->lanes && m->n_lanes) {
        for (size_t i = 0; i < m->n_lanes; i++)
            if (m->lanes[i].own == CJMAP_NONE && (unsigned)m->lanes[i].builtin < CJMAP_LANE_COUNT)
                need->lane[m->lanes[i].builtin] = true;
    } else {
        for (int l = 0; l < CJMAP_LANE_COUNT; l++)
            need->lane[l] = true;
    }
    const bool *lane = need->lane;
    for (size_t t = 0; t < m->n_touchpoints; t++) {
        const cjmap_touchpoint *tp = &m->touchpoints[t];
        need->owner[tp->owner & 3] = true;
        bool used = false;
        for (size_t u = 0; u < tp->n_uses && !used; u++)
            used = in_phase(m, tp->uses[u].phase);
        if (!used || !lane[CJMAP_LANE_TOUCHPOINTS]) continue;
        bool offline = tp->mode == CJMAP_MODE_OFFLINE;
        bool indirect = tp->contact == CJMAP_CONTACT_INDIRECT;
        need->online |= !offline;
        need->offline |= offline;
        need->direct |= !indirect;
        need->indirect |= indirect;
        need->chan[tp->channel < CJMAP_CH_COUNT ? tp->channel : CJMAP_CH_OTHER] = true;
    }
    if (!lane[CJMAP_LANE_TOUCHPOINTS]) memset(need->owner, 0, sizeof need->owner);
    need->show_owner = (need->owner[0] + need->owner[1] + need->owner[2] + need->owner[3]) > 1;
    for (size_t i = 0; i < m->n_experiences; i++) {
        const cjmap_experience *e = &m->experiences[i];
        if (!in_phase(m, e->phase)) continue;
        bool emo = e->type == CJMAP_EXP_EMOTIONAL, scored = cj_lay_scored_on(scale, e);
        if (lane[CJMAP_LANE_EXPERIENCES]) {
            need->emo |= emo;
            need->rat |= !emo;
            need->high |= e->importance == CJMAP_LEVEL_HIGH;
            need->score |= scored;
            chip_channel(m, e->touchpoint, need);
        }
        need->curve |= scored && lane[CJMAP_LANE_EMOTIONS];
        if (scored && lane[CJMAP_LANE_EMOTIONS]) { /* the points' rings show the type */
            need->emo |= emo;
            need->rat |= !emo;
        }
    }
    if (need->curve) curve_needs(m, scale, need);
    for (size_t i = 0; i < m->n_pains && lane[CJMAP_LANE_PAINS]; i++) {
        const cjmap_pain *pn = &m->pains[i];
        if (!in_phase(m, pn->phase)) continue;
        cjmap_level sev = pn->severity == CJMAP_LEVEL_UNSET ? CJMAP_LEVEL_MEDIUM : pn->severity;
        if ((unsigned)sev < 4) need->sev[sev] = true;
        chip_channel(m, pn->touchpoint, need);
    }
    for (size_t i = 0; i < m->n_opportunities && lane[CJMAP_LANE_OPPORTUNITIES]; i++) {
        if (!in_phase(m, m->opportunities[i].phase)) continue;
        need->opp = true;
        chip_channel(m, m->opportunities[i].touchpoint, need);
    }
    for (size_t i = 0; i < m->n_backstage && lane[CJMAP_LANE_BACKSTAGE]; i++)
        if (in_phase(m, m->backstage[i].phase)) chip_channel(m, m->backstage[i].touchpoint, need);
    for (size_t i = 0; i < m->n_support && lane[CJMAP_LANE_SUPPORT]; i++)
        if (in_phase(m, m->support[i].phase)) chip_channel(m, m->support[i].touchpoint, need);
    for (size_t p = 0; p < m->n_phases; p++)
        need->mot |= m->phases[p].moment_of_truth;
}

double cj_lay_build_legend(lay *L, ivec *v, double TW) {
    const theme *t = &L->th;
    size_t first = v->n;
    double hh = cj_lay_text(L, v, cj_word_text(L->loc, CJ_W_LEGEND), F_LANE, t->text, 0, 0, TW,
                            cj_lay_origin(CJ_O_LEGEND, -1, 0), NULL);
    flow f = {0, hh + 6, 0, TW};
    size_t before = v->n;
    cj_lay_legend_phases(L, v, &f);
    for (int k = 0; k < CJMAP_LANE_COUNT; k++)
        if (cj_lay_lane_table[k].legend) cj_lay_lane_table[k].legend(L, v, &f);
    if (v->n == before) { /* nothing to explain */
        v->n = first;
        return 0;
    }
    double h = ceil((f.y + f.row_h) / 4) * 4;
    for (size_t i = first; i < v->n; i++)
        v->v[i].cell = (cj_rect){0, 0, TW, h};
    return h;
}

/* Touchpoints: mode, contact, owner, channels. */
void cj_lay_legend_touchpoints(lay *L, ivec *v, flow *f) {
    cjmap_locale lc = L->loc;
    if (L->need.online && L->need.offline) {
        legend_entry(L, v, f, S_ONLINE, 0, cj_word_text(lc, CJ_W_ONLINE));
        legend_entry(L, v, f, S_OFFLINE, 0, cj_word_text(lc, CJ_W_OFFLINE));
    } else if (L->need.offline) {
        legend_entry(L, v, f, S_OFFLINE, 0, cj_word_text(lc, CJ_W_OFFLINE));
    } else if (L->need.online) {
        legend_entry(L, v, f, S_ONLINE, 0, cj_word_text(lc, CJ_W_ONLINE));
    }
    if (L->need.direct) legend_entry(L, v, f, S_DIRECT, 0, cj_word_text(lc, CJ_W_DIRECT));
    if (L->need.indirect) legend_entry(L, v, f, S_INDIRECT, 0, cj_word_text(lc, CJ_W_INDIRECT));
    if (L->need.show_owner) {
        char buf[256] = "";
        for (int o = 0; o < 4; o++) {
            if (!L->need.owner[o]) continue;
            if (buf[0]) strncat(buf, " · ", sizeof buf - strlen(buf) - 1);
            strncat(buf, cj_word_text(lc, (cj_word)(CJ_W_OWNED + o)), sizeof buf - strlen(buf) - 1);
        }
        legend_entry(L, v, f, S_OWNER, 0, cj_dl_strndup(L->dl, buf, strlen(buf)));
    }
    for (int c = 0; c < CJMAP_CH_COUNT; c++)
        if (L->need.chan[c])
            legend_entry(L, v, f, S_CHANNEL, c, cj_channel_label(lc, (cjmap_channel)c));
}

/* Experiences: type, importance, score. */
void cj_lay_legend_experiences(lay *L, ivec *v, flow *f) {
    cjmap_locale lc = L->loc;
    if (L->need.emo) legend_entry(L, v, f, S_EMO, 0, cj_word_text(lc, CJ_W_EMOTIONAL));
    if (L->need.rat) legend_entry(L, v, f, S_RAT, 0, cj_word_text(lc, CJ_W_RATIONAL));
    if (L->need.high) legend_entry(L, v, f, S_HIGH, 0, cj_word_text(lc, CJ_W_HIGH_IMPORTANCE));
    if (L->need.score) legend_entry(L, v, f, S_SCORE, 0, scale_word(L, CJ_W_SCORE));
}

/* The emotion curve: its neutral line and lowest points. */
void cj_lay_legend_emotions(lay *L, ivec *v, flow *f) {
    if (L->need.curve) {
        legend_entry(L, v, f, S_NEUTRAL, 0, scale_word(L, CJ_W_NEUTRAL));
        if (L->need.lowest) legend_entry(L, v, f, S_LOWEST, 0, cj_word_text(L->loc, CJ_W_LOWEST));
        if (L->need.range) legend_entry(L, v, f, S_RANGE, 0, cj_word_text(L->loc, CJ_W_RANGE));
        if (L->need.bridge) legend_entry(L, v, f, S_BRIDGE, 0, cj_word_text(L->loc, CJ_W_BRIDGE));
    }
}

/* Pains: their severities. */
void cj_lay_legend_pains(lay *L, ivec *v, flow *f) {
    cjmap_locale lc = L->loc;
    for (int s = CJMAP_LEVEL_LOW; s <= CJMAP_LEVEL_HIGH; s++)
        if (L->need.sev[s])
            legend_entry(L, v, f, S_SEV, s, cj_word_text(lc, (cj_word)(CJ_W_SEV_LOW + s - 1)));
}

/* Phases: the moment-of-truth marker. */
void cj_lay_legend_phases(lay *L, ivec *v, flow *f) {
    if (L->need.mot) legend_entry(L, v, f, S_MOT, 0, cj_word_text(L->loc, CJ_W_MOMENT_OF_TRUTH));
}

/* Opportunities: "Opportunity", or the journey's name for that lane. */
void cj_lay_legend_opportunities(lay *L, ivec *v, flow *f) {
    if (L->need.opp)
        legend_entry(L, v, f, S_OPP, 0, cj_lay_norm(L, cj_legend_word(L->m, CJ_W_OPPORTUNITY)));
}
