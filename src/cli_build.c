/*
** cli_build.c — `cjmap build FILE... [-o OUT | -O DIR] [-f FMT] [--page P] ...`:
** load journeys, lay them out, render them, and write the results safely.
**
** Contract:
**   - Every input is loaded and its diagnostics reported before anything is
**     written, so an error in one input never hides another's.
**   - One output (-o, or a single input): all inputs go into it — several
**     only as PDF, one map after the other with a bookmark per journey.
**     If any input is invalid, nothing is written.
**   - One output per input (-O DIR, or several inputs without -o): each
**     valid journey is written; invalid ones are skipped; exit status 1.
**   - Files go through cj_out (cli_output.c): a temporary file beside the
**     target, moved into place only when complete.  A map of several pages
**     as PNG or SVG is one file per page (map-1.png, ...), all rendered
**     before the first is moved.  An output that is one of the inputs is
**     refused.
**   - SOURCE_DATE_EPOCH (decimal seconds) sets the PDF creation date;
**     otherwise a fixed date is used, so output bytes depend only on the
**     input and the options.
**   - In two steps (cli.h): cj_build_new() parses the command line once,
**     cj_build_run() builds, as often as `watch` needs (keeping the text
**     measurer and its caches from one run to the next), and tells the
**     caller what it wrote through cj_build_on_write().
*/
#include "cli.h"

#include <cjmap_render.h>

#include <errno.h>
#include <limits.h>
#include <math.h>
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

const char cj_build_help[] =
    "Usage: cjmap build [OPTIONS] FILE...\n"
    "\n"
    "Lay each journey out as a swimlane map and draw it as PDF, SVG or PNG.  An invalid journey "
    "prints the same\n"
    "diagnostics as 'cjmap check', exits 1 and writes no file.\n"
    "\n"
    "Options:\n"
    "  -o, --output=OUT   where to write; '-' is standard output (then -f is needed).\n"
    "                     Several FILEs with -o make one PDF, a map after another,\n"
    "                     with a bookmark per journey.  Default: each FILE's name\n"
    "                     with .pdf (or the -f format), in the current directory\n"
    "  -O, --output-dir=DIR  one output per FILE, in DIR (created, with any\n"
    "                     missing parents, when it does not exist)\n"
    "  -f, --format=FMT   pdf, svg or png (default: from OUT's extension)\n"
    "  --page=SIZE        auto (default: the page fits the map), A4, A3, A2, A1,\n"
    "                     A0, letter or tabloid: the map is scaled to fit, never\n"
    "                     below 7 pt text, and continues on as few pages as it needs\n"
    "  --fit=HOW          with --page: 'page' puts the whole map on one sheet,\n"
    "                     'width' all phases across one sheet, continued downward;\n"
    "                     text may then go below 7 pt (a warning naming a paper\n"
    "                     that keeps 7 pt), never below 4 pt (an error); 'none'\n"
    "                     (default) as above\n"
    "  --max-side=PT      longest side of an auto page, in points, 400 to 14400\n"
    "                     (default 7200 = 100 in); a bigger map continues on\n"
    "                     more pages\n"
    "  --landscape        paper in landscape orientation (default; needs --page)\n"
    "  --portrait         paper in portrait orientation (needs --page); the phases\n"
    "                     then run as rows unless --layout=columns\n"
    "  --layout=HOW       'columns': phases left to right, lanes as bands across\n"
    "                     (the default, but on portrait paper); 'rows': phases top\n"
    "                     to bottom, each a band with its lanes side by side and\n"
    "                     the emotion curve running down beside the phase names\n"
    "                     (A4 reports, phones; any page size)\n"
    "  --theme=THEME      default, or mono (greys, patterns and line styles only,\n"
    "                     for black-and-white printers)\n"
    "  --dpi=N            PNG resolution in dots per inch (default 144)\n"
    "\n"
    "A map on several pages is one PDF; as PNG or SVG it is one file per page:\n"
    "map-1.png, map-2.png, ...  Output is written to a temporary file and renamed,\n"
    "so a failed build never leaves a damaged file.  The same input and options\n"
    "give the same bytes; the PDF date is SOURCE_DATE_EPOCH when set.\n";

