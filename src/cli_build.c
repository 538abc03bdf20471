/*
** cli_build.c — `cjmap build FILE [-o OUT] [-f FMT] [--page P] ...`: load a
** journey, lay it out, render it, and write the result atomically.
**
** Contract:
**   - An invalid journey prints its diagnostics (cj_cli_load) and exits 1
**     without creating, truncating or replacing any file.
**   - Every output file is written to a temporary file in the target's
**     directory, then rename()d over the target; on any failure the
**     temporary files are unlinked and no target is touched.  A map of
**     several pages as PNG or SVG is one file per page (map-1.png, ...);
**     all pages are rendered before the first rename.
**   - SOURCE_DATE_EPOCH (decimal seconds) sets the PDF creation date;
**     otherwise a fixed date is used, so output bytes depend only on the
**     input and the options.
*/
#include "cli.h"

#include <cjmap_render.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

/* ASan builds: fontconfig keeps its parsed configuration for the life of the
 * process on purpose; that is not a leak of ours. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void) { return "leak:libfontconfig.so\n"; }
const char *__lsan_default_options(void);
const char *__lsan_default_options(void) { return "print_suppressions=0"; }

static const char build_help[] =
    "Usage: cjmap build [OPTIONS] FILE\n"
    "\n"
    "Lay the journey in FILE out as a swimlane map (phases as columns, lanes as\n"
    "rows) and draw it as PDF, SVG or PNG.  An invalid journey prints the same\n"
    "diagnostics as 'cjmap check', exits 1 and writes no file.\n"
    "\n"
    "Options:\n"
    "  -o, --output=OUT   where to write; '-' is standard output (then -f is needed).\n"
    "                     Default: FILE's name with .pdf, in the current directory\n"
    "  -f, --format=FMT   pdf, svg or png (default: from OUT's extension)\n"
    "  --page=SIZE        auto (default: the page fits the map), A4, A3, A2, A1,\n"
    "                     letter or tabloid: the map is scaled to fit, never below\n"
    "                     7 pt text, and continues on more pages when needed\n"
    "  --landscape        paper in landscape orientation (default)\n"
    "  --portrait         paper in portrait orientation\n"
    "  --theme=THEME      default, or mono (greys, patterns and line styles only,\n"
    "                     for black-and-white printers)\n"
    "  --dpi=N            PNG resolution in dots per inch (default 144)\n"
    "\n"
    "A map on several pages is one PDF; as PNG or SVG it is one file per page:\n"
    "map-1.png, map-2.png, ...  Output is written to a temporary file and renamed,\n"
    "so a failed build never leaves a damaged file.  The same input and options\n"
    "give the same bytes; the PDF date is SOURCE_DATE_EPOCH when set.\n";

typedef struct build_opts {
    const char *file, *out, *format;
    cjmap_layout_options lo;
} build_opts;

static int usage(cj_cli *cli, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int usage(cj_cli *cli, const char *fmt, ...) {
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    cj_cli_error(cli, "%s", msg);
    fprintf(stderr, "Try '%s build --help' for more information.\n", cli->prog);
    return CJ_EXIT_USAGE;
}

/* "--name=value" or "--name value" (or "-x value", "-xvalue" for short). */
static const char *opt_arg(int argc, char **argv, int *i, const char *lng, const char *shrt,
                           bool *missing) {
    const char *a = argv[*i];
    size_t n = strlen(lng);
    *missing = false;
    if (strncmp(a, lng, n) == 0) {
        if (a[n] == '=') return a + n + 1;
        if (a[n] == 0) {
            if (*i + 1 >= argc) {
                *missing = true;
                return NULL;
            }
            return argv[++*i];
        }
        return NULL;
    }
    if (shrt && strncmp(a, shrt, 2) == 0) {
        if (a[2]) return a + 2;
        if (*i + 1 >= argc) {
            *missing = true;
            return NULL;
        }
        return argv[++*i];
    }
    return NULL;
}

