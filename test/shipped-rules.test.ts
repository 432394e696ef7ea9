import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { packageRulesDirectory } from "../src/node/package-rules.js";
import { shippedRuleFiles } from "../src/rules/shipped-rules.js";

/** The generated module must hold exactly the rules files on disk, which stay the source of truth. */
describe("src/rules/shipped-rules.ts", () => {
  it("matches rules/*.rules, name for name and byte for byte (else run `npm run rules:generate`)", () => {
    const directory = packageRulesDirectory();
    const onDisk = readdirSync(directory)
      .filter((name) => name.endsWith(".rules"))
      .sort()
      .map((name) => ({ name, text: readFileSync(join(directory, name), "utf8") }));
    expect(shippedRuleFiles.map((f) => f.name)).toEqual(onDisk.map((f) => f.name));
    for (const [i, file] of onDisk.entries()) {
      expect(shippedRuleFiles[i]!.text, `${file.name} differs: run npm run rules:generate`).toBe(file.text);
    }
  });
});
