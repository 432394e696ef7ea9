import { limitOption, timeLimitOption } from "../limit-option.js";
import type { Term } from "../term/term.js";
import type { ClassId, EGraph } from "./egraph.js";
import { ensureInt32 } from "./int-buffer.js";
import { Machine, MatchList, type ResolvedPattern } from "./machine.js";
import { OperatorEdges } from "./operator-edges.js";
import { Applier, type Rewrite, rightSideHeads } from "./rewrite.js";
import { awakeRules, planMatcher, type RulePlan, resolveRuleHeads, rulePlanOf } from "./rule-plan.js";
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
 * A run's working storage (matcher, applier, and per rule a match list, flags, counters and
 * looked-up heads), kept for the next run: small runs, such as the simplifier's, cost less
 * when nothing is allocated per rule per run. Taken from {@link spareScratch} while in use,
 * so a nested run gets its own.
 */
class RunScratch {
  readonly machine = new Machine();
  readonly applier = new Applier();
  /** Per rule, its matches of its last search that found any. */
  readonly matchLists: MatchList[] = [];
  /** The default scheduler, reused from run to run (its report is taken at the end of each). */
  readonly backoff = backoffScheduler();
  /** The operator pairs of the e-graph being searched (see `OperatorEdges`). */
  readonly edges = new OperatorEdges();
  /** The list each search fills first (see `keepProbe`). */
  probe = new MatchList();
  /** The heads, arities and ground classes of the active rules, as `Machine.searchPrepared` reads them. */
  readonly resolved = new ResolvedRules();
  /** The rules to apply this iteration (that found matches the scheduler lets apply), in rule order. */
  toApply = new Int32Array(64);
  /** Per rule: 1 once it has applied in this run (its right-side heads are in `stepHeads`). */
  appliedBefore = new Uint8Array(64);
  // Per rule (see `runRewrites`): whether it waits for an operator; its root operator's head
  // (-1 when not rooted at an operator).
  waiting = new Uint8Array(64);
  ruleRoot = new Int32Array(64);
  // Per rule, for twins: the iteration of its last search, how many it found and its limit
  // then (which may be Infinity). Then the counters the report keeps.
  searchedIn = new Float64Array(64);
  foundBy = new Float64Array(64);
  limitOf = new Float64Array(64);
  matchCounts = new Float64Array(64);
  appliedCounts = new Float64Array(64);
  // Per distinct ground term of the rules (see `RulePlan.grounds`): its class, looked up once
  // per iteration, and the epoch it was looked up in (each iteration of each run has its own).
  groundClass = new Int32Array(16);
  groundStamp = new Int32Array(16);
  /** The heads of the rules' right-side steps (see `RulePlan.stepStart`), per rule once it applies. */
  stepHeads = new Int32Array(64);
  private groundEpoch = 0;

  /** A new epoch for `groundStamp`, for the next iteration: the classes looked up so far are stale. */
  nextGroundEpoch(): number {
    if (this.groundEpoch === 0x7fff_ffff) {
      this.groundStamp.fill(0);
      this.groundEpoch = 0;
    }
    return ++this.groundEpoch;
  }

  /** Makes room for `plan`'s rules: none to apply, every one waiting. */
  prepare(plan: RulePlan): void {
    const ruleCount = plan.ruleCount;
    if (ruleCount > this.toApply.length) {
      const size = Math.max(ruleCount, 2 * this.toApply.length);
      this.toApply = new Int32Array(size);
      this.appliedBefore = new Uint8Array(size);
      this.waiting = new Uint8Array(size);
      this.ruleRoot = new Int32Array(size);
      this.searchedIn = new Float64Array(size);
      this.foundBy = new Float64Array(size);
      this.limitOf = new Float64Array(size);
      this.matchCounts = new Float64Array(size);
      this.appliedCounts = new Float64Array(size);
    }
    this.appliedBefore.fill(0, 0, ruleCount);
    this.waiting.fill(1, 0, ruleCount);
    this.searchedIn.fill(-1, 0, ruleCount);
    this.matchCounts.fill(0, 0, ruleCount);
    this.appliedCounts.fill(0, 0, ruleCount);
    const resolved = this.resolved;
    resolved.heads = ensureInt32(resolved.heads, plan.operatorKeys.length);
    resolved.arities = plan.operatorArities;
    resolved.grounds = ensureInt32(resolved.grounds, plan.groundSlots.length);
    this.groundClass = ensureInt32(this.groundClass, plan.grounds.length);
    this.groundStamp = ensureInt32(this.groundStamp, plan.grounds.length);
    this.stepHeads = ensureInt32(this.stepHeads, plan.stepStart[ruleCount]!);
  }

  /** Rule `rule`'s match list (made on first use). */
  listFor(rule: number): MatchList {
    while (this.matchLists.length <= rule) this.matchLists.push(new MatchList());
    return this.matchLists[rule]!;
  }

  /** Makes the probe rule `rule`'s match list, and its old list the probe. */
  keepProbe(rule: number): void {
    const own = this.listFor(rule);
    this.matchLists[rule] = this.probe;
    this.probe = own;
  }
}

