#!/usr/bin/python3
"""tests/unquote.py — generator test for the "needs quotes" rule (run by
tests/unquote.test.sh; CJMAP is the binary under test, TMP a scratch dir).

For every valid journey given on the command line, find with PyYAML's
tokenizer (yaml.scan) every single-line quoted scalar that stands inside a
flow collection ({ } or [ ]) and whose value contains ', ', ': ' or ' #'
(or a bare ',', as in the metric value "1,8 %": in flow style any comma ends
a plain text, and docs/format.md says "It contains a comma and stands inside
{ } or [ ]").  For each such scalar write one variant of the file with only
that scalar's quotes removed, and check with `cjmap check --diagnostics=json`:

  - the exit status is 1;
  - the first error is on the changed line;
  - its message says the text "needs quotes";
  - one of its fixes, applied to the variant, gives a file that cjmap checks
    with the same exit status and the same warnings as the original, and
    that reads (PyYAML safe_load) as the same data as the original.

One PASS/FAIL line per variant, naming file, line and text.

Scalars that are skipped, because without quotes they would break for a
reason that is not the rule under test (or the text could not be written
back as a plain scalar at all):
  - double-quoted texts with a backslash escape, single-quoted texts with ''
    (escapes are not undone: the variant would differ in more than quotes);
  - texts containing a quote character or a backslash (the fix would have to
    escape them);
  - texts with leading or trailing spaces, tabs or line breaks (a plain text
    is trimmed);
  - texts that begin with a YAML indicator ([ ] { } , # & * ! | > ' " % @ `
    or "- ", "? ", ": ", "---", "...");
  - texts containing [ ] { } (they also end a plain text in flow style);
  - texts with a ':' at the end or followed by a flow indicator (",[]{}"),
    which libyaml rejects or reads as a key for its own reasons;
  - keys written JSON-style with ':' right after the closing quote
    ("key":value), which are only keys while they are quoted;
  - in a [ ] list of texts (not a touchpoint's `phases: [...]`), a text whose
    only trigger is ', ' and in which a piece after a ', ' starts with
    anything but a lowercase letter or is a single word: there ', ' separates
    items, so "[Lav rente, Ingen gebyrer]" is a list of two as written, and
    cjmap cannot know otherwise.  Lowercase phrases after a comma
    ("[Ser bilder av hytter, bål og badestrand]") get the warning
    comma-in-list, which counts as the first error here.
"""
import json
import os
import subprocess
import sys

import yaml


CJMAP = os.environ["CJMAP"]
TMP = os.environ["TMP"]
INDICATORS = set("[]{},#&*!|>'\"%@`")
TRIGGERS = (", ", ": ", " #")
# libyaml through PyYAML's C binding: the same YAML reader as cjmap's (the
# pure-Python scanner differs, e.g. on '?' in flow style).
LOADER = yaml.CSafeLoader


def skip_reason(tok, raw):
    """Why the quoted scalar TOK (source text RAW, quotes included) gets no
    variant, or None to make one."""
    v = tok.value
    body = raw[1:-1]
    if tok.style == '"' and "\\" in body:
        return "double-quoted with escapes"
    if tok.style == "'" and "''" in body:
        return "single-quoted with '' escape"
    if body != v:
        return "value differs from its source text"
    if '"' in v or "'" in v or "\\" in v:
        return "contains a quote or backslash"
    if v != v.strip(" ") or any(c in v for c in "\t\r\n"):
        return "leading/trailing space or tab/line break"
    if not v:
        return "empty"
    if v[0] in INDICATORS or v[:2] in ("- ", "? ", ": ") or v in ("-", "?", ":") \
            or v.startswith(("---", "...")):
        return "begins with a YAML indicator"
    if any(c in v for c in "[]{}"):
        return "contains a flow indicator [ ] { }"
    for i, c in enumerate(v):
        if c == ":" and (i + 1 == len(v) or v[i + 1] in ",[]{}"):
            return "':' at the end or before a flow indicator"
    return None


