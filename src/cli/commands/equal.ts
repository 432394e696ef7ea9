import { UsageError } from "../../errors.js";
import { describeStop, explanationRuleSets } from "../../explain/explain-result.js";
import { formatProof } from "../../explain/print.js";
import { DEFAULT_PROOF_LIMITS, proveEqual } from "../../explain/prove.js";
import { simplifyRuleSets } from "../../simplify/rule-sets.js";
import { integerOption, parseArgs } from "../args.js";
import type { Command } from "../command.js";
import { inputOptions, outputFormat, outputOptions, readExpression, theoryFor } from "../context.js";
import { jsonWanted, printJson } from "../json.js";

export const equalCommand: Command = {
  name: "equal",
  usage: `dsat equal <a> <b> [--explain] [--format infix|parens|sexpr|latex] [--from auto|infix|sexpr] [--rules <file>]...
           [--node-limit N] [--iter-limit N] [--time-limit ms]

Puts <a> and <b> in one e-graph and rewrites with the cleanup, algebra, trig and exp-log rule
sets (plus any rule sets of --rules files) until the two are in one class or a limit stops
the search. Prints "equal" (exit 0) or "not shown equal within limits" and why the search
stopped (exit 1): the rules may not reach every identity, so that is not a proof of
inequality. --explain prints the proof: the terms from <a> to <b>, one rule applied at one
place per line (or one constant folded), each step checked by replaying it without the
e-graph before anything is printed.

Defaults: --node-limit ${DEFAULT_PROOF_LIMITS.nodeLimit} (e-nodes), --iter-limit ${DEFAULT_PROOF_LIMITS.iterLimit}, --time-limit ${DEFAULT_PROOF_LIMITS.timeLimitMs} (ms).

Examples:
  dsat equal "(x+1)^2" "x^2 + 2*x + 1" --explain
  dsat equal "sin(x)^2 + cos(x)^2" 1
  dsat equal "x/x" 1                            # not shown: x may be 0`,
  run(argv, out) {
    const args = parseArgs("equal", argv, {
      ...inputOptions,
      ...outputOptions,
      explain: { kind: "flag" },
      "node-limit": { kind: "value" },
      "iter-limit": { kind: "value" },
      "time-limit": { kind: "value" },
    });
    if (args.positionals.length !== 2) {
      throw new UsageError(`equal takes two expressions, got ${args.positionals.length} (quote each one)`);
    }
    if (args.positionals[0] === "-" && args.positionals[1] === "-") {
      throw new UsageError("only one of the two expressions can come from standard input");
    }
    const theory = theoryFor(args);
    const a = readExpression("equal", args.positionals[0], args, theory);
    const b = readExpression("equal", args.positionals[1], args, theory);
    const result = proveEqual(a, b, {
      theory,
      ruleSets: explanationRuleSets(theory, simplifyRuleSets(theory)),
      nodeLimit: integerOption(args, "node-limit", DEFAULT_PROOF_LIMITS.nodeLimit),
      iterLimit: integerOption(args, "iter-limit", DEFAULT_PROOF_LIMITS.iterLimit),
      timeLimitMs: integerOption(args, "time-limit", DEFAULT_PROOF_LIMITS.timeLimitMs),
    });
    if (result.proof === undefined) {
      if (jsonWanted(args)) printJson(out, { equal: false, stop: describeStop(result) });
      else out.stdout(`not shown equal within limits (${describeStop(result)})`);
      return 1;
    }
    const proof = args.flags.has("explain")
      ? formatProof(result.proof, { theory, format: outputFormat(args) })
      : undefined;
    if (jsonWanted(args)) printJson(out, { equal: true, ...(proof === undefined ? {} : { proof }) });
    else {
      out.stdout("equal");
      if (proof !== undefined) out.stdout(proof);
    }
    return 0;
  },
};
