/*
** source.c — line index, UTF-8 checks and position conversions (source.h).
*/
#include "source.h"

#include <string.h>

size_t cj_utf8_decode(const unsigned char *p, size_t n, uint32_t *cp) {
    unsigned char c = p[0];
    size_t len;
    uint32_t v, min;
    if (c < 0x80) {
        *cp = c;
        return 1;
    } else if (c >= 0xC2 && c <= 0xDF) {
        len = 2, v = c & 0x1F, min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3, v = c & 0x0F, min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4, v = c & 0x07, min = 0x10000;
    } else {
        *cp = 0xFFFD;
        return 1;
    }
    if (n < len) {
        *cp = 0xFFFD;
        return 1;
    }
    for (size_t i = 1; i < len; i++) {
        if ((p[i] & 0xC0) != 0x80) {
            *cp = 0xFFFD;
            return 1;
        }
        v = (v << 6) | (p[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
        *cp = 0xFFFD;
        return 1;
    }
    *cp = v;
    return len;
}

void cj_source_init(cj_source *s, cj_arena *a, const char *name, const char *bytes, size_t len) {
    memset(s, 0, sizeof *s);
    /* The name is printed in every diagnostic: no control character in it
     * may reach a terminal (C0, DEL and C1 become '?'). */
    char *nm = cj_arena_strndup(a, name, strlen(name));
    for (unsigned char *p = (unsigned char *)nm; *p; p++) {
        if (*p < 0x20 || *p == 0x7F) *p = '?';
        if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) p[0] = '?', p[1] = '?';
    }
    s->name = nm;
    s->bytes = cj_arena_strndup(a, bytes, len);
    s->len = len;
    const unsigned char *b = (const unsigned char *)s->bytes;
    if (len >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) s->start = 3;
    size_t lines = 1;
    for (size_t i = s->start; i < len; i++)
        if (b[i] == '\n' || (b[i] == '\r' && (i + 1 >= len || b[i + 1] != '\n'))) lines++;
    s->line_byte = CJ_NEW_ARRAY(a, lines, size_t);
    s->line_char = CJ_NEW_ARRAY(a, lines, size_t);
    size_t k = 0, chars = 0;
    s->line_byte[0] = s->start;
    s->line_char[0] = 0;
    for (size_t i = s->start; i < len; i++) {
        /* A character starts at every byte that is not a continuation byte;
         * invalid input has been diagnosed before its positions are used. */
        if ((b[i] & 0xC0) != 0x80) chars++;
        if (b[i] == '\n' || (b[i] == '\r' && (i + 1 >= len || b[i + 1] != '\n'))) {
            k++;
            s->line_byte[k] = i + 1;
            s->line_char[k] = chars;
        }
    }
    s->n_lines = lines;
    s->n_chars = chars;
}

bool cj_source_bad_utf8(const cj_source *s, size_t from, size_t *at, size_t *bad_len,
                        const char **what) {
    const unsigned char *b = (const unsigned char *)s->bytes;
    for (size_t i = from < s->start ? s->start : from; i < s->len;) {
        /* Eight ASCII bytes without a NUL at a time: most of a journey. */
        while (i + 8 <= s->len) {
            uint64_t w;
            memcpy(&w, b + i, 8);
            if ((w & 0x8080808080808080u) || ((w - 0x0101010101010101u) & ~w & 0x8080808080808080u))
                break;
            i += 8;
        }
        if (i >= s->len) break;
        unsigned char c = b[i];
        if (c == 0) {
            *at = i, *bad_len = 1, *what = "NUL byte";
            return true;
        }
        if (c < 0x80) {
            i++;
            continue;
        }
        uint32_t cp;
        size_t n = cj_utf8_decode(b + i, s->len - i, &cp);
        if (cp == 0xFFFD && !(n == 3 && b[i] == 0xEF && b[i + 1] == 0xBF && b[i + 2] == 0xBD)) {
            /* One malformed sequence is one problem: take its continuation
             * bytes with it (at most 3). */
            size_t k = 1;
            while (k < 4 && i + k < s->len && (b[i + k] & 0xC0) == 0x80) k++;
            *at = i, *bad_len = k;
            if (c == 0xC0 || c == 0xC1 || (c == 0xE0 && i + 1 < s->len && b[i + 1] < 0xA0) ||
                (c == 0xF0 && i + 1 < s->len && b[i + 1] < 0x90))
                *what = "overlong UTF-8 encoding";
            else if (c == 0xED && i + 1 < s->len && b[i + 1] >= 0xA0)
                *what = "UTF-16 surrogate encoded in UTF-8";
            else if (c >= 0xF5 || (c == 0xF4 && i + 1 < s->len && b[i + 1] >= 0x90))
                *what = "byte beyond the Unicode range";
            else if ((c & 0xC0) == 0x80)
                *what = "invalid UTF-8 byte";
            else
                *what = "incomplete UTF-8 sequence";
            return true;
        }
        i += n;
    }
    return false;
}

/* Index of the line containing a value, by binary search on `starts`. */
static size_t find_line(const size_t *starts, size_t n, size_t v) {
    size_t lo = 0, hi = n;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (starts[mid] <= v)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

static void pos_bytes(const cj_source *s, size_t off, uint32_t *line, uint32_t *col) {
    if (off > s->len) off = s->len;
    if (off < s->start) off = s->start;
    size_t l = find_line(s->line_byte, s->n_lines, off);
    size_t c = 0;
    size_t nb = l + 1 < s->n_lines ? s->line_byte[l + 1] : s->len;
    size_t nc = l + 1 < s->n_lines ? s->line_char[l + 1] : s->n_chars;
    const unsigned char *b = (const unsigned char *)s->bytes;
    if (nb - s->line_byte[l] == nc - s->line_char[l]) /* an ASCII line */
        c = off - s->line_byte[l];
    else
        for (size_t i = s->line_byte[l]; i < off; i++)
            if ((b[i] & 0xC0) != 0x80) c++;
    *line = (uint32_t)(l + 1);
    *col = (uint32_t)(c + 1);
}

static void pos_chars(const cj_source *s, size_t idx, uint32_t *line, uint32_t *col) {
    size_t l = find_line(s->line_char, s->n_lines, idx);
    *line = (uint32_t)(l + 1);
    *col = (uint32_t)(idx - s->line_char[l] + 1);
}

void cj_source_locate(const cj_source *s, cj_source_cursor *c, size_t idx, uint32_t *line,
                      uint32_t *col, size_t *byte) {
    size_t l = c->line < s->n_lines ? c->line : 0;
    if (idx < s->line_char[l]) {
        l = find_line(s->line_char, s->n_lines, idx);
    } else {
        for (int steps = 0; l + 1 < s->n_lines && s->line_char[l + 1] <= idx; steps++, l++)
            if (steps == 16) { /* a long jump: search */
                l = find_line(s->line_char, s->n_lines, idx);
                break;
            }
    }
    size_t lb = s->line_byte[l], lc = s->line_char[l];
    size_t nb = l + 1 < s->n_lines ? s->line_byte[l + 1] : s->len;
    size_t nc = l + 1 < s->n_lines ? s->line_char[l + 1] : s->n_chars;
    size_t b;
    if (nb - lb == nc - lc) { /* an ASCII line */
        b = lb + (idx - lc);
        if (b > s->len) b = s->len;
    } else {
        size_t k = lc;
        b = lb;
        /* From the cursor when it is on this line (a zeroed cursor is not
         * when a BOM comes first: line 1 starts at byte 3). */
        if (c->line == l && c->idx >= lc && c->idx <= idx && c->byte >= lb) k = c->idx, b = c->byte;
        const unsigned char *p = (const unsigned char *)s->bytes;
        for (; k < idx && b < nb; k++) {
            b++;
            while (b < nb && (p[b] & 0xC0) == 0x80)
                b++;
        }
    }
    c->line = l, c->idx = idx, c->byte = b;
    *line = (uint32_t)(l + 1);
    *col = (uint32_t)(idx - lc + 1);
    *byte = b;
}

size_t cj_source_char_byte(const cj_source *s, size_t idx) {
    cj_source_cursor c = {0};
    uint32_t line, col;
    size_t byte;
    cj_source_locate(s, &c, idx, &line, &col, &byte);
    return byte;
}

cjmap_span cj_source_span_bytes(const cj_source *s, size_t from, size_t to) {
    cjmap_span sp;
    pos_bytes(s, from, &sp.line, &sp.col);
    pos_bytes(s, to < from ? from : to, &sp.end_line, &sp.end_col);
    return sp;
}

cjmap_span cj_source_span_chars(const cj_source *s, size_t from, size_t to) {
    cjmap_span sp;
    pos_chars(s, from, &sp.line, &sp.col);
    pos_chars(s, to < from ? from : to, &sp.end_line, &sp.end_col);
    return sp;
}

bool cj_source_line(const cj_source *s, uint32_t line, const char **text, size_t *len) {
    if (line == 0 || line > s->n_lines) return false;
    size_t a = s->line_byte[line - 1];
    size_t b = line < s->n_lines ? s->line_byte[line] : s->len;
    while (b > a && (s->bytes[b - 1] == '\n' || s->bytes[b - 1] == '\r')) b--;
    *text = s->bytes + a;
    *len = b - a;
    return true;
}
