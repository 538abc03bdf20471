#!/usr/bin/env node
// tests/release/yaml-ls.mjs — release check of `cjmap schema` in a real editor
// client: starts yaml-language-server over LSP stdio, the way VS Code or Neovim
// do, opens journey files that carry the modeline from docs/format.md
// ("Editor support") and checks what the server publishes and offers:
//   1. every maps/*.yaml and tests/good/*.yaml gets no error diagnostic;
//   2. bad inputs from tests/diag/ that a schema can see get a diagnostic on
//      the line of the first error in their .err file;
//   3. completion offers the journey's keys and the channel names, and hover
//      on a key shows its description.
// Prints PASS/FAIL lines (and NOTE/INFO lines that do not fail); exits 1 on
// any FAIL, 2 if the server cannot be started.
//
// Setup (from the repo root; build/ is git-ignored):
//   make && npm install --prefix build/yamlls yaml-language-server
//   node tests/release/yaml-ls.mjs
// Environment: CJMAP (default build/cjmap), YAMLLS (the server's entry script,
// default build/yamlls/node_modules/yaml-language-server/bin/yaml-language-server),
// VERBOSE=1 prints every diagnostic and completion list.
import { spawn, execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const CJMAP = process.env.CJMAP || path.join(ROOT, "build/cjmap");
const YAMLLS = process.env.YAMLLS ||
  path.join(ROOT, "build/yamlls/node_modules/yaml-language-server/bin/yaml-language-server");
const VERBOSE = !!process.env.VERBOSE;
let ROOT_TITLE = "";
const MODELINE = "# yaml-language-server: $schema=./cjmap.schema.json";
const TIMEOUT = 15000;

let failed = 0, passed = 0;
const pass = (what) => { passed++; console.log(`PASS ${what}`); };
const fail = (what, why) => { failed++; console.log(`FAIL ${what}${why ? ": " + why : ""}`); };
const note = (s) => console.log(`NOTE ${s}`);
const info = (s) => console.log(`INFO ${s}`);
const sevName = { 1: "error", 2: "warning", 3: "information", 4: "hint" };

for (const [what, f] of [["cjmap binary", CJMAP], ["yaml-language-server", YAMLLS]]) {
  if (!fs.existsSync(f)) {
    console.log(`FAIL ${what} not found at ${f} (build cjmap with make; install the server with ` +
      "npm install --prefix build/yamlls yaml-language-server)");
    process.exit(2);
  }
}

// ---- a temp workspace: the saved schema next to the journey copies ----------
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), "cjmap-yamlls-"));
process.on("exit", () => fs.rmSync(TMP, { recursive: true, force: true }));
const schemaText = execFileSync(CJMAP, ["schema"], { encoding: "utf8" });
for (const d of ["maps", "good", "diag", "edit"]) {
  fs.mkdirSync(path.join(TMP, d));
  fs.writeFileSync(path.join(TMP, d, "cjmap.schema.json"), schemaText); // cjmap schema > cjmap.schema.json
}

// ---- minimal LSP client over stdio -----------------------------------------
const server = spawn(process.execPath, [YAMLLS, "--stdio"], { stdio: ["pipe", "pipe", "pipe"] });
let stderr = "";
server.stderr.on("data", (b) => { stderr += b; });
server.on("exit", (code, sig) => {
  if (!shuttingDown) { console.log(`FAIL server exited early (${code ?? sig}): ${stderr.slice(-500)}`); process.exit(2); }
});
let shuttingDown = false;
let nextId = 1;
const pending = new Map();          // id -> {resolve, reject, timer}
const diagnostics = new Map();      // uri -> [{version, diagnostics}]
const diagWaiters = new Map();      // uri -> [fn]
const logMessages = [];

