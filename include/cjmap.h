/*
** cjmap.h — public API of libcjmap: load a customer journey written in YAML,
** validate it, and read the validated model.
**
** Pipeline: bytes --parse--> syntax tree --model--> cjmap_model (this header)
**           --layout--> display list --render--> PDF/SVG/PNG (cjmap_render.h).
**
** Ownership: a cjmap_journey owns everything reachable from it (the copy of
** the source, the syntax tree, the model, the diagnostics and every string).
** cjmap_journey_free() releases all of it at once; no pointer obtained from a
** journey may be used after that.  The library never prints, never exits and
** never calls setlocale(); it touches no file: bytes come in, diagnostics and
** models go out.
**
** Positions: lines and columns are 1-based; columns count Unicode code points
** (not bytes, not display cells), the same unit YAML editors report.
*/
#ifndef CJMAP_H
#define CJMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define CJMAP_VERSION_STRING "0.1.0"
/* The only journey format version this library knows. */
#define CJMAP_FORMAT_VERSION 1

/* ------------------------------------------------------------------ */
/* Source positions and diagnostics                                    */
/* ------------------------------------------------------------------ */

/* A range of the source: 1-based; end is exclusive; columns in code points.
 * line == 0 means "no position" (e.g. a problem with the whole file). */
typedef struct cjmap_span {
    uint32_t line, col, end_line, end_col;
} cjmap_span;

typedef enum cjmap_severity { CJMAP_NOTE, CJMAP_WARNING, CJMAP_ERROR } cjmap_severity;

/* An edit that mends a problem: replace the text of `span` (end exclusive;
 * an empty span inserts at line:col) with `replacement` (UTF-8; it may hold
 * line breaks).  Editors offer a diagnostic's fixes as one quick fix. */
typedef struct cjmap_fix {
    cjmap_span span;
    const char *replacement;
} cjmap_fix;

/* One diagnostic.  A NOTE always belongs to the ERROR/WARNING before it in
 * the list (e.g. "first defined here") and is printed right after it. */
typedef struct cjmap_diag {
    cjmap_severity severity;
    cjmap_span span;
    const char *code;       /* stable machine name, e.g. "unknown-key"; never NULL */
    const char *message;    /* lowercase, no final period; never NULL */
    const char *suggestion; /* "did you mean" replacement text, or NULL */
    const cjmap_fix *fixes; /* edits applied together (in source order, never
                             * overlapping); a suggestion is always one of them */
    size_t n_fixes;
} cjmap_diag;

/* ------------------------------------------------------------------ */
/* Options and limits                                                  */
/* ------------------------------------------------------------------ */

/* Every limit exists so that hostile input cannot make cjmap hang, allocate
 * without bound or crash; each is generous for hand-written journeys. */
enum {
    CJMAP_DEFAULT_MAX_INPUT = 16u << 20,  /* bytes of YAML (16 MiB) */
    CJMAP_DEFAULT_MAX_ERRORS = 50,        /* errors reported before "too many errors" */
    CJMAP_MAX_DEPTH = 64,                 /* nesting of mappings/lists; a journey needs 5 */
    CJMAP_MAX_ALIAS_NODES = 1000000,      /* nodes reachable through aliases, in total */
    CJMAP_MAX_ITEMS = 100000,             /* phases, touchpoints, experiences, ... each */
    CJMAP_MAX_TEXT = 65536                /* bytes in one text value */
};

/* The largest max_input there can be (4 GiB - 1): positions, lines and
 * columns are 32-bit.  A larger max_input counts as this one. */
#define CJMAP_MAX_INPUT_CAP ((size_t)0xFFFFFFFFu)

typedef struct cjmap_options {
    size_t max_input;    /* 0: CJMAP_DEFAULT_MAX_INPUT; at most CJMAP_MAX_INPUT_CAP */
    unsigned max_errors; /* 0: CJMAP_DEFAULT_MAX_ERRORS */
} cjmap_options;

/* ------------------------------------------------------------------ */
/* The validated model (read-only; owned by the journey)               */
/* ------------------------------------------------------------------ */

typedef enum cjmap_state { CJMAP_STATE_UNSET, CJMAP_STATE_CURRENT, CJMAP_STATE_FUTURE } cjmap_state;

typedef enum cjmap_locale {
    CJMAP_LOCALE_EN,
    CJMAP_LOCALE_DA,
    CJMAP_LOCALE_NB,
    CJMAP_LOCALE_SV,
    CJMAP_LOCALE_DE,
    CJMAP_LOCALE_COUNT
} cjmap_locale;

