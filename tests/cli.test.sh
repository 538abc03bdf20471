# tests/cli.test.sh — the command-line contract of `cjmap check` and friends:
# exit codes, messages for usage errors and unreadable files, stdin, colour.
. tests/lib.sh
good=tests/good/minimal.yaml
bad=tests/diag/unknown-key-top.yaml

out=$("$CJMAP" --version); expect_eq "version exit" 0 $?
case "$out" in "cjmap "*) pass "version text";; *) fail "version text" "$out";; esac
out=$("$CJMAP" --help); expect_eq "help exit" 0 $?
case "$out" in *"Usage: cjmap"*check*) pass "help text";; *) fail "help text" "$out";; esac
out=$("$CJMAP" help check); expect_eq "help check exit" 0 $?
case "$out" in *"Usage: cjmap check"*) pass "help check text";; *) fail "help check text" "$out";; esac
out=$("$CJMAP" check --help); expect_eq "check --help exit" 0 $?

"$CJMAP" >/dev/null 2>&1; expect_eq "no command: usage error" 2 $?
err=$("$CJMAP" chek x.yaml 2>&1); expect_eq "unknown command exit" 2 $?
expect_eq "unknown command suggestion" "cjmap: error: unknown command 'chek' (did you mean 'check'?)" "$(head -1 <<<"$err")"
err=$("$CJMAP" check 2>&1); expect_eq "check without files" 2 $?
err=$("$CJMAP" check --bogus $good 2>&1); expect_eq "unknown option" 2 $?
err=$("$CJMAP" --color=sometimes check $good 2>&1); expect_eq "bad --color" 2 $?

"$CJMAP" check $good 2>/dev/null; expect_eq "valid file" 0 $?
"$CJMAP" check $bad 2>/dev/null; expect_eq "invalid file" 1 $?
err=$("$CJMAP" check $bad $good tests/diag/bad-version.yaml 2>&1); expect_eq "mixed files exit" 1 $?
case "$err" in *unknown-key-top.yaml:4:1*bad-version.yaml:2:10*) pass "all files reported";; *) fail "all files reported" "$err";; esac

err=$("$CJMAP" check "$TMP/missing.yaml" 2>&1); expect_eq "missing file exit" 1 $?
expect_eq "missing file message" "cjmap: error: cannot open '$TMP/missing.yaml': No such file or directory" "$err"
err=$("$CJMAP" check "$TMP" 2>&1); expect_eq "directory exit" 1 $?
expect_eq "directory message" "cjmap: error: '$TMP' is a directory, not a journey file" "$err"
if [ "$(id -u)" != 0 ]; then
  cp $good "$TMP/noread.yaml"; chmod 000 "$TMP/noread.yaml"
  "$CJMAP" check "$TMP/noread.yaml" 2>/dev/null; expect_eq "unreadable exit" 1 $?
fi

err=$("$CJMAP" check - < $bad 2>&1); expect_eq "stdin exit" 1 $?
case "$err" in "<stdin>:4:1: error: unknown key 'local' in journey (did you mean 'locale'?)"*) pass "stdin name";; *) fail "stdin name" "$err";; esac
"$CJMAP" check - < $good 2>/dev/null; expect_eq "stdin valid" 0 $?

err=$("$CJMAP" check --color=always $bad 2>&1)
case "$err" in *$'\033[01;31m'*) pass "color always";; *) fail "color always" "no escape";; esac
err=$("$CJMAP" check $bad 2>&1)
case "$err" in *$'\033'*) fail "color auto off in pipe" "escape found";; *) pass "color auto off in pipe";; esac
if command -v script >/dev/null; then
  out=$(TERM=xterm script -qec "$CJMAP check $bad" /dev/null 2>&1)
  case "$out" in *$'\033[01;31m'*) pass "color auto on a terminal";; *) fail "color auto on a terminal" "no escape";; esac
  out=$(NO_COLOR=1 TERM=xterm script -qec "$CJMAP check $bad" /dev/null 2>&1)
  case "$out" in *$'\033'*) fail "NO_COLOR on a terminal" "escape found";; *) pass "NO_COLOR on a terminal";; esac
