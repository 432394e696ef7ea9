import fc from "fast-check";
import katex from "katex";
import { describe, expect, it } from "vitest";
import { defaultTheory } from "../src/default-theory.js";
import { RuleFileError } from "../src/errors.js";
import { loadRuleTexts } from "../src/rules/load.js";
import { parseExpression } from "../src/syntax/parse.js";
import { printTerm } from "../src/syntax/print.js";
import { latexIdentifier, printLatex } from "../src/syntax/print-latex.js";
import { app, sym, type Term } from "../src/term/term.js";
import { extend } from "../src/theory.js";
import { termArbitrary } from "./support/arbitrary.js";
import { dsat } from "./support/cli.js";
import { userSyntaxTheory } from "./support/user-syntax-theory.js";

const theory = defaultTheory();
const latex = (text: string) => printTerm(parseExpression(text, { theory }), { format: "latex", theory });

/** KaTeX's parse of `tex`: throws a ParseError for anything it cannot typeset. */
const render = (tex: string) => katex.renderToString(tex, { throwOnError: true, strict: "error" });

describe("printTerm(t, 'latex')", () => {
  it.each([
    ["x^2 + x*y + y^3", "x^{2} + x \\cdot y + y^{3}"],
    ["sin(x)^2 / (1 + x)", "\\frac{\\sin\\left(x\\right)^{2}}{1 + x}"],
    ["log(x) + exp(2*x) + sqrt(x)", "\\log\\left(x\\right) + e^{2 \\cdot x} + \\sqrt{x}"],
    ["(x^2)^3", "\\left(x^{2}\\right)^{3}"],
    ["2^3^4", "2^{3^{4}}"],
    ["exp(x)^2", "\\left(e^{x}\\right)^{2}"],
    ["x^(-1/2)", "x^{-\\frac{1}{2}}"],
    ["-(a + b)", "-\\left(a + b\\right)"],
    ["x - (-y)", "x - \\left(-y\\right)"],
    ["a - (b - c)", "a - \\left(b - c\\right)"],
    ["-x^2", "-x^{2}"],
    ["1/3*x", "\\frac{1}{3} \\cdot x"],
    ["a/b/c", "\\frac{\\frac{a}{b}}{c}"],
    ["d(x, x^2)", "\\frac{\\mathrm{d}}{\\mathrm{d}x}\\left(x^{2}\\right)"],
    // Spellings the shipped rules files declare with :latex.
    ["abs(x - 1) + cbrt(x)", "\\left|x - 1\\right| + \\sqrt[3]{x}"],
    [
      "asin(x) + sinh(x) + logb(2, x)",
      "\\arcsin\\left(x\\right) + \\sinh\\left(x\\right) + \\log_{2}\\left(x\\right)",
    ],
    ["2*pi*r + e^x", "2 \\cdot \\pi \\cdot r + e^{x}"],
    ["alpha*rate + x_1", "\\alpha \\cdot \\mathit{rate} + \\text{x\\_1}"],
  ])("%s → %s", (input, expected) => {
    expect(latex(input)).toBe(expected);
    render(expected);
  });

  it("names variables safely: one letter, Greek, words, anything else as escaped text", () => {
    expect(["x", "theta", "Omega", "dx2", "a_b", "p%q"].map(latexIdentifier)).toEqual([
      "x",
      "\\theta",
      "\\Omega",
      "\\mathit{dx2}",
      "\\text{a\\_b}",
      "\\text{p\\%q}",
    ]);
  });

  it("property: KaTeX typesets every random term over the shipped operators", () => {
    fc.assert(
      fc.property(termArbitrary({ theory, operators: Object.keys(theory.operators), maxDepth: 5 }), (t) => {
        render(printLatex(t, { theory }));
      }),
      { numRuns: 500 },
    );
  });

  it("property: KaTeX typesets every random term over user infix, prefix and call operators", () => {
    fc.assert(
      fc.property(termArbitrary({ theory: userSyntaxTheory, maxDepth: 5 }), (t) => {
        render(printLatex(t, { theory: userSyntaxTheory }));
      }),
      { numRuns: 500 },
    );
  });

  it("prints a term nested 100,000 deep without overflowing the stack", () => {
    let t: Term = sym("x");
    for (let i = 0; i < 100_000; i++) t = app(i % 2 === 0 ? "sin" : "neg", [t]);
    const text = printLatex(t, { theory });
    expect(text.startsWith("-\\sin\\left(-\\sin")).toBe(true);
  });
});

describe("the :latex declaration option", () => {
  const rules = `(operator sigmoid 1 :eval (/ 1 (+ 1 (exp (neg ?0)))) :latex "\\sigma\\left(#1\\right)")
(operator choose 2 :js Math.hypot :latex "\\binom{#1}{#2}")
(operator ** 2 :infix ** :precedence 40 :assoc right :eval (^ ?0 ?1) :latex "^")
(operator mod 2 :infix % :precedence 20 :eval (- ?0 (* ?1 ?0)) :latex "\\bmod")`;
  const mine = loadRuleTexts(theory, [{ file: "mine.rules", text: rules }]);
  const show = (text: string) =>
    printTerm(parseExpression(text, { theory: mine }), { format: "latex", theory: mine });

  it("spells templates, powers and symbols as declared", () => {
    expect(show("sigmoid(2*x)")).toBe("\\sigma\\left(2 \\cdot x\\right)");
    expect(show("choose(n, k + 1)")).toBe("\\binom{n}{k + 1}");
    expect(show("(x ** 2) ** 3")).toBe("\\left(x^{2}\\right)^{3}");
    expect(show("(a + b) % c")).toBe("\\left(a + b\\right) \\bmod c");
    for (const t of ["sigmoid(2*x)^2", "choose(n, k)^2", "x ** y ** z"]) render(show(t));
  });

  it("property: KaTeX typesets random terms using them", () => {
    const operators = ["sigmoid", "choose", "**", "mod", "+", "*", "neg", "^", "/"];
    fc.assert(
      fc.property(termArbitrary({ theory: mine, operators, maxDepth: 5 }), (t) => {
        render(printLatex(t, { theory: mine }));
      }),
      { numRuns: 300 },
    );
  });

  it("rejects a template naming an argument the operator does not have, at its line and column", () => {
    const bad = `(operator f 1 :eval ?0 :latex "#2")`;
    expect(() => loadRuleTexts(theory, [{ file: "bad.rules", text: bad }])).toThrow(RuleFileError);
    expect(() => loadRuleTexts(theory, [{ file: "bad.rules", text: bad }])).toThrow(/bad\.rules:1:31/);
  });

  it("keeps the spelling when a later declaration adds a meaning", () => {
    const again = loadRuleTexts(
      extend(theory, () => {}),
      [
        {
          file: "a.rules",
          text: `(operator g 1 :latex "\\gamma\\left(#1\\right)")\n(operator g 1 :eval ?0)`,
        },
      ],
    );
    expect(printTerm(parseExpression("g(x)", { theory: again }), { format: "latex", theory: again })).toBe(
      "\\gamma\\left(x\\right)",
    );
  });
});

describe("dsat --format latex", () => {
  it("prints LaTeX from the CLI", async () => {
    const result = await dsat("diff", "x^2 + x*y + y^3", "x", "--format", "latex");
    expect(result).toEqual({ code: 0, stdout: "2 \\cdot x + y", stderr: "" });
  });
});
