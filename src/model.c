/*
** model.c — validation and the typed model (model.h).
**
** Implementation notes
** - Pass 1 walks each object with its key table (walk_object): the value
**   node of each known key lands in a slot array, unknown keys and wrong
**   container types are diagnosed, then missing required keys.  Typed
**   getters (get_text, get_int, get_enum, ...) check one value each and
**   say what was expected and what was found.
** - Pass 2 resolves references (phase and touchpoint ids/names) through
**   hash maps, then emits the warnings that need resolved references.
** - The model is built even when there are errors (with holes), but only
**   returned when there are none.  Everything lives in the journey arena.
*/
#include "model.h"

#include "init.h"
#include "keys.h"
#include "parse_hint.h"
#include "strmap.h"
#include "suggest.h"
#include "vocab.h"
#include "vocab_i18n.h"

#include <glib.h>
#include <string.h>

/* ---- key tables ------------------------------------------------------- */

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* Slot numbers = positions in each table. */
enum { SEG_NAME, SEG_DESCRIPTION, SEG_GOALS };
static const keydef segment_keys[] = {
    {"name", V_TEXT, true, "segment name", NULL, 0, 0, NULL, "Who this journey is about"},
    {"description", V_TEXT, false, "description", NULL, 0, 0, NULL, "A line or two about the segment"},
    {"goals", V_TEXTS, false, "goals", NULL, 0, 0, NULL, "What the customer wants to achieve"},
};
static const objdef segment_def = {"segment", "the segment: a mapping with 'name'", segment_keys,
                                   N(segment_keys)};

/* The bounds of a scale's ends, and of its width (max - min). */
enum { SCALE_LIMIT = 100, SCALE_MIN_STEPS = 2, SCALE_MAX_STEPS = 10 };

enum { SC_MIN, SC_MAX, SC_NEUTRAL };
static const keydef scale_keys[] = {
    {"min", V_INT, true, "scale end", NULL, -SCALE_LIMIT, SCALE_LIMIT, NULL,
     "The most negative score"},
    {"max", V_INT, true, "scale end", NULL, -SCALE_LIMIT, SCALE_LIMIT, NULL,
     "The most positive score; 2 to 10 above min"},
    {"neutral", V_INT, false, "neutral score", NULL, -SCALE_LIMIT, SCALE_LIMIT, NULL,
     "Neither good nor bad (default: the midpoint, rounded toward min)"},
};
static const objdef scale_def = {"scale", "the score scale: a mapping with 'min' and 'max'",
                                 scale_keys, N(scale_keys)};

enum { LN_ID, LN_NAME };
static const keydef own_lane_keys[] = {
    {"id", V_ID, true, "lane id", NULL, 0, 0, NULL,
     "The lane's id; phases fill it with lanes: {id: [texts]}"},
    {"name", V_TEXT, false, "lane name", NULL, 0, 0, NULL,
     "The lane's label on the map (default: the id)"},
};
static const objdef own_lane_def = {"lane", "an own lane: a mapping with 'id' and 'name'",
                                    own_lane_keys, N(own_lane_keys)};

enum { PH_ID, PH_NAME, PH_STATEMENT, PH_ACTIONS, PH_METRICS, PH_MOT, PH_LANES };
static const keydef phase_keys[] = {
    {"id", V_ID, false, "phase id", NULL, 0, 0, NULL,
     "Short name for references: letters, digits, '-', '_'"},
    {"name", V_TEXT, true, "phase name", NULL, 0, 0, NULL, "The phase as shown on the map"},
    {"statement", V_TEXT, false, "statement", NULL, 0, 0, NULL,
     "The customer's own words, in the first person"},
    {"actions", V_TEXTS, false, "actions", NULL, 0, 0, NULL, "What the customer concretely does"},
    {"metrics", V_SCALARMAP, false, "metrics", NULL, 0, 0, NULL, "Name -> value, shown as written"},
    {"moment-of-truth", V_BOOL, false, "moment of truth", NULL, 0, 0, NULL,
     "true: the customer decides here whether to stay; marked on the phase"},
    {"lanes", V_LANEMAP, false, "lanes", NULL, 0, 0, NULL,
     "Own lane id -> the phase's texts in that lane"},
};
static const objdef phase_def = {"phase", "a phase: a mapping with 'name'", phase_keys,
                                 N(phase_keys)};

enum { TP_ID, TP_NAME, TP_CHANNEL, TP_MODE, TP_CONTACT, TP_OWNER, TP_PHASES };
static const keydef touchpoint_keys[] = {
    {"id", V_ID, false, "touchpoint id", NULL, 0, 0, NULL, "Short name for references"},
    {"name", V_TEXT, true, "touchpoint name", NULL, 0, 0, NULL, "The touchpoint as shown on the map"},
    {"channel", V_ENUM, true, "channel", cj_channel_names, 0, 0, NULL, "Kind of contact"},
    {"mode", V_ENUM, false, "mode", cj_mode_names, 0, 0, NULL, "online or offline (default: the channel's)"},
    {"contact", V_ENUM, false, "contact", cj_contact_names, 0, 0, NULL, "direct or indirect (default: the channel's)"},
    {"owner", V_ENUM, false, "owner", cj_owner_names, 0, 0, NULL, "Who owns the touchpoint (default owned)"},
    {"phases", V_PHASEREFS, true, "phases", NULL, 0, 0, NULL, "Phases where it is used, or phase -> purpose"},
};
static const objdef touchpoint_def = {"touchpoint",
                                      "a touchpoint: a mapping with 'name', 'channel' and 'phases'",
                                      touchpoint_keys, N(touchpoint_keys)};

enum { EX_PHASE, EX_TEXT, EX_TYPE, EX_SCORE, EX_TOUCHPOINT, EX_IMPORTANCE };
static const keydef experience_keys[] = {
    {"phase", V_REF, true, "phase", NULL, 0, 0, NULL, "The phase (its id, or its name)"},
    {"text", V_TEXT, true, "text", NULL, 0, 0, NULL, "What the customer experiences"},
    {"type", V_ENUM, false, "experience type", cj_exp_type_names, 0, 0, NULL,
     "emotional (default) or rational"},
    {"score", V_INT, false, "score", NULL, -SCALE_LIMIT, SCALE_LIMIT, NULL,
     "A whole number on the journey's scale (default: 1 very negative, 3 neutral, 5 very "
     "positive)"},
    {"touchpoint", V_REF, false, "touchpoint", NULL, 0, 0, NULL, "Where it happens (id or name)"},
    {"importance", V_ENUM, false, "importance", cj_level_names, 0, 0, NULL, "low, medium or high"},
};
static const objdef experience_def = {"experience",
                                      "an experience: a mapping with 'phase' and 'text'",
                                      experience_keys, N(experience_keys)};

enum { PA_PHASE, PA_TEXT, PA_SEVERITY, PA_TOUCHPOINT };
static const keydef pain_keys[] = {
    {"phase", V_REF, true, "phase", NULL, 0, 0, NULL, "The phase (its id, or its name)"},
    {"text", V_TEXT, true, "text", NULL, 0, 0, NULL, "The friction, bottleneck or reason to drop off"},
    {"severity", V_ENUM, false, "severity", cj_level_names, 0, 0, NULL, "low, medium (default) or high"},
    {"touchpoint", V_REF, false, "touchpoint", NULL, 0, 0, NULL, "Where it happens (id or name)"},
};
static const objdef pain_def = {"pain", "a pain: a mapping with 'phase' and 'text'", pain_keys,
                                N(pain_keys)};

enum { OP_PHASE, OP_TEXT, OP_TOUCHPOINT };
static const keydef opportunity_keys[] = {
    {"phase", V_REF, true, "phase", NULL, 0, 0, NULL, "The phase (its id, or its name)"},
    {"text", V_TEXT, true, "text", NULL, 0, 0, NULL, "The improvement"},
    {"touchpoint", V_REF, false, "touchpoint", NULL, 0, 0, NULL, "Where (id or name); may be new to the phase"},
};
static const objdef opportunity_def = {"opportunity",
                                       "an opportunity: a mapping with 'phase' and 'text'",
                                       opportunity_keys, N(opportunity_keys)};

/* Backstage actions and support processes share one table (slot numbers
 * follow the pains': phase and text first, for build_item). */
enum { ST_PHASE, ST_TEXT, ST_TOUCHPOINT, ST_ACTOR };
static const keydef backstage_keys[] = {
    {"phase", V_REF, true, "phase", NULL, 0, 0, NULL, "The phase (its id, or its name)"},
    {"text", V_TEXT, true, "text", NULL, 0, 0, NULL,
     "What the company does out of the customer's sight"},
    {"touchpoint", V_REF, false, "touchpoint", NULL, 0, 0, NULL,
     "The touchpoint it serves (id or name)"},
    {"actor", V_TEXT, false, "actor", NULL, 0, 0, NULL, "Who does it: a team, a role or a system"},
};
static const objdef backstage_def = {"backstage step",
                                     "a backstage step: a mapping with 'phase' and 'text'",
                                     backstage_keys, N(backstage_keys)};
static const keydef support_keys[] = {
    {"phase", V_REF, true, "phase", NULL, 0, 0, NULL, "The phase (its id, or its name)"},
    {"text", V_TEXT, true, "text", NULL, 0, 0, NULL,
     "The process or system that supports the service"},
    {"touchpoint", V_REF, false, "touchpoint", NULL, 0, 0, NULL,
     "The touchpoint it serves (id or name)"},
    {"actor", V_TEXT, false, "actor", NULL, 0, 0, NULL, "Who does it: a team, a role or a system"},
};
static const objdef support_def = {"support process",
                                   "a support process: a mapping with 'phase' and 'text'",
                                   support_keys, N(support_keys)};

enum {
    J_VERSION,
    J_TITLE,
    J_STATE,
    J_LOCALE,
    J_SEGMENT,
    J_PHASES,
    J_TOUCHPOINTS,
    J_EXPERIENCES,
    J_PAINS,
    J_OPPORTUNITIES,
    J_LABELS,
    J_SCALE,
    J_LANES,
    J_BACKSTAGE,
    J_SUPPORT
};
static const keydef journey_keys[] = {
    {"version", V_INT, false, "version", NULL, 1, 1, NULL, "Format version; only 1"},
    {"title", V_TEXT, true, "title", NULL, 0, 0, NULL, "Title of the map"},
    {"state", V_ENUM, false, "state", cj_state_names, 0, 0, NULL,
     "current (as-is) or future (to-be)"},
    {"locale", V_ENUM, false, "locale", cj_locale_names, 0, 0, NULL,
     "Language of the map's own labels"},
    {"segment", V_OBJ, true, "segment", NULL, 0, 0, &segment_def, "The customer segment"},
    {"phases", V_LIST, true, "phases", NULL, 0, 0, &phase_def, "The phases, left to right"},
    {"touchpoints", V_LIST, false, "touchpoints", NULL, 0, 0, &touchpoint_def,
     "Where customer and company meet"},
    {"experiences", V_LIST, false, "experiences", NULL, 0, 0, &experience_def,
     "What the customer is left with"},
    {"pains", V_LIST, false, "pains", NULL, 0, 0, &pain_def, "Friction and reasons to drop off"},
    {"opportunities", V_LIST, false, "opportunities", NULL, 0, 0, &opportunity_def,
     "Ways to remove friction"},
    {"labels", V_SCALARMAP, false, "labels", cj_lane_names, 0, 0, NULL,
     "Lane -> label, overriding the built-in labels"},
    {"scale", V_OBJ, false, "scale", NULL, 0, 0, &scale_def,
     "The experiences' score scale (default: 1 to 5, neutral 3)"},
    {"lanes", V_LANES, false, "lanes", cj_lane_names, 0, 0, &own_lane_def,
     "The lanes from top to bottom: built-in lane names and own lanes {id, name}"},
    {"backstage", V_LIST, false, "backstage steps", NULL, 0, 0, &backstage_def,
     "Service blueprint: what the company does out of sight"},
    {"support", V_LIST, false, "support processes", NULL, 0, 0, &support_def,
     "Service blueprint: the processes and systems behind it"},
};
const objdef cjmap_journey_format = {"journey",
                                     "a journey: a mapping with 'title', 'segment' and 'phases'",
                                     journey_keys, N(journey_keys)};

enum { MAX_KEYS = 16 };

/* ---- context ---------------------------------------------------------- */

typedef struct ctx {
    cj_arena *a;
    cj_diags *d;
    const cj_source *src;
    cjmap_model *m;
    cj_index *ix; /* the editor's index, or NULL */
} ctx;

/* ---- the editor's index (cjmap_edit.h) -------------------------------- */

/* Notes a reference of kind k; `target` is the index among its kind until
 * build_index() makes it a symbol's. */
static void note_ref(ctx *c, cjmap_symbol_kind k, const cj_node *n, cjmap_index target, bool by_id,
                     bool flow, bool is_key) {
    cj_index *ix = c->ix;
    if (!ix) return;
    if (ix->n_refs == ix->cap_refs) {
        size_t cap = ix->cap_refs ? ix->cap_refs * 2 : 64;
        cjmap_ref *r = CJ_NEW_ARRAY(c->a, cap, cjmap_ref);
        if (ix->n_refs) memcpy(r, ix->refs, ix->n_refs * sizeof *r);
        ix->refs = r, ix->cap_refs = cap;
    }
    ix->refs[ix->n_refs++] = (cjmap_ref){k, n->span, n->str, target, by_id, flow, is_key};
}

static cjmap_span point(cjmap_span s) {
    s.end_line = s.line, s.end_col = s.col + 1;
    return s;
}

static cjmap_span head(cjmap_span s) { /* a caret, not a tilde run, for a whole block */
    if (s.end_line != s.line) s.end_line = s.line, s.end_col = s.col + 1;
    return s;
}

static const char *q(ctx *c, const cj_node *n) { return cj_quote(c->a, n->str, n->len); }

