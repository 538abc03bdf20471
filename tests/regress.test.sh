# tests/regress.test.sh — every input the fuzzer ever turned up
# (tests/fuzz/regress/) runs through check and a build to all formats:
# no crash, no sanitizer report, an exit status that means something.
. tests/lib.sh
for f in tests/fuzz/regress/*; do
  [ -f "$f" ] && [ "$(basename "$f")" != .keep ] || continue
  n=$(basename "$f")
  for fmt in pdf svg png; do
    timeout 120 "$CJMAP" build "$f" -f $fmt -o "$TMP/r.$fmt" >/dev/null 2>"$TMP/r.err"; rc=$?
    if [ $rc -ge 4 ] || grep -qE 'Sanitizer|runtime error' "$TMP/r.err"; then
      fail "regress $n ($fmt)" "exit $rc: $(grep -m3 -E 'ERROR|runtime error' "$TMP/r.err" | tr '\n' ' ')"
    else pass "regress $n ($fmt): exit $rc"; fi
  done
done
exit 0