/* The parsed command line, kept across runs (cli.h: cj_build_new). */
struct cj_build {
    const char *cmd;    /* "build", "watch": the command named in messages */
    const char **files; /* the inputs, in order */
    size_t n_files;
    const char *out, *dir, *format;
    cjmap_format fmt;
    cjmap_layout_options lo;
    double side;        /* --max-side as given (or the default), before PNG lowers it */
    bool one_output;    /* -o, or a single input without -O: every input goes into one file */
    cjmap_measurer *ms; /* made by the first run that lays a map out, kept for the next */
    cj_build_wrote_fn *wrote;
    void *wrote_closure;
};

#define usage(cli, b, ...) cj_cli_usage((cli), (b)->cmd, __VA_ARGS__)

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

static const char *const page_names[CJMAP_PAGE_COUNT] = {
    [CJMAP_PAGE_AUTO] = "auto",       [CJMAP_PAGE_A4] = "A4", [CJMAP_PAGE_A3] = "A3",
    [CJMAP_PAGE_A2] = "A2",           [CJMAP_PAGE_A1] = "A1", [CJMAP_PAGE_LETTER] = "letter",
    [CJMAP_PAGE_TABLOID] = "tabloid", [CJMAP_PAGE_A0] = "A0"};

static bool parse_page(const char *s, cjmap_page_size *out) {
    for (size_t i = 0; i < CJMAP_PAGE_COUNT; i++)
        if (strcasecmp(s, page_names[i]) == 0) {
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

static bool write_out(void *closure, const unsigned char *data, size_t len) {
    return cj_out_write(closure, data, len);
}

static char *xstrdup(const char *s) {
    char *d = malloc(strlen(s) + 1);
    if (d) strcpy(d, s);
    return d;
}

/* True when `target` exists and is the same file as one of the inputs. */
static const char *clobbers_input(const cj_build *b, const char *target) {
    struct stat t, in;
    if (strcmp(target, "-") == 0 || stat(target, &t) != 0) return NULL;
    for (size_t i = 0; i < b->n_files; i++)
        if (strcmp(b->files[i], "-") != 0 && stat(b->files[i], &in) == 0 &&
            in.st_dev == t.st_dev && in.st_ino == t.st_ino)
            return b->files[i];
    return NULL;
}

/* Creates `path` and its missing parents, like mkdir -p, with 0777 less
 * the umask.  Returns 0, or the errno of the step that failed (ENOTDIR when
 * a part of the path is a file). */
static int make_dirs(const char *path) {
    size_t n = strlen(path);
    char *p = malloc(n + 1);
    if (!p) return ENOMEM;
    memcpy(p, path, n + 1);
    int err = 0;
    for (size_t i = 1; i <= n && !err; i++) {
        if (p[i] != '/' && p[i] != '\0') continue;
        if (p[i - 1] == '/') continue; /* "a//b", a trailing '/' */
        char c = p[i];
        p[i] = '\0';
        if (mkdir(p, 0777) != 0) {
            struct stat st;
            if (errno != EEXIST)
                err = errno;
            else if (stat(p, &st) != 0)
                err = errno;
            else if (!S_ISDIR(st.st_mode))
                err = ENOTDIR;
        }
        p[i] = c;
    }
    free(p);
    return err;
}

/* "dir/name.yaml" -> "OUTDIR/name.EXT" (OUTDIR NULL: the current directory). */
static char *output_for(const char *input, const char *outdir, cjmap_format fmt) {
    const char *slash = strrchr(input, '/'), *base = slash ? slash + 1 : input;
    const char *e = ext_of(base);
    size_t stem = e ? (size_t)(e - 1 - base) : strlen(base);
    size_t dl = outdir ? strlen(outdir) : 0;
    size_t n = dl + stem + 8;
    char *name = malloc(n);
    if (name)
        snprintf(name, n, "%s%s%.*s.%s", outdir ? outdir : "",
                 dl && outdir[dl - 1] != '/' ? "/" : "", (int)stem, base, fmt_ext[fmt]);
    return name;
}

/* Writes the map(s) in `ls` to `target`: one file, or one per page for a
 * multi-page SVG/PNG.  All files are complete before any is moved into
 * place; then the hook (cj_build_on_write) hears of them.  Returns an exit
 * code. */
static int write_maps(cj_cli *cli, const cj_build *b, const char *target,
                      const cjmap_layout *const *ls, size_t n) {
    cjmap_format fmt = b->fmt;
    const char *input = clobbers_input(b, target);
    if (input) {
        cj_cli_file_error(cli, target, "output-is-input",
                          "refusing to write the map over the input '%s'; choose another -o", input);
        return CJ_EXIT_USAGE;
    }
    size_t pages = n == 1 ? cjmap_layout_page_count(ls[0]) : 0;
    size_t nfiles = fmt == CJMAP_FORMAT_PDF ? 1 : pages;
    bool to_stdout = strcmp(target, "-") == 0;
    if (to_stdout && nfiles > 1) {
        cj_cli_file_error(cli, "<stdout>", "cannot-write",
                          "the map has %zu pages and one %s holds one; write to a file "
                          "(-o map.%s gives map-1.%s, ...) or use PDF",
                          pages, fmt_ext[fmt], fmt_ext[fmt], fmt_ext[fmt]);
        return CJ_EXIT_IO;
    }
    cj_out **outs = calloc(nfiles, sizeof *outs);
    char **names = calloc(nfiles, sizeof *names);
    if (!outs || !names) {
        free(outs), free(names);
        cj_cli_error(cli, "out of memory");
        return CJ_EXIT_IO;
    }
    int rc = CJ_EXIT_OK;
    size_t opened = 0;
    for (size_t i = 0; i < nfiles && rc == CJ_EXIT_OK; i++) {
        char *name;
        if (nfiles == 1) {
            name = xstrdup(target);
        } else { /* map.png -> map-1.png */
            const char *e = ext_of(target);
            size_t stem = e ? (size_t)(e - 1 - target) : strlen(target);
            size_t len = strlen(target) + 32;
            name = malloc(len);
            if (name) snprintf(name, len, "%.*s-%zu.%s", (int)stem, target, i + 1, e ? e : fmt_ext[fmt]);
        }
        if (!name) {
            cj_cli_error(cli, "out of memory");
            rc = CJ_EXIT_IO;
            break;
        }
        names[i] = name;
        outs[i] = cj_out_open(cli, name);
        if (!outs[i]) {
            rc = CJ_EXIT_IO;
            break;
        }
        opened++;
        bool ok;
        if (fmt == CJMAP_FORMAT_PDF && n > 1)
            ok = cjmap_render_pdf_book(ls, n, write_out, outs[i]);
        else
            ok = cjmap_render(ls[0], fmt, nfiles == 1 ? CJMAP_ALL_PAGES : i, write_out, outs[i]);
        if (!ok) cj_out_fail(outs[i]);
        /* A failed write was reported by cj_out_finish with its reason; only
         * a failure with no write error is the renderer's. */
        if (!cj_out_finish(cli, outs[i]) && !ok && cj_out_error(outs[i]) <= 0) {
            cj_cli_file_error(cli, name, "cannot-render",
                              fmt == CJMAP_FORMAT_PNG
                                  ? "cannot render '%s' (a page too large for PNG at this --dpi?)"
                                  : "cannot render '%s'",
                              name);
        }
        if (!ok) rc = CJ_EXIT_IO;
    }
    /* All or nothing: move every file into place only when all are complete. */
    for (size_t i = 0; i < opened; i++) {
        if (rc == CJ_EXIT_OK) {
            int r = cj_out_commit(cli, outs[i], true);
            if (r != CJ_EXIT_OK) rc = r;
        } else {
            cj_out_abort(outs[i]);
        }
    }
    if (rc == CJ_EXIT_OK && b->wrote) {
        if (n > 1) /* a book: the pages of every map */
            for (size_t i = 0; i < n; i++) pages += cjmap_layout_page_count(ls[i]);
        b->wrote(b->wrote_closure, (const char *const *)names, nfiles, pages);
    }
    for (size_t i = 0; i < nfiles; i++) free(names[i]);
    free(names);
    free(outs);
    return rc;
}

/* ---- the command ---- */

static bool source_date(long long *out) {
    const char *s = getenv("SOURCE_DATE_EPOCH");
    if (!s || !*s) return false;
    errno = 0;
    char *end;
    long long v = strtoll(s, &end, 10);
    /* Up to 9999-12-31T23:59:59Z: a PDF date has four year digits.  Other
     * values are ignored (the fixed date is used), as reproducible-builds.org
     * suggests for values a tool cannot represent. */
    if (errno || *end || v < 0 || v > 253402300799LL) return false;
    *out = v;
    return true;
}

/* The smallest ISO paper from A4 to A0 (in the orientation asked for) on
 * which the fitted map's text is at least `pt`, or NULL. */
static const char *paper_for(const cj_build *b, const cjmap_model *m, cjmap_measurer *ms,
                             double pt) {
    static const cjmap_page_size iso[] = {CJMAP_PAGE_A4, CJMAP_PAGE_A3, CJMAP_PAGE_A2,
                                          CJMAP_PAGE_A1, CJMAP_PAGE_A0};
    for (size_t i = 0; i < sizeof iso / sizeof iso[0]; i++) {
        cjmap_layout_options o = b->lo;
        o.page = iso[i];
        cjmap_layout *l = cjmap_layout_new(m, &o, ms);
        double t = l ? cjmap_layout_min_text(l) : 0;
        cjmap_layout_free(l);
        if (t >= pt - 1e-9) return page_names[iso[i]];
    }
    return NULL;
}

/* --fit: text below 4 pt is refused (no one reads it), below 7 pt it is a
 * warning; both name the paper that would keep it readable. */
static bool fit_ok(cj_cli *cli, const cj_build *b, const char *file, const cjmap_model *m,
                   cjmap_measurer *ms, const cjmap_layout *l, int *rc) {
    const double floor_pt = 4.0;
    /* Shown rounded down: 3.98 pt is not '4.0 pt, too small'. */
    double t = cjmap_layout_min_text(l), shown = floor(t * 10) / 10;
    const char *how = b->lo.fit == CJMAP_FIT_PAGE ? "on one" : "across one";
    const char *paper = page_names[b->lo.page];
    if (t < floor_pt - 1e-9) {
        const char *p = paper_for(b, m, ms, floor_pt);
        char alt[96];
        if (p)
            snprintf(alt, sizeof alt, "%s keeps it at %.0f pt or more (--page %s)", p, floor_pt, p);
        else
            snprintf(alt, sizeof alt, "no paper up to A0 keeps it at %.0f pt; leave out --fit",
                     floor_pt);
        cj_cli_error(cli,
                     "the map of '%s' fits %s %s sheet only with %.1f pt text, too small to "
                     "read; %s",
                     file, how, paper, shown, alt);
        *rc = CJ_EXIT_IO;
        return false;
    }
    if (t < CJMAP_MIN_TEXT_SIZE - 1e-9) {
        const char *p = paper_for(b, m, ms, CJMAP_MIN_TEXT_SIZE);
        char alt[96];
        if (p)
            snprintf(alt, sizeof alt, "; %s keeps it at %.0f pt (--page %s)", p,
                     CJMAP_MIN_TEXT_SIZE, p);
        else
            alt[0] = '\0';
        if (cj_cli_file_warning(cli, file, "small-text",
                                "to fit %s %s sheet, the map of '%s' has %.1f pt text, below the "
                                "%.0f pt a printed map is read at%s",
                                how, paper, file, shown, CJMAP_MIN_TEXT_SIZE, alt)) {
            *rc = CJ_EXIT_INVALID;
            return false;
        }
    }
    return true;
}

/* Lays a valid journey out; NULL after reporting a problem, with *rc the
 * exit code it calls for.  A map with parts taller than a page (cut off
 * there) gets a warning naming what to change: an error with --strict. */
static cjmap_layout *lay_out(cj_cli *cli, const cj_build *b, const char *file,
                             const cjmap_model *m, cjmap_measurer *ms, int *rc) {
    cjmap_layout *l = cjmap_layout_new(m, &b->lo, ms);
    if (!l) {
        cj_cli_error(cli, "out of memory while laying out '%s'", m->title);
        *rc = CJ_EXIT_IO;
        return NULL;
    }
    if (b->lo.fit != CJMAP_FIT_NONE && !fit_ok(cli, b, file, m, ms, l, rc)) {
        cjmap_layout_free(l);
        return NULL;
    }
    double over;
    size_t n = cjmap_layout_clipped(l, &over);
    if (!n) return l;
    char hint[128];
    if (b->lo.page != CJMAP_PAGE_AUTO)
        snprintf(hint, sizeof hint, "use a larger --page, or shorten the longest texts");
    else if (b->lo.max_side < b->side)
        snprintf(hint, sizeof hint,
                 "lower --dpi (now %g; a PNG page is at most 16384 px), or "
                 "shorten the longest texts",
                 b->lo.dpi);
    else
        snprintf(hint, sizeof hint, "raise --max-side (now %g pt), or shorten the longest texts",
                 b->lo.max_side);
    if (cj_cli_file_warning(cli, file, "map-cut-off",
                            "the map of '%s' does not fit its pages: %zu %s taller than a page "
                            "%s cut off, by up to %.0f pt; %s",
                            file, n, n == 1 ? "part" : "parts", n == 1 ? "is" : "are", over,
                            hint)) {
        cjmap_layout_free(l);
        *rc = CJ_EXIT_INVALID;
        return NULL;
    }
    return l;
}

cj_build *cj_build_new(cj_cli *cli, int argc, char **argv, const char *help, unsigned flags,
                       int *rcp) {
    cj_build *b = calloc(1, sizeof *b);
    if (b) b->files = calloc((size_t)argc, sizeof *b->files);
    if (!b || !b->files) {
        free(b);
        cj_cli_error(cli, "out of memory");
        *rcp = CJ_EXIT_IO;
        return NULL;
    }
    b->cmd = argv[0];
    b->lo.dpi = 144;
    bool dashdash = false;
    const char *orient = NULL; /* --portrait or --landscape, as given */
    int rc = CJ_EXIT_OK;
    bool helped = false;
#define USAGE(...) do { rc = usage(cli, b, __VA_ARGS__); goto done; } while (0)
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v;
        bool missing = false;
        if (dashdash || a[0] != '-' || strcmp(a, "-") == 0) {
            b->files[b->n_files++] = a;
        } else if (strcmp(a, "--") == 0) {
            dashdash = true;
        } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(help, stdout);
            helped = true;
            goto done;
        } else if ((v = opt_arg(argc, argv, &i, "--output-dir", "-O", &missing)) || missing) {
            if (missing) USAGE("option '%s' needs a value", a);
            b->dir = v;
        } else if ((v = opt_arg(argc, argv, &i, "--output", "-o", &missing)) || missing) {
            if (missing) USAGE("option '%s' needs a value", a);
            b->out = v;
        } else if ((v = opt_arg(argc, argv, &i, "--format", "-f", &missing)) || missing) {
            if (missing) USAGE("option '%s' needs a value", a);
            b->format = v;
        } else if ((v = opt_arg(argc, argv, &i, "--page", NULL, &missing)) || missing) {
            if (missing) USAGE("option '%s' needs a value", a);
            if (!parse_page(v, &b->lo.page))
                USAGE("invalid page '%s'; use auto, A4, A3, A2, A1, A0, letter or tabloid", v);
        } else if ((v = opt_arg(argc, argv, &i, "--fit", NULL, &missing)) || missing) {
            if (missing) USAGE("option '%s' needs a value", a);
            if (strcmp(v, "page") == 0)
                b->lo.fit = CJMAP_FIT_PAGE;
            else if (strcmp(v, "width") == 0)
                b->lo.fit = CJMAP_FIT_WIDTH;
            else if (strcmp(v, "none") == 0)
                b->lo.fit = CJMAP_FIT_NONE;
            else
                USAGE("invalid --fit '%s'; use page, width or none", v);
        } else if ((v = opt_arg(argc, argv, &i, "--layout", NULL, &missing)) || missing) {
            if (missing) USAGE("option '%s' needs a value", a);
            if (strcmp(v, "rows") == 0)
                b->lo.arrange = CJMAP_ARRANGE_ROWS;
            else if (strcmp(v, "columns") == 0)
                b->lo.arrange = CJMAP_ARRANGE_COLUMNS;
            else
                USAGE("invalid --layout '%s'; use rows or columns", v);
        } else if ((v = opt_arg(argc, argv, &i, "--theme", NULL, &missing)) || missing) {
            if (missing) USAGE("option '%s' needs a value", a);
            if (strcmp(v, "default") == 0) b->lo.theme = CJMAP_THEME_DEFAULT;
            else if (strcmp(v, "mono") == 0) b->lo.theme = CJMAP_THEME_MONO;
            else USAGE("invalid theme '%s'; use default or mono", v);
        } else if ((v = opt_arg(argc, argv, &i, "--dpi", NULL, &missing)) || missing) {
            if (missing) USAGE("option '%s' needs a value", a);
            char *end;
            errno = 0;
            long d = strtol(v, &end, 10);
            if (errno || *end || d < 18 || d > 2400)
                USAGE("invalid --dpi '%s'; use a whole number from 18 to 2400", v);
            b->lo.dpi = (double)d;
        } else if ((v = opt_arg(argc, argv, &i, "--max-side", NULL, &missing)) || missing) {
            if (missing) USAGE("option '%s' needs a value", a);
            char *end;
            errno = 0;
            long d = strtol(v, &end, 10);
            if (errno || *end || d < 400 || d > (long)CJMAP_MAX_PAGE_SIDE)
                USAGE("invalid --max-side '%s'; use a whole number of points from 400 to 14400", v);
            b->lo.max_side = (double)d;
        } else if (strcmp(a, "--landscape") == 0) {
            b->lo.portrait = false;
            orient = a;
        } else if (strcmp(a, "--portrait") == 0) {
            b->lo.portrait = true;
            orient = a;
        } else {
            USAGE("unknown option '%s' for '%s'", a, b->cmd);
        }
    }
    if (!b->n_files) USAGE("'%s' needs a FILE", b->cmd);
    if ((flags & CJ_BUILD_LAYOUT_ONLY) && (b->out || b->dir || b->format || b->lo.dpi != 144))
        USAGE("'%s' shows the maps as SVG in the browser: -o, -O, -f and --dpi do not apply",
              b->cmd);
    for (size_t i = 0; (flags & CJ_BUILD_FILES_ONLY) && i < b->n_files; i++)
        if (strcmp(b->files[i], "-") == 0)
            USAGE("'%s' needs files it can watch; it cannot read standard input ('-')", b->cmd);
    if ((flags & CJ_BUILD_FILES_ONLY) && b->out && strcmp(b->out, "-") == 0)
        USAGE("'%s' writes files, not standard output; give -o a file name", b->cmd);
    if (b->out && b->dir)
        USAGE("-o and -O exclude each other: -o writes one file, -O one per input");
    if (b->lo.max_side > 0 && b->lo.page != CJMAP_PAGE_AUTO)
        USAGE("--max-side sizes auto pages; with --page the paper decides the page size");
    /* An auto page takes the map's own shape: an orientation would change
     * nothing, and must not look as if it had been applied. */
    if (b->lo.fit != CJMAP_FIT_NONE && b->lo.page == CJMAP_PAGE_AUTO)
        USAGE("--fit fits the map to a paper; give one with --page (e.g. --page A3 --fit=%s)",
              b->lo.fit == CJMAP_FIT_PAGE ? "page" : "width");
    if (orient && b->lo.page == CJMAP_PAGE_AUTO)
        USAGE("%s turns a paper; give one with --page (e.g. --page A4 %s)%s", orient, orient,
              b->lo.portrait ? ", or for a tall map on an auto page use --layout=rows" : "");
    b->fmt = CJMAP_FORMAT_PDF;
    if (b->format) {
        if (!parse_format(b->format, &b->fmt))
            USAGE("invalid format '%s'; use pdf, svg or png", b->format);
    } else if (b->out && strcmp(b->out, "-") == 0) {
        USAGE("writing to standard output needs -f pdf|svg|png");
    } else if (b->out) {
        const char *e = ext_of(b->out);
        if (!e || !parse_format(e, &b->fmt))
            USAGE("cannot tell the format from '%s'; name it .pdf, .svg or .png, or use -f",
                  b->out);
    }
    b->one_output = b->out != NULL || (b->n_files == 1 && !b->dir);
    if (b->out && b->n_files > 1 && b->fmt != CJMAP_FORMAT_PDF)
        USAGE("several journeys go into one file only as PDF; use -O DIR for one %s per journey",
              fmt_ext[b->fmt]);
    for (size_t i = 0; i < b->n_files; i++)
        if (strcmp(b->files[i], "-") == 0 && !b->out) USAGE("reading standard input needs -o OUT");
    if (b->dir) {
        struct stat st;
        if (stat(b->dir, &st) == 0 && !S_ISDIR(st.st_mode)) {
            cj_cli_error(cli, "output directory '%s' is not a directory", b->dir);
            rc = CJ_EXIT_IO;
            goto done;
        }
    }
    b->lo.date_set = source_date(&b->lo.date);
    if (!(b->lo.max_side > 0)) b->lo.max_side = CJMAP_DEFAULT_PAGE_SIDE;
    b->side = b->lo.max_side;
    if (b->fmt == CJMAP_FORMAT_PNG)
        b->lo.max_side = fmin(b->lo.max_side, cjmap_png_max_side(b->lo.dpi));
done:
    *rcp = rc;
    if (rc == CJ_EXIT_OK && !helped) return b;
    cj_build_free(b);
    return NULL;
#undef USAGE
}

