/**
 * dsat: symbolic differentiation as declarative rewrite rules over a hash-consed term store,
 * and simplification by equality saturation over an e-graph.
 *
 * This entry file only re-exports; docs/architecture.md maps every file to its concept. Nothing
 * it loads needs Node: it runs in browsers and bundles as well. Reading rules files and the CLI
 * are in `dsat/node` (`src/node.ts`).
 *
 * @example
 * ```ts
 * import { defaultTheory, diff, parseExpression, printTerm } from "dsat";
 * const theory = defaultTheory();
 * const f = parseExpression("x^2 + x*y + y^3", { theory });
 * printTerm(diff(f, "x", { theory }), { theory }); // "2*x + y"
 * ```
 */

export * from "./calculus/index.js";
export * from "./compile/index.js";
export { defaultTheory } from "./default-theory.js";
export { type DiffOptions, diff, diffMany } from "./diff.js";
export * as egraph from "./egraph/index.js";
export * from "./errors.js";
export { evaluate, evaluateExact } from "./eval/evaluate.js";
export { evaluateMixed, formatMixed, type MixedValue } from "./eval/evaluate-mixed.js";
export * as explain from "./explain/index.js";
export { codeGenerationAllowed } from "./platform/code-generation.js";
export { foldConstantApplication, foldOperation } from "./rewrite/fold-constants.js";
export { applyRuleAtRoot, conditionsHold, instantiate, match, type Substitution } from "./rewrite/match.js";
export {
  DEFAULT_FUEL,
  type NormalizeOptions,
  type NormalizeResult,
  normalize,
  type TraceStep,
} from "./rewrite/normalize.js";
export {
  type DomainFact,
  DomainFacts,
  domainFacts,
  formatDomainFact,
  validityConditions,
} from "./rules/domain-facts.js";
export {
  BUILTIN_JS_FUNCTIONS,
  type JsFunction,
  jsFunction,
  jsFunctionNames,
  registerJsFunction,
} from "./rules/js-functions.js";
export { loadRuleTexts, type RuleText } from "./rules/load.js";
export { type DeclaredMeaning, declaredMeaningOf } from "./rules/operator-declaration.js";
export { builtinPredicates, type PredicateSpec, signOf } from "./rules/predicates.js";
export type { Condition, Rule, RuleDirection, RuleOrigin, RuleSet } from "./rules/rule.js";
export { rulesOf } from "./rules/rules-of.js";
export {
  applyRuleFile,
  parseRuleFile,
  type RuleFileContents,
  type RuleFileOptions,
} from "./rules/rules-parser.js";
export { type ShippedRuleFile, shippedRuleFiles } from "./rules/shipped-rules.js";
export { type PrintedReport, printedReport } from "./simplify/printed-report.js";
export { simplifyRuleSets } from "./simplify/rule-sets.js";
export {
  DEFAULT_LIMITS,
  DEFAULT_SIMPLIFY_RULE_SETS,
  type SimplifyOptions,
  type SimplifyReport,
  type SimplifyResult,
  simplify,
} from "./simplify/simplify.js";
export { detectSyntax, type InputSyntax, type ParseOptions, parseExpression } from "./syntax/parse.js";
export {
  DEFAULT_MAX_PRINTED_NODES,
  type MaxNodesOption,
  type OutputFormat,
  outputFormats,
  type PrintOptions,
  printedSize,
  printInfix,
  printLatex,
  printParens,
  printSExpr,
  printTerm,
} from "./syntax/print.js";
export { parseSExpr } from "./syntax/sexpr-parser.js";
export {
  baseOperators,
  type DomainCondition,
  type OperatorSpec,
  type OperatorSyntax,
  Precedence,
} from "./term/operator.js";
export { Rational } from "./term/rational.js";
export {
  App,
  app,
  isApp,
  isNum,
  isSym,
  Num,
  num,
  Sym,
  sym,
  type Term,
  termStoreSize,
  withArgs,
} from "./term/term.js";
export { dagSize, depth, foldTerm, occursIn, postorder, symbolsOf, treeSize } from "./term/traverse.js";
export {
  baseTheory,
  checkArity,
  checkTermFits,
  extend,
  operatorOf,
  ruleSetOf,
  type Theory,
  type TheoryOption,
} from "./theory.js";
