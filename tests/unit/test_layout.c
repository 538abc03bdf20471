/*
** test_layout.c — layout property tests with the deterministic fixed
** measurer, on generated journeys of many shapes (1 to 60 phases, 0 to 500
** touchpoints, huge unbreakable words, empty lanes), on every paper size:
** nothing overlaps, nothing leaves its cell or page, no page over the
** limit, no text under 7 pt, every text of the journey is laid out, and the
** same input gives the same display list.
*/
#include "harness.h"
#include "labels.h"
#include "layout_check.h"
#include "layout_int.h"
#include "membuf.h"
#include "models.h"

#include <cjmap_render.h>

#include <ctype.h>
#include <limits.h>

const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void) { return "leak:libfontconfig.so\n"; }
const char *__lsan_default_options(void);
const char *__lsan_default_options(void) { return "print_suppressions=0"; }


/* Text with every space and newline removed: wrapping only moves those. */
static char *strip(const char *s, size_t n) {
    char *d = malloc(n + 1), *o = d;
    for (size_t i = 0; i < n; i++)
        if (!isspace((unsigned char)s[i])) *o++ = s[i];
    *o = 0;
    return d;
}

typedef struct strs {
    char **v;
    size_t n, cap;
} strs;

static void strs_add(strs *s, char *x) {
    if (s->n == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 256;
        s->v = realloc(s->v, s->cap * sizeof *s->v);
    }
    s->v[s->n++] = x;
}

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every text item of the layout, lines joined and stripped, sorted. */
static strs item_texts(const cjmap_layout *l) {
    strs s = {0};
    for (size_t p = 0; p < l->dl.n_pages; p++) {
        const cj_page *pg = &l->dl.pages[p];
        for (size_t i = 0; i < pg->n; i++) {
            const cj_item *it = pg->items[i];
            if (it->type != CJ_IT_TEXT) continue;
            size_t n = 0;
            for (size_t k = 0; k < it->n_lines; k++) n += it->lines[k].len;
            char *joined = malloc(n + 1), *o = joined;
            for (size_t k = 0; k < it->n_lines; k++) {
                memcpy(o, it->lines[k].s, it->lines[k].len);
                o += it->lines[k].len;
            }
            *o = 0;
            strs_add(&s, strip(joined, n));
            /* The same text with the hyphens of broken words taken out:
             * a line that ends in '-' after a letter, before a letter. */
            o = joined;
            bool any = false;
            for (size_t k = 0; k < it->n_lines; k++) {
                size_t ll = it->lines[k].len;
                const char *ls = it->lines[k].s;
                if (k + 1 < it->n_lines && ll > 1 && ls[ll - 1] == '-' && it->lines[k + 1].len &&
                    !isspace((unsigned char)it->lines[k + 1].s[0]) &&
                    (isalnum((unsigned char)ls[ll - 2]) || (unsigned char)ls[ll - 2] >= 0x80))
                    ll--, any = true;
                memcpy(o, ls, ll);
                o += ll;
            }
            *o = 0;
            if (any) strs_add(&s, strip(joined, (size_t)(o - joined)));
            free(joined);
        }
    }
    qsort(s.v, s.n, sizeof *s.v, cmp_str);
    return s;
}

static void strs_free(strs *s) {
    for (size_t i = 0; i < s->n; i++) free(s->v[i]);
    free(s->v);
}

static bool has_text(const strs *s, const char *pre, const char *text, const char *post) {
    if (!text) return true;
    size_t n = strlen(pre) + strlen(text) + strlen(post);
    char *cat = malloc(n + 1);
    snprintf(cat, n + 1, "%s%s%s", pre, text, post);
    char *want = strip(cat, n);
    free(cat);
    bool found = *want == 0 || bsearch(&want, s->v, s->n, sizeof *s->v, cmp_str) != NULL;
    if (!found) printf("  missing text: '%.60s'\n", text);
    free(want);
    return found;
}

/* Every model text is drawn somewhere, whole (as one text item). */
static int missing_texts(const cjmap_model *m, const cjmap_layout *l) {
    strs s = item_texts(l);
    int miss = 0;
    miss += !has_text(&s, "", m->title, "");
    miss += !has_text(&s, "", m->segment_description, "");
    for (size_t i = 0; i < m->n_segment_goals; i++) miss += !has_text(&s, "", m->segment_goals[i], "");
    const char *qo = cj_word_text(m->locale, CJ_W_QUOTE_OPEN), *qc = cj_word_text(m->locale, CJ_W_QUOTE_CLOSE);
    for (size_t p = 0; p < m->n_phases; p++) {
        const cjmap_phase *ph = &m->phases[p];
        miss += !has_text(&s, "", ph->name, "");
        if (ph->statement) miss += !has_text(&s, qo, ph->statement, qc);
        for (size_t a = 0; a < ph->n_actions; a++) miss += !has_text(&s, "", ph->actions[a], "");
        for (size_t k = 0; k < ph->n_metrics; k++) {
            char buf[4096];
            snprintf(buf, sizeof buf, "%s: %s", ph->metrics[k].name, ph->metrics[k].value);
            miss += !has_text(&s, "", buf, "");
        }
    }
    for (size_t t = 0; t < m->n_touchpoints; t++) {
        miss += !has_text(&s, "", m->touchpoints[t].name, "");
        for (size_t u = 0; u < m->touchpoints[t].n_uses; u++)
            miss += !has_text(&s, "", m->touchpoints[t].uses[u].purpose, "");
    }
    for (size_t i = 0; i < m->n_experiences; i++) miss += !has_text(&s, "", m->experiences[i].text, "");
    for (size_t i = 0; i < m->n_pains; i++) miss += !has_text(&s, "", m->pains[i].text, "");
    for (size_t i = 0; i < m->n_opportunities; i++) miss += !has_text(&s, "", m->opportunities[i].text, "");
    for (size_t p = 0; p < m->n_phases; p++)
        for (size_t o = 0; m->phases[p].own && o < m->n_own_lanes; o++)
            for (size_t k = 0; k < m->phases[p].own[o].n_texts; k++)
                miss += !has_text(&s, "", m->phases[p].own[o].texts[k], "");
    for (size_t o = 0; o < m->n_own_lanes; o++) { /* the label of an own lane that is drawn */
        bool filled = false;
        for (size_t p = 0; p < m->n_phases; p++)
            filled |= m->phases[p].own && m->phases[p].own[o].n_texts;
        if (filled) miss += !has_text(&s, "", m->own_lanes[o].name, "");
    }
    const cjmap_step *steps[2] = {m->backstage, m->support};
    size_t n_steps[2] = {m->n_backstage, m->n_support};
    for (int w = 0; w < 2; w++)
        for (size_t i = 0; i < n_steps[w]; i++) {
            miss += !has_text(&s, "", steps[w][i].text, "");
            if (steps[w][i].actor) miss += !has_text(&s, "", steps[w][i].actor, "");
        }
    strs_free(&s);
    return miss;
}

