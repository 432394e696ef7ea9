import { UsageError } from "../../errors.js";
import { printTerm } from "../../syntax/print.js";
import { parseArgs } from "../args.js";
import type { Command } from "../command.js";
import { inputOptions, outputFormat, outputOptions, readExpression, theoryFor } from "../context.js";
import { jsonWanted, printJson, termFields } from "../json.js";

export const parseCommand: Command = {
  name: "parse",
  usage: `dsat parse <expr> [--format infix|parens|sexpr|latex] [--from auto|infix|sexpr] [--rules <file>]...

Reads <expr> (infix such as "3*(y + x)" or an S-expression such as "(* 3 (+ y x))";
"-" reads standard input) and prints it in the chosen syntax (infix by default).

Example:
  dsat parse "3*(y + x)" --format parens      prints (3*(y+x))
  dsat parse "sin(x)^2/(1 + x)" --format latex prints \\frac{\\sin\\left(x\\right)^{2}}{1 + x}`,
  run(argv, out) {
    const args = parseArgs("parse", argv, { ...inputOptions, ...outputOptions });
    if (args.positionals.length > 1) throw new UsageError("expects one expression (quote it)");
    const theory = theoryFor(args);
    const term = readExpression("parse", args.positionals[0], args, theory);
    if (jsonWanted(args))
      printJson(out, { ...termFields(term, theory), parens: printTerm(term, { format: "parens", theory }) });
    else out.stdout(printTerm(term, { format: outputFormat(args), theory }));
    return 0;
  },
};
