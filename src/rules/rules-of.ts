import type { Theory } from "../theory.js";
import type { Rule } from "./rule.js";

/**
 * The rules of `theory` in set order; with `files`, only those whose origin is one of them.
 * Names are compared as written, less a leading `./` (the CLI resolves paths first, with
 * `ruleFileKey` from `dsat/node`; the shipped files are `rules/NAME.rules`). A query of the
 * theory, in the main entry; `checkRules` (`dsat/check`) takes what it returns.
 *
 * @example
 * ```ts
 * rulesOf(defaultTheory(), ["rules/abs.rules"]).length > 0; // true
 * ```
 */
export function rulesOf(theory: Theory, files?: readonly string[]): Rule[] {
  const wanted = files === undefined ? undefined : new Set(files.map(fileKey));
  const rules: Rule[] = [];
  for (const name of Object.keys(theory.ruleSets).sort()) {
    for (const rule of theory.ruleSets[name]!.rules) {
      if (wanted === undefined || (rule.origin !== undefined && wanted.has(fileKey(rule.origin.file)))) {
        rules.push(rule);
      }
    }
  }
  return rules;
}

/** A file name with `/` separators and no leading `./`. */
function fileKey(file: string): string {
  return file
    .split("\\")
    .join("/")
    .replace(/^(\.\/)+/, "");
}
