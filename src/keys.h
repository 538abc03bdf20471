/*
** keys.h — the key tables that describe the journey format.
**
** model.c defines one objdef per kind of object (journey, segment, scale,
** lane, phase, touchpoint, experience, pain, opportunity, backstage and
** support step); the validator walks them, schema.c turns the same tables
** into a JSON Schema and the language server completes and explains keys
** from them, so none of them can disagree.  The types are public
** (cjmap_edit.h); these are the library's short names for them.
*/
#ifndef CJ_KEYS_H
#define CJ_KEYS_H
#include <cjmap_edit.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef cjmap_value_kind vkind;
#define V_TEXT      CJMAP_V_TEXT
#define V_INT       CJMAP_V_INT
#define V_ENUM      CJMAP_V_ENUM
#define V_ID        CJMAP_V_ID
#define V_TEXTS     CJMAP_V_TEXTS
#define V_OBJ       CJMAP_V_OBJ
#define V_LIST      CJMAP_V_LIST
#define V_SCALARMAP CJMAP_V_SCALARMAP
#define V_PHASEREFS CJMAP_V_PHASEREFS
#define V_REF       CJMAP_V_REF
#define V_BOOL      CJMAP_V_BOOL
#define V_LANES     CJMAP_V_LANES
#define V_LANEMAP   CJMAP_V_LANEMAP
typedef cjmap_keydef keydef;
typedef cjmap_objdef objdef;

/* The top-level table (model.c). */
#define cj_journey_def cjmap_journey_format

/* May code point cp stand in an id?  after_letter: the code point before it
 * was a letter (or a mark on one), which allows a combining mark (model.c). */
bool cj_is_id_char(uint32_t cp, bool after_letter);
#endif
