import { readFileSync } from "node:fs";
import * as stream from "node:stream";
import { inspect } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as dsatCheck from "../src/check.js";
import * as dsat from "../src/index.js";
import * as dsatNode from "../src/node.js";
import * as dsatTesting from "../src/testing.js";

/**
 * Keeps docs/api.md true and complete. Each ```ts block there imports what it uses from `dsat`,
 * `dsat/check`, `dsat/node` or `dsat/testing` and is run here; a line `EXPRESSION; // → RESULT` checks that
 * the expression shows as RESULT (a string in double quotes, anything else as `util.inspect`
 * prints it on one line; a term prints as infix). And every runtime export of the four entries
 * must be imported by some block (or by the README's library example), so none goes undocumented.
 */

const entries = {
  dsat,
  "dsat/check": dsatCheck,
  "dsat/node": dsatNode,
  "dsat/testing": dsatTesting,
} as const;
/** Other modules the examples may import. */
const others: Record<string, Record<string, unknown>> = {
  "fast-check": { default: fc },
  "node:stream": { Readable: stream.Readable },
};

interface Block {
  readonly line: number;
  readonly code: string;
  readonly imports: {
    readonly entry: string;
    readonly names: readonly string[];
    readonly isDefault: boolean;
  }[];
}

/** `import { a, b } from "m";` (over several lines, as the formatter writes long ones) or `import m from "m";`. */
const IMPORT = /^import (?:(\w+)|\{([^}]*)\}) from "([^"]+)";$/gm;

function codeBlocks(file: string): Block[] {
  const lines = readFileSync(new URL(`../${file}`, import.meta.url), "utf8").split("\n");
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== "```ts") continue;
    const start = i + 1;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i] !== "```"; i++) body.push(lines[i]!);
    const code = body.join("\n");
    const imports = [...code.matchAll(IMPORT)].map((m) => ({
      entry: m[3]!,
      isDefault: m[1] !== undefined,
      names:
        m[1] !== undefined
          ? [m[1]]
          : m[2]!
              .split(",")
              .map((n) => n.trim())
              .filter((n) => n !== ""),
    }));
    blocks.push({ line: start + 1, code, imports });
  }
  return blocks;
}

/**
 * How a checked value is written after `// →`: strings in double quotes, terms as infix,
 * arrays and plain objects as `[ a, b ]` and `{ key: value }`, anything else as inspected.
 */
function show(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value instanceof dsat.App || value instanceof dsat.Sym || value instanceof dsat.Num)
    return String(value);
  if (value instanceof dsat.Rational) return value.toString();
  if (Array.isArray(value)) return value.length === 0 ? "[]" : `[ ${value.map(show).join(", ")} ]`;
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const fields = Object.entries(value).map(([k, v]) => `${k}: ${show(v)}`);
    return fields.length === 0 ? "{}" : `{ ${fields.join(", ")} }`;
  }
  return inspect(value, { depth: 6, breakLength: Infinity });
}

const CHECKED = /^(.*?);?\s*\/\/ → (.*)$/;

/** The module an example imports from: a dsat entry, or one of the few others. */
function moduleOf(entry: string, block: Block): Record<string, unknown> {
  const module = (entries as Record<string, unknown>)[entry] ?? others[entry];
  if (module === undefined) throw new Error(`docs/api.md:${block.line}: no module '${entry}' for examples`);
  return module as Record<string, unknown>;
}

/**
 * The block as the body of an async function: imports become parameters, and each statement
 * ending in `// → RESULT` a check of its value (a statement may span lines).
 */
function runnable(block: Block): { names: string[]; values: unknown[]; body: string } {
  const names: string[] = [];
  const values: unknown[] = [];
  for (const { entry, names: imported, isDefault } of block.imports) {
    const module = moduleOf(entry, block);
    for (const name of imported) {
      if (!isDefault && !(name in module))
        throw new Error(`docs/api.md:${block.line}: ${entry} has no export '${name}'`);
      names.push(name);
      values.push(isDefault ? module.default : module[name]);
    }
  }
  // Imports become blank lines, so line numbers stay those of the file.
  const lines = block.code.replace(IMPORT, (text) => text.replace(/[^\n]/g, "")).split("\n");
  let statementStart = 0;
  for (let k = 0; k < lines.length; k++) {
    const m = CHECKED.exec(lines[k]!);
    if (m !== null) {
      const expression = [...lines.slice(statementStart, k), m[1]!].join("\n");
      lines.splice(statementStart, k - statementStart + 1, ...Array(k - statementStart).fill(""), "");
      lines[statementStart] = `await check(${expression}, ${JSON.stringify(m[2])}, ${block.line + k});`;
      statementStart = k + 1;
      continue;
    }
    const code = lines[k]!.replace(/\s*\/\/.*$/, "").trim();
    if (code === "" ? statementStart === k : /[;{}]$/.test(code)) statementStart = k + 1;
  }
  return { names, values, body: lines.join("\n") };
}

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
  ...args: string[]
) => (...values: unknown[]) => Promise<void>;

describe("docs/api.md", () => {
  const blocks = codeBlocks("docs/api.md");

  it.each(blocks.map((b) => ({ ...b, name: `block at line ${b.line}` })))(
    "$name runs as written",
    async (block) => {
      const { names, values, body } = runnable(block);
      const results: { line: number; shown: string; expected: string }[] = [];
      const check = async (value: unknown, expected: string, line: number) => {
        results.push({ line, shown: show(await value), expected });
      };
      await new AsyncFunction("check", ...names, body)(check, ...values);
      for (const r of results) expect(`line ${r.line}: ${r.shown}`).toBe(`line ${r.line}: ${r.expected}`);
    },
  );

  it("shows every export of dsat, dsat/node and dsat/testing", () => {
    const documented = new Map<string, Set<string>>(Object.keys(entries).map((e) => [e, new Set()]));
    for (const block of [...blocks, ...codeBlocks("README.md")]) {
      for (const { entry, names } of block.imports) for (const n of names) documented.get(entry)?.add(n);
    }
    // dsat/node re-exports dsat: a name shown from dsat is shown for both.
    for (const n of documented.get("dsat")!) documented.get("dsat/node")!.add(n);
    const missing = Object.entries(entries).flatMap(([entry, module]) =>
      Object.keys(module)
        .filter((name) => !documented.get(entry)!.has(name))
        .map((name) => `${entry}: ${name}`),
    );
    expect(missing).toEqual([]);
  });
});
