// tests/node/preview_bench.js FILE... — `cjmap preview`'s save-to-picture
// time, for `make bench` (issue 16; docs/performance.md): for each journey,
// a copy in a scratch folder is previewed in Debian's Chromium headless;
// then SAVES times (env PREVIEW_SAVES, default 10) the title is changed and
// the file saved by renaming a temporary file over it, as vim and Helix
// do, and the time is taken from the rename to the moment the page shows
// the new version (every page's new picture loaded and swapped in).
// Prints a Markdown table; references: the 300 ms median for the
// repo's maps, 2 s for a 20/500/800 journey.  Environment: CJMAP, TMP.
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { start, stop, saveByRename, launch } = require("./preview_lib");

const SAVES = Number(process.env.PREVIEW_SAVES || 10);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function measure(browser, file, dir) {
  const base = fs.readFileSync(file, "utf8");
  const copy = path.join(dir, path.basename(file));
  fs.writeFileSync(copy, base);
  const title = /^title:.*$/m;
  const p = await start([copy]);
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 800 });
  try {
    await page.goto(p.url, { waitUntil: "load" });
    await page.waitForFunction(() => document.body.dataset.state === "ok", { timeout: 60000 });
    let v = await page.evaluate(() => Number(document.body.dataset.version));
    const pages = await page.evaluate(() => document.querySelectorAll("#pages img").length);
    const times = [];
    for (let k = 0; k < SAVES; k++) {
      const t0 = Date.now();
      saveByRename(copy, base.replace(title, (t) => `${t} ${k}`));
      await page.waitForFunction((v) => Number(document.body.dataset.version) > v &&
        document.body.dataset.state === "ok", { timeout: 60000, polling: "mutation" }, v);
      times.push(Date.now() - t0);
      v = await page.evaluate(() => Number(document.body.dataset.version));
      await sleep(150);
    }
    times.sort((a, b) => a - b);
    return { pages, kib: Buffer.byteLength(base) / 1024, median: times[times.length >> 1],
      worst: times[times.length - 1] };
  } finally {
    await page.close();
    await stop(p);
  }
}

async function main() {
  const dir = fs.mkdtempSync(path.join(process.env.TMP || os.tmpdir(), "cjmap-preview-bench-"));
  const browser = await launch();
  console.log("");
  console.log(`Live preview (\`cjmap preview\`, tests/node/preview_bench.js): save by rename → the new picture in headless Chromium, ${SAVES} saves; references: the issue's median ≤ 300 ms for the repo's maps, ≤ 2 s for a 20/500/800 journey`);
  console.log("");
  console.log("| Journey | YAML | pages | median | worst | target |");
  console.log("|---|--:|--:|--:|--:|---|");
  try {
    for (const f of process.argv.slice(2)) {
      const r = await measure(browser, f, dir);
      const big = /journey-20-500-800/.test(f);
      const limit = big ? 2000 : 300;
      console.log(`| ${path.basename(f, ".yaml")} | ${r.kib.toFixed(0)} KiB | ${r.pages} | ${r.median} ms | ` +
        `${r.worst} ms | ${r.median <= limit ? "met" : "NOT met"} (≤ ${limit} ms) |`);
    }
  } finally {
    await browser.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => { console.error(e && e.stack || e); process.exit(1); });
