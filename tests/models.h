/*
** models.h — journeys built directly as cjmap_model structs for the
** layout and render tests (no parser needed): a realistic map, and a
** generator of journeys of many shapes.  All memory comes from a pool
** released by tm_pool_free().
*/
#ifndef CJ_TEST_MODELS_H
#define CJ_TEST_MODELS_H
#include <cjmap.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct tm_pool {
    void **p;
    size_t n, cap;
} tm_pool;

static void *tm_alloc(tm_pool *P, size_t n) {
    if (P->n == P->cap) {
        P->cap = P->cap ? P->cap * 2 : 64;
        P->p = realloc(P->p, P->cap * sizeof *P->p);
        if (!P->p) abort();
    }
    void *q = calloc(1, n ? n : 1);
    if (!q) abort();
    return P->p[P->n++] = q;
}

static void tm_pool_free(tm_pool *P) {
    for (size_t i = 0; i < P->n; i++) free(P->p[i]);
    free(P->p);
    memset(P, 0, sizeof *P);
}

static inline char *tm_str(tm_pool *P, const char *s) {
    char *d = tm_alloc(P, strlen(s) + 1);
    strcpy(d, s);
    return d;
}

#define TM_ARRAY(P, T, n) ((T *)tm_alloc((P), sizeof(T) * (n)))

/* ---- a realistic journey ---- */

typedef struct tm_tp_spec {
    const char *name;
    cjmap_channel ch;
    cjmap_mode mode;
    cjmap_contact contact;
    cjmap_owner owner;
    int phases[4]; /* -1 ends */
    const char *purposes[4];
} tm_tp_spec;

