/*
** test_vocab_i18n.c — unit tests of the native-word tables (vocab_i18n.h):
** every entry stands for a value of its own vocabulary and is not itself,
** in any accepted spelling, a value of it; no two entries of one
** vocabulary meet on different values; every closed vocabulary has a
** table; sample lookups in each language, in upper case and in ASCII
** spellings; words that must stay with the ordinary "did you mean"; and
** the diagnostic that get_enum makes of it.
*/
#include "harness.h"
#include "vocab.h"
#include "vocab_i18n.h"

#include <cjmap.h>

static const char *vocab_name(const char *const *v) {
    return v == cj_level_names      ? "levels"
           : v == cj_exp_type_names ? "experience types"
           : v == cj_state_names    ? "states"
           : v == cj_owner_names    ? "owners"
           : v == cj_mode_names     ? "modes"
           : v == cj_contact_names  ? "contacts"
           : v == cj_channel_names  ? "channels"
           : v == cj_locale_names   ? "locales"
           : v == cj_lane_names     ? "lanes"
                                    : "?";
}

static bool in_vocab(const char *const *v, const char *s) {
    for (size_t i = 0; v[i]; i++)
        if (strcmp(v[i], s) == 0) return true;
    return false;
}

/* The whole table of one vocabulary; prints each bad entry as a FAIL. */
static void check_table(const char *const *v) {
    const char *name = vocab_name(v);
    char label[128];
    cj_vocab_word w, w2;
    size_t n = 0;
    int bad_value = 0, bad_langs = 0, is_value = 0, clash = 0, no_lookup = 0;
    for (size_t i = 0; cj_vocab_native_entry(v, i, &w); i++, n++) {
        char key[64], key2[64];
        if (!in_vocab(v, w.value)) {
            printf("FAIL %s: '%s' stands for '%s', not a value\n", name, w.word, w.value);
            bad_value++;
        }
        unsigned native = w.langs & (CJ_LANG_DA | CJ_LANG_NB | CJ_LANG_SV | CJ_LANG_DE);
        if (w.langs == 0 || (w.langs & ~31u) || ((w.langs & CJ_LANG_EN) && native)) {
            printf("FAIL %s: '%s' has languages %#x\n", name, w.word, w.langs);
            bad_langs++;
        }
        /* Never a valid value: not as written, not after folding. */
        bool fold_ok = cj_vocab_fold(w.word, strlen(w.word), key, sizeof key);
        for (size_t j = 0; v[j]; j++) {
            bool same = strcmp(v[j], w.word) == 0;
            if (!same && fold_ok && cj_vocab_fold(v[j], strlen(v[j]), key2, sizeof key2))
                same = strcmp(key, key2) == 0;
            if (same) {
                printf("FAIL %s: '%s' is the value '%s'\n", name, w.word, v[j]);
                is_value++;
            }
        }
        /* No two entries that fold alike and mean different values. */
        for (size_t k = i + 1; cj_vocab_native_entry(v, k, &w2); k++)
            if (fold_ok && cj_vocab_fold(w2.word, strlen(w2.word), key2, sizeof key2) &&
                strcmp(key, key2) == 0 && strcmp(w.value, w2.value) != 0) {
                printf("FAIL %s: '%s' (%s) and '%s' (%s) fold alike\n", name, w.word, w.value,
                       w2.word, w2.value);
                clash++;
            }
        const char *lang = NULL;
        const char *got = cj_vocab_native(v, w.word, strlen(w.word), &lang);
        if (!fold_ok || !got || strcmp(got, w.value) != 0 || !lang) {
            printf("FAIL %s: lookup of '%s' gives '%s'\n", name, w.word, got ? got : "(null)");
            no_lookup++;
        }
    }
    snprintf(label, sizeof label, "%s: has a table", name);
    CHECK(label, n > 0);
    snprintf(label, sizeof label, "%s: %zu words, each for a value of the vocabulary", name, n);
    CHECK(label, bad_value == 0);
    snprintf(label, sizeof label, "%s: each word has its languages", name);
    CHECK(label, bad_langs == 0);
    snprintf(label, sizeof label, "%s: no word is a valid value", name);
    CHECK(label, is_value == 0);
    snprintf(label, sizeof label, "%s: no two words fold alike with different values", name);
    CHECK(label, clash == 0);
    snprintf(label, sizeof label, "%s: each word finds its own value", name);
    CHECK(label, no_lookup == 0);
}

