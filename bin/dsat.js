#!/usr/bin/env node
// Entry point installed as `dsat`: runs the compiled CLI (built by `npm install` through `prepare`).
import { main } from "../dist/src/cli/main.js";

process.exitCode = await main(process.argv.slice(2));
