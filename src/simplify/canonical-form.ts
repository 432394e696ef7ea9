import { DivisionByZeroError } from "../errors.js";
import { foldConstantApplication } from "../rewrite/fold-constants.js";
import { DomainFacts } from "../rules/domain-facts.js";
import { type SignFact, signOf } from "../rules/predicates.js";
import { printSExpr } from "../syntax/print-sexpr.js";
import { Rational } from "../term/rational.js";
import { app, num, type Term, ZERO } from "../term/term.js";
import type { Theory } from "../theory.js";
import {
  commonFactors,
  guarded,
  lastMonomial,
  monomialTerm,
  sumTerm,
  unguardedCopy,
} from "./canonical-terms.js";
import { DenseIdMap } from "./dense-id-map.js";
import { HumanForm } from "./human-form.js";
import {
  addGuard,
  addGuards,
  addInto,
  addMonomial,
  clonePoly,
  constantPoly,
  constantValue,
  content,
  type Factor,
  factorOf,
  factorPoly,
  type Monomial,
  monomial,
  monomialOf,
  multiplyMonomials,
  multiplyOut,
  Poly,
  polyOfMonomial,
  safePow,
  scaleInto,
  singleMonomial,
  subtractInto,
} from "./polynomial.js";
import { TreeSizes } from "./tree-size.js";
import { collectDoubleAngles, collectPythagoras, hasSineOrCosine } from "./trig-identities.js";

/**
 * Canonical forms: a fast, deterministic first pass of the simplifier that reads a term as a
 * polynomial over opaque bases and collects like terms and like factors with exact
 * coefficients. It yields two candidates, which the e-graph then starts from:
 *
 * - `collected`: products of sums are kept whole (`(x + 1)^10` stays as it is);
 * - `expanded`: products and small positive powers of sums are multiplied out, within a
 *   budget, so cancellations such as `(x + 1)^2 - (x^2 + 2*x + 1) = 0` show.
 *
 * Arguments of functions (`sin`, `exp`, …) are simplified in both ways and the smaller
 * result is used. `sin(u)^2 + cos(u)^2` collects to 1, and a common
 * factor is pulled out of a sum when that makes it smaller (`3*x^2 - 14*x` → `x*(3*x - 14)`).
 *
 * Every step keeps the value wherever the input is defined. The result may be defined where
 * the input is not only by the liberties `0*a = 0`, `a - a = 0` and `a^0 = 1` (as Herbie's
 * rewrites may): a divisor is cancelled only when it is provably nonzero (`exp(x)/exp(x)` is
 * 1), otherwise the cancelled base is kept as a guard (`x/x` stays `x/x`, `x^2*y/y` is printed
 * `x^2*y/y`) unless what remains still shows it (`x*log(x)/x` is `log(x)`: log needs x > 0).
 * A division by a sum that cancels to 0 (`1/(x - x)`) throws a `DivisionByZeroError`: the
 * term is undefined everywhere.
 *
 * Iterative over the term DAG: depth does not matter; shared subterms are read once.
 */
export interface CanonicalForms {
  readonly collected: Term;
  readonly expanded: Term;
}

/** Monomial products a single multiplication may multiply out. */
const MULTIPLY_OUT_BUDGET = 256;
/**
 * Monomial products the expanded form may spend in one call, in all: past that it keeps
 * products whole like the collected form, so a deep Horner-like input stays linear.
 */
const EXPANSION_FUEL = 20_000;
/** Largest positive integer power of a sum that is multiplied out. */
const MAX_EXPANDED_POWER = 12;

type Mode = 0 | 1;
const COLLECTED: Mode = 0;
const EXPANDED: Mode = 1;

/**
 * The two canonical forms of `term` (see {@link CanonicalForms}).
 *
 * @example
 * ```ts
 * const { expanded } = canonicalForms(parseSExpr("(- (^ (+ x 1) 2) (+ (^ x 2) (+ (* 2 x) 1)))", { theory }), theory);
 * expanded; // 0
 * ```
 */
export function canonicalForms(
  term: Term,
  theory: Theory,
  sizes: TreeSizes = new TreeSizes(),
  human: HumanForm = new HumanForm(theory),
  facts: DomainFacts = DomainFacts.NONE,
): CanonicalForms {
  return new Canonicalizer(theory, sizes, human, facts).run(term);
}

