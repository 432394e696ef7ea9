import { app, type Term, withArgs } from "../term/term.js";
import { postorder } from "../term/traverse.js";
import type { Theory } from "../theory.js";

/**
 * `term` with every `tan(u)` written `sin(u)/cos(u)`, when some `u` has both a tangent and a
 * sine or cosine in it; otherwise `undefined`. The rational form of that term can cancel what
 * the tangent hides: `1/(cos(x)^2*tan(x))` is `1/(sin(x)*cos(x))`, `y/(cos(x)^2*tan(x)^2)` is
 * `y/sin(x)^2`. Both forms are defined exactly where cos(u) is not 0. (The human form turns a
 * sine over a cosine left over back into a tangent.) One walk, no recursion.
 */
export function tangentsAsQuotients(term: Term, theory: Theory): Term | undefined {
  if (!hasUnary(theory, "tan") || !hasUnary(theory, "sin") || !hasUnary(theory, "cos")) return undefined;
  const order = postorder(term);
  const tangents = new Set<Term>();
  const others = new Set<Term>();
  for (const t of order) {
    if (t.kind !== "app" || t.args.length !== 1) continue;
    if (t.op === "tan") tangents.add(t.args[0]!);
    else if (t.op === "sin" || t.op === "cos") others.add(t.args[0]!);
  }
  let shared = false;
  for (const u of tangents) if (others.has(u)) shared = true;
  if (!shared) return undefined;
  const rewritten = new Map<number, Term>();
  for (const t of order) {
    if (t.kind !== "app") {
      rewritten.set(t.id, t);
      continue;
    }
    const args = t.args.map((a) => rewritten.get(a.id)!);
    rewritten.set(
      t.id,
      t.op === "tan" && args.length === 1
        ? app("/", [app("sin", args), app("cos", args)])
        : withArgs(t, args),
    );
  }
  return rewritten.get(term.id)!;
}

function hasUnary(theory: Theory, name: string): boolean {
  return theory.operators[name]?.arity === 1;
}
