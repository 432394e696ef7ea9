import { spawnSync } from "node:child_process";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { defaultTheory } from "../src/default-theory.js";
import { diff } from "../src/diff.js";
import { evaluate } from "../src/eval/evaluate.js";
import { simplify } from "../src/simplify/simplify.js";
import { parseExpression } from "../src/syntax/parse.js";
import { printTerm } from "../src/syntax/print.js";
import { app, num, sym, type Term } from "../src/term/term.js";
import { depth, treeSize } from "../src/term/traverse.js";
import type { Theory } from "../src/theory.js";
import { readingTheory } from "./derivative-suite.js";
import { printTable } from "./support/table.js";

/**
 * dsat against SymPy on a seeded random corpus of derivatives, in the same run.
 *
 * Inputs: random expressions of depth 4 in x and y over + - * / ^, sin cos tan exp log sqrt
 * atan and small integers, differentiated in x. dsat goes string in, simplified string out
 * (as `dsat diff`); SymPy (bench/sympy_derivatives.py, run by python3) differentiates and
 * offers its raw derivative and the results of simplify, factor, cancel and trigsimp, of
 * which the smallest counts. Both outputs are read back with dsat's parser and measured by
 * tree size, the same way for both. Each dsat output is compared numerically with SymPy's
 * derivative at seeded points where both are defined.
 */

/** The corpus: how many derivatives, from which seed. */
export const CORPUS_SIZE = 300;
const SEED = 20_261_203;
const MAX_DEPTH = 4;
/** Points (x, y) drawn from this box for the numeric comparison and the input filter. */
const BOX = 3;
const POINT_COUNT = 24;
const TOLERANCE = 1e-6;
const SYMPY_STEPS = ["raw", "simplify", "factor", "cancel", "trigsimp"] as const;

/** mulberry32: a small, seedable generator, so the corpus is the same on every machine. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const BINARY = ["+", "-", "*", "/", "^"] as const;
const UNARY = ["sin", "cos", "tan", "exp", "log", "sqrt", "atan"] as const;
const EXPONENTS = [2, 3, -1, -2] as const;

/**
 * A random expression at most `levels` operators deep. Leaves are x, y or an integer 1..5;
 * a power's exponent is a small integer (2, 3, -1, -2) two times in three, else a subterm.
 */
function randomTerm(random: () => number, levels: number): Term {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  if (levels === 0 || random() < 0.25) {
    const r = random();
    return r < 0.45 ? sym("x") : r < 0.7 ? sym("y") : num(1 + Math.floor(random() * 5));
  }
  if (random() < 0.55) {
    const op = pick(BINARY);
    const left = randomTerm(random, levels - 1);
    const right = op === "^" && random() < 2 / 3 ? num(pick(EXPONENTS)) : randomTerm(random, levels - 1);
    return app(op, [left, right]);
  }
  return app(pick(UNARY), [randomTerm(random, levels - 1)]);
}

function randomPoints(random: () => number): Record<string, number>[] {
  const points: Record<string, number>[] = [];
  for (let i = 0; i < POINT_COUNT; i++)
    points.push({ x: (2 * random() - 1) * BOX, y: (2 * random() - 1) * BOX });
  return points;
}

function valueAt(term: Term, point: Record<string, number>, theory: Theory): number {
  try {
    return evaluate(term, point, { theory });
  } catch {
    return Number.NaN;
  }
}

/**
 * The corpus: distinct random terms of depth exactly 4 that contain x and whose value and
 * derivative (as the diff rules write it, unsimplified) are finite and real at three or more
 * of the sample points, printed in dsat's infix syntax. (`0^x` is left out: its derivative
 * `0^x*log(0)` is defined nowhere.)
 */
export function randomCorpus(theory: Theory, count = CORPUS_SIZE): string[] {
  const random = generator(SEED);
  const points = randomPoints(generator(SEED + 1));
  const seen = new Set<string>();
  const corpus: string[] = [];
  while (corpus.length < count) {
    const term = randomTerm(random, MAX_DEPTH);
    if (depth(term) !== MAX_DEPTH) continue;
    const text = printTerm(term, { format: "infix", theory });
    if (seen.has(text) || !/\bx\b/.test(text)) continue;
    seen.add(text);
    const derivative = diff(term, "x", { theory, raw: true });
    const defined = (p: Record<string, number>) =>
      Number.isFinite(valueAt(term, p, theory)) && Number.isFinite(valueAt(derivative, p, theory));
    if (points.filter(defined).length < 3) continue;
    corpus.push(text);
  }
  return corpus;
}

interface SympyLine {
  readonly fn: string;
  readonly error?: string;
  readonly raw?: string;
  readonly rawMs?: number;
  readonly [step: string]: string | number | null | undefined;
}

/** Runs bench/sympy_derivatives.py on the corpus; one answer per input, in order. */
function sympyDerivatives(corpus: readonly string[]): SympyLine[] {
  const script = fileURLToPath(new URL("../../bench/sympy_derivatives.py", import.meta.url));
  const input = corpus.map((fn) => JSON.stringify({ fn, variable: "x" })).join("\n");
  const run = spawnSync("python3", [script], { input, encoding: "utf8", maxBuffer: 1 << 28 });
  if (run.status !== 0) throw new Error(`sympy_derivatives.py failed: ${run.stderr}`);
  return run.stdout
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as SympyLine);
}

export interface RandomDerivativeRow extends Record<string, string | number> {
  function: string;
  dsat: string;
  "dsat size": number;
  sympy: string;
  "sympy size": number;
  "sympy step": string;
  behind: number;
  equal: string;
}