fi

err=$("$CJMAP" check tests/good/warnings.yaml 2>&1); expect_eq "warnings only: exit 0" 0 $?
case "$err" in *warning:*) pass "warnings shown";; *) fail "warnings shown" "$err";; esac
err=$("$CJMAP" -q check tests/good/warnings.yaml 2>&1); expect_eq "-q: silent on warnings" "" "$err"
err=$("$CJMAP" --max-input=100 check $good 2>&1); expect_eq "input limit exit" 1 $?
case "$err" in *"larger than the input limit of 100 bytes"*) pass "input limit message";; *) fail "input limit message" "$err";; esac
"$CJMAP" --max-input=lots check $good 2>/dev/null; expect_eq "bad --max-input" 2 $?

# Locale independence: same bytes under C and a UTF-8 locale.
a=$(LC_ALL=C "$CJMAP" check tests/diag/unicode-column.yaml 2>&1)
b=$(LC_ALL=C.UTF-8 "$CJMAP" check tests/diag/unicode-column.yaml 2>&1)
expect_eq "same diagnostics in any locale" "$a" "$b"

# A hostile file: big, generated, one line of 2 MB — must end quickly with an error, not crash.
head -c 2000000 /dev/zero | tr '\0' 'x' | sed 's/^/title: /' > "$TMP/long.yaml"
timeout 20 "$CJMAP" check "$TMP/long.yaml" >/dev/null 2>"$TMP/long.err"; rc=$?
expect_eq "2 MB line: exit 1 (no segment)" 1 $rc
[ "$(wc -c < "$TMP/long.err")" -lt 4000 ] && pass "2 MB line: short output" || fail "2 MB line: short output" "$(wc -c < "$TMP/long.err") bytes"
# Machine-readable diagnostics.
out=$("$CJMAP" check --diagnostics=json tests/diag/dup-key-top.yaml "$TMP/nope.yaml" 2>/dev/null); expect_eq "json exit" 1 $?
got=$(/usr/bin/python3 -c '
import json, sys
a = json.loads(sys.stdin.read())
d = a[0]
print(len(a), d["file"], d["line"], d["column"], d["severity"], d["code"], d["message"], d["suggestion"], a[1]["severity"], a[-1]["code"], a[-1]["line"])
' <<<"$out" 2>&1)
expect_eq "json content" "5 tests/diag/dup-key-top.yaml 8 1 error duplicate-key duplicate key 'title' None note cannot-read None" "$got"
out=$("$CJMAP" check --diagnostics=json tests/diag/unknown-key-top.yaml 2>/dev/null)
got=$(/usr/bin/python3 -c 'import json,sys; print(json.loads(sys.stdin.read())[0]["suggestion"])' <<<"$out" 2>&1)
expect_eq "json suggestion" "locale" "$got"
got=$(/usr/bin/python3 -c 'import json,sys; print(json.loads(sys.stdin.read())[0]["fixes"])' <<<"$out" 2>&1)
expect_eq "json fixes: the suggestion as an edit" "[{'line': 4, 'column': 1, 'end_line': 4, 'end_column': 6, 'replacement': 'locale'}]" "$got"
out=$("$CJMAP" check --diagnostics=json tests/diag/comma-in-flow-da.yaml 2>/dev/null)
got=$(/usr/bin/python3 -c '
import json, sys
d = json.loads(sys.stdin.read())[0]
print(d["line"], d["column"], d["code"], d["fixes"])' <<<"$out" 2>&1)
expect_eq "json fixes: quotes around the statement, in code points" "15 76 comma-in-text [{'line': 15, 'column': 51, 'end_line': 15, 'end_column': 96, 'replacement': '\"Jeg vælger den leverandør, jeg stoler mest på\"'}]" "$got"
out=$("$CJMAP" check --diagnostics=json tests/diag/list-as-text-nb.yaml 2>/dev/null)
got=$(/usr/bin/python3 -c 'import json,sys; print(repr(json.loads(sys.stdin.read())[0]["fixes"][0]["replacement"]))' <<<"$out" 2>&1)
expect_eq "json fixes: a replacement with line breaks" "'\\n  - name: Første kontakt\\n  - name: Overveielse\\n  - name: Konvertering'" "$got"
got=$("$CJMAP" check --diagnostics=json tests/diag/missing-title.yaml 2>/dev/null | /usr/bin/python3 -c 'import json,sys; print(json.loads(sys.stdin.read())[0]["fixes"])' 2>&1)
expect_eq "json fixes: [] without an edit" "[]" "$got"
out=$("$CJMAP" check --diagnostics=json $good 2>/dev/null); expect_eq "json valid file: exit" 0 $?
got=$(/usr/bin/python3 -c 'import json,sys; print([d["severity"] for d in json.loads(sys.stdin.read())])' <<<"$out" 2>&1)
expect_eq "json valid file: the warning only" "['warning']" "$got"
out=$("$CJMAP" check --diagnostics=json tests/good/full.yaml 2>/dev/null); expect_eq "json no diagnostics: empty array" "[]" "$out"
out=$("$CJMAP" check --diagnostics=github tests/diag/unknown-key-top.yaml 2>/dev/null); expect_eq "github exit" 1 $?
expect_eq "github annotation" "::error file=tests/diag/unknown-key-top.yaml,line=4,col=1,endColumn=6,title=cjmap unknown-key::unknown key 'local' in journey (did you mean 'locale'?)" "$(head -1 <<<"$out")"
printf 'title: "50%%\nx"\nsegment: {name: S}\nphases: [{name: P}]\nbogus: 1\n' > "$TMP/esc.yaml"
out=$("$CJMAP" check --diagnostics=github "$TMP/esc.yaml" 2>/dev/null | grep '::error')
case "$out" in *"unknown key 'bogus' in journey"*) pass "github escaping: message";; *) fail "github escaping: message" "$out";; esac
"$CJMAP" --diagnostics=xml check $good 2>/dev/null; expect_eq "bad --diagnostics" 2 $?
"$CJMAP" --strict check tests/good/warnings.yaml 2>/dev/null; expect_eq "--strict: warnings fail" 1 $?
"$CJMAP" --strict check tests/good/full.yaml 2>/dev/null; expect_eq "--strict: clean file passes" 0 $?
err=$("$CJMAP" --strict check tests/good/warnings.yaml 2>&1 | tail -1)
expect_eq "--strict summary" "cjmap: 4 errors in tests/good/warnings.yaml (--strict: warnings are errors)" "$err"

