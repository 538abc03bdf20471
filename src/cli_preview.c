/*
** cli_preview.c — `cjmap preview FILE... [--port N] [--host ADDR] [--open]
** [layout options]`: a local web server whose page shows the maps and
** follows every save.
**
** Contract:
**   - The journeys are watched by cli_watcher.c (as `watch` watches them)
**     and laid out with build's options (cj_build_new: --page, --fit,
**     --layout, --theme, ...); every page is rendered as SVG in memory.
**     An invalid save keeps the last good pages and records the
**     diagnostics; the page shows them over the map until a save is valid.
**   - HTTP through libsoup 3 on GLib's main loop.  What is served is a
**     fixed table, never a path of the file system: `/` (the page),
**     `/preview.js`, `/preview.css`, `/favicon.ico` (none: 204), `/state` (JSON: each journey's
*name,
**     version, pages, errors and diagnostics), `/map/F/P.svg` (page P of
**     journey F, both numbers, from memory) and `/events` (server-sent
**     events: the state again after every change).  Anything else is 404;
**     a method other than GET or HEAD is 405, a request with a body 413.
**   - Listening: 127.0.0.1 only, unless --host names another address
**     (then a warning says who can reach it).  Every request's Host must
**     be an IP address or `localhost` (with the port or not): a DNS name
**     pointing at this machine (DNS rebinding) is refused with 403.  No
**     CORS headers; a strict Content-Security-Policy; nothing cached.
**   - Bounded: at most MAX_CLIENTS event streams and MAX_REQUESTS requests
**     in flight at once (503 beyond, and the connection closed);
**     every journey is read with `check`'s limits.
**   - The first line on standard output is the page's URL; --port 0 (the
**     default) takes a free port.  --open starts $BROWSER, else xdg-open.
**     One line per rebuild on standard error, as `watch` prints them.
**   - SIGINT, SIGTERM and SIGHUP end it (exit 0).
*/
#include "cli.h"

#include <cjmap_render.h>

#include <errno.h>
#include <gio/gio.h>
#include <glib-unix.h>
#include <glib.h>
#include <jansson.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

const char cj_preview_help[] =
    "Usage: cjmap preview [OPTIONS] FILE...\n"
    "\n"
    "Serve a live preview of the journeys on this machine: a web page that shows\n"
    "each map (every page of a paginated one; several FILEs get an index) and\n"
    "updates it in place on every save, keeping zoom and scroll.  While a journey\n"
    "is invalid the page shows its diagnostics (file:line:col, message, source\n"
    "line) over the last good map; the next valid save clears them.\n"
    "\n"
    "Options:\n"
    "  --port=N       the port to listen on (default 0: a free one)\n"
    "  --host=ADDR    the address to listen on (default 127.0.0.1: this machine\n"
    "                 only); another address lets others on that network see\n"
    "                 your journeys, and says so\n"
    "  --open         open the page in $BROWSER, else with xdg-open\n"
    "  and the layout options of 'cjmap build': --page, --portrait, --landscape,\n"
    "  --fit, --layout, --theme, --max-side (see 'cjmap help build').\n"
    "\n"
    "The first line on standard output is the page's address, e.g.\n"
    "http://127.0.0.1:41265/ ; one line per rebuild goes to standard error.\n"
    "Saves are seen as 'cjmap watch' sees them (in place, by renaming a\n"
    "temporary file, by deleting and re-creating).  Only the page and the\n"
    "current maps are served, from memory; requests naming another host than\n"
    "an IP address or localhost are refused.  Ctrl-C ends it (exit 0).\n";

enum { DEBOUNCE_MS = 30, MAX_CLIENTS = 32, MAX_REQUESTS = 64, KEEPALIVE_S = 15 };

/* The page's files, embedded at build time from src/preview/ (Makefile). */
extern const unsigned char cj_preview_index_html[], cj_preview_js[], cj_preview_css[];
extern const size_t cj_preview_index_html_len, cj_preview_js_len, cj_preview_css_len;

typedef struct pv_file {
    const char *path;
    char *name;       /* for the page: the path as given */
    unsigned version; /* bumped on every change of what is shown */
    GPtrArray *pages; /* GBytes of SVG: the last good map */
    json_t *diags;    /* the last load's diagnostics (array) */
    size_t errors;
    bool gone;
} pv_file;

typedef struct preview {
    cj_cli *cli;
    cj_build *b;
    pv_file *files;
    size_t n;
    bool quiet;
    SoupServer *server;
    GPtrArray *clients; /* SoupServerMessage of the event streams */
    unsigned in_flight; /* requests started and not finished (event streams too) */
    GMainLoop *loop;
} preview;

