/*
** init.c — starter journeys for `cjmap init` (cjmap_init_template).
**
** A template is built from two kinds of const tables:
** - per model and locale: each phase's name, first-person statement and one
**   example action;
** - per locale: the texts of the segment, touchpoint, experience, pain and
**   opportunity examples.
** The structure of the YAML (keys, comments, which phases the examples sit
** in) is written once, below, for every model and locale.  The ids of the
** phases and touchpoints are derived from their names in the chosen locale
** (cj_init_derive_id), so what the user reads on the map is what they type in
** references: `id: overvejelse`, `phase: køb`.  The vocabulary
** lists in the comments come from vocab.h, the tables the validator uses.
**
** Every generated text is double-quoted and escaped, so no statement can
** break the YAML.  Every phase gets a touchpoint (the website in the first
** and the purchase phase, the phone in all others), and every experience and
** pain sits in a phase where its touchpoint is used: the result passes
** `cjmap check` without errors or warnings.
*/
#include "init.h"

#include "arena.h"
#include "vocab.h"

#include <cjmap.h>

#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Per model x locale: the phases                                      */
/* ------------------------------------------------------------------ */

typedef struct phase_text {
    const char *name, *statement, *action;
} phase_text;

/* AIDA: awareness, interest, desire, purchase, loyalty. */

static const phase_text aida_en[] = {
    {"Awareness", "I hadn't thought about ... until I saw ...", "Sees an ad on social media"},
    {"Interest", "I want to know more about ...", "Searches Google for ..."},
    {"Desire", "I'm comparing ... and want the one that ...", "Compares prices and reads reviews"},
    {"Purchase", "Now it just has to be easy to buy ...", "Orders and pays on the website"},
    {"Loyalty", "I come back because ...", "Buys again and recommends ... to friends"},
};
static const phase_text aida_da[] = {
    {"Opmærksomhed", "Jeg havde ikke tænkt på ..., før jeg så ...",
     "Ser en annonce på sociale medier"},
    {"Interesse", "Jeg vil gerne vide mere om ...", "Googler ..."},
    {"Lyst", "Jeg sammenligner ... og vil have den, der ...",
     "Sammenligner priser og læser anmeldelser"},
    {"Køb", "Nu skal det bare være nemt at købe ...", "Bestiller og betaler på hjemmesiden"},
    {"Loyalitet", "Jeg kommer igen, fordi ...", "Køber igen og anbefaler ... til venner"},
};
static const phase_text aida_nb[] = {
    {"Oppmerksomhet", "Jeg hadde ikke tenkt på ... før jeg så ...",
     "Ser en annonse i sosiale medier"},
    {"Interesse", "Jeg vil gjerne vite mer om ...", "Googler ..."},
    {"Ønske", "Jeg sammenligner ... og vil ha den som ...",
     "Sammenligner priser og leser anmeldelser"},
    {"Kjøp", "Nå må det bare være enkelt å kjøpe ...", "Bestiller og betaler på nettsiden"},
    {"Lojalitet", "Jeg kommer tilbake fordi ...", "Kjøper igjen og anbefaler ... til venner"},
};
static const phase_text aida_sv[] = {
    {"Uppmärksamhet", "Jag hade inte tänkt på ... förrän jag såg ...",
     "Ser en annons i sociala medier"},
    {"Intresse", "Jag vill veta mer om ...", "Googlar ..."},
    {"Önskan", "Jag jämför ... och vill ha den som ...", "Jämför priser och läser recensioner"},
    {"Köp", "Nu måste det bara vara enkelt att köpa ...", "Beställer och betalar på webbplatsen"},
    {"Lojalitet", "Jag kommer tillbaka eftersom ...",
     "Köper igen och rekommenderar ... till vänner"},
};
static const phase_text aida_de[] = {
    {"Aufmerksamkeit", "Ich hatte nie an ... gedacht, bis ich ... gesehen habe",
     "Sieht eine Anzeige in den sozialen Medien"},
    {"Interesse", "Ich möchte mehr über ... wissen", "Sucht bei Google nach ..."},
    {"Verlangen", "Ich vergleiche ... und will das, was ...",
     "Vergleicht Preise und liest Bewertungen"},
    {"Kauf", "Jetzt soll es einfach sein, ... zu kaufen", "Bestellt und bezahlt auf der Website"},
    {"Kundenbindung", "Ich komme wieder, weil ...", "Kauft erneut und empfiehlt ... weiter"},
};

/* B2B: recognition, consideration, research, decision, purchase, use,
 * retention (the seven phases of the Danish B2B practice). */