static void run_shape(cjmap_measurer *ms, const char *label, uint32_t seed, const tm_shape *sh,
                      const cjmap_layout_options *o) {
    tm_pool P = {0};
    cjmap_model *m = tm_generate(&P, seed, sh);
    char name[160];
    snprintf(name, sizeof name, "%s (seed %u, %zu phases, %zu touchpoints, page %d%s)", label,
             (unsigned)seed, sh->phases, sh->touchpoints, (int)o->page, o->portrait ? " portrait" : "");
    if (o->fit != CJMAP_FIT_NONE)
        snprintf(name + strlen(name), sizeof name - strlen(name), " fit=%s",
                 o->fit == CJMAP_FIT_PAGE ? "page" : "width");
    bool rows = o->arrange == CJMAP_ARRANGE_ROWS ||
                (o->arrange == CJMAP_ARRANGE_AUTO && o->page != CJMAP_PAGE_AUTO && o->portrait);
    snprintf(name + strlen(name), sizeof name - strlen(name), rows ? " rows" : " columns");
    cjmap_layout *l = cjmap_layout_new(m, o, ms);
    CHECK(name, l != NULL);
    if (l) {
        char n1[260];
        snprintf(n1, sizeof n1, "the layout asked for: %s", name);
        CHECK(n1, cjmap_layout_rows(l) == rows);
        double cap = o->max_side > 0 ? o->max_side : CJMAP_DEFAULT_PAGE_SIDE;
        char n2[260];
        lc_min_text = o->fit != CJMAP_FIT_NONE ? cjmap_layout_min_text(l) : CJMAP_MIN_TEXT_SIZE;
        snprintf(n2, sizeof n2, "geometry: %s", name);
        CHECK(n2, check_layout(l, name, cap) == 0);
        lc_min_text = CJMAP_MIN_TEXT_SIZE;
        if (o->fit == CJMAP_FIT_PAGE) {
            snprintf(n2, sizeof n2, "one sheet: %s", name);
            CHECK(n2, cjmap_layout_page_count(l) == 1);
        }
        if (o->fit == CJMAP_FIT_WIDTH) { /* every page at one scale: the columns one sheet wide */
            bool same = true;
            for (size_t p = 1; p < l->dl.n_pages; p++)
                same &= l->dl.pages[p].scale == l->dl.pages[0].scale;
            snprintf(n2, sizeof n2, "one scale on every page: %s", name);
            CHECK(n2, same);
        }
        int blank = 0; /* a page with nothing but its background, running head and legend */
        for (size_t p = 0; p < l->dl.n_pages; p++) {
            size_t ink = 0;
            for (size_t i = 0; i < l->dl.pages[p].n; i++) {
                cj_okind k = (cj_okind)l->dl.pages[p].items[i]->origin.kind;
                ink += k != CJ_O_PAGE && k != CJ_O_RUNHEAD;
            }
            blank += ink == 0;
        }
        snprintf(n2, sizeof n2, "no blank page: %s", name);
        CHECK(n2, blank == 0);
        snprintf(n2, sizeof n2, "all text laid out: %s", name);
        CHECK(n2, missing_texts(m, l) == 0);
    }
    cjmap_layout_free(l);
    tm_pool_free(&P);
}

