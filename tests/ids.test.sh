# tests/ids.test.sh — ids in the user's language (køb, opmærksomhed, 連絡,
# -efter-købet): accepted by `cjmap check`, and every output stays
# well-formed with them and with names holding < > & " ': SVG (xmllint and a
# real XML parser that finds the phase names), PDF (qpdf --check where qpdf
# is installed, else pdfinfo; pdftotext finds the phase names), PNG (every
# chunk's CRC), `cjmap stats --json` and JSON diagnostics.  Bad ids still
# fail, with a mended id as the suggestion where one exists.
. tests/lib.sh
PY=/usr/bin/python3
map=tests/good/unicode-ids.yaml
phases=("Opmærksomhed" 'Overvejelse <pris & "kvalitet">' "Køb" "Kontakt (連絡)" "Efter købet")

"$CJMAP" check "$map" 2>/dev/null; expect_eq "unicode ids: check" 0 $?
for f in svg pdf png; do
  "$CJMAP" build "$map" -o "$TMP/u.$f" 2>/dev/null; rc=$?
  if [ $rc -eq 0 ] && [ -s "$TMP/u.$f" ]; then pass "unicode ids: build $f"; else fail "unicode ids: build $f" "exit $rc"; fi
done

# SVG: well-formed, and the phase names come back from the parsed text.
out=$(xmllint --noout "$TMP/u.svg" 2>&1); expect_eq "unicode ids: SVG is well-formed" "" "$out"
svgtext=$($PY - "$TMP/u.svg" <<'PY'
import sys, xml.etree.ElementTree as ET
print("\n".join(t for t in ET.parse(sys.argv[1]).getroot().itertext()))
PY
)
for p in "${phases[@]}"; do
  case "$svgtext" in *"$p"*) pass "unicode ids: SVG draws phase '$p'";; *) fail "unicode ids: SVG draws phase '$p'" "not in the text";; esac
done

# PDF: structure, then the phase names as text.
if command -v qpdf >/dev/null; then
  out=$(qpdf --check "$TMP/u.pdf" 2>&1); rc=$?
  expect_eq "unicode ids: qpdf --check" 0 "$rc"
else
  pdfinfo "$TMP/u.pdf" >/dev/null 2>&1; expect_eq "unicode ids: pdfinfo reads the PDF" 0 $?
fi
expect_eq "unicode ids: PDF title" "Title:           Ny cykel & udstyr til pendling" "$(pdfinfo "$TMP/u.pdf" 2>/dev/null | grep '^Title:')"
pdftext=$(pdftotext "$TMP/u.pdf" - 2>/dev/null)
for p in "${phases[@]}"; do
  case "$pdftext" in *"$p"*) pass "unicode ids: PDF draws phase '$p'";; *) fail "unicode ids: PDF draws phase '$p'" "pdftotext misses it";; esac
done

# PNG: signature, every chunk's CRC, ends with IEND.
out=$($PY - "$TMP/u.png" <<'PY'
import struct, sys, zlib
d = open(sys.argv[1], "rb").read()
if d[:8] != b"\x89PNG\r\n\x1a\n": print("no PNG signature"); sys.exit()
i, last = 8, None
while i + 8 <= len(d):
    n, t = struct.unpack(">I4s", d[i:i + 8])
    body, crc = d[i + 8:i + 8 + n], d[i + 8 + n:i + 12 + n]
    if len(crc) != 4 or zlib.crc32(t + body) != struct.unpack(">I", crc)[0]:
        print("bad chunk %r at %d" % (t, i)); sys.exit()
    last, i = t, i + 12 + n
print("ok" if last == b"IEND" and i == len(d) else "does not end with IEND")
PY
)
expect_eq "unicode ids: PNG chunks" ok "$out"

# stats --json: valid JSON carrying the ids as written.
out=$("$CJMAP" stats --json "$map" 2>/dev/null | $PY -c '
import json, sys
print(" ".join(p["id"] for p in json.load(sys.stdin)["phases"]))' 2>&1)
expect_eq "unicode ids: stats --json" "opmærksomhed overvejelse køb 連絡 -efter-købet" "$out"

# The rule itself: NFD letters (a + U+030A), digits of other scripts and a
# leading '-' pass; a mark with no letter before it, '.', emoji do not.
cat > "$TMP/rule.yaml" <<'EOF'
title: Regler
segment: {name: Alle}
phases:
  - {id: "a\u030Ab", name: NFD}
  - {id: "٣٤", name: Arabisk-indiske cifre}
  - {id: -først, name: Bindestreg først}
  - {id: "\u030Ax", name: Mærke uden bogstav}
  - {id: købe.nu, name: Punktum}
  - {id: "køb🎉", name: Emoji}
  - {id: "mit  køb!", name: Mellemrum}
touchpoints:
  - {name: Web, channel: web, phases: ["a\u030Ab", "٣٤", -først]}
EOF
out=$("$CJMAP" check --diagnostics=json "$TMP/rule.yaml" 2>/dev/null | $PY -c '
import json, sys
for d in json.load(sys.stdin):
    if d["severity"] == "error": print(d["line"], d["code"], d["suggestion"])')
expect_eq "id rule: errors and suggestions" "7 bad-id None
8 bad-id købe-nu
9 bad-id None
10 bad-id mit-køb" "$out"
err=$("$CJMAP" check --color=never "$TMP/rule.yaml" 2>&1)
case "$err" in
  *"invalid phase id 'købe.nu': an id is letters and digits (any language), '-' and '_'; no spaces or punctuation (did you mean 'købe-nu'?)"*)
    pass "id rule: human message with the fix";;
  *) fail "id rule: human message with the fix" "$(grep købe.nu <<<"$err")";;
esac
