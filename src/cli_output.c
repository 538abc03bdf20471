/*
** cli_output.c — writing output files safely (cli.h).
**
** The bytes go to a temporary file in the target's own directory (so the
** final step stays on one file system); only when every write, fsync and
** close succeeded is it moved into place: rename() to replace, or link()
** + unlink() when an existing file must not be overwritten (atomic, no
** check-then-create race).  On any failure the temporary file is removed
** and the target is untouched.  The new file gets 0666 & ~umask, like a
** file made by open(), not mkstemp()'s 0600.
**
** A target that exists and is not a regular file (a FIFO, a device such as
** /dev/stdout) is written directly: replacing it would destroy it.
** While a temporary file exists, SIGINT, SIGTERM, SIGHUP and SIGQUIT remove
** it before the process dies (unless the command handles the signal itself,
** as watch does: then it acts between two builds, never mid-write), and
** SIGXFSZ is ignored so that going over a file-size limit is a write error
** (EFBIG) handled like any other.
*/
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct cj_out {
    char *path;    /* the target */
    char *tmp;     /* the temporary file; NULL when writing directly */
    int fd;
    bool own_fd;   /* direct to a FIFO or device we opened: close it at the end */
    bool failed;
    int err;       /* errno of the first failure */
};

/* Temporary files that exist right now, for the signal handler.  The CLI
 * is single-threaded; the handler only reads this and calls unlink(). */
enum { MAX_PENDING = 256 };
static char *volatile pending[MAX_PENDING];

static void on_signal(int sig) {
    for (size_t i = 0; i < MAX_PENDING; i++)
        if (pending[i]) unlink(pending[i]);
    signal(sig, SIG_DFL);
    raise(sig);
}

static void track(char *tmp) {
    static bool installed;
    if (!installed) {
        static const int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_signal;
        sigemptyset(&sa.sa_mask);
        for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
            struct sigaction old;
            /* Leave signals the caller chose to ignore (nohup) ignored, and
             * those the command handles itself (watch ends its main loop on
             * SIGINT, SIGTERM and SIGHUP, between two builds) to it. */
            if (sigaction(sigs[i], NULL, &old) == 0 &&
                ((old.sa_flags & SA_SIGINFO) || old.sa_handler != SIG_DFL))
                continue;
            sigaction(sigs[i], &sa, NULL);
        }
        signal(SIGXFSZ, SIG_IGN);
        installed = true;
    }
    for (size_t i = 0; i < MAX_PENDING; i++)
        if (!pending[i]) {
            pending[i] = tmp;
            return;
        }
}

static void untrack(const char *tmp) {
    for (size_t i = 0; i < MAX_PENDING; i++)
        if (pending[i] == tmp) pending[i] = NULL;
}

int cj_out_error(const cj_out *o) { return o->failed ? (o->err ? o->err : -1) : 0; }

static mode_t current_umask(void) {
    mode_t u = umask(022);
    umask(u);
    return u;
}

cj_out *cj_out_open(cj_cli *cli, const char *path) {
    cj_out *o = calloc(1, sizeof *o);
    if (!o) {
        cj_cli_file_error(cli, path, "cannot-write", "out of memory");
        return NULL;
    }
    if (strcmp(path, "-") == 0) {
        o->fd = STDOUT_FILENO;
        o->path = strdup("<stdout>");
        if (!o->path) {
            free(o);
            return NULL;
        }
        return o;
    }
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        cj_cli_file_error(cli, path, "cannot-write", "cannot write '%s': it is a directory", path);
        free(o);
        return NULL;
    }
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) { /* FIFO, device: write into it */
        o->path = strdup(path);
        o->fd = open(path, O_WRONLY | O_CLOEXEC);
        if (!o->path || o->fd < 0) {
            cj_cli_file_error(cli, path, "cannot-write", "cannot write '%s': %s", path,
                              strerror(errno));
            free(o->path), free(o);
            return NULL;
        }
        o->own_fd = true;
        return o;
    }
    const char *slash = strrchr(path, '/');
    size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
    o->path = strdup(path);
    o->tmp = malloc(strlen(path) + 32);
    if (!o->path || !o->tmp) {
        free(o->path), free(o->tmp), free(o);
        cj_cli_file_error(cli, path, "cannot-write", "out of memory");
        return NULL;
    }
    snprintf(o->tmp, strlen(path) + 32, "%.*s.%s.cjmap-XXXXXX", (int)dirlen, path, path + dirlen);
    o->fd = mkstemp(o->tmp);
    if (o->fd < 0) {
        int e = errno;
        cj_cli_file_error(cli, path, "cannot-write", "cannot write '%s': %s", path,
                          e == ENOENT ? "no such directory" : strerror(e));
        free(o->path), free(o->tmp), free(o);
        return NULL;
    }
    track(o->tmp);
    if (fchmod(o->fd, 0666 & ~current_umask()) != 0) { /* best effort */
    }
    return o;
}

