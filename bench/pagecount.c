/*
** pagecount.c — the page-count report of issue 14 (items 2 and 3): for
** each journey and paper (A4 and A3, landscape and portrait, and portrait
** in columns as well as in rows, portrait's default), the pages cjmap
** prints and the area lower bound beside it.
**
**   pagecount FILE.yaml...                 journeys from files
**   pagecount --generate N SEED            N generated journeys (5-12 phases,
**                                          10-40 touchpoints), via genjourney's
**                                          shape: see bench/genjourney.c
**
** The lower bound is the map's area at the smallest text size a printed
** map may use (CJMAP_MIN_TEXT_SIZE; the layout draws 7.5 pt text, so the
** map may be scaled to 7/7.5) divided by the paper's printable area
** (the page less CJ_MARGIN on each side), rounded up: no layout with text
** of these columns can use fewer pages.  The map's area is the least it
** needs for that paper without page breaks (cjmap_layout_area: the
** smaller of the map as one band, with the columns reflowed to the
** paper's width, and the column groups it is printed in, each with its
** own lanes; before scaling).  The
** report prints pages, bound and their ratio; the target is a ratio of at
** most 1.3.  It is a measurement: nothing is asserted.
*/
#include "cjmap.h"
#include "cjmap_render.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MARGIN = 24 }; /* CJ_MARGIN (src/layout.h) */
/* Landscape (columns), portrait (rows, the default there) and portrait in
 * columns, on A4 and A3. */
enum { NPAPERS = 6 };

static char *slurp(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 16, n = 0;
    char *b = malloc(cap);
    size_t k;
    while (b && (k = fread(b + n, 1, cap - n, f)) > 0) {
        n += k;
        if (n == cap) {
            char *nb = realloc(b, cap *= 2);
            if (!nb) {
                free(b);
                b = NULL;
            }
            b = nb;
        }
    }
    fclose(f);
    *len = n;
    return b;
}

typedef struct row {
    double ratio_sum, worst;
    int n;
} row;

static void report(const char *name, const cjmap_model *m, cjmap_measurer *ms, row *total) {
    double s = CJMAP_MIN_TEXT_SIZE / 7.5;
    static const struct {
        cjmap_page_size p;
        bool portrait;
        cjmap_arrange a;
    } papers[NPAPERS] = {{CJMAP_PAGE_A4, false, CJMAP_ARRANGE_AUTO},
                         {CJMAP_PAGE_A4, true, CJMAP_ARRANGE_AUTO},
                         {CJMAP_PAGE_A4, true, CJMAP_ARRANGE_COLUMNS},
                         {CJMAP_PAGE_A3, false, CJMAP_ARRANGE_AUTO},
                         {CJMAP_PAGE_A3, true, CJMAP_ARRANGE_AUTO},
                         {CJMAP_PAGE_A3, true, CJMAP_ARRANGE_COLUMNS}};
    printf("| %s |", name);
    for (size_t i = 0; i < sizeof papers / sizeof papers[0]; i++) {
        cjmap_layout_options o = {0};
        o.page = papers[i].p;
        o.portrait = papers[i].portrait;
        o.arrange = papers[i].a;
        cjmap_layout *l = cjmap_layout_new(m, &o, ms);
        double pw = 0, ph = 0;
        size_t pages = l ? cjmap_layout_page_count(l) : 0;
        if (l) cjmap_layout_page_size(l, 0, &pw, &ph);
        double area = (l ? cjmap_layout_area(l) : 0) * s * s; /* at 7 pt */
        cjmap_layout_free(l);
        if (!pages) {
            printf(" – |");
            continue;
        }
        double bound = fmax(1, ceil(area / ((pw - 2 * MARGIN) * (ph - 2 * MARGIN)) - 1e-9));
        double r = (double)pages / bound;
        printf(" %zu / %.0f (%.2f×) |", pages, bound, r);
        total[i].ratio_sum += r;
        total[i].worst = fmax(total[i].worst, r);
        total[i].n++;
    }
    printf("\n");
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: pagecount FILE.yaml...\n");
        return 2;
    }
    cjmap_measurer *ms = cjmap_measurer_pango_new();
    if (!ms) return 1;
    row total[NPAPERS] = {{0}};
    printf("| Journey | A4 | A4 portrait (rows) | A4 portrait, columns | A3 | A3 portrait (rows) | "
           "A3 portrait, columns |\n|---|--:|--:|--:|--:|--:|--:|\n");
    for (int i = 1; i < argc; i++) {
        size_t len = 0;
        char *b = slurp(argv[i], &len);
        cjmap_journey *j = b ? cjmap_journey_load(argv[i], b, len, NULL) : NULL;
        const cjmap_model *m = j ? cjmap_journey_model(j) : NULL;
        const char *base = strrchr(argv[i], '/');
        if (m)
            report(base ? base + 1 : argv[i], m, ms, total);
        else
            fprintf(stderr, "pagecount: %s does not load as a valid journey\n", argv[i]);
        cjmap_journey_free(j);
        free(b);
    }
    printf("| **mean (worst)** |");
    for (int k = 0; k < NPAPERS; k++)
        printf(" %.2f× (%.2f×) |", total[k].n ? total[k].ratio_sum / total[k].n : 0,
               total[k].worst);
    printf("\n");
    cjmap_measurer_free(ms);
    return 0;
}
