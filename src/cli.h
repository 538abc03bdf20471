/*
** cli.h — shared by the command-line front end (src/cli*.c) only.
** The front end includes <cjmap.h> (and <cjmap_render.h>) and this header;
** never a private library header.  Only src/cli*.c touch stdio streams,
** exit codes, the environment and files.
*/
#ifndef CJ_CLI_H
#define CJ_CLI_H
#include <cjmap.h>
#include <stdbool.h>

/* Exit codes, as documented in README.md and cjmap(1). */
enum { CJ_EXIT_OK = 0, CJ_EXIT_INVALID = 1, CJ_EXIT_USAGE = 2, CJ_EXIT_IO = 3 };

typedef enum cj_diag_format { CJ_DIAG_HUMAN, CJ_DIAG_JSON, CJ_DIAG_GITHUB } cj_diag_format;

/* Options common to all subcommands, taken out of argv by main(). */
typedef struct cj_cli {
    const char *prog;     /* "cjmap" */
    bool color;           /* colour diagnostics on stderr */
    bool strict;          /* --strict: warnings count as errors */
    unsigned print_flags; /* CJMAP_PRINT_* */
    cjmap_options load;   /* limits */
    cj_diag_format diag_format;
    FILE *diag_out;       /* human: stderr; json/github: stdout unless a map goes there */
    size_t json_items;    /* objects written so far (for commas) */
} cj_cli;

/* Reads `path` ("-" is stdin), loads it and reports its diagnostics in the
 * chosen format.  Returns the journey (the caller frees it; its model is
 * NULL when it has errors), or NULL when the file could not be read (that
 * was reported too). */
cjmap_journey *cj_cli_load(cj_cli *cli, const char *path);

/* True when the journey must not be built: errors, or warnings with --strict. */
bool cj_cli_failed(const cj_cli *cli, const cjmap_journey *j);

/* A problem with a whole file (cannot read it, cannot write the output), in
 * the chosen diagnostics format. */