static cjmap_model *tm_rich(tm_pool *P, cjmap_locale loc) {
    static const char *const names[] = {"Inspiration", "Research", "Booking", "Before departure",
                                        "Travel & stay", "Back home"};
    static const char *const stmts[] = {
        "We need a break. Somewhere warm the kids will love.",
        "Which of these trips is actually good value?",
        "Just let me pay and be done with it.",
        "Did we remember everything?",
        "This is what we came for.",
        "Would we do this again?"};
    static const char *const acts[6][3] = {
        {"Scrolls holiday photos of friends", "Talks about dates with partner", NULL},
        {"Compares three resorts on price and reviews", "Checks school holidays", NULL},
        {"Chooses room and flights", "Pays deposit online", "Reads confirmation"},
        {"Checks passports", "Packs with a checklist", NULL},
        {"Flies out and checks in", "Uses kids' club", "Books excursions"},
        {"Shares photos", "Answers survey", NULL}};
    static const tm_tp_spec tps[] = {
        {"Instagram", CJMAP_CH_SOCIAL, CJMAP_MODE_ONLINE, CJMAP_CONTACT_INDIRECT, CJMAP_OWNER_EARNED,
         {0, 5, -1}, {"Friends' holiday photos spark the idea", "Post own photos"}},
        {"Friends & family", CJMAP_CH_WORD_OF_MOUTH, CJMAP_MODE_OFFLINE, CJMAP_CONTACT_INDIRECT,
         CJMAP_OWNER_EARNED, {0, 1, -1}, {"Recommendations over dinner", NULL}},
        {"TV campaign \"Sun for everyone\"", CJMAP_CH_TV, CJMAP_MODE_OFFLINE, CJMAP_CONTACT_DIRECT,
         CJMAP_OWNER_PAID, {0, -1}, {NULL}},
        {"sunholidays.example", CJMAP_CH_WEB, CJMAP_MODE_ONLINE, CJMAP_CONTACT_DIRECT,
         CJMAP_OWNER_OWNED, {1, 2, -1}, {"Compare resorts and prices", "Book and pay the deposit"}},
        {"Price comparison site", CJMAP_CH_SEARCH, CJMAP_MODE_ONLINE, CJMAP_CONTACT_INDIRECT,
         CJMAP_OWNER_PARTNER, {1, -1}, {"Check that the price is fair"}},
        {"Guest reviews", CJMAP_CH_REVIEW, CJMAP_MODE_ONLINE, CJMAP_CONTACT_INDIRECT,
         CJMAP_OWNER_EARNED, {1, -1}, {"Read what other families say"}},
        {"Confirmation email", CJMAP_CH_EMAIL, CJMAP_MODE_ONLINE, CJMAP_CONTACT_DIRECT,
         CJMAP_OWNER_OWNED, {2, 3, -1}, {"Booking details and invoice", "Reminder: passports and luggage"}},
        {"Customer service", CJMAP_CH_PHONE, CJMAP_MODE_OFFLINE, CJMAP_CONTACT_DIRECT,
         CJMAP_OWNER_OWNED, {2, 4, -1}, {"Change the room type", "Lost luggage"}},
        {"Travel app", CJMAP_CH_APP, CJMAP_MODE_ONLINE, CJMAP_CONTACT_DIRECT, CJMAP_OWNER_OWNED,
         {3, 4, -1}, {"Check-in and boarding passes", "Excursions and kids' club"}},
        {"Airport desk", CJMAP_CH_MEETING, CJMAP_MODE_OFFLINE, CJMAP_CONTACT_DIRECT,
         CJMAP_OWNER_PARTNER, {4, -1}, {"Hand over luggage"}},
        {"Welcome pack", CJMAP_CH_PACKAGING, CJMAP_MODE_OFFLINE, CJMAP_CONTACT_DIRECT,
         CJMAP_OWNER_OWNED, {4, -1}, {NULL}},
        {"Satisfaction survey", CJMAP_CH_SMS, CJMAP_MODE_ONLINE, CJMAP_CONTACT_DIRECT,
         CJMAP_OWNER_OWNED, {5, -1}, {"Rate the holiday"}},
    };
    cjmap_model *m = tm_alloc(P, sizeof *m);
    m->version = CJMAP_FORMAT_VERSION;
    m->title = "Booking a family holiday in the sun";
    m->state = CJMAP_STATE_CURRENT;
    m->locale = loc;
    m->scale = (cjmap_scale){1, 3, 5};
    m->segment_name = "Young families";
    m->segment_description =
        "Two working parents with children aged 3 to 10 who travel once a year in the school "
        "holidays. Price-aware, short of time, and nervous about things going wrong abroad.";
    const char **goals = TM_ARRAY(P, const char *, 3);
    goals[0] = "A stress-free week the whole family enjoys";
    goals[1] = "Know the total price before booking";
    goals[2] = "Help on hand when plans change";
    m->segment_goals = goals;
    m->n_segment_goals = 3;
    cjmap_phase *ph = TM_ARRAY(P, cjmap_phase, 6);
    for (int i = 0; i < 6; i++) {
        ph[i].name = names[i];
        ph[i].statement = stmts[i];
        const char **a = TM_ARRAY(P, const char *, 3);
        size_t n = 0;
        for (int k = 0; k < 3 && acts[i][k]; k++) a[n++] = acts[i][k];
        ph[i].actions = a;
        ph[i].n_actions = n;
    }
    cjmap_metric *mt = TM_ARRAY(P, cjmap_metric, 4);
    mt[0] = (cjmap_metric){"Conversion", "2.4 %", {0}};
    mt[1] = (cjmap_metric){"Drop-out at payment", "38 %", {0}};
    mt[2] = (cjmap_metric){"NPS", "+31", {0}};
    mt[3] = (cjmap_metric){"Call waiting time", "11 min", {0}};
    ph[1].metrics = mt;
    ph[1].n_metrics = 1;
    ph[2].metrics = mt + 1;
    ph[2].n_metrics = 1;
    ph[5].metrics = mt + 2;
    ph[5].n_metrics = 2;
    m->phases = ph;
    m->n_phases = 6;
    size_t ntp = sizeof tps / sizeof tps[0];
    cjmap_touchpoint *tp = TM_ARRAY(P, cjmap_touchpoint, ntp);
    for (size_t i = 0; i < ntp; i++) {
        tp[i].name = tps[i].name;
        tp[i].channel = tps[i].ch;
        tp[i].mode = tps[i].mode;
        tp[i].contact = tps[i].contact;
        tp[i].owner = tps[i].owner;
        cjmap_tp_use *u = TM_ARRAY(P, cjmap_tp_use, 4);
        size_t n = 0;
        for (int k = 0; k < 4 && tps[i].phases[k] >= 0; k++) {
            u[n].phase = tps[i].phases[k];
            u[n].purpose = tps[i].purposes[k];
            n++;
        }
        tp[i].uses = u;
        tp[i].n_uses = n;
    }
    m->touchpoints = tp;
    m->n_touchpoints = ntp;
    static const struct {
        int ph;
        const char *t;
        cjmap_exp_type ty;
        int sc;
        cjmap_level imp;
    } ex[] = {
        {0, "Excited about getting away together", CJMAP_EXP_EMOTIONAL, 4, CJMAP_LEVEL_UNSET},
        {1, "Overwhelmed by options and hidden fees", CJMAP_EXP_EMOTIONAL, 2, CJMAP_LEVEL_HIGH},
        {1, "Reviews make the choice easier", CJMAP_EXP_RATIONAL, 3, CJMAP_LEVEL_UNSET},
        {2, "Total price jumps at the last step", CJMAP_EXP_RATIONAL, 1, CJMAP_LEVEL_HIGH},
        {3, "Reassured by the clear checklist", CJMAP_EXP_EMOTIONAL, 4, CJMAP_LEVEL_UNSET},
        {4, "Kids' club is a hit; parents relax", CJMAP_EXP_EMOTIONAL, 5, CJMAP_LEVEL_MEDIUM},
        {4, "Transfer bus was 90 minutes late", CJMAP_EXP_RATIONAL, 2, CJMAP_LEVEL_UNSET},
        {5, "Proud to share the photos", CJMAP_EXP_EMOTIONAL, 4, CJMAP_LEVEL_UNSET},
    };
    size_t nex = sizeof ex / sizeof ex[0];
    cjmap_experience *e = TM_ARRAY(P, cjmap_experience, nex);
    for (size_t i = 0; i < nex; i++)
        e[i] = (cjmap_experience){.phase = ex[i].ph,
                                  .text = ex[i].t,
                                  .type = ex[i].ty,
                                  .scored = true,
                                  .score = ex[i].sc,
                                  .touchpoint = CJMAP_NONE,
                                  .importance = ex[i].imp};
    m->experiences = e;
    m->n_experiences = nex;
    static const struct {
        int ph;
        const char *t;
        cjmap_level s;
    } pa[] = {
        {1, "Prices are not comparable: fees appear late", CJMAP_LEVEL_HIGH},
        {2, "Payment fails on mobile with some cards", CJMAP_LEVEL_HIGH},
        {2, "No way to save a half-finished booking", CJMAP_LEVEL_MEDIUM},
        {4, "Long queue at the airport desk", CJMAP_LEVEL_MEDIUM},
        {5, "Survey is long and asks the obvious", CJMAP_LEVEL_LOW},
    };
    size_t npa = sizeof pa / sizeof pa[0];
    cjmap_pain *pn = TM_ARRAY(P, cjmap_pain, npa);
    for (size_t i = 0; i < npa; i++) pn[i] = (cjmap_pain){pa[i].ph, pa[i].t, pa[i].s, CJMAP_NONE, {0}};
    m->pains = pn;
    m->n_pains = npa;
    cjmap_opportunity *op = TM_ARRAY(P, cjmap_opportunity, 4);
    op[0] = (cjmap_opportunity){1, "Show the all-in price from the first search", CJMAP_NONE, {0}};
    op[1] = (cjmap_opportunity){2, "Save the basket and send a reminder", CJMAP_NONE, {0}};
    op[2] = (cjmap_opportunity){4, "Live transfer status in the app", CJMAP_NONE, {0}};
    op[3] = (cjmap_opportunity){5, "Three-question survey in the app", CJMAP_NONE, {0}};
    m->opportunities = op;
    m->n_opportunities = 4;
    return m;
}

