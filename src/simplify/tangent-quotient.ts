import { type App, app, type Term, withArgs } from "../term/term.js";
import { postorder } from "../term/traverse.js";
import type { Theory } from "../theory.js";

/**
 * `term` with each `tan(u)` of its rational reading written `sin(u)/cos(u)`, when some such
 * `u` also has a sine or cosine there; otherwise `undefined`. The rational form of that term
 * can cancel what the tangent hides: `1/(cos(x)^2*tan(x))` is `1/(sin(x)*cos(x))`,
 * `y/(cos(x)^2*tan(x)^2)` is `y/sin(x)^2`. Both forms are defined exactly where cos(u) is not 0.
 * (The human form turns a sine over a cosine left over back into a tangent.)
 *
 * Only the tangents the rational reading sees are rewritten, those reached from the top
 * through `+ - * /`, `neg`, number powers and `sqrt`: a tangent inside another atom (`log(tan(u))`,
 * `tan(u)^x`) stays, as does one of an argument without a sine or cosine (`tan(1)` beside
 * `sin(x)`), for nothing cancels there and the quotient is larger. One walk, no recursion.
 */
export function tangentsAsQuotients(term: Term, theory: Theory): Term | undefined {
  if (!hasUnary(theory, "tan") || !hasUnary(theory, "sin") || !hasUnary(theory, "cos")) return undefined;
  // The atoms of the rational reading: the non-arithmetic terms met from the top.
  const tangents = new Set<Term>();
  const others = new Set<Term>();
  const seen = new Set<Term>();
  const stack: Term[] = [term];
  while (stack.length > 0) {
    const t = stack.pop()!;
    if (seen.has(t) || t.kind !== "app") continue;
    seen.add(t);
    if (isArithmetic(t)) stack.push(...(t.op === "^" ? [t.args[0]!] : t.args));
    else if (t.args.length === 1 && t.op === "tan") tangents.add(t.args[0]!);
    else if (t.args.length === 1 && (t.op === "sin" || t.op === "cos")) others.add(t.args[0]!);
  }
  const shared = new Set<Term>();
  for (const u of tangents) if (others.has(u)) shared.add(u);
  if (shared.size === 0) return undefined;
  const quotient = (t: Term): Term | undefined =>
    t.kind === "app" && t.op === "tan" && t.args.length === 1 && shared.has(t.args[0]!)
      ? app("/", [app("sin", t.args), app("cos", t.args)])
      : undefined;
  // Arithmetic terms rebuilt with their atoms' tangents rewritten; other terms kept whole.
  const rewritten = new Map<number, Term>();
  for (const t of postorder(term)) {
    if (t.kind !== "app" || !isArithmetic(t)) continue;
    const args = t.args.map((a, i) =>
      t.op === "^" && i === 1 ? a : (quotient(a) ?? rewritten.get(a.id) ?? a),
    );
    rewritten.set(t.id, withArgs(t, args));
  }
  return quotient(term) ?? rewritten.get(term.id) ?? term;
}

/**
 * `+ - * /`, `neg`, powers with a number exponent and `sqrt`: what the canonical and rational
 * forms compute with (`sqrt(tan(x))^2` is `tan(x)`).
 */
function isArithmetic(t: App): boolean {
  if (t.op === "^") return t.args.length === 2 && t.args[1]!.kind === "num";
  if (t.op === "neg" || t.op === "sqrt") return t.args.length === 1;
  return t.args.length === 2 && (t.op === "+" || t.op === "-" || t.op === "*" || t.op === "/");
}

function hasUnary(theory: Theory, name: string): boolean {
  return theory.operators[name]?.arity === 1;
}