/* ---- the journeys ----------------------------------------------------- */

static void stamp(const preview *p) {
    if (p->quiet) return;
    time_t t = time(NULL);
    char s[16];
    strftime(s, sizeof s, "%H:%M:%S", localtime(&t));
    fprintf(stderr, "%s ", s);
}

static bool collect(void *closure, const unsigned char *data, size_t len) {
    g_byte_array_append(closure, data, (guint)len);
    return true;
}

/* Line `line` (1-based) of bytes. */
static char *source_line(const char *bytes, size_t len, uint32_t line) {
    size_t i = 0;
    for (uint32_t l = 1; l < line && i < len; i++)
        if (bytes[i] == '\n') l++;
    size_t e = i;
    while (e < len && bytes[e] != '\n' && bytes[e] != '\r')
        e++;
    return g_strndup(bytes + i, e - i);
}

static json_t *diagnostics(const pv_file *f, const cjmap_journey *j, const char *bytes,
                           size_t len) {
    static const char *const sev[] = {"note", "warning", "error"};
    json_t *a = json_array();
    for (size_t i = 0; j && i < cjmap_journey_diag_count(j); i++) {
        const cjmap_diag *g = cjmap_journey_diag(j, i);
        char *src = g->span.line ? source_line(bytes, len, g->span.line) : g_strdup("");
        json_array_append_new(a, json_pack("{s:s, s:i, s:i, s:s, s:s, s:s, s:s}", "file", f->name,
                                           "line", (int)g->span.line, "column", (int)g->span.col,
                                           "severity", sev[g->severity], "code", g->code, "message",
                                           g->message, "source",
                                           g_utf8_validate(src, -1, NULL) ? src : ""));
        g_free(src);
    }
    return a;
}

static void broadcast(preview *p);

/* Loads, lays out and renders journey i from `bytes`. */
static void render(preview *p, size_t i, const char *bytes, size_t len) {
    pv_file *f = &p->files[i];
    gint64 t0 = g_get_monotonic_time();
    cjmap_journey *j = cjmap_journey_load(f->name, bytes, len, &p->cli->load);
    if (!j) {
        cj_cli_error(p->cli, "out of memory");
        return;
    }
    cjmap_journey_print_diags(j, stderr, p->cli->print_flags);
    json_decref(f->diags);
    f->diags = diagnostics(f, j, bytes, len);
    f->errors = cjmap_journey_error_count(j);
    f->gone = false;
    const cjmap_model *m = cjmap_journey_model(j);
    cjmap_layout *l =
        m && !cj_cli_failed(p->cli, j) ? cj_build_layout(p->cli, p->b, f->name, m) : NULL;
    if (m && !l && !f->errors) f->errors = 1; /* reported by the layout */
    if (l) {
        GPtrArray *pages = g_ptr_array_new_with_free_func((GDestroyNotify)g_bytes_unref);
        bool ok = true;
        for (size_t k = 0; k < cjmap_layout_page_count(l) && ok; k++) {
            GByteArray *svg = g_byte_array_new();
            ok = cjmap_render(l, CJMAP_FORMAT_SVG, k, collect, svg);
            g_ptr_array_add(pages, g_byte_array_free_to_bytes(svg));
        }
        if (ok) {
            if (f->pages) g_ptr_array_unref(f->pages);
            f->pages = pages;
        } else {
            g_ptr_array_unref(pages);
            f->errors = 1;
        }
        cjmap_layout_free(l);
    }
    cjmap_journey_free(j);
    f->version++;
    stamp(p);
    if (!p->quiet) {
        cj_cli_put_printable(f->name, stderr);
        if (f->errors)
            fprintf(stderr, ": %zu error%s; the page shows them over the last good map\n",
                    f->errors, f->errors == 1 ? "" : "s");
        else
            fprintf(stderr, ": %u page%s (%lld ms)\n", f->pages ? f->pages->len : 0,
                    f->pages && f->pages->len == 1 ? "" : "s",
                    (long long)(g_get_monotonic_time() - t0) / 1000);
    }
}

static void on_changed(void *closure, size_t i, const char *bytes, size_t len) {
    render(closure, i, bytes, len);
}

static void on_gone(void *closure, size_t i) {
    preview *p = closure;
    pv_file *f = &p->files[i];
    f->gone = true;
    f->version++;
    stamp(p);
    if (!p->quiet) {
        cj_cli_put_printable(f->name, stderr);
        fputs(": gone; waiting for it to come back\n", stderr);
    }
}

