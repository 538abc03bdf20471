# tests/lib.sh — helpers for shell test suites (sourced by tests/*.test.sh).
# Each check prints "PASS name" or "FAIL name: detail"; tests/run.sh counts them.
# $CJMAP is the binary under test; $TMP a scratch directory removed afterwards.
pass() { printf 'PASS %s\n' "$1"; }
fail() { printf 'FAIL %s: %s\n' "$1" "$2"; }
# expect NAME WANT GOT
expect_eq() { if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "want [$2] got [$3]"; fi; }
