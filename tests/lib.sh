# tests/lib.sh — helpers for shell test suites (sourced by tests/*.test.sh).
# Each check prints "PASS name" or "FAIL name: detail"; tests/run.sh counts them.
# $CJMAP is the binary under test; $TMP a scratch directory removed afterwards.
pass() { printf 'PASS %s\n' "$1"; }
fail() { printf 'FAIL %s: %s\n' "$1" "$2"; }
# expect NAME WANT GOT
expect_eq() { if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "want [$2] got [$3]"; fi; }
# node_tools: Node.js test tools (tests/node, pinned in package-lock.json)
# are installed (npm ci when node_modules is missing or older than the lock);
# prints a FAIL and returns 1 when they cannot be.  NAME names the suite.
node_tools() {
  local name=$1 t
  for t in node npm; do
    command -v $t >/dev/null || { fail "$name" "$t is not installed (make deps installs it)"; return 1; }
  done
  local stamp=tests/node/node_modules/.package-lock.json
  if [ ! -e "$stamp" ] || [ tests/node/package-lock.json -nt "$stamp" ]; then
    ( flock 9; [ -e "$stamp" ] && [ ! tests/node/package-lock.json -nt "$stamp" ] ||
      npm ci --prefix tests/node --no-audit --no-fund --loglevel=error ) 9>tests/node/.lock >"$TMP/npm.log" 2>&1 ||
      { fail "$name: npm ci --prefix tests/node" \
          "failed (it needs the npm registry or npm's cache): $(head -4 "$TMP/npm.log" | tr '\n' ' ')"; return 1; }
  fi
}
# node_checks NAME OUT RC: the "ok - X" / "not ok - X: why" lines of a node
# test script's output file OUT as PASS/FAIL lines; "# ..." lines pass through.
node_checks() {
  local name=$1 out=$2 rc=$3 line
  while IFS= read -r line; do
    case "$line" in
      "ok - "*) pass "$name: ${line#ok - }" ;;
      "not ok - "*) printf 'FAIL %s: %s\n' "$name" "${line#not ok - }" ;;
      *) printf '%s\n' "$line" ;;
    esac
  done <"$out"
  grep -q '^ok - ' "$out" || fail "$name: the client" "ran no check (exit $rc)"
  [ "$rc" -eq 0 ] || grep -q '^not ok - ' "$out" || fail "$name: the client" "exited $rc"
}
