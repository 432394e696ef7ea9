import { Rational } from "../term/rational.js";
import {
  type Cancellation,
  cancelCommonFactors,
  constantFactored,
  type Factored,
  factoredOfPoly,
  multiplyFactored,
  powerFactored,
} from "./factored.js";
import {
  add,
  constantPoly,
  exponentOf,
  type IntPoly,
  type Monomial,
  multiply,
  power,
  subtract,
  variablePoly,
  ZERO_POLY,
} from "./int-poly.js";
import type { AtomTable } from "./poly-term.js";

/**
 * `sin(u)^2 + cos(u)^2 = 1` in the factors of a rational function, which the ring of atoms
 * does not know (`sin(u)` and `cos(u)` are two variables): a factor is rewritten with
 * `cos(u)^2` as `1 - sin(u)^2`, or `sin(u)^2` as `1 - cos(u)^2`, when that leaves it fewer
 * terms, so `(cos(x) + sin(x))^2 + 1` is `2*sin(x)*cos(x) + 2` and the identity can cancel
 * factors (`(1 - cos(x)^2)/sin(x)` is `sin(x)`). The identity holds for every real `u`.
 */

/** The variables of `sin(u)` and `cos(u)` for each `u` with both among the atoms. */
export function sineCosinePairs(atoms: AtomTable): [number, number][] {
  const sines = new Map<number, number>();
  const cosines = new Map<number, number>();
  atoms.all.forEach((t, v) => {
    if (t.kind !== "app" || t.args.length !== 1) return;
    if (t.op === "sin") sines.set(t.args[0]!.id, v);
    else if (t.op === "cos") cosines.set(t.args[0]!.id, v);
  });
  const pairs: [number, number][] = [];
  for (const [u, s] of sines) {
    const c = cosines.get(u);
    if (c !== undefined) pairs.push([s, c]);
  }
  return pairs;
}

/** `m` with the exponent of `v` set to `e` (dropped when 0). */
function withExponent(m: Monomial, v: number, e: number): Monomial {
  const out: number[] = [];
  let placed = false;
  for (let i = 0; i < m.length; i += 2) {
    if (m[i] === v) continue;
    if (!placed && m[i]! > v) {
      if (e > 0) out.push(v, e);
      placed = true;
    }
    out.push(m[i]!, m[i + 1]!);
  }
  if (!placed && e > 0) out.push(v, e);
  return out;
}

/** `p` with each `from^e` (e ≥ 2) written `from^(e mod 2) * (1 - to^2)^(e div 2)`. */
function substitute(p: IntPoly, from: number, to: number): IntPoly {
  const oneMinus = subtract(constantPoly(1n), variablePoly(to, 2));
  let result = ZERO_POLY;
  for (const t of p) {
    const e = exponentOf(t.mono, from);
    const rest: IntPoly = [{ mono: e < 2 ? t.mono : withExponent(t.mono, from, e % 2), coef: t.coef }];
    result = add(result, e < 2 ? rest : multiply(rest, power(oneMinus, e >> 1)));
  }
  return result;
}

/**
 * `value` with each factor that gets fewer terms by the identity rewritten (see the file
 * comment), and its common factors cancelled again; `value` itself when none does.
 */
export function reducePythagoras(
  value: Factored,
  pairs: readonly (readonly [number, number])[],
  cancel: Cancellation,
): Factored {
  let changed = false;
  let result: Factored = constantFactored(value.coef);
  for (const f of value.factors) {
    let best = f.poly;
    for (const [s, c] of pairs) {
      for (const [from, to] of [
        [c, s],
        [s, c],
      ] as const) {
        if (!best.some((t) => exponentOf(t.mono, from) >= 2)) continue;
        const q = substitute(best, from, to);
        if (q.length < best.length) best = q;
      }
    }
    if (best === f.poly) {
      result = multiplyFactored(result, { coef: Rational.ONE, factors: [f] }, cancel);
      continue;
    }
    changed = true;
    // 0 when the factor was sin(u)^2 + cos(u)^2 - 1: a divisor 0 throws, as for any zero divisor.
    const rewritten = powerFactored(factoredOfPoly(best), f.exp, cancel);
    if (rewritten === undefined) return value;
    result = multiplyFactored(result, rewritten, cancel);
  }
  return changed ? cancelCommonFactors(result, cancel) : value;
}