static void test_tables(void) {
    const char *const *all[] = {cj_level_names,   cj_exp_type_names, cj_state_names,
                                cj_owner_names,   cj_mode_names,     cj_contact_names,
                                cj_channel_names, cj_locale_names,   cj_lane_names};
    size_t n = 0;
    while (cj_vocab_native_vocabularies[n])
        n++;
    CHECK_INT("every closed vocabulary has a table", n, sizeof all / sizeof all[0]);
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
        bool listed = false;
        for (size_t j = 0; cj_vocab_native_vocabularies[j]; j++)
            if (cj_vocab_native_vocabularies[j] == all[i]) listed = true;
        char label[96];
        snprintf(label, sizeof label, "%s: listed", vocab_name(all[i]));
        CHECK(label, listed);
        check_table(all[i]);
    }
    /* Every channel has at least one word, except where all four languages
     * use the English one ('radio' and 'tv' have 'rundfunk', 'fjernsyn'). */
    int missing = 0;
    for (size_t c = 0; cj_channel_names[c]; c++) {
        cj_vocab_word w;
        bool found = false;
        for (size_t i = 0; cj_vocab_native_entry(cj_channel_names, i, &w); i++)
            if (strcmp(w.value, cj_channel_names[c]) == 0) found = true;
        if (!found) {
            printf("FAIL channels: no word for '%s'\n", cj_channel_names[c]);
            missing++;
        }
    }
    CHECK("every channel has a native word", missing == 0);
}

typedef struct sample {
    const char *const *vocab;
    const char *word, *value, *language;
} sample;

