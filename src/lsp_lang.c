/*
** lsp_lang.c — the language server's features: completion, hover, go to
** definition, references, document highlight, rename, document symbols
** and quick fixes.  Everything comes from the library's own parser and
** validator through cjmap_edit.h: the key tables, the outline, the
** references and what is at a position.
**
** IMPLEMENTATION NOTES
** 1. Completion while the line does not parse: libyaml stops at the first
**    error, so the text is patched where the cursor is and parsed again.
**    A placeholder word goes in at the cursor; when that alone is no YAML,
**    the placeholder becomes a key ("cha" -> "cha<P>:"), then the
**    brackets and quote the line leaves open are closed.  When the rest of
**    the file has an error of its own, the same is tried on the text cut
**    after the cursor's line.  The first patch that parses says what the
**    cursor is on (cjmap_journey_place at the placeholder); phases and
**    touchpoints to offer come from the patched journey, or from the last
**    journey that parsed when the cut left them out.
** 2. Navigation (definition, references, highlight, hover, rename) works on
**    the text's journey when it parses, else on the last one that did
**    (cj_lsp_nav): while a line is half-typed, the rest still navigates.
** 3. Rename checks the new name with the validator itself: the edits are
**    applied to a copy, the copy is loaded, and a rename that adds an
**    error is refused with that error's message.  There is no second set
**    of rules for names.
** 4. Quick fixes are the diagnostics' fixes (cjmap_diag.fixes), one code
**    action per diagnostic, all its edits together.
*/
#include "lsp_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- small helpers ----------------------------------------------------- */

static bool on(cjmap_span s, uint32_t line, uint32_t col) {
    if (s.line == 0 || line < s.line || (line == s.line && col < s.col)) return false;
    return line < s.end_line || (line == s.end_line && col <= s.end_col);
}

static bool span_in(cjmap_span in, cjmap_span s) {
    return on(in, s.line, s.col) && on(in, s.end_line, s.end_col);
}

static bool get_pos(const lsp_view *v, const lsp_doc *d, json_t *params, lsp_pos *p, lsp_err *e) {
    if (cj_lsp_position(v, d, json_object_get(params, "position"), p)) return true;
    cj_lsp_fail(e, E_PARAMS, "the request needs a position {line, character}");
    return false;
}

static json_t *location(const lsp_view *v, const lsp_doc *d, cjmap_span sp) {
    return json_pack("{s:s, s:o}", "uri", d->uri, "range", cj_lsp_range(v, d, sp));
}

static json_t *markup(const lsp_view *v, const char *text) {
    return json_pack("{s:s, s:s}", "kind", v->markdown ? "markdown" : "plaintext", "value", text);
}

/* A growing string; out of memory leaves it NULL (then nothing is added). */
typedef struct str {
    char *p;
    size_t n, cap;
} str;

