import { UsageError } from "../errors.js";
import { Rational } from "../term/rational.js";

/**
 * JavaScript functions that rules files may name as an operator's numeric meaning:
 *
 * ```text
 * (operator asin 1 :js Math.asin)
 * ```
 *
 * A rules file cannot contain code, so a function must be registered through the library before
 * a file that names it is loaded. The registry is process-wide and append-only: a name, once
 * registered, always means the same function, so operators declared with it never change
 * meaning. Registering the same function again under its name is allowed (and does nothing);
 * registering a different one is a {@link UsageError}.
 *
 * The `Math.*` functions rules files are most likely to want (and the constants `Math.PI` and
 * `Math.E`, as functions of no arguments), and `dsat.sign`, are registered from the start (see {@link BUILTIN_JS_FUNCTIONS}).
 *
 * @example
 * ```ts
 * registerJsFunction("softplus", { arity: 1, evaluate: (x) => Math.log1p(Math.exp(x)) });
 * const theory = applyRuleFile(defaultTheory(), parseRuleFile("(operator softplus 1 :js softplus)", { theory: defaultTheory() }));
 * evaluate(parseExpression("softplus(0)", { theory }), {}, { theory }); // 0.6931471805599453
 * ```
 */

/** A registered function: its floating-point meaning and, optionally, an exact one. */
export interface JsFunction {
  /** How many arguments it takes; an operator declared with it must have this arity. */
  readonly arity: number;
  /** The value at numbers; NaN outside the domain (never throws). */
  readonly evaluate: (...args: number[]) => number;
  /**
   * The exact value at rationals when it is rational, else `undefined` (`asin(0) = 0`,
   * `cbrt(-8) = -2`). Used by constant folding; without it nothing folds.
   */
  readonly exact?: (args: readonly Rational[]) => Rational | undefined;
  /** One line for help texts. */
  readonly description?: string;
}

/** What a registry name looks like: words of letters, digits and `_`, joined by dots. */
const JS_FUNCTION_NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

const registry = new Map<string, JsFunction>();

/**
 * Registers `fn` under `name` for `:js name` in rules files.
 * Throws a {@link UsageError} for a malformed name, an arity that is not a whole number, or a
 * name already registered with a different function.
 */
export function registerJsFunction(name: string, fn: JsFunction): void {
  if (!JS_FUNCTION_NAME.test(name)) {
    throw new UsageError(
      `'${name}' is not a valid function name (letters, digits, _ and dots, like Math.asin)`,
    );
  }
  if (!Number.isInteger(fn.arity) || fn.arity < 0) {
    throw new UsageError(`function '${name}' needs a whole-number arity, not ${fn.arity}`);
  }
  const existing = registry.get(name);
  if (existing !== undefined) {
    if (existing.evaluate === fn.evaluate && existing.arity === fn.arity && existing.exact === fn.exact)
      return;
    throw new UsageError(
      `a different function is already registered as '${name}': names are permanent, choose another`,
    );
  }
  registry.set(name, Object.freeze({ ...fn }));
}

/** The function registered as `name`, if any. */
export function jsFunction(name: string): JsFunction | undefined {
  return registry.get(name);
}

/** The registered names, sorted. */
export function jsFunctionNames(): string[] {
  return [...registry.keys()].sort();
}

// Exact meanings of the built-ins: rational only at a few points.

/** The value `value` at argument `at`, nothing elsewhere. */
const onlyAt =
  (at: Rational, value: Rational) =>
  ([x]: readonly Rational[]): Rational | undefined =>
    x!.equals(at) ? value : undefined;

/** The real cube root of a rational when it is rational: `cbrt(-27/8) = -3/2`. */
function exactCubeRoot([x]: readonly Rational[]): Rational | undefined {
  const third = Rational.of(1n, 3n);
  if (x!.isNegative()) return x!.neg().pow(third)?.neg();
  return x!.pow(third);
}

/** `x/|x|`: the derivative of `|x|`, so undefined at 0 (where `Math.sign` would say 0). */
function signOfNonzero(x: number): number {
  return x === 0 ? Number.NaN : Math.sign(x);
}

/** `log(a)/log(b)` where that is a logarithm: a > 0, b > 0 and b != 1; NaN elsewhere. */
function logarithmToBase(b: number, a: number): number {
  if (!(a > 0 && b > 0 && b !== 1)) return Number.NaN;
  return Math.log(a) / Math.log(b);
}

/** Largest denominator tried when looking for a rational logarithm such as log_8 2 = 1/3. */
const MAX_LOG_DENOMINATOR = 12;

/**
 * `logb(b, a)` exactly when it is rational: the `p/q` (q <= 12) with `b^(p/q) = a`, checked
 * in exact arithmetic (`logb(2, 8) = 3`, `logb(8, 2) = 1/3`, `logb(4, 1/2) = -1/2`).
 */
function exactLogarithmToBase([b, a]: readonly Rational[]): Rational | undefined {
  if (b!.isNegative() || b!.isZero() || b!.isOne() || a!.isNegative() || a!.isZero()) return undefined;
  if (a!.isOne()) return Rational.ZERO;
  const estimate = logarithmToBase(b!.toNumber(), a!.toNumber());
  if (!Number.isFinite(estimate) || Math.abs(estimate) > 4096) return undefined;
  for (let q = 1; q <= MAX_LOG_DENOMINATOR; q++) {
    const p = Math.round(estimate * q);
    const candidate = Rational.of(p, q);
    if (Math.abs(candidate.toNumber() - estimate) > 1e-9 * Math.max(1, Math.abs(estimate))) continue;
    if (b!.pow(candidate)?.equals(a!)) return candidate;
  }
  return undefined;
}

