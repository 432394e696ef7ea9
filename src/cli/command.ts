/** Where a command writes: injectable so tests can run commands in-process. */
export interface Output {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Resolves once stdout has room again (long batch runs wait here, so memory stays flat). */
  drained?(): Promise<void>;
  /** The stream behind `stderr` when it is a terminal, for a progress bar. */
  terminal?: NodeJS.WriteStream;
}

/** One `dsat <name>` subcommand. */
export interface Command {
  readonly name: string;
  /** The full `dsat <name> --help` text. */
  readonly usage: string;
  /** Runs with the arguments after the command name; returns the exit code. */
  run(argv: readonly string[], out: Output): number | Promise<number>;
}
