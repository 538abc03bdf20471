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
*/
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct cj_out {
    char *path;    /* the target */
    char *tmp;     /* the temporary file, NULL for stdout */
    int fd;
    bool failed;
    int err;       /* errno of the first failure */
};

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
    }
    free(o->path), free(o->tmp), free(o);
}

bool cj_out_finish(cj_cli *cli, cj_out *o) {
    if (!o->tmp) { /* stdout: nothing to move; report write errors */
        if (fflush(stdout) != 0) o->failed = true, o->err = o->err ? o->err : errno;
        if (o->failed)
            cj_cli_file_error(cli, o->path, "cannot-write", "cannot write to standard output: %s",
                              o->err ? strerror(o->err) : "failed");
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
        rc = e == EEXIST ? CJ_EXIT_USAGE : CJ_EXIT_IO;
    }
    if (o->tmp) {
        if (o->fd >= 0) close(o->fd);
        unlink(o->tmp); /* after rename: already gone; after link: the extra name */
    }
    free(o->path), free(o->tmp), free(o);
    return rc;
}

int cj_out_close(cj_cli *cli, cj_out *o, bool overwrite) {
    cj_out_finish(cli, o);
    return cj_out_commit(cli, o, overwrite);
}

const char *cj_out_path(const cj_out *o) { return o->path; }
