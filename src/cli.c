/*
** cli.c — the cjmap command: global options, subcommand dispatch, `check`,
** `help`, reading inputs.  Only src/cli*.c touch stdio, files, the
** environment and exit codes; the library does none of that.
*/
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct command {
    const char *name;
    int (*run)(cj_cli *, int, char **);
    const char *synopsis; /* for the usage list */
    const char *summary;  /* one line, for the usage list */
    const char *help;     /* `cjmap help NAME`, `cjmap NAME --help` */
} command;

static const char usage_text[] =
    "Usage: cjmap [OPTIONS] COMMAND [ARGS]\n"
    "\n"
    "Compile customer journey maps written in YAML into swimlane diagrams.\n"
    "\n"
    "Commands:\n"
    "%s"
    "\n"
    "Options (for every command):\n"
    "  --color[=WHEN]     colour diagnostics: auto (default: when stderr is a terminal\n"
    "                     and NO_COLOR is not set), always (also a bare --color), never\n"
    "  --diagnostics=FMT  human (default, on stderr), json (one JSON array) or\n"
    "                     github (GitHub Actions annotations); json and github go\n"
    "                     to stdout, or to stderr when the map is written there\n"
    "  --strict           treat warnings as errors\n"
    "  -q, --quiet        report errors only, no warnings or summary\n"
    "  --max-input=SIZE   largest input accepted, in bytes or with K/M/G (default 16M)\n"
    "  -h, --help         show this help and exit\n"
    "  -V, --version      show the version and exit\n"
    "\n"
    "FILE may be '-' for standard input.  Positions in diagnostics are 1-based\n"
    "line:column, columns counting Unicode characters.\n"
    "Exit status: 0 success (warnings allowed), 1 a journey has errors or cannot\n"
    "be read, 2 usage error, 3 output cannot be written.\n"
    "See 'cjmap help COMMAND', cjmap(1) and docs/format.md.\n";

static int cmd_help(cj_cli *cli, int argc, char **argv);
static const struct command *find_command(const char *name);
static const char *opt_value(int argc, char **argv, int *i, const char *name);
static int cmd_schema(cj_cli *cli, int argc, char **argv);
static int cmd_stats(cj_cli *cli, int argc, char **argv);
static int cmd_init(cj_cli *cli, int argc, char **argv);

static const command commands[] = {
    {"build", cj_cli_build, "build FILE... [-o OUT]", "draw journeys as maps: PDF, SVG or PNG",
     cj_build_help},
    {"watch", cj_cli_watch, "watch FILE... [-o OUT]", "build, then build again on every save",
     cj_watch_help},
    {"preview", cj_cli_preview, "preview FILE... [--port N]",
     "a live preview in the browser, updated on every save", cj_preview_help},
    {"check", cj_cli_check, "check FILE...", "parse and validate journeys; report every problem",
     "Usage: cjmap check [OPTIONS] FILE...\n"
     "\n"
     "Parse and validate each journey and report every problem as\n"
     "FILE:LINE:COLUMN: error|warning: MESSAGE, with the source line and a caret;\n"
     "when cjmap knows the edit that mends it, a '  fix | ...' line shows the line\n"
     "mended (--diagnostics=json carries the same edits as 'fixes').\n"
     "Nothing is written.  Exit status: 0 when every file is valid (warnings\n"
     "allowed), 1 when any file has errors, 2 for usage errors.\n"},
    {"init", cmd_init, "init [-o FILE]", "write a commented starter journey",
     "Usage: cjmap init [--model NAME] [--locale L] [-o FILE] [--force]\n"
     "\n"
     "Write a commented starter journey that passes 'cjmap check', with the phases\n"
     "of a known model in the chosen language:\n"
     "  aida       awareness, interest, desire, purchase, loyalty (the default)\n"
     "  b2b        recognition, consideration, research, decision, purchase, use,\n"
     "             retention\n"
     "  five-step  first contact, consideration, conversion, trust, identity\n"
     "  classic    awareness, consideration, purchase, service, loyalty\n"
     "--locale: en (default), da, nb, sv, de.  The phase and touchpoint ids are\n"
     "the names in that language, lowercased, with '-' for spaces and punctuation\n"
     "(--locale da: 'id: overvejelse', 'phase: køb'), so the references read like\n"
     "the map.  -o: the file to write (default journey.yaml; '-' for standard\n"
     "output).  An existing file is never overwritten without --force (exit\n"
     "status 3: the output cannot be written).\n"},
    {"lsp", cj_cli_lsp, "lsp", "language server for editors (LSP over stdio)", cj_lsp_help},
    {"stats", cmd_stats, "stats [--json] FILE", "figures per phase and the weakest phase",
     "Usage: cjmap stats [--json] FILE\n"
     "\n"
     "Figures per phase: touchpoints (online/offline, direct/indirect, owned/paid/\n"
     "earned/partner), experiences and their mean score, pains by severity,\n"
     "opportunities; on a service blueprint the backstage steps and support\n"
     "processes, with own lanes their texts, and which phases are moments of truth\n"
     "(these columns only when the journey has them; a scale other than 1-5 is\n"
     "named).  Then the journey's weakest phase -- the lowest mean score, or when\n"
     "nothing is scored the heaviest pains -- and the channels it relies on.\n"
     "--json prints the same as one JSON object, with every key always present.\n"},
    {"schema", cmd_schema, "schema", "print the JSON Schema of the format, for editors",
     "Usage: cjmap schema\n"
     "\n"
     "Print the journey format as a JSON Schema (draft-07) on standard output,\n"
     "for editors running the YAML language server (VS Code, Neovim, ...).\n"
     "Save it, e.g. 'cjmap schema > cjmap.schema.json', and put this line at the\n"
     "top of a journey file:\n"
     "  # yaml-language-server: $schema=./cjmap.schema.json\n"
     "The schema is generated from the validator's own tables.  Checks that need\n"
     "the whole journey (references, unique names) remain 'cjmap check''s job.\n"},
    {"help", cmd_help, "help [COMMAND]", "show help for a command",
     "Usage: cjmap help [COMMAND]\n\nShow help for COMMAND.\n"},
};
enum { N_COMMANDS = sizeof commands / sizeof commands[0] };

