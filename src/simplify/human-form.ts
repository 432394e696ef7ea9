import { Rational } from "../term/rational.js";
import { type App, app, type Num, num, type Term, ZERO } from "../term/term.js";
import { TermIdMap } from "../term/term-id-map.js";
import { baseTheory, type Theory } from "../theory.js";
import {
  type FlatProduct,
  flatten,
  HALF,
  isAdditive,
  isMultiplicative,
  type Piece,
  powerOf,
  rootPower,
  times,
} from "./flat-products.js";
import { leadWithConstant, sortPieces, sortProducts } from "./human-order.js";
import {
  collectLikeTerms,
  combineExponentials,
  combineSymbolicPowers,
  distributeCoefficient,
  isExponential,
  reciprocalPowers,
  type SumWriter,
} from "./human-powers.js";
import { combineDoubleAngles, combineTangents, reciprocalTrig } from "./human-trig.js";

/**
 * The form a person writes a term in, as a term for the infix printer:
 *
 * - sums are ordered by variable name, higher degree first, constants last
 *   (`x^2 + 2*x + 1`, `x + 3*y^2`), and start with a positive term when there is one;
 * - products put the number first and the variables in name order (`2*x*y`, not `x*2*y`);
 * - subtraction and negation instead of `-1` coefficients (`x - y`, `-x`, `-2*x`);
 * - negative powers become division (`x/y`, `1/x^2`, `3*x/2`), `x^(1/2)` becomes `sqrt(x)`;
 * - powers of one base in a product are one power (`x*x` is `x^2`), roots of roots one root
 *   (`sqrt(sqrt(x))` is `x^(1/4)`).
 *
 * It reorders and respells: numbers in a sum or product are combined, but no like terms of a
 * sum are collected (that is the simplifier's job). The value is unchanged wherever the input
 * is defined, and no divisor is lost: `1/(1/x)` keeps its inner division (it is undefined at
 * x = 0, unlike `x`), and so does `x^2/x`. Iterative (explicit stack), memoised by term id, so deep terms are fine.
 *
 * @example
 * ```ts
 * const t = parseSExpr("(+ (* y 1) (* x 2))", { theory });
 * printInfix(humanForm(t), { theory }); // "2*x + y*1"? no: numbers combine: "2*x + y"
 * ```
 */
export function humanForm(term: Term, theory: Theory = baseTheory): Term {
  return new HumanForm(theory).of(term);
}

/** One term of a sum being assembled: owned by the assembly, which may change it. */
interface Product {
  coef: Rational;
  readonly pieces: Piece[];
}

/** Marks a frame of {@link HumanForm.of} whose children are not pushed yet. */
const UNEXPANDED = 0;
/** Marks a frame converted argument by argument (not a cluster, or one too large to flatten). */
const BY_ARGUMENTS = 1;
/**
 * What a frame of {@link HumanForm.of} does: expand, convert argument by argument, assemble a
 * flattened cluster, or take the human form of another term (an App) of the same value.
 */
type Plan = readonly FlatProduct[] | typeof UNEXPANDED | typeof BY_ARGUMENTS | App;

/** A reusable human-form converter: keeps its memo across calls (terms are immutable). */
export class HumanForm {
  /** Human forms of applications by term id (a leaf is its own). */
  private readonly memo = new TermIdMap<Term>(16);
  /** Work stacks of {@link of}, kept between calls (it never nests). */
  private readonly terms: App[] = [];
  private readonly plans: Plan[] = [];
  /** {@link flatten} by term id (`null`: too large), since sums and their factors are read again and again. */
  private readonly flattened = new TermIdMap<readonly FlatProduct[] | null>(16);
  private readonly hasSqrt: boolean;
  private readonly hasExp: boolean;
  private readonly hasTan: boolean;
  /** Whether the theory has sec and csc (rules/reciprocal-trig.rules), for `reciprocalTrig`. */
  private readonly hasReciprocals: boolean;

  private readonly collectPowers: boolean;
  private readonly widenDomain: boolean;

