# tests/render.test.sh — the command-line contract of `cjmap build`: formats
# and file names, stdout, determinism, SOURCE_DATE_EPOCH, multi-page PNG,
# atomic writes (a failing build leaves an existing file untouched), mono.
# (Text content and geometry are checked by tests/unit/test_render.c and
# tests/unit/test_layout.c.)
. tests/lib.sh
ROOT=$PWD
good=tests/good/full.yaml
bad=tests/diag/unknown-key-top.yaml

# Every map renders to all three formats.
for y in maps/*.yaml; do
  n=$(basename "$y" .yaml)
  for f in pdf svg png; do
    "$CJMAP" build "$y" -o "$TMP/$n.$f" 2>/dev/null; rc=$?
    if [ $rc -eq 0 ] && [ -s "$TMP/$n.$f" ]; then pass "build $n.$f"; else fail "build $n.$f" "exit $rc"; fi
  done
  out=$(xmllint --noout "$TMP/$n.svg" 2>&1); expect_eq "$n.svg is well-formed" "" "$out"
  case "$(head -c 5 "$TMP/$n.pdf")" in %PDF-) pass "$n.pdf is a PDF";; *) fail "$n.pdf is a PDF" "bad magic";; esac
done

# Format from -f or the extension; default name in the current directory.
(cd "$TMP" && "$CJMAP" build "$ROOT/$good" 2>/dev/null); expect_eq "default output exit" 0 $?
[ -s "$TMP/full.pdf" ] && pass "default output is FILE.pdf in cwd" || fail "default output is FILE.pdf in cwd" "missing"
"$CJMAP" build -f svg "$good" -o "$TMP/x.out" 2>/dev/null; expect_eq "-f beats the extension" "<?xml" "$(head -c 5 "$TMP/x.out")"
"$CJMAP" build "$good" -o "$TMP/x.jpg" 2>/dev/null; expect_eq "unknown extension is a usage error" 2 $?
"$CJMAP" build "$good" -o - >/dev/null 2>&1; expect_eq "stdout without -f is a usage error" 2 $?
"$CJMAP" build "$good" --page B5 -o "$TMP/x.pdf" 2>/dev/null; expect_eq "bad --page" 2 $?
"$CJMAP" build "$good" --theme neon -o "$TMP/x.pdf" 2>/dev/null; expect_eq "bad --theme" 2 $?
"$CJMAP" build "$good" --dpi 0 -o "$TMP/x.png" 2>/dev/null; expect_eq "bad --dpi" 2 $?
"$CJMAP" build 2>/dev/null; expect_eq "no FILE" 2 $?
out=$("$CJMAP" build --help); expect_eq "build --help exit" 0 $?
case "$out" in *"Usage: cjmap build"*) pass "build --help text";; *) fail "build --help text" "$out";; esac

# Standard output.
"$CJMAP" build "$good" -o - -f svg 2>/dev/null | xmllint --noout - 2>/dev/null; expect_eq "SVG on stdout is well-formed" 0 $?
expect_eq "PDF on stdout" "%PDF-" "$("$CJMAP" build "$good" -o - -f pdf 2>/dev/null | head -c 5)"
"$CJMAP" build - -o - -f pdf < "$good" > "$TMP/stdin.pdf" 2>/dev/null; expect_eq "stdin to stdout" 0 $?
"$CJMAP" build "$good" -o - -f pdf > /dev/full 2>/dev/null; expect_eq "write error is exit 3" 3 $?
"$CJMAP" build "$good" -o "$TMP/no/such/dir/x.pdf" 2>/dev/null; expect_eq "unwritable directory is exit 3" 3 $?

# Same input, same bytes (separate processes), in every format.
for f in pdf svg png; do
  "$CJMAP" build "$good" -o "$TMP/a.$f" 2>/dev/null
  "$CJMAP" build "$good" -o "$TMP/b.$f" 2>/dev/null
  cmp -s "$TMP/a.$f" "$TMP/b.$f" && pass "deterministic $f" || fail "deterministic $f" "bytes differ"
done
SOURCE_DATE_EPOCH=1700000000 "$CJMAP" build "$good" -o "$TMP/d1.pdf" 2>/dev/null
SOURCE_DATE_EPOCH=1700000000 "$CJMAP" build "$good" -o "$TMP/d2.pdf" 2>/dev/null
cmp -s "$TMP/d1.pdf" "$TMP/d2.pdf" && pass "SOURCE_DATE_EPOCH deterministic" || fail "SOURCE_DATE_EPOCH deterministic" "differ"
case "$(pdfinfo "$TMP/d1.pdf" 2>/dev/null | grep CreationDate)" in
  *2023*) pass "SOURCE_DATE_EPOCH sets the PDF date";;
  *) fail "SOURCE_DATE_EPOCH sets the PDF date" "$(pdfinfo "$TMP/d1.pdf" 2>&1 | grep CreationDate)";;
esac
info=$(pdfinfo "$TMP/a.pdf" 2>/dev/null)
case "$info" in *"Title:"*"Booking a family holiday"*) pass "PDF title";; *) fail "PDF title" "$info";; esac
case "$info" in *"Subject:"*"Families with small children"*) pass "PDF subject is the segment";; *) fail "PDF subject" "$info";; esac
case "$info" in *"Creator:"*cjmap*) pass "PDF creator";; *) fail "PDF creator" "$info";; esac

# An invalid journey: diagnostics, exit 1, the existing output untouched,
# no temporary file left behind.
mkdir -p "$TMP/keep"
cp "$TMP/a.pdf" "$TMP/keep/map.pdf"; touch -d '2001-01-01' "$TMP/keep/map.pdf"
err=$("$CJMAP" build "$bad" -o "$TMP/keep/map.pdf" 2>&1); rc=$?
expect_eq "invalid journey exit" 1 $rc
case "$err" in *"error: unknown key"*) pass "invalid journey diagnostics";; *) fail "invalid journey diagnostics" "$err";; esac
cmp -s "$TMP/a.pdf" "$TMP/keep/map.pdf" && pass "failed build leaves the file's bytes" || fail "failed build leaves the file's bytes" "changed"
expect_eq "failed build leaves the file's date" "2001-01-01" "$(date -r "$TMP/keep/map.pdf" +%F)"
expect_eq "no temporary files left" "map.pdf" "$(ls -A "$TMP/keep")"
"$CJMAP" build "$bad" 2>/dev/null; [ ! -e unknown-key-top.pdf ] && pass "invalid journey creates no default file" || { rm -f unknown-key-top.pdf; fail "invalid journey creates no default file" "created"; }
"$CJMAP" build "$good" -o "$TMP/keep/map.pdf" 2>/dev/null
expect_eq "good build replaces it" 0 $?
expect_eq "no temporary files after success" "map.pdf" "$(ls -A "$TMP/keep")"

# A big journey on A4: several pages; PNG is one file per page.
big=$TMP/big.yaml
{
  echo "version: 1"; echo "title: A long journey"; echo "segment: {name: Everyone}"; echo "phases:"
  for i in $(seq 1 14); do echo "  - {id: p$i, name: Phase number $i, statement: This is what I think in phase $i, actions: [Does one thing, Does another thing]}"; done
  echo "touchpoints:"
  for i in $(seq 1 60); do echo "  - {name: Touchpoint $i, channel: web, phases: {p$(( i % 14 + 1 )): A purpose that takes a few words to say}}"; done
} > "$big"
"$CJMAP" build "$big" --page A4 -o "$TMP/big.png" 2>/dev/null; expect_eq "multi-page PNG exit" 0 $?
[ -s "$TMP/big-1.png" ] && [ -s "$TMP/big-2.png" ] && pass "multi-page PNG is big-1.png, big-2.png, ..." || fail "multi-page PNG files" "$(ls "$TMP")"
[ ! -e "$TMP/big.png" ] && pass "no big.png beside the pages" || fail "no big.png beside the pages" "exists"
"$CJMAP" build "$big" --page A4 -o "$TMP/big.pdf" 2>/dev/null
pages=$(pdfinfo "$TMP/big.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
[ "${pages:-0}" -gt 1 ] && pass "multi-page PDF ($pages pages)" || fail "multi-page PDF" "pages=$pages"
size=$(pdfinfo "$TMP/big.pdf" 2>/dev/null | awk '/^Page size:/ {print $3 "x" $5; exit}')
expect_eq "A4 landscape pages" "841.89x595.28" "$size"
# Fewest pages (issue 14, item 2): five phases go across one A4 landscape
# sheet (columns narrower at 7 pt), not 3 + 2 groups on three sheets; rows
# on A3 portrait are made at 7 pt when that saves a sheet (three before).
"$CJMAP" build maps/stromavtale-bytte.yaml --page A4 -o "$TMP/five.pdf" 2>/dev/null
expect_eq "five phases on A4 landscape: two sheets" "Pages: 2" "$(pdfinfo "$TMP/five.pdf" 2>/dev/null | grep -o 'Pages: *[0-9]*' | tr -s ' ')"
expect_eq "five phases on A4 landscape: all named on the first sheet" "5" "$(pdftotext -f 1 -l 1 "$TMP/five.pdf" - 2>/dev/null | grep -cxE 'Erkjennelse|Research|Beslutning|Bruk|Lojalitet')"
"$CJMAP" build maps/b2b-leverandorskifte.yaml --page A3 --portrait -o "$TMP/rows7.pdf" 2>/dev/null
expect_eq "rows on A3 portrait at 7 pt: two sheets" "Pages: 2" "$(pdfinfo "$TMP/rows7.pdf" 2>/dev/null | grep -o 'Pages: *[0-9]*' | tr -s ' ')"
# --fit (issue 14, item 1): one sheet, or one sheet wide; A0 is a paper.
"$CJMAP" build "$good" --page A3 --fit=page -o "$TMP/fit.pdf" 2>"$TMP/fit.err"; expect_eq "--fit=page: exit" 0 $?
expect_eq "--fit=page: one page" "Pages: 1" "$(pdfinfo "$TMP/fit.pdf" 2>/dev/null | grep -o 'Pages: *[0-9]*' | tr -s ' ')"
expect_eq "--fit=page: A3 landscape" "1190.55x841.89" "$(pdfinfo "$TMP/fit.pdf" 2>/dev/null | awk '/^Page size:/ {print $3 "x" $5; exit}')"
expect_eq "--fit=page: a small map needs no warning" "" "$(cat "$TMP/fit.err")"
err=$("$CJMAP" build maps/b2b-leverandorskifte.yaml --page A4 --fit=page -o "$TMP/fit2.pdf" 2>&1); rc=$?
expect_eq "--fit=page below 4 pt: refused (exit 3)" 3 $rc
expect_eq "--fit=page below 4 pt: names the size and a paper that keeps 4 pt" "yes" "$(grep -q "fits on one A4 sheet only with 3\.[0-9] pt text, too small to read; A[0-3] keeps it at 4 pt or more (--page A[0-3])" <<<"$err" && echo yes)"
[ -e "$TMP/fit2.pdf" ] && fail "--fit=page below 4 pt: nothing written" "file" || pass "--fit=page below 4 pt: nothing written"
err=$("$CJMAP" build maps/stromavtale-bytte.yaml --page A4 --fit=page -o "$TMP/fit3.pdf" 2>&1); rc=$?
expect_eq "--fit=page below 7 pt: built (exit 0)" 0 $rc
expect_eq "--fit=page below 7 pt: a warning with the size and a paper that keeps 7 pt" "yes" "$(grep -q "warning: to fit on one A4 sheet, the map of .* has [4-6]\.[0-9] pt text, below the 7 pt a printed map is read at; A[0-3] keeps it at 7 pt (--page A[0-3])" <<<"$err" && echo yes)"
expect_eq "--fit=page below 7 pt: one page" "Pages: 1" "$(pdfinfo "$TMP/fit3.pdf" 2>/dev/null | grep -o 'Pages: *[0-9]*' | tr -s ' ')"
"$CJMAP" --strict build maps/stromavtale-bytte.yaml --page A4 --fit=page -o "$TMP/fit4.pdf" 2>/dev/null
expect_eq "--fit=page below 7 pt with --strict: an error" 1 $?
"$CJMAP" build maps/stromavtale-bytte.yaml --page A3 --fit=width -o "$TMP/fitw.pdf" 2>/dev/null; expect_eq "--fit=width: exit" 0 $?
expect_eq "--fit=width: A3 pages" "1190.55x841.89" "$(pdfinfo "$TMP/fitw.pdf" 2>/dev/null | awk '/^Page size:/ {print $3 "x" $5; exit}')"
"$CJMAP" build "$good" --fit=page -o "$TMP/fitx.pdf" 2>/dev/null; expect_eq "--fit without --page: usage error" 2 $?
"$CJMAP" build "$good" --page A4 --fit=sheet -o "$TMP/fitx.pdf" 2>/dev/null; expect_eq "--fit=sheet: usage error" 2 $?
"$CJMAP" build "$good" --page A0 -o "$TMP/a0.pdf" 2>/dev/null; expect_eq "--page A0: exit" 0 $?
expect_eq "--page A0: landscape A0" "3370.39x2383.94" "$(pdfinfo "$TMP/a0.pdf" 2>/dev/null | awk '/^Page size:/ {print $3 "x" $5; exit}')"
# Hyphenation (issue 14, item 4): a Danish compound too wide for its column
# breaks at a point of the Danish patterns, with a hyphen; pdftotext gives
# the two halves on two lines, the first ending in '-'.
"$CJMAP" build tests/good/hyphenation-da.yaml --page A4 --portrait -o "$TMP/hy.pdf" 2>/dev/null
txt=$(pdftotext -raw "$TMP/hy.pdf" - 2>/dev/null)
expect_eq "hyphenation: handelsforeningsmedlem- | merne" "yes" "$(grep -qx 'handelsforeningsmedlem-' <<<"$txt" && grep -q '^merne' <<<"$txt" && echo yes)"
expect_eq "hyphenation: no break inside a syllable (…medlemm-)" "" "$(grep 'medlemm-$' <<<"$txt")"
"$CJMAP" build tests/good/hyphenation-da.yaml --page A4 --portrait -o "$TMP/hy.svg" 2>/dev/null
expect_eq "hyphenation: the SVG text carries the hyphen" "yes" "$(grep -q '>handelsforeningsmedlem-</text>' "$TMP"/hy*.svg && echo yes)"
# An orientation turns a paper; without one it is refused, never ignored.
for o in --portrait --landscape; do
  err=$("$CJMAP" build "$good" $o -o "$TMP/orient.pdf" 2>&1); rc=$?
  expect_eq "$o without --page: usage error" 2 $rc
  hint=""; [ "$o" = --portrait ] && hint=", or for a tall map on an auto page use --layout=rows"
  expect_eq "$o without --page: says why" "cjmap: error: $o turns a paper; give one with --page (e.g. --page A4 $o)$hint" "$(head -1 <<<"$err")"
  [ -e "$TMP/orient.pdf" ] && fail "$o without --page writes nothing" "file written" || pass "$o without --page writes nothing"
done
"$CJMAP" build "$good" --page A4 --portrait -o "$TMP/orient.pdf" 2>/dev/null
expect_eq "--portrait with --page: A4 portrait" "595.28x841.89" "$(pdfinfo "$TMP/orient.pdf" 2>/dev/null | awk '/^Page size:/ {print $3 "x" $5; exit}')"
# --layout: rows by default on portrait paper, columns elsewhere; either on any page.
err=$("$CJMAP" build "$good" --layout=diagonal -o "$TMP/lay.pdf" 2>&1); rc=$?
expect_eq "--layout=diagonal: usage error" 2 $rc
expect_eq "--layout=diagonal: says what is valid" "cjmap: error: invalid --layout 'diagonal'; use rows or columns" "$(head -1 <<<"$err")"
[ -e "$TMP/lay.pdf" ] && fail "--layout=diagonal writes nothing" "file written" || pass "--layout=diagonal writes nothing"
"$CJMAP" build "$good" --layout=rows -o "$TMP/rows-auto.svg" 2>/dev/null
"$CJMAP" build "$good" -o "$TMP/cols-auto.svg" 2>/dev/null
# An auto page in rows is about as wide as A4 is tall (792 pt and the
# margins), the lanes wrapping into tiers; in columns every lane is a band
# across all the phases.
wh() { sed -n 's/.*<svg[^>]* width="\([0-9.]*\)pt" height="\([0-9.]*\)pt".*/\1 \2/p' "$1" | head -1; }
read -r rw rh <<<"$(wh "$TMP/rows-auto.svg")"; read -r cw ch <<<"$(wh "$TMP/cols-auto.svg")"
expect_eq "--layout=rows on an auto page: at most 840 pt wide" yes "$(awk -v w="$rw" 'BEGIN{print (w <= 840) ? "yes" : "no"}')"
expect_eq "--layout=rows on an auto page: narrower than columns" yes "$(awk -v a="$rw" -v b="$cw" 'BEGIN{print (a < b) ? "yes" : "no"}')"
"$CJMAP" build "$big" --layout=rows -o "$TMP/big-rows.svg" 2>/dev/null
read -r bw bh <<<"$(wh "$TMP/big-rows.svg")"
expect_eq "--layout=rows, 15 phases on an auto page: taller than wide" yes "$(awk -v w="$bw" -v h="$bh" 'BEGIN{print (h > w) ? "yes" : "no"}')"
"$CJMAP" build "$good" --page A4 --portrait -o "$TMP/p-default.pdf" 2>/dev/null
"$CJMAP" build "$good" --page A4 --portrait --layout=rows -o "$TMP/p-rows.pdf" 2>/dev/null
"$CJMAP" build "$good" --page A4 --portrait --layout=columns -o "$TMP/p-cols.pdf" 2>/dev/null
cmp -s "$TMP/p-default.pdf" "$TMP/p-rows.pdf" && pass "portrait paper: rows by default" || fail "portrait paper: rows by default" "differs from --layout=rows"
cmp -s "$TMP/p-default.pdf" "$TMP/p-cols.pdf" && fail "--layout=columns on portrait: not rows" "same bytes" || pass "--layout=columns on portrait: not rows"
"$CJMAP" build "$good" --page A4 -o "$TMP/l-default.pdf" 2>/dev/null
"$CJMAP" build "$good" --page A4 --layout=columns -o "$TMP/l-cols.pdf" 2>/dev/null
cmp -s "$TMP/l-default.pdf" "$TMP/l-cols.pdf" && pass "landscape paper: columns by default" || fail "landscape paper: columns by default" "differs from --layout=columns"
# The journey's words are in the rows PDF, on landscape paper too.
for pg in A4 A3; do
  "$CJMAP" build "$good" --page $pg --layout=rows -o "$TMP/r-$pg.pdf" 2>/dev/null
  txt=$(pdftotext "$TMP/r-$pg.pdf" - 2>/dev/null | tr -s ' \n' '  ')
  expect_eq "rows on $pg landscape: segment and statement in the PDF" yes "$(grep -q 'Families with small children' <<<"$txt" && grep -q 'I need a break with the kids' <<<"$txt" && echo yes)"
