/*
** labels.c — built-in words per locale.  Chosen as a practitioner in each
** language would write them on a wall map (Danish CX work says
** "Touchpoints" and "Smertepunkter"; German says "Pain Points" and
** "Ist-/Soll-Zustand"; Swedish "Nuläge"), not word-for-word translations.
*/
#include "labels.h"

#include <stdio.h>

static const char *const words[CJMAP_LOCALE_COUNT][CJ_W_COUNT] = {
    [CJMAP_LOCALE_EN] = {"Phases", "Legend", "Segment", "Goals", "Current state", "Future state",
                         "Online", "Offline", "Direct contact", "Indirect contact", "Owned",
                         "Paid", "Earned", "Partner", "Emotional", "Rational", "High importance",
                         "Score", "Neutral", "Lowest point", "Low severity", "Medium severity",
                         "High severity", "Opportunity", "Page", "\u201C", "\u201D",
                         "Moment of truth", "Mean and range", "No scores here"},
    [CJMAP_LOCALE_DA] = {"Faser", "Forklaring", "Segment", "Mål", "Nuværende situation",
                         "Fremtidig situation", "Online", "Offline", "Direkte kontakt",
                         "Indirekte kontakt", "Ejet", "Betalt", "Optjent", "Partner",
                         "Emotionel", "Rationel", "Meget vigtig", "Score", "Neutral",
                         "Laveste punkt", "Lav alvorlighed", "Middel alvorlighed",
                         "Høj alvorlighed", "Mulighed", "Side", "\u00BB", "\u00AB",
                         "Sandhedens øjeblik", "Gennemsnit og spænd", "Ingen scorer her"},
    [CJMAP_LOCALE_NB] = {"Faser", "Tegnforklaring", "Segment", "Mål", "Nåsituasjon",
                         "Framtidig situasjon", "Online", "Offline", "Direkte kontakt",
                         "Indirekte kontakt", "Eid", "Betalt", "Fortjent", "Partner",
                         "Emosjonell", "Rasjonell", "Svært viktig", "Score", "Nøytral",
                         "Laveste punkt", "Lav alvorlighetsgrad", "Middels alvorlighetsgrad",
                         "Høy alvorlighetsgrad", "Mulighet", "Side", "\u00AB", "\u00BB",
                         "Sannhetens øyeblikk", "Gjennomsnitt og spenn", "Ingen score her"},
    [CJMAP_LOCALE_SV] = {"Faser", "Teckenförklaring", "Segment", "Mål", "Nuläge",
                         "Framtida läge", "Online", "Offline", "Direkt kontakt",
                         "Indirekt kontakt", "Egen", "Betald", "Förtjänad", "Partner",
                         "Känslomässig", "Rationell", "Mycket viktig", "Betyg", "Neutral",
                         "Lägsta punkt", "Låg allvarlighetsgrad", "Medelhög allvarlighetsgrad",
                         "Hög allvarlighetsgrad", "Möjlighet", "Sida", "\u201D", "\u201D",
                         "Sanningens ögonblick", "Medelvärde och spridning", "Inga betyg här"},
    [CJMAP_LOCALE_DE] = {"Phasen", "Legende", "Segment", "Ziele", "Ist-Zustand", "Soll-Zustand",
                         "Online", "Offline", "Direkter Kontakt", "Indirekter Kontakt", "Eigen",
                         "Bezahlt", "Verdient", "Partner", "Emotional", "Rational",
                         "Hohe Bedeutung", "Bewertung", "Neutral", "Tiefpunkt",
                         "Geringer Schweregrad", "Mittlerer Schweregrad", "Hoher Schweregrad",
                         "Chance", "Seite", "\u201E", "\u201C", "Moment der Wahrheit",
                         "Mittelwert und Spannweite", "Keine Bewertung hier"},
};

