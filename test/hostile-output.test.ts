import { spawn, spawnSync } from "node:child_process";
import { existsSync, openSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ExitCode } from "../src/errors.js";
import { dsat } from "./support/cli.js";

/** Issue 14, item 9: write errors end the run cleanly (needs the build `npm test` makes first). */

const binary = fileURLToPath(new URL("../bin/dsat.js", import.meta.url));
// A sum whose derivative is long: more output than a pipe holds.
const big = Array.from({ length: 20_000 }, () => "sin(x)*x").join(" + ");

describe("write errors (issue 14, item 9)", () => {
  it("stops quietly with exit 0 when the reader closes the pipe (dsat diff - x < big | head -c 10)", async () => {
    const child = spawn(process.execPath, [binary, "diff", "-", "x", "--no-simplify"], {
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.stdout.once("data", () => child.stdout.destroy());
    child.stdin.end(big);
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(stderr).toBe("");
    expect(code).toBe(ExitCode.ok);
  });

  it.skipIf(!existsSync("/dev/full"))("says so in one line, exit 74, when the disk is full", () => {
    const result = spawnSync(process.execPath, [binary, "simplify", "x+x"], {
      stdio: ["ignore", openSync("/dev/full", "w"), "pipe"],
      encoding: "utf8",
    });
    expect(result.stderr).toBe("dsat: cannot write the output: no space left on device\n");
    expect(result.status).toBe(ExitCode.output);
  });
});

describe("--explain on dsat diff (issue 14, item 13)", () => {
  it("is another name for --steps, as on dsat simplify", async () => {
    const steps = await dsat("diff", "x^2", "x", "--steps");
    const explained = await dsat("diff", "x^2", "x", "--explain");
    expect(explained.code).toBe(ExitCode.ok);
    expect(explained.stdout).toBe(steps.stdout);
    expect(explained.stdout).toContain("d-pow-const");
  });
});