static void print_usage(FILE *out) {
    char list[2048];
    size_t o = 0;
    for (size_t i = 0; i < N_COMMANDS && o < sizeof list; i++)
        o += (size_t)snprintf(list + o, sizeof list - o, "  %-24s %s\n", commands[i].synopsis,
                              commands[i].summary);
    fprintf(out, usage_text, list);
}

/* Writes `s` with control characters (C0, DEL, C1) and bidirectional
 * embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) shown
 * as '?': messages quote file names and user words, which must never drive
 * the terminal or reorder the line. */
static void put_printable(const char *s, FILE *f) {
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) {
            fputc('?', f);
            p++;
        } else if (p[0] == 0xE2 && ((p[1] == 0x80 && p[2] >= 0xAA && p[2] <= 0xAE) ||
                                    (p[1] == 0x81 && p[2] >= 0xA6 && p[2] <= 0xA9))) {
            fputc('?', f);
            p += 2;
        } else {
            fputc(*p < 0x20 || *p == 0x7F ? '?' : *p, f);
        }
    }
}

void cj_cli_put_printable(const char *s, FILE *f) { put_printable(s, f); }

/* "cjmap: error: MSG" or "cjmap: warning: MSG" on stderr, MSG filtered. */
static void say(const cj_cli *cli, bool error, const char *msg) {
    fflush(stdout);
    const char *kind = error ? "error" : "warning";
    if (cli->color)
        fprintf(stderr, "\033[01m\033[K%s:\033[m\033[K \033[01;%sm\033[K%s:\033[m\033[K ",
                cli->prog, error ? "31" : "35", kind);
    else
        fprintf(stderr, "%s: %s: ", cli->prog, kind);
    put_printable(msg, stderr);
    fputc('\n', stderr);
}

void cj_cli_error(const cj_cli *cli, const char *fmt, ...) {
    char buf[512], *msg = buf;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n >= (int)sizeof buf && (msg = malloc((size_t)n + 1))) {
        va_start(ap, fmt);
        vsnprintf(msg, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
    if (!msg) msg = buf;
    say(cli, true, msg);
    if (msg != buf) free(msg);
}

int cj_cli_usage(const cj_cli *cli, const char *subcommand, const char *fmt, ...) {
    /* Sized to fit: a cut could split a UTF-8 sequence of the user's words. */
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *msg = malloc(n > 0 ? (size_t)n + 1 : 1);
    if (msg) {
        va_start(ap, fmt);
        vsnprintf(msg, (size_t)(n > 0 ? n : 0) + 1, fmt, ap);
        va_end(ap);
    }
    cj_cli_error(cli, "%s", msg ? msg : "invalid command line");
    free(msg);
    fprintf(stderr, "Try '%s%s%s --help' for more information.\n", cli->prog, subcommand ? " " : "",
            subcommand ? subcommand : "");
    return CJ_EXIT_USAGE;
}
#define usage_error(cli, ...) cj_cli_usage((cli), NULL, __VA_ARGS__)

/* Reads all of `fd` up to `limit` bytes.  Returns false on a read error
 * (errno set) or when the input is larger than `limit` (*too_big set). */
static bool read_all(int fd, size_t limit, char **out, size_t *len, bool *too_big) {
    size_t cap = 64 * 1024, n = 0;
    char *buf = malloc(cap);
    *too_big = false;
    if (!buf) return false;
    for (;;) {
        if (n == cap) {
            if (cap > limit) break;
            char *nb = realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                return false;
            }
            buf = nb;
            cap *= 2;
        }
        ssize_t r = read(fd, buf + n, cap - n);
        if (r < 0) {
            if (errno == EINTR) continue;
            int e = errno;
            free(buf);
            errno = e;
            return false;
        }
        if (r == 0) break;
        n += (size_t)r;
        if (n > limit) break;
    }
    if (n > limit) {
        free(buf);
        *too_big = true;
        return false;
    }
    *out = buf;
    *len = n;
    return true;
}

