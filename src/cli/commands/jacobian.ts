import { parseExpressionList } from "../../calculus/expression-list.js";
import { jacobian } from "../../calculus/vector-calculus.js";
import { parseArgs } from "../args.js";
import type { Command } from "../command.js";
import { expressionText, theoryFor } from "../context.js";
import { calculusCommandOptions, differentiatorFor, printCalculusResult, variablesFrom } from "./grad.js";

export const jacobianCommand: Command = {
  name: "jacobian",
  usage: `dsat jacobian "[<expr>, <expr>, …]" [<var>...] [--cse] [--max-output N] [--no-simplify] [--format infix|parens|sexpr|latex] [--from auto|infix|sexpr] [--rules <file>]...

Prints the Jacobian matrix of a vector of expressions: row i is the gradient of the i-th
expression. Without variables, they are the variables of all the expressions in name order.
Entries may be infix or S-expressions; commas inside parentheses belong to the entry.
--cse binds every subexpression the entries share to a name, printed first (let t1 = …);
entries larger than --max-output N nodes (default 1,000,000) as trees are printed that way by themselves.

Examples:
  dsat jacobian "[x*y, x + y]"            # [[y, x], [1, 1]]
  dsat jacobian "[r*cos(t), r*sin(t)]" r t`,
  run(argv, out) {
    const args = parseArgs("jacobian", argv, calculusCommandOptions);
    const [list, ...words] = args.positionals;
    const theory = theoryFor(args);
    const from = (args.values.get("from") ?? "auto") as "auto" | "infix" | "sexpr";
    const terms = parseExpressionList(expressionText("jacobian", list), { theory, from });
    const variables = variablesFrom(words, terms, theory);
    printCalculusResult(out, jacobian(terms, variables, differentiatorFor(args, theory)), args, theory);
    return 0;
  },
};
