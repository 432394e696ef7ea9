#!/usr/bin/env node
// Writes src/rules/shipped-rules.ts from rules/*.rules, so the default theory needs no file
// system (browsers, bundles) and no parsing at start (fast start): the texts, and what the
// rules-file parser makes of them, encoded as JSON (src/rules/shipped-encoding.ts). The .rules
// files stay the source of truth; test/shipped-rules.test.ts fails when this module is out of
// date. Run: npm run rules:generate (it builds first: the encoding uses the compiled parser).
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { encodeRuleFiles } = await import(join(root, "dist/src/rules/shipped-encoding.js"));
const { baseTheory } = await import(join(root, "dist/src/theory.js"));

const rulesDirectory = join(root, "rules");
const names = readdirSync(rulesDirectory)
  .filter((name) => name.endsWith(".rules"))
  .sort();
const files = names.map((name) => ({ name, text: readFileSync(join(rulesDirectory, name), "utf8") }));

const texts = files.map(
  ({ name, text }) => `  {\n    name: ${JSON.stringify(name)},\n    text: ${JSON.stringify(text)},\n  },`,
);
// The folder name matches SHIPPED_RULES_FOLDER in src/default-theory.ts: origins read rules/diff.rules:12.
const encoded = encodeRuleFiles(
  baseTheory,
  files.map(({ name, text }) => ({ file: `rules/${name}`, text })),
);
// One JSON text a file, read by JSON.parse: V8 reads JSON much faster than the same data as code.
const parsed = encoded.map((file) => `  JSON.parse(${JSON.stringify(JSON.stringify(file))}),`);

const module = `// Generated from rules/*.rules by scripts/generate-shipped-rules.mjs: do not edit.
// After changing a rules file run \`npm run rules:generate\` (test/shipped-rules.test.ts checks it).
import type { EncodedRuleFile } from "./shipped-encoding.js";

/** A rules file shipped with the package: its name in \`rules/\` and its text. */
export interface ShippedRuleFile {
  readonly name: string;
  readonly text: string;
}

/** The package's rules files, sorted by name (the order the default theory loads them in). */
export const shippedRuleFiles: readonly ShippedRuleFile[] = [
${texts.join("\n")}
];

/** The same files as the rules-file parser reads them, in the same order (see shipped-encoding.ts). */
export const shippedRulesParsed: readonly EncodedRuleFile[] = [
${parsed.join("\n")}
];
`;

writeFileSync(join(root, "src/rules/shipped-rules.ts"), module);
console.log(`src/rules/shipped-rules.ts: ${names.length} rules files`);
