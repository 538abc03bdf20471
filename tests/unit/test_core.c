/*
** test_core.c — unit tests of source positions, the parser, the validator
** and the model (values, defaults, references), diagnostics ordering and
** did-you-mean, and an allocation-failure injector over load.
*/
#include "arena.h"
#include "harness.h"
#include "source.h"
#include "suggest.h"

#include <cjmap.h>
#include <stdlib.h>

static cjmap_journey *load(const char *text) {
    return cjmap_journey_load("t.yaml", text, strlen(text), NULL);
}

static const char *first_msg(const cjmap_journey *j) {
    for (size_t i = 0; i < cjmap_journey_diag_count(j); i++)
        if (cjmap_journey_diag(j, i)->severity != CJMAP_NOTE) return cjmap_journey_diag(j, i)->message;
    return "";
}

static const char base[] =
    "title: T\n"
    "segment: {name: S}\n"
    "phases:\n"
    "  - {id: a, name: Alpha}\n"
    "  - {name: Beta}\n"
    "touchpoints: [{name: W, channel: web, phases: [a, Beta]}]\n";

static void test_source(void) {
    cj_arena a;
    cj_arena_init(&a);
    cj_source s;
    const char bytes[] = "\xEF\xBB\xBFk: \xC3\xA6\xC3\xB8\r\nb: x\rc: y\n";
    cj_source_init(&s, &a, "s", bytes, sizeof bytes - 1);
    CHECK_INT("source lines (CRLF, CR, LF)", s.n_lines, 4);
    /* character index 7 = 'b' (BOM excluded; CR and LF count one each) */
    cjmap_span sp = cj_source_span_chars(&s, 7, 8);
    CHECK_INT("char index -> line", sp.line, 2);
    CHECK_INT("char index -> col", sp.col, 1);
    sp = cj_source_span_bytes(&s, 6, 8); /* the 'æ' (bytes 6-7 after the BOM, 'k', ':', ' ') */
    CHECK_INT("byte -> line 1", sp.line, 1);
    CHECK_INT("byte -> col in code points", sp.col, 4);
    const char *t;
    size_t n;
    CHECK("line text without CRLF", cj_source_line(&s, 1, &t, &n) && n == 7 && t[0] == 'k');
    size_t at, bl;
    const char *what;
    CHECK("valid UTF-8 passes", !cj_source_bad_utf8(&s, 0, &at, &bl, &what));
    cj_source_init(&s, &a, "s", "a\xC0\xAFz", 4);
    CHECK("overlong detected", cj_source_bad_utf8(&s, 0, &at, &bl, &what) && at == 1 && bl == 2);
    CHECK_STR("overlong named", what, "overlong UTF-8 encoding");
    cj_source_init(&s, &a, "s", "a\xED\xA0\x80", 4);
    CHECK("surrogate detected", cj_source_bad_utf8(&s, 0, &at, &bl, &what));
    CHECK_STR("surrogate named", what, "UTF-16 surrogate encoded in UTF-8");
    cj_source_init(&s, &a, "s", "ab\0c", 4);
    CHECK("NUL detected", cj_source_bad_utf8(&s, 0, &at, &bl, &what) && at == 2);
    cj_arena_free(&a);
}

static void test_suggest(void) {
    CHECK_INT("distance transposition", cj_edit_distance("titel", 5, "title", 5, 5), 1);
    CHECK_INT("distance in code points", cj_edit_distance("k\xC3\xB8", 3, "ko", 2, 5), 1);
    const char *const c[] = {"title", "state", "locale", "segment"};
    CHECK_STR("suggest titel", cjmap_suggest("titel", c, 4), "title");
    CHECK_STR("suggest case", cjmap_suggest("Title", c, 4), "title");
    CHECK("no absurd suggestion", cjmap_suggest("xyz", c, 4) == NULL);
    CHECK_STR("suggest local", cjmap_suggest("local", c, 4), "locale");
    /* Nordic and German letters spelled out, as on a keyboard without them. */
    const char *const ids[] = {"overvejelse", "k\xC3\xB8" "b", "brug", "fastholdelse"};
    CHECK_STR("suggest koeb for køb", cjmap_suggest("koeb", ids, 4), "k\xC3\xB8" "b");
    CHECK_STR("suggest kob for køb", cjmap_suggest("kob", ids, 4), "k\xC3\xB8" "b");
    const char *const de[] = {"Stra\xC3\x9F" "e", "Haus"};
    CHECK_STR("suggest Strasse for Straße", cjmap_suggest("Strasse", de, 2), "Stra\xC3\x9F" "e");
    const char *const sv[] = {"f\xC3\xB6rs\xC3\xA4ljning"};
    CHECK_STR("suggest foersaeljning", cjmap_suggest("foersaeljning", sv, 1), sv[0]);
}