  /**
   * `collectPowers` (default true): powers of one base in a product become one power (`x*x`
   * is `x^2`); off for a caller whose own cost may prefer `x*x`. `widenDomain` (default false):
   * they do so even where the power is defined at more points (`x^2/x` is `x`, defined at 0),
   * for the simplifier on its input's domain.
   */
  constructor(
    theory: Theory = baseTheory,
    options: { readonly collectPowers?: boolean; readonly widenDomain?: boolean } = {},
  ) {
    const sqrt = theory.operators.sqrt;
    this.hasSqrt = sqrt !== undefined && sqrt.arity === 1;
    const exp = theory.operators.exp;
    this.hasExp = exp !== undefined && exp.arity === 1;
    const tan = theory.operators.tan;
    this.hasTan = tan !== undefined && tan.arity === 1;
    const { sec, csc } = theory.operators;
    this.hasReciprocals = sec?.arity === 1 && csc?.arity === 1;
    this.collectPowers = options.collectPowers ?? true;
    this.widenDomain = options.widenDomain ?? false;
  }

  /** Sums read and written for the respellings of human-powers.ts and human-trig.ts. */
  private readonly writer: SumWriter = {
    terms: (t) => (t.kind === "app" && this.isCluster(t) ? this.flatten(t) : undefined),
    collectedSum: (terms) => {
      this.adoptBases(terms);
      return this.adopt(this.assembleSum(collectLikeTerms(terms)));
    },
    sum: (terms) => {
      this.adoptBases(terms);
      return this.adopt(this.assembleSum(terms, false));
    },
    adopt: (t) => this.adopt(t),
  };

  /** Records `t` as its own human form; `t`. */
  private adopt<T extends Term>(t: T): T {
    this.record(t, t);
    return t;
  }

  /** The human form of `root`. */
  of(root: Term): Term {
    const known = this.converted(root);
    if (known !== undefined) return known;
    const memo = this.memo;
    // Frames as parallel stacks: an application, and once expanded, the products its cluster
    // flattens to. Leaves are their own human form and never need a frame.
    const terms = this.terms;
    const plans = this.plans;
    if (terms.length > 0) {
      // Left over from an earlier call that threw.
      terms.length = 0;
      plans.length = 0;
    }
    terms.push(root as App);
    plans.push(UNEXPANDED);
    while (terms.length > 0) {
      const top = terms.length - 1;
      const t = terms[top]!;
      if (memo.has(t.id)) {
        terms.pop();
        plans.pop();
        continue;
      }
      const plan = plans[top]!;
      if (plan === UNEXPANDED) {
        const respelled = this.respelled(t);
        if (respelled !== undefined) {
          plans[top] = respelled;
          this.pushUnconverted(respelled);
          continue;
        }
        const flat = this.isCluster(t) ? this.flatten(t) : undefined;
        if (flat === undefined) {
          plans[top] = BY_ARGUMENTS;
          for (const child of t.args) this.pushUnconverted(child);
        } else {
          plans[top] = flat;
          for (const p of flat) for (const q of p.pieces) this.pushUnconverted(q.base);
        }
        continue;
      }
      terms.pop();
      plans.pop();
      memo.set(
        t.id,
        plan === BY_ARGUMENTS
          ? this.withConvertedArgs(t)
          : Array.isArray(plan)
            ? this.assembleSum(plan)
            : this.converted(plan as App)!,
      );
    }
    return memo.get(root.id)!;
  }

  /** The human form of `t` when known: a leaf is its own. */
  private converted(t: Term): Term | undefined {
    return t.kind === "app" ? this.memo.get(t.id) : t;
  }

  /** Pushes a frame for `t` unless its human form is known. */
  private pushUnconverted(t: Term): void {
    if (t.kind === "app" && !this.memo.has(t.id)) {
      this.terms.push(t);
      this.plans.push(UNEXPANDED);
    }
  }

  /** Records `human` as the human form of `t` (nothing to record for a leaf, its own). */
  private record(t: Term, human: Term): void {
    if (t.kind === "app") this.memo.set(t.id, human);
  }