static void test_shapes(cjmap_measurer *ms) {
    static const tm_shape shapes[] = {
        /* phases, tps, exps, pains, opps, actions, metrics, huge, statements, crowd, blueprint */
        {1, 0, 0, 0, 0, 0, 0, 0, false, false, false}, /* phases only: every lane empty */
        {1, 1, 1, 1, 1, 1, 1, 0, true, false, false},
        {3, 5, 6, 2, 0, 3, 0, 0, true, false, false}, /* no opportunities, no metrics */
        {5, 12, 10, 6, 4, 3, 2, 0, true, false, false},
        {6, 30, 8, 4, 4, 2, 1, 0, true, true, false}, /* one phase with most touchpoints */
        {8, 20, 0, 5, 5, 4, 2, 300, true, false,
         false}, /* huge unbreakable words, no experiences */
        {13, 60, 40, 20, 10, 3, 3, 0, false, false, false},
        {30, 120, 60, 30, 30, 2, 1, 80, true, false, false},
        {60, 500, 200, 100, 60, 3, 2, 0, true, false, false},
        {2, 500, 30, 10, 10, 2, 2, 0, true, true, false}, /* 500 touchpoints crowding one phase */
        /* Every issue-13 feature: scales, own lanes, blueprint, moments of truth, card touchpoints.
         */
        {1, 1, 1, 1, 1, 1, 1, 0, true, false, true},
        {5, 12, 10, 6, 4, 3, 2, 0, true, false, true},
        {8, 20, 8, 5, 5, 4, 2, 300, true, false, true}, /* with huge unbreakable words */
        {13, 60, 40, 20, 10, 3, 3, 0, false, true, true},
        {30, 120, 60, 30, 30, 2, 1, 80, true, false, true},
    };
    static const struct {
        cjmap_page_size page;
        bool portrait;
    } papers[] = {{CJMAP_PAGE_AUTO, false}, {CJMAP_PAGE_A4, true}, {CJMAP_PAGE_A3, false},
                  {CJMAP_PAGE_LETTER, false}, {CJMAP_PAGE_A1, false}};
    for (size_t s = 0; s < sizeof shapes / sizeof shapes[0]; s++)
        for (size_t p = 0; p < sizeof papers / sizeof papers[0]; p++) {
            cjmap_layout_options o = {0};
            o.page = papers[p].page;
            o.portrait = papers[p].portrait;
            o.theme = (s + p) % 2 ? CJMAP_THEME_MONO : CJMAP_THEME_DEFAULT;
            run_shape(ms, "shape", (uint32_t)(1000 + 17 * s + p), &shapes[s], &o);
        }
    /* Issue 14: every paper in both orientations, with the default fit
     * (pages at 7 pt or more) and with --fit=width and --fit=page (smaller
     * text allowed, down to what the layout reports; one sheet wide, or
     * one sheet).  No page is blank. */
    static const cjmap_page_size all[] = {CJMAP_PAGE_A4,     CJMAP_PAGE_A3,     CJMAP_PAGE_A2,
                                          CJMAP_PAGE_A1,     CJMAP_PAGE_A0,     CJMAP_PAGE_LETTER,
                                          CJMAP_PAGE_TABLOID};
    static const size_t few[] = {0, 2, 3, 6, 8, 12, 13};
    for (size_t s = 0; s < sizeof shapes / sizeof shapes[0]; s++)
        for (size_t p = 0; p < sizeof all / sizeof all[0]; p++)
            for (int portrait = 0; portrait < 2; portrait++) {
                cjmap_layout_options o = {0};
                o.page = all[p];
                o.portrait = portrait;
                run_shape(ms, "paper", (uint32_t)(5000 + 31 * s + 2 * p + (size_t)portrait),
                          &shapes[s], &o);
            }
    /* Both layouts on every paper: the one the orientation does not
     * choose by default too (rows on landscape, columns on portrait), and
     * rows on auto pages. */
    for (size_t s = 0; s < sizeof shapes / sizeof shapes[0]; s++) {
        for (size_t p = 0; p < sizeof all / sizeof all[0]; p++)
            for (int portrait = 0; portrait < 2; portrait++) {
                cjmap_layout_options o = {0};
                o.page = all[p];
                o.portrait = portrait;
                o.arrange = portrait ? CJMAP_ARRANGE_COLUMNS : CJMAP_ARRANGE_ROWS;
                o.theme = (s + p) % 2 ? CJMAP_THEME_MONO : CJMAP_THEME_DEFAULT;
                run_shape(ms, portrait ? "columns" : "rows",
                          (uint32_t)(6000 + 31 * s + 2 * p + (size_t)portrait), &shapes[s], &o);
            }
        cjmap_layout_options o = {0};
        o.arrange = CJMAP_ARRANGE_ROWS;
        run_shape(ms, "rows auto", (uint32_t)(6500 + s), &shapes[s], &o);
    }
    for (size_t k = 0; k < sizeof few / sizeof few[0]; k++)
        for (size_t p = 0; p < 4; p++)
            for (int portrait = 0; portrait < 2; portrait++)
                for (int fit = CJMAP_FIT_PAGE; fit <= CJMAP_FIT_WIDTH; fit++) {
                    cjmap_layout_options o = {0};
                    o.page = all[p % 2];
                    o.portrait = portrait;
                    o.fit = (cjmap_fit)fit;
                    /* p 2, 3: the other layout than the orientation's own */
                    if (p >= 2) o.arrange = portrait ? CJMAP_ARRANGE_COLUMNS : CJMAP_ARRANGE_ROWS;
                    run_shape(ms, fit == CJMAP_FIT_PAGE ? "fit=page" : "fit=width",
                              (uint32_t)(7000 + 13 * k + p), &shapes[few[k]], &o);
                }
    /* A small page cap, as the PNG writer sets for a high --dpi. */
    cjmap_layout_options o = {0};
    o.max_side = cjmap_png_max_side(1200);
    run_shape(ms, "png cap", 77, &shapes[8], &o);
}

/* How many of the first n phases have a header item on the layout's first page. */
static int phases_on_first(const cjmap_layout *l, int n) {
    bool seen[64] = {false};
    int count = 0;
    for (size_t i = 0; l && l->dl.n_pages && i < l->dl.pages[0].n; i++) {
        const cj_item *it = l->dl.pages[0].items[i];
        int k = it->origin.index;
        if (it->origin.kind == CJ_O_PHASE && k >= 0 && k < n && k < 64 && !seen[k])
            seen[k] = true, count++;
    }
    return count;
}

