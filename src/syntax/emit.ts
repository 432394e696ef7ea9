/**
 * Builds a string from a tree of jobs without recursion: `expand` turns a job into its pieces
 * (literal text and sub-jobs, in output order), and the pieces are emitted depth-first from an
 * explicit stack. The printers use it so that a term nested 100,000 deep prints like any other.
 *
 * @example
 * ```ts
 * emit({ n: 2 }, (job) => (job.n === 0 ? ["x"] : ["(", { n: job.n - 1 }, ")"])); // "((x))"
 * ```
 */
export function emit<J extends object>(root: J, expand: (job: J) => readonly (string | J)[]): string {
  const out: string[] = [];
  const stack: (string | J)[] = [root];
  while (stack.length > 0) {
    const piece = stack.pop()!;
    if (typeof piece === "string") {
      out.push(piece);
      continue;
    }
    const pieces = expand(piece);
    for (let i = pieces.length - 1; i >= 0; i--) stack.push(pieces[i]!);
  }
  return out.join("");
}
