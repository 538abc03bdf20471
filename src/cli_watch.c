/*
** cli_watch.c — `cjmap watch FILE... [-o OUT | -O DIR] [build options]`:
** build once, then build again on every save that changes a journey.
**
** Contract:
**   - The command line is build's (cj_build_new), so every build option
**     works the same; '-' and '-o -' are refused (a watch needs files).
**     A FILE that does not exist at the start is an error (exit 1): a
**     mistyped name must not wait forever.
**   - Each build is cj_build_run: the same diagnostics as `check`, and an
**     invalid journey writes nothing, so the last good output stays as it
**     was.  With one output per input (-O DIR, or several FILEs without
**     -o) only the file that changed is built again; with one output (-o)
**     every input is, as the one file holds them all.
**   - The files are watched by cli_watcher.c (their folders, filtered by
**     name, debounced, compared by content).
**   - One line per build on stderr (stdout stays free for
**     --diagnostics=json|github), nothing but diagnostics with -q:
**       12:04:31 journey.yaml -> journey.pdf (3 pages, 84 ms)
**       12:04:40 journey.yaml: not built; journey.pdf kept
**       12:04:52 journey.yaml: gone; waiting for it to come back
**   - SIGINT, SIGTERM and SIGHUP end the main loop (g_unix_signal_add;
**     one that the caller ignores, as nohup does, stays ignored):
**     a build runs synchronously inside the loop, so the signal is acted on
**     between two builds, never during a write, and no temporary file is
**     left (cli_output.c leaves signals the command handles alone).  Exit
**     status 0; 2 when the first build finds a usage problem (an output
**     that is one of the inputs), as no later save can mend it.
*/
#include "cli.h"

#include <errno.h>
#include <glib-unix.h>
#include <glib.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

const char cj_watch_help[] =
    "Usage: cjmap watch [OPTIONS] FILE...\n"
    "\n"
    "Build the journeys as 'cjmap build' does, then watch them and build again\n"
    "each time a save changes one.  Every option of 'cjmap build' works the same\n"
    "(-o, -O, -f, --page, --fit, --layout, ...; see 'cjmap help build').  With\n"
    "-O DIR, or several FILEs without -o, only the journey that changed is built\n"
    "again; with -o for several FILEs (one PDF), all of them are.\n"
    "\n"
    "Saves in place, by renaming a temporary file over the journey (vim, Helix,\n"
    "IDEs) and by deleting and re-creating it are all seen.  A save that changes\n"
    "nothing (a touch) builds nothing; editors' temporary files (4913, .swp, ~)\n"
    "and the outputs are never taken for a change.  An invalid save prints the\n"
    "same diagnostics as 'cjmap check' and leaves the last good output as it was.\n"
    "A journey that goes away is waited for and built when it comes back.\n"
    "\n"
    "One line per build on standard error (with -q, only errors):\n"
    "  12:04:31 journey.yaml -> journey.pdf (3 pages, 84 ms)\n"
    "  12:04:40 journey.yaml: not built; journey.pdf kept\n"
    "  12:04:52 journey.yaml: gone; waiting for it to come back\n"
    "--diagnostics=json prints one JSON array per build on standard output.\n"
    "\n"
    "Ctrl-C (SIGINT), SIGTERM or SIGHUP ends it between two builds, never during\n"
    "a write, leaving no temporary file (a signal the caller ignores, as nohup\n"
    "does, stays ignored).  Exit status: 0 then; 1 when a FILE does not exist\n"
    "at the start; 2 for usage errors ('-' and '-o -' are refused: standard\n"
    "input cannot be watched, standard output cannot take a map per save)\n"
    "and when the first build finds an output that is one of the inputs.\n";

enum { DEBOUNCE_MS = 50 };

typedef struct watch {
    cj_cli *cli;
    cj_build *b;
    GMainLoop *loop;
    size_t n;
    bool quiet;
    bool started; /* the first build is done */
    int rc;
    bool *pending; /* changed since the last build */
    bool *blocked; /* not a regular file: reading it could hang, not built */
    char **kept;   /* per input (one output: [0]), what its last good build wrote */
    /* What the current run wrote (cj_build_on_write). */
    char *wrote;
    size_t pages;
} watch;