static void test_pages(cjmap_measurer *ms) {
    tm_pool P = {0};
    tm_shape big = {60, 300, 100, 50, 40, 3, 2, 0, true, false, false};
    cjmap_model *m = tm_generate(&P, 5, &big);
    cjmap_layout_options o = {0};
    cjmap_layout *l = cjmap_layout_new(m, &o, ms);
    CHECK("60 phases on auto pages split over several pages", l && cjmap_layout_page_count(l) > 1);
    bool repeat = true;
    for (size_t p = 0; l && p < l->dl.n_pages; p++) {
        bool phase = false, label = false;
        for (size_t i = 0; i < l->dl.pages[p].n; i++) {
            const cj_item *it = l->dl.pages[p].items[i];
            phase |= it->origin.kind == CJ_O_PHASE;
            label |= it->origin.kind == CJ_O_LANE_LABEL;
        }
        repeat &= phase && label;
    }
    CHECK("every page repeats the phase header and the lane labels", repeat);
    cjmap_layout_free(l);

    o.page = CJMAP_PAGE_A2;
    tm_shape small = {4, 4, 3, 2, 2, 1, 1, 0, false, false, false};
    m = tm_generate(&P, 9, &small);
    l = cjmap_layout_new(m, &o, ms);
    double w = 0, h = 0;
    if (l) cjmap_layout_page_size(l, 0, &w, &h);
    CHECK("a small map fits one A2 landscape page", l && cjmap_layout_page_count(l) == 1);
    CHECK("A2 landscape size", fabs(w - 1683.78) < 0.01 && fabs(h - 1190.55) < 0.01);
    cjmap_layout_free(l);
    o.portrait = true;
    l = cjmap_layout_new(m, &o, ms);
    if (l) cjmap_layout_page_size(l, 0, &w, &h);
    CHECK("A2 portrait size", l && fabs(w - 1190.55) < 0.01 && fabs(h - 1683.78) < 0.01);
    cjmap_layout_free(l);

    /* Fixed paper narrows the columns to its width rather than dealing
     * them onto more pages: five ordinary phases are one A3 sheet wide. */
    o.page = CJMAP_PAGE_A3;
    o.portrait = false;
    tm_shape five = {5, 14, 20, 8, 8, 2, 2, 0, false, false, false};
    cjmap_model *m5 = tm_generate(&P, 11, &five);
    l = cjmap_layout_new(m5, &o, ms);
    CHECK_INT("five phases on A3: all on the first page, side by side", phases_on_first(l, 5), 5);
    cjmap_layout_free(l);
    /* ... and across one A4 landscape sheet too, at the smallest text, in
     * columns a little narrower than on an auto page (CJ_COL_PAPER_MIN),
     * instead of 3 + 2 groups, the second leaving a third of its pages blank. */
    o.page = CJMAP_PAGE_A4;
    l = cjmap_layout_new(m5, &o, ms);
    bool all_7pt = l != NULL;
    for (size_t p = 0; l && p < l->dl.n_pages; p++)
        all_7pt &= l->dl.pages[p].scale >= CJMAP_MIN_TEXT_SIZE / 7.5 - 1e-9;
    CHECK_INT("five phases on A4 landscape: all on the first page", phases_on_first(l, 5), 5);
    CHECK("five phases on A4 landscape: columns no narrower than CJ_COL_PAPER_MIN",
          l && l->col_w >= CJ_COL_PAPER_MIN && l->col_w < CJ_COL_MIN);
    CHECK("five phases on A4 landscape: text at 7 pt or more", all_7pt);
    cjmap_layout_free(l);
    /* Five busy phases on A3 landscape: one group, over more than one sheet
     * at the smallest text; the columns are made for the sheet's width at
     * that size (not at full size, then scaled, leaving 7 % blank). */
    {
        tm_shape busy = {5, 60, 60, 20, 20, 4, 2, 0, true, false, false};
        cjmap_model *mb = tm_generate(&P, 13, &busy);
        cjmap_layout_options a3 = {.page = CJMAP_PAGE_A3};
        l = cjmap_layout_new(mb, &a3, ms);
        double sc = l ? l->dl.pages[0].scale : 0, pw = l ? l->dl.pages[0].w : 0;
        double used = l ? (CJ_LABEL_W + 5 * l->col_w) * sc : 0, avail = pw - 2 * CJ_MARGIN;
        printf("# five busy phases on A3: %zu pages, columns %.0f, %.1f of %.1f pt wide\n",
               l ? l->dl.n_pages : 0, l ? l->col_w : 0, used, avail);
        CHECK("five busy phases on A3: more than one sheet, at 7 pt",
              l && l->dl.n_pages > 1 && fabs(sc - CJMAP_MIN_TEXT_SIZE / 7.5) < 1e-9);
        CHECK("five busy phases on A3: the columns fill the sheet's width at 7 pt",
              l && (l->col_w >= CJ_COL_MAX || used >= avail - 5 * 4 * sc));
        cjmap_layout_free(l);
    }
    /* On an auto page the columns keep CJ_COL_MIN. */
    cjmap_layout_options auto_o = {0};
    l = cjmap_layout_new(m5, &auto_o, ms);
    CHECK("auto page: columns at least CJ_COL_MIN", l && l->col_w >= CJ_COL_MIN);
    cjmap_layout_free(l);
    o.page = CJMAP_PAGE_A3;

    /* A statement taller than the paper: continuation pages repeat only
     * the phase names, so the body still advances a page at a time (the
     * fuzzer found 195 A4 pages for a 15 KB journey before). */
    {
        static char longst[5001];
        for (size_t i = 0; i < 5000; i++) longst[i] = i % 7 == 6 ? ' ' : 'a' + (char)(i % 7);
        cjmap_phase *ph0 = (cjmap_phase *)&m5->phases[0];
        const char *saved = ph0->statement;
        cjmap_layout_options a4p = {
            .page = CJMAP_PAGE_A4, .portrait = true, .arrange = CJMAP_ARRANGE_COLUMNS};
        l = cjmap_layout_new(m5, &a4p, ms);
        size_t base = l ? cjmap_layout_page_count(l) : 0;
        cjmap_layout_free(l);
        ph0->statement = longst;
        l = cjmap_layout_new(m5, &a4p, ms);
        /* The header's own height adds pages only where it is shown in full:
         * on the first page of each column group. */
        printf("# pages: %zu without the long statement, %zu with it\n", base,
               l ? cjmap_layout_page_count(l) : 0);
        CHECK("a 5,000-character statement on A4 portrait: a few more pages, not hundreds",
              l && cjmap_layout_page_count(l) <= 2 * base + 4);
        bool stmt_later = false;
        for (size_t p = 1; l && p < l->dl.n_pages; p++)
            for (size_t i = 0; i < l->dl.pages[p].n; i++)
                stmt_later |= l->dl.pages[p].items[i]->origin.kind == CJ_O_STATEMENT;
        CHECK("continuation pages repeat the phase names without statements", l && !stmt_later);
        cjmap_layout_free(l);
        /* In rows a statement is drawn once, in its row, whole. */
        a4p.arrange = CJMAP_ARRANGE_ROWS;
        l = cjmap_layout_new(m5, &a4p, ms);
        size_t stmts = 0;
        for (size_t p = 0; l && p < l->dl.n_pages; p++)
            for (size_t i = 0; i < l->dl.pages[p].n; i++)
                stmts += l->dl.pages[p].items[i]->origin.kind == CJ_O_STATEMENT &&
                         l->dl.pages[p].items[i]->origin.index == 0;
        CHECK_INT("rows: the long statement drawn once", stmts, 1);
        CHECK("rows: a 5,000-character statement, a few more pages",
              l && cjmap_layout_page_count(l) <= 2 * base + 4);
        cjmap_layout_free(l);
        ph0->statement = saved;
    }

    o.page = CJMAP_PAGE_A4;
    o.portrait = false;
    l = cjmap_layout_new(m, &o, ms);
    CHECK("scaled to fit A4 but never under the minimum text size",
          l && l->dl.pages[0].scale <= 1 && l->dl.pages[0].scale >= 7.0 / 7.5 - 1e-9);
    cjmap_layout_free(l);
    tm_pool_free(&P);
}