static const phase_text b2b_en[] = {
    {"Recognition", "I'm not happy with my current supplier of ...",
     "Notices that ... is not working well enough"},
    {"Consideration", "I have a problem with ... and have to find a solution",
     "Looks for alternatives and makes a shortlist"},
    {"Research", "I need proof that ... works for us",
     "Reads data sheets and asks peers for references"},
    {"Decision", "We have to agree internally on ...",
     "Presents the case to management and purchasing"},
    {"Purchase", "I want the contract signed and ... delivered without trouble",
     "Signs the contract and places the first order"},
    {"Use", "It has to work in everyday operations, also when ...",
     "Uses ... every day and contacts support when needed"},
    {"Retention", "If they keep delivering as agreed, I'll stay because ...",
     "Meets the account manager for a yearly review"},
};
static const phase_text b2b_da[] = {
    {"Erkendelse", "Jeg er ikke tilfreds med min nuværende leverandør af ...",
     "Opdager, at ... ikke fungerer godt nok"},
    {"Overvejelse", "Jeg har et problem med ... og er nødt til at finde en løsning",
     "Leder efter alternativer og laver en kortliste"},
    {"Research", "Jeg har brug for bevis for, at ... virker hos os",
     "Læser datablade og beder kolleger om referencer"},
    {"Beslutning", "Vi skal blive enige internt om ...", "Fremlægger sagen for ledelsen og indkøb"},
    {"Køb", "Jeg vil have kontrakten underskrevet og ... leveret uden problemer",
     "Underskriver kontrakten og afgiver den første ordre"},
    {"Brug", "Det skal fungere i hverdagen, også når ...",
     "Bruger ... dagligt og kontakter support ved behov"},
    {"Fastholdelse", "Hvis de bliver ved med at levere som aftalt, bliver jeg, fordi ...",
     "Mødes med sin kundeansvarlige til et årligt statusmøde"},
};
static const phase_text b2b_nb[] = {
    {"Erkjennelse", "Jeg er ikke fornøyd med dagens leverandør av ...",
     "Oppdager at ... ikke fungerer godt nok"},
    {"Vurdering", "Jeg har et problem med ... og må finne en løsning",
     "Ser etter alternativer og lager en kortliste"},
    {"Undersøkelse", "Jeg trenger bevis på at ... fungerer hos oss",
     "Leser produktark og ber kolleger om referanser"},
    {"Beslutning", "Vi må bli enige internt om ...", "Legger fram saken for ledelsen og innkjøp"},
    {"Kjøp", "Jeg vil ha kontrakten signert og ... levert uten problemer",
     "Signerer kontrakten og legger inn første bestilling"},
    {"Bruk", "Det må fungere i hverdagen, også når ...",
     "Bruker ... daglig og kontakter support ved behov"},
    {"Lojalitet", "Hvis de fortsetter å levere som avtalt, blir jeg fordi ...",
     "Møter kundeansvarlig til en årlig gjennomgang"},
};
static const phase_text b2b_sv[] = {
    {"Behovsinsikt", "Jag är inte nöjd med vår nuvarande leverantör av ...",
     "Märker att ... inte fungerar tillräckligt bra"},
    {"Övervägande", "Jag har ett problem med ... och måste hitta en lösning",
     "Letar efter alternativ och gör en kortlista"},
    {"Informationssökning", "Jag behöver bevis på att ... fungerar hos oss",
     "Läser produktblad och ber kollegor om referenser"},
    {"Beslut", "Vi måste komma överens internt om ...",
     "Presenterar underlaget för ledningen och inköp"},
    {"Köp", "Jag vill ha avtalet påskrivet och ... levererat utan problem",
     "Skriver under avtalet och lägger den första ordern"},
    {"Användning", "Det måste fungera i vardagen, även när ...",
     "Använder ... dagligen och kontaktar support vid behov"},
    {"Lojalitet", "Om de fortsätter att leverera som utlovat stannar jag, eftersom ...",
     "Träffar sin kundansvarige för en årlig genomgång"},
};
static const phase_text b2b_de[] = {
    {"Bedarfserkennung", "Ich bin mit unserem jetzigen Lieferanten für ... nicht zufrieden",
     "Merkt, dass ... nicht gut genug funktioniert"},
    {"Erwägung", "Ich habe ein Problem mit ... und muss eine Lösung finden",
     "Sucht nach Alternativen und erstellt eine Shortlist"},
    {"Recherche", "Ich brauche Belege dafür, dass ... bei uns funktioniert",
     "Liest Datenblätter und fragt Kollegen nach Referenzen"},
    {"Entscheidung", "Wir müssen uns intern über ... einig werden",
     "Stellt den Fall der Geschäftsführung und dem Einkauf vor"},
    {"Kauf", "Ich will, dass der Vertrag steht und ... reibungslos geliefert wird",
     "Unterschreibt den Vertrag und gibt die erste Bestellung auf"},
    {"Nutzung", "Es muss im Alltag funktionieren, auch wenn ...",
     "Nutzt ... täglich und wendet sich bei Bedarf an den Support"},
    {"Kundenbindung", "Wenn sie weiter zuverlässig liefern, bleibe ich, weil ...",
     "Trifft den Kundenbetreuer zum jährlichen Gespräch"},
};

/* Five steps (the Norwegian practice): first contact, consideration,
 * conversion, trust, identity. */

