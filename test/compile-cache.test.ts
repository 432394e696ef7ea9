import { spawnSync } from "node:child_process";
import {
  chmodSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/** bin/compile-cache.js: the V8 code cache the `dsat` command keeps for its bundle's chunks. */
const binary = fileURLToPath(new URL("../bin/dsat.js", import.meta.url));

function dsat(folder: string, env: Record<string, string> = {}, command = binary) {
  const result = spawnSync(process.execPath, [command, "diff", "x^2 + x*y", "x"], {
    encoding: "utf8",
    env: { ...process.env, TMPDIR: folder, ...env },
  });
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

const cacheFolder = (folder: string) => join(folder, `dsat-compile-cache-${process.getuid?.() ?? 0}`);

const cacheFiles = (folder: string) => {
  try {
    return readdirSync(cacheFolder(folder));
  } catch {
    return [];
  }
};

describe("the dsat command's compile cache", () => {
  it("is written by the first run and read by the next, with the same output", () => {
    const folder = mkdtempSync(join(tmpdir(), "dsat-cache-test-"));
    expect(dsat(folder)).toEqual({ stdout: "2*x + y\n", stderr: "", status: 0 });
    const files = cacheFiles(folder);
    expect(files.length).toBeGreaterThan(0);
    expect(dsat(folder)).toEqual({ stdout: "2*x + y\n", stderr: "", status: 0 });
    expect(cacheFiles(folder).sort()).toEqual([...files].sort());
  });

  it("survives damaged entries: V8 rejects them, the run compiles afresh and writes them again", () => {
    const folder = mkdtempSync(join(tmpdir(), "dsat-cache-test-"));
    dsat(folder);
    for (const file of cacheFiles(folder)) writeFileSync(join(cacheFolder(folder), file), "not V8 code");
    expect(dsat(folder)).toEqual({ stdout: "2*x + y\n", stderr: "", status: 0 });
    for (const file of cacheFiles(folder)) {
      expect(readFileSync(join(cacheFolder(folder), file), "utf8")).not.toBe("not V8 code");
    }
    expect(dsat(folder)).toEqual({ stdout: "2*x + y\n", stderr: "", status: 0 });
  });

  it("is not used from a folder others may write to", () => {
    const folder = mkdtempSync(join(tmpdir(), "dsat-cache-test-"));
    mkdirSync(cacheFolder(folder), { mode: 0o777 });
    chmodSync(cacheFolder(folder), 0o777);
    expect(dsat(folder)).toEqual({ stdout: "2*x + y\n", stderr: "", status: 0 });
    expect(cacheFiles(folder)).toEqual([]);
  });

  it("is neither read nor written with NODE_DISABLE_COMPILE_CACHE set, as Node's own", () => {
    const folder = mkdtempSync(join(tmpdir(), "dsat-cache-test-"));
    expect(dsat(folder, { NODE_DISABLE_COMPILE_CACHE: "1" })).toEqual({
      stdout: "2*x + y\n",
      stderr: "",
      status: 0,
    });
    expect(cacheFiles(folder)).toEqual([]);
  });

  it("keys each chunk by the build's record of it, and compiles a chunk that does not fit the record without the cache", () => {
    // A copy of bin/ and dist/cli/ whose key file says every chunk is one character longer:
    // as if a chunk had been changed after the build.
    const copy = mkdtempSync(join(tmpdir(), "dsat-cache-copy-"));
    const root = fileURLToPath(new URL("..", import.meta.url));
    cpSync(join(root, "bin"), join(copy, "bin"), { recursive: true });
    cpSync(join(root, "dist/cli"), join(copy, "dist/cli"), { recursive: true });
    const keysFile = join(copy, "dist/cli/chunk-keys.json");
    const keys: Record<string, { sha256: string; length: number }> = JSON.parse(
      readFileSync(keysFile, "utf8"),
    );
    for (const [file, key] of Object.entries(keys)) {
      expect(key.length).toBe(readFileSync(join(copy, "dist/cli", file), "utf8").length);
      key.length += 1;
    }
    writeFileSync(keysFile, JSON.stringify(keys));
    const folder = mkdtempSync(join(tmpdir(), "dsat-cache-test-"));
    const copied = join(copy, "bin/dsat.js");
    expect(dsat(folder, {}, copied)).toEqual({ stdout: "2*x + y\n", stderr: "", status: 0 });
    expect(cacheFiles(folder)).toEqual([]);
  });

  it("keeps at most 200 entries, deleting the oldest when a run writes new ones", () => {
    const folder = mkdtempSync(join(tmpdir(), "dsat-cache-test-"));
    mkdirSync(cacheFolder(folder), { mode: 0o700 });
    const old = new Date("2020-01-01");
    for (let i = 0; i < 250; i++) {
      const file = join(cacheFolder(folder), `stale-${i}`);
      writeFileSync(file, "an entry of an earlier build");
      utimesSync(file, old, old);
    }
    expect(dsat(folder)).toEqual({ stdout: "2*x + y\n", stderr: "", status: 0 });
    const left = cacheFiles(folder);
    expect(left.length).toBe(200);
    // This run's entries are the newest, so they stay; a second run reads them.
    const fresh = left.filter((name) => !name.startsWith("stale-"));
    expect(fresh.length).toBeGreaterThan(0);
    expect(dsat(folder)).toEqual({ stdout: "2*x + y\n", stderr: "", status: 0 });
    expect(cacheFiles(folder).sort()).toEqual(left.sort());
  });
});