def candidates(text):
    """(token, skip-reason) for every single-line quoted scalar inside a flow
    collection whose value contains a trigger."""
    out = []
    depth = 0
    stack = []  # for each open collection: "{" or "[" and the key it is the value of
    last_key = None
    prev = None
    toks = list(yaml.scan(text, Loader=LOADER))
    for tok in toks:
        if isinstance(prev, yaml.KeyToken) and isinstance(tok, yaml.ScalarToken):
            last_key = tok.value
        prev = tok
        if isinstance(tok, (yaml.FlowMappingStartToken, yaml.FlowSequenceStartToken)):
            depth += 1
            stack.append(("{" if isinstance(tok, yaml.FlowMappingStartToken) else "[", last_key))
        elif isinstance(tok, (yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)):
            depth -= 1
            stack.pop()
        elif isinstance(tok, yaml.ScalarToken) and tok.style in ('"', "'") and depth > 0:
            s, e = tok.start_mark, tok.end_mark
            if s.line != e.line:
                continue
            v = tok.value
            if not (any(t in v for t in TRIGGERS) or "," in v):
                continue
            a, b = span(text, tok)
            raw = text[a:b]
            why = skip_reason(tok, raw)
            if why is None and stack and stack[-1][0] == "[" and stack[-1][1] != "phases" \
                    and not any(t in v for t in (": ", " #")):
                pieces = v.split(",")[1:]
                if any(not p.strip() or not p.strip()[0].islower() or " " not in p.strip()
                       for p in pieces):
                    why = "in [ ], ', ' separates items and the piece after it is no lowercase phrase"
            if why is None and text[b:b + 1] == ":" and text[b + 1:b + 2] not in ("", " ", "\t", "\r", "\n"):
                why = "JSON-style key with ':' right after the quote"
            out.append((tok, why))
    return out