/** What the canonicalizer knows about one distinct subterm of the input. */
interface Node {
  readonly term: Term;
  /** The nodes of its arguments, in order (filled in once every node exists). */
  readonly args: Node[];
  /** Consumers not yet processed (parents, counted per occurrence, plus the root's caller). */
  uses: number;
  /** Its polynomial in each form (the same object when the forms agree); dropped once taken. */
  collected: Poly | undefined;
  expanded: Poly | undefined;
  /** The term chosen for it when used whole, as a function argument or an exponent. */
  chosen: Term | undefined;
}

const HALF = Rational.of(1n, 2n);

class Canonicalizer {
  private readonly signs = new Map<number, SignFact>();
  private fuel = EXPANSION_FUEL;
  /** Set while only one form is computed for a node: its children's polynomials are free to take. */
  private exclusive = false;
  constructor(
    private readonly theory: Theory,
    private readonly sizes: TreeSizes,
    private readonly human: HumanForm,
    /** Facts that hold where the input is defined: a divisor they show nonzero cancels freely. */
    private readonly facts: DomainFacts,
  ) {}

  run(root: Term): CanonicalForms {
    const order = subterms(root);
    const top = order[order.length - 1]!;
    top.uses++;
    for (const node of order) {
      // Most subterms have no product of sums: both forms are one polynomial, made once.
      const agree = this.modesAgree(node);
      this.exclusive = agree;
      const collected = this.polyOf(node, COLLECTED);
      this.exclusive = false;
      node.collected = collected;
      node.expanded = agree ? collected : this.polyOf(node, EXPANDED);
      for (const a of node.args) release(a);
    }
    return {
      collected: this.toTerm(top.collected!, COLLECTED),
      expanded: this.toTerm(top.expanded!, EXPANDED),
    };
  }

  /**
   * Whether `node`'s two forms are surely one polynomial: its children's are, and no sum is
   * multiplied, divided by or raised to a power here (where the forms part ways).
   */
  private modesAgree(node: Node): boolean {
    const t = node.term;
    if (t.kind !== "app") return true;
    const args = node.args;
    for (const a of args) if (!shared(a)) return false;
    if (args.length === 2) {
      if (t.op === "*" || t.op === "/") return args[0]!.collected!.size <= 1 && args[1]!.collected!.size <= 1;
      if (t.op === "^") return args[0]!.collected!.size <= 1;
    } else if (args.length === 1 && t.op === "sqrt") return args[0]!.collected!.size <= 1;
    return true;
  }

  /** The polynomial of a child, to mutate: the stored one when this is its only consumer. */
  private take(node: Node, mode: Mode): Poly {
    const p = get(node, mode);
    // A polynomial both forms share is read again for the other form unless only one is made.
    if (node.uses === 1 && (this.exclusive || !shared(node))) {
      if (mode === COLLECTED) node.collected = undefined;
      else node.expanded = undefined;
      // It may have been read as a term (by an earlier consumer): that term is about to go stale.
      p.term = undefined;
      return p;
    }
    return clonePoly(p);
  }

  private polyOf(node: Node, mode: Mode): Poly {
    const t = node.term;
    if (t.kind === "num") return constantPoly(t.value);
    if (t.kind === "sym") return factorPoly(t, Rational.ONE);
    const a = node.args[0]!;
    if (node.args.length === 2) {
      const b = node.args[1]!;
      switch (t.op) {
        case "+":
          if (a === b) return scaleInto(clonePoly(get(a, mode)), Rational.TWO);
          return addInto(this.take(a, mode), get(b, mode));
        case "-":
          if (a === b) return new Poly();
          return subtractInto(this.take(a, mode), get(b, mode));
        case "*":
          return this.multiply(get(a, mode), get(b, mode), mode);
        case "/": {
          const d = divisor(b, mode);
          if (d.size === 0) throw this.nowhereDefined(t);
          return this.multiply(get(a, mode), this.power(d, Rational.MINUS_ONE, mode), mode);
        }
        case "^": {
          const exponentPoly = get(b, mode);
          const exponent = constantValue(exponentPoly);
          if (exponent !== undefined) {
            const base = exponent.isNegative() ? divisor(a, mode) : get(a, mode);
            if (base.size === 0 && exponent.isNegative()) throw this.nowhereDefined(t);
            const result = this.power(base, exponent, mode);
            addGuards(result, exponentPoly.guards);
            return result;
          }
          return factorPoly(app("^", [this.chosenTerm(a), this.chosenTerm(b)]), Rational.ONE);
        }
      }
    } else if (node.args.length === 1) {
      if (t.op === "neg") return scaleInto(this.take(a, mode), Rational.MINUS_ONE);
      if (t.op === "sqrt" && this.theory.operators.sqrt?.evaluate !== undefined) {
        return this.power(get(a, mode), HALF, mode);
      }
    }
    return this.opaque(node);
  }

