import { app, occursIn, postorder, printTerm, type Term, type Theory } from "../src/index.js";
import { requiresNonzero } from "../src/simplify/domain.js";

/**
 * The validity conditions of a simplification that widened the domain: the requirements the
 * original term makes (a divisor or a negative power's base nonzero, a logarithm's argument
 * positive, a square root's argument nonnegative) that the simplified term no longer makes
 * (`x/x` → `1` is valid where `x ≠ 0`). Read from the terms' shapes, so conservative: a
 * requirement the simplified term still shows is not listed.
 *
 * @example
 * ```ts
 * validityConditions(parse("x*y/x"), parse("y"), theory); // ["x ≠ 0"]
 * ```
 */
export function validityConditions(original: Term, simplified: Term, theory: Theory): string[] {
  const show = (t: Term) => printTerm(t, { format: "infix", theory });
  const conditions = new Set<string>();
  for (const t of postorder(original)) {
    if (t.kind !== "app") continue;
    const [a, b] = t.args;
    if (t.op === "/" && b !== undefined && b.kind !== "num" && !requiresNonzero(simplified, b)) {
      conditions.add(`${show(b)} ≠ 0`);
    } else if (
      t.op === "^" &&
      a !== undefined &&
      a.kind !== "num" &&
      b?.kind === "num" &&
      b.value.isNegative() &&
      !requiresNonzero(simplified, a)
    ) {
      conditions.add(`${show(a)} ≠ 0`);
    } else if (
      t.op === "log" &&
      a !== undefined &&
      a.kind !== "num" &&
      !occursIn(app("log", [a]), simplified)
    ) {
      conditions.add(`${show(a)} > 0`);
    } else if (
      t.op === "sqrt" &&
      a !== undefined &&
      a.kind !== "num" &&
      !occursIn(app("sqrt", [a]), simplified)
    ) {
      conditions.add(`${show(a)} ≥ 0`);
    }
  }
  return [...conditions];
}
