/*
** lsp.c — the language server (include/cjmap_lsp.h): framing, JSON-RPC,
** the documents the client has open, and their diagnostics.
**
** IMPLEMENTATION NOTES
** 1. Framing: a header block ("Name: value" lines, "\r\n" each, a blank
**    line after; names case-insensitive, Content-Type allowed), then
**    Content-Length bytes of JSON.  A header block without a usable
**    Content-Length cannot be resynchronised: the server stops (exit 1).
**    A body longer than CJMAP_LSP_MAX_MESSAGE is skipped as it streams in
**    and answered with an error (id null): it never sits in memory.
** 2. Positions: the journey's spans count code points (1-based); LSP counts
**    in the negotiated encoding (0-based): UTF-16 code units by default
**    (a character beyond the BMP is two), UTF-32 = code points, UTF-8 =
**    bytes.  Conversion walks the one line concerned.  A position past the
**    end of its line means the line's end; past the last line, the text's
**    end (as the specification says clients may send).
** 3. Documents are kept whole (text and version) and re-checked after
**    every change: loading a 20/500/800 journey takes milliseconds.  A
**    change only marks the document; its diagnostics go out when the
**    driver calls cjmap_lsp_flush() once the client's input has gone quiet
**    (cli_lsp.c), so a burst of keystrokes is checked once.  A request
**    loads the text it needs there and then.
** 4. Nothing but protocol goes through the write callback; the log
**    callback takes everything else.
** 5. Cancellation: every message that has arrived whole is parsed before
**    any is handled, so a request whose $/cancelRequest came with it, or
**    right after it in the same read, is answered -32800 (RequestCancelled)
**    without being run.  A request that is handled is answered in full.
*/
#include "lsp_int.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define HEADER_MAX (64u << 10) /* a header block longer than this is not LSP */

typedef lsp_encoding encoding;
typedef lsp_doc doc;
static const char *const enc_name[] = {"utf-16", "utf-32", "utf-8"};

typedef enum phase { BEFORE_INIT, RUNNING, SHUT_DOWN } phase;

struct cjmap_lsp {
    cjmap_options opts;
    cjmap_lsp_write_fn write;
    cjmap_lsp_log_fn log;
    void *closure;
    /* framing (note 1) */
    char *in;
    size_t in_n, in_cap, in_off;
    bool in_body;
    size_t body_len; /* in_body: the body's length */
    size_t skip;     /* bytes of an oversized body still to discard */
    json_t *queue;   /* messages read whole, not handled yet (note 5) */
    size_t cancels;  /* $/cancelRequest notifications in it */
    phase ph;
    bool done;
    int status;
    lsp_view view;
    doc *docs;
    size_t n_docs, cap_docs;
};

/* ------------------------------------------------------------------ */
/* Output                                                              */
/* ------------------------------------------------------------------ */

