# tests/valgrind.test.sh — valgrind memcheck over a sample of real runs:
# zero memory errors and zero definite/indirect leaks.  fontconfig and pango
# keep caches for the life of the process on purpose: those are "still
# reachable" (or "possibly lost" inside fontconfig), never counted here.
# Runs on the plain build only (valgrind cannot run ASan binaries).
. tests/lib.sh
case "$BUILD" in *asan*) exit 0 ;; esac
command -v valgrind >/dev/null || { fail "valgrind" "valgrind is not installed (make deps installs it)"; exit 0; }
VG="valgrind -q --suppressions=tests/valgrind.supp --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect --track-fds=no"
run() { # NAME CMD...
  local name=$1; shift
  $VG "$@" >"$TMP/vg.out" 2>"$TMP/vg.err"; local rc=$?
  if [ $rc -eq 99 ] || grep -q '^==[0-9]*== ' "$TMP/vg.err"; then
    fail "valgrind: $name" "$(grep '^==' "$TMP/vg.err" | head -8 | tr '\n' ' ')"
  else pass "valgrind: $name (exit $rc)"; fi
}
run "check maps" "$CJMAP" check maps/feriepark-familie.yaml maps/kundereise-bank.yaml
run "check a bad file" "$CJMAP" check tests/diag/dup-key-nested.yaml
run "check an alias bomb" "$CJMAP" check tests/diag/billion-laughs.yaml
run "check invalid UTF-8" "$CJMAP" check tests/diag/overlong-utf8.yaml
run "build PDF" "$CJMAP" build maps/kundereise-bank.yaml -o "$TMP/m.pdf"
run "build SVG" "$CJMAP" build tests/good/unicode.yaml -o "$TMP/m.svg"
run "build PNG" "$CJMAP" build tests/good/minimal.yaml -o "$TMP/m.png" --dpi 72
run "build PNG in several bands" "$CJMAP" build maps/kundereise-bank.yaml -o "$TMP/bands.png"
run "build PNG onto a full device (libpng's longjmp)" "$CJMAP" build maps/kundereise-bank.yaml -o /dev/full -f png
run "build A4, several pages, mono" "$CJMAP" build maps/b2b-leverandorskifte.yaml --page A4 --theme mono -o "$TMP/a4.pdf"
run "build two journeys into one PDF" "$CJMAP" build maps/feriepark-familie.yaml tests/good/full.yaml -o "$TMP/book.pdf"
run "build an invalid journey" "$CJMAP" build tests/diag/bad-version.yaml -o "$TMP/no.pdf"
run "build A4 portrait: phases as rows" "$CJMAP" build maps/blueprint-varmepumpe.yaml --page A4 --portrait -o "$TMP/rows.pdf"
run "build rows, auto page, SVG" "$CJMAP" build maps/feriepark-familie.yaml --layout=rows -o "$TMP/rows.svg"
# A language-server session: every kind of message, good and bad.
/usr/bin/python3 - "$TMP/lsp.in" <<'PY'
import json, sys
def frame(o):
    b = json.dumps(o).encode() if not isinstance(o, bytes) else o
    return b"Content-Length: %d\r\n\r\n" % len(b) + b
doc = open("tests/diag/dup-key-nested.yaml", "rb").read().decode("utf-8", "replace")
msgs = [{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}},
        {"jsonrpc": "2.0", "method": "initialized", "params": {}},
        {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": "file:///a.yaml", "languageId": "yaml", "version": 1, "text": doc}}},
        {"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": "file:///a.yaml", "version": 2}, "contentChanges": [
                {"range": {"start": {"line": 1, "character": 2}, "end": {"line": 3, "character": 0}},
                 "text": "æ😀\n"}]}},
        b"{not json", {"jsonrpc": "2.0", "id": 2, "method": "no/such"}]
# Every language feature on a map, at positions on references, keys and texts.
mapdoc = open("maps/feriepark-familie.yaml", encoding="utf-8").read()
msgs.append({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
    "uri": "file:///m.yaml", "languageId": "yaml", "version": 1, "text": mapdoc}}})
n = 10
def features(every):
    global n
    for line, l in enumerate(mapdoc.split("\n")):
        for key in ("phase: ", "phases: [", "channel: ", "touchpoint: "):
            if key not in l or line % every:
                continue
            ch = l.index(key) + len(key)
            for m in ("completion", "hover", "definition", "references", "documentHighlight",
                      "prepareRename", "rename"):
                n += 1
                msgs.append({"jsonrpc": "2.0", "id": n, "method": "textDocument/" + m, "params": {
                    "textDocument": {"uri": "file:///m.yaml"}, "position": {"line": line, "character": ch},
                    "context": {"includeDeclaration": True}, "newName": "nytt-navn"}})
features(3)
# The same on a half-typed last line: the last journey that parsed answers.
msgs.append({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
    "textDocument": {"uri": "file:///m.yaml", "version": 2},
    "contentChanges": [{"text": mapdoc + "  - {phase: "}]}})
features(7)
msgs += [{"jsonrpc": "2.0", "id": 900, "method": "textDocument/documentSymbol",
          "params": {"textDocument": {"uri": "file:///m.yaml"}}},
         {"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": 900}},
         {"jsonrpc": "2.0", "id": 901, "method": "textDocument/codeAction", "params": {
             "textDocument": {"uri": "file:///m.yaml"}, "range": {"start": {"line": 0, "character": 0},
             "end": {"line": 9999, "character": 0}}, "context": {"diagnostics": []}}},
         {"jsonrpc": "2.0", "id": 902, "method": "textDocument/documentSymbol",
          "params": {"textDocument": {"uri": "file:///m.yaml"}}}]
msgs += [
        {"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": {"uri": "file:///a.yaml"}}},
        {"jsonrpc": "2.0", "id": 3, "method": "shutdown"}, {"jsonrpc": "2.0", "method": "exit"}]
open(sys.argv[1], "wb").write(b"".join(frame(m) for m in msgs))
PY
run "lsp session" "$CJMAP" lsp <"$TMP/lsp.in"
run "stats" "$CJMAP" stats --json maps/feriepark-familie.yaml
run "schema" "$CJMAP" schema
run "init" "$CJMAP" init -o "$TMP/init.yaml"
exit 0
