/*
** cjmap_lsp.h — the language server of libcjmap (`cjmap lsp`): the
** Language Server Protocol 3.17 as a state machine.  Bytes of the client's
** stream go in (any split: a message may arrive in pieces, several in one
** piece); the replies and notifications come out through a write callback,
** framed with Content-Length.  The library does no I/O of its own: the
** command reads stdin, feeds it here, and writes what comes out to stdout.
**
** Built on the library's own parser and validator: the diagnostics are
** `cjmap check`'s, message for message.  JSON through jansson.
**
** What it serves: initialize (position encodings utf-16, the default, and
** utf-32 or utf-8 when the client offers them), shutdown and exit, full
** and incremental document sync, diagnostics on open and change (notes as
** relatedInformation), completion (also on a line that does not parse
** yet), hover, go to definition, references, document highlight, rename
** with prepareRename, document symbols and quick fixes (code actions from
** the diagnostics' fixes).  Unknown requests get -32601, requests before
** initialize -32002, malformed JSON -32700, malformed requests -32600,
** wrong parameters -32602, a request cancelled before it ran -32800, a
** rename the journey cannot take -32803.
*/
#ifndef CJMAP_LSP_H
#define CJMAP_LSP_H

#include <cjmap.h>

#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cjmap_lsp cjmap_lsp;

/* Receives output bytes (whole framed messages); returns false on a write
 * error, after which the server stops (cjmap_lsp_done). */
typedef bool (*cjmap_lsp_write_fn)(void *closure, const char *data, size_t len);
/* Receives a line for the log (stderr in `cjmap lsp`), without newline. */
typedef void (*cjmap_lsp_log_fn)(void *closure, const char *line);

/* `opts` (may be NULL) holds the limits every document is read with, as
 * `cjmap check` reads a file.  Returns NULL when memory runs out. */
cjmap_lsp *cjmap_lsp_new(const cjmap_options *opts, cjmap_lsp_write_fn write, cjmap_lsp_log_fn log,
                         void *closure);
void cjmap_lsp_free(cjmap_lsp *s);

/* Feeds `len` bytes of the client's stream.  Returns false when the server
 * is done: after `exit`, after framing it cannot recover from (a header
 * without a usable Content-Length), or after a write error. */
bool cjmap_lsp_feed(cjmap_lsp *s, const char *bytes, size_t len);

/* Sends the diagnostics of the documents that changed since the last
 * flush.  Changes are not checked as they come: the driver calls this
 * once the client's input has gone quiet for a moment, so that a burst of
 * keystrokes is checked once.  Requests never wait for it. */
void cjmap_lsp_flush(cjmap_lsp *s);
/* Whether a change waits for cjmap_lsp_flush(). */
bool cjmap_lsp_pending(const cjmap_lsp *s);

/* The end of the client's stream: the server is done. */
void cjmap_lsp_eof(cjmap_lsp *s);

bool cjmap_lsp_done(const cjmap_lsp *s);
/* The exit status once done: 0 after shutdown then exit, else 1. */
int cjmap_lsp_exit_status(const cjmap_lsp *s);

/* The largest message body accepted (bytes): a document at the 16 MiB
 * input limit, escaped as JSON, fits.  A longer body is skipped and
 * answered with an error. */
#define CJMAP_LSP_MAX_MESSAGE (64u << 20)

#ifdef __cplusplus
}
#endif
#endif /* CJMAP_LSP_H */
