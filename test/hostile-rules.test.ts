import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ExitCode } from "../src/errors.js";
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
