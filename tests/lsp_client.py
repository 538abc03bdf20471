#!/usr/bin/python3
"""tests/lsp_client.py CJMAP TMPDIR — a scripted LSP client for `cjmap lsp`:
framing, life cycle, position encodings, document sync and diagnostics
(the protocol side is tests/lsp_proto.py).
"""
import json
import os
import subprocess
import sys
import threading
import time

from lsp_proto import *  # noqa: F401,F403 (Client, check, CJMAP, TMP, ...)
import lsp_proto

# A journey with mistakes after æøå and an emoji on the same lines.
JOURNEY = """title: "Bytte strømavtale 😀"
segment: {name: Familier}
phases:
  - {id: før, name: "Før 😀", statement: æøå}
  - {id: før, name: Efter}
touchpoints:
  - {name: "App 😀", channel: webb, phases: [før]}
experiences:
  - {phase: "😀 ukendt", text: Godt, score: 3}
"""

# --- initialize, diagnostics equal to check's, UTF-16 ranges ---------------
c = Client()
r = c.init()
caps = (r or {}).get("result", {}).get("capabilities", {})
check("initialize: UTF-16 by default", caps.get("positionEncoding") == "utf-16", r)
check("initialize: open/close and incremental sync", caps.get("textDocumentSync") ==
      {"openClose": True, "change": 2}, caps)
check("initialize: serverInfo names cjmap", (r or {}).get("result", {}).get(
    "serverInfo", {}).get("name") == "cjmap", r)
path = os.path.join(TMP, "lsp-journey.yaml")
with open(path, "w", encoding="utf-8") as f:
    f.write(JOURNEY)
uri = "file://" + path
open_doc(c, uri, JOURNEY)
diags = c.diagnostics(uri)
want = check_json(path)
lines = JOURNEY.split("\n")
exp = [d for d in want if d["severity"] != "note"]
check("diagnostics: as many as check reports", diags is not None and len(diags) == len(exp),
      f"{len(diags or [])} vs {len(exp)}")
same = diags is not None and len(diags) == len(exp)
for d, e in zip(diags or [], exp):
    rng = d["range"]
    want_range = {"start": {"line": e["line"] - 1,
                            "character": utf16_col(lines[e["line"] - 1], e["column"])},
                  "end": {"line": e["end_line"] - 1,
                          "character": utf16_col(lines[e["end_line"] - 1], e["end_column"])}}
    ok = (d["message"] == e["message"] and d["code"] == e["code"] and d["source"] == "cjmap"
          and d["severity"] == (1 if e["severity"] == "error" else 2) and rng == want_range)
    if not ok:
        same = False
        print(f"  lsp {d} vs check {e} (want range {want_range})")
check("diagnostics: check's messages, codes, severities; UTF-16 ranges after æøå and 😀", same)
notes = [d for d in want if d["severity"] == "note"]
rel = [r for d in diags or [] for r in d.get("relatedInformation", [])]
check("diagnostics: check's notes as relatedInformation", len(notes) > 0 and len(rel) == len(notes)
      and all(r["location"]["uri"] == uri and r["message"] == n["message"]
              and r["location"]["range"]["start"]["line"] == n["line"] - 1
              for r, n in zip(rel, notes)), f"{rel} vs {notes}")

# Incremental edits, in UTF-16 units after the emoji: fix the channel.
ln = 6  # "  - {name: "App 😀", channel: webb, phases: [før]}"
col = utf16_col(lines[ln], lines[ln].index("webb") + 1)
c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [
    {"range": {"start": {"line": ln, "character": col}, "end": {"line": ln, "character": col + 4}},
     "text": "web"}]})
d2 = c.diagnostics(uri, 2)
check("didChange (range after 😀): the channel error is gone, the others stay",
      d2 is not None and len(d2) == len(exp) - 1 and all(d["code"] != "unknown-value" or
                                                          "webb" not in d["message"] for d in d2),
      d2)
fixed = JOURNEY.replace("webb", "web").replace("  - {id: før, name: Efter}\n", "").replace(
    '"😀 ukendt"', "før")
