import type { Rational } from "../term/rational.js";
import type { Term } from "../term/term.js";
import { occursIn } from "../term/traverse.js";

/**
 * The built-in predicates that rule conditions may use, with their meaning on plain terms
 * (used by the rewriting engine). The e-graph gives each the same meaning over e-class
 * facts. Every judgement is conservative: `nonzero?` holds only when the term is provably
 * nonzero everywhere, so a rule guarded by it is sound.
 */
export interface PredicateSpec {
  readonly name: string;
  readonly arity: number;
  readonly description: string;
  /** Whether the predicate holds for these (instantiated) arguments. */
  readonly holds: (args: readonly Term[]) => boolean;
}

/** Sign facts that are provable syntactically; conservative (`unknown` when in doubt). */
export type SignFact = "positive" | "negative" | "nonzero" | "nonnegative" | "unknown";

/**
 * Signs assumed of some terms (the simplifier's domain facts: `x` is nonzero where `1/x` is
 * defined), by term. {@link signOf} combines them with what it proves from the shape.
 */
export type SignAssumptions = ReadonlyMap<Term, SignFact>;

/**
 * What can be proven about the sign of `term` from its shape: numbers, `exp`, even powers,
 * and products, quotients and sums of terms with known signs; with `assumed`, also from the
 * signs assumed of it and its subterms (`x*y` is nonzero when `x` and `y` are assumed to be).
 * Iterative over the DAG is unnecessary here: the walk stops at the first unknown and
 * deep terms fall back to `unknown` after a bounded number of steps.
 */
export function signOf(term: Term, budget = { steps: 10_000 }, assumed?: SignAssumptions): SignFact {
  const shape = signOfShape(term, budget, assumed);
  if (assumed === undefined) return shape;
  const known = assumed.get(term);
  return known === undefined ? shape : meetSigns(shape, known);
}

/** Bits of the signs a fact allows: negative 1, zero 2, positive 4. */
const SIGN_BITS: Readonly<Record<SignFact, number>> = {
  negative: 1,
  nonzero: 5,
  positive: 4,
  nonnegative: 6,
  unknown: 7,
};
const FACT_OF_BITS: readonly SignFact[] = [
  "unknown", // contradictory facts: claim nothing
  "negative",
  "nonnegative", // zero: "nonnegative" is the strongest fact that says it
  "unknown", // zero or negative
  "positive",
  "nonzero",
  "nonnegative",
  "unknown",
];

/** What two facts about the same term say together (`nonzero` and `nonnegative`: `positive`). */
export function meetSigns(a: SignFact, b: SignFact): SignFact {
  const bits = SIGN_BITS[a] & SIGN_BITS[b];
  return bits === 0 ? a : FACT_OF_BITS[bits]!;
}

function signOfShape(term: Term, budget: { steps: number }, assumed: SignAssumptions | undefined): SignFact {
  if (--budget.steps < 0) return "unknown";
  switch (term.kind) {
    case "num":
      return term.value.isZero() ? "nonnegative" : term.value.isPositive() ? "positive" : "negative";
    case "sym":
      return "unknown";
    case "app": {
      // Indexed, not destructured: destructuring an array walks its iterator.
      const a = term.args[0];
      const b = term.args[1];
      switch (term.op) {
        case "exp":
          return "positive";
        case "neg":
          return negate(signOf(a!, budget, assumed));
        case "sqrt": {
          const s = signOf(a!, budget, assumed);
          return s === "positive" ? "positive" : "nonnegative";
        }
        case "*":
          return multiply(signOf(a!, budget, assumed), signOf(b!, budget, assumed));
        case "/": {
          const sb = signOf(b!, budget, assumed);
          return isNonzero(sb) ? multiply(signOf(a!, budget, assumed), sb) : "unknown";
        }
        case "+":
          return add(signOf(a!, budget, assumed), signOf(b!, budget, assumed));
        case "^":
          return b!.kind === "num"
            ? power(signOf(a!, budget, assumed), b!.value)
            : positiveOrUnknown(signOf(a!, budget, assumed));
        default:
          return "unknown";
      }
    }
  }
}

