/*
** labels.h — the words drawn on a map (legend, badges, channels) in the
** journey's locale.  Built-in tables for en, da, nb, sv, de; the model's
** labels[] override the legend's words for the lanes' items.  The lanes'
** own labels are in the lane table (layout_cards.c).  All strings are
** static.
*/
#ifndef CJ_LABELS_H
#define CJ_LABELS_H
#include <cjmap.h>

#include <stddef.h>

typedef enum cj_word {
    CJ_W_PHASES, CJ_W_LEGEND, CJ_W_SEGMENT, CJ_W_GOALS, CJ_W_CURRENT, CJ_W_FUTURE,
    CJ_W_ONLINE, CJ_W_OFFLINE, CJ_W_DIRECT, CJ_W_INDIRECT,
    CJ_W_OWNED, CJ_W_PAID, CJ_W_EARNED, CJ_W_PARTNER,
    CJ_W_EMOTIONAL, CJ_W_RATIONAL, CJ_W_HIGH_IMPORTANCE, CJ_W_SCORE,
    CJ_W_NEUTRAL, CJ_W_LOWEST,
    CJ_W_SEV_LOW, CJ_W_SEV_MEDIUM, CJ_W_SEV_HIGH,
    CJ_W_OPPORTUNITY, CJ_W_PAGE, CJ_W_QUOTE_OPEN, CJ_W_QUOTE_CLOSE,
    CJ_W_MOMENT_OF_TRUTH, CJ_W_RANGE, CJ_W_BRIDGE,
    CJ_W_COUNT
} cj_word;

const char *cj_word_text(cjmap_locale loc, cj_word w);
/* A word of the legend: the locale's word, except that a word naming a lane
 * or its items (CJ_W_OPPORTUNITY: the opportunities lane) is the model's
 * label of that lane when the journey relabels it. */
const char *cj_legend_word(const cjmap_model *m, cj_word w);
/* The legend's words about a score scale, formatted from it into buf (room
 * for n bytes): CJ_W_SCORE "Score (1–5)", CJ_W_NEUTRAL "Neutral (3)"; any
 * other word as cj_word_text().  Returns what snprintf returns. */
int cj_scale_label(cjmap_locale loc, const cjmap_scale *sc, cj_word w, char *buf, size_t n);
/* A score as a card's badge shows it: "4/5", "7/10", "0/10"; on a scale
 * with negative scores, signed: "+2", "0", "−1". */
int cj_score_text(const cjmap_scale *sc, int score, char *buf, size_t n);
/* A score as the plot's axis shows it: "5"; signed as above: "+2". */
int cj_tick_text(const cjmap_scale *sc, int score, char *buf, size_t n);
const char *cj_channel_label(cjmap_locale loc, cjmap_channel c);
#endif
