import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { defaultTheory } from "../src/default-theory.js";
import { readCorpus } from "./derivative-suite.js";
import { randomCorpus } from "./random-derivatives.js";
import { median, printTable } from "./support/table.js";

/**
 * The command line for real work (issue 13), each figure against its peer in the same run:
 *
 * - batch throughput: `dsat diff --batch` over LINES lines drawn (seeded) from the derivative
 *   suite, with --jobs 1 and 2; SymPy's diff + simplify on the first SYMPY_LINES of the same
 *   lines, in one process and with multiprocessing over 2 (SymPy takes milliseconds a line,
 *   so all of them would take hours). The suite has 49 functions, so its lines repeat, and a
 *   worker computes a repeated line once; the same lines with --no-memo, and DISTINCT_LINES
 *   random distinct expressions (the random-derivatives corpus), measure lines that are all
 *   computed;
 * - start-up: the median wall and CPU time (user + system, from /usr/bin/time) of 20 runs of
 *   `dsat diff "x^2 + x*y" x` against `node -e 0`, and against an earlier build's `bin/dsat.js`
 *   when DSAT_BASELINE names one (the runs are interleaved, so load on the machine falls on all
 *   alike; the CPU time depends much less on it);
 * - the tarball `npm pack` makes: size and file count.
 */

const LINES = Number(process.env.DSAT_BATCH_LINES ?? 100_000);
const SYMPY_LINES = Number(process.env.DSAT_SYMPY_LINES ?? 1_000);
const DISTINCT_LINES = Number(process.env.DSAT_DISTINCT_LINES ?? 2_000);
const root = fileURLToPath(new URL("../../", import.meta.url));
const binary = join(root, "bin/dsat.js");

/** Seeded lines `function<TAB>variable` drawn from bench/corpus.tsv. */
export function batchLines(count: number, seed = 13): string[] {
  const corpus = readCorpus();
  let state = seed;
  const next = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const entry = corpus[Math.floor(next() * corpus.length)]!;
    lines.push(`${entry.fn}\t${entry.variable}`);
  }
  return lines;
}

