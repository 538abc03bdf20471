/*
** diag.c — diagnostics list and the gcc-style printer (diag.h).
*/
#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

struct cj_diag_entry {
    cjmap_diag d;
    uint32_t gline, gcol, gseq, sub; /* sort key: the owning diagnostic's position */
};

void cj_diags_init(cj_diags *d, cj_arena *a, unsigned max_errors) {
    memset(d, 0, sizeof *d);
    d->arena = a;
    d->max_errors = max_errors ? max_errors : CJMAP_DEFAULT_MAX_ERRORS;
}

/* Hard ceiling on collected entries: beyond it nothing more can be shown. */
static size_t collect_limit(const cj_diags *d) { return (size_t)d->max_errors * 8 + 1000; }

bool cj_diags_saturated(const cj_diags *d) { return d->n_errors > d->max_errors; }
bool cj_diags_full(const cj_diags *d) { return d->n >= collect_limit(d); }

void cj_diag_uncollected(cj_diags *d, cjmap_severity sev) {
    if (sev == CJMAP_ERROR) d->n_errors++;
    if (sev == CJMAP_WARNING) d->n_warnings++;
}

static cj_diag_entry *push(cj_diags *d) {
    if (d->n == d->cap) {
        size_t nc = d->cap ? d->cap * 2 : 16;
        d->items = cj_arena_grow(d->arena, d->items, d->n, nc, sizeof *d->items);
        d->cap = nc;
    }
    return &d->items[d->n++];
}

/* Appends an entry sorted under the owner's key (gline, gcol, gseq, sub). */
static void add(cj_diags *d, cjmap_severity sev, cjmap_span span, const char *code,
                const char *suggestion, uint32_t gline, uint32_t gcol, uint32_t gseq,
                uint32_t sub, const char *fmt, va_list ap) __attribute__((format(printf, 10, 0)));
static void add(cj_diags *d, cjmap_severity sev, cjmap_span span, const char *code,
                const char *suggestion, uint32_t gline, uint32_t gcol, uint32_t gseq,
                uint32_t sub, const char *fmt, va_list ap) {
    const char *msg = cj_arena_vprintf(d->arena, fmt, ap);
    cj_diag_entry *e = push(d);
    e->d =
        (cjmap_diag){sev,
                     span,
                     code,
                     msg,
                     suggestion ? cj_arena_strndup(d->arena, suggestion, strlen(suggestion)) : NULL,
                     NULL,
                     0};
    e->gline = gline, e->gcol = gcol, e->gseq = gseq, e->sub = sub;
}

static bool before(uint32_t l1, uint32_t c1, uint32_t l2, uint32_t c2) {
    return l1 < l2 || (l1 == l2 && c1 < c2);
}

void cj_diag_fix(cj_diags *d, cjmap_span span, const char *replacement) {
    if (d->dropped || d->n == 0 || !replacement) return;
    size_t owner = d->n - 1; /* fixes belong to errors and warnings, not notes */
    while (owner > 0 && d->items[owner].d.severity == CJMAP_NOTE)
        owner--;
    cjmap_diag *g = &d->items[owner].d;
    if (g->severity == CJMAP_NOTE) return;
    if (before(span.end_line, span.end_col, span.line, span.col))
        span.end_line = span.line, span.end_col = span.col;
    size_t at = g->n_fixes;
    while (at > 0 &&
           before(span.line, span.col, g->fixes[at - 1].span.line, g->fixes[at - 1].span.col))
        at--;
    /* Overlapping edits cannot be applied together: keep the first one. */
    if (at > 0 &&
        before(span.line, span.col, g->fixes[at - 1].span.end_line, g->fixes[at - 1].span.end_col))
        return;
    if (at < g->n_fixes &&
        before(g->fixes[at].span.line, g->fixes[at].span.col, span.end_line, span.end_col))
        return;
    cjmap_fix *f =
        cj_arena_grow(d->arena, (cjmap_fix *)g->fixes, g->n_fixes, g->n_fixes + 1, sizeof *f);
    memmove(f + at + 1, f + at, (g->n_fixes - at) * sizeof *f);
    f[at] = (cjmap_fix){span, cj_arena_strndup(d->arena, replacement, strlen(replacement))};
    g->fixes = f;
    g->n_fixes++;
}

