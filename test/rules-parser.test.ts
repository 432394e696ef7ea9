import { describe, expect, it } from "vitest";
import { RuleFileError } from "../src/errors.js";
import { evaluate } from "../src/eval/evaluate.js";
import { normalize } from "../src/rewrite/normalize.js";
import { applyRuleFile, defaultRuleSetName, parseRuleFile } from "../src/rules/rules-parser.js";
import { parseSExpr } from "../src/syntax/sexpr-parser.js";
import { Rational } from "../src/term/rational.js";
import { baseTheory, type Theory } from "../src/theory.js";

const pattern = (text: string, theory: Theory = baseTheory) =>
  parseSExpr(text, { theory, patternVariables: true });

/** The RuleFileError that parsing (and applying) `text` as `t.rules` raises. */
function errorOf(text: string, theory: Theory = baseTheory): RuleFileError {
  try {
    applyRuleFile(theory, parseRuleFile(text, { theory, file: "t.rules" }));
  } catch (error) {
    expect(error).toBeInstanceOf(RuleFileError);
    return error as RuleFileError;
  }
  throw new Error(`expected a RuleFileError for:\n${text}`);
}

describe("parseRuleFile: rules", () => {
  it("reads names with attached or separate colons, rules over several lines, comments and conditions", () => {
    const text = [
      "; a comment",
      "d-mul: (d ?x (* ?a ?b)) => (+ (* (d ?x ?a) ?b) (* ?a (d ?x ?b)))",
      "div-self : (/ ?a ?a)",
      "   => 1   ; conditions follow",
      "   if (nonzero? ?a) (!= ?a 0)",
      "comm-add: (+ ?a ?b) <=> (+ ?b ?a)",
    ].join("\n");
    const contents = parseRuleFile(text, { theory: baseTheory, file: "some/dir/algebra.rules" });
    expect(contents.file).toBe("some/dir/algebra.rules");
    expect(contents.ruleSets.map((s) => s.name)).toEqual(["algebra"]);
    const [dMul, divSelf, commAdd] = contents.ruleSets[0]!.rules;
    expect(dMul!.name).toBe("d-mul");
    expect(dMul!.lhs).toBe(pattern("(d ?x (* ?a ?b))"));
    expect(dMul!.rhs).toBe(pattern("(+ (* (d ?x ?a) ?b) (* ?a (d ?x ?b)))"));
    expect(dMul!.direction).toBe("=>");
    expect(dMul!.conditions).toEqual([]);
    expect(dMul!.origin).toEqual({
      file: "some/dir/algebra.rules",
      position: { line: 2, column: 1, offset: 12 },
    });
    expect(divSelf!.name).toBe("div-self");
    expect(divSelf!.rhs).toBe(pattern("1"));
    expect(divSelf!.conditions).toEqual([
      { predicate: "nonzero?", args: [pattern("?a")] },
      { predicate: "!=", args: [pattern("?a"), pattern("0")] },
    ]);
    expect(divSelf!.origin!.position.line).toBe(3);
    expect(commAdd!.direction).toBe("<=>");
    expect(contents.ruleSets[0]!.foldConstants).toBeUndefined();
  });

  it("switches rule sets with (ruleset NAME) and marks folding sets with (fold-constants)", () => {
    const text = [
      "first: (+ ?a 0) => ?a",
      "(ruleset tidy)",
      "(fold-constants)",
      "second: (* ?a 1) => ?a",
      "(ruleset demo)",
      "third: (* 1 ?a) => ?a",
    ].join("\n");
    const contents = parseRuleFile(text, { theory: baseTheory, file: "demo.rules" });
    expect(
      contents.ruleSets.map((s) => [s.name, s.rules.map((r) => r.name), s.foldConstants ?? false]),
    ).toEqual([
      ["demo", ["first", "third"], false],
      ["tidy", ["second"], true],
    ]);
  });

  it("names the default rule set after the file", () => {
    expect(defaultRuleSetName("rules/diff.rules")).toBe("diff");
    expect(defaultRuleSetName("C:\\x\\cleanup.rules")).toBe("cleanup");
    expect(defaultRuleSetName(undefined)).toBe("rules");
  });

  it("accepts variadic sugar in patterns like the S-expression parser", () => {
    const contents = parseRuleFile("sum3: (+ ?a ?b ?c) => (- ?a)", { theory: baseTheory, file: "s.rules" });
    const rule = contents.ruleSets[0]!.rules[0]!;
    expect(rule.lhs).toBe(pattern("(+ (+ ?a ?b) ?c)"));
    expect(rule.rhs).toBe(pattern("(neg ?a)"));
  });
});

