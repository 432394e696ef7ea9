import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultTheory } from "../src/default-theory.js";
import { ExitCode, RuleFileError } from "../src/errors.js";
import { evaluate } from "../src/eval/evaluate.js";
import { applyRuleFile, parseRuleFile } from "../src/rules/rules-parser.js";
import { parseExpression } from "../src/syntax/parse.js";
import { printInfix } from "../src/syntax/print-infix.js";
import { dsat } from "./support/cli.js";

/**
 * Issue 14, item 11: a rules file could take over existing syntax and meanings without a word.
 * Redeclaring a built-in operator, a meaning, or a syntax another operator has is now an error
 * (exit 3) at file:line:col.
 */

const folder = mkdtempSync(join(tmpdir(), "dsat-hostile-declarations-"));
const theory = defaultTheory();
const load = (text: string) => applyRuleFile(theory, parseRuleFile(text, { theory, file: "t.rules" }));

describe("declarations that take over (issue 14, item 11)", () => {
  it.each([
    [
      "(operator plus 2 :infix + :precedence 10 :eval (+ ?0 ?1))",
      "t.rules:1:25: infix '+' is already the syntax of operator '+'",
    ],
    [
      "(operator minus 1 :prefix - :precedence 30 :eval (neg ?0))",
      "t.rules:1:27: prefix '-' is already the syntax of operator 'neg'",
    ],
    [
      "(operator times 2 :infix x :precedence 20 :eval (* ?0 ?1))",
      "t.rules:1:26: a single letter cannot be an operator symbol: 'x'",
    ],
    [
      "(operator + 2 :eval (* ?0 ?1))",
      "t.rules:1:15: '+' is a built-in operator: a rules file cannot change its numeric meaning",
    ],
    ["(operator d 2 :eval (+ ?0 ?1))", "t.rules:1:15: 'd' is a built-in operator"],
    [
      "(operator sin 1 :call sine)",
      "t.rules:1:17: 'sin' is a built-in operator: a rules file cannot change its syntax",
    ],
    [
      "(operator log 1 :domain ((nonzero? ?0)))",
      "t.rules:1:17: 'log' is a built-in operator: a rules file cannot change its domain",
    ],
    [
      "(operator asin 1 :eval (* 2 ?0))",
      "t.rules:1:18: operator 'asin' already has a numeric meaning (:js Math.asin)",
    ],
    ["(operator pi 0 :eval 3)", "t.rules:1:16: operator 'pi' already has a numeric meaning (:js Math.PI)"],
    [
      "(operator hyp 2 :call logb :eval (+ ?0 ?1))",
      "t.rules:1:23: the call logb(…) with 2 arguments is already the syntax of operator 'logb'",
    ],
    [
      "(operator myop 2 :infix sin :precedence 20 :eval (- ?0 ?1))",
      "t.rules:1:25: the call sin(…) is already the syntax of operator 'sin'",
    ],
  ])("refuses %s", (text, message) => {
    expect(() => load(text)).toThrow(RuleFileError);
    expect(() => load(text)).toThrow(message);
  });

  it("exits 3 with file:line:col through the CLI, and 2+3 stays 5", async () => {
    const file = join(folder, "plus.rules");
    writeFileSync(file, "; takes over +\n(operator + 2 :eval (* ?0 ?1))\n");
    const result = await dsat("simplify", "2+3", "--rules", file);
    expect(result.code).toBe(ExitCode.ruleFile);
    expect(result.stderr).toContain(`${file}:2:15: '+' is a built-in operator`);
    expect((await dsat("simplify", "2+3")).stdout).toBe("5");
  });

  it("no longer prints (+ x (plus x 0)) as x + (x + 0), which read back as another term", () => {
    // The declaration that did this is refused; an operator with a symbol of its own round-trips.
    const mine = load("(operator plus 2 :infix +++ :precedence 10 :eval (+ ?0 ?1))");
    const term = parseExpression("x + (x +++ 0)", { theory: mine });
    expect(parseExpression(printInfix(term, { theory: mine }), { theory: mine })).toBe(term);
  });
});

describe("declarations that extend, which stay allowed", () => {
  it("adds a description or a LaTeX spelling to a built-in operator", () => {
    const mine = load('(operator sin 1 :description "sine, in radians" :latex "\\sin")');
    expect(mine.operators.sin!.description).toBe("sine, in radians");
    expect(mine.operators.sin!.evaluate).toBe(theory.operators.sin!.evaluate);
  });

  it("repeats an operator's meaning, or gives one to an operator that had none", () => {
    expect(() => load("(operator asin 1 :js Math.asin :domain ((<= -1 ?0 1)))")).not.toThrow();
    const twice = load(
      "(operator twice 1)\n(operator twice 1 :eval (* 2 ?0))\n(operator twice 1 :eval (* 2 ?0))",
    );
    expect(evaluate(parseExpression("twice(3)", { theory: twice }), {}, { theory: twice })).toBe(6);
  });

  it("keeps log(x) and log(x, b): one call name for operators of different arities", () => {
    const mine = load("(operator lg2 3 :call log :eval (+ ?0 (+ ?1 ?2)))");
    expect(evaluate(parseExpression("log(x, 2)", { theory: mine }), { x: 8 }, { theory: mine })).toBeCloseTo(
      3,
      14,
    );
    expect(evaluate(parseExpression("log(x)", { theory: mine }), { x: Math.E }, { theory: mine })).toBe(1);
    expect(evaluate(parseExpression("log(1, 2, 3)", { theory: mine }), {}, { theory: mine })).toBe(6);
    expect(() => load("(operator lg 2 :call log :eval (+ ?0 ?1))")).toThrow(
      "the call log(…) with 2 arguments is already the syntax of operator 'log-to'",
    );
  });

  it("allows a word symbol of several letters, which is the operator's own", () => {
    const mine = load("(operator mod 2 :infix mod :precedence 20 :eval (- ?0 ?1))");
    expect(evaluate(parseExpression("7 mod 2", { theory: mine }), {}, { theory: mine })).toBe(5);
  });
});
