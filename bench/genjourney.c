/*
** genjourney.c — deterministic journey generator for `make bench`.
**
**   genjourney [--blueprint] PHASES TOUCHPOINTS EXPERIENCES [SEED] > journey.yaml
**
** Writes a valid cjmap journey (docs/format.md) of the given size to standard
** output.  The same arguments always give the same bytes: the only source of
** randomness is a seeded splitmix64 generator (never rand()), and nothing
** depends on the locale, the time or the platform.
**
** Shape, chosen to look like a real (if very large) map:
**   - title 3-8 words, phase statements 8-20 words, purposes 3-8 words,
**     experience/pain/opportunity texts 5-15 words, 1-4 actions and 1-4
**     metrics per phase; about one word in six is Danish (with æ, ø, å);
**   - every touchpoint is used in 1-4 phases (min(4, PHASES)); half use the
**     mapping form with a purpose per phase, half the list form; channels go
**     round the whole vocabulary in a shuffled order; owner follows the
**     channel (paid ads, earned reviews, ...) with some partners;
**   - every phase has at least one touchpoint (when TOUCHPOINTS * 4 >= PHASES);
**   - experiences are spread evenly over the phases in order, 85 % scored
**     1-5, 40 % rational; pains ≈ EXPERIENCES/3 and opportunities ≈
**     EXPERIENCES/4, likewise spread; the touchpoint of an experience or a
**     pain is always one used in its phase, so `cjmap check` gives neither
**     errors nor warnings;
**   - ids are unique (phase-NN, tp-NNNN), names are unique.
**   --blueprint adds what a service blueprint has (issue 13): scale -2..2
**   (scores shifted), `lanes:` with an own lane 'thoughts' (1-2 texts per
**   phase), a moment of truth every fourth phase, backstage steps
**   (≈ EXPERIENCES/2) and support processes (≈ EXPERIENCES/4) with actors,
**   their touchpoints used in their phase.  Without it the bytes are the
**   same as before the option existed.
**
** C17, no dependencies beyond the C library.
*/
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* PRNG: splitmix64                                                    */
/* ------------------------------------------------------------------ */

static uint64_t rng_state;

