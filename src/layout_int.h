/*
** layout_int.h — what the parts of the layout share, and nothing else:
** geometry and fonts, the theme, the layout state (`lay`), the drawing
** primitives, and each part's entry points.  Private to src/layout*.c.
**
**   layout.c         entry points, themes, buckets, column width, header geometry
**   layout_draw.c    primitives: text, boxes, paths, shapes, bullets; atoms
**   layout_cards.c   cards and lanes: the body of the map in map coordinates,
**                    and the lane table (one row per lane) the other parts
**                    loop over
**   layout_curve.c   the emotion curve: points, tangents, the part on one page
**   layout_legend.c  title block, running head, legend, and what the legend
**                    must explain (computed from the model before drawing)
**   layout_pages.c   header row, pagination (planning) and page emission
**   layout_rows.c    the rows layout: its columns and tiers, its rows, and
**                    the part of them a page shows (note 8 in layout.c)
**
** Functions one part lends another are cj_lay_*; the rest stay static.
*/
#ifndef CJ_LAYOUT_INT_H
#define CJ_LAYOUT_INT_H
#include "arena.h"
#include "layout.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PAD       8.0  /* lane cell padding */
#define GAP       6.0  /* between atoms in a cell */
#define CPAD      6.0  /* card padding */
#define ARROW     10.0 /* chevron point depth */
#define BADGE_D   16.0 /* touchpoint pictogram badge diameter */
#define EMO_PLOT  88.0
#define EMO_INSET 10.0
#define MIN_FONT  7.5 /* the smallest size this layout uses */
#define MOT_W     13.0 /* a phase name's room for the moment-of-truth marker */
#define CJ_BUSY_PHASE     4    /* scores in a phase from which the curve shows its mean and range */
#define CJ_SCALE_MAX_SPAN 200  /* the widest scale a layout draws (the format allows 10) */

static const cj_font F_TITLE = {20, 1, 0}, F_SEG = {11, 0, 0}, F_BODY = {9, 0, 0},
                     F_PHASE = {11, 1, 0}, F_STMT = {9, 0, 1}, F_LANE = {9, 1, 0},
                     F_CARD = {8.5, 0, 0}, F_CARD_B = {8.5, 1, 0}, F_META = {7.5, 1, 0},
                     F_TAG = {7.5, 0, 0}, F_LEGEND = {8, 0, 0}, F_METRIC = {8, 0, 0},
                     F_HEAD = {9, 0, 0}, F_BADGE = {8, 1, 0};

/* ------------------------------------------------------------------ */
/* Themes                                                              */
/* ------------------------------------------------------------------ */

typedef struct theme {
    bool mono;
    cj_color bg, text, soft, rule, grid, band, band_alt, accent, on_accent, card, card_line;
    cj_color emo, emo_text, emo_tint, rat, rat_text, rat_tint;
    cj_color sev[4], sev_tint[4], opp, opp_tint;
    cj_color curve, pos_tint, neg_tint, lowest, tag_line;
    cj_color back, back_tint, sup, sup_tint, line, mot; /* service blueprint; moment of truth */
    cj_color range, range_tint, bridge;                 /* the curve on busy phases; its bridges */
} theme;

/* ------------------------------------------------------------------ */
/* State                                                               */
/* ------------------------------------------------------------------ */

typedef struct ivec {
    cj_item *v;
    size_t n, cap;
} ivec;

typedef struct atom {
    cj_rect box; /* map coordinates */
    int col;     /* phase column; -1 spans the whole body */
    int lane;    /* index into lay.lanes; rows: -1 for a phase's statement */
    size_t first, count;
    double dx, dy; /* rows: where a cell's flow moved it from where it was drawn */
} atom;

/* What the legend must explain: which encodings the map shows.  Computed
 * from the model alone, before anything is drawn (cj_lay_legend_needs);
 * drawing reads it and never changes it. */
typedef struct legend_needs {
    bool online, offline, direct, indirect; /* touchpoints used in a phase */
    bool owner[4];                          /* every touchpoint's owner (& 3) */
    bool show_owner;                        /* more than one owner: cards carry owner tags */
    bool chan[CJMAP_CH_COUNT];              /* channels of touchpoints used in a phase */
    bool emo, rat, high, score;             /* experiences in a phase; score: on the scale */
    bool curve;                             /* the emotion lane is drawn: neutral */
    bool lowest;                            /* a lowest point below neutral is marked */
    bool range;                             /* a busy phase shows its mean and range */
    bool bridge;                            /* the curve bridges a phase without scores */
    bool sev[4];                            /* pains in a phase, by severity (unset: medium) */
    bool opp;                               /* an opportunity in a phase */
    bool mot;                               /* a phase is a moment of truth */
    bool lane[CJMAP_LANE_COUNT];            /* the built-in lanes the map may draw */
} legend_needs;

