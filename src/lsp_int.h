/*
** lsp_int.h — the language server's parts: lsp.c holds the protocol
** (framing, JSON-RPC, documents, diagnostics), lsp_lang.c the language
** features (completion, hover, navigation, rename, outline, quick fixes).
*/
#ifndef CJ_LSP_INT_H
#define CJ_LSP_INT_H
#include "cjmap_lsp.h"

#include <cjmap_edit.h>

#include <jansson.h>
#include <stdint.h>

typedef enum lsp_encoding { ENC_UTF16, ENC_UTF32, ENC_UTF8 } lsp_encoding;

/* An open document. */
typedef struct lsp_doc {
    char *uri;
    char *text;
    size_t len;
    json_int_t version;
    cjmap_journey *j;    /* the text's journey, when loaded and not stale */
    cjmap_journey *good; /* the last journey that parsed, while `j` does not */
    bool stale;          /* the text changed since `j` was loaded */
    bool unpublished;    /* its diagnostics are not sent yet */
} lsp_doc;

/* What a feature sees of the server. */
typedef struct lsp_view {
    lsp_encoding enc;
    const cjmap_options *opts;
    bool markdown; /* the client reads Markdown in hovers and documentation */
} lsp_view;

/* A position in a document: 1-based line and code-point column (the
 * journey's units) and the byte offset. */
typedef struct lsp_pos {
    uint32_t line, col;
    size_t off;
} lsp_pos;

/* A failed request: a JSON-RPC error code and message. */
typedef struct lsp_err {
    int code;
    char msg[512];
} lsp_err;

enum {
    E_PARSE = -32700,
    E_INVALID_REQUEST = -32600,
    E_METHOD = -32601,
    E_PARAMS = -32602,
    E_NOT_INITIALIZED = -32002,
    E_CANCELLED = -32800,
    E_FAILED = -32803 /* RequestFailed: e.g. a rename the journey cannot take */
};

/* lsp.c: positions and documents. */
bool cj_lsp_position(const lsp_view *v, const lsp_doc *d, json_t *pos, lsp_pos *out);
uint64_t cj_lsp_character(const lsp_view *v, const lsp_doc *d, uint32_t line, uint32_t col);
json_t *cj_lsp_range(const lsp_view *v, const lsp_doc *d, cjmap_span sp);
/* The document's journey, loaded now when the text changed (NULL when
 * memory ran out). */
const cjmap_journey *cj_lsp_journey(const lsp_view *v, lsp_doc *d);
/* The journey to navigate in: the text's when it parses, else the last one
 * that did (its positions may lag behind the edits since); may be NULL. */
const cjmap_journey *cj_lsp_nav(const lsp_view *v, lsp_doc *d);
void cj_lsp_fail(lsp_err *e, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* lsp_lang.c: one function per request; the result, or NULL with *e set. */
typedef json_t *(*lsp_feature_fn)(const lsp_view *v, lsp_doc *d, json_t *params, lsp_err *e);
json_t *cj_lsp_completion(const lsp_view *v, lsp_doc *d, json_t *params, lsp_err *e);
json_t *cj_lsp_hover(const lsp_view *v, lsp_doc *d, json_t *params, lsp_err *e);
json_t *cj_lsp_definition(const lsp_view *v, lsp_doc *d, json_t *params, lsp_err *e);
json_t *cj_lsp_references(const lsp_view *v, lsp_doc *d, json_t *params, lsp_err *e);
json_t *cj_lsp_highlight(const lsp_view *v, lsp_doc *d, json_t *params, lsp_err *e);
json_t *cj_lsp_prepare_rename(const lsp_view *v, lsp_doc *d, json_t *params, lsp_err *e);
json_t *cj_lsp_rename(const lsp_view *v, lsp_doc *d, json_t *params, lsp_err *e);
json_t *cj_lsp_symbols(const lsp_view *v, lsp_doc *d, json_t *params, lsp_err *e);
json_t *cj_lsp_code_action(const lsp_view *v, lsp_doc *d, json_t *params, lsp_err *e);
#endif
