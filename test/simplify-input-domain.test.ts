import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultTheory } from "../src/default-theory.js";
import { DivisionByZeroError, UndefinedConstantError } from "../src/errors.js";
import { evaluate } from "../src/eval/evaluate.js";
import { type DomainFact, domainFacts, formatDomainFact } from "../src/rules/domain-facts.js";
import { simplify } from "../src/simplify/simplify.js";
import { parseExpression } from "../src/syntax/parse.js";
import { printTerm } from "../src/syntax/print.js";
import type { Term } from "../src/term/term.js";
import { postorder, treeSize } from "../src/term/traverse.js";
import { termArbitrary } from "./support/arbitrary.js";
import { dsat } from "./support/cli.js";
import { sizeBound } from "./support/size-bound.js";

/**
 * Simplification on the input's domain: the result equals the input wherever the input is
 * defined and may be defined at more points, the report says where such a result is valid,
 * and `strictDomain` keeps the result defined exactly where the input is. Expected outputs
 * are worked out by hand; the properties evaluate input, result and conditions at points.
 */

const theory = defaultTheory();
const parse = (text: string) => parseExpression(text, { theory });
const show = (t: Term) => printTerm(t, { format: "infix", theory });
const conditionsOf = (text: string, assumeDefined: readonly Term[] = []) =>
  simplify(parse(text), { theory, assumeDefined }).report.conditions.map((c) =>
    formatDomainFact(c, { theory }),
  );

describe("the table of issue 10, through the CLI", () => {
  it.each([
    ["x/x", "1"],
    ["(x*y)/(y*x)", "1"],
    ["exp(log(x))", "x"],
    ["exp(2*log(x))", "x^2"],
    ["tan(atan(5))", "5"],
  ])("dsat simplify %s prints %s", async (input, expected) => {
    const { code, stdout } = await dsat("simplify", input);
    expect(code).toBe(0);
    expect(stdout).toBe(expected);
  });

  it("--report says where a result defined more widely is valid", async () => {
    const { stdout, stderr } = await dsat("simplify", "x/x", "--report");
    expect(stdout).toBe("1");
    expect(stderr.split("\n")).toContain("valid where x ≠ 0");
  });

  it("--report says nothing of validity when the result needs no more than itself", async () => {
    const { stdout, stderr } = await dsat("simplify", "x*log(x)/x", "--report");
    expect(stdout).toBe("log(x)");
    expect(stderr).not.toContain("valid where");
  });

  it("--strict-domain keeps the result defined exactly where the input is", async () => {
    expect((await dsat("simplify", "x/x", "--strict-domain")).stdout).toBe("x/x");
    expect((await dsat("simplify", "exp(log(x))", "--strict-domain")).stdout).toBe("exp(log(x))");
    expect((await dsat("simplify", "0*(1/x)", "--strict-domain")).stdout).toBe("0*(1/x)");
    expect((await dsat("simplify", "exp(x)/exp(x)", "--strict-domain")).stdout).toBe("1");
  });

  it("dsat diff simplifies on the domain of the function differentiated", async () => {
    // d/dx log(x*y) = y/(x*y), and x*y > 0 where log(x*y) is defined.
    expect((await dsat("diff", "log(x*y)", "x")).stdout).toBe("1/x");
    expect((await dsat("diff", "(x*y)^2/y", "x")).stdout).toBe("2*x*y");
    expect((await dsat("diff", "log(x*y)", "x", "--strict-domain")).stdout).not.toBe("1/x");
  });
});

