#!/usr/bin/env node
// Entry point installed as `dsat`: runs the CLI bundle dist/cli/dsat.cjs (built by `npm run
// build`, through `prepare` in a git checkout and before packing; the package ships it built, so
// installing it runs no script), with a V8 code cache for its chunks (./compile-cache.js).
import { createRequire } from "node:module";
import { installCompileCache } from "./compile-cache.js";

const cli = new URL("../dist/cli/", import.meta.url);
const written = installCompileCache(cli);
const { main } = createRequire(cli)("./dsat.cjs");
process.exitCode = await main(process.argv.slice(2));
written();
