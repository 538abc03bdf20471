# tests/fixes.test.sh — every fix a diagnostic carries mends what it says.
#
# For each input in tests/diag (and the mistakes below), each diagnostic with
# fixes in `--diagnostics=json` gets its own copy of the file with exactly
# those edits applied (the JSON ranges: 1-based lines, code-point columns, end
# exclusive).  Checking the copy must report fewer diagnostics of that code
# than the original (the edit removed the problem it was offered for), and no
# syntax error where the original had none (the edit did not break the YAML).
# The human output's "fix |" lines must read as the file does after the edit.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3

cat > "$TMP/apply.py" <<'EOF'
import json, subprocess, sys, os

cjmap, path, tmp = sys.argv[1], sys.argv[2], sys.argv[3]

def check(p):
    r = subprocess.run([cjmap, "check", "--diagnostics=json", p], capture_output=True)
    return r.returncode, json.loads(r.stdout.decode("utf-8") or "[]")

def human(p):
    r = subprocess.run([cjmap, "check", "--color=never", p], capture_output=True)
    return r.stderr.decode("utf-8", "replace")

def split_lines(text):
    # Lines as cjmap counts them: broken at LF, CR and CRLF; keep the breaks.
    out, i, start = [], 0, 0
    while i < len(text):
        if text[i] == "\n" or text[i] == "\r":
            j = i + 2 if text[i] == "\r" and i + 1 < len(text) and text[i + 1] == "\n" else i + 1
            out.append(text[start:j]); start = i = j
        else:
            i += 1
    out.append(text[start:])
    return out

def offset(lines, line, col):
    o = sum(len(l) for l in lines[: line - 1])
    body = lines[line - 1].rstrip("\r\n")
    return o + min(col - 1, len(body))

def apply(text, fixes):
    bom = text.startswith("\ufeff")
    body = text[1:] if bom else text
    lines = split_lines(body)
    for f in sorted(fixes, key=lambda f: (f["line"], f["column"]), reverse=True):
        a = offset(lines, f["line"], f["column"])
        b = offset(lines, f["end_line"], f["end_column"])
        body = body[:a] + f["replacement"] + body[b:]
        lines = split_lines(body)
    return ("\ufeff" if bom else "") + body

raw = open(path, "rb").read()
try:
    text = raw.decode("utf-8")
except UnicodeDecodeError:
    sys.exit(0)  # invalid UTF-8 inputs carry no fixes
rc, diags = check(path)
name = os.path.basename(path)
out = human(path)
for k, d in enumerate(diags):
    if not d["fixes"]:
        continue
    fixed = apply(text, d["fixes"])
    fp = os.path.join(tmp, "fix-%d-%s" % (k, name))
    with open(fp, "w", encoding="utf-8", newline="") as f:
        f.write(fixed)
    rc2, after = check(fp)
    before_n = sum(1 for x in diags if x["code"] == d["code"])
    after_n = sum(1 for x in after if x["code"] == d["code"])
    errs_before = sum(1 for x in diags if x["severity"] == "error")
    errs_after = sum(1 for x in after if x["severity"] == "error")
    what = "%s:%s %s" % (name, d["line"], d["code"])
    ok = after_n < before_n
    why = "%d -> %d '%s' diagnostics" % (before_n, after_n, d["code"])
    # An edit must never leave the YAML unreadable where it was readable.
    syntax = {"yaml-syntax", "unterminated-flow", "bad-indentation", "unexpected-colon",
              "missing-colon", "unterminated-quote", "colon-in-flow", "comment-in-flow",
              "dash-without-space", "unexpected-dash", "missing-value", "extra-content"}
    if ok and any(x["code"] in syntax for x in after) and not any(x["code"] in syntax for x in diags):
        ok, why = False, "the edit broke the YAML: " + "; ".join(
            x["message"] for x in after if x["code"] in syntax)
    print(("PASS" if ok else "FAIL") + " fix of %s mends it" % what + ("" if ok else ": " + why))
    # The human output shows each fixed line as it now reads.
    fixed_lines = split_lines(fixed[1:] if fixed.startswith("\ufeff") else fixed)
    l0 = d["fixes"][0]["line"]
    want = fixed_lines[l0 - 1].rstrip("\r\n") if l0 - 1 < len(fixed_lines) else ""
    shown = [l[len("  fix | "):] for l in out.split("\n") if l.startswith("  fix | ")]
    shown = [s[len("line %d: " % l0):] if s.startswith("line %d: " % l0) else s for s in shown]
    # The printer shows control and bidi characters as U+FFFD.
    want = "".join("\ufffd" if ord(ch) < 0x20 and ch != "\t" or 0x7f <= ord(ch) <= 0x9f
                   or 0x202a <= ord(ch) <= 0x202e or 0x2066 <= ord(ch) <= 0x2069 else ch
                   for ch in want)
    ok = want in shown or len(want) > 200  # long lines are windowed
    print(("PASS" if ok else "FAIL") + " fix line of %s shown" % what +
          ("" if ok else ": want [%s]" % want))
EOF

for y in tests/diag/*.yaml; do
  (cd "$(dirname "$y")" && "$PY" "$TMP/apply.py" "$CJMAP" "$(basename "$y")" "$TMP") 2>&1 |
    sed 's/^Traceback.*/FAIL fixes.test.sh: python error/'
done
