/*
** vocab_i18n.c — native words for vocabulary values (vocab_i18n.h).
**
** One small table per vocabulary, scanned linearly: the lookup runs only
** for a value already known to be wrong.  Words are written once, in
** lowercase and with their own letters; cj_vocab_fold() gives the key that
** also matches 'HØJ', 'hoej' and 'hoj'.  Each entry names every language
** in which it is a word (DA|NB for 'lav'), and the message names them all.
**
** What is deliberately not here: words that are, in some accepted
** spelling, a value of the same vocabulary ('rational', 'emotional',
** 'partner', 'online', 'radio', 'tv', 'press', 'word of mouth'), codes
** rather than words ('no', 'dk', 'se': the edit distance already suggests
** 'nb', 'da', 'sv'), 'webb' (one edit from 'web', suggested as a typo) and
** 'nynorsk' (not bokmål).
*/
#include "vocab_i18n.h"

#include "source.h"
#include "vocab.h"

#include <string.h>

#define DA CJ_LANG_DA
#define NB CJ_LANG_NB
#define SV CJ_LANG_SV
#define DE CJ_LANG_DE
#define EN CJ_LANG_EN

typedef struct entry {
    const char *word, *value;
    unsigned char langs;
} entry;

/* clang-format off */
static const entry levels[] = { /* severity, importance */
    {"lav", "low", DA | NB},
    {"lavt", "low", DA | NB},
    {"lave", "low", DA | NB},
    {"låg", "low", SV},
    {"lågt", "low", SV},
    {"låga", "low", SV},
    {"niedrig", "low", DE},
    {"niedrige", "low", DE},
    {"gering", "low", DE},
    {"geringe", "low", DE},
    {"middel", "medium", DA | NB},
    {"middels", "medium", NB},
    {"mellem", "medium", DA},
    {"moderat", "medium", DA | NB | SV | DE},
    {"medel", "medium", SV},
    {"mellan", "medium", SV},
    {"måttlig", "medium", SV},
    {"mittel", "medium", DE},
    {"mittlere", "medium", DE},
    {"mäßig", "medium", DE},
    {"høj", "high", DA},
    {"højt", "high", DA},
    {"høje", "high", DA},
    {"høy", "high", NB},
    {"høyt", "high", NB},
    {"høye", "high", NB},
    {"hög", "high", SV},
    {"högt", "high", SV},
    {"höga", "high", SV},
    {"hoch", "high", DE},
    {"hohe", "high", DE},
    {"hoher", "high", DE},
    {"hohes", "high", DE},
};

static const entry exp_types[] = {
    {"følelsesmæssig", "emotional", DA},
    {"følelsesmæssige", "emotional", DA},
    {"emotionel", "emotional", DA},
    {"emotionelle", "emotional", DA},
    {"emotionelt", "emotional", DA},
    {"følelsesmessig", "emotional", NB},
    {"emosjonell", "emotional", NB},
    {"emosjonelt", "emotional", NB},
    {"emosjonelle", "emotional", NB},
    {"känslomässig", "emotional", SV},
    {"känslomässigt", "emotional", SV},
    {"emotionell", "emotional", SV},
    {"emotionellt", "emotional", SV},
    {"emotionale", "emotional", DE},
    {"gefühlsmäßig", "emotional", DE},
    {"gefühlsbetont", "emotional", DE},
    {"rationel", "rational", DA},
    {"rationelle", "rational", DA},
    {"rationelt", "rational", DA},
    {"fornuftsmæssig", "rational", DA},
    {"rasjonell", "rational", NB},
    {"rasjonelt", "rational", NB},
    {"rasjonelle", "rational", NB},
    {"rationell", "rational", SV},
    {"rationellt", "rational", SV},
    {"rationale", "rational", DE},
    {"sachlich", "rational", DE},
};

