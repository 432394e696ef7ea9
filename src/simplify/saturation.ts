import type { Analysis } from "../egraph/analysis.js";
import { SIGN_ANY, SIGN_NEGATIVE, SIGN_POSITIVE, SIGN_ZERO, type SignMask } from "../egraph/analysis.js";
import { type ArithmeticFacts, arithmeticAnalysis, assumeSign } from "../egraph/arithmetic-analysis.js";
import { FoldingTable } from "../egraph/constant-folding.js";
import { type ClassId, EGraph } from "../egraph/egraph.js";
import { Extractor } from "../egraph/extract.js";
import { type HeadTable, operatorSetKey } from "../egraph/heads.js";
import type { NodeId } from "../egraph/node-store.js";
import { type Rewrite, rewritesOfSet } from "../egraph/rewrite.js";
import { runRewrites } from "../egraph/runner.js";
import type { DomainFacts } from "../rules/domain-facts.js";
import type { SignFact } from "../rules/predicates.js";
import type { RuleSet } from "../rules/rule.js";
import type { Term } from "../term/term.js";
import { TermIdMap } from "../term/term-id-map.js";
import type { Theory } from "../theory.js";
import { type CostFunction, treeSizeCost } from "./cost.js";

/**
 * The simplifier's equality-saturation step, on the e-graph engine (src/egraph/): start from
 * several terms already known to be equal, saturate with rule sets under limits, extract the
 * cheapest term of the start class.
 */

/** Limits of one saturation run. */
export interface SaturationLimits {
  /** Stop when the e-graph has more e-nodes than this. */
  readonly nodeLimit: number;
  /** Stop after this many iterations (rounds of matching every rule, then rebuilding). */
  readonly iterLimit: number;
  /** Stop after this many milliseconds. */
  readonly timeLimitMs: number;
}

/** Why saturation stopped; `skipped` when it did not run (e.g. the start terms alone exceed the node limit). */
export type StopReason =
  | "saturated"
  | "iteration-limit"
  | "node-limit"
  | "time-limit"
  | "goal-reached"
  | "skipped";

export interface SaturationOptions extends SaturationLimits {
  readonly theory: Theory;
  readonly ruleSets: readonly RuleSet[];
  readonly cost: CostFunction;
  /** `backoff` (default: bans rules that match too often, e.g. associativity) or `simple`. */
  readonly scheduler?: "backoff" | "simple";
  /** Shown the saturated, rebuilt e-graph and the start's class before extraction. */
  readonly onSaturated?: (egraph: EGraph<unknown>, root: ClassId) => void;
  /**
   * Facts that hold wherever the seeds are defined (the input's domain): their classes get
   * the signs they state, so `nonzero?` and the like can use them.
   */
  readonly facts?: DomainFacts;
  /** Leave out the rules marked `:widens-domain` (whose right side may be defined more widely). */
  readonly strictDomain?: boolean;
}

export interface SaturationResult {
  /**
   * The cheapest term found; `undefined` when saturation was skipped or every term equal to
   * the start is a constant beyond double range.
   */
  readonly term: Term | undefined;
  readonly stopReason: StopReason;
  readonly iterations: number;
  readonly nodes: number;
  readonly classes: number;
}

/** A number per rule set object, to key caches on a list of rule sets. */
const setNumbers = new WeakMap<RuleSet, number>();
let nextSetNumber = 0;

function rewritesOf(ruleSets: readonly RuleSet[]): Rewrite[] {
  const rewrites: Rewrite[] = [];
  for (const set of ruleSets) rewrites.push(...rewritesOfSet(set));
  return rewrites;
}

/** The last list of rule sets keyed and its key: callers pass equal lists again and again. */
let lastSets: readonly RuleSet[] = [];
let lastStrict = false;
let lastSetsKey = "";

/** The part of a {@link usableCache} key naming `ruleSets` and `strictDomain`. */
function setsKey(ruleSets: readonly RuleSet[], strictDomain: boolean): string {
  if (strictDomain === lastStrict && sameSets(ruleSets, lastSets)) return lastSetsKey;
  let key = strictDomain ? "strict:" : "";
  for (const set of ruleSets) {
    let n = setNumbers.get(set);
    if (n === undefined) {
      n = nextSetNumber++;
      setNumbers.set(set, n);
    }
    key += `${n},`;
  }
  lastSets = [...ruleSets];
  lastStrict = strictDomain;
  lastSetsKey = key;
  return key;
}

