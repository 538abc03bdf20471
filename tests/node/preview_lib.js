// tests/node/preview_lib.js — what the preview's browser test and its
// benchmark share: starting and stopping `cjmap preview`, saving a file as
// editors do, launching Debian's Chromium headless (puppeteer-core).
// Environment: CJMAP (the binary), CHROMIUM (default /usr/bin/chromium).
"use strict";
const { spawn } = require("child_process");
const fs = require("fs");
const path = require("path");
const puppeteer = require("puppeteer-core");

const CJMAP = process.env.CJMAP;
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";

// Starts `cjmap preview ARGS`; resolves with {proc, url, err()} once the
// first line (the URL) is out.
function start(args) {
  return new Promise((resolve, reject) => {
    const proc = spawn(CJMAP, ["preview", ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "", err = "";
    const timer = setTimeout(() => reject(new Error("no URL within 10 s; stderr: " + err)), 10000);
    proc.stdout.on("data", (d) => {
      out += d;
      const nl = out.indexOf("\n");
      if (nl >= 0) {
        clearTimeout(timer);
        resolve({ proc, url: out.slice(0, nl), stdout: () => out, err: () => err });
      }
    });
    proc.stderr.on("data", (d) => (err += d));
    proc.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`exited ${code} before its URL; stderr: ${err}`));
    });
  });
}

function stop(p) {
  return new Promise((resolve) => {
    if (p.proc.exitCode !== null) return resolve(p.proc.exitCode);
    const t = setTimeout(() => { p.proc.kill("SIGKILL"); }, 5000);
    p.proc.on("exit", (code, sig) => { clearTimeout(t); resolve(code === null ? sig : code); });
    p.proc.kill("SIGINT");
  });
}

function saveByRename(file, text) {
  const tmp = path.join(path.dirname(file), ".tmp-" + path.basename(file) + "-" + process.pid);
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

function launch() {
  return puppeteer.launch({ executablePath: CHROMIUM, headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
}

module.exports = { start, stop, saveByRename, launch };