static void on_unreadable(void *closure, size_t i, int err) {
    preview *p = closure;
    stamp(p);
    if (!p->quiet) {
        cj_cli_put_printable(p->files[i].name, stderr);
        fprintf(stderr, ": cannot read it: %s\n", strerror(err));
    }
}

static void on_settled(void *closure) { broadcast(closure); }

/* ---- state and events --------------------------------------------------- */

static char *state_json(const preview *p) {
    json_t *files = json_array();
    for (size_t i = 0; i < p->n; i++) {
        const pv_file *f = &p->files[i];
        json_array_append_new(files, json_pack("{s:s, s:i, s:i, s:i, s:b, s:O}", "name", f->name,
                                               "version", (int)f->version, "pages",
                                               f->pages ? (int)f->pages->len : 0, "errors",
                                               (int)f->errors, "gone", f->gone, "diagnostics",
                                               f->diags ? f->diags : json_array()));
    }
    json_t *s = json_pack("{s:o}", "files", files);
    char *out = json_dumps(s, JSON_COMPACT);
    json_decref(s);
    return out;
}

static void send_event(SoupServerMessage *msg, const char *text) {
    SoupMessageBody *body = soup_server_message_get_response_body(msg);
    soup_message_body_append(body, SOUP_MEMORY_COPY, text, strlen(text));
    soup_server_message_unpause(msg);
}

static void broadcast(preview *p) {
    char *s = state_json(p);
    if (!s) return;
    char *ev = g_strdup_printf("event: state\ndata: %s\n\n", s);
    for (guint i = 0; i < p->clients->len; i++)
        send_event(g_ptr_array_index(p->clients, i), ev);
    g_free(ev);
    free(s);
}

static void client_gone(SoupServerMessage *msg, gpointer data) {
    preview *p = data;
    g_ptr_array_remove(p->clients, msg);
}

/* Ends the event streams whose browser has gone (its socket reads end of
 * file): libsoup only notices when a write fails, and a slot must not wait
 * for the next keep-alive. */
static void prune(preview *p) {
    for (guint i = p->clients->len; i-- > 0;) {
        SoupServerMessage *m = g_ptr_array_index(p->clients, i);
        GSocket *sock = soup_server_message_get_socket(m);
        if (!sock) continue;
        GIOCondition c = g_socket_condition_check(sock, G_IO_IN | G_IO_HUP | G_IO_ERR);
        char b;
        if (!c || ((c & G_IO_IN) && !(c & (G_IO_HUP | G_IO_ERR)) &&
                   recv(g_socket_get_fd(sock), &b, 1, MSG_PEEK | MSG_DONTWAIT) != 0))
            continue;
        g_ptr_array_remove_index(p->clients, i);
        soup_message_body_complete(soup_server_message_get_response_body(m));
        soup_server_message_unpause(m);
    }
}

static gboolean keepalive(gpointer data) {
    preview *p = data;
    for (guint i = 0; i < p->clients->len; i++)
        send_event(g_ptr_array_index(p->clients, i), ": keep-alive\n\n");
    return G_SOURCE_CONTINUE;
}

/* ---- HTTP ------------------------------------------------------------- */

static void respond(SoupServerMessage *msg, guint status, const char *type, const void *data,
                    size_t len, bool copy) {
    soup_server_message_set_status(msg, status, NULL);
    soup_server_message_set_response(msg, type, copy ? SOUP_MEMORY_COPY : SOUP_MEMORY_STATIC, data,
                                     len);
}

static void refuse(SoupServerMessage *msg, guint status, const char *why) {
    SoupMessageHeaders *h = soup_server_message_get_response_headers(msg);
    soup_message_headers_replace(h, "Connection", "close");
    respond(msg, status, "text/plain; charset=utf-8", why, strlen(why), true);
}

/* Whether a Host header names this machine safely: an IP address or
 * localhost, with or without a port (note at the top: DNS rebinding). */
static bool host_ok(const char *host) {
    if (!host || !*host) return false;
    char *h = g_strdup(host);
    if (h[0] == '[') { /* [::1]:port */
        char *close = strchr(h, ']');
        if (!close || (close[1] && close[1] != ':')) {
            g_free(h);
            return false;
        }
        *close = '\0';
        memmove(h, h + 1, (size_t)(close - h));
    } else {
        char *colon = strrchr(h, ':');
        if (colon && strchr(h, ':') == colon) *colon = '\0'; /* host:port */
    }
    bool ok = g_ascii_strcasecmp(h, "localhost") == 0 || g_hostname_is_ip_address(h);
    g_free(h);
    return ok;
}

