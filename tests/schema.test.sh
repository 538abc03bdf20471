# tests/schema.test.sh — `cjmap schema` is a valid draft-07 JSON Schema that a
# real validator (Debian's python3-jsonschema) accepts every valid journey with,
# and rejects the bad inputs whose problems a schema can see (local ones:
# unknown keys, types, vocabularies, ranges, missing keys).  Cross-references
# and uniqueness are beyond a schema and stay with `cjmap check`.
. tests/lib.sh
PY=/usr/bin/python3
if ! $PY -c 'import jsonschema, yaml' 2>/dev/null; then
  fail "schema tests" "python3-jsonschema and python3-yaml are missing (make deps installs them)"; exit 0
fi
"$CJMAP" schema > "$TMP/schema.json"; expect_eq "schema exit" 0 $?
$PY - "$TMP/schema.json" <<'PYEOF'
import glob, json, sys, yaml, jsonschema
schema = json.load(open(sys.argv[1]))
try:
    jsonschema.Draft7Validator.check_schema(schema)
    print("PASS schema is valid draft-07")
except Exception as e:
    print("FAIL schema is valid draft-07:", str(e)[:200])
v = jsonschema.Draft7Validator(schema)
def load(f):
    try:
        with open(f, encoding="utf-8-sig") as fh:
            return True, yaml.safe_load(fh)
    except Exception:
        return False, None   # PyYAML (YAML 1.1) cannot read every YAML 1.2 file
for f in sorted(glob.glob("maps/*.yaml") + glob.glob("tests/good/*.yaml")):
    ok, doc = load(f)
    if not ok: continue
    errs = list(v.iter_errors(doc))
    if errs: print("FAIL schema accepts %s: %s at %s" % (f, errs[0].message[:120], list(errs[0].path)))
    else: print("PASS schema accepts %s" % f)
# Ids: every id cjmap accepts passes the pattern; the bad ones it can see fail.
def with_id(i):
    return {"title": "T", "segment": {"name": "S"}, "phases": [{"id": i, "name": "P"}]}
for i in ["køb", "opmærksomhed", "連絡", "-efter-købet", "forhandler_ø", "a\u030ab", "٣٤", "Ωmega", 2024]:
    errs = list(v.iter_errors(with_id(i)))
    print(("FAIL schema accepts id %r: %s" % (i, errs[0].message[:80])) if errs else "PASS schema accepts id %r" % i)
for i in ["my phase", "web/site", "v2.0", "a:b", "køb!", "x\u00b2", "«køb»", "a\u3000b"]:
    bad = any(True for _ in v.iter_errors(with_id(i)))
    print(("PASS schema rejects id %r" % i) if bad else "FAIL schema rejects id %r: no error" % i)
local = ("unknown-key", "bad-", "wrong-type", "missing-", "empty-", "null-title",
         "tp-empty-phases", "metrics-wrong-type", "top-level", "non-scalar")
for f in sorted(glob.glob("tests/diag/*.yaml")):
    name = f.split("/")[-1]
    if not name.startswith(local): continue
    ok, doc = load(f)
    if not ok: continue
    if any(True for _ in v.iter_errors(doc)): print("PASS schema rejects %s" % f)
    else: print("FAIL schema rejects %s: no error" % f)
PYEOF