describe("parseRuleFile: operator declarations", () => {
  it("declares a call operator whose meaning is its definition, exact where the definition folds", () => {
    const text = [
      '; the "sinh operator: a quote inside a comment starts no string',
      '(operator sinh 1 :eval (/ (- (exp ?0) (exp (neg ?0))) 2) :description "hyperbolic sine (odd; see cosh)")',
    ].join("\n");
    const contents = parseRuleFile(text, { theory: baseTheory, file: "h.rules" });
    const [sinh] = contents.operators;
    expect(sinh!.name).toBe("sinh");
    expect(sinh!.arity).toBe(1);
    expect(sinh!.syntax).toEqual({ kind: "call", name: "sinh" });
    expect(sinh!.description).toBe("hyperbolic sine (odd; see cosh)");
    expect(sinh!.evaluate!([1])).toBeCloseTo(Math.sinh(1), 14);
    expect(sinh!.evaluate!([-2.5])).toBeCloseTo(Math.sinh(-2.5), 14);
    expect(sinh!.exact!([Rational.ZERO])).toEqual(Rational.ZERO); // (e^0 - e^0)/2 = 0 exactly
    expect(sinh!.exact!([Rational.ONE])).toBeUndefined(); // e - 1/e is irrational
    expect(contents.ruleSets).toEqual([]);
  });

  it("declares infix and prefix syntax, and later rules may use the new operator", () => {
    const text = [
      "(operator ** 2 :infix ** :precedence 40 :assoc right :eval (^ ?0 ?1))",
      "(operator ~ 1 :prefix ~ :precedence 30 :eval (neg ?0))",
      "(operator hypot 2 :call hyp :eval (sqrt (+ (* ?0 ?0) (* ?1 ?1))))",
      "starstar-one: (** ?a 1) => ?a",
    ].join("\n");
    const contents = parseRuleFile(text, { theory: baseTheory, file: "ops.rules" });
    const [power, tilde, hypot] = contents.operators;
    expect(power!.syntax).toEqual({ kind: "infix", symbol: "**", precedence: 40, associativity: "right" });
    expect(tilde!.syntax).toEqual({ kind: "prefix", symbol: "~", precedence: 30 });
    expect(hypot!.syntax).toEqual({ kind: "call", name: "hyp" });
    expect(hypot!.evaluate!([3, 4])).toBe(5);
    expect(hypot!.exact!([Rational.of(3n), Rational.of(4n)])).toEqual(Rational.of(5n));
    const theory = applyRuleFile(baseTheory, contents);
    expect(theory.operators["**"]).toBe(power);
    expect(evaluate(pattern("(** 2 (** 3 2))", theory), {}, { theory })).toBe(512);
    expect(baseTheory.operators["**"]).toBeUndefined(); // applying returns a new theory
  });

  it("lets a redeclaration with the same arity add to an operator and keep the rest", () => {
    const text = '(operator sin 1 :description "sine, in radians")';
    const theory = applyRuleFile(baseTheory, parseRuleFile(text, { theory: baseTheory, file: "s.rules" }));
    const sin = theory.operators.sin!;
    expect(sin.description).toBe("sine, in radians");
    expect(sin.syntax).toEqual({ kind: "call", name: "sin" });
    expect(sin.evaluate!([1])).toBe(Math.sin(1));
  });

  it("gives operators declared with :eval a folding meaning in rule sets with (fold-constants)", () => {
    const text = ["(operator half 1 :eval (/ ?0 2))", "(ruleset fold)", "(fold-constants)"].join("\n");
    const theory = applyRuleFile(baseTheory, parseRuleFile(text, { theory: baseTheory, file: "f.rules" }));
    const result = normalize(pattern("(+ (half 3) x)", theory), theory.ruleSets.fold!, { theory });
    expect(result.term).toBe(pattern("(+ 3/2 x)", theory));
  });
});

describe("applyRuleFile", () => {
  const base = applyRuleFile(
    baseTheory,
    parseRuleFile("(ruleset s)\nfirst: (+ ?a 0) => ?a", { theory: baseTheory, file: "a.rules" }),
  );

  it("appends rules to an existing set of the same name, keeping the earlier ones first", () => {
    const more = parseRuleFile("(ruleset s)\n(fold-constants)\nsecond: (* ?a 1) => ?a", {
      theory: base,
      file: "b.rules",
    });
    const theory = applyRuleFile(base, more);
    expect(theory.ruleSets.s!.rules.map((r) => r.name)).toEqual(["first", "second"]);
    expect(theory.ruleSets.s!.foldConstants).toBe(true);
    expect(base.ruleSets.s!.rules.map((r) => r.name)).toEqual(["first"]);
  });

  it("rejects a rule name already taken in the set by another file", () => {
    const error = errorOf("(ruleset s)\n\n  first: (* ?a 1) => ?a", base);
    expect(error.message).toMatch(
      /^t\.rules:3:3: duplicate rule name 'first' in rule set 's' \(first defined at a\.rules:2\)/,
    );
  });
});

