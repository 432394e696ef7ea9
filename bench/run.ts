import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as batchBench from "./batch.js";
import * as compileBench from "./compile.js";
import * as derivativeSuite from "./derivative-suite.js";
import * as diffScaling from "./diff-scaling.js";
import * as eggMath from "./egg-math.js";
import * as explainBench from "./explain.js";
import * as randomDerivatives from "./random-derivatives.js";
import * as sparkBench from "./spark.js";

/**
 * `npm run bench`: runs every benchmark, prints their tables and writes bench/results.json.
 * Pass names to run a subset: `npm run bench -- diff-scaling`; a subset's figures replace
 * those suites' entries in bench/results.json and leave the others as they were.
 */
const suites: Record<string, () => unknown> = {
  "diff-scaling": () => diffScaling.run(),
  "egg-math": () => eggMath.run(),
  derivatives: () => derivativeSuite.run(),
  compile: () => compileBench.run(),
  explain: () => explainBench.run(),
  "random-derivatives": () => randomDerivatives.run(),
  batch: () => batchBench.run(),
  spark: () => sparkBench.run(),
};

const wanted = process.argv.slice(2);
const target = fileURLToPath(new URL("../../bench/results.json", import.meta.url));
const previous = wanted.length > 0 && existsSync(target) ? JSON.parse(readFileSync(target, "utf8")) : {};
const results: Record<string, unknown> = {
  ...previous,
  machine: { node: process.version, platform: process.platform, arch: process.arch },
  date: new Date().toISOString(),
};
for (const [name, run] of Object.entries(suites)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  results[name] = await run();
}
writeFileSync(target, `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nwrote ${target}`);
