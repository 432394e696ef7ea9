import type { Term } from "../term/term.js";
import type { ClassId, EGraph } from "./egraph.js";
import { ensureInt32 } from "./int-buffer.js";
import { Machine, MatchList, type ResolvedPattern } from "./machine.js";
import { Applier, type Rewrite } from "./rewrite.js";
import { backoffScheduler, type Scheduler, simpleScheduler } from "./scheduler.js";

/** Why a run stopped. Hitting a limit is a normal outcome, not an error. */
export type StopReason = "saturated" | "iteration-limit" | "node-limit" | "time-limit" | "goal-reached";

/** Limits and strategy of a run; egg's defaults. */
export interface RunnerOptions<D = unknown> {
  /** Most iterations (30): `iterLimit`, as in `simplify` and `--iter-limit`. */
  readonly iterLimit?: number;
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
 * A run's working storage (matcher, applier, and per rule a match list, flags and looked-up
 * heads), kept for the next run: small runs, such as the simplifier's, cost less when nothing
 * is allocated per rule per run. Taken from {@link spareScratch} while in use, so a nested
 * run gets its own.
 */
class RunScratch {
  readonly machine = new Machine();
  readonly applier = new Applier();
  readonly matchLists: MatchList[] = [];
  /** The heads, arities and ground classes of the active rules, as `Machine.searchPrepared` reads them. */
  readonly resolved = new ResolvedRules();
  /** Classes of ground terms, by term id, looked up once per iteration. */
  readonly groundMemo = new Map<number, number>();
  // Per rule (see `runRewrites`): whether its matches apply this iteration; whether it waits
  // for an operator; its root operator's head (-1 when not rooted at an operator); where its
  // operators' heads start in `resolved`.
  toApply = new Uint8Array(64);
  waiting = new Uint8Array(64);
  ruleRoot = new Int32Array(64);
  ruleHeads = new Int32Array(64);
  /** The rules still waiting, then (from index 0) the active rules in order. */
  waitingList = new Int32Array(64);
  active = new Int32Array(64);

  /** Makes room for `ruleCount` rules: none to apply, every one waiting, in the waiting list. */
  prepare(ruleCount: number): void {
    if (ruleCount > this.toApply.length) {
      const size = Math.max(ruleCount, 2 * this.toApply.length);
      this.toApply = new Uint8Array(size);
      this.waiting = new Uint8Array(size);
      this.ruleRoot = new Int32Array(size);
      this.ruleHeads = new Int32Array(size);
      this.waitingList = new Int32Array(size);
      this.active = new Int32Array(size);
    }
    this.toApply.fill(0, 0, ruleCount);
    this.waiting.fill(1, 0, ruleCount);
    for (let r = 0; r < ruleCount; r++) this.waitingList[r] = r;
  }

  /** Rule `rule`'s match list (made on first use). */
  matchList(rule: number): MatchList {
    while (this.matchLists.length <= rule) this.matchLists.push(new MatchList());
    return this.matchLists[rule]!;
  }
}

const spareScratch: RunScratch[] = [];

