import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultTheory } from "../src/default-theory.js";
import { diff } from "../src/diff.js";
import { ExitCode, LimitError, OutputTooLargeError } from "../src/errors.js";
import { evaluate } from "../src/eval/evaluate.js";
import { parseExpression } from "../src/syntax/parse.js";
import { DEFAULT_MAX_PRINTED_NODES, PrintBudget, printedSize, printTerm } from "../src/syntax/print.js";
import { app, type Term } from "../src/term/term.js";
import { dagSize, treeSize } from "../src/term/traverse.js";
import { termArbitrary } from "./support/arbitrary.js";
import { dsat } from "./support/cli.js";

/**
 * Issue 14, item 5: a derivative is linear in size as a shared DAG and can be quadratic as a
 * printed tree. Past the output limit, the library refuses to print it (OutputTooLargeError,
 * with both sizes) and the CLI prints it in shared form (let t1 = …); never out of memory.
 */

const theory = defaultTheory();
const parse = (text: string) => parseExpression(text, { theory });
const nestedSin = (depth: number) => `${"sin(".repeat(depth)}x${")".repeat(depth)}`;

/** The terms a shared form stands for: `let` lines substituted into the last line, innermost first. */
function readShared(text: string): Term {
  const lines = text.split("\n");
  const values = new Map<string, Term>();
  const substitute = (t: Term): Term => {
    // Bound children are names, so these bodies are shallow: recursion is fine here.
    if (t.kind === "sym") return values.get(t.name) ?? t;
    if (t.kind === "num") return t;
    return app(t.op, t.args.map(substitute));
  };
  for (const line of lines.slice(0, -1)) {
    const [, name, body] = /^let (t\d+) = (.*)$/.exec(line)!;
    values.set(name!, substitute(parse(body!)));
  }
  return substitute(parse(lines.at(-1)!));
}

