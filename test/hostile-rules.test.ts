import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultTheory } from "../src/default-theory.js";
import { ExitCode } from "../src/errors.js";
import { loadRuleFiles } from "../src/node/load-rule-files.js";
import { dsat } from "./support/cli.js";

/** Issue 14: hostile rules files end in a clear message with exit code 3. */

const folder = mkdtempSync(join(tmpdir(), "dsat-hostile-rules-"));
const twice =
  "(operator twice 1 :eval (* 2 ?0))\n(ruleset diff)\nd-twice: (d ?x (twice ?a)) => (* 2 (d ?x ?a))\n";

describe("a rules file that cannot be read (issue 14, item 13)", () => {
  it("exits 3 with 'no such file' for a missing file", async () => {
    const result = await dsat("diff", "x^2", "x", "--rules", "x.rules");
    expect(result.code).toBe(ExitCode.ruleFile);
    expect(result.stderr).toBe("dsat diff: cannot read rules file 'x.rules': no such file");
  });

  it("exits 3 with 'it is a folder' for a directory, in dsat check too", async () => {
    const result = await dsat("check", folder);
    expect(result.code).toBe(ExitCode.ruleFile);
    expect(result.stderr).toContain(`cannot read rules file '${folder}': it is a folder`);
  });
});

describe("a rules file that starts with a UTF-8 byte-order mark (issue 14, item 12)", () => {
  it("loads as if the mark were not there", async () => {
    const file = join(folder, "bom.rules");
    writeFileSync(file, `\uFEFF${twice}`);
    const result = await dsat("diff", "twice(x^2)", "x", "--rules", file);
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe("4*x");
  });

  it("counts columns on the first line from after the mark", async () => {
    const file = join(folder, "bom-bad.rules");
    writeFileSync(file, "\uFEFF(ruleset diff) )\n");
    const result = await dsat("diff", "x", "x", "--rules", file);
    expect(result.code).toBe(ExitCode.ruleFile);
    expect(result.stderr).toContain(`${file}:1:16:`);
  });
});

describe("large and deep rules files (issue 14, items 6 and 8)", () => {
  /** CPU milliseconds to load `text` as a rules file: not wall time, which other processes stretch. */
  const loadCpuMs = (text: string): number => {
    const file = join(folder, `load-${text.length}.rules`);
    writeFileSync(file, text);
    const before = process.cpuUsage();
    loadRuleFiles(defaultTheory(), [file]);
    const used = process.cpuUsage(before);
    return (used.user + used.system) / 1000;
  };
  const bulk = (count: number, rule: (i: number) => string) =>
    `(ruleset bulk)\n${Array.from({ length: count }, (_, i) => rule(i)).join("\n")}\n`;

  it("loads rules in time linear in their number (the duplicate check was a scan per rule)", () => {
    const rule = (i: number) => `r-${i}: (+ ?a (* ${i} ?b)) => (+ (* ${i} ?b) ?a)`;
    loadCpuMs(bulk(2_000, rule)); // warm up
    const twenty = loadCpuMs(bulk(20_000, rule));
    const forty = loadCpuMs(bulk(40_000, rule));
    // Quadratic loading took 3.3 s and 16 s (5x); linear takes about twice as long.
    expect(forty).toBeLessThan(3.5 * twenty + 200);
    expect(twenty).toBeLessThan(5_000);
  });

  it("loads a 10 MB rules file in under 5 s of CPU time", () => {
    const rule = (i: number) =>
      `r-${i}: (+ (sin ?a) (* ${i} (cos (exp ?b)))) => (+ (* ${i} (cos (exp ?b))) (sin ?a))`;
    const count = 115_000;
    const text = bulk(count, rule);
    expect(text.length).toBeGreaterThan(10_000_000);
    expect(loadCpuMs(text)).toBeLessThan(5_000);
  });

  it("refuses a pattern nested 100,000 deep with exit 3 and file:line:col, not exit 70", async () => {
    const n = 100_000;
    const file = join(folder, "deep.rules");
    writeFileSync(file, `(ruleset deep)\ndeep-sin: ${"(sin ".repeat(n)}?a${")".repeat(n)} => ?a\n`);
    const result = await dsat("simplify", "sin(x) + x*x", "--rules", file);
    expect(result.code).toBe(ExitCode.ruleFile);
    expect(result.stderr).toContain(`${file}:2:11: a side of rule 'deep-sin' is nested 100001 deep`);
  });
});