/* ---- diagnostics in the chosen format -------------------------------- */

void cj_cli_diags_begin(cj_cli *cli, bool map_on_stdout) {
    cli->diag_out = cli->diag_format == CJ_DIAG_HUMAN || map_on_stdout ? stderr : stdout;
    cli->json_items = 0;
    if (cli->diag_format == CJ_DIAG_JSON) fputs("[", cli->diag_out);
}

void cj_cli_diags_end(cj_cli *cli) {
    if (cli->diag_format == CJ_DIAG_JSON) fputs(cli->json_items ? "\n]\n" : "]\n", cli->diag_out);
    fflush(cli->diag_out);
}

static void json_string(FILE *f, const char *s) {
    fputc('"', f);
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c < 0x20)
            fprintf(f, "\\u%04x", c);
        else
            fputc(c, f);
    }
    fputc('"', f);
}

/* GitHub workflow commands: '%', CR and LF escaped in data; ':' and ','
 * too in properties. */
static void github_escaped(FILE *f, const char *s, bool property) {
    for (; s && *s; s++) {
        if (*s == '%')
            fputs("%25", f);
        else if (*s == '\r')
            fputs("%0D", f);
        else if (*s == '\n')
            fputs("%0A", f);
        else if (property && *s == ':')
            fputs("%3A", f);
        else if (property && *s == ',')
            fputs("%2C", f);
        else
            fputc(*s, f);
    }
}

static const char *severity_name(const cj_cli *cli, cjmap_severity s) {
    if (s == CJMAP_WARNING && cli->strict) return "error";
    return s == CJMAP_ERROR ? "error" : s == CJMAP_WARNING ? "warning" : "note";
}

/* One diagnostic as JSON or as a GitHub annotation; line 0 = whole file. */
static void emit_machine(cj_cli *cli, const char *file, const cjmap_diag *d) {
    FILE *f = cli->diag_out;
    if (cli->diag_format == CJ_DIAG_JSON) {
        fputs(cli->json_items++ ? ",\n  {" : "\n  {", f);
        fputs("\"file\": ", f), json_string(f, file);
        if (d->span.line)
            fprintf(f, ", \"line\": %u, \"column\": %u, \"end_line\": %u, \"end_column\": %u",
                    d->span.line, d->span.col, d->span.end_line, d->span.end_col);
        else
            fputs(", \"line\": null, \"column\": null, \"end_line\": null, \"end_column\": null", f);
        fputs(", \"severity\": ", f), json_string(f, severity_name(cli, d->severity));
        fputs(", \"code\": ", f), json_string(f, d->code);
        fputs(", \"message\": ", f), json_string(f, d->message);
        fputs(", \"suggestion\": ", f);
        if (d->suggestion)
            json_string(f, d->suggestion);
        else
            fputs("null", f);
        fputs(", \"fixes\": [", f);
        for (size_t i = 0; i < d->n_fixes; i++) {
            const cjmap_fix *x = &d->fixes[i];
            fprintf(f,
                    "%s{\"line\": %u, \"column\": %u, \"end_line\": %u, \"end_column\": %u, "
                    "\"replacement\": ",
                    i ? ", " : "", x->span.line, x->span.col, x->span.end_line, x->span.end_col);
            json_string(f, x->replacement);
            fputs("}", f);
        }
        fputs("]}", f);
    } else {
        const char *sev = severity_name(cli, d->severity);
        fprintf(f, "::%s file=", strcmp(sev, "note") == 0 ? "notice" : sev);
        github_escaped(f, file, true);
        if (d->span.line) {
            fprintf(f, ",line=%u,col=%u", d->span.line, d->span.col);
            if (d->span.end_line == d->span.line && d->span.end_col > d->span.col)
                fprintf(f, ",endColumn=%u", d->span.end_col);
        }
        fputs(",title=cjmap ", f);
        github_escaped(f, d->code, true);
        fputs("::", f);
        github_escaped(f, d->message, false);
        fputc('\n', f);
    }
}