  /** `t` with its arguments in human form (`t` itself when none changes). */
  private withConvertedArgs(t: App): Term {
    const args = t.args;
    let converted: Term[] | undefined;
    for (let i = 0; i < args.length; i++) {
      const human = this.converted(args[i]!)!;
      if (converted === undefined && human !== args[i]) converted = args.slice(0, i);
      converted?.push(human);
    }
    return converted === undefined ? t : app(t.op, converted);
  }

  /**
   * A term of the same value that reads better, converted in `t`'s place: `exp(a)^b` is
   * `exp(a*b)` (exp is positive, so for every real a and b), as a textbook writes it.
   */
  private respelled(t: App): App | undefined {
    if (!this.hasExp || t.op !== "^" || t.args.length !== 2 || t.args[1]!.kind === "num") return undefined;
    const base = t.args[0]!;
    if (!isExponential(base)) return undefined;
    return app("exp", [app("*", [base.args[0]!, t.args[1]!])]);
  }

  private isCluster(t: App): boolean {
    const op = t.op;
    if (t.args.length === 2 && (op === "+" || op === "-" || op === "*" || op === "/")) return true;
    if (op === "neg" && t.args.length === 1) return true;
    if (op === "sqrt" && t.args.length === 1) return this.hasSqrt;
    return op === "^" && t.args.length === 2 && t.args[1]!.kind === "num";
  }

  /** {@link flatten}, memoised. */
  private flatten(t: App): readonly FlatProduct[] | undefined {
    const known = this.flattened.get(t.id);
    if (known !== undefined) return known ?? undefined;
    const products = flatten(t, this.widenDomain);
    this.flattened.set(t.id, products ?? null);
    return products;
  }

  /** The sum of `products` in human order, their bases already converted. */
  private assembleSum(products: readonly FlatProduct[], flipNegativeSums = true): Term {
    let constant = Rational.ZERO;
    const terms: Product[] = [];
    // Bases in human form, all looked up before any product is assembled: assembling one may
    // record more human forms (see flipNegativeSums), and those must not leak into its siblings.
    const pending: FlatProduct[] = [];
    for (const p of products) pending.push(this.convertedBases(p));
    // In order (ties in the sort below keep it), splicing nested sums in place.
    for (let i = 0; i < pending.length; i++) {
      const p = this.spliceFactors(pending[i]!);
      if (this.hasExp) combineExponentials(p.pieces, this.writer);
      if (this.hasTan) combineTangents(p.pieces, this.writer);
      combineDoubleAngles(p, this.writer);
      if (this.hasReciprocals) reciprocalTrig(p, this.writer);
      if (this.collectPowers && this.widenDomain) combineSymbolicPowers(p.pieces, this.writer);
      reciprocalPowers(p, this.writer);
      if (flipNegativeSums) {
        this.flipNegativeSums(p);
        this.pullContent(p);
        if (this.collectPowers) distributeCoefficient(p, products.length === 1, this.writer);
      }
      if (p.coef.isZero()) continue;
      // A lone sum with coefficient ±1 joins this sum: a + (b + c) is a + b + c.
      const pieces = p.pieces;
      if (pieces.length === 1 && pieces[0]!.exp.isOne() && isUnit(p.coef) && isAdditive(pieces[0]!.base)) {
        const inner = this.flatten(pieces[0]!.base as App);
        if (inner !== undefined) {
          const scaled: FlatProduct[] = [];
          for (const q of inner) scaled.push(p.coef.isOne() ? q : { coef: q.coef.neg(), pieces: q.pieces });
          pending.splice(i, 1, ...scaled);
          i--;
          continue;
        }
      }
      if (pieces.length === 0) constant = constant.add(p.coef);
      else {
        sortPieces(pieces);
        if (this.collectPowers) mergeLikeBases(pieces, this.widenDomain);
        terms.push(p);
      }
    }
    sortProducts(terms);
    if (!constant.isZero()) terms.push({ coef: constant, pieces: [] });
    if (terms.length === 0) return ZERO;
    // Start with a positive term when there is one: `y - x`, not `-x + y`.
    if (terms[0]!.coef.isNegative()) {
      const firstPositive = terms.findIndex((p) => p.coef.isPositive());
      if (firstPositive > 0) terms.unshift(...terms.splice(firstPositive, 1));
      else if (firstPositive < 0) leadWithConstant(terms);
    }
    let sum = this.signedProduct(terms[0]!);
    for (let i = 1; i < terms.length; i++) {
      const p = terms[i]!;
      const negative = p.coef.isNegative();
      const magnitude = this.build(negative ? p.coef.neg() : p.coef, p.pieces);
      sum = app(negative ? "-" : "+", [sum, magnitude]);
    }
    return sum;
  }

