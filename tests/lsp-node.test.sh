# tests/lsp-node.test.sh — `cjmap lsp` driven by vscode-jsonrpc (npm), the
# JSON-RPC library of VS Code's own client (tests/node/lsp_client.js), for
# what Neovim 0.7 cannot test: position-encoding negotiation, cancellation,
# exit codes, error replies to malformed input.  Node's packages come from
# tests/node/package-lock.json (node_tools in tests/lib.sh).
# tests/run.sh sets CJMAP and TMP; alone, `bash tests/lsp-node.test.sh [BUILD_DIR]`.
. tests/lib.sh
: "${CJMAP:=$PWD/${1:-build}/cjmap}" "${TMP:=$(mktemp -d)}"
node_tools "lsp node" || exit 0
CJMAP=$CJMAP node tests/node/lsp_client.js >"$TMP/node.out" 2>&1
node_checks "lsp node" "$TMP/node.out" $?
