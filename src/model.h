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

/* Validates `root` and builds the model in the arena.  Every problem is a
 * diagnostic; returns NULL when there was any error. */
const cjmap_model *cj_model_build(cj_arena *a, cj_diags *d, const cj_source *src,
                                  const cj_node *root);
#endif
