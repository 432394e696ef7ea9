/** Prints rows as an aligned plain-text table (numbers right-aligned). */
export function printTable(title: string, rows: readonly Record<string, string | number>[]): void {
  console.log(`\n${title}`);
  if (rows.length === 0) {
    console.log("  (no rows)");
    return;
  }
  const columns = Object.keys(rows[0]!);
  const cell = (v: string | number | undefined) => (typeof v === "number" ? formatNumber(v) : (v ?? ""));
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (values: string[], numeric: boolean[]) =>
    values.map((v, i) => (numeric[i] ? v.padStart(widths[i]!) : v.padEnd(widths[i]!))).join("  ");
  const numeric = columns.map((c) => typeof rows[0]![c] === "number");
  console.log(`  ${line(columns, numeric)}`);
  console.log(`  ${widths.map((w) => "-".repeat(w)).join("  ")}`);
  for (const r of rows)
    console.log(
      `  ${line(
        columns.map((c) => cell(r[c])),
        numeric,
      )}`,
    );
}

/** Integers with thousands separators, other numbers to three significant decimals. */
export function formatNumber(v: number): string {
  if (Number.isInteger(v)) return v.toLocaleString("en-US");
  if (Math.abs(v) >= 100) return v.toFixed(1);
  if (Math.abs(v) >= 1) return v.toFixed(3);
  return v.toPrecision(3);
}

/** Median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Milliseconds taken by `work`, the median of `repeats` runs after one warm-up. */
export function timeMs(work: () => void, repeats = 5): number {
  work();
  const samples: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = process.hrtime.bigint();
    work();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(samples);
}
