import { existsSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { DsatError } from "./errors.js";
import { loadRuleFiles } from "./rules/load.js";
import { baseTheory, type Theory } from "./theory.js";

/**
 * The theory dsat uses unless told otherwise: the base operators and predicates plus every
 * `rules/*.rules` file shipped with the package (`diff`, `cleanup`, …), loaded once.
 */

let cached: Theory | undefined;

/**
 * The package's `rules/` folder, found from the folder of a module of the package: this module
 * runs from `src/` (tests, via vitest) or from `dist/src/` (compiled), so the folder is one or
 * two levels up.
 */
export function rulesDirectoryFrom(moduleDirectory: string): string {
  for (const candidate of [resolve(moduleDirectory, "../rules"), resolve(moduleDirectory, "../../rules")]) {
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
 * `baseTheory` plus the package's rules files. Cached: the files are read and checked once.
 *
 * @example
 * ```ts
 * const theory = defaultTheory();
 * Object.keys(theory.ruleSets); // ["cleanup", "diff", …]
 * ```
 */
export function defaultTheory(): Theory {
  cached ??= loadRuleFiles(baseTheory, packageRuleFiles());
  return cached;
}