describe("rules-file errors name file:line:col with a caret", () => {
  const cases: [string, string, string][] = [
    [
      "syntax error",
      "ok: (+ ?a 0) => ?a\nbad: (+ ?a 0 => ?a",
      "t.rules:2:6: missing ')' to close the '(' opened here",
    ],
    ["stray ')'", "ok: (+ ?a 0) => ?a )", "t.rules:1:20: unexpected ')'"],
    ["unknown operator", "r: (foo ?a) => ?a", "t.rules:1:5: unknown operator 'foo'"],
    ["wrong arity", "r: (+ ?a 0) => (sin ?a 1)", "t.rules:1:17: operator 'sin' takes 1 argument, got 2"],
    ["unknown predicate", "r: (/ ?a ?a) => 1 if (nonzero ?a)", "t.rules:1:23: unknown predicate 'nonzero'"],
    [
      "wrong predicate arity",
      "r: (/ ?a ?a) => 1 if (free-of ?a)",
      "t.rules:1:23: predicate 'free-of' takes 2 arguments, got 1",
    ],
    [
      "right side uses an unbound variable",
      "r: (* ?a 1)\n  => (+ ?a ?b)",
      "t.rules:2:12: the right side of rule 'r' uses ?b, which the left side does not bind",
    ],
    [
      "condition uses an unbound variable",
      "r: (/ ?a ?a) => 1 if (nonzero? ?b)",
      "t.rules:1:32: a condition of rule 'r' uses ?b, which the left side does not bind",
    ],
    [
      "<=> side does not bind the other's variables",
      "r: (* ?a 0) <=> 0",
      "t.rules:1:7: the left side of rule 'r' (<=>) uses ?a, which the right side does not bind",
    ],
    [
      "duplicate rule name",
      "r: (+ ?a 0) => ?a\nr: (+ 0 ?a) => ?a",
      "t.rules:2:1: duplicate rule name 'r' in rule set 't'",
    ],
    [
      "bare variable left side",
      "r: ?a => (+ ?a 0)",
      "t.rules:1:4: the left side of rule 'r' is a bare pattern variable, which would match every term",
    ],
    [
      "operator redeclared with another arity",
      "(operator sin 2)",
      "t.rules:1:15: operator 'sin' is already declared with arity 1; it cannot be redeclared with arity 2",
    ],
    [
      "missing arrow",
      "r: (+ ?a 0) ?a",
      "t.rules:1:13: expected '=>' or '<=>' after the left side of rule 'r'",
    ],
    ["missing colon", "r (+ ?a 0) => ?a", "t.rules:1:3: expected ':' after the rule name 'r'"],
    ["not a rule name", "Bad_Name: (+ ?a 0) => ?a", "t.rules:1:1: 'Bad_Name' is not a rule name"],
    ["rule cut short", "r: (+ ?a 0) =>", "t.rules:1:15: rule 'r' ends early: expected its right side"],
    [
      "'if' without conditions",
      "r: (+ ?a 0) => ?a if",
      "t.rules:1:19: 'if' must be followed by at least one condition",
    ],
    [
      "a list that is not a declaration",
      "(+ ?a 0) => ?a",
      "t.rules:1:1: expected a rule (NAME: LEFT => RIGHT) or a declaration",
    ],
    ["unknown option", "(operator f 1 :infixx +)", "t.rules:1:15: expected an option"],
    [
      "infix with the wrong arity",
      "(operator f 1 :infix & :precedence 3)",
      "t.rules:1:15: :infix needs an operator of arity 2, and 'f' has arity 1",
    ],
    [
      "definition with a foreign variable",
      "(operator f 1 :eval (+ ?0 ?1))",
      "t.rules:1:27: the definition of 'f' may only use ?0 (its arguments), not '?1'",
    ],
    ["self-referential definition", "(operator f 1 :eval (f ?0))", "t.rules:1:22: unknown operator 'f'"],
    [
      "definition without numeric meaning",
      "(operator f 2 :eval (d ?0 ?1))",
      "t.rules:1:22: the definition of 'f' uses 'd', which has no numeric meaning",
    ],
    [
      "unterminated string",
      '(operator f 1 :description "oops)\nr: (+ ?a 0) => ?a',
      "t.rules:1:28: this string has no closing '\"' on its line",
    ],
    ["bad ruleset declaration", "(ruleset)", "t.rules:1:1: expected (ruleset NAME)"],
  ];

  it.each(cases)("%s", (_kind, text, expected) => {
    const error = errorOf(text);
    expect(error.message.slice(0, expected.length)).toBe(expected);
    // The caret sits under the reported column of the reported line.
    const [, line, column] = /^t\.rules:(\d+):(\d+):/.exec(error.message)!;
    const snippet = error.message.split("\n").slice(1);
    expect(snippet).toHaveLength(2);
    expect(snippet[0]).toBe(`  ${text.split("\n")[Number(line) - 1]}`);
    expect(snippet[1]).toBe(`  ${" ".repeat(Number(column) - 1)}^`);
  });
});