/* ---- generated journeys ---- */

static uint32_t tm_rand(uint32_t *s) {
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return *s;
}

/* Random text: `words` words of 1..12 letters, sometimes one huge word of
 * `huge` characters with no space; sometimes non-ASCII. */
static char *tm_text(tm_pool *P, uint32_t *s, int words, int huge) {
    static const char *const syll[] = {"ka", "lo", "mi", "sæ", "tur", "ø", "ber", "ney", "å",
                                      "sch", "ü", "ing", "ra", "W", "é"};
    char *buf = tm_alloc(P, (size_t)words * 40 + (size_t)huge * 2 + 8);
    size_t n = 0;
    for (int w = 0; w < words; w++) {
        if (w) buf[n++] = ' ';
        int k = 1 + (int)(tm_rand(s) % 4);
        for (int j = 0; j < k; j++) {
            const char *sy = syll[tm_rand(s) % (sizeof syll / sizeof syll[0])];
            memcpy(buf + n, sy, strlen(sy));
            n += strlen(sy);
        }
    }
    if (huge) {
        if (n) buf[n++] = ' ';
        for (int j = 0; j < huge; j++) buf[n++] = (char)('a' + j % 26);
    }
    if (!n) buf[n++] = 'x';
    buf[n] = 0;
    return buf;
}

