import { UsageError } from "../errors.js";

/** How one `--option` of a command is read. */
export interface OptionSpec {
  /** `flag`: present or not; `value`: takes the next argument; `list`: a value that may repeat. */
  readonly kind: "flag" | "value" | "list";
  /** For `value` options: the accepted values, when the set is closed. */
  readonly choices?: readonly string[];
}

/** Parsed command line: positional arguments in order, and the options by name. */
export interface ParsedArgs {
  readonly positionals: string[];
  readonly flags: ReadonlySet<string>;
  readonly values: ReadonlyMap<string, string>;
  readonly lists: ReadonlyMap<string, string[]>;
}

/**
 * Splits `argv` into options and positionals. Only `--name` words that the command declares
 * are options: anything else, including `-x^2` and the lone `-` (standard input), is a
 * positional, so expressions starting with a minus need no quoting tricks. `--` ends options.
 */
export function parseArgs(
  command: string,
  argv: readonly string[],
  options: Record<string, OptionSpec>,
): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Set<string>();
  const values = new Map<string, string>();
  const lists = new Map<string, string[]>();
  let onlyPositionals = false;
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if (onlyPositionals || !word.startsWith("--") || word.length === 2) {
      if (word === "--" && !onlyPositionals) onlyPositionals = true;
      else positionals.push(word);
      continue;
    }
    const eq = word.indexOf("=");
    const name = word.slice(2, eq < 0 ? undefined : eq);
    const spec = options[name];
    if (spec === undefined) throw new UsageError(`unknown option '--${name}' (see dsat ${command} --help)`);
    if (spec.kind === "flag") {
      if (eq >= 0) throw new UsageError(`option '--${name}' takes no value`);
      flags.add(name);
      continue;
    }
    let value: string;
    if (eq >= 0) value = word.slice(eq + 1);
    else {
      if (i + 1 >= argv.length) throw new UsageError(`option '--${name}' needs a value`);
      value = argv[++i]!;
    }
    if (spec.choices && !spec.choices.includes(value)) {
      throw new UsageError(`'--${name}' must be one of ${spec.choices.join(", ")}, not '${value}'`);
    }
    if (spec.kind === "value") values.set(name, value);
    else lists.set(name, [...(lists.get(name) ?? []), value]);
  }
  return { positionals, flags, values, lists };
}

/** A positive integer option, or its default; a UsageError for anything else. */
export function integerOption(args: ParsedArgs, name: string, fallback: number): number {
  const text = args.values.get(name);
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text) || Number(text) <= 0) {
    throw new UsageError(`'--${name}' must be a positive whole number, not '${text}'`);
  }
  return Number(text);
}