function wallSeconds(run: () => void): number {
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/** Wall and CPU seconds (user + system, of the process and its threads) of `node ...argv`. */
function timedNode(argv: readonly string[]): { wall: number; cpu: number } {
  let result: ReturnType<typeof spawnSync> | undefined;
  const wall = wallSeconds(() => {
    result = spawnSync("/usr/bin/time", ["-f", "cpu %U %S", process.execPath, ...argv], { encoding: "utf8" });
  });
  if (result!.status !== 0) throw new Error(`node ${argv.join(" ")} failed: ${result!.stderr}`);
  const [user, system] = /cpu ([\d.]+) ([\d.]+)/.exec(String(result!.stderr))!.slice(1).map(Number);
  return { wall, cpu: user! + system! };
}

export function run() {
  const folder = mkdtempSync(join(tmpdir(), "dsat-bench-batch-"));
  const lines = batchLines(LINES);
  const input = join(folder, "lines.tsv");
  writeFileSync(input, `${lines.join("\n")}\n`);
  const sympyInput = `${lines.slice(0, SYMPY_LINES).join("\n")}\n`;

  const outputs: string[] = [];
  const rows: Record<string, string | number>[] = [];
  const distinctInput = join(folder, "distinct.tsv");
  const distinct = randomCorpus(defaultTheory(), DISTINCT_LINES).map((e) => `${e}\tx`);
  writeFileSync(distinctInput, `${distinct.join("\n")}\n`);
  const distinctOutputs: string[] = [];
  const unremembered: string[] = [];
  for (const [file, count, label, kept, memo] of [
    [input, LINES, "dsat", outputs, true],
    [input, LINES, "dsat --no-memo", unremembered, false],
    [distinctInput, DISTINCT_LINES, "dsat distinct", distinctOutputs, true],
  ] as const)
    for (const jobs of [1, 2]) {
      // /usr/bin/time reports the CPU time of dsat and its worker threads: on a busy machine the
      // lines per CPU second say what the code costs, the wall time what the machine gave it.
      let result: ReturnType<typeof spawnSync> | undefined;
      const seconds = wallSeconds(() => {
        result = spawnSync(
          "/usr/bin/time",
          [
            "-f",
            "cpu %U %S",
            process.execPath,
            binary,
            "diff",
            "--batch",
            file,
            "--jobs",
            String(jobs),
            "--quiet",
            ...(memo ? [] : ["--no-memo"]),
          ],
          { encoding: "utf8", maxBuffer: 1 << 30 },
        );
      });
      const [user, system] = /cpu ([\d.]+) ([\d.]+)/.exec(String(result!.stderr))!.slice(1).map(Number);
      kept.push(String(result!.stdout));
      rows.push({
        engine: `${label} --jobs ${jobs}`,
        lines: count,
        seconds,
        "lines/s": count / seconds,
        "lines/cpu-s": count / (user! + system!),
      });
    }
  const sameOutput =
    outputs[0] === outputs[1] && unremembered[0] === outputs[0] && unremembered[1] === outputs[0];
  // Lines whose saturation stopped at its time limit may differ between runs on a busy machine.
  const distinctDiffer = distinctOutputs[0]!
    .split("\n")
    .filter((line, i) => line !== distinctOutputs[1]!.split("\n")[i]).length;
  const failed = outputs[0]!.split("\n").filter((l) => l.startsWith("error:")).length;
  for (const procs of [1, 2]) {
    const result = spawnSync("python3", [join(root, "bench/sympy_batch.py"), "--procs", String(procs)], {
      input: sympyInput,
      encoding: "utf8",
      maxBuffer: 1 << 28,
    });
    if (result.status !== 0) throw new Error(`SymPy failed: ${result.stderr}`);
    const [seconds, cpu] = result.stderr.trim().split("\n").pop()!.split(" ").map(Number);
    rows.push({
      engine: `SymPy ${procs === 1 ? "1 process" : "2 processes"}`,
      lines: SYMPY_LINES,
      seconds: seconds!,
      "lines/s": SYMPY_LINES / seconds!,
      "lines/cpu-s": SYMPY_LINES / cpu!,
    });
  }
  const rate = (name: string, column = "lines/s") => rows.find((r) => r.engine === name)![column] as number;
  const speedUp = rate("dsat --jobs 2") / rate("dsat --jobs 1");
  const distinctSpeedUp = rate("dsat distinct --jobs 2") / rate("dsat distinct --jobs 1");
  const unrememberedSpeedUp = rate("dsat --no-memo --jobs 2") / rate("dsat --no-memo --jobs 1");
  // What two jobs cost per line against one, in CPU time: on a machine other work shares, the
  // wall-clock speed-up says how much of the second core the run got, this what a second
  // worker costs (its own start-up and warm-up). Two idle cores would give 2 / this.
  const unrememberedCpuRatio =
    rate("dsat --no-memo --jobs 1", "lines/cpu-s") / rate("dsat --no-memo --jobs 2", "lines/cpu-s");
  printTable(
    `dsat diff --batch over ${LINES.toLocaleString("en-US")} suite lines (SymPy: the first ${SYMPY_LINES})`,
    rows,
  );
  console.log(
    `  two jobs / one: ${speedUp.toFixed(2)}x; dsat 1 job / SymPy 1 process: ${(rate("dsat --jobs 1") / rate("SymPy 1 process")).toFixed(0)}x; ` +
      `dsat 2 jobs / SymPy 2 processes: ${(rate("dsat --jobs 2") / rate("SymPy 2 processes")).toFixed(0)}x; ` +
      `outputs of 1 and 2 jobs equal: ${sameOutput}; failed lines: ${failed}`,
  );
  console.log(
    `  --no-memo: two jobs / one: ${unrememberedSpeedUp.toFixed(2)}x; CPU per line, two jobs / one: ${unrememberedCpuRatio.toFixed(2)} ` +
      `(so ${(2 / unrememberedCpuRatio).toFixed(2)}x on two idle cores; load average ${loadavg()[0]!.toFixed(1)}); ` +
      `per CPU second dsat / SymPy ${(rate("dsat --no-memo --jobs 1", "lines/cpu-s") / rate("SymPy 1 process", "lines/cpu-s")).toFixed(0)}x`,
  );
  console.log(
    `  distinct lines: two jobs / one: ${distinctSpeedUp.toFixed(2)}x; lines that differ between 1 and 2 jobs: ${distinctDiffer}`,
  );
  console.log(
    `  per CPU second: dsat / SymPy ${(rate("dsat --jobs 1", "lines/cpu-s") / rate("SymPy 1 process", "lines/cpu-s")).toFixed(0)}x`,
  );

  const commands: Record<string, string[]> = {
    'dsat diff "x^2 + x*y" x': [binary, "diff", "x^2 + x*y", "x"],
    ...(process.env.DSAT_BASELINE
      ? { "the same, baseline build": [process.env.DSAT_BASELINE, "diff", "x^2 + x*y", "x"] }
      : {}),
    "node -e 0": ["-e", "0"],
  };
  const times: Record<string, { wall: number; cpu: number }[]> = {};
  for (let i = 0; i < 20; i++) {
    for (const [name, argv] of Object.entries(commands)) (times[name] ??= []).push(timedNode(argv));
  }
  const startup = Object.fromEntries(
    Object.entries(times).map(([name, t]) => [
      name,
      { wall: median(t.map((x) => x.wall)), cpu: median(t.map((x) => x.cpu)) },
    ]),
  );
  printTable(
    "start-up, median of 20 runs (seconds)",
    Object.entries(startup).map(([command, { wall, cpu }]) => ({ command, wall, cpu })),
  );

  const packed = JSON.parse(
    execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: root, encoding: "utf8" }),
  )[0] as { size: number; unpackedSize: number; entryCount: number };
  printTable("npm pack", [
    { "size (bytes)": packed.size, "unpacked (bytes)": packed.unpackedSize, files: packed.entryCount },
  ]);

  return {
    lines: LINES,
    sympyLines: SYMPY_LINES,
    throughput: Object.fromEntries(
      rows.map((r) => [
        r.engine,
        { seconds: r.seconds, perSecond: r["lines/s"], perCpuSecond: r["lines/cpu-s"] },
      ]),
    ),
    speedUp,
    distinctLines: DISTINCT_LINES,
    distinctSpeedUp,
    unrememberedSpeedUp,
    unrememberedCpuRatio,
    distinctDiffer,
    sameOutput,
    failedLines: failed,
    startupSeconds: startup,
    tarball: { size: packed.size, unpackedSize: packed.unpackedSize, files: packed.entryCount },
  };
}
