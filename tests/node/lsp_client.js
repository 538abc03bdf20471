#!/usr/bin/env node
// tests/node/lsp_client.js [SCENARIO...] — `$CJMAP lsp` driven by
// vscode-jsonrpc, the JSON-RPC library of VS Code's own LSP client, for what
// Neovim 0.7 cannot test: position-encoding negotiation, cancellation, exit
// codes, and error replies to malformed input.
//
// Each scenario starts its own server.  One line per check on stdout:
// "ok - NAME" or "not ok - NAME: WHY" (tests/lsp-node.test.sh turns them into
// PASS/FAIL for tests/run.sh); the exit status is 1 if any check failed.
// With no arguments every scenario runs; --list names them.  Every wait is
// bounded (LSP_TIMEOUT_MS, 10000 by default), so a server that hangs fails
// the check it hangs in instead of hanging the test.
// Runs on Node.js 18 and later (Debian 12 has 18).
'use strict';

const { spawn } = require('child_process');
const fs = require('fs');
const rpc = require('vscode-jsonrpc/node');

const CJMAP = process.env.CJMAP;
const TIMEOUT = Number(process.env.LSP_TIMEOUT_MS) || 10000;
const CANCELLED = -32800; // LSPErrorCodes.RequestCancelled (not in vscode-jsonrpc's ErrorCodes)

let failures = 0;

function check(name, ok, why) {
  if (ok) {
    console.log(`ok - ${name}`);
  } else {
    failures++;
    console.log(`not ok - ${name}: ${why}`);
  }
  return ok;
}

function show(v) {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 300 ? s.slice(0, 300) + '...' : s;
}

class Timeout extends Error {}