def run_check(path):
    p = subprocess.run([CJMAP, "check", "--color=never", "--diagnostics=json", path],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        diags = json.loads(p.stdout.decode("utf-8") or "[]")
    except ValueError as ex:
        diags = None
        return p.returncode, diags, "bad JSON (%s): %r" % (ex, p.stdout[:200])
    return p.returncode, diags, None


def offset(text, line, col):
    """Index in TEXT of 1-based LINE and COLUMN (code points; a BOM at the
    start is not counted, as cjmap counts columns)."""
    idx = 0
    for _ in range(line - 1):
        nl = text.find("\n", idx)
        if nl < 0:
            return None
        idx = nl + 1
    if line == 1 and text.startswith("\ufeff"):
        idx += 1
    return idx + col - 1


def span(text, tok):
    """Indices in TEXT of TOK's start and end (from line and column, which
    libyaml counts in code points; its index leaves out a BOM)."""
    return (offset(text, tok.start_mark.line + 1, tok.start_mark.column + 1),
            offset(text, tok.end_mark.line + 1, tok.end_mark.column + 1))


def load(text):
    try:
        return yaml.load(text, Loader=LOADER)
    except yaml.YAMLError as ex:
        return ("unreadable", str(ex))


def warn_key(diags):
    return sorted((d.get("line"), d.get("severity"), d.get("code"), d.get("message"))
                  for d in diags)


def show(s):
    return s if len(s) <= 200 else s[:200] + "..."


def main(files):
    total = 0
    per_file = {}
    skipped = []
    for f in files:
        with open(f, "rb") as fh:
            data = fh.read()
        text = data.decode("utf-8")
        orig_rc, orig_diags, err = run_check(f)
        if err:
            print("FAIL unquote %s: original: %s" % (f, err))
            continue
        orig_data = load(text)
        lines = text.split("\n")
        base = os.path.basename(f)
        try:
            found = candidates(text)
        except yaml.YAMLError as ex:
            print("FAIL unquote %s: PyYAML cannot read it: %s" % (f, ex))
            continue
        for tok, why in found:
            s, e = tok.start_mark, tok.end_mark
            line = s.line + 1
            if why:
                skipped.append("%s:%d %r: %s" % (f, line, tok.value, why))
                continue
            total += 1
            per_file[f] = per_file.get(f, 0) + 1
            a, b = span(text, tok)
            variant = text[:a] + tok.value + text[b:]
            vpath = os.path.join(TMP, "%s-L%d-C%d.yaml" % (base[:-5], line, s.column + 1))
            with open(vpath, "wb") as fh:
                fh.write(variant.encode("utf-8"))
            vline = variant.split("\n")[s.line].rstrip("\r")
            name = "unquote %s:%d %s" % (f, line, tok.value)
            problems = []
            rc, diags, err = run_check(vpath)
            if err:
                print("FAIL %s: %s" % (name, err))
                continue
            errors = [d for d in diags
                      if d.get("severity") == "error" or d.get("code") == "comma-in-list"]
            if rc != 1 and not (errors and errors[0].get("code") == "comma-in-list"):
                problems.append("exit %d, want 1" % rc)
            if not errors:
                problems.append("no error reported")
            else:
                first = errors[0]
                said = "%s:%s: %s [%s]" % (first.get("line"), first.get("column"),
                                           first.get("message"), first.get("code"))
                if first.get("line") != line:
                    problems.append("first error on line %s, want %d: %s" % (first.get("line"), line, said))
                if "needs quotes" not in (first.get("message") or ""):
                    problems.append("first error does not say 'needs quotes': %s" % said)
                fixes = first.get("fixes") or []
                if not fixes:
                    problems.append("first error has no fix: %s" % said)
                ok_fix = False
                fix_notes = []
                for fx in fixes:
                    a = offset(variant, fx["line"], fx["column"])
                    b = offset(variant, fx["end_line"], fx["end_column"])
                    if a is None or b is None or a > b:
                        fix_notes.append("fix range %s not in the file" % fx)
                        continue
                    fixed = variant[:a] + fx["replacement"] + variant[b:]
                    fpath = vpath[:-5] + "-fixed.yaml"
                    with open(fpath, "wb") as fh:
                        fh.write(fixed.encode("utf-8"))
                    frc, fdiags, ferr = run_check(fpath)
                    fline = fixed.split("\n")[fx["line"] - 1].rstrip("\r")
                    if ferr:
                        fix_notes.append("fixed file: %s" % ferr)
                        continue
                    if frc != orig_rc:
                        ferrs = [d for d in fdiags if d.get("severity") == "error"]
                        fix_notes.append("fixed file exits %d (original %d), line now %r%s" % (
                            frc, orig_rc, show(fline),
                            ": %s:%s: %s" % (ferrs[0]["line"], ferrs[0]["column"], ferrs[0]["message"]) if ferrs else ""))
                        continue
                    if warn_key(fdiags) != warn_key(orig_diags):
                        fix_notes.append("fixed file's diagnostics differ from the original's: %s vs %s"
                                         % (warn_key(fdiags), warn_key(orig_diags)))
                        continue
                    same = load(fixed) == orig_data
                    if not same:
                        fix_notes.append("fixed file reads as other data than the original, line now %r" % show(fline))
                        continue
                    ok_fix = True
                    break
                if fixes and not ok_fix:
                    problems.append("no fix restores the original: " + "; ".join(fix_notes))
            if problems:
                print("FAIL %s: variant line %r: %s" % (name, show(vline), "; ".join(problems)))
            else:
                print("PASS %s" % name)
    if total == 0:
        print("FAIL unquote: no variants generated from %d files" % len(files))
    if os.environ.get("VERBOSE") or os.environ.get("UNQUOTE_VERBOSE"):
        print("unquote: %d variants: %s" % (total, ", ".join("%s %d" % kv for kv in per_file.items())))
        for s in skipped:
            print("unquote: skipped %s" % s)


if __name__ == "__main__":
    main(sys.argv[1:])
