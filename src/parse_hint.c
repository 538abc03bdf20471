/*
** parse_hint.c — reading the lines around a YAML syntax error (parse_hint.h).
**
** Implementation notes
** - Everything works on the source bytes, which are valid UTF-8 by now
**   (parse.c checks the encoding first).  Nothing here allocates except
**   messages and replacement texts, in the journey's arena.
** - The flow scanner is a small model of YAML's flow context, enough to tell
**   a key's ': ' from one inside its value: quoted texts are skipped, the
**   first ': ' of an entry separates key and value, ',' ends an entry.  It
**   runs only after libyaml has failed, so it may assume there is a mistake
**   and look for the most likely one.
** - Indentation is compared with the lines above, back to the enclosing
**   top-level key: a line one or two spaces off a column used by the keys
**   (or the '- ' items) above it is the common slip; anything further off
**   is more likely meant, and left to libyaml's message.
*/
#include "parse_hint.h"

#include "parse.h"

#include <stdint.h>
#include <string.h>

bool cj_hint_line(const cj_source *src, uint32_t line, size_t *from, size_t *to) {
    const char *t;
    size_t n;
    if (!cj_source_line(src, line, &t, &n)) return false;
    *from = (size_t)(t - src->bytes);
    *to = *from + n;
    return true;
}

size_t cj_hint_indent_of(const cj_source *src, uint32_t line, bool *content) {
    const char *t;
    size_t n, i = 0;
    if (content) *content = false;
    if (!cj_source_line(src, line, &t, &n)) return 0;
    while (i < n && t[i] == ' ')
        i++;
    if (content) *content = i < n && t[i] != '#';
    return i;
}

static bool blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
static bool flow_indicator(char c) {
    return c == ',' || c == '[' || c == ']' || c == '{' || c == '}';
}

/* [from, to) without blanks at either end. */
static void trim(const char *b, size_t *from, size_t *to) {
    while (*from < *to && blank(b[*from]))
        (*from)++;
    while (*to > *from && blank(b[*to - 1]))
        (*to)--;
}

static const char *spaces_word(size_t n) { return n == 1 ? "space" : "spaces"; }

/* ---- the shape of a line ------------------------------------------------ */

/* What a line begins with: its indentation, a '- ' item, a "key:". */
typedef struct shape {
    bool content;             /* anything but blanks and a comment */
    size_t indent;            /* spaces before the first character */
    bool dash;                /* a '- ' item */
    size_t dash_col, key_col; /* 0-based; key_col SIZE_MAX: no "key:" */
    size_t key_len;           /* bytes of the key */
} shape;

static shape line_shape(const cj_source *src, uint32_t line) {
    shape s = {.key_col = SIZE_MAX};
    size_t from, to;
    if (!cj_hint_line(src, line, &from, &to)) return s;
    const char *t = src->bytes + from;
    size_t n = to - from, i = cj_hint_indent_of(src, line, &s.content);
    s.indent = i;
    if (!s.content) return s;
    if (t[i] == '-' && (i + 1 == n || t[i + 1] == ' ')) {
        s.dash = true;
        s.dash_col = i++;
        while (i < n && t[i] == ' ')
            i++;
    }
    if (i >= n || strchr("\"'{[#|>&*!%@`", t[i])) return s;
    for (size_t k = i; k < n; k++) {
        if (t[k] == '#' && t[k - 1] == ' ') break;
        if (t[k] == ':' && (k + 1 == n || t[k + 1] == ' ' || t[k + 1] == '\t')) {
            if (k > i) s.key_col = i, s.key_len = k - i; /* ": x" has no key */
            break;
        }
    }
    return s;
}

/* ---- ': ' and ' #' inside { } and [ ] ---------------------------------- */

typedef struct level {
    char close;              /* '}' or ']' */
    bool colon;              /* the entry's key has had its ':' */
    size_t key_from, key_to; /* the entry's plain key, when it has one */
    size_t val_from;         /* start of the entry's value (SIZE_MAX: none yet) */
} level;

/* The end of a text that runs on from `i` up to the end of its entry: the
 * closing bracket, the end of the line, or a ',' followed by "key: " (in
 * [ ]: any ',', which there separates items). */
static size_t entry_end(const cj_source *src, size_t i, bool seq) {
    const char *b = src->bytes;
    size_t n = src->len;
    for (; i < n; i++) {
        char c = b[i];
        if (c == '}' || c == ']' || c == '\n' || c == '\r') return i;
        if (c != ',') continue;
        if (seq) return i;
        for (size_t k = i + 1; k < n; k++) {
            char d = b[k];
            if (d == ':' && k + 1 < n && blank(b[k + 1])) return i; /* ", key: " */
            if (flow_indicator(d) || d == '\n' || d == '\r' || d == '"' || d == '\'') break;
        }
    }
    return n;
}