static const sample samples[] = {
    {cj_level_names, "høj", "high", "Danish"},
    {cj_level_names, "HØJ", "high", "Danish"},
    {cj_level_names, "Høj", "high", "Danish"},
    {cj_level_names, "hoej", "high", "Danish"},
    {cj_level_names, "hoj", "high", "Danish"},
    {cj_level_names, "høy", "high", "Norwegian"},
    {cj_level_names, "HØY", "high", "Norwegian"},
    {cj_level_names, "hoy", "high", "Norwegian"},
    {cj_level_names, "hög", "high", "Swedish"},
    {cj_level_names, "HÖG", "high", "Swedish"},
    {cj_level_names, "hog", "high", "Swedish"},
    {cj_level_names, "hoch", "high", "German"},
    {cj_level_names, "Hoch", "high", "German"},
    {cj_level_names, "lav", "low", "Danish and Norwegian"},
    {cj_level_names, "LÅG", "low", "Swedish"},
    {cj_level_names, "laag", "low", "Swedish"},
    {cj_level_names, "mäßig", "medium", "German"},
    {cj_level_names, "MÄSSIG", "medium", "German"},
    {cj_level_names, "maessig", "medium", "German"},
    {cj_level_names, "middels", "medium", "Norwegian"},
    {cj_level_names, "moderat", "medium", "Danish, Norwegian, Swedish and German"},
    {cj_exp_type_names, "rationel", "rational", "Danish"},
    {cj_exp_type_names, "rasjonell", "rational", "Norwegian"},
    {cj_exp_type_names, "rationell", "rational", "Swedish"},
    {cj_exp_type_names, "Følelsesmæssig", "emotional", "Danish"},
    {cj_exp_type_names, "foelelsesmaessig", "emotional", "Danish"},
    {cj_exp_type_names, "kanslomassig", "emotional", "Swedish"},
    {cj_state_names, "fremtid", "future", "Danish and Norwegian"},
    {cj_state_names, "framtid", "future", "Norwegian and Swedish"},
    {cj_state_names, "soll", "future", "German"},
    {cj_state_names, "Soll-Zustand", "future", "German"},
    {cj_state_names, "soll zustand", "future", "German"},
    {cj_state_names, "zukunft", "future", "German"},
    {cj_state_names, "ZUKÜNFTIG", "future", "German"},
    {cj_state_names, "to-be", "future", "English"},
    {cj_state_names, "To Be", "future", "English"},
    {cj_state_names, "nuværende", "current", "Danish"},
    {cj_state_names, "nuvaerende", "current", "Danish"},
    {cj_state_names, "nåværende", "current", "Norwegian"},
    {cj_state_names, "naavaerende", "current", "Norwegian"},
    {cj_state_names, "nuvarande", "current", "Swedish"},
    {cj_state_names, "Ist", "current", "German"},
    {cj_state_names, "aktuell", "current", "Norwegian, Swedish and German"},
    {cj_state_names, "as-is", "current", "English"},
    {cj_state_names, "AS_IS", "current", "English"},
    {cj_owner_names, "betalt", "paid", "Danish, Norwegian and Swedish"},
    {cj_owner_names, "ejet", "owned", "Danish"},
    {cj_owner_names, "eid", "owned", "Norwegian"},
    {cj_owner_names, "bezahlt", "paid", "German"},
    {cj_owner_names, "förtjänt", "earned", "Swedish"},
    {cj_owner_names, "fortjant", "earned", "Swedish"},
    {cj_owner_names, "verdient", "earned", "German"},
    {cj_mode_names, "digital", "online", "Danish, Norwegian, Swedish and German"},
    {cj_mode_names, "Fysisk", "offline", "Danish, Norwegian and Swedish"},
    {cj_contact_names, "direkte", "direct", "Danish and Norwegian"},
    {cj_contact_names, "Indirekt", "indirect", "Swedish and German"},
    {cj_channel_names, "hjemmeside", "web", "Danish and Norwegian"},
    {cj_channel_names, "nettside", "web", "Norwegian"},
    {cj_channel_names, "webbplats", "web", "Swedish"},
    {cj_channel_names, "Webseite", "web", "German"},
    {cj_channel_names, "Webshop", "web", "Danish, Norwegian, Swedish and German"},
    {cj_channel_names, "nettbutikk", "web", "Norwegian"},
    {cj_channel_names, "kundemoede", "meeting", "Danish"},
    {cj_channel_names, "butik", "store", "Danish and Swedish"},
    {cj_channel_names, "butikk", "store", "Norwegian"},
    {cj_channel_names, "Geschäft", "store", "German"},
    {cj_channel_names, "geschaeft", "store", "German"},
    {cj_channel_names, "geschaft", "store", "German"},
    {cj_channel_names, "laden", "store", "German"},
    {cj_channel_names, "telefon", "phone", "Danish, Norwegian, Swedish and German"},
    {cj_channel_names, "møde", "meeting", "Danish"},
    {cj_channel_names, "møte", "meeting", "Norwegian"},
    {cj_channel_names, "möte", "meeting", "Swedish"},
    {cj_channel_names, "mote", "meeting", "Norwegian and Swedish"},
    {cj_channel_names, "MØTE", "meeting", "Norwegian"},
    {cj_channel_names, "termin", "meeting", "German"},
    {cj_channel_names, "messe", "event", "Danish, Norwegian and German"},
    {cj_channel_names, "mässa", "event", "Swedish"},
    {cj_channel_names, "anmeldelser", "review", "Danish and Norwegian"},
    {cj_channel_names, "Bewertung", "review", "German"},
    {cj_channel_names, "avis", "press", "Danish and Norwegian"},
    {cj_channel_names, "Zeitung", "press", "German"},
    {cj_channel_names, "mund-til-mund", "word-of-mouth", "Danish"},
    {cj_channel_names, "mund til mund", "word-of-mouth", "Danish"},
    {cj_channel_names, "Munn til munn", "word-of-mouth", "Norwegian"},
    {cj_channel_names, "mundpropaganda", "word-of-mouth", "German"},
    {cj_channel_names, "nyhedsbrev", "email", "Danish"},
    {cj_channel_names, "E-Mail", "email", "Danish and German"},
    {cj_channel_names, "e-post", "email", "Norwegian and Swedish"},
    {cj_channel_names, "annonce", "ads", "Danish"},
    {cj_channel_names, "Werbung", "ads", "German"},
    {cj_channel_names, "søgning", "search", "Danish"},
    {cj_channel_names, "sok", "search", "Norwegian and Swedish"},
    {cj_channel_names, "SÖK", "search", "Swedish"},
    {cj_channel_names, "Suche", "search", "German"},
    {cj_channel_names, "emballage", "packaging", "Danish"},
    {cj_channel_names, "förpackning", "packaging", "Swedish"},
    {cj_channel_names, "FORPACKNING", "packaging", "Swedish"},
    {cj_channel_names, "levering", "delivery", "Danish and Norwegian"},
    {cj_channel_names, "brev", "mail", "Danish, Norwegian and Swedish"},
    {cj_channel_names, "Brief", "mail", "German"},
    {cj_channel_names, "plakat", "outdoor", "Danish, Norwegian and German"},
    {cj_channel_names, "tryksag", "print", "Danish"},
    {cj_channel_names, "Broschüre", "print", "German"},
    {cj_channel_names, "fjernsyn", "tv", "Danish and Norwegian"},
    {cj_channel_names, "Sociale Medier", "social", "Danish"},
    {cj_channel_names, "sosiale_medier", "social", "Norwegian"},
    {cj_channel_names, "Soziale Medien", "social", "German"},
    {cj_channel_names, "andet", "other", "Danish"},
    {cj_channel_names, "Sonstiges", "other", "German"},
    {cj_locale_names, "dansk", "da", "Danish and Norwegian"},
    {cj_locale_names, "Danish", "da", "English"},
    {cj_locale_names, "bokmål", "nb", "Danish, Norwegian and Swedish"},
    {cj_locale_names, "bokmal", "nb", "Danish, Norwegian and Swedish"},
    {cj_locale_names, "svenska", "sv", "Swedish"},
    {cj_locale_names, "Deutsch", "de", "German"},
    {cj_locale_names, "engelsk", "en", "Danish and Norwegian"},
    {cj_lane_names, "handlinger", "actions", "Danish and Norwegian"},
    {cj_lane_names, "Handlingar", "actions", "Swedish"},
    {cj_lane_names, "Aktivitäten", "actions", "German"},
    {cj_lane_names, "kontaktpunkter", "touchpoints", "Danish, Norwegian and Swedish"},
    {cj_lane_names, "oplevelser", "experiences", "Danish"},
    {cj_lane_names, "upplevelser", "experiences", "Swedish"},
    {cj_lane_names, "følelser", "emotions", "Danish and Norwegian"},
    {cj_lane_names, "kanslor", "emotions", "Swedish"},
    {cj_lane_names, "smertepunkter", "pains", "Danish and Norwegian"},
    {cj_lane_names, "muligheder", "opportunities", "Danish"},
    {cj_lane_names, "Chancen", "opportunities", "German"},
    {cj_lane_names, "nøgletal", "metrics", "Danish"},
    {cj_lane_names, "noegletal", "metrics", "Danish"},
    {cj_lane_names, "Kennzahlen", "metrics", "German"},
};

