import { codeGenerationAllowed } from "../platform/code-generation.js";
import { baseOperators, type OperatorSpec } from "../term/operator.js";

/**
 * How the compiler writes the base operators in JavaScript, checked against their meaning.
 *
 * Each base operator has a JavaScript form: an infix or prefix operator (`a + b`, `-a`), a
 * `Math` call (`Math.sin(a)`), or a small helper function where the evaluator's meaning differs
 * from JavaScript's (`/` is undefined, NaN, for a zero divisor; `log` is undefined at 0, not
 * -Infinity). A form is used only for an operator whose `evaluate` is the base operator's own
 * and agrees with the form at a grid of probe points (zeros of both signs, ±1, tiny, huge,
 * infinite and NaN arguments); if the base meaning ever changes, the compiler falls back to
 * calling `evaluate` instead of computing something else.
 */

/** How a form is written inline; without one, the form is called as a helper. */
export type Inline =
  | { readonly kind: "infix"; readonly symbol: string }
  | { readonly kind: "prefix"; readonly symbol: string }
  | { readonly kind: "call"; readonly name: string };

export interface JsForm {
  /** The operator's meaning as a JavaScript arrow function or function name. */
  readonly source: string;
  readonly inline?: Inline;
}

const infix = (symbol: string): JsForm => ({
  source: `(a, b) => a ${symbol} b`,
  inline: { kind: "infix", symbol },
});
const math = (name: string): JsForm => ({
  source: `Math.${name}`,
  inline: { kind: "call", name: `Math.${name}` },
});

/** The JavaScript forms of the base operators (`d` has none: it has no numeric meaning). */
export const BASE_JS_FORMS: Readonly<Record<string, JsForm>> = {
  "+": infix("+"),
  "-": infix("-"),
  "*": infix("*"),
  "/": { source: "(a, b) => (b === 0 ? NaN : a / b)" },
  "^": { source: "(a, b) => (a === 0 && b < 0 ? NaN : a ** b)" },
  neg: { source: "(a) => -a", inline: { kind: "prefix", symbol: "-" } },
  sin: math("sin"),
  cos: math("cos"),
  tan: math("tan"),
  exp: math("exp"),
  log: { source: "(a) => (a > 0 ? Math.log(a) : NaN)" },
  sqrt: math("sqrt"),
};

const PROBES = [
  0,
  -0,
  1,
  -1,
  0.5,
  -0.5,
  2,
  -2,
  3,
  -3,
  0.1,
  Math.PI,
  1e-300,
  -1e-300,
  1e300,
  -1e300,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  Number.NaN,
];

const baseEvaluators = new Map(baseOperators.map((spec) => [spec.name, spec.evaluate]));
const verified = new WeakMap<object, boolean>();

/** Equal as doubles: the same value (0 and -0 told apart), or both NaN. */
function same(a: number, b: number): boolean {
  return Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b));
}

/** Whether `evaluate` and the form compute the same value at every probe point (all pairs, for binary ones). */
function agreesOnProbes(evaluate: (args: readonly number[]) => number, form: JsForm, arity: number): boolean {
  const fn = new Function(`return ${form.source};`)() as (...args: number[]) => number;
  const points: number[][] =
    arity === 1 ? PROBES.map((p) => [p]) : PROBES.flatMap((a) => PROBES.map((b) => [a, b]));
  return points.every((args) => same(evaluate(args), fn(...args)));
}

/**
 * The JavaScript form of `spec` when it is a base operator with its base meaning, checked at
 * the probe points once per process; `undefined` otherwise (the compiler then calls `evaluate`).
 */
export function verifiedJsForm(spec: OperatorSpec): JsForm | undefined {
  const form = BASE_JS_FORMS[spec.name];
  const evaluate = spec.evaluate;
  if (form === undefined || evaluate === undefined || baseEvaluators.get(spec.name) !== evaluate)
    return undefined;
  let ok = verified.get(evaluate);
  if (ok === undefined) {
    // Unchecked forms are not used; without code generation they cannot be checked.
    ok = codeGenerationAllowed() && agreesOnProbes(evaluate, form, spec.arity);
    verified.set(evaluate, ok);
  }
  return ok ? form : undefined;
}