static void put(str *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(str *s, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (k < 0 || (s->cap && !s->p)) return;
    if (s->n + (size_t)k + 1 > s->cap) {
        size_t cap = s->cap ? s->cap : 256;
        while (cap < s->n + (size_t)k + 1)
            cap *= 2;
        char *np = realloc(s->p, cap);
        if (!np) {
            free(s->p);
            s->p = NULL, s->cap = 1;
            return;
        }
        s->p = np, s->cap = cap;
    }
    va_start(ap, fmt);
    vsnprintf(s->p + s->n, s->cap - s->n, fmt, ap);
    va_end(ap);
    s->n += (size_t)k;
}

static const char *str_get(const str *s) { return s->p ? s->p : ""; }

/* Code (`x`) in Markdown, else as is. */
static const char *code_open(const lsp_view *v) { return v->markdown ? "`" : "'"; }

/* The byte offset of a journey position in the document's text. */
static size_t byte_at(const char *t, size_t n, uint32_t line, uint32_t col) {
    size_t i = 0;
    for (uint32_t l = 1; l < line && i < n; i++)
        if (t[i] == '\n') l++;
    for (uint32_t c = 1; c < col && i < n && t[i] != '\n'; c++) {
        i++;
        while (i < n && ((unsigned char)t[i] & 0xC0) == 0x80)
            i++;
    }
    return i;
}

/* ---- completion (note 1) ----------------------------------------------- */

#define PLACEHOLDER "CJMAPxCURSORx"

/* The brackets and the quote the line's text before `off` leaves open,
 * as the text that closes them (at most 15 characters). */
static void closers(const char *t, size_t ls, size_t off, char out[16]) {
    char stack[16];
    size_t n = 0;
    char quote = 0;
    for (size_t i = ls; i < off; i++) {
        char c = t[i];
        if (quote) {
            if (c == quote) quote = 0;
            continue;
        }
        if (c == '"' || c == '\'') {
            /* a quote opens a quoted text only where a value starts */
            size_t k = i;
            while (k > ls && t[k - 1] == ' ')
                k--;
            if (k == ls || strchr(":[{,-", t[k - 1])) quote = c;
        } else if (c == '#' && (i == ls || t[i - 1] == ' ')) {
            break; /* a comment */
        } else if ((c == '[' || c == '{') && n < sizeof stack) {
            stack[n++] = c == '[' ? ']' : '}';
        } else if ((c == ']' || c == '}') && n > 0) {
            n--;
        }
    }
    size_t o = 0;
    if (quote) out[o++] = quote;
    while (n > 0 && o < 15)
        out[o++] = stack[--n];
    out[o] = '\0';
}

/* What completion found at the cursor. */
typedef struct at_cursor {
    cjmap_journey *j; /* the patched text's journey */
    bool cut;         /* the text was cut after the cursor's line */
    cjmap_place place;
    char quote;       /* the quote the typed text opened, or 0 */
    bool colon_after; /* a ':' follows the cursor already */
} at_cursor;

static bool try_patch(const lsp_view *v, const lsp_doc *d, const lsp_pos *p, const char *insert,
                      size_t upto, at_cursor *out) {
    size_t il = strlen(insert), n = upto + il;
    char *t = malloc(n + 1);
    if (!t) return false;
    memcpy(t, d->text, p->off);
    memcpy(t + p->off, insert, il);
    memcpy(t + p->off + il, d->text + p->off, upto - p->off);
    t[n] = '\0';
    cjmap_journey *j = cjmap_journey_load(d->uri, t, n, v->opts);
    free(t);
    cjmap_place pl;
    if (j && cjmap_journey_place(j, p->line, p->col + 1, &pl) && strstr(pl.text, PLACEHOLDER) &&
        pl.span.line == p->line) {
        out->j = j;
        out->cut = upto < d->len;
        out->place = pl;
        return true;
    }
    cjmap_journey_free(j);
    return false;
}

static bool find_cursor(const lsp_view *v, const lsp_doc *d, const lsp_pos *p, at_cursor *out) {
    size_t ls = p->off;
    while (ls > 0 && d->text[ls - 1] != '\n')
        ls--;
    const char *nl = memchr(d->text + p->off, '\n', d->len - p->off);
    size_t line_end = nl ? (size_t)(nl - d->text) + 1 : d->len;
    char close[16], closed[64];
    closers(d->text, ls, p->off, close);
    snprintf(closed, sizeof closed, "%s%s", PLACEHOLDER, close);
    const char *inserts[] = {PLACEHOLDER, PLACEHOLDER ":", closed};
    size_t uptos[] = {d->len, line_end};
    for (int u = 0; u < 2; u++)
        for (int k = 0; k < 3; k++) {
            if (k == 2 && !close[0]) continue;
            if (u == 1 && line_end == d->len) return false;
            if (try_patch(v, d, p, inserts[k], uptos[u], out)) return true;
        }
    return false;
}

typedef struct items {
    json_t *list;
    const lsp_view *v;
    const lsp_doc *d;
    json_t *range; /* what an item replaces: the typed word */
    const at_cursor *at;
} items;

static void add_item(items *it, const char *label, int kind, const char *detail, const char *doc,
                     const char *insert, const char *sort) {
    json_t *o = json_pack("{s:s, s:i, s:s, s:{s:O, s:s}}", "label", label, "kind", kind, "sortText",
                          sort, "textEdit", "range", it->range, "newText", insert);
    if (!o) return;
    if (strcmp(insert, label) != 0) json_object_set_new(o, "filterText", json_string(insert));
    if (detail) json_object_set_new(o, "detail", json_string(detail));
    if (doc) json_object_set_new(o, "documentation", markup(it->v, doc));
    json_array_append_new(it->list, o);
}

enum { K_PROPERTY = 10, K_VALUE = 12, K_ENUM_MEMBER = 20, K_REFERENCE = 18, K_KEYWORD = 14 };

/* A key's documentation: its line, then its vocabulary. */
static char *key_doc(const lsp_view *v, const cjmap_objdef *obj, const cjmap_keydef *k) {
    str s = {0};
    const char *c = code_open(v);
    put(&s, "%s%s%s%s: %s.", c, k->name, c, k->required ? " (required)" : "", k->doc);
    if (k->values && k->kind != CJMAP_V_SCALARMAP) {
        put(&s, "\n\nOne of:");
        for (size_t i = 0; k->values[i]; i++)
            put(&s, "%s %s%s%s", i ? "," : "", c, k->values[i], c);
        put(&s, ".");
    } else if (k->values) {
        put(&s, "\n\nKeys:");
        for (size_t i = 0; k->values[i]; i++)
            put(&s, "%s %s%s%s", i ? "," : "", c, k->values[i], c);
        put(&s, ".");
    }
    if (obj && obj->noun) put(&s, "\n\nIn %s.", obj->what);
    return s.p;
}

/* The text as the cursor's context writes it: in the quotes the user
 * opened, else plain when YAML allows. */
static char *written(const at_cursor *at, const char *s) {
    if (!at->quote) return cjmap_yaml_text(s, strlen(s), at->place.flow);
    str o = {0};
    put(&o, "%c", at->quote);
    for (const char *c = s; *c; c++) {
        if (at->quote == '"' && (*c == '"' || *c == '\\'))
            put(&o, "\\%c", *c);
        else if (at->quote == '\'' && *c == '\'')
            put(&o, "''");
        else
            put(&o, "%c", *c);
    }
    put(&o, "%c", at->quote);
    return o.p;
}

static void complete_keys(items *it) {
    const cjmap_place *pl = &it->at->place;
    const cjmap_objdef *obj = pl->object;
    for (size_t i = 0; obj && i < obj->n; i++) {
        const cjmap_keydef *k = &obj->keys[i];
        if (i < 32 && (pl->present >> i & 1)) continue;
        char *doc = key_doc(it->v, obj, k);
        char insert[64], sort[32];
        snprintf(insert, sizeof insert, it->at->colon_after ? "%s" : "%s: ", k->name);
        snprintf(sort, sizeof sort, "%d%02zu", k->required ? 0 : 1, i);
        add_item(it, k->name, K_PROPERTY, k->required ? "required" : NULL, doc, insert, sort);
        free(doc);
    }
}

static void complete_values(items *it, const char *const *values, int kind) {
    for (size_t i = 0; values && values[i]; i++) {
        char sort[32];
        snprintf(sort, sizeof sort, "%03zu", i);
        char *w = written(it->at, values[i]);
        if (w) add_item(it, values[i], kind, NULL, NULL, w, sort);
        free(w);
    }
}

static const char *kind_noun(cjmap_symbol_kind k) {
    switch (k) {
    case CJMAP_SYM_PHASE:
        return "phase";
    case CJMAP_SYM_TOUCHPOINT:
        return "touchpoint";
    case CJMAP_SYM_LANE:
        return "lane";
    default:
        return "item";
    }
}

/* Offers the phases, touchpoints or own lanes (kind k) by id and by name. */
static void complete_refs(items *it, const cjmap_journey *j, cjmap_symbol_kind k) {
    size_t n;
    const cjmap_symbol *sy = j ? cjmap_journey_symbols(j, &n) : NULL;
    for (size_t i = 0; sy && i < n; i++) {
        if (sy[i].kind != k) continue;
        const cjmap_symbol *s = &sy[i];
        char sort[24];
        const char *noun = kind_noun(k);
        str doc = {0};
        put(&doc, "%s %s", noun, s->name);
        if (s->detail) put(&doc, k == CJMAP_SYM_TOUCHPOINT ? " (%s)" : ": «%s»", s->detail);
        if (s->id) {
            snprintf(sort, sizeof sort, "0%06zu", i);
            char *w = written(it->at, s->id);
            if (w) add_item(it, s->id, K_REFERENCE, s->name, str_get(&doc), w, sort);
            free(w);
        }
        if (s->name[0] && (!s->id || strcmp(s->id, s->name) != 0)) {
            snprintf(sort, sizeof sort, "1%06zu", i);
            char *w = written(it->at, s->name);
            if (w) add_item(it, s->name, K_REFERENCE, s->id ? s->id : noun, str_get(&doc), w, sort);
            free(w);
        }
        free(doc.p);
    }
}

/* The journey whose phases and touchpoints completion offers. */
static const cjmap_journey *ref_source(const lsp_view *v, lsp_doc *d, const at_cursor *at) {
    if (!at->cut) return at->j;
    const cjmap_journey *nav = cj_lsp_nav(v, d);
    return nav ? nav : at->j;
}

json_t *cj_lsp_completion(const lsp_view *v, lsp_doc *d, json_t *params, lsp_err *e) {
    lsp_pos p;
    if (!get_pos(v, d, params, &p, e)) return NULL;
    at_cursor at = {0};
    json_t *list = json_array();
    if (!find_cursor(v, d, &p, &at))
        return json_pack("{s:b, s:o}", "isIncomplete", 0, "items", list);
    const cjmap_place *pl = &at.place;
    cjmap_span word = {p.line, pl->span.col, p.line, p.col};
    size_t start = byte_at(d->text, d->len, pl->span.line, pl->span.col), r = p.off;
    if (pl->quoted && start < d->len && (d->text[start] == '"' || d->text[start] == '\'')) {
        at.quote = d->text[start];
        if (r < d->len && d->text[r] == at.quote) word.end_col++; /* the editor closed it */
    }
    while (r < d->len && (d->text[r] == ' ' || d->text[r] == '\t'))
        r++;
    at.colon_after = r < d->len && d->text[r] == ':';
    items it = {list, v, d, cj_lsp_range(v, d, word), &at};
    const cjmap_keydef *k = pl->key;
    const cjmap_journey *src = ref_source(v, d, &at);
    switch (pl->role) {
    case CJMAP_AT_KEY:
        complete_keys(&it);
        break;
    case CJMAP_AT_VALUE:
    case CJMAP_AT_ITEM:
        if (!k) break;
        if (k->kind == CJMAP_V_ENUM || (k->kind == CJMAP_V_LANES && pl->role == CJMAP_AT_ITEM))
            complete_values(&it, k->values, K_ENUM_MEMBER);
        else if (k->kind == CJMAP_V_BOOL)
            complete_values(&it, (const char *const[]){"true", "false", NULL}, K_KEYWORD);
        else if (k->kind == CJMAP_V_REF)
            complete_refs(&it, src,
                          strcmp(k->noun, "touchpoint") == 0 ? CJMAP_SYM_TOUCHPOINT
                                                             : CJMAP_SYM_PHASE);
        else if (k->kind == CJMAP_V_PHASEREFS)
            complete_refs(&it, src, CJMAP_SYM_PHASE);
        else if (k->kind == CJMAP_V_INT && k->min == k->max) {
            char one[16];
            snprintf(one, sizeof one, "%d", k->min);
            complete_values(&it, (const char *const[]){one, NULL}, K_VALUE);
        }
        break;
    case CJMAP_AT_MAP_KEY:
        if (!k) break;
        if (k->kind == CJMAP_V_PHASEREFS)
            complete_refs(&it, src, CJMAP_SYM_PHASE);
        else if (k->kind == CJMAP_V_LANEMAP)
            complete_refs(&it, src, CJMAP_SYM_LANE);
        else if (k->kind == CJMAP_V_SCALARMAP && k->values)
            complete_values(&it, k->values, K_ENUM_MEMBER);
        break;
    default:
        break;
    }
    json_decref(it.range);
    cjmap_journey_free(at.j);
    return json_pack("{s:b, s:o}", "isIncomplete", 0, "items", list);
}

/* ---- what a position names (note 2) ----------------------------------- */

typedef struct named {
    cjmap_index sym;      /* the phase, touchpoint or own lane; CJMAP_NONE */
    bool by_id;           /* through its id (else its name) */
    const cjmap_ref *ref; /* the reference at the position, or NULL (a definition) */
    cjmap_span span;      /* what is at the position */
} named;

static bool named_at(const cjmap_journey *j, const lsp_pos *p, named *out) {
    size_t nr, ns;
    const cjmap_ref *refs = j ? cjmap_journey_refs(j, &nr) : NULL;
    const cjmap_symbol *sy = j ? cjmap_journey_symbols(j, &ns) : NULL;
    for (size_t i = 0; refs && i < nr; i++)
        if (on(refs[i].span, p->line, p->col)) {
            *out = (named){refs[i].target, refs[i].by_id, &refs[i], refs[i].span};
            return true;
        }
    for (size_t i = 0; sy && i < ns; i++) {
        if (sy[i].kind != CJMAP_SYM_PHASE && sy[i].kind != CJMAP_SYM_TOUCHPOINT &&
            sy[i].kind != CJMAP_SYM_LANE)
            continue;
        if (sy[i].id && on(sy[i].id_span, p->line, p->col)) {
            *out = (named){(cjmap_index)i, true, NULL, sy[i].id_span};
            return true;
        }
        if (on(sy[i].name_span, p->line, p->col)) {
            *out = (named){(cjmap_index)i, false, NULL, sy[i].name_span};
            return true;
        }
    }
    return false;
}

/* Where a symbol is defined: its id when it has one, else its name. */
static cjmap_span def_span(const cjmap_symbol *s) {
    return s->id && s->id_span.line ? s->id_span : s->name_span.line ? s->name_span : s->span;
}

json_t *cj_lsp_definition(const lsp_view *v, lsp_doc *d, json_t *params, lsp_err *e) {
    lsp_pos p;
    if (!get_pos(v, d, params, &p, e)) return NULL;
    const cjmap_journey *j = cj_lsp_nav(v, d);
    named n;
    size_t ns;
    if (!named_at(j, &p, &n) || n.sym == CJMAP_NONE) return json_null();
    const cjmap_symbol *sy = cjmap_journey_symbols(j, &ns);
    return location(v, d, def_span(&sy[n.sym]));
}

/* Every place that names symbol `sym`: its definition (id and name, when
 * `decl`), then its references. */
static json_t *places(const lsp_view *v, lsp_doc *d, const cjmap_journey *j, cjmap_index sym,
                      bool decl, bool highlight) {
    json_t *out = json_array();
    size_t nr, ns;
    const cjmap_ref *refs = cjmap_journey_refs(j, &nr);
    const cjmap_symbol *s = &cjmap_journey_symbols(j, &ns)[sym];
    cjmap_span defs[2] = {s->id ? s->id_span : (cjmap_span){0, 0, 0, 0}, s->name_span};
    for (int k = 0; k < 2 && decl; k++) {
        if (!defs[k].line) continue;
        json_array_append_new(out, highlight ? json_pack("{s:o, s:i}", "range",
                                                         cj_lsp_range(v, d, defs[k]), "kind", 3)
                                             : location(v, d, defs[k]));
    }
    for (size_t i = 0; i < nr; i++) {
        if (refs[i].target != sym) continue;
        json_array_append_new(
            out, highlight
                     ? json_pack("{s:o, s:i}", "range", cj_lsp_range(v, d, refs[i].span), "kind", 2)
                     : location(v, d, refs[i].span));
    }
    return out;
}

json_t *cj_lsp_references(const lsp_view *v, lsp_doc *d, json_t *params, lsp_err *e) {
    lsp_pos p;
    if (!get_pos(v, d, params, &p, e)) return NULL;
    int decl = 1;
    json_unpack(params, "{s?{s?b}}", "context", "includeDeclaration", &decl);
    const cjmap_journey *j = cj_lsp_nav(v, d);
    named n;
    if (!named_at(j, &p, &n) || n.sym == CJMAP_NONE) return json_null();
    return places(v, d, j, n.sym, decl, false);
}

json_t *cj_lsp_highlight(const lsp_view *v, lsp_doc *d, json_t *params, lsp_err *e) {
    lsp_pos p;
    if (!get_pos(v, d, params, &p, e)) return NULL;
    const cjmap_journey *j = cj_lsp_nav(v, d);
    named n;
    if (!named_at(j, &p, &n) || n.sym == CJMAP_NONE) return json_null();
    return places(v, d, j, n.sym, true, true);
}

/* ---- hover -------------------------------------------------------------- */

static void describe(const lsp_view *v, const cjmap_journey *j, cjmap_index sym, str *s) {
    size_t ns, nr;
    const cjmap_symbol *sy = cjmap_journey_symbols(j, &ns), *t = &sy[sym];
    const cjmap_ref *refs = cjmap_journey_refs(j, &nr);
    const char *c = code_open(v), *b = v->markdown ? "**" : "";
    put(s, "%s %s%s%s",
        t->kind == CJMAP_SYM_PHASE        ? "Phase"
        : t->kind == CJMAP_SYM_TOUCHPOINT ? "Touchpoint"
                                          : "Lane",
        b, t->name, b);
    if (t->id) put(s, " (id %s%s%s)", c, t->id, c);
    if (t->kind == CJMAP_SYM_PHASE && t->detail) put(s, "\n\n«%s»", t->detail);
    if (t->kind == CJMAP_SYM_TOUCHPOINT) {
        put(s, "\n\nChannel %s%s%s", c, t->detail ? t->detail : "?", c);
        size_t k = 0;
        for (size_t i = 0; i < nr; i++) {
            if (refs[i].kind != CJMAP_SYM_PHASE || !span_in(t->span, refs[i].span)) continue;
            const char *name =
                refs[i].target != CJMAP_NONE ? sy[refs[i].target].name : refs[i].text;
            put(s, "%s%s", k++ ? ", " : "; in the phases: ", name);
        }
    }
    size_t uses = 0;
    for (size_t i = 0; i < nr; i++)
        uses += refs[i].target == sym;
    put(s, "\n\n%zu reference%s in this journey.", uses, uses == 1 ? "" : "s");
}

json_t *cj_lsp_hover(const lsp_view *v, lsp_doc *d, json_t *params, lsp_err *e) {
    lsp_pos p;
    if (!get_pos(v, d, params, &p, e)) return NULL;
    const cjmap_journey *j = cj_lsp_nav(v, d);
    if (!j) return json_null();
    str s = {0};
    cjmap_span at = {0, 0, 0, 0};
    named n;
    cjmap_place pl;
    if (named_at(j, &p, &n)) {
        at = n.span;
        if (n.sym != CJMAP_NONE)
            describe(v, j, n.sym, &s);
        else
            put(&s, "'%s' names no %s of this journey.", n.ref->text, kind_noun(n.ref->kind));
    } else if (cjmap_journey_place(j, p.line, p.col, &pl) && pl.key) {
        at = pl.span;
        char *doc = key_doc(v, pl.object, pl.key);
        put(&s, "%s", doc ? doc : "");
        free(doc);
    } else {
        return json_null();
    }
    json_t *r = json_pack("{s:o, s:o}", "contents", markup(v, str_get(&s)), "range",
                          cj_lsp_range(v, d, at));
    free(s.p);
    return r;
}

/* ---- rename (note 3) --------------------------------------------------- */

static bool renamable(const lsp_view *v, lsp_doc *d, json_t *params, lsp_pos *p, named *n,
                      const cjmap_journey **jp, lsp_err *e) {
    if (!get_pos(v, d, params, p, e)) return false;
    const cjmap_journey *j = cj_lsp_journey(v, d);
    size_t ns;
    if (!j || !cjmap_journey_symbols(j, &ns)) {
        cj_lsp_fail(e, E_FAILED, "the file is not valid YAML yet; rename once it parses");
        return false;
    }
    if (!named_at(j, p, n)) {
        cj_lsp_fail(e, E_FAILED,
                    "only the id or name of a phase, touchpoint or own lane, or a reference to "
                    "one, can be renamed");
        return false;
    }
    if (n->sym == CJMAP_NONE) {
        cj_lsp_fail(e, E_FAILED, "'%s' names no %s of this journey: there is nothing to rename",
                    n->ref->text, kind_noun(n->ref->kind));
        return false;
    }
    *jp = j;
    return true;
}

json_t *cj_lsp_prepare_rename(const lsp_view *v, lsp_doc *d, json_t *params, lsp_err *e) {
    lsp_pos p;
    named n;
    const cjmap_journey *j;
    if (!renamable(v, d, params, &p, &n, &j, e)) return NULL;
    size_t ns;
    const cjmap_symbol *s = &cjmap_journey_symbols(j, &ns)[n.sym];
    return json_pack("{s:o, s:s}", "range", cj_lsp_range(v, d, n.span), "placeholder",
                     n.by_id ? s->id : s->name);
}

typedef struct edit {
    cjmap_span span;
    char *text;
} edit;

static int by_place(const void *a, const void *b) {
    const cjmap_span *x = &((const edit *)a)->span, *y = &((const edit *)b)->span;
    if (x->line != y->line) return x->line < y->line ? -1 : 1;
    return x->col < y->col ? -1 : x->col > y->col;
}

json_t *cj_lsp_rename(const lsp_view *v, lsp_doc *d, json_t *params, lsp_err *e) {
    lsp_pos p;
    named n;
    const cjmap_journey *j;
    const char *name;
    size_t len;
    if (json_unpack(params, "{s:s%}", "newName", &name, &len) != 0) {
        cj_lsp_fail(e, E_PARAMS, "rename needs newName, a string");
        return NULL;
    }
    if (!renamable(v, d, params, &p, &n, &j, e)) return NULL;
    size_t ns, nr;
    const cjmap_symbol *sy = cjmap_journey_symbols(j, &ns), *s = &sy[n.sym];
    const cjmap_ref *refs = cjmap_journey_refs(j, &nr);
    const char *what = n.by_id ? "id" : "name";
    if (len == 0 || strlen(name) != len || memchr(name, '\n', len) || memchr(name, '\r', len)) {
        cj_lsp_fail(e, E_FAILED, "a %s %s is one line of text, not empty", kind_noun(s->kind),
                    what);
        return NULL;
    }
    if (n.by_id && !cjmap_is_id(name, len)) {
        cj_lsp_fail(e, E_FAILED,
                    "'%s' is not a valid id: an id is letters and digits (any language), '-' "
                    "and '_'; no spaces or punctuation",
                    name);
        return NULL;
    }
    /* The definition and every reference that uses the same id or name. */
    edit *ed = calloc(nr + 1, sizeof *ed);
    size_t ne = 0;
    if (!ed) {
        cj_lsp_fail(e, E_FAILED, "out of memory");
        return NULL;
    }
    ed[ne++] = (edit){n.by_id ? s->id_span : s->name_span,
                      cjmap_yaml_text(name, len, n.by_id ? s->id_flow : s->name_flow)};
    for (size_t i = 0; i < nr; i++)
        if (refs[i].target == n.sym && refs[i].by_id == n.by_id)
            ed[ne++] = (edit){refs[i].span, cjmap_yaml_text(name, len, refs[i].flow)};
    qsort(ed, ne, sizeof *ed, by_place);
    /* Note 3: the validator judges the result. */
    str t = {0};
    size_t at = 0;
    bool oom = false;
    for (size_t i = 0; i < ne; i++) {
        size_t a = byte_at(d->text, d->len, ed[i].span.line, ed[i].span.col);
        size_t b = byte_at(d->text, d->len, ed[i].span.end_line, ed[i].span.end_col);
        if (!ed[i].text) oom = true;
        put(&t, "%.*s%s", (int)(a - at), d->text + at, ed[i].text ? ed[i].text : "");
        at = b;
    }
    put(&t, "%.*s", (int)(d->len - at), d->text + at);
    cjmap_journey *after = t.p ? cjmap_journey_load(d->uri, t.p, t.n, v->opts) : NULL;
    free(t.p);
    json_t *result = NULL;
    if (!after || oom) {
        cj_lsp_fail(e, E_FAILED, "out of memory");
    } else if (cjmap_journey_error_count(after) > cjmap_journey_error_count(j)) {
        const char *why = "it makes the journey invalid";
        for (size_t i = 0; i < cjmap_journey_diag_count(after); i++) {
            const cjmap_diag *g = cjmap_journey_diag(after, i);
            if (g->severity == CJMAP_ERROR) {
                why = g->message;
                /* the first error the rename adds is the one it causes */
                bool before = false;
                for (size_t k = 0; k < cjmap_journey_diag_count(j) && !before; k++)
                    before = strcmp(cjmap_journey_diag(j, k)->message, g->message) == 0;
                if (!before) break;
            }
        }
        cj_lsp_fail(e, E_FAILED, "cannot rename %s %s '%s' to '%s': %s", kind_noun(s->kind), what,
                    n.by_id ? s->id : s->name, name, why);
    } else {
        json_t *list = json_array();
        for (size_t i = 0; i < ne; i++)
            json_array_append_new(list,
                                  json_pack("{s:o, s:s}", "range", cj_lsp_range(v, d, ed[i].span),
                                            "newText", ed[i].text));
        result = json_pack("{s:{s:o}}", "changes", d->uri, list);
    }
    cjmap_journey_free(after);
    for (size_t i = 0; i < ne; i++)
        free(ed[i].text);
    free(ed);
    return result;
}

/* ---- document symbols ------------------------------------------------- */

enum { SK_MODULE = 2, SK_ARRAY = 18, SK_OBJECT = 19, SK_EVENT = 24, SK_FIELD = 8, SK_STRING = 15 };

static int symbol_kind(cjmap_symbol_kind k) {
    switch (k) {
    case CJMAP_SYM_PHASE:
        return SK_MODULE;
    case CJMAP_SYM_TOUCHPOINT:
        return SK_EVENT;
    case CJMAP_SYM_SEGMENT:
        return SK_OBJECT;
    case CJMAP_SYM_LANE:
        return SK_FIELD;
    default:
        return SK_STRING;
    }
}

/* A symbol's one-line name: at most 80 code points. */
static char *short_name(const char *s) {
    size_t n = 0, i = 0;
    while (s[i] && n < 80) {
        if (((unsigned char)s[i] & 0xC0) != 0x80) n++;
        i++;
    }
    while (s[i] && ((unsigned char)s[i] & 0xC0) == 0x80)
        i++;
    str out = {0};
    put(&out, "%.*s%s", (int)i, s, s[i] ? "…" : "");
    for (size_t k = 0; out.p && k < out.n; k++)
        if (out.p[k] == '\n' || out.p[k] == '\r') out.p[k] = ' ';
    return out.p;
}

json_t *cj_lsp_symbols(const lsp_view *v, lsp_doc *d, json_t *params, lsp_err *e) {
    (void)params, (void)e;
    const cjmap_journey *j = cj_lsp_nav(v, d);
    size_t ns;
    const cjmap_symbol *sy = j ? cjmap_journey_symbols(j, &ns) : NULL;
    json_t *out = json_array();
    if (!sy) return out;
    for (int k = 0; k < CJMAP_SYM_COUNT; k++) {
        json_t *children = json_array();
        cjmap_span all = {0, 0, 0, 0};
        size_t count = 0;
        for (size_t i = 0; i < ns; i++) {
            if ((int)sy[i].kind != k) continue;
            const cjmap_symbol *s = &sy[i];
            count++;
            if (!all.line) all = s->span;
            all.end_line = s->span.end_line, all.end_col = s->span.end_col;
            cjmap_span sel = s->name_span.line ? s->name_span
                             : s->id_span.line ? s->id_span
                                               : s->span;
            if (!span_in(s->span, sel)) sel = s->span;
            char *name = short_name(s->name[0] ? s->name : s->id ? s->id : "(no name)");
            str detail = {0};
            if (s->id && s->kind != CJMAP_SYM_LANE) put(&detail, "%s", s->id);
            if (s->phase != CJMAP_NONE)
                put(&detail, "%s%s", detail.n ? " · " : "", sy[s->phase].name);
            if (s->kind == CJMAP_SYM_TOUCHPOINT && s->detail)
                put(&detail, "%s%s", detail.n ? " · " : "", s->detail);
            json_t *o = json_pack("{s:s, s:i, s:o, s:o}", "name", name ? name : "", "kind",
                                  symbol_kind(s->kind), "range", cj_lsp_range(v, d, s->span),
                                  "selectionRange", cj_lsp_range(v, d, sel));
            if (o && detail.n) json_object_set_new(o, "detail", json_string(detail.p));
            free(detail.p);
            free(name);
            json_array_append_new(children, o);
        }
        if (k == CJMAP_SYM_SEGMENT) { /* one of its kind: no group */
            if (json_array_size(children)) json_array_extend(out, children);
            json_decref(children);
            continue;
        }
        if (!count) {
            json_decref(children);
            continue;
        }
        char detail[32];
        snprintf(detail, sizeof detail, "%zu", count);
        json_array_append_new(
            out, json_pack("{s:s, s:s, s:i, s:o, s:o, s:o}", "name",
                           cjmap_symbol_list_key((cjmap_symbol_kind)k), "detail", detail, "kind",
                           SK_ARRAY, "range", cj_lsp_range(v, d, all), "selectionRange",
                           cj_lsp_range(v, d, (cjmap_span){all.line, all.col, all.line, all.col}),
                           "children", children));
    }
    return out;
}

/* ---- quick fixes (note 4) ---------------------------------------------- */

static bool overlaps(cjmap_span a, cjmap_span b) {
    uint32_t ae = a.end_line ? a.end_line : a.line, be = b.end_line ? b.end_line : b.line;
    if (ae < b.line || be < a.line) return false;
    if (ae == b.line && a.end_col < b.col && a.end_line) return false;
    if (be == a.line && b.end_col < a.col && b.end_line) return false;
    return true;
}

/* One line of at most 40 code points of s, for a title. */
static char *snippet(const char *s, size_t len) {
    while (len && (*s == '\n' || *s == ' ' || *s == ',' || *s == '\r'))
        s++, len--;
    if (len >= 2 && s[0] == '-' && s[1] == ' ') s += 2, len -= 2;
    while (len && (s[len - 1] == ':' || s[len - 1] == ' ' || s[len - 1] == '\n'))
        len--;
    str out = {0};
    size_t cps = 0, i = 0;
    for (; i < len && cps < 40; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80) cps++;
    while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80)
        i++;
    put(&out, "%.*s%s", (int)i, s, i < len ? "…" : "");
    for (size_t k = 0; out.p && k < out.n; k++)
        if (out.p[k] == '\n' || out.p[k] == '\r') out.p[k] = ' ';
    return out.p;
}