static const entry states[] = {
    {"nuværende", "current", DA},
    {"nutid", "current", DA | SV},
    {"nu", "current", DA | SV},
    {"nusituation", "current", DA},
    {"aktuel", "current", DA},
    {"nåværende", "current", NB},
    {"nå", "current", NB},
    {"nåtid", "current", NB},
    {"nåsituasjon", "current", NB},
    {"aktuell", "current", NB | SV | DE},
    {"nuvarande", "current", SV},
    {"nuläge", "current", SV},
    {"ist", "current", DE},
    {"ist-zustand", "current", DE},
    {"istzustand", "current", DE},
    {"derzeitig", "current", DE},
    {"gegenwärtig", "current", DE},
    {"as-is", "current", EN},
    {"asis", "current", EN},
    {"fremtidig", "future", DA | NB},
    {"fremtidige", "future", DA | NB},
    {"fremtid", "future", DA | NB},
    {"framtidig", "future", NB},
    {"framtid", "future", NB | SV},
    {"framtida", "future", SV},
    {"börläge", "future", SV},
    {"ønsket", "future", DA | NB},
    {"önskat", "future", SV},
    {"önskad", "future", SV},
    {"soll", "future", DE},
    {"soll-zustand", "future", DE},
    {"sollzustand", "future", DE},
    {"zukunft", "future", DE},
    {"zukünftig", "future", DE},
    {"künftig", "future", DE},
    {"to-be", "future", EN},
    {"tobe", "future", EN},
};

static const entry owners[] = { /* paid, owned and earned media */
    {"ejet", "owned", DA},
    {"ejede", "owned", DA},
    {"eid", "owned", NB},
    {"eiet", "owned", NB},
    {"eide", "owned", NB},
    {"egen", "owned", DA | NB | SV},
    {"eget", "owned", DA | NB | SV},
    {"egne", "owned", DA | NB},
    {"ägd", "owned", SV},
    {"ägt", "owned", SV},
    {"ägda", "owned", SV},
    {"egna", "owned", SV},
    {"eigen", "owned", DE},
    {"eigene", "owned", DE},
    {"eigenes", "owned", DE},
    {"betalt", "paid", DA | NB | SV},
    {"betalte", "paid", DA | NB},
    {"betald", "paid", SV},
    {"betalda", "paid", SV},
    {"købt", "paid", DA},
    {"kjøpt", "paid", NB},
    {"köpt", "paid", SV},
    {"bezahlt", "paid", DE},
    {"bezahlte", "paid", DE},
    {"gekauft", "paid", DE},
    {"fortjent", "earned", DA | NB},
    {"fortjente", "earned", DA | NB},
    {"optjent", "earned", DA},
    {"opptjent", "earned", NB},
    {"förtjänad", "earned", SV},
    {"förtjänt", "earned", SV},
    {"förtjänade", "earned", SV},
    {"verdient", "earned", DE},
    {"verdiente", "earned", DE},
};

static const entry modes[] = {
    {"digital", "online", DA | NB | SV | DE},
    {"digitalt", "online", DA | NB | SV},
    {"fysisk", "offline", DA | NB | SV},
    {"fysiskt", "offline", SV},
    {"physisch", "offline", DE},
    {"analog", "offline", DA | NB | SV | DE},
    {"analogt", "offline", DA | NB | SV},
};

static const entry contacts[] = {
    {"direkte", "direct", DA | NB},
    {"direkt", "direct", SV | DE},
    {"unmittelbar", "direct", DE},
    {"indirekte", "indirect", DA | NB},
    {"indirekt", "indirect", SV | DE},
    {"mittelbar", "indirect", DE},
};

