import { loadavg } from "node:os";
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
 *
 *   npx tsc -p tsconfig.json && node dist/bench/explain.js
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
        iterationLimit: 1_000,
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
          iterationLimit: 8,
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
      ...(entry.seeGoal ? { iterationLimit: 60, timeLimitMs: 10_000 } : {}),
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
    const verdict = checkProof(proof, theory, { from: start, to: goal });
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
if (invokedDirectly) run({ quick: process.argv.includes("--quick") });
