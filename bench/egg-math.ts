import { spawnSync } from "node:child_process";
import { cpus, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { EGraph } from "../src/egraph/egraph.js";
import { Extractor } from "../src/egraph/extract.js";
import { provesEqual, runRewrites } from "../src/egraph/runner.js";
import { DsatError } from "../src/errors.js";
import { printSExpr } from "../src/syntax/print-sexpr.js";
import { parseSExpr } from "../src/syntax/sexpr-parser.js";
import { eggAnalysis, eggCost, eggRewrites, eggTheory } from "./support/egg-conditions.js";
import { peakResidentMB } from "./support/peak-memory.js";
import { median, printTable } from "./support/table.js";

/**
 * egg's math suite on dsat's e-graph: every start term run to egg's default limits, and the
 * throughput workload (seven roots in one e-graph) grown to 10k, 100k and 1M hashcons
 * nodes, side by side with egg's figures (bench reference: egg 0.11, release build, same
 * kind of 2-core machine).
 *
 *   npx tsc -p tsconfig.json && node dist/bench/egg-math.js            # everything
 *   node dist/bench/egg-math.js --quick                                 # skip the 1M case
 */

/** egg's goal tests: start term, the goal egg proves, and egg's limits where they differ from the defaults. */
export const eggGoals: readonly { start: string; goal: string; nodeLimit?: number; seeGoal?: boolean }[] = [
  { start: "(+ x (+ x (+ x x)))", goal: "(* 4 x)" },
  { start: "(* (pow 2 x) (pow 2 y))", goal: "(pow 2 (+ x y))" },
  { start: "(+ 1 (- a (* (- 2 1) a)))", goal: "1" },
  {
    start: "(/ 1 (- (/ (+ 1 (sqrt five)) 2) (/ (- 1 (sqrt five)) 2)))",
    goal: "(/ 1 (sqrt five))",
    nodeLimit: 75_000,
  },
  { start: "(* (+ x 3) (+ x 1))", goal: "(+ (+ (* x x) (* 4 x)) 3)" },
  { start: "(d x x)", goal: "1" },
  { start: "(d x y)", goal: "0" },
  { start: "(d x (+ 1 (* 2 x)))", goal: "2" },
  { start: "(d x (+ 1 (* y x)))", goal: "y" },
  { start: "(d x (ln x))", goal: "(/ 1 x)" },
  { start: "(d x (pow x 3))", goal: "(* 3 (pow x 2))" },
  // egg runs this one with 60 iterations and 100k nodes, the goal added first ("needs to see" it).
  {
    start: "(d x (- (pow x 3) (* 7 (pow x 2))))",
    goal: "(* x (- (* 3 x) 14))",
    nodeLimit: 100_000,
    seeGoal: true,
  },
  { start: "(i 1 x)", goal: "x" },
  { start: "(i (cos x) x)", goal: "(sin x)" },
  { start: "(i (pow x 1) x)", goal: "(/ (pow x 2) 2)" },
  { start: "(i (* x (cos x)) x)", goal: "(+ (* x (sin x)) (cos x))" },
  { start: "(i (* (cos x) x) x)", goal: "(+ (* x (sin x)) (cos x))" },
  { start: "(i (ln x) x)", goal: "(- (* x (ln x)) x)" },
];

/** The start terms of egg's goal tests. */
export const startTerms: readonly string[] = eggGoals.map((g) => g.start);

/** The throughput workload: seven roots in one e-graph. */
export const throughputRoots: readonly string[] = [
  "(i (ln x) x)",
  "(i (+ x (cos x)) x)",
  "(i (* (cos x) x) x)",
  "(d x (+ 1 (* 2 x)))",
  "(d x (- (pow x 3) (* 7 (pow x 2))))",
  "(+ (* y (+ x y)) (- (+ x 2) (+ x x)))",
  "(/ 1 (- (/ (+ 1 (sqrt five)) 2) (/ (- 1 (sqrt five)) 2)))",
];

/** egg's throughput figures from the reference (medians of 3). */
const eggThroughput: Record<
  string,
  { iterations: number; nodes: number; classes: number; s: number; extractMs: number }
> = {
  "backoff 10000": { iterations: 7, nodes: 10_135, classes: 2_682, s: 0.018, extractMs: 1.6 },
  "simple 10000": { iterations: 6, nodes: 13_572, classes: 3_716, s: 0.043, extractMs: 2.5 },
  "backoff 100000": { iterations: 36, nodes: 105_859, classes: 49_575, s: 1.27, extractMs: 92 },
  "simple 100000": { iterations: 7, nodes: 113_727, classes: 17_884, s: 0.27, extractMs: 12 },
  "simple 1000000": { iterations: 8, nodes: 1_143_914, classes: 255_984, s: 2.9, extractMs: 900 },
};

/** What egg reports for a start term run to the default limits (from the reference's summary). */
function eggSummary(start: string): string {
  if (start === "(d x (- (pow x 3) (* 7 (pow x 2))))") return "30 it, 9,695 nodes, 85 ms, cost 7";
  if (start.startsWith("(d ")) return "saturated, 4–10 it, 0.04–0.6 ms";
  if (start.startsWith("(i ")) return "node limit, 7–10 it, 17–35 ms";
  return "—";
}

const theory = eggTheory();
const parse = (text: string) => parseSExpr(text, { theory });

export interface StartTermResult {
  readonly start: string;
  readonly iterations: number;
  readonly hashconsNodes: number;
  readonly classes: number;
  readonly stopReason: string;
  readonly searchMs: number;
  readonly applyMs: number;
  readonly rebuildMs: number;
  readonly totalMs: number;
  readonly best: string;
  readonly cost: number;
  readonly egg: string;
}

/** One start term to egg's default limits (30 iterations, 10,000 nodes, 5 s, backoff), median of `repeats`. */
export function runStartTerm(start: string, repeats = 3): StartTermResult {
  const runs = Array.from({ length: repeats }, () => {
    const egraph = new EGraph({ analysis: eggAnalysis() });
    const root = egraph.add(parse(start));
    const report = runRewrites(egraph, eggRewrites(), {});
    const best = new Extractor(egraph, eggCost).best(root);
    return { report, best };
  });
  const times = runs.map((r) => r.report.totalMs);
  const middle = runs[times.indexOf(median(times))] ?? runs[0]!;
  const { report, best } = middle;
  return {
    start,
    iterations: report.iterations,
    hashconsNodes: report.hashconsSize,
    classes: report.classCount,
    stopReason: report.stopReason,
    searchMs: report.searchMs,
    applyMs: report.applyMs,
    rebuildMs: report.rebuildMs,
    totalMs: report.totalMs,
    best: printSExpr(best.term),
    cost: best.cost,
    egg: eggSummary(start),
  };
}

export interface GoalResult {
  readonly start: string;
  readonly goal: string;
  readonly proven: boolean;
  readonly iterations: number;
  readonly hashconsNodes: number;
  readonly ms: number;
}

/** Time to prove egg's goal (the run stops when it holds), median of `repeats`. */
export function runGoal(entry: (typeof eggGoals)[number], repeats = 3): GoalResult {
  const runs = Array.from({ length: repeats }, () => {
    const egraph = new EGraph({ analysis: eggAnalysis() });
    const root = egraph.add(parse(entry.start));
    if (entry.seeGoal) egraph.add(parse(entry.goal));
    return runRewrites(egraph, eggRewrites(), {
      ...(entry.nodeLimit === undefined ? {} : { nodeLimit: entry.nodeLimit }),
      ...(entry.seeGoal ? { iterLimit: 60, timeLimitMs: 10_000 } : {}),
      goal: provesEqual(root, [parse(entry.goal)]),
    });
  });
  const times = runs.map((r) => r.totalMs);
  const report = runs[times.indexOf(median(times))] ?? runs[0]!;
  return {
    start: entry.start,
    goal: entry.goal,
    proven: report.stopReason === "goal-reached",
    iterations: report.iterations,
    hashconsNodes: report.hashconsSize,
    ms: report.totalMs,
  };
}

export interface ThroughputResult {
  readonly scheduler: "simple" | "backoff";
  readonly nodeLimit: number;
  readonly iterations: number;
  readonly hashconsNodes: number;
  readonly classes: number;
  readonly seconds: number;
  /** CPU seconds of the whole process over the timed run (main thread plus JIT and GC threads). */
  readonly cpuSeconds: number;
  readonly nodesPerSecond: number;
  readonly extractMs: number;
  readonly peakMB: number;
  readonly stopReason: string;
}

/** The seven roots grown to `nodeLimit` hashcons nodes; the peak memory is this process's so far. */
export function runThroughput(scheduler: "simple" | "backoff", nodeLimit: number): ThroughputResult {
  const egraph = new EGraph({ analysis: eggAnalysis() });
  const rewrites = eggRewrites();
  const roots = throughputRoots.map((t) => egraph.add(parse(t)));
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const report = runRewrites(egraph, rewrites, {
    scheduler,
    nodeLimit,
    iterLimit: 1_000,
    timeLimitMs: 600_000,
  });
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStarted);
  const extractStart = performance.now();
  const extractor = new Extractor(egraph, eggCost);
  for (const root of roots) extractor.best(root);
  const extractMs = performance.now() - extractStart;
  return {
    scheduler,
    nodeLimit,
    iterations: report.iterations,
    hashconsNodes: report.hashconsSize,
    classes: report.classCount,
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    nodesPerSecond: report.hashconsSize / seconds,
    extractMs,
    peakMB: peakResidentMB(),
    stopReason: report.stopReason,
  };
}