done
"$CJMAP" build "$big" --page A4 -o - -f png >/dev/null 2>&1; expect_eq "multi-page PNG to stdout is refused" 3 $?
pdftotext "$TMP/big.pdf" - 2>/dev/null | grep -q "Phase number 14" && pass "last phase on a later page" || fail "last phase on a later page" "missing"

# Mono: no colour at all.
"$CJMAP" build "$good" --theme mono -o "$TMP/mono.svg" 2>/dev/null
colours=$(grep -o '#[0-9A-F]\{6\}' "$TMP/mono.svg" | sort -u | while read -r c; do
  r=${c:1:2} g=${c:3:2} b=${c:5:2}; [ "$r" = "$g" ] && [ "$g" = "$b" ] || echo "$c"; done)
expect_eq "mono SVG uses greys only" "" "$colours"

# Pictograms: in a PDF with many uses of few pictograms they are glyphs of
# one Type 3 font (written once per size); in a small map they stay paths.
# Either way the text layer holds the journey's words and nothing for the
# icons, the file is sound, and the icons are drawn; in SVG they are <use>s
# of paths in <defs>.
{
  printf 'title: Mange kontaktpunkter\nsegment: {name: Kunder}\nphases: [{id: a, name: Køb}, {id: b, name: Brug}]\ntouchpoints:\n'
  for i in $(seq 1 40); do printf '  - {id: t%d, name: Butik %d, channel: store, phases: [a, b]}\n' "$i" "$i"; done
  printf 'experiences:\n'
  for i in $(seq 1 40); do printf '  - {phase: b, text: Oplevelse %d, touchpoint: t%d}\n' "$i" "$i"; done
} >"$TMP/icons.yaml"
"$CJMAP" build "$TMP/icons.yaml" -o "$TMP/icons.pdf"; expect_eq "many icons: build" 0 $?
expect_eq "many icons: one Type 3 font" "yes" "$(pdffonts "$TMP/icons.pdf" 2>/dev/null | grep -q 'Type 3' && echo yes)"
qpdf --check "$TMP/icons.pdf" >/dev/null 2>&1; expect_eq "many icons: qpdf --check passes without warnings" 0 $?
txt=$(pdftotext -enc UTF-8 "$TMP/icons.pdf" - 2>/dev/null)
expect_eq "many icons: no replacement characters in the text" "0" "$(grep -c $'\xEF\xBF\xBD' <<<"$txt")"
expect_eq "many icons: every card's and chip's name in the text" "120" "$(grep -c '^Butik [0-9]*$' <<<"$txt")"
"$CJMAP" build tests/good/full.yaml -o "$TMP/few.pdf"
expect_eq "few icons: no Type 3 font" "no" "$(pdffonts "$TMP/few.pdf" 2>/dev/null | grep -q 'Type 3' && echo yes || echo no)"
"$CJMAP" build "$TMP/icons.yaml" -o "$TMP/icons.svg"
expect_eq "many icons: SVG uses defs" "yes" "$( [ "$(grep -c '<use xlink:href="#cj-icon-store-' "$TMP/icons.svg")" -ge 80 ] && grep -q '<defs>' "$TMP/icons.svg" && echo yes)"
out=$(xmllint --noout "$TMP/icons.svg" 2>&1); expect_eq "many icons: SVG well-formed" "" "$out"
exit 0