static void stamp(void) {
    char t[16];
    time_t now = time(NULL);
    struct tm tm;
    if (!localtime_r(&now, &tm) || !strftime(t, sizeof t, "%H:%M:%S", &tm)) strcpy(t, "--:--:--");
    fflush(stdout);
    fprintf(stderr, "%s ", t);
}

static void put(const char *s) { cj_cli_put_printable(s, stderr); }

static void end_line(void) {
    fputc('\n', stderr);
    fflush(stderr);
}

static void on_wrote(void *closure, const char *const *paths, size_t n_paths, size_t pages) {
    watch *w = closure;
    if (!n_paths) return;
    const char *last = paths[n_paths - 1];
    size_t len = strlen(paths[0]) + (n_paths > 1 ? strlen(last) + 8 : 0) + 1;
    char *s = malloc(len);
    if (!s) return;
    if (n_paths > 1)
        snprintf(s, len, "%s ... %s", paths[0], last);
    else
        snprintf(s, len, "%s", paths[0]);
    free(w->wrote);
    w->wrote = s;
    w->pages = pages;
}

/* Builds inputs `which` (NULL: all, for one output) and says how it went. */
static void rebuild(watch *w, const size_t *which, size_t n) {
    free(w->wrote);
    w->wrote = NULL;
    gint64 t0 = g_get_monotonic_time();
    int rc = cj_build_run(w->cli, w->b, which, n);
    long long ms = (long long)((g_get_monotonic_time() - t0 + 500) / 1000);
    size_t k = which ? which[0] : 0; /* whose output, for "kept" */
    bool wrote = rc == CJ_EXIT_OK && w->wrote;
    if (wrote) {
        free(w->kept[k]);
        w->kept[k] = w->wrote;
        w->wrote = NULL;
    }
    if (rc == CJ_EXIT_USAGE && !w->started) { /* an output over an input: no save mends it */
        w->rc = CJ_EXIT_USAGE;
        g_main_loop_quit(w->loop);
    }
    if (w->quiet) return;
    stamp();
    size_t count = which ? n : w->n;
    bool first = true;
    for (size_t i = 0; i < count; i++) {
        size_t f = which ? which[i] : i;
        if (!which && !w->pending[f] && w->started) continue; /* name what changed */
        fputs(first ? "" : ", ", stderr);
        put(cj_build_file(w->b, f));
        first = false;
    }
    if (wrote) {
        fputs(" -> ", stderr);
        put(w->kept[k]);
        fprintf(stderr, " (%zu page%s, %lld ms)", w->pages, w->pages == 1 ? "" : "s", ms);
    } else if (w->kept[k]) {
        fputs(": not built; ", stderr);
        put(w->kept[k]);
        fputs(" kept", stderr);
    } else {
        fputs(": not built", stderr);
    }
    end_line();
}

static void on_changed(void *closure, size_t i, const char *bytes, size_t len) {
    (void)bytes, (void)len; /* the build reads the file itself, with cj_cli_load */
    watch *w = closure;
    w->pending[i] = true;
    w->blocked[i] = false;
}

static void on_gone(void *closure, size_t i) {
    watch *w = closure;
    w->pending[i] = false;
    w->blocked[i] = false;
    if (w->quiet) return;
    stamp();
    put(cj_build_file(w->b, i));
    fputs(": gone; waiting for it to come back", stderr);
    end_line();
}

static void on_unreadable(void *closure, size_t i, int err) {
    watch *w = closure;
    if (err != EINVAL) { /* the build says why, as build and check do */
        w->pending[i] = true;
        w->blocked[i] = false;
        return;
    }
    const char *path = cj_build_file(w->b, i);
    w->pending[i] = false;
    w->blocked[i] = true;
    cj_cli_diags_begin(w->cli, false);
    cj_cli_file_error(w->cli, path, "cannot-read", "cannot read '%s': not a regular file", path);
    cj_cli_diags_end(w->cli);
}

