import { writeFileSync } from "node:fs";
import { EGraph } from "../../egraph/egraph.js";
import type { SerializedEGraph } from "../../egraph/serialize.js";
import { readFailure, UsageError } from "../../errors.js";
import { formatDomainFact } from "../../rules/domain-facts.js";
import { printedReport } from "../../simplify/printed-report.js";
import { simplifyRuleSets } from "../../simplify/rule-sets.js";
import { DEFAULT_LIMITS, type SimplifyReport, simplify } from "../../simplify/simplify.js";
import type { Term } from "../../term/term.js";
import type { Theory } from "../../theory.js";
import { integerOption, type ParsedArgs, parseArgs } from "../args.js";
import { batchOptions, batchUsage, runBatchCommand } from "../batch-options.js";
import type { Command } from "../command.js";
import { inputOptions, outputFormat, outputOptions, readExpression, theoryFor } from "../context.js";
import { jsonWanted } from "../json.js";
import { maxOutput, printResult, sharedOutputOptions, sharedOutputUsage } from "../shared-output.js";

/** Options of the saturation limits, shared with `dsat diff`. */
export const simplifyLimitOptions = {
  "node-limit": { kind: "value" },
  "iter-limit": { kind: "value" },
  "time-limit": { kind: "value" },
  "no-saturation": { kind: "flag" },
  "strict-domain": { kind: "flag" },
  report: { kind: "flag" },
  fuel: { kind: "value" },
} as const;

/** `--fuel N`: rewrites allowed per normalisation (default: grows with the input, see normalize). */
export function fuelOption(args: ParsedArgs): { fuel?: number } {
  return args.values.has("fuel") ? { fuel: integerOption(args, "fuel", 1) } : {};
}

/** The simplifier options the command line asks for. */
export function simplifyOptionsFrom(args: ParsedArgs, theory: Theory) {
  return {
    theory,
    ruleSets: simplifyRuleSets(theory),
    nodeLimit: integerOption(args, "node-limit", DEFAULT_LIMITS.nodeLimit),
    iterLimit: integerOption(args, "iter-limit", DEFAULT_LIMITS.iterLimit),
    timeLimitMs: integerOption(args, "time-limit", DEFAULT_LIMITS.timeLimitMs),
    saturate: !args.flags.has("no-saturation"),
    strictDomain: args.flags.has("strict-domain"),
    ...fuelOption(args),
  };
}

/**
 * The report, as lines for stderr: where the result is valid when it is defined more widely
 * than the input (`valid where x ≠ 0`), then why saturation stopped, the sizes and the times.
 */
export function formatReport(report: SimplifyReport, theory: Theory): string {
  const ms = (v: number) => `${v.toFixed(3)} ms`;
  const conditions = report.conditions.map((c) => formatDomainFact(c, { theory }));
  return [
    ...(conditions.length === 0 ? [] : [`valid where ${conditions.join(" and ")}`]),
    `saturation: ${report.stopReason} after ${report.iterations} iteration${report.iterations === 1 ? "" : "s"}, ${report.nodes} e-nodes, ${report.classes} e-classes`,
    `size: ${report.inputSize} -> ${report.outputSize} (result from: ${report.source})`,
    `time: cleanup ${ms(report.timeMs.cleanup)}, canonical forms ${ms(report.timeMs.canonical)}, saturation ${ms(report.timeMs.saturation)}, total ${ms(report.timeMs.total)}`,
  ].join("\n");
}

/** `--save-egraph FILE`: the e-graph as egraph-serialize JSON (see `EGraph.toJSON`). */
function saveEGraph(path: string, egraph: SerializedEGraph): void {
  try {
    writeFileSync(path, `${JSON.stringify(egraph)}\n`);
  } catch (error) {
    throw new UsageError(`cannot write '${path}': ${readFailure((error as NodeJS.ErrnoException).code)}`);
  }
}

/** When saturation did not run, the e-graph of the input alone, so the file always exists. */
function inputEGraph(term: Term): SerializedEGraph {
  const egraph = new EGraph();
  const root = egraph.add(term);
  egraph.rebuild();
  return egraph.toJSON([root]);
}

