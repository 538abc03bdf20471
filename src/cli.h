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

/* Options common to all subcommands, taken out of argv by main(). */
typedef struct cj_cli {
    const char *prog;     /* "cjmap" */
    bool color;           /* colour diagnostics on stderr */
    unsigned print_flags; /* CJMAP_PRINT_* */
    cjmap_options load;   /* limits */
} cj_cli;

/* Reads `path` ("-" is stdin), loads it and prints its diagnostics to
 * stderr.  Returns the journey (the caller frees it; its model is NULL when
 * it has errors), or NULL when the file could not be read (a message was
 * printed). */
cjmap_journey *cj_cli_load(const cj_cli *cli, const char *path);

/* Prints "cjmap: <message>" to stderr (printf-style). */
void cj_cli_error(const cj_cli *cli, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Subcommands: argv[0] is the subcommand's name; returns an exit code. */
int cj_cli_check(cj_cli *cli, int argc, char **argv);
int cj_cli_build(cj_cli *cli, int argc, char **argv); /* src/cli_build.c */
#endif
