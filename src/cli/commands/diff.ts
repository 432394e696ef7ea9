import { derivative } from "../../calculus/derivative.js";
import { checkVariableNames } from "../../calculus/free-variables.js";
import { ExitCode, UsageError } from "../../errors.js";
import { printedReport } from "../../simplify/printed-report.js";
import { simplifyRuleSets } from "../../simplify/rule-sets.js";
import type { SimplifyReport } from "../../simplify/simplify.js";
import type { Term } from "../../term/term.js";
import { parseArgs } from "../args.js";
import { batchOptions, batchUsage, runBatchCommand } from "../batch-options.js";
import type { Command } from "../command.js";
import { inputOptions, outputFormat, outputOptions, readExpression, theoryFor } from "../context.js";
import { jsonWanted } from "../json.js";
import { maxOutput, printResult, sharedOutputOptions, sharedOutputUsage } from "../shared-output.js";
import { formatReport, fuelOption, simplifyLimitOptions, simplifyOptionsFrom } from "./simplify.js";

export const diffCommand: Command = {
  name: "diff",
  usage: `dsat diff <expr> <var>... | --batch FILE|- [<var>...] [--jobs N] [--quiet]
         [--json] [--raw | --no-simplify] [--steps | --explain] [--format infix|parens|sexpr|latex] [--from auto|infix|sexpr] [--rules <file>]...
         [--cse] [--max-output N]

Differentiates <expr> with respect to each <var> in turn (dsat diff f x x is the second
derivative, dsat diff f x y a mixed partial). The derivative comes from the rules in
rules/diff.rules (plus any --rules files); --raw prints it exactly as the rules produce it,
--no-simplify after the cleanup rules only; by default it is simplified as by dsat simplify
(which see for --node-limit, --iter-limit, --time-limit, --no-saturation, --strict-domain and
--report), on the domain of <expr>: the result equals the derivative wherever <expr> is defined.
--fuel N caps the rewrites of each rule set run (default: 100 per distinct subterm of the
input, at least 1,000,000).
--steps then prints, per variable, the derivative rules in the order they fired, each with
the subterm it rewrote, and a checked explanation from the raw derivative to the result
(exit 8 when the rules do not reach it; see dsat equal). --explain is another name for --steps,
as in dsat simplify.
${sharedOutputUsage}

${batchUsage}

Examples:
  dsat diff "x^2 + x*y + y^3" x
  dsat diff "x*x + (x*y + y*(y*y))" x --raw --format parens
  dsat diff "sinh(2*x)" x --rules my-operators.rules
  dsat diff --batch exprs.tsv --jobs 2          # lines expr<TAB>var; or --batch - x for lines of expr`,
  async run(argv, out) {
    const args = parseArgs("diff", argv, {
      ...inputOptions,
      ...outputOptions,
      ...sharedOutputOptions,
      raw: { kind: "flag" },
      "no-simplify": { kind: "flag" },
      steps: { kind: "flag" },
      // What dsat simplify calls it: the same flag here.
      explain: { kind: "flag" },
      ...simplifyLimitOptions,
      ...batchOptions,
    });
    if (args.values.has("batch")) return runBatchCommand("diff", "diff", args, out);
    const [expression, ...words] = args.positionals;
    if (words.length === 0) throw new UsageError('name at least one variable, e.g. dsat diff "x^2" x');
    const theory = theoryFor(args);
    const original = readExpression("diff", expression, args, theory);
    const variables = checkVariableNames(words, [original], theory);
    let term: Term = original;
    const raw = args.flags.has("raw");
    const showSteps = args.flags.has("steps") || args.flags.has("explain");
    // Simplified after each variable (unless --raw or --no-simplify), so a second derivative starts small.
    const simplifying = !raw && !args.flags.has("no-simplify");
    const steps: string[] = [];
    // The explanation machinery is loaded only for --steps, to keep start-up short.
    const explaining = showSteps
      ? {
          ...(await import("../../explain/derivative-steps.js")),
          ...(await import("../../explain/explain-result.js")),
        }
      : undefined;
    const reports: SimplifyReport[] = [];
    let unexplained = false;
    for (const v of variables) {
      const input = term;
      // On the function's domain: log(x*y) is defined only where x*y > 0, so y/(x*y) is 1/x.
      const derived = derivative(term, v, {
        theory,
        raw,
        simplify: simplifying && simplifyOptionsFrom(args, theory),
        ...fuelOption(args),
        assumeDefined: [original],
      });
      term = derived.term;
      if (derived.report !== undefined) {
        reports.push(derived.report);
        if (args.flags.has("report") && !jsonWanted(args)) out.stderr(formatReport(derived.report, theory));
      }
      if (explaining) {
        const ruleSets = simplifying
          ? explaining.explanationRuleSets(theory, simplifyRuleSets(theory))
          : ["cleanup"];
        const shown = explaining.derivativeSteps(input, v, {
          theory,
          result: term,
          ruleSets,
          format: outputFormat(args),
          maxNodes: maxOutput(args),
        });
        steps.push(shown.text);
        if (shown.unexplained !== undefined) unexplained = true;
      }
    }
    printResult(out, term, args, theory, {
      variables,
      reports: reports.map((r) => printedReport(r, theory)),
      ...(steps.length > 0 ? { steps } : {}),
    });
    if (!jsonWanted(args)) for (const text of steps) out.stdout(text);
    return unexplained ? ExitCode.limit : 0;
  },
};