static void file_diag(cj_cli *cli, cjmap_severity sev, const char *file, const char *code,
                      const char *fmt, va_list ap0) {
    /* Sized to fit: a long path must not push the reason out of the message. */
    va_list ap;
    va_copy(ap, ap0);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char small[256], *msg = n >= 0 && (size_t)n < sizeof small ? small : malloc((size_t)(n > 0 ? n : 0) + 1);
    if (!msg) msg = small, n = (int)sizeof small - 1;
    va_copy(ap, ap0);
    vsnprintf(msg, (size_t)n + 1, fmt, ap);
    va_end(ap);
    if (cli->diag_format == CJ_DIAG_HUMAN || !cli->diag_out) {
        say(cli, sev == CJMAP_ERROR, msg);
    } else {
        cjmap_diag d = {.severity = sev, .code = code, .message = msg};
        emit_machine(cli, file, &d);
    }
    if (msg != small) free(msg);
}

void cj_cli_file_error(cj_cli *cli, const char *file, const char *code, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    file_diag(cli, CJMAP_ERROR, file, code, fmt, ap);
    va_end(ap);
}

bool cj_cli_file_warning(cj_cli *cli, const char *file, const char *code, const char *fmt, ...) {
    if ((cli->print_flags & CJMAP_PRINT_ERRORS_ONLY) && !cli->strict) return false;
    va_list ap;
    va_start(ap, fmt);
    file_diag(cli, cli->strict ? CJMAP_ERROR : CJMAP_WARNING, file, code, fmt, ap);
    va_end(ap);
    return cli->strict;
}

bool cj_cli_failed(const cj_cli *cli, const cjmap_journey *j) {
    return cjmap_journey_error_count(j) || (cli->strict && cjmap_journey_warning_count(j));
}

static void report(cj_cli *cli, const cjmap_journey *j) {
    const char *name = cjmap_journey_name(j);
    bool quiet = (cli->print_flags & CJMAP_PRINT_ERRORS_ONLY) != 0;
    if (cli->diag_format != CJ_DIAG_HUMAN) {
        bool skip_notes = false;
        for (size_t i = 0; i < cjmap_journey_diag_count(j); i++) {
            const cjmap_diag *d = cjmap_journey_diag(j, i);
            if (d->severity != CJMAP_NOTE) skip_notes = quiet && d->severity == CJMAP_WARNING && !cli->strict;
            if (skip_notes) continue;
            emit_machine(cli, name, d);
        }
        return;
    }
    unsigned flags = cli->print_flags;
    if (cli->strict) flags = (flags | CJMAP_PRINT_WARNINGS_AS_ERRORS) & ~(unsigned)CJMAP_PRINT_ERRORS_ONLY;
    fflush(stdout);
    cjmap_journey_print_diags(j, stderr, flags);
    size_t ne = cjmap_journey_error_count(j), nw = cjmap_journey_warning_count(j);
    if (cli->strict) ne += nw, nw = 0;
    if (quiet && !cli->strict) nw = 0;
    if (!ne && !nw) return;
    char sum[128] = "";
    if (ne) snprintf(sum, sizeof sum, "%zu error%s", ne, ne == 1 ? "" : "s");
    if (ne && nw) strcat(sum, " and ");
    if (nw) snprintf(sum + strlen(sum), sizeof sum - strlen(sum), "%zu warning%s", nw, nw == 1 ? "" : "s");
    fprintf(stderr, "%s: %s in ", cli->prog, sum);
    put_printable(name, stderr);
    fprintf(stderr, "%s\n",
            cli->strict && cjmap_journey_warning_count(j) ? " (--strict: warnings are errors)"
                                                          : "");
}

cjmap_journey *cj_cli_load(cj_cli *cli, const char *path) {
    bool is_stdin = strcmp(path, "-") == 0;
    const char *name = is_stdin ? "<stdin>" : path;
    size_t limit = cli->load.max_input ? cli->load.max_input : CJMAP_DEFAULT_MAX_INPUT;
    int fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        cj_cli_file_error(cli, name, "cannot-read", "cannot open '%s': %s", path, strerror(errno));
        return NULL;
    }
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        cj_cli_file_error(cli, name, "cannot-read", "'%s' is a directory, not a journey file", path);
        if (!is_stdin) close(fd);
        return NULL;
    }
    char *buf = NULL;
    size_t len = 0;
    bool too_big = false;
    bool ok = read_all(fd, limit, &buf, &len, &too_big);
    int e = errno;
    if (!is_stdin) close(fd);
    if (!ok) {
        if (too_big)
            cj_cli_file_error(cli, name, "input-too-large",
                              "'%s' is larger than the input limit of %zu bytes (raise it with "
                              "--max-input)",
                              name, limit);
        else
            cj_cli_file_error(cli, name, "cannot-read", "cannot read '%s': %s", name, strerror(e));
        return NULL;
    }
    cjmap_journey *j = cjmap_journey_load(name, buf, len, &cli->load);
    free(buf);
    if (!j) {
        cj_cli_file_error(cli, name, "out-of-memory", "out of memory while reading '%s'", name);
        return NULL;
    }
    report(cli, j);
    return j;
}

