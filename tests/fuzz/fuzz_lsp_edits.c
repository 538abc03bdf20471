/*
** fuzz_lsp_edits.c — libFuzzer target for the language server's documents
** and language features (`make fuzz-lsp FUZZ_SECONDS=N` runs it after the
** message reader): the input is a program of edits and requests on a
** journey.  The first byte picks the position encoding; then each
** operation is a byte (what), two bytes (line, character) and, for edits,
** a length and text from the input.  Requests go to every feature at
** positions anywhere (also past line ends and inside UTF-8 sequences), so
** completion patches half-typed text, rename validates odd names and quick
** fixes apply to edited text.  Every reply must be framed JSON; it must
** never crash, hang or leak.  Seeds: tests/fuzz/lsp-edits.
*/
#include "lsp_sink.h"

#include <cjmap_lsp.h>

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char journey[] =
    "title: Strøm 😀\n"
    "segment: {name: Familier}\n"
    "lanes: [actions, touchpoints, experiences, {id: tanker}]\n"
    "phases:\n"
    "  - id: leter\n"
    "    name: Jeg leter\n"
    "    statement: Jeg er ikke fornøyd, nej\n"
    "    lanes: {tanker: [Hm]}\n"
    "  - {id: kjøp, name: \"Kjøp, nu\"}\n"
    "touchpoints:\n"
    "  - {id: app, name: Appen, channel: app, phases: [leter, \"Kjøp, nu\"]}\n"
    "  - name: Butik\n"
    "    channel: stor\n"
    "    phases: {leter: Ser}\n"
    "experiences:\n"
    "  - {phase: leter, text: Godt, touchpoint: app, score: 4}\n"
    "  - phase: kjop\n"
    "    text: Skidt\n";

/* Fragments an edit may insert, besides bytes of the input. */
static const char *const pieces[] = {
    "- ",    ": ",           "phase: ", "phases: [", "]",         "{",
    "}",     ", ",           "\n",      "\n  - ",    "\"",        "'",
    "#",     "touchpoint: ", "id: ",    "name: ",    "channel: ", "lanes: {",
    "&a ",   "*a",           "<<: ",    "😀",         "ø",         "\xc3",
    "\t",    "kjøp",         "leter",   "app",       "score: 9",  "moment-of-truth: ",
    "---\n", "..."};

typedef struct prog {
    const uint8_t *p;
    size_t n, i;
} prog;

static int next(prog *g) { return g->i < g->n ? g->p[g->i++] : -1; }

static void send(cjmap_lsp *l, json_t *m) {
    json_object_set_new(m, "jsonrpc", json_string("2.0"));
    char *body = json_dumps(m, JSON_COMPACT);
    json_decref(m);
    if (!body) return;
    char head[64];
    int hn = snprintf(head, sizeof head, "Content-Length: %zu\r\n\r\n", strlen(body));
    cjmap_lsp_feed(l, head, (size_t)hn);
    cjmap_lsp_feed(l, body, strlen(body));
    free(body);
}

static json_t *position(int line, int ch) {
    return json_pack("{s:i, s:i}", "line", line % 24, "character", ch % 70);
}

#define URI "file:///fuzz.yaml"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static const char *const encs[] = {"utf-16", "utf-32", "utf-8"};
    sink s = {0};
    cjmap_options o = {.max_input = 1u << 16};
    cjmap_lsp *l = cjmap_lsp_new(&o, sink_write, NULL, &s);
    if (!l) return 0;
    prog g = {data, size, 0};
    int e = next(&g);
    send(l, json_pack("{s:i, s:s, s:{s:{s:{s:[s]}, s:{s:{s:[s]}}}}}", "id", 0, "method",
                      "initialize", "params", "capabilities", "general", "positionEncodings",
                      encs[(e < 0 ? 0 : e) % 3], "textDocument", "hover", "contentFormat",
                      "markdown"));
    send(l, json_pack("{s:s, s:{s:{s:s, s:s, s:i, s:s}}}", "method", "textDocument/didOpen",
                      "params", "textDocument", "uri", URI, "languageId", "yaml", "version", 1,
                      "text", journey));
    static const char *const features[] = {"textDocument/completion",
                                           "textDocument/hover",
                                           "textDocument/definition",
                                           "textDocument/references",
                                           "textDocument/documentHighlight",
                                           "textDocument/prepareRename",
                                           "textDocument/rename",
                                           "textDocument/documentSymbol",
                                           "textDocument/codeAction"};
    int version = 1, id = 1;
    for (int ops = 0; ops < 64 && !cjmap_lsp_done(l); ops++) {
        int what = next(&g), a = next(&g), b = next(&g);
        if (what < 0 || a < 0 || b < 0) break;
        json_t *pos = position(a, b);
        if (what % 4 == 0) { /* an edit: replace a range with text */
            int len = next(&g), c = next(&g);
            if (len < 0 || c < 0) {
                json_decref(pos);
                break;
            }
            char text[300];
            size_t tn = 0;
            if (len & 1) { /* a fragment */
                const char *f = pieces[(size_t)(len >> 1) % (sizeof pieces / sizeof *pieces)];
                memcpy(text, f, strlen(f));
                tn = strlen(f);
            } else { /* bytes of the input */
                for (int k = 0; k < (len >> 3) && g.i < g.n; k++)
                    text[tn++] = (char)g.p[g.i++];
            }
            json_t *range =
                json_pack("{s:o, s:o}", "start", pos, "end", position(a + c % 3, b + c));
            send(l, json_pack("{s:s, s:{s:{s:s, s:i}, s:[{s:o, s:s%}]}}", "method",
                              "textDocument/didChange", "params", "textDocument", "uri", URI,
                              "version", ++version, "contentChanges", "range", range, "text", text,
                              tn));
            if (what & 4) cjmap_lsp_flush(l);
            continue;
        }
        const char *m = features[(size_t)(what >> 2) % (sizeof features / sizeof *features)];
        json_t *params = json_pack("{s:{s:s}, s:o}", "textDocument", "uri", URI, "position", pos);
        if (strcmp(m, "textDocument/rename") == 0) {
            static const char *const names[] = {"søker", "Kjøp, nu", "a b", "",     "x:y",
                                                "leter", "😀",        "-",   "\"q\""};
            json_object_set_new(params, "newName",
                                json_string(names[(size_t)b % (sizeof names / sizeof *names)]));
        } else if (strcmp(m, "textDocument/codeAction") == 0) {
            json_object_set_new(
                params, "range",
                json_pack("{s:o, s:o}", "start", position(a, 0), "end", position(a + b % 5, b)));
            json_object_set_new(params, "context", json_pack("{s:[]}", "diagnostics"));
        } else if (strcmp(m, "textDocument/references") == 0) {
            json_object_set_new(params, "context", json_pack("{s:b}", "includeDeclaration", b & 1));
        }
        send(l, json_pack("{s:i, s:s, s:o}", "id", ++id, "method", m, "params", params));
    }
    cjmap_lsp_flush(l);
    send(l, json_pack("{s:i, s:s}", "id", ++id, "method", "shutdown"));
    send(l, json_pack("{s:s}", "method", "exit"));
    if (!cjmap_lsp_done(l) || cjmap_lsp_exit_status(l) != 0 || s.expect) abort();
    cjmap_lsp_free(l);
    return 0;
}
