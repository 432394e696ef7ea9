import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { linesOf, OverlongLine } from "../src/batch/lines.js";
import { batchArray, batchLines } from "../src/batch/pool.js";
import { main } from "../src/cli/main.js";
import { ExitCode } from "../src/errors.js";
import { generateExpression } from "./fuzz/generate.js";
import { Random } from "./fuzz/random.js";
import { dsat, dsatProcess } from "./support/cli.js";

const folder = mkdtempSync(join(tmpdir(), "dsat-batch-"));
const binary = fileURLToPath(new URL("../bin/dsat.js", import.meta.url));

/** The derivative suite of bench/corpus.tsv as `function<TAB>variable` lines. */
const suite = readFileSync(new URL("../bench/corpus.tsv", import.meta.url), "utf8")
  .split("\n")
  .slice(1)
  .filter((line) => line.trim() !== "")
  .map((line) => line.split("\t").slice(0, 2).join("\t"));

function file(name: string, lines: readonly string[]): string {
  const path = join(folder, name);
  writeFileSync(path, `${lines.join("\n")}\n`);
  return path;
}

describe("dsat diff --batch", () => {
  it("prints, line by line, what dsat diff prints for each line alone, with one and two workers", async () => {
    const single: string[] = [];
    for (const line of suite) {
      const [fn, variable] = line.split("\t");
      single.push((await dsat("diff", fn!, variable!)).stdout);
    }
    const path = file("suite.tsv", suite);
    for (const jobs of ["1", "2"]) {
      const batch = await dsat("diff", "--batch", path, "--jobs", jobs);
      expect(batch.code).toBe(0);
      expect(batch.stdout.split("\n")).toEqual(single);
    }
  });

  it("keeps every good result when some lines are bad, and exits with the first bad line's code", async () => {
    const lines = ["x^2\tx", "sin(x\tx", "x*y\ty", "foo(x)\tx", "x^3", "exp(x)\tx"];
    const path = file("mixed.tsv", lines);
    const result = await dsat("diff", "--batch", path, "--jobs", "2");
    expect(result.code).toBe(ExitCode.syntax);
    const out = result.stdout.split("\n");
    expect(out).toHaveLength(lines.length);
    expect(out[0]).toBe("2*x");
    expect(out[1]).toMatch(/^error: syntax: /);
    expect(out[2]).toBe("x");
    expect(out[3]).toMatch(/^error: unknownOperator: unknown operator 'foo'/);
    expect(out[4]).toMatch(/^error: usage: the line names no variable/);
    expect(out[5]).toBe("exp(x)");
    expect(result.stderr).toContain("3 lines failed (the first: line 2)");
    // A variable on the command line serves the lines without one.
    expect((await dsat("diff", "--batch", path, "x", "--jobs", "1")).stdout.split("\n")[4]).toBe("3*x^2");
  });

  it("with --json prints one object per line with the documented fields", async () => {
    const path = file("json.tsv", ["x^2 + x*y\tx", "1/\tx"]);
    const result = await dsat("diff", "--batch", path, "--json", "--jobs", "1");
    const [good, bad] = result.stdout.split("\n").map((line) => JSON.parse(line));
    expect(good).toMatchObject({
      line: 1,
      ok: true,
      text: "2*x + y",
      infix: "2*x + y",
      sexpr: "(+ (* 2 x) y)",
    });
    expect(good.reports[0]).toHaveProperty("stopReason");
    expect(good.reports[0]).toHaveProperty("timeMs.total");
    expect(bad).toMatchObject({ line: 2, ok: false, error: { kind: "syntax", exitCode: ExitCode.syntax } });
    expect(bad.error.message).toContain("expected an expression");
  });

  it("with --json prints validity conditions as the single command does, rational constants included", async () => {
    // These lines' results are valid where their input is defined, so their reports carry
    // conditions; the first two hold rational constants (bigints), which JSON cannot hold raw.
    const lines = ["sqrt(log(x)^3)\tx", "log(x/2)*x^(1/3)\tx", "x/x\tx"];
    const result = await dsat("diff", "--batch", file("conditions.tsv", lines), "--json", "--jobs", "2");
    expect(result.code).toBe(0);
    const records = result.stdout.split("\n").map((line) => JSON.parse(line));
    for (const [i, line] of lines.entries()) {
      const [fn, variable] = line.split("\t");
      const single = JSON.parse((await dsat("diff", fn!, variable!, "--json")).stdout);
      const withoutTimes = (reports: { timeMs: unknown }[]) => reports.map(({ timeMs: _, ...rest }) => rest);
      expect(records[i].infix).toBe(single.infix);
      expect(withoutTimes(records[i].reports)).toEqual(withoutTimes(single.reports));
    }
    expect(records[0].reports[0].conditions).toEqual(["log(x)^3 > 0"]);
  });

  it("yields records that are plain data: JSON reads back every record of fuzzed lines", async () => {
    // Records cross thread boundaries and are printed with JSON.stringify; a term or a bigint in
    // one (a report's conditions once held terms) breaks both.
    const fuzzed = Array.from({ length: 300 }, (_, i) => generateExpression(Random.forInput(31, i), "infix"));
    const lines = [...fuzzed, "sqrt(log(x)^3)", "x^(1/2)/x^(1/2)"];
    for (const operation of ["diff", "simplify"] as const) {
      const records = await batchArray(lines, { operation, words: ["x"], timeLimitMs: 200 }, { jobs: 1 });
      expect(records).toHaveLength(lines.length);
      expect(
        records.some((r) => r.ok && (r.reports ?? []).some((report) => report.conditions.length > 0)),
      ).toBe(true);
      for (const record of records) {
        expect(JSON.parse(JSON.stringify(record))).toEqual(record);
        for (const report of record.ok ? (record.reports ?? []) : []) {
          for (const condition of report.conditions) expect(typeof condition).toBe("string");
        }
      }
    }
  });

  it("runs simplify, grad and eval over lines too", async () => {
    const path = file("exprs.txt", ["x + x", "x*y", "1/0"]);
    expect((await dsat("simplify", "--batch", path, "--jobs", "1")).stdout.split("\n")).toEqual([
      "2*x",
      "x*y",
      expect.stringMatching(/^error: divisionByZero: /),
    ]);
    expect(
      (await dsat("grad", "--batch", path, "x", "y", "--jobs", "1")).stdout.split("\n").slice(0, 2),
    ).toEqual(["[2, 0]", "[y, x]"]);
    const evaluated = await dsat(
      "eval",
      "--batch",
      file("points.tsv", ["x + y\tx=1 y=1/2", "x*y"]),
      "x=2",
      "y=3",
    );
    expect(evaluated.stdout.split("\n")).toEqual(["3/2", "6"]);
  });

  it("refuses options that print more than one line per input, and unreadable inputs", async () => {
    const path = file("one.tsv", ["x\tx"]);
    expect((await dsat("diff", "--batch", path, "--steps")).code).toBe(ExitCode.usage);
    const missing = await dsat("diff", "--batch", join(folder, "absent.txt"));
    expect(missing.code).toBe(ExitCode.usage);
    expect(missing.stderr).toContain("no such file");
  });

  it("reads standard input and prints each result before the input ends", async () => {
    const child = spawn(process.execPath, [binary, "diff", "--batch", "-", "x", "--jobs", "1"]);
    const first = await new Promise<string>((resolve) => {
      child.stdout.once("data", (data: Buffer) => resolve(data.toString()));
      child.stdin.write("x^3\n");
    });
    expect(first).toBe("3*x^2\n");
    child.stdin.end("sin(x)\n");
    const rest = await new Promise<string>((resolve) => {
      let text = "";
      child.stdout.on("data", (data: Buffer) => {
        text += data.toString();
      });
      child.on("close", () => resolve(text));
    });
    expect(rest).toBe("cos(x)\n");
  });

  it("runs 200,000 distinct lines in bounded memory", () => {
    const lines: string[] = [];
    for (let i = 0; i < 200_000; i++)
      lines.push(`x^${(i % 97) + 2}*y + ${i}*sin(${(i % 13) + 1}*x) + x/${i + 1}`);
    const path = file("large.txt", lines);
    // Peak resident memory of the whole process, workers included, printed as it exits.
    const probe = join(folder, "rss.mjs");
    writeFileSync(
      probe,
      'process.on("exit", () => process.stderr.write("maxrss " + process.resourceUsage().maxRSS + "\\n"));\n',
    );
    const result = spawnSync(
      process.execPath,
      [
        "--import",
        probe,
        binary,
        "eval",
        "--batch",
        path,
        "x=1",
        "y=2",
        "--jobs",
        "1",
        "--worker-memory",
        "48",
      ],
      { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
    );
    expect(result.status).toBe(0);
    const out = result.stdout.trimEnd().split("\n");
    expect(out).toHaveLength(200_000);
    expect(Number(out[199_999])).toBeCloseTo(2 + 199_999 * Math.sin(8) + 1 / 200_000, 6);
    const peakKb = Number(/maxrss (\d+)/.exec(result.stderr)![1]);
    // Without replacing workers the same run peaks above 440 MB; with it, under 250 MB.
    expect(peakKb).toBeLessThan(250_000);
  }, 120_000);
});

describe("batch library", () => {
  it("batchArray returns one record per line in order, errors included", async () => {
    const records = await batchArray(["x^2", "x*y", "x +"], { operation: "diff", words: ["x"] }, { jobs: 2 });
    expect(records.map((r) => r.text.split(":")[0])).toEqual(["2*x", "y", "error"]);
    expect(records[2]).toMatchObject({ line: 3, ok: false, error: { kind: "syntax" } });
  });

  it("batchLines takes an async iterator of lines and yields as it goes", async () => {
    async function* lines() {
      yield "sin(x)";
      yield "x^2";
    }
    const seen: string[] = [];
    for await (const record of batchLines(lines(), { operation: "simplify" }, { jobs: 1 }))
      seen.push(record.text);
    expect(seen).toEqual(["sin(x)", "x^2"]);
  });

  it("linesOf splits chunks into lines, drops \\r, keeps a last line without newline and caps line length", async () => {
    const lines: (string | OverlongLine)[] = [];
    for await (const line of linesOf(["a\r\nb", "c\n", "x".repeat(30), "y\nlast"], 20)) lines.push(line);
    expect(lines.slice(0, 2)).toEqual(["a", "bc"]);
    expect(lines[2]).toBeInstanceOf(OverlongLine);
    expect((lines[2] as OverlongLine).length).toBe(31);
    expect(lines[3]).toBe("last");
  });
});

describe("--json, --version and help", () => {
  it("prints every command's result as one JSON object", async () => {
    const diff = JSON.parse((await dsat("diff", "x^2 + x*y", "x", "--json")).stdout);
    expect(diff).toMatchObject({ ok: true, infix: "2*x + y", sexpr: "(+ (* 2 x) y)", variables: ["x"] });
    expect(diff.reports[0]).toHaveProperty("stopReason");
    const simplified = JSON.parse((await dsat("simplify", "x + x", "--json")).stdout);
    expect(simplified).toMatchObject({ ok: true, infix: "2*x", sexpr: "(* 2 x)" });
    expect(simplified.report).toHaveProperty("inputSize", 3);
    expect(JSON.parse((await dsat("eval", "1/3 + x", "x=1/3", "--json")).stdout)).toEqual({
      ok: true,
      value: "2/3",
      exact: true,
    });
    expect(JSON.parse((await dsat("grad", "x*y", "--json")).stdout)).toEqual({
      ok: true,
      infix: "[y, x]",
      sexpr: "[y, x]",
      latex: "[y, x]",
    });
    expect(JSON.parse((await dsat("parse", "x*(y+1)", "--json")).stdout)).toEqual({
      ok: true,
      infix: "x*(y + 1)",
      sexpr: "(* x (+ y 1))",
      latex: "x \\cdot \\left(y + 1\\right)",
      parens: "(x*(y+1))",
    });
    expect(JSON.parse((await dsat("equal", "x + x", "2*x", "--json")).stdout)).toEqual({
      ok: true,
      equal: true,
    });
  });

  it("prints an error as an object with its exit-code kind", async () => {
    const result = await dsat("diff", "x +", "x", "--json");
    expect(result.code).toBe(ExitCode.syntax);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: false, error: { kind: "syntax", exitCode: 1 } });
  });

  it("prints the version and a command's help", async () => {
    const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
    expect((await dsat("--version")).stdout).toBe(manifest.version);
    const help = await dsat("help", "diff");
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^dsat diff <expr>/);
    expect((await dsat("help", "nope")).code).toBe(ExitCode.usage);
  });

  it("exits 3 with a plain message for a missing rules file", () => {
    const result = dsatProcess(["diff", "x", "x", "--rules", "x.rules"]);
    expect(result.code).toBe(ExitCode.ruleFile);
    expect(result.stderr).toBe("dsat diff: cannot read rules file 'x.rules': no such file");
  });
});

