#!/usr/bin/env node
// Entry point installed as `dsat`: runs the CLI bundle dist/cli/dsat.cjs (built by `npm run
// build`, through `prepare` in a git checkout and before packing; the package ships it built, so
// installing it runs no script), with a V8 code cache for its chunks (./compile-cache.js).
// CommonJS (bin/package.json): Node starts a CommonJS entry without its ES module loader, about
// 5 ms sooner.
"use strict";
const { join } = require("node:path");
const { installCompileCache } = require("./compile-cache.js");

const cli = join(__dirname, "..", "dist", "cli");
const written = installCompileCache(cli);
const { main } = require(join(cli, "dsat.cjs"));
main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
  written();
});
