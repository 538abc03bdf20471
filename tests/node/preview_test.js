// tests/node/preview_test.js — `cjmap preview` with a real browser: Debian's
// Chromium, headless, driven by puppeteer-core.  Prints "ok - NAME" or
// "not ok - NAME: why" per check (tests/preview.test.sh turns them into
// the runner's lines) and "# ..." lines with the measured save-to-picture
// times.  Environment: CJMAP (the binary), TMP (a scratch folder),
// CHROMIUM (default /usr/bin/chromium), PREVIEW_SAVES (saves timed, 10).
"use strict";
const fs = require("fs");
const path = require("path");
const http = require("http");
const { start, stop, saveByRename, launch } = require("./preview_lib");

const CJMAP = process.env.CJMAP;
const TMP = process.env.TMP;
const SAVES = Number(process.env.PREVIEW_SAVES || 10);
let failed = 0;

function check(name, ok, why) {
  if (ok) console.log(`ok - ${name}`);
  else {
    failed++;
    console.log(`not ok - ${name}: ${typeof why === "string" ? why : JSON.stringify(why)}`);
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function journey(title, extra = "") {
  return `title: ${title}
segment: {name: Familier med børn}
phases:
  - {id: leder, name: Jeg leder, statement: "Jeg er ikke tilfreds, så jeg kigger mig om"}
  - {id: vaelger, name: Jeg vælger}
touchpoints:
  - {name: Sammenligningssite, channel: web, phases: [leder, vaelger]}
experiences:
  - {phase: leder, text: Overblik, score: 4}
  - {phase: vaelger, text: Tvivl, score: 2}
${extra}`;
}

// A raw HTTP request: {status, headers, body}.
function request(url, { method = "GET", headers = {}, body = null, rawPath = null } = {}) {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: u.hostname, port: u.port, method,
      path: rawPath || u.pathname + u.search, headers, timeout: 5000 }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode, headers: res.headers,
        body: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", reject);
    if (body) req.write(body);
    req.end();
  });
}

// The local addresses listening on `port` (from /proc/net/tcp and tcp6).
function listeners(port) {
  const out = [];
  for (const f of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text = "";
    try { text = fs.readFileSync(f, "utf8"); } catch (e) { continue; }
    for (const line of text.split("\n").slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 4 || cols[3] !== "0A") continue; /* LISTEN */
      const [addr, p] = cols[1].split(":");
      if (parseInt(p, 16) === port) out.push(addr);
    }
  }
  return out;
}

