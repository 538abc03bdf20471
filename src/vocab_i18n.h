/*
** vocab_i18n.h — Danish, Norwegian (bokmål), Swedish and German words for
** the values of the format's closed vocabularies (vocab.h), so that
** `severity: høj` can be answered with "'høj' is Danish for 'high'".
**
** Matching ignores case (ASCII and the Latin-1 letters, so 'HØJ' is 'høj'),
** treats ' ' and '_' as '-', and accepts the usual ASCII spellings of
** æ ø å ä ö ü ß: 'høj', 'hoej' and 'hoj' are the same word.
**
** Languages: a word that is the same in several of the four languages is
** reported with all of them, in the order Danish, Norwegian, Swedish,
** German ("Danish and Norwegian", "Danish, Norwegian, Swedish and
** German"); a word written with its own letters names only the languages
** that spell it so ('møte' is Norwegian, 'möte' Swedish, the ASCII 'mote'
** both).  A few English words that are not values are listed too, with
** the language "English": the English names of the locales ('german' is
** 'de') and the as-is / to-be names of the states.
**
** No listed word is, in any of its accepted spellings, a value of its own
** vocabulary (tests/unit/test_vocab_i18n.c checks this), so a value that
** differs from a valid one only in case or separators ('Email', 'word of
** mouth') still gets the ordinary "did you mean".
*/
#ifndef CJ_VOCAB_I18N_H
#define CJ_VOCAB_I18N_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The ASCII spelling of a lowercase Latin-1 letter ('ø' -> "oe", 'é' -> "e",
 * 'ß' -> "ss"), or NULL for any other code point.  Also used by did-you-mean
 * (suggest.c), so that 'koeb' is as close to 'køb' as 'køb' itself. */
const char *cj_latin_spelling(uint32_t cp);

/* When `word` (len bytes, UTF-8) is a da/nb/sv/de word for one of `values` (a NULL-terminated
 * vocabulary from vocab.h, compared by pointer identity to know which vocabulary it is), returns
 * that value and sets *language ("Danish", "Norwegian", "Swedish", "German", or e.g. "Danish and
 * Norwegian"); else NULL. */
const char *cj_vocab_native(const char *const *values, const char *word, size_t len,
                            const char **language);

/* For tests: the table of vocabulary `values`, one entry at a time.  Returns
 * false past the last entry (or for a vocabulary without a table). */
typedef struct cj_vocab_word {
    const char *word;  /* as written in the language(s), lowercase UTF-8 */
    const char *value; /* the English value it stands for */
    unsigned langs;    /* CJ_LANG_* bits */
} cj_vocab_word;
enum { CJ_LANG_DA = 1, CJ_LANG_NB = 2, CJ_LANG_SV = 4, CJ_LANG_DE = 8, CJ_LANG_EN = 16 };
bool cj_vocab_native_entry(const char *const *values, size_t i, cj_vocab_word *out);

/* The vocabularies that have a table, NULL-terminated (for tests). */
extern const char *const *const cj_vocab_native_vocabularies[];

/* The matching key of a word: lowercase, separators and æøåäöüß spelt in
 * one way.  Writes at most cap bytes including the NUL; returns false when
 * it does not fit. */
bool cj_vocab_fold(const char *word, size_t len, char *out, size_t cap);
#endif