static void test_model(void) {
    const char *text =
        "version: 1\n"
        "title: Booking æøå\n"
        "state: future\n"
        "locale: da\n"
        "segment:\n"
        "  name: Families\n"
        "  description: Two adults\n"
        "  goals: [Rest, Fixed price]\n"
        "labels: {pains: Friktion}\n"
        "phases:\n"
        "  - id: aw\n"
        "    name: Awareness\n"
        "    statement: I need a break\n"
        "    actions: [Sees an ad, Asks friends]\n"
        "    metrics: {Drop-off: 40%, NPS: 12}\n"
        "  - name: Purchase\n"
        "touchpoints:\n"
        "  - {id: web, name: Website, channel: web, phases: {aw: Inspiration, Purchase: Checkout}}\n"
        "  - {name: Reviews, channel: review, owner: earned, phases: [aw]}\n"
        "  - {name: Misc, channel: other, mode: offline, phases: [Purchase]}\n"
        "experiences:\n"
        "  - {phase: Purchase, text: Smooth, type: rational, score: 4, touchpoint: web, importance: high}\n"
        "  - {phase: aw, text: Unsure}\n"
        "pains:\n"
        "  - {phase: Purchase, text: Card twice, touchpoint: web}\n"
        "opportunities:\n"
        "  - {phase: aw, text: Offer MobilePay, touchpoint: Misc}\n";
    cjmap_journey *j = load(text);
    const cjmap_model *m = cjmap_journey_model(j);
    CHECK_INT("valid journey: no errors", cjmap_journey_error_count(j), 0);
    CHECK_INT("valid journey: no warnings", cjmap_journey_warning_count(j), 0);
    if (!m) {
        printf("FAIL model: NULL (%s)\n", first_msg(j));
        t_failed++;
        cjmap_journey_free(j);
        return;
    }
    CHECK_STR("title with æøå", m->title, "Booking æøå");
    CHECK_INT("state", m->state, CJMAP_STATE_FUTURE);
    CHECK_INT("locale", m->locale, CJMAP_LOCALE_DA);
    CHECK_STR("segment", m->segment_name, "Families");
    CHECK_INT("goals", m->n_segment_goals, 2);
    CHECK_STR("goal 2", m->segment_goals[1], "Fixed price");
    CHECK_STR("label override", m->labels[CJMAP_LANE_PAINS], "Friktion");
    CHECK("label default NULL", m->labels[CJMAP_LANE_ACTIONS] == NULL);
    CHECK_INT("phases", m->n_phases, 2);
    CHECK_STR("phase id", m->phases[0].id, "aw");
    CHECK("phase without id", m->phases[1].id == NULL);
    CHECK_INT("actions", m->phases[0].n_actions, 2);
    CHECK_STR("metric name", m->phases[0].metrics[0].name, "Drop-off");
    CHECK_STR("metric value as written", m->phases[0].metrics[0].value, "40%");
    CHECK_INT("metric span line", m->phases[0].metrics[0].span.line, 15);
    const cjmap_touchpoint *w = &m->touchpoints[0];
    CHECK_INT("web uses", w->n_uses, 2);
    CHECK_INT("use 1 phase", w->uses[0].phase, 0);
    CHECK_STR("use 1 purpose", w->uses[0].purpose, "Inspiration");
    CHECK_INT("use 2 phase by name", w->uses[1].phase, 1);
    CHECK_INT("web default mode", w->mode, CJMAP_MODE_ONLINE);
    CHECK_INT("web default contact", w->contact, CJMAP_CONTACT_DIRECT);
    CHECK_INT("default owner", w->owner, CJMAP_OWNER_OWNED);
    CHECK_INT("review defaults indirect", m->touchpoints[1].contact, CJMAP_CONTACT_INDIRECT);
    CHECK_INT("review owner", m->touchpoints[1].owner, CJMAP_OWNER_EARNED);
    CHECK("list form: no purpose", m->touchpoints[1].uses[0].purpose == NULL);
    CHECK_INT("other: explicit mode", m->touchpoints[2].mode, CJMAP_MODE_OFFLINE);
    CHECK_INT("other: no contact default", m->touchpoints[2].contact, CJMAP_CONTACT_UNSET);
    const cjmap_experience *e = &m->experiences[0];
    CHECK_INT("exp phase", e->phase, 1);
    CHECK_INT("exp type", e->type, CJMAP_EXP_RATIONAL);
    CHECK_INT("scale min", m->scale.min, 1);
    CHECK_INT("scale neutral", m->scale.neutral, 3);
    CHECK_INT("scale max", m->scale.max, 5);
    CHECK("exp scored", e->scored);
    CHECK_INT("exp score", e->score, 4);
    CHECK_INT("exp touchpoint", e->touchpoint, 0);
    CHECK_INT("exp importance", e->importance, CJMAP_LEVEL_HIGH);
    CHECK_INT("exp 2 defaults: type", m->experiences[1].type, CJMAP_EXP_EMOTIONAL);
    CHECK("exp 2 defaults: not scored", !m->experiences[1].scored);
    CHECK_INT("exp 2 defaults: score", m->experiences[1].score, 0);
    CHECK_INT("exp 2 defaults: touchpoint", m->experiences[1].touchpoint, CJMAP_NONE);
    CHECK_INT("pain default severity", m->pains[0].severity, CJMAP_LEVEL_MEDIUM);
    CHECK_INT("opportunity touchpoint new to phase: no warning", m->opportunities[0].touchpoint, 2);
    CHECK_INT("exp span line", e->span.line, 22);
    CHECK_INT("exp span col", e->span.col, 5);
    cjmap_journey_free(j);
}