  /** A function application (or any operator the polynomial reading does not know) as a base. */
  private opaque(node: Node): Poly {
    const t = node.term as Term & { kind: "app" };
    const args: Term[] = [];
    for (const arg of node.args) args.push(this.chosenTerm(arg));
    const rebuilt = app(t.op, args);
    let folded: Term | undefined;
    try {
      folded = foldConstantApplication(rebuilt, this.theory);
    } catch (error) {
      // Its arguments cancelled to a zero divisor (f(1/(x - x))): undefined everywhere.
      if (error instanceof DivisionByZeroError) throw this.nowhereDefined(t);
      throw error;
    }
    if (folded?.kind === "num") return constantPoly(folded.value);
    return factorPoly(rebuilt, Rational.ONE);
  }

  /** The smaller of a child's two canonical terms; ties go to the expanded one. */
  private chosenTerm(node: Node): Term {
    if (node.chosen !== undefined) return node.chosen;
    const collected = this.toTerm(node.collected!, COLLECTED);
    const expanded = this.toTerm(node.expanded!, EXPANDED);
    const pick =
      expanded === collected || this.sizes.of(expanded) <= this.sizes.of(collected) ? expanded : collected;
    node.chosen = pick;
    return pick;
  }

  private multiply(p: Poly, q: Poly, mode: Mode): Poly {
    const cancelled: Term[] = [];
    const result = this.product(p, q, mode, cancelled);
    // Guards: a zero factor drops the other's (0*a = 0), otherwise both sides' are kept, and
    // every divisor cancelled here that is not provably nonzero becomes one.
    result.guards = undefined;
    if (q.size !== 0 || p.size === 0) addGuards(result, p.guards);
    if (p.size !== 0 || q.size === 0) addGuards(result, q.guards);
    for (const base of cancelled) if (!this.nonzero(base)) addGuard(result, base);
    return result;
  }

  /** `p * q` with fresh storage; divisors that merged away are pushed onto `cancelled`. */
  private product(p: Poly, q: Poly, mode: Mode, cancelled: Term[]): Poly {
    const cp = constantValue(p);
    const cq = constantValue(q);
    if (cp !== undefined && (mode === EXPANDED || q.size <= 1)) return scaleInto(clonePoly(q), cp);
    if (cq !== undefined && (mode === EXPANDED || p.size <= 1)) return scaleInto(clonePoly(p), cq);
    if (mode === EXPANDED) {
      const product = this.multiplyOut(p, q, cancelled);
      if (product !== undefined) return product;
    }
    const m = multiplyMonomials(this.asMonomial(p, mode), this.asMonomial(q, mode), cancelled);
    return polyOfMonomial(m);
  }

  /** `p * q` multiplied out, within the per-product budget and the fuel left for the call. */
  private multiplyOut(p: Poly, q: Poly, cancelled: Term[]): Poly | undefined {
    const work = p.size * q.size;
    if (work > this.fuel) return undefined;
    const product = multiplyOut(p, q, MULTIPLY_OUT_BUDGET, cancelled);
    if (product !== undefined) this.fuel -= work;
    return product;
  }

  /** What `signOf` proves about `base` (memoised: the sign walk is not free). */
  private signOf(base: Term): SignFact {
    let known = this.signs.get(base.id);
    if (known === undefined) {
      known = this.facts.size === 0 ? signOf(base, { steps: 200 }) : this.facts.signOf(base);
      this.signs.set(base.id, known);
    }
    return known;
  }

  private positive(base: Term): boolean {
    return this.signOf(base) === "positive";
  }

  private nonzero(base: Term): boolean {
    const sign = this.signOf(base);
    return sign === "positive" || sign === "negative" || sign === "nonzero";
  }

  /** The error for a division by something that cancelled to 0: `t` is undefined everywhere. */
  private nowhereDefined(t: Term): DivisionByZeroError {
    return new DivisionByZeroError(`${printSExpr(t)} (its divisor cancels to 0)`);
  }

  /** `p` as one monomial: a sum becomes `k * (sum / k)`, its content times a base. */
  private asMonomial(p: Poly, mode: Mode): Monomial {
    const single = singleMonomial(p);
    if (single !== undefined) return single;
    if (p.size === 0) return monomial(Rational.ZERO, []);
    const k = this.normalizer(p);
    // The guards stay with the product (see multiply), not inside the base.
    const primitive = scaleInto(unguardedCopy(p), Rational.ONE.div(k));
    return monomialOf(k, [factorOf(this.toTerm(primitive, mode), Rational.ONE)]);
  }

