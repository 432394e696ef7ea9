#!/usr/bin/env node
// Bundles the compiled CLI (dist/src/cli/main.js) and the batch worker into dist/cli/, which
// bin/dsat.js runs. Why: resolving, reading and compiling the ~100 modules `dsat diff` needs
// one by one was about a third of its start-up. The chunks are CommonJS (.cjs), so that
// bin/compile-cache.js can give them the V8 code cache Node 20 has no switch for. The commands
// stay lazily loaded chunks; the library (dist/src) is not bundled. Run by `npm run build`.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { rolldown } from "rolldown";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "dist/cli");
rmSync(out, { recursive: true, force: true });

// The library the commands share, in one chunk: resolving and reading one file instead of a dozen
// saves about 10 ms of every start. Modules that load a package lazily stay apart (the compile
// cache leaves a chunk with import() to Node).
const CORE =
  /dist[\\/]src[\\/](term|syntax|rules|rewrite|egraph|simplify|algebra|calculus|eval|platform)[\\/]|dist[\\/]src[\\/](errors|theory|default-theory|diff|format-count)\.js$/;
const LAZY = /egraph[\\/]dot\.js$/;

const bundle = await rolldown({
  input: {
    dsat: join(root, "dist/src/cli/main.js"),
    // pool.ts starts workers from "./worker.cjs" beside itself in the bundle.
    worker: join(root, "dist/src/batch/worker.js"),
  },
  platform: "node",
  // The dependencies stay packages: fast-check and Graphviz load only in the commands using them.
  external: [/^node:/, ...builtinModules, "fast-check", "@hpcc-js/wasm-graphviz", "cli-progress"],
  logLevel: "warn",
});
await bundle.write({
  dir: out,
  format: "cjs",
  entryFileNames: "[name].cjs",
  chunkFileNames: "[name]-[hash].cjs",
  codeSplitting: {
    groups: [{ debugName: "core", name: (id) => (CORE.test(id) && !LAZY.test(id) ? "core" : null) }],
  },
  sourcemap: false,
});
await bundle.close();

// The compile cache's key of each chunk (bin/compile-cache.js): its SHA-256 and its length in
// characters, computed here so that starting `dsat` hashes nothing.
const keys = {};
for (const file of readdirSync(out)
  .filter((name) => name.endsWith(".cjs"))
  .sort()) {
  const content = readFileSync(join(out, file), "utf8");
  keys[file] = { sha256: createHash("sha256").update(content).digest("hex"), length: content.length };
}
writeFileSync(join(out, "chunk-keys.json"), `${JSON.stringify(keys, null, 2)}\n`);
