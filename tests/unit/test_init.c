/*
** test_init.c — unit tests of the `cjmap init` starter journeys: every model
** in every locale loads without errors or warnings, with the model's phase
** ids in order and the right locale; spot checks of the translated phase
** names; unknown models; allocation failures.
*/
#include "arena.h"
#include "harness.h"

#include <cjmap.h>

#include <stdlib.h>

typedef struct expect {
    const char *model;
    size_t n;
    const char *ids[8];
} expect;

static const expect expected[] = {
    {"aida", 5, {"awareness", "interest", "desire", "purchase", "loyalty"}},
    {"b2b",
     7,
     {"recognition", "consideration", "research", "decision", "purchase", "use", "retention"}},
    {"five-step", 5, {"first-contact", "consideration", "conversion", "trust", "identity"}},
    {"classic", 5, {"awareness", "consideration", "purchase", "service", "loyalty"}},
};
enum { N_MODELS = sizeof expected / sizeof expected[0] };

static void print_diags(const cjmap_journey *j) {
    for (size_t i = 0; i < cjmap_journey_diag_count(j); i++) {
        const cjmap_diag *d = cjmap_journey_diag(j, i);
        printf("  %u:%u: %s\n", d->span.line, d->span.col, d->message);
    }
}

static bool phases_filled(const cjmap_model *m) {
    for (size_t i = 0; i < m->n_phases; i++)
        if (!m->phases[i].name[0] || !m->phases[i].statement || !m->phases[i].statement[0] ||
            m->phases[i].n_actions != 1)
            return false;
    return true;
}

/* The name of phase `index` of `model` in `loc`, or NULL. */
static char *phase_name(const char *model, cjmap_locale loc, size_t index) {
    char *yaml = cjmap_init_template(model, loc);
    if (!yaml) return NULL;
    cjmap_journey *j = cjmap_journey_load("t.yaml", yaml, strlen(yaml), NULL);
    free(yaml);
    const cjmap_model *m = cjmap_journey_model(j);
    char *name = NULL;
    if (m && index < m->n_phases) {
        size_t n = strlen(m->phases[index].name) + 1;
        name = malloc(n);
        if (name) memcpy(name, m->phases[index].name, n);
    }
    cjmap_journey_free(j);
    return name;
}

static void spot(const char *what, const char *model, cjmap_locale loc, size_t index,
                 const char *want) {
    char *got = phase_name(model, loc, index);
    CHECK_STR(what, got, want);
    free(got);
}

static void test_models_list(void) {
    size_t n = 0;
    while (cjmap_init_models[n])
        n++;
    CHECK_INT("init: four models", n, N_MODELS);
    for (size_t i = 0; i < n && i < N_MODELS; i++)
        CHECK_STR("init: model name", cjmap_init_models[i], expected[i].model);
}

static void test_every_template(void) {
    char name[96];
    for (size_t mi = 0; mi < N_MODELS; mi++) {
        const expect *e = &expected[mi];
        for (int l = 0; l < CJMAP_LOCALE_COUNT; l++) {
            cjmap_locale loc = (cjmap_locale)l;
            const char *ln = cjmap_locale_name(loc);
            char *yaml = cjmap_init_template(e->model, loc);
            snprintf(name, sizeof name, "init %s/%s: template", e->model, ln);
            CHECK(name, yaml != NULL);
            if (!yaml) continue;
            snprintf(name, sizeof name, "init %s/%s: points at docs and schema", e->model, ln);
            CHECK(name, strstr(yaml, "docs/format.md") && strstr(yaml, "cjmap schema"));

            cjmap_journey *j = cjmap_journey_load("init.yaml", yaml, strlen(yaml), NULL);
            snprintf(name, sizeof name, "init %s/%s: loads", e->model, ln);
            CHECK(name, j != NULL);
            if (!j) {
                free(yaml);
                continue;
            }
            if (cjmap_journey_diag_count(j)) {
                printf("diagnostics for %s/%s:\n", e->model, ln);
                print_diags(j);
            }
            snprintf(name, sizeof name, "init %s/%s: no errors", e->model, ln);
            CHECK_INT(name, cjmap_journey_error_count(j), 0);
            snprintf(name, sizeof name, "init %s/%s: no warnings", e->model, ln);
            CHECK_INT(name, cjmap_journey_warning_count(j), 0);

            const cjmap_model *m = cjmap_journey_model(j);
            snprintf(name, sizeof name, "init %s/%s: model", e->model, ln);
            CHECK(name, m != NULL);
            if (m) {
                snprintf(name, sizeof name, "init %s/%s: locale", e->model, ln);
                CHECK_INT(name, m->locale, loc);
                snprintf(name, sizeof name, "init %s/%s: state current", e->model, ln);
                CHECK_INT(name, m->state, CJMAP_STATE_CURRENT);
                snprintf(name, sizeof name, "init %s/%s: phase count", e->model, ln);
                CHECK_INT(name, m->n_phases, e->n);
                for (size_t p = 0; p < m->n_phases && p < e->n; p++) {
                    snprintf(name, sizeof name, "init %s/%s: phase %zu id", e->model, ln, p + 1);
                    CHECK_STR(name, m->phases[p].id, e->ids[p]);
                }
                snprintf(name, sizeof name, "init %s/%s: names, statements, actions", e->model, ln);
                CHECK(name, phases_filled(m));
                snprintf(name, sizeof name, "init %s/%s: segment and goals", e->model, ln);
                CHECK(name, m->segment_name && m->segment_description && m->n_segment_goals >= 1);
                /* An emotion curve: scores in at least three phases. */
                size_t scored_phases = 0;
                for (size_t p = 0; p < m->n_phases; p++) {
                    bool scored = false;
                    for (size_t x = 0; x < m->n_experiences; x++)
                        if ((size_t)m->experiences[x].phase == p && m->experiences[x].score)
                            scored = true;
                    scored_phases += scored;
                }
                snprintf(name, sizeof name, "init %s/%s: emotion curve", e->model, ln);
                CHECK(name, scored_phases >= 3);
                snprintf(name, sizeof name, "init %s/%s: touchpoints, pain, opportunity", e->model,
                         ln);
                CHECK(name, m->n_touchpoints >= 2 && m->n_pains >= 1 && m->n_opportunities >= 1);
            }
            cjmap_journey_free(j);
            free(yaml);
        }
    }
}

