/** Compiling terms to JavaScript functions. */
export { type CompiledFunction, type CompileOptions, compile } from "./compile.js";
export { expandDefinitions } from "./expand-definitions.js";
export { type CompiledSource, compileSource, MAX_INLINE_DEPTH } from "./js-source.js";