void cj_cli_file_error(cj_cli *cli, const char *file, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* A warning about a whole file (a map that does not fit its pages): not
 * shown with -q; an error with --strict.  Returns true when it counts as an
 * error (--strict). */
bool cj_cli_file_warning(cj_cli *cli, const char *file, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Brackets the diagnostics of one run: the JSON array's '[' and ']'.  A
 * subcommand that loads journeys calls begin first and end last. */
void cj_cli_diags_begin(cj_cli *cli, bool map_on_stdout);
void cj_cli_diags_end(cj_cli *cli);

/* A usage error: the message, then "Try 'cjmap [COMMAND] --help' ...";
 * returns CJ_EXIT_USAGE.  `subcommand` may be NULL. */
int cj_cli_usage(const cj_cli *cli, const char *subcommand, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Prints "cjmap: <message>" to stderr (printf-style). */
void cj_cli_error(const cj_cli *cli, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Writes `s` to `f` with control characters and bidirectional controls
 * shown as '?' (file names and user words must not drive the terminal). */
void cj_cli_put_printable(const char *s, FILE *f);

/* Safe output (src/cli_output.c): bytes go to a temporary file beside the
 * target and are moved into place only when all of them were written, so a
 * failing or interrupted run never leaves a damaged or half-written file and
 * never touches an existing one.  "-" writes to stdout. */
typedef struct cj_out cj_out;
cj_out *cj_out_open(cj_cli *cli, const char *path);      /* NULL: reported */
bool cj_out_write(cj_out *o, const void *data, size_t len); /* false after a failure */
void cj_out_fail(cj_out *o);  /* the caller hit an error: cj_out_close discards */
/* Finishes: moves the file into place (replacing an existing one only when
 * `overwrite`), or discards it.  Returns an exit code; problems reported.
 * It is cj_out_finish() then cj_out_commit(); use the two steps to write
 * several files all-or-nothing: finish each, commit only if all succeeded. */
int cj_out_close(cj_cli *cli, cj_out *o, bool overwrite);
bool cj_out_finish(cj_cli *cli, cj_out *o);               /* flush, fsync, close; reports */
int cj_out_commit(cj_cli *cli, cj_out *o, bool overwrite); /* move into place (or discard after a failure); frees */
const char *cj_out_path(const cj_out *o);
int cj_out_error(const cj_out *o); /* 0, the errno of a failed write, or -1 */
void cj_out_abort(cj_out *o); /* discards silently; NULL allowed */

/* The build command in steps (src/cli_build.c), for a command that builds
 * the same inputs again and again (watch): parse the command line once,
 * then run it as often as needed.  cj_cli_build() is new + run + free. */
typedef struct cj_build cj_build;
enum {
    /* No '-' (standard input) among the FILEs and no '-o -': refused as
     * usage errors naming the command. */
    CJ_BUILD_FILES_ONLY = 1u << 0,
    /* Only the layout options: -o, -O, -f and --dpi are refused (preview
     * draws SVG in memory, cj_build_layout). */
    CJ_BUILD_LAYOUT_ONLY = 1u << 1,
};
/* Parses build's options and FILEs from argv (argv[0] names the command in
 * messages; -h/--help prints `help`).  Returns NULL with *rc the exit code
 * after a usage error (reported) or --help (*rc 0). */
cj_build *cj_build_new(cj_cli *cli, int argc, char **argv, const char *help, unsigned flags,
                       int *rc);
/* Loads, checks, lays out and writes inputs `which[0..n)` (indices into
 * the FILEs; NULL: all), with build's contract (diagnostics first, nothing
 * written for an invalid journey, cj_out's safe writes).  With one output
 * (cj_build_one_output) every input is built, whatever `which` says: one
 * file is never made of a part of them.  Returns build's exit code.  The
 * text measurer is made by the first run and kept for the next ones. */
int cj_build_run(cj_cli *cli, cj_build *b, const size_t *which, size_t n);
void cj_build_free(cj_build *b); /* NULL allowed */
/* Lays out a valid journey's model with the build's options, as
 * cj_build_run would (the same warnings, the --fit checks); NULL after
 * reporting a problem. */
struct cjmap_layout *cj_build_layout(cj_cli *cli, cj_build *b, const char *file,
                                     const cjmap_model *m);
size_t cj_build_file_count(const cj_build *b);
const char *cj_build_file(const cj_build *b, size_t i);
bool cj_build_one_output(const cj_build *b); /* -o, or one FILE without -O */
/* Called by cj_build_run after the files of one output were moved into
 * place: their `paths` (several for a multi-page SVG or PNG: map-1.svg,
 * ...) and the map's pages (a book's: every map's). */
typedef void cj_build_wrote_fn(void *closure, const char *const *paths, size_t n_paths,
                               size_t pages);
void cj_build_on_write(cj_build *b, cj_build_wrote_fn *fn, void *closure);

/* Watching files (src/cli_watcher.c), for `watch` and `preview`: through
 * GLib's GFileMonitor on each file's parent directory (so a save that
 * renames a temporary file over the original, or deletes and re-creates
 * it, keeps being seen), events filtered by the file's name (editors'
 * temporary files and the command's own outputs never count).  Events are
 * debounced: `debounce_ms` after the last one (and at most 10 times that
 * after the first of a burst, however long it lasts), every file that had
 * events is read and its content compared with the last content seen;
 * only a different content is a change (a touch is not).  Driven by the
 * default GMainContext: the caller runs a GMainLoop.  The hooks run from
 * it, never during cj_watcher_new; any may be NULL. */
typedef struct cj_watcher cj_watcher;
typedef struct cj_watch_hooks {
    /* File `index` has new content (`bytes`, NUL-terminated, valid during
     * the call only).  Each file is reported once at the start (changed,
     * gone or unreadable), then only when its content differs from the last
     * reported, or when it comes back after being gone or unreadable. */
    void (*changed)(void *closure, size_t index, const char *bytes, size_t len);
    /* File `index` no longer exists (said once, until it comes back). */
    void (*gone)(void *closure, size_t index);
    /* File `index` exists but cannot be read: `err` is an errno value;
     * EISDIR a directory, EINVAL not a regular file, EFBIG larger than
     * `max_bytes`.  Said once per err, until it changes. */
    void (*unreadable)(void *closure, size_t index, int err);
    /* After the calls of one debounced burst, once each. */
    void (*settled)(void *closure);
} cj_watch_hooks;
/* Watches `paths[0..n)` (copied).  Returns NULL with *error a message
 * (free() it) when a folder cannot be watched. */
cj_watcher *cj_watcher_new(const char *const *paths, size_t n, unsigned debounce_ms,
                           size_t max_bytes, const cj_watch_hooks *hooks, void *closure,
                           char **error);
void cj_watcher_free(cj_watcher *w); /* NULL allowed; not from inside a hook */
/* SIGINT, SIGTERM and SIGHUP call `fn(data)` from the main loop (a GLib
 * source function: return nonzero to keep it), except one the caller
 * ignores (nohup; SIGINT in a script's background job), which stays
 * ignored.  `ids` gets the sources; cj_watch_signals_end removes them. */
void cj_watch_signals(unsigned ids[3], int (*fn)(void *), void *data);
void cj_watch_signals_end(unsigned ids[3]);

/* Subcommands: argv[0] is the subcommand's name; returns an exit code. */
int cj_cli_check(cj_cli *cli, int argc, char **argv);
int cj_cli_build(cj_cli *cli, int argc, char **argv); /* src/cli_build.c */
extern const char cj_build_help[];                     /* src/cli_build.c */
int cj_cli_watch(cj_cli *cli, int argc, char **argv); /* src/cli_watch.c */
extern const char cj_watch_help[];                     /* src/cli_watch.c */
int cj_cli_preview(cj_cli *cli, int argc, char **argv); /* src/cli_preview.c */
extern const char cj_preview_help[];                    /* src/cli_preview.c */
int cj_cli_lsp(cj_cli *cli, int argc, char **argv);    /* src/cli_lsp.c */
extern const char cj_lsp_help[];                       /* src/cli_lsp.c */
#endif