static void on_settled(void *closure) {
    watch *w = closure;
    if (cj_build_one_output(w->b)) {
        bool any = false, blocked = false;
        for (size_t i = 0; i < w->n; i++)
            any |= w->pending[i], blocked |= w->blocked[i];
        if (any && !blocked) rebuild(w, NULL, 0);
    } else {
        for (size_t i = 0; i < w->n && w->rc == CJ_EXIT_OK; i++)
            if (w->pending[i]) rebuild(w, &i, 1);
    }
    memset(w->pending, 0, w->n * sizeof *w->pending);
    if (!w->started) {
        w->started = true;
        if (!w->quiet && w->rc == CJ_EXIT_OK) {
            stamp();
            fprintf(stderr, "watching %zu file%s; Ctrl-C stops", w->n, w->n == 1 ? "" : "s");
            end_line();
        }
    }
}

static gboolean on_signal(gpointer data) {
    watch *w = data;
    g_main_loop_quit(w->loop);
    return G_SOURCE_CONTINUE;
}

/* Every FILE must be there at the start; all missing ones are named. */
static bool files_exist(watch *w) {
    bool ok = true;
    for (size_t i = 0; i < w->n; i++) {
        const char *path = cj_build_file(w->b, i);
        struct stat st;
        if (stat(path, &st) != 0)
            cj_cli_error(w->cli, "cannot watch '%s': %s", path, strerror(errno));
        else if (S_ISDIR(st.st_mode))
            cj_cli_error(w->cli, "'%s' is a directory, not a journey file", path);
        else if (!S_ISREG(st.st_mode))
            cj_cli_error(w->cli, "cannot watch '%s': not a regular file", path);
        else
            continue;
        ok = false;
    }
    return ok;
}

int cj_cli_watch(cj_cli *cli, int argc, char **argv) {
    int rc;
    cj_build *b = cj_build_new(cli, argc, argv, cj_watch_help, CJ_BUILD_FILES_ONLY, &rc);
    if (!b) return rc;
    watch W = {.cli = cli, .b = b, .n = cj_build_file_count(b)}, *w = &W;
    w->quiet = (cli->print_flags & CJMAP_PRINT_ERRORS_ONLY) != 0;
    w->pending = calloc(w->n, sizeof *w->pending);
    w->blocked = calloc(w->n, sizeof *w->blocked);
    w->kept = calloc(w->n, sizeof *w->kept);
    const char **paths = calloc(w->n, sizeof *paths);
    cj_watcher *watcher = NULL;
    unsigned sigs[3] = {0};
    if (!w->pending || !w->blocked || !w->kept || !paths) {
        cj_cli_error(cli, "out of memory");
        w->rc = CJ_EXIT_IO;
        goto done;
    }
    if (!files_exist(w)) {
        w->rc = CJ_EXIT_INVALID;
        goto done;
    }
    for (size_t i = 0; i < w->n; i++)
        paths[i] = cj_build_file(b, i);
    cj_build_on_write(b, on_wrote, w);
    /* Before the first build: from here on the loop, not the default
     * action, handles these (cli_output.c then leaves them alone). */
    cj_watch_signals(sigs, on_signal, w);
    const cj_watch_hooks hooks = {
        .changed = on_changed, .gone = on_gone, .unreadable = on_unreadable, .settled = on_settled};
    char *error = NULL;
    size_t max = cli->load.max_input ? cli->load.max_input : CJMAP_DEFAULT_MAX_INPUT;
    watcher = cj_watcher_new(paths, w->n, DEBOUNCE_MS, max, &hooks, w, &error);
    if (!watcher) {
        cj_cli_error(cli, "%s", error ? error : "cannot watch the files");
        free(error);
        w->rc = CJ_EXIT_INVALID;
        goto done;
    }
    w->loop = g_main_loop_new(NULL, FALSE);
    g_main_loop_run(w->loop); /* the first build, then one per change, until a signal */
done:
    cj_watcher_free(watcher);
    cj_watch_signals_end(sigs);
    if (w->loop) g_main_loop_unref(w->loop);
    for (size_t i = 0; w->kept && i < w->n; i++)
        free(w->kept[i]);
    free(w->kept);
    free(w->wrote);
    free(w->pending);
    free(w->blocked);
    free(paths);
    cj_build_free(b);
    return w->rc;
}