describe("the progress bar on a terminal", () => {
  it("follows the lines done, not the bytes read ahead, and ends at 100%", async () => {
    const folder = mkdtempSync(join(tmpdir(), "dsat-progress-"));
    const file = join(folder, "lines.txt");
    writeFileSync(file, `${Array.from({ length: 2000 }, (_, i) => `x^${i + 2}*sin(x)`).join("\n")}\n`);
    // A terminal as cli-progress sees one: a TTY stream with a width and cursor moves.
    let shown = "";
    const moved = (callback?: () => void) => {
      callback?.();
      return true;
    };
    const terminal = Object.assign(
      new Writable({
        write: (chunk, _encoding, done) => {
          shown += chunk;
          done();
        },
      }),
      {
        isTTY: true,
        columns: 100,
        cursorTo: (_x: number, _y?: unknown, callback?: () => void) => moved(callback),
        clearLine: (_dir: number, callback?: () => void) => moved(callback),
        moveCursor: (_dx: number, _dy: number, callback?: () => void) => moved(callback),
      },
    ) as unknown as NodeJS.WriteStream;
    let stdout = "";
    const code = await main(["diff", "--batch", file, "x", "--jobs", "1"], {
      stdout: (text) => {
        stdout += `${text}\n`;
      },
      stderr: () => {},
      terminal,
    });
    expect(code).toBe(ExitCode.ok);
    expect(stdout.trimEnd().split("\n")).toHaveLength(2000);
    const frames = [...shown.matchAll(/(\d+)% \| (\d+) lines/g)].map((m) => ({
      percent: Number(m[1]),
      lines: Number(m[2]),
    }));
    expect(frames.length).toBeGreaterThan(3);
    for (const frame of frames) {
      // Lines are about the same length, so the share of the file done is the share of lines done.
      expect(Math.abs(frame.percent - (100 * frame.lines) / 2000), JSON.stringify(frame)).toBeLessThanOrEqual(
        3,
      );
    }
    expect(frames.at(-1)).toEqual({ percent: 100, lines: 2000 });
  });
});