async function http_checks(p, file) {
  const url = p.url;
  check("the first line is the URL on 127.0.0.1", /^http:\/\/127\.0\.0\.1:\d+\/$/.test(url), url);
  const port = Number(new URL(url).port);
  const ls = listeners(port);
  check("it listens on loopback only", ls.length === 1 && ls[0] === "0100007F", ls);
  let r = await request(url);
  check("GET / is the page", r.status === 200 && /text\/html/.test(r.headers["content-type"]) &&
    r.body.includes("preview.js"), r.status);
  check("no CORS headers", !Object.keys(r.headers).some((h) => h.startsWith("access-control")),
    r.headers);
  check("a strict Content-Security-Policy", /default-src 'none'/.test(r.headers["content-security-policy"] || ""),
    r.headers);
  r = await request(url + "state");
  const st = JSON.parse(r.body);
  check("/state has the journey with its pages", st.files.length === 1 && st.files[0].pages >= 1 &&
    st.files[0].errors === 0, st);
  r = await request(url + "map/0/1.svg");
  check("/map/0/1.svg is the map's SVG", r.status === 200 && r.headers["content-type"] === "image/svg+xml" &&
    r.body.includes("<svg") && r.body.includes("Sammenligningssite"), r.status);
  for (const [name, raw] of [["/map/0/99.svg", null], ["/map/7/1.svg", null], ["/map/0/0.svg", null],
    ["/../../../etc/passwd", "/../../../etc/passwd"], ["/%2e%2e/%2e%2e/etc/passwd", "/%2e%2e/%2e%2e/etc/passwd"],
    ["/map/0/1.svg/../../../etc/passwd", "/map/0/1.svg/../../../etc/passwd"],
    ["/" + path.basename(file), null], ["/tmp/", null], ["/preview.js/..%2f..%2fetc%2fpasswd", "/preview.js/..%2f..%2fetc%2fpasswd"]]) {
    r = await request(url, { rawPath: raw || name });
    check(`path ${name} is not served`, r.status >= 400 && r.status < 500 && !r.body.includes("root:") &&
      !r.body.includes("title:"), [r.status, r.body.slice(0, 80)]);
  }
  r = await request(url, { headers: { Host: "evil.example:" + port } });
  check("a foreign Host header is refused (DNS rebinding)", r.status === 403, r.status);
  r = await request(url, { headers: { Host: "localhost:" + port } });
  check("Host: localhost is served", r.status === 200, r.status);
  r = await request(url, { headers: { Host: "127.0.0.1" } });
  check("Host: 127.0.0.1 without a port is served", r.status === 200, r.status);
  r = await request(url, { method: "POST", body: "x=1", headers: { "Content-Type": "text/plain" } });
  check("POST is refused", r.status === 405, r.status);
  r = await request(url + "state", { method: "GET", body: "abc", headers: { "Content-Length": "3" } });
  check("a request with a body is refused", r.status === 413, r.status);
  r = await request(url + "map/0/1.svg", { method: "HEAD" });
  check("HEAD works", r.status === 200 && r.body === "", r.status);
  // At most 32 event streams; a closed one frees its slot at once.
  const u = new URL(url);
  const streams = await Promise.all(Array.from({ length: 32 }, () => new Promise((ok, ko) => {
    const req = http.get({ host: u.hostname, port: u.port, path: "/events" }, (res) => ok({ req, res }));
    req.on("error", ko);
  })));
  r = await request(url + "events", { headers: {} }).catch((e) => ({ status: String(e) }));
  check("a 33rd event stream is refused (503)", r.status === 503, r.status);
  streams.forEach(({ req }) => req.destroy());
  await new Promise((ok) => setTimeout(ok, 300));
  const again = await new Promise((ok, ko) => {
    const req = http.get({ host: u.hostname, port: u.port, path: "/events" }, (res) => { ok(res.statusCode); req.destroy(); });
    req.on("error", ko);
  });
  check("... and one is served again once the others have gone", again === 200, again);
}

