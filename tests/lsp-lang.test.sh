# tests/lsp-lang.test.sh — the language features of `cjmap lsp` driven by a
# scripted client (tests/lsp_lang.py): completion on half-typed lines,
# hover, navigation, rename, symbols, quick fixes, cancellation, debounce.
. tests/lib.sh
PYTHONPATH=tests /usr/bin/python3 tests/lsp_lang.py "$CJMAP" "$TMP" || fail "lsp: the language client" "exited $?"