static const char *const channels[CJMAP_LOCALE_COUNT][CJMAP_CH_COUNT] = {
    [CJMAP_LOCALE_EN] = {"Website", "App", "Email", "SMS", "Chat", "Social media", "Search",
                         "Online ads", "Reviews", "Phone", "Store", "Event", "Meeting", "Print",
                         "Outdoor", "Letter", "Packaging", "Delivery", "TV", "Radio",
                         "Word of mouth", "Press", "Other"},
    [CJMAP_LOCALE_DA] = {"Hjemmeside", "App", "E-mail", "SMS", "Chat", "Sociale medier",
                         "Søgning", "Annoncer", "Anmeldelser", "Telefon", "Butik", "Event",
                         "Møde", "Tryksager", "Udendørs", "Brev", "Emballage", "Levering", "TV",
                         "Radio", "Mund-til-mund", "Presse", "Andet"},
    [CJMAP_LOCALE_NB] = {"Nettsted", "App", "E-post", "SMS", "Chat", "Sosiale medier", "Søk",
                         "Annonser", "Anmeldelser", "Telefon", "Butikk", "Arrangement", "Møte",
                         "Trykksaker", "Utendørs", "Brev", "Emballasje", "Levering", "TV",
                         "Radio", "Muntlig omtale", "Presse", "Annet"},
    [CJMAP_LOCALE_SV] = {"Webbplats", "App", "E-post", "SMS", "Chatt", "Sociala medier", "Sök",
                         "Annonser", "Recensioner", "Telefon", "Butik", "Evenemang", "Möte",
                         "Trycksaker", "Utomhus", "Brev", "Förpackning", "Leverans", "TV",
                         "Radio", "Mun-till-mun", "Press", "Övrigt"},
    [CJMAP_LOCALE_DE] = {"Website", "App", "E-Mail", "SMS", "Chat", "Soziale Medien", "Suche",
                         "Werbung", "Bewertungen", "Telefon", "Geschäft", "Veranstaltung",
                         "Termin", "Printmedien", "Außenwerbung", "Brief", "Verpackung",
                         "Lieferung", "TV", "Radio", "Mundpropaganda", "Presse", "Sonstiges"},
};

static cjmap_locale fix(cjmap_locale l) {
    return (unsigned)l < CJMAP_LOCALE_COUNT ? l : CJMAP_LOCALE_EN;
}

const char *cj_word_text(cjmap_locale loc, cj_word w) {
    return (unsigned)w < CJ_W_COUNT ? words[fix(loc)][w] : "";
}

const char *cj_legend_word(const cjmap_model *m, cj_word w) {
    /* The legend's words that stand for a lane's items, and their lane.
     * The other words name encodings by what they mean (online, severity,
     * score ...), never by a lane's name. */
    static const struct {
        cj_word word;
        cjmap_lane lane;
    } of_lane[] = {{CJ_W_OPPORTUNITY, CJMAP_LANE_OPPORTUNITIES}};
    for (size_t i = 0; i < sizeof of_lane / sizeof of_lane[0]; i++)
        if (of_lane[i].word == w) {
            const char *own = m->labels[of_lane[i].lane];
            if (own && own[0]) return own;
        }
    return cj_word_text(m->locale, w);
}

/* A scale with negative scores is read as centred (Smaply's -2..+2): its
 * scores carry a sign, with a true minus (U+2212).  One from 0 or 1 up is
 * read as a mark out of the top score (7/10, as NPS-style 0-10 scales). */
static bool signed_scale(const cjmap_scale *sc) { return sc->min < 0; }

int cj_tick_text(const cjmap_scale *sc, int score, char *buf, size_t n) {
    if (!signed_scale(sc) || score == 0) return snprintf(buf, n, "%d", score);
    return snprintf(buf, n, "%s%d", score < 0 ? "\u2212" : "+", score < 0 ? -score : score);
}

int cj_scale_label(cjmap_locale loc, const cjmap_scale *sc, cj_word w, char *buf, size_t n) {
    const char *word = cj_word_text(loc, w);
    char a[16], b[16];
    if (w == CJ_W_SCORE) {
        cj_tick_text(sc, sc->min, a, sizeof a);
        cj_tick_text(sc, sc->max, b, sizeof b);
        /* "Score (1–5)"; with signs the dash needs room: "Score (−2 – +2)". */
        return snprintf(buf, n, signed_scale(sc) ? "%s (%s \u2013 %s)" : "%s (%s\u2013%s)", word,
                        a, b);
    }
    if (w == CJ_W_NEUTRAL) {
        cj_tick_text(sc, sc->neutral, a, sizeof a);
        return snprintf(buf, n, "%s (%s)", word, a);
    }
    return snprintf(buf, n, "%s", word);
}

int cj_score_text(const cjmap_scale *sc, int score, char *buf, size_t n) {
    if (signed_scale(sc)) return cj_tick_text(sc, score, buf, n);
    return snprintf(buf, n, "%d/%d", score, sc->max);
}

const char *cj_channel_label(cjmap_locale loc, cjmap_channel c) {
    return (unsigned)c < CJMAP_CH_COUNT ? channels[fix(loc)][c] : "";
}
