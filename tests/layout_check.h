/*
** layout_check.h — the layout's geometric invariants, checked on a finished
** display list (the layout oracle of the tests):
**   - no page side over CJMAP_MAX_PAGE_SIDE (or the given cap);
**   - every item inside its cell, every cell inside the page;
**   - every text line inside its item's box, and no text drawn below
**     CJMAP_MIN_TEXT_SIZE after the page's scale;
**   - boxes (cards) never overlap each other on a page;
**   - text of a card never overlaps another text item of the same card.
** check_layout() returns the number of violations and prints the first few
** as "  detail" lines (not PASS/FAIL lines, so the caller decides).
*/
#ifndef CJ_TEST_LAYOUT_CHECK_H
#define CJ_TEST_LAYOUT_CHECK_H
#include "layout.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define LC_EPS 0.02

/* The smallest text the layouts checked may have: CJMAP_MIN_TEXT_SIZE,
 * unless a test of --fit sets the size the layout reports (lc_min_text). */
static double lc_min_text = CJMAP_MIN_TEXT_SIZE;

static int lc_inside(cj_rect in, cj_rect out) {
    return in.x >= out.x - LC_EPS && in.y >= out.y - LC_EPS &&
           in.x + in.w <= out.x + out.w + LC_EPS && in.y + in.h <= out.y + out.h + LC_EPS;
}

static int lc_overlap(cj_rect a, cj_rect b) {
    return a.x < b.x + b.w - LC_EPS && b.x < a.x + a.w - LC_EPS && a.y < b.y + b.h - LC_EPS &&
           b.y < a.y + a.h - LC_EPS;
}

typedef struct lc_box {
    cj_rect r;
    size_t i;
} lc_box;

static int lc_cmp_x(const void *a, const void *b) {
    double x = ((const lc_box *)a)->r.x, y = ((const lc_box *)b)->r.x;
    return (x > y) - (x < y);
}

static int lc_report(int *bad, const char *name, size_t page, const cj_item *it, const char *what) {
    if ((*bad)++ < 5)
        printf("  %s page %zu: %s (%s %d/%d at %.2f,%.2f %.2fx%.2f)\n", name, page + 1, what,
               cj_okind_name((cj_okind)it->origin.kind), (int)it->origin.index,
               (int)it->origin.sub, it->box.x, it->box.y, it->box.w, it->box.h);
    return 0;
}

static int check_layout(const cjmap_layout *l, const char *name, double max_side) {
    int bad = 0;
    const cj_dlist *d = &l->dl;
    if (d->n_pages == 0) {
        printf("  %s: no pages\n", name);
        return 1;
    }
    double over = 0;
    if (cjmap_layout_clipped(l, &over)) {
        printf("  %s: %zu items cut off by the page (up to %.1f pt)\n", name,
               cjmap_layout_clipped(l, NULL), over);
        bad++;
    }
    for (size_t p = 0; p < d->n_pages; p++) {
        const cj_page *pg = &d->pages[p];
        if (pg->w > max_side + LC_EPS || pg->h > max_side + LC_EPS || pg->w <= 0 || pg->h <= 0) {
            if (bad++ < 5) printf("  %s page %zu: size %.2f x %.2f\n", name, p + 1, pg->w, pg->h);
        }
        cj_rect page = {0, 0, pg->w / pg->scale, pg->h / pg->scale};
        lc_box *boxes = calloc(pg->n + 1, sizeof *boxes);
        size_t nb = 0;
        for (size_t i = 0; i < pg->n; i++) {
            const cj_item *it = pg->items[i];
            if (!lc_inside(it->cell, page)) lc_report(&bad, name, p, it, "cell outside the page");
            if (!lc_inside(it->box, it->cell)) lc_report(&bad, name, p, it, "item outside its cell");
            if (it->type == CJ_IT_TEXT) {
                if (it->font.size * pg->scale < lc_min_text - 1e-9)
                    lc_report(&bad, name, p, it, "text below the minimum size");
                for (size_t k = 0; k < it->n_lines; k++) {
                    const cj_tline *ln = &it->lines[k];
                    cj_rect lr = {ln->x, ln->y, ln->w, ln->h};
                    if (!lc_inside(lr, it->box)) lc_report(&bad, name, p, it, "line outside its text box");
                }
            }
            if (it->role == CJ_ROLE_BOX) boxes[nb++] = (lc_box){it->box, i};
        }
        /* Sweep by x: only boxes whose x ranges meet are compared. */
        qsort(boxes, nb, sizeof *boxes, lc_cmp_x);
        for (size_t i = 0; i < nb; i++)
            for (size_t j = i + 1; j < nb && boxes[j].r.x < boxes[i].r.x + boxes[i].r.w; j++)
                if (lc_overlap(boxes[i].r, boxes[j].r))
                    lc_report(&bad, name, p, pg->items[boxes[j].i], "boxes overlap");
        free(boxes);
        /* Text items of the same origin (one card) never overlap. */
        for (size_t i = 0; i < pg->n; i++) {
            const cj_item *a = pg->items[i];
            if (a->type != CJ_IT_TEXT) continue;
            for (size_t j = i + 1; j < pg->n && j < i + 12; j++) {
                const cj_item *b = pg->items[j];
                if (b->type != CJ_IT_TEXT || b->origin.kind != a->origin.kind ||
                    b->origin.index != a->origin.index || b->origin.sub != a->origin.sub)
                    continue;
                if (lc_overlap(a->box, b->box)) lc_report(&bad, name, p, b, "texts overlap");
            }
        }
    }
    return bad;
}
#endif
