import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { castDraft } from "immer";
import type { Analysis } from "../../src/egraph/analysis.js";
import {
  builtinClassPredicates,
  type ClassPredicate,
  type ClassPredicateRegistry,
  classConstant,
  withClassPredicates,
} from "../../src/egraph/class-predicates.js";
import { constantFolding } from "../../src/egraph/constant-folding.js";
import type { ExtractOptions } from "../../src/egraph/extract.js";
import { compileRewrites, type Rewrite } from "../../src/egraph/rewrite.js";
import { DsatError } from "../../src/errors.js";
import type { PredicateSpec } from "../../src/rules/predicates.js";
import type { Rule } from "../../src/rules/rule.js";
import { applyRuleFile, parseRuleFile } from "../../src/rules/rules-parser.js";
import type { Rational } from "../../src/term/rational.js";
import { baseTheory, extend, type Theory } from "../../src/theory.js";

/**
 * egg's math suite as dsat sees it: the conditions with egg's meanings, the theory with
 * `pow ln i`, the 36 rewrites, constant folding over `+ - * /` and egg's extraction cost.
 * For the benchmark and the goal tests only: `not-zero` is unsound for variables, as in egg.
 */

/** Term-level meanings, conservative, so the rules file validates against the theory. */
export const eggTermPredicates: readonly PredicateSpec[] = [
  {
    name: "not-zero",
    arity: 1,
    description: "egg: no known zero value (the term is a nonzero number, judged on terms)",
    holds: ([a]) => a!.kind === "num" && !a!.value.isZero(),
  },
  {
    name: "sym",
    arity: 1,
    description: "egg: the class contains a symbol",
    holds: ([a]) => a!.kind === "sym",
  },
  {
    name: "const",
    arity: 1,
    description: "egg: the class has a known constant",
    holds: ([a]) => a!.kind === "num",
  },
  {
    name: "const-or-distinct-var",
    arity: 2,
    description: "egg: a different class that is constant or contains a symbol",
    holds: ([c, x]) => c !== x && (c!.kind === "num" || c!.kind === "sym"),
  },
];

/** The class-level meanings egg's math suite gives its conditions. */
export const eggClassPredicates: readonly ClassPredicate[] = [
  {
    name: "not-zero",
    arity: 1,
    description: "no known constant, or a nonzero one (egg's is_not_zero)",
    holds: (egraph, args) => classConstant(egraph, args[0]!)?.isZero() !== true,
  },
  {
    name: "sym",
    arity: 1,
    description: "the class contains a symbol (egg's is_sym)",
    holds: (egraph, args) => args[0]! >= 0 && egraph.hasSymbol(args[0]!),
  },
  {
    name: "const",
    arity: 1,
    description: "the class has a known constant (egg's is_const)",
    holds: (egraph, args) => classConstant(egraph, args[0]!) !== undefined,
  },
  {
    name: "const-or-distinct-var",
    arity: 2,
    description: "different classes, the first constant or holding a symbol (egg's is_const_or_distinct_var)",
    holds: (egraph, args) => {
      const c = args[0]!;
      const x = args[1]!;
      return (
        c >= 0 &&
        x >= 0 &&
        egraph.find(c) !== egraph.find(x) &&
        (classConstant(egraph, c) !== undefined || egraph.hasSymbol(c))
      );
    },
  },
];

/** The built-in class predicates plus egg's. */
export const eggPredicateRegistry: ClassPredicateRegistry = withClassPredicates(
  builtinClassPredicates,
  eggClassPredicates,
);

/** Where bench/egg-math.rules is, whether running from sources or from dist/. */
export function eggRulesPath(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const candidate of [
    resolve(here, "../egg-math.rules"),
    resolve(here, "../../../bench/egg-math.rules"),
  ]) {
    if (existsSync(candidate)) return candidate;
  }
  throw new DsatError(`cannot find bench/egg-math.rules from ${here}`);
}

let cachedTheory: Theory | undefined;

/** The base theory plus egg's predicates and the `egg-math` rule set (and `pow ln i`). */
export function eggTheory(): Theory {
  if (cachedTheory === undefined) {
    const withPredicates = extend(baseTheory, (draft) => {
      for (const p of eggTermPredicates) draft.predicates[p.name] = castDraft(p);
    });
    const path = eggRulesPath();
    const contents = parseRuleFile(readFileSync(path, "utf8"), { theory: withPredicates, file: path });
    cachedTheory = applyRuleFile(withPredicates, contents);
  }
  return cachedTheory;
}

/** egg's rules from bench/egg-math.rules, optionally only those named. */
export function eggRules(names?: readonly string[]): Rule[] {
  const rules = eggTheory().ruleSets["egg-math"]!.rules;
  return names === undefined ? [...rules] : rules.filter((rule) => names.includes(rule.name));
}

/** The 36 rewrites of egg's suite (34 rules, two of them both ways). */
export function eggRewrites(names?: readonly string[]): Rewrite[] {
  return compileRewrites(eggRules(names), { predicates: eggPredicateRegistry });
}

/** egg's `ConstantFold`: `+ - * /` of constants (a zero divisor does not fold), pruning to the literal. */
export function eggAnalysis(): Analysis<Rational | undefined> {
  return constantFolding(eggTheory(), { operators: ["+", "-", "*", "/"] });
}

/** egg's extraction cost for the suite: tree size, 100 for each `d` or `i` left. */
export const eggCost: ExtractOptions = { weights: { d: 100, i: 100 } };
