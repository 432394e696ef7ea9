import { performance } from "node:perf_hooks";
import type { Term } from "../term/term.js";
import type { ClassId, EGraph } from "./egraph.js";
import { Machine, MatchList } from "./machine.js";
import { Applier, type Rewrite } from "./rewrite.js";
import { backoffScheduler, type Scheduler, simpleScheduler } from "./scheduler.js";

/** Why a run stopped. Hitting a limit is a normal outcome, not an error. */
export type StopReason = "saturated" | "iteration-limit" | "node-limit" | "time-limit" | "goal-reached";

/** Limits and strategy of a run; egg's defaults. */
export interface RunnerOptions<D = unknown> {
  /** Most iterations (30). */
  readonly iterationLimit?: number;
  /** Stop once the hashcons holds more nodes than this (10,000). */
  readonly nodeLimit?: number;
  /** Stop once the run has taken longer than this, in ms (5,000). */
  readonly timeLimitMs?: number;
  /** `"backoff"` (default, egg's) or `"simple"`, or a scheduler of your own. */
  readonly scheduler?: "simple" | "backoff" | Scheduler;
  /** Checked before the first iteration and after each: stop with `goal-reached` when true. */
  readonly goal?: (egraph: EGraph<D>) => boolean;
  /** Called after each iteration with its report. */
  readonly onIteration?: (report: IterationReport) => void;
}

/** What one iteration did. */
export interface IterationReport {
  readonly iteration: number;
  readonly hashconsSize: number;
  readonly classCount: number;
  /** Applications that merged two classes. */
  readonly applied: number;
  /** Unions caused by congruence during the rebuild. */
  readonly congruences: number;
  readonly searchMs: number;
  readonly applyMs: number;
  readonly rebuildMs: number;
}

/** Per rewrite, over the whole run. */
export interface RuleReport {
  readonly name: string;
  /** Matches found by search (before conditions), including those a ban threw away. */
  readonly matches: number;
  /** Applications that merged two classes. */
  readonly applied: number;
  /** Times the backoff scheduler banned the rule. */
  readonly bans: number;
}

/** The outcome of {@link runRewrites}. */
export interface RunReport {
  readonly stopReason: StopReason;
  readonly iterations: number;
  readonly hashconsSize: number;
  readonly classCount: number;
  readonly searchMs: number;
  readonly applyMs: number;
  readonly rebuildMs: number;
  readonly totalMs: number;
  readonly scheduler: string;
  readonly rules: readonly RuleReport[];
  readonly iterationReports: readonly IterationReport[];
}

/**
 * Match lists of finished runs, reused by the next: a run makes one per rule, and growing
 * their storage again on every small run cost more than the search. Popped while in use.
 */
const spareMatchLists: MatchList[] = [];
const MAX_SPARE_MATCH_LISTS = 4_096;

function schedulerOf(option: RunnerOptions["scheduler"]): Scheduler {
  if (option === undefined || option === "backoff") return backoffScheduler();
  if (option === "simple") return simpleScheduler();
  return option;
}

/**
 * Equality saturation (egg's `Runner`): each iteration searches every rule the scheduler
 * allows on the rebuilt e-graph, then applies all the matches, then rebuilds once. Stops
 * when an iteration changes nothing (`saturated`), or at the iteration, node or time
 * limit, or when the goal holds. Limits are checked after every rule's search and apply,
 * as egg does, so a run overshoots the node limit by at most one rule's applications.
 * Deterministic: the same e-graph and rules give the same result.
 *
 * @example
 * ```ts
 * const egraph = new EGraph({ analysis: constantFolding(theory) });
 * const root = egraph.add(parseSExpr("(+ x (+ x (+ x x)))", { theory }));
 * const report = runRewrites(egraph, compileRewrites(rules), { iterationLimit: 10 });
 * report.stopReason; // "saturated"
 * ```
 */