  /**
   * The content of a sum, signed so that its last monomial in key order is positive: a
   * monomial with factors comes after the constant, so `x - 1`, not `1 - x`.
   */
  private normalizer(p: Poly): Rational {
    const k = content(p);
    return lastMonomial(p).coef.isNegative() ? k.neg() : k;
  }

  /** `p ^ n`, keeping `p`'s guards (but `a^0 = 1`), plus any divisor the power cancels. */
  private power(p: Poly, n: Rational, mode: Mode): Poly {
    if (n.isZero()) return constantPoly(Rational.ONE);
    const cancelled: Term[] = [];
    const result = this.powerOf(p, n, mode, cancelled);
    addGuards(result, p.guards);
    for (const base of cancelled) if (!this.nonzero(base)) addGuard(result, base);
    return result;
  }

  /** `p ^ n` for `n != 0`, with fresh storage. */
  private powerOf(p: Poly, n: Rational, mode: Mode, cancelled: Term[]): Poly {
    if (n.isOne()) return clonePoly(p);
    if (p.size === 0) {
      if (n.isPositive()) return new Poly();
      // The callers throw first for a zero divisor; kept for safety: undefined, as it stands.
      return factorPoly(app("^", [ZERO, num(n)]), Rational.ONE);
    }
    const single = singleMonomial(p);
    if (single !== undefined) return this.monomialPower(single, n, mode, cancelled);
    if (mode === EXPANDED && n.isInteger() && n.isPositive() && n.toNumber() <= MAX_EXPANDED_POWER) {
      const times = n.toNumber();
      let result: Poly | undefined = p;
      for (let i = 1; i < times && result !== undefined; i++) result = this.multiplyOut(result, p, cancelled);
      if (result !== undefined) return result === p ? clonePoly(p) : result;
    }
    const k = this.normalizer(p);
    if (n.isInteger() || k.isPositive()) {
      // (k*q)^n = k^n * q^n for an integer n, or for k > 0.
      const primitive = scaleInto(unguardedCopy(p), Rational.ONE.div(k));
      const base = this.toTerm(primitive, mode);
      return polyOfMonomial(monomialOf(Rational.ONE, [factorOf(num(k), n), factorOf(base, n)]));
    }
    return factorPoly(this.toTerm(unguardedCopy(p), mode), n);
  }

  private monomialPower(m: Monomial, n: Rational, mode: Mode, cancelled: Term[]): Poly {
    if (n.isInteger()) {
      const coef = safePow(m.coef, n);
      if (coef !== undefined) {
        // (x^-1)^-1 = x cancels the divisor x.
        if (n.isNegative()) for (const f of m.factors) if (f.exp.isNegative()) cancelled.push(f.base);
        const factors: Factor[] = [];
        for (const f of m.factors) factors.push(factorOf(f.base, f.exp.mul(n)));
        return polyOfMonomial(monomialOf(coef, factors));
      }
    } else {
      // A fractional power distributes over the factors only when all of them are positive.
      const positive = m.coef.isPositive() && m.factors.every((f) => this.positive(f.base));
      if (positive) {
        const factors: Factor[] = [];
        for (const f of m.factors) factors.push(factorOf(f.base, f.exp.mul(n)));
        factors.push(factorOf(num(m.coef), n));
        return polyOfMonomial(monomialOf(Rational.ONE, factors));
      }
      const [only] = m.factors;
      if (m.coef.isOne() && m.factors.length === 1 && only!.exp.isOne()) {
        return factorPoly(only!.base, n);
      }
    }
    return factorPoly(this.toTerm(polyOfMonomial(m), mode), n);
  }

  /**
   * The term a polynomial stands for, with a common factor pulled out of a sum when that is
   * smaller, and its guards that the term does not show written as `t*g/g`.
   */
  private toTerm(poly: Poly, mode: Mode): Term {
    // Memoised on the polynomial: the same in both modes (`toTerm` only passes the mode on).
    if (poly.term !== undefined) return poly.term;
    const p = hasSineOrCosine(poly) ? collectDoubleAngles(collectPythagoras(poly)) : poly;
    let result = sumTerm(p);
    const factored = this.factorOut(p, mode);
    // Judged as printed: raw sizes count x^-1 and -1*y, which the human form respells smaller.
    if (factored !== undefined && this.printedSize(factored) < this.printedSize(result)) result = factored;
    result = guarded(result, poly.guards);
    poly.term = result;
    return result;
  }

  private printedSize(t: Term): number {
    return this.sizes.of(this.human.of(t));
  }

