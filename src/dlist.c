/*
** dlist.c — display-list storage, copying with translation, the text dump
** and locale-free number formatting.
** Items live in per-page arrays grown with realloc; everything an item
** points to lives in the list's bump allocator, freed all at once.
*/
#include "dlist.h"

#include "arena.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct cj_chunk {
    cj_chunk *next;
    size_t used, cap;
    max_align_t data[]; /* cap bytes */
};

#define xrealloc cj_xrealloc

void cj_dl_init(cj_dlist *d) { memset(d, 0, sizeof *d); }

void cj_dl_free(cj_dlist *d) {
    if (!d) return;
    for (size_t i = 0; i < d->n_pages; i++) free(d->pages[i].items);
    free(d->pages);
    for (size_t i = 0; i < d->n_blocks; i++)
        free(d->blocks[i]);
    free(d->blocks);
    for (cj_chunk *c = d->arena, *n; c; c = n) {
        n = c->next;
        free(c);
    }
    if (d->fonts.release) d->fonts.release(d->fonts.ref);
    memset(d, 0, sizeof *d);
}

void *cj_dl_alloc(cj_dlist *d, size_t n) {
    const size_t al = sizeof(max_align_t);
    n = (n + al - 1) / al * al;
    if (!d->arena || d->arena->cap - d->arena->used < n) {
        size_t cap = n > 65536 ? n : 65536;
        cj_chunk *c = xrealloc(NULL, sizeof *c + cap);
        c->next = d->arena;
        c->used = 0;
        c->cap = cap;
        d->arena = c;
    }
    void *p = (char *)d->arena->data + d->arena->used;
    d->arena->used += n;
    memset(p, 0, n);
    return p;
}

char *cj_dl_strndup(cj_dlist *d, const char *s, size_t n) {
    char *p = cj_dl_alloc(d, n + 1);
    if (n) memcpy(p, s, n);
    p[n] = 0;
    return p;
}

cj_page *cj_dl_page(cj_dlist *d, double w, double h, double scale, cj_color bg) {
    if (d->n_pages == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 4;
        d->pages = xrealloc(d->pages, d->cap * sizeof *d->pages);
    }
    cj_page *p = &d->pages[d->n_pages++];
    memset(p, 0, sizeof *p);
    p->w = w;
    p->h = h;
    p->scale = scale;
    p->bg = bg;
    return p;
}

void cj_dl_adopt(cj_dlist *d, void *block) {
    d->blocks = xrealloc(d->blocks, (d->n_blocks + 1) * sizeof *d->blocks);
    d->blocks[d->n_blocks++] = block;
}

static void translate(cj_item *it, double dx, double dy) {
    it->box.x += dx;
    it->box.y += dy;
    it->cell.x += dx;
    it->cell.y += dy;
}

static void translate_parts(cj_item *it, double dx, double dy) {
    if (it->shaped) {
        it->shape->x += dx;
        it->shape->y += dy;
    }
    for (size_t i = 0; i < it->n_segs; i++)
        for (int k = 0; k < 3; k++) {
            it->segs[i].x[k] += dx;
            it->segs[i].y[k] += dy;
        }
    for (size_t i = 0; i < it->n_lines; i++) {
        it->lines[i].x += dx;
        it->lines[i].y += dy;
    }
}

static cj_item *put_item(cj_page *p, cj_item *it) {
    if (p->n == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 64;
        p->items = xrealloc(p->items, p->cap * sizeof *p->items);
    }
    p->items[p->n++] = it;
    return it;
}

/* A copy of the struct in the list, translated. */
static cj_item *append(cj_dlist *d, cj_page *p, const cj_item *it, double dx, double dy) {
    cj_item *n = cj_dl_alloc(d, sizeof *n);
    *n = *it;
    translate(n, dx, dy);
    return put_item(p, n);
}

cj_item *cj_dl_link(cj_dlist *d, cj_page *p, cj_item *it, double dx, double dy) {
    (void)d;
    translate_parts(it, dx, dy);
    translate(it, dx, dy);
    return put_item(p, it);
}

cj_item *cj_dl_move(cj_dlist *d, cj_page *p, cj_item *it, double dx, double dy) {
    translate_parts(it, dx, dy);
    return append(d, p, it, dx, dy);
}

cj_item *cj_dl_add(cj_dlist *d, cj_page *p, const cj_item *it, double dx, double dy) {
    cj_item *n = append(d, p, it, dx, dy);
    if (it->shaped) {
        n->shape = cj_dl_alloc(d, sizeof *n->shape);
        *n->shape = *it->shape;
    }
    if (it->n_segs) {
        n->segs = cj_dl_alloc(d, it->n_segs * sizeof *n->segs);
        memcpy(n->segs, it->segs, it->n_segs * sizeof *n->segs);
    }
    if (it->n_lines) {
        n->lines = cj_dl_alloc(d, it->n_lines * sizeof *n->lines);
        memcpy(n->lines, it->lines, it->n_lines * sizeof *n->lines);
    }
    translate_parts(n, dx, dy); /* the copies, not the originals */
    return n;
}

