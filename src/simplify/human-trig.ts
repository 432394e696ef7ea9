import { Rational } from "../term/rational.js";
import { type App, app, type Term } from "../term/term.js";
import { treeSize } from "../term/traverse.js";
import type { FlatProduct, Piece } from "./flat-products.js";
import type { OwnedProduct, SumWriter } from "./human-powers.js";

/**
 * The trigonometric respellings of a product for the human form (human-form.ts): tangents,
 * double angles, secants and cosecants, each smaller and defined exactly where the product is.
 */

export function isCall(t: Term, op: string): t is App {
  return t.kind === "app" && t.op === op && t.args.length === 1;
}

/**
 * A sine over a cosine of the same argument is a tangent: `sin(u)^2/cos(u)^3` is
 * `tan(u)^2/cos(u)`. Both sides are defined where cos(u) is not 0, and the result is
 * smaller. (Not `cos(u)/sin(u)` as `1/tan(u)`: that is 0 where cos(u) is, 1/tan(u) undefined.)
 */
export function combineTangents(pieces: Piece[], writer: SumWriter): void {
  if (pieces.length < 2) return;
  for (let i = 0; i < pieces.length; i++) {
    const s = pieces[i]!;
    if (!isCall(s.base, "sin") || !s.exp.isInteger() || !s.exp.isPositive()) continue;
    const argument = s.base.args[0]!;
    const j = pieces.findIndex(
      (c) => isCall(c.base, "cos") && c.base.args[0] === argument && c.exp.isInteger() && c.exp.isNegative(),
    );
    if (j < 0) continue;
    const c = pieces[j]!;
    // tan^k with k the smaller of the two powers.
    const k = s.exp.compare(c.exp.neg()) <= 0 ? s.exp : c.exp.neg();
    const tangent = writer.adopt(app("tan", [argument]));
    pieces[i] = { base: s.base, exp: s.exp.sub(k) };
    pieces[j] = { base: c.base, exp: c.exp.add(k) };
    pieces.push({ base: tangent, exp: k });
  }
  let kept = 0;
  for (const q of pieces) if (!q.exp.isZero()) pieces[kept++] = q;
  pieces.length = kept;
}

/**
 * A reciprocal with nothing over it but ±1 takes its cosines and sines up as secants and
 * cosecants, two nodes smaller each time: `1/(x*cos(u)^2)` is `sec(u)^2/x`,
 * `1/(cos(x)*sin(x))` is `sec(x)*csc(x)` (each defined exactly where its quotient is).
 */
export function reciprocalTrig(p: OwnedProduct, writer: SumWriter): void {
  const pieces = p.pieces;
  if (p.coef.num !== 1n && p.coef.num !== -1n) return;
  if (pieces.some((q) => q.exp.isPositive())) return;
  for (let i = 0; i < pieces.length; i++) {
    const q = pieces[i]!;
    if (!q.exp.isInteger()) continue;
    const op = isCall(q.base, "cos") ? "sec" : isCall(q.base, "sin") ? "csc" : undefined;
    if (op === undefined) continue;
    const reciprocal = writer.adopt(app(op, [(q.base as App).args[0]!]));
    pieces[i] = { base: reciprocal, exp: q.exp.neg() };
  }
}

/**
 * Twice a sine times the cosine of the same argument is the sine of twice it, when the
 * coefficient has the 2: `2*sin(x)*cos(x)` is `sin(2*x)`, `1/(2*sin(x)*cos(x))` is
 * `1/sin(2*x)` (smaller, and defined at the same points).
 */
export function combineDoubleAngles(p: OwnedProduct, writer: SumWriter): void {
  const pieces = p.pieces;
  if (pieces.length < 2) return;
  for (let i = 0; i < pieces.length; i++) {
    const s = pieces[i]!;
    if (!isCall(s.base, "sin") || !s.exp.isInteger()) continue;
    const argument = s.base.args[0]!;
    const j = pieces.findIndex(
      (c) => isCall(c.base, "cos") && c.base.args[0] === argument && c.exp.equals(s.exp),
    );
    if (j < 0) continue;
    const twos = Rational.TWO.pow(s.exp)!;
    // The 2^k must come out of the coefficient whole: 2*sin*cos, or 1/(2*sin*cos); or, for
    // one sine and one cosine of an argument of 3 nodes or more, the coefficient takes the
    // 2 in, still smaller: y*sin(x/y)*cos(x/y) is y*sin(2*x/y)/2.
    const whole = s.exp.isPositive() ? p.coef.num % twos.num === 0n : p.coef.den % twos.den === 0n;
    if (!whole && !(s.exp.abs().isOne() && treeSize(argument) >= 3)) continue;
    const rest = p.coef.div(twos);
    const flat = writer.terms(argument);
    // 2*x, 4*x*y, but 2*(x + y): a sum is doubled whole.
    const doubled: FlatProduct[] =
      flat === undefined || flat.length !== 1
        ? [{ coef: Rational.TWO, pieces: [{ base: argument, exp: Rational.ONE }] }]
        : [{ coef: flat[0]!.coef.mul(Rational.TWO), pieces: flat[0]!.pieces }];
    const sine = writer.adopt(app("sin", [writer.collectedSum(doubled)]));
    p.coef = rest;
    pieces[i] = { base: sine, exp: s.exp };
    pieces.splice(j, 1);
    return;
  }
}
