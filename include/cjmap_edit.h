/*
** cjmap_edit.h — what an editor needs from libcjmap beyond a verdict: the
** journey format's key tables, an outline of what a journey defines, every
** reference with its source span and target, and what the text at a
** position is (a key, a value of which key, an item of which list).
**
** All of it is there whenever the text is valid YAML, also when the journey
** has errors (the model "with holes"): a phase whose name is misspelt in
** one experience still has its outline entry and its other references.
** When the YAML itself does not parse there is nothing; an editor keeps
** what it had from the last text that parsed.
**
** Everything returned is owned by the journey (cjmap.h) and lives as long
** as it does.  Spans are as everywhere in libcjmap: 1-based lines, columns
** in code points, end exclusive.
*/
#ifndef CJMAP_EDIT_H
#define CJMAP_EDIT_H

#include <cjmap.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ */
/* The format's key tables (the validator and the JSON Schema read the  */
/* same ones)                                                           */
/* ------------------------------------------------------------------ */

typedef enum cjmap_value_kind {
    CJMAP_V_TEXT,      /* a scalar, taken as written */
    CJMAP_V_INT,       /* a plain integer in [min, max] */
    CJMAP_V_ENUM,      /* a scalar from `values` */
    CJMAP_V_ID,        /* letters and digits of any script, '-', '_' */
    CJMAP_V_TEXTS,     /* a list of texts */
    CJMAP_V_OBJ,       /* a mapping described by `obj` */
    CJMAP_V_LIST,      /* a list of mappings described by `obj` */
    CJMAP_V_SCALARMAP, /* a mapping of name -> scalar (metrics; labels: names from `values`) */
    CJMAP_V_PHASEREFS, /* a list of phase references, or a mapping reference -> purpose */
    CJMAP_V_REF,       /* a reference to the item `noun` names ("phase", "touchpoint") */
    CJMAP_V_BOOL,      /* true or false */
    CJMAP_V_LANES,     /* a list of lanes: names from `values`, or own lanes {id, name} (obj) */
    CJMAP_V_LANEMAP    /* a mapping of own lane id -> a text or a list of texts */
} cjmap_value_kind;

typedef struct cjmap_objdef cjmap_objdef;

/* One key of an object. */
typedef struct cjmap_keydef {
    const char *name;
    cjmap_value_kind kind;
    bool required;
    const char *noun;          /* for messages: "phase", "channel", "goals" */
    const char *const *values; /* a NULL-terminated vocabulary, or NULL */
    int min, max;              /* CJMAP_V_INT (a score's are the journey's scale) */
    const cjmap_objdef *obj;   /* CJMAP_V_OBJ, CJMAP_V_LIST, CJMAP_V_LANES */
    const char *doc;           /* one line for users */
} cjmap_keydef;

/* One kind of object: the journey, a segment, a phase, a touchpoint, ... */
struct cjmap_objdef {
    const char *noun; /* "phase" */
    const char *what; /* "a phase: a mapping with 'name'" */
    const cjmap_keydef *keys;
    size_t n;
};

/* The top of a journey file. */
extern const cjmap_objdef cjmap_journey_format;

/* The key of `def` named `name` (len bytes), or NULL. */
const cjmap_keydef *cjmap_objdef_key(const cjmap_objdef *def, const char *name, size_t len);

/* ------------------------------------------------------------------ */
/* Outline and references                                              */
/* ------------------------------------------------------------------ */

typedef enum cjmap_symbol_kind {
    CJMAP_SYM_SEGMENT,
    CJMAP_SYM_LANE, /* an own lane */
    CJMAP_SYM_PHASE,
    CJMAP_SYM_TOUCHPOINT,
    CJMAP_SYM_EXPERIENCE,
    CJMAP_SYM_PAIN,
    CJMAP_SYM_OPPORTUNITY,
    CJMAP_SYM_BACKSTAGE,
    CJMAP_SYM_SUPPORT,
    CJMAP_SYM_COUNT
} cjmap_symbol_kind;