int cj_cli_check(cj_cli *cli, int argc, char **argv) {
    int first = 1;
    for (; first < argc; first++) {
        const char *a = argv[first];
        if (strcmp(a, "--") == 0) {
            first++;
            break;
        }
        if (a[0] != '-' || strcmp(a, "-") == 0) break;
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(find_command("check")->help, stdout);
            return CJ_EXIT_OK;
        }
        return usage_error(cli, "unknown option '%s' for 'check'", a);
    }
    if (first >= argc) return usage_error(cli, "'check' needs at least one FILE");
    int rc = CJ_EXIT_OK;
    cj_cli_diags_begin(cli, false);
    for (int i = first; i < argc; i++) {
        cjmap_journey *j = cj_cli_load(cli, argv[i]);
        if (!j || cj_cli_failed(cli, j)) rc = CJ_EXIT_INVALID;
        cjmap_journey_free(j);
    }
    cj_cli_diags_end(cli);
    return rc;
}

/* Handles -h/--help and rejects other options and operands for commands
 * that take none.  Returns -1 to go on, else an exit code. */
static int no_arguments(cj_cli *cli, const command *c, int argc, char **argv) {
    if (argc > 1 && (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)) {
        fputs(c->help, stdout);
        return CJ_EXIT_OK;
    }
    if (argc > 1) return usage_error(cli, "'%s' takes no arguments; found '%s'", c->name, argv[1]);
    return -1;
}

static int cmd_schema(cj_cli *cli, int argc, char **argv) {
    int rc = no_arguments(cli, find_command("schema"), argc, argv);
    if (rc >= 0) return rc;
    char *s = cjmap_schema_json();
    if (!s) {
        cj_cli_error(cli, "out of memory");
        return CJ_EXIT_IO;
    }
    fputs(s, stdout);
    free(s);
    return CJ_EXIT_OK;
}

static int cmd_init(cj_cli *cli, int argc, char **argv) {
    const char *model = "aida", *locale = "en", *out = "journey.yaml";
    bool force = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v;
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(find_command("init")->help, stdout);
            return CJ_EXIT_OK;
        } else if ((v = opt_value(argc, argv, &i, "--model"))) {
            model = v;
        } else if ((v = opt_value(argc, argv, &i, "--locale"))) {
            locale = v;
        } else if ((v = opt_value(argc, argv, &i, "-o")) || (v = opt_value(argc, argv, &i, "--output"))) {
            out = v;
        } else if (strcmp(a, "--force") == 0 || strcmp(a, "-f") == 0) {
            force = true;
        } else {
            return usage_error(cli, "unexpected '%s' for 'init'", a);
        }
    }
    const char *s = NULL;
    size_t n = 0;
    while (cjmap_init_models[n]) n++;
    bool known = false;
    for (size_t i = 0; i < n; i++) known = known || strcmp(cjmap_init_models[i], model) == 0;
    if (!known) {
        s = cjmap_suggest(model, cjmap_init_models, n);
        return s ? usage_error(cli, "unknown model '%s' (did you mean '%s'?)", model, s)
                 : usage_error(cli, "unknown model '%s'; use aida, b2b, five-step or classic", model);
    }
    int loc = -1;
    const char *locales[CJMAP_LOCALE_COUNT];
    for (int l = 0; l < CJMAP_LOCALE_COUNT; l++) {
        locales[l] = cjmap_locale_name((cjmap_locale)l);
        if (strcmp(locales[l], locale) == 0) loc = l;
    }
    if (loc < 0) {
        s = cjmap_suggest(locale, locales, CJMAP_LOCALE_COUNT);
        return s ? usage_error(cli, "unknown locale '%s' (did you mean '%s'?)", locale, s)
                 : usage_error(cli, "unknown locale '%s'; use en, da, nb, sv or de", locale);
    }
    char *text = cjmap_init_template(model, (cjmap_locale)loc);
    if (!text) {
        cj_cli_error(cli, "out of memory");
        return CJ_EXIT_IO;
    }
    cj_out *o = cj_out_open(cli, out);
    if (!o) {
        free(text);
        return CJ_EXIT_IO;
    }
    cj_out_write(o, text, strlen(text));
    free(text);
    int rc = cj_out_close(cli, o, force);
    if (rc == CJ_EXIT_OK && strcmp(out, "-") != 0) {
        fprintf(stderr, "%s: wrote ", cli->prog);
        put_printable(out, stderr);
        fprintf(stderr, " (model %s, locale %s); next: edit it, then 'cjmap check ", model, locale);
        put_printable(out, stderr);
        fputs("'\n", stderr);
    }
    return rc;
}

