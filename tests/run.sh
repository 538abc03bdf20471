#!/usr/bin/env bash
# tests/run.sh BUILD_DIR... — runs every test suite against each build directory:
#   - unit-test programs built from tests/unit/*.c
#   - tests/diag/*.yaml: `cjmap check` must print exactly NAME.err and exit 1
#   - tests/good/*.yaml and maps/*.yaml: `cjmap check` must exit 0 with no error
#   - tests/*.test.sh: shell suites (see tests/lib.sh)
# Every check prints PASS/FAIL; the last line is "N passed, N failed".
set -u
cd "$(dirname "$0")/.."
export LC_ALL=C.UTF-8 NO_COLOR=
unset NO_COLOR
export ASAN_OPTIONS=exitcode=42:detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
passed=0 failed=0
TMPROOT=$(mktemp -d); trap 'rm -rf "$TMPROOT"' EXIT
count() { # reads PASS/FAIL lines from stdin, prefixes them with the build, tallies
  local pre=$1 line
  while IFS= read -r line; do
    case "$line" in
      PASS\ *) passed=$((passed+1)); [ -n "${VERBOSE:-}" ] && echo "[$pre] $line" ;;
      FAIL\ *) failed=$((failed+1)); echo "[$pre] $line" ;;
      *) [ -n "$line" ] && echo "[$pre] $line" ;;
    esac
  done
}
for B in "$@"; do
  CJMAP=$PWD/$B/cjmap
  echo "== suite on $B"
  for t in "$B"/tests/*; do
    [ -x "$t" ] || continue
    out=$("$t" 2>&1); rc=$?
    count "$B" <<<"$out"
    if [ $rc -ne 0 ] && ! grep -q '^FAIL' <<<"$out"; then count "$B" <<<"FAIL $(basename "$t"): exited $rc"; fi
  done
  # Golden diagnostics: exact stderr, exit 1.
  for y in tests/diag/*.yaml; do
    [ -e "$y" ] || continue
    n=${y%.yaml}; want="$n.err"
    got=$(cd tests/diag && "$CJMAP" check --color=never "$(basename "$y")" 2>&1 >/dev/null); rc=$?
    if [ ! -f "$want" ]; then count "$B" <<<"FAIL diag/$(basename "$n"): no $want"; continue; fi
    if [ $rc -eq 1 ] && [ "$got" = "$(cat "$want")" ]; then count "$B" <<<"PASS diag/$(basename "$n")"
    else count "$B" <<<"FAIL diag/$(basename "$n"): exit $rc; diff: $(diff <(cat "$want") <(printf '%s\n' "$got") | head -20)"; fi
    # Each "# expect: L:C" line of the input names a position the output reports.
    missing=""
    while read -r lc; do
      grep -q "^$(basename "$y"):$lc: " <<<"$got" || missing="$missing $lc"
    done < <(sed -n 's/^# expect: \([0-9]*:[0-9]*\).*/\1/p' "$y")
    if [ -z "$missing" ]; then count "$B" <<<"PASS diag/$(basename "$n") expect lines"
    else count "$B" <<<"FAIL diag/$(basename "$n") expect lines: not reported at$missing"; fi
  done
  for y in tests/good/*.yaml maps/*.yaml; do
    [ -e "$y" ] || continue
    got=$("$CJMAP" check --color=never "$y" 2>&1); rc=$?
    if [ $rc -eq 0 ] && ! grep -q ': error:' <<<"$got"; then count "$B" <<<"PASS good/$(basename "$y")"
    else count "$B" <<<"FAIL good/$(basename "$y"): exit $rc: $(head -5 <<<"$got")"; fi
  done
  for s in tests/*.test.sh; do
    [ -e "$s" ] || continue
    TMP=$(mktemp -d "$TMPROOT/XXXX")
    out=$(CJMAP=$CJMAP TMP=$TMP BUILD=$B bash "$s" 2>&1); rc=$?
    count "$B" <<<"$out"
    [ $rc -eq 0 ] || count "$B" <<<"FAIL $(basename "$s"): exited $rc"
  done
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
