import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM_PATH, launchChromium } from "../bench/support/chromium.js";
import { type StaticServer, serveStatic } from "../bench/support/static-server.js";

/**
 * The playground in a real browser: Debian's chromium driven by playwright-core, the built page
 * served with a Content-Security-Policy that forbids 'unsafe-eval'. The five scenarios of
 * issue 12. With DSAT_SCREENSHOTS=docs/playground each state is saved as a PNG for the docs.
 */

const root = fileURLToPath(new URL("..", import.meta.url));
const screenshots = process.env.DSAT_SCREENSHOTS;
let server: StaticServer;
let browser: Browser;
const problems: string[] = [];

beforeAll(async () => {
  expect(existsSync(CHROMIUM_PATH), `${CHROMIUM_PATH} missing: apt-get install -y chromium`).toBe(true);
  await build({ configFile: `${root}web/vite.config.ts`, logLevel: "warn" });
  server = await serveStatic(`${root}dist-web`);
  browser = await launchChromium();
  if (screenshots !== undefined) mkdirSync(screenshots, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(hash = "", context?: BrowserContext): Promise<Page> {
  const viewport = { width: 1400, height: 1000 };
  const page = await (context === undefined ? browser.newPage({ viewport }) : context.newPage());
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console: ${message.text()}`);
  });
  await page.goto(`${server.url}${hash}`);
  await page.waitForSelector("body[data-ready]");
  return page;
}

async function shot(page: Page, name: string): Promise<void> {
  if (screenshots !== undefined)
    await page.screenshot({ path: `${screenshots}/${name}.png`, fullPage: true });
}

/** The rules editor's text replaced by `text`, as typing would. */
async function typeRules(page: Page, text: string): Promise<void> {
  await page.locator(".cm-content").click();
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(text);
}

const row = (page: Page, label: string) =>
  page.locator("#results tr", { has: page.locator(`th:text-is("${label}")`) });

describe("the playground in chromium, under a CSP without 'unsafe-eval'", () => {
  it("typing x^2 + x*y + y^3 with variable x shows 2*x + y, typeset by KaTeX", async () => {
    const page = await open();
    await page.fill("#expression", "x^2 + x*y + y^3");
    await page.fill("#variable", "x");
    const derivative = row(page, "d/dx, simplified");
    await expect.poll(() => derivative.locator("td.infix").textContent()).toBe("2*x + y");
    // KaTeX's MathML twin carries the typeset expression as text.
    await expect.poll(() => derivative.locator("td.typeset .katex-mathml").textContent()).toContain("2⋅x+y");
    expect(await derivative.locator(".katex-error").count()).toBe(0);
    expect(await page.evaluate(() => performance.getEntriesByName("dsat:first-result").length)).toBe(1);
    // Every result in both forms: raw and simplified derivative, simplify, gradient, Hessian.
    const rows = {
      "d/dx, raw": /^2\*x\^\(2 - 1\)\*1 \+ \(1\*y \+ x\*0\) \+ 0$/,
      "simplify(f)": /y\^3/,
      "∇f (x, y)": /^\[2\*x \+ y, x \+ 3\*y\^2\]$/,
      Hessian: /^\[\[2, 1\], \[1, 6\*y\]\]$/,
    };
    for (const [label, infix] of Object.entries(rows)) {
      expect(await row(page, label).locator("td.infix").textContent()).toMatch(infix);
      expect(await row(page, label).locator("td.typeset .katex").count()).toBe(1);
    }
    expect(await page.locator("#results .katex-error").count()).toBe(0);
    // A rule's name in the steps opens its line in the rules source.
    await page
      .locator("#steps button.rule-link", { hasText: /^d-mul$/ })
      .first()
      .click();
    expect(await page.locator("#source-file").inputValue()).toBe("rules/diff.rules");
    expect(await page.locator("#source .line.current").textContent()).toMatch(/^d-mul:/);
    await shot(page, "1-expression");
    // A simplification that widens the domain says where it is valid.
    await page.fill("#expression", "x^3/x");
    await expect
      .poll(() => page.locator("#conditions").textContent())
      .toContain("simplify(f) equals f where x ≠ 0");
    await page.close();
  });

  it("an operator declared in the editor can be differentiated at once: sigmoid(2*x)", async () => {
    const page = await open();
    await typeRules(page, "(operator sigmoid 1 :eval (/ 1 (+ 1 (exp (neg ?0)))))");
    await page.fill("#expression", "sigmoid(2*x)");
    const derivative = row(page, "d/dx, simplified");
    await expect.poll(() => derivative.locator("td.infix").textContent()).toMatch(/exp/);
    expect(await page.locator("#expression-error").isHidden()).toBe(true);
    expect(await page.locator("#definitions-note").textContent()).toContain("sigmoid");
    // With a derivative rule too, the derivative keeps sigmoid by name.
    await typeRules(
      page,
      "(operator sigmoid 1 :eval (/ 1 (+ 1 (exp (neg ?0)))))\n(ruleset diff)\nd-sigmoid: (d ?x (sigmoid ?a)) => (* (* (sigmoid ?a) (- 1 (sigmoid ?a))) (d ?x ?a))",
    );
    await expect.poll(() => derivative.locator("td.infix").textContent()).toContain("sigmoid(2*x)");
    await expect
      .poll(() => page.locator("#check").textContent(), { timeout: 30_000 })
      .toContain("no counterexample");
    await shot(page, "2-operator");
    await page.close();
  });

  it("a wrong rule shows its counterexample, and a parse error is marked at its line and column", async () => {
    const page = await open();
    await typeRules(page, "(ruleset diff)\nd-sin-wrong: (d ?x (sin ?a)) => (* (sin ?a) (d ?x ?a))");
    const findings = page.locator(".findings li", { hasText: "d-sin-wrong" });
    await expect
      .poll(async () => (await findings.allTextContents()).join("\n"), { timeout: 30_000 })
      .toMatch(/\?a = .*at .*left .*right/);
    await shot(page, "3-counterexample");
    await typeRules(page, "(ruleset diff)\nd-bad: (d ?x (sin ?a) => 0");
    await expect.poll(() => page.locator("#rules-problem").textContent()).toMatch(/^line 2, column \d+/);
    expect(await page.locator(".cm-lintRange-error").count()).toBeGreaterThan(0);
    await page.close();
  });

  it("draws the e-graph of (1*x)+(x*1) with the runner's report", async () => {
    const page = await open();
    await page.fill("#expression", "(1*x)+(x*1)");
    // Graphviz (its WebAssembly inside) is fetched only when asked for.
    const scripts: string[] = [];
    page.on("request", (request) => {
      if (request.resourceType() === "script") scripts.push(request.url());
    });
    await expect.poll(() => row(page, "d/dx, simplified").locator("td.infix").textContent()).toBe("2");
    expect(scripts).toEqual([]);
    await page.click("#draw");
    await page.waitForSelector("body[data-egraph=drawn]", { timeout: 60_000 });
    expect(scripts).toHaveLength(1);
    expect(await page.locator("#egraph-svg svg g.node").count()).toBeGreaterThan(2);
    expect(await page.locator("#egraph-report").textContent()).toMatch(/stop reason: \w+/);
    await page.locator("#egraph-pane").scrollIntoViewIfNeeded();
    await shot(page, "4-egraph");
    await page.close();
  });

  it("a shared URL, reloaded, shows the same state", async () => {
    const page = await open();
    await page.fill("#expression", "sin(x)*y^2");
    await page.fill("#variable", "y");
    await page.fill("#compare", "y*y*sin(x)");
    await typeRules(page, "(operator softsign 1 :eval (/ ?0 (+ 1 (abs ?0))))");
    const derivative = row(page, "d/dy, simplified");
    await expect.poll(() => derivative.locator("td.infix").textContent()).toBe("2*y*sin(x)");
    const link = page.url();
    expect(link).toContain("#");
    const again = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await again.goto(link);
    await again.waitForSelector("body[data-ready]");
    expect(await again.inputValue("#expression")).toBe("sin(x)*y^2");
    expect(await again.inputValue("#variable")).toBe("y");
    expect(await again.inputValue("#compare")).toBe("y*y*sin(x)");
    expect(await again.locator(".cm-content").textContent()).toContain("(operator softsign 1");
    expect(await row(again, "d/dy, simplified").locator("td.infix").textContent()).toBe("2*y*sin(x)");
    expect(await again.locator("#results td.yes").textContent()).toMatch(/^equal/);
    await shot(again, "5-shared-url");
    await again.close();
    await page.close();
  });

  it("works offline once loaded: reloaded with the network off, it computes, checks rules and draws the e-graph", async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const page = await open("", context);
    // The service worker has precached the whole build, the lazily loaded Graphviz chunk too.
    await page.evaluate("navigator.serviceWorker.ready.then(() => true)");
    await context.setOffline(true);
    // The network is off: a file the build does not have cannot be fetched (asked from a blank
    // page, outside the worker's scope, whose failure the page's error log does not see).
    const probe = await context.newPage();
    const fetchProbe = `fetch("${server.url}not-built.txt", { mode: "no-cors" }).then(() => "fetched", () => "failed")`;
    expect(await probe.evaluate(fetchProbe)).toBe("failed");
    await page.reload();
    await page.waitForSelector("body[data-ready]");
    expect(await page.evaluate("navigator.serviceWorker.controller !== null")).toBe(true);
    await page.fill("#expression", "(1*x)+(x*1)");
    await expect.poll(() => row(page, "d/dx, simplified").locator("td.infix").textContent()).toBe("2");
    // The check worker's script comes from the cache too.
    await typeRules(page, "(ruleset diff)\nd-sin-wrong: (d ?x (sin ?a)) => (* (sin ?a) (d ?x ?a))");
    await expect
      .poll(() => page.locator(".findings li", { hasText: "d-sin-wrong" }).count(), { timeout: 30_000 })
      .toBeGreaterThan(0);
    await page.click("#draw");
    await page.waitForSelector("body[data-egraph=drawn]", { timeout: 60_000 });
    expect(await page.locator("#egraph-svg svg g.node").count()).toBeGreaterThan(2);
    await context.close();
  });

  it("updates to a new build once no page of the old one is open, and drops the old cache", async () => {
    // Build A is the real build, served from a folder of its own; build B is A changed in place
    // the way a new deployment changes it: a different page and a worker with a new version.
    const folder = mkdtempSync(join(tmpdir(), "dsat-playground-update-"));
    cpSync(`${root}dist-web`, folder, { recursive: true });
    const deployment = await serveStatic(folder);
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const cacheNames = (p: Page) => p.evaluate("caches.keys()") as Promise<string[]>;
      const build = (p: Page) => p.evaluate("document.documentElement.dataset.testBuild ?? 'A'");
      await page.goto(deployment.url);
      await page.waitForSelector("body[data-ready]");
      await page.evaluate("navigator.serviceWorker.ready.then(() => true)");
      const [versionA] = await cacheNames(page);
      expect(versionA).toMatch(/^dsat-playground-[0-9a-f]{16}$/);

      const worker = readFileSync(join(folder, "sw.js"), "utf8");
      const oldVersion = versionA!.slice("dsat-playground-".length);
      expect(worker).toContain(oldVersion);
      writeFileSync(join(folder, "sw.js"), worker.replaceAll(oldVersion, "b".repeat(16)));
      const html = readFileSync(join(folder, "index.html"), "utf8");
      writeFileSync(join(folder, "index.html"), html.replace("<html", '<html data-test-build="B"'));

      // Reloaded while it is the only page: the new worker installs and waits; the page stays A.
      await page.reload();
      await page.waitForSelector("body[data-ready]");
      await expect
        .poll(
          () =>
            page.evaluate(
              "navigator.serviceWorker.getRegistration().then((r) => [r?.installing?.state, r?.waiting?.state, r?.active?.state].join(' '))",
            ),
          { timeout: 30_000 },
        )
        .toMatch(/^ installed activated$/);
      expect(await build(page)).toBe("A");

      // Once no page of A is open, B takes over: a new page is B, and only B's cache is left.
      await page.close();
      await expect
        .poll(
          async () => {
            const probe = await context.newPage();
            await probe.goto(deployment.url);
            await probe.waitForSelector("body[data-ready]");
            const shown = await build(probe);
            await probe.close();
            return shown;
          },
          { timeout: 30_000 },
        )
        .toBe("B");
      const last = await context.newPage();
      await last.goto(deployment.url);
      await last.waitForSelector("body[data-ready]");
      expect(await cacheNames(last)).toEqual([`dsat-playground-${"b".repeat(16)}`]);
      await last.fill("#expression", "(1*x)+(x*1)");
      await expect.poll(() => row(last, "d/dx, simplified").locator("td.infix").textContent()).toBe("2");
    } finally {
      await context.close();
      await deployment.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it("the page raised no error and no CSP violation", () => {
    expect(problems).toEqual([]);
  });
});
