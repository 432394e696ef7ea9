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
 * What can be proven about the sign of `term` from its shape alone: numbers, `exp`,
 * even powers, and products, quotients and sums of terms with known signs.
 * Iterative over the DAG is unnecessary here: the walk stops at the first unknown and
 * deep terms fall back to `unknown` after a bounded number of steps.
 */
export function signOf(term: Term, budget = { steps: 10_000 }): SignFact {
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
          return negate(signOf(a!, budget));
        case "sqrt": {
          const s = signOf(a!, budget);
          return s === "positive" ? "positive" : "nonnegative";
        }
        case "*":
          return multiply(signOf(a!, budget), signOf(b!, budget));
        case "/": {
          const sb = signOf(b!, budget);
          return isNonzero(sb) ? multiply(signOf(a!, budget), sb) : "unknown";
        }
        case "+":
          return add(signOf(a!, budget), signOf(b!, budget));
        case "^": {
          if (b!.kind === "num" && b!.value.isInteger() && b!.value.num % 2n === 0n) {
            const sa = signOf(a!, budget);
            if (isNonzero(sa)) return "positive";
            return b!.value.isNegative() ? "unknown" : "nonnegative";
          }
          const sa = signOf(a!, budget);
          return sa === "positive" ? "positive" : "unknown";
        }
        default:
          return "unknown";
      }
    }
  }
}

function isNonzero(s: SignFact): boolean {
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