/* "a list", "a mapping", "an empty value", "the text 'abc'" */
static const char *found(ctx *c, const cj_node *n) {
    if (n->kind == CJ_MAP) return "a mapping";
    if (n->kind == CJ_SEQ) return "a list";
    if (cj_scalar_is_null(n)) return "an empty value";
    if (n->style != CJ_PLAIN) return cj_arena_printf(c->a, "the quoted text '%s'", q(c, n));
    if (n->tag_str) return cj_arena_printf(c->a, "the text '%s' (tagged !!str)", q(c, n));
    return cj_arena_printf(c->a, "'%s'", q(c, n));
}

/* ---- commas inside { } ------------------------------------------------ */

/* YAML ends a plain text inside { } at a ',': "{statement: Jeg vælger den
 * leverandør, jeg stoler mest på}" reads as statement "Jeg vælger den
 * leverandør" and a key "jeg stoler mest på" without a value.  The user
 * never meant that, so such keys are joined back to the text before them;
 * the joined value carries the ',' and whoever takes the value says what
 * went wrong in its terms (a text needs quotes, a score has decimals). */
typedef struct cj_join {
    size_t comma;   /* byte of the first ',' that ended the text */
    const char *in; /* "{ }" or "[ ]" */
} cj_join;

/* A joined value is a node with its join after it (node.joined is set);
 * other nodes carry no room for one. */
typedef struct joined_node {
    cj_node node;
    cj_join join;
} joined_node;

static const cj_join *join_of(const cj_node *n) {
    return n->joined ? &((const joined_node *)(const void *)n)->join : NULL;
}

/* Whether [from, to) is blanks around exactly one ','; *comma is its byte. */
static bool comma_between(const cj_source *src, size_t from, size_t to, size_t *comma) {
    bool seen = false;
    for (size_t i = from; i < to; i++) {
        char ch = src->bytes[i];
        if (ch == ',' && !seen) {
            seen = true;
            *comma = i;
        } else if (ch != ' ' && ch != '\t' && ch != '\n' && ch != '\r') {
            return false;
        }
    }
    return seen;
}

/* Whether pair k of `map` is a key of its own, not the rest of a text. */
/* A plain text written as it reads: no tag, anchor or alias before it
 * (a piece with one is never joined; the fix would lose it). */
static bool bare_text(ctx *c, const cj_node *n) {
    return n->kind == CJ_SCALAR && n->style == CJ_PLAIN && !n->tag_str && n->off < c->src->len &&
           !strchr("&!*", c->src->bytes[n->off]);
}

typedef bool (*own_key_fn)(const void *arg, const cj_node *map, size_t k);

/* The pairs after pair i of `map` that continue its plain value: keys
 * written without ':' right after ", " that are not keys of their own. */
static size_t comma_pieces(ctx *c, const cj_node *map, size_t i, own_key_fn own, const void *arg) {
    if (!map->flow || i >= map->n) return 0;
    const cj_node *v = map->pairs[i].value;
    if (!bare_text(c, v) || v->len == 0) return 0;
    size_t k = i + 1, end = v->end, comma;
    while (k < map->n) {
        const cj_node *key = map->pairs[k].key;
        if (!key->bare || !bare_text(c, key) || key->off < end || (own && own(arg, map, k)) ||
            !comma_between(c->src, end, key->off, &comma))
            break;
        end = key->end;
        k++;
    }
    return k - i - 1;
}

/* The plain texts from `v` to `last` joined as written (line breaks and the
 * indentation after them read as one space, as YAML folds plain texts);
 * `next` is the node right after v's ','. */
static const cj_node *join_nodes(ctx *c, const cj_node *v, const cj_node *next, const cj_node *last,
                                 const char *in) {
    joined_node *jn = CJ_NEW(c->a, joined_node);
    cj_node *j = &jn->node;
    *j = *v;
    const char *b = c->src->bytes;
    char *t = cj_arena_alloc(c->a, last->end - v->off + 1);
    size_t o = 0;
    for (size_t k = v->off; k < last->end; k++) {
        if (b[k] == '\n' || b[k] == '\r') {
            while (o && (t[o - 1] == ' ' || t[o - 1] == '\t'))
                o--;
            while (k + 1 < last->end &&
                   (b[k + 1] == ' ' || b[k + 1] == '\t' || b[k + 1] == '\n' || b[k + 1] == '\r'))
                k++;
            t[o++] = ' ';
            continue;
        }
        t[o++] = b[k];
    }
    t[o] = '\0';
    j->str = t;
    j->len = o;
    j->end = last->end;
    j->span.end_line = last->span.end_line;
    j->span.end_col = last->span.end_col;
    size_t comma = v->end;
    comma_between(c->src, v->end, next->off, &comma);
    jn->join.comma = comma; /* positioned only when reported: joins are tried often */
    jn->join.in = in;
    j->joined = true;
    return j;
}

/* Pair i's value joined with the `pieces` keys after it. */
static const cj_node *join_pieces(ctx *c, const cj_node *map, size_t i, size_t pieces) {
    return join_nodes(c, map->pairs[i].value, map->pairs[i + 1].key, map->pairs[i + pieces].key,
                      "{ }");
}

/* "{Avbrutt i kassen, mobil: 31 %}": a key with a comma is split too, into
 * keys without ':' and the last one.  From pair i (a key without ':'), the
 * keys up to the first one `accept` takes when joined; *last is its pair.
 * NULL when none is taken. */
typedef bool (*accept_fn)(const void *arg, const cj_node *joined, const cj_node *last_key);
static const cj_node *key_join(ctx *c, const cj_node *map, size_t i, accept_fn accept,
                               const void *arg, size_t *last) {
    if (!map->flow || !map->pairs[i].key->bare || !bare_text(c, map->pairs[i].key)) return NULL;
    const cj_node *first = map->pairs[i].key;
    size_t end = first->end, comma;
    for (size_t k = i + 1; k < map->n && k <= i + 8; k++) {
        const cj_node *key = map->pairs[k].key;
        if (!bare_text(c, key) || key->off < end || !comma_between(c->src, end, key->off, &comma))
            return NULL;
        const cj_node *joined = join_nodes(c, first, map->pairs[i + 1].key, key, "{ }");
        if (accept(arg, joined, key)) {
            *last = k;
            return joined;
        }
        if (!key->bare) return NULL;
        end = key->end;
    }
    return NULL;
}

static bool has_value(const void *arg, const cj_node *joined, const cj_node *last_key) {
    (void)arg, (void)joined;
    return !last_key->bare;
}

/* Reports a joined value taken as a text: at the ',', with the value in
 * quotes as the fix.  `what` names it: "the text of 'statement'". */
static void comma_error(ctx *c, const cj_node *v, const char *what, const char *needs) {
    size_t comma = join_of(v)->comma;
    cj_diag(c->d, CJMAP_ERROR, cj_source_span_bytes(c->src, comma, comma + 1), "comma-in-text",
            NULL, "%s ends at this ','; inside %s %s with a comma needs quotes", what,
            join_of(v)->in, needs);
    cj_diag_fix(c->d, v->span, cj_yaml_quoted(c->a, v->str, v->len));
}

static bool def_has_key(const void *arg, const cj_node *map, size_t k) {
    const objdef *def = arg;
    const cj_node *key = map->pairs[k].key;
    for (size_t j = 0; j < def->n; j++)
        if (strlen(def->keys[j].name) == key->len &&
            memcmp(def->keys[j].name, key->str, key->len) == 0)
            return true;
    return false;
}

/* ---- walking objects -------------------------------------------------- */

/* Describes an object for messages: "phase 'Awareness'", or "phase 3". */
static const char *describe(ctx *c, const objdef *def, const cj_node *n, size_t index) {
    if (def == &cj_journey_def) return "journey";
    if (def == &segment_def) return "segment";
    if (def == &scale_def) return "'scale'";
    const char *field = def == &experience_def || def == &pain_def || def == &opportunity_def ||
                                def == &backstage_def || def == &support_def
                            ? "text"
                        : def == &own_lane_def ? "id"
                                               : "name";
    for (int pass = 0; pass < 2 && n->kind == CJ_MAP; pass++) { /* an own lane: id, else name */
        for (size_t i = 0; i < n->n; i++) {
            const cj_node *k = n->pairs[i].key, *v = n->pairs[i].value;
            if (strcmp(k->str, field) == 0 && v->kind == CJ_SCALAR && v->len && !cj_scalar_is_null(v))
                return cj_arena_printf(c->a, "%s '%s'", def->noun, q(c, v));
        }
        if (def != &own_lane_def) break;
        field = "name";
    }
    return cj_arena_printf(c->a, "%s %zu", def->noun, index + 1);
}

/* "web, app, email, ..." */
static const char *vocab_list(ctx *c, const char *const *values) {
    size_t len = 1;
    for (int i = 0; values[i]; i++)
        len += strlen(values[i]) + 2;
    char *list = cj_arena_alloc(c->a, len);
    size_t o = 0;
    for (int i = 0; values[i]; i++) {
        if (i) memcpy(list + o, ", ", 2), o += 2;
        memcpy(list + o, values[i], strlen(values[i])), o += strlen(values[i]);
    }
    list[o] = '\0';
    return list;
}

/* Fills slots[k] with the value node of key k (or NULL).  Returns false
 * when `n` is not a mapping (diagnosed). */
static bool walk_object(ctx *c, const objdef *def, const cj_node *n, size_t index,
                        const cj_node **slots) {
    memset(slots, 0, sizeof(*slots) * MAX_KEYS);
    if (n->kind != CJ_MAP) {
        cj_diag(c->d, CJMAP_ERROR, head(n->span), "type", NULL, "expected %s, found %s",
                def->what, found(c, n));
        return false;
    }
    const char *who = NULL;
    bool suggested[MAX_KEYS] = {false}; /* keys offered as "did you mean" */
    for (size_t i = 0; i < n->n; i++) {
        const cj_node *k = n->pairs[i].key;
        size_t j = 0;
        while (j < def->n && !(strlen(def->keys[j].name) == k->len &&
                               memcmp(def->keys[j].name, k->str, k->len) == 0))
            j++;
        size_t pieces = comma_pieces(c, n, i, def_has_key, def);
        if (j < def->n) {
            slots[j] = pieces ? join_pieces(c, n, i, pieces) : n->pairs[i].value;
            i += pieces;
            continue;
        }
        i += pieces; /* the unknown key is the news, not its commas */
        if (!who) who = describe(c, def, n, index);
        cj_suggester s;
        cj_suggest_begin(&s, k->str, k->len);
        for (size_t t = 0; t < def->n; t++) cj_suggest_offer(&s, def->keys[t].name);
        const char *best = cj_suggest_end(&s);
        for (size_t t = 0; t < def->n; t++)
            if (best == def->keys[t].name) suggested[t] = true;
        if (best)
            cj_diag(c->d, CJMAP_ERROR, k->span, "unknown-key", best,
                    "unknown key '%s' in %s (did you mean '%s'?)", q(c, k), who, best);
        else
            cj_diag(c->d, CJMAP_ERROR, k->span, "unknown-key", NULL, "unknown key '%s' in %s",
                    q(c, k), who);
    }
    for (size_t j = 0; j < def->n; j++) {
        /* A misspelt required key is reported once, as the unknown key. */
        if (!def->keys[j].required || slots[j] || suggested[j]) continue;
        if (!who) who = describe(c, def, n, index);
        if (def->keys[j].kind == V_ENUM)
            cj_diag(c->d, CJMAP_ERROR, head(n->span), "missing-key", NULL,
                    "missing required key '%s' in %s; the %ss are: %s", def->keys[j].name, who,
                    def->keys[j].noun, vocab_list(c, def->keys[j].values));
        else
            cj_diag(c->d, CJMAP_ERROR, head(n->span), "missing-key", NULL,
                    "missing required key '%s' in %s", def->keys[j].name, who);
    }
    return true;
}

/* ---- typed getters ---------------------------------------------------- */

static bool dash_without_space(ctx *c, const cj_node *v);

/* A text value.  NULL when absent or null (then an error if required). */
static const char *get_text(ctx *c, const keydef *k, const cj_node *v) {
    if (!v) return NULL;
    if (v->kind != CJ_SCALAR) {
        cj_diag(c->d, CJMAP_ERROR, head(v->span), "type", NULL,
                "expected a text for '%s', found %s", k->name, found(c, v));
        return NULL;
    }
    if (cj_scalar_is_null(v)) {
        if (k->required)
            cj_diag(c->d, CJMAP_ERROR, v->span, "empty", NULL, "'%s' has no value; write the %s",
                    k->name, k->noun);
        return NULL;
    }
    if (v->joined) {
        if (strcmp(k->noun, "metric value") == 0)
            comma_error(c, v,
                        cj_arena_printf(c->a, "the value '%s' of metric '%s'", q(c, v),
                                        cj_quote(c->a, k->name, strlen(k->name))),
                        "a value");
        else if (strcmp(k->name, "metric name") == 0)
            comma_error(c, v, "the metric name", "a name");
        else
            comma_error(c, v, cj_arena_printf(c->a, "the text after '%s:'", k->name), "a text");
    }
    if (v->len > CJMAP_MAX_TEXT) {
        cj_diag(c->d, CJMAP_ERROR, head(v->span), "too-long", NULL,
                "'%s' is %zu bytes long; the limit is %d", k->name, v->len, CJMAP_MAX_TEXT);
        return NULL;
    }
    size_t i = 0;
    while (i < v->len && (v->str[i] == ' ' || v->str[i] == '\t' || v->str[i] == '\n' ||
                          v->str[i] == '\r'))
        i++;
    if (i == v->len) {
        if (k->required)
            cj_diag(c->d, CJMAP_ERROR, v->span, "empty", NULL, "'%s' is empty; write the %s",
                    k->name, k->noun);
        return NULL;
    }
    return v->str;
}

/* "4,5", "4.5", "-1,5": a number with decimals, as people write them. */
static bool is_decimal(const cj_node *v) {
    if (v->kind != CJ_SCALAR || v->style != CJ_PLAIN) return false;
    size_t i = v->len && (v->str[0] == '-' || v->str[0] == '+'), d1 = 0, d2 = 0;
    while (i < v->len && v->str[i] >= '0' && v->str[i] <= '9')
        i++, d1++;
    if (i >= v->len || (v->str[i] != ',' && v->str[i] != '.')) return false;
    for (i++; i < v->len && v->str[i] >= '0' && v->str[i] <= '9'; i++)
        d2++;
    return i == v->len && d1 && d2;
}

