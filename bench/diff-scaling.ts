import { defaultTheory } from "../src/default-theory.js";
import { diff } from "../src/diff.js";
import { app, num, sym, type Term } from "../src/term/term.js";
import { dagSize, treeSize } from "../src/term/traverse.js";
import { printTable, timeMs } from "./support/table.js";

/**
 * Differentiation cost for growing inputs (the foundation issue's families). The cost should
 * grow about linearly with the input's DAG size: the `µs/node` column stays roughly flat.
 */

const x = sym("x");

/** `(x+1)*(x+2)*…*(x+n)`, left-nested. */
export function product(n: number): Term {
  let t: Term = app("+", [x, num(1)]);
  for (let k = 2; k <= n; k++) t = app("*", [t, app("+", [x, num(k)])]);
  return t;
}

/** `sin(sin(…sin(x)…))`, n deep. */
export function nestedSin(n: number): Term {
  let t: Term = x;
  for (let k = 0; k < n; k++) t = app("sin", [t]);
  return t;
}

/** `1*x^1 + 2*x^2 + … + n*x^n`. */
function powerSum(n: number): Term {
  let t: Term = app("*", [num(1), app("^", [x, num(1)])]);
  for (let k = 2; k <= n; k++) t = app("+", [t, app("*", [num(k), app("^", [x, num(k)])])]);
  return t;
}

export const families: Record<string, (n: number) => Term> = {
  product,
  "nested sin": nestedSin,
  "sum k*x^k": powerSum,
};

export interface ScalingRow extends Record<string, string | number> {
  family: string;
  n: number;
  "input DAG": number;
  "raw ms": number;
  "raw DAG": number;
  "cleaned ms": number;
  "cleaned DAG": number;
  "cleaned tree": number;
  "µs/input node": number;
}

/** Runs every family at n = 10, 100, 1000 and prints the table. */
export function run(sizes: readonly number[] = [10, 100, 1000]): ScalingRow[] {
  const theory = defaultTheory();
  const rows: ScalingRow[] = [];
  for (const [family, build] of Object.entries(families)) {
    for (const n of sizes) {
      const input = build(n);
      let raw: Term = input;
      let cleaned: Term = input;
      const rawMs = timeMs(() => {
        raw = diff(input, x, { theory, raw: true });
      });
      const cleanedMs = timeMs(() => {
        cleaned = diff(input, x, { theory });
      });
      const inputDag = dagSize(input);
      rows.push({
        family,
        n,
        "input DAG": inputDag,
        "raw ms": rawMs,
        "raw DAG": dagSize(raw),
        "cleaned ms": cleanedMs,
        "cleaned DAG": dagSize(cleaned),
        "cleaned tree": treeSize(cleaned),
        "µs/input node": (cleanedMs * 1000) / inputDag,
      });
    }
  }
  printTable("Differentiation scaling (rule-based diff, then cleanup rules)", rows);
  return rows;
}
