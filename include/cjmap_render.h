/*
** cjmap_render.h — public API of the layout and render half of libcjmap:
** turn a validated cjmap_model into pages of a swimlane map, then draw the
** pages as PDF, SVG or PNG.
**
** Pipeline: cjmap_model --cjmap_layout_new--> cjmap_layout (pages of a
**           display list: rectangles, paths and text already broken into
**           lines) --cjmap_render--> bytes through a write callback.
**
** Ownership: a cjmap_layout copies every string it needs, so the journey
** (and its model) may be freed as soon as cjmap_layout_new() returns.  A
** measurer must outlive every layout made with it only during
** cjmap_layout_new(); layouts keep no pointer to it.  The library never
** prints, never opens a file and never calls setlocale().
**
** Units: PDF points (1/72 inch), origin at the top-left of a page, y down.
*/
#ifndef CJMAP_RENDER_H
#define CJMAP_RENDER_H

#include <cjmap.h>
#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Paper.  AUTO sizes each page to its content. */
typedef enum cjmap_page_size {
    CJMAP_PAGE_AUTO,
    CJMAP_PAGE_A4,
    CJMAP_PAGE_A3,
    CJMAP_PAGE_A2,
    CJMAP_PAGE_A1,
    CJMAP_PAGE_LETTER,
    CJMAP_PAGE_TABLOID,
    CJMAP_PAGE_A0,
    CJMAP_PAGE_COUNT
} cjmap_page_size;

/* How a map meets a fixed paper.  NONE: scaled down no further than
 * CJMAP_MIN_TEXT_SIZE, continued on more pages when it does not fit.
 * PAGE: the whole map on one sheet, scaled as far as that takes (text may
 * go below CJMAP_MIN_TEXT_SIZE: see cjmap_layout_min_text()).  WIDTH: all
 * phases across one sheet's width, continued downward on more sheets. */
typedef enum cjmap_fit { CJMAP_FIT_NONE, CJMAP_FIT_PAGE, CJMAP_FIT_WIDTH } cjmap_fit;

/* How phases run.  COLUMNS: left to right, a column each, the lanes as
 * horizontal bands (a wall map).  ROWS: top to bottom, a horizontal band
 * each with its name at the left and its lanes side by side, the emotion
 * curve running down beside the names (A4 reports, phones).  AUTO: rows on
 * portrait paper, else columns. */
typedef enum cjmap_arrange {
    CJMAP_ARRANGE_AUTO,
    CJMAP_ARRANGE_COLUMNS,
    CJMAP_ARRANGE_ROWS
} cjmap_arrange;

typedef enum cjmap_theme {
    CJMAP_THEME_DEFAULT, /* restrained colour (Okabe–Ito meaning colours) */
    CJMAP_THEME_MONO     /* greys only; meaning carried by shape, line style, pattern, word */
} cjmap_theme;

typedef enum cjmap_format { CJMAP_FORMAT_PDF, CJMAP_FORMAT_SVG, CJMAP_FORMAT_PNG } cjmap_format;

/* No page side is ever longer than this (the limit PDF viewers enforce). */
#define CJMAP_MAX_PAGE_SIDE 14400.0
/* Pages sized to the map (CJMAP_PAGE_AUTO) are at most this long a side
 * unless max_side asks for more: 100 in (2.54 m), longer than the biggest
 * ISO paper (A0 is 3370 pt) and wide plotter rolls.  cairo holds a whole
 * PDF page until it is written, so the page bounds a build's memory: the
 * 50-phase benchmark map as two 14,400 pt pages peaked at 173 MiB, as
 * eight 7,200 pt pages at 88 MiB, in less time. */
#define CJMAP_DEFAULT_PAGE_SIDE 7200.0
/* No text is drawn smaller than this at 100 % (points), after any scaling. */
#define CJMAP_MIN_TEXT_SIZE 7.0

typedef struct cjmap_layout_options {
    cjmap_page_size page; /* default AUTO */
    bool portrait;        /* fixed paper only; false: landscape (the default) */
    cjmap_theme theme;
    double dpi;           /* PNG resolution; 0: 144 */
    /* Longest page side in points: 0 means CJMAP_DEFAULT_PAGE_SIDE,
     * anything above CJMAP_MAX_PAGE_SIDE means CJMAP_MAX_PAGE_SIDE, and
     * below 400 means 400.  A PNG writer lowers it so a page stays a sane
     * number of pixels (see cjmap_png_max_side()). */
    double max_side;
    /* PDF creation date in seconds since 1970-01-01 UTC (the CLI passes
     * SOURCE_DATE_EPOCH); when date_set is false a fixed date is written,
     * so output never depends on the clock. */
    bool date_set;
    long long date;
    cjmap_fit fit; /* fixed paper only; default NONE */
    cjmap_arrange arrange; /* default AUTO */
} cjmap_layout_options;


