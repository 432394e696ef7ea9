import { describe, expect, it } from "vitest";
import { defaultTheory } from "../src/default-theory.js";
import { ExitCode, LimitError } from "../src/errors.js";
import { explainResult } from "../src/explain/explain-result.js";
import { FOLD_CONSTANTS } from "../src/rewrite/normalize.js";
import { parseExpression } from "../src/syntax/parse.js";
import { dsat } from "./support/cli.js";

/**
 * `dsat simplify --explain`, `dsat equal` and `dsat diff --steps` through the CLI. The proofs
 * printed were checked by the CLI before printing; here the text is read back: it starts and
 * ends at the right terms and every step names a rule the theory has.
 */

const theory = defaultTheory();
const ruleNames = new Set(Object.values(theory.ruleSets).flatMap((set) => set.rules.map((r) => r.name)));

/** The terms and rule names of a printed proof (the lines from `  <start>` on). */
function readProof(lines: readonly string[]): { terms: string[]; rules: string[] } {
  const terms = [lines[0]!.trim()];
  const rules: string[] = [];
  for (const line of lines.slice(1)) {
    expect(line.startsWith("= ")).toBe(true);
    // "= <term>  <rule>[ (backward)][, conditions]  <before> → <after>": columns are two spaces apart.
    const [term, label] = line.slice(2).split(/ {2,}/);
    terms.push(term!.trim());
    rules.push(label!.replace(/ \(backward\)/, "").replace(/,.*$/, ""));
  }
  return { terms, rules };
}

describe("dsat simplify --explain", () => {
  it("prints the result, then a checked proof from the input to it, each line naming its rule", async () => {
    const result = await dsat("simplify", "(1*x)+(x*1)", "--explain");
    expect(result.code).toBe(0);
    const lines = result.stdout.split("\n");
    expect(lines[0]).toBe("2*x");
    expect(lines[1]).toMatch(/^explanation \(checked, \d+ steps?\):$/);
    const { terms, rules } = readProof(lines.slice(2));
    expect(terms[0]).toBe("1*x + x*1");
    expect(terms.at(-1)).toBe("2*x");
    for (const rule of rules) expect(ruleNames.has(rule) || rule === FOLD_CONSTANTS).toBe(true);
  });

  it("shows the condition that allowed a step", async () => {
    const result = await dsat("simplify", "exp(x)/exp(x)", "--explain");
    expect(result.code).toBe(0);
    expect(result.stdout.split("\n")[0]).toBe("1");
    expect(result.stdout).toMatch(/div-self, nonzero\?\(exp\(x\)\)/);
  });

  it("never prints an unchecked proof: when neither the rules nor algebra reach the result it says so, exit code 8", async () => {
    // Algebra reads sqrt(y/x^2) as an atom whose square it does not know (the simplifier's
    // root reduction does), and the rules do not reach the result here.
    const result = await dsat("simplify", "y/(x^3*sqrt(y/x^2))", "--explain");
    expect(result.stdout).toBe("sqrt(y/x^2)/x");
    expect(result.stderr).toMatch(/no explanation found.*stopped: /);
    expect(result.code).toBe(ExitCode.limit);
  });

  it("explains a cancellation inside a function's argument at its position", async () => {
    const result = await dsat("simplify", "sin((x^2 - 1)/(x - 1))", "--explain");
    expect(result.code).toBe(0);
    const lines = result.stdout.split("\n");
    expect(lines.slice(0, 3)).toEqual([
      "sin(x + 1)",
      "explanation (checked, 2 steps):",
      "  sin((x^2 - 1)/(x - 1))",
    ]);
    expect(lines[4]).toMatch(
      /^= sin\(x \+ 1\) +cancel x - 1, nonzero where the input is defined +\(x \+ 1\)\*\(x - 1\)\/\(x - 1\) → x \+ 1$/,
    );
  });

  it("explains x/x = 1 by cancelling x where the input is defined", async () => {
    const result = await dsat("simplify", "x/x", "--explain");
    expect(result.code).toBe(0);
    expect(result.stdout.split("\n")).toEqual([
      "1",
      "explanation (checked, 1 step):",
      "  x/x",
      "= 1    cancel x, nonzero where the input is defined  x/x → 1",
    ]);
  });

  it("explainResult throws a LimitError naming the stop reason when nothing connects the terms", () => {
    const input = parseExpression("y/(x^3*sqrt(y/x^2))", { theory });
    const result = parseExpression("sqrt(y/x^2)/x", { theory });
    const options = { theory, ruleSets: ["cleanup", "algebra"], nodeLimit: 2000 };
    expect(() => explainResult(input, result, options)).toThrow(LimitError);
    expect(() => explainResult(input, result, options)).toThrow(
      /no explanation found: neither the rules nor the rational normal form showed the input equal to the result \(stopped: [a-z-]+ after \d+ iterations?, \d+ e-nodes\)/,
    );
  });
});

