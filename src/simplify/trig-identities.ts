import { Rational } from "../term/rational.js";
import { app, num, type Term } from "../term/term.js";
import {
  addMonomial,
  clonePoly,
  type Factor,
  factorOf,
  type Monomial,
  monomialOf,
  type Poly,
} from "./polynomial.js";

/**
 * Trigonometric identities the canonical forms collect in a polynomial: `sin(u)^2 +
 * cos(u)^2 = 1` and the double angles, each only where it makes the sum smaller.
 */

const TWO = Rational.TWO;

/** Whether `f` is `op(…) ^ exp`. */
function isTrigPower(f: Factor, op: string, exp: Rational): boolean {
  return f.base.kind === "app" && f.base.op === op && f.exp.equals(exp);
}

/** Whether some factor of `p` is a power of a sine or cosine: else there are no identities to collect. */
export function hasSineOrCosine(p: Poly): boolean {
  for (const m of p.monomials) {
    for (const f of m.factors) {
      const base = f.base;
      if (base.kind === "app" && (base.op === "sin" || base.op === "cos")) return true;
    }
  }
  return false;
}

/** Whether some monomial of `p` has a factor `op(…) ^ exp`: else the collectors have nothing to do. */
function hasTrigPower(p: Poly, op: string, exp: Rational): boolean {
  for (const m of p.monomials) for (const f of m.factors) if (isTrigPower(f, op, exp)) return true;
  return false;
}

/** `m`'s factors without `f` (and without `g`). */
function without(m: Monomial, f: Factor, g?: Factor): Factor[] {
  const rest: Factor[] = [];
  for (const h of m.factors) if (h !== f && h !== g) rest.push(h);
  return rest;
}

/**
 * `c*R*sin(u)^2 + c*R*cos(u)^2` → `c*R`, repeatedly. Returns `p` itself when nothing collects.
 */
export function collectPythagoras(p: Poly): Poly {
  if (p.size < 2 || !hasTrigPower(p, "sin", TWO)) return p;
  let result = p;
  let changed = true;
  while (changed) {
    changed = false;
    for (const m of result.monomials) {
      const sine = trigFactor(m, "sin", TWO);
      if (sine === undefined) continue;
      const u = (sine.base as Term & { kind: "app" }).args;
      const rest = without(m, sine);
      const cosine = factorOf(app("cos", u), TWO);
      const partner = monomialOf(m.coef, [...rest, cosine]);
      const found = result.like(partner);
      if (found === undefined || !found.coef.equals(m.coef)) continue;
      if (result === p) result = clonePoly(p);
      result.remove(m);
      result.remove(found);
      addMonomial(result, monomialOf(m.coef, rest));
      changed = true;
      break;
    }
  }
  return result;
}

/** `2*u` as a canonical term, or `undefined` for a sum (whose canonical form is not just `2*u`). */
function doubled(u: Term): Term | undefined {
  if (u.kind === "num") return num(u.value.mul(Rational.TWO));
  if (u.kind === "app" && (u.op === "+" || u.op === "-")) return undefined;
  if (u.kind === "app" && u.op === "*" && u.args[0]!.kind === "num") {
    const c = u.args[0]!.value.mul(Rational.TWO);
    return c.isOne() ? u.args[1]! : app("*", [num(c), u.args[1]!]);
  }
  return app("*", [num(Rational.TWO), u]);
}

function trigFactor(m: Monomial, op: string, exp: Rational, args?: readonly Term[]): Factor | undefined {
  for (const f of m.factors) {
    if (
      isTrigPower(f, op, exp) &&
      (args === undefined || (f.base as Term & { kind: "app" }).args[0] === args[0])
    ) {
      return f;
    }
  }
  return undefined;
}

/**
 * Double angles, where they make the term smaller: `c*R*cos(u)^2 - c*R*sin(u)^2` → `c*R*cos(2u)`
 * and `2k*R*sin(u)*cos(u)` → `k*R*sin(2u)`. Returns `p` itself when nothing changes.
 */
export function collectDoubleAngles(p: Poly): Poly {
  let result = p;
  let changed = hasTrigPower(p, "cos", TWO);
  while (changed) {
    changed = false;
    for (const m of result.monomials) {
      const cosine = trigFactor(m, "cos", TWO);
      if (cosine === undefined) continue;
      const u = (cosine.base as Term & { kind: "app" }).args;
      const twice = doubled(u[0]!);
      if (twice === undefined) continue;
      const rest = without(m, cosine);
      const partner = monomialOf(m.coef.neg(), [...rest, factorOf(app("sin", u), TWO)]);
      const found = result.like(partner);
      if (found === undefined || !found.coef.equals(m.coef.neg())) continue;
      if (result === p) result = clonePoly(p);
      result.remove(m);
      result.remove(found);
      addMonomial(result, monomialOf(m.coef, [...rest, factorOf(app("cos", [twice]), Rational.ONE)]));
      changed = true;
      break;
    }
  }
  if (!hasTrigPower(result, "sin", Rational.ONE)) return result;
  for (const m of result.monomials.slice()) {
    if (!m.coef.div(Rational.TWO).isInteger()) continue;
    const sine = trigFactor(m, "sin", Rational.ONE);
    if (sine === undefined) continue;
    const u = (sine.base as Term & { kind: "app" }).args;
    const cosine = trigFactor(m, "cos", Rational.ONE, u);
    const twice = doubled(u[0]!);
    if (cosine === undefined || twice === undefined) continue;
    if (result === p) result = clonePoly(p);
    result.remove(m);
    addMonomial(
      result,
      monomialOf(m.coef.div(Rational.TWO), [
        ...without(m, sine, cosine),
        factorOf(app("sin", [twice]), Rational.ONE),
      ]),
    );
  }
  return result;
}
