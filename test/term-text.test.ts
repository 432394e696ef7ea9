import { inspect } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultTheory } from "../src/default-theory.js";
import { UnknownOperatorError } from "../src/errors.js";
import { loadRuleFiles } from "../src/node/load-rule-files.js";
import { simplify } from "../src/simplify/simplify.js";
import { parseExpression } from "../src/syntax/parse.js";
import { printInfix, printSExpr } from "../src/syntax/print.js";
import { Rational } from "../src/term/rational.js";
import { app, sym } from "../src/term/term.js";
import { termArbitrary } from "../src/testing/arbitraries.js";

const theory = defaultTheory();

describe("terms write themselves", () => {
  it("String(t) and console.log show infix; JSON.stringify gives the S-expression parseExpression reads back", () => {
    const operators = ["+", "-", "*", "/", "^", "neg", "sin", "exp", "log", "sqrt"];
    fc.assert(
      fc.property(termArbitrary({ theory, operators, maxDepth: 4 }), (t) => {
        expect(String(t)).toBe(printInfix(t, { theory }));
        expect(`${t}`).toBe(printInfix(t, { theory }));
        expect(inspect(t)).toBe(printInfix(t, { theory }));
        const json = JSON.stringify(t);
        expect(json).toBe(JSON.stringify(printSExpr(t)));
        expect(parseExpression(JSON.parse(json), { theory })).toBe(t);
        expect(JSON.parse(JSON.stringify({ result: t })).result).toBe(printSExpr(t));
      }),
      { seed: 13, numRuns: 300 },
    );
  });

  it("JSON.stringify handles exact rationals and terms with them", () => {
    expect(JSON.stringify(Rational.of(1n, 3n))).toBe('"1/3"');
    expect(JSON.stringify(parseExpression("x/3 + 1/7", { theory }))).toBe(
      JSON.stringify(printSExpr(parseExpression("x/3 + 1/7", { theory }))),
    );
  });

  it("a term with an operator no theory here knows prints as its S-expression", () => {
    expect(String(app("mystery", [sym("x")]))).toBe("(mystery x)");
  });
});

describe("a term the theory does not know is an error, not a silent no-op", () => {
  it("simplify of a rules-file operator without that theory throws UnknownOperatorError", () => {
    const withSigmoid = loadRuleFiles(theory, ["test/fixtures/sigmoid.rules"]);
    const t = parseExpression("sigmoid(x) + sigmoid(x)", { theory: withSigmoid });
    expect(() => simplify(t)).toThrow(UnknownOperatorError);
    expect(() => simplify(t, { theory })).toThrow(/unknown operator 'sigmoid'/);
    expect(printInfix(simplify(t, { theory: withSigmoid }).term, { theory: withSigmoid })).toBe(
      "2*sigmoid(x)",
    );
  });
});