/* An integer in [min, max]; returns false when absent or invalid. */
static bool get_int(ctx *c, const keydef *k, const cj_node *v, int *out) {
    if (!v || cj_scalar_is_null(v)) return false;
    long long x;
    bool overflow;
    if (k->min != k->max && is_decimal(v)) { /* "score: 4,5", also when a ',' in { } split it */
        cj_diag(c->d, CJMAP_ERROR, v->span, "not-whole", NULL,
                "the %s '%s' is not a whole number; %ss are whole numbers from %d to %d", k->noun,
                q(c, v), k->noun, k->min, k->max);
        return false;
    }
    if (v->kind == CJ_SCALAR && cj_scalar_int(v, &x, &overflow) && x >= k->min && x <= k->max) {
        *out = (int)x;
        return true;
    }
    if (k == &journey_keys[J_VERSION] && v->kind == CJ_SCALAR && cj_scalar_int(v, &x, &overflow)) {
        cj_diag(c->d, CJMAP_ERROR, v->span, "version", NULL,
                "unsupported format version %s; this cjmap reads version %d", q(c, v),
                CJMAP_FORMAT_VERSION);
        return false;
    }
    const char *range = k->min == k->max ? cj_arena_printf(c->a, "the integer %d", k->min)
                                         : cj_arena_printf(c->a, "an integer from %d to %d",
                                                           k->min, k->max);
    const char *hint = v->kind == CJ_SCALAR && v->style == CJ_QUOTED && cj_scalar_int(&(cj_node){
        .kind = CJ_SCALAR, .style = CJ_PLAIN, .str = v->str, .len = v->len}, &x, &overflow)
                           ? " (remove the quotes)"
                           : "";
    cj_diag(c->d, CJMAP_ERROR, head(v->span), "range", NULL, "'%s' must be %s, found %s%s",
            k->name, range, found(c, v), hint);
    if (*hint && x >= k->min && x <= k->max) cj_diag_fix(c->d, v->span, v->str);
    return false;
}

/* An enum value: its index in k->values, or -1 when absent/invalid. */
static int get_enum(ctx *c, const keydef *k, const cj_node *v) {
    if (!v || cj_scalar_is_null(v)) {
        if (v && k->required)
            cj_diag(c->d, CJMAP_ERROR, v->span, "empty", NULL, "'%s' has no value", k->name);
        return -1;
    }
    if (v->kind != CJ_SCALAR) {
        cj_diag(c->d, CJMAP_ERROR, head(v->span), "type", NULL,
                "expected a %s name for '%s', found %s", k->noun, k->name, found(c, v));
        return -1;
    }
    for (int i = 0; k->values[i]; i++)
        if (strlen(k->values[i]) == v->len && memcmp(k->values[i], v->str, v->len) == 0) return i;
    const char *lang, *native = cj_vocab_native(k->values, v->str, v->len, &lang);
    if (native) {
        cj_diag(c->d, CJMAP_ERROR, v->span, "unknown-value", native,
                "unknown %s '%s'; '%s' is %s for '%s'", k->noun, q(c, v), q(c, v), lang, native);
        return -1;
    }
    cj_suggester s;
    cj_suggest_begin(&s, v->str, v->len);
    for (int i = 0; k->values[i]; i++) cj_suggest_offer(&s, k->values[i]);
    const char *best = cj_suggest_end(&s);
    if (best) {
        cj_diag(c->d, CJMAP_ERROR, v->span, "unknown-value", best,
                "unknown %s '%s' (did you mean '%s'?)", k->noun, q(c, v), best);
    } else {
        cj_diag(c->d, CJMAP_ERROR, v->span, "unknown-value", NULL,
                "unknown %s '%s'; expected one of: %s", k->noun, q(c, v), vocab_list(c, k->values));
    }
    return -1;
}

/* true or false (also True, TRUE, False, FALSE, as the YAML 1.2 core
 * schema reads them); returns false when absent or invalid.  YAML 1.1's
 * yes/no and the Nordic words for them are not booleans there: they get
 * the fix. */
static bool get_bool(ctx *c, const keydef *k, const cj_node *v, bool *out) {
    *out = false;
    if (!v || cj_scalar_is_null(v)) return false;
    if (v->kind == CJ_SCALAR && v->style == CJ_PLAIN) {
        if (v->len == 4 && memcmp(v->str, "true", 4) == 0) return *out = true;
        if (v->len == 5 && memcmp(v->str, "false", 5) == 0) return true;
    }
    static const char *const yes[] = {"yes",  "y",    "on",   "ja",  "j",  "sand", "sant", "sann",
                                      "wahr", "True", "TRUE", "Yes", "Ja", "1",    NULL};
    static const char *const no[] = {"no",    "n",     "off",    "nej",   "nei",
                                     "falsk", "usann", "falsch", "False", "FALSE",
                                     "No",    "Nej",   "Nei",    "0",     NULL};
    const char *fix = NULL;
    if (v->kind == CJ_SCALAR)
        for (int i = 0; yes[i] || no[i]; i++) {
            if (yes[i] && strlen(yes[i]) == v->len && memcmp(yes[i], v->str, v->len) == 0)
                fix = "true";
            if (no[i] && strlen(no[i]) == v->len && memcmp(no[i], v->str, v->len) == 0)
                fix = "false";
        }
    if (v->kind == CJ_SCALAR && v->style == CJ_QUOTED &&
        ((v->len == 4 && memcmp(v->str, "true", 4) == 0) ||
         (v->len == 5 && memcmp(v->str, "false", 5) == 0)))
        fix = v->str;
    cj_diag(c->d, CJMAP_ERROR, v->kind == CJ_SCALAR ? v->span : head(v->span), "type", fix,
            "expected true or false for '%s', found %s", k->name, found(c, v));
    return false;
}

/* Ids may be written in the user's language: each code point is a letter of
 * any script (general category L*), a combining mark right after a letter
 * (M*, so an NFD 'a' + U+030A is an 'å'), a decimal digit of any script (Nd),
 * '-' or '_'.  The categories come from GLib's Unicode tables (g_unichar_*),
 * already linked through Pango and kept current with Unicode by Debian;
 * libunistring or ICU would be a new dependency for the same answer. */
/* ASCII first: most ids are, and GLib's tables cost a call per character. */
static bool is_letter(uint32_t cp) {
    if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    return g_unichar_isalpha(cp);
}

bool cj_is_id_char(uint32_t cp, bool after_letter) {
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') ||
               cp == '-' || cp == '_';
    if (cp == '-' || cp == '_') return true;
    if (g_unichar_isalpha(cp) || g_unichar_isdigit(cp)) return true;
    return after_letter && g_unichar_ismark(cp);
}

/* Characters that a mended id replaces with '-': white space, punctuation
 * (P*) and the ASCII symbols ($+<=>^`|~).  Anything else (emoji, other
 * symbols, control characters, a stray mark) leaves the id unmendable. */
static bool is_id_separator(uint32_t cp) {
    if (g_unichar_isspace(cp) || (cp < 0x80 && g_unichar_ispunct(cp))) return true;
    switch (g_unichar_type(cp)) {
    case G_UNICODE_CONNECT_PUNCTUATION:
    case G_UNICODE_DASH_PUNCTUATION:
    case G_UNICODE_CLOSE_PUNCTUATION:
    case G_UNICODE_FINAL_PUNCTUATION:
    case G_UNICODE_INITIAL_PUNCTUATION:
    case G_UNICODE_OTHER_PUNCTUATION:
    case G_UNICODE_OPEN_PUNCTUATION:
        return true;
    default:
        return false;
    }
}

static const char *get_id(ctx *c, const keydef *k, const cj_node *v) {
    const char *s = get_text(c, k, v);
    if (!s || v->joined) return s; /* a joined id: the ',' is the news */
    const unsigned char *p = (const unsigned char *)s;
    bool ok = true, letter = false;
    for (size_t i = 0; i < v->len && ok;) { /* the common case: a valid id */
        uint32_t cp = p[i];
        size_t len = cp < 0x80 ? 1 : cj_utf8_decode(p + i, v->len - i, &cp);
        ok = cj_is_id_char(cp, letter);
        letter = is_letter(cp) || (letter && cp >= 0x80 && g_unichar_ismark(cp));
        i += len;
    }
    if (ok) return s;
    /* mend: the id with each run of separators turned into one '-' (none at
     * the ends, none beside an existing '-'); NULL once it cannot be mended. */
    char *mend = cj_arena_alloc(c->a, v->len + 1);
    size_t n = 0;
    bool bad = false, gap = false, after_letter = false;
    for (size_t i = 0; i < v->len;) {
        uint32_t cp;
        size_t len = cj_utf8_decode(p + i, v->len - i, &cp);
        if (cj_is_id_char(cp, after_letter)) {
            after_letter = is_letter(cp) || (after_letter && cp >= 0x80 && g_unichar_ismark(cp));
            if (mend) {
                if (gap && n > 0 && mend[n - 1] != '-' && cp != '-') mend[n++] = '-';
                memcpy(mend + n, p + i, len);
                n += len;
            }
            gap = false;
        } else {
            bad = true, after_letter = false;
            if (is_id_separator(cp))
                gap = true;
            else
                mend = NULL;
        }
        i += len;
    }
    if (bad) {
        if (mend && n > 0) {
            mend[n] = '\0';
            cj_diag(c->d, CJMAP_ERROR, v->span, "bad-id", mend,
                    "invalid %s '%s': an id is letters and digits (any language), '-' and '_'; "
                    "no spaces or punctuation (did you mean '%s'?)",
                    k->noun, q(c, v), cj_quote(c->a, mend, n));
        } else {
            cj_diag(c->d, CJMAP_ERROR, v->span, "bad-id", NULL,
                    "invalid %s '%s': an id is letters and digits (any language), '-' and '_'; "
                    "no spaces or punctuation",
                    k->noun, q(c, v));
        }
    }
    return s; /* even when bad, still the reference key: no follow-on "unknown phase" errors */
}

bool cjmap_is_id(const char *s, size_t len) {
    const unsigned char *p = (const unsigned char *)s;
    bool letter = false;
    if (len == 0) return false;
    for (size_t i = 0; i < len;) {
        uint32_t cp = p[i];
        size_t n = cp < 0x80 ? 1 : cj_utf8_decode(p + i, len - i, &cp);
        if (n == 0 || !cj_is_id_char(cp, letter)) return false;
        letter = is_letter(cp) || (letter && cp >= 0x80 && g_unichar_ismark(cp));
        i += n;
    }
    return true;
}

static bool check_list_length(ctx *c, const keydef *k, const cj_node *v) {
    if (v->n <= CJMAP_MAX_ITEMS) return true;
    cj_diag(c->d, CJMAP_ERROR, head(v->span), "too-many", NULL,
            "%zu entries in '%s'; the limit is %d", v->n, k->name, CJMAP_MAX_ITEMS);
    return false;
}

/* "[Leser anmeldelser: de siste først]": in [ ], a text with ': ' is read
 * as a mapping of one pair.  Reports it at the ':' with the quoted text as
 * the fix. */
static bool colon_in_item(ctx *c, const cj_node *it) {
    if (it->kind != CJ_MAP || it->n != 1 || c->src->bytes[it->off] == '{') return false;
    const cj_node *k = it->pairs[0].key, *v = it->pairs[0].value;
    if (k->kind != CJ_SCALAR || k->style != CJ_PLAIN || v->kind != CJ_SCALAR ||
        (v->style != CJ_PLAIN && !cj_scalar_is_null(v)))
        return false;
    const char *b = c->src->bytes;
    size_t colon = k->end;
    while (colon < c->src->len && b[colon] != ':')
        colon++;
    size_t end = v->len ? v->end : colon + 1;
    if (colon >= c->src->len || end < k->off) return false;
    cj_diag(c->d, CJMAP_ERROR, cj_source_span_bytes(c->src, colon, colon + 1), "colon-in-flow",
            NULL, "this ': ' is inside a text; inside [ ] a text with ': ' needs quotes");
    cj_diag_fix(c->d, cj_source_span_bytes(c->src, k->off, end),
                cj_yaml_quoted(c->a, b + k->off, end - k->off));
    return true;
}

static bool starts_with(ctx *c, const cj_node *n, gboolean (*is)(gunichar)) {
    uint32_t cp;
    return bare_text(c, n) && n->len &&
           cj_utf8_decode((const unsigned char *)n->str, n->len, &cp) && is(cp);
}

/* In [ ], ',' separates items, so "[Ser bilder av hytter, bål og badestrand]"
 * holds two.  Items of several words after item i that start in lowercase,
 * right after a ',', when item i starts in uppercase, are most likely the rest of its
 * text: a warning (the list may be meant), with the quoted text as the fix. */
static void lowercase_pieces(ctx *c, const cj_node *seq, size_t i) {
    const cj_node *v = seq->items[i];
    if (i + 1 >= seq->n || !starts_with(c, v, g_unichar_isupper)) return;
    size_t end = v->end, comma, k = i + 1;
    for (; k < seq->n; k++) {
        const cj_node *w = seq->items[k];
        if (!starts_with(c, w, g_unichar_islower) || !memchr(w->str, ' ', w->len) || w->off < end ||
            !comma_between(c->src, end, w->off, &comma))
            break;
        end = w->end;
    }
    if (k == i + 1) return;
    if (cj_diags_full(c->d)) { /* counted, not positioned: that costs a walk of the line */
        cj_diag_uncollected(c->d, CJMAP_WARNING);
        return;
    }
    const cj_node *joined = join_nodes(c, v, seq->items[i + 1], seq->items[k - 1], "[ ]");
    const cj_node *next = seq->items[i + 1];
    comma = join_of(joined)->comma;
    cj_diag(c->d, CJMAP_WARNING, cj_source_span_bytes(c->src, comma, comma + 1), "comma-in-list",
            NULL,
            "'%s' starts in lowercase after this ','; if it is more of the text before it, "
            "inside [ ] a text with a comma needs quotes",
            q(c, next));
    cj_diag_fix(c->d, joined->span, cj_yaml_quoted(c->a, joined->str, joined->len));
}