export function runRewrites<D>(
  egraph: EGraph<D>,
  rewrites: readonly Rewrite[],
  options: RunnerOptions<D> = {},
): RunReport {
  const iterationLimit = options.iterationLimit ?? 30;
  const nodeLimit = options.nodeLimit ?? 10_000;
  const timeLimitMs = options.timeLimitMs ?? 5_000;
  const scheduler = schedulerOf(options.scheduler);
  const goal = options.goal;
  const started = performance.now();
  const machine = new Machine();
  const applier = new Applier();
  const matchLists = rewrites.map(() => spareMatchLists.pop() ?? new MatchList());
  // Plain arrays: typed arrays of this size cost more to allocate than a small run's search.
  const toApply = new Array<number>(rewrites.length).fill(0);
  const matchCounts = new Array<number>(rewrites.length).fill(0);
  const appliedCounts = new Array<number>(rewrites.length).fill(0);
  const iterationReports: IterationReport[] = [];
  // With explanations on, each match's left side is looked up while the e-graph is clean.
  const explaining = egraph.explanations !== undefined;
  let searchMs = 0;
  let applyMs = 0;
  let rebuildMs = 0;

  // The clock is read at each iteration's start and on every 16th check between: reading it
  // after every rule's search cost more than searching a small e-graph.
  let checks = 0;
  const limitReached = (iterations: number, readClock = (checks++ & 15) === 0): StopReason | undefined => {
    if (readClock && performance.now() - started > timeLimitMs) return "time-limit";
    if (egraph.hashconsSize > nodeLimit) return "node-limit";
    if (iterations >= iterationLimit) return "iteration-limit";
    return undefined;
  };

  // A rule whose left side needs an operator the e-graph has no head for cannot match: it
  // waits, unsearched and unscheduled, until an operator is added (heads are never removed).
  const waiting = new Array<number>(rewrites.length).fill(1);
  let operatorsSeen = -1;
  const refreshWaiting = (): void => {
    const heads = egraph.heads;
    if (heads.operatorCount === operatorsSeen) return;
    operatorsSeen = heads.operatorCount;
    for (let r = 0; r < rewrites.length; r++) {
      if (waiting[r] === 0) continue;
      const operators = rewrites[r]!.searcher.operators;
      let present = true;
      for (let i = 0; i < operators.length && present; i++)
        present = heads.findOperatorByKey(operators[i]!.key) >= 0;
      if (present) waiting[r] = 0;
    }
  };

  scheduler.start(rewrites.length);
  let t = performance.now();
  egraph.rebuild();
  rebuildMs += performance.now() - t;
  let stopReason: StopReason | undefined = goal?.(egraph) ? "goal-reached" : undefined;
  let iteration = 0;
  while (stopReason === undefined) {
    stopReason = limitReached(iteration, true);
    if (stopReason !== undefined) break;
    const sizeBefore = egraph.hashconsSize;
    const classesBefore = egraph.classCount;

    // Search every rule on the same rebuilt e-graph.
    t = performance.now();
    refreshWaiting();
    const view = egraph.searchView();
    const heads = egraph.heads;
    for (let r = 0; r < rewrites.length && stopReason === undefined; r++) {
      toApply[r] = 0;
      if (waiting[r] === 1) continue;
      // No class holds the root operator: the rule would find nothing (schedulers are not asked).
      const searcher = rewrites[r]!.searcher;
      if (searcher.root.kind === "operator") {
        const head = heads.findOperatorByKey(searcher.operators[searcher.root.operator]!.key);
        if (head >= view.byHeadLength.length || view.byHeadLength[head] === 0) continue;
      }
      const limit = scheduler.searchLimit(iteration, r);
      matchLists[r]!.reset(rewrites[r]!.searcher.variables.length);
      if (limit > 0) {
        const found = machine.search(egraph, rewrites[r]!.searcher, limit, matchLists[r]!);
        matchCounts[r]! += found;
        if (scheduler.shouldApply(iteration, r, found)) toApply[r] = 1;
        if (explaining && toApply[r] === 1) applier.prepareExplanations(egraph, rewrites[r]!, matchLists[r]!);
      }
      stopReason = limitReached(iteration);
    }
    const searched = performance.now();
    searchMs += searched - t;

    // Apply all matches, then restore the invariants once.
    let applied = 0;
    for (let r = 0; r < rewrites.length && stopReason === undefined; r++) {
      if (toApply[r] === 1 && matchLists[r]!.length > 0) {
        const changed = applier.apply(egraph, rewrites[r]!, matchLists[r]!);
        appliedCounts[r]! += changed;
        applied += changed;
      }
      stopReason = limitReached(iteration);
    }
    const appliedAt = performance.now();
    applyMs += appliedAt - searched;
    const congruences = egraph.rebuild();
    const rebuilt = performance.now();
    rebuildMs += rebuilt - appliedAt;

    const report: IterationReport = {
      iteration,
      hashconsSize: egraph.hashconsSize,
      classCount: egraph.classCount,
      applied,
      congruences,
      searchMs: searched - t,
      applyMs: appliedAt - searched,
      rebuildMs: rebuilt - appliedAt,
    };
    iterationReports.push(report);
    options.onIteration?.(report);
    if (stopReason === undefined) {
      const unchanged = egraph.hashconsSize === sizeBefore && egraph.classCount === classesBefore;
      if (goal?.(egraph)) stopReason = "goal-reached";
      // As egg: nothing applied, no rule still banned (bans are cut short otherwise), no growth.
      else if (applied === 0 && scheduler.canStop(iteration) && unchanged) stopReason = "saturated";
    }
    iteration++;
    if (stopReason === undefined) stopReason = limitReached(iteration);
  }

  if (spareMatchLists.length < MAX_SPARE_MATCH_LISTS) spareMatchLists.push(...matchLists);
  return {
    stopReason,
    iterations: iteration,
    hashconsSize: egraph.hashconsSize,
    classCount: egraph.classCount,
    searchMs,
    applyMs,
    rebuildMs,
    totalMs: performance.now() - started,
    scheduler: scheduler.name,
    rules: rewrites.map((rewrite, r) => ({
      name: rewrite.name,
      matches: matchCounts[r]!,
      applied: appliedCounts[r]!,
      bans: scheduler.bans(r),
    })),
    iterationReports,
  };
}

/**
 * A goal for {@link RunnerOptions.goal}: `start`'s class holds every term in `targets`
 * (looked up each time, never added, so checking does not change the e-graph).
 *
 * @example
 * ```ts
 * const root = egraph.add(start);
 * runRewrites(egraph, rewrites, { goal: provesEqual(root, [parseSExpr("(* 4 x)", { theory })]) });
 * ```
 */
export function provesEqual(start: ClassId, targets: readonly Term[]): <D>(egraph: EGraph<D>) => boolean {
  return (egraph) => {
    for (const target of targets) {
      const id = egraph.lookup(target);
      if (id === undefined || egraph.find(id) !== egraph.find(start)) return false;
    }
    return true;
  };
}