function send(msg) {
  const body = Buffer.from(JSON.stringify({ jsonrpc: "2.0", ...msg }), "utf8");
  server.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
  server.stdin.write(body);
}
function request(method, params) {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { pending.delete(id); reject(new Error(`${method} timed out`)); }, TIMEOUT);
    pending.set(id, { resolve, reject, timer });
    send({ id, method, params });
  });
}
const notify = (method, params) => send({ method, params });

const SETTINGS = (yamlVersion) => ({
  yaml: {
    validate: true, hover: true, completion: true, format: { enable: false },
    schemaStore: { enable: false }, schemas: {}, yamlVersion,
    disableDefaultProperties: false, maxItemsComputed: 5000, customTags: [],
  },
  "[yaml]": {}, editor: { tabSize: 2 }, files: {}, http: {},
});
let settings = SETTINGS("1.2");

function onMessage(msg) {
  if (msg.id !== undefined && msg.method === undefined) {           // a response
    const p = pending.get(msg.id);
    if (!p) return;
    pending.delete(msg.id); clearTimeout(p.timer);
    if (msg.error) p.reject(new Error(`${msg.error.code}: ${msg.error.message}`)); else p.resolve(msg.result);
  } else if (msg.id !== undefined) {                                // a request from the server
    let result = null;
    if (msg.method === "workspace/configuration")
      result = (msg.params.items || []).map((it) => settings[it.section] ?? null);
    else if (msg.method === "workspace/workspaceFolders")
      result = [{ uri: pathToFileURL(TMP).href, name: "tmp" }];
    send({ id: msg.id, result });
  } else if (msg.method === "textDocument/publishDiagnostics") {
    const { uri, version, diagnostics: ds } = msg.params;
    if (!diagnostics.has(uri)) diagnostics.set(uri, []);
    diagnostics.get(uri).push({ version, diagnostics: ds });
    for (const w of diagWaiters.get(uri) || []) w();
  } else if (msg.method === "window/logMessage" || msg.method === "window/showMessage") {
    logMessages.push(msg.params.message);
  }
}
let buf = Buffer.alloc(0);
server.stdout.on("data", (chunk) => {
  buf = Buffer.concat([buf, chunk]);
  for (;;) {
    const sep = buf.indexOf("\r\n\r\n");
    if (sep < 0) return;
    const m = /Content-Length: *(\d+)/i.exec(buf.subarray(0, sep).toString("ascii"));
    if (!m) throw new Error("bad LSP header");
    const len = Number(m[1]);
    if (buf.length < sep + 4 + len) return;
    const body = buf.subarray(sep + 4, sep + 4 + len).toString("utf8");
    buf = buf.subarray(sep + 4 + len);
    onMessage(JSON.parse(body));
  }
});

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
// Diagnostics for uri published after `since` publishes; waits for the first,
// then for the server to go quiet (it may publish again once the schema loads).
async function waitDiagnostics(uri, since) {
  const count = () => (diagnostics.get(uri) || []).length;
  const t0 = Date.now();
  while (count() <= since) {
    if (Date.now() - t0 > TIMEOUT) throw new Error(`no diagnostics published for ${uri}`);
    await new Promise((r) => {
      const ws = diagWaiters.get(uri) || [];
      ws.push(r); diagWaiters.set(uri, ws);
      setTimeout(r, 200);
    });
  }
  for (let n = count(); ; n = count()) { await sleep(250); if (count() === n) break; }
  const all = diagnostics.get(uri);
  return all[all.length - 1].diagnostics;
}

let docVersion = 0;
// Writes text to TMP/dir/name and opens it in the server; returns its uri.
async function openDoc(dir, name, text) {
  const file = path.join(TMP, dir, name);
  fs.writeFileSync(file, text);
  const uri = pathToFileURL(file).href;
  const since = (diagnostics.get(uri) || []).length;
  notify("textDocument/didOpen", { textDocument: { uri, languageId: "yaml", version: ++docVersion, text } });
  return { uri, since, lines: text.split(/\r?\n/) };
}
const closeDoc = (uri) => notify("textDocument/didClose", { textDocument: { uri } });