  /** `p` with its bases replaced by their human forms (`p` itself when none changes). */
  private convertedBases(p: FlatProduct): FlatProduct {
    const pieces = p.pieces;
    let converted: Piece[] | undefined;
    for (let k = 0; k < pieces.length; k++) {
      const q = pieces[k]!;
      const base = this.converted(q.base)!;
      if (converted === undefined && base !== q.base) converted = pieces.slice(0, k);
      converted?.push(base === q.base ? q : { base, exp: q.exp });
    }
    return converted === undefined ? p : { coef: p.coef, pieces: converted };
  }

  /**
   * `p` with factors that are themselves numbers or products (under an integer power) merged
   * into it, so that converting a factor cannot leave a product inside a product.
   */
  private spliceFactors(p: FlatProduct): Product {
    let coef = p.coef;
    if (!p.pieces.some((q) => this.mergesInto(q))) return { coef, pieces: p.pieces.slice() };
    const pieces: Piece[] = [];
    // Factors still to look at, the next one last; merged products push theirs in its place.
    const queue: Piece[] = [];
    for (let k = p.pieces.length - 1; k >= 0; k--) queue.push(p.pieces[k]!);
    while (queue.length > 0) {
      const q = queue.pop()!;
      const b = q.base;
      if (b.kind === "num") {
        const value = b.value.isZero() && !q.exp.isPositive() ? undefined : powerOf(b.value, q.exp);
        if (value !== undefined) {
          coef = times(coef, value);
          continue;
        }
      } else if (b.kind === "app" && q.exp.isInteger() && !isAdditive(b) && isMultiplicative(b)) {
        const inner = this.flatten(b);
        let single = inner?.length === 1 ? inner[0]! : undefined;
        // (1/x)^-1 is not x: a divisor under a negative power stays where it is.
        if (q.exp.isNegative() && single?.pieces.some((r) => r.exp.isNegative())) single = undefined;
        const scale =
          single === undefined
            ? undefined
            : single.coef.isZero() && q.exp.isNegative()
              ? undefined
              : powerOf(single.coef, q.exp);
        if (single !== undefined && scale !== undefined) {
          coef = times(coef, scale);
          for (let k = single.pieces.length - 1; k >= 0; k--) {
            const r = single.pieces[k]!;
            queue.push({ base: r.base, exp: times(r.exp, q.exp) });
          }
          continue;
        }
      } else if (b.kind === "app" && !q.exp.isInteger()) {
        // As in flatten: a fractional power of a root is one power.
        const power = rootPower(b, q.exp, this.widenDomain);
        if (power !== undefined) {
          queue.push(power);
          continue;
        }
      } else if (b.kind === "app" && b.op === "sqrt" && b.args.length === 1 && q.exp.isInteger()) {
        // As in flatten: sqrt(a) is a^(1/2).
        queue.push({ base: b.args[0]!, exp: q.exp.mul(HALF) });
        continue;
      } else if (b.kind === "app" && b.op === "neg" && b.args.length === 1 && q.exp.isInteger()) {
        if (q.exp.num % 2n !== 0n) coef = coef.neg();
        queue.push({ base: b.args[0]!, exp: q.exp });
        continue;
      }
      pieces.push(q);
    }
    return { coef, pieces };
  }

