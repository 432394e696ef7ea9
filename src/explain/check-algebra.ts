import {
  equalFractions,
  type FractionReading,
  readFraction,
  vanishesOnlyWithOneOf,
} from "../algebra/fraction.js";
import type { IntPoly } from "../algebra/int-poly.js";
import { isConstant } from "../algebra/int-poly.js";
import { AtomTable } from "../algebra/poly-term.js";
import type { Term } from "../term/term.js";

/**
 * The checker's verdict on an `algebra` step, by exact polynomial arithmetic over the atoms
 * of the two terms (never by asking the simplifier): both terms are read as plain fractions,
 * nothing cancelled, and
 *
 * - they are one rational function (`a.num * b.den = b.num * a.den`);
 * - the new term has no atom the old one lacks, and divides only by what vanishes where some
 *   divisor of the old one does (it is defined wherever the old term is);
 * - every divisor of the old term vanishes only where a divisor of the new one or a factor the
 *   step names as cancelled does: only a `cancel` step widens the domain, and only by factors
 *   it names, each of which vanishes only where a divisor of the old term does (so it is
 *   nonzero wherever the old term, and hence the input, is defined).
 */

/** The names an algebra step may have. */
export const ALGEBRA_STEPS: readonly string[] = ["expand", "collect", "factor", "cancel"];

/** Why the algebra step from `from` to `to` does not hold, or `undefined` when it does. */
export function checkAlgebraStep(
  from: Term,
  to: Term,
  name: string | undefined,
  cancelled: readonly Term[],
): string | undefined {
  if (name === undefined || !ALGEBRA_STEPS.includes(name)) return `no algebra step '${name ?? "?"}'`;
  if (name !== "cancel" && cancelled.length > 0) return `a '${name}' step cancels nothing`;
  if (name === "cancel" && cancelled.length === 0) return "a cancel step names no factor";
  const atoms = new AtomTable();
  const before = readFraction(from, atoms);
  if (before === undefined) return "the term before is not a rational function the checker can read";
  const known = atoms.all.length;
  const after = readFraction(to, atoms);
  if (after === undefined) return "the term after is not a rational function the checker can read";
  if (atoms.all.length > known) return "the term after has a subterm the term before lacks";
  if (equalFractions(before, after) !== true) return "the two terms are not equal as rational functions";
  for (const d of after.divisors) {
    if (vanishesOnlyWithOneOf(d, before.divisors) !== true)
      return "the term after divides by something that may be 0 where the term before is defined";
  }
  const factors: IntPoly[] = [];
  for (const t of cancelled) {
    const g = readFraction(t, atoms);
    if (g === undefined || atoms.all.length > known || !isConstant(g.den) || g.divisors.length > 0)
      return "a cancelled factor is not a polynomial in the term's atoms";
    if (vanishesOnlyWithOneOf(g.num, before.divisors) !== true)
      return "a cancelled factor is not a divisor of the term before";
    factors.push(g.num);
  }
  return widens(before, after, factors)
    ? "the term after is defined where the term before is not, by a factor the step does not name"
    : undefined;
}

function widens(before: FractionReading, after: FractionReading, cancelled: readonly IntPoly[]): boolean {
  const allowed = [...after.divisors, ...cancelled];
  return before.divisors.some((d) => vanishesOnlyWithOneOf(d, allowed) !== true);
}
