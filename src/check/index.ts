/**
 * Soundness checking of rules by random testing (`dsat check`); see `docs/soundness.md`.
 * This file only re-exports.
 */
export {
  checkPipeline,
  DEFAULT_PIPELINE_STAGES,
  type PipelineCheckOptions,
  type PipelineStage,
} from "./check-pipeline.js";
export { checkRule, DEFAULT_RULE_RUNS, isDerivativeRule, type RuleCheckOptions } from "./check-rule.js";
export {
  type CheckOptions,
  checkRules,
  deriveSeed,
  REWRITING_RULE_SETS,
  randomSeed,
} from "./check-rules.js";
export {
  checkTermination,
  DEFAULT_TERMINATION_FUEL,
  rulesThatFiredMost,
  type TerminationCheckOptions,
} from "./check-termination.js";
export {
  CHECK_VARIABLES,
  pointArbitrary,
  substitutionArbitrary,
  type VariableRole,
  variableRoles,
} from "./instantiate-random.js";
export { type DerivativeEstimate, numericDerivative } from "./numeric-derivative.js";
export { type NumericOutcome, numericValue } from "./numeric-value.js";
export { polishCounterexample, polishTerm } from "./polish-counterexample.js";
export {
  type CheckReport,
  type Counterexample,
  type Finding,
  type FindingKind,
  type FormatOptions,
  formatCounterexample,
  formatReport,
  type PipelineReport,
  type RuleReport,
  type RuleStats,
  type Severity,
  type TerminationReport,
} from "./report.js";
export { agree, DEFAULT_TOLERANCE, type Tolerance } from "./tolerance.js";
