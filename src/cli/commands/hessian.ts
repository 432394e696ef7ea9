import { hessian } from "../../calculus/vector-calculus.js";
import { parseArgs } from "../args.js";
import type { Command } from "../command.js";
import { readExpression, theoryFor } from "../context.js";
import { calculusCommandOptions, differentiatorFor, printCalculusResult, variablesFrom } from "./grad.js";

export const hessianCommand: Command = {
  name: "hessian",
  usage: `dsat hessian <expr> [<var>...] [--cse] [--max-output N] [--no-simplify] [--format infix|parens|sexpr|latex] [--from auto|infix|sexpr] [--rules <file>]...

Prints the matrix of second partial derivatives of <expr>: row i, column j is the derivative
by the j-th variable of the derivative by the i-th, each simplified as by dsat diff. Without
variables, they are the expression's variables in name order. Every entry is derived (the
matrix is not mirrored), so for smooth functions it comes out symmetric.

--cse binds every subexpression the entries share to a name, printed first (let t1 = …):
Hessians of products repeat large factors. Entries larger than --max-output N nodes (default
1,000,000) as trees are printed that way by themselves.

Examples:
  dsat hessian "x^2*y + y^3"              # [[2*y, 2*x], [2*x, 6*y]]
  dsat hessian "exp(x*y)*sin(x + y)" --cse`,
  run(argv, out) {
    const args = parseArgs("hessian", argv, calculusCommandOptions);
    const [expression, ...words] = args.positionals;
    const theory = theoryFor(args);
    const term = readExpression("hessian", expression, args, theory);
    const variables = variablesFrom(words, [term], theory);
    printCalculusResult(out, hessian(term, variables, differentiatorFor(args, theory)), args, theory);
    return 0;
  },
};
