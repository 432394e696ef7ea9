import { DEFAULT_RULE_RUNS } from "../../check/check-rule.js";
import { checkRules, randomSeed } from "../../check/check-rules.js";
import {
  type CheckReport,
  type Counterexample,
  type Finding,
  formatReport,
  ruleWhere,
} from "../../check/report.js";
import { ExitCode, UsageError } from "../../errors.js";
import { rulesUnderCheck } from "../../node/rules-under-check.js";
import { printSExpr } from "../../syntax/print-sexpr.js";
import { integerOption, parseArgs } from "../args.js";
import type { Command } from "../command.js";
import { jsonWanted } from "../json.js";

function seedOption(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) > 2 ** 31 - 1) {
    throw new UsageError(`'--seed' must be a whole number from 0 to ${2 ** 31 - 1}, not '${text}'`);
  }
  return Number(text);
}

function toleranceOption(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value) || value <= 0 || value >= 1) {
    throw new UsageError(`'--tolerance' must be a number between 0 and 1, like 1e-9, not '${text}'`);
  }
  return value;
}

/** The --json form of a check report: counts, then every finding with its shrunk counterexample. */
function checkJson(report: CheckReport, rules: number) {
  const counterexample = (c: Counterexample | undefined) =>
    c === undefined
      ? undefined
      : {
          ...(c.bindings
            ? { bindings: Object.fromEntries(c.bindings.map(([k, t]) => [k, printSExpr(t)])) }
            : {}),
          ...(c.term ? { term: printSExpr(c.term) } : {}),
          ...(c.point ? { point: c.point } : {}),
          left: c.left ?? null,
          right: c.right ?? null,
        };
  const finding = (f: Finding, where: Record<string, string>) => ({
    ...where,
    kind: f.kind,
    severity: f.severity,
    summary: f.summary,
    ...(f.counterexample ? { counterexample: counterexample(f.counterexample) } : {}),
  });
  return {
    ok: report.errors === 0,
    seed: report.seed,
    runs: report.runs,
    rules,
    errors: report.errors,
    warnings: report.warnings,
    findings: [
      ...report.rules.flatMap((r) =>
        r.findings.map((f) =>
          finding(f, {
            rule: r.rule.name,
            where: ruleWhere(r.rule, process.cwd()),
            ...(r.ruleSet ? { ruleSet: r.ruleSet } : {}),
          }),
        ),
      ),
      ...report.termination.flatMap((t) => t.findings.map((f) => finding(f, { ruleSet: t.ruleSet }))),
      ...(report.pipeline?.findings.map((f) => finding(f, { check: "pipeline" })) ?? []),
    ],
  };
}

export const checkCommand: Command = {
  name: "check",
  usage: `dsat check [<file>...] [--runs N] [--seed N] [--tolerance R] [--no-termination] [--no-pipeline] [--verbose]

Tests every rule numerically: random instantiations of its pattern variables that satisfy
its conditions, evaluated at random points. Without files it checks the rules shipped in the
package's rules/ folder; files given are loaded on top of them (unless they are shipped
files) and only their rules are checked. Derivative rules are compared with numeric derivatives of the function.

Reports, each with a shrunk counterexample:
  unsound          both sides are defined at a point and differ (an error)
  domain warning   one side is defined where the other is not (the right side must be
                   defined wherever the left side is)
It also checks that the rewriting rule sets (diff, cleanup) terminate, and that derivatives
computed by the rules agree with numeric ones. Random testing finds counterexamples; passing
is evidence, not proof. See docs/soundness.md.

Options:
  --runs N          samples per rule (default ${DEFAULT_RULE_RUNS})
  --seed N          replay a run: every report prints its seed
  --tolerance R     relative tolerance when comparing values (default 1e-9)
  --no-termination  skip the termination check
  --no-pipeline     skip the differentiate-and-compare check
  --verbose         also list the rules that passed, with how many samples were compared

Exit code 0 when every rule is sound (warnings are printed but allowed), 11 when one is not.

Examples:
  dsat check
  dsat check my-operators.rules --runs 2000
  dsat check --seed 123456`,
  run(argv, out) {
    const args = parseArgs("check", argv, {
      runs: { kind: "value" },
      seed: { kind: "value" },
      tolerance: { kind: "value" },
      "no-termination": { kind: "flag" },
      "no-pipeline": { kind: "flag" },
      verbose: { kind: "flag" },
      help: { kind: "flag" },
      json: { kind: "flag" },
    });
    const files = args.positionals;
    const runs = integerOption(args, "runs", DEFAULT_RULE_RUNS);
    const seed = seedOption(args.values.get("seed")) ?? randomSeed();
    const relative = toleranceOption(args.values.get("tolerance"));
    const { theory, rules } = rulesUnderCheck(files);
    const sources = files.length === 0 ? "the package's rules/ folder" : files.join(", ");
    const json = jsonWanted(args);
    if (!json)
      out.stdout(`dsat check: ${rules.length} rules from ${sources}; seed ${seed}, ${runs} samples per rule`);
    const report = checkRules(theory, rules, {
      runs,
      seed,
      ...(relative === undefined ? {} : { tolerance: { relative } }),
      ...(args.flags.has("no-termination") ? { termination: false as const } : {}),
      ...(args.flags.has("no-pipeline") ? { pipeline: false } : {}),
    });
    const replay = [
      "dsat check",
      ...files,
      `--seed ${seed}`,
      ...(runs === DEFAULT_RULE_RUNS ? [] : [`--runs ${runs}`]),
    ];
    if (json) out.stdout(JSON.stringify(checkJson(report, rules.length)));
    else {
      out.stdout(
        formatReport(report, {
          verbose: args.flags.has("verbose"),
          replay: replay.join(" "),
          relativeTo: process.cwd(),
        }),
      );
    }
    return report.errors > 0 ? ExitCode.unsound : ExitCode.ok;
  },
};
