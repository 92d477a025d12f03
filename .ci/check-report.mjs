// Opens a report's index.html in headless Chromium and checks what a reader would see: every <img> loaded
// (complete, naturalWidth > 0) and the console showed no error (console.error, an uncaught exception, or a browser
// log entry of level error such as a file that failed to load). Saves a full-page screenshot.
// Talks the Chrome DevTools Protocol over --remote-debugging-pipe (fds 3 and 4, messages ended by NUL), so it needs
// nothing but Node and Chromium.
// Usage: node .ci/check-report.mjs CHROMIUM PAGE.html SCREENSHOT.png
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [chromium, page, screenshot] = process.argv.slice(2);
if (!chromium || !page || !screenshot) {
  console.error("usage: node check-report.mjs CHROMIUM PAGE.html SCREENSHOT.png");
  process.exit(2);
}
const profile = mkdtempSync(join(tmpdir(), "snn-report-chromium-"));
const browser = spawn(chromium, ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
  "--no-default-browser-check", "--remote-debugging-pipe", `--user-data-dir=${profile}`, "about:blank"],
  { stdio: ["ignore", "ignore", "pipe", "pipe", "pipe"] });
let browserErr = "";
browser.stderr.on("data", (d) => { browserErr += d; });

let nextId = 1;
const pending = new Map();
const listeners = [];
let buffer = "";
browser.stdio[4].on("data", (chunk) => {
  buffer += chunk.toString("utf8");
  let end;
  while ((end = buffer.indexOf("\0")) >= 0) {
    const message = JSON.parse(buffer.slice(0, end));
    buffer = buffer.slice(end + 1);
    if (message.id && pending.has(message.id)) {
      const { ok, fail } = pending.get(message.id);
      pending.delete(message.id);
      message.error ? fail(new Error(JSON.stringify(message.error))) : ok(message.result);
    } else if (message.method) {
      listeners.forEach((l) => l(message));
    }
  }
});
function send(method, params = {}, sessionId) {
  const id = nextId++;
  browser.stdio[3].write(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }) + "\0");
  return new Promise((ok, fail) => pending.set(id, { ok, fail }));
}
function fail(message) {
  console.error(`check-report: ${message}`);
  finish(1);
}
let finished = false;
function finish(code) {
  if (finished) return;
  finished = true;
  const done = () => {
    try {
      rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    } catch (e) {
      console.error(`check-report: could not remove ${profile}: ${e.message}`);
    }
    process.exit(code);
  };
  if (browser.exitCode !== null || browser.signalCode !== null) {
    done();
  } else {
    browser.once("exit", done);
    browser.kill();
    setTimeout(done, 5000).unref();
  }
}
const timer = setTimeout(() => fail(`no answer from ${chromium} in 60 s\n${browserErr}`), 60000);
browser.on("exit", (code) => { if (!finished) fail(`${chromium} exited (${code}) early\n${browserErr}`); });

const errors = [];
try {
  const { targetId } = await send("Target.createTarget", { url: "about:blank" });
  const { sessionId } = await send("Target.attachToTarget", { targetId, flatten: true });
  let loaded;
  const load = new Promise((ok) => { loaded = ok; });
  listeners.push((m) => {
    if (m.sessionId !== sessionId) return;
    if (m.method === "Page.loadEventFired") loaded();
    if (m.method === "Runtime.consoleAPICalled" && (m.params.type === "error" || m.params.type === "assert")) {
      errors.push(`console.${m.params.type}: ${m.params.args.map((a) => a.value ?? a.description).join(" ")}`);
    }
    if (m.method === "Runtime.exceptionThrown") {
      errors.push(`exception: ${m.params.exceptionDetails.exception?.description ?? m.params.exceptionDetails.text}`);
    }
    if (m.method === "Log.entryAdded" && m.params.entry.level === "error") {
      errors.push(`log: ${m.params.entry.text} ${m.params.entry.url ?? ""}`.trim());
    }
  });
  for (const domain of ["Page", "Runtime", "Log"]) {
    await send(`${domain}.enable`, {}, sessionId);
  }
  const url = pathToFileURL(resolve(page)).href;
  const nav = await send("Page.navigate", { url }, sessionId);
  if (nav.errorText) fail(`${url}: ${nav.errorText}`);
  await load;
  await new Promise((ok) => setTimeout(ok, 500)); // late console and log entries
  const { result } = await send("Runtime.evaluate", {
    expression: "JSON.stringify(Array.from(document.images, i => ({src: i.getAttribute('src'), complete: i.complete,"
      + " width: i.naturalWidth, height: i.naturalHeight})))",
    returnByValue: true,
  }, sessionId);
  const images = JSON.parse(result.value);
  const metrics = await send("Page.getLayoutMetrics", {}, sessionId);
  const size = metrics.cssContentSize ?? metrics.contentSize;
  await send("Emulation.setDeviceMetricsOverride", { width: 1280, height: Math.ceil(size.height),
    deviceScaleFactor: 1, mobile: false }, sessionId);
  const shot = await send("Page.captureScreenshot", { format: "png", captureBeyondViewport: true }, sessionId);
  writeFileSync(screenshot, Buffer.from(shot.data, "base64"));
  await send("Browser.close").catch(() => {});
  clearTimeout(timer);
  const broken = images.filter((i) => !i.complete || i.width === 0);
  for (const i of images) console.log(`check-report: img ${i.src} ${i.width}x${i.height}${i.width ? "" : " NOT LOADED"}`);
  if (images.length === 0) fail(`${page} shows no image`);
  else if (broken.length > 0) fail(`${page}: ${broken.length} of ${images.length} images did not load: `
    + broken.map((i) => i.src).join(", "));
  else if (errors.length > 0) fail(`${page}: the console shows errors:\n  ${errors.join("\n  ")}`);
  else {
    console.log(`check-report: ${page}: ${images.length} images loaded, no console error; screenshot ${screenshot}`);
    finish(0);
  }
} catch (e) {
  fail(`${e.message}\n${browserErr}`);
}
