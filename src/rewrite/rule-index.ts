import type { Rule, RuleSet } from "../rules/rule.js";
import type { Term } from "../term/term.js";
import { CompiledRule } from "./compiled-rule.js";

/**
 * Which rules of a set can fire at the root of a term, in file order, so that rewriting tries
 * only those. Rules are first told apart by the root (an operator, or the leaf itself), then,
 * for an operator, by the head of one argument chosen to split its rules best: the `d` rules
 * by what is differentiated, so `(d x (sin u))` tries the leaf rules and `d-sin`, not all 22.
 * Built once per rule set; rewriting reads `<=>` rules left to right, like `=>` rules.
 */

/** The candidates for applications of one operator, split by the head of one argument. */
class OperatorCandidates {
  constructor(
    /** Every rule for the operator, catch-alls included: for terms the split cannot read. */
    readonly all: readonly number[],
    /** The argument whose head splits the rules, or -1 when no argument does. */
    readonly position: number,
    /** For an argument that is an application, by its operator. */
    readonly byArgumentOperator: ReadonlyMap<string, readonly number[]>,
    /** For an argument that is a leaf, by its term id. */
    readonly byArgumentLeaf: ReadonlyMap<number, readonly number[]>,
    /** For an argument whose head no rule names: the rules with a variable there. */
    readonly otherwise: readonly number[],
  ) {}
}

/**
 * The compiled rules of a rule set and the index of which may fire where.
 *
 * @example
 * ```ts
 * const index = ruleIndexOf(theory.ruleSets.diff!);
 * for (const position of index.candidates(term)) index.rules[position]!.rewrite(term, slots, theory);
 * ```
 */
export class RuleIndex {
  /** The rules in file order, compiled; candidates are positions in this array. */
  readonly rules: readonly CompiledRule[];
  /** The most slots any rule needs. */
  readonly slotCount: number;
  private readonly byOperator = new Map<string, OperatorCandidates>();
  private readonly byLeaf = new Map<number, readonly number[]>();
  /** Rules whose left side is a bare pattern variable (they match any term). */
  private readonly anyRoot: readonly number[];
  /** Whether no rule can rewrite a symbol or a number (so each is its own normal form). */
  readonly leavesAreNormal: boolean;

  constructor(ruleSet: RuleSet) {
    const rules = ruleSet.rules;
    this.rules = rules.map((rule) => new CompiledRule(rule));
    let slotCount = 0;
    for (const rule of this.rules) slotCount = Math.max(slotCount, rule.slotCount);
    this.slotCount = slotCount;
    this.anyRoot = positionsWhere(rules, isCatchAll);
    for (const rule of rules) {
      const lhs = rule.lhs;
      if (isCatchAll(rule)) continue;
      if (lhs.kind === "app") {
        if (!this.byOperator.has(lhs.op)) this.byOperator.set(lhs.op, operatorCandidates(rules, lhs.op));
      } else if (!this.byLeaf.has(lhs.id)) {
        this.byLeaf.set(
          lhs.id,
          positionsWhere(rules, (r) => isCatchAll(r) || r.lhs === lhs),
        );
      }
    }
    this.leavesAreNormal = this.byLeaf.size === 0 && this.anyRoot.length === 0;
  }

  /** Positions (in file order) of the rules whose left side may match `term` at its root. */
  candidates(term: Term): readonly number[] {
    if (term.kind !== "app") return this.byLeaf.get(term.id) ?? this.anyRoot;
    const forOperator = this.byOperator.get(term.op);
    if (forOperator === undefined) return this.anyRoot;
    const position = forOperator.position;
    if (position < 0 || position >= term.args.length) return forOperator.all;
    const argument = term.args[position]!;
    const found =
      argument.kind === "app"
        ? forOperator.byArgumentOperator.get(argument.op)
        : forOperator.byArgumentLeaf.get(argument.id);
    return found ?? forOperator.otherwise;
  }
}

const indexes = new WeakMap<RuleSet, RuleIndex>();

/** The index of `ruleSet`, built on first use. */
export function ruleIndexOf(ruleSet: RuleSet): RuleIndex {
  let index = indexes.get(ruleSet);
  if (index === undefined) {
    index = new RuleIndex(ruleSet);
    indexes.set(ruleSet, index);
  }
  return index;
}

function isCatchAll(rule: Rule): boolean {
  return rule.lhs.kind === "sym" && rule.lhs.isPatternVar;
}

function positionsWhere(rules: readonly Rule[], keep: (rule: Rule) => boolean): number[] {
  const kept: number[] = [];
  for (let i = 0; i < rules.length; i++) if (keep(rules[i]!)) kept.push(i);
  return kept;
}

/** What the left side of `rule` requires of the argument at `position` of a term with root `op`. */
type Requirement =
  | { readonly kind: "any" }
  | { readonly kind: "never" }
  | { readonly kind: "head"; readonly head: Term };

function requirement(rule: Rule, op: string, position: number): Requirement {
  const lhs = rule.lhs;
  if (lhs.kind === "sym" && lhs.isPatternVar) return { kind: "any" };
  // A rule for another root, or too few arguments to reach `position`, cannot match such a term.
  if (lhs.kind !== "app" || lhs.op !== op || position >= lhs.args.length) return { kind: "never" };
  const argument = lhs.args[position]!;
  return argument.kind === "sym" && argument.isPatternVar
    ? { kind: "any" }
    : { kind: "head", head: argument };
}

function headMatches(required: Term, argument: Term): boolean {
  return required.kind === "app"
    ? argument.kind === "app" && argument.op === required.op
    : argument === required;
}

function operatorCandidates(rules: readonly Rule[], op: string): OperatorCandidates {
  const all = positionsWhere(rules, (r) => isCatchAll(r) || (r.lhs.kind === "app" && r.lhs.op === op));
  let arity = 0;
  for (const position of all) {
    const lhs = rules[position]!.lhs;
    if (lhs.kind === "app") arity = Math.max(arity, lhs.args.length);
  }
  // Split on the argument that the fewest of the operator's rules leave open.
  let best = -1;
  let bestOpen = all.length;
  for (let position = 0; position < arity; position++) {
    let open = 0;
    for (const r of all) if (requirement(rules[r]!, op, position).kind === "any") open++;
    if (open < bestOpen) {
      best = position;
      bestOpen = open;
    }
  }
  const byArgumentOperator = new Map<string, number[]>();
  const byArgumentLeaf = new Map<number, number[]>();
  if (best < 0) return new OperatorCandidates(all, -1, byArgumentOperator, byArgumentLeaf, all);
  const admits = (position: number, argument: Term): boolean => {
    const required = requirement(rules[position]!, op, best);
    return required.kind === "any" || (required.kind === "head" && headMatches(required.head, argument));
  };
  for (const position of all) {
    const required = requirement(rules[position]!, op, best);
    if (required.kind !== "head") continue;
    // A representative argument with this head: the head itself stands for its operator.
    const head = required.head;
    const list = all.filter((p) => admits(p, head));
    if (head.kind === "app") {
      if (!byArgumentOperator.has(head.op)) byArgumentOperator.set(head.op, list);
    } else if (!byArgumentLeaf.has(head.id)) {
      byArgumentLeaf.set(head.id, list);
    }
  }
  const otherwise = all.filter((p) => requirement(rules[p]!, op, best).kind === "any");
  return new OperatorCandidates(all, best, byArgumentOperator, byArgumentLeaf, otherwise);
}