function sameSets(a: readonly RuleSet[], b: readonly RuleSet[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Usable rewrites per list of rule sets and set of operators present (both small, recurring). */
const usableCache = new Map<string, Rewrite[]>();
const USABLE_CACHE_LIMIT = 1_000;

/** The usable rewrites for an e-graph whose operators are those of `heads`. */
function usableRewritesFor(ruleSets: readonly RuleSet[], heads: HeadTable, strictDomain: boolean): Rewrite[] {
  const key = setsKey(ruleSets, strictDomain) + operatorSetKey(heads);
  let usable = usableCache.get(key);
  if (usable === undefined) {
    const present = new Set<string>();
    for (let head = 0; head < heads.size; head++) if (heads.isOperator(head)) present.add(heads.nameOf(head));
    const rewrites = rewritesOf(ruleSets);
    usable = usableRewrites(
      strictDomain ? rewrites.filter((r) => r.rule.widensDomain !== true) : rewrites,
      present,
    );
    if (usableCache.size >= USABLE_CACHE_LIMIT) usableCache.clear();
    usableCache.set(key, usable);
  }
  return usable;
}

/** Operator names in a pattern (patterns are small: recursion over them is fine). */
function operatorsOf(pattern: Term, into: Set<string>): Set<string> {
  if (pattern.kind === "app") {
    into.add(pattern.op);
    for (const arg of pattern.args) operatorsOf(arg, into);
  }
  return into;
}

const patternOperators = new WeakMap<Rewrite, { lhs: Set<string>; rhs: Set<string> }>();

/**
 * The rewrites that can ever match, starting from terms with operators `present`: a rewrite
 * whose left side needs an operator that is neither present nor built by another usable
 * rewrite's right side never matches. Dropping those saves their search every iteration
 * (the trig rules for a polynomial, say).
 */
function usableRewrites(rewrites: readonly Rewrite[], present: Set<string>): Rewrite[] {
  const usable: Rewrite[] = [];
  const pending = [...rewrites];
  let changed = true;
  while (changed) {
    changed = false;
    for (let i = 0; i < pending.length; i++) {
      const rewrite = pending[i]!;
      let ops = patternOperators.get(rewrite);
      if (ops === undefined) {
        ops = { lhs: operatorsOf(rewrite.lhs, new Set()), rhs: operatorsOf(rewrite.rhs, new Set()) };
        patternOperators.set(rewrite, ops);
      }
      let matchable = true;
      for (const op of ops.lhs) if (!present.has(op)) matchable = false;
      if (!matchable) continue;
      usable.push(rewrite);
      pending.splice(i--, 1);
      for (const op of ops.rhs) {
        if (!present.has(op)) {
          present.add(op);
          changed = true;
        }
      }
    }
  }
  // Keep the theory's order: the scheduler and the results do not depend on this filter's.
  const kept = new Set(usable);
  return rewrites.filter((r) => kept.has(r));
}

/** The analysis per theory: an analysis value may serve several e-graphs, and making one costs. */
const analyses = new WeakMap<Theory, Analysis<ArithmeticFacts>>();

function analysisFor(theory: Theory): Analysis<ArithmeticFacts> {
  let analysis = analyses.get(theory);
  if (analysis === undefined) {
    analysis = arithmeticAnalysis(theory);
    analyses.set(theory, analysis);
  }
  return analysis;
}

const foldingTables = new WeakMap<Theory, FoldingTable>();

function foldingTableFor(theory: Theory): FoldingTable {
  let table = foldingTables.get(theory);
  if (table === undefined) {
    table = new FoldingTable(theory);
    foldingTables.set(theory, table);
  }
  return table;
}

const constantOfFacts = (facts: ArithmeticFacts) => facts.constant;

/**
 * A spare e-graph per analysis, reset and reused: building a new one (its typed arrays) costs
 * more than saturating a small derivative. Marked busy while in use, so a nested call gets its own.
 */
interface SpareEGraph {
  readonly egraph: EGraph<ArithmeticFacts>;
  busy: boolean;
}
const spareEGraphs = new WeakMap<Analysis<ArithmeticFacts>, SpareEGraph>();

/**
 * Saturates from `seeds` (terms equal to one another; the first is the start) and extracts
 * the cheapest equal term. Skipped, with `term: undefined`, when the seeds alone have more
 * distinct subterms than the node limit.
 *
 * @example
 * ```ts
 * const { term } = saturate([parseSExpr("(+ x x)", { theory })], { theory, ruleSets: [theory.ruleSets.algebra!], cost: treeSizeCost, nodeLimit: 1000, iterLimit: 5, timeLimitMs: 10 });
 * ```
 */
export function saturate(seeds: readonly Term[], options: SaturationOptions): SaturationResult {
  if (seeds.length === 0 || exceedsNodes(seeds, options.nodeLimit)) return SKIPPED;
  const analysis = analysisFor(options.theory);
  let spare = spareEGraphs.get(analysis);
  if (spare === undefined) {
    spare = { egraph: new EGraph({ analysis }), busy: false };
    spareEGraphs.set(analysis, spare);
  }
  const owned = spare.busy ? undefined : spare;
  const egraph = owned === undefined ? new EGraph({ analysis }) : owned.egraph;
  if (owned !== undefined) {
    owned.busy = true;
    egraph.reset();
  }
  try {
    // The seeds' distinct subterms are the e-graph's first nodes: too many, and it is skipped.
    const root = egraph.add(seeds[0]!);
    for (let i = 1; i < seeds.length && egraph.hashconsSize <= options.nodeLimit; i++)
      egraph.union(root, egraph.add(seeds[i]!));
    if (egraph.hashconsSize > options.nodeLimit) return SKIPPED;
    if (options.facts !== undefined) assumeFacts(egraph, options.facts, options.nodeLimit);
    egraph.rebuild();
    const report = runRewrites(
      egraph,
      usableRewritesFor(options.ruleSets, egraph.heads, options.strictDomain === true),
      {
        iterLimit: options.iterLimit,
        nodeLimit: options.nodeLimit,
        timeLimitMs: options.timeLimitMs,
        scheduler: options.scheduler ?? "backoff",
      },
    );
    egraph.rebuild();
    options.onSaturated?.(egraph as EGraph<unknown>, root);
    // A constant beyond double range (2^1100, met as log(2^1100) = 1100*log(2)) would evaluate
    // to Infinity: extraction never chooses it, and a start class with no other term has no result.
    const folding = foldingTableFor(options.theory);
    const admits = (node: NodeId) => !folding.foldsBeyondDouble(egraph, node, constantOfFacts);
    const extractor = new Extractor(
      egraph,
      options.cost === treeSizeCost ? { admits } : { cost: options.cost, admits },
    );
    if (extractor.cost(root) === Number.POSITIVE_INFINITY)
      return { ...SKIPPED, stopReason: report.stopReason };
    return {
      term: extractor.best(root).term,
      stopReason: report.stopReason,
      iterations: report.iterations,
      nodes: egraph.hashconsSize,
      classes: egraph.classCount,
    };
  } finally {
    if (owned !== undefined) owned.busy = false;
  }
}

const MASK_OF_SIGN: Readonly<Record<SignFact, SignMask>> = {
  positive: SIGN_POSITIVE,
  negative: SIGN_NEGATIVE,
  nonzero: SIGN_POSITIVE | SIGN_NEGATIVE,
  nonnegative: SIGN_POSITIVE | SIGN_ZERO,
  unknown: SIGN_ANY,
};

/**
 * The signs `facts` state, given to their terms' classes. The terms are mostly the seeds'
 * own subterms; a few are new (`cos(u)` for `tan(u)`), added while under the node limit.
 */
function assumeFacts(egraph: EGraph<ArithmeticFacts>, facts: DomainFacts, nodeLimit: number): void {
  for (const [term, sign] of facts.assumptions) {
    if (egraph.hashconsSize >= nodeLimit) return;
    assumeSign(egraph, egraph.add(term), MASK_OF_SIGN[sign]);
  }
}

/**
 * Whether the seeds have more distinct subterms than `limit`: counted with an early stop, so
 * a large input (thousands of nodes) is turned away before it is added to the e-graph.
 */
function exceedsNodes(seeds: readonly Term[], limit: number): boolean {
  // The working storage is reused: this runs once per saturation, which is synchronous.
  const seen = exceedsSeen;
  const stack = exceedsStack;
  seen.clear();
  stack.length = 0;
  for (const seed of seeds) stack.push(seed);
  while (stack.length > 0) {
    const t = stack.pop()!;
    if (!seen.add(t.id, true)) continue;
    if (seen.size > limit) {
      stack.length = 0;
      return true;
    }
    if (t.kind === "app") for (const arg of t.args) if (!seen.has(arg.id)) stack.push(arg);
  }
  return false;
}

const exceedsSeen = new TermIdMap<boolean>();
const exceedsStack: Term[] = [];

const SKIPPED: SaturationResult = Object.freeze({
  term: undefined,
  stopReason: "skipped",
  iterations: 0,
  nodes: 0,
  classes: 0,
});
