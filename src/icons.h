/*
** icons.h — vector pictograms for touchpoint channels, as path segments.
** Drawn from simple strokes in a 12x12 design box so they stay legible at
** about 10 pt; the caller strokes them (no fill) with ~0.9 pt lines.
*/
#ifndef CJ_ICONS_H
#define CJ_ICONS_H
#include "dlist.h"

enum { CJ_ICON_MAX_SEGS = 96 };

/* Writes the pictogram for `ch`, scaled from the 12x12 box to a box of side
 * `s` at (x, y), into out[0..CJ_ICON_MAX_SEGS); returns the segment count. */
size_t cj_icon_path(cjmap_channel ch, double x, double y, double s, cj_pseg *out);

/* A circle as move, 4 cubic segments and close (6 segments) into out. */
size_t cj_circle_path(double cx, double cy, double r, cj_pseg *out);
/* A five-pointed star (11 segments) of outer radius r. */
size_t cj_star_path(double cx, double cy, double r, cj_pseg *out);

/* The segments of path item `it`: its own, or its shape expanded into
 * buf[0..CJ_ICON_MAX_SEGS).  *n receives the count (0 for other items). */
const cj_pseg *cj_item_segs(const cj_item *it, cj_pseg *buf, size_t *n);
#endif