typedef struct tm_shape {
    size_t phases, touchpoints, experiences, pains, opportunities;
    int actions_max, metrics_max;
    int huge;        /* length of one unbreakable word in some texts; 0: none */
    bool statements;
    bool crowd;      /* put most touchpoint uses in phase 0 */
    /* Every feature of issue 13: a scale other than 1..5, own lanes in a
     * `lanes:` order, backstage and support steps with actors, moments of
     * truth, and touchpoints on the cards (where it happens). */
    bool blueprint;
} tm_shape;

static cjmap_model *tm_generate(tm_pool *P, uint32_t seed, const tm_shape *sh) {
    uint32_t s = seed ? seed : 1;
    cjmap_model *m = tm_alloc(P, sizeof *m);
    m->version = CJMAP_FORMAT_VERSION;
    m->title = tm_text(P, &s, 1 + (int)(tm_rand(&s) % 8), sh->huge ? sh->huge : 0);
    m->state = (cjmap_state)(tm_rand(&s) % 3);
    m->locale = (cjmap_locale)(tm_rand(&s) % CJMAP_LOCALE_COUNT);
    m->scale = (cjmap_scale){1, 3, 5};
    m->segment_name = tm_text(P, &s, 2, 0);
    if (tm_rand(&s) % 2) m->segment_description = tm_text(P, &s, 30, 0);
    size_t ng = tm_rand(&s) % 4;
    const char **g = TM_ARRAY(P, const char *, ng + 1);
    for (size_t i = 0; i < ng; i++) g[i] = tm_text(P, &s, 6, 0);
    m->segment_goals = g;
    m->n_segment_goals = ng;
    size_t np = sh->phases ? sh->phases : 1;
    cjmap_phase *ph = TM_ARRAY(P, cjmap_phase, np);
    for (size_t i = 0; i < np; i++) {
        ph[i].name = tm_text(P, &s, 1 + (int)(tm_rand(&s) % 3), i == 0 ? sh->huge : 0);
        if (sh->statements) ph[i].statement = tm_text(P, &s, 3 + (int)(tm_rand(&s) % 15), 0);
        int na = sh->actions_max ? (int)(tm_rand(&s) % (unsigned)(sh->actions_max + 1)) : 0;
        const char **a = TM_ARRAY(P, const char *, (size_t)na + 1);
        for (int k = 0; k < na; k++) a[k] = tm_text(P, &s, 2 + (int)(tm_rand(&s) % 9), k == 0 ? sh->huge : 0);
        ph[i].actions = a;
        ph[i].n_actions = (size_t)na;
        int nm = sh->metrics_max ? (int)(tm_rand(&s) % (unsigned)(sh->metrics_max + 1)) : 0;
        cjmap_metric *mt = TM_ARRAY(P, cjmap_metric, (size_t)nm + 1);
        for (int k = 0; k < nm; k++) {
            mt[k].name = tm_text(P, &s, 2, 0);
            mt[k].value = tm_text(P, &s, 1, 0);
        }
        ph[i].metrics = mt;
        ph[i].n_metrics = (size_t)nm;
    }
    m->phases = ph;
    m->n_phases = np;
    cjmap_touchpoint *tp = TM_ARRAY(P, cjmap_touchpoint, sh->touchpoints + 1);
    for (size_t i = 0; i < sh->touchpoints; i++) {
        tp[i].name = tm_text(P, &s, 1 + (int)(tm_rand(&s) % 4), (i % 7 == 0) ? sh->huge : 0);
        tp[i].channel = (cjmap_channel)(tm_rand(&s) % CJMAP_CH_COUNT);
        tp[i].mode = (cjmap_mode)(1 + tm_rand(&s) % 2);
        tp[i].contact = (cjmap_contact)(1 + tm_rand(&s) % 2);
        tp[i].owner = (cjmap_owner)(tm_rand(&s) % 4);
        size_t nu = 1 + tm_rand(&s) % 3;
        cjmap_tp_use *u = TM_ARRAY(P, cjmap_tp_use, nu);
        for (size_t k = 0; k < nu; k++) {
            u[k].phase = sh->crowd && tm_rand(&s) % 4 ? 0 : (cjmap_index)(tm_rand(&s) % np);
            if (tm_rand(&s) % 3) u[k].purpose = tm_text(P, &s, 2 + (int)(tm_rand(&s) % 12), 0);
        }
        tp[i].uses = u;
        tp[i].n_uses = nu;
    }
    m->touchpoints = tp;
    m->n_touchpoints = sh->touchpoints;
    /* A card's touchpoint (blueprint journeys): one of them, or none. */
#define TM_CARD_TP()                                                                               \
    (sh->blueprint && sh->touchpoints && tm_rand(&s) % 3                                           \
         ? (cjmap_index)(tm_rand(&s) % sh->touchpoints)                                            \
         : CJMAP_NONE)
    if (sh->blueprint) {
        static const cjmap_scale scales[] = {{-2, 0, 2}, {1, 5, 10}, {0, 5, 10}, {-3, -1, 2}};
        m->scale = scales[tm_rand(&s) % 4];
        size_t nown = 1 + tm_rand(&s) % 2;
        cjmap_own_lane *ol = TM_ARRAY(P, cjmap_own_lane, nown);
        for (size_t k = 0; k < nown; k++) {
            ol[k].id = k ? "quotes" : "thoughts";
            ol[k].name = tm_text(P, &s, 1 + (int)(tm_rand(&s) % 6), 0);
        }
        m->own_lanes = ol;
        m->n_own_lanes = nown;
        for (size_t i = 0; i < np; i++) {
            cjmap_lane_texts *lt = TM_ARRAY(P, cjmap_lane_texts, nown);
            for (size_t k = 0; k < nown; k++) {
                size_t nt = tm_rand(&s) % 3;
                const char **tx = TM_ARRAY(P, const char *, nt + 1);
                for (size_t j = 0; j < nt; j++)
                    tx[j] = tm_text(P, &s, 2 + (int)(tm_rand(&s) % 10), j == 0 ? sh->huge : 0);
                lt[k].texts = tx;
                lt[k].n_texts = nt;
            }
            ph[i].own = lt;
            ph[i].moment_of_truth = tm_rand(&s) % 3 == 0;
        }
        /* The default order with the own lanes after the emotion curve. */
        cjmap_lane_ref *lr = TM_ARRAY(P, cjmap_lane_ref, CJMAP_LANE_COUNT + nown);
        size_t nl = 0;
        for (int k = 0; k < CJMAP_LANE_COUNT; k++) {
            lr[nl++] = (cjmap_lane_ref){cjmap_default_lanes[k], CJMAP_NONE};
            if (cjmap_default_lanes[k] == CJMAP_LANE_EMOTIONS)
                for (size_t o = 0; o < nown; o++)
                    lr[nl++] = (cjmap_lane_ref){CJMAP_LANE_COUNT, (cjmap_index)o};
        }
        m->lanes = lr;
        m->n_lanes = nl;
        m->lanes_given = true;
        for (int w = 0; w < 2; w++) {
            size_t n = sh->experiences / 2 + 1;
            cjmap_step *st = TM_ARRAY(P, cjmap_step, n);
            for (size_t i = 0; i < n; i++) {
                st[i].phase = (cjmap_index)(tm_rand(&s) % np);
                st[i].text = tm_text(P, &s, 2 + (int)(tm_rand(&s) % 12), i % 4 == 0 ? sh->huge : 0);
                if (tm_rand(&s) % 2) st[i].actor = tm_text(P, &s, 1 + (int)(tm_rand(&s) % 3), 0);
                st[i].touchpoint = TM_CARD_TP();
            }
            if (w)
                m->support = st, m->n_support = n;
            else
                m->backstage = st, m->n_backstage = n;
        }
    }
    cjmap_experience *e = TM_ARRAY(P, cjmap_experience, sh->experiences + 1);
    for (size_t i = 0; i < sh->experiences; i++) {
        e[i].phase = (cjmap_index)(tm_rand(&s) % np);
        e[i].text = tm_text(P, &s, 2 + (int)(tm_rand(&s) % 14), i % 5 == 0 ? sh->huge : 0);
        e[i].type = (cjmap_exp_type)(tm_rand(&s) % 2);
        e[i].score = (int)(tm_rand(&s) % 6);
        e[i].scored = e[i].score != 0;
        if (!e[i].scored) e[i].score = 0;
        if (e[i].scored && sh->blueprint)
            e[i].score =
                m->scale.min + (int)(tm_rand(&s) % (unsigned)(m->scale.max - m->scale.min + 1));
        e[i].touchpoint = TM_CARD_TP();
        e[i].importance = (cjmap_level)(tm_rand(&s) % 4);
    }
    m->experiences = e;
    m->n_experiences = sh->experiences;
    cjmap_pain *pn = TM_ARRAY(P, cjmap_pain, sh->pains + 1);
    for (size_t i = 0; i < sh->pains; i++) {
        pn[i].phase = (cjmap_index)(tm_rand(&s) % np);
        pn[i].text = tm_text(P, &s, 2 + (int)(tm_rand(&s) % 14), i % 3 == 0 ? sh->huge : 0);
        pn[i].severity = (cjmap_level)(1 + tm_rand(&s) % 3);
        pn[i].touchpoint = TM_CARD_TP();
    }
    m->pains = pn;
    m->n_pains = sh->pains;
    cjmap_opportunity *op = TM_ARRAY(P, cjmap_opportunity, sh->opportunities + 1);
    for (size_t i = 0; i < sh->opportunities; i++) {
        op[i].phase = (cjmap_index)(tm_rand(&s) % np);
        op[i].text = tm_text(P, &s, 2 + (int)(tm_rand(&s) % 14), 0);
        op[i].touchpoint = TM_CARD_TP();
    }
    m->opportunities = op;
    m->n_opportunities = sh->opportunities;
#undef TM_CARD_TP
    return m;
}
#endif