cjmap_layout *cj_build_layout(cj_cli *cli, cj_build *b, const char *file, const cjmap_model *m) {
    if (!b->ms && !(b->ms = cjmap_measurer_pango_new())) {
        cj_cli_error(cli, "cannot set up fonts (pango/fontconfig) to lay the map out");
        return NULL;
    }
    int rc = CJ_EXIT_OK;
    return lay_out(cli, b, file, m, b->ms, &rc);
}

void cj_build_free(cj_build *b) {
    if (!b) return;
    cjmap_measurer_free(b->ms);
    free(b->files);
    free(b);
}

size_t cj_build_file_count(const cj_build *b) { return b->n_files; }
const char *cj_build_file(const cj_build *b, size_t i) { return b->files[i]; }
bool cj_build_one_output(const cj_build *b) { return b->one_output; }

void cj_build_on_write(cj_build *b, cj_build_wrote_fn *fn, void *closure) {
    b->wrote = fn;
    b->wrote_closure = closure;
}

int cj_build_run(cj_cli *cli, cj_build *b, const size_t *which, size_t n_which) {
    int rc = CJ_EXIT_OK;
    /* One output holds every input: it is never made of a part of them. */
    bool subset = which && !b->one_output;
    size_t n = subset ? n_which : b->n_files;
    const char **files = malloc((n ? n : 1) * sizeof *files);
    if (!files) {
        cj_cli_error(cli, "out of memory");
        return CJ_EXIT_IO;
    }
    for (size_t i = 0; i < n; i++) {
        size_t k = subset ? which[i] : i;
        files[i] = b->files[k < b->n_files ? k : 0];
    }
    bool make_dir = false; /* -O names a folder that is not there yet */
    if (b->dir) {
        struct stat st;
        make_dir = stat(b->dir, &st) != 0;
    }

    /* Load every input first: all diagnostics, in order, before any output. */
    cj_cli_diags_begin(cli, b->out && strcmp(b->out, "-") == 0);
    cjmap_journey **js = calloc(n, sizeof *js);
    cjmap_layout **ls = calloc(n, sizeof *ls);
    cjmap_measurer *ms = b->ms;
    bool any_invalid = false;
    if (!js || !ls) {
        cj_cli_error(cli, "out of memory");
        rc = CJ_EXIT_IO;
        goto cleanup;
    }
    for (size_t i = 0; i < n; i++) {
        js[i] = cj_cli_load(cli, files[i]);
        if (!js[i] || cj_cli_failed(cli, js[i])) any_invalid = true;
    }
    if (any_invalid) rc = CJ_EXIT_INVALID;
    if (b->one_output && any_invalid) goto cleanup; /* nothing partial in one file */
    if (!ms) ms = b->ms = cjmap_measurer_pango_new();
    if (!ms) {
        cj_cli_error(cli, "cannot set up fonts (pango/fontconfig) to lay the map out");
        rc = CJ_EXIT_IO;
        goto cleanup;
    }
    if (b->one_output) {
        /* A layout owns copies of what it draws: each journey (source,
         * syntax tree, model) is released as soon as it is laid out, so it
         * is not held while drawing (measured: a tenth of the peak). */
        for (size_t i = 0; i < n && rc == CJ_EXIT_OK; i++) {
            ls[i] = lay_out(cli, b, files[i], cjmap_journey_model(js[i]), ms, &rc);
            cjmap_journey_free(js[i]);
            js[i] = NULL;
        }
        char *target = b->out ? xstrdup(b->out) : output_for(files[0], NULL, b->fmt);
        if (rc == CJ_EXIT_OK && target)
            rc = write_maps(cli, b, target, (const cjmap_layout *const *)ls, n);
        free(target);
    } else {
        /* The folder is made once the inputs are checked, and only when
         * there is something to put in it. */
        bool any_valid = false;
        for (size_t i = 0; i < n; i++)
            any_valid = any_valid || (js[i] && !cj_cli_failed(cli, js[i]));
        if (make_dir && any_valid) {
            int e = make_dirs(b->dir);
            if (e) {
                cj_cli_error(cli, "cannot create folder '%s': %s", b->dir, strerror(e));
                rc = CJ_EXIT_IO;
                goto cleanup;
            }
        }
        for (size_t i = 0; i < n; i++) {
            if (!js[i] || cj_cli_failed(cli, js[i])) continue;
            int r = CJ_EXIT_OK;
            cjmap_layout *l = lay_out(cli, b, files[i], cjmap_journey_model(js[i]), ms, &r);
            cjmap_journey_free(js[i]);
            js[i] = NULL;
            char *target = l ? output_for(files[i], b->dir, b->fmt) : NULL;
            if (l)
                r = target ? write_maps(cli, b, target, (const cjmap_layout *const *)&l, 1)
                           : CJ_EXIT_IO;
            if (r > rc) rc = r; /* IO (3) and usage (2) outrank invalid input (1) */
            free(target);
            cjmap_layout_free(l);
        }
    }
cleanup:
    cj_cli_diags_end(cli);
    for (size_t i = 0; ls && i < n; i++) cjmap_layout_free(ls[i]);
    for (size_t i = 0; js && i < n; i++) cjmap_journey_free(js[i]);
    free(ls);
    free(js);
    free(files);
    return rc;
}

int cj_cli_build(cj_cli *cli, int argc, char **argv) {
    int rc;
    cj_build *b = cj_build_new(cli, argc, argv, cj_build_help, 0, &rc);
    if (!b) return rc;
    rc = cj_build_run(cli, b, NULL, 0);
    cj_build_free(b);
    return rc;
}