static const phase_text five_en[] = {
    {"First contact", "I'm looking for a solution to ...",
     "Searches online and reads blogs about ..."},
    {"Consideration", "I want to see what you offer and what the alternatives are",
     "Compares offers, products and alternatives"},
    {"Conversion", "How easy is it to buy, and what terms apply?",
     "Checks delivery, warranty and returns, then buys"},
    {"Trust", "It went smoothly, so next time I'll ...",
     "Gets follow-up and uses ... after the purchase"},
    {"Identity", "I'm someone who ...", "Chooses ... again and tells others about it"},
};
static const phase_text five_da[] = {
    {"Første kontakt", "Jeg leder efter en løsning på ...",
     "Søger på nettet og læser blogs om ..."},
    {"Overvejelse", "Jeg vil se, hvad I tilbyder, og hvilke alternativer der findes",
     "Sammenligner tilbud, produkter og alternativer"},
    {"Konvertering", "Hvor nemt er det at købe, og hvilke vilkår gælder?",
     "Tjekker levering, garanti og returret og køber"},
    {"Tillid", "Det gik nemt, så næste gang vil jeg ...",
     "Får opfølgning og bruger ... efter købet"},
    {"Identitet", "Jeg er en, der ...", "Vælger ... igen og fortæller andre om det"},
};
static const phase_text five_nb[] = {
    {"Første kontakt", "Jeg leter etter en løsning på ...",
     "Søker på nettet og leser blogger om ..."},
    {"Overveielse", "Jeg vil se hva dere tilbyr, og hvilke alternativer som finnes",
     "Sammenligner tilbud, produkter og alternativer"},
    {"Konvertering", "Hvor enkelt er det å kjøpe, og hvilke vilkår gjelder?",
     "Sjekker levering, garanti og retur, og kjøper"},
    {"Tillit", "Det gikk greit, så neste gang vil jeg ...",
     "Får oppfølging og bruker ... etter kjøpet"},
    {"Identitet", "Jeg er en som ...", "Velger ... igjen og forteller andre om det"},
};
static const phase_text five_sv[] = {
    {"Första kontakt", "Jag letar efter en lösning på ...",
     "Söker på nätet och läser bloggar om ..."},
    {"Övervägande", "Jag vill se vad ni erbjuder och vilka alternativ som finns",
     "Jämför erbjudanden, produkter och alternativ"},
    {"Konvertering", "Hur enkelt är det att köpa, och vilka villkor gäller?",
     "Kollar leverans, garanti och returer och köper"},
    {"Förtroende", "Det gick smidigt, så nästa gång ska jag ...",
     "Får uppföljning och använder ... efter köpet"},
    {"Identitet", "Jag är en sådan som ...", "Väljer ... igen och berättar för andra om det"},
};
static const phase_text five_de[] = {
    {"Erstkontakt", "Ich suche eine Lösung für ...", "Sucht im Netz und liest Blogs über ..."},
    {"Erwägung", "Ich schaue mir das Angebot an und vergleiche es mit den Alternativen",
     "Vergleicht Angebote, Produkte und Alternativen"},
    {"Konversion", "Wie einfach ist der Kauf, und welche Bedingungen gelten?",
     "Prüft Lieferung, Garantie und Rückgabe und kauft"},
    {"Vertrauen", "Es lief reibungslos, also werde ich nächstes Mal ...",
     "Wird nach dem Kauf betreut und nutzt ..."},
    {"Identifikation", "Ich bin jemand, der ...", "Wählt ... wieder und erzählt anderen davon"},
};

/* Classic: awareness, consideration, purchase, service, loyalty. */

