import { printTerm } from "../syntax/print.js";
import type { DomainCondition } from "../term/operator.js";
import type { Term } from "../term/term.js";
import { type TheoryOption, theoryOrDefault } from "../theory.js";
import { isNonzero, meetSigns, type SignAssumptions, type SignFact, signOf } from "./predicates.js";

/**
 * Domain facts: what holds wherever a term is defined. Every application in it is defined
 * there, so each operator's domain holds of its arguments (`x ≠ 0` for `1/x`, `x > 0` for
 * `log(x)`, `-1 ≤ x ≤ 1` for `asin(x)`), and what follows from those: a nonzero product has
 * nonzero factors, a nonzero (or even) power a nonzero base, a positive square root a
 * positive argument. The simplifier assumes them (its contract: the result equals the input
 * wherever the input is defined), and reports those the result no longer needs.
 */

/** A {@link DomainCondition} of an ordinary term: a fact where some expression is defined. */
export type DomainFact = DomainCondition;

/** Sign-statement kinds, by the sign fact they assume. */
const SIGN_OF_KIND: Readonly<Record<"nonzero" | "positive" | "nonnegative", SignFact>> = {
  nonzero: "nonzero",
  positive: "positive",
  nonnegative: "nonnegative",
};

/** A budget for sign walks: terms are walked afresh per question, so keep each walk short. */
const SIGN_STEPS = 1_000;

/**
 * A set of domain facts, closed under the consequences above, with the signs they give each
 * term. Immutable once built.
 *
 * @example
 * ```ts
 * const facts = domainFacts([parseExpression("log(x)/(x*y)", { theory })], { theory });
 * facts.facts; // x > 0, x ≠ 0, y ≠ 0 (as DomainFact values)
 * facts.signOf(parseExpression("x*y", { theory })); // "nonzero"
 * ```
 */
export class DomainFacts {
  /** No facts: what `--strict-domain` assumes. */
  static readonly NONE = new DomainFacts();

  private readonly list: DomainFact[] = [];
  private readonly keys = new Set<string>();
  private readonly signs = new Map<Term, SignFact>();

  /** The facts, in the order found (atoms: `x*y ≠ 0` is kept as `x ≠ 0` and `y ≠ 0`). */
  get facts(): readonly DomainFact[] {
    return this.list;
  }

  /** The sign each fact gives its term (for {@link signOf} and the e-graph's classes). */
  get assumptions(): SignAssumptions {
    return this.signs;
  }

  get size(): number {
    return this.list.length;
  }

  /** What is known of `term`'s sign from its shape and these facts. */
  signOf(term: Term): SignFact {
    return signOf(term, { steps: SIGN_STEPS }, this.signs.size === 0 ? undefined : this.signs);
  }

  /** Whether `fact` follows from these facts (conservative: `false` when in doubt). */
  implies(fact: DomainFact): boolean {
    const sign = this.signOf(fact.term);
    switch (fact.kind) {
      case "nonzero":
        return isNonzero(sign);
      case "positive":
        return sign === "positive";
      case "nonnegative":
        return sign === "positive" || sign === "nonnegative";
      case "between": {
        const t = fact.term;
        if (t.kind === "num") return t.value.compare(fact.low) >= 0 && t.value.compare(fact.high) <= 0;
        return this.list.some(
          (f) =>
            f.kind === "between" &&
            f.term === t &&
            f.low.compare(fact.low) >= 0 &&
            f.high.compare(fact.high) <= 0,
        );
      }
    }
  }

  /**
   * The same facts, closed again, with `f` applied to the term of each `nonzero` fact: `f` must
   * keep where a term is zero (a factored form, up to a constant factor or sign).
   */
  mapNonzero(f: (term: Term) => Term): DomainFacts {
    const mapped = new DomainFacts();
    for (const fact of this.list)
      mapped.add(fact.kind === "nonzero" ? { ...fact, term: f(fact.term) } : fact);
    return mapped;
  }

  /** Adds `fact` and what follows from it (see the module comment); returns this. */
  add(fact: DomainFact): this {
    const stack: DomainFact[] = [fact];
    while (stack.length > 0) {
      const f = stack.pop()!;
      const t = f.term;
      if (t.kind === "num") continue; // a number's sign is known already
      if (f.kind === "between") {
        this.record(f, `b${t.id}:${f.low.key}:${f.high.key}`);
        continue;
      }
      const a = t.kind === "app" ? t.args[0] : undefined;
      const b = t.kind === "app" ? t.args[1] : undefined;
      const op = t.kind === "app" ? t.op : "";
      const positiveExponent = op === "^" && b!.kind === "num" && b!.value.isPositive();
      const evenExponent =
        op === "^" && b!.kind === "num" && b!.value.isInteger() && b!.value.num % 2n === 0n;
      if (op === "exp" && t.kind === "app" && t.args.length === 1) continue; // always positive
      if (f.kind === "nonnegative") {
        // Non-negative wherever defined anyway: nothing to learn.
        if (op === "sqrt" || evenExponent) continue;
        this.record(f, `g${t.id}`);
        continue;
      }
      if (op === "sqrt" && t.kind === "app" && t.args.length === 1) {
        stack.push({ kind: "positive", term: a! });
        continue;
      }
      if (f.kind === "positive") {
        if (evenExponent && positiveExponent) {
          stack.push({ kind: "nonzero", term: a! });
          continue;
        }
        this.record(f, `p${t.id}`);
        if (op === "*" || op === "/" || op === "neg" || positiveExponent)
          stack.push({ kind: "nonzero", term: t });
        continue;
      }
      // nonzero: a product, quotient, negation or positive power is nonzero when, and only
      // when (where defined), its factors are: keep the factors.
      if ((op === "*" && t.kind === "app" && t.args.length === 2) || positiveExponent) {
        // Pushed last first, so facts come out in the order the term is written.
        if (op === "*") stack.push({ kind: "nonzero", term: b! });
        stack.push({ kind: "nonzero", term: a! });
        continue;
      }
      if ((op === "/" && t.kind === "app" && t.args.length === 2) || (op === "neg" && t.kind === "app")) {
        stack.push({ kind: "nonzero", term: a! });
        continue;
      }
      this.record(f, `n${t.id}`);
    }
    return this;
  }