describe("domain facts", () => {
  const facts = (text: string) =>
    domainFacts([parse(text)], { theory }).facts.map((f) => formatDomainFact(f, { theory }));

  it("come from every operator's domain, the declared ones included", () => {
    expect(facts("1/x + log(y) + sqrt(z)")).toEqual(["x ≠ 0", "y > 0", "z ≥ 0"]);
    expect(facts("asin(x) + sign(y)")).toEqual(["-1 ≤ x ≤ 1", "y ≠ 0"]);
    expect(facts("tan(x)")).toEqual(["cos(x) ≠ 0"]);
    expect(facts("x^-2 + y^(1/2) + z^(-1/3)")).toEqual(["x ≠ 0", "y ≥ 0", "z > 0"]);
    expect(facts("logb(b, a)")).toEqual(["b > 0", "log(b) ≠ 0", "a > 0"]);
  });

  it("split a nonzero product, quotient, negation or positive power into its factors", () => {
    expect(facts("1/(x*y)")).toEqual(["x ≠ 0", "y ≠ 0"]);
    expect(facts("1/((x/y)^3)")).toEqual(["x ≠ 0", "y ≠ 0"]);
    expect(facts("1/(-(x + 1))")).toEqual(["x + 1 ≠ 0"]);
    expect(facts("1/sqrt(x)")).toEqual(["x > 0"]);
    expect(facts("log(x^2)")).toEqual(["x ≠ 0"]);
    expect(facts("1/exp(x) + sqrt(x^2)")).toEqual([]);
  });

  it("make nonzero? and positive? hold where the input is defined, and not with strictDomain", () => {
    expect(show(simplify(parse("x*(y/x)"), { theory }).term)).toBe("y");
    expect(show(simplify(parse("x*(y/x)"), { theory, strictDomain: true }).term)).toBe("x*y/x");
    // log(x) says x > 0, so log(x*x) = 2*log(x) there.
    expect(show(simplify(parse("log(x^2) - 2*log(x)"), { theory }).term)).toBe("0");
  });
});

describe("validity conditions", () => {
  it("are the input's facts that the result does not imply, without redundant ones", () => {
    expect(conditionsOf("x/x")).toEqual(["x ≠ 0"]);
    expect(conditionsOf("(x*y)/(y*x)")).toEqual(["y ≠ 0", "x ≠ 0"]); // the divisor's factors, as written
    expect(conditionsOf("y/(x*y)")).toEqual(["y ≠ 0"]);
    expect(conditionsOf("sin(asin(x))")).toEqual(["-1 ≤ x ≤ 1"]);
    // x > 0 implies x ≠ 0, so only x > 0 is said.
    expect(conditionsOf("exp(log(x))*(x/x)")).toEqual(["x > 0"]);
    expect(conditionsOf("x + 1")).toEqual([]);
    expect(conditionsOf("log(x)/x")).toEqual([]);
  });

  it("include the facts of the terms assumed defined (the function differentiated)", () => {
    expect(conditionsOf("1/x", [parse("log(x)")])).toEqual(["x > 0"]);
  });

  it("are empty with strictDomain", () => {
    expect(simplify(parse("x/x"), { theory, strictDomain: true }).report.conditions).toEqual([]);
  });
});

// ---- properties on random terms ---------------------------------------------------------

const variables = ["x", "y"];
/** Every operator but `d`, with powers only to constant exponents: their domain is then fully described by facts. */
const operators = Object.keys(theory.operators).filter((op) => op !== "d");
const terms = termArbitrary({ theory, operators, variables, maxDepth: 3 }).filter(
  (t) => !postorder(t).some((s) => s.kind === "app" && s.op === "^" && s.args[1]!.kind !== "num"),
);
/** Points on a grid of halves, so that divisors and arguments hit 0 and ±1 exactly. */
const coordinate = fc.integer({ min: -6, max: 6 }).map((n) => n / 2);
const point = fc.record({ x: coordinate, y: coordinate });

type Value = number | "undefined" | "unreliable";

/**
 * `t` at `env`: its value, `undefined` (NaN: outside its domain), or `unreliable` where
 * floating point cannot tell: a subterm overflowed, or is within rounding of an integer
 * without being one (0 as 1e-17, 1 as tan(atan(1)) = 0.9999999999999999, where logb(·, y)
 * is then defined only by rounding).
 */
