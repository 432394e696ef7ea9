/**
 * Explanations outside the e-graph: the proof checker, proof printing, proving two terms
 * equal with rules, and the CLI's explanation texts. This file only re-exports.
 */
export { type CheckOptions, type CheckResult, checkProof, findRule } from "./check.js";
export {
  type DerivativeStepsOptions,
  type DerivativeStepsText,
  derivativeSteps,
} from "./derivative-steps.js";
export { type EgraphPicture, type EgraphPictureOptions, egraphPicture } from "./egraph-picture.js";
export {
  describeStop,
  type ExplainResultOptions,
  explainResult,
  explanationRuleSets,
} from "./explain-result.js";
export { type FormatProofOptions, formatProof } from "./print.js";
export {
  DEFAULT_PROOF_LIMITS,
  DEFAULT_PROOF_RULE_SETS,
  type ProveOptions,
  type ProveResult,
  proofRewrites,
  proveEqual,
} from "./prove.js";
