/**
 * Pages of docs/ whose commands a test runs. The conventions: a fenced block right after
 * `<!-- file: NAME -->` is the content of NAME at that point of the page; a ```console block
 * holds `$ command` lines, each followed by its expected output (stdout, then stderr). In
 * expected output, `…` matches any text, and a line of only `…` any number of lines.
 */

export type Step =
  | { readonly kind: "file"; readonly name: string; readonly content: string; readonly line: number }
  | {
      readonly kind: "command";
      readonly command: string;
      readonly expected: string[];
      readonly line: number;
    };

/** The page's files and commands, in order. */
export function stepsOf(markdown: string): Step[] {
  const lines = markdown.split("\n");
  const steps: Step[] = [];
  let i = 0;
  while (i < lines.length) {
    const fence = /^```(\w*)$/.exec(lines[i]!);
    if (fence === null) {
      i++;
      continue;
    }
    const start = i + 1;
    let end = start;
    while (end < lines.length && lines[end] !== "```") end++;
    const body = lines.slice(start, end);
    const marker = /^<!-- file: (\S+) -->$/.exec(lines[i - 1] ?? "");
    if (marker !== null) {
      steps.push({ kind: "file", name: marker[1]!, content: `${body.join("\n")}\n`, line: start });
    } else if (fence[1] === "console") {
      let current: { command: string; expected: string[]; line: number } | undefined;
      body.forEach((text, k) => {
        if (text.startsWith("$ ")) {
          if (current !== undefined) steps.push({ kind: "command", ...current });
          current = { command: text.slice(2), expected: [], line: start + k + 1 };
        } else {
          if (current === undefined) throw new Error(`line ${start + k + 1}: output before any command`);
          current.expected.push(text);
        }
      });
      if (current !== undefined) steps.push({ kind: "command", ...current });
    }
    i = end + 1;
  }
  return steps;
}

/** Shell words: blanks separate, single and double quotes group (no escapes or expansions needed). */
export function shellWords(command: string): string[] {
  const words: string[] = [];
  const pattern = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (const m of command.matchAll(pattern)) words.push(m[1] ?? m[2] ?? m[3]!);
  return words;
}

/** Whether `actual` lines match `expected` lines with the `…` wildcards. */
export function matches(expected: readonly string[], actual: readonly string[]): boolean {
  const lineMatches = (pattern: string, text: string) =>
    new RegExp(`^${pattern.split("…").map(escapeRegExp).join(".*")}$`).test(text);
  // Dynamic programming over (expected, actual) positions; a "…" line absorbs any run of lines.
  const memo = new Map<string, boolean>();
  const from = (e: number, a: number): boolean => {
    const key = `${e},${a}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let result: boolean;
    if (e === expected.length) result = a === actual.length;
    else if (expected[e] === "…") result = from(e + 1, a) || (a < actual.length && from(e, a + 1));
    else result = a < actual.length && lineMatches(expected[e]!, actual[a]!) && from(e + 1, a + 1);
    memo.set(key, result);
    return result;
  };
  return from(0, 0);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