void cj_diag(cj_diags *d, cjmap_severity sev, cjmap_span span, const char *code,
             const char *suggestion, const char *fmt, ...) {
    if (sev == CJMAP_ERROR) d->n_errors++;
    if (sev == CJMAP_WARNING) d->n_warnings++;
    d->dropped = d->n >= collect_limit(d);
    if (d->dropped) return;
    va_list ap;
    va_start(ap, fmt);
    add(d, sev, span, code, suggestion, span.line, span.col, ++d->seq, 0, fmt, ap);
    va_end(ap);
    if (suggestion && span.line) cj_diag_fix(d, span, suggestion);
}

void cj_diag_refix(cj_diags *d, cjmap_span span, const char *replacement) {
    if (d->dropped || d->n == 0) return;
    cjmap_diag *g = &d->items[d->n - 1].d;
    if (g->severity == CJMAP_NOTE) return;
    g->n_fixes = 0;
    cj_diag_fix(d, span, replacement);
}

void cj_diag_note(cj_diags *d, cjmap_span span, const char *fmt, ...) {
    if (d->n == 0 || d->dropped || d->n >= collect_limit(d)) return;
    const cj_diag_entry *owner = &d->items[d->n - 1];
    uint32_t gl = owner->gline, gc = owner->gcol, gs = owner->gseq, sub = owner->sub + 1;
    va_list ap;
    va_start(ap, fmt);
    add(d, CJMAP_NOTE, span, "note", NULL, gl, gc, gs, sub, fmt, ap);
    va_end(ap);
}

static int cmp_entry(const void *pa, const void *pb) {
    const cj_diag_entry *a = pa, *b = pb;
    /* Diagnostics without a position (line 0) concern the whole file: first. */
    if (a->gline != b->gline) return a->gline < b->gline ? -1 : 1;
    if (a->gcol != b->gcol) return a->gcol < b->gcol ? -1 : 1;
    if (a->gseq != b->gseq) return a->gseq < b->gseq ? -1 : 1;
    return a->sub < b->sub ? -1 : a->sub > b->sub;
}

void cj_diags_finish(cj_diags *d) {
    if (d->n) qsort(d->items, d->n, sizeof *d->items, cmp_entry);
    size_t keep = d->n, errors = 0;
    bool capped = false;
    for (size_t i = 0; i < d->n; i++) {
        if (d->items[i].d.severity != CJMAP_ERROR) continue;
        if (errors == d->max_errors) {
            keep = i;
            capped = true;
            break;
        }
        errors++;
    }
    if (!capped && d->n_errors > errors) capped = true; /* past the collection limit */
    size_t shown_warnings = 0;
    for (size_t i = 0; i < keep; i++) shown_warnings += d->items[i].d.severity == CJMAP_WARNING;
    d->out = CJ_NEW_ARRAY(d->arena, keep + 2, cjmap_diag);
    for (size_t i = 0; i < keep; i++) d->out[i] = d->items[i].d;
    d->n_out = keep;
    if (!capped && shown_warnings < d->n_warnings) {
        cjmap_diag *t = &d->out[d->n_out++];
        t->severity = CJMAP_WARNING;
        t->code = "too-many-warnings";
        t->message = cj_arena_printf(d->arena, "%zu more warnings not shown",
                                     d->n_warnings - shown_warnings);
    }
    if (capped) {
        cjmap_diag *t = &d->out[d->n_out++];
        t->severity = CJMAP_ERROR;
        t->code = "too-many-errors";
        t->message = cj_arena_printf(d->arena, "too many errors (%zu in all); stopping after %u",
                                     d->n_errors, d->max_errors);
    }
}

/* Bidirectional embeddings, overrides and isolates (U+202A-U+202E,
 * U+2066-U+2069): in a terminal they reorder how the rest of the line
 * looks ("Trojan Source"), so a message or an echoed line never passes
 * them through; nor the line and paragraph separators U+2028/U+2029,
 * which libyaml takes as line breaks and a terminal may too. */