char *cj_fmt_num(char *buf, double v) {
    /* Integer arithmetic only: printf("%f") would follow LC_NUMERIC. */
    if (!isfinite(v)) v = 0;
    long long m = llround(v * 1000.0);
    char *p = buf;
    if (m < 0) {
        *p++ = '-';
        m = -m;
    }
    long long ip = m / 1000, fp = m % 1000;
    char tmp[24];
    int n = 0;
    do {
        tmp[n++] = (char)('0' + ip % 10);
        ip /= 10;
    } while (ip);
    while (n) *p++ = tmp[--n];
    if (fp) {
        *p++ = '.';
        *p++ = (char)('0' + fp / 100);
        fp %= 100;
        if (fp) {
            *p++ = (char)('0' + fp / 10);
            if (fp % 10) *p++ = (char)('0' + fp % 10);
        }
    }
    *p = 0;
    if (strcmp(buf, "-0") == 0) strcpy(buf, "0");
    return buf;
}

void cj_dash_pattern(cj_dash d, double lw, double out[2], int *n) {
    (void)lw;
    *n = 0;
    if (d == CJ_DASH_DASHED) {
        out[0] = 3.0;
        out[1] = 2.0;
        *n = 2;
    } else if (d == CJ_DASH_DOTTED) {
        out[0] = 1.0;
        out[1] = 1.5;
        *n = 2;
    }
}

static const char *const okind_names[CJ_O_COUNT] = {
    "page",        "title",      "segment", "badge",      "runhead",    "phase",   "statement",
    "lane",        "lane-label", "action",  "touchpoint", "experience", "curve",   "pain",
    "opportunity", "metric",     "legend",  "lane-text",  "backstage",  "support", "line"};

const char *cj_okind_name(cj_okind k) { return k < CJ_O_COUNT ? okind_names[k] : "?"; }

typedef struct {
    cjmap_write_fn w;
    void *c;
    bool ok;
} out_t;

static void put(out_t *o, const char *s, size_t n) {
    if (o->ok && n) o->ok = o->w(o->c, (const unsigned char *)s, n);
}
static void puts_(out_t *o, const char *s) { put(o, s, strlen(s)); }
static void putn(out_t *o, double v) {
    char b[32] = "";
    puts_(o, cj_fmt_num(b, v));
}
static void putrect(out_t *o, cj_rect r) {
    putn(o, r.x);
    puts_(o, " ");
    putn(o, r.y);
    puts_(o, " ");
    putn(o, r.w);
    puts_(o, " ");
    putn(o, r.h);
}

bool cj_dl_dump(const cj_dlist *d, cjmap_write_fn w, void *closure) {
    static const char *const types[] = {"rect", "path", "text"};
    static const char *const roles[] = {"decor", "box", "ink"};
    out_t o = {w, closure, true};
    char b[64] = "";
    for (size_t pi = 0; pi < d->n_pages; pi++) {
        const cj_page *p = &d->pages[pi];
        snprintf(b, sizeof b, "page %zu ", pi + 1);
        puts_(&o, b);
        putn(&o, p->w);
        puts_(&o, " ");
        putn(&o, p->h);
        puts_(&o, " scale ");
        putn(&o, p->scale);
        puts_(&o, "\n");
        for (size_t i = 0; i < p->n; i++) {
            const cj_item *it = p->items[i];
            snprintf(b, sizeof b, "  %s %s %s %d %d ", types[it->type], roles[it->role],
                     cj_okind_name((cj_okind)it->origin.kind), (int)it->origin.index,
                     (int)it->origin.sub);
            puts_(&o, b);
            putrect(&o, it->box);
            puts_(&o, " in ");
            putrect(&o, it->cell);
            if (it->type == CJ_IT_TEXT) {
                puts_(&o, " size ");
                putn(&o, it->font.size * p->scale);
            }
            puts_(&o, "\n");
            for (size_t k = 0; k < it->n_lines; k++) {
                const cj_tline *l = &it->lines[k];
                puts_(&o, "    ");
                putn(&o, l->x);
                puts_(&o, " ");
                putn(&o, l->y);
                puts_(&o, " ");
                putn(&o, l->w);
                puts_(&o, " |");
                put(&o, l->s, l->len);
                puts_(&o, "|\n");
            }
        }
    }
    return o.ok;
}
