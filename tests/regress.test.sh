# tests/regress.test.sh — every input the fuzzer ever turned up
# (tests/fuzz/regress/) runs through check and a build to all formats:
# no crash, no sanitizer report, and a journey that checks clean must build
# (exit 0); an invalid one must fail as invalid (exit 1).
. tests/lib.sh
for f in tests/fuzz/regress/*; do
  [ -f "$f" ] && [ "$(basename "$f")" != .keep ] || continue
  n=$(basename "$f")
  "$CJMAP" check "$f" >/dev/null 2>&1; want=$?
  for fmt in pdf svg png; do
    timeout 120 "$CJMAP" build "$f" -f $fmt -o "$TMP/r.$fmt" >/dev/null 2>"$TMP/r.err"; rc=$?
    if [ $rc -ne $want ] || grep -qE 'Sanitizer|runtime error' "$TMP/r.err"; then
      fail "regress $n ($fmt)" "exit $rc, check gave $want: $(grep -m3 -E 'error|ERROR' "$TMP/r.err" | tr '\n' ' ')"
    else pass "regress $n ($fmt): exit $rc"; fi
  done
done
exit 0
