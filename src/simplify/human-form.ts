import { Rational } from "../term/rational.js";
import { app, num, ONE, type Term, ZERO } from "../term/term.js";
import { baseTheory, type Theory } from "../theory.js";
import { compareTerms } from "./structural-order.js";

/**
 * The form a person writes a term in, as a term for the infix printer:
 *
 * - sums are ordered by variable name, higher degree first, constants last
 *   (`x^2 + 2*x + 1`, `x + 3*y^2`), and start with a positive term when there is one;
 * - products put the number first and the variables in name order (`2*x*y`, not `x*2*y`);
 * - subtraction and negation instead of `-1` coefficients (`x - y`, `-x`, `-2*x`);
 * - negative powers become division (`x/y`, `1/x^2`, `3*x/2`), `x^(1/2)` becomes `sqrt(x)`.
 *
 * It only reorders and respells: numbers in a sum or product are combined, but no like terms
 * are collected (that is the simplifier's job). The value is unchanged wherever the input is
 * defined, and no divisor is lost: `1/(1/x)` keeps its inner division (it is undefined at
 * x = 0, unlike `x`). Iterative (explicit stack), memoised by term id, so deep terms are fine.
 *
 * @example
 * ```ts
 * const t = parseSExpr("(+ (* y 1) (* x 2))", { theory });
 * printInfix(humanForm(t), theory); // "2*x + y*1"? no: numbers combine: "2*x + y"
 * ```
 */
export function humanForm(term: Term, theory: Theory = baseTheory): Term {
  return new HumanForm(theory).of(term);
}

/** `base ^ exp` inside a product (exp may be negative: a divisor). */
interface Piece {
  readonly base: Term;
  readonly exp: Rational;
}

/** One term of a sum: `coef * Π base^exp`. */
interface Product {
  coef: Rational;
  readonly pieces: Piece[];
}

/** Leaves of one cluster beyond which the cluster is printed as it stands (shared DAGs can be huge as trees). */
const MAX_CLUSTER_LEAVES = 200_000;

const HALF = Rational.of(1n, 2n);
const ADDITIVE = new Set(["+", "-", "neg"]);
const MULTIPLICATIVE = new Set(["*", "/"]);

/** A reusable human-form converter: keeps its memo across calls (terms are immutable). */
export class HumanForm {
  private readonly memo = new Map<number, Term>();
  private readonly hasSqrt: boolean;

  constructor(theory: Theory = baseTheory) {
    const sqrt = theory.operators.sqrt;
    this.hasSqrt = sqrt !== undefined && sqrt.arity === 1;
  }