describe("dsat equal", () => {
  it("shows (x+1)^2 = x^2 + 2*x + 1 with a checked proof", async () => {
    const result = await dsat("equal", "(x+1)^2", "x^2 + 2*x + 1", "--explain");
    expect(result.code).toBe(0);
    const lines = result.stdout.split("\n");
    expect(lines[0]).toBe("equal");
    const { terms, rules } = readProof(lines.slice(1));
    expect(terms[0]).toBe("(x + 1)^2");
    expect(terms.at(-1)).toBe("x^2 + 2*x + 1");
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) expect(ruleNames.has(rule) || rule === FOLD_CONSTANTS).toBe(true);
  });

  it("prints only 'equal' without --explain, and an empty proof for the same term", async () => {
    expect(await dsat("equal", "sin(x)^2 + cos(x)^2", "1")).toMatchObject({ code: 0, stdout: "equal" });
    expect(await dsat("equal", "x + y", "x+y", "--explain")).toMatchObject({
      code: 0,
      stdout: "equal\n  x + y",
    });
  });

  it("exits 1 with the runner's stop reason when not shown equal", async () => {
    const saturated = await dsat("equal", "x/y", "1");
    expect(saturated.code).toBe(1);
    expect(saturated.stdout).toMatch(
      /^not shown equal within limits \(stopped: saturated after \d+ iterations?, \d+ e-nodes\)$/,
    );
    const cut = await dsat("equal", "(x+y)*(x+y)*(x+y)", "x^3 + 1", "--node-limit", "200");
    expect(cut.code).toBe(1);
    expect(cut.stdout).toMatch(/stopped: node-limit/);
  });

  it("rejects a wrong number of expressions", async () => {
    expect((await dsat("equal", "x")).code).toBe(ExitCode.usage);
  });
});

describe("dsat diff --steps", () => {
  it("lists the derivative rules as they fired with the subterms they rewrote, then explains the simplification", async () => {
    const result = await dsat("diff", "x*x", "x", "--steps");
    expect(result.code).toBe(0);
    const lines = result.stdout.split("\n");
    expect(lines.slice(0, 5)).toEqual([
      "2*x",
      "d/dx: the derivative rules in the order they fired",
      // d-mul: (d ?x (* ?a ?b)) => (+ (* (d ?x ?a) ?b) (* ?a (d ?x ?b))); d(x, x) is rewritten once (memoised).
      "  1. d-mul       d(x, x*x) → d(x, x)*x + x*d(x, x)",
      "  2. d-same-var  d(x, x) → 1",
      "  raw derivative: 1*x + x*1",
    ]);
    expect(lines[5]).toMatch(
      /^d\/dx: from the raw derivative to the result, explanation \(checked, \d+ steps?\):$/,
    );
    const { terms } = readProof(lines.slice(6));
    expect(terms[0]).toBe("1*x + x*1");
    expect(terms.at(-1)).toBe("2*x");
  });

  it("with --raw lists the rules only", async () => {
    const result = await dsat("diff", "sin(x)", "x", "--raw", "--steps");
    expect(result.stdout.split("\n")).toEqual([
      "cos(x)*1",
      "d/dx: the derivative rules in the order they fired",
      "  1. d-sin       d(x, sin(x)) → cos(x)*d(x, x)",
      "  2. d-same-var  d(x, x) → 1",
      "  raw derivative: cos(x)*1",
    ]);
  });
});