static void test_lanes(cjmap_measurer *ms) {
    tm_pool P = {0};
    cjmap_model *m = tm_rich(&P, CJMAP_LOCALE_DA);
    cjmap_layout *l = cjmap_layout_new(m, NULL, ms);
    membuf d = {0};
    CHECK("dump", l && cjmap_layout_dump(l, membuf_write, &d));
    CHECK("Danish lane label", d.p && strstr(d.p, "|Smertepunkter|"));
    CHECK("Danish lane label 2", d.p && strstr(d.p, "|Følelseskurve|"));
    CHECK("Danish quotes", d.p && strstr(d.p, "|»Just let me pay and be done with it.«|"));
    CHECK("metric as name: value", d.p && strstr(d.p, "|NPS: +31|"));
    CHECK("lowest point labelled", d.p && strstr(d.p, "|Laveste punkt|"));
    cjmap_layout_free(l);
    free(d.p);

    /* labels: overrides; an empty lane disappears. */
    m->labels[CJMAP_LANE_PAINS] = "Friktion";
    m->n_opportunities = 0;
    l = cjmap_layout_new(m, NULL, ms);
    d = (membuf){0};
    cjmap_layout_dump(l, membuf_write, &d);
    CHECK("labels: override", d.p && strstr(d.p, "|Friktion|") && !strstr(d.p, "|Smertepunkter|"));
    CHECK("empty lane left out", d.p && !strstr(d.p, "|Muligheder|"));
    cjmap_layout_free(l);
    free(d.p);

    /* Same input, same display list. */
    membuf a = {0}, b = {0};
    cjmap_layout *l1 = cjmap_layout_new(m, NULL, ms), *l2 = cjmap_layout_new(m, NULL, ms);
    cjmap_layout_dump(l1, membuf_write, &a);
    cjmap_layout_dump(l2, membuf_write, &b);
    CHECK("deterministic layout", a.n && a.n == b.n && memcmp(a.p, b.p, a.n) == 0);
    cjmap_layout_free(l1);
    cjmap_layout_free(l2);
    free(a.p);
    free(b.p);
    tm_pool_free(&P);
}

/* The emotion curve never leaves the 1..5 band (Fritsch–Carlson). */
static void test_curve(cjmap_measurer *ms) {
    tm_pool P = {0};
    tm_shape sh = {12, 0, 80, 0, 0, 0, 0, 0, false, false, false};
    cjmap_model *m = tm_generate(&P, 3, &sh);
    cjmap_experience *e = (cjmap_experience *)m->experiences;
    for (size_t i = 0; i < m->n_experiences; i++) {
        e[i].score = 1 + (int)((i * 7) % 5) * ((i % 3) ? 1 : 0);
        e[i].scored = true;
    }
    cjmap_layout *l = cjmap_layout_new(m, NULL, ms);
    double lo = INFINITY, hi = -INFINITY, cy_lo = INFINITY, cy_hi = -INFINITY;
    for (size_t i = 0; l && i < l->dl.pages[0].n; i++) {
        const cj_item *it = l->dl.pages[0].items[i];
        if (it->origin.kind != CJ_O_CURVE || it->type != CJ_IT_PATH) continue;
        if (it->origin.index == -1) { /* the curve itself */
            for (size_t k = 0; k < it->n_segs; k++)
                for (int j = 0; j < (it->segs[k].op == CJ_P_CURVE ? 3 : 1); j++) {
                    cy_lo = fmin(cy_lo, it->segs[k].y[j]);
                    cy_hi = fmax(cy_hi, it->segs[k].y[j]);
                }
        } else if (it->paint.fill) { /* a point */
            lo = fmin(lo, it->box.y + it->box.h / 2);
            hi = fmax(hi, it->box.y + it->box.h / 2);
        }
    }
    CHECK("curve drawn", cy_lo < INFINITY);
    CHECK("curve never overshoots the points' range", cy_lo >= lo - 1e-6 && cy_hi <= hi + 1e-6);
    cjmap_layout_free(l);
    tm_pool_free(&P);
}

/* Finds the text items of page 0 whose first line is `s`. */
static size_t count_text(const cjmap_layout *l, const char *s) {
    size_t n = 0;
    for (size_t p = 0; p < l->dl.n_pages; p++)
        for (size_t i = 0; i < l->dl.pages[p].n; i++) {
            const cj_item *it = l->dl.pages[p].items[i];
            if (it->type == CJ_IT_TEXT && it->n_lines && strlen(s) == it->lines[0].len &&
                memcmp(it->lines[0].s, s, it->lines[0].len) == 0)
                n++;
        }
    return n;
}

static cjmap_layout *layout_of(cjmap_measurer *ms, const char *yaml, cjmap_journey **j) {
    *j = cjmap_journey_load("curve.yaml", yaml, strlen(yaml), NULL);
    const cjmap_model *m = *j ? cjmap_journey_model(*j) : NULL;
    return m ? cjmap_layout_new(m, NULL, ms) : NULL;
}

/* The curve on busy phases (issue 14, item 5): four or more scores in a
 * phase give one point at their mean and a band from the lowest to the
 * highest; a phase without scores is bridged by a dashed line; the lowest
 * point is marked only below neutral. */
