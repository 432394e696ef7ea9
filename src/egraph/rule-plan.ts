import type { Term } from "../term/term.js";
import { type HeadTable, operatorSetKey } from "./heads.js";
import { matcherOf, type PatternMatcher } from "./matcher-source.js";
import { patternEdges } from "./operator-edges.js";
import type { Rewrite } from "./rewrite.js";

/**
 * What a run of a list of rewrites looks up again and again, laid out flat once per list
 * (lists are reused: the simplifier runs the same few lists thousands of times):
 *
 * - every rule's operators, in `CompiledPattern.operators` order: rule `r`'s are the slots
 *   `operatorStart[r] .. operatorStart[r + 1]`, with their keys and arities, so the heads of
 *   all rules are looked up in one tight loop over `operatorKeys` (see {@link resolveHeads});
 * - every rule's ground terms, as slots into one list of distinct ground terms, so a run
 *   looks each distinct ground up once per iteration, whichever rules share it;
 * - per rule its generated matcher, and an earlier rule with the same left side (a twin).
 */
export interface RulePlan {
  readonly ruleCount: number;
  readonly operatorStart: Int32Array;
  readonly operatorKeys: Int32Array;
  readonly operatorArities: Int32Array;
  /** Per rule, the slot of its root operator, or -1 when the pattern is not rooted at one. */
  readonly rootSlot: Int32Array;
  /** Rule `r`'s grounds are `groundSlots[groundStart[r] .. groundStart[r + 1]]`, indices into `grounds`. */
  readonly groundStart: Int32Array;
  readonly groundSlots: Int32Array;
  /** The distinct ground terms of all the rules' left sides. */
  readonly grounds: readonly Term[];
  /** Rule `r`'s right-side build steps are the slots `stepStart[r] .. stepStart[r + 1]` (for their heads). */
  readonly stepStart: Int32Array;
  /**
   * Rule `r`'s parent-child operator pairs (see `patternEdges`) are
   * `edges[edgeStart[r] .. edgeStart[r + 1]]`, as (parent key, child key).
   */
  readonly edgeStart: Int32Array;
  readonly edges: Int32Array;
  /** Per rule, how many variables its left side binds. */
  readonly variableCounts: Int32Array;
  /** Per rule, an earlier rule with the same left side (hash-consed: the same term), or -1. */
  readonly twins: Int32Array;
  /**
   * Per rule, its generated matcher (null when it has none, see `matcherOf`), or undefined
   * until first asked for: a run compiles only the matchers of rules it searches.
   */
  readonly matchers: (PatternMatcher | null | undefined)[];
  /** {@link awakeRules} by set of operators present, bounded. */
  readonly awake: Map<string, Int32Array>;
}

const plans = new WeakMap<readonly Rewrite[], RulePlan>();

/** The plan of `rewrites`, made once per list. */
export function rulePlanOf(rewrites: readonly Rewrite[]): RulePlan {
  let plan = plans.get(rewrites);
  if (plan === undefined) {
    plan = makePlan(rewrites);
    plans.set(rewrites, plan);
  }
  return plan;
}

function makePlan(rewrites: readonly Rewrite[]): RulePlan {
  const ruleCount = rewrites.length;
  const operatorStart = new Int32Array(ruleCount + 1);
  const groundStart = new Int32Array(ruleCount + 1);
  const rootSlot = new Int32Array(ruleCount).fill(-1);
  const twins = new Int32Array(ruleCount).fill(-1);
  const variableCounts = new Int32Array(ruleCount);
  const stepStart = new Int32Array(ruleCount + 1);
  const edgeStart = new Int32Array(ruleCount + 1);
  const edges: number[] = [];
  const keys: number[] = [];
  const arities: number[] = [];
  const slots: number[] = [];
  const grounds: Term[] = [];
  const groundIndex = new Map<Term, number>();
  const firstWithLhs = new Map<Term, number>();
  const matchers: (PatternMatcher | null | undefined)[] = [];
  for (let r = 0; r < ruleCount; r++) {
    const searcher = rewrites[r]!.searcher;
    operatorStart[r] = keys.length;
    variableCounts[r] = searcher.variables.length;
    stepStart[r + 1] = stepStart[r]! + rewrites[r]!.steps.length;
    edgeStart[r] = edges.length;
    edges.push(...patternEdges(searcher));
    if (searcher.root.kind === "operator") rootSlot[r] = keys.length + searcher.root.operator;
    for (const operator of searcher.operators) {
      keys.push(operator.key);
      arities.push(operator.arity);
    }
    groundStart[r] = slots.length;
    for (const ground of searcher.grounds) {
      let index = groundIndex.get(ground);
      if (index === undefined) {
        index = grounds.length;
        grounds.push(ground);
        groundIndex.set(ground, index);
      }
      slots.push(index);
    }
    const earlier = firstWithLhs.get(searcher.term);
    if (earlier === undefined) firstWithLhs.set(searcher.term, r);
    else twins[r] = earlier;
    matchers.push(undefined);
  }
  operatorStart[ruleCount] = keys.length;
  groundStart[ruleCount] = slots.length;
  edgeStart[ruleCount] = edges.length;
  return {
    ruleCount,
    operatorStart,
    operatorKeys: Int32Array.from(keys),
    operatorArities: Int32Array.from(arities),
    rootSlot,
    groundStart,
    groundSlots: Int32Array.from(slots),
    grounds,
    stepStart,
    edgeStart,
    edges: Int32Array.from(edges),
    variableCounts,
    twins,
    matchers,
    awake: new Map(),
  };
}

/** Rule `r`'s matcher (see {@link RulePlan.matchers}), compiled on first use. */
export function planMatcher(plan: RulePlan, rewrites: readonly Rewrite[], r: number): PatternMatcher | null {
  let matcher = plan.matchers[r];
  if (matcher === undefined) {
    matcher = matcherOf(rewrites[r]!.searcher);
    plan.matchers[r] = matcher;
  }
  return matcher;
}

/** Operator sets whose {@link awakeRules} a plan remembers; past that it starts afresh. */
const AWAKE_CACHE_LIMIT = 1_000;

/**
 * The rules of `plan` that can match in an e-graph with `heads`: those whose every operator
 * has a head (the others wait until their operators are added), ascending. Remembered per
 * set of operators, since runs start again and again from the same few sets.
 */
export function awakeRules(plan: RulePlan, heads: HeadTable): Int32Array {
  const key = operatorSetKey(heads);
  let awake = plan.awake.get(key);
  if (awake === undefined) {
    const list: number[] = [];
    for (let r = 0; r < plan.ruleCount; r++) {
      let present = true;
      for (let k = plan.operatorStart[r]!, end = plan.operatorStart[r + 1]!; k < end && present; k++)
        present = heads.findOperatorByKey(plan.operatorKeys[k]!) >= 0;
      if (present) list.push(r);
    }
    awake = Int32Array.from(list);
    if (plan.awake.size >= AWAKE_CACHE_LIMIT) plan.awake.clear();
    plan.awake.set(key, awake);
  }
  return awake;
}

/**
 * Looks up the head of each operator slot of rule `r` in `heads` into `into`. Heads are
 * never removed, so once a rule's operators all have heads they stay the same for the run.
 */
export function resolveRuleHeads(plan: RulePlan, r: number, heads: HeadTable, into: Int32Array): void {
  for (let k = plan.operatorStart[r]!, end = plan.operatorStart[r + 1]!; k < end; k++)
    into[k] = heads.findOperatorByKey(plan.operatorKeys[k]!);
}
