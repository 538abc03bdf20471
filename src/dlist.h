/*
** dlist.h — the display list: what layout.c produces and the renderers
** draw.  Pure data; no cairo.
**
** Invariants:
**   - Every item is self-contained: it carries its own paint, font and
**     origin; nothing depends on the order of items except painting order.
**   - Text items hold lines already broken and positioned by the measurer;
**     no renderer re-wraps or re-measures.
**   - Every item has a `cell`: the rectangle it must stay inside (its lane
**     cell, header cell, title block...).  Tests check bbox ⊆ cell ⊆ page.
**   - Coordinates are points in the page's own unscaled space; a page with
**     scale s is drawn with every coordinate and size multiplied by s, so
**     the physical page is (w, h) and its content (w/s, h/s).
**   - All memory (items, segments, lines, strings) belongs to the list and
**     is released by cj_dl_free().
*/
#ifndef CJ_DLIST_H
#define CJ_DLIST_H
#include "measure.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Colours are 0xRRGGBBAA; alpha 0 means "none". */
typedef uint32_t cj_color;
#define CJ_NONE ((cj_color)0)

typedef enum cj_dash { CJ_DASH_SOLID, CJ_DASH_DASHED, CJ_DASH_DOTTED } cj_dash;

typedef struct cj_paint {
    cj_color fill, stroke;
    float lw;     /* stroke width, points */
    uint8_t dash; /* cj_dash */
} cj_paint;

/* What a drawn item stands for: a model element (index into the model's
 * array; sub = use index for touchpoints, action/metric index in a phase)
 * or a structural part of the map. */
typedef enum cj_okind {
    CJ_O_PAGE, CJ_O_TITLE, CJ_O_SEGMENT, CJ_O_BADGE, CJ_O_RUNHEAD,
    CJ_O_PHASE, CJ_O_STATEMENT, CJ_O_LANE, CJ_O_LANE_LABEL,
    CJ_O_ACTION, CJ_O_TOUCHPOINT, CJ_O_EXPERIENCE, CJ_O_CURVE,
    CJ_O_PAIN, CJ_O_OPPORTUNITY, CJ_O_METRIC, CJ_O_LEGEND,
    CJ_O_OWN,       /* a text in an own lane: index = phase, sub = the text's number
                     * among the phase's texts in all own lanes, in lane order */
    CJ_O_BACKSTAGE, CJ_O_SUPPORT, /* service-blueprint steps */
    CJ_O_LINE,      /* a blueprint line: index = cj_line */
    CJ_O_COUNT
} cj_okind;

typedef struct cj_origin {
    uint8_t kind; /* cj_okind */
    int32_t index, sub;
} cj_origin;

/* Whether two items stand for the same thing (renderers group by it). */
static inline bool cj_origin_eq(const cj_origin *a, const cj_origin *b) {
    return a->kind == b->kind && a->index == b->index && a->sub == b->sub;
}

/* Roles tell tests which items must not overlap each other. */
typedef enum cj_role {
    CJ_ROLE_DECOR, /* backgrounds, rules, bands: may lie under other items */
    CJ_ROLE_BOX,   /* a card or other box: boxes of one page never overlap */
    CJ_ROLE_INK    /* text and marks: inside their cell */
} cj_role;

typedef enum cj_itype { CJ_IT_RECT, CJ_IT_PATH, CJ_IT_TEXT } cj_itype;

typedef struct cj_rect { double x, y, w, h; } cj_rect;

typedef enum cj_pop { CJ_P_MOVE, CJ_P_LINE, CJ_P_CURVE, CJ_P_CLOSE } cj_pop;
typedef struct cj_pseg {
    uint8_t op;       /* cj_pop */
    double x[3], y[3]; /* MOVE/LINE use [0]; CURVE uses control 0, control 1, end 2 */
} cj_pseg;

typedef struct cj_tline {
    double x, y;      /* top-left of the line */
    double w, h, baseline; /* from the measurer; baseline is below y */
    const char *s;    /* UTF-8, not NUL-terminated; owned by the list */
    uint32_t len;     /* bytes; a text is at most CJMAP_MAX_TEXT */
    float ink;        /* ink beyond [y, y + h] above or below (cj_mline.ink) */
} cj_tline;