static uint64_t rng_next(void) {
    uint64_t z = (rng_state += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

/* Uniform in [0, n); n > 0.  Rejection sampling keeps it unbiased. */
static size_t rng_below(size_t n) {
    uint64_t limit = UINT64_MAX - UINT64_MAX % (uint64_t)n;
    uint64_t r;
    do
        r = rng_next();
    while (r >= limit);
    return (size_t)(r % (uint64_t)n);
}

/* Uniform in [lo, hi]. */
static size_t rng_range(size_t lo, size_t hi) { return lo + rng_below(hi - lo + 1); }

/* True with probability pct/100. */
static bool rng_pct(unsigned pct) { return rng_below(100) < pct; }

#define COUNT(a) (sizeof(a) / sizeof *(a))
#define PICK(a)  ((a)[rng_below(COUNT(a))])

/* ------------------------------------------------------------------ */
/* Vocabulary                                                          */
/* ------------------------------------------------------------------ */

/* Plain lowercase words: none needs quoting in YAML, none is a YAML
 * keyword, so texts can be written as plain scalars. */
static const char *const words_en[] = {
    "the",        "price",        "order",        "booking",
    "delivery",   "customer",     "service",      "website",
    "app",        "support",      "account",      "invoice",
    "payment",    "offer",        "product",      "quality",
    "contract",   "manual",       "reply",        "question",
    "answer",     "review",       "friend",       "family",
    "colleague",  "supplier",     "store",        "staff",
    "package",    "discount",     "newsletter",   "reminder",
    "form",       "checkout",     "card",         "total",
    "week",       "month",        "day",          "time",
    "help",       "information",  "overview",     "choice",
    "option",     "detail",       "experience",   "promise",
    "trust",      "worry",        "waiting",      "queue",
    "phone",      "call",         "chat",         "email",
    "letter",     "meeting",      "visit",        "demo",
    "trial",      "test",         "return",       "refund",
    "warranty",   "upgrade",      "renewal",      "login",
    "password",   "search",       "filter",       "comparison",
    "budget",     "cost",         "fee",          "terms",
    "conditions", "confirmation", "receipt",      "tracking",
    "parcel",     "driver",       "installation", "setup",
    "training",   "guide",        "video",        "feedback",
    "rating",     "complaint",    "apology",      "easy",
    "slow",       "fast",         "clear",        "confusing",
    "friendly",   "helpful",      "late",         "early",
    "cheap",      "expensive",    "simple",       "hidden",
    "missing",    "broken",       "personal",     "relevant",
    "again",      "never",        "always",       "finally",
    "quickly",    "really",       "only",         "still",
    "already",    "find",         "compare",      "choose",
    "pay",        "wait",         "call",         "read",
    "ask",        "get",          "see",          "feel",
    "know",       "trust",        "expect",       "need",
    "want",       "lose",         "miss",         "forget",
    "remember",   "share",        "recommend",    "switch",
    "cancel",     "renew",        "book",         "buy",
    "try",        "check",        "understand",   "with",
    "for",        "about",        "after",        "before",
    "without",    "from",         "into",         "between",
    "during",     "and",          "but",          "or",
    "because",    "when",         "while",        "than",
    "so",         "not",          "too",          "very",
    "my",         "our",          "their",        "your",
    "a",          "an",           "every",        "next",
    "first",      "last",         "other",
};

static const char *const words_da[] = {
    "kunde",      "købe",        "første", "tilbud", "både",     "hjælp",    "søge",    "gå",
    "bestilling", "ønsker",      "prøve",  "særlig", "åben",     "ærlig",    "møde",    "størrelse",
    "levering",   "sådan",       "kø",     "pæn",    "nøgle",    "børnene",  "ferie",   "hus",
    "pris",       "bekræftelse", "færdig", "måske",  "nødt",     "går",      "får",     "skærm",
    "spørgsmål",  "løsning",     "tæt",    "svær",   "øjeblik",  "rådgiver", "ændring", "årlig",
    "kvittering", "betaling",    "søndag", "lørdag", "mødested",
};

static const char *const phase_names[] = {
    "Awareness",   "Interest", "Research",   "Consideration", "Comparison",
    "Decision",    "Purchase", "Onboarding", "First use",     "Everyday use",
    "Support",     "Renewal",  "Loyalty",    "Advocacy",      "Opmærksomhed",
    "Overvejelse", "Køb",      "Brug",       "Fornyelse",     "Anbefaling",
};

/* Touchpoint names, by channel (in the order of `channels` below); the lists
 * are disjoint so that names stay unique across channels. */
static const char *const *const tp_kinds[] = {
    (const char *const[]){"Website", "Web shop", "Customer portal", "Price calculator",
                          "Kundeportal", NULL},
    (const char *const[]){"Mobile app", "Booking app", "MobilePay", NULL},
    (const char *const[]){"Newsletter", "Order confirmation", "Welcome e-mail flow", "Nyhedsbrev",
                          NULL},
    (const char *const[]){"Text reminder", "Delivery notification", NULL},
    (const char *const[]){"Live chat", "Chatbot", "Messenger", NULL},
    (const char *const[]){"Instagram profile", "Facebook group", "LinkedIn page", "Gæsteklubben",
                          NULL},
    (const char *const[]){"Google search", "Organic search", NULL},
    (const char *const[]){"Search ads", "Retargeting banners", "Social ads", NULL},
    (const char *const[]){"Trustpilot reviews", "Comparison site", "User forum", "Anmeldelser",
                          NULL},
    (const char *const[]){"Customer service line", "Sales call", "Kundeservice på telefon", NULL},
    (const char *const[]){"Flagship store", "Showroom", "Butikken", NULL},
    (const char *const[]){"Trade fair stand", "Webinar", "Customer event", NULL},
    (const char *const[]){"Sales meeting", "Site visit", "Business review", NULL},
    (const char *const[]){"Brochure", "Catalogue", "Printed manual", NULL},
    (const char *const[]){"Billboard", "Bus ads", "Shop sign", NULL},
    (const char *const[]){"Direct mail", "Invoice by post", NULL},
    (const char *const[]){"Packaging", "Product label", "Package insert", NULL},
    (const char *const[]){"Delivery", "Installation", "The stay itself", "Levering", NULL},
    (const char *const[]){"TV commercial", "TV appearance", NULL},
    (const char *const[]){"Radio spot", "Radio sponsorship", NULL},
    (const char *const[]){"Friends and family", "Colleagues", "Peer network", "Venner og kollegaer",
                          NULL},
    (const char *const[]){"Trade press article", "Blog post", "Omtale i pressen", NULL},
    (const char *const[]){"Reseller", "Partner portal", "Forhandler", NULL},
};

static const char *const tp_qual[] = {
    "north",    "south",     "east",   "west",   "central", "B2B",    "B2C",
    "premium",  "basic",     "spring", "summer", "autumn",  "winter", "Nordic",
    "Danish",   "København", "Århus",  "Ålborg", "Køge",    "online", "local",
    "regional", "national",  "pilot",  "legacy", "new",
};

static const char *const channels[] = {
    "web",       "app",      "email", "sms",   "chat",          "social", "search",  "ads",
    "review",    "phone",    "store", "event", "meeting",       "print",  "outdoor", "mail",
    "packaging", "delivery", "tv",    "radio", "word-of-mouth", "press",  "other",
};

/* Metric names with the form of their value (see metric_value()). */
typedef struct {
    const char *name;
    int form;
} metric_t;
static const metric_t metrics[] = {
    {"Drop-off", 0},      {"Conversion", 4},      {"Customer satisfaction", 1},
    {"NPS", 2},           {"Time on page", 3},    {"Calls per 100 orders", 5},
    {"Response time", 3}, {"Repeat purchase", 0}, {"Kundetilfredshed", 1},
    {"Frafald", 0},       {"Svartid", 3},         {"Complaints", 5},
    {"Leads", 5},         {"Win rate", 0},        {"Genkøb inden for 12 mdr.", 4},
};

_Static_assert(COUNT(tp_kinds) == COUNT(channels), "one list of names per channel");

static const char *const levels[] = {"low", "medium", "high"};

/* ------------------------------------------------------------------ */
/* Output helpers                                                      */
/* ------------------------------------------------------------------ */

static void die(const char *msg) {
    fprintf(stderr, "genjourney: %s\n", msg);
    exit(1);
}

static const char *word(void) { return rng_pct(16) ? PICK(words_da) : PICK(words_en); }

/* A sentence of n words, first letter upper-cased, without a final period. */
static void sentence(size_t n) {
    for (size_t i = 0; i < n; i++) {
        const char *w = word();
        if (i == 0 && w[0] >= 'a' && w[0] <= 'z') {
            putchar(w[0] - 'a' + 'A');
            fputs(w + 1, stdout);
        } else if (i == 0 && (unsigned char)w[0] == 0xC3 && (unsigned char)w[1] >= 0xA0 &&
                   (unsigned char)w[1] <= 0xBE) { /* æ ø å ... -> Æ Ø Å ... (Latin-1 range) */
            putchar(w[0]);
            putchar((unsigned char)w[1] - 0x20);
            fputs(w + 2, stdout);
        } else {
            if (i) putchar(' ');
            fputs(w, stdout);
        }
    }
}

/* A metric value as people write them: 40%, 4.2/5, +31, 6 min, 3,1%. */
static void metric_value(int form) {
    switch (form) {
    case 0:
        printf("%zu%%", rng_range(1, 95));
        break;
    case 1:
        printf("%zu.%zu/5", rng_range(1, 4), rng_below(10));
        break;
    case 2:
        printf("+%zu", rng_range(1, 70));
        break;
    case 3:
        printf("%zu min", rng_range(1, 30));
        break;
    case 4:
        printf("%zu,%zu%%", rng_range(0, 12), rng_below(10));
        break;
    default:
        printf("%zu per quarter", rng_range(2, 400));
        break;
    }
}

/* ------------------------------------------------------------------ */
/* The journey                                                         */
/* ------------------------------------------------------------------ */

typedef struct {
    size_t n_phases;
    size_t *phases; /* sorted phase indices */
} tp_t;

static size_t parse_size(const char *s, const char *what, size_t lo, size_t hi) {
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s || *end || s[0] == '-' || v < lo || v > hi) {
        fprintf(stderr, "genjourney: %s must be an integer in %zu..%zu, not '%s'\n", what, lo, hi,
                s);
        exit(2);
    }
    return (size_t)v;
}

static void *xcalloc(size_t n, size_t size) {
    void *p = calloc(n ? n : 1, size);
    if (!p) die("out of memory");
    return p;
}

static int cmp_size(const void *a, const void *b) {
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return (x > y) - (x < y);
}

/* True when touchpoint t is used in phase p. */
static bool uses(const tp_t *t, size_t p) {
    for (size_t i = 0; i < t->n_phases; i++)
        if (t->phases[i] == p) return true;
    return false;
}

static const char *const actors[] = {
    "Salg",  "Kundeservice", "Planlægning", "Montør",         "IT",
    "Lager", "Økonomi",      "CRM",         "Booking system", "Partner"};

/* A blueprint step's list: n steps spread over the phases, in phase order. */
static void steps(const char *key, size_t n, size_t np, size_t nt, const size_t *start,
                  const size_t *in_phase) {
    if (n) printf("\n%s:\n", key);
    for (size_t i = 0; i < n; i++) {
        size_t p = i * np / n;
        printf("  - phase: phase-%02zu\n    text: ", p + 1);
        sentence(rng_range(4, 12));
        printf("\n    actor: %s\n", PICK(actors));
        if (nt && start[p + 1] > start[p] && rng_pct(60))
            printf("    touchpoint: tp-%04zu\n",
                   in_phase[start[p] + rng_below(start[p + 1] - start[p])] + 1);
    }
}

int main(int argc, char **argv) {
    bool blueprint = argc > 1 && strcmp(argv[1], "--blueprint") == 0;
    if (blueprint) argc--, argv++;
    if (argc < 4 || argc > 5) {
        fprintf(stderr, "usage: genjourney [--blueprint] PHASES TOUCHPOINTS EXPERIENCES [SEED]\n");
        return 2;
    }
    /* The format's limit is 100,000 items per list; ids below are sized for it. */
    size_t np = parse_size(argv[1], "PHASES", 1, 9999);
    size_t nt = parse_size(argv[2], "TOUCHPOINTS", 0, 99999);
    size_t ne = parse_size(argv[3], "EXPERIENCES", 0, 99999);
    uint64_t seed = argc == 5 ? (uint64_t)parse_size(argv[4], "SEED", 0, SIZE_MAX) : 1;
    rng_state = seed ^ UINT64_C(0x6A09E667F3BCC909);
    size_t npain = ne / 3, nopp = ne / 4;
    size_t max_uses = np < 4 ? np : 4;

    /* Touchpoint -> phases.  Touchpoint i's first phase is i mod PHASES so
     * that every phase gets one; the others are random and distinct. */
    tp_t *tps = xcalloc(nt, sizeof *tps);
    for (size_t i = 0; i < nt; i++) {
        tp_t *t = &tps[i];
        t->phases = xcalloc(4, sizeof *t->phases);
        size_t want = rng_range(1, max_uses);
        t->phases[t->n_phases++] = i % np;
        while (t->n_phases < want) {
            /* Mostly neighbours (a website serves adjacent phases), some anywhere. */
            size_t p;
            if (rng_pct(70)) {
                size_t base = t->phases[0] + np;
                p = (base + rng_range(0, 6) - 3) % np;
            } else {
                p = rng_below(np);
            }
            if (!uses(t, p)) t->phases[t->n_phases++] = p;
        }
    }
    /* Fewer touchpoints than phases: give the uncovered phases to
     * touchpoints with room left, so no phase warns while that is possible. */
    for (size_t p = nt; p < np; p++)
        for (size_t i = 0; i < nt; i++)
            if (tps[i].n_phases < max_uses) {
                tps[i].phases[tps[i].n_phases++] = p;
                break;
            }
    for (size_t i = 0; i < nt; i++)
        qsort(tps[i].phases, tps[i].n_phases, sizeof(size_t), cmp_size);

    /* Phase -> touchpoints used in it (for experiences and pains). */
    size_t *start = xcalloc(np + 1, sizeof *start);
    for (size_t i = 0; i < nt; i++)
        for (size_t k = 0; k < tps[i].n_phases; k++)
            start[tps[i].phases[k] + 1]++;
    for (size_t p = 0; p < np; p++)
        start[p + 1] += start[p];
    size_t *fill = xcalloc(np + 1, sizeof *fill);
    memcpy(fill, start, (np + 1) * sizeof *fill);
    size_t *in_phase = xcalloc(start[np], sizeof *in_phase);
    for (size_t i = 0; i < nt; i++)
        for (size_t k = 0; k < tps[i].n_phases; k++)
            in_phase[fill[tps[i].phases[k]]++] = i;

    /* Channels: the vocabulary in a shuffled order, round and round. */
    size_t chan_order[COUNT(channels)];
    for (size_t i = 0; i < COUNT(channels); i++)
        chan_order[i] = i;
    for (size_t i = COUNT(channels) - 1; i > 0; i--) {
        size_t j = rng_below(i + 1), tmp = chan_order[i];
        chan_order[i] = chan_order[j];
        chan_order[j] = tmp;
    }

    size_t chan_seen[COUNT(channels)] = {0};

    /* ---- header ---- */
    printf("# Generated by bench/genjourney %zu %zu %zu %" PRIu64
           " for `make bench`; do not edit.\n",
           np, nt, ne, seed);
    printf("version: 1\ntitle: ");
    sentence(rng_range(3, 8));
    printf("\nstate: %s\nlocale: en\n\n", rng_pct(50) ? "current" : "future");
    if (blueprint)
        printf("scale: {min: -2, max: 2}\n"
               "lanes: [actions, {id: thoughts, name: What goes through my mind}, touchpoints,\n"
               "        backstage, support, experiences, emotions, pains, opportunities, "
               "metrics]\n\n");
    printf("segment:\n  name: ");
    sentence(rng_range(3, 6));
    printf("\n  description: ");
    sentence(rng_range(10, 20));
    printf("\n  goals:\n");
    for (size_t g = rng_range(2, 4); g > 0; g--) {
        printf("    - ");
        sentence(rng_range(3, 7));
        putchar('\n');
    }

    /* ---- phases ---- */
    printf("\nphases:\n");
    for (size_t p = 0; p < np; p++) {
        printf("  - id: phase-%02zu\n    name: %s", p + 1, phase_names[p % COUNT(phase_names)]);
        if (p >= COUNT(phase_names)) printf(" %zu", p / COUNT(phase_names) + 1);
        printf("\n    statement: ");
        sentence(rng_range(8, 20));
        printf("\n    actions:\n");
        for (size_t a = rng_range(1, 4); a > 0; a--) {
            printf("      - ");
            sentence(rng_range(3, 8));
            putchar('\n');
        }
        printf("    metrics:\n");
        size_t nm = rng_range(1, 4), first = rng_below(COUNT(metrics));
        for (size_t k = 0; k < nm; k++) { /* distinct names: consecutive in the table */
            const metric_t *mt = &metrics[(first + k) % COUNT(metrics)];
            printf("      %s: ", mt->name);
            metric_value(mt->form);
            putchar('\n');
        }
        if (blueprint) {
            if (p % 4 == 2) printf("    moment-of-truth: true\n");
            printf("    lanes:\n      thoughts:\n");
            for (size_t k = rng_range(1, 2); k > 0; k--) {
                printf("        - ");
                sentence(rng_range(3, 9));
                putchar('\n');
            }
        }
    }

    /* ---- touchpoints ---- */
    if (nt) printf("\ntouchpoints:\n");
    for (size_t i = 0; i < nt; i++) {
        const tp_t *t = &tps[i];
        size_t ch = chan_order[i % COUNT(channels)];
        const char *chn = channels[ch];
        /* Unique name: a name of the channel's kinds, then with a qualifier,
         * then numbered once the pairs run out. */
        const char *const *kinds = tp_kinds[ch];
        size_t nk = 0;
        while (kinds[nk])
            nk++;
        size_t seen = chan_seen[ch]++, round = seen / nk;
        printf("  - id: tp-%04zu\n    name: %s", i + 1, kinds[seen % nk]);
        if (round) printf(" %s", tp_qual[(round - 1) % COUNT(tp_qual)]);
        if (round > COUNT(tp_qual)) printf(" %zu", (round - 1) / COUNT(tp_qual) + 1);
        printf("\n    channel: %s\n", chn);
        if (!strcmp(chn, "ads") || !strcmp(chn, "tv") || !strcmp(chn, "radio") ||
            !strcmp(chn, "outdoor"))
            printf("    owner: paid\n");
        else if (!strcmp(chn, "review") || !strcmp(chn, "word-of-mouth") || !strcmp(chn, "press"))
            printf("    owner: earned\n");
        else if (rng_pct(10))
            printf("    owner: partner\n");
        if (!strcmp(chn, "other"))
            printf("    mode: %s\n    contact: %s\n", rng_pct(50) ? "online" : "offline",
                   rng_pct(70) ? "direct" : "indirect");
        else if (!strcmp(chn, "event") && rng_pct(40))
            printf("    mode: online\n");
        if (i % 2 == 0) { /* mapping form with purposes */
            printf("    phases:\n");
            for (size_t k = 0; k < t->n_phases; k++) {
                printf("      phase-%02zu: ", t->phases[k] + 1);
                sentence(rng_range(3, 8));
                putchar('\n');
            }
        } else {
            printf("    phases: [");
            for (size_t k = 0; k < t->n_phases; k++)
                printf("%sphase-%02zu", k ? ", " : "", t->phases[k] + 1);
            printf("]\n");
        }
    }

    /* ---- experiences, pains, opportunities: spread evenly, in phase order ---- */
    if (ne) printf("\nexperiences:\n");
    for (size_t i = 0; i < ne; i++) {
        size_t p = i * np / ne;
        printf("  - phase: phase-%02zu\n    text: ", p + 1);
        sentence(rng_range(5, 15));
        putchar('\n');
        if (rng_pct(40)) printf("    type: rational\n");
        if (rng_pct(85)) {
            size_t sc = rng_range(1, 5);
            if (blueprint)
                printf("    score: %d\n", (int)sc - 3);
            else
                printf("    score: %zu\n", sc);
        }
        if (start[p + 1] > start[p] && rng_pct(80))
            printf("    touchpoint: tp-%04zu\n",
                   in_phase[start[p] + rng_below(start[p + 1] - start[p])] + 1);
        if (rng_pct(30)) printf("    importance: %s\n", PICK(levels));
    }

    if (npain) printf("\npains:\n");
    for (size_t i = 0; i < npain; i++) {
        size_t p = i * np / npain;
        printf("  - phase: phase-%02zu\n    text: ", p + 1);
        sentence(rng_range(5, 15));
        putchar('\n');
        if (rng_pct(70)) printf("    severity: %s\n", PICK(levels));
        if (start[p + 1] > start[p] && rng_pct(70))
            printf("    touchpoint: tp-%04zu\n",
                   in_phase[start[p] + rng_below(start[p + 1] - start[p])] + 1);
    }

    if (nopp) printf("\nopportunities:\n");
    for (size_t i = 0; i < nopp; i++) {
        size_t p = i * np / nopp;
        printf("  - phase: phase-%02zu\n    text: ", p + 1);
        sentence(rng_range(5, 15));
        putchar('\n');
        /* An opportunity may propose a touchpoint not yet used in its phase. */
        if (nt && rng_pct(60)) {
            size_t t = start[p + 1] > start[p] && rng_pct(80)
                           ? in_phase[start[p] + rng_below(start[p + 1] - start[p])]
                           : rng_below(nt);
            printf("    touchpoint: tp-%04zu\n", t + 1);
        }
    }

    if (blueprint) {
        steps("backstage", ne / 2, np, nt, start, in_phase);
        steps("support", ne / 4, np, 0, start, in_phase);
    }

    for (size_t i = 0; i < nt; i++)
        free(tps[i].phases);
    free(tps);
    free(start);
    free(fill);
    free(in_phase);
    if (fflush(stdout) || ferror(stdout)) die("cannot write standard output");
    return 0;
}
