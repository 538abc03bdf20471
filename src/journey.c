/*
** journey.c — cjmap_journey: owns the arena, the source, the diagnostics
** and the model; runs parse -> model (see cjmap.h).
**
** Out of memory: every allocation goes through the journey's arena, which
** longjmps back here; libyaml's objects are registered in `live` and freed,
** then the whole arena, and cjmap_journey_load() returns NULL.  Nothing
** leaks and nothing half-built escapes (tests/unit/test_oom.c proves it).
*/
#include "journey.h"

#include <cjmap.h>

#include <stdlib.h>
#include <string.h>

cjmap_journey *cjmap_journey_load(const char *name, const char *bytes, size_t len,
                                  const cjmap_options *opts) {
    cjmap_options o = {0};
    if (opts) o = *opts;
    if (!o.max_input) o.max_input = CJMAP_DEFAULT_MAX_INPUT;
    if (o.max_input > CJMAP_MAX_INPUT_CAP) o.max_input = CJMAP_MAX_INPUT_CAP;
    cjmap_journey *j = cj_malloc(sizeof *j);
    if (!j) return NULL;
    memset(j, 0, sizeof *j);
    cj_arena_init(&j->arena);
    jmp_buf oom;
    if (setjmp(oom)) {
        cj_parse_release(j->live);
        cj_arena_free(&j->arena);
        free(j);
        return NULL;
    }
    j->arena.oom = &oom;
    cj_diags_init(&j->diags, &j->arena, o.max_errors);
    if (len > o.max_input) {
        /* Do not even copy it: index only a name. */
        cj_source_init(&j->src, &j->arena, name ? name : "<input>", "", 0);
        cj_diag(&j->diags, CJMAP_ERROR, (cjmap_span){0, 0, 0, 0}, "input-too-large", NULL,
                "the file is %zu bytes; the limit is %zu (raise it with --max-input)", len,
                o.max_input);
    } else {
        cj_source_init(&j->src, &j->arena, name ? name : "<input>", bytes ? bytes : "", len);
        cj_node *root = cj_parse(&j->arena, &j->src, &j->diags, &j->live);
        j->root = root;
        if (root) j->model = cj_model_build(&j->arena, &j->diags, &j->src, root, &j->index);
    }
    cj_diags_finish(&j->diags);
    j->arena.oom = NULL; /* the jmp_buf dies with this frame */
    return j;
}

void cjmap_journey_free(cjmap_journey *j) {
    if (!j) return;
    cj_arena_free(&j->arena);
    free(j);
}

const char *cjmap_journey_name(const cjmap_journey *j) { return j->src.name; }
size_t cjmap_journey_error_count(const cjmap_journey *j) { return j->diags.n_errors; }
size_t cjmap_journey_warning_count(const cjmap_journey *j) { return j->diags.n_warnings; }
const cjmap_model *cjmap_journey_model(const cjmap_journey *j) {
    return j->diags.n_errors ? NULL : j->model;
}
size_t cjmap_journey_diag_count(const cjmap_journey *j) { return j->diags.n_out; }
const cjmap_diag *cjmap_journey_diag(const cjmap_journey *j, size_t i) {
    return i < j->diags.n_out ? &j->diags.out[i] : NULL;
}
bool cjmap_journey_print_diags(const cjmap_journey *j, FILE *out, unsigned flags) {
    return cj_diags_print(&j->diags, &j->src, out, flags);
}
