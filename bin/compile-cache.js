// A V8 code cache for the CLI bundle's CommonJS chunks: what `module.enableCompileCache()` does
// from Node 22 on, which Node 20 lacks. Compiling the bundle was about a fifth of `dsat diff`'s
// start-up; with the cache V8 reads the compiled code back instead. The cache lives in
// `<tmpdir>/dsat-compile-cache-<uid>`, one file per chunk, named by the chunk's SHA-256 (which
// the build writes to dist/cli/chunk-keys.json: hashing here would load node:crypto, 20 ms of a
// 0.2 s start) and the Node version. A chunk whose size differs from the build's record, or is
// not in it, compiles without the cache. V8 checks each file and rejects one that does not fit
// (then it is written again). The folder must be the user's own and closed to others (compiled
// code read from a folder someone else can write would run as this user); otherwise there is no
// cache. It keeps the 200 most recently written entries. Set NODE_DISABLE_COMPILE_CACHE=1
// (Node's own switch) to run without it.
"use strict";
const {
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} = require("node:fs");
const Module = require("node:module");
const { tmpdir } = require("node:os");
const { basename, dirname, join } = require("node:path");
const { Script } = require("node:vm");

/**
 * Compiles the CommonJS files in `folder` (a path) through the cache from now on; returns the
 * function that writes the cache entries this run compiled afresh (call it when the work is
 * done, so the functions compiled on the way are in them). Never throws: without a usable
 * cache folder or key file everything runs as it would without the cache.
 */
function installCompileCache(folder) {
  if (process.env.NODE_DISABLE_COMPILE_CACHE) return () => {};
  const uid = process.getuid?.() ?? 0;
  const cache = join(tmpdir(), `dsat-compile-cache-${uid}`);
  let keys;
  try {
    keys = JSON.parse(readFileSync(join(folder, "chunk-keys.json"), "utf8"));
    mkdirSync(cache, { recursive: true, mode: 0o700 });
    const folderStats = lstatSync(cache);
    if (!folderStats.isDirectory() || folderStats.uid !== uid || (folderStats.mode & 0o022) !== 0)
      return () => {};
  } catch {
    return () => {};
  }
  const fresh = [];
  const compile = Module.prototype._compile;
  Module.prototype._compile = function (content, filename) {
    const key = dirname(filename) === folder ? keys[basename(filename)] : undefined;
    // A chunk that import()s a package (Graphviz, cli-progress) is left to Node: a script
    // compiled here has no loader for import().
    if (key === undefined || key.length !== content.length || content.includes("import("))
      return compile.call(this, content, filename);
    const file = join(cache, `${key.sha256.slice(0, 32)}-${process.version}`);
    let cachedData;
    try {
      cachedData = readFileSync(file);
    } catch {
      // not cached yet
    }
    const script = new Script(Module.wrap(content), { filename, cachedData });
    if (cachedData === undefined || script.cachedDataRejected) fresh.push({ script, file });
    const require = (id) => this.require(id);
    require.resolve = (request) => Module._resolveFilename(request, this);
    require.cache = Module._cache;
    return script
      .runInThisContext()
      .call(this.exports, this.exports, require, this, filename, dirname(filename));
  };
  return () => {
    if (fresh.length === 0) return;
    try {
      for (const { script, file } of fresh) {
        // Written aside and renamed, so a run reading the cache never sees half a file.
        const partial = `${file}.${process.pid}`;
        writeFileSync(partial, script.createCachedData());
        renameSync(partial, file);
      }
      pruneCache(cache);
    } catch {
      // A read-only or full disk: the next run compiles again.
    }
  };
}

/** Entries the cache keeps: every build writes new ones, so the oldest go past this many. */
const MAX_ENTRIES = 200;

/** Deletes the least recently written entries past {@link MAX_ENTRIES}. */
function pruneCache(cache) {
  const names = readdirSync(cache);
  if (names.length <= MAX_ENTRIES) return;
  const byAge = names
    .map((name) => ({ name, written: statSync(join(cache, name)).mtimeMs }))
    .sort((a, b) => a.written - b.written);
  for (const { name } of byAge.slice(0, names.length - MAX_ENTRIES)) unlinkSync(join(cache, name));
}

module.exports = { installCompileCache };
