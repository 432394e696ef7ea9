import { defaultTheory } from "../../src/default-theory.js";
import { HumanForm } from "../../src/simplify/human-form.js";
import type { Term } from "../../src/term/term.js";
import { treeSize } from "../../src/term/traverse.js";
import type { Theory } from "../../src/theory.js";

/**
 * The size a simplified term may not exceed: the input's, or that of the input as a person
 * writes it (its human form, `1/(x^2*y)` for `x^(-2)/y`) when that is larger. The human form
 * is taken as `simplify` takes it: without widening the domain when `strictDomain` is set.
 */
export function sizeBound(term: Term, options: { theory?: Theory; strictDomain?: boolean } = {}): number {
  const human = new HumanForm(options.theory ?? defaultTheory(), {
    collectPowers: true,
    widenDomain: options.strictDomain !== true,
  });
  return Math.max(treeSize(term), treeSize(human.of(term)));
}