static void test_anchors_merge(void) {
    const char *text =
        "title: T\n"
        "segment: {name: S, goals: &g [One, Two]}\n"
        "phases:\n"
        "  - {name: A, actions: *g}\n"
        "touchpoints:\n"
        "  - &tp {name: W, channel: web, owner: paid, phases: [A]}\n"
        "  - <<: *tp\n"
        "    name: X\n"
        "  - {<<: [{channel: store, name: nope}, {owner: partner, mode: online}], name: Y, phases: [A]}\n";
    cjmap_journey *j = load(text);
    const cjmap_model *m = cjmap_journey_model(j);
    CHECK("anchors + merge valid", m != NULL);
    if (m) {
        CHECK_INT("alias list shared", m->phases[0].n_actions, 2);
        CHECK_STR("merged name overridden", m->touchpoints[1].name, "X");
        CHECK_INT("merged owner", m->touchpoints[1].owner, CJMAP_OWNER_PAID);
        CHECK_INT("merged phases", m->touchpoints[1].n_uses, 1);
        CHECK_INT("merge list: first source wins", m->touchpoints[2].channel, CJMAP_CH_STORE);
        CHECK_INT("merge list: later source fills", m->touchpoints[2].owner, CJMAP_OWNER_PARTNER);
        CHECK_STR("explicit key beats merge", m->touchpoints[2].name, "Y");
    } else {
        printf("FAIL anchors: %s\n", first_msg(j));
        t_failed++;
    }
    cjmap_journey_free(j);
}

