#!/usr/bin/python3
"""tests/lsp_lang.py CJMAP TMPDIR — the language features of `cjmap lsp`:
completion (also on half-typed lines), hover, definition, references,
highlight, rename, document symbols, quick fixes, cancellation and the
debounce of bursts of changes.  Positions are UTF-16 (the default).
"""
import json
import os
import subprocess
import sys
import time

from lsp_proto import CJMAP, TMP, Client, check, open_doc

URI = "file://" + os.path.join(TMP, "lang.yaml")

JOURNEY = """title: Bytte strømavtale 😀
locale: nb
segment:
  name: Familier
lanes: [actions, touchpoints, experiences, emotions, {id: tanker, name: Tanker}]
phases:
  - id: leter
    name: Jeg leter
    statement: Jeg er ikke fornøyd med leverandøren
    lanes: {tanker: [Hva koster det?]}
  - {id: kjøp, name: "Kjøp, betaling", statement: Jeg bestiller}
  - name: Bruk
touchpoints:
  - id: app
    name: Appen
    channel: app
    phases: [leter, kjøp]
  - name: Butikken
    channel: store
    phases: {leter: Ser på tilbud, "Kjøp, betaling": Betaler, Bruk: Henter}
experiences:
  - {phase: leter, text: Godt, score: 4, touchpoint: app}
  - phase: Bruk
    text: Dårlig
    touchpoint: Butikken
"""

LINES = JOURNEY.split("\n")