export const simplifyCommand: Command = {
  name: "simplify",
  usage: `dsat simplify <expr> | --batch FILE|- [--jobs N] [--quiet] [--json] [--format infix|parens|sexpr|latex] [--from auto|infix|sexpr] [--rules <file>]...
              [--node-limit N] [--iter-limit N] [--time-limit ms] [--no-saturation] [--report] [--explain]
              [--save-egraph FILE]
              [--strict-domain] [--fuel N] [--cse] [--max-output N]

Simplifies <expr>: the cleanup rules, then like terms collected (with and without multiplying
out), then equality saturation with the algebra, trig and exp-log rule sets (rules/*.rules,
plus any rule sets of --rules files), then the smallest equivalent term found, written the way
a person would (x^2 + 2*x + 1, x - y, x/y). The result is never larger than the input.

The result equals <expr> wherever <expr> is defined, and may be defined at more points: x/x
is 1, exp(log(x)) is x (docs/simplification.md). --report then says where it is valid
(valid where x ≠ 0). --strict-domain keeps the result defined exactly where <expr> is.

Saturation stops at the first limit reached; that is not an error, the best term so far is
printed. Defaults: --node-limit ${DEFAULT_LIMITS.nodeLimit} (e-nodes), --iter-limit ${DEFAULT_LIMITS.iterLimit}, --time-limit ${DEFAULT_LIMITS.timeLimitMs} (ms).
--no-saturation stops after the canonical forms (several times faster, slightly larger results).
--strict-domain keeps the result defined exactly where <expr> is: no domain facts are assumed,
so a common factor of a numerator and a denominator cancels only when it is nonzero everywhere
(x/x stays x/x), and rules that widen the domain (sin(asin(x)) → x) are left out.
--report prints where the result is valid (when that is narrower than where it is defined),
why saturation stopped, the sizes and the time per phase on stderr.
--fuel N caps the rewrites of the cleanup rules (default: 100 per distinct subterm of <expr>,
at least 1,000,000; exit 8 when they run out).
--save-egraph FILE writes the saturated e-graph (the input's alone when saturation did not run)
in the JSON format of the egraph-serialize crate, which egglog and e-graph viewers read and
EGraph.fromJSON loads, so a run can be resumed with more rules or higher limits.
--explain also prints a proof from <expr> to the result, one rule per step, checked by
replaying it without the e-graph (see dsat equal; exit 8 when the rules do not reach it).
${sharedOutputUsage}

${batchUsage}

Examples:
  dsat simplify "(1*x)+(x*1)"                      # 2*x
  dsat simplify "sin(x)^2 + cos(x)^2"              # 1
  dsat simplify "(x + 1)^2 - (x^2 + 2*x + 1)" --report
  dsat simplify "(1*x)+(x*1)" --explain
  dsat simplify --batch - < exprs.txt --json`,
  async run(argv, out) {
    const args = parseArgs("simplify", argv, {
      ...inputOptions,
      ...outputOptions,
      ...sharedOutputOptions,
      ...simplifyLimitOptions,
      explain: { kind: "flag" },
      "save-egraph": { kind: "value" },
      ...batchOptions,
    });
    if (args.values.has("batch")) {
      if (args.positionals.length > 0)
        throw new UsageError("with --batch, the expressions come from the file");
      return runBatchCommand("simplify", "simplify", args, out);
    }
    if (args.positionals.length > 1) {
      throw new UsageError(`simplify takes one expression, got ${args.positionals.length} (quote it)`);
    }
    const theory = theoryFor(args);
    const term = readExpression("simplify", args.positionals[0], args, theory);
    const savePath = args.values.get("save-egraph");
    let saved: SerializedEGraph | undefined;
    const { term: result, report } = simplify(term, {
      ...simplifyOptionsFrom(args, theory),
      ...(savePath === undefined ? {} : { onSaturated: (egraph, root) => (saved = egraph.toJSON([root])) }),
    });
    if (savePath !== undefined) saveEGraph(savePath, saved ?? inputEGraph(term));
    // The result is printed before its explanation is sought, which may fail (exit 8).
    // Loaded only for --explain, to keep start-up short.
    const explain = async () => {
      const { explainResult, explanationRuleSets } = await import("../../explain/explain-result.js");
      return explainResult(term, result, {
        theory,
        ruleSets: explanationRuleSets(theory, simplifyRuleSets(theory)),
        format: outputFormat(args),
        maxNodes: maxOutput(args),
      });
    };
    if (jsonWanted(args)) {
      const explanation = args.flags.has("explain") ? { explanation: await explain() } : {};
      printResult(out, result, args, theory, { report: printedReport(report, theory), ...explanation });
      return 0;
    }
    printResult(out, result, args, theory);
    if (args.flags.has("report")) out.stderr(formatReport(report, theory));
    if (args.flags.has("explain")) out.stdout(await explain());
    return 0;
  },
};
