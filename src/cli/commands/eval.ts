import { exactBindings } from "../../eval/bindings.js";
import { evaluateMixed, formatMixed } from "../../eval/evaluate-mixed.js";
import { requireDefinedSomewhere } from "../../simplify/defined-nowhere.js";
import { parseArgs } from "../args.js";
import { batchOptions, batchUsage, runBatchCommand } from "../batch-options.js";
import type { Command } from "../command.js";
import { inputOptions, readExpression, theoryFor } from "../context.js";
import { jsonWanted, printJson } from "../json.js";

export const evalCommand: Command = {
  name: "eval",
  usage: `dsat eval <expr> [name=value]... | --batch FILE|- [name=value]... [--jobs N] [--quiet] [--json] [--float] [--from auto|infix|sexpr] [--rules <file>]...

Evaluates <expr> with the given variable values. Values are exact numbers ("2", "-1/3",
"0.1"); when every step is rational the result is exact ("2/3"), otherwise a float.
--float always prints a floating-point result. Numbers no double holds (1e400, 1e-400) are
exact as long as they can be: sin(1) + 1e400 - 1e400 is 0.8414709848078965.

Exit codes: 6 a variable has no value, 7 a division by zero, 10 a point outside an operator's
domain (log(-1)), 8 a value that floating point cannot hold (2^(10^100000) overflows).

${batchUsage}

Examples:
  dsat eval "3*(y + x)" x=2 y=4       prints 18
  dsat eval "1/3 + x" x=1/3           prints 2/3
  dsat eval "sin(x)" x=1              prints 0.8414709848078965
  dsat eval --batch exprs.txt x=1 y=2          # lines expr, or expr<TAB>x=1 y=2`,
  run(argv, out) {
    const args = parseArgs("eval", argv, { ...inputOptions, float: { kind: "flag" }, ...batchOptions });
    if (args.values.has("batch")) return runBatchCommand("eval", "eval", args, out);
    const [expression, ...bindings] = args.positionals;
    const exactEnv = exactBindings(bindings);
    const theory = theoryFor(args);
    const term = readExpression("eval", expression, args, theory);
    // Defined nowhere (3/(2*x - (x + x))): the error names the zero divisor, at any point.
    requireDefinedSomewhere(term, theory);
    const value = evaluateMixed(term, exactEnv, { theory });
    const text = formatMixed(value, args.flags.has("float"));
    if (jsonWanted(args))
      printJson(out, { value: text, exact: "exact" in value && !args.flags.has("float") });
    else out.stdout(text);
    return 0;
  },
};