/* The channel vocabulary, in the order of the format documentation. */
typedef enum cjmap_channel {
    CJMAP_CH_WEB, CJMAP_CH_APP, CJMAP_CH_EMAIL, CJMAP_CH_SMS, CJMAP_CH_CHAT,
    CJMAP_CH_SOCIAL, CJMAP_CH_SEARCH, CJMAP_CH_ADS, CJMAP_CH_REVIEW, CJMAP_CH_PHONE,
    CJMAP_CH_STORE, CJMAP_CH_EVENT, CJMAP_CH_MEETING, CJMAP_CH_PRINT, CJMAP_CH_OUTDOOR,
    CJMAP_CH_MAIL, CJMAP_CH_PACKAGING, CJMAP_CH_DELIVERY, CJMAP_CH_TV, CJMAP_CH_RADIO,
    CJMAP_CH_WORD_OF_MOUTH, CJMAP_CH_PRESS, CJMAP_CH_OTHER,
    CJMAP_CH_COUNT
} cjmap_channel;

/* UNSET only for channel 'other' without an explicit value. */
typedef enum cjmap_mode { CJMAP_MODE_UNSET, CJMAP_MODE_ONLINE, CJMAP_MODE_OFFLINE } cjmap_mode;
typedef enum cjmap_contact { CJMAP_CONTACT_UNSET, CJMAP_CONTACT_DIRECT, CJMAP_CONTACT_INDIRECT } cjmap_contact;
typedef enum cjmap_owner { CJMAP_OWNER_OWNED, CJMAP_OWNER_PAID, CJMAP_OWNER_EARNED, CJMAP_OWNER_PARTNER } cjmap_owner;
typedef enum cjmap_exp_type { CJMAP_EXP_EMOTIONAL, CJMAP_EXP_RATIONAL } cjmap_exp_type;
/* Importance of an experience (UNSET when not given) and severity of a pain
 * (MEDIUM when not given). */
typedef enum cjmap_level { CJMAP_LEVEL_UNSET, CJMAP_LEVEL_LOW, CJMAP_LEVEL_MEDIUM, CJMAP_LEVEL_HIGH } cjmap_level;

/* The built-in lanes; `lanes:` and `labels:` use their names.  Without
 * `lanes:` a map draws them top to bottom in the order of
 * cjmap_default_lanes (backstage and support right below the touchpoints,
 * as a service blueprint has them). */
typedef enum cjmap_lane {
    CJMAP_LANE_ACTIONS,
    CJMAP_LANE_TOUCHPOINTS,
    CJMAP_LANE_EXPERIENCES,
    CJMAP_LANE_EMOTIONS,
    CJMAP_LANE_PAINS,
    CJMAP_LANE_OPPORTUNITIES,
    CJMAP_LANE_METRICS,
    CJMAP_LANE_BACKSTAGE, /* service blueprint: below the line of visibility */
    CJMAP_LANE_SUPPORT,   /* below the line of internal interaction */
    CJMAP_LANE_COUNT
} cjmap_lane;

/* The built-in lanes in the order a map without `lanes:` draws them. */
extern const cjmap_lane cjmap_default_lanes[CJMAP_LANE_COUNT];

/* The score scale of a journey's experiences: scores are integers from min
 * to max (min < max); neutral lies between them (min <= neutral <= max) and
 * divides the emotion curve's positive from its negative side.  Version 1
 * journeys use the default scale below; a layout of a model whose scale
 * breaks these rules (e.g. one built by hand and left zero) uses it too. */
typedef struct cjmap_scale {
    int min, neutral, max;
} cjmap_scale;
enum { CJMAP_SCALE_DEFAULT_MIN = 1, CJMAP_SCALE_DEFAULT_NEUTRAL = 3, CJMAP_SCALE_DEFAULT_MAX = 5 };

/* Index into cjmap_model arrays; CJMAP_NONE when absent. */
typedef int32_t cjmap_index;
#define CJMAP_NONE ((cjmap_index)-1)

typedef struct cjmap_metric {
    const char *name, *value; /* value exactly as written in the YAML */
    cjmap_span span;
} cjmap_metric;

/* A journey's own lane (`lanes: [{id: thoughts, name: ...}]`). */
typedef struct cjmap_own_lane {
    const char *id;   /* never NULL */
    const char *name; /* the label drawn; the id when no name was given */
    cjmap_span span;
} cjmap_own_lane;

/* One lane of the map: a built-in lane, or an own lane. */
typedef struct cjmap_lane_ref {
    cjmap_lane builtin; /* when own == CJMAP_NONE */
    cjmap_index own;    /* into cjmap_model.own_lanes, or CJMAP_NONE */
} cjmap_lane_ref;

/* What a phase writes in an own lane: texts, in the order written. */
typedef struct cjmap_lane_texts {
    const char *const *texts;
    size_t n_texts;
} cjmap_lane_texts;