static bool parse_page(const char *s, cjmap_page_size *out) {
    static const char *const names[] = {"auto", "A4", "A3", "A2", "A1", "letter", "tabloid"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcasecmp(s, names[i]) == 0) {
            *out = (cjmap_page_size)i;
            return true;
        }
    return false;
}

static bool parse_format(const char *s, cjmap_format *out) {
    if (strcasecmp(s, "pdf") == 0) *out = CJMAP_FORMAT_PDF;
    else if (strcasecmp(s, "svg") == 0) *out = CJMAP_FORMAT_SVG;
    else if (strcasecmp(s, "png") == 0) *out = CJMAP_FORMAT_PNG;
    else return false;
    return true;
}

static const char *ext_of(const char *path) {
    const char *slash = strrchr(path, '/'), *dot = strrchr(path, '.');
    if (!dot || (slash && dot < slash) || dot == path || (slash && dot == slash + 1)) return NULL;
    return dot + 1;
}

static const char *const fmt_ext[] = {"pdf", "svg", "png"};

/* ---- output files ---- */

typedef struct outfile {
    char *target; /* final name */
    char *tmp;    /* temporary name in the same directory; NULL once renamed */
    FILE *f;
} outfile;

static bool write_file(void *closure, const unsigned char *data, size_t len) {
    return fwrite(data, 1, len, (FILE *)closure) == len;
}

static char *xstrdup(const char *s) {
    char *d = malloc(strlen(s) + 1);
    if (d) strcpy(d, s);
    return d;
}

/* Creates the temporary file for `target` with the permissions a new file
 * would get (mkstemp makes it 0600). */
static bool outfile_open(outfile *o, const char *target) {
    memset(o, 0, sizeof *o);
    o->target = xstrdup(target);
    const char *slash = strrchr(target, '/');
    size_t dl = slash ? (size_t)(slash - target) + 1 : 0;
    const char *base = slash ? slash + 1 : target;
    size_t n = dl + strlen(base) + 16;
    o->tmp = malloc(n);
    if (!o->target || !o->tmp) return false;
    snprintf(o->tmp, n, "%.*s.%s.XXXXXX", (int)dl, target, base);
    int fd = mkstemp(o->tmp);
    if (fd < 0) {
        free(o->tmp);
        o->tmp = NULL;
        return false;
    }
    mode_t mask = umask(0);
    umask(mask);
    (void)fchmod(fd, 0666 & ~mask);
    o->f = fdopen(fd, "wb");
    if (!o->f) {
        close(fd);
        return false;
    }
    return true;
}

static bool outfile_close(outfile *o) {
    if (!o->f) return false;
    bool ok = fflush(o->f) == 0 && !ferror(o->f);
    ok = (fclose(o->f) == 0) && ok;
    o->f = NULL;
    return ok;
}

static void outfile_discard(outfile *o) {
    if (o->f) fclose(o->f);
    if (o->tmp) unlink(o->tmp);
    free(o->tmp);
    free(o->target);
    memset(o, 0, sizeof *o);
}

/* ---- the command ---- */

static bool source_date(long long *out) {
    const char *s = getenv("SOURCE_DATE_EPOCH");
    if (!s || !*s) return false;
    errno = 0;
    char *end;
    long long v = strtoll(s, &end, 10);
    if (errno || *end || v < 0) return false;
    *out = v;
    return true;
}

