# tests/labels.test.sh — a lane renamed with `labels:` is named that way
# everywhere on the map: in its lane and in the legend, never with the
# built-in word (a German map with `opportunities: Maßnahmen` must not say
# "Chance" in its legend).
. tests/lib.sh
J=$TMP/labels-de.yaml
cat > "$J" <<'YAML'
version: 1
title: Labels
locale: de
labels: {opportunities: Maßnahmen, pains: Hürden}
segment: {name: Kunden}
phases:
  - {id: suche, name: Suche, actions: [Sucht]}
  - {id: kauf, name: Kauf, actions: [Kauft]}
touchpoints:
  - {id: web, name: Website, channel: web, phases: [suche, kauf]}
experiences:
  - {phase: suche, text: Unklar, score: 2, touchpoint: web}
  - {phase: kauf, text: Einfach, score: 4, touchpoint: web}
pains:
  - {phase: suche, text: Zu viele Angebote, severity: high}
opportunities:
  - {phase: suche, text: Vergleich anbieten}
YAML
"$CJMAP" check "$J" 2>/dev/null; expect_eq "labels de: valid" 0 $?
"$CJMAP" build "$J" -o "$TMP/l.svg" 2>/dev/null; expect_eq "labels de: svg" 0 $?
svg=$(cat "$TMP/l.svg" 2>/dev/null)
legend=$(sed -n '/>Legende</,$p' "$TMP/l.svg")
case "$legend" in *">Maßnahmen<"*) pass "labels de svg: the legend says Maßnahmen";; *) fail "labels de svg: the legend says Maßnahmen" "$(grep -o '>[^<]*<' <<<"$legend" | tr '\n' ' ')";; esac
expect_eq "labels de svg: Maßnahmen as lane and in the legend" 2 "$(grep -c '>Maßnahmen<' "$TMP/l.svg")"
expect_eq "labels de svg: Hürden names the lane" 1 "$(grep -c '>Hürden<' "$TMP/l.svg")"
expect_eq "labels de svg: no Chance/Chancen anywhere" "" "$(grep -o 'Chance[n]*' <<<"$svg")"
expect_eq "labels de svg: no Pain Points anywhere" "" "$(grep -o 'Pain Points' <<<"$svg")"
"$CJMAP" build "$J" -o "$TMP/l.pdf" 2>/dev/null; expect_eq "labels de: pdf" 0 $?
txt=$(pdftotext "$TMP/l.pdf" - 2>/dev/null)
expect_eq "labels de pdf: Maßnahmen as lane and in the legend" 2 "$(grep -o 'Maßnahmen' <<<"$txt" | wc -l)"
case "$(sed -n '/^Legende$/,$p' <<<"$txt")" in *Maßnahmen*) pass "labels de pdf: the legend says Maßnahmen";; *) fail "labels de pdf: the legend says Maßnahmen" "$(sed -n '/^Legende$/,$p' <<<"$txt" | tr '\n' ' ')";; esac
expect_eq "labels de pdf: no Chance/Chancen anywhere" "" "$(grep -o 'Chance[n]*' <<<"$txt")"
# Without labels: the built-in words.
sed '/^labels:/d' "$J" > "$TMP/plain-de.yaml"
"$CJMAP" build "$TMP/plain-de.yaml" -o "$TMP/p.svg" 2>/dev/null
expect_eq "no labels de svg: the legend says Chance" 1 "$(sed -n '/>Legende</,$p' "$TMP/p.svg" | grep -c '>Chance<')"
expect_eq "no labels de svg: the lane says Chancen" 1 "$(grep -c '>Chancen<' "$TMP/p.svg")"
# Every locale, every lane renamed: no built-in lane name is left on the map.
for l in en da nb sv de; do
  sed "s/^locale: de\$/locale: $l/; s/^labels: .*/labels: {actions: LA, touchpoints: LT, experiences: LE, emotions: LM, pains: LP, opportunities: LO, metrics: LK}/; s/^  - {id: suche, name: Suche, /  - {id: suche, name: Suche, metrics: {Abbruch: 40%}, /" "$J" > "$TMP/all-$l.yaml"
  "$CJMAP" build "$TMP/all-$l.yaml" -o "$TMP/all-$l.svg" 2>/dev/null; expect_eq "all lanes renamed, $l: svg" 0 $?
  expect_eq "all lanes renamed, $l: every new name drawn" "LA LE LK LM LO LO LP LT" "$(grep -o '>L[ATEMPOK]<' "$TMP/all-$l.svg" | tr -d '<>' | sort | tr '\n' ' ' | sed 's/ $//')"
  left=$(grep -o -E 'Customer actions|Touchpoints|Experiences|Emotion curve|Pain points|Opportunit[a-z]*|>Metrics<|Kundens handling[a-z]*|Oplevelser|Følelseskurve|Smertepunkter|Mulighe[a-z]*|Nøgletal|Kontaktpunkter|Opplevelser|Nøkkeltall|Upplevelser|Känslokurva|Smärtpunkter|Möjlighet[a-z]*|Nyckeltal|Kundenaktivitäten|Erlebnisse|Emotionskurve|Pain Points|Chance[n]*|Kennzahlen' "$TMP/all-$l.svg" | sort -u | tr '\n' ' ')
  expect_eq "all lanes renamed, $l: no built-in lane word left" "" "$left"
done
