import { describe, expect, it } from "vitest";
import { ExitCode, ParseError } from "../src/errors.js";
import { parseSExpr } from "../src/syntax/sexpr-parser.js";
import { baseTheory } from "../src/theory.js";
import { dsat } from "./support/cli.js";

/** Issue 14: hostile input to the readers ends in a typed error, quickly. */

describe("';' in an S-expression (issue 14, item 1)", () => {
  it.each(["(sin x ;", "(+ x 1;)", ";", "(+ x ;comment\n 1)"])(
    "rejects %j with a syntax error at the ';' instead of hanging",
    (input) => {
      const started = performance.now();
      expect(() => parseSExpr(input, { theory: baseTheory })).toThrow(ParseError);
      expect(performance.now() - started).toBeLessThan(1000);
    },
  );

  it("points at the ';' through the CLI, in every command", async () => {
    const parsed = await dsat("parse", "(sin x ;");
    expect(parsed.code).toBe(ExitCode.syntax);
    expect(parsed.stderr).toContain("line 1, column 8");
    expect(parsed.stderr).toContain("';'");
    const simplified = await dsat("simplify", "(+ x 1;)");
    expect(simplified.code).toBe(ExitCode.syntax);
    expect(simplified.stderr).toContain("column 7");
  });
});