/* "- Ringer" with "   - Bestiller" indented further below it: YAML reads
 * the second line as more of the first text ("Ringer - Bestiller").
 * Warns at each such line, with the item's own column as the fix. */
static void item_runs_on(ctx *c, const cj_node *it) {
    if (it->style != CJ_PLAIN || it->span.end_line == it->span.line) return;
    const char *b = c->src->bytes;
    size_t dash = it->off;
    while (dash > 0 && b[dash - 1] == ' ')
        dash--;
    if (dash == 0 || b[dash - 1] != '-') return;
    cjmap_span at = cj_source_span_bytes(c->src, dash - 1, dash);
    for (uint32_t l = it->span.line + 1; l <= it->span.end_line; l++) {
        size_t from, to, i;
        if (!cj_hint_line(c->src, l, &from, &to)) return;
        for (i = from; i < to && b[i] == ' '; i++) {
        }
        if (i + 1 >= to || b[i] != '-' || b[i + 1] != ' ') continue;
        cjmap_span sp = cj_source_span_bytes(c->src, i, i + 1);
        cj_diag(c->d, CJMAP_WARNING, sp, "item-runs-on", NULL,
                "this '- ' item starts at column %u, further right than the item above it "
                "(column %u), so it is read as more of that item's text; start it at column %u",
                sp.col, at.col, at.col);
        char *pad = cj_arena_alloc(c->a, at.col);
        memset(pad, ' ', at.col - 1);
        cj_diag_fix(c->d, cj_source_span_bytes(c->src, from, i), pad);
    }
}

/* A list of texts; NULL when absent.  A lone text gets a hint. */
static const char *const *get_texts(ctx *c, const keydef *k, const cj_node *v, size_t *count) {
    *count = 0;
    if (!v || cj_scalar_is_null(v)) return NULL;
    if (v->kind != CJ_SEQ) {
        if (dash_without_space(c, v)) return NULL;
        if (v->kind == CJ_SCALAR) {
            cj_diag(c->d, CJMAP_ERROR, head(v->span), "type", NULL,
                    "expected a list of texts for '%s', found %s; write it as a list: [%s], or "
                    "one '- ' line for each item",
                    k->name, found(c, v), q(c, v));
            cj_diag_fix(
                c->d, v->span,
                cj_arena_printf(c->a, "[%.*s]", (int)(v->end - v->off), c->src->bytes + v->off));
        } else
            cj_diag(c->d, CJMAP_ERROR, head(v->span), "type", NULL,
                    "expected a list of texts for '%s', found %s", k->name, found(c, v));
        return NULL;
    }
    if (!check_list_length(c, k, v)) return NULL;
    const char **out = CJ_NEW_ARRAY(c->a, v->n + 1, const char *);
    size_t n = 0;
    for (size_t i = 0; i < v->n; i++) {
        const cj_node *it = v->items[i];
        if (v->flow && colon_in_item(c, it)) continue;
        if (it->kind != CJ_SCALAR) {
            cj_diag(c->d, CJMAP_ERROR, head(it->span), "type", NULL,
                    "expected a text in '%s', found %s%s", k->name, found(c, it),
                    it->kind == CJ_MAP ? " (put the text in quotes if it contains ': ')" : "");
            continue;
        }
        keydef item = *k;
        item.required = false;
        const char *s = get_text(c, &item, it);
        if (s && !v->flow) item_runs_on(c, it);
        if (s && v->flow) lowercase_pieces(c, v, i);
        if (s)
            out[n++] = s;
        else if (it->kind == CJ_SCALAR)
            cj_diag(c->d, CJMAP_ERROR, head(it->span), "empty", NULL,
                    "empty entry in '%s'; write the text or remove the entry", k->name);
    }
    *count = n;
    return out;
}

/* ---- building the model ----------------------------------------------- */

/* Per-object extras kept during validation (spans of key values). */
typedef struct phase_x {
    const cj_node *id, *name;
    bool flow; /* written in { } */
} phase_x;

typedef struct tp_x {
    const cj_node *id, *name, *phases;
    const cj_node **use_nodes; /* the reference node of each use */
    bool flow;
} tp_x;

typedef struct ref_x {
    const cj_node *phase, *touchpoint; /* reference nodes, or NULL */
    bool flow;                         /* the item is written in { } */
} ref_x;

typedef struct lane_x {
    const cj_node *item, *id, *name; /* an own lane's {id, name} and its values */
} lane_x;

typedef struct builder {
    ctx *c;
    cjmap_phase *phases;
    phase_x *phx;
    size_t n_phases;
    cjmap_touchpoint *tps;
    tp_x *tpx;
    size_t n_tps;
    cjmap_experience *exps;
    ref_x *expx;
    size_t n_exps;
    cjmap_pain *pains;
    ref_x *painx;
    size_t n_pains;
    cjmap_opportunity *opps;
    ref_x *oppx;
    size_t n_opps;
    cjmap_step *steps[2]; /* backstage, support */
    ref_x *stepx[2];
    size_t n_steps[2];
    cjmap_own_lane *own; /* own lanes, from `lanes:` */
    lane_x *ownx;
    size_t n_own;
    const cj_node *segment, *segment_name; /* for the editor's index */
    cj_strmap own_keys;       /* own lane id -> index */
    const cj_node *lanes;     /* the `lanes:` list, when it could be read */
    const cj_node *lanes_key; /* its key, where warnings about the list point */
    bool lanes_failed;        /* an entry of `lanes:` had an error: what it leaves out is moot */
    bool own_failed;          /* a phase's `lanes:` had an error: which lanes are empty is moot */
    const cj_node *scale;     /* the `scale:` mapping, when given and valid */
    bool scale_failed;        /* `scale:` was given but is wrong: scores are not range-checked */
    cj_strmap phase_keys, tp_keys;  /* id or name -> owners (see key_owners) */
    bool phases_ok;                 /* no duplicate phase ids or names */
    bool phases_failed, tps_failed; /* the list itself could not be read */
} builder;

/* "-Bestiller" where a list was expected: items written without the space
 * after '-', which YAML reads as one text.  Fixes every such line. */
static bool dash_without_space(ctx *c, const cj_node *v) {
    if (v->kind != CJ_SCALAR || v->style != CJ_PLAIN || v->len < 2 || v->str[0] != '-' ||
        v->str[1] == ' ' || v->str[1] == '-' || v->str[1] == '.' ||
        (v->str[1] >= '0' && v->str[1] <= '9'))
        return false;
    const char *b = c->src->bytes;
    size_t e = v->off + 1; /* the first line's item */
    while (e < v->end && b[e] != '\n' && b[e] != '\r')
        e++;
    cj_diag(c->d, CJMAP_ERROR, point(v->span), "dash-without-space", NULL,
            "put a space after '-': a list item is written '- %s'",
            cj_quote(c->a, b + v->off + 1, e - v->off - 1));
    for (size_t i = v->off; i + 1 < v->end; i++) {
        bool line_start = i == v->off || b[i - 1] == '\n' || b[i - 1] == '\r';
        if (!line_start) continue;
        while (i < v->end && b[i] == ' ')
            i++;
        if (i + 1 < v->end && b[i] == '-' && b[i + 1] != ' ')
            cj_diag_fix(c->d, cj_source_span_bytes(c->src, i + 1, i + 1), " ");
    }
    return true;
}

static const char *yaml_text(ctx *c, const char *s, size_t len, bool flow) {
    return cj_yaml_text(c->a, s, len, flow);
}

/* `phases: Første kontakt, Overveielse, Kjøp`: the fix writes the list. */
static void phases_as_text(ctx *c, const cj_node *v) {
    cj_diag(c->d, CJMAP_ERROR, head(v->span), "type", NULL,
            "'phases' is a list with one '- name: ...' line for each phase, not one text; found %s",
            found(c, v));
    size_t ind = cj_hint_indent_of(c->src, v->span.line, NULL) + 2, o = 0, start = v->off;
    if (v->len > 4096 || ind > 200) return; /* a fix nobody would want to read */
    while (start > 0 && c->src->bytes[start - 1] == ' ')
        start--; /* from right after ':' */
    char *t = cj_arena_alloc(c->a, v->len * 2 + (ind + 10) * (v->len + 1) + 1);
    for (size_t i = 0; i <= v->len;) {
        size_t e = i;
        while (e < v->len && v->str[e] != ',')
            e++;
        size_t a = i, z = e;
        while (a < z && v->str[a] == ' ')
            a++;
        while (z > a && v->str[z - 1] == ' ')
            z--;
        if (z > a) {
            t[o++] = '\n';
            memset(t + o, ' ', ind), o += ind;
            memcpy(t + o, "- name: ", 8), o += 8;
            const char *w = yaml_text(c, v->str + a, z - a, false);
            memcpy(t + o, w, strlen(w)), o += strlen(w);
        }
        i = e + 1;
    }
    t[o] = '\0';
    cj_diag_fix(c->d, cj_source_span_bytes(c->src, start, v->end), t);
}

static const cj_node *list_of(ctx *c, const keydef *k, const cj_node *v) {
    if (!v) return NULL;
    if (v->kind != CJ_SEQ) {
        if (cj_scalar_is_null(v) && !k->required) return NULL;
        if (dash_without_space(c, v)) return NULL;
        if (k->obj == &phase_def && v->kind == CJ_SCALAR) {
            phases_as_text(c, v);
            return NULL;
        }
        cj_diag(c->d, CJMAP_ERROR, head(v->span), "type", NULL, "expected a list of %s, found %s",
                k->noun, found(c, v));
        return NULL;
    }
    if (!check_list_length(c, k, v)) return NULL;
    return v;
}

static void build_metrics(ctx *c, const cj_node *v, cjmap_phase *ph) {
    const keydef *k = &phase_keys[PH_METRICS];
    if (!v || cj_scalar_is_null(v)) return;
    if (v->kind != CJ_MAP) {
        cj_diag(c->d, CJMAP_ERROR, head(v->span), "type", NULL,
                "expected a mapping of metrics (name: value) for '%s', found %s", k->name,
                found(c, v));
        return;
    }
    if (v->n > CJMAP_MAX_ITEMS) {
        cj_diag(c->d, CJMAP_ERROR, head(v->span), "too-many", NULL,
                "%zu metrics in one phase; the limit is %d", v->n, CJMAP_MAX_ITEMS);
        return;
    }
    cjmap_metric *ms = CJ_NEW_ARRAY(c->a, v->n + 1, cjmap_metric);
    size_t n = 0;
    for (size_t i = 0; i < v->n; i++) {
        const cj_node *key = v->pairs[i].key, *val = v->pairs[i].value;
        size_t pieces = comma_pieces(c, v, i, NULL, NULL), last; /* {CTR: 1,8 %} */
        if (pieces) val = join_pieces(c, v, i, pieces), i += pieces;
        const cj_node *jk = pieces ? NULL : key_join(c, v, i, has_value, NULL, &last);
        if (jk)
            key = jk, val = v->pairs[last].value, i = last; /* {Avbrutt i kassen, mobil: 31 %} */
        keydef kname = {.name = "metric name", .kind = V_TEXT, .required = true, .noun = "name"};
        if (!get_text(c, &kname, key)) continue; /* empty or longer than CJMAP_MAX_TEXT */
        keydef item = {.name = key->str, .kind = V_TEXT, .required = true, .noun = "metric value"};
        if (val->kind == CJ_SCALAR && cj_scalar_is_null(val)) {
            cj_diag(c->d, CJMAP_ERROR, head(val->span), "empty", NULL,
                    "metric '%s' has no value", q(c, key));
            continue;
        }
        const char *s = get_text(c, &item, val);
        if (!s) continue;
        ms[n].name = key->str;
        ms[n].value = s;
        ms[n].span = key->span;
        n++;
    }
    ph->metrics = ms;
    ph->n_metrics = n;
}

/* The built-in lane named by `n` (the `labels:` and `lanes:` keys), or -1. */
static int builtin_lane(const cj_node *n) {
    for (int l = 0; l < CJMAP_LANE_COUNT; l++)
        if (strlen(cj_lane_names[l]) == n->len && memcmp(cj_lane_names[l], n->str, n->len) == 0)
            return l;
    return -1;
}

static bool is_lane_key(const void *arg, const cj_node *map, size_t i) {
    (void)arg;
    return builtin_lane(map->pairs[i].key) >= 0;
}

static void build_labels(ctx *c, const cj_node *v) {
    const keydef *k = &journey_keys[J_LABELS];
    if (!v || cj_scalar_is_null(v)) return;
    if (v->kind != CJ_MAP) {
        cj_diag(c->d, CJMAP_ERROR, head(v->span), "type", NULL,
                "expected a mapping of lane: label for 'labels', found %s", found(c, v));
        return;
    }
    for (size_t i = 0; i < v->n; i++) {
        const cj_node *key = v->pairs[i].key, *val = v->pairs[i].value;
        size_t pieces = comma_pieces(c, v, i, is_lane_key, k);
        if (pieces) val = join_pieces(c, v, i, pieces), i += pieces;
        int lane = builtin_lane(key);
        if (lane < 0) {
            keydef lk = *k;
            lk.noun = "lane";
            get_enum(c, &lk, key);
            continue;
        }
        keydef item = {.name = key->str, .kind = V_TEXT, .required = true, .noun = "label"};
        const char *s = get_text(c, &item, val);
        if (s) c->m->labels[lane] = s;
    }
}

/* `scale: {min, max, neutral}`.  Sets m->scale; a scale with an error
 * leaves the default in the model, and scores are then only checked to be
 * whole numbers (against a scale that is not known, a range error would be
 * a follow-on error). */