static void test_samples(void) {
    char label[160];
    for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
        const sample *s = &samples[i];
        const char *lang = NULL;
        const char *got = cj_vocab_native(s->vocab, s->word, strlen(s->word), &lang);
        snprintf(label, sizeof label, "%s: '%s' -> '%s'", vocab_name(s->vocab), s->word, s->value);
        CHECK_STR(label, got, s->value);
        snprintf(label, sizeof label, "%s: '%s' is %s", vocab_name(s->vocab), s->word, s->language);
        CHECK_STR(label, lang, s->language);
        /* The value returned is the vocabulary's own string. */
        bool own = false;
        for (size_t j = 0; got && s->vocab[j]; j++)
            if (s->vocab[j] == got) own = true;
        snprintf(label, sizeof label, "%s: '%s' returns the vocabulary's pointer",
                 vocab_name(s->vocab), s->word);
        CHECK(label, own);
    }
}

static void test_no_match(void) {
    const char *lang = "untouched";
    CHECK("valid value 'high' is not a native word",
          !cj_vocab_native(cj_level_names, "high", 4, &lang));
    CHECK("'Email' stays a case typo", !cj_vocab_native(cj_channel_names, "Email", 5, &lang));
    CHECK("'word of mouth' stays a separator typo",
          !cj_vocab_native(cj_channel_names, "word of mouth", 13, &lang));
    CHECK("'webb' stays a typo", !cj_vocab_native(cj_channel_names, "webb", 4, &lang));
    CHECK("'no' stays a code typo", !cj_vocab_native(cj_locale_names, "no", 2, &lang));
    CHECK("'nynorsk' is not bokmål", !cj_vocab_native(cj_locale_names, "nynorsk", 7, &lang));
    CHECK("'høj' is not a channel", !cj_vocab_native(cj_channel_names, "høj", 4, &lang));
    CHECK("'butik' is not a level", !cj_vocab_native(cj_level_names, "butik", 5, &lang));
    CHECK("'critical' is no word", !cj_vocab_native(cj_level_names, "critical", 8, &lang));
    CHECK("empty word", !cj_vocab_native(cj_level_names, "", 0, &lang));
    static const char *const other[] = {"high", NULL};
    CHECK("an unknown vocabulary has no table", !cj_vocab_native(other, "høj", 4, &lang));
    CHECK("invalid UTF-8", !cj_vocab_native(cj_level_names, "h\xff\xfej", 4, &lang));
    char longw[300];
    memset(longw, 'a', sizeof longw);
    CHECK("a very long word", !cj_vocab_native(cj_level_names, longw, sizeof longw, &lang));
    CHECK_STR("*language untouched without a match", lang, "untouched");
    /* `len` bounds the word: no NUL needed. */
    CHECK_STR("length-bounded word", cj_vocab_native(cj_level_names, "højxyz", 4, &lang), "high");
    CHECK_STR("NULL language pointer allowed", cj_vocab_native(cj_level_names, "hoch", 4, NULL),
              "high");
}