/* A path given by a few numbers instead of stored segments.  Badges
 * (a circle and a channel pictogram of up to 96 segments, 56 bytes each)
 * and curve points are most of a map's paths; renderers expand a shape
 * with cj_item_segs() (icons.h) when they draw it. */
typedef enum cj_shape_kind {
    CJ_SHAPE_NONE,
    CJ_SHAPE_CIRCLE, /* centre (x, y), radius s */
    CJ_SHAPE_ICON    /* pictogram of `channel` in the square at (x, y) of side s */
} cj_shape_kind;
typedef struct cj_shape {
    double x, y, s;
    uint8_t kind;    /* cj_shape_kind */
    uint8_t channel; /* cjmap_channel */
} cj_shape;

typedef struct cj_item {
    uint8_t type;   /* cj_itype */
    uint8_t role;   /* cj_role */
    uint8_t shaped; /* path: given by `shape`, not by `segs` */
    cj_origin origin;
    cj_rect box;  /* bounding box (rect: the rectangle itself) */
    cj_rect cell; /* where the item must stay */
    cj_paint paint;
    double radius;     /* rect: corner radius */
    union {
        cj_pseg *segs;   /* path, not shaped: n_segs segments */
        cj_shape *shape; /* path, shaped (n_segs is 0) */
    };
    size_t n_segs;
    cj_font font;      /* text */
    cj_color color;    /* text */
    cj_tline *lines;
    size_t n_lines;
} cj_item;

typedef struct cj_page {
    double w, h;     /* physical size, points */
    double scale;    /* content -> physical; <= 1 */
    cj_color bg;
    cj_item **items; /* in painting order; the items belong to the list */
    size_t n, cap;
} cj_page;

typedef struct cj_chunk cj_chunk;

typedef struct cj_dlist {
    cj_page *pages;
    size_t n_pages, cap;
    const char *title, *subject; /* PDF metadata; owned by the list */
    double dpi;
    bool date_set;
    long long date;
    cj_chunk *arena; /* bump allocator for items, strings, segments and lines */
    void **blocks;   /* item arrays handed over by cj_dl_adopt() */
    size_t n_blocks;
    cj_text_fonts fonts; /* the measurer's fonts, to draw with; released by cj_dl_free */
} cj_dlist;

void cj_dl_init(cj_dlist *d);
void cj_dl_free(cj_dlist *d);
/* Zeroed memory owned by the list. */
void *cj_dl_alloc(cj_dlist *d, size_t n);
char *cj_dl_strndup(cj_dlist *d, const char *s, size_t n);
cj_page *cj_dl_page(cj_dlist *d, double w, double h, double scale, cj_color bg);
/* Appends a copy of `it` to `p`; segments and lines are copied (into `d`)
 * and translated by (dx, dy); strings are shared (they belong to `d`). */
cj_item *cj_dl_add(cj_dlist *d, cj_page *p, const cj_item *it, double dx, double dy);
/* Appends `it` to `p` translated by (dx, dy), moving rather than copying:
 * its segments and lines are translated in place and shared, so `it` must
 * not be drawn or added again (the struct itself is copied into `d`).
 * Layout emits every card exactly once, and copying its paths and lines
 * made them live twice at the peak. */
cj_item *cj_dl_move(cj_dlist *d, cj_page *p, cj_item *it, double dx, double dy);
/* Like cj_dl_move(), but `it` itself goes on the page, translated in place:
 * it must live in an array handed to cj_dl_adopt().  The map's cards are
 * most of the items; the page then holds a pointer, not a second copy. */
cj_item *cj_dl_link(cj_dlist *d, cj_page *p, cj_item *it, double dx, double dy);
/* The list takes `block` (malloc'ed) and frees it with itself. */
void cj_dl_adopt(cj_dlist *d, void *block);
/* Text dump; see cjmap_layout_dump(). */
bool cj_dl_dump(const cj_dlist *d, cjmap_write_fn w, void *closure);

/* Locale-free number formatting: at most 3 decimals, zeros trimmed, -0 -> 0.
 * Writes into buf (at least 32 bytes) and returns it. */
char *cj_fmt_num(char *buf, double v);
const char *cj_okind_name(cj_okind k);
/* The dash pattern both renderers use: *n entries (0 for solid) in out,
 * in points. */
void cj_dash_pattern(cj_dash d, double lw, double out[2], int *n);
#endif
