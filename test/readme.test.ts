import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { dsat } from "./support/cli.js";

/**
 * Keeps the README true: every example line of the form `dsat <args>  # → <output>` (or with the
 * output on the next line as `# → <output>`) is run, and its output compared. Text after the
 * output in parentheses is a remark, not output.
 */
function readmeExamples(): { line: string; argv: string[]; expected: string }[] {
  const lines = readFileSync(new URL("../README.md", import.meta.url), "utf8").split("\n");
  const examples: { line: string; argv: string[]; expected: string }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const command = /^dsat (.*?)(?:\s+# → (.*))?$/.exec(lines[i]!);
    if (!command) continue;
    const next = /^# → (.*)$/.exec(lines[i + 1] ?? "");
    const output = command[2] ?? next?.[1];
    if (output === undefined) continue;
    examples.push({
      line: lines[i]!,
      argv: shellWords(command[1]!),
      expected: output.replace(/ \(.*\)$/, ""),
    });
  }
  return examples;
}

/** Splits a command line the way a POSIX shell does for double-quoted and plain words. */
function shellWords(text: string): string[] {
  const words: string[] = [];
  for (const m of text.matchAll(/"([^"]*)"|(\S+)/g)) words.push(m[1] ?? m[2]!);
  return words;
}

describe("README examples", () => {
  const examples = readmeExamples();
  it("has examples to check", () => {
    expect(examples.length).toBeGreaterThanOrEqual(8);
  });
  it.each(examples)("$line", async ({ argv, expected }) => {
    const result = await dsat(...argv);
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe(expected);
  });
});