static const cjmap_diag *first_error(const cjmap_journey *j) {
    for (size_t i = 0; i < cjmap_journey_diag_count(j); i++)
        if (cjmap_journey_diag(j, i)->severity == CJMAP_ERROR) return cjmap_journey_diag(j, i);
    return NULL;
}

static void test_diagnostic(void) {
    static const struct {
        const char *yaml, *message, *suggestion;
    } cases[] = {
        {"pains: [{phase: a, text: x, severity: høj}]\n",
         "unknown severity 'høj'; 'høj' is Danish for 'high'", "high"},
        {"experiences: [{phase: a, text: x, importance: HOCH}]\n",
         "unknown importance 'HOCH'; 'HOCH' is German for 'high'", "high"},
        {"state: soll\n", "unknown state 'soll'; 'soll' is German for 'future'", "future"},
        {"locale: svenska\n", "unknown locale 'svenska'; 'svenska' is Swedish for 'sv'", "sv"},
        {"labels: {nøgletal: Tal}\n", "unknown lane 'nøgletal'; 'nøgletal' is Danish for 'metrics'",
         "metrics"},
        {"experiences: [{phase: a, text: x, type: emotion}]\n",
         "unknown experience type 'emotion' (did you mean 'emotional'?)", "emotional"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[512];
        snprintf(text, sizeof text,
                 "title: T\nsegment: {name: S}\nphases: [{id: a, name: A}]\n"
                 "touchpoints: [{name: W, channel: web, phases: [a]}]\n%s",
                 cases[i].yaml);
        cjmap_journey *j = cjmap_journey_load("t.yaml", text, strlen(text), NULL);
        const cjmap_diag *d = j ? first_error(j) : NULL;
        CHECK_STR(cases[i].message, d ? d->message : NULL, cases[i].message);
        CHECK_STR("  its code", d ? d->code : NULL, "unknown-value");
        CHECK_STR("  its suggestion", d ? d->suggestion : NULL, cases[i].suggestion);
        cjmap_journey_free(j);
    }
}

int main(void) {
    test_tables();
    test_samples();
    test_no_match();
    test_diagnostic();
    TEST_END();
}