static void started(SoupServer *server, SoupServerMessage *msg, gpointer data) {
    (void)server, (void)msg;
    ((preview *)data)->in_flight++;
}

static void ended(SoupServer *server, SoupServerMessage *msg, gpointer data) {
    (void)server, (void)msg;
    preview *p = data;
    if (p->in_flight) p->in_flight--;
}

static void early(SoupServer *server, SoupServerMessage *msg, const char *path, GHashTable *query,
                  gpointer data) {
    (void)server, (void)path, (void)query;
    preview *p = data;
    SoupMessageHeaders *h = soup_server_message_get_request_headers(msg);
    const char *method = soup_server_message_get_method(msg);
    if (p->in_flight > MAX_REQUESTS)
        refuse(msg, SOUP_STATUS_SERVICE_UNAVAILABLE, "too many requests at once\n");
    else if (!host_ok(soup_message_headers_get_one(h, "Host")))
        refuse(msg, SOUP_STATUS_FORBIDDEN,
               "cjmap preview answers requests to an IP address or localhost only\n");
    else if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0)
        refuse(msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "only GET and HEAD\n");
    else if (soup_message_headers_get_encoding(h) != SOUP_ENCODING_NONE &&
             (soup_message_headers_get_encoding(h) != SOUP_ENCODING_CONTENT_LENGTH ||
              soup_message_headers_get_content_length(h) > 0))
        refuse(msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "no request bodies\n");
}

static void headers(SoupServerMessage *msg) {
    SoupMessageHeaders *h = soup_server_message_get_response_headers(msg);
    soup_message_headers_replace(h, "Cache-Control", "no-store");
    soup_message_headers_replace(h, "X-Content-Type-Options", "nosniff");
    soup_message_headers_replace(h, "Referrer-Policy", "no-referrer");
    soup_message_headers_replace(h, "Content-Security-Policy",
                                 "default-src 'none'; script-src 'self'; style-src 'self'; "
                                 "img-src 'self'; connect-src 'self'; base-uri 'none'; "
                                 "form-action 'none'; frame-ancestors 'none'");
}

/* "/map/F/P.svg": journey F (0-based), page P (1-based). */
static bool map_path(const char *path, size_t *f, size_t *page) {
    unsigned long a, b;
    int used = 0;
    if (sscanf(path, "/map/%lu/%lu.svg%n", &a, &b, &used) != 2 || path[used] != '\0' ||
        strspn(path + 5, "0123456789/.svg") != strlen(path + 5) || b == 0)
        return false;
    *f = a, *page = b - 1;
    return true;
}

static void handle(SoupServer *server, SoupServerMessage *msg, const char *path, GHashTable *query,
                   gpointer data) {
    (void)server, (void)query;
    preview *p = data;
    headers(msg);
    size_t f, page;
    if (strcmp(path, "/") == 0) {
        respond(msg, 200, "text/html; charset=utf-8", cj_preview_index_html,
                cj_preview_index_html_len, false);
    } else if (strcmp(path, "/preview.js") == 0) {
        respond(msg, 200, "text/javascript; charset=utf-8", cj_preview_js, cj_preview_js_len,
                false);
    } else if (strcmp(path, "/preview.css") == 0) {
        respond(msg, 200, "text/css; charset=utf-8", cj_preview_css, cj_preview_css_len, false);
    } else if (strcmp(path, "/favicon.ico") == 0) {
        soup_server_message_set_status(msg, SOUP_STATUS_NO_CONTENT, NULL);
    } else if (strcmp(path, "/state") == 0) {
        char *s = state_json(p);
        if (!s) {
            refuse(msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "out of memory\n");
            return;
        }
        respond(msg, 200, "application/json", s, strlen(s), true);
        free(s);
    } else if (map_path(path, &f, &page)) {
        if (f >= p->n || !p->files[f].pages || page >= p->files[f].pages->len) {
            refuse(msg, SOUP_STATUS_NOT_FOUND, "no such map or page\n");
            return;
        }
        gsize len;
        GBytes *svg = g_ptr_array_index(p->files[f].pages, page);
        const void *d = g_bytes_get_data(svg, &len);
        respond(msg, 200, "image/svg+xml", d, len, true);
    } else if (strcmp(path, "/events") == 0) {
        if (p->clients->len >= MAX_CLIENTS) prune(p);
        if (p->clients->len >= MAX_CLIENTS) {
            refuse(msg, SOUP_STATUS_SERVICE_UNAVAILABLE, "too many open previews\n");
            return;
        }
        SoupMessageHeaders *h = soup_server_message_get_response_headers(msg);
        soup_message_headers_set_encoding(h, SOUP_ENCODING_CHUNKED);
        soup_message_headers_set_content_type(h, "text/event-stream", NULL);
        soup_server_message_set_status(msg, 200, NULL);
        soup_message_body_set_accumulate(soup_server_message_get_response_body(msg), FALSE);
        g_ptr_array_add(p->clients, msg);
        g_signal_connect(msg, "finished", G_CALLBACK(client_gone), p);
        char *s = state_json(p);
        char *ev = g_strdup_printf("retry: 1000\nevent: state\ndata: %s\n\n", s ? s : "{}");
        SoupMessageBody *body = soup_server_message_get_response_body(msg);
        soup_message_body_append(body, SOUP_MEMORY_COPY, ev, strlen(ev));
        g_free(ev);
        free(s);
    } else {
        refuse(msg, SOUP_STATUS_NOT_FOUND, "not found\n");
    }
}

