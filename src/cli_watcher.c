/*
** cli_watcher.c — watching journey files for `watch` (and later `preview`):
** cli.h, cj_watcher_new().
**
** Editors save in three ways: writing the file in place; writing a
** temporary file and renaming it over the original (vim with
** backupcopy=no or auto, Helix, most IDEs); deleting the file and creating
** it again.  A watch on the file itself (an inotify watch on its inode)
** follows the old inode away on the second and is lost on the third.  So
** each file's parent directory is watched instead (GFileMonitor with
** G_FILE_MONITOR_WATCH_MOVES, one monitor per directory) and its events
** are kept only when they name the file: an editor's temporary files
** (vim's 4913 and .swp, '~' backups, Helix's .bck) and cjmap's own
** outputs and their temporary files have other names and never count.  A
** file that is a symbolic link is also watched under its target's name,
** in the target's directory, since editing through the link changes the
** target only.
**
** Events come in bursts (truncate, write, close; rename, create), so
** nothing is read until `debounce_ms` have passed without a new one, or at
** the latest ten times that after the first of the burst.  Then each file
** that had events is read and its SHA-256 compared with that of the last
** content reported: timestamps are unreliable (a touch changes them and
** nothing else; a fast second save may keep them), content is not.
**
** A file's state is one of: not yet reported, present (with the digest of
** its content), gone, unreadable (with the errno).  Each hook is called
** on a change of state only (or of content, or of errno), so a file that
** stays gone is reported once.
**
** Not followed: a watched folder that is itself removed or renamed, and a
** symbolic link pointed elsewhere after the start (its target is resolved
** once).
*/
#define _XOPEN_SOURCE 700 /* realpath() */
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib-unix.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { DIGEST_LEN = 32, /* SHA-256 */ BURST_FACTOR = 10 };

typedef enum file_state { ST_NEW, ST_PRESENT, ST_GONE, ST_UNREADABLE } file_state;

typedef struct wfile {
    char *path;
    file_state state;
    int err;                   /* ST_UNREADABLE: the errno reported */
    guint8 digest[DIGEST_LEN]; /* ST_PRESENT: of the content reported */
    bool dirty;                /* had an event since it was last read */
} wfile;

typedef struct wdir {
    GFile *dir;
    GFileMonitor *mon;
    gulong handler;
    cj_watcher *w;
} wdir;

/* A name to look for in one watched directory, and the file it stands for. */
typedef struct wname {
    size_t dir, file;
    char *name;
} wname;

struct cj_watcher {
    wfile *files;
    size_t n_files;
    wdir *dirs; /* at most one per name: allocated for all of them at once */
    size_t n_dirs;
    wname *names; /* a file's own name, and its target's for a symbolic link */
    size_t n_names;
    unsigned debounce_ms;
    size_t max_bytes;
    cj_watch_hooks hooks;
    void *closure;
    guint timer;        /* the pending debounce timeout, 0: none */
    gint64 burst_start; /* g_get_monotonic_time() of the burst's first event, 0: none */
};

/* Reads all of `path` (at most `max` bytes) into a NUL-terminated buffer.
 * Returns 0, or an errno: ENOENT/ENOTDIR when there is no such file,
 * EISDIR for a directory, EINVAL for anything but a regular file (opened
 * without blocking, so a FIFO does not hang the loop), EFBIG when larger
 * than `max`. */
static int read_file(const char *path, size_t max, char **out, size_t *len) {
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0) return errno;
    struct stat st;
    int e = fstat(fd, &st) != 0    ? errno
            : S_ISDIR(st.st_mode)  ? EISDIR
            : !S_ISREG(st.st_mode) ? EINVAL
                                   : 0;
    if (e) {
        close(fd);
        return e;
    }
    size_t cap =
        st.st_size > 0 && (unsigned long long)st.st_size < max ? (size_t)st.st_size + 1 : 4096;
    if (cap > max + 1) cap = max + 1;
    size_t n = 0;
    char *buf = malloc(cap + 1);
    int err = buf ? 0 : ENOMEM;
    while (!err) {
        if (n == cap) { /* the file grew, or its size was not known */
            if (cap > max) {
                err = EFBIG;
                break;
            }
            size_t nc = cap > max / 2 ? max + 1 : cap * 2;
            char *nb = realloc(buf, nc + 1);
            if (!nb) {
                err = ENOMEM;
                break;
            }
            buf = nb, cap = nc;
        }
        ssize_t r = read(fd, buf + n, cap - n);
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) err = errno;
        if (r <= 0) break;
        n += (size_t)r;
        if (n > max) err = EFBIG;
    }
    close(fd);
    if (err) {
        free(buf);
        return err;
    }
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return 0;
}

