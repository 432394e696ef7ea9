#!/usr/bin/env node
// Writes src/rules/shipped-rules.ts from rules/*.rules, so the default theory needs no file
// system (browsers, bundles, fast start). The .rules files stay the source of truth; the test
// test/shipped-rules.test.ts fails when this module is out of date. Run: npm run rules:generate
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const rulesDirectory = join(root, "rules");
const names = readdirSync(rulesDirectory)
  .filter((name) => name.endsWith(".rules"))
  .sort();

const entries = names.map((name) => {
  const text = readFileSync(join(rulesDirectory, name), "utf8");
  return `  {\n    name: ${JSON.stringify(name)},\n    text: ${JSON.stringify(text)},\n  },`;
});

const module = `// Generated from rules/*.rules by scripts/generate-shipped-rules.mjs: do not edit.
// After changing a rules file run \`npm run rules:generate\` (test/shipped-rules.test.ts checks it).

/** A rules file shipped with the package: its name in \`rules/\` and its text. */
export interface ShippedRuleFile {
  readonly name: string;
  readonly text: string;
}

/** The package's rules files, sorted by name (the order the default theory loads them in). */
export const shippedRuleFiles: readonly ShippedRuleFile[] = [
${entries.join("\n")}
];
`;

writeFileSync(join(root, "src/rules/shipped-rules.ts"), module);
console.log(`src/rules/shipped-rules.ts: ${names.length} rules files`);
