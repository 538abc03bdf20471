/*
** layout.h — the layout's private body, shared with the renderers and
** tests.  A cjmap_layout is nothing but a finished display list.
*/
#ifndef CJ_LAYOUT_H
#define CJ_LAYOUT_H
#include "dlist.h"

struct cjmap_layout {
    cj_dlist dl;
    size_t clipped;        /* items reaching outside their page (cut off there) */
    double clip_over;      /* the largest such overrun, points on the page */
    double col_w;          /* the phase columns' width */
    bool rows;             /* the phases run as rows (cjmap_arrange) */
    double full_w, full_h; /* fixed paper: the map unscaled as one page; auto: 0 */
    double area;           /* fixed paper: cjmap_layout_area(); auto: 0 */
};

/* Geometry constants (points), on a 4 pt grid where it matters. */
enum {
    CJ_MARGIN = 24,   /* page margin */
    CJ_LABEL_W = 112, /* lane label column */
    CJ_COL_MIN = 152, /* phase column width bounds */
    CJ_COL_MAX = 260,
    /* On paper, at the smallest text, a column may narrow to this when that
     * puts all the phases (or one more in each group) across the sheet: a
     * five-phase journey across one A4 landscape sheet instead of 3 + 2
     * groups, the second leaving a third of every page blank (issue 14;
     * docs/paper.md).  Still wide enough for a touchpoint's pictogram,
     * name and owner tag. */
    CJ_COL_PAPER_MIN = 144
};
#endif