static void build_scale(builder *b, const cj_node *v) {
    ctx *c = b->c;
    if (!v || cj_scalar_is_null(v)) return;
    b->scale_failed = true; /* until the scale is known to be right */
    const cj_node *slot[MAX_KEYS];
    if (!walk_object(c, &scale_def, v, 0, slot)) return;
    int lo, hi, mid;
    bool has_lo = get_int(c, &scale_keys[SC_MIN], slot[SC_MIN], &lo);
    bool has_hi = get_int(c, &scale_keys[SC_MAX], slot[SC_MAX], &hi);
    bool has_mid = get_int(c, &scale_keys[SC_NEUTRAL], slot[SC_NEUTRAL], &mid);
    if (!has_lo || !has_hi) return;
    if (hi <= lo) {
        cj_diag(c->d, CJMAP_ERROR, slot[SC_MAX]->span, "scale", NULL,
                "the scale's 'max' (%d) must be greater than its 'min' (%d)", hi, lo);
        return;
    }
    if (hi - lo < SCALE_MIN_STEPS || hi - lo > SCALE_MAX_STEPS) {
        cj_diag(c->d, CJMAP_ERROR, head(v->span), "scale", NULL,
                "a scale from %d to %d is %d step%s wide; 'max' must lie %d to %d above 'min'", lo,
                hi, hi - lo, hi - lo == 1 ? "" : "s", SCALE_MIN_STEPS, SCALE_MAX_STEPS);
        return;
    }
    if (!has_mid) {
        if (slot[SC_NEUTRAL] && !cj_scalar_is_null(slot[SC_NEUTRAL])) return; /* said */
        /* The midpoint, rounded toward min when it is not whole (1..10: 5). */
        mid = lo + (hi - lo) / 2;
    } else if (mid < lo || mid > hi) {
        cj_diag(c->d, CJMAP_ERROR, slot[SC_NEUTRAL]->span, "scale", NULL,
                "the scale's 'neutral' (%d) lies outside the scale, which runs from %d to %d", mid,
                lo, hi);
        return;
    }
    c->m->scale = (cjmap_scale){lo, mid, hi};
    b->scale = v;
    b->scale_failed = false;
}

/* The candidates for "did you mean" among lane names: built-in and own. */
static const char *suggest_lane(builder *b, const cj_node *n, bool builtin, bool own) {
    cj_suggester s;
    cj_suggest_begin(&s, n->str, n->len);
    for (int l = 0; builtin && l < CJMAP_LANE_COUNT; l++)
        cj_suggest_offer(&s, cj_lane_names[l]);
    for (size_t i = 0; own && i < b->n_own; i++)
        cj_suggest_offer(&s, b->own[i].id);
    return cj_suggest_end(&s);
}

/* The own lanes' ids, for a message. */
static const char *own_list(builder *b) {
    const char **ids = CJ_NEW_ARRAY(b->c->a, b->n_own + 1, const char *);
    for (size_t i = 0; i < b->n_own; i++)
        ids[i] = b->own[i].id;
    return vocab_list(b->c, ids);
}

/* `lanes:` at the top: the order of the lanes, and the own lanes. */
static void build_lane_order(builder *b, const cj_node *v) {
    ctx *c = b->c;
    cjmap_model *m = c->m;
    const keydef *k = &journey_keys[J_LANES];
    cj_strmap_init(&b->own_keys, c->a);
    if (!v || cj_scalar_is_null(v)) return;
    b->lanes_failed = true; /* until the list is read */
    if (v->kind != CJ_SEQ) {
        if (dash_without_space(c, v)) return;
        cj_diag(c->d, CJMAP_ERROR, head(v->span), "type", NULL,
                "expected a list of lanes for 'lanes' (e.g. [actions, touchpoints, {id: thoughts, "
                "name: Thoughts}]), found %s",
                found(c, v));
        return;
    }
    if (v->n == 0) {
        cj_diag(c->d, CJMAP_ERROR, head(v->span), "no-lanes", NULL,
                "'lanes' lists no lanes; list the lanes to draw, top to bottom, or leave 'lanes' "
                "out for the built-in order");
        return;
    }
    if (!check_list_length(c, k, v)) return;
    size_t errors = c->d->n_errors;
    b->lanes = v;
    b->own = CJ_NEW_ARRAY(c->a, v->n + 1, cjmap_own_lane);
    b->ownx = CJ_NEW_ARRAY(c->a, v->n + 1, lane_x);
    cjmap_lane_ref *refs = CJ_NEW_ARRAY(c->a, v->n + 1, cjmap_lane_ref);
    const cj_node **at = CJ_NEW_ARRAY(c->a, v->n + 1, const cj_node *); /* node of each ref */
    const cj_node *builtin_at[CJMAP_LANE_COUNT] = {NULL};
    size_t n = 0;
    for (size_t i = 0; i < v->n; i++) {
        const cj_node *it = v->items[i];
        if (it->kind == CJ_SCALAR && !cj_scalar_is_null(it)) {
            int l = builtin_lane(it);
            if (l < 0) {
                const char *lang, *native = cj_vocab_native(cj_lane_names, it->str, it->len, &lang);
                const char *best = native ? NULL : suggest_lane(b, it, true, false);
                if (native)
                    cj_diag(c->d, CJMAP_ERROR, it->span, "unknown-lane", native,
                            "unknown lane '%s'; '%s' is %s for '%s'", q(c, it), q(c, it), lang,
                            native);
                else if (best)
                    cj_diag(c->d, CJMAP_ERROR, it->span, "unknown-lane", best,
                            "unknown lane '%s' (did you mean '%s'?)", q(c, it), best);
                else {
                    /* The fix makes it an own lane: its id derived from the
                     * words as `cjmap init` derives ids, the words its name. */
                    char id[CJ_INIT_ID_MAX];
                    cj_init_derive_id(id, it->str, "lane");
                    const char *own = cj_arena_printf(c->a, "{id: %s, name: %s}", id,
                                                      yaml_text(c, it->str, it->len, true));
                    cj_diag(c->d, CJMAP_ERROR, it->span, "unknown-lane", NULL,
                            "unknown lane '%s'; the built-in lanes are: %s; an own lane is "
                            "written %s",
                            q(c, it), vocab_list(c, cj_lane_names), own);
                    if (strlen(it->str) == it->len) cj_diag_fix(c->d, it->span, own);
                }
                continue;
            }
            if (builtin_at[l]) {
                cj_diag(c->d, CJMAP_ERROR, it->span, "duplicate-lane", NULL,
                        "lane '%s' is listed twice in 'lanes'", cj_lane_names[l]);
                cj_diag_note(c->d, builtin_at[l]->span, "first listed here");
                continue;
            }
            builtin_at[l] = it;
            at[n] = it;
            refs[n++] = (cjmap_lane_ref){(cjmap_lane)l, CJMAP_NONE};
            continue;
        }
        if (it->kind != CJ_MAP) {
            cj_diag(c->d, CJMAP_ERROR, head(it->span), "type", NULL,
                    "expected a lane in 'lanes' (a built-in lane's name, or {id: ..., name: ...} "
                    "for an own lane), found %s",
                    found(c, it));
            continue;
        }
        const cj_node *slot[MAX_KEYS];
        if (!walk_object(c, &own_lane_def, it, i, slot)) continue;
        const char *id = get_id(c, &own_lane_keys[LN_ID], slot[LN_ID]);
        const char *name = get_text(c, &own_lane_keys[LN_NAME], slot[LN_NAME]);
        if (!id) continue;
        const cj_node *idn = slot[LN_ID];
        int l = builtin_lane(idn);
        if (l >= 0) {
            cj_diag(c->d, CJMAP_ERROR, idn->span, "builtin-lane", NULL,
                    "'%s' is a built-in lane; list it by its name (%s), and give it another label "
                    "with labels: {%s: ...}",
                    id, id, id);
            continue;
        }
        int64_t first;
        if (!cj_strmap_put(&b->own_keys, idn->str, idn->len, (int64_t)b->n_own, &first)) {
            cj_diag(c->d, CJMAP_ERROR, idn->span, "duplicate-lane", NULL,
                    "lane '%s' is listed twice in 'lanes'", q(c, idn));
            cj_diag_note(c->d, b->own[first].span, "first listed here");
            continue;
        }
        b->own[b->n_own] = (cjmap_own_lane){id, name ? name : id, idn->span};
        b->ownx[b->n_own] = (lane_x){it, idn, name ? slot[LN_NAME] : NULL};
        at[n] = it;
        refs[n++] = (cjmap_lane_ref){CJMAP_LANE_COUNT, (cjmap_index)b->n_own++};
    }
    m->lanes = refs, m->n_lanes = n;
    m->lanes_given = true;
    b->lanes_failed = c->d->n_errors != errors;
    m->own_lanes = b->own, m->n_own_lanes = b->n_own;
}

/* Whether key k of a phase's `lanes:` names a lane (own or built-in): a
 * comma before it in { } is then not text (comma_pieces). */
static bool is_lane_id_key(const void *arg, const cj_node *map, size_t k) {
    const builder *b = arg;
    int64_t v;
    const cj_node *key = map->pairs[k].key;
    return builtin_lane(key) >= 0 || cj_strmap_get(&b->own_keys, key->str, key->len, &v);
}

/* Where a phase's items of a built-in lane are written instead. */
static const char *builtin_home(int l) {
    switch (l) {
    case CJMAP_LANE_ACTIONS:
        return "in the phase's 'actions'";
    case CJMAP_LANE_METRICS:
        return "in the phase's 'metrics'";
    case CJMAP_LANE_TOUCHPOINTS:
        return "in 'touchpoints', with this phase in their 'phases'";
    case CJMAP_LANE_EMOTIONS:
        return "as scores: the curve is drawn from the scores of the journey's 'experiences' in "
               "this phase";
    default:
        return NULL;
    }
}

static void build_phase_lanes_of(builder *b, const cj_node *v, cjmap_phase *ph);

/* A phase's `lanes: {thoughts: [...]}`: texts in own lanes. */
static void build_phase_lanes(builder *b, const cj_node *v, cjmap_phase *ph) {
    ctx *c = b->c;
    if (b->n_own) ph->own = CJ_NEW_ARRAY(c->a, b->n_own, cjmap_lane_texts);
    if (!v || cj_scalar_is_null(v)) return;
    size_t errors = c->d->n_errors;
    build_phase_lanes_of(b, v, ph);
    b->own_failed |= c->d->n_errors != errors;
}

static void build_phase_lanes_of(builder *b, const cj_node *v, cjmap_phase *ph) {
    ctx *c = b->c;
    if (v->kind != CJ_MAP) {
        cj_diag(c->d, CJMAP_ERROR, head(v->span), "type", NULL,
                "expected a mapping of lane: texts for the phase's 'lanes' (e.g. {thoughts: "
                "[...]}), found %s",
                found(c, v));
        return;
    }
    for (size_t i = 0; i < v->n; i++) {
        const cj_node *key = v->pairs[i].key, *val = v->pairs[i].value;
        size_t pieces = comma_pieces(c, v, i, is_lane_id_key, b);
        if (pieces) val = join_pieces(c, v, i, pieces), i += pieces;
        int64_t li;
        if (key->kind != CJ_SCALAR || !cj_strmap_get(&b->own_keys, key->str, key->len, &li)) {
            int l = key->kind == CJ_SCALAR ? builtin_lane(key) : -1;
            if (l < 0 && key->kind == CJ_SCALAR && !cj_scalar_is_null(key))
                note_ref(c, CJMAP_SYM_LANE, key, CJMAP_NONE, false, v->flow, true);
            const char *best = l < 0 && key->kind == CJ_SCALAR && b->n_own
                                   ? suggest_lane(b, key, false, true)
                                   : NULL;
            if (l < 0 && b->lanes_failed) continue; /* the journey's 'lanes' had the error */
            if (l >= 0 && builtin_home(l))
                cj_diag(c->d, CJMAP_ERROR, key->span, "builtin-lane", NULL,
                        "'%s' is a built-in lane; write its texts %s", q(c, key), builtin_home(l));
            else if (l >= 0)
                cj_diag(c->d, CJMAP_ERROR, key->span, "builtin-lane", NULL,
                        "'%s' is a built-in lane; list them under the journey's '%s', each with "
                        "'phase: %s'",
                        q(c, key), q(c, key),
                        ph->id ? ph->id : yaml_text(c, ph->name, strlen(ph->name), true));
            else if (best)
                cj_diag(c->d, CJMAP_ERROR, key->span, "unknown-lane", best,
                        "unknown lane '%s' (did you mean '%s'?)", q(c, key), best);
            else if (b->n_own)
                cj_diag(c->d, CJMAP_ERROR, key->span, "unknown-lane", NULL,
                        "unknown lane '%s'; the journey's own lanes are: %s", q(c, key),
                        own_list(b));
            else
                cj_diag(c->d, CJMAP_ERROR, key->span, "unknown-lane", NULL,
                        "unknown lane '%s'; an own lane is defined in the journey's 'lanes', "
                        "e.g. lanes: [actions, touchpoints, {id: %s, name: ...}]",
                        q(c, key), q(c, key));
            continue;
        }
        note_ref(c, CJMAP_SYM_LANE, key, (cjmap_index)li, true, v->flow, true);
        keydef item = {.name = key->str, .kind = V_TEXTS, .noun = "text"};
        cjmap_lane_texts *t = &((cjmap_lane_texts *)ph->own)[li];
        if (t->n_texts) {
            cj_diag(c->d, CJMAP_ERROR, key->span, "duplicate-key", NULL,
                    "lane '%s' is given twice in this phase", q(c, key));
            continue;
        }
        if (val->kind == CJ_SCALAR && !cj_scalar_is_null(val)) { /* one text */
            item.kind = V_TEXT, item.required = true;
            const char *s = get_text(c, &item, val);
            if (!s) continue;
            const char **one = CJ_NEW_ARRAY(c->a, 1, const char *);
            one[0] = s;
            t->texts = one, t->n_texts = 1;
            continue;
        }
        t->texts = get_texts(c, &item, val, &t->n_texts);
    }
}

