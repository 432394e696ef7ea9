import corpus from "../bench/corpus.tsv?raw";
import { timeDerivativeSuite } from "../bench/support/suite-timing.js";

/**
 * The bench page (not part of the playground): times the derivative suite in the browser with
 * the same code bench/web.ts runs in Node; the result is left in `window.dsatSuiteTiming`.
 */
const passes = Number(new URLSearchParams(location.search).get("passes") ?? "5");
const timing = timeDerivativeSuite(corpus, passes);
(window as unknown as { dsatSuiteTiming: unknown }).dsatSuiteTiming = timing;
document.getElementById("out")!.textContent = JSON.stringify(
  { entries: timing.entries, passes, medianPassMs: timing.medianPassMs },
  null,
  2,
);
