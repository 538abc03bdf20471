/*
** measure.c — helpers shared by the measurers: the line buffer and a greedy
** line breaker for backends that can only measure a single run.
*/
#include "measure.h"

#include "arena.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cj_mbox_free(cj_mbox *b) {
    if (!b) return;
    free(b->lines);
    memset(b, 0, sizeof *b);
}

void cj_mbox_push(cj_mbox *b, size_t start, size_t len, double w, double h, double baseline,
                  double ink) {
    if (b->n == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 8;
        b->lines = cj_xrealloc(b->lines, cap * sizeof *b->lines);
        b->cap = cap;
    }
    b->lines[b->n++] = (cj_mline){start, len, w, h, baseline, ink > 0 ? ink : 0, false};
    if (w > b->w) b->w = w;
    b->h += h;
}

size_t cj_utf8_len(const char *s, size_t left) {
    unsigned char c = (unsigned char)s[0];
    size_t n = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (n > left) n = left;
    for (size_t i = 1; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80) return i;
    return n ? n : 1;
}

static bool is_space(char c) { return c == ' '; }

bool cj_break_lines(const char *s, size_t len, double max_w,
                    double (*width)(void *ctx, const char *s, size_t len), void *ctx, double h,
                    double baseline, cj_mbox *out) {
    out->n = 0;
    out->w = out->h = 0;
    size_t p = 0;
    for (;;) {
        /* One paragraph: s[p..e). */
        size_t e = p;
        while (e < len && s[e] != '\n') e++;
        size_t ls = p; /* start of the current line */
        size_t le = p; /* end of the last word on the current line */
        size_t i = p;
        bool emitted_any = false;
        while (i < e) {
            while (i < e && is_space(s[i])) i++;
            if (i >= e) break;
            size_t ws = i;
            while (i < e && !is_space(s[i])) i++;
            size_t we = i;
            if (le == ls) { /* line empty: it starts at this word */
                ls = ws;
                le = ws;
            }
            if (width(ctx, s + ls, we - ls) <= max_w) {
                le = we;
                continue;
            }
            if (le > ls) { /* the word goes on a new line */
                cj_mbox_push(out, ls, le - ls, width(ctx, s + ls, le - ls), h, baseline, 0);
                emitted_any = true;
                ls = le = ws;
            }
            if (width(ctx, s + ws, we - ws) <= max_w) {
                le = we;
                continue;
            }
            /* A word wider than the line: break it between characters. */
            size_t c = ws;
            while (c < we) {
                size_t k = c + cj_utf8_len(s + c, we - c); /* at least one character */
                while (k < we) {
                    size_t k2 = k + cj_utf8_len(s + k, we - k);
                    if (width(ctx, s + c, k2 - c) > max_w) break;
                    k = k2;
                }
                if (k < we) {
                    cj_mbox_push(out, c, k - c, width(ctx, s + c, k - c), h, baseline, 0);
                    emitted_any = true;
                    c = k;
                } else {
                    ls = c;
                    le = we;
                    c = we;
                }
            }
        }
        if (le > ls || !emitted_any)
            cj_mbox_push(out, ls, le - ls, le > ls ? width(ctx, s + ls, le - ls) : 0, h, baseline,
                         0);
        if (e >= len) break;
        p = e + 1;
    }
    return true;
}