export interface RandomDerivativeSummary {
  readonly lines: number;
  /** Lines compared at one or more points where both are defined, and of those the equal ones. */
  readonly compared: number;
  readonly equal: number;
  readonly dsatTotal: number;
  readonly sympyBestTotal: number;
  /** dsat's total over SymPy's best total (target ≤ 0.95). */
  readonly ratio: number;
  /** Lines where dsat's output is larger than SymPy's best (target ≤ 10%). */
  readonly larger: number;
  readonly smaller: number;
  readonly sympyTimeouts: number;
  readonly sympyErrors: number;
  readonly dsatMs: number;
  readonly sympyMs: number;
}

export interface RandomDerivativeResult {
  readonly summary: RandomDerivativeSummary;
  readonly behind: RandomDerivativeRow[];
  readonly rows: RandomDerivativeRow[];
}

/** Runs the comparison and prints the summary and the 20 lines where dsat is furthest behind. */
export function run(count = CORPUS_SIZE): RandomDerivativeResult {
  const theory = defaultTheory();
  const reading = readingTheory();
  const corpus = randomCorpus(theory, count);
  const points = randomPoints(generator(SEED + 2));
  const read = (text: unknown): Term | undefined => {
    if (typeof text !== "string") return undefined;
    try {
      return parseExpression(text, { theory: reading });
    } catch {
      return undefined;
    }
  };

  let dsatMs = 0;
  const ours = corpus.map((fn) => {
    const start = performance.now();
    const input = parseExpression(fn, { theory });
    // As `dsat diff`: simplified on the domain of the function differentiated.
    const derivative = diff(input, "x", { theory, raw: true });
    const term = simplify(derivative, { theory, assumeDefined: [input] }).term;
    const text = printTerm(term, { format: "infix", theory });
    dsatMs += performance.now() - start;
    return text;
  });
  const theirs = sympyDerivatives(corpus);

  const rows: RandomDerivativeRow[] = [];
  let compared = 0;
  let equal = 0;
  let sympyTimeouts = 0;
  let sympyErrors = 0;
  let sympyMs = 0;
  corpus.forEach((fn, i) => {
    const line = theirs[i]!;
    const dsatTerm = read(ours[i])!;
    const dsatSize = treeSize(dsatTerm);
    let best: [string, string, number] = ["", "", Number.NaN];
    for (const step of SYMPY_STEPS) {
      const ms = line[`${step}Ms`];
      if (typeof ms === "number") sympyMs += ms;
      if (line[step] === null) sympyTimeouts++;
      const term = read(line[step]);
      if (term === undefined) continue;
      const size = treeSize(term);
      if (!(size >= best[2])) best = [step, line[step] as string, size];
    }
    if (line.error !== undefined || best[0] === "") sympyErrors++;
    const reference = read(line.raw);
    let verdict = "not compared";
    if (reference !== undefined) {
      let both = 0;
      let agree = 0;
      for (const p of points) {
        const a = valueAt(dsatTerm, p, reading);
        const b = valueAt(reference, p, reading);
        if (!Number.isFinite(a) || !Number.isFinite(b)) continue;
        both++;
        if (Math.abs(a - b) <= TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b))) agree++;
      }
      if (both > 0) {
        compared++;
        if (agree === both) equal++;
        verdict = agree === both ? `yes (${both})` : `NO (${agree}/${both})`;
      }
    }
    rows.push({
      function: fn,
      dsat: ours[i]!,
      "dsat size": dsatSize,
      sympy: best[1] || (line.error ?? ""),
      "sympy size": best[2],
      "sympy step": best[0],
      behind: dsatSize - best[2],
      equal: verdict,
    });
  });

  const sized = rows.filter((r) => Number.isFinite(r["sympy size"]));
  const dsatTotal = sized.reduce((s, r) => s + r["dsat size"], 0);
  const sympyBestTotal = sized.reduce((s, r) => s + r["sympy size"], 0);
  const summary: RandomDerivativeSummary = {
    lines: rows.length,
    compared,
    equal,
    dsatTotal,
    sympyBestTotal,
    ratio: dsatTotal / sympyBestTotal,
    larger: sized.filter((r) => r.behind > 0).length,
    smaller: sized.filter((r) => r.behind < 0).length,
    sympyTimeouts,
    sympyErrors,
    dsatMs,
    sympyMs,
  };
  const behind = [...sized]
    .sort((a, b) => b.behind - a.behind || b["dsat size"] - a["dsat size"])
    .slice(0, 20)
    .filter((r) => r.behind > 0);
  const wrong = rows.filter((r) => r.equal.startsWith("NO"));
  if (wrong.length > 0) printTable("dsat outputs NOT equal to SymPy's derivative", wrong);
  printTable("Random derivatives: the 20 lines where dsat is furthest behind SymPy's best", behind);
  const [load] = loadavg();
  printTable(
    `Random derivatives (seed ${SEED}, ${rows.length} lines, d/dx; load average ${load!.toFixed(1)})`,
    [
      {
        "dsat total": dsatTotal,
        "sympy best total": sympyBestTotal,
        "dsat / sympy": summary.ratio,
        "dsat larger": `${summary.larger} (${((100 * summary.larger) / sized.length).toFixed(1)}%)`,
        "dsat smaller": summary.smaller,
        "equal / compared": `${equal}/${compared}`,
        "sympy timeouts": sympyTimeouts,
        "sympy errors": sympyErrors,
        "dsat s": dsatMs / 1000,
        "sympy s": sympyMs / 1000,
      },
    ],
  );
  return { summary, behind, rows };
}