typedef struct cjmap_phase {
    const char *id;        /* NULL when not given */
    const char *name;      /* never NULL, non-empty */
    const char *statement; /* NULL when not given */
    const char *const *actions;
    size_t n_actions;
    const cjmap_metric *metrics;
    size_t n_metrics;
    bool moment_of_truth; /* `moment-of-truth: true` */
    /* One entry per own lane (cjmap_model.own_lanes), empty where the
     * phase writes nothing in it; NULL when the journey has none. */
    const cjmap_lane_texts *own;
    cjmap_span span; /* the phase's mapping */
} cjmap_phase;

/* One use of a touchpoint in a phase. */
typedef struct cjmap_tp_use {
    cjmap_index phase;   /* into cjmap_model.phases */
    const char *purpose; /* NULL when not given */
    cjmap_span span;
} cjmap_tp_use;

typedef struct cjmap_touchpoint {
    const char *id;   /* NULL when not given */
    const char *name; /* never NULL */
    cjmap_channel channel;
    cjmap_mode mode;       /* explicit, else the channel's default */
    cjmap_contact contact; /* explicit, else the channel's default */
    cjmap_owner owner;     /* explicit, else OWNED */
    const cjmap_tp_use *uses; /* in the order written; at least one */
    size_t n_uses;
    cjmap_span span;
} cjmap_touchpoint;

typedef struct cjmap_experience {
    cjmap_index phase;
    const char *text;
    cjmap_exp_type type;    /* default EMOTIONAL */
    bool scored;            /* whether a score was given */
    int score;              /* when scored: model's scale.min..scale.max; else 0 */
    cjmap_index touchpoint; /* CJMAP_NONE when not given */
    cjmap_level importance; /* UNSET when not given */
    cjmap_span span;
} cjmap_experience;

typedef struct cjmap_pain {
    cjmap_index phase;
    const char *text;
    cjmap_level severity; /* default MEDIUM, never UNSET */
    cjmap_index touchpoint;
    cjmap_span span;
} cjmap_pain;

typedef struct cjmap_opportunity {
    cjmap_index phase;
    const char *text;
    cjmap_index touchpoint;
    cjmap_span span;
} cjmap_opportunity;

/* A service-blueprint step: a backstage action or a support process. */
typedef struct cjmap_step {
    cjmap_index phase;
    const char *text;
    cjmap_index touchpoint; /* the touchpoint it serves; CJMAP_NONE when not given */
    const char *actor;      /* who does it; NULL when not given */
    cjmap_span span;
} cjmap_step;

typedef struct cjmap_model {
    int version; /* always CJMAP_FORMAT_VERSION */
    const char *title;
    cjmap_state state;
    cjmap_locale locale; /* default EN */
    cjmap_scale scale;   /* of every experience's score (`scale:`, else 1-3-5) */
    const char *segment_name;
    const char *segment_description; /* NULL when not given */
    const char *const *segment_goals;
    size_t n_segment_goals;
    const char *labels[CJMAP_LANE_COUNT]; /* user overrides, NULL when not given */
    const cjmap_phase *phases; size_t n_phases;              /* at least one */
    const cjmap_touchpoint *touchpoints; size_t n_touchpoints;
    const cjmap_experience *experiences; size_t n_experiences;
    const cjmap_pain *pains; size_t n_pains;
    const cjmap_opportunity *opportunities; size_t n_opportunities;
    const cjmap_step *backstage; size_t n_backstage; /* service blueprint */
    const cjmap_step *support; size_t n_support;
    const cjmap_own_lane *own_lanes; size_t n_own_lanes;
    /* The lanes to draw, top to bottom: `lanes:` as written, else
     * cjmap_default_lanes.  A lane with nothing in any phase is not drawn. */
    const cjmap_lane_ref *lanes; size_t n_lanes;
    bool lanes_given; /* the journey has `lanes:` */
} cjmap_model;

/* ------------------------------------------------------------------ */
/* Journeys                                                             */
/* ------------------------------------------------------------------ */

typedef struct cjmap_journey cjmap_journey;

/* Parses and validates `len` bytes of YAML named `name` (used in
 * diagnostics; copied).  `bytes` is copied and need not outlive the call;
 * it may contain NUL bytes (they are diagnosed).  `opts` may be NULL.
 * Returns NULL only when memory runs out; every problem with the input is a
 * diagnostic on the returned journey.  Free with cjmap_journey_free(). */
cjmap_journey *cjmap_journey_load(const char *name, const char *bytes, size_t len,
                                  const cjmap_options *opts);

/* NULL is allowed and does nothing. */
void cjmap_journey_free(cjmap_journey *j);

