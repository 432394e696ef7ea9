import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { defaultTheory } from "../src/default-theory.js";
import { ExitCode } from "../src/errors.js";
import { evaluate } from "../src/eval/evaluate.js";
import { loadRuleFiles } from "../src/node/load-rule-files.js";
import { parseExpression } from "../src/syntax/parse.js";
import { dsat } from "./support/cli.js";

/** A user-declared operator, end to end: test/fixtures/sigmoid.rules and its broken twin. */

const fixture = (name: string) => fileURLToPath(new URL(`fixtures/${name}`, import.meta.url));
const SIGMOID = fixture("sigmoid.rules");
const WRONG = fixture("sigmoid-wrong.rules");
const sigmoid = (t: number) => 1 / (1 + Math.exp(-t));

describe("sigmoid declared in a rules file", () => {
  const theory = loadRuleFiles(defaultTheory(), [SIGMOID]);

  it("dsat diff prints a simplified derivative of sigmoid(2*x) with the right values", async () => {
    const result = await dsat("diff", "sigmoid(2*x)", "x", "--rules", SIGMOID);
    expect(result.code).toBe(0);
    const printed = parseExpression(result.stdout, { theory });
    // d/dx sigmoid(2x) = 2 sigmoid(2x) (1 - sigmoid(2x)).
    for (const x of [-3, -0.4, 0, 0.25, 2]) {
      const expected = 2 * sigmoid(2 * x) * (1 - sigmoid(2 * x));
      expect(evaluate(printed, { x }, { theory })).toBeCloseTo(expected, 12);
    }
    // Simplified: no larger than the textbook form, and free of leftover 1*… or …*1.
    expect(result.stdout.length).toBeLessThanOrEqual("2*sigmoid(2*x)*(1 - sigmoid(2*x))".length);
    expect(result.stdout).not.toMatch(/\b1\*|\*1\b/);
  });

  it("evaluates through its definition", async () => {
    expect((await dsat("eval", "sigmoid(0)", "--rules", SIGMOID)).stdout).toBe("1/2");
    expect(Number((await dsat("eval", "sigmoid(x)", "x=1", "--rules", SIGMOID)).stdout)).toBeCloseTo(
      sigmoid(1),
      15,
    );
  });

  it("dsat check passes the file (exit 0)", async () => {
    const result = await dsat("check", SIGMOID, "--seed", "5", "--runs", "100");
    expect(result.code).toBe(ExitCode.ok);
    expect(result.stdout).toMatch(/checked 2 rules \(100 samples each\): 2 sound, 0 unsound/);
  });

  it("dsat check reports the wrong derivative of the broken variant (exit 11)", async () => {
    const result = await dsat("check", WRONG, "--seed", "5", "--runs", "100");
    expect(result.code).toBe(ExitCode.unsound);
    expect(result.stdout).toMatch(/^d-sigmoid \(.*sigmoid-wrong\.rules:7\) unsound: /m);
  });
});
