import { parseArgs } from "node:util";
import { type FuzzFailure, type FuzzSummary, runFuzz } from "../test/fuzz/pool.js";
import { runOne } from "../test/fuzz/run-one.js";

/**
 * The fuzzer's long runs: `npm run fuzz -- --count N --seed S` checks inputs 0 … N-1 of seed S
 * in worker processes and prints the count of each outcome; every failure is printed with the
 * command that reproduces it (`--index I` runs input I alone, in this process, and prints it).
 * Exits 1 when an input failed. See docs/reliability.md.
 */

const { values } = parseArgs({
  options: {
    count: { type: "string", default: "10000" },
    seed: { type: "string", default: "1" },
    start: { type: "string", default: "0" },
    index: { type: "string" },
    workers: { type: "string" },
    timeout: { type: "string", default: "10000" },
  },
});

const seed = Number(values.seed);

/** A failure with its input and the command that reproduces it. */
function describeFailure(failure: FuzzFailure): string[] {
  return [
    `FAILURE #${failure.index}: ${failure.kind}: ${failure.detail}`,
    `  input: ${JSON.stringify(failure.text.length > 500 ? `${failure.text.slice(0, 500)}…` : failure.text)}`,
    `  reproduce: npm run fuzz -- --seed ${seed} --index ${failure.index}`,
  ];
}

function report(summary: FuzzSummary): string {
  const lines = [
    `seed ${summary.seed}, inputs ${summary.start}…${summary.start + summary.count - 1}, ${(summary.ms / 1000).toFixed(1)} s`,
    "",
    "outcome           inputs",
    ...Object.entries(summary.counts).map(([kind, n]) => `${kind.padEnd(16)}  ${String(n).padStart(7)}`),
    "",
    "typed errors (documented refusals), by class and stage:",
    ...Object.entries(summary.typedErrors)
      .sort((a, b) => b[1] - a[1])
      .map(
        ([what, n]) =>
          `  ${String(n).padStart(7)}  ${what.padEnd(44)}  #${summary.typedErrorExamples[what]!.join(", #")}`,
      ),
  ];
  if (Object.keys(summary.known).length > 0) {
    lines.push("", "known failures (issue 14 items being fixed):");
    for (const [what, n] of Object.entries(summary.known)) lines.push(`  ${String(n).padStart(7)}  ${what}`);
  }
  lines.push("", `slowest input: #${summary.slowest.index}, ${Math.round(summary.slowest.ms)} ms`);
  for (const failure of summary.failures) lines.push("", ...describeFailure(failure));
  return lines.join("\n");
}

if (values.index !== undefined) {
  const index = Number(values.index);
  const { input, outcome } = await runOne(seed, index);
  console.log(`seed ${seed}, input #${index} (${input.kind}):`);
  console.log(input.text);
  if (input.kind === "rules") console.log(`expression: ${input.expression}`);
  console.log(`outcome: ${outcome.kind}${outcome.detail ? `: ${outcome.detail}` : ""}`);
  process.exitCode = ["ok", "typed-error", "known"].includes(outcome.kind) ? 0 : 1;
} else {
  const count = Number(values.count);
  let shown = 0;
  const summary = await runFuzz({
    seed,
    count,
    start: Number(values.start),
    timeoutMs: Number(values.timeout),
    ...(values.workers === undefined ? {} : { workers: Number(values.workers) }),
    // Every 1%: the counts so far on stderr, so a run cut short still tells what it found.
    onProgress: (done, counts) => {
      if (done * 100 >= (shown + 1) * count) {
        shown = Math.floor((done * 100) / count);
        const tally = Object.entries(counts)
          .map(([kind, n]) => `${kind} ${n}`)
          .join(", ");
        process.stderr.write(`${done}/${count} (${new Date().toISOString()}): ${tally}\n`);
      }
    },
    onFailure: (failure) => process.stderr.write(`${describeFailure(failure).join("\n")}\n`),
  });
  console.log(report(summary));
  process.exitCode = summary.failures.length > 0 ? 1 : 0;
}
