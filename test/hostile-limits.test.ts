import { describe, expect, it } from "vitest";
import { defaultTheory } from "../src/default-theory.js";
import { diff } from "../src/diff.js";
import { ExitCode, LimitError } from "../src/errors.js";
import { loadRuleTexts } from "../src/rules/load.js";
import { parseExpression } from "../src/syntax/parse.js";
import { app, sym, type Term } from "../src/term/term.js";
import { dsat } from "./support/cli.js";

/** Issue 14, item 10: rewrite fuel grows with the input, can be set, and says which it was. */

const theory = defaultTheory();

describe("rewrite fuel (issue 14, item 10)", () => {
  it("grows with the input: a sum needing more than 1,000,000 rewrites terminates", () => {
    // d-add, d-mul and d-same-var fire four times per x*x: about 1,040,000 rewrites.
    const square = app("*", [sym("x"), sym("x")]);
    let sum: Term = square;
    for (let i = 1; i < 260_000; i++) sum = app("+", [sum, square]);
    const derivative = diff(sum, "x", { theory, raw: true });
    expect(derivative.kind).toBe("app");
  });

  it("is settable, and the message says it was the fuel given", async () => {
    const result = await dsat("diff", "x + x + x + x", "x", "--fuel", "3");
    expect(result.code).toBe(ExitCode.limit);
    expect(result.stderr).toContain(
      "did not terminate within 3 rewrites (the fuel given; raise it with --fuel)",
    );
    expect((await dsat("diff", "x + x", "x", "--fuel", "0")).code).toBe(ExitCode.usage);
  });

  it("says when it was the default, sized to the input", () => {
    const looping = loadRuleTexts(theory, [
      {
        file: "loop.rules",
        text: "(operator foo 1)\n(ruleset diff)\nd-foo: (d ?x (foo ?a)) => (+ (d ?x (foo ?a)) 0)\n",
      },
    ]);
    const term = parseExpression("foo(x)", { theory: looping });
    let error: unknown;
    try {
      diff(term, "x", { theory: looping });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(LimitError);
    expect((error as LimitError).message).toContain(
      "did not terminate within 1000000 rewrites (the default fuel for this input: 100 per distinct subterm, at least 1000000; raise it with --fuel)",
    );
  });
});
