import { renderSvg } from "../../egraph/dot.js";
import { UsageError } from "../../errors.js";
import { egraphPicture } from "../../explain/egraph-picture.js";
import { simplifyRuleSets } from "../../simplify/rule-sets.js";
import { DEFAULT_LIMITS } from "../../simplify/simplify.js";
import { integerOption, parseArgs } from "../args.js";
import type { Command } from "../command.js";
import { inputOptions, readExpression, theoryFor } from "../context.js";
import { jsonWanted, printJson } from "../json.js";

export const dotCommand: Command = {
  name: "dot",
  summary: "draw the e-graph of an expression (Graphviz DOT or SVG)",
  usage: `dsat dot <expr> [--saturate] [--svg] [--from auto|infix|sexpr] [--rules <file>]...
         [--node-limit N] [--iter-limit N] [--time-limit ms]

Writes the e-graph of <expr> as Graphviz DOT: one dashed box (cluster) per e-class, labelled
with its id and, when constant folding knows it, its value (#3 = 5); inside, the class's
e-nodes; an arrow from each e-node to each child class, numbered by argument when there
are several. The class of <expr> has a bold box.

--saturate first rewrites with the algebra, trig and exp-log rule sets (plus any rule sets of
--rules files) under the limits, as dsat simplify does (defaults: --node-limit ${DEFAULT_LIMITS.nodeLimit},
--iter-limit ${DEFAULT_LIMITS.iterLimit}, --time-limit ${DEFAULT_LIMITS.timeLimitMs}).
--svg lays the graph out and writes SVG instead (Graphviz compiled to WebAssembly: nothing to install).

Examples:
  dsat dot "(x+1)*2" > egraph.dot
  dsat dot "(1*x)+(x*1)" --saturate --svg > egraph.svg`,
  async run(argv, out) {
    const args = parseArgs("dot", argv, {
      ...inputOptions,
      saturate: { kind: "flag" },
      svg: { kind: "flag" },
      "node-limit": { kind: "value" },
      "iter-limit": { kind: "value" },
      "time-limit": { kind: "value" },
    });
    if (args.positionals.length !== 1) {
      throw new UsageError(`dot takes one expression, got ${args.positionals.length} (quote it)`);
    }
    const theory = theoryFor(args);
    const term = readExpression("dot", args.positionals[0], args, theory);
    const { dot } = egraphPicture(term, {
      theory,
      ...(args.flags.has("saturate") ? { saturateWith: simplifyRuleSets(theory) } : {}),
      nodeLimit: integerOption(args, "node-limit", DEFAULT_LIMITS.nodeLimit),
      iterLimit: integerOption(args, "iter-limit", DEFAULT_LIMITS.iterLimit),
      timeLimitMs: integerOption(args, "time-limit", DEFAULT_LIMITS.timeLimitMs),
    });
    const text = args.flags.has("svg") ? await renderSvg(dot) : dot;
    if (jsonWanted(args)) printJson(out, args.flags.has("svg") ? { dot, svg: text } : { dot });
    else out.stdout(text);
    return 0;
  },
};