// promise, or a Timeout after ms.
function within(promise, ms, what) {
  let timer;
  const late = new Promise((resolve, reject) => {
    timer = setTimeout(() => reject(new Timeout(`no ${what} within ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// A reply as data: {result} or {error: {code, message}}.  A timeout or a
// connection failure throws: the scenario stops there.
async function outcome(promise, what) {
  try {
    return { result: await within(promise, TIMEOUT, what) };
  } catch (e) {
    // -32099..-32096 are vscode-jsonrpc's own (write or read failed, connection gone).
    if (e instanceof rpc.ResponseError && !(e.code >= -32099 && e.code <= -32096)) {
      return { error: { code: e.code, message: e.message } };
    }
    throw e;
  }
}

function errorCode(o) {
  return o.error ? o.error.code : undefined;
}

// Reads Content-Length framed JSON-RPC from buf; anything else is a problem.
function parseFrames(buf) {
  const messages = [];
  const problems = [];
  let at = 0;
  while (at < buf.length) {
    const end = buf.indexOf('\r\n\r\n', at);
    if (end < 0) {
      problems.push(`bytes after the last message: ${show(buf.slice(at).toString('latin1'))}`);
      break;
    }
    let length;
    for (const line of buf.slice(at, end).toString('latin1').split('\r\n')) {
      const m = /^([A-Za-z-]+): *(.*)$/.exec(line);
      if (!m) problems.push(`not a header: ${show(line)}`);
      else if (m[1].toLowerCase() === 'content-length' && /^[0-9]+$/.test(m[2])) length = Number(m[2]);
      else if (m[1].toLowerCase() !== 'content-type') problems.push(`unexpected header: ${show(line)}`);
    }
    if (length === undefined) {
      problems.push(`no Content-Length at byte ${at}`);
      break;
    }
    const body = buf.slice(end + 4, end + 4 + length);
    if (body.length < length) {
      problems.push(`body cut short: ${body.length} of ${length} bytes`);
      break;
    }
    try {
      const m = JSON.parse(body.toString('utf8'));
      if (m === null || typeof m !== 'object' || m.jsonrpc !== '2.0') problems.push(`not JSON-RPC 2.0: ${show(m)}`);
      else messages.push(m);
    } catch (e) {
      problems.push(`not JSON: ${show(body.toString('latin1'))}`);
    }
    at = end + 4 + length;
  }
  return { messages, problems };
}

// One `cjmap lsp` process and a vscode-jsonrpc connection to it.  Raw stdout
// is kept as well, to check that every byte is protocol.
class Server {
  constructor() {
    this.child = spawn(CJMAP, ['lsp'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.raw = [];
    this.stderr = '';
    this.rpcErrors = [];
    this.diagnostics = [];
    this.child.stdout.on('data', (b) => this.raw.push(b));
    this.child.stderr.on('data', (b) => { this.stderr += b.toString(); });
    this.child.stdin.on('error', () => {}); // EPIPE once the server is gone
    this.closed = new Promise((resolve) => {
      this.child.on('error', (e) => resolve({ code: null, signal: null, error: e.message }));
      this.child.on('close', (code, signal) => resolve({ code, signal }));
    });
    const quiet = { error() {}, warn() {}, info() {}, log() {} };
    this.conn = rpc.createMessageConnection(new rpc.StreamMessageReader(this.child.stdout),
      new rpc.StreamMessageWriter(this.child.stdin), quiet);
    this.conn.onError(([e]) => this.rpcErrors.push(e && e.message ? e.message : String(e)));
    this.conn.onNotification('textDocument/publishDiagnostics', (p) => this.diagnostics.push(p));
    this.conn.listen();
  }

  request(method, params, token) {
    const args = [method];
    if (params !== undefined) args.push(params);
    if (token !== undefined) args.push(token);
    return outcome(this.conn.sendRequest(...args), `reply to ${method}`);
  }

  notify(method, params) {
    const p = params === undefined ? this.conn.sendNotification(method) : this.conn.sendNotification(method, params);
    return within(p, TIMEOUT, `write of ${method}`);
  }

  async initialize(encodings) {
    const capabilities = encodings === undefined ? {} : { general: { positionEncodings: encodings } };
    const r = await this.request('initialize', { processId: process.pid, rootUri: null, capabilities });
    await this.notify('initialized', {});
    return r;
  }

  open(uri, text) {
    return this.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  }

  async waitFor(what, pred) {
    const end = Date.now() + TIMEOUT;
    for (;;) {
      const m = pred();
      if (m !== undefined) return m;
      if (Date.now() > end) throw new Timeout(`no ${what} within ${TIMEOUT} ms`);
      await sleep(10);
    }
  }

  published(uri) {
    return this.waitFor(`publishDiagnostics for ${uri}`, () => this.diagnostics.find((p) => p.uri === uri));
  }

  // The messages on raw stdout so far (vscode-jsonrpc drops replies with id null).
  rawMessages() {
    return parseFrames(Buffer.concat(this.raw)).messages;
  }

  // Bytes written straight to stdin, bypassing vscode-jsonrpc.
  writeRaw(bytes) {
    return within(new Promise((resolve) => this.child.stdin.write(bytes, () => resolve())), TIMEOUT, 'raw write');
  }

  // The exit status once the server has ended by itself.
  async exitCode() {
    const c = await within(this.closed, TIMEOUT, 'end of the server process');
    return c.signal ? `signal ${c.signal}` : c.error ? `spawn error ${c.error}` : c.code;
  }

  async stop() {
    this.conn.dispose();
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    await within(this.closed, TIMEOUT, 'end of the killed server').catch(() => {});
  }

  // Every byte on stdout is a Content-Length framed JSON-RPC message.
  checkStdout(name) {
    const { messages, problems } = parseFrames(Buffer.concat(this.raw));
    const bad = problems.concat(this.rpcErrors.map((e) => `vscode-jsonrpc: ${e}`));
    check(`${name}: stdout holds only framed JSON-RPC (${messages.length} messages)`, bad.length === 0,
      bad.slice(0, 3).join('; '));
  }
}

// The server's exit status is want once it has ended by itself; if not, its
// stderr (an ASan report, say) goes into the reason.
async function expectExit(s, label, want) {
  const rc = await s.exitCode();
  check(label, rc === want, `exit status ${rc}; stderr: ${show(s.stderr.slice(-500))}`);
}

// Line 2 has æø😀 before an unknown key: where 'nme' starts is 23 in
// UTF-32 (code points), 24 in UTF-16 (😀 is a surrogate pair), 28 in UTF-8.
const JOURNEY = 'title: T\nsegment: {name: "æø😀", nme: S}\nphases: [{id: a, name: A}]\n' +
  'touchpoints: [{name: W, channel: web, phases: [a]}]\n';
const BEFORE = JOURNEY.split('\n')[1].split('nme')[0];
const UNITS = {
  'utf-32': Array.from(BEFORE).length,
  'utf-16': BEFORE.length,
  'utf-8': Buffer.byteLength(BEFORE, 'utf8'),
};

function encodingScenario(offer, want) {
  return async (s, name) => {
    const r = await s.initialize(offer);
    const enc = r.result && r.result.capabilities ? r.result.capabilities.positionEncoding : undefined;
    check(`${name}: positionEncoding ${want}`, enc === want, show(r));
    const info = r.result && r.result.serverInfo;
    check(`${name}: serverInfo.name is cjmap`, info && info.name === 'cjmap', show(info));
    const uri = 'file:///enc.yaml';
    await s.open(uri, JOURNEY);
    const p = await s.published(uri);
    const d = p.diagnostics;
    const start = UNITS[want];
    const ok = d.length === 1 && d[0].code === 'unknown-key' && d[0].range.start.line === 1 &&
      d[0].range.start.character === start && d[0].range.end.line === 1 && d[0].range.end.character === start + 3;
    check(`${name}: the unknown key after æø😀 starts at character ${start} (${want})`, ok, show(d));
    const sd = await s.request('shutdown');
    check(`${name}: shutdown answers null`, 'result' in sd && sd.result === null, show(sd));
    await s.notify('exit');
    await expectExit(s, `${name}: exit status 0`, 0);
  };
}

const scenarios = {
  'encoding utf-32': encodingScenario(['utf-32', 'utf-16'], 'utf-32'),
  'encoding utf-8': encodingScenario(['utf-8'], 'utf-8'),
  'encoding default': encodingScenario(undefined, 'utf-16'),

  'shutdown and exit': async (s, name) => {
    await s.initialize();
    const sd = await s.request('shutdown');
    check(`${name}: shutdown answers null`, 'result' in sd && sd.result === null, show(sd));
    const r1 = await s.request('textDocument/documentSymbol', { textDocument: { uri: 'file:///x.yaml' } });
    check(`${name}: a request after shutdown gets -32600 (InvalidRequest)`,
      errorCode(r1) === rpc.ErrorCodes.InvalidRequest, show(r1));
    const r2 = await s.request('shutdown');
    check(`${name}: shutdown again gets -32600`, errorCode(r2) === rpc.ErrorCodes.InvalidRequest, show(r2));
    await s.notify('exit');
    await expectExit(s, `${name}: exit status 0`, 0);
  },

  'exit without shutdown': async (s, name) => {
    await s.initialize();
    await s.notify('exit');
    await expectExit(s, `${name}: exit status 1`, 1);
  },

  'stdin closed': async (s, name) => {
    await s.initialize();
    s.child.stdin.end();
    await expectExit(s, `${name}: the stream ends without exit: status 1`, 1);
  },

  'errors': async (s, name) => {
    const r0 = await s.request('textDocument/documentSymbol', { textDocument: { uri: 'file:///x.yaml' } });
    check(`${name}: a request before initialize gets -32002 (ServerNotInitialized)`,
      errorCode(r0) === rpc.ErrorCodes.ServerNotInitialized, show(r0));
    const r = await s.initialize();
    check(`${name}: ... then initialize succeeds`, r.result && r.result.capabilities, show(r));
    const r1 = await s.request('cjmap/noSuchMethod', { x: 1 });
    check(`${name}: an unknown method gets -32601 (MethodNotFound)`, errorCode(r1) === rpc.ErrorCodes.MethodNotFound,
      show(r1));
    const sd = await s.request('shutdown');
    check(`${name}: shutdown answers null`, 'result' in sd && sd.result === null, show(sd));
    await s.notify('exit');
    await expectExit(s, `${name}: exit status 0`, 0);
  },

  // The server may answer a cancelled request as usual or with -32800; it
  // must answer it, and go on.
  'cancellation': async (s, name) => {
    const N = 10;
    await s.initialize();
    const uri = 'file:///cancel.yaml';
    await s.open(uri, JOURNEY);
    const params = { textDocument: { uri } };
    const base = await s.request('textDocument/documentSymbol', params);
    const sameAsBase = (o) => (base.error ? o.error && o.error.code === base.error.code :
      'result' in o && JSON.stringify(o.result) === JSON.stringify(base.result));
    const baseText = base.error ? `error ${base.error.code}` : 'a result';
    const sent = [];
    for (let i = 0; i < N; i++) {
      const source = new rpc.CancellationTokenSource();
      sent.push(s.request('textDocument/documentSymbol', params, source.token));
      source.cancel(); // $/cancelRequest right behind the request
    }
    const got = await Promise.all(sent);
    const cancelled = got.filter((o) => errorCode(o) === CANCELLED).length;
    const answered = got.filter(sameAsBase).length;
    check(`${name}: ${N} requests each followed by $/cancelRequest: ${answered} answered as usual (${baseText}), ` +
      `${cancelled} cancelled (-32800)`, cancelled + answered === N,
      `other replies: ${show(got.filter((o) => errorCode(o) !== CANCELLED && !sameAsBase(o)))}`);
    await s.notify('$/cancelRequest', { id: 99999 }); // an id never sent
    const after = await s.request('textDocument/documentSymbol', params);
    check(`${name}: an uncancelled request afterwards is answered as usual (${baseText})`, sameAsBase(after),
      show(after));
    const sd = await s.request('shutdown');
    check(`${name}: shutdown answers null`, 'result' in sd && sd.result === null, show(sd));
    await s.notify('exit');
    await expectExit(s, `${name}: exit status 0 (the server did not crash)`, 0);
  },

  // Bodies that are not JSON, written past vscode-jsonrpc (which would not
  // send them, and drops replies with id null: they are read from raw stdout).
  'malformed': async (s, name) => {
    await s.initialize();
    const bodies = [
      ['the body {invalid}', Buffer.from('{invalid}')],
      ['a JSON text cut short', Buffer.from('{"jsonrpc": "2.0", "id": 7, "method": ')],
      ['a body of bytes that are not UTF-8', Buffer.from([0x7b, 0xff, 0xfe, 0x7d])],
    ];
    for (const [what, body] of bodies) {
      const seen = s.rawMessages().length;
      await s.writeRaw(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]));
      let reply;
      try {
        reply = await s.waitFor('reply', () => s.rawMessages().slice(seen).find((m) => !('method' in m)));
      } catch (e) {
        reply = e.message;
      }
      check(`${name}: ${what}: -32700 (ParseError) with id null`, reply && reply.id === null && reply.error &&
        reply.error.code === rpc.ErrorCodes.ParseError, show(reply));
    }
    const r = await s.request('cjmap/noSuchMethod');
    check(`${name}: the server goes on (an unknown method: -32601)`, errorCode(r) === rpc.ErrorCodes.MethodNotFound,
      show(r));
    const sd = await s.request('shutdown');
    check(`${name}: shutdown answers null`, 'result' in sd && sd.result === null, show(sd));
    await s.notify('exit');
    await expectExit(s, `${name}: exit status 0`, 0);
  },
};

async function main() {
  const args = process.argv.slice(2);
  if (args[0] === '--list') {
    for (const n of Object.keys(scenarios)) console.log(n);
    return 0;
  }
  if (!CJMAP) {
    console.log('not ok - setup: CJMAP (the cjmap binary to test) is not set');
    return 1;
  }
  try {
    fs.accessSync(CJMAP, fs.constants.X_OK);
  } catch (e) {
    console.log(`not ok - setup: CJMAP=${CJMAP} is not an executable: ${e.code}`);
    return 1;
  }
  const names = args.length ? args : Object.keys(scenarios);
  for (const name of names) {
    if (!scenarios[name]) {
      check(`scenario ${name}`, false, `no such scenario (${Object.keys(scenarios).join(', ')})`);
      continue;
    }
    const s = new Server();
    try {
      await scenarios[name](s, name);
    } catch (e) {
      check(`${name}: stopped`, false, `${e.message}; stderr: ${show(s.stderr.slice(-300))}`);
    }
    await s.stop();
    s.checkStdout(name);
  }
  return failures ? 1 : 0;
}

process.stdout.on('error', (e) => { // a reader that went away (| head)
  if (e.code === 'EPIPE') process.exit(1);
  throw e;
});
process.on('unhandledRejection', (e) => {
  check('internal: unhandled rejection', false, e && e.stack ? e.stack : String(e));
});
main().then((rc) => { process.exitCode = rc; }, (e) => {
  console.log(`not ok - internal: ${e.stack}`);
  process.exitCode = 1;
});