static int render_all(cj_cli *cli, const build_opts *b, cjmap_format fmt, const cjmap_layout *l) {
    size_t pages = cjmap_layout_page_count(l);
    if (strcmp(b->out, "-") == 0) {
        if (fmt != CJMAP_FORMAT_PDF && pages > 1) {
            cj_cli_file_error(cli, "<stdout>", "cannot-write",
                              "the map has %zu pages and %s holds one; write to a file "
                              "(-o map.%s gives map-1.%s, ...) or use PDF",
                              pages, fmt_ext[fmt], fmt_ext[fmt], fmt_ext[fmt]);
            return CJ_EXIT_IO;
        }
        bool ok = cjmap_render(l, fmt, CJMAP_ALL_PAGES, write_file, stdout);
        ok = fflush(stdout) == 0 && !ferror(stdout) && ok;
        if (!ok) {
            cj_cli_file_error(cli, "<stdout>", "cannot-write", "cannot write the map to standard output");
            return CJ_EXIT_IO;
        }
        return CJ_EXIT_OK;
    }
    size_t nfiles = fmt == CJMAP_FORMAT_PDF ? 1 : pages;
    outfile *files = calloc(nfiles, sizeof *files);
    if (!files) {
        cj_cli_error(cli, "out of memory");
        return CJ_EXIT_IO;
    }
    int rc = CJ_EXIT_OK;
    size_t opened = 0;
    for (size_t i = 0; i < nfiles && rc == CJ_EXIT_OK; i++) {
        char *name;
        if (nfiles == 1) {
            name = xstrdup(b->out);
        } else { /* map.png -> map-1.png */
            const char *e = ext_of(b->out);
            size_t stem = e ? (size_t)(e - 1 - b->out) : strlen(b->out);
            size_t n = strlen(b->out) + 32;
            name = malloc(n);
            if (name)
                snprintf(name, n, "%.*s-%zu.%s", (int)stem, b->out, i + 1, e ? e : fmt_ext[fmt]);
        }
        if (!name) {
            cj_cli_error(cli, "out of memory");
            rc = CJ_EXIT_IO;
            break;
        }
        opened++;
        if (!outfile_open(&files[i], name)) {
            cj_cli_file_error(cli, name, "cannot-write", "cannot create a file next to '%s': %s", name,
                              strerror(errno));
            rc = CJ_EXIT_IO;
        } else {
            bool ok = cjmap_render(l, fmt, nfiles == 1 ? CJMAP_ALL_PAGES : i, write_file, files[i].f);
            int e = errno;
            ok = outfile_close(&files[i]) && ok;
            if (!ok) {
                if (fmt == CJMAP_FORMAT_PNG && e != ENOSPC && e != EIO)
                    cj_cli_file_error(cli, name, "cannot-write",
                                      "cannot render '%s' (a page too large for PNG at this --dpi?)",
                                      name);
                else
                    cj_cli_file_error(cli, name, "cannot-write", "cannot write '%s': %s", name,
                                      strerror(e ? e : EIO));
                rc = CJ_EXIT_IO;
            }
        }
        free(name);
    }
    for (size_t i = 0; i < opened && rc == CJ_EXIT_OK; i++) {
        if (rename(files[i].tmp, files[i].target) != 0) {
            cj_cli_file_error(cli, files[i].target, "cannot-write", "cannot replace '%s': %s",
                              files[i].target, strerror(errno));
            rc = CJ_EXIT_IO;
            break;
        }
        free(files[i].tmp);
        files[i].tmp = NULL;
    }
    for (size_t i = 0; i < opened; i++) outfile_discard(&files[i]);
    free(files);
    return rc;
}

