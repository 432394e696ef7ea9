import { defaultTheory } from "../../src/default-theory.js";
import { diff } from "../../src/diff.js";
import { simplify } from "../../src/simplify/simplify.js";
import { parseExpression } from "../../src/syntax/parse.js";
import { printTerm } from "../../src/syntax/print.js";

/**
 * The derivative suite (bench/corpus.tsv) timed the same way wherever it runs: string in,
 * `diff` then `simplify`, string out, for every entry; one pass is the whole suite. Shared by
 * the Node side and the playground's bench page (web/bench.ts), so the ratio compares like with like.
 */

export interface SuiteTiming {
  readonly entries: number;
  /** Median time of one pass over the whole suite, ms. */
  readonly medianPassMs: number;
  readonly passes: number;
  /** Printed results, to check both sides computed the same thing. */
  readonly outputs: readonly string[];
}

/** Times `passes` passes (after one warm-up pass) over the corpus text `corpus` (TSV with a header). */
export function timeDerivativeSuite(corpus: string, passes: number): SuiteTiming {
  const entries = corpus
    .split("\n")
    .slice(1)
    .filter((line) => line.trim() !== "")
    .map((line) => line.split("\t") as [string, string]);
  const theory = defaultTheory();
  const run = (): string[] =>
    entries.map(([fn, variable]) => {
      const d = diff(parseExpression(fn, { theory }), variable, { theory });
      return printTerm(simplify(d, { theory }).term, { format: "infix", theory });
    });
  const outputs = run();
  const times: number[] = [];
  for (let i = 0; i < passes; i++) {
    const started = performance.now();
    run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { entries: entries.length, medianPassMs: times[Math.floor(times.length / 2)]!, passes, outputs };
}
