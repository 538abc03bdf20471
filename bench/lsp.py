#!/usr/bin/python3
"""bench/lsp.py CJMAP JOURNEY... — the language server's figures for
`make bench` (issue 15; see docs/performance.md), as a Markdown table.

For each journey, through the scripted client of the tests
(tests/lsp_proto.py, Content-Length framing over a pipe, as an editor):
- change -> diagnostics: one keystroke (an insertion in the title), then the
  publishDiagnostics for that version; 20 keystrokes 150 ms apart.  This
  includes the server's debounce (25 ms of quiet input).
- burst: 10 keystrokes 10 ms apart, as fast typing sends them; the time
  from the last one to its diagnostics, and how many publishes the burst
  caused (a debounced server checks once or twice, not ten times).
- completion of a phase reference on a line being typed (the line does not
  parse: the server patches it), hover and go to definition.
Medians over the runs (and the worst run for change -> diagnostics).
Reference: the issue's 100 ms from change to diagnostics.
"""
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests"))
sys.argv = [sys.argv[0], sys.argv[1], "/tmp"] + sys.argv[2:]
from lsp_proto import Client, open_doc  # noqa: E402

CJMAP, FILES = sys.argv[1], sys.argv[3:]


def ms(x):
    return f"{x * 1000:.1f} ms"


def bench(path):
    text = open(path, encoding="utf-8").read()
    uri = "file://" + os.path.abspath(path)
    c = Client()
    c.init()
    open_doc(c, uri, text)
    c.diagnostics(uri, 1)
    version = 1
    title_line = next(i for i, l in enumerate(text.split("\n")) if l.startswith("title:"))
    col = len("title: ")

    def keystroke(k):
        nonlocal version
        version += 1
        c.notify("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"range": {"start": {"line": title_line, "character": col + k},
                                          "end": {"line": title_line, "character": col + k}},
                                "text": "x"}]})
        return version

    single = []
    for k in range(20):
        v = keystroke(k)
        t0 = time.perf_counter()
        c.diagnostics(uri, v)
        single.append(time.perf_counter() - t0)
        time.sleep(0.15)

    bursts, publishes = [], []
    for b in range(5):
        with c.cv:
            c.msgs.clear()
        for k in range(10):
            v = keystroke(20 + b * 10 + k)
            if k < 9:
                time.sleep(0.01)
        t0 = time.perf_counter()
        c.diagnostics(uri, v)
        bursts.append(time.perf_counter() - t0)
        time.sleep(0.2)
        with c.cv:
            n = sum(1 for m in c.msgs if m.get("method") == "textDocument/publishDiagnostics")
        publishes.append(n + 1)

    # Hover and definition on a reference: the first "phases: [" of a touchpoint.
    lines = text.split("\n")
    ref = next(((i, l.index("phases: [") + 9) for i, l in enumerate(lines) if "phases: [" in l))
    hov, dfn, found = [], [], 0
    for _ in range(10):
        for method, out in (("textDocument/hover", hov), ("textDocument/definition", dfn)):
            t0 = time.perf_counter()
            r = c.request(method, {"textDocument": {"uri": uri},
                                   "position": {"line": ref[0], "character": ref[1]}})
            out.append(time.perf_counter() - t0)
            found += bool((r or {}).get("result"))
    # Completion on a line being typed: "  - {phase: " right under
    # "experiences:" (the line does not parse: the server patches it).
    at = lines.index("experiences:") + 1
    version += 1
    typed = "\n".join(lines[:at] + ["  - {phase: "] + lines[at:])
    c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                        "contentChanges": [{"text": typed}]})
    c.diagnostics(uri, version)
    comp, items = [], 0
    for _ in range(10):
        t0 = time.perf_counter()
        r = c.request("textDocument/completion", {
            "textDocument": {"uri": uri},
            "position": {"line": at, "character": len("  - {phase: ")}})
        comp.append(time.perf_counter() - t0)
        items = len((r or {}).get("result", {}).get("items", []))
    c.finish()
    return {
        "kib": len(text.encode()) / 1024,
        "single": statistics.median(single), "worst": max(single),
        "burst": statistics.median(bursts), "publishes": statistics.median(publishes),
        "comp": statistics.median(comp), "items": items,
        "hover": statistics.median(hov), "def": statistics.median(dfn), "found": found,
    }


print()
print("Language server (`cjmap lsp`, bench/lsp.py): medians; reference: the issue's 100 ms "
      "from a change to its diagnostics")
print()
print("| Journey | YAML | change → diagnostics (worst) | burst of 10: last → diagnostics "
      "(publishes) | completion on a half-typed line (items) | hover | definition | "
      "≤ 100 ms |")
print("|---|--:|--:|--:|--:|--:|--:|---|")
for f in FILES:
    r = bench(f)
    name = os.path.basename(f).removeprefix("journey-").removesuffix(".yaml")
    verdict = "met" if r["worst"] <= 0.1 and r["burst"] <= 0.1 else "NOT met"
    if r["found"] != 20 or not r["items"]:
        verdict += " (a request found nothing: the figures are not comparable)"
    print(f"| {name} | {r['kib']:.0f} KiB | {ms(r['single'])} ({ms(r['worst'])}) | "
          f"{ms(r['burst'])} ({r['publishes']:g}) | {ms(r['comp'])} ({r['items']}) | "
          f"{ms(r['hover'])} | {ms(r['def'])} | {verdict} |")