const ZERO = Rational.ZERO;
const ONE = Rational.ONE;

/**
 * Registered from the start: the elementary `Math` functions (those the shipped rules files use
 * and the rest of the common ones), `Math.PI`, `Math.E`, and dsat's own `dsat.sign`, `dsat.logb`.
 * docs/new-operator.md lists them; a test keeps the list and this table equal.
 */
export const BUILTIN_JS_FUNCTIONS: Readonly<Record<string, JsFunction>> = {
  "Math.abs": { arity: 1, evaluate: Math.abs, exact: ([x]) => x!.abs(), description: "absolute value" },
  "Math.sign": {
    arity: 1,
    evaluate: Math.sign,
    exact: ([x]) => Rational.of(x!.isZero() ? 0n : x!.isNegative() ? -1n : 1n),
    description: "sign: -1, 0 or 1",
  },
  "dsat.sign": {
    arity: 1,
    evaluate: signOfNonzero,
    exact: ([x]) => (x!.isZero() ? undefined : Rational.of(x!.isNegative() ? -1n : 1n)),
    description: "sign of a nonzero number, x/|x| (undefined at 0)",
  },
  "dsat.logb": {
    arity: 2,
    evaluate: logarithmToBase,
    exact: exactLogarithmToBase,
    description: "logarithm of the second argument to the base given first (a > 0, b > 0, b != 1)",
  },
  "Math.cbrt": { arity: 1, evaluate: Math.cbrt, exact: exactCubeRoot, description: "real cube root" },
  // The elementary functions, under their JavaScript names, for operators of one's own
  // (`(operator mysin 1 :js Math.sin)`); `sin`, `exp`, `log`, `sqrt` themselves are base operators.
  "Math.sin": { arity: 1, evaluate: Math.sin, exact: onlyAt(ZERO, ZERO), description: "sine" },
  "Math.cos": { arity: 1, evaluate: Math.cos, exact: onlyAt(ZERO, ONE), description: "cosine" },
  "Math.tan": { arity: 1, evaluate: Math.tan, exact: onlyAt(ZERO, ZERO), description: "tangent" },
  "Math.exp": { arity: 1, evaluate: Math.exp, exact: onlyAt(ZERO, ONE), description: "exponential" },
  "Math.log": {
    arity: 1,
    evaluate: Math.log,
    exact: onlyAt(ONE, ZERO),
    description: "natural logarithm (-Infinity at 0, NaN below)",
  },
  "Math.log2": {
    arity: 1,
    evaluate: Math.log2,
    exact: ([x]) => exactLogarithmToBase([Rational.TWO, x!]),
    description: "logarithm to base 2",
  },
  "Math.log10": {
    arity: 1,
    evaluate: Math.log10,
    exact: ([x]) => exactLogarithmToBase([Rational.of(10), x!]),
    description: "logarithm to base 10",
  },
  "Math.sqrt": {
    arity: 1,
    evaluate: Math.sqrt,
    exact: ([x]) => (x!.isNegative() ? undefined : x!.pow(Rational.of(1n, 2n))),
    description: "square root",
  },
  "Math.asinh": { arity: 1, evaluate: Math.asinh, exact: onlyAt(ZERO, ZERO), description: "inverse sinh" },
  "Math.acosh": { arity: 1, evaluate: Math.acosh, exact: onlyAt(ONE, ZERO), description: "inverse cosh" },
  "Math.atanh": { arity: 1, evaluate: Math.atanh, exact: onlyAt(ZERO, ZERO), description: "inverse tanh" },
  "Math.asin": { arity: 1, evaluate: Math.asin, exact: onlyAt(ZERO, ZERO), description: "arcsine" },
  "Math.acos": { arity: 1, evaluate: Math.acos, exact: onlyAt(ONE, ZERO), description: "arccosine" },
  "Math.atan": { arity: 1, evaluate: Math.atan, exact: onlyAt(ZERO, ZERO), description: "arctangent" },
  "Math.sinh": { arity: 1, evaluate: Math.sinh, exact: onlyAt(ZERO, ZERO), description: "hyperbolic sine" },
  "Math.cosh": { arity: 1, evaluate: Math.cosh, exact: onlyAt(ZERO, ONE), description: "hyperbolic cosine" },
  "Math.tanh": {
    arity: 1,
    evaluate: Math.tanh,
    exact: onlyAt(ZERO, ZERO),
    description: "hyperbolic tangent",
  },
  "Math.log1p": { arity: 1, evaluate: Math.log1p, exact: onlyAt(ZERO, ZERO), description: "log(1 + x)" },
  "Math.expm1": { arity: 1, evaluate: Math.expm1, exact: onlyAt(ZERO, ZERO), description: "exp(x) - 1" },
  // Named constants: nullary functions, for (operator pi 0 :js Math.PI).
  "Math.PI": {
    arity: 0,
    evaluate: () => Math.PI,
    description: "π, the ratio of a circle's circumference to its diameter",
  },
  "Math.E": { arity: 0, evaluate: () => Math.E, description: "e, the base of the natural logarithm" },
  "Math.atan2": { arity: 2, evaluate: Math.atan2, description: "angle of the point (x, y): atan2(y, x)" },
  "Math.hypot": { arity: 2, evaluate: Math.hypot, description: "sqrt(x^2 + y^2) without overflow" },
};

for (const [name, fn] of Object.entries(BUILTIN_JS_FUNCTIONS)) registerJsFunction(name, fn);
