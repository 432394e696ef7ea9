import { rationalForms } from "../algebra/rational-form.js";
import type { Proof, ProofStep } from "../egraph/explain-types.js";
import { type SignFact, signOf } from "../rules/predicates.js";
import { app, ONE, type Term } from "../term/term.js";
import type { Theory } from "../theory.js";
import { checkProof } from "./check.js";
import { type ProveOptions, proveEqual } from "./prove.js";

/**
 * Proofs from the rational normal form, for results the rules do not reach (a common factor
 * cancelled, a polynomial multiplied out or nested): the input is written with the common
 * factor of its numerator and denominator shown (`factor`), the factor cancels (`cancel x - 1,
 * nonzero where the input is defined`), and what is left is collected into the result
 * (`collect`), or, when the result also needs identities beyond algebra, rewritten into it by
 * rules. Every step is replayed by the checker before the proof is returned.
 */

/** The product of `terms`, left to right. */
function product(terms: readonly Term[]): Term {
  let p = terms[0]!;
  for (let i = 1; i < terms.length; i++) p = app("*", [p, terms[i]!]);
  return p;
}

function algebraStep(rule: string, term: Term, cancelled?: readonly Term[]): ProofStep {
  return {
    kind: "algebra",
    rule,
    direction: "forward",
    position: [],
    term,
    ...(cancelled === undefined ? {} : { cancelled }),
  };
}

/**
 * A checked proof from `input` to `result` through the rational normal form, or `undefined`
 * when there is none (they are not one rational function and the rules do not connect the
 * cancelled form to the result within `options`' limits).
 *
 * @example
 * ```ts
 * algebraProof(parseExpression("(x^2 - 1)/(x - 1)", { theory }), parseExpression("x + 1", { theory }), { theory });
 * // (x^2 - 1)/(x - 1) = (x + 1)*(x - 1)/(x - 1)   factor
 * //                   = x + 1                     cancel x - 1, nonzero where the input is defined
 * ```
 */
export function algebraProof(input: Term, result: Term, options: ProveOptions): Proof | undefined {
  const theory: Theory = options.theory;
  const steps: ProofStep[] = [];
  let current = input;
  const forms = rationalForms(input);
  if (forms !== undefined && forms.cancelled.length > 0) {
    const cancelled = [...new Set(forms.cancelled)];
    const common = product(cancelled);
    const f = forms.factored;
    const [numerator, denominator] =
      f.kind === "app" && f.op === "/" ? [f.args[0]!, f.args[1]] : [f, undefined];
    const shown = app("/", [
      numerator === ONE ? common : app("*", [numerator, common]),
      denominator === undefined ? common : app("*", [denominator, common]),
    ]);
    if (shown !== input) steps.push(algebraStep("factor", shown));
    steps.push(algebraStep("cancel", f, cancelled));
    current = f;
  }
  const sofar: Proof = { start: input, steps };
  if (!checkProof(sofar, theory).ok) return undefined;
  if (current === result) return sofar;
  const collected: Proof = { start: input, steps: [...steps, algebraStep("collect", result)] };
  if (checkProof(collected, theory).ok) return collected;
  // The rest needs more than algebra (sin(u)^2 + cos(u)^2 = 1): the rules, if they reach it.
  const rest = proveEqual(current, result, options).proof;
  return rest === undefined ? undefined : { start: input, steps: [...steps, ...rest.steps] };
}

/**
 * Whether `input`'s rational form cancels a common factor that may be 0 somewhere, which only
 * algebra explains (the rules cancel a divisor only where it is provably nonzero, as `exp(x)`).
 */
export function cancelsFactor(input: Term): boolean {
  if ((rationalForms(input)?.cancelled.length ?? 0) === 0) return false;
  return (
    rationalForms(input, { cancelDivisors: false, isNonzero: (atom) => NONZERO.has(signOf(atom)) }) ===
    undefined
  );
}

const NONZERO: ReadonlySet<SignFact> = new Set(["positive", "negative", "nonzero"]);
