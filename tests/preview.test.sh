# tests/preview.test.sh — `cjmap preview` with a real browser: Debian's
# Chromium headless through puppeteer-core (tests/node/preview_test.js):
# the page shows the map; saves by rename and in place show up without a
# reload, keeping zoom and scroll; an invalid save shows the error over the
# last good map and the fix clears it; a deleted and re-created file comes
# back; path traversal, a foreign Host, POST and request bodies are
# refused; nothing listens beyond loopback; Ctrl-C exits 0; several files
# get an index.  Also usage errors, without a browser.
. tests/lib.sh
: "${CJMAP:=$PWD/${1:-build}/cjmap}" "${TMP:=$(mktemp -d)}"
out=$("$CJMAP" preview 2>&1); rc=$?
expect_eq "preview: no FILE is a usage error" "2" "$rc"
grep -q "'preview' needs a FILE" <<<"$out" || fail "preview: ... with its message" "$out"
out=$("$CJMAP" preview maps/feriepark-familie.yaml -o x.svg 2>&1); rc=$?
expect_eq "preview: -o is refused" "2:1" "$rc:$(grep -c "shows the maps as SVG in the browser" <<<"$out")"
out=$("$CJMAP" preview maps/feriepark-familie.yaml --port 70000 2>&1); rc=$?
expect_eq "preview: a bad --port" "2:1" "$rc:$(grep -c "from 0 to 65535" <<<"$out")"
out=$("$CJMAP" preview maps/feriepark-familie.yaml --host nowhere.example 2>&1); rc=$?
expect_eq "preview: --host needs an IP address" "2:1" "$rc:$(grep -c "needs an IP address" <<<"$out")"
out=$("$CJMAP" preview "$TMP/missing.yaml" 2>&1); rc=$?
expect_eq "preview: a missing FILE" "1:1" "$rc:$(grep -c "missing.yaml" <<<"$out")"
# --open starts $BROWSER with the page's address (a stand-in that records it).
printf '#!/bin/sh\necho "$@" > "%s/browser.txt"\n' "$TMP" >"$TMP/browser.sh"; chmod +x "$TMP/browser.sh"
cp maps/stromavtale-bytte.yaml "$TMP/open.yaml"
BROWSER=$TMP/browser.sh env --default-signal=INT "$CJMAP" preview "$TMP/open.yaml" --open >"$TMP/open.out" 2>"$TMP/open.err" &
pid=$!
for _ in $(seq 50); do [ -s "$TMP/browser.txt" ] && break; sleep 0.1; done
kill -INT $pid; wait $pid; rc=$?
expect_eq "preview --open: \$BROWSER gets the page's address" "$(head -1 "$TMP/open.out")" "$(cat "$TMP/browser.txt" 2>/dev/null)"
expect_eq "preview: SIGINT ends it with status 0" "0" "$rc"
grep -q '^http://127\.0\.0\.1:[0-9]*/$' "$TMP/open.out" && pass "preview: the first line is the address" ||
  fail "preview: the first line is the address" "$(head -2 "$TMP/open.out")"
BROWSER=/nonexistent/browser env --default-signal=INT "$CJMAP" preview "$TMP/open.yaml" --open >"$TMP/open2.out" 2>"$TMP/open2.err" &
pid=$!
for _ in $(seq 50); do grep -q "cannot open a browser" "$TMP/open2.err" && break; sleep 0.1; done
kill -INT $pid; wait $pid; rc=$?
expect_eq "preview --open: a browser that cannot start is said, and the server goes on" "0:1" \
  "$rc:$(grep -c "open http://127.0.0.1:[0-9]*/ yourself" "$TMP/open2.err")"
command -v chromium >/dev/null || { fail "preview" "chromium is not installed (make deps installs it)"; exit 0; }
node_tools "preview" || exit 0
CJMAP=$CJMAP TMP=$TMP timeout 180 node tests/node/preview_test.js >"$TMP/preview.out" 2>&1
node_checks "preview" "$TMP/preview.out" $?
