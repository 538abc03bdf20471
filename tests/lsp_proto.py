"""tests/lsp_proto.py — the protocol side of the scripted LSP clients
(tests/lsp_client.py, tests/lsp_lang.py): Content-Length framing, JSON-RPC
2.0, PASS/FAIL lines for tests/run.sh.  Every byte the server writes to
stdout must be a framed message: the reader fails on anything else.  Only
the Python standard library (Debian's /usr/bin/python3).
"""
import json
import os
import subprocess
import sys
import threading
import time

CJMAP, TMP = sys.argv[1], sys.argv[2]
failures = 0


def check(name, ok, detail=""):
    global failures
    if ok:
        print(f"PASS lsp: {name}")
    else:
        failures += 1
        print(f"FAIL lsp: {name}: {detail}")


class Client:
    def __init__(self, args=()):
        self.p = subprocess.Popen([CJMAP, "lsp", *args], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.msgs, self.bad, self.cv = [], [], threading.Condition()
        self.err = b""
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._read_err, daemon=True).start()
        self.next_id = 1

    def _read_err(self):
        self.err = self.p.stderr.read()

    def _read(self):
        f = self.p.stdout
        while True:
            head = b""
            while not head.endswith(b"\r\n\r\n"):
                c = f.read(1)
                if not c:
                    if head:
                        self.bad.append(b"stream ended in a header: " + head)
                    with self.cv:
                        self.cv.notify_all()
                    return
                head += c
            length = None
            for line in head.decode("ascii", "replace").split("\r\n"):
                if line.lower().startswith("content-length:"):
                    length = int(line.split(":", 1)[1])
                elif line:
                    self.bad.append(("unexpected header " + line).encode())
            if length is None:
                self.bad.append(b"no Content-Length in " + head)
                return
            body = f.read(length)
            try:
                m = json.loads(body)
                if m.get("jsonrpc") != "2.0":
                    self.bad.append(b"not jsonrpc 2.0: " + body)
            except ValueError:
                self.bad.append(b"not JSON: " + body)
                continue
            with self.cv:
                self.msgs.append(m)
                self.cv.notify_all()

    def raw(self, data):
        self.p.stdin.write(data)
        self.p.stdin.flush()

    def frame(self, obj):
        body = json.dumps(obj).encode()
        return b"Content-Length: %d\r\n\r\n" % len(body) + body

    def send(self, obj):
        self.raw(self.frame(obj))

    def request(self, method, params=None, wait=True):
        i = self.next_id
        self.next_id += 1
        m = {"jsonrpc": "2.0", "id": i, "method": method}
        if params is not None:
            m["params"] = params
        self.send(m)
        return self.wait(lambda x: x.get("id") == i and "method" not in x) if wait else i

    def notify(self, method, params=None):
        m = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            m["params"] = params
        self.send(m)

    def wait(self, pred, timeout=10):
        end = time.time() + timeout
        with self.cv:
            while True:
                for k, m in enumerate(self.msgs):
                    if pred(m):
                        return self.msgs.pop(k)
                left = end - time.time()
                if left <= 0 or self.p.poll() is not None and not self.msgs:
                    return None
                self.cv.wait(min(left, 0.2))

    def diagnostics(self, uri, version=None):
        m = self.wait(lambda x: x.get("method") == "textDocument/publishDiagnostics"
                      and x["params"]["uri"] == uri
                      and (version is None or x["params"].get("version") == version))
        return m["params"]["diagnostics"] if m else None

    def init(self, encodings=None):
        caps = {}
        if encodings is not None:
            caps = {"general": {"positionEncodings": encodings}}
        r = self.request("initialize", {"processId": None, "rootUri": None, "capabilities": caps})
        self.notify("initialized", {})
        return r

    def finish(self, shutdown=True):
        if shutdown:
            self.request("shutdown")
        self.notify("exit")
        self.p.stdin.close()
        rc = self.p.wait(timeout=10)
        time.sleep(0.05)
        return rc


def utf16_col(line_text, cp_col):
    """LSP UTF-16 character of a 1-based code-point column."""
    return sum(2 if ord(c) > 0xFFFF else 1 for c in line_text[:cp_col - 1])


def check_json(path):
    """`cjmap check --diagnostics=json` on path: its diagnostics."""
    out = subprocess.run([CJMAP, "check", "--diagnostics=json", path], capture_output=True)
    return json.loads(out.stdout)


def open_doc(c, uri, text, version=1):
    c.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml",
                                                        "version": version, "text": text}})


