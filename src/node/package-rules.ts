import { existsSync, readdirSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { SHIPPED_RULES_FOLDER } from "../default-theory.js";
import { DsatError } from "../errors.js";

/**
 * The package's `rules/` folder on disk, for Node code that works with the files themselves
 * (`dsat check rules/diff.rules`). The default theory does not read it: it loads the same
 * texts from the generated `src/rules/shipped-rules.ts`.
 */

/**
 * The package's `rules/` folder, found from the folder of a module of the package: this module
 * runs from `src/node/` (tests, via vitest) or from `dist/src/node/` (compiled), so the folder
 * is two or three levels up.
 */
export function rulesDirectoryFrom(moduleDirectory: string): string {
  for (const up of ["../rules", "../../rules", "../../../rules"]) {
    const candidate = resolve(moduleDirectory, up);
    if (existsSync(join(candidate, "diff.rules"))) return candidate;
  }
  throw new DsatError(`cannot find the package's rules/ folder from ${moduleDirectory}`);
}

/** The package's `rules/` folder. */
export function packageRulesDirectory(): string {
  return rulesDirectoryFrom(dirname(fileURLToPath(import.meta.url)));
}

/** The paths of the package's rules files, sorted by name so loading order is stable. */
export function packageRuleFiles(): string[] {
  const directory = packageRulesDirectory();
  return readdirSync(directory)
    .filter((name) => name.endsWith(".rules"))
    .sort()
    .map((name) => join(directory, name));
}

/**
 * The name the default theory gives a rules file in its rules' origins (`rules/diff.rules`)
 * when `path` is one of the package's own files, otherwise `path` resolved: the key that
 * `rulesOf` compares.
 */
export function ruleFileKey(path: string): string {
  const absolute = resolve(path);
  const shipped = packageRuleFiles().includes(absolute);
  return shipped ? `${SHIPPED_RULES_FOLDER}/${basename(absolute)}` : absolute;
}
