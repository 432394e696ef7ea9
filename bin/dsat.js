#!/usr/bin/env node
// Entry point installed as `dsat`: runs the compiled CLI (built by `prepare` in a git checkout and
// before packing; the package ships it built, so installing it runs no script).
import { main } from "../dist/cli/dsat.js";

process.exitCode = await main(process.argv.slice(2));
