import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { main } from "../../src/cli/main.js";

/** What a dsat run printed and returned. */
export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in-process (fast) and captures its output. */
export async function dsat(...argv: string[]): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, {
    stdout: (text) => {
      stdout += `${text}\n`;
    },
    stderr: (text) => {
      stderr += `${text}\n`;
    },
  });
  return { code, stdout: stdout.trimEnd(), stderr: stderr.trimEnd() };
}

const binary = fileURLToPath(new URL("../../bin/dsat.js", import.meta.url));

/** Runs the installed `dsat` binary as a separate process (needs the build from `npm test`). */
export function dsatProcess(argv: readonly string[], input?: string): CliResult {
  const result = spawnSync(process.execPath, [binary, ...argv], {
    input: input ?? "",
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: result.status ?? -1, stdout: result.stdout.trimEnd(), stderr: result.stderr.trimEnd() };
}