  /** The human form of `root`. */
  of(root: Term): Term {
    const known = this.memo.get(root.id);
    if (known !== undefined) return known;
    // Frames: a term, and once expanded, the products its cluster flattens to.
    const stack: { term: Term; plan: Product[] | undefined; expanded: boolean }[] = [
      { term: root, plan: undefined, expanded: false },
    ];
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const t = frame.term;
      if (this.memo.has(t.id)) {
        stack.pop();
        continue;
      }
      if (t.kind !== "app") {
        this.memo.set(t.id, t);
        stack.pop();
        continue;
      }
      if (!frame.expanded) {
        frame.expanded = true;
        frame.plan = this.isCluster(t) ? flatten(t) : undefined;
        const needed =
          frame.plan === undefined ? t.args : frame.plan.flatMap((p) => p.pieces.map((q) => q.base));
        for (const child of needed) {
          if (!this.memo.has(child.id)) stack.push({ term: child, plan: undefined, expanded: false });
        }
        continue;
      }
      stack.pop();
      const result =
        frame.plan === undefined
          ? app(
              t.op,
              t.args.map((a) => this.memo.get(a.id)!),
            )
          : this.assembleSum(frame.plan);
      this.memo.set(t.id, result);
    }
    return this.memo.get(root.id)!;
  }

  private isCluster(t: Term & { kind: "app" }): boolean {
    if (t.args.length === 2 && (t.op === "+" || t.op === "-" || MULTIPLICATIVE.has(t.op))) return true;
    if (t.op === "neg" && t.args.length === 1) return true;
    if (t.op === "sqrt" && t.args.length === 1) return this.hasSqrt;
    return t.op === "^" && t.args.length === 2 && t.args[1]!.kind === "num";
  }

  /** The sum of `products` in human order, their bases already converted. */
  private assembleSum(products: Product[], flipNegativeSums = true): Term {
    let constant = Rational.ZERO;
    const terms: Product[] = [];
    const pending: Product[] = products.map((p) => ({
      coef: p.coef,
      pieces: p.pieces.map((q) => ({ base: this.memo.get(q.base.id)!, exp: q.exp })),
    }));
    // In order (ties in the sort below keep it), splicing nested sums in place.
    for (let i = 0; i < pending.length; i++) {
      const p = spliceFactors(pending[i]!);
      if (flipNegativeSums) {
        this.flipNegativeSums(p);
        this.pullContent(p);
      }
      if (p.coef.isZero()) continue;
      // A lone sum with coefficient ±1 joins this sum: a + (b + c) is a + b + c.
      const [only] = p.pieces;
      if (p.pieces.length === 1 && only!.exp.isOne() && p.coef.abs().isOne() && isAdditive(only!.base)) {
        const inner = flatten(only!.base as Term & { kind: "app" });
        if (inner !== undefined) {
          pending.splice(i, 1, ...inner.map((q) => ({ coef: q.coef.mul(p.coef), pieces: q.pieces })));
          i--;
          continue;
        }
      }
      if (p.pieces.length === 0) constant = constant.add(p.coef);
      else {
        p.pieces.sort(comparePieces);
        terms.push(p);
      }
    }
    terms.sort(compareProducts);
    if (!constant.isZero()) terms.push({ coef: constant, pieces: [] });
    if (terms.length === 0) return ZERO;
    // Start with a positive term when there is one: `y - x`, not `-x + y`.
    if (terms[0]!.coef.isNegative()) {
      const firstPositive = terms.findIndex((p) => p.coef.isPositive());
      if (firstPositive > 0) terms.unshift(...terms.splice(firstPositive, 1));
    }
    let sum = this.signedProduct(terms[0]!);
    for (let i = 1; i < terms.length; i++) {
      const p = terms[i]!;
      const magnitude = this.unsignedProduct(p.coef.abs(), p.pieces);
      sum = app(p.coef.isNegative() ? "-" : "+", [sum, magnitude]);
    }
    return sum;
  }

  /**
   * A factor that is a sum of negative terms under an integer power takes the sign out:
   * `x*(-x - 2)` is `-x*(x + 2)`, `(-x - 1)^2` is `(x + 1)^2`. (A human sum starts with a
   * negative term only when all its terms are negative.)
   */
  private flipNegativeSums(p: Product): void {
    for (let k = 0; k < p.pieces.length; k++) {
      const q = p.pieces[k]!;
      if (!q.exp.isInteger() || !isAdditive(q.base)) continue;
      const terms = flatten(q.base as Term & { kind: "app" });
      if (terms === undefined || !terms.every((t) => t.coef.isNegative())) continue;
      // Their bases are parts of a human form already.
      for (const t of terms)
        for (const r of t.pieces) if (!this.memo.has(r.base.id)) this.memo.set(r.base.id, r.base);
      const flipped = this.assembleSum(
        terms.map((t) => ({ coef: t.coef.neg(), pieces: t.pieces })),
        false,
      );
      this.memo.set(flipped.id, flipped);
      p.pieces[k] = { base: flipped, exp: q.exp };
      if (q.exp.num % 2n !== 0n) p.coef = p.coef.neg();
    }
  }

  /**
   * A factor that is a sum with a common whole-number factor gives it to the product when
   * that is no larger: `x*(3*x - 6)` is `3*x*(x - 2)`, `(2*y + 2)*z` is `2*z*(y + 1)`; but
   * `y*(6*x + 4)` stays (`2*y*(3*x + 2)` would be larger).
   */
  private pullContent(p: Product): void {
    for (let k = 0; k < p.pieces.length; k++) {
      const q = p.pieces[k]!;
      if (!q.exp.isInteger() || !q.exp.isPositive() || !isAdditive(q.base)) continue;
      const terms = flatten(q.base as Term & { kind: "app" });
      if (terms === undefined || !terms.every((t) => t.coef.isInteger())) continue;
      let g = 0n;
      for (const t of terms) g = gcd(g, t.coef.num);
      if (g <= 1n) continue;
      // Each variable term whose coefficient becomes ±1 saves two nodes; a new coefficient costs two.
      const content = Rational.of(g);
      const saved = terms.filter((t) => t.pieces.length > 0 && t.coef.abs().equals(content)).length * 2;
      if (saved < (p.coef.abs().isOne() ? 2 : 0)) continue;
      for (const t of terms)
        for (const r of t.pieces) if (!this.memo.has(r.base.id)) this.memo.set(r.base.id, r.base);
      const reduced = this.assembleSum(
        terms.map((t) => ({ coef: t.coef.div(content), pieces: t.pieces })),
        false,
      );
      this.memo.set(reduced.id, reduced);
      p.pieces[k] = { base: reduced, exp: q.exp };
      p.coef = p.coef.mul(content.pow(q.exp)!);
    }
  }

  /** A product standing on its own, with its sign: `-2*x`, `-x*y`, `-1/x`, `-(x + 1)^2`. */
  private signedProduct(p: Product): Term {
    if (!p.coef.isNegative()) return this.unsignedProduct(p.coef, p.pieces);
    const magnitude = p.coef.neg();
    const numerator = p.pieces.filter((q) => q.exp.isPositive());
    if (numerator.length === 0 || magnitude.num !== 1n) {
      // The sign goes on the leading number: `-2*x`, `-1/x`, `-3/2`.
      return this.build(p.coef, p.pieces);
    }
    // A unit coefficient: negate the first factor, which prints as a leading minus: `-x*y`.
    const [first, ...rest] = numerator;
    const negated = app("neg", [this.power(first!.base, first!.exp)]);
    const denominator = p.pieces.filter((q) => q.exp.isNegative());
    return this.quotient(
      this.chain([negated, ...rest.map((q) => this.power(q.base, q.exp))]),
      magnitude.den,
      denominator,
    );
  }

  private unsignedProduct(coef: Rational, pieces: readonly Piece[]): Term {
    return this.build(coef, pieces);
  }

  /** `coef * Π pieces`, numerator over denominator: `3*x/(2*y)`. */
  private build(coef: Rational, pieces: readonly Piece[]): Term {
    const numerator = pieces.filter((q) => q.exp.isPositive());
    const denominator = pieces.filter((q) => q.exp.isNegative());
    if (numerator.length === 0 && denominator.length === 0) return num(coef);
    const top: Term[] = [];
    if (numerator.length === 0 || !(coef.num === 1n)) top.push(num(Rational.of(coef.num)));
    for (const q of numerator) top.push(this.power(q.base, q.exp));
    return this.quotient(this.chain(top), coef.den, denominator);
  }

  private quotient(top: Term, den: bigint, denominator: readonly Piece[]): Term {
    const bottom: Term[] = [];
    if (den !== 1n) bottom.push(num(Rational.of(den)));
    for (const q of denominator) bottom.push(this.power(q.base, q.exp.neg()));
    return bottom.length === 0 ? top : app("/", [top, this.chain(bottom)]);
  }

  private chain(factors: readonly Term[]): Term {
    if (factors.length === 0) return ONE;
    let product = factors[0]!;
    for (let i = 1; i < factors.length; i++) product = app("*", [product, factors[i]!]);
    return product;
  }

  private power(base: Term, exp: Rational): Term {
    if (exp.isOne()) return base;
    if (this.hasSqrt && exp.equals(HALF)) return app("sqrt", [base]);
    return app("^", [base, num(exp)]);
  }
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