  private record(fact: DomainFact, key: string): void {
    if (this.keys.has(key)) return;
    this.keys.add(key);
    const sign = fact.kind === "between" ? signOfRange(fact) : SIGN_OF_KIND[fact.kind];
    const known = this.signs.get(fact.term);
    // A sign statement already known (x ≥ 0 after x > 0) adds nothing.
    if (fact.kind !== "between" && known !== undefined && meetSigns(known, sign) === known) return;
    this.list.push(fact);
    if (sign !== "unknown") this.signs.set(fact.term, known === undefined ? sign : meetSigns(known, sign));
  }
}

function signOfRange(fact: DomainFact & { kind: "between" }): SignFact {
  if (fact.low.isPositive()) return "positive";
  if (!fact.low.isNegative()) return "nonnegative";
  if (fact.high.isNegative()) return "negative";
  return "unknown";
}

/**
 * The domain facts of `terms`: the domain of every application in them (each operator's
 * `domain`), closed under their consequences. One walk over their distinct subterms.
 *
 * @example
 * ```ts
 * domainFacts([parseExpression("sqrt(x)/y", { theory })], { theory }).facts.length; // 2: x ≥ 0, y ≠ 0
 * ```
 */
export function domainFacts(terms: readonly Term[], options: TheoryOption = {}): DomainFacts {
  const theory = theoryOrDefault(options.theory);
  const facts = new DomainFacts();
  const seen = new Set<number>();
  // Pre-order, children left to right: facts come out in the order the terms are written.
  const stack: Term[] = [...terms].reverse();
  while (stack.length > 0) {
    const t = stack.pop()!;
    if (t.kind !== "app" || seen.has(t.id)) continue;
    seen.add(t.id);
    const domain = theory.operators[t.op]?.domain;
    if (domain !== undefined && t.args.length === theory.operators[t.op]!.arity)
      for (const condition of domain(t.args)) facts.add(condition);
    for (let i = t.args.length - 1; i >= 0; i--) {
      const arg = t.args[i]!;
      if (arg.kind === "app" && !seen.has(arg.id)) stack.push(arg);
    }
  }
  return facts;
}

/**
 * The facts of `input` (the input's domain) that `result`'s own domain does not imply: where
 * a result defined more widely than its input is valid. Facts that follow from the other
 * conditions, and facts about constants, are left out. With `normalize` (a map that keeps
 * where a term is zero, such as a factored form) the terms of `≠ 0` facts are compared in that
 * form, so `4*x + 4 ≠ 0` follows from `x + 1 ≠ 0`.
 *
 * @example
 * ```ts
 * const x = parseExpression("x/x", { theory });
 * validityConditions(domainFacts([x]), domainFacts([ONE])); // [x ≠ 0]
 * ```
 */
export function validityConditions(
  input: DomainFacts,
  result: DomainFacts,
  normalize?: (term: Term) => Term,
): DomainFact[] {
  // Reassigned, not edited: DomainFacts values are immutable once built.
  if (normalize !== undefined) {
    input = input.mapNonzero(normalize);
    result = result.mapNonzero(normalize);
  }
  const open = input.facts.filter((f) => hasSymbol(f.term) && !result.implies(f));
  if (open.length > MINIMISE_LIMIT) return open;
  // Drop a condition the others (with the result's facts) imply: x > 0 makes x ≠ 0 redundant.
  const kept = [...open];
  for (let i = kept.length - 1; i >= 0; i--) {
    const others = new DomainFacts();
    for (const f of result.facts) others.add(f);
    kept.forEach((f, j) => {
      if (j !== i) others.add(f);
    });
    if (others.implies(kept[i]!)) kept.splice(i, 1);
  }
  return kept;
}

/** Conditions past this many are reported as found (minimising them is quadratic). */
const MINIMISE_LIMIT = 64;

function hasSymbol(term: Term): boolean {
  const stack = [term];
  const seen = new Set<number>();
  while (stack.length > 0) {
    const t = stack.pop()!;
    if (t.kind === "sym") return true;
    if (t.kind !== "app" || seen.has(t.id)) continue;
    seen.add(t.id);
    for (const arg of t.args) stack.push(arg);
  }
  return false;
}

/**
 * A fact as a person writes it: `x ≠ 0`, `x > 0`, `x ≥ 0`, `-1 ≤ x ≤ 1`.
 *
 * @example
 * ```ts
 * formatDomainFact({ kind: "nonzero", term: sym("x") }); // "x ≠ 0"
 * ```
 */
export function formatDomainFact(fact: DomainFact, options: TheoryOption = {}): string {
  const t = printTerm(fact.term, { format: "infix", theory: options.theory });
  switch (fact.kind) {
    case "nonzero":
      return `${t} ≠ 0`;
    case "positive":
      return `${t} > 0`;
    case "nonnegative":
      return `${t} ≥ 0`;
    case "between":
      return `${fact.low.toString()} ≤ ${t} ≤ ${fact.high.toString()}`;
  }
}