static void test_busy_curve(cjmap_measurer *ms) {
    const char *busy = "title: T\nsegment: {name: S}\nphases: [{id: a, name: A}, {id: b, name: B}, "
                       "{id: c, name: C}]\n"
                       "touchpoints: [{name: W, channel: web, phases: [a, b, c]}]\nexperiences:\n"
                       "  - {phase: a, text: x1, score: 1}\n  - {phase: a, text: x2, score: 2}\n"
                       "  - {phase: a, text: x3, score: 2}\n  - {phase: a, text: x4, score: 5}\n"
                       "  - {phase: c, text: y1, score: 4}\n";
    cjmap_journey *j;
    cjmap_layout *l = layout_of(ms, busy, &j);
    CHECK("busy curve: lays out", l != NULL);
    size_t means = 0, ranges = 0, dots = 0, points = 0, solid = 0, bridges = 0;
    double mean_y = 0, range_top = 0, range_bot = 0, y5 = 0, y1 = 0, y2 = 0;
    for (size_t i = 0; l && i < l->dl.pages[0].n; i++) {
        const cj_item *it = l->dl.pages[0].items[i];
        if (it->origin.kind != CJ_O_CURVE) continue;
        double cy = it->box.y + it->box.h / 2;
        if (it->origin.index == -3 && it->type == CJ_IT_PATH && it->paint.fill) /* not its ring */
            means++, mean_y = cy;
        if (it->origin.index == -2 && it->type == CJ_IT_RECT)
            ranges++, range_top = it->box.y, range_bot = it->box.y + it->box.h;
        if (it->origin.index == -2 && it->type == CJ_IT_PATH) {
            dots++;
            if (dots == 1) y1 = cy; /* lowest score first: 1, 2, 5 */
            if (dots == 2) y2 = cy;
            if (dots == 3) y5 = cy;
        }
        if (it->origin.index >= 0 && it->origin.sub == 0 && it->type == CJ_IT_PATH) points++;
        if (it->origin.index == -1) *(it->origin.sub ? &bridges : &solid) += 1;
    }
    CHECK("busy curve: one mean point for the busy phase", means == 1);
    CHECK("busy curve: one range band", ranges == 1);
    CHECK("busy curve: a dot per distinct score (1, 2, 5)", dots == 3);
    CHECK("busy curve: the other phase's score is its own point", points == 1);
    /* The mean (2.5) lies 5/8 of the way from the dot at 5 to the dot at 1. */
    CHECK("busy curve: the mean sits at 2.5", fabs(mean_y - (y5 + (y1 - y5) * 2.5 / 4)) < 0.01);
    CHECK("busy curve: the band spans the scores", range_top < y5 && range_bot > y1);
    CHECK("busy curve: the dot for two cards is larger", y2 > 0);
    CHECK("busy curve: a dashed bridge over the phase without scores", bridges == 1 && solid == 0);
    CHECK("busy curve: lowest point (2.5) below neutral is marked, and in the legend",
          count_text(l, "Lowest point") == 2);
    CHECK("busy curve: the legend explains the band and the bridge",
          count_text(l, "Mean and range") == 1 && count_text(l, "No scores here") == 1);
    cjmap_layout_free(l);
    cjmap_journey_free(j);

    const char *high =
        "title: T\nsegment: {name: S}\nphases: [{id: a, name: A}, {id: b, name: B}]\n"
        "touchpoints: [{name: W, channel: web, phases: [a, b]}]\n"
        "experiences: [{phase: a, text: x, score: 4}, {phase: b, text: y, score: 5}]\n";
    l = layout_of(ms, high, &j);
    CHECK("no low point: lays out", l != NULL);
    CHECK("no low point: a curve above neutral marks no lowest point",
          l && count_text(l, "Lowest point") == 0);
    CHECK("no low point: no bridge between neighbouring phases",
          l && count_text(l, "No scores here") == 0);
    cjmap_layout_free(l);
    cjmap_journey_free(j);
}

/* Models built by hand may break the rules the validator keeps: a lane
 * listed twice, a scale no plot can show, an own lane without a name.
 * The layout draws them as the header promises (a lane once, the default
 * scale, the id as the label), without overflow or leak (ASan run). */
static void test_hand_built(cjmap_measurer *ms) {
    tm_pool P = {0};
    tm_shape sh = {5, 12, 30, 6, 4, 3, 2, 0, true, false, true};
    cjmap_model *m = tm_generate(&P, 21, &sh);
    cjmap_lane_ref *lr = TM_ARRAY(&P, cjmap_lane_ref, 4);
    lr[0] = (cjmap_lane_ref){CJMAP_LANE_EMOTIONS, CJMAP_NONE};
    lr[1] = (cjmap_lane_ref){CJMAP_LANE_EMOTIONS, CJMAP_NONE};
    lr[2] = (cjmap_lane_ref){CJMAP_LANE_COUNT, 0};
    lr[3] = (cjmap_lane_ref){CJMAP_LANE_COUNT, 0};
    m->lanes = lr, m->n_lanes = 4;
    ((cjmap_own_lane *)m->own_lanes)[0].name = NULL;
    m->scale = (cjmap_scale){INT_MIN, 0, INT_MAX};
    cjmap_layout *l = cjmap_layout_new(m, NULL, ms);
    CHECK("hand-built model: lays out", l != NULL);
    CHECK("hand-built model: geometry",
          l && check_layout(l, "hand-built", CJMAP_DEFAULT_PAGE_SIDE) == 0);
    size_t emo_labels = 0;
    for (size_t i = 0; l && i < l->dl.pages[0].n; i++) {
        const cj_item *it = l->dl.pages[0].items[i];
        emo_labels += it->origin.kind == CJ_O_LANE_LABEL && it->origin.index == CJMAP_LANE_EMOTIONS;
    }
    CHECK("hand-built model: a lane listed twice is drawn once", emo_labels == 1);
    cjmap_layout_free(l);
    tm_pool_free(&P);
}

/* The lane table: one row per lane, at its id's index, each with a way
 * to count and to draw its cells; backstage and support (only) lie below
 * the line of visibility. */
static void test_lane_table(void) {
    for (int k = 0; k < CJMAP_LANE_COUNT; k++) {
        const lane_class *c = &cj_lay_lane_table[k];
        char name[64];
        snprintf(name, sizeof name, "lane row %d", k);
        CHECK(name, (int)c->id == k);
        CHECK(name, c->count != NULL);
        CHECK(name, (c->cell != NULL) != (c->build != NULL));
        CHECK(name, c->below_visibility == (k == CJMAP_LANE_BACKSTAGE || k == CJMAP_LANE_SUPPORT));
        for (int l = 0; l < CJMAP_LOCALE_COUNT; l++)
            CHECK(name, c->name[l] && c->name[l][0]);
    }
}

/* The scale's words and badges are formatted from the scale, not written. */
static void test_scale_words(void) {
    char buf[64];
    const cjmap_scale d = {1, 3, 5}, ten = {1, 5, 10};
    cj_scale_label(CJMAP_LOCALE_EN, &d, CJ_W_SCORE, buf, sizeof buf);
    CHECK_STR("score word 1-5", buf, "Score (1\u20135)");
    cj_scale_label(CJMAP_LOCALE_NB, &d, CJ_W_NEUTRAL, buf, sizeof buf);
    CHECK_STR("neutral word nb", buf, "N\u00F8ytral (3)");
    cj_scale_label(CJMAP_LOCALE_DE, &ten, CJ_W_SCORE, buf, sizeof buf);
    CHECK_STR("score word 1-10", buf, "Bewertung (1\u201310)");
    cj_scale_label(CJMAP_LOCALE_SV, &ten, CJ_W_NEUTRAL, buf, sizeof buf);
    CHECK_STR("neutral word 5", buf, "Neutral (5)");
    cj_score_text(&d, 4, buf, sizeof buf);
    CHECK_STR("badge 4/5", buf, "4/5");
    cj_score_text(&ten, 7, buf, sizeof buf);
    CHECK_STR("badge 7/10", buf, "7/10");
    const cjmap_scale c2 = {-2, 0, 2}, c3 = {-3, -1, 2};
    cj_score_text(&c2, 2, buf, sizeof buf);
    CHECK_STR("badge +2", buf, "+2");
    cj_score_text(&c2, -1, buf, sizeof buf);
    CHECK_STR("badge -1 with a true minus", buf, "\u22121");
    cj_score_text(&c2, 0, buf, sizeof buf);
    CHECK_STR("badge 0 unsigned", buf, "0");
    cj_scale_label(CJMAP_LOCALE_EN, &c2, CJ_W_SCORE, buf, sizeof buf);
    CHECK_STR("score word -2..2", buf, "Score (\u22122 \u2013 +2)");
    cj_scale_label(CJMAP_LOCALE_DA, &c3, CJ_W_NEUTRAL, buf, sizeof buf);
    CHECK_STR("neutral word -1", buf, "Neutral (\u22121)");
    cj_tick_text(&d, 5, buf, sizeof buf);
    CHECK_STR("tick 5 on 1..5", buf, "5");
    cj_tick_text(&c2, 2, buf, sizeof buf);
    CHECK_STR("tick +2", buf, "+2");
}

