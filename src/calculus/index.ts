/** Calculus on top of differentiation: gradients, Jacobians, Hessians, and printing them. */
export {
  type Binding,
  type CseOptions,
  commonSubexpressions,
  printBindings,
  type SharedForm,
} from "./cse.js";
export { type CalculusOptions, Differentiator } from "./differentiator.js";
export { parseExpressionList } from "./expression-list.js";
export { freeVariables } from "./free-variables.js";
export { printMatrix, printVector } from "./print-array.js";
export { gradient, hessian, jacobian } from "./vector-calculus.js";
