import {
  coefficientsIn,
  constantPoly,
  degreeIn,
  divideExact,
  fromCoefficients,
  type IntPoly,
  integerContent,
  integerGcd,
  isConstant,
  isZero,
  leadingCoefficientIn,
  multiply,
  ONE_POLY,
  power,
  scale,
  subtract,
  variablesOf,
} from "./int-poly.js";

/**
 * Greatest common divisors of multivariate integer polynomials, by the subresultant
 * polynomial remainder sequence applied recursively over the variables: a polynomial in
 * `x0, x1, …` is read as univariate in its first variable with coefficients in the others,
 * whose contents are gcds one variable fewer.
 *
 * Reference: G. E. Collins, "Subresultants and reduced polynomial remainder sequences",
 * J. ACM 14 (1967); W. S. Brown, "On Euclid's algorithm and the computation of polynomial
 * greatest common divisors", J. ACM 18 (1971); D. E. Knuth, TAOCP vol. 2, §4.6.1, Algorithm C.
 * The subresultant PRS keeps coefficient growth polynomial (dividing each pseudo-remainder by
 * `g * h^δ`) without the content computation a primitive PRS makes at every step.
 *
 * Results are normalised: the lexicographically leading coefficient is positive, and the
 * integer content is the gcd of the inputs' contents. `gcd(0, 0)` is 0.
 */

/** A gcd normalised with a positive leading coefficient. */
function positive(p: IntPoly): IntPoly {
  return p.length > 0 && p[0]!.coef < 0n ? scale(p, -1n) : p;
}

/**
 * The greatest common divisor of `a` and `b` in Z[x0, x1, …], leading coefficient positive.
 * Spends from the current work budget (see `withBudget`).
 *
 * @example
 * ```ts
 * gcd(x^2 - 1, x^2 - 2x + 1); // x - 1
 * ```
 */
export function gcd(a: IntPoly, b: IntPoly): IntPoly {
  if (isZero(a)) return positive(b);
  if (isZero(b)) return positive(a);
  if (isConstant(a) || isConstant(b)) return constantPoly(integerGcd(integerContent(a), integerContent(b)));
  const va = variablesOf(a);
  const vb = variablesOf(b);
  const v = Math.min(va[0]!, vb[0]!);
  const inA = va[0] === v;
  const inB = vb[0] === v;
  if (!inA || !inB) {
    // `v` divides neither side's gcd with the other: gcd(a, b) = gcd(b, coefficients of a in v).
    let g = inA ? b : a;
    for (const c of coefficientsIn(inA ? a : b, v)) {
      if (isConstant(g)) break;
      if (!isZero(c)) g = gcd(g, c);
    }
    return isConstant(g) ? constantPoly(integerGcd(integerContent(a), integerContent(b))) : positive(g);
  }
  const ca = contentIn(a, v);
  const cb = contentIn(b, v);
  const pa = divideExact(a, ca)!;
  const pb = divideExact(b, cb)!;
  const c = gcd(ca, cb);
  const g = subresultantGcd(pa, pb, v);
  return positive(multiply(c, g));
}

/** The content of `p` as a polynomial in `v`: the gcd of its coefficients, positive. */
export function contentIn(p: IntPoly, v: number): IntPoly {
  let g: IntPoly = [];
  for (const c of coefficientsIn(p, v)) {
    if (isZero(c)) continue;
    g = gcd(g, c);
    if (isConstant(g) && integerContent(g) === 1n) break;
  }
  return positive(g);
}

/** `p` divided by its content in `v`, leading coefficient positive. */
export function primitivePartIn(p: IntPoly, v: number): IntPoly {
  if (isZero(p)) return p;
  return positive(divideExact(p, contentIn(p, v))!);
}

/**
 * The pseudo-remainder of `a` by `b` in `v`: `lc(b)^(deg a - deg b + 1) * a mod b`, computed
 * so that no division is needed (Knuth's Algorithm R).
 */
export function pseudoRemainder(a: IntPoly, b: IntPoly, v: number): IntPoly {
  const db = degreeIn(b, v);
  const lcB = leadingCoefficientIn(b, v);
  const bCoefficients = coefficientsIn(b, v);
  let rest = a;
  let e = degreeIn(a, v) - db + 1;
  while (!isZero(rest) && degreeIn(rest, v) >= db) {
    const dr = degreeIn(rest, v);
    const lcR = leadingCoefficientIn(rest, v);
    // rest := lc(b) * rest - lc(rest) * v^(dr - db) * b
    const shifted: IntPoly[] = [];
    for (let k = 0; k < dr - db; k++) shifted.push([]);
    for (const c of bCoefficients) shifted.push(multiply(c, lcR));
    rest = subtract(multiply(lcB, rest), fromCoefficients(shifted, v));
    e--;
  }
  return e > 0 ? multiply(power(lcB, e), rest) : rest;
}

/**
 * The gcd of two polynomials primitive in `v` and both of positive degree in it: the last
 * nonzero term of the subresultant PRS, made primitive (Algorithm C of Knuth §4.6.1).
 */
function subresultantGcd(a: IntPoly, b: IntPoly, v: number): IntPoly {
  let u = a;
  let w = b;
  if (degreeIn(u, v) < degreeIn(w, v)) [u, w] = [w, u];
  let g: IntPoly = ONE_POLY;
  let h: IntPoly = ONE_POLY;
  for (;;) {
    const delta = degreeIn(u, v) - degreeIn(w, v);
    const r = pseudoRemainder(u, w, v);
    if (isZero(r)) return primitivePartIn(w, v);
    // A remainder free of v: the primitive parts are coprime in v.
    if (degreeIn(r, v) === 0) return ONE_POLY;
    u = w;
    w = divideExact(r, multiply(g, power(h, delta)))!;
    g = leadingCoefficientIn(u, v);
    // h := g^δ / h^(δ-1), exact.
    h = delta === 0 ? h : divideExact(power(g, delta), power(h, delta - 1))!;
  }
}

/** `a / gcd(a, b)` and `b / gcd(a, b)` with the gcd: the cofactors are coprime. */
export function gcdWithCofactors(a: IntPoly, b: IntPoly): [g: IntPoly, aBar: IntPoly, bBar: IntPoly] {
  const g = gcd(a, b);
  if (isZero(g)) return [g, a, b];
  return [g, divideExact(a, g)!, divideExact(b, g)!];
}