  /**
   * Whether {@link spliceFactors} may merge `q` into its product: a number, or a product,
   * quotient, power, `sqrt` or negation under an integer power. (It may still keep it.)
   */
  private mergesInto(q: Piece): boolean {
    const b = q.base;
    if (b.kind === "num") return true;
    if (b.kind !== "app") return false;
    if (!q.exp.isInteger()) return rootPower(b, q.exp, this.widenDomain) !== undefined;
    return isMultiplicative(b) || ((b.op === "sqrt" || b.op === "neg") && b.args.length === 1);
  }

  /** Records the bases of `products` as human forms of themselves: they are parts of one already. */
  private adoptBases(products: readonly FlatProduct[]): void {
    for (const t of products)
      for (const r of t.pieces) if (this.converted(r.base) === undefined) this.record(r.base, r.base);
  }

  /**
   * A factor that is a sum of negative terms under an integer power takes the sign out:
   * `x*(-x - 2)` is `-x*(x + 2)`, `(-x - 1)^2` is `(x + 1)^2`. (A human sum starts with a
   * negative term only when all its terms are negative.)
   */
  private flipNegativeSums(p: Product): void {
    const pieces = p.pieces;
    for (let k = 0; k < pieces.length; k++) {
      const q = pieces[k]!;
      if (!q.exp.isInteger() || !isAdditive(q.base)) continue;
      const terms = this.flatten(q.base as App);
      if (terms === undefined || !terms.every((t) => t.coef.isNegative())) continue;
      this.adoptBases(terms);
      const flipped = this.assembleSum(
        terms.map((t) => ({ coef: t.coef.neg(), pieces: t.pieces })),
        false,
      );
      this.record(flipped, flipped);
      pieces[k] = { base: flipped, exp: q.exp };
      if (q.exp.num % 2n !== 0n) p.coef = p.coef.neg();
    }
  }

  /**
   * A factor that is a sum with a common whole-number factor gives it to the product when
   * that is no larger: `x*(3*x - 6)` is `3*x*(x - 2)`, `(2*y + 2)*z` is `2*z*(y + 1)`; but
   * `y*(6*x + 4)` stays (`2*y*(3*x + 2)` would be larger).
   */
  private pullContent(p: Product): void {
    const pieces = p.pieces;
    for (let k = 0; k < pieces.length; k++) {
      const q = pieces[k]!;
      if (!q.exp.isInteger() || !q.exp.isPositive() || !isAdditive(q.base)) continue;
      const terms = this.flatten(q.base as App);
      if (terms === undefined || !terms.every((t) => t.coef.isInteger())) continue;
      let g = 0n;
      for (const t of terms) g = gcd(g, t.coef.num);
      if (g <= 1n) continue;
      // Each variable term whose coefficient becomes ±1 saves two nodes; a new coefficient costs two.
      let saved = 0;
      for (const t of terms) if (t.pieces.length > 0 && (t.coef.num === g || t.coef.num === -g)) saved += 2;
      if (saved < (isUnit(p.coef) ? 2 : 0)) continue;
      this.adoptBases(terms);
      const content = Rational.of(g);
      const reduced = this.assembleSum(
        terms.map((t) => ({ coef: t.coef.div(content), pieces: t.pieces })),
        false,
      );
      this.record(reduced, reduced);
      pieces[k] = { base: reduced, exp: q.exp };
      p.coef = p.coef.mul(content.pow(q.exp)!);
    }
  }

  /** A product standing on its own, with its sign: `-2*x`, `-x*y`, `-1/x`, `-(x + 1)^2`. */
  private signedProduct(p: Product): Term {
    if (!p.coef.isNegative()) return this.build(p.coef, p.pieces);
    const magnitude = p.coef.neg();
    const pieces = p.pieces;
    const first = pieces.findIndex((q) => q.exp.isPositive());
    if (first === -1 || magnitude.num !== 1n) {
      // The sign goes on the leading number: `-2*x`, `-1/x`, `-3/2`.
      return this.build(p.coef, pieces);
    }
    // A unit coefficient: negate the first factor, which prints as a leading minus: `-x*y`.
    const top: Term[] = [app("neg", [this.power(pieces[first]!.base, pieces[first]!.exp)])];
    for (let k = first + 1; k < pieces.length; k++) {
      const q = pieces[k]!;
      if (q.exp.isPositive()) top.push(this.power(q.base, q.exp));
    }
    return this.quotient(chain(top), magnitude.den, pieces);
  }

