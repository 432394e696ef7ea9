import { Rational } from "../term/rational.js";
import type { Term } from "../term/term.js";
import { ZeroDivisor } from "./factored.js";
import { gcd } from "./gcd.js";
import {
  add,
  constantOf,
  constantPoly,
  divideExact,
  equalPolys,
  type IntPoly,
  isConstant,
  isZero,
  multiply,
  negate,
  power,
  subtract,
  withBudget,
} from "./int-poly.js";
import type { AtomTable } from "./poly-term.js";
import { type ArithmeticField, readTerm } from "./read-term.js";

/**
 * Terms as plain fractions `num/den` of integer polynomials, nothing cancelled: what the proof
 * checker uses to verify a step of algebra by exact arithmetic alone. Alongside, the
 * numerator of every divisor the term has (`x` and `x - 1` in `1/x + 1/(x - 1)`): the term is
 * defined, as a rational function of its atoms, exactly where none of them is 0.
 */
export interface Fraction {
  readonly num: IntPoly;
  readonly den: IntPoly;
}

export interface FractionReading extends Fraction {
  /** The numerators of the term's divisors (including those of its atoms' arguments). */
  readonly divisors: readonly IntPoly[];
}

/** Work a checker's reading may take: generous, since a proof is checked once. */
export const FRACTION_BUDGET = 200_000;

/**
 * `term` as a fraction over the variables of `atoms` (new atoms are added to it), or
 * `undefined` when it is too large for the budget or divides by the zero polynomial.
 *
 * @example
 * ```ts
 * readFraction(parseExpression("1/(1/x)", { theory }), new AtomTable()); // x/1, divisors [x]
 * ```
 */
export function readFraction(term: Term, atoms: AtomTable): FractionReading | undefined {
  const divisors: IntPoly[] = [];
  try {
    const value = withBudget(FRACTION_BUDGET, () => readTerm(term, fractionField(atoms, divisors)));
    return value === undefined ? undefined : { ...value, divisors };
  } catch (error) {
    if (error instanceof ZeroDivisor) return undefined;
    throw error;
  }
}

function fractionField(atoms: AtomTable, divisors: IntPoly[]): ArithmeticField<Fraction> {
  const constant = (c: Rational): Fraction => ({ num: constantPoly(c.num), den: constantPoly(c.den) });
  const divisor = (p: IntPoly): void => {
    if (isZero(p)) throw new ZeroDivisor();
    if (!isConstant(p)) divisors.push(p);
  };
  const sum = (a: Fraction, b: Fraction, combine: (p: IntPoly, q: IntPoly) => IntPoly): Fraction =>
    equalPolys(a.den, b.den)
      ? { num: combine(a.num, b.num), den: a.den }
      : { num: combine(multiply(a.num, b.den), multiply(b.num, a.den)), den: multiply(a.den, b.den) };
  return {
    constant,
    add: (a, b) => sum(a, b, add),
    subtract: (a, b) => sum(a, b, subtract),
    multiply: (a, b) => ({ num: multiply(a.num, b.num), den: multiply(a.den, b.den) }),
    divide(a, b) {
      divisor(b.num);
      return { num: multiply(a.num, b.den), den: multiply(a.den, b.num) };
    },
    negate: (a) => ({ num: negate(a.num), den: a.den }),
    power(a, n) {
      if (n >= 0) return { num: power(a.num, n), den: power(a.den, n) };
      divisor(a.num);
      return { num: power(a.den, -n), den: power(a.num, -n) };
    },
    constantValue: (a) =>
      isConstant(a.num) && isConstant(a.den) && !isZero(a.den)
        ? Rational.of(constantOf(a.num), constantOf(a.den))
        : undefined,
    atom: (t) => ({ num: [{ mono: [atoms.variableOf(t), 1], coef: 1n }], den: constantPoly(1n) }),
  };
}

/** Whether `a` and `b` are one rational function: `a.num * b.den = b.num * a.den`. */
export function equalFractions(a: Fraction, b: Fraction): boolean | undefined {
  return withBudget(FRACTION_BUDGET, () => equalPolys(multiply(a.num, b.den), multiply(b.num, a.den)));
}

/**
 * Whether `d` is 0 only where one of `polys` is: every irreducible factor of `d` divides one
 * of them (so `x^2` vanishes only where `x*y` does). `undefined` past the work budget.
 */
export function vanishesOnlyWithOneOf(d: IntPoly, polys: readonly IntPoly[]): boolean | undefined {
  return withBudget(FRACTION_BUDGET, () => {
    let rest = d;
    for (const p of polys) {
      for (let h = gcd(rest, p); !isConstant(h); h = gcd(rest, p)) rest = divideExact(rest, h)!;
      if (isConstant(rest)) return true;
    }
    return isConstant(rest) && !isZero(rest);
  });
}
