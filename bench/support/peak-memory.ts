import { readFileSync } from "node:fs";

/**
 * The process's resident-set high-water mark in MB: `VmHWM` from /proc/self/status on Linux,
 * else Node's `maxRSS`. Covers the whole process (V8 heap, typed arrays, code), which is
 * what "peak memory" means in the benchmark tables.
 */
export function peakResidentMB(): number {
  try {
    const status = readFileSync("/proc/self/status", "utf8");
    const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
    if (match) return Number(match[1]) / 1024;
  } catch {
    // not Linux: fall through
  }
  return process.resourceUsage().maxRSS / 1024;
}
