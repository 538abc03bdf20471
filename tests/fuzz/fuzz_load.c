/*
** fuzz_load.c — libFuzzer entry over the whole public pipeline: load (parse
** + validate), print the diagnostics in every style, compute statistics,
** then for a valid journey lay it out (the real pango measurer, auto and A4
** pages) and render PDF, SVG and a low-resolution PNG into a counting sink.
** Any crash, leak (LeakSanitizer), UB (UBSan) or hang (-timeout) is a bug;
** each one found becomes a regression input under tests/fuzz/regress/.
*/
#include <cjmap.h>
#include <cjmap_render.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* fontconfig keeps its configuration for the process's life by design. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void) { return "leak:libfontconfig.so\n"; }
const char *__lsan_default_options(void);
const char *__lsan_default_options(void) { return "print_suppressions=0"; }

static bool count_bytes(void *closure, const unsigned char *data, size_t len) {
    (void)data;
    *(size_t *)closure += len;
    return true;
}

/* SVG must be XML 1.0: no C0 control but tab, LF, CR; no U+FFFE/U+FFFF.
 * (A chunk boundary can split a 3-byte sequence; the writer's 8 KiB buffer
 * makes that rare, and a miss only weakens the check, never fails it.) */
static bool check_xml(void *closure, const unsigned char *d, size_t len) {
    for (size_t i = 0; i < len; i++) {
        if (d[i] < 0x20 && d[i] != '\t' && d[i] != '\n' && d[i] != '\r') abort();
        if (d[i] == 0xEF && i + 2 < len && d[i + 1] == 0xBF && (d[i + 2] == 0xBE || d[i + 2] == 0xBF))
            abort();
    }
    return count_bytes(closure, d, len);
}

static void render_all(const cjmap_model *m) {
    static cjmap_measurer *ms; /* one per process: fontconfig start-up is slow */
    if (!ms && !(ms = cjmap_measurer_pango_new())) abort();
    /* Auto pages in columns; A4 portrait (rows, the default there); rows
     * on A4 landscape. */
    for (int pass = 0; pass < 3; pass++) {
        cjmap_layout_options lo = {.page = pass ? CJMAP_PAGE_A4 : CJMAP_PAGE_AUTO,
                                   .portrait = pass == 1,
                                   .theme = pass ? CJMAP_THEME_MONO : CJMAP_THEME_DEFAULT,
                                   .dpi = 18,
                                   .arrange = pass == 2 ? CJMAP_ARRANGE_ROWS : CJMAP_ARRANGE_AUTO};
        cjmap_layout *l = cjmap_layout_new(m, &lo, ms);
        if (!l) abort();
        size_t n = cjmap_layout_page_count(l), bytes = 0;
        if (n == 0) abort();
        if (!cjmap_render(l, CJMAP_FORMAT_PDF, CJMAP_ALL_PAGES, count_bytes, &bytes)) abort();
        if (!cjmap_render(l, CJMAP_FORMAT_SVG, 0, check_xml, &bytes)) abort();
        if (!pass) cjmap_render(l, CJMAP_FORMAT_PNG, 0, count_bytes, &bytes); /* may refuse a huge page */
        cjmap_layout_free(l);
    }
}

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
        render_all(m);
    }
    cjmap_journey_free(j);
    return 0;
}
