/*
** measure_pango.h — the pango set-up shared by the pango measurer and the
** cairo renderer, so that text is measured and drawn with identical font
** options: hint metrics off, hint style none, glyph positions not rounded,
** resolution 72 dpi (1 pango point = 1 user unit), family CJ_FONT_FAMILY
** with fontconfig's fallback for scripts it lacks.
*/
#ifndef CJ_MEASURE_PANGO_H
#define CJ_MEASURE_PANGO_H
#include "measure.h"

#include <pango/pangocairo.h>
#include <stdbool.h>
#include <stdint.h>

/* A new context on `fm` (a PangoFontMap, shared), or on a private new font
 * map when `fm` is NULL; no process-global pango state either way.
 * Returns NULL on failure; release with g_object_unref(). */
PangoContext *cj_pango_context_new(void *fm);

/* Every text is shaped at this one size and scaled to its own: pango and
 * fontconfig resolve a font set per (family, size, weight, style), and
 * each costs about a million instructions in FcConfigSubstitute plus a
 * sample-text layout for the font's metrics -- a third of a small build
 * when every size of the type scale had its own.  With hinting off,
 * outlines, advances and kerning are linear in the size, so a scaled run
 * is the same run (positions are even finer: 1/1024 of a 32 pt unit). */
#define CJ_PANGO_REF_SIZE 32.0

/* The factor from the reference size to f.size. */
double cj_pango_scale(cj_font f);

/* Sets the face of `f` at CJ_PANGO_REF_SIZE on `layout` (the caller scales
 * by cj_pango_scale()).  `d` is a scratch description owned by the caller. */
void cj_pango_set_font(PangoLayout *layout, PangoFontDescription *d, cj_font f);

/* pango_itemize() for the texts of a map, which are nearly all one item:
 * one font, left to right, Latin script.  Itemizing (bidi levels, scripts,
 * a font for every character) costs more than a tenth of shaping, and its
 * answer for such a text is always the same.  So a cj_itemizer remembers,
 * per face, the one item pango gave a Latin text, and which characters
 * it has seen in such texts; a text made only of those characters (in a
 * range of Latin letters, digits and punctuation with no right-to-left
 * or emoji code point) and holding a Latin letter gets that item without
 * asking pango.  Anything else goes to pango_itemize().  The unit test
 * compares both on every test text. */
enum { CJ_ITEMIZE_SAFE = 607 }; /* code points in the safe ranges */
typedef struct cj_itemizer {
    PangoAnalysis latin[4]; /* per face (bold * 2 + italic); font referenced */
    bool have[4];
    uint64_t seen[4][(CJ_ITEMIZE_SAFE + 63) / 64];
    size_t hits; /* texts itemized without pango (for tests) */
} cj_itemizer;

/* The items of s[0..len) (a GList of PangoItem, as pango_itemize returns;
 * free with g_list_free_full(items, (GDestroyNotify)pango_item_free)).
 * `ctx` must have the font description of `f` set. */
GList *cj_itemize(cj_itemizer *iz, PangoContext *ctx, PangoAttrList *attrs, cj_font f,
                  const char *s, size_t len);
void cj_itemizer_free(cj_itemizer *iz);

/* A run that itemizes as one item (one font, script and direction: nearly
 * every text of a map) shaped directly, as a one-line PangoLayout would
 * shape it, without its line breaking and log attributes: true, with the
 * item and its glyphs in *gi (release with cj_glyph_item_clear).  False,
 * with nothing to release, for a run of several items (fallback fonts,
 * mixed directions), which needs the layout to place them. */
bool cj_shape_one(cj_itemizer *iz, PangoContext *ctx, PangoAttrList *attrs, cj_font f,
                  const char *s, size_t len, PangoGlyphItem *gi);
void cj_glyph_item_clear(PangoGlyphItem *gi);
#endif