typedef struct lay lay;
typedef struct flow flow; /* layout_legend.c: where the legend's next entry goes */
typedef struct lane_info lane_info;

/* The three lines of a service blueprint, each drawn as a thin strip of
 * its own between two lanes (so its label never meets a card). */
typedef enum cj_line {
    CJ_LINE_INTERACTION,
    CJ_LINE_VISIBILITY,
    CJ_LINE_INTERNAL,
    CJ_LINE_COUNT
} cj_line;
/* Lane class ids after the built-in lanes: an own lane, a line. */
enum { CJ_LANE_OWN = CJMAP_LANE_COUNT, CJ_LANE_LINE };

/* What makes a lane: one row per kind of lane (cj_lay_lane_table for the
 * built-in lanes, cj_lay_own_class for own lanes, cj_lay_line_class for
 * the blueprint's lines).  Building, measuring, paginating and the legend
 * loop over the map's lanes (lay.lanes) instead of switching on the lane. */
typedef struct lane_class {
    int id;                               /* cjmap_lane, CJ_LANE_OWN or CJ_LANE_LINE */
    const char *name[CJMAP_LOCALE_COUNT]; /* built-in label (`labels:` overrides it) */
    double scale_w;        /* room the label keeps at the label column's edge for ticks */
    double rows_w;         /* rows layout: the narrowest column its cells read well in (0: 124) */
    bool whole;            /* never split over pages (the emotion plot, a line) */
    bool below_visibility; /* service blueprint: below the line of visibility */
    bool line;             /* a blueprint line: no band, no cells, a small label */
    /* The phase's items in this lane; a lane with none in every phase is not drawn. */
    size_t (*count)(const lay *L, const lane_info *ln, size_t p);
    /* The column width the phase's cell wants: raises *need (a width) and
     * *longest (the longest text, wanted in about three lines).  NULL: none. */
    void (*measure)(lay *L, const lane_info *ln, size_t p, double *need, double *longest);
    /* Draws the phase's cell into the body at x (width `inner`), one atom
     * per item, moving *cy down past each. */
    void (*cell)(lay *L, int li, size_t p, double x, double *cy, double inner);
    /* Instead of cells: draws the whole lane `li` at map y `top`; returns
     * its height (the lane is not rounded to the 4 pt grid). */
    double (*build)(lay *L, int li, double top);
    /* Extra drawing on the lane's band on every page, across [CJ_LABEL_W, x1]. NULL: none. */
    void (*band)(lay *L, const lane_info *ln, ivec *v, double x1, cj_origin o);
    /* Adds what the legend must explain about the lane.  NULL: nothing. */
    void (*legend)(lay *L, ivec *v, flow *f);
} lane_class;
extern const lane_class cj_lay_lane_table[CJMAP_LANE_COUNT];
extern const lane_class cj_lay_own_class;
extern const lane_class cj_lay_line_class[CJ_LINE_COUNT];

struct lane_info {
    const lane_class *cls;
    cjmap_index own; /* an own lane's index in the model, else CJMAP_NONE */
    int32_t oid;     /* the lane in origins: cjmap_lane, CJMAP_LANE_COUNT + own, or the line */
    int band;        /* which band colour (lines take none) */
    double top, h, label_h;
    const char *label;
};

typedef struct bucket { /* element indices grouped by phase, in model order */
    size_t *start;      /* n_phases + 1 */
    int32_t *idx;
    int32_t *sub;
} bucket;

/* The rows layout (layout_rows.c; cjmap_arrange ROWS).  Map coordinates:
 * x = 0 is the left edge of the phase column, then the curve column (when
 * the map has one), then the lane columns; y = 0 is the top of the first
 * phase row, under the heading.  Lanes that do not fit side by side wrap
 * into tiers: each phase row holds its tiers one below the other.  A
 * blueprint line between two lanes of one tier is a narrow strip between
 * their columns; between two tiers, a strip between the tiers' cells. */
typedef struct rows_geom {
    double ph_w;       /* the phase column */
    double cv_x, cv_w; /* the curve column; cv_w 0: the map has none */
    double w;          /* all columns */
    double *lx, *lw;   /* per lane (lay.lanes): its column, or a line's strip */
    int *tier;         /* per lane: its tier */
    int *sub;          /* per lane: the columns its cells flow into (1: one) */
    bool *across;      /* per lane: a line between two tiers (a horizontal strip) */
    int n_tiers;
    double *top, *h;   /* per phase row */
    double *ttop, *th; /* per row and tier (n_phases × n_tiers) */
    double *start;     /* per row: its chevron and statement (a page it starts on shows them) */
    double *cont;      /* per row: the chevron band over a page that continues it */
    double *stmt_end;  /* per row: where its statement ends (0: none) */
    double *head_y;    /* per tier: its lane headings' top in the heading */
    double head_h;     /* the heading over the rows, on every page */
    double page_h;     /* the page's content height (pagination sets it) */
} rows_geom;