/* The longest page side (points) that keeps a PNG at `dpi` within 16384
 * pixels a side, capped at CJMAP_MAX_PAGE_SIDE. */
double cjmap_png_max_side(double dpi);

/* Measures text for the layout.  Two implementations: pango (the real
 * fonts; what the renderers draw with) and fixed (deterministic fake
 * metrics for geometry tests; output drawn after a fixed-measured layout
 * is legible but its text does not fit its boxes exactly). */
typedef struct cjmap_measurer cjmap_measurer;

/* Returns NULL when pango or fontconfig cannot be set up.  Free with
 * cjmap_measurer_free(). */
cjmap_measurer *cjmap_measurer_pango_new(void);
/* Never returns NULL (aborts when out of memory). */
cjmap_measurer *cjmap_measurer_fixed_new(void);
/* NULL is allowed and does nothing. */
void cjmap_measurer_free(cjmap_measurer *m);

typedef struct cjmap_layout cjmap_layout;

/* Lays `model` out on pages.  `opts` may be NULL (defaults).  `measurer`
 * is used during the call only.  Returns NULL only when the measurer
 * fails.  Free with cjmap_layout_free(); the result borrows nothing. */
cjmap_layout *cjmap_layout_new(const cjmap_model *model, const cjmap_layout_options *opts,
                               cjmap_measurer *measurer);
/* NULL is allowed and does nothing. */
void cjmap_layout_free(cjmap_layout *l);

/* At least 1. */
size_t cjmap_layout_page_count(const cjmap_layout *l);
/* Whether the phases run as rows (cjmap_arrange, after AUTO is decided). */
bool cjmap_layout_rows(const cjmap_layout *l);
/* The smallest text size on the layout's pages, in points after the
 * pages' scale (a map scaled to fit a paper draws its 7.5 pt text
 * smaller). */
double cjmap_layout_min_text(const cjmap_layout *l);
/* On fixed paper: the whole map's width and height in points before it is
 * scaled and paginated (title, header, lanes and legend as one page, with
 * the columns the paper calls for); 0 x 0 on auto pages.  For reports such
 * as the page-count lower bound (bench/pagecount.c). */
void cjmap_layout_extent(const cjmap_layout *l, double *w, double *h);
/* On fixed paper: the area in square points, before scaling, that the map
 * needs without page breaks: the smaller of the extent above and the
 * column groups it is printed in, each with its own header and lanes as
 * tall as that group needs, plus title and legend; 0 on auto pages.  No
 * pagination at a scale s can use less paper than s * s times this. */
double cjmap_layout_area(const cjmap_layout *l);

/* How many drawn items reach outside their page: a phase header or a card
 * taller than the longest page side (max_side) or the paper, which is cut
 * off where the page ends.  *over (may be NULL) receives the largest
 * overrun in points.  0 for every map that fits. */
size_t cjmap_layout_clipped(const cjmap_layout *l, double *over);
/* Size of page `page` (0-based) in points. */
void cjmap_layout_page_size(const cjmap_layout *l, size_t page, double *w, double *h);

/* Receives output bytes; returns false to abort rendering (write error). */
typedef bool (*cjmap_write_fn)(void *closure, const unsigned char *data, size_t len);

#define CJMAP_ALL_PAGES ((size_t)-1)

/* Draws page `page` (0-based), or every page with CJMAP_ALL_PAGES, as
 * `fmt`, writing through `write`.  PDF holds any number of pages; SVG and
 * PNG hold exactly one, so for them CJMAP_ALL_PAGES is allowed only when the
 * layout has a single page.  Returns false on a bad page argument, a cairo
 * error or when `write` returned false; bytes already written may then be
 * an incomplete document (write to a temporary file and rename). */
bool cjmap_render(const cjmap_layout *l, cjmap_format fmt, size_t page, cjmap_write_fn write,
                  void *closure);

/* Writes the display list as text, one item a line, positions in points
 * with at most three decimals: the layout oracle for tests and `cjmap dump layout`. */
/* Several maps in one PDF, in order, with a bookmark (PDF outline entry) per
 * journey pointing at its first page.  The document title joins the
 * journeys' titles.  Returns false when writing or drawing failed. */
bool cjmap_render_pdf_book(const cjmap_layout *const *layouts, size_t n, cjmap_write_fn write,
                           void *closure);

bool cjmap_layout_dump(const cjmap_layout *l, cjmap_write_fn write, void *closure);

#ifdef __cplusplus
}
#endif
#endif /* CJMAP_RENDER_H */