async function main() {
  const file = path.join(TMP, "reise.yaml");
  fs.writeFileSync(file, journey("Skifte elselskab"));
  const p = await start([file]);
  try {
    await http_checks(p, file);
  } catch (e) {
    check("HTTP checks", false, String(e));
  }

  const browser = await launch();
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 900, height: 500 });
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
    await page.goto(p.url, { waitUntil: "load" });
    await page.waitForFunction(() => document.body.dataset.state === "ok", { timeout: 10000 });
    const first = await page.evaluate(() => ({
      imgs: document.querySelectorAll("#pages img").length,
      w: document.querySelector("#pages img").naturalWidth,
      version: Number(document.body.dataset.version),
    }));
    check("the page shows the map", first.imgs >= 1 && first.w > 300, first);
    // Zoom in twice and scroll: both must survive the updates.
    await page.click("#zoom-in");
    await page.click("#zoom-in");
    await page.evaluate(() => { window.__noReload = 42; const v = document.getElementById("view");
      v.scrollLeft = 120; v.scrollTop = 60; });
    const before = await page.evaluate(() => ({ width: document.querySelector("#pages img").style.width,
      left: document.getElementById("view").scrollLeft, top: document.getElementById("view").scrollTop }));

    const waitVersion = (v, state = "ok") => page.waitForFunction(
      (v, state) => Number(document.body.dataset.version) >= v && document.body.dataset.state === state,
      { timeout: 10000, polling: "mutation" }, v, state);

    // A save by rename (vim, Helix, IDEs).
    let v = first.version;
    saveByRename(file, journey("Skifte elselskab nu"));
    await waitVersion(v + 1);
    v = await page.evaluate(() => Number(document.body.dataset.version));
    let svg = await page.evaluate(async () => (await fetch(document.querySelector("#pages img").src)).text());
    check("a save by rename shows up without a reload", svg.includes("Skifte elselskab nu") &&
      (await page.evaluate(() => window.__noReload)) === 42, svg.slice(0, 100));
    const after = await page.evaluate(() => ({ width: document.querySelector("#pages img").style.width,
      left: document.getElementById("view").scrollLeft, top: document.getElementById("view").scrollTop }));
    check("zoom and scroll are kept", after.width === before.width && after.left === before.left &&
      after.top === before.top && before.left > 0, [before, after]);

    // A save in place.
    fs.writeFileSync(file, journey("Skifte elselskab i dag"));
    await waitVersion(v + 1);
    v = await page.evaluate(() => Number(document.body.dataset.version));
    svg = await page.evaluate(async () => (await fetch(document.querySelector("#pages img").src)).text());
    check("a save in place shows up", svg.includes("Skifte elselskab i dag"), svg.slice(0, 100));

    // An invalid save: the error over the last good map.
    fs.writeFileSync(file, journey("Skifte elselskab i dag", "pains:\n  - {phase: ledr, text: For mange valg}\n"));
    await waitVersion(v + 1, "error");
    v = await page.evaluate(() => Number(document.body.dataset.version));
    const err = await page.evaluate(() => ({ shown: !document.getElementById("errors").hidden,
      text: document.getElementById("errors").innerText,
      imgs: document.querySelectorAll("#pages img").length }));
    check("an invalid save shows the error with file:line:col and the source line",
      err.shown && /reise\.yaml:12:13: error: unknown phase 'ledr' \(did you mean 'leder'\?\)/.test(err.text) &&
      err.text.includes("- {phase: ledr, text: For mange valg}"), err.text);
    check("... and keeps the last good map", err.imgs === first.imgs, err);
    svg = await page.evaluate(async () => (await fetch(document.querySelector("#pages img").src)).text());
    check("... whose picture is the last good one", svg.includes("Skifte elselskab i dag"), "");

    // The fix clears it.
    fs.writeFileSync(file, journey("Skifte elselskab i dag", "pains:\n  - {phase: leder, text: For mange valg}\n"));
    await waitVersion(v + 1, "ok");
    v = await page.evaluate(() => Number(document.body.dataset.version));
    const fixed = await page.evaluate(() => document.getElementById("errors").hidden);
    check("the fix clears the error", fixed, "");

    // Delete and re-create: the page follows once the file is back.
    fs.unlinkSync(file);
    await sleep(300);
    fs.writeFileSync(file, journey("Tilbage igen"));
    await page.waitForFunction(() => document.body.dataset.state === "ok" &&
      document.querySelector("#pages img").src.length > 0, { timeout: 10000 });
    await sleep(200);
    await page.waitForFunction(async () => (await (await fetch(document.querySelector("#pages img").src)).text()).includes("Tilbage igen"),
      { timeout: 10000, polling: 100 });
    check("a file deleted and re-created shows up again", true, "");
    v = await page.evaluate(() => Number(document.body.dataset.version));

    // Save-to-picture time: from the rename to the new picture in the page.
    const times = [];
    for (let k = 0; k < SAVES; k++) {
      const t0 = Date.now();
      saveByRename(file, journey("Måling " + k));
      await waitVersion(v + 1);
      times.push(Date.now() - t0);
      v = await page.evaluate(() => Number(document.body.dataset.version));
      await sleep(120);
    }
    times.sort((a, b) => a - b);
    console.log(`# save to picture (reise.yaml, ${SAVES} saves by rename): median ${times[times.length >> 1]} ms, worst ${times[times.length - 1]} ms`);
    check("no script errors in the page", errors.length === 0, errors);
    await page.close();
  } catch (e) {
    check("browser checks", false, String(e && e.stack || e));
  } finally {
    const code = await stop(p);
    check("Ctrl-C ends it with status 0", code === 0, [code, p.err().slice(-300)]);
  }

  // Several files: an index.
  const f2 = path.join(TMP, "anden.yaml");
  fs.writeFileSync(f2, journey("Anden rejse"));
  const q = await start([file, f2]);
  try {
    const page = await browser.newPage();
    await page.goto(q.url, { waitUntil: "load" });
    await page.waitForFunction(() => document.body.dataset.state === "index", { timeout: 10000 });
    const links = await page.evaluate(() => [...document.querySelectorAll("#index a")].map((a) => a.textContent));
    check("several files get an index", links.length === 2 && links[0].includes("reise.yaml") &&
      links[1].includes("anden.yaml"), links);
    await page.click("#index a:nth-child(2)");
    await page.waitForFunction(() => document.body.dataset.state === "ok", { timeout: 10000 });
    const name = await page.evaluate(() => document.getElementById("name").textContent);
    check("... that opens a journey's map", name.endsWith("anden.yaml"), name);
  } catch (e) {
    check("index checks", false, String(e && e.stack || e));
  } finally {
    await stop(q);
    await browser.close();
  }
  process.exit(failed ? 1 : 0);
}

main().catch((e) => { console.log("not ok - preview test: " + (e && e.stack || e)); process.exit(1); });
