import { Rational } from "../term/rational.js";
import { app, num, type Term } from "../term/term.js";
import { postorder } from "../term/traverse.js";

/**
 * Reading a term as a rational function: `+ - * /`, `neg` and integer powers are arithmetic;
 * numbers are constants; every other subterm (a symbol, `sin(x)`, `sqrt(x)`, `x^y`) is an
 * opaque atom, a variable of the polynomial ring. A fractional power `u^(p/q)` is read as the
 * atom `u^(1/q)` to the power `p`, so `x^(3/2)/x^(1/2)` cancels to `x^(1/2)`'s square.
 *
 * Generic over the arithmetic (factored forms for the simplifier, plain fractions for the
 * checker). Iterative over the term DAG; each distinct subterm is read once.
 */
export interface ArithmeticField<V> {
  constant(c: Rational): V;
  add(a: V, b: V): V;
  subtract(a: V, b: V): V;
  multiply(a: V, b: V): V;
  divide(a: V, b: V): V;
  negate(a: V): V;
  /** `a ^ n` for an integer `n`, or `undefined` when it cannot be held (the power is then an atom). */
  power(a: V, n: number): V | undefined;
  /** The atom `t`; `argValues` are its arguments read as rational functions. */
  atom(t: Term, argValues: readonly V[]): V;
  /** The number `a` is, when it is constant (an exponent such as `2 - 1` is then a number). */
  constantValue(a: V): Rational | undefined;
}

/** Integer exponents up to this size are arithmetic; larger ones leave the power opaque. */
export const MAX_EXPONENT = 1000;
/** Fractional exponents `p/q` with `q` up to this are read as powers of `u^(1/q)`. */
const MAX_ROOT = 64;

/**
 * `root` read in `field` (see the file comment). Errors the field throws (a spent budget, a
 * zero divisor) propagate.
 *
 * @example
 * ```ts
 * readTerm(parseExpression("(x^2 - 1)/(x - 1)", { theory }), factoredField(atoms)); // x + 1, factored
 * ```
 */
export function readTerm<V>(root: Term, field: ArithmeticField<V>): V {
  const values = new Map<number, V>();
  for (const t of postorder(root)) values.set(t.id, readOne(t, field, values));
  return values.get(root.id)!;
}

function readOne<V>(t: Term, field: ArithmeticField<V>, values: Map<number, V>): V {
  if (t.kind === "num") return field.constant(t.value);
  if (t.kind === "sym") return field.atom(t, []);
  const args = t.args.map((a) => values.get(a.id)!);
  if (args.length === 2) {
    const [a, b] = args as [V, V];
    switch (t.op) {
      case "+":
        return field.add(a, b);
      case "-":
        return field.subtract(a, b);
      case "*":
        return field.multiply(a, b);
      case "/":
        return field.divide(a, b);
      case "^": {
        const e = field.constantValue(b);
        if (e === undefined) break;
        if (e.isInteger() && Math.abs(e.toNumber()) <= MAX_EXPONENT) {
          return field.power(a, e.toNumber()) ?? field.atom(t, args);
        }
        if (!e.isInteger() && e.den <= BigInt(MAX_ROOT) && e.abs().toNumber() <= MAX_EXPONENT) {
          const unit = Rational.of(1n, e.den);
          const root = field.atom(app("^", [t.args[0]!, num(unit)]), [a, field.constant(unit)]);
          return field.power(root, Number(e.num)) ?? field.atom(t, args);
        }
        break;
      }
    }
  } else if (args.length === 1 && t.op === "neg") return field.negate(args[0]!);
  return field.atom(t, args);
}