def pos(line, col_text, after=True, nth=0):
    """The UTF-16 position of `col_text` on 0-based line `line` (after it,
    or at its start)."""
    t = LINES[line]
    i = -1
    for _ in range(nth + 1):
        i = t.index(col_text, i + 1)
    if after:
        i += len(col_text)
    return {"line": line, "character": len(t[:i].encode("utf-16-le")) // 2}


def doc_params(p, **extra):
    d = {"textDocument": {"uri": URI}, "position": p}
    d.update(extra)
    return d


c = Client()
r = c.init()
caps = (r or {}).get("result", {}).get("capabilities", {})
for cap in ("hoverProvider", "definitionProvider", "referencesProvider",
            "documentHighlightProvider", "documentSymbolProvider"):
    check(f"initialize: {cap}", caps.get(cap) is True, caps)
check("initialize: completion, rename with prepare, quick fixes",
      "completionProvider" in caps and caps.get("renameProvider") == {"prepareProvider": True}
      and caps.get("codeActionProvider") == {"codeActionKinds": ["quickfix"]}, caps)

open_doc(c, URI, JOURNEY)
d = c.diagnostics(URI)
check("the journey is valid", d == [], d)


def result(method, params):
    m = c.request(method, params)
    if m is None:
        return {"__error": "no reply"}
    return m["result"] if "result" in m else {"__error": m.get("error")}


def change(text, version):
    c.notify("textDocument/didChange", {"textDocument": {"uri": URI, "version": version},
                                        "contentChanges": [{"text": text}]})
    return c.diagnostics(URI, version)


def complete(text, line, col_text, version, after=True, nth=0):
    """Completion at col_text on a changed document: (labels, items)."""
    global LINES
    LINES = text.split("\n")
    change(text, version)
    r = result("textDocument/completion", doc_params(pos(line, col_text, after, nth)))
    items = r.get("items", []) if isinstance(r, dict) else []
    return [i["label"] for i in items], items


# --- completion ---------------------------------------------------------
# A key half-typed in a block mapping: the line is no YAML yet.
t = JOURNEY + "    imp"
labels, items = complete(t, 25, "imp", 2)
check("completion: keys of an experience on a half-typed line",
      labels == ["importance", "type", "score"] or sorted(labels) == ["importance", "score", "type"],
      labels)
imp = next((i for i in items if i["label"] == "importance"), {})
check("completion: a key's documentation from the key table",
      "low, medium or high" in json.dumps(imp.get("documentation", "")), imp)
check("completion: a key replaces the typed word and adds ': '",
      imp.get("textEdit", {}).get("newText") == "importance: " and
      imp["textEdit"]["range"]["start"] == {"line": 25, "character": 4} and
      imp["textEdit"]["range"]["end"] == {"line": 25, "character": 7}, imp)

# A value of a closed vocabulary, nothing typed yet.
t = JOURNEY.replace("    channel: store", "    channel: ")
labels, _ = complete(t, 18, "channel: ", 3)
check("completion: channels after 'channel: '", labels[:4] == ["web", "app", "email", "sms"] and
      "word-of-mouth" in labels and len(labels) == 23, labels)

t = JOURNEY + "    importance: "
labels, _ = complete(t, 25, "importance: ", 4)
check("completion: importance levels", labels == ["low", "medium", "high"], labels)

t = JOURNEY.replace("title: Bytte", "locale: \ntitle: Bytte").replace("locale: nb\n", "")
labels, _ = complete(t, 0, "locale: ", 5)
check("completion: locales", labels == ["en", "da", "nb", "sv", "de"], labels)

t = JOURNEY.replace("  - name: Bruk", "  - name: Bruk\n    moment-of-truth: ")
labels, _ = complete(t, 12, "moment-of-truth: ", 6)
check("completion: true and false for a yes/no key", labels == ["true", "false"], labels)

# Phase references: ids and names; in [ ] a name with a comma is quoted.
t = JOURNEY.replace("phases: [leter, kjøp]", "phases: [leter, ")
labels, items = complete(t, 16, "phases: [leter, ", 7)
check("completion: phases in an unclosed [ ] (ids and names)",
      labels == ["leter", "Jeg leter", "kjøp", "Kjøp, betaling", "Bruk"], labels)
kb = next((i for i in items if i["label"] == "Kjøp, betaling"), {})
check("completion: a name with a comma is quoted inside [ ]",
      kb.get("textEdit", {}).get("newText") == '"Kjøp, betaling"', kb)
check("completion: a phase's name and statement come with its id",
      next((i for i in items if i["label"] == "kjøp"), {}).get("detail") == "Kjøp, betaling",
      items[:3])

t = JOURNEY.replace("  - phase: Bruk", "  - phase: Kj")
labels, items = complete(t, 22, "phase: Kj", 8)
kb = next((i for i in items if i["label"] == "Kjøp, betaling"), {})
check("completion: phases after 'phase:' (block: the name needs no quotes)",
      "kjøp" in labels and kb.get("textEdit", {}).get("newText") == "Kjøp, betaling" and
      kb["textEdit"]["range"]["start"] == {"line": 22, "character": 11}, kb)

t = JOURNEY.replace("  - phase: Bruk", '  - phase: "Kj')
labels, items = complete(t, 22, '"Kj', 9)
kb = next((i for i in items if i["label"] == "Bruk"), {})
check("completion: inside quotes the user opened, names stay quoted",
      kb.get("textEdit", {}).get("newText") == '"Bruk"' and
      kb["textEdit"]["range"]["start"] == {"line": 22, "character": 11}, kb)

t = JOURNEY.replace("text: Godt, score: 4, touchpoint: app}", "text: Godt, score: 4, touchpoint: ")
labels, _ = complete(t, 21, "touchpoint: ", 10)
check("completion: touchpoints after 'touchpoint:' in an unclosed { }",
      labels == ["app", "Appen", "Butikken"], labels)

t = JOURNEY.replace("phases: {leter: Ser på tilbud,", "phases: {le")
t = t.replace(' "Kjøp, betaling": Betaler, Bruk: Henter}', "")
labels, _ = complete(t, 19, "{le", 11)
check("completion: phases as keys of a phase -> purpose mapping", "leter" in labels and
      "Bruk" in labels, labels)

t = JOURNEY.replace("lanes: {tanker: [Hva koster det?]}", "lanes: {ta")
labels, _ = complete(t, 9, "{ta", 12)
check("completion: own lanes in a phase's lanes", labels == ["tanker", "Tanker"], labels)

t = JOURNEY.replace("lanes: [actions, touchpoints,", "lanes: [actions, tou")
t = t.replace(" experiences, emotions, {id: tanker, name: Tanker}]", "")
labels, _ = complete(t, 4, "tou", 13)
check("completion: built-in lane names in the journey's lanes",
      "touchpoints" in labels and "backstage" in labels, labels)

# An empty line at the top: the journey's keys that are not written yet.
t = JOURNEY.replace("locale: nb\n", "locale: nb\n\n")
labels, _ = complete(t, 2, "", 14)
check("completion: the journey's missing keys on an empty line",
      "experiences" not in labels and "pains" in labels and "backstage" in labels and
      "title" not in labels, labels)

# An error elsewhere in the file: the text cut after the cursor's line.
t = JOURNEY.replace("  - name: Bruk", "  - name: Bruk\n    chan").replace(
    "    channel: app", "    channel: app\n  bad: [")
labels, _ = complete(t, 12, "chan", 15)
check("completion: keys also when a later line has an error of its own",
      "statement" in labels and "name" not in labels, labels)

# UTF-16 after an emoji: the range starts in UTF-16 units.
t = JOURNEY.replace("title: Bytte strømavtale 😀", "title: Bytte strømavtale 😀\nsta")
labels, items = complete(t, 1, "sta", 16)
check("completion: 'state' among the keys after an emoji line", "state" in labels and
      "title" not in labels and items[0]["textEdit"]["range"]["start"] == {"line": 1, "character": 0},
      items[:1])
t = JOURNEY.replace("  - name: Bruk", "  - {name: 😀 Bruk, mom")
labels, items = complete(t, 11, "mom", 17)
st = items[0] if items else {}
check("completion: the range after an emoji counts UTF-16 units",
      labels == ["moment-of-truth", "id", "statement", "actions", "metrics", "lanes"] or
      ("moment-of-truth" in labels and st.get("textEdit", {}).get("range", {}).get("start") ==
       {"line": 11, "character": 20}), items[:1])

# --- back to the valid journey: hover and navigation -------------------
LINES = JOURNEY.split("\n")
change(JOURNEY, 20)
h = result("textDocument/hover", doc_params(pos(16, "leter", after=False)))
v = json.dumps(h, ensure_ascii=False)
check("hover: a phase reference shows its name and statement",
      "Jeg leter" in v and "Jeg er ikke fornøyd med leverandøren" in v and "references" in v, h)
h = result("textDocument/hover", doc_params(pos(24, "Butikken", after=False)))
v = json.dumps(h, ensure_ascii=False)
check("hover: a touchpoint reference shows its channel and phases",
      "Butikken" in v and "store" in v and "Jeg leter" in v and "Bruk" in v, h)
h = result("textDocument/hover", doc_params(pos(15, "channel", after=False)))
v = json.dumps(h, ensure_ascii=False)
check("hover: a key shows its documentation and vocabulary", "Kind of contact" in v and
      "word-of-mouth" in v, h)

d = result("textDocument/definition", doc_params(pos(21, "phase: leter", after=True)))
check("definition: a phase reference goes to the phase's id",
      d.get("range", {}).get("start") == pos(6, "leter", after=False), d)
d = result("textDocument/definition", doc_params(pos(19, '"Kjøp, betaling"', after=False)))
check("definition: a reference by name goes to the phase (its id)",
      d.get("range", {}).get("start") == pos(10, "kjøp", after=False), d)
d = result("textDocument/definition", doc_params(pos(24, "Butikken", after=False)))
check("definition: a touchpoint reference goes to the touchpoint's name",
      d.get("range", {}).get("start") == pos(17, "Butikken", after=False), d)
d = result("textDocument/definition", doc_params(pos(8, "ikke", after=False)))
check("definition: nothing on a text", d is None, d)

refs = result("textDocument/references", doc_params(
    pos(6, "leter", after=False), context={"includeDeclaration": True}))
lines = sorted(x["range"]["start"]["line"] for x in refs) if isinstance(refs, list) else refs
check("references: a phase's id, name and every reference", lines == [6, 7, 16, 19, 21], refs)
refs = result("textDocument/references", doc_params(
    pos(6, "leter", after=False), context={"includeDeclaration": False}))
check("references: without the declaration",
      isinstance(refs, list) and sorted(x["range"]["start"]["line"] for x in refs) == [16, 19, 21],
      refs)
hl = result("textDocument/documentHighlight", doc_params(pos(11, "Bruk", after=False)))
kinds = sorted((x["range"]["start"]["line"], x["kind"]) for x in hl) if isinstance(hl, list) else hl
check("highlight: the definition (write) and the references (read)",
      kinds == [(11, 3), (19, 2), (22, 2)], hl)

# --- rename ---------------------------------------------------------------
p = result("textDocument/prepareRename", doc_params(pos(16, "leter", after=False)))
check("prepareRename: a reference's range and id", p.get("placeholder") == "leter" and
      p["range"]["start"] == pos(16, "leter", after=False), p)
p = result("textDocument/prepareRename", doc_params(pos(8, "ikke", after=False)))
check("prepareRename: refuses a text", "__error" in p and "can be renamed" in json.dumps(p), p)


def apply(text, edits):
    """Applies LSP text edits (UTF-16 positions) to text."""
    lines = text.split("\n")

    def off(q):
        before = "\n".join(lines[:q["line"]]) + ("\n" if q["line"] else "")
        line = lines[q["line"]]
        u = 0
        for i, ch in enumerate(line):
            if u >= q["character"]:
                return len(before) + i
            u += 2 if ord(ch) > 0xFFFF else 1
        return len(before) + len(line)
    for e in sorted(edits, key=lambda e: (e["range"]["start"]["line"],
                                          e["range"]["start"]["character"]), reverse=True):
        a, b = off(e["range"]["start"]), off(e["range"]["end"])
        text = text[:a] + e["newText"] + text[b:]
    return text


def check_text(text):
    path = os.path.join(TMP, "renamed.yaml")
    with open(path, "w") as f:
        f.write(text)
    out = subprocess.run([CJMAP, "check", path], capture_output=True)
    return out.returncode, out.stderr.decode()


w = result("textDocument/rename", doc_params(pos(21, "leter", after=False), newName="søker"))
edits = w.get("changes", {}).get(URI, []) if isinstance(w, dict) else []
check("rename: an id and its three references", len(edits) == 4 and
      all(e["newText"] == "søker" for e in edits), w)
after = apply(JOURNEY, edits)
rc, err = check_text(after)
check("rename: the renamed journey is valid and names the phase by the new id",
      rc == 0 and after.count("søker") == 4 and "leter" not in after.replace("Jeg leter", ""),
      (rc, err))

w = result("textDocument/rename", doc_params(pos(11, "Bruk", after=False), newName="Bruk, drift"))
edits = w.get("changes", {}).get(URI, []) if isinstance(w, dict) else []
texts = sorted(e["newText"] for e in edits)
check("rename: a name without an id; quoted in { } where the comma needs it",
      texts == ['"Bruk, drift"', "Bruk, drift", "Bruk, drift"], w)
rc, err = check_text(apply(JOURNEY, edits))
check("rename: the renamed name is valid", rc == 0, err)

w = result("textDocument/rename", doc_params(pos(6, "leter", after=False), newName="kjøp"))
check("rename: refused when the new id is taken (the validator's message)",
      "__error" in w and "duplicate phase id 'kjøp'" in json.dumps(w, ensure_ascii=False), w)
w = result("textDocument/rename", doc_params(pos(6, "leter", after=False), newName="jeg leter"))
check("rename: refused when the new id is no id", "__error" in w and
      "not a valid id" in json.dumps(w), w)
w = result("textDocument/rename", doc_params(pos(13, "app", after=False), newName="appen-v2"))
edits = w.get("changes", {}).get(URI, []) if isinstance(w, dict) else []
check("rename: a touchpoint id with its reference", len(edits) == 2, w)
w = result("textDocument/rename", doc_params(pos(9, "tanker", after=False), newName="tvil"))
edits = w.get("changes", {}).get(URI, []) if isinstance(w, dict) else []
check("rename: an own lane's id with its use in a phase", len(edits) == 2 and
      check_text(apply(JOURNEY, edits))[0] == 0, w)

# --- document symbols -------------------------------------------------
s = result("textDocument/documentSymbol", {"textDocument": {"uri": URI}})
names = [(x["name"], x.get("detail")) for x in s] if isinstance(s, list) else s
check("symbols: the segment, then one group per list with its count",
      names == [("Familier", None), ("lanes", "1"), ("phases", "3"), ("touchpoints", "2"),
                ("experiences", "2")], names)
ph = next((x for x in s if x["name"] == "phases"), {}) if isinstance(s, list) else {}
check("symbols: the phases by name, with their ids",
      [(x["name"], x.get("detail")) for x in ph.get("children", [])] ==
      [("Jeg leter", "leter"), ("Kjøp, betaling", "kjøp"), ("Bruk", None)], ph)
ex = next((x for x in s if x["name"] == "experiences"), {}) if isinstance(s, list) else {}
check("symbols: an experience's text and its phase",
      [(x["name"], x.get("detail")) for x in ex.get("children", [])] ==
      [("Godt", "Jeg leter"), ("Dårlig", "Bruk")], ex)

# --- quick fixes -------------------------------------------------------
t = JOURNEY.replace("channel: store", "channel: stor").replace(
    "  - phase: Bruk\n    text: Dårlig\n    touchpoint: Butikken",
    "  - phase: Bruk\n    text: Dårlig\n    touchpoint: app")
LINES = t.split("\n")
diags = change(t, 30)
codes = sorted(x["code"] for x in diags or [])
check("quick fixes: the journey has the two mistakes",
      codes == ["touchpoint-not-in-phase", "unknown-value"], diags)
acts = result("textDocument/codeAction", {
    "textDocument": {"uri": URI}, "range": {"start": {"line": 0, "character": 0},
                                            "end": {"line": 40, "character": 0}},
    "context": {"diagnostics": diags or []}})
titles = [a["title"] for a in acts] if isinstance(acts, list) else acts
check("quick fixes: a did-you-mean and adding the phase to the touchpoint",
      titles == ["Change to 'store'", "Add 'Bruk'"], acts)
fixed = t
for a in acts if isinstance(acts, list) else []:
    fixed = apply(fixed, a["edit"]["changes"][URI])
rc, err = check_text(fixed)
check("quick fixes: applied, the journey is valid without warnings", rc == 0 and err == "",
      (rc, err, fixed))
acts = result("textDocument/codeAction", {
    "textDocument": {"uri": URI}, "range": {"start": {"line": 0, "character": 0},
                                            "end": {"line": 1, "character": 0}},
    "context": {"diagnostics": []}})
check("quick fixes: none outside the range", acts == [], acts)
t2 = JOURNEY.replace("    name: Appen", "    name: Appen: ny")
diags = change(t2, 31)
acts = result("textDocument/codeAction", {
    "textDocument": {"uri": URI}, "range": {"start": {"line": 14, "character": 0},
                                            "end": {"line": 15, "character": 0}},
    "context": {"diagnostics": diags or []}})
check("quick fixes: a text cut by ': ' is put in quotes",
      isinstance(acts, list) and len(acts) == 1 and acts[0]["title"] == "Put the text in quotes" and
      check_text(apply(t2, acts[0]["edit"]["changes"][URI]))[0] == 0, (diags, acts))

# --- navigation while the text does not parse -------------------------
LINES = JOURNEY.split("\n")
change(JOURNEY, 40)
broken = JOURNEY + "  - {phase: "
change(broken, 41)
d = result("textDocument/definition", doc_params(pos(21, "phase: leter", after=True)))
check("definition: the last journey that parsed, while a line is half-typed",
      isinstance(d, dict) and d.get("range", {}).get("start") == pos(6, "leter", after=False), d)
s = result("textDocument/documentSymbol", {"textDocument": {"uri": URI}})
check("symbols: from the last journey that parsed", isinstance(s, list) and len(s) == 5, s)
p = result("textDocument/prepareRename", doc_params(pos(21, "leter", after=False)))
check("rename: refused until the text parses", "__error" in p and "not valid YAML" in
      json.dumps(p), p)

# --- wrong parameters, cancellation, debounce -------------------------
m = c.request("textDocument/hover", {"textDocument": {"uri": URI}})
check("hover without a position: -32602", m and m.get("error", {}).get("code") == -32602, m)
m = c.request("textDocument/definition", doc_params({"line": 0, "character": 0}) | {
    "textDocument": {"uri": "file:///nowhere.yaml"}})
check("a document that is not open: -32602", m and m.get("error", {}).get("code") == -32602, m)
m = c.request("textDocument/completion", doc_params({"line": -1, "character": "x"}))
check("a position of the wrong type: -32602", m and m.get("error", {}).get("code") == -32602, m)

change(JOURNEY, 50)
i = c.next_id
c.next_id += 2
c.raw(c.frame({"jsonrpc": "2.0", "id": i, "method": "textDocument/documentSymbol",
               "params": {"textDocument": {"uri": URI}}}) +
      c.frame({"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": i}}) +
      c.frame({"jsonrpc": "2.0", "id": i + 1, "method": "textDocument/documentSymbol",
               "params": {"textDocument": {"uri": URI}}}))
a = c.wait(lambda x: x.get("id") == i and "method" not in x)
b = c.wait(lambda x: x.get("id") == i + 1 and "method" not in x)
check("cancel: a request cancelled before it ran gets -32800",
      a and a.get("error", {}).get("code") == -32800, a)
check("cancel: the next request is answered", b and isinstance(b.get("result"), list), b)

# A burst of changes in one go: checked once, for the last version.
burst = b"".join(c.frame({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
    "textDocument": {"uri": URI, "version": 60 + k},
    "contentChanges": [{"text": JOURNEY.replace("Godt", "Godt" + "!" * k)}]}})
    for k in range(8))
c.raw(burst)
last = c.diagnostics(URI, 67)
time.sleep(0.3)
with c.cv:
    extra = [x for x in c.msgs if x.get("method") == "textDocument/publishDiagnostics"]
check("debounce: a burst of 8 changes is checked once, for the last version",
      last == [] and extra == [], (last, extra))

rc = c.finish()
check("exit after the features: status 0", rc == 0, (rc, c.err[-500:]))
check("nothing but protocol on stdout", not c.bad, c.bad[:3])
sys.exit(0)