describe("the printers' size guard", () => {
  it("property: printedSize is the tree size, and with a limit it tells sizes past the limit", () => {
    fc.assert(
      fc.property(termArbitrary({ theory, maxDepth: 6 }), fc.nat(80), (t, limit) => {
        expect(printedSize(t)).toBe(treeSize(t));
        expect(printedSize(t, limit) > limit).toBe(treeSize(t) > limit);
      }),
      { numRuns: 300 },
    );
  });

  it("counts a tree far larger than memory from its DAG: 2^1000 nodes from 1,001 distinct subterms", () => {
    let t: Term = parse("x");
    for (let i = 0; i < 1000; i++) t = app("+", [t, t]);
    expect(printedSize(t)).toBeCloseTo(2 ** 1001 - 1, -290);
    expect(printedSize(t, 5000)).toBeGreaterThan(5000);
  });

  it("refuses a term too large as a tree with an OutputTooLargeError giving both sizes, in every format", () => {
    const d = diff(parse(nestedSin(2000)), "x", { theory });
    const tree = treeSize(d);
    expect(tree).toBeGreaterThan(DEFAULT_MAX_PRINTED_NODES);
    for (const format of ["infix", "parens", "sexpr", "latex"] as const) {
      let caught: unknown;
      try {
        printTerm(d, { format, theory });
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(OutputTooLargeError);
      const error = caught as OutputTooLargeError;
      expect(error.exitCode).toBe(ExitCode.limit);
      expect([error.treeSize, error.dagSize, error.maxNodes]).toEqual([
        tree,
        dagSize(d),
        DEFAULT_MAX_PRINTED_NODES,
      ]);
      expect(error.message).toContain(`${tree.toLocaleString("en-US")} nodes written out as a tree`);
      expect(error.message).toContain(`(${dagSize(d).toLocaleString("en-US")} distinct subterms)`);
      expect(error.message).toMatch(/--cse.*--max-output/);
    }
    expect(() => String(d)).toThrow(OutputTooLargeError);
  });

  it("prints it when the limit is raised, in chunks that read back to the same term", () => {
    const d = diff(parse(nestedSin(300)), "x", { theory });
    expect(() => printTerm(d, { theory, maxNodes: 10_000 })).toThrow(OutputTooLargeError);
    for (const format of ["infix", "sexpr"] as const) {
      const text = printTerm(d, { format, theory, maxNodes: 100_000 });
      expect(text.length).toBeGreaterThan(1 << 16);
      expect(parseExpression(text, { theory, from: format })).toBe(d);
    }
  });

  it("a print budget refuses once many prints together pass it", () => {
    const budget = new PrintBudget("the steps", 8);
    expect(budget.print(parse("sin(x) + 1"), { theory })).toBe("sin(x) + 1");
    expect(() => budget.print(parse("x*y*z"), { theory })).toThrow(LimitError);
    expect(() => budget.print(parse("x*y*z"), { theory })).toThrow(
      "the steps would print more than 8 nodes (--max-output N raises the limit)",
    );
  });
});

describe("dsat prints a result too large as a tree in shared form", () => {
  it("sin nested 10,000 deep: the derivative's 50 million nodes print as 3,332 bindings, with a note saying why", async () => {
    const result = await dsat("diff", nestedSin(10_000), "x");
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      "note: the result has 50,024,999 nodes written out as a tree (29,999 distinct subterms), more than --max-output 1,000,000; printed with 3,332 shared subexpressions named first (let t1 = …)",
    );
    const lines = result.stdout.split("\n");
    expect(lines.length).toBe(3_333);
    expect(lines[0]).toBe("let t1 = sin(sin(sin(x)))");
    expect(lines[1]).toBe("let t2 = sin(sin(sin(t1)))");
    expect(result.stdout.length).toBeLessThan(400_000);
  });

  it("the shared form stands for the same term as the tree (sin nested 30 deep, --max-output 100)", async () => {
    const f = nestedSin(30);
    const tree = await dsat("diff", f, "x");
    const shared = await dsat("diff", f, "x", "--max-output", "100");
    expect(tree.stdout.split("\n")).toHaveLength(1);
    expect(shared.stdout.split("\n").length).toBeGreaterThan(5);
    expect(shared.stderr).toMatch(/^note: the result has \d+ nodes .* more than --max-output 100;/);
    expect(readShared(shared.stdout)).toBe(parse(tree.stdout));
    // And it is the derivative: cos of each inner level, multiplied.
    let value = 1;
    let inner = 0.7;
    for (let i = 0; i < 30; i++) {
      value *= Math.cos(inner);
      inner = Math.sin(inner);
    }
    expect(evaluate(readShared(shared.stdout), { x: 0.7 }, { theory })).toBeCloseTo(value, 12);
  });

  it("--cse asks for the shared form at any size; --json puts the bindings under `bindings`", async () => {
    const cse = await dsat("diff", nestedSin(6), "x", "--cse");
    expect(cse.stderr).toBe("");
    expect(cse.stdout.split("\n")[0]).toBe("let t1 = sin(sin(sin(x)))");
    expect(readShared(cse.stdout)).toBe(parse((await dsat("diff", nestedSin(6), "x")).stdout));

    const json = JSON.parse(
      (await dsat("simplify", "sin(x^2)*sin(x^2) + sin(x^2)", "--cse", "--json")).stdout,
    );
    expect(json.bindings).toEqual([
      { name: "t1", infix: "sin(x^2)", sexpr: "(sin (^ x 2))", latex: expect.any(String) },
    ]);
    expect(json.infix).toMatch(/t1/);
  });

  it("a raised --max-output prints the tree; a bad one is a usage error", async () => {
    const raised = await dsat("diff", nestedSin(1500), "x", "--max-output", "2000000");
    expect(raised.stderr).toBe("");
    expect(raised.stdout.split("\n")).toHaveLength(1);
    expect((await dsat("diff", "x", "x", "--max-output", "0")).code).toBe(ExitCode.usage);
  });

  it("grad prints large entries shared too (jacobian and hessian print through the same code)", async () => {
    const product = Array.from({ length: 800 }, (_, i) => `(x + ${i})`).join("*");
    const result = await dsat("grad", product, "x");
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^note: the result has [\d,]+ nodes written out as a tree/);
    expect(result.stdout.split("\n").at(-1)).toMatch(/^\[.*t\d+.*\]$/);
  });

  it("--steps stops listing steps past the output limit and says how many it left out", async () => {
    const result = await dsat("diff", nestedSin(3000), "x", "--steps", "--raw");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /… \d+ more steps not shown: the steps would print more than 1,000,000 nodes/,
    );
    expect(result.stdout.length).toBeLessThan(20_000_000);
  });
});