static void logf_(cjmap_lsp *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void logf_(cjmap_lsp *s, const char *fmt, ...) {
    if (!s->log) return;
    char line[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    s->log(s->closure, line);
}

static void stop(cjmap_lsp *s, int status) {
    s->done = true;
    s->status = status;
}

/* Sends `msg` (stolen) framed. */
static void send(cjmap_lsp *s, json_t *msg) {
    if (!msg) return;
    json_object_set_new(msg, "jsonrpc", json_string("2.0"));
    char *body = json_dumps(msg, JSON_COMPACT);
    json_decref(msg);
    if (!body) {
        logf_(s, "out of memory writing a message");
        stop(s, 1);
        return;
    }
    char head[64];
    size_t blen = strlen(body);
    int hn = snprintf(head, sizeof head, "Content-Length: %zu\r\n\r\n", blen);
    if (!s->done &&
        (!s->write(s->closure, head, (size_t)hn) || !s->write(s->closure, body, blen))) {
        logf_(s, "cannot write to the client");
        stop(s, 1);
    }
    free(body);
}

static void reply(cjmap_lsp *s, json_t *id, json_t *result) {
    send(s, json_pack("{s:O?, s:o}", "id", id, "result", result ? result : json_null()));
}

static void reply_error(cjmap_lsp *s, json_t *id, int code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void reply_error(cjmap_lsp *s, json_t *id, int code, const char *fmt, ...) {
    char m[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(m, sizeof m, fmt, ap);
    va_end(ap);
    send(s, json_pack("{s:O?, s:{s:i, s:s}}", "id", id, "error", "code", code, "message", m));
}

void cj_lsp_fail(lsp_err *e, int code, const char *fmt, ...) {
    e->code = code;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    va_end(ap);
}

/* ------------------------------------------------------------------ */
/* Positions (note 2)                                                  */
/* ------------------------------------------------------------------ */

/* The byte length of the UTF-8 sequence starting with b, 1 for a stray byte
 * (the loader diagnoses invalid UTF-8; positions just move on). */
static size_t seq_len(const char *t, size_t i, size_t n) {
    unsigned char b = (unsigned char)t[i];
    size_t k = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 1;
    if (i + k > n) return 1;
    for (size_t j = 1; j < k; j++)
        if (((unsigned char)t[i + j] & 0xC0) != 0x80) return 1;
    return k;
}

static size_t units(encoding e, size_t seq) {
    if (e == ENC_UTF8) return seq;
    if (e == ENC_UTF32) return 1;
    return seq == 4 ? 2 : 1;
}

/* Byte offset of the start of 0-based line `line`, or n past the end. */
static size_t line_start(const char *t, size_t n, uint64_t line) {
    size_t i = 0;
    for (uint64_t l = 0; l < line; l++) {
        const char *nl = memchr(t + i, '\n', n - i);
        if (!nl) return n;
        i = (size_t)(nl - t) + 1;
    }
    return i;
}

/* The byte offset of LSP position (line, character). */
static size_t offset_of(encoding e, const char *t, size_t n, uint64_t line, uint64_t ch) {
    size_t i = line_start(t, n, line);
    uint64_t u = 0;
    while (i < n && t[i] != '\n' && !(t[i] == '\r' && i + 1 < n && t[i + 1] == '\n')) {
        size_t k = seq_len(t, i, n), w = units(e, k);
        if (u + w > ch) break;
        u += w, i += k;
    }
    return i;
}

/* The LSP character of the journey's 1-based code-point column `col` on
 * 1-based line `line`. */
static uint64_t character_of(encoding e, const char *t, size_t n, uint32_t line, uint32_t col) {
    if (line == 0) return 0;
    size_t i = line_start(t, n, line - 1);
    uint64_t u = 0;
    for (uint32_t c = 1; c < col && i < n && t[i] != '\n'; c++) {
        size_t k = seq_len(t, i, n);
        u += units(e, k), i += k;
    }
    return u;
}

static json_t *range_json(encoding e, const doc *d, cjmap_span sp);

bool cj_lsp_position(const lsp_view *v, const lsp_doc *d, json_t *pos, lsp_pos *out) {
    json_int_t line, ch;
    if (json_unpack(pos, "{s:I, s:I}", "line", &line, "character", &ch) != 0 || line < 0 || ch < 0)
        return false;
    size_t off = offset_of(v->enc, d->text, d->len, (uint64_t)line, (uint64_t)ch);
    size_t ls = off;
    while (ls > 0 && d->text[ls - 1] != '\n')
        ls--;
    uint32_t l = 1, c = 1;
    for (size_t i = 0; i < ls; i++)
        l += d->text[i] == '\n';
    for (size_t i = ls; i < off; i += seq_len(d->text, i, d->len))
        c++;
    *out = (lsp_pos){l, c, off};
    return true;
}

uint64_t cj_lsp_character(const lsp_view *v, const lsp_doc *d, uint32_t line, uint32_t col) {
    return character_of(v->enc, d->text, d->len, line, col);
}

json_t *cj_lsp_range(const lsp_view *v, const lsp_doc *d, cjmap_span sp) {
    return range_json(v->enc, d, sp);
}

static json_t *range_json(encoding e, const doc *d, cjmap_span sp) {
    uint32_t el = sp.end_line ? sp.end_line : sp.line, ec = sp.end_line ? sp.end_col : sp.col;
    return json_pack("{s:{s:I, s:I}, s:{s:I, s:I}}", "start", "line",
                     (json_int_t)(sp.line ? sp.line - 1 : 0), "character",
                     (json_int_t)character_of(e, d->text, d->len, sp.line, sp.col), "end", "line",
                     (json_int_t)(el ? el - 1 : 0), "character",
                     (json_int_t)character_of(e, d->text, d->len, el, ec));
}

/* ------------------------------------------------------------------ */
/* Documents and diagnostics                                           */
/* ------------------------------------------------------------------ */

static doc *find_doc(cjmap_lsp *s, const char *uri) {
    for (size_t i = 0; i < s->n_docs; i++)
        if (strcmp(s->docs[i].uri, uri) == 0) return &s->docs[i];
    return NULL;
}

static bool parsed(const cjmap_journey *j) {
    size_t n;
    return j && cjmap_journey_symbols(j, &n) != NULL;
}

const cjmap_journey *cj_lsp_journey(const lsp_view *v, lsp_doc *d) {
    if (!d->stale && d->j) return d->j;
    cjmap_journey *nj = cjmap_journey_load(d->uri, d->text, d->len, v->opts);
    if (parsed(d->j)) {
        cjmap_journey_free(d->good);
        d->good = d->j;
    } else {
        cjmap_journey_free(d->j);
    }
    d->j = nj;
    if (parsed(nj)) {
        cjmap_journey_free(d->good);
        d->good = NULL;
    }
    d->stale = false;
    return nj;
}

const cjmap_journey *cj_lsp_nav(const lsp_view *v, lsp_doc *d) {
    const cjmap_journey *j = cj_lsp_journey(v, d);
    return parsed(j) ? j : d->good;
}

static void doc_free(doc *d) {
    free(d->uri);
    free(d->text);
    cjmap_journey_free(d->j);
    cjmap_journey_free(d->good);
}

static void publish(cjmap_lsp *s, doc *d) {
    json_t *list = json_array();
    const cjmap_journey *j = cj_lsp_journey(&s->view, d);
    d->unpublished = false;
    if (!j) {
        logf_(s, "out of memory checking %s", d->uri);
    }
    json_t *last = NULL; /* the diagnostic a note belongs to */
    for (size_t i = 0; j && i < cjmap_journey_diag_count(j); i++) {
        const cjmap_diag *g = cjmap_journey_diag(j, i);
        json_t *range = range_json(s->view.enc, d, g->span);
        if (g->severity == CJMAP_NOTE) {
            if (!last) {
                json_decref(range);
                continue;
            }
            json_t *rel = json_object_get(last, "relatedInformation");
            if (!rel) {
                rel = json_array();
                json_object_set_new(last, "relatedInformation", rel);
            }
            json_array_append_new(rel, json_pack("{s:{s:s, s:o}, s:s}", "location", "uri", d->uri,
                                                 "range", range, "message", g->message));
            continue;
        }
        last = json_pack("{s:o, s:i, s:s, s:s, s:s}", "range", range, "severity",
                         g->severity == CJMAP_ERROR ? 1 : 2, "code", g->code, "source", "cjmap",
                         "message", g->message);
        json_array_append_new(list, last);
    }
    json_t *params = json_pack("{s:s, s:o}", "uri", d->uri, "diagnostics", list);
    json_object_set_new(params, "version", json_integer(d->version));
    send(s, json_pack("{s:s, s:o}", "method", "textDocument/publishDiagnostics", "params", params));
}

static void did_open(cjmap_lsp *s, json_t *params) {
    const char *uri, *text;
    size_t len;
    json_int_t version = 0;
    json_error_t err;
    if (json_unpack_ex(params, &err, 0, "{s:{s:s, s:s%, s?I}}", "textDocument", "uri", &uri, "text",
                       &text, &len, "version", &version) != 0) {
        logf_(s, "textDocument/didOpen: %s", err.text);
        return;
    }
    doc *d = find_doc(s, uri);
    if (!d) {
        if (s->n_docs == s->cap_docs) {
            size_t cap = s->cap_docs ? s->cap_docs * 2 : 8;
            doc *nd = realloc(s->docs, cap * sizeof *nd);
            if (!nd) return;
            s->docs = nd, s->cap_docs = cap;
        }
        d = &s->docs[s->n_docs];
        *d = (doc){0};
        if (!(d->uri = strdup(uri))) return;
        s->n_docs++;
    }
    char *t = malloc(len + 1);
    if (!t) return;
    memcpy(t, text, len);
    t[len] = 0;
    free(d->text);
    d->text = t, d->len = len, d->version = version;
    d->stale = d->unpublished = true;
}

/* Applies one content change; false (logged) when it is malformed. */
static bool apply_change(cjmap_lsp *s, doc *d, json_t *ch) {
    const char *text;
    size_t tlen;
    json_t *range = NULL;
    json_error_t err;
    if (json_unpack_ex(ch, &err, 0, "{s:s%, s?o}", "text", &text, &tlen, "range", &range) != 0) {
        logf_(s, "textDocument/didChange: %s", err.text);
        return false;
    }
    size_t a = 0, b = d->len;
    if (range) {
        json_int_t l0, c0, l1, c1;
        if (json_unpack_ex(range, &err, 0, "{s:{s:I, s:I}, s:{s:I, s:I}}", "start", "line", &l0,
                           "character", &c0, "end", "line", &l1, "character", &c1) != 0 ||
            l0 < 0 || c0 < 0 || l1 < 0 || c1 < 0) {
            logf_(s, "textDocument/didChange: a range needs start and end positions");
            return false;
        }
        a = offset_of(s->view.enc, d->text, d->len, (uint64_t)l0, (uint64_t)c0);
        b = offset_of(s->view.enc, d->text, d->len, (uint64_t)l1, (uint64_t)c1);
        if (b < a) {
            size_t x = a;
            a = b, b = x;
        }
    }
    size_t n = d->len - (b - a) + tlen;
    char *t = malloc(n + 1);
    if (!t) {
        logf_(s, "out of memory applying a change");
        return false;
    }
    memcpy(t, d->text, a);
    memcpy(t + a, text, tlen);
    memcpy(t + a + tlen, d->text + b, d->len - b);
    t[n] = 0;
    free(d->text);
    d->text = t, d->len = n;
    return true;
}

static void did_change(cjmap_lsp *s, json_t *params) {
    const char *uri;
    json_t *changes = NULL;
    json_int_t version = 0;
    json_error_t err;
    if (json_unpack_ex(params, &err, 0, "{s:{s:s, s?I}, s:o}", "textDocument", "uri", &uri,
                       "version", &version, "contentChanges", &changes) != 0) {
        logf_(s, "textDocument/didChange: %s", err.text);
        return;
    }
    if (!json_is_array(changes)) {
        logf_(s, "textDocument/didChange: contentChanges must be an array");
        return;
    }
    doc *d = find_doc(s, uri);
    if (!d) {
        logf_(s, "textDocument/didChange: %s is not open", uri);
        return;
    }
    size_t i;
    json_t *ch;
    json_array_foreach(changes, i, ch) {
        if (!apply_change(s, d, ch)) break;
    }
    d->version = version;
    d->stale = d->unpublished = true;
}

static void did_close(cjmap_lsp *s, json_t *params) {
    const char *uri;
    json_error_t err;
    if (json_unpack_ex(params, &err, 0, "{s:{s:s}}", "textDocument", "uri", &uri) != 0) {
        logf_(s, "textDocument/didClose: %s", err.text);
        return;
    }
    doc *d = find_doc(s, uri);
    if (!d) return;
    /* The client clears what it showed for a closed file: an empty list. */
    send(s, json_pack("{s:s, s:{s:s, s:[]}}", "method", "textDocument/publishDiagnostics", "params",
                      "uri", uri, "diagnostics"));
    doc_free(d);
    *d = s->docs[--s->n_docs];
}

/* ------------------------------------------------------------------ */
/* Requests and notifications                                          */
/* ------------------------------------------------------------------ */

static void initialize(cjmap_lsp *s, json_t *id, json_t *params) {
    if (s->ph != BEFORE_INIT) {
        reply_error(s, id, E_INVALID_REQUEST, "initialize was sent twice");
        return;
    }
    if (!json_is_object(params)) {
        reply_error(s, id, E_PARAMS, "initialize needs an object of parameters");
        return;
    }
    /* The client's position encodings, in its order of preference: code
     * points (what cjmap counts) when offered, then UTF-8, else UTF-16. */
    json_t *encs = json_object_get(
        json_object_get(json_object_get(params, "capabilities"), "general"), "positionEncodings");
    bool has[3] = {false, false, false};
    size_t i;
    json_t *e;
    json_array_foreach(encs, i, e) {
        for (int k = 0; k < 3; k++)
            if (json_is_string(e) && strcmp(json_string_value(e), enc_name[k]) == 0) has[k] = true;
    }
    s->view.enc = has[ENC_UTF32] ? ENC_UTF32 : has[ENC_UTF8] ? ENC_UTF8 : ENC_UTF16;
    /* Markdown in hovers when the client says it reads it. */
    json_t *formats = json_object_get(
        json_object_get(json_object_get(json_object_get(params, "capabilities"), "textDocument"),
                        "hover"),
        "contentFormat");
    json_array_foreach(formats, i, e) {
        if (json_is_string(e) && strcmp(json_string_value(e), "markdown") == 0)
            s->view.markdown = true;
    }
    s->ph = RUNNING;
    json_t *caps = json_pack(
        "{s:s, s:{s:b, s:i}, s:{s:[s, s, s, s, s, s], s:b}, s:b, s:b, s:b, s:b, s:{s:b}, s:b, "
        "s:{s:[s]}}",
        "positionEncoding", enc_name[s->view.enc], "textDocumentSync", "openClose", 1, "change", 2,
        "completionProvider", "triggerCharacters", ":", " ", "[", ",", "{", "-", "resolveProvider",
        0, "hoverProvider", 1, "definitionProvider", 1, "referencesProvider", 1,
        "documentHighlightProvider", 1, "renameProvider", "prepareProvider", 1,
        "documentSymbolProvider", 1, "codeActionProvider", "codeActionKinds", "quickfix");
    reply(s, id,
          json_pack("{s:o, s:{s:s, s:s}}", "capabilities", caps, "serverInfo", "name", "cjmap",
                    "version", CJMAP_VERSION_STRING));
}

/* The language features, by method (lsp_lang.c). */
static const struct {
    const char *method;
    lsp_feature_fn run;
} features[] = {
    {"textDocument/completion", cj_lsp_completion},
    {"textDocument/hover", cj_lsp_hover},
    {"textDocument/definition", cj_lsp_definition},
    {"textDocument/references", cj_lsp_references},
    {"textDocument/documentHighlight", cj_lsp_highlight},
    {"textDocument/prepareRename", cj_lsp_prepare_rename},
    {"textDocument/rename", cj_lsp_rename},
    {"textDocument/documentSymbol", cj_lsp_symbols},
    {"textDocument/codeAction", cj_lsp_code_action},
};

static void feature(cjmap_lsp *s, json_t *id, lsp_feature_fn run, json_t *params) {
    const char *uri;
    if (json_unpack(params, "{s:{s:s}}", "textDocument", "uri", &uri) != 0) {
        reply_error(s, id, E_PARAMS, "the request needs textDocument.uri");
        return;
    }
    doc *d = find_doc(s, uri);
    if (!d) {
        reply_error(s, id, E_PARAMS, "%s is not open", uri);
        return;
    }
    lsp_err e = {0, ""};
    json_t *r = run(&s->view, d, params, &e);
    if (e.code)
        reply_error(s, id, e.code, "%s", e.msg);
    else
        reply(s, id, r);
}

static void request(cjmap_lsp *s, json_t *id, const char *method, json_t *params) {
    if (s->ph == BEFORE_INIT && strcmp(method, "initialize") != 0) {
        reply_error(s, id, E_NOT_INITIALIZED, "the server is not initialized yet");
        return;
    }
    if (s->ph == SHUT_DOWN) {
        reply_error(s, id, E_INVALID_REQUEST, "the server is shut down; only exit is left");
        return;
    }
    if (strcmp(method, "initialize") == 0) {
        initialize(s, id, params);
    } else if (strcmp(method, "shutdown") == 0) {
        s->ph = SHUT_DOWN;
        reply(s, id, json_null());
    } else {
        for (size_t i = 0; i < sizeof features / sizeof features[0]; i++)
            if (strcmp(method, features[i].method) == 0) {
                feature(s, id, features[i].run, params);
                return;
            }
        reply_error(s, id, E_METHOD, "unknown method '%s'", method);
    }
}

static void notification(cjmap_lsp *s, const char *method, json_t *params) {
    if (strcmp(method, "exit") == 0) {
        stop(s, s->ph == SHUT_DOWN ? 0 : 1);
        return;
    }
    if (s->ph != RUNNING) return; /* dropped before initialize and after shutdown */
    if (strcmp(method, "textDocument/didOpen") == 0)
        did_open(s, params);
    else if (strcmp(method, "textDocument/didChange") == 0)
        did_change(s, params);
    else if (strcmp(method, "textDocument/didClose") == 0)
        did_close(s, params);
    /* initialized, $/cancelRequest (handled before its request, note 5),
     * $/setTrace and the rest: nothing to do. */
}

/* Whether a message after `msg` in the queue cancels it (note 5); a
 * cancel is looked for among the next CANCEL_REACH messages. */
enum { CANCEL_REACH = 1024 };
static bool cancelled(cjmap_lsp *s, size_t at, json_t *id) {
    if (!s->cancels) return false;
    size_t end = json_array_size(s->queue);
    if (end - at > CANCEL_REACH) end = at + CANCEL_REACH;
    for (size_t i = at + 1; i < end; i++) {
        json_t *m = json_array_get(s->queue, i);
        json_t *method = json_object_get(m, "method");
        if (json_is_string(method) && strcmp(json_string_value(method), "$/cancelRequest") == 0 &&
            json_equal(json_object_get(json_object_get(m, "params"), "id"), id))
            return true;
    }
    return false;
}

/* Handles message `at` of the queue. */
static void handle(cjmap_lsp *s, size_t at) {
    json_t *msg = json_array_get(s->queue, at);
    json_t *id = json_object_get(msg, "id");
    json_t *method = json_object_get(msg, "method");
    json_t *version = json_object_get(msg, "jsonrpc");
    if (!json_is_object(msg) || !json_is_string(version) ||
        strcmp(json_string_value(version), "2.0") != 0 ||
        (id && !json_is_integer(id) && !json_is_string(id))) {
        reply_error(s, id && (json_is_integer(id) || json_is_string(id)) ? id : NULL,
                    E_INVALID_REQUEST, "not a JSON-RPC 2.0 message");
    } else if (!method) {
        /* a response: this server sends no requests */
    } else if (!json_is_string(method)) {
        if (id) reply_error(s, id, E_INVALID_REQUEST, "the method must be a string");
    } else {
        json_t *params = json_object_get(msg, "params");
        if (id && s->ph == RUNNING && cancelled(s, at, id))
            reply_error(s, id, E_CANCELLED, "the request was cancelled");
        else if (id)
            request(s, id, json_string_value(method), params);
        else
            notification(s, json_string_value(method), params);
    }
}

/* Parses a body into the queue; invalid JSON is answered at once. */
static void message(cjmap_lsp *s, const char *body, size_t len) {
    json_error_t err;
    json_t *msg = json_loadb(body, len, JSON_ALLOW_NUL, &err);
    if (!msg) {
        reply_error(s, NULL, E_PARSE, "invalid JSON at line %d, column %d: %s", err.line,
                    err.column, err.text);
        return;
    }
    json_t *method = json_object_get(msg, "method");
    if (json_is_string(method) && strcmp(json_string_value(method), "$/cancelRequest") == 0)
        s->cancels++;
    if (json_array_append_new(s->queue, msg) != 0) {
        logf_(s, "out of memory reading a message");
        stop(s, 1);
    }
}

/* Handles what the queue holds. */
static void run_queue(cjmap_lsp *s) {
    for (size_t i = 0; i < json_array_size(s->queue) && !s->done; i++)
        handle(s, i);
    json_array_clear(s->queue);
    s->cancels = 0;
}

/* ------------------------------------------------------------------ */
/* Framing (note 1)                                                    */
/* ------------------------------------------------------------------ */

/* Parses the header block [h, h + n): the Content-Length, or -1. */
static long long content_length(const char *h, size_t n) {
    long long len = -1;
    size_t i = 0;
    while (i < n) {
        const char *eol = memchr(h + i, '\n', n - i);
        size_t e = eol ? (size_t)(eol - h) : n, le = e;
        if (le > i && h[le - 1] == '\r') le--;
        static const char name[] = "content-length:";
        size_t nl = sizeof name - 1;
        if (le - i > nl && strncasecmp(h + i, name, nl) == 0) {
            size_t j = i + nl;
            while (j < le && (h[j] == ' ' || h[j] == '\t'))
                j++;
            long long v = 0;
            size_t d = 0;
            for (; j < le && h[j] >= '0' && h[j] <= '9' && d < 18; j++, d++) /* no overflow */
                v = v * 10 + (h[j] - '0');
            while (j < le && (h[j] == ' ' || h[j] == '\t'))
                j++;
            len = d > 0 && j == le ? v : -1;
            if (len < 0) return -1;
        }
        i = e + 1;
    }
    return len;
}

bool cjmap_lsp_feed(cjmap_lsp *s, const char *bytes, size_t len) {
    while (len > 0 && !s->done) {
        if (s->skip > 0) { /* an oversized body streams past */
            size_t k = len < s->skip ? len : s->skip;
            s->skip -= k, bytes += k, len -= k;
            if (s->skip == 0)
                reply_error(s, NULL, E_INVALID_REQUEST, "message longer than %u bytes",
                            (unsigned)CJMAP_LSP_MAX_MESSAGE);
            continue;
        }
        /* Buffer what came, then take whole headers and bodies out. */
        if (s->in_n + len > s->in_cap) {
            if (s->in_off > 0) {
                memmove(s->in, s->in + s->in_off, s->in_n - s->in_off);
                s->in_n -= s->in_off, s->in_off = 0;
            }
            size_t cap = s->in_cap ? s->in_cap : 4096;
            while (cap < s->in_n + len)
                cap *= 2;
            char *ni = realloc(s->in, cap);
            if (!ni) {
                logf_(s, "out of memory reading a message");
                stop(s, 1);
                break;
            }
            s->in = ni, s->in_cap = cap;
        }
        memcpy(s->in + s->in_n, bytes, len);
        s->in_n += len, bytes += len, len = 0;
        for (;;) {
            const char *p = s->in + s->in_off;
            size_t avail = s->in_n - s->in_off;
            if (s->in_body) {
                if (avail < s->body_len) break;
                s->in_body = false;
                s->in_off += s->body_len;
                message(s, p, s->body_len);
                if (s->done) break;
                continue;
            }
            /* A header block ends at an empty line. */
            const char *end = NULL;
            for (size_t i = 0; i + 1 < avail; i++)
                if (p[i] == '\n' &&
                    (p[i + 1] == '\n' || (p[i + 1] == '\r' && i + 2 < avail && p[i + 2] == '\n'))) {
                    end = p + i;
                    break;
                }
            if (!end) {
                if (avail > HEADER_MAX) {
                    run_queue(s);
                    logf_(s, "a header longer than %u bytes without an empty line: not LSP",
                          HEADER_MAX);
                    stop(s, 1);
                }
                break;
            }
            size_t hn = (size_t)(end - p), skip = hn + (end[1] == '\n' ? 2 : 3);
            long long cl = content_length(p, hn);
            s->in_off += skip;
            if (cl < 0) {
                run_queue(s);
                logf_(s, "a message without a valid Content-Length header: cannot go on");
                stop(s, 1);
                break;
            }
            if ((unsigned long long)cl > CJMAP_LSP_MAX_MESSAGE) {
                size_t have = s->in_n - s->in_off, k = have < (size_t)cl ? have : (size_t)cl;
                s->in_off += k;
                s->skip = (size_t)cl - k;
                if (s->skip == 0)
                    reply_error(s, NULL, E_INVALID_REQUEST, "message longer than %u bytes",
                                (unsigned)CJMAP_LSP_MAX_MESSAGE);
                break;
            }
            s->in_body = true;
            s->body_len = (size_t)cl;
        }
        if (s->in_off == s->in_n) s->in_off = s->in_n = 0;
        run_queue(s);
    }
    return !s->done;
}

/* ------------------------------------------------------------------ */
/* Life cycle                                                          */
/* ------------------------------------------------------------------ */

cjmap_lsp *cjmap_lsp_new(const cjmap_options *opts, cjmap_lsp_write_fn write, cjmap_lsp_log_fn log,
                         void *closure) {
    if (!write) return NULL;
    cjmap_lsp *s = calloc(1, sizeof *s);
    if (!s) return NULL;
    if (opts) s->opts = *opts;
    s->view.opts = &s->opts;
    if (!(s->queue = json_array())) {
        free(s);
        return NULL;
    }
    s->write = write, s->log = log, s->closure = closure;
    s->status = 1;
    return s;
}

void cjmap_lsp_free(cjmap_lsp *s) {
    if (!s) return;
    for (size_t i = 0; i < s->n_docs; i++)
        doc_free(&s->docs[i]);
    free(s->docs);
    json_decref(s->queue);
    free(s->in);
    free(s);
}

void cjmap_lsp_eof(cjmap_lsp *s) {
    if (!s->done) {
        if (s->in_n > s->in_off || s->in_body)
            logf_(s, "the client's stream ended inside a message");
        stop(s, 1);
    }
}

void cjmap_lsp_flush(cjmap_lsp *s) {
    for (size_t i = 0; i < s->n_docs && !s->done; i++)
        if (s->docs[i].unpublished) publish(s, &s->docs[i]);
}

bool cjmap_lsp_pending(const cjmap_lsp *s) {
    for (size_t i = 0; i < s->n_docs; i++)
        if (s->docs[i].unpublished) return true;
    return false;
}

bool cjmap_lsp_done(const cjmap_lsp *s) { return s->done; }
int cjmap_lsp_exit_status(const cjmap_lsp *s) { return s->status; }
