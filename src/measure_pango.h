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

/* A new context on `fm` (a PangoFontMap, shared), or on a private new font
 * map when `fm` is NULL; no process-global pango state either way.
 * Returns NULL on failure; release with g_object_unref(). */
PangoContext *cj_pango_context_new(void *fm);

/* Sets `f` on `layout`; single line, no wrapping, no markup.  `d` is a
 * scratch description owned by the caller. */
void cj_pango_set_font(PangoLayout *layout, PangoFontDescription *d, cj_font f);
#endif
