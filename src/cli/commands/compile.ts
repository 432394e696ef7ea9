import { checkVariableNames, freeVariables } from "../../calculus/free-variables.js";
import { compile } from "../../compile/compile.js";
import { UsageError } from "../../errors.js";
import { parseArgs } from "../args.js";
import type { Command } from "../command.js";
import { inputOptions, readExpression, theoryFor } from "../context.js";
import { jsonWanted, printJson } from "../json.js";
import { simplifyLimitOptions, simplifyOptionsFrom } from "./simplify.js";

export const compileCommand: Command = {
  name: "compile",
  usage: `dsat compile <expr> [--vars x,y] [--no-simplify] [--from auto|infix|sexpr] [--rules <file>]...

Simplifies <expr> (unless --no-simplify) and prints the JavaScript that compile() in the
library turns into a function of the --vars, in that order (default: the expression's
variables in name order). Each shared subexpression is computed once, as a local; the
function returns what dsat eval would, NaN outside the domain.

The text is the body of a factory, new Function("$js", "$operator", text), which returns the
function; $js(name) looks up a JavaScript function registered for rules files (:js NAME).

Examples:
  dsat compile "sin(x*y) + x*y" --vars x,y
  dsat compile "x^2*y + y^3" --vars y,x --no-simplify`,
  run(argv, out) {
    const args = parseArgs("compile", argv, {
      ...inputOptions,
      vars: { kind: "value" },
      "no-simplify": { kind: "flag" },
      ...simplifyLimitOptions,
    });
    if (args.positionals.length > 1) {
      throw new UsageError(
        `compile takes one expression, got ${args.positionals.length} (quote it; name the variables with --vars x,y)`,
      );
    }
    const theory = theoryFor(args);
    const term = readExpression("compile", args.positionals[0], args, theory);
    const listed = args.values.get("vars");
    const words =
      listed === undefined
        ? freeVariables(term)
        : listed
            .split(",")
            .map((v) => v.trim())
            .filter((v) => v !== "");
    const variables = checkVariableNames(words, [term], theory);
    const compiled = compile(term, variables, {
      theory,
      simplify: args.flags.has("no-simplify") ? false : simplifyOptionsFrom(args, theory),
    });
    if (jsonWanted(args)) printJson(out, { variables, source: compiled.source });
    else out.stdout(compiled.source);
    return 0;
  },
};
