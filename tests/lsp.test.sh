# tests/lsp.test.sh — `cjmap lsp` driven by a scripted client
# (tests/lsp_client.py): framing, life cycle, position encodings, document
# sync, and diagnostics equal to `cjmap check`'s.
. tests/lib.sh
PYTHONPATH=tests /usr/bin/python3 tests/lsp_client.py "$CJMAP" "$TMP" || fail "lsp: the client" "exited $?"
