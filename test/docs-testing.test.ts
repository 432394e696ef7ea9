import { defaultTheory, diff, evaluate, loadRuleFiles } from "dsat/node";
import { definedPointArbitrary, expectRulesSound, termArbitrary, UnsoundRulesError } from "dsat/testing";
import fc from "fast-check";
import { expect, test } from "vitest";

test("my operators' rules are sound", () => {
  expectRulesSound("test/fixtures/sigmoid.rules", { runs: 100, seed: 1 });
});

test("a wrong rule fails with dsat check's counterexample", () => {
  expect(() => expectRulesSound("test/fixtures/sigmoid-wrong.rules", { runs: 100, seed: 1 })).toThrow(
    UnsoundRulesError,
  );
});

test("the derivative of my operator matches a central difference inside its domain", () => {
  const theory = loadRuleFiles(defaultTheory(), ["test/fixtures/sigmoid.rules"]);
  const terms = termArbitrary({ theory, variables: ["x"], operators: ["sigmoid", "+", "*"], maxDepth: 3 });
  fc.assert(
    fc.property(
      terms.chain((t) => definedPointArbitrary(t, { theory }).map((env) => [t, env] as const)),
      ([t, env]) => {
        const h = 1e-5;
        const slope =
          (evaluate(t, { x: env.x! + h }, { theory }) - evaluate(t, { x: env.x! - h }, { theory })) / (2 * h);
        const exact = evaluate(diff(t, "x", { theory }), env, { theory });
        return !Number.isFinite(slope) || Math.abs(slope - exact) <= 1e-4 * (1 + Math.abs(exact));
      },
    ),
    { seed: 2, numRuns: 100 },
  );
});
// ---- end of the example in docs/testing.md ----

test("docs/testing.md shows exactly the example above", async () => {
  const { readFileSync } = await import("node:fs");
  const own = readFileSync(new URL(import.meta.url), "utf8");
  const doc = readFileSync(new URL("../docs/testing.md", import.meta.url), "utf8");
  const example = doc.slice(doc.indexOf("```ts\n") + 6, doc.indexOf("```\n", doc.indexOf("```ts\n")));
  expect(own.slice(0, own.indexOf("// ---- end of the example"))).toBe(example);
});