c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 3},
                                    "contentChanges": [{"text": fixed}]})
d3 = c.diagnostics(uri, 3)
check("didChange (full text): a valid journey has no diagnostics", d3 == [], d3)
# An insertion at the end of the text (past the last line: the end).
c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 4}, "contentChanges": [
    {"range": {"start": {"line": 99, "character": 0}, "end": {"line": 99, "character": 0}},
     "text": "tittel: x\n"}]})
d4 = c.diagnostics(uri, 4)
check("didChange past the end appends: the unknown key is reported on its line",
      d4 is not None and len(d4) == 1 and d4[0]["range"]["start"]["line"] == len(
          fixed.split("\n")) - 1, d4)
c.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
d5 = c.diagnostics(uri)
check("didClose: the diagnostics are cleared", d5 == [], d5)
# Robustness inside a session: the server answers after each.
r = c.request("textDocument/semanticTokens/full", {"textDocument": {"uri": uri},
                                     "position": {"line": 0, "character": 0}})
check("unknown method: -32601", r and r.get("error", {}).get("code") == -32601, r)
c.raw(b"Content-Length: 9\r\n\r\n{invalid}")
r = c.wait(lambda x: "error" in x and x.get("id") is None)
check("malformed JSON: -32700 with id null", r and r["error"]["code"] == -32700, r)
c.send({"id": 77, "method": "shutdown"})
r = c.wait(lambda x: x.get("id") == 77)
check("no jsonrpc member: -32600", r and r.get("error", {}).get("code") == -32600, r)
c.send({"jsonrpc": "2.0", "id": "s-1", "method": "initialize", "params": {}})
r = c.wait(lambda x: x.get("id") == "s-1")
check("a string id is answered with it; initialize twice: -32600",
      r and r.get("error", {}).get("code") == -32600, r)
c.notify("textDocument/didChange", {"textDocument": {"uri": "file:///nowhere"},
                                    "contentChanges": [{"text": "x"}]})
c.notify("textDocument/didOpen", {"textDocument": {"uri": 5, "text": []}})
c.notify("$/cancelRequest", {"id": 1})
# Two messages in one write, one of them split over the next write; headers
# in lower case and a Content-Type.
m1 = c.frame({"jsonrpc": "2.0", "id": 501, "method": "no/such"})
body = json.dumps({"jsonrpc": "2.0", "id": 502, "method": "no/such"}).encode()
m2 = b"content-length: %d\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n" % len(
    body) + body
c.raw(m1 + m2[:10])
c.raw(m2[10:])
r1, r2 = c.wait(lambda x: x.get("id") == 501), c.wait(lambda x: x.get("id") == 502)
check("framing: two messages in one write, one split, any header case",
      r1 and r2 and r2["error"]["code"] == -32601, (r1, r2))
for b in c.frame({"jsonrpc": "2.0", "id": 503, "method": "no/such"}):
    c.raw(bytes([b]))
r = c.wait(lambda x: x.get("id") == 503)
check("framing: a message one byte at a time", r is not None, r)
r = c.request("shutdown")
check("shutdown: result null", r is not None and "result" in r and r["result"] is None, r)
r = c.request("no/such")
check("a request after shutdown: -32600", r and r.get("error", {}).get("code") == -32600, r)
rc = c.finish(shutdown=False)
check("exit after shutdown: status 0", rc == 0, rc)
check("stdout: nothing but framed JSON-RPC", not c.bad, c.bad)

