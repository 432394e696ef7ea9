import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultTheory } from "../src/default-theory.js";
import { ExitCode, ParseError } from "../src/errors.js";
import { evaluate } from "../src/eval/evaluate.js";
import { BUILTIN_JS_FUNCTIONS } from "../src/rules/js-functions.js";
import { applyRuleFile, parseRuleFile } from "../src/rules/rules-parser.js";
import { parseExpression } from "../src/syntax/parse.js";
import { parseSExpr } from "../src/syntax/sexpr-parser.js";
import { dsat } from "./support/cli.js";

/** Issue 14, item 13: messages that said something untrue. */

const folder = mkdtempSync(join(tmpdir(), "dsat-hostile-messages-"));

describe("a decimal literal whose exponent is out of range (issue 14, item 13)", () => {
  const theory = defaultTheory();

  it("says 1e-99999999 is too small, not too large, in both syntaxes", () => {
    expect(() => parseExpression("1e-99999999", { theory })).toThrow(
      "number literal '1e-99999999' is too small to represent: its decimal exponent is below -100,000",
    );
    expect(() => parseSExpr("(+ x 1e-99999999)", { theory })).toThrow(
      "number literal '1e-99999999' is too small to represent",
    );
  });

  it("says 1e99999999 is too large, and reads literals at the limit", () => {
    expect(() => parseExpression("2.5e99999999", { theory })).toThrow("is too large to represent");
    expect(() => parseSExpr("1e999999", { theory })).toThrow(ParseError);
    expect(() => parseExpression("1e-100000", { theory })).not.toThrow();
    expect(() => parseExpression("1e100000", { theory })).not.toThrow();
  });

  it("exits 1 with the true message through the CLI", async () => {
    const result = await dsat("eval", "1e-99999999");
    expect(result.code).toBe(ExitCode.syntax);
    expect(result.stderr).toContain("'1e-99999999' is too small to represent");
    expect(result.stderr).not.toContain("too large");
  });
});

describe("the Math functions rules files may name with :js (issue 14, item 13)", () => {
  const theory = defaultTheory();

  it("accepts :js Math.sin, and the operator means Math.sin", async () => {
    const file = join(folder, "mysin.rules");
    writeFileSync(file, "(operator mysin 1 :js Math.sin)\n");
    const result = await dsat("eval", "mysin(1)", "--rules", file);
    expect(result.stderr).toBe("");
    expect(Number(result.stdout)).toBe(Math.sin(1));
  });

  it("gives every registered Math function the value of JavaScript's own", () => {
    for (const [name, fn] of Object.entries(BUILTIN_JS_FUNCTIONS)) {
      if (!name.startsWith("Math.") || fn.arity === 0) continue;
      const own = (Math as unknown as Record<string, (...args: number[]) => number>)[name.slice(5)]!;
      const text = `(operator probe ${fn.arity} :js ${name})`;
      const probe = applyRuleFile(theory, parseRuleFile(text, { theory, file: "p.rules" }));
      for (const x of [0.3, 0.7, 1, 2.5]) {
        const call = fn.arity === 1 ? `probe(${x})` : `probe(${x}, 1.5)`;
        const expected = fn.arity === 1 ? own(x) : own(x, 1.5);
        expect(
          evaluate(parseExpression(call, { theory: probe }), {}, { theory: probe }),
          `${name}(${x})`,
        ).toBe(expected);
      }
    }
  });

  it("folds exactly only where the value is rational", () => {
    for (const [name, at, value] of [
      ["Math.sin", 0, "0"],
      ["Math.cos", 0, "1"],
      ["Math.exp", 0, "1"],
      ["Math.log", 1, "0"],
      ["Math.log2", 8, "3"],
      ["Math.log10", 1000, "3"],
      ["Math.sqrt", 9, "3"],
    ] as const) {
      const exact = BUILTIN_JS_FUNCTIONS[name]!.exact!;
      expect(exact([parseNum(String(at))])?.toString(), name).toBe(value);
    }
    expect(BUILTIN_JS_FUNCTIONS["Math.sqrt"]!.exact!([parseNum("2")])).toBeUndefined();
    expect(BUILTIN_JS_FUNCTIONS["Math.log2"]!.exact!([parseNum("3")])).toBeUndefined();
  });

  it("registers exactly the functions docs/new-operator.md lists", () => {
    const docs = readFileSync(new URL("../docs/new-operator.md", import.meta.url), "utf8");
    const paragraph = docs.slice(docs.indexOf("are registered from the start:"));
    const listed = paragraph.slice(0, paragraph.indexOf(". Each means")).match(/`((Math|dsat)\.\w+)`/g)!;
    expect(listed.map((name) => name.slice(1, -1)).sort()).toEqual(Object.keys(BUILTIN_JS_FUNCTIONS).sort());
  });
});

function parseNum(text: string) {
  const term = parseExpression(text, { theory: defaultTheory() });
  if (term.kind !== "num") throw new Error(`${text} is not a number`);
  return term.value;
}
