import { readFileSync } from "node:fs";
import { defaultTheory } from "../default-theory.js";
import { UsageError } from "../errors.js";
import { loadRuleFiles } from "../node/load-rule-files.js";
import { parseExpression } from "../syntax/parse.js";
import { type OutputFormat, outputFormats } from "../syntax/print.js";
import type { Term } from "../term/term.js";
import type { Theory } from "../theory.js";
import type { OptionSpec, ParsedArgs } from "./args.js";

/** Options shared by the commands that read an expression. */
export const inputOptions: Record<string, OptionSpec> = {
  from: { kind: "value", choices: ["auto", "infix", "sexpr"] },
  rules: { kind: "list" },
  help: { kind: "flag" },
  json: { kind: "flag" },
};

/** Options shared by the commands that print an expression. */
export const outputOptions: Record<string, OptionSpec> = {
  format: { kind: "value", choices: [...outputFormats] },
};

/** The default theory, extended with every `--rules <file>` in order. */
export function theoryFor(args: ParsedArgs): Theory {
  const files = args.lists.get("rules") ?? [];
  return files.length === 0 ? defaultTheory() : loadRuleFiles(defaultTheory(), files);
}

/** The expression argument: `-` means standard input (for inputs past the argument length limit). */
export function expressionText(command: string, argument: string | undefined): string {
  if (argument === undefined) throw new UsageError(`missing the expression (see dsat ${command} --help)`);
  if (argument !== "-") return argument;
  try {
    const text = readFileSync(0, "utf8");
    // A file saved with a byte-order mark: skip it, as every text tool does.
    return text.startsWith("\uFEFF") ? text.slice(1) : text;
  } catch {
    throw new UsageError(`could not read the expression from standard input`);
  }
}

/** Parses the expression argument in the syntax `--from` names (detected by default). */
export function readExpression(
  command: string,
  argument: string | undefined,
  args: ParsedArgs,
  theory: Theory,
): Term {
  const text = expressionText(command, argument);
  const from = (args.values.get("from") ?? "auto") as "auto" | "infix" | "sexpr";
  return parseExpression(text, { theory, from });
}

/** The `--format` option (infix by default). */
export function outputFormat(args: ParsedArgs): OutputFormat {
  return (args.values.get("format") ?? "infix") as OutputFormat;
}
