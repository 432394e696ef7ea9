import { DsatError, RuleFileError } from "../errors.js";
import type { Rule, RuleSet } from "../rules/rule.js";
import type { Term } from "../term/term.js";
import { postorder } from "../term/traverse.js";
import {
  builtinClassPredicates,
  type ClassPredicate,
  type ClassPredicateRegistry,
} from "./class-predicates.js";
import type { ClassId, EGraph, Justification } from "./egraph.js";
import { chooseProofBindings } from "./explain-witness.js";
import { operatorKey } from "./heads.js";
import type { MatchList } from "./machine.js";
import { type CompiledPattern, compilePattern, isGround, isPatternVariable } from "./pattern.js";

/** One step of building a right-hand side: an operator or leaf over earlier steps and variables. */
interface BuildStep {
  /** Operator name, or undefined for a leaf. */
  readonly operator: string | undefined;
  /** The operator's {@link operatorKey} (-1 for a leaf). */
  readonly key: number;
  readonly leaf: Term | undefined;
  /** Per child: a step index (>= 0) or a variable as -(index + 1). */
  readonly children: Int32Array;
}

/** A rule condition compiled against a predicate registry. */
interface CompiledCondition {
  readonly predicate: ClassPredicate;
  /** Per argument: a variable index (>= 0) or a ground term as -(index + 1). */
  readonly args: Int32Array;
  readonly grounds: readonly Term[];
  /** Per argument: the ground term, or undefined for a variable. */
  readonly terms: readonly (Term | undefined)[];
}

/**
 * A rule, one direction of it, ready to run on e-graphs: the left side compiled for
 * e-matching, the right side as build steps, conditions bound to class-level predicates.
 * A `<=>` rule gives two rewrites, `name` and `name-rev`, each scheduled on its own.
 */
export interface Rewrite {
  readonly name: string;
  readonly rule: Rule;
  readonly reversed: boolean;
  readonly searcher: CompiledPattern;
  readonly lhs: Term;
  readonly rhs: Term;
  /** Steps building the right side (empty when it is a bare variable). */
  readonly steps: readonly BuildStep[];
  /** For a bare-variable right side, the variable's index. */
  readonly rhsVariable: number;
  /** Steps building the left side from the match, for explanations (empty when it is a bare variable). */
  readonly lhsSteps: readonly BuildStep[];
  /** For a bare-variable left side, the variable's index. */
  readonly lhsVariable: number;
  readonly conditions: readonly CompiledCondition[];
  /** Whether some condition takes a ground term (its class is looked up per application). */
  readonly conditionGrounds: boolean;
  readonly justification: Justification;
}

/** Options of {@link compileRewrites}. */
export interface CompileRewritesOptions {
  /** What condition predicates mean on classes; {@link builtinClassPredicates} by default. */
  readonly predicates?: ClassPredicateRegistry;
}

function ruleError(rule: Rule, reason: string): DsatError {
  const message = `rule '${rule.name}': ${reason}`;
  return rule.origin
    ? new RuleFileError(message, rule.origin.file, rule.origin.position)
    : new DsatError(message);
}

/**
 * Compiles rules for the e-graph. Fails (a `RuleFileError` when the rule has an origin) on
 * a right side or condition using a variable the left side never binds, and on a condition
 * whose predicate has no class-level meaning in `predicates`.
 *
 * @example
 * ```ts
 * const rewrites = compileRewrites(theory.ruleSets.algebra!);
 * rewrites.map((r) => r.name); // ["comm-add", "zero-add", "zero-add-rev", …]
 * ```
 */
export function compileRewrites(
  rules: RuleSet | readonly Rule[],
  options: CompileRewritesOptions = {},
): Rewrite[] {
  const list = "rules" in rules ? (rules as RuleSet).rules : (rules as readonly Rule[]);
  const ruleSet = "rules" in rules ? (rules as RuleSet).name : undefined;
  const predicates = options.predicates ?? builtinClassPredicates;
  const rewrites: Rewrite[] = [];
  for (const rule of list) {
    rewrites.push(compileDirection(rule, rule.lhs, rule.rhs, false, predicates, ruleSet));
    if (rule.direction === "<=>")
      rewrites.push(compileDirection(rule, rule.rhs, rule.lhs, true, predicates, ruleSet));
  }
  return rewrites;
}

const compiledSets = new WeakMap<RuleSet, readonly Rewrite[]>();

/**
 * {@link compileRewrites} of a rule set with the built-in predicates, compiled once per rule
 * set (rule sets are immutable values), for the callers that run the same sets again and again.
 */
export function rewritesOfSet(set: RuleSet): readonly Rewrite[] {
  let rewrites = compiledSets.get(set);
  if (rewrites === undefined) {
    rewrites = compileRewrites(set);
    compiledSets.set(set, rewrites);
  }
  return rewrites;
}

