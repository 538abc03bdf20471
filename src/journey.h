/*
** journey.h — what a cjmap_journey holds (journey.c runs the pipeline,
** edit.c answers an editor's questions from the same parts).
*/
#ifndef CJ_JOURNEY_H
#define CJ_JOURNEY_H
#include "diag.h"
#include "model.h"
#include "parse.h"
#include "source.h"

struct cjmap_journey {
    cj_arena arena;
    cj_source src;
    cj_diags diags;
    const cj_node *root; /* NULL when the YAML did not parse */
    const cjmap_model *model;
    cj_index index;      /* outline and references (cjmap_edit.h) */
    cj_parse_live *live; /* libyaml state while parsing (heap: survives longjmp) */
};
#endif