static bool is_bidi_control(uint32_t cp) {
    return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x2028 ||
           cp == 0x2029; /* and the line and paragraph separators */
}

const char *cj_quote(cj_arena *a, const char *s, size_t len) {
    enum { MAXCHARS = 48 };
    char *out = cj_arena_alloc(a, MAXCHARS * 4 * 4 + 8);
    size_t o = 0, chars = 0;
    for (size_t i = 0; i < len;) {
        if (chars == MAXCHARS) {
            memcpy(out + o, "...", 3);
            o += 3;
            break;
        }
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == 0x7F) {
            const char *esc = c == '\n' ? "\\n" : c == '\t' ? "\\t" : c == '\r' ? "\\r" : NULL;
            if (esc)
                o += (size_t)snprintf(out + o, 8, "%s", esc);
            else
                o += (size_t)snprintf(out + o, 8, "\\x%02X", c);
            i++;
        } else {
            uint32_t cp;
            size_t n = cj_utf8_decode((const unsigned char *)s + i, len - i, &cp);
            /* C1 controls (CSI...) drive terminals too; bidi controls reorder them */
            if ((cp >= 0x80 && cp <= 0x9F) || is_bidi_control(cp))
                o += (size_t)snprintf(out + o, 8, "\\u%04X", (unsigned)cp);
            else
                memcpy(out + o, s + i, n), o += n;
            i += n;
        }
        chars++;
    }
    out[o] = '\0';
    return out;
}

/* ---- printing ---------------------------------------------------------- */

/* Display cells of a code point in a terminal: 2 for East Asian wide and
 * emoji, 0 for combining marks and zero-width joiners, else 1.  A compact
 * approximation of wcwidth() that does not depend on the C locale. */
static int cell_width(uint32_t c) {
    if (c == 0x200D || (c >= 0x0300 && c <= 0x036F) || (c >= 0xFE00 && c <= 0xFE0F) ||
        (c >= 0x1AB0 && c <= 0x1AFF) || (c >= 0x20D0 && c <= 0x20FF))
        return 0;
    if ((c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) ||
        (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
        (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
        (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1F64F) ||
        (c >= 0x1F900 && c <= 0x1F9FF) || (c >= 0x20000 && c <= 0x3FFFD))
        return 2;
    return 1;
}

enum { ECHO_MAX = 240 }; /* code points of a source line shown around the column */

typedef struct {
    FILE *out;
    bool color, ok;
} printer;

static void put(printer *p, const char *s, size_t n) {
    if (n && fwrite(s, 1, n, p->out) != n) p->ok = false;
}
static void puts_(printer *p, const char *s) { put(p, s, strlen(s)); }
/* A file name as the location of a message: its control characters and
 * bidi controls become '?' (names come from the command line). */
static void put_name(printer *p, const char *s) {
    const unsigned char *b = (const unsigned char *)s;
    for (size_t i = 0, n = strlen(s); i < n;) {
        uint32_t cp;
        size_t k = cj_utf8_decode(b + i, n - i, &cp);
        if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || is_bidi_control(cp))
            put(p, "?", 1);
        else
            put(p, s + i, k);
        i += k;
    }
}
static void color(printer *p, const char *code) {
    if (p->color) puts_(p, code);
}

/* Echoes the source line and a caret line under [col, end_col). */
static void echo_line(printer *p, const cj_source *src, const cjmap_span *sp) {
    const char *text;
    size_t len;
    if (!cj_source_line(src, sp->line, &text, &len)) return;
    if (len == 0 && sp->col <= 1) return; /* nothing to point at (e.g. an empty file) */
    const unsigned char *b = (const unsigned char *)text;
    uint32_t col = sp->col ? sp->col : 1;
    uint32_t end = (sp->end_line == sp->line && sp->end_col > col) ? sp->end_col : col + 1;
    /* Window: start a little before a far-right column, stop after ECHO_MAX. */
    uint32_t first = col > ECHO_MAX / 2 ? col - ECHO_MAX / 4 : 1;
    char num[32];
    int w = snprintf(num, sizeof num, "%5u | ", sp->line);
    put(p, num, (size_t)w);
    char caret[4 * ECHO_MAX + 64];
    size_t c = 0;
    uint32_t ch = 1;
    bool underline_done = false;
    if (first > 1) puts_(p, "...");
    if (first > 1) c += (size_t)snprintf(caret + c, 8, "   ");
    for (size_t i = 0; i < len && ch < first + ECHO_MAX;) {
        uint32_t cp;
        size_t n = cj_utf8_decode(b + i, len - i, &cp);
        if (ch >= first) {
            int cw = cp == '\t' ? 1 : cell_width(cp);
            if (cp == '\t')
                put(p, "\t", 1);
            else if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0xFFFD || is_bidi_control(cp))
                puts_(p, "\xEF\xBF\xBD"), cw = 1;
            else
                put(p, text + i, n);
            if (ch < col) {
                if (cp == '\t')
                    caret[c++] = '\t';
                else
                    for (int k = 0; k < cw; k++) caret[c++] = ' ';
            } else if (ch < end && c < sizeof caret - 8) {
                for (int k = 0; k < (cw ? cw : 0); k++) caret[c++] = ch == col && k == 0 ? '^' : '~';
                if (ch == col && cw == 0) caret[c++] = '^';
                underline_done = true;
            }
        }
        i += n;
        ch++;
    }
    if (ch < first + ECHO_MAX || len == 0) {
        /* whole line shown */
    } else {
        puts_(p, "...");
    }
    if (!underline_done) caret[c++] = '^'; /* column at the end of the line */
    caret[c] = '\0';
    puts_(p, "\n      | ");
    color(p, "\033[01;32m\033[K");
    puts_(p, caret);
    color(p, "\033[m\033[K");
    puts_(p, "\n");
}