function compileDirection(
  rule: Rule,
  lhs: Term,
  rhs: Term,
  reversed: boolean,
  predicates: ClassPredicateRegistry,
  ruleSet: string | undefined,
): Rewrite {
  const name = reversed ? `${rule.name}-rev` : rule.name;
  const searcher = compilePattern(lhs);
  const variableIndex = new Map(searcher.variables.map((v, i) => [v, i]));
  const indexOf = (t: Term, where: string): number => {
    const index = variableIndex.get((t as { name: string }).name);
    if (index === undefined) {
      throw ruleError(
        rule,
        `${where} uses ${(t as { name: string }).name}, which the ${reversed ? "right" : "left"} side does not bind`,
      );
    }
    return index;
  };

  const side = reversed ? "the left side" : "the right side";
  const steps: BuildStep[] = [];
  const rhsVariable = isPatternVariable(rhs) ? indexOf(rhs, side) : -1;
  if (rhsVariable < 0) buildSteps(rhs, steps, (v) => indexOf(v, side));
  const lhsSteps: BuildStep[] = [];
  const lhsVariable = isPatternVariable(lhs) ? indexOf(lhs, side) : -1;
  if (lhsVariable < 0) buildSteps(lhs, lhsSteps, (v) => indexOf(v, side));

  const conditions = rule.conditions.map((condition): CompiledCondition => {
    const predicate = predicates.get(condition.predicate);
    if (predicate === undefined) {
      throw ruleError(
        rule,
        `condition '${condition.predicate}' has no meaning on e-classes (known: ${[...predicates.keys()].sort().join(", ")})`,
      );
    }
    if (predicate.arity !== condition.args.length) {
      throw ruleError(
        rule,
        `condition '${condition.predicate}' takes ${predicate.arity} argument(s), got ${condition.args.length}`,
      );
    }
    const grounds: Term[] = [];
    const args = new Int32Array(condition.args.length);
    const terms: (Term | undefined)[] = [];
    condition.args.forEach((arg, i) => {
      if (isPatternVariable(arg)) {
        args[i] = indexOf(arg, `condition '${condition.predicate}'`);
        terms.push(undefined);
      } else if (isGround(arg)) {
        args[i] = -(grounds.length + 1);
        grounds.push(arg);
        terms.push(arg);
      } else {
        throw ruleError(
          rule,
          `condition '${condition.predicate}' takes variables or ground terms, not patterns`,
        );
      }
    });
    return { predicate, args, grounds, terms };
  });

  return Object.freeze({
    name,
    rule,
    reversed,
    searcher,
    lhs,
    rhs,
    steps,
    rhsVariable,
    lhsSteps,
    lhsVariable,
    conditions,
    conditionGrounds: conditions.some((c) => c.grounds.length > 0),
    justification: Object.freeze({
      kind: "rule",
      rule: name,
      definition: rule,
      reversed,
      ...(ruleSet === undefined ? {} : { ruleSet }),
    }) as Justification,
  });
}

/** The steps building `pattern` bottom up, into `steps`; variables become -(index + 1). */
function buildSteps(pattern: Term, steps: BuildStep[], variableIndex: (variable: Term) => number): void {
  const stepOf = new Map<number, number>();
  for (const t of postorder(pattern)) {
    if (isPatternVariable(t)) continue;
    const children = t.kind === "app" ? t.args : [];
    const refs = new Int32Array(children.length);
    children.forEach((child, i) => {
      refs[i] = isPatternVariable(child) ? -(variableIndex(child) + 1) : stepOf.get(child.id)!;
    });
    stepOf.set(t.id, steps.length);
    steps.push({
      operator: t.kind === "app" ? t.op : undefined,
      key: t.kind === "app" ? operatorKey(t.op) : -1,
      leaf: t.kind === "app" ? undefined : t,
      children: refs,
    });
  }
}

/** The head of each build step in `egraph`, into `heads` from `base` (a new array when none is given). */
function headsOf<D>(
  egraph: EGraph<D>,
  steps: readonly BuildStep[],
  heads: Int32Array = new Int32Array(steps.length),
  base = 0,
): Int32Array {
  const table = egraph.heads;
  for (let s = 0; s < steps.length; s++) {
    const step = steps[s]!;
    heads[base + s] =
      step.operator === undefined
        ? table.leaf(step.leaf as Term & { kind: "sym" | "num" })
        : table.operatorByKey(step.key, step.operator, step.children.length);
  }
  return heads;
}

/**
 * The heads of `rewrite`'s right-side build steps in `egraph`, into `into` from `base`: what
 * {@link Applier.apply} looks up itself when not given them. Heads never change once made, so
 * a caller applying the same rewrite again and again on one e-graph may look them up once.
 */
