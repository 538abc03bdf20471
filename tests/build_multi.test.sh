# tests/build_multi.test.sh — several inputs: one PDF with a bookmark per
# journey (-o), one file per journey (-O DIR or no -o), all diagnostics first,
# nothing partial, never over an input.
. tests/lib.sh
A=maps/b2b-leverandorskifte.yaml B=maps/kundereise-bank.yaml BAD=tests/diag/bad-version.yaml
outline() { # the titles of a PDF's outline entries, one per line
  /usr/bin/python3 - "$1" <<'PY'
import re, sys
data = open(sys.argv[1], 'rb').read()
for m in re.finditer(rb'<<((?:(?!>>).)*?/Parent(?:(?!>>).)*?)>>', data, re.S):
    t = re.search(rb'/Title\s*(\((?:\\.|[^)])*\)|<[0-9A-Fa-f]*>)', m.group(1))
    if not t: continue
    v = t.group(1)
    if v.startswith(b'('): print(v[1:-1].decode('latin-1'))
    else:
        h = bytes.fromhex(v[1:-1].decode())
        print(h[2:].decode('utf-16-be') if h.startswith(b'\xfe\xff') else h.decode('latin-1'))
PY
}
"$CJMAP" build $A $B -o "$TMP/book.pdf" 2>/dev/null; expect_eq "book exit" 0 $?
expect_eq "book pages" "Pages:           2" "$(pdfinfo "$TMP/book.pdf" | grep '^Pages:')"
expect_eq "book bookmarks" "Switching supplier of hygiene products in food production
Førstegangskjøpere bytter bank for å få boliglån i Fjordsparebanken" "$(outline "$TMP/book.pdf")"
txt=$(pdftotext -layout "$TMP/book.pdf" - 2>/dev/null)
case "$txt" in *Switching*Fjordsparebanken*) pass "book holds both maps in order";; *) fail "book holds both maps in order" "text missing";; esac

# one invalid input: every diagnostic, exit 1, no file at all
echo old > "$TMP/keep.pdf"
err=$("$CJMAP" build $A $BAD $B -o "$TMP/keep.pdf" 2>&1); expect_eq "book with an invalid input: exit" 1 $?
case "$err" in *bad-version.yaml:2:10*) pass "book: the invalid input's diagnostics";; *) fail "book: the invalid input's diagnostics" "$err";; esac
expect_eq "book: existing output untouched" "old" "$(cat "$TMP/keep.pdf")"
err=$("$CJMAP" build tests/diag/unknown-key-top.yaml $BAD -o "$TMP/x.pdf" 2>&1)
case "$err" in *unknown-key-top.yaml:4:1*bad-version.yaml:2:10*) pass "errors in one input do not hide another's";; *) fail "errors in one input do not hide another's" "$err";; esac