struct lay {
    const cjmap_model *m;
    cjmap_measurer *meas;
    cj_dlist *dl;
    theme th;
    cj_mbox mb;
    bool fail;
    cjmap_locale loc;
    size_t n_cols;
    double W;
    ivec body;
    atom *atoms;
    size_t n_atoms, cap_atoms;
    lane_info *lanes; /* the lanes drawn, top to bottom (cj_lay_plan_lanes) */
    int n_lanes;
    double body_h;
    double full_w, full_h; /* fixed paper: the whole map, unscaled, as one page (else 0) */
    double area;           /* fixed paper: the least area it needs (cjmap_layout_area) */
    double chev_h, stmt_h, header_h;
    double header_compact_h;               /* continuation pages: chevrons only, no statements */
    const char **phase_name, **phase_stmt; /* normalized copies */
    /* emotion curve, map coordinates */
    double *px, *py, *pm; /* points and Fritsch–Carlson tangents */
    size_t *pph;          /* each point's phase */
    size_t n_pts;
    int emo_lane;    /* index into lanes, -1 if none */
    double plot_top; /* y of scale.max */
    double plot_len; /* the plot from scale.min to scale.max: EMO_PLOT, shorter in rows */
    cjmap_scale scale; /* the model's, when usable (cjmap.h), else the default */
    legend_needs need; /* what the legend must explain (cj_lay_legend_needs) */
    bucket b_tp, b_exp, b_pain, b_opp, b_back, b_sup;
    bool rows; /* the phases run as rows (rows_geom) */
    rows_geom R;
};

#define xcalloc cj_xcalloc

/* ------------------------------------------------------------------ */
/* Small helpers (every part uses them)                                */
/* ------------------------------------------------------------------ */

static inline cj_origin cj_lay_origin(cj_okind k, int32_t i, int32_t s) {
    return (cj_origin){(uint8_t)k, i, s};
}
static inline cj_paint cj_lay_fill(cj_color c) { return (cj_paint){c, CJ_NONE, 0, CJ_DASH_SOLID}; }
static inline cj_paint cj_lay_stroke(cj_color c, double lw, cj_dash d) {
    return (cj_paint){CJ_NONE, c, (float)lw, (uint8_t)d};
}
static inline cj_paint cj_lay_both(cj_color f, cj_color s, double lw, cj_dash d) {
    return (cj_paint){f, s, (float)lw, (uint8_t)d};
}
static inline double cj_lay_col_x(const lay *L, size_t c) { return CJ_LABEL_W + (double)c * L->W; }
/* The width of a lane's label. */
static inline double cj_lay_label_w(const lane_class *c) {
    return CJ_LABEL_W - 2 * PAD - c->scale_w;
}
/* Whether the experience has a score the map can place on scale sc. */
static inline bool cj_lay_scored_on(const cjmap_scale *sc, const cjmap_experience *e) {
    return e->scored && e->score >= sc->min && e->score <= sc->max;
}
static inline bool cj_lay_scored(const lay *L, const cjmap_experience *e) {
    return cj_lay_scored_on(&L->scale, e);
}
/* Where score s lies across the emotion plot: its y, scale.max at
 * plot_top; in rows its x, scale.min at plot_top (the plot's left edge). */
static inline double cj_lay_score_y(const lay *L, double s) {
    const cjmap_scale *sc = &L->scale;
    double f = (L->rows ? s - (double)sc->min : (double)sc->max - s) / (double)(sc->max - sc->min);
    return L->plot_top + f * L->plot_len;
}

/* layout_draw.c: primitives.  cj_lay_text() and cj_lay_bullet() take text
 * already normalized (cj_lay_norm) and owned by the display list, and
 * return its height; cj_lay_rect() returns the item's index in `v`. */
const char *cj_lay_norm(lay *L, const char *s);
const char *cj_lay_cat3(lay *L, const char *a, const char *b, const char *c);
bool cj_lay_measure(lay *L, const char *s, cj_font f, double maxw);
double cj_lay_natural_w(lay *L, const char *s, cj_font f);
double cj_lay_text(lay *L, ivec *v, const char *s, cj_font f, cj_color c, double x, double y,
                   double maxw, cj_origin o, double *w);
size_t cj_lay_rect(ivec *v, double x, double y, double w, double h, double r, cj_paint p,
                   cj_role role, cj_origin o);
void cj_lay_path(lay *L, ivec *v, const cj_pseg *segs, size_t n, cj_paint p, cj_origin o);
void cj_lay_shape(lay *L, ivec *v, cj_shape sh, cj_paint p, cj_origin o);
void cj_lay_circle(lay *L, ivec *v, double cx, double cy, double r, cj_paint p, cj_origin o);
double cj_lay_bullet(lay *L, ivec *v, const char *s, cj_font f, cj_color c, double x, double y,
                     double maxw, cj_origin o);
