# tests/valgrind.test.sh — valgrind memcheck over a sample of real runs:
# zero memory errors and zero definite/indirect leaks.  fontconfig and pango
# keep caches for the life of the process on purpose: those are "still
# reachable" (or "possibly lost" inside fontconfig), never counted here.
# Runs on the plain build only (valgrind cannot run ASan binaries).
. tests/lib.sh
case "$BUILD" in *asan*) exit 0 ;; esac
command -v valgrind >/dev/null || { fail "valgrind" "valgrind is not installed (make deps installs it)"; exit 0; }
VG="valgrind -q --suppressions=tests/valgrind.supp --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect --track-fds=no"
run() { # NAME CMD...
  local name=$1; shift
  $VG "$@" >"$TMP/vg.out" 2>"$TMP/vg.err"; local rc=$?
  if [ $rc -eq 99 ] || grep -q '^==[0-9]*== ' "$TMP/vg.err"; then
    fail "valgrind: $name" "$(grep '^==' "$TMP/vg.err" | head -8 | tr '\n' ' ')"
  else pass "valgrind: $name (exit $rc)"; fi
}
run "check maps" "$CJMAP" check maps/feriepark-familie.yaml maps/kundereise-bank.yaml
run "check a bad file" "$CJMAP" check tests/diag/dup-key-nested.yaml
run "check an alias bomb" "$CJMAP" check tests/diag/billion-laughs.yaml
run "check invalid UTF-8" "$CJMAP" check tests/diag/overlong-utf8.yaml
run "build PDF" "$CJMAP" build maps/kundereise-bank.yaml -o "$TMP/m.pdf"
run "build SVG" "$CJMAP" build tests/good/unicode.yaml -o "$TMP/m.svg"
run "build PNG" "$CJMAP" build tests/good/minimal.yaml -o "$TMP/m.png" --dpi 72
run "build PNG in several bands" "$CJMAP" build maps/kundereise-bank.yaml -o "$TMP/bands.png"
run "build PNG onto a full device (libpng's longjmp)" "$CJMAP" build maps/kundereise-bank.yaml -o /dev/full -f png
run "build A4, several pages, mono" "$CJMAP" build maps/b2b-leverandorskifte.yaml --page A4 --theme mono -o "$TMP/a4.pdf"
run "build two journeys into one PDF" "$CJMAP" build maps/feriepark-familie.yaml tests/good/full.yaml -o "$TMP/book.pdf"
run "build an invalid journey" "$CJMAP" build tests/diag/bad-version.yaml -o "$TMP/no.pdf"
run "stats" "$CJMAP" stats --json maps/feriepark-familie.yaml
run "schema" "$CJMAP" schema
run "init" "$CJMAP" init -o "$TMP/init.yaml"
exit 0