static void stats_text(const cjmap_model *m, const cjmap_phase_stats *st, cjmap_index weak,
                       const cjmap_channel_count *ch, size_t nch) {
    size_t tp_on = 0, tp_off = 0;
    for (size_t t = 0; t < m->n_touchpoints; t++) {
        tp_on += m->touchpoints[t].mode == CJMAP_MODE_ONLINE;
        tp_off += m->touchpoints[t].mode == CJMAP_MODE_OFFLINE;
    }
    printf("%s\nsegment: %s\n", m->title, m->segment_name);
    printf("%zu phases, %zu touchpoints (%zu online, %zu offline), %zu experiences, %zu pains, "
           "%zu opportunities",
           m->n_phases, m->n_touchpoints, tp_on, tp_off, m->n_experiences, m->n_pains,
           m->n_opportunities);
    /* What only some journeys have is said only when they have it. */
    bool blueprint = m->n_backstage || m->n_support, own = m->n_own_lanes > 0, mot = false;
    size_t n_mot = 0;
    for (size_t p = 0; p < m->n_phases; p++)
        n_mot += m->phases[p].moment_of_truth;
    mot = n_mot > 0;
    if (blueprint)
        printf(", %zu backstage steps, %zu support processes", m->n_backstage, m->n_support);
    if (mot) printf(", %zu moment%s of truth", n_mot, n_mot == 1 ? "" : "s");
    printf("\n");
    const cjmap_scale *sc = &m->scale;
    if (sc->min != CJMAP_SCALE_DEFAULT_MIN || sc->max != CJMAP_SCALE_DEFAULT_MAX ||
        sc->neutral != CJMAP_SCALE_DEFAULT_NEUTRAL)
        printf("scores from %d to %d, neutral %d\n", sc->min, sc->max, sc->neutral);
    printf("\n");
    /* The phase name comes last: it may be any script and any width. */
    printf("touchpoints  on/off  dir/ind  own/paid/earn/part  experiences  mean  pains L/M/H  "
           "opport.%s%s%s  phase\n",
           blueprint ? "  back/supp" : "", own ? "  lanes" : "", mot ? "  truth" : "");
    for (size_t p = 0; p < m->n_phases; p++) {
        const cjmap_phase_stats *s = &st[p];
        char onoff[32], dirind[32], owners[48], mean[16], pains[32];
        snprintf(onoff, sizeof onoff, "%zu/%zu", s->online, s->offline);
        snprintf(dirind, sizeof dirind, "%zu/%zu", s->direct, s->indirect);
        snprintf(owners, sizeof owners, "%zu/%zu/%zu/%zu", s->by_owner[0], s->by_owner[1],
                 s->by_owner[2], s->by_owner[3]);
        if (s->scored)
            snprintf(mean, sizeof mean, "%.1f", s->mean_score);
        else
            snprintf(mean, sizeof mean, "-");
        snprintf(pains, sizeof pains, "%zu/%zu/%zu", s->pains[0], s->pains[1], s->pains[2]);
        printf("%11zu  %6s  %7s  %18s  %11zu  %4s  %12s  %7zu", s->touchpoints, onoff, dirind,
               owners, s->experiences, mean, pains, s->opportunities);
        if (blueprint) {
            char bs[32];
            snprintf(bs, sizeof bs, "%zu/%zu", s->backstage, s->support);
            printf("  %9s", bs);
        }
        if (own) printf("  %5zu", s->own);
        if (mot) printf("  %5s", m->phases[p].moment_of_truth ? "yes" : "");
        printf("  %s%s\n", m->phases[p].name, (cjmap_index)p == weak ? "  <- weakest" : "");
    }
    if (weak == CJMAP_NONE) {
        printf("\nweakest phase: none (no scored experiences and no pains)\n");
        return;
    }
    const cjmap_phase_stats *w = &st[weak];
    printf("\nweakest phase: %s (", m->phases[weak].name);
    if (w->scored) printf("mean score %.1f from %zu scored experience%s; ", w->mean_score, w->scored, w->scored == 1 ? "" : "s");
    printf("pains %zu high, %zu medium, %zu low)\n", w->pains[2], w->pains[1], w->pains[0]);
    printf("it relies on: ");
    if (!nch) printf("no touchpoints");
    for (size_t i = 0; i < nch; i++)
        printf("%s%s (%zu)", i ? ", " : "", cjmap_channel_name(ch[i].channel), ch[i].count);
    printf("\n");
}

static void json_str_out(const char *s) { json_string(stdout, s); }