/* The legend's needs come from the model, before anything is drawn: only
 * what a phase shows counts, a score off the scale is no score, and the
 * curve's entries need a score on the scale. */
static void test_legend_needs(cjmap_measurer *ms) {
    const cjmap_scale sc = {1, 3, 5};
    cjmap_phase ph[2] = {{.name = "One"}, {.name = "Two"}};
    cjmap_tp_use in1 = {.phase = 1}, nowhere = {.phase = 7};
    cjmap_touchpoint tp[2] = {{.name = "Shop",
                               .channel = CJMAP_CH_STORE,
                               .mode = CJMAP_MODE_OFFLINE,
                               .contact = CJMAP_CONTACT_DIRECT,
                               .owner = CJMAP_OWNER_OWNED,
                               .uses = &in1,
                               .n_uses = 1},
                              {.name = "Ad",
                               .channel = CJMAP_CH_SOCIAL,
                               .mode = CJMAP_MODE_ONLINE,
                               .contact = CJMAP_CONTACT_INDIRECT,
                               .owner = CJMAP_OWNER_EARNED,
                               .uses = &nowhere,
                               .n_uses = 1}};
    cjmap_experience ex[2] = {
        {.phase = 0, .text = "Calm", .type = CJMAP_EXP_RATIONAL, .touchpoint = CJMAP_NONE},
        {.phase = CJMAP_NONE,
         .text = "Lost",
         .type = CJMAP_EXP_EMOTIONAL,
         .scored = true,
         .score = 2,
         .importance = CJMAP_LEVEL_HIGH,
         .touchpoint = CJMAP_NONE}};
    cjmap_pain pn = {
        .phase = 1, .text = "Queue", .severity = CJMAP_LEVEL_HIGH, .touchpoint = CJMAP_NONE};
    cjmap_model m = {.version = CJMAP_FORMAT_VERSION,
                     .title = "Needs",
                     .scale = sc,
                     .phases = ph,
                     .n_phases = 2,
                     .touchpoints = tp,
                     .n_touchpoints = 2,
                     .experiences = ex,
                     .n_experiences = 2,
                     .pains = &pn,
                     .n_pains = 1};
    legend_needs n;
    cj_lay_legend_needs(&m, &sc, &n);
    /* The ad is used in no phase: it is drawn nowhere, and explains nothing. */
    CHECK("offline touchpoint: offline entry", n.offline && !n.online);
    CHECK("direct only", n.direct && !n.indirect);
    CHECK("store channel only", n.chan[CJMAP_CH_STORE] && !n.chan[CJMAP_CH_SOCIAL]);
    /* Owners count every touchpoint: they decide the tags on the cards. */
    CHECK("owners of every touchpoint", n.owner[CJMAP_OWNER_OWNED] && n.owner[CJMAP_OWNER_EARNED]);
    CHECK("two owners: owner tags", n.show_owner);
    /* The lost experience has no phase: no emotional, importance, score or curve. */
    CHECK("rational only", n.rat && !n.emo && !n.high);
    CHECK("no scores: no score entry", !n.score && !n.curve);
    CHECK("one high pain: only high", n.sev[CJMAP_LEVEL_HIGH] && !n.sev[CJMAP_LEVEL_LOW] &&
                                          !n.sev[CJMAP_LEVEL_MEDIUM] && !n.sev[CJMAP_LEVEL_UNSET]);
    CHECK("no opportunity", !n.opp);
    cjmap_layout *l = cjmap_layout_new(&m, NULL, ms);
    membuf d = {0};
    CHECK("needs: dump", l && cjmap_layout_dump(l, membuf_write, &d));
    CHECK("offline in the legend", d.p && strstr(d.p, "|Offline|") && !strstr(d.p, "|Online|"));
    CHECK("no score in the legend", d.p && !strstr(d.p, "|Score (1"));
    CHECK("high severity in the legend", d.p && strstr(d.p, "|High severity|"));
    cjmap_layout_free(l);
    free(d.p);

    /* Placed in a phase, the experience brings its type, star, score and curve. */
    ex[1].phase = 0;
    tp[1].uses = &in1;
    pn.severity = CJMAP_LEVEL_UNSET; /* drawn as medium */
    cj_lay_legend_needs(&m, &sc, &n);
    CHECK("both types", n.emo && n.rat && n.high);
    CHECK("a score: score entry and curve", n.score && n.curve);
    CHECK("both modes and contacts", n.online && n.offline && n.direct && n.indirect);
    CHECK("unset severity: medium", n.sev[CJMAP_LEVEL_MEDIUM] && !n.sev[CJMAP_LEVEL_HIGH]);
    /* A score off the map's scale is drawn nowhere. */
    const cjmap_scale ten = {6, 8, 10};
    cj_lay_legend_needs(&m, &ten, &n);
    CHECK("score off the scale: no score", !n.score && !n.curve);
    /* One owner: no tags, no owner entry. */
    tp[1].owner = CJMAP_OWNER_OWNED;
    cjmap_opportunity op = {.phase = 1, .text = "Kiosk", .touchpoint = CJMAP_NONE};
    m.opportunities = &op;
    m.n_opportunities = 1;
    cj_lay_legend_needs(&m, &sc, &n);
    CHECK("one owner: no tags", !n.show_owner);
    CHECK("an opportunity: entry", n.opp);
}