function isAdditive(t: Term): boolean {
  return t.kind === "app" && (t.op === "+" || t.op === "-" || t.op === "neg");
}

/**
 * `p` with factors that are themselves numbers or products (under an integer power) merged
 * into it, so that converting a factor cannot leave a product inside a product.
 */
function spliceFactors(p: Product): Product {
  let coef = p.coef;
  const pieces: Piece[] = [];
  const queue = [...p.pieces].reverse();
  while (queue.length > 0) {
    const q = queue.pop()!;
    const b = q.base;
    if (b.kind === "num") {
      const value = b.value.isZero() && !q.exp.isPositive() ? undefined : b.value.pow(q.exp);
      if (value !== undefined) {
        coef = coef.mul(value);
        continue;
      }
    } else if (
      b.kind === "app" &&
      q.exp.isInteger() &&
      !isAdditive(b) &&
      b.op !== "neg" &&
      isMultiplicative(b)
    ) {
      const inner = flatten(b);
      let single = inner?.length === 1 ? inner[0]! : undefined;
      // (1/x)^-1 is not x: a divisor under a negative power stays where it is.
      if (q.exp.isNegative() && single?.pieces.some((r) => r.exp.isNegative())) single = undefined;
      const scale =
        single === undefined
          ? undefined
          : single.coef.isZero() && q.exp.isNegative()
            ? undefined
            : single.coef.pow(q.exp);
      if (single !== undefined && scale !== undefined) {
        coef = coef.mul(scale);
        for (let k = single.pieces.length - 1; k >= 0; k--) {
          const r = single.pieces[k]!;
          queue.push({ base: r.base, exp: r.exp.mul(q.exp) });
        }
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

function isMultiplicative(t: Term & { kind: "app" }): boolean {
  if (t.args.length === 2 && MULTIPLICATIVE.has(t.op)) return true;
  return t.op === "^" && t.args.length === 2 && t.args[1]!.kind === "num";
}

/**
 * The products a sum-or-product cluster rooted at `root` flattens to: additive operators give
 * the terms (with their signs), multiplicative ones the factors, numbers the coefficient.
 * `undefined` for a cluster too large as a tree (then it is converted operator by operator).
 */
function flatten(root: Term & { kind: "app" }): Product[] | undefined {
  const products: Product[] = [];
  let leaves = 0;
  // Additive walk: (term, sign).
  const additive: [Term, Rational][] = [[root, Rational.ONE]];
  while (additive.length > 0) {
    const [t, sign] = additive.pop()!;
    if (
      t.kind === "app" &&
      ADDITIVE.has(t.op) &&
      (t.op === "neg" ? t.args.length === 1 : t.args.length === 2)
    ) {
      if (t.op === "neg") additive.push([t.args[0]!, sign.neg()]);
      else {
        additive.push([t.args[1]!, t.op === "-" ? sign.neg() : sign]);
        additive.push([t.args[0]!, sign]);
      }
      if (++leaves > MAX_CLUSTER_LEAVES) return undefined;
      continue;
    }
    const product: Product = { coef: sign, pieces: [] };
    // Multiplicative walk: (factor, exponent).
    const multiplicative: [Term, Rational][] = [[t, Rational.ONE]];
    while (multiplicative.length > 0) {
      const [f, exp] = multiplicative.pop()!;
      if (++leaves > MAX_CLUSTER_LEAVES) return undefined;
      if (f.kind === "num") {
        const value = f.value.isZero() && exp.isNegative() ? undefined : f.value.pow(exp);
        if (value !== undefined) product.coef = product.coef.mul(value);
        else product.pieces.push({ base: f, exp });
        continue;
      }
      // Products, quotients and negations split into factors only under an integer power:
      // (x*y)^2 = x^2*y^2 everywhere, but sqrt(x*y) is not sqrt(x)*sqrt(y) for x, y < 0.
      // A quotient under a negative power stays whole: 1/(1/x) is undefined at 0, x is not.
      if (
        f.kind === "app" &&
        f.args.length === 2 &&
        MULTIPLICATIVE.has(f.op) &&
        exp.isInteger() &&
        !(f.op === "/" && exp.isNegative())
      ) {
        multiplicative.push([f.args[1]!, f.op === "/" ? exp.neg() : exp]);
        multiplicative.push([f.args[0]!, exp]);
        continue;
      }
      if (f.kind === "app" && f.op === "neg" && f.args.length === 1 && exp.isInteger()) {
        if (exp.num % 2n !== 0n) product.coef = product.coef.neg();
        multiplicative.push([f.args[0]!, exp]);
        continue;
      }
      if (f.kind === "app" && f.op === "sqrt" && f.args.length === 1 && exp.isInteger()) {
        // sqrt(a) is a^(1/2): one spelling, so sorting and printing agree on every pass.
        multiplicative.push([f.args[0]!, exp.mul(HALF)]);
        continue;
      }
      if (
        f.kind === "app" &&
        f.op === "^" &&
        f.args.length === 2 &&
        f.args[1]!.kind === "num" &&
        exp.isInteger() &&
        !(exp.isNegative() && f.args[1]!.value.isNegative())
      ) {
        // (a^n)^k = a^(n k) for an integer k, wherever the left side is defined; a^0 = 1.
        const inner = f.args[1]!.value.mul(exp);
        if (!inner.isZero()) multiplicative.push([f.args[0]!, inner]);
        continue;
      }
      product.pieces.push({ base: f, exp });
    }
    products.push(product);
  }
  return products;
}

/** Factors in name order, the higher power of the same base first. */
function comparePieces(a: Piece, b: Piece): number {
  return compareTerms(a.base, b.base) || b.exp.compare(a.exp);
}

/**
 * Terms of a sum in lexicographic order of their (sorted) factors: the term with the
 * earlier variable, or the higher power of the same one, comes first; constants last.
 */
function compareProducts(a: Product, b: Product): number {
  // Powers of numbers (sqrt(2)) are constants: they do not order terms, and sort last.
  const p = a.pieces.filter((q) => q.base.kind !== "num");
  const q = b.pieces.filter((r) => r.base.kind !== "num");
  const n = Math.min(p.length, q.length);
  for (let i = 0; i < n; i++) {
    const byBase = compareTerms(p[i]!.base, q[i]!.base);
    if (byBase !== 0) return byBase;
    const byExp = q[i]!.exp.compare(p[i]!.exp);
    if (byExp !== 0) return byExp;
  }
  return q.length - p.length;
}
