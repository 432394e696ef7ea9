import { rationalForms, smallest } from "../algebra/rational-form.js";
import { replaceAt } from "../egraph/explain-proof.js";
import { type Proof, type ProofStep, subtermAt } from "../egraph/explain-types.js";
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
 * rules. An atom's argument the simplifier rewrote (`sin((x^2 - 1)/(x - 1))` is `sin(x + 1)`)
 * is explained first, by the same steps at its position. Every step is replayed by the checker
 * before the proof is returned.
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
export function algebraProof(
  input: Term,
  result: Term,
  options: ProveOptions,
  nesting = 0,
): Proof | undefined {
  const theory: Theory = options.theory;
  const steps: ProofStep[] = [];
  let current = nesting < MAX_ATOM_NESTING ? insideAtoms(input, steps, options, nesting) : input;
  const forms = rationalForms(current);
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
    if (shown !== current) steps.push(algebraStep("factor", shown));
    steps.push(algebraStep("cancel", f, cancelled));
    current = f;
  }
  const sofar: Proof = { start: input, steps };
  if (!checkProof(sofar, { theory }).ok) return undefined;
  if (current === result) return sofar;
  const collected: Proof = { start: input, steps: [...steps, algebraStep("collect", result)] };
  if (checkProof(collected, { theory }).ok) return collected;
  // The rest needs more than algebra (sin(u)^2 + cos(u)^2 = 1): the rules, if they reach it.
  const rest = proveEqual(current, result, options).proof;
  return rest === undefined ? undefined : { start: input, steps: [...steps, ...rest.steps] };
}

/** Atoms inside atoms explained this deep at most (each level is one nested proof). */
const MAX_ATOM_NESTING = 16;
/** Nodes of the input's tree looked at for atoms whose arguments simplify. */
const ATOM_WALK_BUDGET = 10_000;

/** Operators the rational reading treats as arithmetic (the rest are atoms). */
function arithmetic(t: Term): boolean {
  if (t.kind !== "app") return false;
  if (t.op === "^") return t.args[1]!.kind === "num";
  return t.op === "+" || t.op === "-" || t.op === "*" || t.op === "/" || t.op === "neg";
}

/**
 * `term` with each argument of an atom (`sin(…)`) rewritten into its smallest rational form,
 * as the simplifier's rational reading does, each by a nested algebra proof whose steps are
 * pushed onto `steps` at their positions; the term reached.
 */
function insideAtoms(term: Term, steps: ProofStep[], options: ProveOptions, nesting: number): Term {
  const sites: { path: number[]; arg: Term }[] = [];
  const stack: { t: Term; path: number[] }[] = [{ t: term, path: [] }];
  for (let visits = 0; stack.length > 0 && visits < ATOM_WALK_BUDGET; visits++) {
    const { t, path } = stack.pop()!;
    if (t.kind !== "app") continue;
    if (arithmetic(t)) {
      const children = t.op === "^" ? 1 : t.args.length;
      for (let i = children - 1; i >= 0; i--) stack.push({ t: t.args[i]!, path: [...path, i] });
    } else for (let i = 0; i < t.args.length; i++) sites.push({ path: [...path, i], arg: t.args[i]! });
  }
  let current = term;
  for (const { path, arg } of sites) {
    const forms = rationalForms(arg);
    if (forms === undefined) continue;
    const target = smallest([arg, forms.factored, forms.expanded, ...(forms.mixed ? [forms.mixed] : [])]);
    if (target === arg) continue;
    const inner = algebraProof(arg, target, options, nesting + 1);
    if (inner === undefined) continue;
    for (const step of inner.steps) {
      const position = [...path, ...step.position];
      current = replaceAt(current, position, subtermAt(step.term, step.position)!);
      steps.push({ ...step, position, term: current });
    }
  }
  return current;
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