/* Byte offset of 1-based column `col` in a line (the line's end when past it). */
static size_t col_byte(const char *text, size_t len, uint32_t col) {
    size_t i = 0;
    for (uint32_t c = 1; c < col && i < len; c++) {
        uint32_t cp;
        i += cj_utf8_decode((const unsigned char *)text + i, len - i, &cp);
    }
    return i;
}

/* Prints the lines a diagnostic's fixes touch as they read once mended:
 * "  fix | <line>", one row per resulting line, windowed like the echo. */
static void echo_fixes(printer *p, const cj_source *src, const cjmap_diag *g, bool name_line) {
    uint32_t l0 = g->fixes[0].span.line, l1 = l0;
    for (size_t i = 0; i < g->n_fixes; i++)
        if (g->fixes[i].span.end_line > l1) l1 = g->fixes[i].span.end_line;
    const char *t0, *t1;
    size_t n0, n1;
    if (!cj_source_line(src, l0, &t0, &n0) || !cj_source_line(src, l1, &t1, &n1)) return;
    /* The source from the start of line l0 to the end of line l1, with each
     * fix's range replaced. */
    size_t from = (size_t)(t0 - src->bytes), to = (size_t)(t1 - src->bytes) + n1;
    size_t cap = to - from + 1;
    for (size_t i = 0; i < g->n_fixes; i++)
        cap += strlen(g->fixes[i].replacement);
    char *buf = malloc(cap);
    if (!buf) return;
    size_t o = 0, at = from;
    for (size_t i = 0; i < g->n_fixes; i++) {
        const cjmap_fix *f = &g->fixes[i];
        const char *ta, *tb;
        size_t na, nb;
        if (!cj_source_line(src, f->span.line, &ta, &na) ||
            !cj_source_line(src, f->span.end_line, &tb, &nb))
            continue;
        size_t a = (size_t)(ta - src->bytes) + col_byte(ta, na, f->span.col);
        size_t b = (size_t)(tb - src->bytes) + col_byte(tb, nb, f->span.end_col);
        if (a < at || b < a || b > to) continue;
        memcpy(buf + o, src->bytes + at, a - at), o += a - at;
        size_t rl = strlen(f->replacement);
        memcpy(buf + o, f->replacement, rl), o += rl;
        at = b;
    }
    memcpy(buf + o, src->bytes + at, to - at), o += to - at;
    /* Window: as the echo does for a far-right column. */
    uint32_t col = g->fixes[0].span.col;
    uint32_t first = col > ECHO_MAX / 2 ? col - ECHO_MAX / 4 : 1;
    for (size_t i = 0; i <= o;) {
        size_t e = i;
        while (e < o && buf[e] != '\n' && buf[e] != '\r')
            e++;
        puts_(p, "  fix | ");
        color(p, "\033[01;32m\033[K");
        if (name_line) { /* shown away from the line it edits */
            char where[32];
            snprintf(where, sizeof where, "line %u: ", l0);
            puts_(p, where);
            name_line = false;
        }
        uint32_t ch = 1;
        if (first > 1) puts_(p, "...");
        for (size_t k = i; k < e && ch < first + ECHO_MAX; ch++) {
            uint32_t cp;
            size_t n = cj_utf8_decode((const unsigned char *)buf + k, e - k, &cp);
            if (ch >= first) {
                if (cp == '\t')
                    put(p, "\t", 1);
                else if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0xFFFD ||
                         is_bidi_control(cp))
                    puts_(p, "\xEF\xBF\xBD");
                else
                    put(p, buf + k, n);
            }
            k += n;
        }
        if (ch >= first + ECHO_MAX) puts_(p, "...");
        color(p, "\033[m\033[K");
        puts_(p, "\n");
        if (e < o && buf[e] == '\r' && e + 1 < o && buf[e + 1] == '\n') e++;
        i = e + 1;
    }
    free(buf);
}