static const entry channels[] = {
    {"hjemmeside", "web", DA | NB},
    {"webside", "web", DA | NB},
    {"websted", "web", DA},
    {"nettside", "web", NB},
    {"nettsted", "web", NB},
    {"hemsida", "web", SV},
    {"webbplats", "web", SV},
    {"webbsida", "web", SV},
    {"webseite", "web", DE},
    {"internetseite", "web", DE},
    {"webshop", "web", DA | NB | SV | DE},
    {"netbutik", "web", DA},
    {"nettbutikk", "web", NB},
    {"webbutik", "web", SV},
    {"onlineshop", "web", DE},
    {"applikation", "app", DA | SV},
    {"applikasjon", "app", NB},
    {"anwendung", "app", DE},
    {"appen", "app", DA | NB | SV},
    {"mobilapp", "app", DA | NB | SV},
    {"e-mail", "email", DA | DE},
    {"e-post", "email", NB | SV},
    {"epost", "email", NB | SV},
    {"mejl", "email", SV},
    {"nyhedsbrev", "email", DA},
    {"nyhetsbrev", "email", NB | SV},
    {"tekstbesked", "sms", DA},
    {"tekstmelding", "sms", NB},
    {"textmeddelande", "sms", SV},
    {"kurznachricht", "sms", DE},
    {"chatt", "chat", NB | SV},
    {"sociale medier", "social", DA},
    {"sosiale medier", "social", NB},
    {"sociala medier", "social", SV},
    {"soziale medien", "social", DE},
    {"some", "social", DA | NB},
    {"søgning", "search", DA},
    {"søg", "search", DA},
    {"søgemaskine", "search", DA},
    {"søk", "search", NB},
    {"søkemotor", "search", NB},
    {"sök", "search", SV},
    {"sökning", "search", SV},
    {"sökmotor", "search", SV},
    {"suche", "search", DE},
    {"suchmaschine", "search", DE},
    {"annonce", "ads", DA},
    {"annoncer", "ads", DA},
    {"annonse", "ads", NB},
    {"annonser", "ads", NB | SV},
    {"annons", "ads", SV},
    {"reklame", "ads", DA | NB},
    {"reklam", "ads", SV},
    {"anzeige", "ads", DE},
    {"anzeigen", "ads", DE},
    {"werbung", "ads", DE},
    {"anmeldelse", "review", DA | NB},
    {"anmeldelser", "review", DA | NB},
    {"omtale", "review", DA | NB},
    {"recension", "review", SV},
    {"recensioner", "review", SV},
    {"omdöme", "review", SV},
    {"omdömen", "review", SV},
    {"bewertung", "review", DE},
    {"bewertungen", "review", DE},
    {"rezension", "review", DE},
    {"rezensionen", "review", DE},
    {"telefon", "phone", DA | NB | SV | DE},
    {"opkald", "phone", DA},
    {"samtal", "phone", SV},
    {"anruf", "phone", DE},
    {"butik", "store", DA | SV},
    {"butikken", "store", DA | NB},
    {"butikk", "store", NB},
    {"butiken", "store", SV},
    {"butikker", "store", DA | NB},
    {"filial", "store", DA | NB | SV},
    {"forretning", "store", DA | NB},
    {"affär", "store", SV},
    {"geschäft", "store", DE},
    {"laden", "store", DE},
    {"filiale", "store", DE},
    {"messe", "event", DA | NB | DE},
    {"mässa", "event", SV},
    {"arrangement", "event", DA | NB},
    {"arrangemang", "event", SV},
    {"begivenhed", "event", DA},
    {"veranstaltung", "event", DE},
    {"konference", "event", DA},
    {"konferanse", "event", NB},
    {"konferens", "event", SV},
    {"konferenz", "event", DE},
    {"møde", "meeting", DA},
    {"møte", "meeting", NB},
    {"möte", "meeting", SV},
    {"termin", "meeting", DE},
    {"treffen", "meeting", DE},
    {"besprechung", "meeting", DE},
    {"kundemøde", "meeting", DA},
    {"kundemøte", "meeting", NB},
    {"kundmöte", "meeting", SV},
    {"kundengespräch", "meeting", DE},
    {"trykt", "print", DA | NB},
    {"tryksag", "print", DA},
    {"tryksager", "print", DA},
    {"trykksak", "print", NB},
    {"trykksaker", "print", NB},
    {"tryck", "print", SV},
    {"trycksak", "print", SV},
    {"trycksaker", "print", SV},
    {"brochure", "print", DA},
    {"brosjyre", "print", NB},
    {"broschyr", "print", SV},
    {"broschüre", "print", DE},
    {"katalog", "print", DA | NB | SV | DE},
    {"druck", "print", DE},
    {"drucksache", "print", DE},
    {"plakat", "outdoor", DA | NB | DE},
    {"plakater", "outdoor", DA | NB},
    {"plakate", "outdoor", DE},
    {"affisch", "outdoor", SV},
    {"skilt", "outdoor", DA | NB},
    {"skylt", "outdoor", SV},
    {"reklametavle", "outdoor", DA},
    {"udendørs", "outdoor", DA},
    {"utendørs", "outdoor", NB},
    {"utomhus", "outdoor", SV},
    {"außenwerbung", "outdoor", DE},
    {"brev", "mail", DA | NB | SV},
    {"breve", "mail", DA},
    {"post", "mail", DA | NB | SV | DE},
    {"brief", "mail", DE},
    {"emballage", "packaging", DA},
    {"emballasje", "packaging", NB},
    {"förpackning", "packaging", SV},
    {"verpackung", "packaging", DE},
    {"indpakning", "packaging", DA},
    {"innpakning", "packaging", NB},
    {"levering", "delivery", DA | NB},
    {"leverance", "delivery", DA},
    {"leverans", "delivery", SV},
    {"lieferung", "delivery", DE},
    {"zustellung", "delivery", DE},
    {"forsendelse", "delivery", DA | NB},
    {"fjernsyn", "tv", DA | NB},
    {"fernsehen", "tv", DE},
    {"rundfunk", "radio", DE},
    {"hörfunk", "radio", DE},
    {"mund-til-mund", "word-of-mouth", DA},
    {"jungletrommen", "word-of-mouth", DA},
    {"munn-til-munn", "word-of-mouth", NB},
    {"jungeltelegrafen", "word-of-mouth", NB | SV},
    {"mun-till-mun", "word-of-mouth", SV},
    {"mundpropaganda", "word-of-mouth", DE},
    {"presse", "press", DA | NB | DE},
    {"pressen", "press", DA | NB | SV},
    {"avis", "press", DA | NB},
    {"aviser", "press", DA | NB},
    {"dagblad", "press", DA | NB},
    {"tidning", "press", SV},
    {"tidningar", "press", SV},
    {"zeitung", "press", DE},
    {"andet", "other", DA},
    {"øvrigt", "other", DA | NB},
    {"annet", "other", NB},
    {"annat", "other", SV},
    {"övrigt", "other", SV},
    {"andere", "other", DE},
    {"anderes", "other", DE},
    {"sonstiges", "other", DE},
    {"sonstige", "other", DE},
    {"diverse", "other", DA | NB | DE},
};