static void stats_json(const cjmap_model *m, const cjmap_phase_stats *st, cjmap_index weak,
                       const cjmap_channel_count *ch, size_t nch) {
    printf("{\n  \"title\": "), json_str_out(m->title);
    printf(",\n  \"segment\": "), json_str_out(m->segment_name);
    printf(",\n  \"scale\": {\"min\": %d, \"neutral\": %d, \"max\": %d}", m->scale.min,
           m->scale.neutral, m->scale.max);
    printf(",\n  \"phases\": [");
    for (size_t p = 0; p < m->n_phases; p++) {
        const cjmap_phase_stats *s = &st[p];
        printf("%s\n    {\"index\": %zu, \"id\": ", p ? "," : "", p);
        if (m->phases[p].id) json_str_out(m->phases[p].id); else printf("null");
        printf(", \"name\": "), json_str_out(m->phases[p].name);
        printf(", \"touchpoints\": {\"total\": %zu, \"online\": %zu, \"offline\": %zu, "
               "\"direct\": %zu, \"indirect\": %zu, \"owned\": %zu, \"paid\": %zu, "
               "\"earned\": %zu, \"partner\": %zu}",
               s->touchpoints, s->online, s->offline, s->direct, s->indirect, s->by_owner[0],
               s->by_owner[1], s->by_owner[2], s->by_owner[3]);
        printf(", \"experiences\": %zu, \"scored\": %zu, \"mean_score\": ", s->experiences, s->scored);
        if (s->scored) printf("%.3f", s->mean_score); else printf("null");
        printf(
            ", \"pains\": {\"low\": %zu, \"medium\": %zu, \"high\": %zu}, \"opportunities\": %zu",
            s->pains[0], s->pains[1], s->pains[2], s->opportunities);
        printf(", \"backstage\": %zu, \"support\": %zu, \"own_lane_texts\": %zu, "
               "\"moment_of_truth\": %s}",
               s->backstage, s->support, s->own, m->phases[p].moment_of_truth ? "true" : "false");
    }
    printf("\n  ],\n  \"weakest_phase\": ");
    if (weak == CJMAP_NONE) {
        printf("null");
    } else {
        printf("{\"index\": %d, \"name\": ", (int)weak), json_str_out(m->phases[weak].name);
        printf(", \"channels\": [");
        for (size_t i = 0; i < nch; i++) {
            printf("%s{\"channel\": ", i ? ", " : ""), json_str_out(cjmap_channel_name(ch[i].channel));
            printf(", \"touchpoints\": %zu}", ch[i].count);
        }
        printf("]}");
    }
    printf("\n}\n");
}

static int cmd_stats(cj_cli *cli, int argc, char **argv) {
    bool json = false;
    const char *file = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--json") == 0) {
            json = true;
        } else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            fputs(find_command("stats")->help, stdout);
            return CJ_EXIT_OK;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            return usage_error(cli, "unknown option '%s' for 'stats'", argv[i]);
        } else if (file) {
            return usage_error(cli, "'stats' takes one FILE; found '%s' too", argv[i]);
        } else {
            file = argv[i];
        }
    }
    if (!file) return usage_error(cli, "'stats' needs a FILE");
    cj_cli_diags_begin(cli, false);
    cli->diag_out = stderr; /* stdout carries the figures */
    cjmap_journey *j = cj_cli_load(cli, file);
    cj_cli_diags_end(cli);
    if (!j || cj_cli_failed(cli, j)) {
        cjmap_journey_free(j);
        return CJ_EXIT_INVALID;
    }
    const cjmap_model *m = cjmap_journey_model(j);
    cjmap_phase_stats *st = calloc(m->n_phases, sizeof *st);
    if (!st) {
        cjmap_journey_free(j);
        cj_cli_error(cli, "out of memory");
        return CJ_EXIT_IO;
    }
    cjmap_index weak;
    cjmap_channel_count ch[CJMAP_CH_COUNT];
    size_t nch;
    cjmap_model_stats(m, st, &weak, ch, &nch);
    if (json)
        stats_json(m, st, weak, ch, nch);
    else
        stats_text(m, st, weak, ch, nch);
    free(st);
    cjmap_journey_free(j);
    return CJ_EXIT_OK;
}

static const command *find_command(const char *name) {
    for (size_t i = 0; i < N_COMMANDS; i++)
        if (strcmp(commands[i].name, name) == 0) return &commands[i];
    return NULL;
}

static const char *command_suggestion(const char *name) {
    const char *names[N_COMMANDS];
    for (size_t i = 0; i < N_COMMANDS; i++) names[i] = commands[i].name;
    return cjmap_suggest(name, names, N_COMMANDS);
}

static int cmd_help(cj_cli *cli, int argc, char **argv) {
    if (argc < 2) {
        print_usage(stdout);
        return CJ_EXIT_OK;
    }
    const command *c = find_command(argv[1]);
    if (!c) {
        const char *s = command_suggestion(argv[1]);
        if (s) return usage_error(cli, "unknown command '%s' (did you mean '%s'?)", argv[1], s);
        return usage_error(cli, "unknown command '%s'", argv[1]);
    }
    fputs(c->help, stdout);
    return CJ_EXIT_OK;
}

/* Parses "16M", "512K", "1048576". */
static bool parse_size(const char *s, size_t *out) {
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s || s[0] == '-') return false;
    unsigned shift = 0;
    if (*end == 'K' || *end == 'k') shift = 10, end++;
    else if (*end == 'M' || *end == 'm') shift = 20, end++;
    else if (*end == 'G' || *end == 'g') shift = 30, end++;
    if (*end || v == 0 || v > (SIZE_MAX >> shift)) return false;
    *out = (size_t)(v << shift);
    return true;
}

