import { LimitError } from "../errors.js";
import { formatCount } from "../format-count.js";

/**
 * The printers' output buffer. Appending piece by piece to a string builds a rope that takes
 * about twelve bytes a character until it is read; a printed tree of millions of nodes would
 * take gigabytes. So every {@link CHUNK} characters the printer hands its text over: it is
 * flattened (reading a character does that) and kept, and the pieces are joined at the end,
 * at two or three bytes a character.
 *
 * @example
 * ```ts
 * const chunks = new TextChunks();
 * let out = "";
 * for (const piece of pieces) out = chunks.flush(out + piece);
 * return chunks.finish(out);
 * ```
 */
export class TextChunks {
  private readonly chunks: string[] = [];
  private length = 0;

  /** `text` itself while it is short; once it is long, keeps it and returns "" to go on with. */
  flush(text: string): string {
    if (text.length < CHUNK) return text;
    this.keep(text);
    return "";
  }

  /** The whole text: what was kept, then `rest`. */
  finish(rest: string): string {
    if (this.chunks.length === 0) return rest;
    this.keep(rest);
    return this.chunks.join("");
  }

  private keep(text: string): void {
    this.length += text.length;
    if (this.length > MAX_TEXT_LENGTH) {
      throw new LimitError(
        "size",
        `the printed text would be more than ${formatCount(MAX_TEXT_LENGTH)} characters long, the most a JavaScript string holds; print it with shared subexpressions (--cse; commonSubexpressions in the library)`,
      );
    }
    text.charCodeAt(0); // flattens the rope
    this.chunks.push(text);
  }
}

const CHUNK = 1 << 16;
/** V8's longest string (2^29 − 24 characters). */
const MAX_TEXT_LENGTH = 2 ** 29 - 24;
