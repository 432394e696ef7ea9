import { Rational } from "./rational.js";
import { app, type Term } from "./term.js";

/** How an operator is written in infix syntax. */
export type OperatorSyntax =
  /** A binary symbol between its operands: `a + b`. Higher precedence binds tighter. */
  | {
      readonly kind: "infix";
      readonly symbol: string;
      readonly precedence: number;
      readonly associativity: "left" | "right";
    }
  /** A unary symbol before its operand: `-a`. */
  | { readonly kind: "prefix"; readonly symbol: string; readonly precedence: number }
  /** A function call: `sin(a)`, `d(x, f)`. */
  | { readonly kind: "call"; readonly name: string };

/**
 * The declaration of an operator: its S-expression name, arity, infix spelling and meaning.
 *
 * `evaluate` gives the floating-point meaning (NaN outside the domain); `exact` the exact
 * rational one where the result is rational (`undefined` otherwise, e.g. `sqrt(2)`). An
 * operator without `evaluate` (such as `d`) cannot be evaluated numerically.
 */
export interface OperatorSpec {
  readonly name: string;
  readonly arity: number;
  readonly syntax: OperatorSyntax;
  readonly evaluate?: (args: readonly number[]) => number;
  readonly exact?: (args: readonly Rational[]) => Rational | undefined;
  /** One line for `--help` and docs. */
  readonly description?: string;
  /**
   * What holds wherever the application of the operator to `args` is defined: `log(a)` needs
   * `a` positive, `a/b` needs `b` nonzero, `asin(a)` needs `-1 <= a <= 1`. The simplifier may
   * assume these of every application in its input. Only true statements belong here; a
   * domain need not be described completely.
   */
  readonly domain?: (args: readonly Term[]) => readonly DomainCondition[];
  /**
   * How LaTeX output spells it (`printLatex`): a template with `#1`, `#2`, … for the arguments
   * (`\sqrt{#1}`), `^` for a power, or a name or symbol (`\sin`, `\cdot`).
   */
  readonly latex?: string;
}

/**
 * A statement about a term that holds wherever some expression is defined: `term` is nonzero,
 * positive, non-negative, or between `low` and `high` (inclusive). An operator's domain and
 * the simplifier's domain facts (`src/rules/domain-facts.ts`) are lists of them.
 */
export type DomainCondition =
  | { readonly kind: "nonzero" | "positive" | "nonnegative"; readonly term: Term }
  | { readonly kind: "between"; readonly term: Term; readonly low: Rational; readonly high: Rational };

/**
 * The domain of `a^b`: a negative constant exponent needs a nonzero base, a fractional one a
 * non-negative base (positive when the exponent is negative too), as floating point has it.
 */
function powerDomain(args: readonly Term[]): readonly DomainCondition[] {
  const base = args[0]!;
  const exponent = args[1]!;
  if (exponent.kind !== "num") return [];
  const n = exponent.value;
  if (!n.isInteger()) return [{ kind: n.isNegative() ? "positive" : "nonnegative", term: base }];
  return n.isNegative() ? [{ kind: "nonzero", term: base }] : [];
}

/** Precedence levels of the base infix operators; user operators may slot between them. */
export const Precedence = { sum: 10, product: 20, prefix: 30, power: 40 } as const;

function unaryCall(
  name: string,
  evaluate: (x: number) => number,
  exactAt: (x: Rational) => Rational | undefined,
  description: string,
  latex: string,
  domain?: (args: readonly Term[]) => readonly DomainCondition[],
): OperatorSpec {
  return {
    name,
    arity: 1,
    syntax: { kind: "call", name },
    evaluate: (args) => evaluate(args[0]!),
    exact: (args) => exactAt(args[0]!),
    description,
    latex,
    ...(domain === undefined ? {} : { domain }),
  };
}

/** The value at 0 when the argument is exactly 0, otherwise not rational. */
const atZero = (value: Rational) => (x: Rational) => (x.isZero() ? value : undefined);

/** The base operators every theory starts with. */
export const baseOperators: readonly OperatorSpec[] = [
  {
    name: "+",
    arity: 2,
    syntax: { kind: "infix", symbol: "+", precedence: Precedence.sum, associativity: "left" },
    evaluate: ([a, b]) => a! + b!,
    exact: ([a, b]) => a!.add(b!),
    description: "addition",
    latex: "+",
  },
  {
    name: "-",
    arity: 2,
    syntax: { kind: "infix", symbol: "-", precedence: Precedence.sum, associativity: "left" },
    evaluate: ([a, b]) => a! - b!,
    exact: ([a, b]) => a!.sub(b!),
    description: "subtraction",
    latex: "-",
  },
  {
    name: "*",
    arity: 2,
    syntax: { kind: "infix", symbol: "*", precedence: Precedence.product, associativity: "left" },
    evaluate: ([a, b]) => a! * b!,
    exact: ([a, b]) => a!.mul(b!),
    description: "multiplication",
    latex: "\\cdot",
  },
  {
    name: "/",
    arity: 2,
    syntax: { kind: "infix", symbol: "/", precedence: Precedence.product, associativity: "left" },
    evaluate: ([a, b]) => (b === 0 ? Number.NaN : a! / b!),
    exact: ([a, b]) => a!.div(b!),
    description: "division (undefined for a zero divisor)",
    latex: "\\frac{#1}{#2}",
    domain: (args) => [{ kind: "nonzero", term: args[1]! }],
  },
  {
    name: "^",
    arity: 2,
    syntax: { kind: "infix", symbol: "^", precedence: Precedence.power, associativity: "right" },
    evaluate: ([a, b]) => (a === 0 && b! < 0 ? Number.NaN : a! ** b!),
    exact: ([a, b]) => a!.pow(b!),
    description: "power (right-associative)",
    latex: "^",
    domain: powerDomain,
  },
  {
    name: "neg",
    arity: 1,
    syntax: { kind: "prefix", symbol: "-", precedence: Precedence.prefix },
    evaluate: ([a]) => -a!,
    exact: ([a]) => a!.neg(),
    description: "negation, written -a",
    latex: "-",
  },
  unaryCall("sin", Math.sin, atZero(Rational.ZERO), "sine", "\\sin"),
  unaryCall("cos", Math.cos, atZero(Rational.ONE), "cosine", "\\cos"),
  unaryCall("tan", Math.tan, atZero(Rational.ZERO), "tangent", "\\tan", (args) => [
    { kind: "nonzero", term: app("cos", [args[0]!]) },
  ]),
  unaryCall("exp", Math.exp, atZero(Rational.ONE), "exponential", "e^{#1}"),
  unaryCall(
    "log",
    (x) => (x > 0 ? Math.log(x) : Number.NaN),
    (x) => (x.isOne() ? Rational.ZERO : undefined),
    "natural logarithm (x > 0)",
    "\\log",
    (args) => [{ kind: "positive", term: args[0]! }],
  ),
  unaryCall(
    "sqrt",
    Math.sqrt,
    (x) => (x.isNegative() ? undefined : x.pow(Rational.of(1n, 2n))),
    "principal square root (x >= 0)",
    "\\sqrt{#1}",
    (args) => [{ kind: "nonnegative", term: args[0]! }],
  ),
  {
    name: "d",
    arity: 2,
    syntax: { kind: "call", name: "d" },
    description: "derivative: (d x e) is the derivative of e with respect to the variable x",
    latex: "\\frac{\\mathrm{d}}{\\mathrm{d}#1}\\left(#2\\right)",
  },
];