static const phase_text classic_en[] = {
    {"Awareness", "I didn't know that ... existed until ...",
     "Sees an ad or hears about ... from a friend"},
    {"Consideration", "I need ... and compare a few options", "Compares offers and reads reviews"},
    {"Purchase", "I want to buy ... quickly and without surprises", "Buys online or in the shop"},
    {"Service", "When I need help with ..., I want a quick answer",
     "Contacts customer service about ..."},
    {"Loyalty", "I stay a customer because ...", "Buys again and writes a review"},
};
static const phase_text classic_da[] = {
    {"Opmærksomhed", "Jeg vidste ikke, at ... fandtes, før ...",
     "Ser en annonce eller hører om ... fra en ven"},
    {"Overvejelse", "Jeg har brug for ... og sammenligner et par muligheder",
     "Sammenligner tilbud og læser anmeldelser"},
    {"Køb", "Jeg vil købe ... hurtigt og uden overraskelser", "Køber online eller i butikken"},
    {"Service", "Når jeg har brug for hjælp med ..., vil jeg have et hurtigt svar",
     "Kontakter kundeservice om ..."},
    {"Loyalitet", "Jeg bliver ved med at være kunde, fordi ...",
     "Køber igen og skriver en anmeldelse"},
};
static const phase_text classic_nb[] = {
    {"Oppmerksomhet", "Jeg visste ikke at ... fantes før ...",
     "Ser en annonse eller hører om ... fra en venn"},
    {"Vurdering", "Jeg trenger ... og sammenligner noen alternativer",
     "Sammenligner tilbud og leser anmeldelser"},
    {"Kjøp", "Jeg vil kjøpe ... raskt og uten overraskelser", "Kjøper på nett eller i butikken"},
    {"Service", "Når jeg trenger hjelp med ..., vil jeg ha raskt svar",
     "Kontakter kundeservice om ..."},
    {"Lojalitet", "Jeg fortsetter å være kunde fordi ...", "Kjøper igjen og skriver en anmeldelse"},
};
static const phase_text classic_sv[] = {
    {"Uppmärksamhet", "Jag visste inte att ... fanns förrän ...",
     "Ser en annons eller hör talas om ... från en vän"},
    {"Övervägande", "Jag behöver ... och jämför några alternativ",
     "Jämför erbjudanden och läser recensioner"},
    {"Köp", "Jag vill köpa ... snabbt och utan överraskningar", "Köper på nätet eller i butiken"},
    {"Service", "När jag behöver hjälp med ... vill jag få snabbt svar",
     "Kontaktar kundtjänst om ..."},
    {"Lojalitet", "Jag förblir kund eftersom ...", "Köper igen och skriver en recension"},
};
static const phase_text classic_de[] = {
    {"Aufmerksamkeit", "Ich wusste nicht, dass es ... gibt, bis ...",
     "Sieht eine Anzeige oder hört von Freunden von ..."},
    {"Erwägung", "Ich brauche ... und vergleiche ein paar Angebote",
     "Vergleicht Angebote und liest Bewertungen"},
    {"Kauf", "Ich will ... schnell und ohne Überraschungen kaufen",
     "Kauft online oder im Geschäft"},
    {"Service", "Wenn ich Hilfe bei ... brauche, will ich schnell eine Antwort",
     "Wendet sich wegen ... an den Kundenservice"},
    {"Kundenbindung", "Ich bleibe Kunde, weil ...", "Kauft wieder und schreibt eine Bewertung"},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
enum { MAX_PHASES = 8 };

/* The website is used in the first and the buy phase, the phone in every
 * other one; so 0 < dip, dip != buy and buy < the last phase, which keeps
 * each experience and the pain at a touchpoint used in its phase. */
typedef struct model_info {
    const char *name;  /* as in cjmap_init_models */
    const char *title; /* for the header comment */
    size_t n_phases;
    size_t buy; /* the purchase phase: the website's second use */
    size_t dip; /* the low point of the emotion curve, with the pain */
    const phase_text *text[CJMAP_LOCALE_COUNT]; /* n_phases entries each */
} model_info;

/* clang-format off */
#define MODEL(nm, ti, pre, buy_, dip_)                                                      \
    {.name = nm, .title = ti, .n_phases = COUNT(pre##_en), .buy = buy_, \
     .dip = dip_, .text = {pre##_en, pre##_da, pre##_nb, pre##_sv, pre##_de}}
/* clang-format on */

/* In the order of cjmap_init_models. */
static const model_info models[] = {
    MODEL("aida", "the AIDA model", aida, 3, 2),           /* dip: desire */
    MODEL("b2b", "the B2B model", b2b, 4, 3),              /* dip: decision */
    MODEL("five-step", "the five-step model", five, 2, 1), /* dip: consideration */
    MODEL("classic", "the classic model", classic, 2, 1),  /* dip: consideration */
};

const char *const cjmap_init_models[] = {"aida", "b2b", "five-step", "classic", NULL};

/* Every locale has the same phases, at most MAX_PHASES of them. */
_Static_assert(COUNT(aida_da) == COUNT(aida_en) && COUNT(aida_nb) == COUNT(aida_en) &&
                   COUNT(aida_sv) == COUNT(aida_en) && COUNT(aida_de) == COUNT(aida_en),
               "aida tables");
_Static_assert(COUNT(b2b_da) == COUNT(b2b_en) && COUNT(b2b_nb) == COUNT(b2b_en) &&
                   COUNT(b2b_sv) == COUNT(b2b_en) && COUNT(b2b_de) == COUNT(b2b_en),
               "b2b tables");
_Static_assert(COUNT(five_da) == COUNT(five_en) && COUNT(five_nb) == COUNT(five_en) &&
                   COUNT(five_sv) == COUNT(five_en) && COUNT(five_de) == COUNT(five_en),
               "five-step tables");
_Static_assert(COUNT(classic_da) == COUNT(classic_en) && COUNT(classic_nb) == COUNT(classic_en) &&
                   COUNT(classic_sv) == COUNT(classic_en) && COUNT(classic_de) == COUNT(classic_en),
               "classic tables");
_Static_assert(COUNT(aida_en) <= MAX_PHASES && COUNT(b2b_en) <= MAX_PHASES &&
                   COUNT(five_en) <= MAX_PHASES && COUNT(classic_en) <= MAX_PHASES,
               "room for every phase id");
_Static_assert(COUNT(cjmap_init_models) == COUNT(models) + 1, "one name per model");
_Static_assert(CJMAP_LOCALE_COUNT == 5, "a phase table per locale");

/* ------------------------------------------------------------------ */
/* Per locale: the example texts                                       */
/* ------------------------------------------------------------------ */

typedef struct locale_text {
    const char *title;
    const char *segment, *description, *goal1, *goal2;
    const char *website, *web_first, *web_buy; /* name; purpose in the first and buy phases */
    const char *phone;
    const char *exp_first, *exp_dip, *exp_buy, *exp_last;
    const char *pain, *opportunity;
} locale_text;

static const locale_text locale_texts[CJMAP_LOCALE_COUNT] = {
    [CJMAP_LOCALE_EN] =
        {
            .title = "Customer journey: ...",
            .segment = "The segment, e.g. families with small children",
            .description = "Who they are, in a sentence or two ...",
            .goal1 = "What they want to achieve ...",
            .goal2 = "Another goal ...",
            .website = "Website",
            .web_first = "Information and inspiration",
            .web_buy = "Ordering and payment",
            .phone = "Customer service (phone)",
            .exp_first = "I don't know yet who can help me with ...",
            .exp_dip = "I have to wait a long time for an answer",
            .exp_buy = "It's easy to order and pay",
            .exp_last = "I feel respected",
            .pain = "Long queue on the phone, and nobody calls back",
            .opportunity = "Offer to call back within an hour",
        },
    [CJMAP_LOCALE_DA] =
        {
            .title = "Kunderejse: ...",
            .segment = "Segmentet, f.eks. børnefamilier",
            .description = "Hvem de er, i en sætning eller to ...",
            .goal1 = "Det, de vil opnå ...",
            .goal2 = "Et andet mål ...",
            .website = "Hjemmeside",
            .web_first = "Information og inspiration",
            .web_buy = "Bestilling og betaling",
            .phone = "Kundeservice (telefon)",
            .exp_first = "Jeg ved endnu ikke, hvem der kan hjælpe mig med ...",
            .exp_dip = "Jeg skal vente længe på svar",
            .exp_buy = "Det er nemt at bestille og betale",
            .exp_last = "Jeg føler mig respekteret",
            .pain = "Lang telefonkø, og ingen ringer tilbage",
            .opportunity = "Tilbyd at ringe tilbage inden for en time",
        },
    [CJMAP_LOCALE_NB] =
        {
            .title = "Kundereise: ...",
            .segment = "Segmentet, f.eks. barnefamilier",
            .description = "Hvem de er, med en setning eller to ...",
            .goal1 = "Det de vil oppnå ...",
            .goal2 = "Et annet mål ...",
            .website = "Nettside",
            .web_first = "Informasjon og inspirasjon",
            .web_buy = "Bestilling og betaling",
            .phone = "Kundeservice (telefon)",
            .exp_first = "Jeg vet ennå ikke hvem som kan hjelpe meg med ...",
            .exp_dip = "Jeg må vente lenge på svar",
            .exp_buy = "Det er enkelt å bestille og betale",
            .exp_last = "Jeg føler meg respektert",
            .pain = "Lang telefonkø, og ingen ringer tilbake",
            .opportunity = "Tilby å ringe tilbake innen en time",
        },
    [CJMAP_LOCALE_SV] =
        {
            .title = "Kundresa: ...",
            .segment = "Segmentet, t.ex. barnfamiljer",
            .description = "Vilka de är, i en eller två meningar ...",
            .goal1 = "Det de vill uppnå ...",
            .goal2 = "Ett annat mål ...",
            .website = "Webbplats",
            .web_first = "Information och inspiration",
            .web_buy = "Beställning och betalning",
            .phone = "Kundtjänst (telefon)",
            .exp_first = "Jag vet ännu inte vem som kan hjälpa mig med ...",
            .exp_dip = "Jag måste vänta länge på svar",
            .exp_buy = "Det är enkelt att beställa och betala",
            .exp_last = "Jag känner mig respekterad",
            .pain = "Lång telefonkö, och ingen ringer tillbaka",
            .opportunity = "Erbjud att ringa tillbaka inom en timme",
        },
    [CJMAP_LOCALE_DE] =
        {
            .title = "Customer Journey: ...",
            .segment = "Das Segment, z. B. Familien mit kleinen Kindern",
            .description = "Wer sie sind, in ein, zwei Sätzen ...",
            .goal1 = "Was sie erreichen wollen ...",
            .goal2 = "Ein weiteres Ziel ...",
            .website = "Website",
            .web_first = "Information und Inspiration",
            .web_buy = "Bestellung und Bezahlung",
            .phone = "Kundenservice (Telefon)",
            .exp_first = "Ich weiß noch nicht, wer mir bei ... helfen kann",
            .exp_dip = "Ich muss lange auf eine Antwort warten",
            .exp_buy = "Bestellen und Bezahlen geht ganz einfach",
            .exp_last = "Ich fühle mich wertgeschätzt",
            .pain = "Lange Warteschleife, und niemand ruft zurück",
            .opportunity = "Rückruf innerhalb einer Stunde anbieten",
        },
};

/* ------------------------------------------------------------------ */
/* A growable string                                                   */
/* ------------------------------------------------------------------ */

typedef struct buf {
    char *p;
    size_t n, cap;
    bool oom;
} buf;

/* Grows through cj_malloc so the allocation-failure injector reaches it. */
static void put_n(buf *b, const char *s, size_t n) {
    if (b->oom) return;
    if (n >= b->cap - b->n || !b->p) {
        size_t nc = b->cap ? b->cap : 2048;
        while (nc - b->n <= n) {
            if (nc > (size_t)-1 / 2) {
                b->oom = true;
                return;
            }
            nc *= 2;
        }
        char *np = cj_malloc(nc);
        if (!np) {
            b->oom = true;
            return;
        }
        if (b->p) memcpy(np, b->p, b->n);
        free(b->p);
        b->p = np, b->cap = nc;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

static void put(buf *b, const char *s) { put_n(b, s, strlen(s)); }

/* Several pieces in a row; the list ends with NULL. */
static void puts_(buf *b, const char *first, ...) {
    va_list ap;
    va_start(ap, first);
    for (const char *s = first; s; s = va_arg(ap, const char *))
        put(b, s);
    va_end(ap);
}
#define PUT(b, ...) puts_((b), __VA_ARGS__, (const char *)NULL)

/* A YAML double-quoted scalar: safe for any text (': ', ' #', leading
 * quotes or dashes, commas in flow style). */
static void quoted(buf *b, const char *s) {
    put_n(b, "\"", 1);
    const char *run = s;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        const char *esc = c == '"'    ? "\\\""
                          : c == '\\' ? "\\\\"
                          : c == '\n' ? "\\n"
                          : c == '\t' ? "\\t"
                                      : NULL;
        if (!esc && c < 0x20) esc = " ";
        if (esc) {
            put_n(b, run, (size_t)(s - run));
            put(b, esc);
            run = s + 1;
        }
    }
    put_n(b, run, (size_t)(s - run));
    put_n(b, "\"", 1);
}

/* "key: "text"\n" at the given indentation (a string of spaces). */
static void kv(buf *b, const char *indent, const char *key, const char *text) {
    PUT(b, indent, key, ": ");
    quoted(b, text);
    put_n(b, "\n", 1);
}

/* A vocabulary from vocab.h as "a | b | c". */
static void names(buf *b, const char *const *list, const char *sep) {
    for (size_t i = 0; list[i]; i++)
        PUT(b, i ? sep : "", list[i]);
}

static const char *score_text(int score) {
    static const char *const digits[] = {"0", "1", "2", "3", "4", "5"};
    return digits[score];
}

static void experience(buf *b, const char *phase, const char *text, const char *type, int score,
                       const char *touchpoint, const char *importance) {
    PUT(b, "  - phase: ", phase, "\n");
    kv(b, "    ", "text", text);
    if (type) PUT(b, "    type: ", type, "\n");
    PUT(b, "    score: ", score_text(score), "\n");
    PUT(b, "    touchpoint: ", touchpoint, "\n");
    if (importance) PUT(b, "    importance: ", importance, "\n");
}

/* ------------------------------------------------------------------ */
/* Ids derived from the localized names                                */
/* ------------------------------------------------------------------ */

/* An id is the name as the user reads it on the map, in lowercase, with
 * every run of spaces and punctuation turned into one '-' and no '-' at
 * either end: "Første kontakt" -> "første-kontakt", "Kundeservice
 * (telefon)" -> "kundeservice-telefon".  Letters of every script are kept.
 * Ids are unique within their kind (phases, touchpoints): a clash gets
 * "-2", "-3", ...  Fixed buffers: no allocation, no failure. */
enum { ID_MAX = CJ_INIT_ID_MAX, MAX_IDS = MAX_PHASES };

typedef struct id_list {
    char id[MAX_IDS][ID_MAX];
    size_t n;
} id_list;

/* The lowercase of code point c, for the scripts whose case is a fixed
 * offset or an even/odd pair: Latin (Basic, Latin-1, Extended-A), Greek,
 * Cyrillic.  Other code points are returned unchanged. */
static unsigned long lower_cp(unsigned long c) {
    if (c >= 'A' && c <= 'Z') return c + 32;
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 32; /* À..Þ, not × */
    if (c == 0x178) return 0xFF;                            /* Ÿ */
    if (c == 0x130) return 'i';                             /* İ */
    if ((c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177))
        return c % 2 == 0 ? c + 1 : c; /* Ā ā ... Ķ ķ, Ŋ ŋ ... Ŷ ŷ */
    if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E))
        return c % 2 == 1 ? c + 1 : c; /* Ĺ ĺ ... Ň ň, Ź ź ... Ž ž */
    if (c >= 0x391 && c <= 0x3AB && c != 0x3A2) return c + 32; /* Α..Ϋ */
    if (c == 0x386) return 0x3AC;                              /* Ά */
    if (c >= 0x388 && c <= 0x38A) return c + 37;               /* Έ Ή Ί */
    if (c == 0x38C) return 0x3CC;                              /* Ό */
    if (c == 0x38E || c == 0x38F) return c + 63;               /* Ύ Ώ */
    if (c >= 0x410 && c <= 0x42F) return c + 32;               /* А..Я */
    if (c >= 0x400 && c <= 0x40F) return c + 80;               /* Ѐ..Џ */
    return c;
}

/* True for the code points that belong in an id: ASCII letters and digits,
 * and any non-ASCII code point outside the Latin-1 symbols and the
 * punctuation, symbol and space blocks. */
static bool id_cp(unsigned long c) {
    if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (c < 0xC0) return c == 0xAA || c == 0xB5 || c == 0xBA; /* ª µ º */
    if (c == 0xD7 || c == 0xF7) return false;                 /* × ÷ */
    if (c >= 0x2000 && c <= 0x2BFF) return false; /* punctuation, symbols, arrows, ... */
    if (c >= 0x3000 && c <= 0x303F) return false; /* CJK punctuation */
    if (c >= 0xFE10 && c <= 0xFE6F) return false; /* vertical and small forms */
    if (c >= 0xFF00 && c <= 0xFF0F) return false; /* fullwidth punctuation */
    if (c >= 0xFFF0) return c > 0xFFFF;           /* specials; beyond: letters and more */
    return true;
}

/* Decodes the UTF-8 sequence at *s (advancing *s); an invalid byte is
 * returned as U+FFFD and skipped alone. */
static unsigned long next_cp(const unsigned char **s) {
    const unsigned char *p = *s;
    unsigned long c = p[0];
    size_t len = c < 0x80             ? 1
                 : (c & 0xE0) == 0xC0 ? 2
                 : (c & 0xF0) == 0xE0 ? 3
                 : (c & 0xF8) == 0xF0 ? 4
                                      : 0;
    if (len == 0) {
        *s = p + 1;
        return 0xFFFD;
    }
    if (len > 1) c &= 0x3F >> (len - 1);
    for (size_t i = 1; i < len; i++) {
        if ((p[i] & 0xC0) != 0x80) {
            *s = p + 1;
            return 0xFFFD;
        }
        c = c << 6 | (p[i] & 0x3F);
    }
    *s = p + len;
    return c;
}

static size_t put_cp(char *out, unsigned long c) {
    if (c < 0x80) return out[0] = (char)c, 1;
    if (c < 0x800) return out[0] = (char)(0xC0 | c >> 6), out[1] = (char)(0x80 | (c & 0x3F)), 2;
    if (c < 0x10000) {
        out[0] = (char)(0xE0 | c >> 12);
        out[1] = (char)(0x80 | (c >> 6 & 0x3F));
        out[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | c >> 18);
    out[1] = (char)(0x80 | (c >> 12 & 0x3F));
    out[2] = (char)(0x80 | (c >> 6 & 0x3F));
    out[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

void cj_init_derive_id(char *out, const char *name, const char *fallback) {
    size_t n = 0;
    bool dash = false;
    for (const unsigned char *s = (const unsigned char *)name; *s;) {
        unsigned long c = next_cp(&s);
        if (!id_cp(c)) {
            dash = n > 0;
            continue;
        }
        char enc[4];
        size_t len = put_cp(enc, lower_cp(c));
        if (n + dash + len > ID_MAX - 8) break; /* whole characters only */
        if (dash) out[n++] = '-', dash = false;
        memcpy(out + n, enc, len);
        n += len;
    }
    out[n] = '\0';
    if (n == 0) snprintf(out, ID_MAX, "%s", fallback);
}

/* Appends the id of `name` to l, made unique with "-2", "-3", ... */
static const char *add_id(id_list *l, const char *name, const char *fallback) {
    char *id = l->id[l->n];
    cj_init_derive_id(id, name, fallback);
    size_t len = strlen(id); /* at most ID_MAX - 8: room for "-NN" */
    /* Among n ids, one of the suffixes 2 .. n + 1 is free. */
    for (unsigned k = 2; k <= MAX_IDS + 1; k++) {
        bool clash = false;
        for (size_t i = 0; i < l->n && !clash; i++)
            clash = strcmp(l->id[i], id) == 0;
        if (!clash) break;
        char suffix[8];
        snprintf(suffix, sizeof suffix, "-%u", k);
        memcpy(id + len, suffix, strlen(suffix) + 1);
    }
    l->n++;
    return id;
}

/* ------------------------------------------------------------------ */
/* The template                                                        */
/* ------------------------------------------------------------------ */

static void write_template(buf *b, const model_info *m, cjmap_locale loc) {
    const phase_text *ph = m->text[loc];
    const locale_text *t = &locale_texts[loc];
    size_t last = m->n_phases - 1;
    id_list phase_ids = {.n = 0}, tp_ids = {.n = 0};
    const char *id[MAX_IDS];
    for (size_t i = 0; i < m->n_phases; i++)
        id[i] = add_id(&phase_ids, ph[i].name, "phase");
    const char *web = add_id(&tp_ids, t->website, "website");
    const char *phone = add_id(&tp_ids, t->phone, "phone");

    PUT(b, "# Customer journey map: a starter for ", m->title, " (");
    for (size_t i = 0; i < m->n_phases; i++)
        PUT(b, i ? " -> " : "", id[i]);
    put(b, ").\n"
           "# Replace the quoted texts (\"...\" marks a gap to fill in), then run `cjmap check`.\n"
           "# Reference: docs/format.md.  Editor completion and hover help: `cjmap schema`.\n"
           "# A comment starts with # and runs to the end of the line.\n"
           "\n"
           "# Format version: only 1 exists.\n"
           "version: 1\n"
           "# Required: the map's title.\n");
    kv(b, "", "title", t->title);
    put(b,
        "# current: the journey as it is today (as-is); future: the journey you design (to-be).\n"
        "state: current\n"
        "# Language of the map's own labels: ");
    names(b, cj_locale_names, " | ");
    PUT(b, ".\nlocale: ", cjmap_locale_name(loc), "\n");
    put(b,
        "# Optional: the score scale, e.g. `scale: {min: -2, max: 2}` or\n"
        "# `scale: {min: 1, max: 10}` (2 to 10 steps; neutral: the midpoint unless given).\n"
        "# Without it, scores run from 1 to 5 with 3 as neutral.\n"
        "# Optional: the lanes from top to bottom, leaving out what you do not want\n"
        "# drawn, with your own lanes as {id, name}; a phase fills an own lane with\n"
        "# `lanes: {thoughts: [\"...\"]}`:\n"
        "# lanes: [actions, touchpoints, experiences, emotions,\n"
        "#         {id: thoughts, name: \"What goes through my mind\"}, pains, opportunities]\n\n");

    put(b, "# Whose journey this is: one segment per map.  name is required.\n"
           "segment:\n");
    kv(b, "  ", "name", t->segment);
    kv(b, "  ", "description", t->description);
    put(b, "  goals:\n    - ");
    quoted(b, t->goal1);
    put(b, "\n    - ");
    quoted(b, t->goal2);
    put(b, "\n\n");

    put(b,
        "# Phases, drawn left to right in this order; start where the customer starts.\n"
        "# id: short code used to refer to the phase (letters and digits of any language,\n"
        "# '-' and '_'); the ids below are the names in lowercase, with - for spaces and\n"
        "# punctuation; name: shown on the map; a reference may use the id or the name;\n"
        "# statement: the customer's own words, first person; actions: what they concretely do.\n"
        "# Optional: metrics per phase, e.g. `metrics: {Drop-off: 40%}`; `moment-of-truth: true`\n"
        "# marks a phase where the customer decides to stay or leave.\n"
        "phases:\n");
    for (size_t i = 0; i < m->n_phases; i++) {
        PUT(b, "  - id: ", id[i], "\n");
        kv(b, "    ", "name", ph[i].name);
        kv(b, "    ", "statement", ph[i].statement);
        put(b, "    actions:\n      - ");
        quoted(b, ph[i].action);
        put(b, "\n");
    }
    put(b, "\n");

    put(b, "# Touchpoints: every place where customer and business meet, online or offline.\n"
           "# channel (required): ");
    names(b, cj_channel_names, ", ");
    put(b, ".\n# mode (");
    names(b, cj_mode_names, " | ");
    put(b, ") and contact (");
    names(b, cj_contact_names, " | ");
    put(b, ") default from the channel.\n# owner: ");
    names(b, cj_owner_names, " | ");
    put(b, " (default owned; write earned for reviews, press, word of mouth).\n"
           "# phases (required): a list [a, b], or a mapping phase: purpose when the job differs.\n"
           "# Every phase needs at least one touchpoint, or cjmap warns.\n"
           "touchpoints:\n");
    PUT(b, "  - id: ", web, "\n");
    kv(b, "    ", "name", t->website);
    PUT(b,
        "    channel: web\n"
        "    owner: owned\n"
        "    phases:\n"
        "      ",
        id[0], ": ");
    quoted(b, t->web_first);
    PUT(b, "\n      ", id[m->buy], ": ");
    quoted(b, t->web_buy);
    PUT(b, "\n  - id: ", phone, "\n");
    kv(b, "    ", "name", t->phone);
    put(b, "    channel: phone\n"
           "    phases: [");
    for (size_t i = 0, k = 0; i < m->n_phases; i++)
        if (i != 0 && i != m->buy) PUT(b, k++ ? ", " : "", id[i]);
    put(b, "]\n\n");

    put(b,
        "# Experiences: what customers look for and are left with; scores draw the emotion curve.\n"
        "# type: ");
    names(b, cj_exp_type_names, " | ");
    put(b, " (default emotional); importance: ");
    names(b, cj_level_names, " | ");
    put(b,
        ".\n# score: on the journey's scale; by default 1 very negative, 2 negative, 3 neutral,\n"
        "# 4 positive, 5 very positive.\n"
        "# touchpoint: where it happens, shown on the card; it must be used in the\n"
        "# experience's phase, or cjmap warns.  Pains and opportunities take one too.\n"
        "experiences:\n");
    experience(b, id[0], t->exp_first, NULL, 3, web, NULL);
    experience(b, id[m->dip], t->exp_dip, "rational", 2, phone, "high");
    experience(b, id[m->buy], t->exp_buy, "rational", 4, web, NULL);
    experience(b, id[last], t->exp_last, NULL, 5, phone, NULL);
    put(b, "\n");

    put(b, "# Pains: friction, bottlenecks, reasons to drop off.  severity: ");
    names(b, cj_level_names, " | ");
    PUT(b,
        " (default medium).\n"
        "pains:\n"
        "  - phase: ",
        id[m->dip], "\n");
    kv(b, "    ", "text", t->pain);
    PUT(b,
        "    severity: high\n"
        "    touchpoint: ",
        phone, "\n\n");

    PUT(b,
        "# Opportunities: what you could do about the pains (touchpoint optional, any phase).\n"
        "opportunities:\n"
        "  - phase: ",
        id[m->dip], "\n");
    kv(b, "    ", "text", t->opportunity);
    PUT(b, "    touchpoint: ", phone, "\n");

    /* The service blueprint, as comments: the same ids as above, so that
     * removing the '# ' makes a valid journey. */
    PUT(b,
        "\n# Optional, for a service blueprint: what the company does out of the customer's\n"
        "# sight (backstage) and the processes and systems behind it (support), drawn\n"
        "# below the touchpoints with the lines of interaction, visibility and internal\n"
        "# interaction.  phase and text are required; actor: who does it.\n"
        "# backstage:\n"
        "#   - {phase: ",
        id[m->buy],
        ", text: \"Sales confirms the order by phone\", actor: Sales, touchpoint: ", web, "}\n");
    PUT(b,
        "# support:\n"
        "#   - {phase: ",
        id[m->buy], ", text: \"The order system books the delivery\", actor: IT}\n");
}

char *cjmap_init_template(const char *model, cjmap_locale locale) {
    if (!model || (unsigned)locale >= CJMAP_LOCALE_COUNT) return NULL;
    const model_info *m = NULL;
    for (size_t i = 0; i < COUNT(models); i++)
        if (strcmp(models[i].name, model) == 0) m = &models[i];
    if (!m) return NULL;
    buf b = {0};
    write_template(&b, m, locale);
    if (b.oom) {
        free(b.p);
        return NULL;
    }
    return b.p;
}