static bool flow_found(cj_arena *a, const cj_source *src, cj_hint *h, const level *L, size_t at,
                       bool hash, char open) {
    const char *b = src->bytes;
    size_t from = L->colon ? L->val_from : L->key_from;
    size_t to = entry_end(src, at, L->close == ']' && !L->colon);
    if (from == SIZE_MAX || from > at) from = at;
    trim(b, &from, &to);
    const char *in = open == '{' ? "{ }" : "[ ]";
    const char *of = "a text";
    if (L->colon && L->key_to > L->key_from) {
        size_t kf = L->key_from, kt = L->key_to;
        trim(b, &kf, &kt);
        of = cj_arena_printf(a, "the text of '%s'", cj_quote(a, b + kf, kt - kf));
    }
    h->code = hash ? "comment-in-flow" : "colon-in-flow";
    if (hash)
        h->message = cj_arena_printf(a,
                                     "' #' starts a comment, also inside %s, and cuts %s off here; "
                                     "a text with ' #' needs quotes",
                                     in, of);
    else
        h->message = cj_arena_printf(a,
                                     "this ': ' is inside %s; inside %s a text with ': ' needs "
                                     "quotes",
                                     of, in);
    h->at = at, h->at_end = at + 1;
    h->n_fixes = 1;
    h->fix[0].from = from, h->fix[0].to = to;
    h->fix[0].text = cj_yaml_quoted(a, b + from, to - from);
    return true;
}

bool cj_hint_flow(cj_arena *a, const cj_source *src, size_t open, cj_hint *h) {
    const char *b = src->bytes;
    size_t n = src->len, i = open;
    level st[64];
    int depth = 0;
    if (open >= n || (b[open] != '{' && b[open] != '[')) return false;
    /* A later line indented no more than the one with the bracket is not
     * inside the collection: it was never closed, which libyaml says well. */
    cjmap_span where = cj_source_span_bytes(src, open, open);
    size_t base = line_shape(src, where.line).indent;
    while (i < n) {
        char c = b[i];
        if (c == '\n' || c == '\r') {
            size_t k = i + 1, ind = 0;
            if (c == '\r' && k < n && b[k] == '\n') k++;
            while (k + ind < n && b[k + ind] == ' ')
                ind++;
            bool empty =
                k + ind >= n || b[k + ind] == '\n' || b[k + ind] == '\r' || b[k + ind] == '#';
            if (!empty && ind <= base) return false;
        }
        if (c == '{' || c == '[') {
            if (depth == 64) return false;
            st[depth++] = (level){c == '{' ? '}' : ']', false, 0, 0, SIZE_MAX};
            i++;
            continue;
        }
        if (c == '}' || c == ']') {
            if (--depth <= 0) return false; /* closed: the mistake is elsewhere */
            i++;
            continue;
        }
        if (depth == 0) return false; /* not reached: the scan starts at a bracket */
        level *L = &st[depth - 1];
        if (c == ',') {
            *L = (level){L->close, false, 0, 0, SIZE_MAX};
            i++;
            continue;
        }
        if (blank(c)) {
            i++;
            continue;
        }
        if (c == '#') { /* after a blank or at a line's start: a real comment */
            while (i < n && b[i] != '\n' && b[i] != '\r')
                i++;
            continue;
        }
        if (c == '"' || c == '\'') {
            if (L->colon && L->val_from == SIZE_MAX) L->val_from = i;
            for (i++; i < n; i++) {
                if (c == '"' && b[i] == '\\') {
                    i++;
                    continue;
                }
                if (b[i] == c) {
                    if (c == '\'' && i + 1 < n && b[i + 1] == '\'') {
                        i++;
                        continue;
                    }
                    break;
                }
            }
            if (i >= n) return false;
            i++;
            continue;
        }
        if (c == ':' && (i + 1 >= n || blank(b[i + 1]) || flow_indicator(b[i + 1]))) {
            if (L->colon) return flow_found(a, src, h, L, i, false, b[open]);
            L->colon = true; /* after a quoted key */
            i++;
            continue;
        }
        /* A plain text: up to a flow indicator, a ': ' or a ' #'. */
        if (L->colon && L->val_from == SIZE_MAX) L->val_from = i;
        if (!L->colon) L->key_from = i;
        for (; i < n; i++) {
            c = b[i];
            if (flow_indicator(c)) break;
            if (c == ':' && (i + 1 >= n || blank(b[i + 1]) || flow_indicator(b[i + 1]))) {
                if (L->colon) return flow_found(a, src, h, L, i, false, b[open]);
                L->colon = true;
                L->key_to = i;
                i++;
                break;
            }
            if (c == '#' && (b[i - 1] == ' ' || b[i - 1] == '\t'))
                return flow_found(a, src, h, L, i, true, b[open]);
        }
    }
    return false;
}

/* ---- lines of block style: '-', indentation, ': ' ---------------------- */