static char *fix_title(const lsp_doc *d, const cjmap_diag *g) {
    str t = {0};
    if (g->suggestion) {
        put(&t, "Change to '%s'", g->suggestion);
        return t.p;
    }
    if (g->n_fixes == 1) {
        const cjmap_fix *f = &g->fixes[0];
        size_t a = byte_at(d->text, d->len, f->span.line, f->span.col);
        size_t b = byte_at(d->text, d->len, f->span.end_line, f->span.end_col);
        size_t rl = strlen(f->replacement);
        char *rep = snippet(f->replacement, rl);
        if (a == b) {
            put(&t, "Add '%s'", rep ? rep : "");
        } else if (rl == b - a + 2 && strchr("\"'", f->replacement[0]) &&
                   memcmp(f->replacement + 1, d->text + a, b - a) == 0) {
            put(&t, "Put the text in quotes");
        } else {
            char *old = snippet(d->text + a, b - a);
            put(&t, "Replace '%s' with '%s'", old ? old : "", rep ? rep : "");
            free(old);
        }
        free(rep);
        return t.p;
    }
    put(&t, "Fix %zu places: %s", g->n_fixes, g->message);
    return t.p;
}

json_t *cj_lsp_code_action(const lsp_view *v, lsp_doc *d, json_t *params, lsp_err *e) {
    json_t *range;
    if (json_unpack(params, "{s:o}", "range", &range) != 0) {
        cj_lsp_fail(e, E_PARAMS, "codeAction needs a range");
        return NULL;
    }
    lsp_pos a, b;
    if (!cj_lsp_position(v, d, json_object_get(range, "start"), &a) ||
        !cj_lsp_position(v, d, json_object_get(range, "end"), &b)) {
        cj_lsp_fail(e, E_PARAMS, "codeAction needs a range {start, end}");
        return NULL;
    }
    cjmap_span want = {a.line, a.col, b.line, b.col};
    const cjmap_journey *j = cj_lsp_journey(v, d);
    json_t *out = json_array();
    for (size_t i = 0; j && i < cjmap_journey_diag_count(j); i++) {
        const cjmap_diag *g = cjmap_journey_diag(j, i);
        if (!g->n_fixes || g->severity == CJMAP_NOTE) continue;
        /* the problem, or the text its fix changes, is in the range */
        bool hit = overlaps(g->span, want);
        for (size_t k = 0; k < g->n_fixes && !hit; k++)
            hit = overlaps(g->fixes[k].span, want);
        if (!hit) continue;
        json_t *edits = json_array();
        for (size_t k = 0; k < g->n_fixes; k++)
            json_array_append_new(edits, json_pack("{s:o, s:s}", "range",
                                                   cj_lsp_range(v, d, g->fixes[k].span), "newText",
                                                   g->fixes[k].replacement));
        char *title = fix_title(d, g);
        json_t *diag = json_pack("{s:o, s:i, s:s, s:s, s:s}", "range", cj_lsp_range(v, d, g->span),
                                 "severity", g->severity == CJMAP_ERROR ? 1 : 2, "code", g->code,
                                 "source", "cjmap", "message", g->message);
        json_t *act =
            json_pack("{s:s, s:s, s:[o], s:b, s:{s:{s:o}}}", "title", title ? title : "Fix", "kind",
                      "quickfix", "diagnostics", diag, "isPreferred",
                      g->suggestion != NULL || g->n_fixes == 1, "edit", "changes", d->uri, edits);
        free(title);
        json_array_append_new(out, act);
    }
    return out;
}