static void build_phases(builder *b, const cj_node *list) {
    ctx *c = b->c;
    b->phases = CJ_NEW_ARRAY(c->a, list->n + 1, cjmap_phase);
    b->phx = CJ_NEW_ARRAY(c->a, list->n + 1, phase_x);
    const cj_node *slot[MAX_KEYS];
    for (size_t i = 0; i < list->n; i++) {
        const cj_node *n = list->items[i];
        cjmap_phase *ph = &b->phases[b->n_phases];
        phase_x *x = &b->phx[b->n_phases];
        if (!walk_object(c, &phase_def, n, i, slot)) continue;
        ph->span = n->span;
        ph->id = get_id(c, &phase_keys[PH_ID], slot[PH_ID]);
        ph->name = get_text(c, &phase_keys[PH_NAME], slot[PH_NAME]);
        ph->statement = get_text(c, &phase_keys[PH_STATEMENT], slot[PH_STATEMENT]);
        ph->actions = get_texts(c, &phase_keys[PH_ACTIONS], slot[PH_ACTIONS], &ph->n_actions);
        build_metrics(c, slot[PH_METRICS], ph);
        get_bool(c, &phase_keys[PH_MOT], slot[PH_MOT], &ph->moment_of_truth);
        build_phase_lanes(b, slot[PH_LANES], ph);
        x->id = ph->id ? slot[PH_ID] : NULL;
        x->name = ph->name ? slot[PH_NAME] : NULL;
        x->flow = n->flow;
        if (!ph->name) ph->name = "";
        b->n_phases++;
    }
}

/* Whether a text names a phase by id or name (phases are built by now). */
static bool is_phase_text(const builder *b, const char *s, size_t len) {
    int64_t v;
    return cj_strmap_get(&b->phase_keys, s, len, &v);
}

static bool is_phase_ref(const void *arg, const cj_node *key) {
    return is_phase_text(arg, key->str, key->len);
}

static bool names_phase(const void *arg, const cj_node *joined, const cj_node *last_key) {
    (void)last_key;
    return is_phase_ref(arg, joined);
}

/* In a touchpoint's {phase: purpose}: pair k's key is a phase, or starts
 * one whose name has a comma ({..., Bestilling, betaling: Kassen}). */
static bool phase_key_at(const void *arg, const cj_node *map, size_t k) {
    const builder *b = arg;
    size_t last;
    return is_phase_ref(b, map->pairs[k].key) || key_join(b->c, map, k, names_phase, b, &last);
}

/* In [ ], a phase whose name has a comma is split like any text:
 * [Research, compare] for the phase "Research, compare".  When item j is no
 * phase but it and the items after it, joined, name one, returns the
 * joined reference and sets *used to the items it takes. */
static const cj_node *seq_join(builder *b, const cj_node *seq, size_t j, size_t *used) {
    ctx *c = b->c;
    const cj_node *v = seq->items[j];
    *used = 0;
    if (!seq->flow || v->kind != CJ_SCALAR || v->style != CJ_PLAIN || is_phase_ref(b, v))
        return NULL;
    size_t end = v->end, comma;
    for (size_t k = j + 1; k < seq->n && k <= j + 8; k++) {
        const cj_node *w = seq->items[k];
        if (!bare_text(c, w) || w->off < end || !comma_between(c->src, end, w->off, &comma))
            return NULL;
        end = w->end;
        const cj_node *joined = join_nodes(c, v, seq->items[j + 1], w, "[ ]");
        if (is_phase_ref(b, joined)) {
            *used = k - j;
            return joined;
        }
    }
    return NULL;
}

/* Touchpoint uses are cards on the map: their total is bounded like any list,
 * so that touchpoints x phases cannot multiply a small file into millions. */
enum { MAX_USES = CJMAP_MAX_ITEMS };

static void build_touchpoints(builder *b, const cj_node *list) {
    ctx *c = b->c;
    size_t total_uses = 0;
    b->tps = CJ_NEW_ARRAY(c->a, list->n + 1, cjmap_touchpoint);
    b->tpx = CJ_NEW_ARRAY(c->a, list->n + 1, tp_x);
    const cj_node *slot[MAX_KEYS];
    for (size_t i = 0; i < list->n; i++) {
        const cj_node *n = list->items[i];
        cjmap_touchpoint *tp = &b->tps[b->n_tps];
        tp_x *x = &b->tpx[b->n_tps];
        if (!walk_object(c, &touchpoint_def, n, i, slot)) continue;
        tp->span = n->span;
        tp->id = get_id(c, &touchpoint_keys[TP_ID], slot[TP_ID]);
        tp->name = get_text(c, &touchpoint_keys[TP_NAME], slot[TP_NAME]);
        x->id = tp->id ? slot[TP_ID] : NULL;
        x->name = tp->name ? slot[TP_NAME] : NULL;
        x->flow = n->flow;
        if (!tp->name) tp->name = "";
        int ch = get_enum(c, &touchpoint_keys[TP_CHANNEL], slot[TP_CHANNEL]);
        tp->channel = ch < 0 ? CJMAP_CH_OTHER : (cjmap_channel)ch;
        int mode = get_enum(c, &touchpoint_keys[TP_MODE], slot[TP_MODE]);
        int contact = get_enum(c, &touchpoint_keys[TP_CONTACT], slot[TP_CONTACT]);
        int owner = get_enum(c, &touchpoint_keys[TP_OWNER], slot[TP_OWNER]);
        tp->mode = mode >= 0 ? (cjmap_mode)(mode + 1) : cj_channels[tp->channel].mode;
        tp->contact = contact >= 0 ? (cjmap_contact)(contact + 1) : cj_channels[tp->channel].contact;
        tp->owner = owner >= 0 ? (cjmap_owner)owner : CJMAP_OWNER_OWNED;
        /* phases: a list of references, or a mapping reference -> purpose */
        const cj_node *v = slot[TP_PHASES];
        x->phases = v;
        if (v) {
            const keydef *k = &touchpoint_keys[TP_PHASES];
            bool ok = true;
            if (v->kind == CJ_SCALAR && !cj_scalar_is_null(v)) {
                if (!dash_without_space(c, v)) {
                    cj_diag(c->d, CJMAP_ERROR, v->span, "type", NULL,
                            "expected a list of phases for 'phases', found %s; write [%s]",
                            found(c, v), q(c, v));
                    cj_diag_fix(c->d, v->span,
                                cj_arena_printf(c->a, "[%.*s]", (int)(v->end - v->off),
                                                c->src->bytes + v->off));
                }
                ok = false;
            } else if (v->kind == CJ_SCALAR || v->n == 0) {
                cj_diag(c->d, CJMAP_ERROR, head(v->span), "no-phases", NULL,
                        "touchpoint '%s' has no phases; list the phases where the customer "
                        "meets it",
                        cj_quote(c->a, tp->name, strlen(tp->name)));
                ok = false;
            } else if (!check_list_length(c, k, v)) {
                ok = false;
            } else if ((total_uses += v->n) > MAX_USES) {
                cj_diag(c->d, CJMAP_ERROR, head(v->span), "too-many", NULL,
                        "touchpoints used in more than %d phases in all (one card each); "
                        "this one goes past the limit",
                        MAX_USES);
                total_uses = 0; /* report it once */
                ok = false;
            }
            if (ok) {
                cjmap_tp_use *uses = CJ_NEW_ARRAY(c->a, v->n, cjmap_tp_use);
                x->use_nodes = CJ_NEW_ARRAY(c->a, v->n, const cj_node *);
                size_t nu = 0;
                for (size_t j = 0; j < v->n; j++) {
                    const cj_node *ref = v->kind == CJ_SEQ ? v->items[j] : v->pairs[j].key;
                    size_t used = 0, last = j;
                    const cj_node *joined = v->kind == CJ_SEQ ? seq_join(b, v, j, &used) : NULL;
                    if (joined) ref = joined, j += used;
                    if (v->kind == CJ_MAP && ref->bare && !is_phase_ref(b, ref) &&
                        (joined = key_join(c, v, j, names_phase, b, &last)))
                        ref = joined; /* {Bestilling, betaling: Kassen} */
                    if (ref->kind != CJ_SCALAR || cj_scalar_is_null(ref)) {
                        cj_diag(c->d, CJMAP_ERROR, head(ref->span), "type", NULL,
                                "expected a phase reference (its id or name), found %s",
                                found(c, ref));
                        continue;
                    }
                    uses[nu].span = ref->span;
                    uses[nu].phase = CJMAP_NONE;
                    if (v->kind == CJ_MAP) {
                        keydef pk = {.name = ref->str, .kind = V_TEXT, .noun = "purpose"};
                        /* {research: Compare prices, quality}: 'quality' is no phase */
                        j = last;
                        size_t pieces = comma_pieces(c, v, j, phase_key_at, b);
                        const cj_node *pv =
                            pieces ? join_pieces(c, v, j, pieces) : v->pairs[j].value;
                        uses[nu].purpose = get_text(c, &pk, pv);
                        j += pieces;
                    }
                    x->use_nodes[nu++] = ref;
                }
                tp->uses = uses;
                tp->n_uses = nu;
            }
        }
        b->n_tps++;
    }
}

/* experiences, pains and opportunities share phase/text/touchpoint. */
static bool build_item(builder *b, const objdef *def, const cj_node *n, size_t i,
                       const cj_node **slot, ref_x *x, const char **text, cjmap_span *span) {
    ctx *c = b->c;
    if (!walk_object(c, def, n, i, slot)) return false;
    *span = n->span;
    x->flow = n->flow;
    const keydef *kp = &def->keys[0], *kt = &def->keys[1];
    if (slot[0] && (slot[0]->kind != CJ_SCALAR || cj_scalar_is_null(slot[0]))) {
        get_text(c, kp, slot[0]);
        x->phase = NULL;
    } else {
        x->phase = slot[0];
    }
    *text = get_text(c, kt, slot[1]);
    if (!*text) *text = "";
    return true;
}

static void ref_touchpoint(ctx *c, const keydef *k, const cj_node *v, ref_x *x) {
    if (!v || cj_scalar_is_null(v)) return;
    if (v->kind != CJ_SCALAR) {
        get_text(c, k, v);
        return;
    }
    x->touchpoint = v;
}

static void build_experiences(builder *b, const cj_node *list) {
    ctx *c = b->c;
    b->exps = CJ_NEW_ARRAY(c->a, list->n + 1, cjmap_experience);
    b->expx = CJ_NEW_ARRAY(c->a, list->n + 1, ref_x);
    const cj_node *slot[MAX_KEYS];
    keydef score_key = experience_keys[EX_SCORE]; /* on the journey's scale */
    score_key.min = c->m->scale.min, score_key.max = c->m->scale.max;
    if (b->scale_failed) /* which scores are right is not known: only whole numbers are */
        score_key.min = -SCALE_LIMIT, score_key.max = SCALE_LIMIT;
    for (size_t i = 0; i < list->n; i++) {
        cjmap_experience *e = &b->exps[b->n_exps];
        ref_x *x = &b->expx[b->n_exps];
        if (!build_item(b, &experience_def, list->items[i], i, slot, x, &e->text, &e->span))
            continue;
        int t = get_enum(c, &experience_keys[EX_TYPE], slot[EX_TYPE]);
        e->type = t >= 0 ? (cjmap_exp_type)t : CJMAP_EXP_EMOTIONAL;
        e->scored = get_int(c, &score_key, slot[EX_SCORE], &e->score);
        if (!e->scored) e->score = 0;
        if (!e->scored && b->scale && slot[EX_SCORE] && !cj_scalar_is_null(slot[EX_SCORE]) &&
            !cj_diags_full(c->d))
            cj_diag_note(c->d, head(b->scale->span), "the journey's scale is set here");
        int imp = get_enum(c, &experience_keys[EX_IMPORTANCE], slot[EX_IMPORTANCE]);
        e->importance = imp >= 0 ? (cjmap_level)(imp + 1) : CJMAP_LEVEL_UNSET;
        ref_touchpoint(c, &experience_keys[EX_TOUCHPOINT], slot[EX_TOUCHPOINT], x);
        b->n_exps++;
    }
}

static void build_pains(builder *b, const cj_node *list) {
    ctx *c = b->c;
    b->pains = CJ_NEW_ARRAY(c->a, list->n + 1, cjmap_pain);
    b->painx = CJ_NEW_ARRAY(c->a, list->n + 1, ref_x);
    const cj_node *slot[MAX_KEYS];
    for (size_t i = 0; i < list->n; i++) {
        cjmap_pain *p = &b->pains[b->n_pains];
        ref_x *x = &b->painx[b->n_pains];
        if (!build_item(b, &pain_def, list->items[i], i, slot, x, &p->text, &p->span)) continue;
        int s = get_enum(c, &pain_keys[PA_SEVERITY], slot[PA_SEVERITY]);
        p->severity = s >= 0 ? (cjmap_level)(s + 1) : CJMAP_LEVEL_MEDIUM;
        ref_touchpoint(c, &pain_keys[PA_TOUCHPOINT], slot[PA_TOUCHPOINT], x);
        b->n_pains++;
    }
}

static void build_opportunities(builder *b, const cj_node *list) {
    ctx *c = b->c;
    b->opps = CJ_NEW_ARRAY(c->a, list->n + 1, cjmap_opportunity);
    b->oppx = CJ_NEW_ARRAY(c->a, list->n + 1, ref_x);
    const cj_node *slot[MAX_KEYS];
    for (size_t i = 0; i < list->n; i++) {
        cjmap_opportunity *o = &b->opps[b->n_opps];
        ref_x *x = &b->oppx[b->n_opps];
        if (!build_item(b, &opportunity_def, list->items[i], i, slot, x, &o->text, &o->span))
            continue;
        ref_touchpoint(c, &opportunity_keys[OP_TOUCHPOINT], slot[OP_TOUCHPOINT], x);
        b->n_opps++;
    }
}

/* Backstage steps (w 0) or support processes (w 1). */
static void build_steps(builder *b, int w, const cj_node *list) {
    ctx *c = b->c;
    const objdef *def = w ? &support_def : &backstage_def;
    b->steps[w] = CJ_NEW_ARRAY(c->a, list->n + 1, cjmap_step);
    b->stepx[w] = CJ_NEW_ARRAY(c->a, list->n + 1, ref_x);
    const cj_node *slot[MAX_KEYS];
    for (size_t i = 0; i < list->n; i++) {
        cjmap_step *st = &b->steps[w][b->n_steps[w]];
        ref_x *x = &b->stepx[w][b->n_steps[w]];
        if (!build_item(b, def, list->items[i], i, slot, x, &st->text, &st->span)) continue;
        st->actor = get_text(c, &def->keys[ST_ACTOR], slot[ST_ACTOR]);
        ref_touchpoint(c, &def->keys[ST_TOUCHPOINT], slot[ST_TOUCHPOINT], x);
        b->n_steps[w]++;
    }
}

