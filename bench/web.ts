import { readdirSync, readFileSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import type { Page } from "playwright-core";
import { launchChromium } from "./support/chromium.js";
import { serveStatic } from "./support/static-server.js";
import { timeDerivativeSuite } from "./support/suite-timing.js";

/**
 * The playground measured (npm run bench:web, after npm run build:web): its JavaScript gzipped
 * apart from the lazily loaded Graphviz, the time from navigation to the first result in
 * headless chromium (and reloaded offline, from the service worker's cache), and diff+simplify on the derivative suite in the page against Node, in
 * the same run on the same machine.
 */

const root = fileURLToPath(new URL("../../", import.meta.url));
const assets = `${root}dist-web/assets`;
const ROUNDS = 7;

/** `file`'s size gzipped, in KB; relative to assets/, or to dist-web/ with `root`. */
function gzipKb(file: string, folder = assets): number {
  return gzipSync(readFileSync(`${folder}/${file}`), { level: 9 }).length / 1024;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const scripts = readdirSync(assets).filter((f) => f.endsWith(".js"));
const html = readFileSync(`${root}dist-web/index.html`, "utf8");
/** Graphviz's chunk holds the WebAssembly (base64) and is fetched only when the e-graph is drawn. */
const graphviz = scripts.filter((f) => statSync(`${assets}/${f}`).size > 700_000);
const worker = scripts.filter((f) => f.startsWith("check-worker"));
const benchOnly = scripts.filter((f) => f.startsWith("bench"));
const initial = scripts.filter((f) => !graphviz.includes(f) && !worker.includes(f) && !benchOnly.includes(f));
const sum = (files: string[]) => files.reduce((total, f) => total + gzipKb(f), 0);
/** The service worker's precache list, as the build wrote it in. */
const precache = JSON.parse(
  readFileSync(`${root}dist-web/sw.js`, "utf8").match(/\{"version":.*?\]\}/)![0],
) as { files: string[] };

const server = await serveStatic(`${root}dist-web`);
const browser = await launchChromium();
try {
  const firstResult: number[] = [];
  const offlineResult: number[] = [];
  const firstResultMs = () =>
    page.evaluate(() => performance.getEntriesByName("dsat:first-result")[0]!.startTime);
  let page: Page;
  for (let i = 0; i < ROUNDS; i++) {
    const context = await browser.newContext();
    page = await context.newPage();
    await page.goto(server.url);
    await page.waitForSelector("body[data-ready]");
    firstResult.push(await firstResultMs());
    // Again with the network off: everything from the service worker's cache.
    await page.evaluate("navigator.serviceWorker.ready.then(() => true)");
    await context.setOffline(true);
    await page.reload();
    await page.waitForSelector("body[data-ready]");
    offlineResult.push(await firstResultMs());
    await context.close();
  }
  page = await browser.newPage();
  await page.goto(`${server.url}bench.html?passes=${ROUNDS}`);
  // Page-side code as text: this file is compiled without the DOM's types.
  await page.waitForFunction("'dsatSuiteTiming' in window", undefined, { timeout: 300_000 });
  const inPage = (await page.evaluate("window.dsatSuiteTiming")) as {
    medianPassMs: number;
    entries: number;
    outputs: string[];
  };
  const inNode = timeDerivativeSuite(readFileSync(`${root}bench/corpus.tsv`, "utf8"), ROUNDS);
  const same = JSON.stringify(inPage.outputs) === JSON.stringify(inNode.outputs);
  console.log(`index.html loads: ${html.match(/assets\/[^"]+\.js/g)?.join(", ")}`);
  console.log(`page JS at load, gzipped: ${sum(initial).toFixed(1)} KB (${initial.join(", ")})`);
  console.log(`check worker, started with the first user rules: ${sum(worker).toFixed(1)} KB gzipped`);
  console.log(`Graphviz chunk, fetched when the e-graph is drawn: ${sum(graphviz).toFixed(1)} KB gzipped`);
  console.log(
    `service worker, registered after load: ${gzipKb("sw.js", `${root}dist-web`).toFixed(1)} KB gzipped; it precaches ${precache.files.length} files, ${precache.files.reduce((total, f) => total + gzipKb(f, `${root}dist-web`), 0).toFixed(1)} KB gzipped`,
  );
  const times = (values: number[]) =>
    `${median(values).toFixed(0)} ms [${values.map((t) => t.toFixed(0)).join(", ")}]`;
  console.log(`navigation to first result (median of ${ROUNDS}): ${times(firstResult)}`);
  console.log(`the same, reloaded offline from the service worker's cache: ${times(offlineResult)}`);
  console.log(
    `derivative suite (${inNode.entries} entries, diff + simplify, median pass of ${ROUNDS}): page ${inPage.medianPassMs.toFixed(1)} ms, Node ${inNode.medianPassMs.toFixed(1)} ms, ratio page/Node ${(inPage.medianPassMs / inNode.medianPassMs).toFixed(2)}; same outputs: ${same}`,
  );
} finally {
  await browser.close();
  await server.close();
}
