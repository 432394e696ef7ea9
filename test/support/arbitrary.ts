// The generators moved into the library (`dsat/testing`); dsat's own tests use the same ones.
export {
  environmentArbitrary,
  smallFractionArbitrary,
  smallIntegerArbitrary,
  type TermArbitraryOptions,
  termArbitrary,
} from "../../src/testing/arbitraries.js";
