/** Longest input line read whole by default (characters); see {@link linesOf}. */
export const DEFAULT_MAX_LINE_LENGTH = 1_000_000;

/** What {@link linesOf} yields for a line longer than its limit, instead of the line. */
export class OverlongLine {
  constructor(readonly length: number) {}
}

/**
 * The lines of a stream of text or bytes (UTF-8), one at a time, as they arrive: memory holds
 * one chunk and one line, whatever the input's size. A final line without a newline counts;
 * `\r\n` endings lose the `\r`. A line over `maxLength` characters is not kept: an
 * {@link OverlongLine} stands in its place, so one endless line cannot exhaust memory.
 *
 * @example
 * ```ts
 * for await (const line of linesOf(createReadStream("exprs.txt"))) console.log(line);
 * ```
 */
export async function* linesOf(
  source: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
  maxLength = DEFAULT_MAX_LINE_LENGTH,
): AsyncGenerator<string | OverlongLine> {
  const decoder = new TextDecoder();
  let pending = "";
  // Characters of the current line dropped so far because it is over the limit (0: none).
  let dropped = 0;
  const finish = (text: string): string | OverlongLine => {
    if (dropped > 0 || text.length > maxLength) {
      const line = new OverlongLine(dropped + text.length);
      dropped = 0;
      return line;
    }
    return text.endsWith("\r") ? text.slice(0, -1) : text;
  };
  for await (const chunk of source) {
    const text = pending + (typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true }));
    let start = 0;
    for (let end = text.indexOf("\n"); end >= 0; end = text.indexOf("\n", start)) {
      yield finish(text.slice(start, end));
      start = end + 1;
    }
    pending = text.slice(start);
    if (pending.length > maxLength) {
      dropped += pending.length;
      pending = "";
    }
  }
  pending += decoder.decode();
  if (pending !== "" || dropped > 0) yield finish(pending);
}