function valueAt(t: Term, env: Record<string, number>): Value {
  for (const s of postorder(t)) {
    const v = evaluate(s, env, { theory });
    if (Number.isNaN(v)) return "undefined";
    const nearest = Math.round(v);
    if (!Number.isFinite(v) || Math.abs(v) > 1e6 || (v !== nearest && Math.abs(v - nearest) < 1e-9))
      return "unreliable";
  }
  return evaluate(t, env, { theory });
}

/**
 * `simplify(t)`, or `undefined` when `t` divides by a constant 0 (an error, tested elsewhere) or
 * holds a constant outside its operator's domain (`log2(-1/2)`), which leaves `t` undefined at
 * every point: checked here at one.
 */
function simplified(t: Term, strictDomain = false) {
  try {
    return simplify(t, { theory, strictDomain });
  } catch (error) {
    if (error instanceof DivisionByZeroError) return undefined;
    if (!(error instanceof UndefinedConstantError)) throw error;
    expect(valueAt(t, { x: 0.7, y: 1.3, z: 2.1 }), printTerm(t, { theory })).not.toBeTypeOf("number");
    return undefined;
  }
}

function holds(fact: DomainFact, env: Record<string, number>): boolean | "unreliable" {
  const v = valueAt(fact.term, env);
  if (v === "unreliable") return "unreliable";
  if (v === "undefined") return false;
  // Within rounding: the facts are exact statements, checked on values computed in floating point.
  const slack = 1e-9 * Math.max(1, Math.abs(v));
  switch (fact.kind) {
    case "nonzero":
      return Math.abs(v) > slack || v !== 0;
    case "positive":
      return v > -slack && v !== 0;
    case "nonnegative":
      return v >= -slack;
    case "between":
      return v >= fact.low.toNumber() - slack && v <= fact.high.toNumber() + slack;
  }
}

describe("on random terms", () => {
  it("the result equals the input wherever the input is defined, and is never larger", () => {
    fc.assert(
      fc.property(terms, fc.array(point, { minLength: 4, maxLength: 4 }), (t, points) => {
        const done = simplified(t);
        if (done === undefined) return;
        expect(treeSize(done.term)).toBeLessThanOrEqual(sizeBound(t, { theory }));
        for (const env of points) {
          const before = valueAt(t, env);
          if (typeof before !== "number") continue;
          const after = evaluate(done.term, env, { theory });
          expect(Number.isNaN(after), `${show(t)} → ${show(done.term)} at ${JSON.stringify(env)}`).toBe(
            false,
          );
          if (Number.isFinite(after))
            expect(Math.abs(after - before)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(before)));
        }
      }),
      { numRuns: 300 },
    );
  });

  it("with strictDomain the result is defined exactly where the input is", () => {
    fc.assert(
      fc.property(terms, fc.array(point, { minLength: 4, maxLength: 4 }), (t, points) => {
        const done = simplified(t, true);
        if (done === undefined) return;
        expect(treeSize(done.term)).toBeLessThanOrEqual(sizeBound(t, { theory, strictDomain: true }));
        for (const env of points) {
          const before = valueAt(t, env);
          const after = valueAt(done.term, env);
          if (before === "unreliable" || after === "unreliable") continue;
          expect(after === "undefined", `${show(t)} → ${show(done.term)} at ${JSON.stringify(env)}`).toBe(
            before === "undefined",
          );
        }
      }),
      { numRuns: 300 },
    );
  });

  it("the reported validity conditions hold at every sampled point of the input's domain", () => {
    fc.assert(
      fc.property(terms, fc.array(point, { minLength: 4, maxLength: 4 }), (t, points) => {
        const done = simplified(t);
        if (done === undefined) return;
        const { conditions } = done.report;
        for (const env of points) {
          if (typeof valueAt(t, env) !== "number") continue;
          for (const c of conditions) {
            const ok = holds(c, env);
            expect(ok, `${show(t)}: ${formatDomainFact(c, { theory })} at ${JSON.stringify(env)}`).not.toBe(
              false,
            );
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