static void test_names(void) {
    spot("init: da aida phase 1", "aida", CJMAP_LOCALE_DA, 0, "Opmærksomhed");
    spot("init: da b2b phase 7", "b2b", CJMAP_LOCALE_DA, 6, "Fastholdelse");
    spot("init: en b2b phase 7", "b2b", CJMAP_LOCALE_EN, 6, "Retention");
    spot("init: nb b2b phase 7", "b2b", CJMAP_LOCALE_NB, 6, "Lojalitet");
    spot("init: sv b2b phase 7", "b2b", CJMAP_LOCALE_SV, 6, "Lojalitet");
    spot("init: de b2b phase 7", "b2b", CJMAP_LOCALE_DE, 6, "Kundenbindung");
    spot("init: nb five-step phase 1", "five-step", CJMAP_LOCALE_NB, 0, "Første kontakt");
    spot("init: nb five-step phase 4", "five-step", CJMAP_LOCALE_NB, 3, "Tillit");
    spot("init: sv aida phase 4", "aida", CJMAP_LOCALE_SV, 3, "Köp");
    spot("init: de classic phase 3", "classic", CJMAP_LOCALE_DE, 2, "Kauf");
}

static void test_unknown(void) {
    char *s = cjmap_init_template("aidaa", CJMAP_LOCALE_EN);
    CHECK("init: unknown model is NULL", s == NULL);
    free(s);
    s = cjmap_init_template("AIDA", CJMAP_LOCALE_EN);
    CHECK("init: model names are case-sensitive", s == NULL);
    free(s);
    s = cjmap_init_template("", CJMAP_LOCALE_EN);
    CHECK("init: empty model is NULL", s == NULL);
    free(s);
    s = cjmap_init_template(NULL, CJMAP_LOCALE_EN);
    CHECK("init: NULL model is NULL", s == NULL);
    free(s);
    s = cjmap_init_template("aida", CJMAP_LOCALE_COUNT);
    CHECK("init: out-of-range locale is NULL", s == NULL);
    free(s);
}

/* The same template twice is the same text (no hidden state). */
static void test_repeatable(void) {
    char *a = cjmap_init_template("b2b", CJMAP_LOCALE_SV);
    char *b = cjmap_init_template("b2b", CJMAP_LOCALE_SV);
    CHECK("init: repeatable", a && b && strcmp(a, b) == 0);
    free(a);
    free(b);
}

/* Fail the n-th allocation for every n until the template is built: each
 * failure must give NULL (and leak nothing, under ASan). */
static void test_oom(void) {
    char *want = cjmap_init_template("b2b", CJMAP_LOCALE_DE);
    size_t nulls = 0;
    bool ok = want != NULL;
    for (long n = 1; n < 100 && ok; n++) {
        cj_fail_alloc_after = n;
        char *s = cjmap_init_template("b2b", CJMAP_LOCALE_DE);
        bool injected = cj_fail_alloc_after == 0;
        cj_fail_alloc_after = 0;
        if (injected) {
            if (s) ok = false;
            nulls++;
        } else {
            if (!s || strcmp(s, want) != 0) ok = false;
            free(s);
            break;
        }
        free(s);
    }
    CHECK("init oom: failures give NULL, success the same text", ok);
    CHECK("init oom: some builds failed", nulls > 0);
    free(want);
}

int main(void) {
    test_models_list();
    test_every_template();
    test_names();
    test_unknown();
    test_repeatable();
    test_oom();
    TEST_END();
}
