/*
** stats.c — per-phase figures and the weakest phase (cjmap.h, "Statistics").
** Pure arithmetic over the validated model; linear in its size.
*/
#include <cjmap.h>
#include <stdlib.h>
#include <string.h>

static size_t pain_weight(const cjmap_phase_stats *s) {
    return s->pains[0] * 1 + s->pains[1] * 2 + s->pains[2] * 3;
}

static int cmp_count(const void *pa, const void *pb) {
    const cjmap_channel_count *a = pa, *b = pb;
    if (a->count != b->count) return a->count > b->count ? -1 : 1;
    return a->channel < b->channel ? -1 : a->channel > b->channel;
}

void cjmap_model_stats(const cjmap_model *m, cjmap_phase_stats *out, cjmap_index *weakest,
                       cjmap_channel_count *channels, size_t *n_channels) {
    memset(out, 0, m->n_phases * sizeof *out);
    for (size_t t = 0; t < m->n_touchpoints; t++) {
        const cjmap_touchpoint *tp = &m->touchpoints[t];
        for (size_t u = 0; u < tp->n_uses; u++) {
            cjmap_phase_stats *s = &out[tp->uses[u].phase];
            s->touchpoints++;
            s->online += tp->mode == CJMAP_MODE_ONLINE;
            s->offline += tp->mode == CJMAP_MODE_OFFLINE;
            s->direct += tp->contact == CJMAP_CONTACT_DIRECT;
            s->indirect += tp->contact == CJMAP_CONTACT_INDIRECT;
            s->by_owner[tp->owner]++;
        }
    }
    for (size_t i = 0; i < m->n_experiences; i++) {
        const cjmap_experience *e = &m->experiences[i];
        cjmap_phase_stats *s = &out[e->phase];
        s->experiences++;
        if (e->scored) {
            s->scored++;
            s->mean_score += e->score; /* a sum until divided below */
        }
    }
    for (size_t i = 0; i < m->n_pains; i++)
        out[m->pains[i].phase].pains[m->pains[i].severity - CJMAP_LEVEL_LOW]++;
    for (size_t i = 0; i < m->n_opportunities; i++) out[m->opportunities[i].phase].opportunities++;
    for (size_t i = 0; i < m->n_backstage; i++)
        out[m->backstage[i].phase].backstage++;
    for (size_t i = 0; i < m->n_support; i++)
        out[m->support[i].phase].support++;
    for (size_t p = 0; p < m->n_phases; p++)
        for (size_t o = 0; m->phases[p].own && o < m->n_own_lanes; o++)
            out[p].own += m->phases[p].own[o].n_texts;
    bool any_scores = false;
    for (size_t p = 0; p < m->n_phases; p++) {
        if (out[p].scored) out[p].mean_score /= (double)out[p].scored, any_scores = true;
    }
    cjmap_index w = CJMAP_NONE;
    for (size_t p = 0; p < m->n_phases; p++) {
        const cjmap_phase_stats *s = &out[p];
        if (any_scores ? !s->scored : !pain_weight(s)) continue;
        if (w == CJMAP_NONE) {
            w = (cjmap_index)p;
            continue;
        }
        const cjmap_phase_stats *b = &out[w];
        bool better = any_scores && s->mean_score != b->mean_score ? s->mean_score < b->mean_score
                                                                    : pain_weight(s) > pain_weight(b);
        if (better) w = (cjmap_index)p;
    }
    *weakest = w;
    *n_channels = 0;
    if (w == CJMAP_NONE) return;
    size_t count[CJMAP_CH_COUNT] = {0};
    for (size_t t = 0; t < m->n_touchpoints; t++)
        for (size_t u = 0; u < m->touchpoints[t].n_uses; u++)
            if (m->touchpoints[t].uses[u].phase == w) count[m->touchpoints[t].channel]++;
    for (int c = 0; c < CJMAP_CH_COUNT; c++)
        if (count[c]) channels[(*n_channels)++] = (cjmap_channel_count){(cjmap_channel)c, count[c]};
    qsort(channels, *n_channels, sizeof *channels, cmp_count);
}
