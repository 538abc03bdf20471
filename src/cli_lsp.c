/*
** cli_lsp.c — `cjmap lsp`: the language server over stdio.  The protocol is
** the library's (include/cjmap_lsp.h); this file only moves bytes: stdin
** into the server, its messages to stdout, its log to stderr.  Nothing else
** is ever written to stdout.
*/
#include "cli.h"

#include <cjmap_lsp.h>

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

const char cj_lsp_help[] =
    "Usage: cjmap lsp [--stdio]\n"
    "\n"
    "Run the language server for journey files: the Language Server Protocol 3.17\n"
    "over standard input and output (JSON-RPC with Content-Length framing), for\n"
    "editors.  It shows 'cjmap check''s diagnostics as you type (the same\n"
    "messages, codes and severities, notes as related information) and serves\n"
    "completion (keys and their documentation, vocabularies, phases, touchpoints\n"
    "and lanes, also on a line that does not parse yet), hover, go to\n"
    "definition, references, highlight, rename, the outline and quick fixes.\n"
    "Positions in UTF-16 (or UTF-32/UTF-8 when the editor offers them).  --stdio\n"
    "is accepted and changes nothing (some editors pass it).  Logs go to standard\n"
    "error.  Exit status: 0 after the editor's shutdown and exit, 1 when the\n"
    "stream ends or breaks without them.  Set-up for editors: docs/editors.md.\n";

enum { QUIET_MS = 25, MAX_WAIT_MS = 75 };

static long long now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static bool write_out(void *closure, const char *data, size_t len) {
    (void)closure;
    return fwrite(data, 1, len, stdout) == len && fflush(stdout) == 0;
}

static void log_err(void *closure, const char *line) {
    const cj_cli *cli = closure;
    fprintf(stderr, "%s lsp: %s\n", cli->prog, line);
}

int cj_cli_lsp(cj_cli *cli, int argc, char **argv) {
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            fputs(cj_lsp_help, stdout);
            return CJ_EXIT_OK;
        }
        if (strcmp(argv[i], "--stdio") != 0)
            return cj_cli_usage(cli, "lsp", "unknown argument '%s' for 'lsp'", argv[i]);
    }
    /* A client that goes away must not kill the server with SIGPIPE before
     * it can log why it stops. */
    signal(SIGPIPE, SIG_IGN);
    cjmap_lsp *s = cjmap_lsp_new(&cli->load, write_out, log_err, cli);
    if (!s) {
        cj_cli_error(cli, "out of memory");
        return CJ_EXIT_INVALID;
    }
    static char buf[1 << 16];
    long long last_input = 0, first_change = 0;
    for (;;) {
        /* Debounce (lsp.c note 3): check the documents once the editor has
         * been quiet for QUIET_MS, and no later than MAX_WAIT_MS after the
         * first change that waits, however fast the keystrokes come. */
        if (cjmap_lsp_pending(s)) {
            long long now = now_ms();
            if (!first_change) first_change = now;
            long long due = last_input + QUIET_MS;
            if (due > first_change + MAX_WAIT_MS) due = first_change + MAX_WAIT_MS;
            struct pollfd pfd = {.fd = STDIN_FILENO, .events = POLLIN};
            int ready = due > now ? poll(&pfd, 1, (int)(due - now)) : 0;
            if (ready < 0 && errno == EINTR) continue;
            if (ready == 0) {
                cjmap_lsp_flush(s);
                first_change = 0;
                if (cjmap_lsp_done(s)) break;
                continue;
            }
        }
        ssize_t n = read(STDIN_FILENO, buf, sizeof buf);
        last_input = now_ms();
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            if (n < 0) log_err(cli, strerror(errno));
            cjmap_lsp_eof(s);
            break;
        }
        if (!cjmap_lsp_feed(s, buf, (size_t)n)) break;
    }
    int rc = cjmap_lsp_exit_status(s);
    cjmap_lsp_free(s);
    return rc;
}
