/*
** fuzz_load.c — libFuzzer entry over the public pipeline: load (parse +
** validate), print the diagnostics in every style, compute statistics.
** Any crash, leak (LeakSanitizer), UB (UBSan) or hang (-timeout) is a bug;
** each one found becomes a regression input under tests/fuzz/regress/.
*/
#include <cjmap.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    cjmap_options opt = {.max_input = 1u << 20};
    cjmap_journey *j = cjmap_journey_load("fuzz.yaml", (const char *)data, size, &opt);
    if (!j) return 0; /* out of memory: allowed, and nothing leaked */
    FILE *sink = fopen("/dev/null", "w");
    if (sink) {
        cjmap_journey_print_diags(j, sink, 0);
        cjmap_journey_print_diags(j, sink, CJMAP_PRINT_COLOR | CJMAP_PRINT_WARNINGS_AS_ERRORS);
        fclose(sink);
    }
    for (size_t i = 0; i < cjmap_journey_diag_count(j); i++) {
        const cjmap_diag *d = cjmap_journey_diag(j, i);
        if (!d->message || !d->code) abort();
    }
    const cjmap_model *m = cjmap_journey_model(j);
    if (m) {
        cjmap_phase_stats *st = calloc(m->n_phases, sizeof *st);
        cjmap_index weak;
        cjmap_channel_count ch[CJMAP_CH_COUNT];
        size_t n;
        if (st) cjmap_model_stats(m, st, &weak, ch, &n);
        free(st);
    }
    cjmap_journey_free(j);
    return 0;
}