int cj_cli_build(cj_cli *cli, int argc, char **argv) {
    build_opts b = {0};
    b.lo.dpi = 144;
    bool dashdash = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v;
        bool missing = false;
        if (dashdash || a[0] != '-' || strcmp(a, "-") == 0) {
            if (b.file) return usage(cli, "'build' takes one FILE; found another: '%s'", a);
            b.file = a;
        } else if (strcmp(a, "--") == 0) {
            dashdash = true;
        } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(build_help, stdout);
            return CJ_EXIT_OK;
        } else if ((v = opt_arg(argc, argv, &i, "--output", "-o", &missing)) || missing) {
            if (missing) return usage(cli, "option '%s' needs a value", a);
            b.out = v;
        } else if ((v = opt_arg(argc, argv, &i, "--format", "-f", &missing)) || missing) {
            if (missing) return usage(cli, "option '%s' needs a value", a);
            b.format = v;
        } else if ((v = opt_arg(argc, argv, &i, "--page", NULL, &missing)) || missing) {
            if (missing) return usage(cli, "option '%s' needs a value", a);
            if (!parse_page(v, &b.lo.page))
                return usage(cli, "invalid page '%s'; use auto, A4, A3, A2, A1, letter or tabloid", v);
        } else if ((v = opt_arg(argc, argv, &i, "--theme", NULL, &missing)) || missing) {
            if (missing) return usage(cli, "option '%s' needs a value", a);
            if (strcmp(v, "default") == 0) b.lo.theme = CJMAP_THEME_DEFAULT;
            else if (strcmp(v, "mono") == 0) b.lo.theme = CJMAP_THEME_MONO;
            else return usage(cli, "invalid theme '%s'; use default or mono", v);
        } else if ((v = opt_arg(argc, argv, &i, "--dpi", NULL, &missing)) || missing) {
            if (missing) return usage(cli, "option '%s' needs a value", a);
            char *end;
            errno = 0;
            long d = strtol(v, &end, 10);
            if (errno || *end || d < 18 || d > 2400)
                return usage(cli, "invalid --dpi '%s'; use a whole number from 18 to 2400", v);
            b.lo.dpi = (double)d;
        } else if (strcmp(a, "--landscape") == 0) {
            b.lo.portrait = false;
        } else if (strcmp(a, "--portrait") == 0) {
            b.lo.portrait = true;
        } else {
            return usage(cli, "unknown option '%s' for 'build'", a);
        }
    }
    if (!b.file) return usage(cli, "'build' needs a FILE");
    cjmap_format fmt = CJMAP_FORMAT_PDF;
    if (b.format) {
        if (!parse_format(b.format, &fmt))
            return usage(cli, "invalid format '%s'; use pdf, svg or png", b.format);
    } else if (b.out && strcmp(b.out, "-") == 0) {
        return usage(cli, "writing to standard output needs -f pdf|svg|png");
    } else if (b.out) {
        const char *e = ext_of(b.out);
        if (!e || !parse_format(e, &fmt))
            return usage(cli, "cannot tell the format from '%s'; name it .pdf, .svg or .png, or use -f",
                         b.out);
    }
    char *def_out = NULL;
    if (!b.out) {
        if (strcmp(b.file, "-") == 0)
            return usage(cli, "reading standard input needs -o OUT");
        const char *slash = strrchr(b.file, '/'), *base = slash ? slash + 1 : b.file;
        const char *e = ext_of(base);
        size_t stem = e ? (size_t)(e - 1 - base) : strlen(base);
        size_t n = stem + 8;
        def_out = malloc(n);
        if (!def_out) {
            cj_cli_error(cli, "out of memory");
            return CJ_EXIT_IO;
        }
        snprintf(def_out, n, "%.*s.%s", (int)stem, base, fmt_ext[fmt]);
        b.out = def_out;
    }
    bool to_stdout = strcmp(b.out, "-") == 0;
    b.lo.date_set = source_date(&b.lo.date);
    b.lo.max_side = fmt == CJMAP_FORMAT_PNG ? cjmap_png_max_side(b.lo.dpi) : 0;

    cj_cli_diags_begin(cli, to_stdout);
    int rc = CJ_EXIT_OK;
    cjmap_journey *j = cj_cli_load(cli, b.file);
    const cjmap_model *m = j ? cjmap_journey_model(j) : NULL;
    if (!j || cj_cli_failed(cli, j) || !m) {
        rc = CJ_EXIT_INVALID;
    } else {
        cjmap_measurer *ms = cjmap_measurer_pango_new();
        cjmap_layout *l = ms ? cjmap_layout_new(m, &b.lo, ms) : NULL;
        if (!l) {
            cj_cli_error(cli, "cannot set up fonts (pango/fontconfig) to lay the map out");
            rc = CJ_EXIT_IO;
        } else {
            rc = render_all(cli, &b, fmt, l);
        }
        cjmap_layout_free(l);
        cjmap_measurer_free(ms);
    }
    cjmap_journey_free(j);
    cj_cli_diags_end(cli);
    free(def_out);
    return rc;
}
