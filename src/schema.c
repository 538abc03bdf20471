/*
** schema.c — the journey format as a JSON Schema (draft-07), generated
** from the validator's key tables (keys.h), the one source of truth.
**
** What editors see should match what `cjmap check` accepts:
** - texts accept YAML plain scalars that a YAML 1.2 reader types as numbers
**   or booleans (`title: 2024` is a fine title), and must contain a
**   non-space character where required;
** - integers are JSON integers (a quoted "4" is rejected, as cjmap does);
** - objects allow no other keys (merge keys '<<' are resolved by YAML
**   readers before validation);
** - a touchpoint's phases are a non-empty list of references or a
**   mapping reference -> purpose.
** Checks that need the whole document (references resolving, unique
** names) stay with cjmap check.
*/
#include "keys.h"
#include "vocab.h"

#include <cjmap.h>

#include <glib.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct buf {
    char *p;
    size_t n, cap;
    bool oom;
} buf;

static void put(buf *b, const char *s, size_t n) {
    if (b->oom) return;
    if (b->n + n + 1 > b->cap) {
        size_t nc = b->cap ? b->cap * 2 : 4096;
        while (nc < b->n + n + 1) nc *= 2;
        char *np = realloc(b->p, nc);
        if (!np) {
            b->oom = true;
            return;
        }
        b->p = np, b->cap = nc;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

static void out(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void out(buf *b, const char *fmt, ...) {
    char tmp[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n > 0) put(b, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

/* A JSON string literal. */
static void str(buf *b, const char *s) {
    put(b, "\"", 1);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            out(b, "\\%c", c);
        else if (c < 0x20)
            out(b, "\\u%04x", c);
        else
            put(b, s, 1);
    }
    put(b, "\"", 1);
}

static void indent(buf *b, int depth) {
    put(b, "\n", 1);
    for (int i = 0; i < depth; i++) put(b, "  ", 2);
}

static const char TEXT_TYPES[] = "[\"string\", \"number\", \"boolean\"]";

static void schema_text(buf *b, int d, bool required, const char *doc) {
    put(b, "{", 1);
    indent(b, d + 1), out(b, "\"type\": %s,", TEXT_TYPES);
    if (required) indent(b, d + 1), out(b, "\"pattern\": \"\\\\S\","); /* not blank */
    indent(b, d + 1), out(b, "\"description\": "), str(b, doc);
    indent(b, d), put(b, "}", 1);
}

static void schema_enum(buf *b, int d, const char *const *values, const char *doc, bool channels) {
    put(b, "{", 1);
    indent(b, d + 1), out(b, "\"type\": \"string\",");
    indent(b, d + 1), out(b, "\"enum\": [");
    for (int i = 0; values[i]; i++) out(b, "%s", i ? ", " : ""), str(b, values[i]);
    out(b, "],");
    if (channels) {
        /* Each channel's defaults beside it in completion lists (VS Code's
         * enumDescriptions; other validators ignore the keyword). */
        indent(b, d + 1), out(b, "\"enumDescriptions\": [");
        for (int i = 0; values[i]; i++) {
            const cj_channel_info *ci = &cj_channels[i];
            char t[96];
            if (ci->mode)
                snprintf(t, sizeof t, "default: %s, %s", cjmap_mode_name(ci->mode),
                         cjmap_contact_name(ci->contact));
            else
                snprintf(t, sizeof t, "no defaults: give mode and contact");
            out(b, "%s", i ? ", " : ""), str(b, t);
        }
        out(b, "],");
        indent(b, d + 1), out(b, "\"description\": ");
        /* Hover text in editors: each channel's default mode and contact. */
        char text[1200];
        size_t o = (size_t)snprintf(text, sizeof text, "%s. Defaults:", doc);
        for (int i = 0; values[i] && o < sizeof text; i++) {
            const cj_channel_info *ci = &cj_channels[i];
            if (ci->mode)
                o += (size_t)snprintf(text + o, sizeof text - o, " %s (%s, %s);", ci->name,
                                      cjmap_mode_name(ci->mode), cjmap_contact_name(ci->contact));
            else
                o += (size_t)snprintf(text + o, sizeof text - o, " %s (no defaults);", ci->name);
        }
        if (o < sizeof text) text[o - 1] = '.';
        str(b, text);
    } else {
        indent(b, d + 1), out(b, "\"description\": "), str(b, doc);
    }
    indent(b, d), put(b, "}", 1);
}

/* The id pattern, a JSON string: "^[^...]+$" with every code point of the
 * Basic Multilingual Plane that cj_is_id_char() never accepts excluded, in
 * ranges built from the same GLib tables the validator uses.  Python's `re`
 * has no \p{L} and ECMAScript's \w is ASCII only, so a negated class of
 * \uXXXX escapes is what both dialects (and ajv with or without its 'u' flag)
 * read alike.  It accepts every valid id; what it cannot see is left to
 * cjmap check: characters beyond U+FFFF (most emoji; in JavaScript they are
 * surrogate pairs, which the pattern must let through for CJK extension
 * letters), combining marks not after a letter, and unassigned code points
 * (allowed, which also keeps the class short). */
static void id_pattern(buf *b) {
    put(b, "\"^[^", 4);
    uint32_t from = 0;
    bool in = false;
    for (uint32_t cp = 0; cp <= 0x10000; cp++) {
        bool bad = cp < 0xD800 || (cp > 0xDFFF && cp < 0x10000);
        if (bad)
            bad = g_unichar_type(cp) != G_UNICODE_UNASSIGNED && !g_unichar_ismark(cp) &&
                  !cj_is_id_char(cp, false);
        if (bad && !in) from = cp, in = true;
        if (!bad && in) {
            out(b, "\\\\u%04X", (unsigned)from);
            if (cp - 1 > from)
                out(b, "%s\\\\u%04X", cp - 1 > from + 1 ? "-" : "", (unsigned)(cp - 1));
            in = false;
        }
    }
    put(b, "]+$\"", 4);
}

static void schema_object(buf *b, int d, const objdef *def, const char *doc);

static void schema_key(buf *b, int d, const keydef *k) {
    switch (k->kind) {
    case V_TEXT:
        schema_text(b, d, k->required, k->doc);
        break;
    case V_INT:
        put(b, "{", 1);
        indent(b, d + 1), out(b, "\"type\": \"integer\",");
        indent(b, d + 1), out(b, "\"minimum\": %d,", k->min);
        indent(b, d + 1), out(b, "\"maximum\": %d,", k->max);
        if (k->min == k->max) indent(b, d + 1), out(b, "\"default\": %d,", k->min);
        indent(b, d + 1), out(b, "\"description\": "), str(b, k->doc);
        indent(b, d), put(b, "}", 1);
        break;
    case V_ENUM:
        schema_enum(b, d, k->values, k->doc, k->values == cj_channel_names);
        break;
    case V_ID:
        put(b, "{", 1);
        indent(b, d + 1), out(b, "\"type\": [\"string\", \"integer\"],");
        indent(b, d + 1), out(b, "\"pattern\": "), id_pattern(b), put(b, ",", 1);
        indent(b, d + 1), out(b, "\"description\": "), str(b, k->doc);
        indent(b, d), put(b, "}", 1);
        break;
    case V_TEXTS:
        put(b, "{", 1);
        indent(b, d + 1), out(b, "\"type\": \"array\",");
        indent(b, d + 1), out(b, "\"items\": ");
        schema_text(b, d + 1, true, k->doc);
        put(b, ",", 1);
        indent(b, d + 1), out(b, "\"description\": "), str(b, k->doc);
        indent(b, d), put(b, "}", 1);
        break;
    case V_OBJ:
        schema_object(b, d, k->obj, k->doc);
        break;
    case V_LIST:
        put(b, "{", 1);
        indent(b, d + 1), out(b, "\"type\": \"array\",");
        if (k->required) indent(b, d + 1), out(b, "\"minItems\": 1,");
        indent(b, d + 1), out(b, "\"maxItems\": %d,", CJMAP_MAX_ITEMS);
        indent(b, d + 1), out(b, "\"items\": ");
        schema_object(b, d + 1, k->obj, k->obj->what);
        put(b, ",", 1);
        indent(b, d + 1), out(b, "\"description\": "), str(b, k->doc);
        indent(b, d), put(b, "}", 1);
        break;
    case V_SCALARMAP:
        put(b, "{", 1);
        indent(b, d + 1), out(b, "\"title\": "), str(b, k->name), put(b, ",", 1);
        indent(b, d + 1), out(b, "\"type\": \"object\",");
        if (k->values) { /* labels: lane -> text */
            indent(b, d + 1), out(b, "\"properties\": {");
            for (int i = 0; k->values[i]; i++) {
                indent(b, d + 2), str(b, k->values[i]), out(b, ": ");
                schema_text(b, d + 2, true, "Label of this lane on the map");
                if (k->values[i + 1]) put(b, ",", 1);
            }
            indent(b, d + 1), out(b, "},");
            indent(b, d + 1), out(b, "\"additionalProperties\": false,");
        } else { /* metrics: name -> scalar shown as written */
            indent(b, d + 1), out(b, "\"additionalProperties\": ");
            schema_text(b, d + 1, true, "The value, shown as written");
            put(b, ",", 1);
        }
        indent(b, d + 1), out(b, "\"description\": "), str(b, k->doc);
        indent(b, d), put(b, "}", 1);
        break;
    case V_PHASEREFS:
        put(b, "{", 1);
        /* The type next to oneOf lets editors complete 'phases:' as a block. */
        indent(b, d + 1), out(b, "\"type\": [\"array\", \"object\"],");
        indent(b, d + 1), out(b, "\"oneOf\": [");
        indent(b, d + 2), out(b, "{\"type\": \"array\", \"minItems\": 1, \"uniqueItems\": true, "
                                 "\"items\": {\"type\": [\"string\", \"number\"]}},");
        indent(b, d + 2), out(b, "{\"type\": \"object\", \"minProperties\": 1, "
                                 "\"additionalProperties\": {\"type\": [\"string\", \"number\", "
                                 "\"boolean\", \"null\"]}}");
        indent(b, d + 1), out(b, "],");
        indent(b, d + 1), out(b, "\"description\": "), str(b, k->doc);
        indent(b, d), put(b, "}", 1);
        break;
    case V_BOOL:
        put(b, "{", 1);
        indent(b, d + 1), out(b, "\"type\": \"boolean\",");
        indent(b, d + 1), out(b, "\"description\": "), str(b, k->doc);
        indent(b, d), put(b, "}", 1);
        break;
    case V_LANES: /* built-in lane names, or own lanes */
        put(b, "{", 1);
        indent(b, d + 1), out(b, "\"type\": \"array\",");
        indent(b, d + 1), out(b, "\"minItems\": 1,");
        indent(b, d + 1), out(b, "\"maxItems\": %d,", CJMAP_MAX_ITEMS);
        indent(b, d + 1), out(b, "\"items\": {");
        indent(b, d + 2), out(b, "\"oneOf\": [");
        indent(b, d + 3);
        schema_enum(b, d + 3, k->values, "A built-in lane", false);
        put(b, ",", 1);
        indent(b, d + 3);
        schema_object(b, d + 3, k->obj, k->obj->what);
        indent(b, d + 2), out(b, "]");
        indent(b, d + 1), out(b, "},");
        indent(b, d + 1), out(b, "\"description\": "), str(b, k->doc);
        indent(b, d), put(b, "}", 1);
        break;
    case V_LANEMAP: /* own lane id -> a text or texts */
        put(b, "{", 1);
        indent(b, d + 1), out(b, "\"type\": \"object\",");
        indent(b, d + 1), out(b, "\"additionalProperties\": {");
        indent(b, d + 2), out(b, "\"oneOf\": [");
        indent(b, d + 3);
        schema_text(b, d + 3, true, "One text in the lane");
        put(b, ",", 1);
        indent(b, d + 3), out(b, "{\"type\": \"array\", \"items\": ");
        schema_text(b, d + 3, true, "A text in the lane");
        put(b, "}", 1);
        indent(b, d + 2), out(b, "]");
        indent(b, d + 1), out(b, "},");
        indent(b, d + 1), out(b, "\"description\": "), str(b, k->doc);
        indent(b, d), put(b, "}", 1);
        break;
    case V_REF:
        put(b, "{", 1);
        indent(b, d + 1), out(b, "\"type\": [\"string\", \"number\"],");
        indent(b, d + 1), out(b, "\"description\": "), str(b, k->doc);
        indent(b, d), put(b, "}", 1);
        break;
    }
}

/* "properties", "required" and "additionalProperties" of an object. */
static void object_body(buf *b, int d, const objdef *def) {
    indent(b, d), out(b, "\"properties\": {");
    for (size_t i = 0; i < def->n; i++) {
        indent(b, d + 1), str(b, def->keys[i].name), out(b, ": ");
        schema_key(b, d + 1, &def->keys[i]);
        if (i + 1 < def->n) put(b, ",", 1);
    }
    /* No "<<" here: YAML merge keys are resolved by the reader (cjmap, the
     * YAML language server, PyYAML) before the schema sees the mapping. */
    indent(b, d), out(b, "},");
    indent(b, d), out(b, "\"required\": [");
    bool first = true;
    for (size_t i = 0; i < def->n; i++) {
        if (!def->keys[i].required) continue;
        out(b, "%s", first ? "" : ", "), str(b, def->keys[i].name);
        first = false;
    }
    out(b, "],");
    indent(b, d), out(b, "\"additionalProperties\": false");
}

static void schema_object(buf *b, int d, const objdef *def, const char *doc) {
    put(b, "{", 1);
    /* A title per object: editors name the object by it in messages, hover
     * and completion ("segment", "touchpoint"), not by the root's title. */
    indent(b, d + 1), out(b, "\"title\": "), str(b, def->noun), put(b, ",", 1);
    indent(b, d + 1), out(b, "\"type\": \"object\",");
    indent(b, d + 1), out(b, "\"description\": "), str(b, doc), put(b, ",", 1);
    object_body(b, d + 1, def);
    indent(b, d), put(b, "}", 1);
}

char *cjmap_schema_json(void) {
    buf b = {0};
    out(&b, "{");
    indent(&b, 1), out(&b, "\"$schema\": \"http://json-schema.org/draft-07/schema#\",");
    indent(&b, 1), out(&b, "\"$id\": \"https://cjmap.invalid/schema/journey-v%d.json\",", CJMAP_FORMAT_VERSION);
    indent(&b, 1), out(&b, "\"title\": \"cjmap journey, format version %d\",", CJMAP_FORMAT_VERSION);
    indent(&b, 1), out(&b, "\"description\": ");
    str(&b, "A customer journey for cjmap; generated by 'cjmap schema' from the validator's tables");
    put(&b, ",", 1);
    indent(&b, 1), out(&b, "\"type\": \"object\",");
    object_body(&b, 1, &cj_journey_def);
    /* Without `scale:`, scores are on the default scale; with it, the range
     * (and max - min from 2 to 10) is left to cjmap check, which a schema
     * cannot compare across keys. */
    put(&b, ",", 1);
    indent(&b, 1), out(&b, "\"if\": {\"not\": {\"required\": [\"scale\"]}},");
    indent(&b, 1), out(&b,
                       "\"then\": {\"properties\": {\"experiences\": {\"items\": "
                       "{\"properties\": {\"score\": {\"minimum\": %d, \"maximum\": %d}}}}}}",
                       CJMAP_SCALE_DEFAULT_MIN, CJMAP_SCALE_DEFAULT_MAX);
    out(&b, "\n}\n");
    if (b.oom) {
        free(b.p);
        return NULL;
    }
    return b.p;
}
