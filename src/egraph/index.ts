/**
 * Equality saturation: the e-graph, its analyses, e-matching, rewrites, the runner and
 * extraction. This file only re-exports; see docs/architecture.md for one line per file.
 */
export {
  type Analysis,
  type ClassFacts,
  type Merged,
  merged,
  noAnalysis,
  SIGN_ANY,
  SIGN_NEGATIVE,
  SIGN_POSITIVE,
  SIGN_ZERO,
  type SignMask,
} from "./analysis.js";
export {
  type ArithmeticAnalysisOptions,
  type ArithmeticFacts,
  arithmeticAnalysis,
} from "./arithmetic-analysis.js";
export {
  type AnyEGraph,
  builtinClassPredicates,
  type ClassPredicate,
  type ClassPredicateRegistry,
  classConstant,
  classFreeOf,
  classSign,
  withClassPredicates,
} from "./class-predicates.js";
export { type ConstantFoldingOptions, constantFolding } from "./constant-folding.js";
export { type DotOptions, renderSvg, toDot } from "./dot.js";
export {
  type ClassId,
  EGraph,
  type EGraphOptions,
  type Justification,
  type UnionObserver,
} from "./egraph.js";
export type { ExplanationOptions } from "./explain.js";
export type { ProofOptions } from "./explain-proof.js";
export { type Proof, type ProofStep, proofEnd, type StepDirection, subtermAt } from "./explain-types.js";
export { type CostFunction, type Extracted, type ExtractOptions, Extractor, extractBest } from "./extract.js";
export type { Head, HeadId, HeadKind } from "./heads.js";
export { Machine, MatchList } from "./machine.js";
export type { NodeId } from "./node-store.js";
export { type CompiledPattern, compilePattern } from "./pattern.js";
export { Applier, type CompileRewritesOptions, compileRewrites, type Rewrite } from "./rewrite.js";
export {
  type IterationReport,
  provesEqual,
  type RuleReport,
  type RunnerOptions,
  type RunReport,
  runRewrites,
  type StopReason,
} from "./runner.js";
export { type BackoffOptions, backoffScheduler, type Scheduler, simpleScheduler } from "./scheduler.js";
export {
  type DeserializeOptions,
  deserializeEGraph,
  type SerializedEGraph,
  type SerializedNode,
  serializeEGraph,
} from "./serialize.js";
