import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { commonSubexpressions, printBindings, type SharedForm } from "../src/calculus/cse.js";
import { hessian } from "../src/calculus/vector-calculus.js";
import { defaultTheory } from "../src/default-theory.js";
import { evaluate } from "../src/eval/evaluate.js";
import { parseExpression } from "../src/syntax/parse.js";
import { app, num, sym, type Term } from "../src/term/term.js";
import { treeSize } from "../src/term/traverse.js";
import { termArbitrary } from "./support/arbitrary.js";
import { dsat } from "./support/cli.js";

const theory = defaultTheory();
const parse = (text: string) => parseExpression(text, { theory });

/** Substitutes the bindings back, in order: each binding may use the ones before it. */
function expand(shared: SharedForm): Term[] {
  const values = new Map<string, Term>();
  const substitute = (t: Term): Term => {
    // Bindings are small (their bound children are names), so recursion here is shallow.
    if (t.kind === "sym") return values.get(t.name) ?? t;
    if (t.kind === "num") return t;
    return app(t.op, t.args.map(substitute));
  };
  for (const b of shared.bindings) values.set(b.name.name, substitute(b.term));
  return shared.roots.map(substitute);
}

describe("common subexpressions", () => {
  it("binds a repeated subexpression once and refers to it by name", () => {
    const shared = commonSubexpressions([parse("sin(x^2)*x + sin(x^2)*y"), parse("sin(x^2) + 1")]);
    expect(printBindings(shared.bindings, { format: "infix", theory })).toEqual(["let t1 = sin(x^2)"]);
    expect(shared.roots.map((r) => evaluate(r, { x: 0, y: 0, t1: 7 }, { theory }))).toEqual([0, 8]);
  });

  it("leaves small repeats (a leaf or one operation on leaves) inline", () => {
    const shared = commonSubexpressions([parse("x^2 + x^2*y"), parse("-x + sin(-x)")]);
    expect(shared.bindings).toEqual([]);
  });

  it("does not reuse a name the results already use as a variable", () => {
    const shared = commonSubexpressions([parse("exp(t1*y) + exp(t1*y)*t2")]);
    expect(shared.bindings.map((b) => b.name.name)).toEqual(["t3"]);
  });

  it("property: substituting the bindings back gives the original terms; no binding is used only once", () => {
    const terms = fc.array(termArbitrary({ theory, operators: ["+", "*", "sin", "exp"], maxDepth: 4 }), {
      minLength: 1,
      maxLength: 4,
    });
    fc.assert(
      fc.property(terms, (roots) => {
        const shared = commonSubexpressions(roots);
        expect(expand(shared)).toEqual(roots);
        const mentions = new Map<string, number>();
        const count = (t: Term) => {
          if (t.kind === "sym") mentions.set(t.name, (mentions.get(t.name) ?? 0) + 1);
          else if (t.kind === "app") t.args.forEach(count);
        };
        for (const b of shared.bindings) count(b.term);
        shared.roots.forEach(count);
        for (const b of shared.bindings) expect(mentions.get(b.name.name)).toBeGreaterThanOrEqual(2);
      }),
      { numRuns: 300 },
    );
  });

  it("makes the printed Hessian of a product much smaller", async () => {
    const f = "exp(x*y)*sin(x + y)*cos(x - y)";
    const entries = hessian(parse(f), ["x", "y"], { theory }).flat();
    const shared = commonSubexpressions(entries);
    const before = entries.reduce((n, t) => n + treeSize(t), 0);
    const after = [...shared.bindings.map((b) => b.term), ...shared.roots].reduce(
      (n, t) => n + treeSize(t),
      0,
    );
    expect(after).toBeLessThan(before * 0.75);

    const plain = await dsat("hessian", f);
    const cse = await dsat("hessian", f, "--cse");
    expect(cse.code).toBe(0);
    const lines = cse.stdout.split("\n");
    expect(lines.slice(0, -1).every((line) => /^let t\d+ = /.test(line))).toBe(true);
    expect(lines.at(-1)).toMatch(/^\[\[.*\]\]$/);
    expect(cse.stdout.length).toBeLessThan(plain.stdout.length);
  });

  it("dsat grad --cse prints bindings before the vector", async () => {
    const result = await dsat("grad", "exp(sin(x)*y) + x", "--cse");
    // ∂/∂x = y cos(x) e^(y sin x) + 1, ∂/∂y = sin(x) e^(y sin x): the exponential is shared.
    const lines = result.stdout.split("\n");
    expect(lines[0]).toMatch(/^let t1 = exp\(/);
    expect(lines.at(-1)).toMatch(/^\[.*t1.*, .*t1.*\]$/);
  });

  it("handles 100,000 nested shared subexpressions without recursion", () => {
    let t: Term = sym("x");
    for (let i = 0; i < 100_000; i++) t = app("*", [app("+", [t, num(1)]), t]);
    const shared = commonSubexpressions([t]);
    // Every level but the root (used once) is used twice by the level above.
    expect(shared.bindings.length).toBe(99_999);
    expect(printBindings(shared.bindings.slice(0, 1), { format: "infix", theory })).toEqual([
      "let t1 = (x + 1)*x",
    ]);
    expect(printBindings(shared.bindings.slice(-1), { format: "infix", theory })).toEqual([
      "let t99999 = (t99998 + 1)*t99998",
    ]);
    expect(shared.roots[0]).toBe(parse("(t99999 + 1)*t99999"));
  });
});