/* Takes "--name=value" or "--name value"; returns the value or NULL. */
static const char *opt_value(int argc, char **argv, int *i, const char *name) {
    size_t n = strlen(name);
    if (strncmp(argv[*i], name, n) != 0) return NULL;
    if (argv[*i][n] == '=') return argv[*i] + n + 1;
    if (argv[*i][n] == '\0' && *i + 1 < argc) return argv[++*i];
    return NULL;
}

int main(int argc, char **argv) {
    cj_cli C = {.prog = "cjmap"}, *cli = &C;
    const char *color = "auto";
    /* Global options may appear anywhere; they are removed from argv so each
     * subcommand sees only its own. */
    char **rest = calloc((size_t)argc + 1, sizeof *rest);
    if (!rest) return CJ_EXIT_IO;
    int nrest = 0;
    bool want_help = false, want_version = false, after_dashdash = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v;
        if (after_dashdash) {
            rest[nrest++] = argv[i];
            continue;
        }
        if (strcmp(a, "--") == 0) {
            after_dashdash = true;
            rest[nrest++] = argv[i];
        } else if (strncmp(a, "--color=", 8) == 0 || strncmp(a, "--colour=", 9) == 0) {
            color = strchr(a, '=') + 1;
        } else if (strcmp(a, "--color") == 0 || strcmp(a, "--colour") == 0) {
            color = "always"; /* as GNU ls and grep: a bare --color means always */
        } else if (strcmp(a, "--max-input") == 0 && i + 1 >= argc) {
            free(rest);
            return usage_error(cli, "option '%s' needs a value", a);
        } else if ((v = opt_value(argc, argv, &i, "--max-input"))) {
            if (!parse_size(v, &cli->load.max_input)) {
                free(rest);
                return usage_error(cli, "invalid size '%s' for --max-input (try 32M)", v);
            }
        } else if (strncmp(a, "--diagnostics=", 14) == 0) {
            const char *f = a + 14;
            if (strcmp(f, "human") == 0) cli->diag_format = CJ_DIAG_HUMAN;
            else if (strcmp(f, "json") == 0) cli->diag_format = CJ_DIAG_JSON;
            else if (strcmp(f, "github") == 0) cli->diag_format = CJ_DIAG_GITHUB;
            else {
                free(rest);
                return usage_error(cli, "invalid value '%s' for --diagnostics; use human, json or github", f);
            }
        } else if (strcmp(a, "--strict") == 0) {
            cli->strict = true;
        } else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
            cli->print_flags |= CJMAP_PRINT_ERRORS_ONLY;
        } else if (nrest == 0 && (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0)) {
            want_help = true;
        } else if (strcmp(a, "-V") == 0 || strcmp(a, "--version") == 0) {
            want_version = true;
        } else {
            rest[nrest++] = argv[i];
        }
    }
    rest[nrest] = NULL;
    int rc;
    if (strcmp(color, "always") == 0) {
        cli->color = true; /* an explicit request overrides NO_COLOR, as no-color.org advises */
    } else if (strcmp(color, "never") == 0) {
        cli->color = false;
    } else if (strcmp(color, "auto") == 0) {
        const char *nc = getenv("NO_COLOR"), *term = getenv("TERM");
        cli->color = isatty(STDERR_FILENO) && !(nc && *nc) && !(term && strcmp(term, "dumb") == 0);
    } else {
        free(rest);
        return usage_error(cli, "invalid value '%s' for --color; use auto, always or never", color);
    }
    if (cli->color) cli->print_flags |= CJMAP_PRINT_COLOR;

    if (want_version) {
        printf("cjmap %s (journey format version %d)\n", CJMAP_VERSION_STRING, CJMAP_FORMAT_VERSION);
        rc = CJ_EXIT_OK;
    } else if (want_help || nrest == 0) {
        print_usage(want_help ? stdout : stderr);
        rc = want_help ? CJ_EXIT_OK : CJ_EXIT_USAGE;
    } else if (rest[0][0] == '-') {
        rc = usage_error(cli, "unknown option '%s'", rest[0]);
    } else {
        const command *c = find_command(rest[0]);
        if (c) {
            rc = c->run(cli, nrest, rest);
        } else {
            const char *s = command_suggestion(rest[0]);
            rc = s ? usage_error(cli, "unknown command '%s' (did you mean '%s'?)", rest[0], s)
                   : usage_error(cli, "unknown command '%s'", rest[0]);
        }
    }
    free(rest);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        cj_cli_error(cli, "cannot write to standard output: %s", strerror(errno));
        if (rc == CJ_EXIT_OK) rc = CJ_EXIT_IO;
    }
    return rc;
}