bool cj_out_write(cj_out *o, const void *data, size_t len) {
    const char *p = data;
    while (len && !o->failed) {
        ssize_t n = write(o->fd, p, len);
        if (n < 0) {
            if (errno == EINTR) continue;
            o->failed = true;
            o->err = errno;
            break;
        }
        p += n;
        len -= (size_t)n;
    }
    return !o->failed;
}

void cj_out_fail(cj_out *o) {
    if (!o->failed) o->failed = true, o->err = 0;
}

void cj_out_abort(cj_out *o) {
    if (!o) return;
    if (o->tmp) {
        if (o->fd >= 0) close(o->fd);
        unlink(o->tmp);
        untrack(o->tmp);
    } else if (o->own_fd) {
        close(o->fd);
    }
    free(o->path), free(o->tmp), free(o);
}

bool cj_out_finish(cj_cli *cli, cj_out *o) {
    if (!o->tmp) { /* direct: nothing to move; report write errors */
        if (o->own_fd) {
            if (close(o->fd) != 0 && !o->failed) o->failed = true, o->err = errno;
            o->own_fd = false;
        } else if (fflush(stdout) != 0) {
            o->failed = true, o->err = o->err ? o->err : errno;
        }
        if (o->failed)
        {
            bool std = strcmp(o->path, "<stdout>") == 0;
            cj_cli_file_error(cli, o->path, "cannot-write", "cannot write to %s%s%s: %s",
                              std ? "standard output" : "'", std ? "" : o->path, std ? "" : "'",
                              o->err ? strerror(o->err) : "failed");
        }
        return !o->failed;
    }
    if (o->fd >= 0) {
        if (!o->failed && fsync(o->fd) != 0 && errno != EINVAL) o->failed = true, o->err = errno;
        if (close(o->fd) != 0 && !o->failed) o->failed = true, o->err = errno;
        o->fd = -1;
    }
    if (o->failed && o->err) /* err 0: the caller already said what failed */
        cj_cli_file_error(cli, o->path, "cannot-write", "cannot write '%s': %s", o->path,
                          strerror(o->err));
    return !o->failed;
}

int cj_out_commit(cj_cli *cli, cj_out *o, bool overwrite) {
    int rc = CJ_EXIT_OK;
    if (o->failed) {
        rc = CJ_EXIT_IO;
    } else if (!o->tmp) {
        /* stdout: already written */
    } else if (overwrite) {
        if (rename(o->tmp, o->path) != 0) {
            cj_cli_file_error(cli, o->path, "cannot-write", "cannot write '%s': %s", o->path,
                              strerror(errno));
            rc = CJ_EXIT_IO;
        }
    } else if (link(o->tmp, o->path) != 0) {
        int e = errno;
        if (e == EEXIST)
            cj_cli_file_error(cli, o->path, "file-exists",
                              "'%s' already exists; use --force to overwrite it", o->path);
        else
            cj_cli_file_error(cli, o->path, "cannot-write", "cannot write '%s': %s", o->path,
                              strerror(e));
        rc = CJ_EXIT_IO; /* an existing file too: the output cannot be written */
    }
    if (o->tmp) {
        if (o->fd >= 0) close(o->fd);
        unlink(o->tmp); /* after rename: already gone; after link: the extra name */
        untrack(o->tmp);
    } else if (o->own_fd) {
        close(o->fd);
    }
    free(o->path), free(o->tmp), free(o);
    return rc;
}

int cj_out_close(cj_cli *cli, cj_out *o, bool overwrite) {
    cj_out_finish(cli, o);
    return cj_out_commit(cli, o, overwrite);
}

const char *cj_out_path(const cj_out *o) { return o->path; }
