# tests/commas-big.test.sh — the comma joining and its warnings stay linear:
# one flow line of 32,000 pieces (bare metric keys, a touchpoint's phases as
# a mapping and as a list, lowercase phrases in a list of texts, ASCII and
# not) is checked well inside a generous timeout, and the counts are right.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
"$PY" - "$TMP" <<'PYEOF'
import sys
t, n = sys.argv[1], 32000
head = "title: T\nsegment: {name: S}\nphases:\n"
open(t + "/m.yaml", "w").write(head + "  - {name: A, metrics: {" + ", ".join("k%d" % i for i in range(n)) + "}}\n")
open(t + "/t.yaml", "w").write(head + "  - {name: A}\ntouchpoints:\n  - {name: W, channel: web, phases: {" + ", ".join("k%d" % i for i in range(n)) + "}}\n")
open(t + "/s.yaml", "w").write(head + "  - {name: A}\ntouchpoints:\n  - {name: W, channel: web, phases: [" + ", ".join("k%d" % i for i in range(n)) + "]}\n")
open(t + "/l.yaml", "w").write(head + "  - {name: A, actions: [" + ", ".join(("Up x" if i % 2 == 0 else "lo w") for i in range(n)) + "]}\n")
open(t + "/u.yaml", "w").write(head + "  - {name: A, actions: [" + ", ".join(("Øp x" if i % 2 == 0 else "lø w") for i in range(n)) + "]}\n")
PYEOF
for f in m t s; do
  out=$(timeout 60 "$CJMAP" check --color=never "$TMP/$f.yaml" 2>&1); rc=$?
  [ $rc = 1 ] && grep -q 'too many errors' <<<"$out" && pass "32,000 pieces ($f): errors, in time" \
    || fail "32,000 pieces ($f): errors, in time" "exit $rc: $(tail -2 <<<"$out")"
done
for f in l u; do
  out=$(timeout 60 "$CJMAP" check --color=never "$TMP/$f.yaml" 2>&1); rc=$?
  expect_eq "32,000 list items ($f): warnings only, in time" 0 $rc
  # 16,000 lowercase phrases, and the phase without touchpoints
  expect_eq "32,000 list items ($f): every lowercase phrase counted" "cjmap: 16001 warnings in $TMP/$f.yaml" "$(tail -1 <<<"$out")"
done