/* ---- the command ------------------------------------------------------ */

static gboolean on_signal(gpointer data) {
    g_main_loop_quit(data);
    return G_SOURCE_CONTINUE;
}

static void open_browser(const cj_cli *cli, const char *url) {
    const char *browser = getenv("BROWSER");
    char *cmd = g_strdup(browser && *browser ? browser : "xdg-open");
    char *colon = strchr(cmd, ':'); /* BROWSER may list several: the first */
    if (colon) *colon = '\0';
    char *q = g_shell_quote(url), *pct = strstr(cmd, "%s"), *line;
    if (pct) { /* BROWSER="firefox --new-tab %s" */
        *pct = '\0';
        line = g_strconcat(cmd, q, pct + 2, NULL);
    } else {
        line = g_strconcat(cmd, " ", q, NULL);
    }
    char **argv = NULL;
    GError *e = NULL;
    if (!g_shell_parse_argv(line, NULL, &argv, &e) ||
        !g_spawn_async(NULL, argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL, NULL,
                       NULL, NULL, &e))
        cj_cli_error(cli, "cannot open a browser with '%s': %s; open %s yourself", line,
                     e ? e->message : "?", url);
    g_clear_error(&e);
    g_strfreev(argv);
    g_free(line);
    g_free(q);
    g_free(cmd);
}

/* Takes --port, --host and --open out of argv; the rest is build's. */
static int own_options(cj_cli *cli, int *argc, char **argv, long *port, const char **host,
                       bool *open) {
    int o = 1;
    for (int i = 1; i < *argc; i++) {
        const char *a = argv[i], *v = NULL;
        if (strcmp(a, "--open") == 0) {
            *open = true;
            continue;
        }
        bool is_port = strncmp(a, "--port", 6) == 0 && (a[6] == '\0' || a[6] == '=');
        bool is_host = strncmp(a, "--host", 6) == 0 && (a[6] == '\0' || a[6] == '=');
        if (!is_port && !is_host) {
            argv[o++] = argv[i];
            continue;
        }
        if (a[6] == '=')
            v = a + 7;
        else if (i + 1 < *argc)
            v = argv[++i];
        else
            return cj_cli_usage(cli, "preview", "'%s' needs a value", a);
        if (is_host) {
            if (!g_hostname_is_ip_address(v))
                return cj_cli_usage(cli, "preview",
                                    "--host needs an IP address (e.g. 127.0.0.1 or ::1), not '%s'",
                                    v);
            *host = v;
            continue;
        }
        char *end;
        errno = 0;
        *port = strtol(v, &end, 10);
        if (errno || *end || end == v || *port < 0 || *port > 65535)
            return cj_cli_usage(cli, "preview", "--port needs a number from 0 to 65535, not '%s'",
                                v);
    }
    *argc = o;
    return CJ_EXIT_OK;
}