/**
 * Runs a throughput case in a fresh Node process, so its time includes no earlier JIT warm-up
 * (`cold`) and its peak memory is its own. With `warm`, the child first runs the same workload
 * (up to 100k nodes) twice untimed, so the timed run measures compiled code, as a Rust build is.
 */
function runThroughputInChild(
  scheduler: "simple" | "backoff",
  nodeLimit: number,
  warm: boolean,
): ThroughputResult {
  const script = fileURLToPath(import.meta.url);
  const args = [script, "--child", scheduler, String(nodeLimit), ...(warm ? ["--warm"] : [])];
  const child = spawnSync(process.execPath, args, { encoding: "utf8", maxBuffer: 1 << 20 });
  if (child.status !== 0) throw new DsatError(`throughput child failed: ${child.stderr}`);
  const line = child.stdout.trim().split("\n").pop()!;
  return JSON.parse(line) as ThroughputResult;
}

/** The median-time result of `count` runs. */
function medianRun(count: number, once: () => ThroughputResult): ThroughputResult {
  const samples = Array.from({ length: count }, once);
  const times = samples.map((s) => s.seconds);
  return samples[times.indexOf(median(times))] ?? samples[0]!;
}

/** The whole benchmark: prints the tables and returns the figures. */
export function run(options: { quick?: boolean; repeats?: number } = {}): unknown {
  const repeats = options.repeats ?? 3;
  // One untimed pass first, so the per-term tables time compiled code (egg's figures are of a
  // Rust release build); the throughput table below also reports cold runs in fresh processes.
  for (const t of startTerms) runStartTerm(t, 1);
  for (const g of eggGoals) runGoal(g, 1);
  const perTerm = startTerms.map((t) => runStartTerm(t, repeats));
  printTable(
    "egg's math suite: each start term to egg's default limits (30 iterations, 10,000 nodes, 5 s, backoff), after a warm-up pass",
    perTerm.map((r) => ({
      start: r.start.length > 44 ? `${r.start.slice(0, 43)}…` : r.start,
      it: r.iterations,
      nodes: r.hashconsNodes,
      classes: r.classes,
      stop: r.stopReason,
      "search ms": r.searchMs,
      "apply ms": r.applyMs,
      "rebuild ms": r.rebuildMs,
      "total ms": r.totalMs,
      cost: r.cost,
      best: r.best.length > 40 ? `${r.best.slice(0, 39)}…` : r.best,
      egg: r.egg,
    })),
  );

  const goals = eggGoals.map((g) => runGoal(g, repeats));
  printTable(
    "egg's goal tests: time until the goal is proven, after a warm-up pass (egg: each under 2 ms; the largest 3,104 nodes in 1.8 ms)",
    goals.map((g) => ({
      start: g.start.length > 44 ? `${g.start.slice(0, 43)}…` : g.start,
      goal: g.goal,
      proven: g.proven ? "yes" : "NO",
      it: g.iterations,
      nodes: g.hashconsNodes,
      ms: g.ms,
    })),
  );

  const cases: ["simple" | "backoff", number][] = [
    ["backoff", 10_000],
    ["simple", 10_000],
    ["backoff", 100_000],
    ["simple", 100_000],
  ];
  if (!options.quick) cases.push(["simple", 1_000_000]);
  const throughput = cases.map(([scheduler, limit]) => {
    const count = limit >= 1_000_000 ? 1 : repeats;
    const cold = medianRun(count, () => runThroughputInChild(scheduler, limit, false));
    const warm = medianRun(count, () => runThroughputInChild(scheduler, limit, true));
    return { cold, warm };
  });
  printTable(
    "Throughput: the seven roots in one e-graph, each case in a fresh process (cold: first run; warm: after two untimed warm-up runs)",
    throughput.map(({ cold, warm }) => {
      const egg = eggThroughput[`${cold.scheduler} ${cold.nodeLimit}`]!;
      return {
        scheduler: cold.scheduler,
        limit: cold.nodeLimit,
        it: warm.iterations,
        nodes: warm.hashconsNodes,
        classes: warm.classes,
        "cold s": cold.seconds,
        "cold cpu s": cold.cpuSeconds,
        "warm s": warm.seconds,
        "warm cpu s": warm.cpuSeconds,
        "nodes/s warm": Math.round(warm.nodesPerSecond),
        "extract ms warm": warm.extractMs,
        "peak MB cold": Math.round(cold.peakMB),
        "egg it": egg.iterations,
        "egg nodes": egg.nodes,
        "egg classes": egg.classes,
        "egg s": egg.s,
        "egg nodes/s": Math.round(egg.nodes / egg.s),
        "egg extract ms": egg.extractMs,
      };
    }),
  );
  console.log("  egg's peak memory for its whole throughput process (incl. the 1.1M-node graph): 325 MB");
  const loadAverage = loadavg();
  console.log(
    `  load average while running: ${loadAverage.map((l) => l.toFixed(2)).join(" ")} on ${cpus().length} cores` +
      " (wall times stretch when other work shares the machine; cpu s is less affected)",
  );
  return { perTerm, goals, throughput, loadAverage, cores: cpus().length };
}

const invokedDirectly = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (invokedDirectly) {
  const args = process.argv.slice(2);
  if (args[0] === "--child") {
    const scheduler = args[1] as "simple" | "backoff";
    const limit = Number(args[2]);
    if (args.includes("--warm")) {
      // Two untimed runs: the second re-optimises what the first one's type feedback changed.
      // (No forced gc() afterwards: a full collection here discards compiled code and undoes the warm-up.)
      for (let i = 0; i < 2; i++) runThroughput(scheduler, Math.min(limit, 100_000));
    }
    console.log(JSON.stringify(runThroughput(scheduler, limit)));
  } else {
    run({ quick: args.includes("--quick") });
  }
}
