/*
** model.h — node tree -> validated cjmap_model.
**
** The journey format is described by key tables (model.c: one objdef per
** kind of object, one keydef per key, with its type, whether it is
** required, its vocabulary and a one-line description).  Unknown keys,
** type errors that name what was expected, missing required keys and
** did-you-mean all come from the tables; so will the JSON Schema.
*/
#ifndef CJ_MODEL_H
#define CJ_MODEL_H
#include "arena.h"
#include "diag.h"
#include "parse.h"

#include <cjmap_edit.h>

/* What the journey defines and where it refers to it (cjmap_edit.h). */
typedef struct cj_index {
    cjmap_symbol *syms;
    size_t n_syms;
    cjmap_ref *refs;
    size_t n_refs, cap_refs;
} cj_index;

/* Validates `root` and builds the model in the arena.  Every problem is a
 * diagnostic; returns NULL when there was any error.  When `ix` is not
 * NULL it gets the outline and the references, errors or not. */
const cjmap_model *cj_model_build(cj_arena *a, cj_diags *d, const cj_source *src,
                                  const cj_node *root, cj_index *ix);
#endif