bool cj_hint_dash(cj_arena *a, const cj_source *src, uint32_t line, cj_hint *h) {
    size_t from, to;
    if (!cj_hint_line(src, line, &from, &to)) return false;
    const char *t = src->bytes + from;
    size_t n = to - from, i = cj_hint_indent_of(src, line, NULL);
    /* "-Bestiller"; not "---", "-5" or "- x" */
    if (i + 1 >= n || t[i] != '-' || blank(t[i + 1]) || t[i + 1] == '-' ||
        (t[i + 1] >= '0' && t[i + 1] <= '9') || t[i + 1] == '.')
        return false;
    size_t e = i + 1;
    while (e < n && !(t[e] == ' ' && e + 1 < n && t[e + 1] == '#'))
        e++;
    h->code = "dash-without-space";
    h->message = cj_arena_printf(a, "put a space after '-': a list item is written '- %s'",
                                 cj_quote(a, t + i + 1, e - i - 1));
    h->at = from + i, h->at_end = from + i + 1;
    h->n_fixes = 1;
    h->fix[0].from = h->fix[0].to = from + i + 1;
    h->fix[0].text = " ";
    return true;
}

bool cj_hint_indent(cj_arena *a, const cj_source *src, uint32_t line, cj_hint *h) {
    shape me = line_shape(src, line);
    if (!me.content || line < 2) return false;
    bool item = me.dash;
    size_t mine = item ? me.dash_col : me.indent;
    if (!item && me.key_col == SIZE_MAX) return false;
    /* The columns the lines above use for the same kind of entry, nearest first. */
    size_t best = SIZE_MAX, best_dist = 3;
    uint32_t best_line = 0;
    for (uint32_t l = line - 1, seen = 0; l >= 1 && seen < 400; l--, seen++) {
        shape s = line_shape(src, l);
        if (!s.content) continue;
        /* "name" without its ':' above "description:": they line up, and the
         * slip is the missing ':' that libyaml reports. */
        if (!item && !s.dash && s.key_col == SIZE_MAX && s.indent == mine) return false;
        size_t cols[2];
        int nc = 0;
        if (item && s.dash) cols[nc++] = s.dash_col;
        if (!item && s.key_col != SIZE_MAX) cols[nc++] = s.key_col;
        for (int k = 0; k < nc; k++) {
            if (cols[k] == mine) return false; /* lines up with something above */
            size_t d = cols[k] > mine ? cols[k] - mine : mine - cols[k];
            if (d < best_dist) best = cols[k], best_dist = d, best_line = l;
        }
        if (s.indent == 0 && !s.dash) break; /* a top-level key: the block ends */
    }
    if (best == SIZE_MAX) return false;
    size_t from, to;
    if (!cj_hint_line(src, line, &from, &to)) return false;
    size_t off = best_dist;
    const char *dir = mine > best ? "too many" : "too few";
    if (item) {
        h->message = cj_arena_printf(a,
                                     "this '- ' item is indented %zu %s %s: it starts at column "
                                     "%zu, the items above it (line %u) at column %zu",
                                     off, spaces_word(off), dir, mine + 1, best_line, best + 1);
    } else {
        h->message = cj_arena_printf(
            a,
            "'%s' is indented %zu %s %s: it starts at column %zu, the keys above it (line %u) at "
            "column %zu",
            cj_quote(a, src->bytes + from + me.key_col, me.key_len), off, spaces_word(off), dir,
            mine + 1, best_line, best + 1);
    }
    h->code = "bad-indentation";
    h->at = from + mine, h->at_end = from + mine + 1;
    char *sp = cj_arena_alloc(a, best + 1);
    memset(sp, ' ', best);
    sp[best] = '\0';
    h->n_fixes = 1;
    h->fix[0].from = from, h->fix[0].to = from + me.indent;
    h->fix[0].text = sp;
    return true;
}

bool cj_hint_colon(cj_arena *a, const cj_source *src, uint32_t line, cj_hint *h) {
    shape me = line_shape(src, line);
    if (me.key_col == SIZE_MAX) return false;
    size_t from, to;
    if (!cj_hint_line(src, line, &from, &to)) return false;
    const char *b = src->bytes;
    size_t v = from + me.key_col + me.key_len + 1;
    while (v < to && b[v] == ' ')
        v++;
    if (v >= to || strchr("\"'{[|>&*!#", b[v])) return false;
    size_t e = v;
    while (e < to && !(b[e] == '#' && (b[e - 1] == ' ' || b[e - 1] == '\t')))
        e++;
    trim(b, &v, &e);
    bool inner = false; /* only a ': ' inside the text makes quotes the fix */
    for (size_t k = v; k + 1 < e && !inner; k++)
        inner = b[k] == ':' && (b[k + 1] == ' ' || b[k + 1] == '\t');
    if (!inner) return false;
    h->code = "unexpected-colon";
    h->message = "unexpected ':' here; quote text that contains ': ', or check the indentation";
    h->n_fixes = 1;
    h->fix[0].from = v, h->fix[0].to = e;
    h->fix[0].text = cj_yaml_quoted(a, b + v, e - v);
    return true;
}
