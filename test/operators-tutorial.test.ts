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

type Step =
  | { readonly kind: "file"; readonly name: string; readonly content: string; readonly line: number }
  | {
      readonly kind: "command";
      readonly command: string;
      readonly expected: string[];
      readonly line: number;
    };

/** The page's files and commands, in order. */
function stepsOf(markdown: string): Step[] {
  const lines = markdown.split("\n");
  const steps: Step[] = [];
  let i = 0;
  while (i < lines.length) {
    const fence = /^```(\w*)$/.exec(lines[i]!);
    if (fence === null) {
      i++;
      continue;
    }
    const start = i + 1;
    let end = start;
    while (end < lines.length && lines[end] !== "```") end++;
    const body = lines.slice(start, end);
    const marker = /^<!-- file: (\S+) -->$/.exec(lines[i - 1] ?? "");
    if (marker !== null) {
      steps.push({ kind: "file", name: marker[1]!, content: `${body.join("\n")}\n`, line: start });
    } else if (fence[1] === "console") {
      let current: { command: string; expected: string[]; line: number } | undefined;
      body.forEach((text, k) => {
        if (text.startsWith("$ ")) {
          if (current !== undefined) steps.push({ kind: "command", ...current });
          current = { command: text.slice(2), expected: [], line: start + k + 1 };
        } else {
          if (current === undefined) throw new Error(`line ${start + k + 1}: output before any command`);
          current.expected.push(text);
        }
      });
      if (current !== undefined) steps.push({ kind: "command", ...current });
    }
    i = end + 1;
  }
  return steps;
}

/** Shell words: blanks separate, single and double quotes group (no escapes or expansions needed). */
function shellWords(command: string): string[] {
  const words: string[] = [];
  const pattern = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (const m of command.matchAll(pattern)) words.push(m[1] ?? m[2] ?? m[3]!);
  return words;
}

/** Whether `actual` lines match `expected` lines with the `…` wildcards. */
function matches(expected: readonly string[], actual: readonly string[]): boolean {
  const lineMatches = (pattern: string, text: string) =>
    new RegExp(`^${pattern.split("…").map(escapeRegExp).join(".*")}$`).test(text);
  // Dynamic programming over (expected, actual) positions; a "…" line absorbs any run of lines.
  const memo = new Map<string, boolean>();
  const from = (e: number, a: number): boolean => {
    const key = `${e},${a}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let result: boolean;
    if (e === expected.length) result = a === actual.length;
    else if (expected[e] === "…") result = from(e + 1, a) || (a < actual.length && from(e, a + 1));
    else result = a < actual.length && lineMatches(expected[e]!, actual[a]!) && from(e + 1, a + 1);
    memo.set(key, result);
    return result;
  };
  return from(0, 0);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

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