export function rightSideHeads<D>(egraph: EGraph<D>, rewrite: Rewrite, into: Int32Array, base: number): void {
  headsOf(egraph, rewrite.steps, into, base);
}

const NO_GROUNDS: number[][] = [];

/** The class of each ground argument of each of `rewrite`'s conditions (-1 when absent). */
function groundClassesOf<D>(egraph: EGraph<D>, rewrite: Rewrite): number[][] {
  return rewrite.conditions.map((c) => c.grounds.map((g) => egraph.lookup(g) ?? -1));
}

/** Left sides instantiated at search time, per match: the id of each left-side step. */
interface PreparedLeftSides {
  readonly rewrite: Rewrite;
  readonly length: number;
  readonly stride: number;
  /** `ids[m * stride + s]`; -1 in a match's first slot when it could not be prepared. */
  readonly ids: Int32Array;
}

/**
 * Applies `rewrite` to each match in `matches`: checks the conditions on the current
 * classes, builds the right side and unions it with the matched class. Returns how many
 * applications changed the e-graph (merged two different classes). The right side's heads
 * are looked up per call, unless given (`knownHeads` from `headBase`, see {@link rightSideHeads}).
 */
export class Applier {
  private values = new Int32Array(16);
  private children = new Int32Array(8);
  /** Argument buffers by arity, reused for every condition check. */
  private readonly argBuffers: Int32Array[] = [];
  /** The right side's heads, resolved per call: array reads for operators, one lookup per leaf. */
  private heads = new Int32Array(16);

  apply<D>(
    egraph: EGraph<D>,
    rewrite: Rewrite,
    matches: MatchList,
    knownHeads?: Int32Array,
    headBase = 0,
  ): number {
    if (egraph.explanations !== undefined) return this.applyExplained(egraph, rewrite, matches);
    const steps = rewrite.steps;
    let heads: Int32Array;
    if (knownHeads !== undefined) heads = knownHeads;
    else {
      if (this.heads.length < steps.length) this.heads = new Int32Array(steps.length * 2);
      heads = headsOf(egraph, steps, this.heads);
      headBase = 0;
    }
    if (this.values.length < steps.length) this.values = new Int32Array(steps.length * 2);
    const groundClasses = rewrite.conditionGrounds ? groundClassesOf(egraph, rewrite) : NO_GROUNDS;
    const values = this.values;
    const stride = matches.stride;
    const data = matches.data;
    let changed = 0;
    for (let m = 0; m < matches.length; m++) {
      const base = m * stride;
      if (!this.conditionsHold(egraph, rewrite, data, base, groundClasses)) continue;
      let result: number;
      if (steps.length === 0) {
        result = data[base + 1 + rewrite.rhsVariable]!;
      } else {
        for (let s = 0; s < steps.length; s++) {
          const refs = steps[s]!.children;
          const arity = refs.length;
          if (arity > this.children.length) this.children = new Int32Array(arity * 2);
          const children = this.children;
          for (let i = 0; i < arity; i++) {
            const ref = refs[i]!;
            children[i] = ref >= 0 ? values[ref]! : data[base - ref]!; // -(v + 1) → base + 1 + v
          }
          values[s] = egraph.addNode(heads[headBase + s]!, children, arity);
        }
        result = values[steps.length - 1]!;
      }
      if (egraph.union(data[base]!, result, rewrite.justification)) changed++;
    }
    return changed;
  }

  /**
   * Explanation mode, right after searching `rewrite` (the e-graph still clean): the id of
   * each match's left side exactly as the rule reads it, found in the hashcons without
   * adding any e-node. {@link apply} then unions that id, not merely the matched class, so
   * the rule's step in a proof is one application. Without it, apply adds the left side.
   */
  prepareExplanations<D>(egraph: EGraph<D>, rewrite: Rewrite, matches: MatchList): void {
    const steps = rewrite.lhsSteps;
    if (steps.length === 0) return;
    const heads = headsOf(egraph, steps);
    const stride = steps.length;
    const ids = new Int32Array(matches.length * stride);
    const data = matches.data;
    for (let m = 0; m < matches.length; m++) {
      const base = m * matches.stride;
      const row = m * stride;
      for (let s = 0; s < steps.length; s++) {
        const children = this.childrenOf(steps[s]!, ids, row, data, base + 1);
        const id = egraph.proofNode(heads[s]!, children, steps[s]!.children.length);
        if (id < 0) {
          ids[row] = -1;
          break;
        }
        ids[row + s] = id;
      }
    }
    this.prepared.set(matches, { rewrite, length: matches.length, stride, ids });
  }

  private readonly prepared = new WeakMap<MatchList, PreparedLeftSides>();
  private bindings = new Int32Array(8);

