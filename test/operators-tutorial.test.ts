import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultTheory } from "../src/default-theory.js";
import { evaluate } from "../src/eval/evaluate.js";
import { registerJsFunction } from "../src/rules/js-functions.js";
import { applyRuleFile, parseRuleFile } from "../src/rules/rules-parser.js";
import { parseExpression } from "../src/syntax/parse.js";
import { dsat } from "./support/cli.js";
import { matches, shellWords, stepsOf } from "./support/doc-console.js";

/**
 * docs/new-operator.md stays true: its files are written and its commands run, in order, in a
 * fresh folder, and each command's output must match the lines the page shows under it.
 *
 * The page's conventions: a fenced block right after `<!-- file: NAME -->` is the content of
 * NAME at that point of the tutorial; a ```console block holds `$ command` lines, each followed
 * by its expected output (stdout, then stderr). Only `dsat …` and `echo $?` (the previous exit
 * code) may appear. In expected output, `…` matches any text, and a line of only `…` any
 * number of lines.
 */

const PAGE = fileURLToPath(new URL("../docs/new-operator.md", import.meta.url));

describe("docs/new-operator.md", () => {
  const steps = stepsOf(readFileSync(PAGE, "utf8"));
  let folder: string;
  const home = process.cwd();
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), "dsat-tutorial-"));
    process.chdir(folder);
  });
  afterAll(() => {
    process.chdir(home);
    rmSync(folder, { recursive: true, force: true });
  });

  it("has files and commands to run (the page's conventions are understood)", () => {
    expect(steps.filter((s) => s.kind === "file").length).toBeGreaterThanOrEqual(3);
    expect(steps.filter((s) => s.kind === "command").length).toBeGreaterThanOrEqual(10);
    expect(matches(["a", "…", "b…d"], ["a", "x", "y", "bcd"])).toBe(true);
    expect(matches(["a", "…"], ["a"])).toBe(true);
    expect(matches(["a…"], ["b"])).toBe(false);
    expect(shellWords(`dsat diff "softplus(x^2)" x --rules 'a b.rules'`)).toEqual([
      "dsat",
      "diff",
      "softplus(x^2)",
      "x",
      "--rules",
      "a b.rules",
    ]);
  });

  it("every command prints what the page says, in order", async () => {
    let lastCode = 0;
    for (const step of steps) {
      if (step.kind === "file") {
        writeFileSync(join(folder, step.name), step.content);
        continue;
      }
      const [program, ...args] = shellWords(step.command);
      let output: string[];
      if (program === "echo" && args.join(" ") === "$?") {
        output = [String(lastCode)];
      } else {
        expect(program, `docs/new-operator.md:${step.line} runs only dsat`).toBe("dsat");
        const result = await dsat(...args);
        lastCode = result.code;
        output = [result.stdout, result.stderr]
          .filter((text) => text !== "")
          .join("\n")
          .split("\n");
      }
      if (!matches(step.expected, output)) {
        expect.fail(
          `docs/new-operator.md:${step.line}: $ ${step.command}\nexpected:\n${step.expected.join("\n")}\nactual:\n${output.join("\n")}`,
        );
      }
    }
  });

  it("the library example of section 5 computes softplus(1000) = 1000", () => {
    // The same code as the page's TypeScript block, with imports from the sources.
    registerJsFunction("softplus", {
      arity: 1,
      evaluate: (a) => (a > 0 ? a + Math.log1p(Math.exp(-a)) : Math.log1p(Math.exp(a))),
    });
    const base = defaultTheory();
    const theory = applyRuleFile(base, parseRuleFile("(operator softplus 1 :js softplus)", { theory: base }));
    expect(evaluate(parseExpression("softplus(1000)", { theory }), {}, { theory })).toBe(1000);
    expect(evaluate(parseExpression("softplus(0)", { theory }), {}, { theory })).toBe(Math.LN2);
  });
});
