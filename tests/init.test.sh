# tests/init.test.sh — the ids `cjmap init` writes: derived from the phase and
# touchpoint names of the chosen locale, unique, and every reference in the
# file names one of them.  Checks the text of the generated files, so it does
# not depend on which ids the validator accepts.
. tests/lib.sh

# refs FILE: one line per problem (undefined reference, duplicate id, header
# list not the phase ids); nothing when the file is consistent.
refs() {
  awk '
    /^[a-z]+:/ { sec = $1; sub(/:.*/, "", sec) }
    /^# Customer journey map: a starter for / {
      s = $0; sub(/.*\(/, "", s); sub(/\)\.$/, "", s); header = s }
    sec == "phases" && /^  - id: / { id = substr($0, 9)
      if (id in ph) print "duplicate phase id " id; ph[id] = 1; order = order (order == "" ? "" : " -> ") id }
    sec == "touchpoints" && /^  - id: / { id = substr($0, 9)
      if (id in tp) print "duplicate touchpoint id " id; tp[id] = 1 }
    sec == "touchpoints" && /^      [^ "#][^:]*: / { r = $0; sub(/^ +/, "", r); sub(/:.*/, "", r); pref[++np] = r }
    sec == "touchpoints" && /^    phases: \[/ { r = $0; sub(/.*\[/, "", r); sub(/\].*/, "", r)
      n = split(r, a, /, */); for (i = 1; i <= n; i++) pref[++np] = a[i] }
    /^  - phase: / { pref[++np] = substr($0, 12) }
    /^    touchpoint: / { tref[++nt] = substr($0, 17) }
    END {
      if (header != order) print "header lists [" header "], phases are [" order "]"
      for (i = 1; i <= np; i++) if (!(pref[i] in ph)) print "undefined phase " pref[i]
      for (i = 1; i <= nt; i++) if (!(tref[i] in tp)) print "undefined touchpoint " tref[i]
      if (np < 4 || nt < 4) print "too few references: " np " phases, " nt " touchpoints"
    }' "$1"
}

D=$TMP/init; mkdir -p "$D"
for m in aida b2b five-step classic; do for l in en da nb sv de; do
  f=$D/$m-$l.yaml
  "$CJMAP" init --model "$m" --locale "$l" -o "$f" 2>/dev/null; expect_eq "init $m $l: exit" 0 $?
  expect_eq "init $m $l: every reference names a defined id, ids unique" "" "$(refs "$f")"
  # Each phase id is its name lowercased, with '-' for spaces and punctuation.
  bad=$(awk '/^phases:/ { p = 1; next } /^[a-z]+:/ { p = 0 }
             p && /^  - id: / { id = substr($0, 9) }
             p && /^    name: / { n = substr($0, 12); gsub(/"/, "", n); print id "\t" n }' "$f" |
        while IFS=$'\t' read -r id name; do
          want=$(printf '%s' "$name" | sed 's/[[:space:][:punct:]]\{1,\}/-/g; s/^-//; s/-$//' | tr '[:upper:]' '[:lower:]')
          want=$(printf '%s' "$want" | sed 'y/ÆØÅÄÖÜÉ/æøåäöüé/')
          [ "$id" = "$want" ] || echo "$id for '$name' (want $want)"
        done)
  expect_eq "init $m $l: phase ids follow the names" "" "$bad"
  # The commented keys are real: uncommented, the service blueprint makes a
  # journey that passes without a warning; the lanes: line one whose only
  # warning is that no phase fills the own lane yet.
  u=$D/$m-$l-blueprint.yaml
  sed -e 's/^# \(backstage:\|support:\)/\1/' -e 's/^#   - {phase/  - {phase/' "$f" >"$u"
  out=$("$CJMAP" check "$u" 2>&1); expect_eq "init $m $l: uncommented blueprint passes" "0:" "$?:$out"
  expect_eq "init $m $l: blueprint uncommented" "2" "$(grep -c '^  - {phase: ' "$u")"
  u=$D/$m-$l-lanes.yaml
  sed -e 's/^# lanes: \[/lanes: [/' -e 's/^#         {id: thoughts/        {id: thoughts/' "$f" >"$u"
  out=$("$CJMAP" check "$u" 2>&1); rc=$?
  expect_eq "init $m $l: uncommented lanes pass" "0 1" "$rc $(grep -c 'warning: ' <<<"$out")"
  expect_eq "init $m $l: the own lane waits to be filled" "1" "$(grep -c "warning: lane 'thoughts' has no texts in any phase" <<<"$out")"
done; done

# The ids are the words on the map: Danish B2B.
f=$D/b2b-da.yaml
for id in erkendelse overvejelse research beslutning køb brug fastholdelse hjemmeside kundeservice-telefon; do
  grep -qx "  - id: $id" "$f" && pass "init b2b da: id: $id" || fail "init b2b da: id: $id" "$(grep '  - id:' "$f" | tr '\n' ' ')"
done
grep -qx "      køb: \"Bestilling og betaling\"" "$f" && pass "init b2b da: the website's purchase phase is køb" || fail "init b2b da: the website's purchase phase is køb" "$(grep -A3 '^    phases:$' "$f")"
expect_eq "init b2b da: phone phases" "    phases: [overvejelse, research, beslutning, brug, fastholdelse]" "$(grep '^    phases: \[' "$f")"
expect_eq "init b2b da: experiences and pains by Danish id" "erkendelse beslutning køb fastholdelse beslutning beslutning" "$(sed -n 's/^  - phase: //p' "$f" | tr '\n' ' ' | sed 's/ $//')"
expect_eq "init b2b da: no English ids left" "" "$(grep -E '^\s*(- )?(id|phase|touchpoint): (recognition|consideration|decision|purchase|use|retention|website|phone)$' "$f")"
expect_eq "init five-step nb: første-kontakt" "  - id: første-kontakt" "$(grep -m1 '^  - id: ' "$D/five-step-nb.yaml")"
expect_eq "init aida sv: köp" "  - id: köp" "$(grep -x '  - id: köp' "$D/aida-sv.yaml")"
expect_eq "init aida nb: ønske" "  - id: ønske" "$(grep -x '  - id: ønske' "$D/aida-nb.yaml")"
expect_eq "init classic en: English ids as before" "awareness consideration purchase service loyalty" \
  "$(awk '/^phases:/{p=1;next} /^[a-z]+:/{p=0} p&&/^  - id: /{printf "%s%s", s, substr($0, 9); s=" "}' "$D/classic-en.yaml")"
