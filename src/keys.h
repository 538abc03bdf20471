/*
** keys.h — the key tables that describe the journey format.
**
** model.c defines one objdef per kind of object (journey, segment, scale,
** lane, phase, touchpoint, experience, pain, opportunity, backstage and
** support step); the validator walks them and
** schema.c turns the same tables into a JSON Schema, so the two can never
** disagree.
*/
#ifndef CJ_KEYS_H
#define CJ_KEYS_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum vkind {
    V_TEXT,      /* a scalar, taken as written */
    V_INT,       /* a plain integer in [min, max] */
    V_ENUM,      /* a scalar from `values` */
    V_ID,        /* letters and digits of any script, '-', '_' (cj_is_id_char) */
    V_TEXTS,     /* a list of texts */
    V_OBJ,       /* a mapping described by `obj` */
    V_LIST,      /* a list of mappings described by `obj` */
    V_SCALARMAP, /* a mapping of name -> scalar (metrics, labels) */
    V_PHASEREFS, /* a list of phase references, or a mapping reference -> purpose */
    V_REF,       /* a reference: a text resolved later */
    V_BOOL,      /* true or false */
    V_LANES,     /* a list of lanes: built-in lane names, or own lanes {id, name} (obj) */
    V_LANEMAP,   /* a mapping of own lane id -> a text or a list of texts */
} vkind;

typedef struct objdef objdef;
typedef struct keydef {
    const char *name;
    vkind kind;
    bool required;
    const char *noun;           /* for messages: "phase", "channel", "goals" */
    const char *const *values;  /* V_ENUM: NULL-terminated vocabulary */
    int min, max;               /* V_INT */
    const objdef *obj;          /* V_OBJ, V_LIST */
    const char *doc;            /* one line for users and the schema */
} keydef;

struct objdef {
    const char *noun;  /* "phase" */
    const char *what;  /* "a phase (a mapping with 'name')" */
    const keydef *keys;
    size_t n;
};


/* The top-level table (model.c). */
extern const objdef cj_journey_def;

/* May code point cp stand in an id?  after_letter: the code point before it
 * was a letter (or a mark on one), which allows a combining mark (model.c). */
bool cj_is_id_char(uint32_t cp, bool after_letter);
#endif