static const entry locales[] = {
    {"dansk", "da", DA | NB},
    {"danska", "da", SV},
    {"dänisch", "da", DE},
    {"danish", "da", EN},
    {"norsk", "nb", DA | NB},
    {"bokmål", "nb", DA | NB | SV},
    {"norska", "nb", SV},
    {"norwegisch", "nb", DE},
    {"norwegian", "nb", EN},
    {"svensk", "sv", DA | NB},
    {"svenska", "sv", SV},
    {"schwedisch", "sv", DE},
    {"swedish", "sv", EN},
    {"tysk", "de", DA | NB},
    {"tyska", "de", SV},
    {"deutsch", "de", DE},
    {"german", "de", EN},
    {"engelsk", "en", DA | NB},
    {"engelska", "en", SV},
    {"englisch", "en", DE},
    {"english", "en", EN},
};

static const entry lanes[] = { /* the keys of `labels:` */
    {"handlinger", "actions", DA | NB},
    {"handlingar", "actions", SV},
    {"aktiviteter", "actions", DA | NB | SV},
    {"handlungen", "actions", DE},
    {"aktivitäten", "actions", DE},
    {"kontaktpunkter", "touchpoints", DA | NB | SV},
    {"berøringspunkter", "touchpoints", DA | NB},
    {"beröringspunkter", "touchpoints", SV},
    {"kontaktpunkte", "touchpoints", DE},
    {"berührungspunkte", "touchpoints", DE},
    {"oplevelser", "experiences", DA},
    {"opplevelser", "experiences", NB},
    {"upplevelser", "experiences", SV},
    {"erlebnisse", "experiences", DE},
    {"erfahrungen", "experiences", DE},
    {"følelser", "emotions", DA | NB},
    {"känslor", "emotions", SV},
    {"emotioner", "emotions", DA | SV},
    {"emosjoner", "emotions", NB},
    {"emotionen", "emotions", DE},
    {"gefühle", "emotions", DE},
    {"smertepunkter", "pains", DA | NB},
    {"smerter", "pains", DA | NB},
    {"problemer", "pains", DA | NB},
    {"smärtpunkter", "pains", SV},
    {"smärtor", "pains", SV},
    {"schmerzpunkte", "pains", DE},
    {"probleme", "pains", DE},
    {"muligheder", "opportunities", DA},
    {"muligheter", "opportunities", NB},
    {"möjligheter", "opportunities", SV},
    {"chancen", "opportunities", DE},
    {"möglichkeiten", "opportunities", DE},
    {"nøgletal", "metrics", DA},
    {"nøkkeltall", "metrics", NB},
    {"nyckeltal", "metrics", SV},
    {"kennzahlen", "metrics", DE},
    {"målinger", "metrics", DA | NB},
    {"metrikker", "metrics", DA | NB},
    {"metriker", "metrics", SV},
    {"metriken", "metrics", DE},
    {"bagscene", "backstage", DA},
    {"backstage-aktiviteter", "backstage", DA | NB},
    {"bak-scenen", "backstage", NB},
    {"baksiden", "backstage", NB},
    {"bakom-kulisserna", "backstage", SV},
    {"hinter-der-bühne", "backstage", DE},
    {"støtteprocesser", "support", DA},
    {"støtteprosesser", "support", NB},
    {"stödprocesser", "support", SV},
    {"unterstützungsprozesse", "support", DE},
    {"support-prozesse", "support", DE},
};
/* clang-format on */