/** One {@link ResolvedPattern} for all the rules of a run, re-pointed at each rule before it searches. */
class ResolvedRules implements ResolvedPattern {
  heads = new Int32Array(256);
  arities = new Int32Array(256);
  headBase = 0;
  grounds = new Int32Array(16);
  groundBase = 0;
}

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
 * const report = runRewrites(egraph, compileRewrites(rules), { iterLimit: 10 });
 * report.stopReason; // "saturated"
 * ```
 */
export function runRewrites<D>(
  egraph: EGraph<D>,
  rewrites: readonly Rewrite[],
  options: RunnerOptions<D> = {},
): RunReport {
  const iterLimit = options.iterLimit ?? 30;
  const nodeLimit = options.nodeLimit ?? 10_000;
  const timeLimitMs = options.timeLimitMs ?? 5_000;
  const scheduler = schedulerOf(options.scheduler);
  const goal = options.goal;
  const started = performance.now();
  const scratch = spareScratch.pop() ?? new RunScratch();
  scratch.prepare(rewrites.length);
  const { machine, applier, toApply, waiting } = scratch;
  const twins = twinsOf(rewrites);
  const keys = operatorKeysOf(rewrites);
  // Per rule: the iteration of its last search, how many it found and its limit then.
  const searchedIn = new Array<number>(rewrites.length).fill(-1);
  const foundBy = new Array<number>(rewrites.length).fill(0);
  const limitOf = new Array<number>(rewrites.length).fill(0);
  // Counters per rule, kept by the report. Plain arrays: a typed array this size lives outside
  // the heap, and allocating and collecting it cost more than a small run's search.
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
    if (iterations >= iterLimit) return "iteration-limit";
    return undefined;
  };

  // A rule whose left side needs an operator the e-graph has no head for cannot match: it
  // waits, unsearched and unscheduled, until an operator is added (heads are never removed).
  // The others are listed in rule order, with their root operator's head (-1 for a pattern
  // rooted at a variable or a ground term), so an iteration visits only them.
  // A rule's heads are looked up once, when it wakes (heads never change once made).
  let operatorsSeen = -1;
  const { active, waitingList, ruleRoot, ruleHeads, resolved } = scratch;
  let activeCount = 0;
  let waitingCount = rewrites.length;
  let headsUsed = 0;
  const refreshWaiting = (): void => {
    const heads = egraph.heads;
    if (heads.operatorCount === operatorsSeen) return;
    operatorsSeen = heads.operatorCount;
    // Only the waiting rules are checked; the active list is remade when one wakes up.
    let kept = 0;
    for (let w = 0; w < waitingCount; w++) {
      const r = waitingList[w]!;
      let present = true;
      for (let k = keys.start[r]!, end = keys.start[r + 1]!; k < end && present; k++)
        present = heads.findOperatorByKey(keys.keys[k]!) >= 0;
      if (!present) {
        waitingList[kept++] = r;
        continue;
      }
      waiting[r] = 0;
      const searcher = rewrites[r]!.searcher;
      const operators = searcher.operators;
      ruleRoot[r] =
        searcher.root.kind === "operator"
          ? heads.findOperatorByKey(operators[searcher.root.operator]!.key)
          : -1;
      if (headsUsed + operators.length > resolved.heads.length) {
        resolved.heads = ensureInt32(resolved.heads, headsUsed + operators.length);
        resolved.arities = ensureInt32(resolved.arities, headsUsed + operators.length);
      }
      ruleHeads[r] = headsUsed;
      for (let i = 0; i < operators.length; i++) {
        resolved.heads[headsUsed + i] = heads.findOperatorByKey(operators[i]!.key);
        resolved.arities[headsUsed + i] = operators[i]!.arity;
      }
      headsUsed += operators.length;
    }
    if (kept === waitingCount) return;
    waitingCount = kept;
    let count = 0;
    for (let r = 0; r < rewrites.length; r++) if (waiting[r] === 0) active[count++] = r;
    activeCount = count;
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
    const byHeadLength = view.byHeadLength;
    const groundMemo = scratch.groundMemo;
    groundMemo.clear(); // classes of ground terms change with the unions of the last iteration
    toApply.fill(0, 0, rewrites.length);
    for (let a = 0; a < activeCount && stopReason === undefined; a++) {
      const r = active[a]!;
      // No class holds the root operator: the rule would find nothing (schedulers are not asked).
      const root = ruleRoot[r]!;
      if (root >= 0 && (root >= byHeadLength.length || byHeadLength[root] === 0)) continue;
      const searcher = rewrites[r]!.searcher;
      // A ground subterm absent from the e-graph: nothing can match either.
      if (!resolveGrounds(egraph, searcher.grounds, resolved, groundMemo)) continue;
      resolved.headBase = ruleHeads[r]!;
      const limit = scheduler.searchLimit(iteration, r);
      if (limit > 0) {
        const matches = scratch.matchList(r);
        // Rules with the same left side (the same pattern, e.g. `pow-add` under different
        // conditions) share one search per iteration, when the earlier one found all there is.
        const twin = twins[r]!;
        let found: number;
        if (
          twin >= 0 &&
          searchedIn[twin] === iteration &&
          (foundBy[twin]! < limitOf[twin]! || limitOf[twin]! >= limit)
        ) {
          matches.copyFrom(scratch.matchLists[twin]!);
          found = Math.min(matches.length, limit);
          matches.length = found;
        } else {
          found = machine.searchPrepared(view, searcher, resolved, limit, matches);
        }
        searchedIn[r] = iteration;
        foundBy[r] = found;
        limitOf[r] = limit;
        matchCounts[r]! += found;
        if (scheduler.shouldApply(iteration, r, found)) toApply[r] = 1;
        if (explaining && toApply[r] === 1) applier.prepareExplanations(egraph, rewrites[r]!, matches);
      }
      stopReason = limitReached(iteration);
    }
    const searched = performance.now();
    searchMs += searched - t;

    // Apply all matches, then restore the invariants once.
    let applied = 0;
    for (let a = 0; a < activeCount && stopReason === undefined; a++) {
      const r = active[a]!;
      if (toApply[r] === 1 && scratch.matchLists[r]!.length > 0) {
        const changed = applier.apply(egraph, rewrites[r]!, scratch.matchLists[r]!);
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

  spareScratch.push(scratch);
  return new Report(
    stopReason,
    iteration,
    egraph.hashconsSize,
    egraph.classCount,
    searchMs,
    applyMs,
    rebuildMs,
    performance.now() - started,
    scheduler,
    rewrites,
    matchCounts,
    appliedCounts,
    iterationReports,
  );
}

/** Each rule's operator keys, flat: rule `r`'s are `keys[start[r] .. start[r + 1])`. */
interface OperatorKeys {
  readonly keys: Int32Array;
  readonly start: Int32Array;
}

const keyCache = new WeakMap<readonly Rewrite[], OperatorKeys>();

/** The operator keys of every rule of `rewrites`, made once per list (the waiting check reads them). */
function operatorKeysOf(rewrites: readonly Rewrite[]): OperatorKeys {
  let table = keyCache.get(rewrites);
  if (table === undefined) {
    const start = new Int32Array(rewrites.length + 1);
    const keys: number[] = [];
    rewrites.forEach((rewrite, r) => {
      start[r] = keys.length;
      for (const operator of rewrite.searcher.operators) keys.push(operator.key);
    });
    start[rewrites.length] = keys.length;
    table = { keys: Int32Array.from(keys), start };
    keyCache.set(rewrites, table);
  }
  return table;
}

const twinCache = new WeakMap<readonly Rewrite[], readonly number[]>();

/** Per rule, an earlier rule of `rewrites` with the same left side (hash-consed: the same term), or -1. */
function twinsOf(rewrites: readonly Rewrite[]): readonly number[] {
  let twins = twinCache.get(rewrites);
  if (twins === undefined) {
    const first = new Map<Term, number>();
    twins = rewrites.map((rewrite, r) => {
      const earlier = first.get(rewrite.searcher.term);
      if (earlier === undefined) first.set(rewrite.searcher.term, r);
      return earlier ?? -1;
    });
    twinCache.set(rewrites, twins);
  }
  return twins;
}

/**
 * Looks up the classes of a pattern's ground subterms into `resolved.grounds` (from 0),
 * each term once per iteration through `memo`; false when one is absent from the e-graph.
 */
function resolveGrounds<D>(
  egraph: EGraph<D>,
  grounds: readonly Term[],
  resolved: ResolvedRules,
  memo: Map<number, number>,
): boolean {
  resolved.groundBase = 0;
  if (grounds.length === 0) return true;
  resolved.grounds = ensureInt32(resolved.grounds, grounds.length);
  for (let g = 0; g < grounds.length; g++) {
    const term = grounds[g]!;
    let id = memo.get(term.id);
    if (id === undefined) {
      id = egraph.lookup(term) ?? -1;
      memo.set(term.id, id);
    }
    if (id < 0) return false;
    resolved.grounds[g] = id;
  }
  return true;
}

/** A {@link RunReport} whose per-rule reports are made only if someone reads them. */
class Report implements RunReport {
  private ruleReports: RuleReport[] | undefined;
  readonly scheduler: string;

  constructor(
    readonly stopReason: StopReason,
    readonly iterations: number,
    readonly hashconsSize: number,
    readonly classCount: number,
    readonly searchMs: number,
    readonly applyMs: number,
    readonly rebuildMs: number,
    readonly totalMs: number,
    private readonly ruleScheduler: Scheduler,
    private readonly rewrites: readonly Rewrite[],
    private readonly matchCounts: readonly number[],
    private readonly appliedCounts: readonly number[],
    readonly iterationReports: readonly IterationReport[],
  ) {
    this.scheduler = ruleScheduler.name;
  }

  get rules(): readonly RuleReport[] {
    this.ruleReports ??= this.rewrites.map((rewrite, r) => ({
      name: rewrite.name,
      matches: this.matchCounts[r]!,
      applied: this.appliedCounts[r]!,
      bans: this.ruleScheduler.bans(r),
    }));
    return this.ruleReports;
  }

  /** The report as plain data (what `JSON.stringify` writes). */
  toJSON(): object {
    return {
      stopReason: this.stopReason,
      iterations: this.iterations,
      hashconsSize: this.hashconsSize,
      classCount: this.classCount,
      searchMs: this.searchMs,
      applyMs: this.applyMs,
      rebuildMs: this.rebuildMs,
      totalMs: this.totalMs,
      scheduler: this.scheduler,
      rules: this.rules,
      iterationReports: this.iterationReports,
    };
  }
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