/* Reads file `i` and calls the hook its new state calls for, if any. */
static void inspect(cj_watcher *w, size_t i) {
    wfile *f = &w->files[i];
    char *bytes = NULL;
    size_t len = 0;
    int err = read_file(f->path, w->max_bytes, &bytes, &len);
    if (err == ENOENT || err == ENOTDIR) {
        if (f->state == ST_GONE) return;
        f->state = ST_GONE;
        if (w->hooks.gone) w->hooks.gone(w->closure, i);
        return;
    }
    if (err) {
        if (f->state == ST_UNREADABLE && f->err == err) return;
        f->state = ST_UNREADABLE;
        f->err = err;
        if (w->hooks.unreadable) w->hooks.unreadable(w->closure, i, err);
        return;
    }
    guint8 digest[DIGEST_LEN];
    gsize dlen = sizeof digest;
    GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);
    g_checksum_update(sum, (const guchar *)bytes, (gssize)len);
    g_checksum_get_digest(sum, digest, &dlen);
    g_checksum_free(sum);
    if (f->state != ST_PRESENT || memcmp(digest, f->digest, sizeof digest) != 0) {
        f->state = ST_PRESENT;
        memcpy(f->digest, digest, sizeof digest);
        if (w->hooks.changed) w->hooks.changed(w->closure, i, bytes, len);
    }
    free(bytes);
}

static gboolean on_quiet(gpointer data) {
    cj_watcher *w = data;
    w->timer = 0;
    w->burst_start = 0;
    for (size_t i = 0; i < w->n_files; i++) {
        if (!w->files[i].dirty) continue;
        w->files[i].dirty = false;
        inspect(w, i);
    }
    if (w->hooks.settled) w->hooks.settled(w->closure);
    return G_SOURCE_REMOVE;
}

/* (Re)starts the debounce: `debounce_ms` from now, but no later than
 * BURST_FACTOR times that after the first event of the burst. */
static void schedule(cj_watcher *w) {
    gint64 now = g_get_monotonic_time();
    if (!w->burst_start) w->burst_start = now;
    gint64 due = now + (gint64)w->debounce_ms * 1000;
    gint64 latest = w->burst_start + (gint64)w->debounce_ms * 1000 * BURST_FACTOR;
    if (due > latest) due = latest;
    if (w->timer) g_source_remove(w->timer);
    w->timer = g_timeout_add((guint)(due > now ? (due - now + 999) / 1000 : 0), on_quiet, w);
}

static bool same_name(GFile *f, const char *name) {
    if (!f) return false;
    char *b = g_file_get_basename(f);
    bool same = b && strcmp(b, name) == 0;
    g_free(b);
    return same;
}

static void on_event(GFileMonitor *mon, GFile *file, GFile *other, GFileMonitorEvent ev,
                     gpointer data) {
    (void)mon;
    wdir *d = data;
    cj_watcher *w = d->w;
    size_t di = (size_t)(d - w->dirs);
    bool any = false;
    for (size_t k = 0; k < w->n_names; k++) {
        const wname *n = &w->names[k];
        if (n->dir != di) continue;
        /* A rename inside the folder names both sides: a temporary file
         * renamed over the journey (other), or the journey renamed away
         * (file).  MOVED_IN/OUT's other file is in another folder. */
        if (same_name(file, n->name) ||
            (ev == G_FILE_MONITOR_EVENT_RENAMED && same_name(other, n->name))) {
            w->files[n->file].dirty = true;
            any = true;
        }
    }
    if (any) schedule(w);
}