bool cj_diags_print(const cj_diags *d, const cj_source *src, FILE *out, unsigned flags) {
    printer p = {out, (flags & CJMAP_PRINT_COLOR) != 0, true};
    bool skip_notes = false, source = !(flags & CJMAP_PRINT_NO_SOURCE);
    /* A fix that edits another line than its diagnostic's is shown under
     * the first note on that line, or else at the end, with its line. */
    const cjmap_diag *pending = NULL;
    for (size_t i = 0; i < d->n_out; i++) {
        const cjmap_diag *g = &d->out[i];
        if (pending && g->severity != CJMAP_NOTE)
            echo_fixes(&p, src, pending, true), pending = NULL;
        if (g->severity == CJMAP_NOTE && skip_notes) continue;
        if (g->severity != CJMAP_NOTE) skip_notes = false;
        if ((flags & CJMAP_PRINT_ERRORS_ONLY) && g->severity == CJMAP_WARNING) {
            skip_notes = true;
            continue;
        }
        color(&p, "\033[01m\033[K");
        put_name(&p, src->name);
        if (g->span.line) {
            char pos[48];
            snprintf(pos, sizeof pos, ":%u:%u", g->span.line, g->span.col);
            puts_(&p, pos);
        }
        puts_(&p, ":");
        color(&p, "\033[m\033[K");
        puts_(&p, " ");
        static const char *const name[] = {"note", "warning", "error"};
        static const char *const col[] = {"\033[01;36m\033[K", "\033[01;35m\033[K",
                                          "\033[01;31m\033[K"};
        bool promoted = g->severity == CJMAP_WARNING && (flags & CJMAP_PRINT_WARNINGS_AS_ERRORS);
        cjmap_severity sev = promoted ? CJMAP_ERROR : g->severity;
        color(&p, col[sev]);
        puts_(&p, name[sev]);
        puts_(&p, ":");
        color(&p, "\033[m\033[K");
        puts_(&p, " ");
        puts_(&p, g->message);
        if (promoted) puts_(&p, " [--strict]");
        puts_(&p, "\n");
        if (g->span.line && source) echo_line(&p, src, &g->span);
        if (g->severity != CJMAP_NOTE && g->n_fixes && source) {
            if (g->fixes[0].span.line == g->span.line)
                echo_fixes(&p, src, g, false);
            else
                pending = g;
        } else if (pending && g->span.line == pending->fixes[0].span.line) {
            echo_fixes(&p, src, pending, false);
            pending = NULL;
        }
    }
    if (pending) echo_fixes(&p, src, pending, true);
    return p.ok && !ferror(out);
}