const char *cjmap_journey_name(const cjmap_journey *j);
size_t cjmap_journey_error_count(const cjmap_journey *j);
size_t cjmap_journey_warning_count(const cjmap_journey *j);

/* The validated model, or NULL when the journey has errors. */
const cjmap_model *cjmap_journey_model(const cjmap_journey *j);

/* Diagnostics in source order (notes after their diagnostic); at most
 * max_errors errors are kept, then one "too many errors" error ends the list. */
size_t cjmap_journey_diag_count(const cjmap_journey *j);
const cjmap_diag *cjmap_journey_diag(const cjmap_journey *j, size_t i);

/* Flags for cjmap_journey_print_diags(). */
enum {
    CJMAP_PRINT_COLOR = 1u << 0,   /* ANSI colours, as gcc's */
    CJMAP_PRINT_NO_SOURCE = 1u << 1, /* no source line and caret */
    CJMAP_PRINT_ERRORS_ONLY = 1u << 2,
    CJMAP_PRINT_WARNINGS_AS_ERRORS = 1u << 3 /* "error: ... [--strict]" */
};

/* Writes the diagnostics as gcc/clang do: "name:line:col: severity: message",
 * then the source line and a caret under the column.  Returns false when
 * writing to `out` failed. */
bool cjmap_journey_print_diags(const cjmap_journey *j, FILE *out, unsigned flags);

/* Names used in the format, for messages and tools: "web", "online", ... */
const char *cjmap_channel_name(cjmap_channel c);
const char *cjmap_lane_name(cjmap_lane l);         /* "actions", ... (the labels: keys) */
const char *cjmap_locale_name(cjmap_locale l);     /* "en", ... */
const char *cjmap_mode_name(cjmap_mode m);         /* "online", "offline", NULL for UNSET */
const char *cjmap_contact_name(cjmap_contact c);   /* "direct", "indirect", NULL for UNSET */
const char *cjmap_owner_name(cjmap_owner o);
const char *cjmap_level_name(cjmap_level l);       /* NULL for UNSET */

/* ------------------------------------------------------------------ */
/* Statistics (`cjmap stats`)                                           */
/* ------------------------------------------------------------------ */

typedef struct cjmap_phase_stats {
    size_t touchpoints;        /* touchpoints used in this phase */
    size_t online, offline;    /* by mode (channel 'other' without a mode counts in neither) */
    size_t direct, indirect;   /* by contact */
    size_t by_owner[4];        /* indexed by cjmap_owner */
    size_t experiences, scored;
    double mean_score;         /* over scored experiences; 0 when scored == 0 */
    size_t pains[3];           /* by severity: low, medium, high */
    size_t opportunities;
    size_t backstage, support; /* service-blueprint steps */
    size_t own;                /* texts in own lanes */
} cjmap_phase_stats;

typedef struct cjmap_channel_count {
    cjmap_channel channel;
    size_t count;
} cjmap_channel_count;

/* Per-phase figures for a valid model.  `out` has room for m->n_phases.
 * The weakest phase is the one with the lowest mean score; when no
 * experience is scored, the one with the heaviest pains (high 3, medium 2,
 * low 1); ties go to more pain, then to the earlier phase.  CJMAP_NONE when
 * no phase has scores or pains.  `channels` (room for CJMAP_CH_COUNT) gets
 * the channels of the touchpoints used in the weakest phase, most used
 * first; *n_channels their number. */
void cjmap_model_stats(const cjmap_model *m, cjmap_phase_stats *out, cjmap_index *weakest,
                       cjmap_channel_count *channels, size_t *n_channels);

/* Starter journeys for `cjmap init`.  Models: "aida" (awareness, interest,
 * desire, purchase, loyalty), "b2b" (recognition, consideration, research,
 * decision, purchase, use, retention), "five-step" (first contact,
 * consideration, conversion, trust, identity), "classic" (awareness,
 * consideration, purchase, service, loyalty).  Returns a commented YAML
 * journey with that model's phases in the locale's language, that passes
 * validation, as a NUL-terminated string the caller frees with free(); NULL
 * for an unknown model or when memory runs out. */
char *cjmap_init_template(const char *model, cjmap_locale locale);
/* The model names above, NULL-terminated. */
extern const char *const cjmap_init_models[];

/* The journey format as a JSON Schema (draft-07), generated from the same
 * tables the validator uses.  The caller frees the string with free();
 * NULL when memory runs out. */
char *cjmap_schema_json(void);

/* "Did you mean": the candidate closest to `word` by edit distance when it is
 * close enough to be a typo, else NULL.  Returns one of `candidates`. */
const char *cjmap_suggest(const char *word, const char *const *candidates, size_t n);

#ifdef __cplusplus
}
#endif
#endif /* CJMAP_H */