static char *message(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *message(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *m = len >= 0 ? malloc((size_t)len + 1) : NULL;
    if (m) {
        va_start(ap, fmt);
        vsnprintf(m, (size_t)len + 1, fmt, ap);
        va_end(ap);
    }
    return m;
}

/* Watches `path`'s directory (one monitor per directory) for the name
 * `path` ends in, standing for file `fi`.  Returns false with *error set. */
static bool add_name(cj_watcher *w, GFile *file, size_t fi, char **error) {
    GFile *parent = g_file_get_parent(file);
    char *base = g_file_get_basename(file);
    if (!parent || !base) {
        char *p = g_file_get_path(file);
        *error = message("cannot watch '%s': it has no folder", p ? p : "?");
        g_free(p);
        if (parent) g_object_unref(parent);
        g_free(base);
        return false;
    }
    size_t di = 0;
    while (di < w->n_dirs && !g_file_equal(w->dirs[di].dir, parent))
        di++;
    if (di == w->n_dirs) {
        GError *ge = NULL;
        GFileMonitor *mon = g_file_monitor_directory(parent, G_FILE_MONITOR_WATCH_MOVES, NULL, &ge);
        if (!mon) {
            char *p = g_file_get_path(parent);
            *error = message("cannot watch the folder '%s': %s", p ? p : "?",
                             ge ? ge->message : "failed");
            g_free(p);
            g_clear_error(&ge);
            g_object_unref(parent);
            g_free(base);
            return false;
        }
        wdir *d = &w->dirs[w->n_dirs++];
        d->dir = parent;
        d->mon = mon;
        d->w = w;
        d->handler = g_signal_connect(mon, "changed", G_CALLBACK(on_event), d);
    } else {
        g_object_unref(parent);
    }
    char *name = malloc(strlen(base) + 1);
    if (name) strcpy(name, base);
    g_free(base);
    if (!name) {
        *error = message("%s", "out of memory");
        return false;
    }
    w->names[w->n_names++] = (wname){.dir = di, .file = fi, .name = name};
    return true;
}

cj_watcher *cj_watcher_new(const char *const *paths, size_t n, unsigned debounce_ms,
                           size_t max_bytes, const cj_watch_hooks *hooks, void *closure,
                           char **error) {
    *error = NULL;
    cj_watcher *w = calloc(1, sizeof *w);
    if (w) {
        w->files = calloc(n ? n : 1, sizeof *w->files);
        w->dirs = calloc(n ? 2 * n : 1, sizeof *w->dirs);
        w->names = calloc(n ? 2 * n : 1, sizeof *w->names);
    }
    if (!w || !w->files || !w->dirs || !w->names) {
        cj_watcher_free(w);
        *error = message("%s", "out of memory");
        return NULL;
    }
    w->debounce_ms = debounce_ms;
    w->max_bytes = max_bytes ? max_bytes : CJMAP_DEFAULT_MAX_INPUT;
    if (hooks) w->hooks = *hooks;
    w->closure = closure;
    for (size_t i = 0; i < n; i++) {
        wfile *f = &w->files[w->n_files++];
        f->path = malloc(strlen(paths[i]) + 1);
        if (!f->path) {
            cj_watcher_free(w);
            *error = message("%s", "out of memory");
            return NULL;
        }
        strcpy(f->path, paths[i]);
        f->dirty = true; /* reported once at the start */
        GFile *file = g_file_new_for_path(paths[i]);
        bool ok = add_name(w, file, i, error);
        /* Through a symbolic link an editor changes the target only. */
        char *real = ok ? realpath(paths[i], NULL) : NULL;
        if (real) {
            GFile *target = g_file_new_for_path(real);
            if (!g_file_equal(target, file)) ok = add_name(w, target, i, error);
            g_object_unref(target);
            free(real);
        }
        g_object_unref(file);
        if (!ok) {
            cj_watcher_free(w);
            return NULL;
        }
    }
    w->timer = g_timeout_add(0, on_quiet, w);
    return w;
}

void cj_watcher_free(cj_watcher *w) {
    if (!w) return;
    if (w->timer) g_source_remove(w->timer);
    for (size_t i = 0; w->dirs && i < w->n_dirs; i++) {
        wdir *d = &w->dirs[i];
        g_signal_handler_disconnect(d->mon, d->handler);
        g_file_monitor_cancel(d->mon);
        g_object_unref(d->mon);
        g_object_unref(d->dir);
    }
    for (size_t i = 0; w->names && i < w->n_names; i++)
        free(w->names[i].name);
    for (size_t i = 0; w->files && i < w->n_files; i++)
        free(w->files[i].path);
    free(w->dirs);
    free(w->names);
    free(w->files);
    free(w);
}

void cj_watch_signals(unsigned ids[3], int (*fn)(void *), void *data) {
    static const int stop[] = {SIGINT, SIGTERM, SIGHUP};
    for (size_t i = 0; i < 3; i++) {
        struct sigaction old;
        ids[i] = 0;
        /* A signal the caller ignores (nohup; SIGINT in a script's
         * background job) stays ignored. */
        if (sigaction(stop[i], NULL, &old) == 0 && !(old.sa_flags & SA_SIGINFO) &&
            old.sa_handler == SIG_IGN)
            continue;
        ids[i] = g_unix_signal_add(stop[i], fn, data);
    }
}

void cj_watch_signals_end(unsigned ids[3]) {
    for (size_t i = 0; i < 3; i++)
        if (ids[i]) g_source_remove(ids[i]), ids[i] = 0;
}
