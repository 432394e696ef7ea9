import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { batchLines } from "./batch.js";
import { printTable } from "./support/table.js";

/**
 * bench/spark/diff_pipe.py in Spark's local[2] mode against the plain `dsat diff --batch` on the
 * same lines, in the same run: throughput of each and whether the outputs are equal line for
 * line. Needs `pip install pyspark` and Java 17; skipped (and says so) without them.
 */

const LINES = Number(process.env.DSAT_SPARK_LINES ?? 20_000);
const root = fileURLToPath(new URL("../../", import.meta.url));
const binary = join(root, "bin/dsat.js");

function seconds(run: () => void): number {
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

export function run() {
  const probe = spawnSync("python3", ["-c", "import pyspark; print(pyspark.__version__)"], {
    encoding: "utf8",
  });
  if (probe.status !== 0) {
    const reason = "pyspark is not installed (pip install pyspark)";
    console.log(`\nspark: skipped: ${reason}`);
    return { skipped: reason };
  }
  const folder = mkdtempSync(join(tmpdir(), "dsat-bench-spark-"));
  const input = join(folder, "lines.tsv");
  writeFileSync(input, `${batchLines(LINES).join("\n")}\n`);
  let plain = "";
  const plainSeconds = seconds(() => {
    plain = execFileSync(process.execPath, [binary, "diff", "--batch", input, "--jobs", "2", "--quiet"], {
      encoding: "utf8",
      maxBuffer: 1 << 30,
    });
  });
  const output = join(folder, "out");
  const sparkSeconds = seconds(() => {
    execFileSync(
      "python3",
      [
        join(root, "bench/spark/diff_pipe.py"),
        input,
        output,
        "--master",
        "local[2]",
        "--partitions",
        "2",
        "--dsat",
        `${process.execPath} ${binary}`,
      ],
      { encoding: "utf8", stdio: ["ignore", "ignore", "pipe"] },
    );
  });
  const parts = readdirSync(output)
    .filter((name) => name.startsWith("part-"))
    .sort();
  const spark = parts.map((name) => readFileSync(join(output, name), "utf8")).join("");
  const same = spark === plain;
  printTable(`Spark local[2] against the plain batch, ${LINES.toLocaleString("en-US")} lines`, [
    { run: "dsat diff --batch --jobs 2", seconds: plainSeconds, "lines/s": LINES / plainSeconds },
    { run: "Spark local[2], RDD.pipe", seconds: sparkSeconds, "lines/s": LINES / sparkSeconds },
  ]);
  console.log(`  outputs equal line for line: ${same}`);
  return { lines: LINES, plainSeconds, sparkSeconds, sameOutput: same, pyspark: probe.stdout.trim() };
}