/* ---- references ------------------------------------------------------- */

/* One map per kind holds ids and names: a text's value packs the index + 1
 * of the item with that id (low half) and of the item with that name (high
 * half), so a reference is one lookup that also sees when it is ambiguous. */
static void key_owners(int64_t v, int64_t *by_id, int64_t *by_name) {
    *by_id = (v & 0xFFFFFFFF) - 1;
    *by_name = ((v >> 32) & 0xFFFFFFFF) - 1;
}

/* Registers the ids and the names of phases or touchpoints; diagnoses
 * duplicates.  A reference may use either (resolve). */
static bool index_names(ctx *c, const char *noun, size_t count,
                        const cj_node *(*id_of)(builder *, size_t),
                        const cj_node *(*name_of)(builder *, size_t), builder *b, cj_strmap *keys) {
    size_t errors = c->d->n_errors;
    cj_strmap_init(keys, c->a);
    for (size_t i = 0; i < count; i++) {
        const cj_node *name = name_of(b, i), *id = id_of(b, i);
        int64_t v = 0, by_id, by_name;
        if (name) {
            cj_strmap_get(keys, name->str, name->len, &v);
            key_owners(v, &by_id, &by_name);
            if (by_name >= 0) {
                cj_diag(c->d, CJMAP_ERROR, name->span, "duplicate-name", NULL,
                        "duplicate %s name '%s'", noun, q(c, name));
                cj_diag_note(c->d, name_of(b, (size_t)by_name)->span,
                             "the first %s named '%s' is here", noun, q(c, name));
            } else {
                cj_strmap_set(keys, name->str, name->len, v | (int64_t)(i + 1) << 32);
            }
        }
        if (id) {
            v = 0;
            cj_strmap_get(keys, id->str, id->len, &v);
            key_owners(v, &by_id, &by_name);
            if (by_id >= 0) {
                cj_diag(c->d, CJMAP_ERROR, id->span, "duplicate-id", NULL, "duplicate %s id '%s'",
                        noun, q(c, id));
                cj_diag_note(c->d, id_of(b, (size_t)by_id)->span,
                             "the first %s with id '%s' is here", noun, q(c, id));
            } else {
                cj_strmap_set(keys, id->str, id->len, v | (int64_t)(i + 1));
            }
        }
    }
    return c->d->n_errors == errors;
}

static const cj_node *phase_id(builder *b, size_t i) { return b->phx[i].id; }
static const cj_node *phase_name(builder *b, size_t i) { return b->phx[i].name; }
static const cj_node *tp_id(builder *b, size_t i) { return b->tpx[i].id; }
static const cj_node *tp_name(builder *b, size_t i) { return b->tpx[i].name; }

/* Resolves a reference to a phase or touchpoint; CJMAP_NONE when it does not
 * resolve (diagnosed, with a suggestion when one is close). */
static cjmap_index resolve(builder *b, const char *noun, const cj_node *ref, const cj_strmap *keys,
                           const cj_node *(*id_of)(builder *, size_t),
                           const cj_node *(*name_of)(builder *, size_t), size_t count,
                           bool list_failed) {
    ctx *c = b->c;
    int64_t v = 0, by_id, by_name;
    if (ref->joined) comma_error(c, ref, cj_arena_printf(c->a, "the %s name", noun), "a name");
    cj_strmap_get(keys, ref->str, ref->len, &v);
    key_owners(v, &by_id, &by_name);
    bool is_id = by_id >= 0, is_name = by_name >= 0;
    if (is_id && is_name && by_id != by_name) {
        const cj_node *idn = id_of(b, (size_t)by_id), *other = name_of(b, (size_t)by_name);
        cj_diag(c->d, CJMAP_ERROR, ref->span, "ambiguous-ref", NULL,
                "'%s' could mean two %ss: the one with this id, and another one with this name; "
                "give one of them another id or name",
                q(c, ref), noun);
        cj_diag_note(c->d, idn->span, "the %s with id '%s' is here", noun, q(c, ref));
        cj_diag_note(c->d, other->span, "the %s named '%s' is here", noun, q(c, ref));
        return CJMAP_NONE;
    }
    if (is_id) return (cjmap_index)by_id;
    if (is_name) return (cjmap_index)by_name;
    /* The list could not be read, or the reference could not be: already said. */
    if (list_failed || ref->joined) return CJMAP_NONE;
    const char *best = NULL;
    if (!cj_diags_saturated(c->d)) {
        cj_suggester s;
        cj_suggest_begin(&s, ref->str, ref->len);
        for (size_t i = 0; i < count; i++) {
            if (id_of(b, i)) cj_suggest_offer(&s, id_of(b, i)->str);
            if (name_of(b, i)) cj_suggest_offer(&s, name_of(b, i)->str);
        }
        best = cj_suggest_end(&s);
    }
    if (best) {
        cj_diag(c->d, CJMAP_ERROR, ref->span, "unresolved-ref", best,
                "unknown %s '%s' (did you mean '%s'?)", noun, q(c, ref), best);
        /* The name as the file must spell it: "Plan: A" in quotes. */
        const char *w = yaml_text(c, best, strlen(best), true);
        if (strcmp(w, best) != 0) cj_diag_refix(c->d, ref->span, w);
        return CJMAP_NONE;
    }
    /* At most 8 names of at most 48 quoted code points (<= 200 bytes) each:
     * the buffer always holds them whole, so no UTF-8 sequence is cut. */
    char list[8 * 208 + 16];
    size_t o = 0, shown = 0;
    for (size_t i = 0; i < count; i++) {
        const cj_node *k = id_of(b, i) ? id_of(b, i) : name_of(b, i);
        if (!k) continue;
        if (shown == 8) {
            snprintf(list + o, sizeof list - o, ", ...");
            break;
        }
        o += (size_t)snprintf(list + o, sizeof list - o, "%s'%s'", shown ? ", " : "", q(c, k));
        shown++;
    }
    if (shown)
        cj_diag(c->d, CJMAP_ERROR, ref->span, "unresolved-ref", NULL,
                "unknown %s '%s'; the %ss are: %s", noun, q(c, ref), noun, list);
    else
        cj_diag(c->d, CJMAP_ERROR, ref->span, "unresolved-ref", NULL,
                "unknown %s '%s'; the journey defines no %ss", noun, q(c, ref), noun);
    return CJMAP_NONE;
}

static bool same_text(const cj_node *a, const cj_node *b) {
    return a && a->len == b->len && memcmp(a->str, b->str, a->len) == 0;
}

/* A reference (in a mapping in { } or [ ] when `flow`; a mapping's key
 * when `is_key`), resolved and noted in the editor's index. */
static cjmap_index resolve_phase(builder *b, const cj_node *ref, bool flow, bool is_key) {
    if (!ref) return CJMAP_NONE;
    cjmap_index i = resolve(b, "phase", ref, &b->phase_keys, phase_id, phase_name, b->n_phases,
                            b->phases_failed);
    note_ref(b->c, CJMAP_SYM_PHASE, ref, i, i != CJMAP_NONE && same_text(b->phx[i].id, ref), flow,
             is_key);
    return i;
}

static cjmap_index resolve_tp(builder *b, const cj_node *ref, bool flow) {
    if (!ref) return CJMAP_NONE;
    cjmap_index i =
        resolve(b, "touchpoint", ref, &b->tp_keys, tp_id, tp_name, b->n_tps, b->tps_failed);
    note_ref(b->c, CJMAP_SYM_TOUCHPOINT, ref, i, i != CJMAP_NONE && same_text(b->tpx[i].id, ref),
             flow, false);
    return i;
}

/* The edit that adds an item (a phase reference to a touchpoint's
 * `phases`, a lane to `lanes`) to list or mapping v, in the form v is
 * written in: [a, b], a '- ' list, {a: x} or a block mapping (where the new
 * key gets no value). */
static void add_item_fix(ctx *c, const cj_node *v, const char *str, size_t len) {
    const char *bytes = c->src->bytes;
    if ((v->kind != CJ_SEQ && v->kind != CJ_MAP) || v->n == 0) return;
    const char *r = yaml_text(c, str, len, v->flow);
    size_t at;
    const char *ins;
    if (v->flow) {
        at = v->end - 1; /* before the closing bracket */
        while (at > v->off && (bytes[at - 1] == ' ' || bytes[at - 1] == '\t'))
            at--;
        ins = cj_arena_printf(c->a, v->kind == CJ_SEQ ? ", %s" : ", %s: ", r);
    } else {
        const cj_node *last = v->kind == CJ_SEQ ? v->items[v->n - 1] : v->pairs[v->n - 1].key;
        const cj_node *end = v->kind == CJ_SEQ ? last : v->pairs[v->n - 1].value;
        size_t col_at = last->off; /* the column the new line starts at: the '-' or the key */
        if (v->kind == CJ_SEQ) {
            while (col_at > 0 && bytes[col_at - 1] == ' ')
                col_at--;
            if (col_at == 0 || bytes[col_at - 1] != '-') return;
            col_at--;
        }
        if (end->span.end_line != last->span.line || end->kind != CJ_SCALAR) return;
        cjmap_span col = cj_source_span_bytes(c->src, col_at, col_at);
        at = end->end > last->end ? end->end : last->end;
        ins = cj_arena_printf(c->a, v->kind == CJ_SEQ ? "\n%*s- %s" : "\n%*s%s:", (int)col.col - 1,
                              "", r);
    }
    cjmap_span sp = cj_source_span_bytes(c->src, at, at);
    cj_diag_fix(c->d, sp, ins);
}

/* Warns when an experience's or pain's touchpoint is not used in its phase. */
static void check_use(builder *b, const char *what, cjmap_index ph, cjmap_index tp,
                      const ref_x *x) {
    if (ph == CJMAP_NONE || tp == CJMAP_NONE) return;
    const cjmap_touchpoint *t = &b->tps[tp];
    for (size_t u = 0; u < t->n_uses; u++)
        if (t->uses[u].phase == ph) return;
    ctx *c = b->c;
    cj_diag(c->d, CJMAP_WARNING, x->touchpoint->span, "touchpoint-not-in-phase", NULL,
            "%s touchpoint '%s' in phase '%s', but the touchpoint is not used in that phase", what,
            q(c, x->touchpoint), q(c, x->phase));
    const cj_node *v = b->tpx[tp].phases;
    if (!v) return;
    cj_diag_note(c->d, head(v->span),
                 "touchpoint '%s' lists its phases here; add '%s' to use it there",
                 cj_quote(c->a, t->name, strlen(t->name)), q(c, x->phase));
    add_item_fix(c, v, x->phase->str, x->phase->len);
}

static void resolve_all(builder *b) {
    ctx *c = b->c;
    bool phases_ok = b->phases_ok;
    index_names(c, "touchpoint", b->n_tps, tp_id, tp_name, b, &b->tp_keys);

    bool *has_tp = CJ_NEW_ARRAY(c->a, b->n_phases + 1, bool);
    /* After a clash or an unresolved reference, "no touchpoints" may be a
     * consequence, not news: then it is not said. */
    bool unresolved = !phases_ok;
    for (size_t t = 0; t < b->n_tps; t++) {
        cjmap_touchpoint *tp = &b->tps[t];
        cjmap_tp_use *uses = (cjmap_tp_use *)tp->uses;
        cj_strmap seen;
        cj_strmap_init(&seen, c->a);
        for (size_t u = 0; u < tp->n_uses; u++) {
            const cj_node *ref = b->tpx[t].use_nodes[u];
            const cj_node *list = b->tpx[t].phases;
            uses[u].phase = resolve_phase(b, ref, list->flow, list->kind == CJ_MAP);
            if (uses[u].phase == CJMAP_NONE) {
                unresolved = true;
                continue;
            }
            int64_t first;
            if (!cj_strmap_put(&seen, (const char *)&uses[u].phase, sizeof uses[u].phase,
                               (int64_t)u, &first)) {
                cj_diag(c->d, CJMAP_ERROR, ref->span, "duplicate-use", NULL,
                        "phase '%s' is listed twice for touchpoint '%s'", q(c, ref),
                        cj_quote(c->a, tp->name, strlen(tp->name)));
                cj_diag_note(c->d, b->tpx[t].use_nodes[first]->span, "first listed here");
                continue;
            }
            has_tp[uses[u].phase] = true;
        }
    }
    for (size_t i = 0; i < b->n_exps; i++) {
        b->exps[i].phase = resolve_phase(b, b->expx[i].phase, b->expx[i].flow, false);
        b->exps[i].touchpoint = resolve_tp(b, b->expx[i].touchpoint, b->expx[i].flow);
        check_use(b, "the experience happens at", b->exps[i].phase, b->exps[i].touchpoint,
                  &b->expx[i]);
    }
    for (size_t i = 0; i < b->n_pains; i++) {
        b->pains[i].phase = resolve_phase(b, b->painx[i].phase, b->painx[i].flow, false);
        b->pains[i].touchpoint = resolve_tp(b, b->painx[i].touchpoint, b->painx[i].flow);
        check_use(b, "the pain happens at", b->pains[i].phase, b->pains[i].touchpoint,
                  &b->painx[i]);
    }
    for (size_t i = 0; i < b->n_opps; i++) {
        b->opps[i].phase = resolve_phase(b, b->oppx[i].phase, b->oppx[i].flow, false);
        b->opps[i].touchpoint = resolve_tp(b, b->oppx[i].touchpoint, b->oppx[i].flow);
    }
    for (int w = 0; w < 2; w++)
        for (size_t i = 0; i < b->n_steps[w]; i++) {
            cjmap_step *st = &b->steps[w][i];
            const ref_x *x = &b->stepx[w][i];
            st->phase = resolve_phase(b, x->phase, x->flow, false);
            st->touchpoint = resolve_tp(b, x->touchpoint, x->flow);
            check_use(b, w ? "the support process serves" : "the backstage step serves", st->phase,
                      st->touchpoint, &b->stepx[w][i]);
        }
    for (size_t i = 0; i < b->n_phases; i++) {
        if (has_tp[i] || !b->phx[i].name || unresolved) continue;
        cj_diag(c->d, CJMAP_WARNING, b->phx[i].name->span, "phase-without-touchpoints", NULL,
                "phase '%s' has no touchpoints; where does the customer meet you here?",
                q(c, b->phx[i].name));
    }
}

