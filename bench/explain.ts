import { loadavg } from "node:os";
import { resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { castDraft } from "immer";
import { defaultTheory } from "../src/default-theory.js";
import { diff } from "../src/diff.js";
import type { Analysis } from "../src/egraph/analysis.js";
import { arithmeticAnalysis } from "../src/egraph/arithmetic-analysis.js";
import { EGraph } from "../src/egraph/egraph.js";
import { compileRewrites, type Rewrite } from "../src/egraph/rewrite.js";
import { type RunnerOptions, runRewrites } from "../src/egraph/runner.js";
import { checkProof } from "../src/explain/check.js";
import { DEFAULT_PROOF_RULE_SETS, proofRewrites, proveEqual } from "../src/explain/prove.js";
import { parseExpression } from "../src/syntax/parse.js";
import { parseSExpr } from "../src/syntax/sexpr-parser.js";
import type { Term } from "../src/term/term.js";
import { sym } from "../src/term/term.js";
import { extend, type Theory } from "../src/theory.js";
import { readCorpus } from "./derivative-suite.js";
import { eggGoals, throughputRoots } from "./egg-math.js";
import { eggAnalysis, eggPredicateRegistry, eggTheory } from "./support/egg-conditions.js";
import { median, printTable } from "./support/table.js";

/**
 * What explanations cost (`npm run bench -- explain`):
 *
 * 1. Saturation with explanations off and on, on the same workloads, runs interleaved, medians:
 *    egg's throughput workload (seven roots, egg's rules) to 10k and 100k hashcons nodes, and
 *    the simplifier's rule sets on the raw derivatives of bench/corpus.tsv. Off is the normal
 *    engine: explanations add a branch per rule search and per add, nothing per match or union.
 * 2. Producing proofs: egg's goal tests run in explanation mode, the proof of each goal made,
 *    its length, the time to make it and to check it; and a few `dsat equal` pairs end to end.
 * 3. With `--baseline DIR` (the dist/ of another build, e.g. of the commit before explanations
 *    existed, built in a git worktree): the same saturation workloads, explanations off, in
 *    this build and that one, alternating in one process so both see the same machine load.
 *
 *   npx tsc -p tsconfig.json && node dist/bench/explain.js [--quick] [--baseline ../old/dist]
 */

interface Workload {
  readonly name: string;
  /** Runs the workload once; returns the runner's time and the e-graph's size. */
  run(explanations: boolean): { ms: number; nodes: number; classes: number };
}

/**
 * egg's theory with `not-zero` read on terms as egg reads it on classes (not known to be 0):
 * the term-level meaning bench/support gives it (a nonzero number) would keep explanation
 * mode from applying d-ln and the like to `x`, and so change the work being timed.
 */
function eggExplanationTheory(): Theory {
  return extend(eggTheory(), (draft) => {
    draft.predicates["not-zero"] = castDraft({
      name: "not-zero",
      arity: 1,
      description: "egg: not known to be 0 (unsound for symbols, as in egg)",
      holds: ([a]: readonly Term[]) => !(a!.kind === "num" && a!.value.isZero()),
    });
  });
}

/** egg's 36 rewrites, compiled from their rule set so proof steps can name it. */
function eggRewrites(): Rewrite[] {
  return compileRewrites(eggTheory().ruleSets["egg-math"]!, { predicates: eggPredicateRegistry });
}

function eggThroughput(scheduler: "simple" | "backoff", nodeLimit: number): Workload {
  const theory = eggTheory();
  const explanationTheory = eggExplanationTheory();
  const roots = throughputRoots.map((t) => parseSExpr(t, { theory }));
  const rewrites = eggRewrites();
  return {
    name: `egg throughput, ${scheduler}, ${nodeLimit.toLocaleString("en-US")} nodes`,
    run(explanations) {
      const egraph = new EGraph({
        analysis: eggAnalysis(),
        explanations: explanations && { theory: explanationTheory },
      });
      for (const root of roots) egraph.add(root);
      const report = runRewrites(egraph, rewrites, {
        scheduler,
        nodeLimit,
        iterLimit: 1_000,
        timeLimitMs: 600_000,
      });
      return { ms: report.totalMs, nodes: report.hashconsSize, classes: report.classCount };
    },
  };
}

function corpusSaturation(): Workload {
  const theory = defaultTheory();
  const analysis = arithmeticAnalysis(theory);
  const rewrites = proofRewrites(
    theory,
    DEFAULT_PROOF_RULE_SETS.filter((name) => theory.ruleSets[name] !== undefined),
  );
  const inputs = readCorpus().map((entry) =>
    diff(parseExpression(entry.fn, { theory }), sym(entry.variable), { theory, raw: true }),
  );
  return {
    name: `simplifier rules on ${inputs.length} raw derivatives (2,000 nodes, 8 iterations each)`,
    run(explanations) {
      let ms = 0;
      let nodes = 0;
      let classes = 0;
      for (const input of inputs) {
        const result = saturate(input, analysis, rewrites, explanations ? theory : undefined, {
          nodeLimit: 2_000,
          iterLimit: 8,
          timeLimitMs: 60_000,
        });
        ms += result.ms;
        nodes += result.nodes;
        classes += result.classes;
      }
      return { ms, nodes, classes };
    },
  };
}

function saturate<D>(
  input: Term,
  analysis: Analysis<D>,
  rewrites: readonly Rewrite[],
  explanationTheory: Theory | undefined,
  limits: RunnerOptions<D>,
) {
  const egraph = new EGraph<D>({
    analysis,
    ...(explanationTheory === undefined ? {} : { explanations: { theory: explanationTheory } }),
  });
  egraph.add(input);
  const report = runRewrites(egraph, rewrites, limits);
  return { ms: report.totalMs, nodes: report.hashconsSize, classes: report.classCount };
}

export type OverheadRow = {
  readonly workload: string;
  readonly "off ms": number;
  readonly "on ms": number;
  readonly "on / off": number;
  readonly "nodes off": number;
  readonly "nodes on": number;
  readonly "classes off": number;
  readonly "classes on": number;
};

/** Each workload `repeats` times each way, off and on alternating, after one warm-up of each. */
export function runOverhead(workloads: readonly Workload[], repeats: number): OverheadRow[] {
  return workloads.map((workload) => {
    workload.run(false);
    workload.run(true);
    const off: ReturnType<Workload["run"]>[] = [];
    const on: ReturnType<Workload["run"]>[] = [];
    for (let i = 0; i < repeats; i++) {
      off.push(workload.run(false));
      on.push(workload.run(true));
    }
    const offMs = median(off.map((r) => r.ms));
    const onMs = median(on.map((r) => r.ms));
    return {
      workload: workload.name,
      "off ms": offMs,
      "on ms": onMs,
      "on / off": onMs / offMs,
      "nodes off": off[0]!.nodes,
      "nodes on": on[0]!.nodes,
      "classes off": off[0]!.classes,
      "classes on": on[0]!.classes,
    };
  });
}

export type ProofRow = {
  readonly start: string;
  readonly goal: string;
  readonly proven: string;
  readonly "run ms": number;
  readonly steps: number;
  readonly "explain ms": number;
  readonly "check ms": number;
};

/** egg's goal tests in explanation mode: the proof of each goal, its length, and the time to make and check it. */
export function runEggProofs(): ProofRow[] {
  const theory = eggExplanationTheory();
  const rewrites = eggRewrites();
  return eggGoals.map((entry) => {
    const egraph = new EGraph({ analysis: eggAnalysis(), explanations: { theory } });
    const start = parseSExpr(entry.start, { theory });
    const goal = parseSExpr(entry.goal, { theory });
    const root = egraph.add(start);
    const target = egraph.add(goal);
    const report = runRewrites(egraph, rewrites, {
      ...(entry.nodeLimit === undefined ? {} : { nodeLimit: entry.nodeLimit }),
      ...(entry.seeGoal ? { iterLimit: 60, timeLimitMs: 10_000 } : {}),
      goal: (g) => g.find(root) === g.find(target),
    });
    egraph.rebuild();
    if (egraph.find(root) !== egraph.find(target)) {
      return {
        start: entry.start,
        goal: entry.goal,
        proven: "no",
        "run ms": report.totalMs,
        steps: 0,
        "explain ms": 0,
        "check ms": 0,
      };
    }
    const explainStart = performance.now();
    const proof = egraph.explainEquivalence(root, target);
    const explainMs = performance.now() - explainStart;
    const checkStart = performance.now();
    const verdict = checkProof(proof, { theory, from: start, to: goal });
    const checkMs = performance.now() - checkStart;
    return {
      start: entry.start,
      goal: entry.goal,
      proven: verdict.ok ? "checked" : `rejected at ${verdict.step}`,
      "run ms": report.totalMs,
      steps: proof.steps.length,
      "explain ms": explainMs,
      "check ms": checkMs,
    };
  });
}

/** `dsat equal` pairs end to end: search, explain and check (proveEqual), median of 5. */
export function runEqualPairs(): { a: string; b: string; steps: number; ms: number }[] {
  const theory = defaultTheory();
  const pairs: [string, string][] = [
    ["(1*x)+(x*1)", "2*x"],
    ["(x+1)^2", "x^2 + 2*x + 1"],
    ["(x+y)*(x-y)", "x^2 - y^2"],
    ["sin(x)^2 + cos(x)^2 + (x+1)*(x-1)", "x^2"],
    ["exp(log(x^2 + 1))", "x^2 + 1"],
  ];
  return pairs.map(([a, b]) => {
    const left = parseExpression(a, { theory });
    const right = parseExpression(b, { theory });
    const times: number[] = [];
    let steps = -1;
    for (let i = 0; i < 6; i++) {
      const t = performance.now();
      const { proof } = proveEqual(left, right, { theory });
      if (i > 0) times.push(performance.now() - t);
      steps = proof?.steps.length ?? -1;
    }
    return { a, b, steps, ms: median(times) };
  });
}

export type BaselineRow = {
  readonly workload: string;
  readonly "baseline ms": number;
  readonly "this build ms": number;
  readonly ratio: number;
  readonly "baseline nodes": number;
  readonly "this build nodes": number;
};

/** The off-mode workloads of a build rooted at `dist` (only APIs older builds have too). */
async function offWorkloadsOf(dist: string): Promise<Record<string, () => [number, number]>> {
  const load = (path: string) => import(`${dist}/${path}`);
  // biome-ignore lint/suspicious/noExplicitAny: another build's modules, loaded by path
  const m: Record<string, any> = Object.assign(
    {},
    ...(await Promise.all(
      [
        "src/egraph/egraph.js",
        "src/egraph/runner.js",
        "src/egraph/rewrite.js",
        "src/egraph/arithmetic-analysis.js",
        "src/syntax/sexpr-parser.js",
        "src/syntax/parse.js",
        "src/default-theory.js",
        "src/diff.js",
        "src/term/term.js",
        "bench/egg-math.js",
        "bench/derivative-suite.js",
        "bench/support/egg-conditions.js",
      ].map(load),
    )),
  );
  const egg = m.eggTheory();
  const eggRw = m.compileRewrites(egg.ruleSets["egg-math"], { predicates: m.eggPredicateRegistry });
  const roots = m.throughputRoots.map((t: string) => m.parseSExpr(t, { theory: egg }));
  const theory = m.defaultTheory();
  const rewrites = DEFAULT_PROOF_RULE_SETS.flatMap((name) => m.compileRewrites(theory.ruleSets[name]));
  const inputs = m
    .readCorpus()
    .map((e: { fn: string; variable: string }) =>
      m.diff(m.parseExpression(e.fn, { theory }), m.sym(e.variable), { theory, raw: true }),
    );
  const analysis = m.arithmeticAnalysis(theory);
  const egg10 = (scheduler: string, nodeLimit: number) => (): [number, number] => {
    const egraph = new m.EGraph({ analysis: m.eggAnalysis() });
    for (const root of roots) egraph.add(root);
    const report = m.runRewrites(egraph, eggRw, {
      scheduler,
      nodeLimit,
      iterLimit: 1_000,
      timeLimitMs: 600_000,
    });
    return [report.totalMs, report.hashconsSize];
  };
  return {
    "egg throughput, simple, 10,000 nodes": egg10("simple", 10_000),
    "egg throughput, backoff, 10,000 nodes": egg10("backoff", 10_000),
    "egg throughput, simple, 100,000 nodes": egg10("simple", 100_000),
    "simplifier rules on the raw derivatives": () => {
      let ms = 0;
      let nodes = 0;
      for (const input of inputs) {
        const egraph = new m.EGraph({ analysis });
        egraph.add(input);
        const report = m.runRewrites(egraph, rewrites, { nodeLimit: 2_000, iterLimit: 8 });
        ms += report.totalMs;
        nodes += report.hashconsSize;
      }
      return [ms, nodes];
    },
  };
}

/** Explanations off, this build against `baselineDist`, alternating (the order flips every round). */
export async function runBaseline(baselineDist: string, rounds = 21): Promise<BaselineRow[]> {
  const here = fileURLToPath(new URL("..", import.meta.url));
  const baseline = await offWorkloadsOf(baselineDist);
  const current = await offWorkloadsOf(here);
  return Object.keys(current).map((name) => {
    const a = baseline[name]!;
    const b = current[name]!;
    for (let i = 0; i < 2; i++) {
      a();
      b();
    }
    const timesA: number[] = [];
    const timesB: number[] = [];
    let nodes: [number, number] = [0, 0];
    for (let i = 0; i < rounds; i++) {
      const [first, second] = i % 2 === 0 ? [a, b] : [b, a];
      const r1 = first();
      const r2 = second();
      const [ra, rb] = i % 2 === 0 ? [r1, r2] : [r2, r1];
      timesA.push(ra[0]);
      timesB.push(rb[0]);
      nodes = [ra[1], rb[1]];
    }
    const ms = median(timesA);
    const msB = median(timesB);
    return {
      workload: name,
      "baseline ms": ms,
      "this build ms": msB,
      ratio: msB / ms,
      "baseline nodes": nodes[0],
      "this build nodes": nodes[1],
    };
  });
}

export function run(options: { quick?: boolean } = {}): unknown {
  const workloads = [
    eggThroughput("backoff", 10_000),
    eggThroughput("simple", 10_000),
    ...(options.quick ? [] : [eggThroughput("simple", 100_000)]),
    corpusSaturation(),
  ];
  const overhead = runOverhead(workloads, options.quick ? 3 : 7);
  printTable("Saturation with explanations off and on (runner ms, medians, runs interleaved)", overhead);
  const eggProofs = runEggProofs();
  printTable("egg's goal tests in explanation mode: the proof of each goal, made and checked", eggProofs);
  const equalPairs = runEqualPairs();
  printTable(
    "dsat equal pairs end to end (saturate to the goal, explain, check; ms, median of 5)",
    equalPairs,
  );
  const loadAverage = loadavg();
  console.log(`  load average while running: ${loadAverage.map((l) => l.toFixed(2)).join(" ")}`);
  return { overhead, eggProofs, equalPairs, loadAverage };
}

const invokedDirectly = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (invokedDirectly) {
  const at = process.argv.indexOf("--baseline");
  if (at > 0) {
    const dist = resolve(process.argv[at + 1] ?? ".");
    const rows = await runBaseline(dist);
    printTable(`Explanations off: this build against ${dist} (runner ms, medians of 21, alternating)`, rows);
    console.log(
      `  load average while running: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")}`,
    );
  } else {
    run({ quick: process.argv.includes("--quick") });
  }
}