static bool listen_on(cj_cli *cli, SoupServer *s, const char *host, long port) {
    GError *e = NULL;
    bool ok;
    if (!host) {
        ok = soup_server_listen_local(s, (guint)port, SOUP_SERVER_LISTEN_IPV4_ONLY, &e);
    } else {
        GInetAddress *ia = g_inet_address_new_from_string(host); /* checked by own_options */
        if (!ia) return false;
        if (!g_inet_address_get_is_loopback(ia))
            fprintf(stderr,
                    "%s: warning: listening on %s, not only on this machine: anyone who can reach "
                    "this address can see the journeys\n",
                    cli->prog, host);
        GSocketAddress *sa = g_inet_socket_address_new(ia, (guint16)port);
        ok = soup_server_listen(s, sa, 0, &e);
        g_object_unref(sa);
        g_object_unref(ia);
    }
    if (!ok) cj_cli_error(cli, "cannot listen on port %ld: %s", port, e ? e->message : "?");
    g_clear_error(&e);
    return ok;
}

int cj_cli_preview(cj_cli *cli, int argc, char **argv) {
    long port = 0;
    const char *host = NULL;
    bool open = false;
    int rc = own_options(cli, &argc, argv, &port, &host, &open);
    if (rc != CJ_EXIT_OK) return rc;
    cj_build *b = cj_build_new(cli, argc, argv, cj_preview_help,
                               CJ_BUILD_FILES_ONLY | CJ_BUILD_LAYOUT_ONLY, &rc);
    if (!b) return rc;
    preview P = {.cli = cli,
                 .b = b,
                 .n = cj_build_file_count(b),
                 .quiet = cli->print_flags & CJMAP_PRINT_ERRORS_ONLY};
    preview *p = &P;
    p->files = calloc(p->n, sizeof *p->files);
    const char **paths = calloc(p->n, sizeof *paths);
    for (size_t i = 0; i < p->n; i++) {
        paths[i] = p->files[i].path = cj_build_file(b, i);
        p->files[i].name = g_strdup(paths[i]);
        if (!g_file_test(paths[i], G_FILE_TEST_EXISTS)) {
            cj_cli_file_error(cli, paths[i], "cannot-read", "cannot read '%s': %s", paths[i],
                              strerror(ENOENT));
            rc = CJ_EXIT_INVALID;
        }
    }
    p->clients = g_ptr_array_new();
    p->loop = g_main_loop_new(NULL, FALSE);
    cj_watcher *w = NULL;
    char *err = NULL;
    if (rc == CJ_EXIT_OK) {
        p->server = soup_server_new("server-header", "cjmap-preview", NULL);
        g_signal_connect(p->server, "request-started", G_CALLBACK(started), p);
        g_signal_connect(p->server, "request-finished", G_CALLBACK(ended), p);
        g_signal_connect(p->server, "request-aborted", G_CALLBACK(ended), p);
        soup_server_add_early_handler(p->server, NULL, early, p, NULL);
        soup_server_add_handler(p->server, NULL, handle, p, NULL);
        if (!listen_on(cli, p->server, host, port)) rc = CJ_EXIT_IO;
    }
    if (rc == CJ_EXIT_OK) {
        static const cj_watch_hooks hooks = {on_changed, on_gone, on_unreadable, on_settled};
        size_t limit = cli->load.max_input ? cli->load.max_input : CJMAP_DEFAULT_MAX_INPUT;
        w = cj_watcher_new(paths, p->n, DEBOUNCE_MS, limit, &hooks, p, &err);
        if (!w) {
            cj_cli_error(cli, "%s", err ? err : "cannot watch the files");
            rc = CJ_EXIT_IO;
        }
    }
    if (rc == CJ_EXIT_OK) {
        GSList *uris = soup_server_get_uris(p->server);
        char *url = uris ? g_uri_to_string(uris->data) : g_strdup("?");
        g_slist_free_full(uris, (GDestroyNotify)g_uri_unref);
        printf("%s\n", url);
        fflush(stdout);
        if (open) open_browser(cli, url);
        g_free(url);
        unsigned sigs[3];
        cj_watch_signals(sigs, on_signal, p->loop);
        guint ka = g_timeout_add_seconds(KEEPALIVE_S, keepalive, p);
        g_main_loop_run(p->loop);
        g_source_remove(ka);
        cj_watch_signals_end(sigs);
    }
    cj_watcher_free(w);
    free(err);
    if (p->server) {
        soup_server_disconnect(p->server);
        g_object_unref(p->server);
    }
    for (size_t i = 0; i < p->n; i++) {
        g_free(p->files[i].name);
        if (p->files[i].pages) g_ptr_array_unref(p->files[i].pages);
        json_decref(p->files[i].diags);
    }
    g_ptr_array_unref(p->clients);
    g_main_loop_unref(p->loop);
    free(p->files);
    free(paths);
    cj_build_free(b);
    return rc;
}