# stats: figures computed by hand for this journey.
cat > "$TMP/stats.yaml" <<'YAML'
title: Stats
segment: {name: S}
phases: [{id: a, name: Alpha}, {id: b, name: Beta}, {id: c, name: Gamma}]
touchpoints:
  - {name: Web, channel: web, phases: [a, b]}
  - {name: Shop, channel: store, owner: partner, phases: [b]}
  - {name: Friends, channel: word-of-mouth, owner: earned, phases: [b, c]}
experiences:
  - {phase: a, text: x, score: 4}
  - {phase: b, text: y, score: 1}
  - {phase: b, text: z, score: 2}
  - {phase: b, text: w}
  - {phase: c, text: v, score: 3}
pains:
  - {phase: b, text: p, severity: high}
  - {phase: c, text: q}
opportunities: [{phase: b, text: o}]
YAML
out=$("$CJMAP" stats "$TMP/stats.yaml"); expect_eq "stats exit" 0 $?
expect_eq "stats row" "          3     1/2      2/1             1/0/1/1            3   1.5         0/0/1        1  Beta  <- weakest" "$(grep "Beta  <-" <<<"$out")"
expect_eq "stats weakest" "weakest phase: Beta (mean score 1.5 from 2 scored experiences; pains 1 high, 0 medium, 0 low)" "$(grep '^weakest' <<<"$out")"
expect_eq "stats channels" "it relies on: web (1), store (1), word-of-mouth (1)" "$(grep '^it relies' <<<"$out")"
out=$("$CJMAP" stats --json "$TMP/stats.yaml")
got=$(/usr/bin/python3 -c '
import json, sys
d = json.loads(sys.stdin.read()); b = d["phases"][1]
print(b["touchpoints"]["total"], b["touchpoints"]["partner"], b["mean_score"], b["pains"]["high"], d["phases"][0]["pains"], d["weakest_phase"]["name"], [c["channel"] for c in d["weakest_phase"]["channels"]])
' <<<"$out" 2>&1)
expect_eq "stats json" "3 1 1.5 1 {'low': 0, 'medium': 0, 'high': 0} Beta ['web', 'store', 'word-of-mouth']" "$got"
# stats of a service blueprint on -2..2 with an own lane and a moment of truth.
cat > "$TMP/stats-bp.yaml" <<'YAML'
title: Blueprint
scale: {min: -2, max: 2}
lanes: [actions, touchpoints, backstage, support, {id: tanker, name: Tanker}, experiences, emotions]
segment: {name: S}
phases:
  - {id: a, name: Alpha, lanes: {tanker: [Hmm, Nå da]}}
  - {id: b, name: Beta, moment-of-truth: true}
touchpoints: [{name: Web, channel: web, phases: [a, b]}]
experiences:
  - {phase: a, text: x, score: -2}
  - {phase: b, text: y, score: 1}
backstage: [{phase: b, text: Sælger ringer, actor: Salg}, {phase: b, text: Tilbud}]
support: [{phase: a, text: CRM}]
YAML
out=$("$CJMAP" stats "$TMP/stats-bp.yaml"); expect_eq "stats blueprint exit" 0 $?
expect_eq "stats blueprint summary" "2 phases, 1 touchpoints (1 online, 0 offline), 2 experiences, 0 pains, 0 opportunities, 2 backstage steps, 1 support processes, 1 moment of truth" "$(sed -n 3p <<<"$out")"
expect_eq "stats blueprint scale" "scores from -2 to 2, neutral 0" "$(sed -n 4p <<<"$out")"
expect_eq "stats blueprint head" "touchpoints  on/off  dir/ind  own/paid/earn/part  experiences  mean  pains L/M/H  opport.  back/supp  lanes  truth  phase" "$(sed -n 6p <<<"$out")"
expect_eq "stats blueprint row" "          1     1/0      1/0             1/0/0/0            1   1.0         0/0/0        0        2/0      0    yes  Beta" "$(grep ' Beta$' <<<"$out")"
expect_eq "stats blueprint weakest" "weakest phase: Alpha (mean score -2.0 from 1 scored experience; pains 0 high, 0 medium, 0 low)" "$(grep '^weakest' <<<"$out")"
got=$("$CJMAP" stats --json "$TMP/stats-bp.yaml" | /usr/bin/python3 -c '
import json, sys
d = json.loads(sys.stdin.read()); a, b = d["phases"]
print(d["scale"], a["own_lane_texts"], a["support"], b["backstage"], b["moment_of_truth"], a["moment_of_truth"])
' 2>&1)
expect_eq "stats blueprint json" "{'min': -2, 'neutral': 0, 'max': 2} 2 1 2 True False" "$got"
"$CJMAP" stats tests/diag/bad-version.yaml >/dev/null 2>&1; expect_eq "stats on an invalid journey" 1 $?
"$CJMAP" stats >/dev/null 2>&1; expect_eq "stats without FILE" 2 $?

# init: a starter that passes check --strict, never overwriting without --force.
D=$TMP/init; mkdir -p "$D"
(cd "$D" && "$CJMAP" init 2>/dev/null); expect_eq "init exit" 0 $?
"$CJMAP" --strict check "$D/journey.yaml" 2>/dev/null; expect_eq "init default: valid, no warnings" 0 $?
expect_eq "init default: aida in English" "    name: \"Awareness\"" "$(grep -m1 '    name:' "$D/journey.yaml")"
expect_eq "init file mode follows umask" "644" "$(umask 022; cd "$D" && "$CJMAP" init -o m.yaml 2>/dev/null; stat -c %a "$D/m.yaml")"
echo "mine" > "$D/keep.yaml"
err=$("$CJMAP" init -o "$D/keep.yaml" 2>&1); expect_eq "init refuses to overwrite: exit 3 (output cannot be written)" 3 $?
expect_eq "init refusal message" "cjmap: error: '$D/keep.yaml' already exists; use --force to overwrite it" "$err"
expect_eq "init left the file alone" "mine" "$(cat "$D/keep.yaml")"
"$CJMAP" init --force --model five-step --locale nb -o "$D/keep.yaml" 2>/dev/null; expect_eq "init --force" 0 $?
grep -q 'name: "Første kontakt"' "$D/keep.yaml" && pass "init five-step nb phase names" || fail "init five-step nb phase names" "$(grep -m1 'name:' "$D/keep.yaml")"
# The ids follow the locale (`id: køb`).  While this tree's validator still
# rejects ids with letters beyond A-Z (a parallel change lifts that), such a
# starter may fail check, but only with "invalid ... id" errors on those ids.
printf 'version: 1\ntitle: t\nsegment: {name: s}\nphases:\n  - id: køb\n    name: K\ntouchpoints:\n  - id: w\n    name: W\n    channel: web\n    phases: [køb]\n' > "$D/probe.yaml"
any_letter_ids=false; "$CJMAP" check "$D/probe.yaml" >/dev/null 2>&1 && any_letter_ids=true
for m in aida b2b five-step classic; do for l in en da nb sv de; do
  out=$("$CJMAP" init --model $m --locale $l -o - 2>/dev/null | "$CJMAP" --strict check --color=never - 2>&1); rc=$?
  if [ $rc -eq 0 ]; then pass "init $m $l passes check --strict"
  elif ! $any_letter_ids && [ $rc -eq 1 ] && [ "$l" != en ] &&
       ! grep ': error: \|: warning: ' <<<"$out" | grep -qvP "^<stdin>:\d+:\d+: error: invalid (phase|touchpoint) id '[^']*[^\x00-\x7f][^']*': use only letters A-Z"; then
    pass "init $m $l passes check --strict (but for its non-ASCII ids)"
  else fail "init $m $l passes check --strict" "exit $rc: $(head -3 <<<"$out")"; fi
done; done
err=$("$CJMAP" init --model aidda -o - 2>&1); expect_eq "init unknown model" 2 $?
expect_eq "init model suggestion" "cjmap: error: unknown model 'aidda' (did you mean 'aida'?)" "$(head -1 <<<"$err")"
"$CJMAP" init --locale fr -o - >/dev/null 2>&1; expect_eq "init unknown locale" 2 $?
err=$("$CJMAP" init -o "$D" 2>&1); expect_eq "init into a directory" 3 $?
err=$("$CJMAP" init -o "$D/no/such/dir/j.yaml" 2>&1); expect_eq "init into a missing directory" 3 $?
expect_eq "init missing directory message" "cjmap: error: cannot write '$D/no/such/dir/j.yaml': no such directory" "$err"
if [ "$(id -u)" != 0 ]; then
  mkdir -p "$D/ro"; chmod 555 "$D/ro"; "$CJMAP" init -o "$D/ro/j.yaml" 2>/dev/null; expect_eq "init unwritable directory" 3 $?
fi
if [ -w /dev/full ]; then
  "$CJMAP" init -o - > /dev/full 2>/dev/null; expect_eq "init to a full device" 3 $?
fi
expect_eq "no temporary files left" "" "$(find "$D" -name '.*cjmap-*')"

# The man page passes mandoc's lint and names every command that --help lists.
if command -v mandoc >/dev/null; then
  out=$(mandoc -T lint -W warning man/cjmap.1 2>&1); expect_eq "man page lint" "" "$out"
  for c in $("$CJMAP" --help | sed -n '/^Commands:/,/^$/p' | awk 'NR>1 && NF {print $1}'); do
    grep -q "^\.Cm $c" man/cjmap.1 && pass "man page documents $c" || fail "man page documents $c" "missing"
  done
fi
exit 0