  /** `coef * Π pieces`, numerator over denominator: `3*x/(2*y)`. */
  private build(coef: Rational, pieces: readonly Piece[]): Term {
    let numerator = 0;
    let denominator = 0;
    for (const q of pieces) {
      if (q.exp.isPositive()) numerator++;
      else if (q.exp.isNegative()) denominator++;
    }
    if (numerator === 0 && denominator === 0) return numberTerm(coef);
    const top: Term[] = [];
    if (numerator === 0 || coef.num !== 1n) top.push(integerTerm(coef.num));
    for (const q of pieces) if (q.exp.isPositive()) top.push(this.power(q.base, q.exp));
    return this.quotient(chain(top), coef.den, pieces);
  }

  /** `top` over `den` times the pieces with negative exponents (`top` alone when that is 1). */
  private quotient(top: Term, den: bigint, pieces: readonly Piece[]): Term {
    const bottom: Term[] = [];
    if (den !== 1n) bottom.push(integerTerm(den));
    for (const q of pieces) if (q.exp.isNegative()) bottom.push(this.power(q.base, q.exp.neg()));
    return bottom.length === 0 ? top : app("/", [top, chain(bottom)]);
  }

  private power(base: Term, exp: Rational): Term {
    if (exp.isOne()) return base;
    if (this.hasSqrt && exp.equals(HALF)) return app("sqrt", [base]);
    return app("^", [base, numberTerm(exp)]);
  }
}

/**
 * Powers of one base in a sorted product become one power: `x*x` is `x^2`,
 * `x^(1/2)*x^(1/4)` is `x^(3/4)`. Unless `widen`, only powers of one sign whose sum is a whole
 * number only when both are, so that the domain stays as it was (`x^2/x` keeps its divisor,
 * and `x^(1/3)*x^(2/3)`, defined for x ≥ 0 only, is not `x`); with `widen`, any (`x^2/x` is
 * `x`, `x/x` is 1), equal wherever the product is defined.
 */
function mergeLikeBases(pieces: Piece[], widen: boolean): void {
  let kept = 0;
  for (let k = 0; k < pieces.length; k++) {
    const q = pieces[k]!;
    const last = kept > 0 ? pieces[kept - 1]! : undefined;
    if (last !== undefined && last.base === q.base) {
      const sum = last.exp.add(q.exp);
      const exact =
        last.exp.isNegative() === q.exp.isNegative() &&
        sum.isInteger() === (last.exp.isInteger() && q.exp.isInteger());
      if (widen || exact) {
        if (sum.isZero()) kept--;
        else pieces[kept - 1] = { base: q.base, exp: sum };
        continue;
      }
    }
    pieces[kept++] = q;
  }
  pieces.length = kept;
}

/** Terms of the integers from -SMALL_INTEGER to SMALL_INTEGER met so far, by value + SMALL_INTEGER. */
const smallIntegers: Num[] = [];
const SMALL_INTEGER = 256;

/** The number term of the integer `n` (the store's own, found without building its key for small ones). */
function integerTerm(n: bigint): Num {
  if (n > -SMALL_INTEGER && n < SMALL_INTEGER) {
    const index = Number(n) + SMALL_INTEGER;
    let term = smallIntegers[index];
    if (term === undefined) {
      term = num(n);
      smallIntegers[index] = term;
    }
    return term;
  }
  return num(n);
}

/** The number term of `r`. */
function numberTerm(r: Rational): Num {
  return r.den === 1n ? integerTerm(r.num) : num(r);
}

/** The left-nested product of `factors` (at least one). */
function chain(factors: readonly Term[]): Term {
  let product = factors[0]!;
  for (let i = 1; i < factors.length; i++) product = app("*", [product, factors[i]!]);
  return product;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) {
    const r = x % y;
    x = y;
    y = r;
  }
  return x;
}

/** Whether `r` is 1 or -1. */
function isUnit(r: Rational): boolean {
  return r.den === 1n && (r.num === 1n || r.num === -1n);
}
