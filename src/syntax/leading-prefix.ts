import type { App, Term } from "../term/term.js";

/**
 * What {@link startsWithPrefix} asks of a printer: how it prints an application (its operand
 * shape's `kind`: `binary` has a left operand to walk down to, `prefix` starts with its symbol,
 * anything else is one unit), and whether it wraps a binary application's left operand.
 */
export interface LeftSpine<S extends { readonly kind: string }> {
  shapeOf(term: App): S;
  wrapsLeft(parent: App, shape: S): boolean;
}

/**
 * Whether the printed form of `root` starts with a prefix symbol (`-x*y`, `-3`, `-1/2`), found
 * down the left spine of operands printed without parentheses, without recursion. The infix and
 * LaTeX printers share it (each wraps a right operand that starts so: `x - (-y)`); they differ
 * only in shapes and in when a left operand is wrapped. With `memo`, the answer is remembered
 * for every application on the walked spine.
 */
export function startsWithPrefix<S extends { readonly kind: string }>(
  root: Term,
  spine: LeftSpine<S>,
  memo?: Map<number, boolean>,
): boolean {
  const walked: App[] = [];
  let answer: boolean;
  for (let t = root; ; ) {
    if (t.kind === "num") {
      answer = t.value.isNegative();
      break;
    }
    if (t.kind === "sym") {
      answer = false;
      break;
    }
    const known = memo?.get(t.id);
    if (known !== undefined) {
      answer = known;
      break;
    }
    const shape = spine.shapeOf(t);
    if (shape.kind !== "binary") {
      answer = shape.kind === "prefix";
      break;
    }
    walked.push(t);
    if (spine.wrapsLeft(t, shape)) {
      answer = false;
      break;
    }
    t = t.args[0]!;
  }
  if (memo !== undefined) for (const t of walked) memo.set(t.id, answer);
  return answer;
}
