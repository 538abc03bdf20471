/*
** replay.c — runs a libFuzzer target's committed seeds without libFuzzer,
** in the ordinary test builds (plain and ASan+UBSan): built once per target
** with SEEDS naming its seed folder, it feeds every file there to
** LLVMFuzzerTestOneInput (which aborts on a wrong output) and prints one
** PASS line per file for tests/run.sh.
*/
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int by_name(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(void) {
    DIR *d = opendir(SEEDS);
    if (!d) {
        printf("FAIL replay %s: cannot open it\n", SEEDS);
        return 1;
    }
    char *names[4096];
    size_t n = 0;
    for (struct dirent *e; (e = readdir(d)) && n < 4096;)
        if (e->d_name[0] != '.') names[n++] = strdup(e->d_name);
    closedir(d);
    qsort(names, n, sizeof *names, by_name);
    for (size_t i = 0; i < n; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", SEEDS, names[i]);
        FILE *f = fopen(path, "rb");
        unsigned char *buf = malloc(1 << 20);
        size_t len = f && buf ? fread(buf, 1, 1 << 20, f) : 0;
        if (f) fclose(f);
        LLVMFuzzerTestOneInput(buf, len); /* aborts on a failure */
        printf("PASS replay %s/%s\n", SEEDS, names[i]);
        free(buf);
        free(names[i]);
    }
    if (n == 0) printf("FAIL replay %s: no seeds\n", SEEDS);
    return n == 0;
}