const spareScratch: RunScratch[] = [];
/**
 * E-graphs with at most this many canonical nodes are searched with the operator-pair filter
 * and the shared probe list; larger ones without (see `runRewrites`).
 */
const SMALL_EGRAPH_NODES = 4_096;
const NO_RULES = new Int32Array(0);

/**
 * One {@link ResolvedPattern} for all the rules of a run, re-pointed at each rule before it
 * searches: rule `r`'s heads start at its first operator slot in the run's {@link RulePlan},
 * its ground classes at its first ground slot.
 */
class ResolvedRules implements ResolvedPattern {
  heads = new Int32Array(256);
  arities: Int32Array = new Int32Array(256);
  headBase = 0;
  grounds = new Int32Array(16);
  groundBase = 0;
}

function schedulerOf(option: RunnerOptions["scheduler"], scratch: RunScratch): Scheduler {
  if (option === undefined || option === "backoff") return scratch.backoff;
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
  const iterLimit = limitOption("iterLimit", options.iterLimit, 30);
  const nodeLimit = limitOption("nodeLimit", options.nodeLimit, 10_000);
  const timeLimitMs = timeLimitOption("timeLimitMs", options.timeLimitMs, 5_000);
  const scratch = spareScratch.pop() ?? new RunScratch();
  const scheduler = schedulerOf(options.scheduler, scratch);
  const goal = options.goal;
  const started = performance.now();
  const plan = rulePlanOf(rewrites);
  scratch.prepare(plan);
  const { machine, applier, toApply, appliedBefore, waiting } = scratch;
  const { searchedIn, foundBy, limitOf, matchCounts, appliedCounts } = scratch;
  const twins = plan.twins;
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
  // The others are active, in rule order, with their root operator's head (-1 for a pattern
  // rooted at a variable or a ground term), so an iteration visits only them. A rule's heads
  // are looked up once, when it wakes.
  let operatorsSeen = -1;
  const { ruleRoot, resolved } = scratch;
  let active: Int32Array = NO_RULES;
  const refreshWaiting = (): void => {
    const heads = egraph.heads;
    if (heads.operatorCount === operatorsSeen) return;
    operatorsSeen = heads.operatorCount;
    active = awakeRules(plan, heads);
    for (let a = 0; a < active.length; a++) {
      const r = active[a]!;
      if (waiting[r] === 0) continue;
      waiting[r] = 0;
      resolveRuleHeads(plan, r, heads, resolved.heads);
      const rootSlot = plan.rootSlot[r]!;
      ruleRoot[r] = rootSlot >= 0 ? resolved.heads[rootSlot]! : -1;
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
    const byHeadLength = view.byHeadLength;
    let applyCount = 0;
    const groundEpoch = scratch.nextGroundEpoch();
    // The e-graph's operator pairs, read at the first search that needs them this iteration.
    const edges = scratch.edges;
    let edgesOf = -1;
    // Reading the pairs costs a pass over the e-graph per iteration: worth it while the graph
    // is small (a simplifier's run, where most rules fail on a missing pair), not at 100,000
    // nodes, where nearly every pair occurs and the pass only adds to each iteration.
    const small = egraph.nodeCount <= SMALL_EGRAPH_NODES;
    for (let a = 0; a < active.length && stopReason === undefined; a++) {
      const r = active[a]!;
      // No class holds the root operator: the rule would find nothing (schedulers are not asked).
      const root = ruleRoot[r]!;
      if (root >= 0 && (root >= byHeadLength.length || byHeadLength[root] === 0)) continue;
      // A ground subterm absent from the e-graph: nothing can match either.
      if (!resolveGrounds(egraph, plan, r, scratch, groundEpoch)) continue;
      resolved.headBase = plan.operatorStart[r]!;
      const limit = scheduler.searchLimit(iteration, r);
      if (limit > 0) {
        // Rules with the same left side (the same pattern, e.g. `pow-add` under different
        // conditions) share one search per iteration, when the earlier one found all there is.
        const twin = twins[r]!;
        let found: number;
        if (
          twin >= 0 &&
          searchedIn[twin] === iteration &&
          (foundBy[twin]! < limitOf[twin]! || limitOf[twin]! >= limit)
        ) {
          found = Math.min(foundBy[twin]!, limit);
          if (found > 0) {
            const matches = scratch.listFor(r);
            matches.copyFrom(scratch.matchLists[twin]!);
            matches.length = found;
          }
        } else {
          // In a small e-graph, searched into the probe list, which becomes the rule's own when
          // it found something: most searches find nothing, and one list reused stays in the
          // cache. In a large one, into the rule's own list, whose room fits its usual matches
          // (lists passed around would keep growing afresh).
          const probe = small ? scratch.probe : scratch.listFor(r);
          const matcher = machine.generated ? planMatcher(plan, rewrites, r) : null;
          const edgeStart = plan.edgeStart[r]!;
          const edgeEnd = plan.edgeStart[r + 1]!;
          if (small && edgeStart < edgeEnd && edgesOf !== iteration) {
            edges.compute(view, egraph.heads);
            edgesOf = iteration;
          }
          if (small && edgeStart < edgeEnd && !edges.allPresent(plan.edges, edgeStart, edgeEnd)) {
            // An operator pair the pattern needs occurs nowhere: it would find nothing.
            found = 0;
          } else if (matcher !== null) {
            // The generated matcher, called directly (what `searchPrepared` would do).
            probe.reset(plan.variableCounts[r]!);
            found = matcher(
              view,
              resolved.heads,
              resolved.headBase,
              resolved.grounds,
              resolved.groundBase,
              probe,
              limit,
            );
          } else found = machine.searchPrepared(view, rewrites[r]!.searcher, resolved, limit, probe);
          if (small && found > 0) scratch.keepProbe(r);
        }
        searchedIn[r] = iteration;
        foundBy[r] = found;
        limitOf[r] = limit;
        matchCounts[r]! += found;
        if (scheduler.shouldApply(iteration, r, found) && found > 0) {
          toApply[applyCount++] = r;
          if (explaining) applier.prepareExplanations(egraph, rewrites[r]!, scratch.matchLists[r]!);
        }
      }
      stopReason = limitReached(iteration);
    }
    const searched = performance.now();
    searchMs += searched - t;

    // Apply all matches, then restore the invariants once: the rules listed in `toApply`, in
    // rule order, each with the matches it found this iteration. (A rule applying nothing
    // changes nothing, so the limits need no check after it.)
    let applied = 0;
    for (let k = 0; k < applyCount && stopReason === undefined; k++) {
      const r = toApply[k]!;
      // A rule's right-side heads are looked up at its first application in the run.
      if (appliedBefore[r] === 0) {
        appliedBefore[r] = 1;
        rightSideHeads(egraph, rewrites[r]!, scratch.stepHeads, plan.stepStart[r]!);
      }
      const changed = applier.apply(
        egraph,
        rewrites[r]!,
        scratch.matchLists[r]!,
        scratch.stepHeads,
        plan.stepStart[r]!,
      );
      appliedCounts[r]! += changed;
      applied += changed;
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

  // The counters of the rules that matched or were banned, as (rule, matches, applied, bans)
  // quadruples: the scratch arrays and the scheduler are reused by the next run, and most
  // rules match nothing.
  const counts: number[] = [];
  for (let r = 0; r < rewrites.length; r++) {
    const bans = scheduler.bans(r);
    if (matchCounts[r]! > 0 || appliedCounts[r]! > 0 || bans > 0)
      counts.push(r, matchCounts[r]!, appliedCounts[r]!, bans);
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
    scheduler.name,
    rewrites,
    counts,
    iterationReports,
  );
}

/**
 * Looks up the classes of rule `r`'s ground subterms into `scratch.resolved.grounds` (from
 * its first ground slot), each distinct term once per iteration (`stamp` is its epoch);
 * false when one is absent from the e-graph.
 */
function resolveGrounds<D>(
  egraph: EGraph<D>,
  plan: RulePlan,
  r: number,
  scratch: RunScratch,
  stamp: number,
): boolean {
  const start = plan.groundStart[r]!;
  const end = plan.groundStart[r + 1]!;
  const resolved = scratch.resolved;
  resolved.groundBase = start;
  if (start === end) return true;
  const groundClass = scratch.groundClass;
  const groundStamp = scratch.groundStamp;
  for (let g = start; g < end; g++) {
    const slot = plan.groundSlots[g]!;
    let id: number;
    if (groundStamp[slot] === stamp) id = groundClass[slot]!;
    else {
      id = egraph.lookup(plan.grounds[slot]!) ?? -1;
      groundClass[slot] = id;
      groundStamp[slot] = stamp;
    }
    if (id < 0) return false;
    resolved.grounds[g] = id;
  }
  return true;
}

/** A {@link RunReport} whose per-rule reports are made only if someone reads them. */
class Report implements RunReport {
  private ruleReports: RuleReport[] | undefined;

  constructor(
    readonly stopReason: StopReason,
    readonly iterations: number,
    readonly hashconsSize: number,
    readonly classCount: number,
    readonly searchMs: number,
    readonly applyMs: number,
    readonly rebuildMs: number,
    readonly totalMs: number,
    readonly scheduler: string,
    private readonly rewrites: readonly Rewrite[],
    /** (rule, matches, applied, bans) for each rule that matched or was banned; the others did nothing. */
    private readonly counts: readonly number[],
    readonly iterationReports: readonly IterationReport[],
  ) {}

  get rules(): readonly RuleReport[] {
    if (this.ruleReports === undefined) {
      const reports = this.rewrites.map((rewrite) => ({
        name: rewrite.name,
        matches: 0,
        applied: 0,
        bans: 0,
      }));
      for (let i = 0; i < this.counts.length; i += 4) {
        const report = reports[this.counts[i]!]!;
        report.matches = this.counts[i + 1]!;
        report.applied = this.counts[i + 2]!;
        report.bans = this.counts[i + 3]!;
      }
      this.ruleReports = reports;
    }
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
