import { conditionHolds } from "../rewrite/match.js";
import type { Condition } from "../rules/rule.js";
import type { Term } from "../term/term.js";
import { classConstant } from "./class-predicates.js";
import type { ClassId, EGraph } from "./egraph.js";
import type { ProofForest } from "./explain.js";
import type { Rewrite } from "./rewrite.js";

/**
 * Bindings a proof can show. The e-graph checks a rule's conditions on classes (a class is
 * nonzero if any of its terms provably is), but a proof step is checked on terms: the
 * condition must hold for the very terms the step rewrites. So when a binding's own term
 * does not show a condition, another member of its class whose term does takes its place:
 * the class's literal when it has a constant, its symbol, or the first of a few members
 * that works. The step's left side is then that member's instance, joined to the matched
 * e-node by congruence, and the proof shows the way between the two.
 *
 * Class-level facts can say more than terms show (a quotient counts as nonzero where it is
 * defined; `x/z` is nonzero on classes, unknown on terms). A match whose conditions no
 * choice of terms shows is not applied in explanation mode: every union stays provable.
 */

/** Members tried per variable before giving up (the step then keeps the matched term). */
const CANDIDATES = 64;

/**
 * Replaces, in place, each binding in `bindings` (class ids by variable index) whose term
 * does not show `rewrite`'s conditions, when a member of its class does. Returns whether
 * the conditions hold on the terms of the bindings returned (true at once when the rule has
 * none). A predicate with no term-level meaning in the theory (a class-only predicate) is
 * trusted as the e-graph judged it; a checker will reject such a step.
 */
export function chooseProofBindings(
  egraph: EGraph<unknown>,
  forest: ProofForest,
  rewrite: Rewrite,
  bindings: Int32Array,
): boolean {
  const conditions = rewrite.rule.conditions;
  if (conditions.length === 0) return true;
  const theory = forest.theory;
  for (const condition of conditions) if (theory.predicates[condition.predicate] === undefined) return true;
  const names = rewrite.searcher.variables;
  const substitution = new Map<string, Term>();
  for (let v = 0; v < names.length; v++) substitution.set(names[v]!, forest.termOf(bindings[v]!));
  if (conditions.every((c) => conditionHolds(c, substitution, theory))) return true;

  // Variables in the order conditions mention them; each is settled once, judged by the
  // conditions over it and the variables settled before.
  const order: number[] = [];
  for (const condition of conditions) {
    for (const name of variablesOf(condition)) {
      const v = names.indexOf(name);
      if (v >= 0 && !order.includes(v)) order.push(v);
    }
  }
  const settled = new Set<string>(names.filter((_, v) => !order.includes(v)));
  for (const v of order) {
    const name = names[v]!;
    settled.add(name);
    const judged = conditions.filter((c) => variablesOf(c).every((n) => settled.has(n)));
    const holds = () => judged.every((c) => conditionHolds(c, substitution, theory));
    if (holds()) continue;
    for (const candidate of candidatesFor(egraph, forest, bindings[v]!)) {
      substitution.set(name, forest.termOf(candidate));
      if (holds()) {
        bindings[v] = candidate;
        break;
      }
      substitution.set(name, forest.termOf(bindings[v]!));
    }
  }
  return conditions.every((c) => conditionHolds(c, substitution, theory));
}

/** Pattern variables a condition mentions (its arguments are variables or ground terms). */
function variablesOf(condition: Condition): string[] {
  const names: string[] = [];
  for (const arg of condition.args) if (arg.kind === "sym" && arg.isPatternVar) names.push(arg.name);
  return names;
}

/** Ids to try for a binding: the literal of its constant, its symbol, then some members. */
function* candidatesFor(egraph: EGraph<unknown>, forest: ProofForest, id: ClassId): Generator<ClassId> {
  const constant = classConstant(egraph, id);
  if (constant !== undefined) {
    const literal = forest.leafId(egraph.heads.number(constant));
    if (literal >= 0) yield literal;
  }
  const symbol = egraph.symbolOf(id);
  if (symbol >= 0) {
    const leaf = forest.leafId(symbol);
    if (leaf >= 0 && egraph.find(leaf) === egraph.find(id)) yield leaf;
  }
  yield* forest.membersOf(id, CANDIDATES);
}