# -O DIR: one file per journey; invalid ones skipped, the rest written
mkdir -p "$TMP/out"
"$CJMAP" build $A $BAD $B -O "$TMP/out" -f svg 2>/dev/null; expect_eq "-O with an invalid input: exit" 1 $?
expect_eq "-O writes the valid ones" "b2b-leverandorskifte.svg kundereise-bank.svg" "$(cd "$TMP/out" && echo *)"
xmllint --noout "$TMP/out/kundereise-bank.svg" 2>/dev/null && pass "-O svg well-formed" || fail "-O svg well-formed" "xmllint"
# -O DIR that does not exist: made, with its missing parents (mkdir -p),
# 0777 less the umask; exit 3 with a clear message when it cannot be.
"$CJMAP" build $A -O "$TMP/nope" -f svg 2>/dev/null; expect_eq "-O missing folder: exit" 0 $?
expect_eq "-O missing folder: made and written" "b2b-leverandorskifte.svg" "$(cd "$TMP/nope" 2>/dev/null && echo *)"
(umask 027; "$CJMAP" build $A $B -O "$TMP/deep/er/still/" -f svg 2>/dev/null); expect_eq "-O nested missing folders: exit" 0 $?
expect_eq "-O nested missing folders: both maps" "b2b-leverandorskifte.svg kundereise-bank.svg" "$(cd "$TMP/deep/er/still" 2>/dev/null && echo *)"
expect_eq "-O nested missing folders: mode 0777 less the umask" "750 750 750" "$(stat -c %a "$TMP/deep" "$TMP/deep/er" "$TMP/deep/er/still" 2>&1 | tr '\n' ' ' | sed 's/ $//')"
"$CJMAP" build $A -O "$TMP//nope2//x" -f svg 2>/dev/null; expect_eq "-O missing folder with doubled slashes" 0 $?
[ -f "$TMP/nope2/x/b2b-leverandorskifte.svg" ] && pass "-O doubled slashes: written" || fail "-O doubled slashes: written" "$(ls -R "$TMP/nope2" 2>&1)"
echo plain > "$TMP/plain"
err=$("$CJMAP" build $A -O "$TMP/plain/sub/dir" -f svg 2>&1); expect_eq "-O under a regular file: exit" 3 $?
expect_eq "-O under a regular file: message" "cjmap: error: cannot create folder '$TMP/plain/sub/dir': Not a directory" "$err"
expect_eq "-O under a regular file: the file untouched" "plain" "$(cat "$TMP/plain")"
err=$("$CJMAP" build $BAD -O "$TMP/not-made" -f svg 2>&1); expect_eq "-O missing folder, only invalid inputs: exit" 1 $?
[ -e "$TMP/not-made" ] && fail "-O missing folder, only invalid inputs: no folder made" "$(ls -ld "$TMP/not-made")" || pass "-O missing folder, only invalid inputs: no folder made"
"$CJMAP" build $A $BAD -O "$TMP/half" -f svg 2>/dev/null; expect_eq "-O missing folder, one invalid input: exit" 1 $?
expect_eq "-O missing folder, one invalid input: the valid one written" "b2b-leverandorskifte.svg" "$(cd "$TMP/half" 2>/dev/null && echo *)"
if [ "$(id -u)" != 0 ]; then
  mkdir -p "$TMP/locked"; chmod 555 "$TMP/locked"
  err=$("$CJMAP" build $A -O "$TMP/locked/a/b" -f svg 2>&1); expect_eq "-O in an unwritable folder: exit" 3 $?
  expect_eq "-O in an unwritable folder: message" "cjmap: error: cannot create folder '$TMP/locked/a/b': Permission denied" "$err"
  chmod 755 "$TMP/locked"
fi
"$CJMAP" build $A -o x.pdf -O "$TMP/out" 2>/dev/null; expect_eq "-o with -O" 2 $?
err=$("$CJMAP" build $A $B -o "$TMP/two.svg" 2>&1); expect_eq "several inputs into one SVG" 2 $?
case "$err" in *"only as PDF"*) pass "several inputs into one SVG: message";; *) fail "several inputs into one SVG: message" "$err";; esac
(cd "$TMP" && "$CJMAP" build "$OLDPWD/$A" "$OLDPWD/$B" 2>/dev/null); expect_eq "several inputs, no -o: exit" 0 $?
[ -f "$TMP/b2b-leverandorskifte.pdf" ] && [ -f "$TMP/kundereise-bank.pdf" ] && pass "several inputs, no -o: one PDF each in the current directory" || fail "several inputs, no -o" "$(ls "$TMP")"

# never over an input
cp $A "$TMP/j.yaml"; cp "$TMP/j.yaml" "$TMP/j.orig"
err=$("$CJMAP" build "$TMP/j.yaml" -o "$TMP/j.yaml" -f pdf 2>&1); expect_eq "output equal to input: refused" 2 $?
expect_eq "output equal to input: message" "cjmap: error: refusing to write the map over the input '$TMP/j.yaml'; choose another -o" "$err"
cmp -s "$TMP/j.yaml" "$TMP/j.orig" && pass "output equal to input: input untouched" || fail "output equal to input: input untouched" "changed"
ln -s j.yaml "$TMP/link.pdf"
"$CJMAP" build "$TMP/j.yaml" -o "$TMP/link.pdf" 2>/dev/null; expect_eq "output is a link to the input: refused" 2 $?
cmp -s "$TMP/j.yaml" "$TMP/j.orig" && pass "link to input: input untouched" || fail "link to input: input untouched" "changed"
expect_eq "no temporary files left" "" "$(find "$TMP" -name '.*cjmap-*')"
exit 0
