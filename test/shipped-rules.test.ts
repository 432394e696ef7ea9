import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultTheory } from "../src/default-theory.js";
import { evaluate } from "../src/eval/evaluate.js";
import { packageRulesDirectory } from "../src/node/package-rules.js";
import { loadRuleTexts } from "../src/rules/load.js";
import { decodeRuleFiles, encodeRuleFiles } from "../src/rules/shipped-encoding.js";
import { shippedRuleFiles, shippedRulesParsed } from "../src/rules/shipped-rules.js";
import { app, sym } from "../src/term/term.js";
import { baseTheory, type Theory } from "../src/theory.js";

const texts = () => shippedRuleFiles.map(({ name, text }) => ({ file: `rules/${name}`, text }));

/** Everything about a theory but the identity of its functions, which are compared by value. */
function shape(theory: Theory) {
  const operators = Object.values(theory.operators).map(({ evaluate: e, exact, domain, ...rest }) => ({
    ...rest,
    evaluates: e !== undefined,
    exact: exact !== undefined,
    domain: domain !== undefined,
  }));
  return { operators, ruleSets: theory.ruleSets, predicates: Object.keys(theory.predicates) };
}

/** The generated module must hold exactly the rules files on disk, which stay the source of truth. */
describe("src/rules/shipped-rules.ts", () => {
  it("matches rules/*.rules, name for name and byte for byte (else run `npm run rules:generate`)", () => {
    const directory = packageRulesDirectory();
    const onDisk = readdirSync(directory)
      .filter((name) => name.endsWith(".rules"))
      .sort()
      .map((name) => ({ name, text: readFileSync(join(directory, name), "utf8") }));
    expect(shippedRuleFiles.map((f) => f.name)).toEqual(onDisk.map((f) => f.name));
    for (const [i, file] of onDisk.entries()) {
      expect(shippedRuleFiles[i]!.text, `${file.name} differs: run npm run rules:generate`).toBe(file.text);
    }
  });

  it("holds what the parser makes of those texts (else run `npm run rules:generate`)", () => {
    expect(shippedRulesParsed).toEqual(encodeRuleFiles(baseTheory, texts()));
  });

  it("decodes to the theory that parsing the texts gives: the same rules, terms and operators", () => {
    const parsed = loadRuleTexts(baseTheory, texts());
    const decoded = defaultTheory();
    expect(shape(decoded)).toEqual(shape(parsed));
    // Hash-consed terms: equal rules have the identical left and right sides.
    for (const [name, set] of Object.entries(parsed.ruleSets)) {
      decoded.ruleSets[name]!.rules.forEach((rule, i) => {
        expect(rule.lhs).toBe(set.rules[i]!.lhs);
        expect(rule.rhs).toBe(set.rules[i]!.rhs);
      });
    }
    // Operator meanings agree numerically, including those defined by :eval in terms of others.
    for (const [name, spec] of Object.entries(parsed.operators)) {
      if (spec.evaluate === undefined) continue;
      const args = ["a", "b", "c"].slice(0, spec.arity).map(sym);
      const term = app(name, args);
      for (const point of [0.3, 0.7, 1.9]) {
        const env = { a: point, b: point / 3, c: 2 - point };
        const want = evaluate(term, env, { theory: parsed });
        const got = evaluate(term, env, { theory: decoded });
        expect(Object.is(got, want) || Math.abs(got - want) <= 1e-15 * Math.abs(want)).toBe(true);
      }
    }
  });

  it("decoding an encoding gives back the same theory for a file with rationals, conditions and redeclarations", () => {
    const file = {
      file: "demo.rules",
      text: [
        "(operator half 1 :eval (* 1/2 ?0))",
        '(operator half 1 :description "one half of")',
        "(ruleset demo)",
        "(fold-constants)",
        "halve: (half ?a) => (* 1/2 ?a) if (nonzero? ?a)",
        "big: (+ ?a 123456789012345678901234567890) <=> (+ 123456789012345678901234567890 ?a)",
        "sin-asin-demo: (sin (asin ?a)) => ?a :widens-domain",
      ].join("\n"),
    };
    const theory = defaultTheory();
    const parsed = loadRuleTexts(theory, [file]);
    const decoded = decodeRuleFiles(theory, encodeRuleFiles(theory, [file]));
    expect(shape(decoded)).toEqual(shape(parsed));
    expect(decoded.operators.half!.description).toBe("one half of");
    expect(evaluate(app("half", [sym("x")]), { x: 3 }, { theory: decoded })).toBe(1.5);
  });
});