/* Whether the journey has something to draw in built-in lane l. */
static bool has_content(const builder *b, int l) {
    switch (l) {
    case CJMAP_LANE_ACTIONS:
    case CJMAP_LANE_METRICS:
        for (size_t p = 0; p < b->n_phases; p++)
            if (l == CJMAP_LANE_ACTIONS ? b->phases[p].n_actions : b->phases[p].n_metrics)
                return true;
        return false;
    case CJMAP_LANE_TOUCHPOINTS:
        return b->n_tps > 0;
    case CJMAP_LANE_EXPERIENCES:
        return b->n_exps > 0;
    case CJMAP_LANE_EMOTIONS:
        for (size_t i = 0; i < b->n_exps; i++)
            if (b->exps[i].scored) return true;
        return false;
    case CJMAP_LANE_PAINS:
        return b->n_pains > 0;
    case CJMAP_LANE_OPPORTUNITIES:
        return b->n_opps > 0;
    case CJMAP_LANE_BACKSTAGE:
        return b->n_steps[0] > 0;
    case CJMAP_LANE_SUPPORT:
        return b->n_steps[1] > 0;
    default:
        return false;
    }
}

/* What `lanes:` leaves out, and own lanes nothing fills. */
static void check_lanes(builder *b) {
    ctx *c = b->c;
    cjmap_model *m = c->m;
    if (!m->lanes_given) {
        m->lanes = CJ_NEW_ARRAY(c->a, CJMAP_LANE_COUNT, cjmap_lane_ref);
        for (int i = 0; i < CJMAP_LANE_COUNT; i++)
            ((cjmap_lane_ref *)m->lanes)[i] = (cjmap_lane_ref){cjmap_default_lanes[i], CJMAP_NONE};
        m->n_lanes = CJMAP_LANE_COUNT;
        return;
    }
    bool listed[CJMAP_LANE_COUNT] = {false};
    for (size_t i = 0; i < m->n_lanes; i++)
        if (m->lanes[i].own == CJMAP_NONE) listed[m->lanes[i].builtin] = true;
    static const char *const what[CJMAP_LANE_COUNT] = {
        "actions",       "touchpoints", "experiences",     "scores",           "pains",
        "opportunities", "metrics",     "backstage steps", "support processes"};
    /* After an error in the list or in a phase's lanes, what looks left
     * out or empty may be the error's consequence, not news. */
    cjmap_span at = b->lanes_key ? b->lanes_key->span : head(b->lanes->span);
    for (int l = 0; l < CJMAP_LANE_COUNT && !b->lanes_failed; l++) {
        if (listed[l] || !has_content(b, l)) continue;
        cj_diag(c->d, CJMAP_WARNING, at, "lane-left-out", NULL,
                "'lanes' leaves out '%s', so the journey's %s are not drawn; add '%s' to draw "
                "them",
                cj_lane_names[l], what[l], cj_lane_names[l]);
        add_item_fix(c, b->lanes, cj_lane_names[l], strlen(cj_lane_names[l]));
    }
    for (size_t o = 0; o < b->n_own && !b->own_failed && !b->lanes_failed; o++) {
        bool used = false;
        for (size_t p = 0; p < b->n_phases && !used; p++)
            used = b->phases[p].own && b->phases[p].own[o].n_texts > 0;
        if (!used)
            cj_diag(c->d, CJMAP_WARNING, b->own[o].span, "empty-lane", NULL,
                    "lane '%s' has no texts in any phase, so it is not drawn; a phase fills it "
                    "with lanes: {%s: [...]}",
                    cj_quote(c->a, b->own[o].id, strlen(b->own[o].id)), b->own[o].id);
    }
}

/* ---- entry ------------------------------------------------------------ */

static cjmap_symbol item_symbol(cjmap_symbol_kind k, const char *text, cjmap_span span,
                                cjmap_index phase, const size_t *base) {
    static const cjmap_span none = {0, 0, 0, 0};
    cjmap_index ph = phase == CJMAP_NONE ? CJMAP_NONE : phase + (cjmap_index)base[CJMAP_SYM_PHASE];
    return (cjmap_symbol){k, NULL, text, NULL, span, none, none, false, false, ph};
}

/* Fills the outline from what was built, and makes the references'
 * targets symbol indexes. */
static void build_index(builder *b) {
    ctx *c = b->c;
    cj_index *ix = c->ix;
    if (!ix) return;
    size_t base[CJMAP_SYM_COUNT], n = 0;
    size_t count[CJMAP_SYM_COUNT] = {
        [CJMAP_SYM_SEGMENT] = b->segment ? 1 : 0, [CJMAP_SYM_LANE] = b->n_own,
        [CJMAP_SYM_PHASE] = b->n_phases,          [CJMAP_SYM_TOUCHPOINT] = b->n_tps,
        [CJMAP_SYM_EXPERIENCE] = b->n_exps,       [CJMAP_SYM_PAIN] = b->n_pains,
        [CJMAP_SYM_OPPORTUNITY] = b->n_opps,      [CJMAP_SYM_BACKSTAGE] = b->n_steps[0],
        [CJMAP_SYM_SUPPORT] = b->n_steps[1],
    };
    for (int k = 0; k < CJMAP_SYM_COUNT; k++)
        base[k] = n, n += count[k];
    cjmap_symbol *sy = ix->syms = CJ_NEW_ARRAY(c->a, n + 1, cjmap_symbol);
    ix->n_syms = n;
    static const cjmap_span none = {0, 0, 0, 0};
#define AT(node) ((node) ? (node)->span : none)
    if (b->segment)
        *sy++ = (cjmap_symbol){CJMAP_SYM_SEGMENT,
                               NULL,
                               c->m->segment_name ? c->m->segment_name : "",
                               NULL,
                               b->segment->span,
                               none,
                               AT(b->segment_name),
                               false,
                               b->segment->flow,
                               CJMAP_NONE};
    for (size_t i = 0; i < b->n_own; i++) {
        const lane_x *x = &b->ownx[i];
        *sy++ = (cjmap_symbol){CJMAP_SYM_LANE, b->own[i].id, b->own[i].name, NULL,
                               x->item->span,  AT(x->id),    AT(x->name),    x->item->flow,
                               x->item->flow,  CJMAP_NONE};
    }
    for (size_t i = 0; i < b->n_phases; i++) {
        const cjmap_phase *p = &b->phases[i];
        const phase_x *x = &b->phx[i];
        *sy++ = (cjmap_symbol){CJMAP_SYM_PHASE, p->id,       p->name, p->statement, p->span,
                               AT(x->id),       AT(x->name), x->flow, x->flow,      CJMAP_NONE};
    }
    for (size_t i = 0; i < b->n_tps; i++) {
        const cjmap_touchpoint *t = &b->tps[i];
        const tp_x *x = &b->tpx[i];
        *sy++ = (cjmap_symbol){CJMAP_SYM_TOUCHPOINT,
                               t->id,
                               t->name,
                               cj_channel_names[t->channel],
                               t->span,
                               AT(x->id),
                               AT(x->name),
                               x->flow,
                               x->flow,
                               CJMAP_NONE};
    }
#undef AT
    /* Items: their text, and their phase's symbol. */
    for (size_t i = 0; i < b->n_exps; i++)
        *sy++ = item_symbol(CJMAP_SYM_EXPERIENCE, b->exps[i].text, b->exps[i].span,
                            b->exps[i].phase, base);
    for (size_t i = 0; i < b->n_pains; i++)
        *sy++ = item_symbol(CJMAP_SYM_PAIN, b->pains[i].text, b->pains[i].span, b->pains[i].phase,
                            base);
    for (size_t i = 0; i < b->n_opps; i++)
        *sy++ = item_symbol(CJMAP_SYM_OPPORTUNITY, b->opps[i].text, b->opps[i].span,
                            b->opps[i].phase, base);
    for (int w = 0; w < 2; w++)
        for (size_t i = 0; i < b->n_steps[w]; i++)
            *sy++ = item_symbol(w ? CJMAP_SYM_SUPPORT : CJMAP_SYM_BACKSTAGE, b->steps[w][i].text,
                                b->steps[w][i].span, b->steps[w][i].phase, base);
    for (size_t r = 0; r < ix->n_refs; r++)
        if (ix->refs[r].target != CJMAP_NONE)
            ix->refs[r].target += (cjmap_index)base[ix->refs[r].kind];
}

const cjmap_model *cj_model_build(cj_arena *a, cj_diags *d, const cj_source *src,
                                  const cj_node *root, cj_index *ix) {
    ctx C = {a, d, src, CJ_NEW(a, cjmap_model), ix}, *c = &C;
    cjmap_model *m = c->m;
    size_t errors_before = d->n_errors;
    const cj_node *slot[MAX_KEYS];
    if (root->kind == CJ_SCALAR && cj_scalar_is_null(root)) {
        cj_diag(d, CJMAP_ERROR, head(root->span), "empty-file", NULL,
                "the file holds no journey; expected a mapping with 'title', 'segment' and "
                "'phases'");
        return NULL;
    }
    if (!walk_object(c, &cj_journey_def, root, 0, slot)) return NULL;

    m->version = CJMAP_FORMAT_VERSION;
    int version;
    get_int(c, &journey_keys[J_VERSION], slot[J_VERSION], &version);
    m->title = get_text(c, &journey_keys[J_TITLE], slot[J_TITLE]);
    int st = get_enum(c, &journey_keys[J_STATE], slot[J_STATE]);
    m->state = st >= 0 ? (cjmap_state)(st + 1) : CJMAP_STATE_UNSET;
    int lo = get_enum(c, &journey_keys[J_LOCALE], slot[J_LOCALE]);
    m->locale = lo >= 0 ? (cjmap_locale)lo : CJMAP_LOCALE_EN;
    m->scale = (cjmap_scale){CJMAP_SCALE_DEFAULT_MIN, CJMAP_SCALE_DEFAULT_NEUTRAL,
                             CJMAP_SCALE_DEFAULT_MAX};
    build_labels(c, slot[J_LABELS]);
    builder B = {.c = c}, *b = &B;
    build_scale(b, slot[J_SCALE]);
    for (size_t i = 0; root->kind == CJ_MAP && i < root->n; i++)
        if (root->pairs[i].value == slot[J_LANES] && slot[J_LANES])
            b->lanes_key = root->pairs[i].key;
    build_lane_order(b, slot[J_LANES]);

    const cj_node *seg = slot[J_SEGMENT];
    if (seg && cj_scalar_is_null(seg)) {
        cj_diag(d, CJMAP_ERROR, head(seg->span), "empty", NULL,
                "'segment' has no value; describe the customer segment with at least 'name'");
    } else if (seg) {
        const cj_node *ss[MAX_KEYS];
        if (walk_object(c, &segment_def, seg, 0, ss)) {
            b->segment = seg, b->segment_name = ss[SEG_NAME];
            m->segment_name = get_text(c, &segment_keys[SEG_NAME], ss[SEG_NAME]);
            m->segment_description = get_text(c, &segment_keys[SEG_DESCRIPTION], ss[SEG_DESCRIPTION]);
            m->segment_goals = get_texts(c, &segment_keys[SEG_GOALS], ss[SEG_GOALS], &m->n_segment_goals);
        }
    }

    const cj_node *phases = slot[J_PHASES];
    if (phases && phases->kind == CJ_SEQ && phases->n == 0) {
        cj_diag(d, CJMAP_ERROR, head(phases->span), "no-phases", NULL,
                "the journey has no phases; list at least one");
    } else if (phases && cj_scalar_is_null(phases)) {
        cj_diag(d, CJMAP_ERROR, head(phases->span), "no-phases", NULL,
                "'phases' has no value; list the phases of the journey");
    } else if ((phases = list_of(c, &journey_keys[J_PHASES], phases))) {
        build_phases(b, phases);
    }
    /* Without a list of phases, every reference to a phase would fail too. */
    b->phases_failed = b->n_phases == 0;
    /* Touchpoints look phases up while they are built. */
    b->phases_ok = index_names(c, "phase", b->n_phases, phase_id, phase_name, b, &b->phase_keys);
    const cj_node *l;
    if ((l = list_of(c, &journey_keys[J_TOUCHPOINTS], slot[J_TOUCHPOINTS])))
        build_touchpoints(b, l);
    else if (slot[J_TOUCHPOINTS] && !cj_scalar_is_null(slot[J_TOUCHPOINTS]))
        b->tps_failed = true;
    if ((l = list_of(c, &journey_keys[J_EXPERIENCES], slot[J_EXPERIENCES]))) build_experiences(b, l);
    if ((l = list_of(c, &journey_keys[J_PAINS], slot[J_PAINS]))) build_pains(b, l);
    if ((l = list_of(c, &journey_keys[J_OPPORTUNITIES], slot[J_OPPORTUNITIES])))
        build_opportunities(b, l);
    if ((l = list_of(c, &journey_keys[J_BACKSTAGE], slot[J_BACKSTAGE]))) build_steps(b, 0, l);
    if ((l = list_of(c, &journey_keys[J_SUPPORT], slot[J_SUPPORT]))) build_steps(b, 1, l);
    resolve_all(b);
    check_lanes(b);
    build_index(b);

    m->phases = b->phases, m->n_phases = b->n_phases;
    m->touchpoints = b->tps, m->n_touchpoints = b->n_tps;
    m->experiences = b->exps, m->n_experiences = b->n_exps;
    m->pains = b->pains, m->n_pains = b->n_pains;
    m->opportunities = b->opps, m->n_opportunities = b->n_opps;
    m->backstage = b->steps[0], m->n_backstage = b->n_steps[0];
    m->support = b->steps[1], m->n_support = b->n_steps[1];
    return d->n_errors == errors_before ? m : NULL;
}