static void test_diagnostics(void) {
    /* All errors reported, in source order, each with its position. */
    char text[1024];
    snprintf(text, sizeof text, "%s%s", base,
             "experiences:\n"
             "  - {phase: omega, text: x}\n"
             "  - {phase: Alpha, text: y, scroe: 3}\n"
             "titel: again\n");
    cjmap_journey *j = load(text);
    CHECK("errors: no model", cjmap_journey_model(j) == NULL);
    CHECK_INT("errors: count (Alpha is a name: it resolves)", cjmap_journey_error_count(j), 3);
    const cjmap_diag *d0 = cjmap_journey_diag(j, 0);
    CHECK_INT("order: first line", d0->span.line, 8);
    CHECK_INT("order: first col", d0->span.col, 13);
    CHECK_STR("unresolved, no suggestion, lists phases", d0->message,
              "unknown phase 'omega'; the phases are: 'a', 'Beta'");
    CHECK_INT("unresolved: no fix", d0->n_fixes, 0);
    const cjmap_diag *d2 = cjmap_journey_diag(j, 1);
    CHECK_STR("unknown key with suggestion", d2->message,
              "unknown key 'scroe' in experience 'y' (did you mean 'score'?)");
    CHECK_STR("code", d2->code, "unknown-key");
    CHECK_INT("unknown key col", d2->span.col, 29);
    CHECK_STR("suggestion field", d2->suggestion, "score");
    CHECK_INT("the suggestion is a fix", d2->n_fixes, 1);
    CHECK_STR("fix replacement", d2->fixes[0].replacement, "score");
    CHECK("fix span = the key's span",
          d2->fixes[0].span.line == d2->span.line && d2->fixes[0].span.col == 29 &&
              d2->fixes[0].span.end_line == d2->span.line && d2->fixes[0].span.end_col == 34);
    CHECK_INT("last error line", cjmap_journey_diag(j, 2)->span.line, 10);
    cjmap_journey_free(j);

    /* Cap: 60 unresolved references -> 50 errors + "too many errors". */
    static char big[8192];
    size_t o = (size_t)snprintf(big, sizeof big, "%sexperiences:\n", base);
    for (int i = 0; i < 60; i++) o += (size_t)snprintf(big + o, sizeof big - o, "  - {phase: q%d, text: t}\n", i);
    j = load(big);
    CHECK_INT("cap: errors counted", cjmap_journey_error_count(j), 60);
    CHECK_INT("cap: diags kept", cjmap_journey_diag_count(j), 51);
    CHECK_STR("cap: last", cjmap_journey_diag(j, 50)->code, "too-many-errors");
    cjmap_journey_free(j);

    /* Duplicate key with a note at the first definition. */
    j = load("title: A\nsegment: {name: S}\nphases: [{name: P}]\ntitle: B\n"
             "touchpoints: [{name: W, channel: webb, phases: [P]}]\n");
    /* Duplicate keys are recoverable: validation goes on and reports the rest. */
    CHECK_INT("dup key + later error: both", cjmap_journey_error_count(j), 2);
    CHECK_STR("dup key message", cjmap_journey_diag(j, 0)->message, "duplicate key 'title'");
    CHECK_INT("dup key line", cjmap_journey_diag(j, 0)->span.line, 4);
    CHECK_INT("dup key note", cjmap_journey_diag(j, 1)->severity, CJMAP_NOTE);
    CHECK_INT("dup key note line", cjmap_journey_diag(j, 1)->span.line, 1);
    cjmap_journey_free(j);

    /* Alias bomb: rejected quickly, one error. */
    static char bomb[4096];
    o = (size_t)snprintf(bomb, sizeof bomb, "a0: &a0 [x,x,x,x,x,x,x,x,x]\n");
    for (int i = 1; i < 10; i++)
        o += (size_t)snprintf(bomb + o, sizeof bomb - o, "a%d: &a%d [*a%d,*a%d,*a%d,*a%d,*a%d,*a%d,*a%d,*a%d,*a%d]\n",
                              i, i, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1);
    j = load(bomb);
    CHECK_STR("alias bomb", cjmap_journey_diag(j, 0)->code, "alias-limit");
    cjmap_journey_free(j);

    /* Depth: 10,000 nested lists end in one error, no recursion. */
    static char deep[20002];
    memset(deep, '[', 10000);
    memset(deep + 10000, ']', 10000);
    j = cjmap_journey_load("d", deep, 20000, NULL);
    CHECK_STR("depth limit", cjmap_journey_diag(j, 0)->code, "too-deep");
    cjmap_journey_free(j);

    /* Empty input, whitespace only, a bare scalar. */
    j = cjmap_journey_load("e", "", 0, NULL);
    CHECK_STR("empty file", cjmap_journey_diag(j, 0)->code, "empty-file");
    cjmap_journey_free(j);
    j = load("---\n...\n");
    CHECK_STR("empty document", cjmap_journey_diag(j, 0)->code, "empty-file");
    cjmap_journey_free(j);

    /* Input limit. */
    cjmap_options opt = {.max_input = 10};
    j = cjmap_journey_load("big", base, strlen(base), &opt);
    CHECK_STR("input limit", cjmap_journey_diag(j, 0)->code, "input-too-large");
    cjmap_journey_free(j);
}

static void test_oom(void) {
    /* Fail the n-th allocation for every n until a load succeeds: each run
     * must return NULL or a complete journey, never crash or leak (ASan). */
    const char *text =
        "title: T\nsegment: {name: S, goals: &g [a, b]}\nphases:\n  - {id: p, name: P, actions: *g}\n"
        "touchpoints: [{name: W, channel: web, phases: [p]}]\n"
        "experiences: [{phase: p, text: x, score: 9}, {phase: q, text: y}]\n";
    int nulls = 0, n;
    for (n = 1; n < 400; n++) {
        cj_fail_alloc_after = n;
        cjmap_journey *j = cjmap_journey_load("oom", text, strlen(text), NULL);
        bool injected = cj_fail_alloc_after == 0;
        cj_fail_alloc_after = 0;
        if (!j) {
            nulls++;
            continue;
        }
        cjmap_journey_free(j);
        if (!injected) break; /* ran to completion without hitting the failure */
    }
    CHECK("oom: some loads failed cleanly", nulls > 0);
    CHECK("oom: a load eventually succeeds", n < 400);
}

int main(void) {
    test_source();
    test_suggest();
    test_model();
    test_anchors_merge();
    test_diagnostics();
    test_oom();
    TEST_END();
}