  /**
   * `g * (p / g)` for a monomial `g` dividing every term of `p`: the largest one, its number
   * alone, or its factors alone, whichever prints smallest (`2*(x^3*y - x)` rather than
   * `2*x*(x^2*y - 1)`); `undefined` when nothing divides.
   */
  private factorOut(p: Poly, mode: Mode): Term | undefined {
    if (p.size < 2) return undefined;
    const monomials = p.monomials;
    const common = commonFactors(monomials);
    let k = content(p);
    if (monomials.every((m) => m.coef.isNegative())) k = k.neg();
    let best: Term | undefined;
    // A candidate is measured only once there is another to compare it with; the order of
    // the measurements is kept as it is, since measuring makes terms (and term ids).
    const consider = (coefficient: Rational, factors: readonly Factor[]): void => {
      const candidate = this.divideOut(monomials, coefficient, factors, mode);
      if (best === undefined || this.printedSize(candidate) < this.printedSize(best)) best = candidate;
    };
    if (common.length > 0 || !k.isOne()) consider(k, common);
    if (common.length > 0 && !k.isOne()) {
      consider(k, NO_FACTORS);
      consider(Rational.ONE, common);
    }
    return best;
  }

  /** `g * (Σ monomials / g)` for `g = k * Π common` (`common` sorted by slot, dividing each monomial). */
  private divideOut(
    monomials: readonly Monomial[],
    k: Rational,
    common: readonly Factor[],
    mode: Mode,
  ): Term {
    const g = monomialOf(k, common.slice());
    const quotient = new Poly();
    for (const m of monomials) {
      const factors: Factor[] = [];
      let c = 0;
      for (const f of m.factors) {
        // Both lists are sorted by slot, and every common slot is in `m`.
        const d = common[c];
        if (d !== undefined && d.slot === f.slot) {
          factors.push(factorOf(f.base, f.exp.sub(d.exp)));
          c++;
        } else factors.push(f);
      }
      addMonomial(quotient, monomialOf(m.coef.div(k), factors));
    }
    return app("*", [monomialTerm(g), this.toTerm(quotient, mode)]);
  }
}

/**
 * The distinct subterms of `root` as nodes, children before parents (left to right), each
 * counting its consumers: a post-order walk with an explicit stack. The root comes last.
 */
function subterms(root: Term): Node[] {
  const index = subtermIndex;
  index.clear();
  const order: Node[] = [];
  const stack: Term[] = [root];
  const expanded: boolean[] = [false];
  while (stack.length > 0) {
    const top = stack.length - 1;
    const t = stack[top]!;
    if (index.get(t.id) >= 0) {
      stack.pop();
      expanded.pop();
    } else if (t.kind !== "app" || expanded[top]) {
      stack.pop();
      expanded.pop();
      const args: Node[] = [];
      if (t.kind === "app") {
        const terms = t.args;
        for (let i = 0; i < terms.length; i++) {
          const child = order[index.get(terms[i]!.id)]!;
          child.uses++;
          args.push(child);
        }
      }
      index.set(t.id, order.length);
      order.push({ term: t, args, uses: 0, collected: undefined, expanded: undefined, chosen: undefined });
    } else {
      expanded[top] = true;
      const terms = t.args;
      for (let i = terms.length - 1; i >= 0; i--) {
        const child = terms[i]!;
        if (index.get(child.id) < 0) {
          stack.push(child);
          expanded.push(false);
        }
      }
    }
  }
  return order;
}

/** Where each subterm is in the order {@link subterms} is building (used by no one else). */
const subtermIndex = new DenseIdMap();

/** One consumer of `node` is done: forget its polynomials when it was the last. */
function release(node: Node): void {
  if (--node.uses > 0) return;
  node.collected = undefined;
  node.expanded = undefined;
  node.chosen = undefined;
}

/** Whether a node has one polynomial for both forms (the same object). */
function shared(node: Node): boolean {
  return node.collected === node.expanded;
}

/** The polynomial of a child, to read only. */
function get(node: Node, mode: Mode): Poly {
  return (mode === COLLECTED ? node.collected : node.expanded)!;
}

/**
 * The polynomial of a child that is raised to a negative power. A sum there is never
 * multiplied out, not even in the expanded form: `1/(x^2 + 1)^2`, not `1/(x^4 + 2*x^2 + 1)`.
 */
function divisor(node: Node, mode: Mode): Poly {
  const p = get(node, mode);
  return mode === EXPANDED && p.size > 1 ? node.collected! : p;
}

const NO_FACTORS: readonly Factor[] = [];