#define T(vocab, table)                                                                            \
    { vocab, table, sizeof(table) / sizeof((table)[0]) }
static const struct {
    const char *const *vocab;
    const entry *e;
    size_t n;
} tables[] = {
    T(cj_level_names, levels),     T(cj_exp_type_names, exp_types), T(cj_state_names, states),
    T(cj_owner_names, owners),     T(cj_mode_names, modes),         T(cj_contact_names, contacts),
    T(cj_channel_names, channels), T(cj_locale_names, locales),     T(cj_lane_names, lanes),
};
enum { N_TABLES = sizeof(tables) / sizeof(tables[0]) };

const char *const *const cj_vocab_native_vocabularies[N_TABLES + 1] = {
    cj_level_names,   cj_exp_type_names, cj_state_names,  cj_owner_names, cj_mode_names,
    cj_contact_names, cj_channel_names,  cj_locale_names, cj_lane_names,  NULL};

/* Indexed by DA|NB|SV|DE bits, in that order. */
static const char *const language_names[16] = {
    NULL,
    "Danish",
    "Norwegian",
    "Danish and Norwegian",
    "Swedish",
    "Danish and Swedish",
    "Norwegian and Swedish",
    "Danish, Norwegian and Swedish",
    "German",
    "Danish and German",
    "Norwegian and German",
    "Danish, Norwegian and German",
    "Swedish and German",
    "Danish, Swedish and German",
    "Norwegian, Swedish and German",
    "Danish, Norwegian, Swedish and German",
};

static const entry *table_of(const char *const *values, size_t *n) {
    for (size_t t = 0; t < N_TABLES; t++)
        if (tables[t].vocab == values) {
            *n = tables[t].n;
            return tables[t].e;
        }
    *n = 0;
    return NULL;
}

const char *cj_latin_spelling(uint32_t cp) {
    switch (cp) {
    case 0xE0:
    case 0xE1:
    case 0xE2:
    case 0xE3:
        return "a"; /* à á â ã */
    case 0xE4:
        return "ae"; /* ä */
    case 0xE5:
        return "aa"; /* å */
    case 0xE6:
        return "ae"; /* æ */
    case 0xE7:
        return "c"; /* ç */
    case 0xE8:
    case 0xE9:
    case 0xEA:
    case 0xEB:
        return "e"; /* è é ê ë */
    case 0xEC:
    case 0xED:
    case 0xEE:
    case 0xEF:
        return "i"; /* ì í î ï */
    case 0xF1:
        return "n"; /* ñ */
    case 0xF2:
    case 0xF3:
    case 0xF4:
    case 0xF5:
        return "o"; /* ò ó ô õ */
    case 0xF6:
    case 0xF8:
        return "oe"; /* ö ø */
    case 0xF9:
    case 0xFA:
    case 0xFB:
        return "u"; /* ù ú û */
    case 0xFC:
        return "ue"; /* ü */
    case 0xFD:
    case 0xFF:
        return "y"; /* ý ÿ */
    case 0xDF:
        return "ss"; /* ß */
    default:
        return NULL;
    }
}