/* The key each kind is listed under ("phases", ...; "segment"). */
const char *cjmap_symbol_list_key(cjmap_symbol_kind k);

/* Something the journey defines.  Symbols come kind by kind in the order
 * of cjmap_symbol_kind, each kind in source order. */
typedef struct cjmap_symbol {
    cjmap_symbol_kind kind;
    const char *id;                /* NULL when not given (items never have one) */
    const char *name;              /* a phase's or touchpoint's name, an item's text; never NULL */
    const char *detail;            /* a phase's statement, a touchpoint's channel, or NULL */
    cjmap_span span;               /* the whole mapping */
    cjmap_span id_span, name_span; /* the values written; line 0 when absent */
    bool id_flow, name_flow;       /* those values are written inside { } or [ ] */
    cjmap_index phase;             /* items: the symbol of their phase, or CJMAP_NONE */
} cjmap_symbol;

/* A place that names a phase, touchpoint or own lane by its id or name. */
typedef struct cjmap_ref {
    cjmap_symbol_kind kind; /* CJMAP_SYM_PHASE, CJMAP_SYM_TOUCHPOINT or CJMAP_SYM_LANE */
    cjmap_span span;        /* the text written (with its quotes, when quoted) */
    const char *text;       /* what it says */
    cjmap_index target;     /* the symbol it names, or CJMAP_NONE */
    bool by_id;             /* it uses the target's id (else its name) */
    bool flow;              /* it is written inside { } or [ ] */
    bool is_key;            /* it is a mapping's key (`phases: {kjøp: ...}`) */
} cjmap_ref;

/* NULL (and *n = 0) when the text is not valid YAML. */
const cjmap_symbol *cjmap_journey_symbols(const cjmap_journey *j, size_t *n);
const cjmap_ref *cjmap_journey_refs(const cjmap_journey *j, size_t *n);

/* ------------------------------------------------------------------ */
/* What is at a position                                                */
/* ------------------------------------------------------------------ */

typedef enum cjmap_place_role {
    CJMAP_AT_NOTHING,  /* no scalar of a known object there */
    CJMAP_AT_KEY,      /* a key of `object` (`key` is it, or NULL when unknown) */
    CJMAP_AT_VALUE,    /* the value of `key` */
    CJMAP_AT_ITEM,     /* an item of `key`'s list value (`phases: [a, b]`, `goals`) */
    CJMAP_AT_MAP_KEY,  /* a key inside `key`'s mapping value (`phases: {a: x}`, `labels`) */
    CJMAP_AT_MAP_VALUE /* a value inside `key`'s mapping value */
} cjmap_place_role;

typedef struct cjmap_place {
    cjmap_place_role role;
    const cjmap_objdef *object; /* the object the position is in */
    const cjmap_keydef *key;
    cjmap_span span;   /* the scalar at the position */
    const char *text;  /* its value */
    bool quoted, flow; /* it is quoted; it is inside { } or [ ] */
    uint32_t present;  /* bit i: object->keys[i] is written in the object */
} cjmap_place;

/* What the scalar at (line, col) is: a position on its first character up
 * to right after its last one counts.  False (role CJMAP_AT_NOTHING) when
 * no scalar is there or the text is not valid YAML. */
bool cjmap_journey_place(const cjmap_journey *j, uint32_t line, uint32_t col, cjmap_place *out);

/* Whether `s` is a valid id (of a phase, touchpoint or own lane): letters
 * and digits of any script, '-' and '_'. */
bool cjmap_is_id(const char *s, size_t len);

/* `s` as the journey must write it to read back as this text: plain when
 * it can be (inside { } or [ ] when `flow`), else quoted.  The caller frees
 * the result with free(); NULL when memory runs out. */
char *cjmap_yaml_text(const char *s, size_t len, bool flow);

#ifdef __cplusplus
}
#endif
#endif /* CJMAP_EDIT_H */