/* Phases as rows (issue 14, item 3): the phases run down the page, their
 * lanes side by side; the curve runs down (scores across: the higher the
 * further right); every page repeats the lane headings; busy cells flow
 * into columns; a blueprint line between two lanes of a tier is a
 * vertical strip. */
static void test_rows(cjmap_measurer *ms) {
    const char *y =
        "title: T\nsegment: {name: S}\n"
        "phases: [{id: a, name: A, statement: Sa}, {id: b, name: B}, {id: c, name: C}]\n"
        "touchpoints:\n"
        "  - {name: W1, channel: web, phases: [a, b, c]}\n"
        "  - {name: W2, channel: web, phases: [a]}\n"
        "  - {name: W3, channel: web, phases: [a]}\n"
        "  - {name: W4, channel: web, phases: [a]}\n"
        "  - {name: W5, channel: web, phases: [a]}\n"
        "  - {name: W6, channel: web, phases: [a, b]}\n"
        "  - {name: W7, channel: web, phases: [a, c]}\n"
        "  - {name: W8, channel: web, phases: [a, b]}\n"
        "  - {name: W9, channel: web, phases: [a, c]}\n"
        "experiences:\n"
        "  - {phase: a, text: e1, score: 1}\n  - {phase: b, text: e2, score: 4}\n"
        "  - {phase: c, text: e3, score: 5}\n"
        "pains: [{phase: b, text: p1}]\n"
        "backstage: [{phase: a, text: k1}]\n";
    cjmap_journey *j = cjmap_journey_load("rows.yaml", y, strlen(y), NULL);
    const cjmap_model *m = j ? cjmap_journey_model(j) : NULL;
    CHECK("rows: the journey loads", m != NULL);
    if (!m) {
        cjmap_journey_free(j);
        return;
    }
    cjmap_layout_options o = {.page = CJMAP_PAGE_A3, .arrange = CJMAP_ARRANGE_ROWS};
    cjmap_layout *l = cjmap_layout_new(m, &o, ms);
    CHECK("rows on A3 landscape: lays out on one page",
          l && cjmap_layout_rows(l) && l->dl.n_pages == 1);
    double phase_y[3] = {-1, -1, -1}, phase_x[3] = {0}, score_x[6] = {0};
    double tp_x[16] = {0};
    size_t n_tpx = 0, labels = 0, lines = 0;
    for (size_t i = 0; l && i < l->dl.pages[0].n; i++) {
        const cj_item *it = l->dl.pages[0].items[i];
        if (it->origin.kind == CJ_O_PHASE && it->type == CJ_IT_TEXT && it->origin.index < 3)
            phase_y[it->origin.index] = it->box.y, phase_x[it->origin.index] = it->box.x;
        if (it->origin.kind == CJ_O_CURVE && it->origin.index >= 0 && it->type == CJ_IT_PATH &&
            it->paint.fill) {
            int sc = m->experiences[it->origin.index].score;
            if (sc >= 1 && sc <= 5) score_x[sc] = it->box.x + it->box.w / 2;
        }
        if (it->origin.kind == CJ_O_TOUCHPOINT && it->role == CJ_ROLE_BOX && n_tpx < 16) {
            bool seen = false;
            for (size_t k = 0; k < n_tpx; k++)
                seen |= fabs(tp_x[k] - it->box.x) < 0.5;
            if (!seen) tp_x[n_tpx++] = it->box.x;
        }
        labels += it->origin.kind == CJ_O_LANE_LABEL;
        lines += it->origin.kind == CJ_O_LINE && it->type == CJ_IT_PATH;
    }
    CHECK("rows: phases one under the other, at the left",
          phase_y[0] >= 0 && phase_y[0] < phase_y[1] && phase_y[1] < phase_y[2] &&
              phase_x[0] == phase_x[1] && phase_x[0] < 60);
    CHECK("rows: the curve runs down, the better score the further right",
          score_x[1] > 0 && score_x[1] < score_x[4] && score_x[4] < score_x[5]);
    /* Nine touchpoints in a, four a phase on average: two columns. */
    CHECK("rows: a phase's nine touchpoints flow into columns side by side", n_tpx >= 2);
    /* Lane labels: the phase column's, the curve's and each lane's. */
    CHECK("rows: the heading names every lane", labels >= 5);
    CHECK("rows: the line of visibility (touchpoints | backstage) is drawn", lines >= 1);
    cjmap_layout_free(l);
    /* On A4 portrait (rows by default) with a cap that makes pages: each
     * page repeats the heading; a page breaks between rows when it can. */
    o = (cjmap_layout_options){.page = CJMAP_PAGE_A4, .portrait = true};
    l = cjmap_layout_new(m, &o, ms);
    CHECK("rows: the default on portrait paper", l && cjmap_layout_rows(l));
    cjmap_layout_free(l);
    o.portrait = false;
    l = cjmap_layout_new(m, &o, ms);
    CHECK("columns: the default on landscape paper", l && !cjmap_layout_rows(l));
    cjmap_layout_free(l);
    o = (cjmap_layout_options){.arrange = CJMAP_ARRANGE_ROWS, .max_side = 400};
    l = cjmap_layout_new(m, &o, ms);
    bool heads = l && l->dl.n_pages > 1;
    for (size_t p = 0; l && p < l->dl.n_pages; p++) {
        size_t k = 0;
        for (size_t i = 0; i < l->dl.pages[p].n; i++)
            k += l->dl.pages[p].items[i]->origin.kind == CJ_O_LANE_LABEL;
        heads &= k >= 3;
    }
    CHECK("rows on small pages: several pages, each with the lane headings", heads);
    size_t stmts = 0;
    for (size_t p = 0; l && p < l->dl.n_pages; p++)
        for (size_t i = 0; i < l->dl.pages[p].n; i++)
            stmts += l->dl.pages[p].items[i]->origin.kind == CJ_O_STATEMENT;
    CHECK_INT("rows on small pages: the statement drawn once", stmts, 1);
    cjmap_layout_free(l);
    cjmap_journey_free(j);
}

int main(void) {
    cjmap_measurer *ms = cjmap_measurer_fixed_new();
    test_lanes(ms);
    test_curve(ms);
    test_busy_curve(ms);
    test_rows(ms);
    test_hand_built(ms);
    test_pages(ms);
    test_shapes(ms);
    test_scale_words();
    test_lane_table();
    test_legend_needs(ms);
    cjmap_measurer_free(ms);
    TEST_END();
}