const positiveOrUnknown = (s: SignFact): SignFact => (s === "positive" ? "positive" : "unknown");

/**
 * The sign of `a^n` where it is defined, for `a` of sign `s`: a positive power of a nonzero
 * base is nonzero, an even one non-negative, and a fractional one (defined only for `a >= 0`)
 * non-negative, positive when `a` is nonzero or `n` negative.
 */
function power(s: SignFact, n: Rational): SignFact {
  if (s === "positive") return "positive";
  if (!n.isInteger()) return n.isNegative() || isNonzero(s) ? "positive" : "nonnegative";
  if (n.num % 2n === 0n) return isNonzero(s) ? "positive" : n.isNegative() ? "unknown" : "nonnegative";
  if (s === "negative" || s === "nonzero") return s; // odd powers keep the sign
  return s === "nonnegative" && n.isPositive() ? "nonnegative" : "unknown";
}

export function isNonzero(s: SignFact): boolean {
  return s === "positive" || s === "negative" || s === "nonzero";
}
function negate(s: SignFact): SignFact {
  return s === "positive"
    ? "negative"
    : s === "negative"
      ? "positive"
      : s === "nonzero"
        ? "nonzero"
        : "unknown";
}
function multiply(a: SignFact, b: SignFact): SignFact {
  if (isNonzero(a) && isNonzero(b)) {
    if (a === "nonzero" || b === "nonzero") return "nonzero";
    return a === b ? "positive" : "negative";
  }
  const nonnegative = (s: SignFact) => s === "positive" || s === "nonnegative";
  if (nonnegative(a) && nonnegative(b)) return "nonnegative";
  return "unknown";
}
function add(a: SignFact, b: SignFact): SignFact {
  const nonnegative = (s: SignFact) => s === "positive" || s === "nonnegative";
  if (nonnegative(a) && nonnegative(b))
    return a === "positive" || b === "positive" ? "positive" : "nonnegative";
  if (a === "negative" && b === "negative") return "negative";
  return "unknown";
}

/** A number, or a named constant: an operator of arity 0 such as `pi`. */
const isConstant = (t: Term) => t.kind === "num" || (t.kind === "app" && t.args.length === 0);

// The checks below index their arguments rather than destructure them: array destructuring
// goes through the iterator protocol, which costs more than the check itself.

/** The predicates available to every theory. */
export const builtinPredicates: readonly PredicateSpec[] = [
  {
    name: "const?",
    arity: 1,
    description: "the argument is a number or a named constant (pi, e)",
    holds: (args) => isConstant(args[0]!),
  },
  {
    name: "var?",
    arity: 1,
    description: "the argument is a variable (a symbol)",
    holds: (args) => {
      const a = args[0]!;
      return a.kind === "sym" && !a.isPatternVar;
    },
  },
  {
    name: "free-of",
    arity: 2,
    description: "the second argument does not occur in the first",
    holds: (args) => !occursIn(args[1]!, args[0]!),
  },
  {
    name: "!=",
    arity: 2,
    description: "the two arguments are different terms (syntactically; 0 and x are different)",
    holds: (args) => args[0] !== args[1],
  },
  {
    name: "nonzero?",
    arity: 1,
    description: "the argument is provably nonzero for every value of its variables",
    holds: (args) => isNonzero(signOf(args[0]!)),
  },
  {
    name: "positive?",
    arity: 1,
    description: "the argument is provably positive for every value of its variables",
    holds: (args) => signOf(args[0]!) === "positive",
  },
  {
    name: "nonnegative?",
    arity: 1,
    description: "the argument is provably >= 0 for every value of its variables",
    holds: (args) => {
      const s = signOf(args[0]!);
      return s === "positive" || s === "nonnegative";
    },
  },
  {
    name: "integer?",
    arity: 1,
    description: "the argument is an integer number",
    holds: (args) => {
      const a = args[0]!;
      return a.kind === "num" && a.value.isInteger();
    },
  },
];