/* The key of a word: lowercase, ' ' and '_' as '-'; with `spelt`, also the
 * letters æøåäöüß in one ASCII spelling ('HØJ', 'hoej' and 'hoj' -> 'hoj'),
 * else kept ('HØJ' -> 'høj'). */
static bool fold(const char *word, size_t len, char *out, size_t cap, bool spelt) {
    /* Pass 1: lowercase, separators, and with `spelt` the letters in ASCII
     * ('høj' -> 'hoej').  Other characters are kept as they are. */
    char tmp[128];
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t n = cj_utf8_decode((const unsigned char *)word + i, len - i, &cp);
        if (cp >= 'A' && cp <= 'Z')
            cp += 32;
        else if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
            cp += 32;
        else if (cp == 0x1E9E)
            cp = 0xDF; /* capital sharp s */
        if (cp == ' ' || cp == '_') cp = '-';
        char enc[2] = {(char)cp, 0};
        const char *src = word + i;
        size_t sl = n;
        const char *sp = spelt ? cj_latin_spelling(cp) : NULL;
        if (sp) {
            src = sp, sl = strlen(sp);
        } else if (cp < 0x80) {
            src = enc, sl = 1;
        } else if (cp >= 0xC0 && cp <= 0xFF) { /* a lowered Latin-1 letter, re-encoded */
            enc[0] = (char)0xC3, enc[1] = (char)(0x80 | (cp & 0x3F));
            src = enc, sl = 2;
        }
        if (o + sl >= sizeof tmp) return false;
        memcpy(tmp + o, src, sl);
        o += sl;
        i += n;
    }
    /* Pass 2 (`spelt`): the ASCII spellings as the bare letter ('hoej' ->
     * 'hoj'), so 'høj', 'hoej' and 'hoj' meet. */
    size_t w = 0;
    for (size_t i = 0; i < o; i++) {
        if (w + 1 >= cap) return false;
        out[w++] = tmp[i];
        if (spelt && i + 1 < o &&
            ((tmp[i] == 'a' && (tmp[i + 1] == 'e' || tmp[i + 1] == 'a')) ||
             ((tmp[i] == 'o' || tmp[i] == 'u') && tmp[i + 1] == 'e')))
            i++;
    }
    out[w] = '\0';
    return true;
}

bool cj_vocab_fold(const char *word, size_t len, char *out, size_t cap) {
    return fold(word, len, out, cap, true);
}

const char *cj_vocab_native(const char *const *values, const char *word, size_t len,
                            const char **language) {
    size_t n;
    const entry *e = table_of(values, &n);
    char key[64], lower[64], k2[64];
    if (!e || !fold(word, len, key, sizeof key, true) ||
        !fold(word, len, lower, sizeof lower, false))
        return NULL;
    /* Words that meet only by their ASCII spelling ('møte', 'möte') are
     * told apart when written with their own letters: 'møte' is Norwegian,
     * 'mote' Norwegian and Swedish. */
    const char *value = NULL;
    unsigned langs = 0, exact = 0;
    for (size_t i = 0; i < n; i++) {
        if (!fold(e[i].word, strlen(e[i].word), k2, sizeof k2, true) || strcmp(key, k2) != 0)
            continue;
        if (!value) value = e[i].value;
        if (strcmp(value, e[i].value) != 0) continue;
        langs |= e[i].langs;
        if (fold(e[i].word, strlen(e[i].word), k2, sizeof k2, false) && strcmp(lower, k2) == 0)
            exact |= e[i].langs;
    }
    if (!value) return NULL;
    if (exact) langs = exact;
    for (size_t i = 0; values[i]; i++)
        if (strcmp(values[i], value) == 0) {
            if (language) *language = langs & 15 ? language_names[langs & 15] : "English";
            return values[i];
        }
    return NULL;
}

bool cj_vocab_native_entry(const char *const *values, size_t i, cj_vocab_word *out) {
    size_t n;
    const entry *e = table_of(values, &n);
    if (!e || i >= n) return false;
    *out = (cj_vocab_word){e[i].word, e[i].value, e[i].langs};
    return true;
}