  /** The children of build `step`: earlier step ids from `values[row ..]`, variables from `vars[varBase ..]`. */
  private childrenOf(
    step: BuildStep,
    values: Int32Array,
    row: number,
    vars: Int32Array,
    varBase: number,
  ): Int32Array {
    const refs = step.children;
    if (refs.length > this.children.length) this.children = new Int32Array(refs.length * 2);
    const children = this.children;
    for (let i = 0; i < refs.length; i++) {
      const ref = refs[i]!;
      children[i] = ref >= 0 ? values[row + ref]! : vars[varBase - ref - 1]!;
    }
    return children;
  }

  /**
   * {@link apply} with explanations on: the bindings are chosen so the rule's conditions show
   * on their terms (see `chooseProofBindings`), and the union joins the left side as the rule
   * reads it to the right side built from the same bindings, which merges the same two
   * classes as {@link apply} would. Matches whose conditions hold on classes but show on no
   * terms of them are not applied: no checkable step could explain them.
   */
  private applyExplained<D>(egraph: EGraph<D>, rewrite: Rewrite, matches: MatchList): number {
    const forest = egraph.explanations!;
    const rhsHeads = headsOf(egraph, rewrite.steps);
    const lhsHeads = headsOf(egraph, rewrite.lhsSteps);
    const prepared = this.prepared.get(matches);
    const usable = prepared?.rewrite === rewrite && prepared.length === matches.length ? prepared : undefined;
    const groundClasses = rewrite.conditionGrounds ? groundClassesOf(egraph, rewrite) : NO_GROUNDS;
    const variables = rewrite.searcher.variables.length;
    if (this.bindings.length < variables) this.bindings = new Int32Array(variables * 2);
    const bindings = this.bindings;
    const lhsIds = new Int32Array(rewrite.lhsSteps.length);
    const rhsIds = new Int32Array(rewrite.steps.length);
    const data = matches.data;
    let changed = 0;
    for (let m = 0; m < matches.length; m++) {
      const base = m * matches.stride;
      if (!this.conditionsHold(egraph, rewrite, data, base, groundClasses)) continue;
      for (let v = 0; v < variables; v++) bindings[v] = data[base + 1 + v]!;
      // A match whose conditions no terms of its classes show is left out: it could not be explained.
      if (!chooseProofBindings(egraph as EGraph<unknown>, forest, rewrite, bindings)) continue;

      let lhs: ClassId;
      if (rewrite.lhsSteps.length === 0) lhs = bindings[rewrite.lhsVariable]!;
      else {
        const row = usable !== undefined && usable.ids[m * usable.stride]! >= 0 ? m * usable.stride : -1;
        for (let s = 0; s < rewrite.lhsSteps.length; s++) {
          const step = rewrite.lhsSteps[s]!;
          const children = this.childrenOf(step, lhsIds, 0, bindings, 0);
          lhsIds[s] =
            row >= 0
              ? egraph.congruentNode(usable!.ids[row + s]!, lhsHeads[s]!, children, step.children.length)
              : egraph.addNode(lhsHeads[s]!, children, step.children.length);
        }
        lhs = lhsIds[rewrite.lhsSteps.length - 1]!;
      }

      let rhs: ClassId;
      if (rewrite.steps.length === 0) rhs = bindings[rewrite.rhsVariable]!;
      else {
        for (let s = 0; s < rewrite.steps.length; s++) {
          const step = rewrite.steps[s]!;
          const children = this.childrenOf(step, rhsIds, 0, bindings, 0);
          rhsIds[s] = egraph.addNode(rhsHeads[s]!, children, step.children.length);
        }
        rhs = rhsIds[rewrite.steps.length - 1]!;
      }
      if (egraph.union(lhs, rhs, rewrite.justification)) changed++;
      else forest.noteRedundant(lhs, rhs, rewrite.justification);
    }
    return changed;
  }

  private conditionsHold<D>(
    egraph: EGraph<D>,
    rewrite: Rewrite,
    data: Int32Array,
    base: number,
    groundClasses: number[][],
  ): boolean {
    const conditions = rewrite.conditions;
    for (let c = 0; c < conditions.length; c++) {
      const condition = conditions[c]!;
      const refs = condition.args;
      let args = this.argBuffers[refs.length];
      if (args === undefined) {
        args = new Int32Array(refs.length);
        this.argBuffers[refs.length] = args;
      }
      for (let i = 0; i < refs.length; i++) {
        const ref = refs[i]!;
        args[i] = ref >= 0 ? egraph.find(data[base + 1 + ref]!) : groundClasses[c]![-ref - 1]!;
      }
      if (!condition.predicate.holds(egraph, args, condition.terms)) return false;
    }
    return true;
  }
}