void cj_lay_atom_add(lay *L, size_t first, int col, int lane);

/* layout_cards.c: card parts the legend repeats as samples, and the body. */
void cj_lay_tp_badge(lay *L, ivec *v, const cjmap_touchpoint *tp, double x, double y, double d,
                     cj_origin o);
void cj_lay_star(lay *L, ivec *v, double cx, double cy, double r, cj_color c, cj_origin o);
void cj_lay_sev_marker(lay *L, ivec *v, cjmap_level sev, double x, double y, double s, cj_origin o);
/* The lanes the map draws, in order (the model's `lanes:` or the default
 * order; lanes with nothing in any phase left out; the blueprint's lines
 * between the lanes they separate): fills lay.lanes' classes and labels. */
void cj_lay_plan_lanes(lay *L);
void cj_lay_build_lanes(lay *L);
/* A phase header's moment-of-truth marker, a diamond in a box of side s. */
void cj_lay_mot_marker(lay *L, ivec *v, double x, double y, double s, cj_origin o);

/* layout_curve.c: the emotion lane's build and band (lane_class). */
double cj_lay_build_emotions(lay *L, int li, double top);
void cj_lay_plot_band(lay *L, const lane_info *ln, ivec *v, double x1, cj_origin o);
void cj_lay_curve_part(lay *L, ivec *v, double x0, double x1);

/* layout_legend.c: each returns the block's height, 0 for an empty legend. */
double cj_lay_build_title(lay *L, ivec *v, double TW);
double cj_lay_build_runhead(lay *L, ivec *v, double TW, size_t page, size_t pages);
double cj_lay_build_legend(lay *L, ivec *v, double TW);
/* What the legend must explain, from the model and the scale the map uses
 * (the model's when usable).  Only elements the map draws count: a
 * touchpoint use, experience, pain or opportunity whose phase is missing is
 * drawn nowhere, and the curve exists only with a score on the scale in a
 * phase.  Owners count every touchpoint (they decide the owner tags).  The
 * theme, paper and pagination change nothing here: every drawn element is
 * drawn on some page, and the mono theme keeps every entry. */
void cj_lay_legend_needs(const cjmap_model *m, const cjmap_scale *scale, legend_needs *need);
/* The lanes' legend entries (lane_class.legend). */
void cj_lay_legend_touchpoints(lay *L, ivec *v, flow *f);
void cj_lay_legend_experiences(lay *L, ivec *v, flow *f);
void cj_lay_legend_emotions(lay *L, ivec *v, flow *f);
void cj_lay_legend_pains(lay *L, ivec *v, flow *f);
void cj_lay_legend_opportunities(lay *L, ivec *v, flow *f);
void cj_lay_legend_phases(lay *L, ivec *v, flow *f); /* moments of truth */

/* layout_rows.c: the rows layout.  cj_lay_rows_plan() sizes the columns
 * for a content width at full size `avail`: the paper's (`paper`: it may
 * also take the smallest text size), or on auto pages the width they aim
 * at; `extra_tiers` more tiers than the width needs (a candidate layout);
 * cj_lay_rows_build() fills the body, the rows' tops and the curve. */
void cj_lay_rows_plan(lay *L, double avail, bool paper, int extra_tiers);
void cj_lay_rows_build(lay *L);
void cj_lay_rows_free(lay *L);
/* The heading over the rows (lane names, the scale's ticks), at y = 0. */
void cj_lay_rows_heading(lay *L, ivec *v);
/* The body [ya, yb) of the rows (backgrounds, phase cells, lines, curve)
 * into v, moved by dy; the atoms are linked by the caller. */
void cj_lay_rows_slice(lay *L, ivec *v, double ya, double yb);
/* A page whose body starts at ya inside a row repeats the row's chevron in
 * a band above the body: its height (0: ya is not inside a row), and the
 * band drawn at y = 0. */
double cj_lay_rows_cont(const lay *L, double ya);
void cj_lay_rows_cont_band(lay *L, ivec *v, double ya);
/* The cell an atom of the rows layout must stay inside, clipped to [ya, yb). */
cj_rect cj_lay_rows_cell(const lay *L, const atom *a, double ya, double yb);

/* layout_pages.c */
double cj_lay_rows_width(const cjmap_layout_options *o, bool *paper);
double cj_lay_fit_columns(double W, size_t n, const cjmap_layout_options *o, size_t per_group);
size_t cj_lay_max_per_group(const cjmap_layout_options *o);
size_t cj_lay_per_group(double W, const cjmap_layout_options *o);
void cj_lay_paginate(lay *L, const cjmap_layout_options *o);
#endif
