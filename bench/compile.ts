import { hessian } from "../src/calculus/vector-calculus.js";
import { compile } from "../src/compile/compile.js";
import { defaultTheory } from "../src/default-theory.js";
import { diff } from "../src/diff.js";
import { evaluate } from "../src/eval/evaluate.js";
import { parseExpression } from "../src/syntax/parse.js";
import { sym, type Term } from "../src/term/term.js";
import { dagSize, treeSize } from "../src/term/traverse.js";
import { nestedSin, product } from "./diff-scaling.js";
import { printTable, timeMs } from "./support/table.js";

/**
 * Compiled versus interpreted evaluation: the same term evaluated at the same points by
 * `evaluate` (a walk over the DAG per point) and by the function `compile` built once.
 * Both return identical values (test/compile-function.test.ts); this measures the speed.
 * Compilation here skips simplification, so both evaluate the very same term.
 */

const theory = defaultTheory();
const x = sym("x");
const parse = (text: string) => parseExpression(text, { theory });

/** The cases: small everyday functions, shipped operators, and large shared derivatives. */
function cases(): [string, Term][] {
  const f = parse("exp(x*y)*sin(x + y)*cos(x - y)");
  return [
    ["x^2*y + y^3", parse("x^2*y + y^3")],
    ["sigmoid-like 1/(1 + exp(-x*y))", parse("1/(1 + exp(-(x*y)))")],
    [
      "shipped ops: asin, tanh, abs, logb, cbrt",
      parse("asin(x/20) + tanh(y) + abs(x - y) + logb(2, x*x + 1) + cbrt(y)"),
    ],
    ["Hessian[0][0] of exp(x*y)*sin(x+y)*cos(x-y)", hessian(f, ["x", "y"], { theory })[0]![0]!],
    ["d/dx of (x+1)…(x+30), cleaned", diff(product(30), x, { theory })],
    ["sin nested 1,000 deep", nestedSin(1000)],
  ];
}

export interface CompileRow extends Record<string, string | number> {
  case: string;
  "DAG nodes": number;
  "tree nodes": number;
  "compile ms": number;
  "interpreted µs/eval": number;
  "compiled µs/eval": number;
  speedup: number;
}

/** Evaluates every case at `points` points both ways; prints the table and returns the rows. */
export function run(points = 2000): CompileRow[] {
  const rows: CompileRow[] = [];
  const xs = Array.from({ length: points }, (_, i) => -0.9 + (1.8 * i) / points);
  const ys = xs.map((v) => 0.37 - v / 2);
  for (const [name, term] of cases()) {
    let compiled = compile(term, ["x", "y"], { theory, simplify: false });
    const compileMs = timeMs(() => {
      compiled = compile(term, ["x", "y"], { theory, simplify: false });
    });
    // Fewer interpreted points for the big terms, so the row takes about as long as the others.
    const interpretedPoints = Math.max(20, Math.min(points, Math.floor(200_000 / dagSize(term))));
    let sink = 0;
    const interpretedMs = timeMs(() => {
      for (let i = 0; i < interpretedPoints; i++)
        sink += evaluate(term, { x: xs[i]!, y: ys[i]! }, { theory });
    }, 3);
    const compiledMs = timeMs(() => {
      for (let i = 0; i < points; i++) sink += compiled(xs[i]!, ys[i]!);
    });
    if (sink === 42) console.log(""); // keeps the loops from being optimised away
    const interpretedUs = (interpretedMs * 1000) / interpretedPoints;
    const compiledUs = (compiledMs * 1000) / points;
    rows.push({
      case: name,
      "DAG nodes": dagSize(term),
      "tree nodes": treeSize(term),
      "compile ms": compileMs,
      "interpreted µs/eval": interpretedUs,
      "compiled µs/eval": compiledUs,
      speedup: interpretedUs / compiledUs,
    });
  }
  printTable("Compiled versus interpreted evaluation (same term, same points)", rows);
  return rows;
}
