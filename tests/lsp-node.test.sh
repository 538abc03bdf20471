# tests/lsp-node.test.sh — `cjmap lsp` driven by vscode-jsonrpc (npm), the
# JSON-RPC library of VS Code's own client (tests/node/lsp_client.js), for
# what Neovim 0.7 cannot test: position-encoding negotiation, cancellation,
# exit codes, error replies to malformed input.  Node's packages come from
# tests/node/package-lock.json (npm ci, when node_modules is missing or older).
# tests/run.sh sets CJMAP and TMP; alone, `bash tests/lsp-node.test.sh [BUILD_DIR]`.
. tests/lib.sh
: "${CJMAP:=$PWD/${1:-build}/cjmap}" "${TMP:=$(mktemp -d)}"
for t in node npm; do
  command -v $t >/dev/null || { fail "lsp node" "$t is not installed (make deps installs it)"; exit 0; }
done
stamp=tests/node/node_modules/.package-lock.json
if [ ! -e "$stamp" ] || [ tests/node/package-lock.json -nt "$stamp" ]; then
  npm ci --prefix tests/node --no-audit --no-fund --loglevel=error >"$TMP/npm.log" 2>&1 ||
    { fail "lsp node: npm ci --prefix tests/node" \
        "failed (it needs the npm registry or npm's cache): $(head -4 "$TMP/npm.log" | tr '\n' ' ')"; exit 0; }
fi
CJMAP=$CJMAP node tests/node/lsp_client.js >"$TMP/node.out" 2>&1
rc=$?
while IFS= read -r line; do
  case "$line" in
    "ok - "*) pass "lsp node: ${line#ok - }" ;;
    "not ok - "*) printf 'FAIL lsp node: %s\n' "${line#not ok - }" ;;
    *) printf '%s\n' "$line" ;;
  esac
done <"$TMP/node.out"
grep -q '^ok - ' "$TMP/node.out" || fail "lsp node: the client" "ran no check (exit $rc)"
[ $rc -eq 0 ] || grep -q '^not ok - ' "$TMP/node.out" || fail "lsp node: the client" "exited $rc"