# --- encodings ---------------------------------------------------------------
for offer, want_enc in ((["utf-32", "utf-16"], "utf-32"), (["utf-8"], "utf-8"),
                        (["utf-16"], "utf-16"), (["latin-1"], "utf-16")):
    c = Client(["--stdio"])
    r = c.init(offer)
    enc = (r or {}).get("result", {}).get("capabilities", {}).get("positionEncoding")
    check(f"positionEncodings {offer}: {want_enc}", enc == want_enc, r)
    # The unknown key nme follows an emoji on its line: where it starts
    # depends on the encoding; deleting the emoji (one character: 1, 2 or 4
    # units) moves it to the same place in all three.
    text = 'title: T\nsegment: {name: "😀", nme: S}\nphases: [{id: a, name: A}]\n'
    unit = {"utf-32": 1, "utf-8": 4, "utf-16": 2}[want_enc]
    open_doc(c, "file:///enc.yaml", text)
    d = c.diagnostics("file:///enc.yaml")
    key = [x for x in d or [] if x["code"] == "unknown-key"]
    check(f"{want_enc}: a range after 😀 counts it as {unit} unit(s)", len(key) == 1 and
          key[0]["range"]["start"] == {"line": 1, "character": 20 + unit} and
          key[0]["range"]["end"] == {"line": 1, "character": 23 + unit}, d)
    c.notify("textDocument/didChange", {"textDocument": {"uri": "file:///enc.yaml", "version": 2},
                                        "contentChanges": [{"range": {
                                            "start": {"line": 1, "character": 17},
                                            "end": {"line": 1, "character": 17 + unit}},
                                            "text": ""}]})
    d2 = c.diagnostics("file:///enc.yaml", 2)
    key = [x for x in d2 or [] if x["code"] == "unknown-key"]
    check(f"{want_enc}: deleting 😀 as {unit} unit(s) deletes exactly it", len(key) == 1 and
          key[0]["range"]["start"] == {"line": 1, "character": 20}, d2)
    c.finish()

# --- life cycle ----------------------------------------------------------------
c = Client()
r = c.request("textDocument/documentSymbol", {"textDocument": {"uri": "file:///x"}})
check("a request before initialize: -32002", r and r.get("error", {}).get("code") == -32002, r)
r = c.request("initialize", 5)
check("initialize with parameters that are not an object: -32602",
      r and r.get("error", {}).get("code") == -32602, r)
c.init()
rc = c.finish(shutdown=False)
check("exit without shutdown: status 1", rc == 1, rc)

c = Client()
c.init()
c.p.stdin.close()
rc = c.p.wait(timeout=10)
check("the stream ends without exit: status 1", rc == 1, rc)

c = Client()
c.raw(b"Nonsense-Header: 3\r\n\r\nabc")
rc = c.p.wait(timeout=10)
time.sleep(0.1)
check("a header without Content-Length: status 1, said on stderr, nothing on stdout",
      rc == 1 and b"Content-Length" in c.err and not c.msgs and not c.bad, (rc, c.err, c.msgs))

c = Client()
c.raw(b"Content-Length: 99999999999999999999\r\n\r\n")
rc = c.p.wait(timeout=10)
check("an absurd Content-Length: status 1", rc == 1, rc)

# A body over the 64 MiB message limit is skipped and answered.
c = Client()
c.init()
big = 65 * 1024 * 1024
c.raw(b"Content-Length: %d\r\n\r\n" % big)
chunk = b" " * (1 << 20)
for _ in range(65):
    c.raw(chunk)
r = c.wait(lambda x: "error" in x and x.get("id") is None, timeout=30)
check("a message over 64 MiB: skipped, answered -32600", r and r["error"]["code"] == -32600, r)
r = c.request("no/such")
check("... and the server goes on", r and r.get("error", {}).get("code") == -32601, r)
# A document over the 16 MiB input limit: the same diagnostic as check.
text = "title: T\n" + "# " + "x" * (16 * 1024 * 1024) + "\n"
open_doc(c, "file:///big.yaml", text)
d = c.diagnostics("file:///big.yaml", None)
bigpath = os.path.join(TMP, "lsp-big.yaml")
with open(bigpath, "w") as f:
    f.write(text)
want = check_json(bigpath)
check("a document over the input limit: check's diagnostic",
      d is not None and len(d) == 1 and d[0]["code"] == want[0]["code"], (d, want[:1]))
rc = c.finish()
check("exit: status 0", rc == 0, rc)
sys.exit(0)