// The file as an editor would send it, with the modeline as its first line:
// editors drop a UTF-8 byte order mark when they read the file, so it is not
// part of the text; the modeline takes the file's own line ends.
function withModeline(src) {
  let text = fs.readFileSync(src, "utf8");
  if (text.startsWith("\uFEFF")) text = text.slice(1);
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  return MODELINE + eol + text;
}
// Positions as LINE:COL of the repo file: the copy has one more line (the
// modeline) and LSP counts from 0, so the LSP line is the repo file's line.
const fmtDiag = (d) => `${d.range.start.line}:${d.range.start.character + 1}: ${sevName[d.severity] || d.severity} [${d.source || "?"}${d.code !== undefined ? " " + d.code : ""}] ${d.message.replace(/\s+/g, " ")}`;
const list = (dir) => fs.readdirSync(path.join(ROOT, dir)).filter((f) => f.endsWith(".yaml")).sort()
  .map((f) => path.join(dir, f));

// ---- run -------------------------------------------------------------------
async function main() {
  const init = await request("initialize", {
    processId: process.pid,
    clientInfo: { name: "cjmap-release-check", version: "1" },
    rootUri: pathToFileURL(TMP).href,
    workspaceFolders: [{ uri: pathToFileURL(TMP).href, name: "tmp" }],
    capabilities: {
      workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: true } },
      textDocument: {
        synchronization: { dynamicRegistration: true, didSave: true },
        publishDiagnostics: { relatedInformation: true, versionSupport: true },
        completion: {
          dynamicRegistration: true,
          completionItem: { snippetSupport: true, documentationFormat: ["markdown", "plaintext"] },
        },
        hover: { dynamicRegistration: true, contentFormat: ["markdown", "plaintext"] },
      },
    },
    initializationOptions: {},
  });
  ROOT_TITLE = JSON.parse(schemaText).title || "\u0000";
  const sv = init.serverInfo ? `${init.serverInfo.name} ${init.serverInfo.version || ""}` : "yaml-language-server";
  let pkgVersion = "";
  try {
    pkgVersion = JSON.parse(fs.readFileSync(path.join(path.dirname(YAMLLS), "../package.json"), "utf8")).version;
  } catch { /* not fatal */ }
  info(`server: ${sv.trim()} ${pkgVersion}, node ${process.version}`);
  notify("initialized", {});
  notify("workspace/didChangeConfiguration", { settings });

  // 1. valid journeys: no error diagnostics ---------------------------------
  // First make sure the modeline works at all in each folder: a journey with an
  // unknown key must get a diagnostic, or "no diagnostics" below proves nothing.
  for (const dir of ["maps", "good"]) {
    const { uri, since } = await openDoc(dir, "canary.yaml",
      `${MODELINE}\ntitle: x\nsegment: {name: y}\nphases: [{name: z}]\nno-such-key: 1\n`);
    const ds = await waitDiagnostics(uri, since);
    closeDoc(uri);
    fs.rmSync(path.join(TMP, dir, "canary.yaml"));
    if (ds.some((d) => d.range.start.line === 4)) pass(`the modeline's schema is applied (canary in ${dir}/)`);
    else { fail(`the modeline's schema is applied (canary in ${dir}/)`, ds.map(fmtDiag).join(" | ") || "no diagnostics"); }
  }
  const good = [...list("maps"), ...list("tests/good")];
  const under12 = new Map();   // file -> its diagnostics under YAML 1.2, for part 4
  for (const f of good) {
    const dir = f.startsWith("maps/") ? "maps" : "good";
    const { uri, since } = await openDoc(dir, path.basename(f), withModeline(path.join(ROOT, f)));
    const ds = await waitDiagnostics(uri, since);
    closeDoc(uri);
    under12.set(f, ds.map(fmtDiag));
    const errs = ds.filter((d) => d.severity === 1 || d.severity === undefined);
    for (const d of ds) {
      // lines are counted in the temp copy; line N there is line N-1 in the repo file
      const line = `${f}:${fmtDiag(d)}`;
      if (d.severity === 1 || d.severity === undefined) console.log(`  ${line}`);
      else note(line);   // warnings and hints do not fail
    }
    if (errs.length) fail(`no error diagnostics on ${f}`, `${errs.length} error(s)`);
    else pass(`no error diagnostics on ${f}`);
  }

  // 2. bad inputs a schema can see: a diagnostic on the .err line -----------
  const bad = ["unknown-key-top", "unknown-key-nested", "bad-channel", "bad-score-range", "bad-score-type",
    "bad-score-quoted", "bad-enum-top", "bad-enum-touchpoint", "bad-enum-experience", "bad-id-chars",
    "bad-version", "wrong-type-list", "wrong-type-mapping", "wrong-type-text", "metrics-wrong-type",
    "missing-title", "missing-phases", "missing-phase-name", "empty-phases", "tp-empty-phases"];
  for (const name of bad) {
    const f = `tests/diag/${name}.yaml`;
    if (!fs.existsSync(path.join(ROOT, f))) { info(`${f} does not exist; skipped`); continue; }
    const errLines = fs.readFileSync(path.join(ROOT, `tests/diag/${name}.err`), "utf8").split("\n")
      .map((l) => /^[^:\s]+\.yaml:(\d+):(\d+): error: (.*)$/.exec(l)).filter(Boolean);
    if (!errLines.length) { fail(`${f} has an error line in its .err`); continue; }
    const { uri, since } = await openDoc("diag", path.basename(f), withModeline(path.join(ROOT, f)));
    const ds = await waitDiagnostics(uri, since);
    closeDoc(uri);
    if (VERBOSE) for (const d of ds) console.log(`  ${f}:${fmtDiag(d)}`);
    for (const d of ds.filter((d) => /\(.*\)"/.test(d.message) && d.message.includes(ROOT_TITLE)))
      note(`${f}:${d.range.start.line}: message names the journey's title as the type of a nested value: ${d.message}`);
    // .err line N (1-based) is line N+1 of the copy (modeline), i.e. LSP line N
    const want = Number(errLines[0][1]);
    const at = ds.filter((d) => d.range.start.line === want);
    if (!ds.length) fail(`diagnostic for ${f}`, "the server published none");
    else if (!at.length)
      fail(`diagnostic for ${f} on line ${want}`, `expected '${errLines[0][3]}'; got ` +
        ds.map((d) => `line ${d.range.start.line}: ${d.message.replace(/\s+/g, " ")}`).join(" | "));
    else pass(`diagnostic for ${f} on line ${want} (${errLines[0][3].slice(0, 50)} ~ ${at[0].message.replace(/\s+/g, " ").slice(0, 70)})`);
    // The other errors of the .err: reported, not failed (a schema need not see all)
    const missed = errLines.slice(1).filter((m) => !ds.some((d) => d.range.start.line === Number(m[1])));
    if (missed.length)
      info(`${f}: no diagnostic on the lines of the other cjmap errors: ` +
        missed.map((m) => `${m[1]}: ${m[3]}`).join(" | "));
  }

  // 3. completion and hover ------------------------------------------------
  const labels = (r) => (Array.isArray(r) ? r : (r && r.items) || []).map((i) => i.label);
  const hoverText = (h) => {
    if (!h) return "";
    const c = h.contents;
    if (typeof c === "string") return c;
    if (Array.isArray(c)) return c.map((x) => (typeof x === "string" ? x : x.value)).join("\n");
    return c.value || "";
  };
  async function complete(name, text, line, character) {
    const { uri, since } = await openDoc("edit", name, text);
    await waitDiagnostics(uri, since);          // the schema is loaded by now
    const r = await request("textDocument/completion", { textDocument: { uri }, position: { line, character } });
    closeDoc(uri);
    const ls = labels(r);
    if (VERBOSE) console.log(`  completion in ${name} at ${line}:${character}: ${ls.join(", ")}`);
    return { ls, items: Array.isArray(r) ? r : (r && r.items) || [] };
  }
  async function hover(name, text, line, character) {
    const { uri, since } = await openDoc("edit", name, text);
    await waitDiagnostics(uri, since);
    const h = await request("textDocument/hover", { textDocument: { uri }, position: { line, character } });
    closeDoc(uri);
    return hoverText(h);
  }
  const expectAll = (what, got, want) => {
    const missing = want.filter((w) => !got.includes(w));
    if (missing.length) fail(what, `missing ${missing.join(", ")}; offered: ${got.join(", ") || "(nothing)"}`);
    else pass(what);
  };
  const schema = JSON.parse(schemaText);
  const keyItem = (items, k) => items.find((i) => i.label === k && i.kind !== 7);
  const insertOf = (i) => (i && (i.textEdit ? i.textEdit.newText : i.insertText ?? i.label)) || "";
  // Items an editor shows that are not keys: yaml-language-server's "insert all
  // required keys" item (kind 7), labelled with the schema's title for the object
  const checkKeyItems = (where, items, props) => {
    for (const it of items.filter((i) => i.kind === 7))
      note(`completion of ${where} keys offers '${it.label}' (inserts ${JSON.stringify(insertOf(it))})` +
        (it.label.includes(ROOT_TITLE) ? ": the label is the whole journey's title, not the object's" : ""));
    for (const k of Object.keys(props).filter((k) => k !== "<<")) {
      const ins = insertOf(keyItem(items, k));
      if (keyItem(items, k) && !ins.startsWith(k + ":"))
        note(`completion of ${where} key '${k}' inserts ${JSON.stringify(ins)}, without ': '`);
    }
  };
  // What the editor should offer comes from the format (docs/format.md and
  // tests/good/channels-all.yaml, which uses every channel), not from the schema
  // under test, so a key or channel missing from the schema fails.
  const topKeys = ["version", "title", "state", "locale", "segment", "phases", "touchpoints",
    "experiences", "pains", "opportunities", "labels"];
  const tpKeys = ["id", "name", "channel", "mode", "contact", "owner", "phases"];
  const tpProps = schema.properties.touchpoints.items.properties;
  const channels = [...new Set([...fs.readFileSync(path.join(ROOT, "tests/good/channels-all.yaml"), "utf8")
    .matchAll(/^\s*channel: ([a-z-]+)\s*$/gm)].map((m) => m[1]))];
  if (!channels.includes("web") || !channels.includes("store")) fail("channel names read from tests/good/channels-all.yaml");

  // 3a. top-level keys on a new line after the title
  const top = await complete("top.yaml", `${MODELINE}\ntitle: x\n`, 2, 0);
  expectAll("completion of top-level keys after 'title: x'", top.ls,
    topKeys.filter((k) => k !== "title"));
  if (top.ls.includes("title")) info("completion offers 'title' again though it is already there");
  if (top.ls.includes("<<")) note("completion of top-level keys offers '<<' (the merge key's schema entry) as a key");
  checkKeyItems("top-level", top.items, schema.properties);
  {
    const ins = insertOf(keyItem(top.items, "version"));
    const m = /\$\{1:(-?\d+)\}/.exec(ins), v = schema.properties.version;
    if (m && (Number(m[1]) < v.minimum || Number(m[1]) > v.maximum))
      note(`completion of 'version' inserts ${JSON.stringify(ins)}: the placeholder ${m[1]} is outside ${v.minimum}..${v.maximum}`);
    for (const k of ["touchpoints", "experiences", "pains", "opportunities", "phases"]) {
      const snip = insertOf(keyItem(top.items, k));
      const miss = (schema.properties[k].items.required || []).filter((r) => !new RegExp(`\\b${r}:`).test(snip));
      if (miss.length) note(`completion of '${k}' inserts ${JSON.stringify(snip)}, without the required ${miss.join(", ")}`);
    }
  }

  // 3b. keys inside a touchpoint
  const head = `${MODELINE}\ntitle: x\nsegment:\n  name: Families\nphases:\n  - name: Research\ntouchpoints:\n`;
  const tpk = await complete("tp-keys.yaml", `${head}  - name: Website\n    \n`, 8, 4);
  expectAll("completion of touchpoint keys", tpk.ls, tpKeys.filter((k) => k !== "name"));
  if (tpk.ls.includes("<<")) note("completion of touchpoint keys offers '<<' as a key");
  checkKeyItems("touchpoint", tpk.items, tpProps);

  // 3c. channel values
  const chText = `${head}  - name: Website\n    channel: \n`;
  const ch = await complete("channel.yaml", chText, 8, "    channel: ".length);
  expectAll("completion of 'channel: ' offers the channel names", ch.ls, channels);
  const extra = ch.ls.filter((l) => !channels.includes(l));
  if (extra.length) note(`completion of 'channel: ' also offers: ${extra.join(", ")}`);

  // 3d. other enums: state, locale, experience score
  const st = await complete("state.yaml", `${MODELINE}\ntitle: x\nstate: \n`, 2, "state: ".length);
  expectAll("completion of 'state: ' offers current, future", st.ls, ["current", "future"]);
  const lo = await complete("locale.yaml", `${MODELINE}\ntitle: x\nlocale: \n`, 2, "locale: ".length);
  expectAll("completion of 'locale: ' offers the locales", lo.ls, ["en", "da", "nb", "sv", "de"]);

  // 3e. hover on channel (and title) shows the description
  const hv = await hover("hover.yaml", `${head}  - name: Website\n    channel: web\n    phases: [Research]\n`, 8, 6);
  if (hv.includes("Kind of contact")) pass("hover on 'channel' shows its description");
  else fail("hover on 'channel' shows its description", `got: ${JSON.stringify(hv).slice(0, 300)}`);
  if (hv.startsWith("#### touchpoint")) pass("hover on a touchpoint's 'channel' is headed 'touchpoint'");
  else if (hv.startsWith(`#### ${ROOT_TITLE}`)) note(`hover on a touchpoint's 'channel' is headed '${ROOT_TITLE}' (the root's title)`);
  if (VERBOSE) console.log(`  hover on channel: ${JSON.stringify(hv)}`);
  const ht = await hover("hover-title.yaml", `${head}`, 1, 2);
  if (ht.includes(schema.properties.title.description)) pass("hover on 'title' shows its description");
  else fail("hover on 'title' shows its description", `got: ${JSON.stringify(ht).slice(0, 300)}`);

  // 3f. observations that do not fail: value completion of a text key
  const tv = await complete("title-value.yaml", `${MODELINE}\ntitle: \n`, 1, "title: ".length);
  if (tv.ls.length) note(`completion of 'title: ' offers: ${tv.ls.join(", ")}`);

  // 4. informational: the same valid files under yaml.yamlVersion 1.1 (a user
  // setting): diagnostics that YAML 1.2 did not give (yes/no/on/off, octal, 12:30)
  settings = SETTINGS("1.1");
  notify("workspace/didChangeConfiguration", { settings });
  await sleep(500);
  for (const f of good) {
    const { uri, since } = await openDoc("good", "v11-" + path.basename(f), withModeline(path.join(ROOT, f)));
    const ds = await waitDiagnostics(uri, since);
    closeDoc(uri);
    for (const d of ds.filter((d) => !(under12.get(f) || []).includes(fmtDiag(d))))
      info(`with yaml.yamlVersion 1.1: ${f}:${fmtDiag(d)}`);
  }

  shuttingDown = true;
  await request("shutdown", null).catch(() => {});
  notify("exit", null);
  server.stdin.end();
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.log(`FAIL ${e.message}`);
  if (stderr) console.log(stderr.slice(-1000));
  shuttingDown = true; server.kill();
  process.exit(1);
});
