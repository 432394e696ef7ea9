import type { Num, Sym, Term } from "../term/term.js";

/**
 * A total order on terms that depends only on their structure, never on the order in which
 * the term store happened to create them (term ids). The simplifier sorts sums and products
 * with it so its output is the same in every process, whatever was parsed before.
 *
 * Numbers come first (by value), then symbols (by name), then applications (by operator name,
 * then argument by argument). Comparing walks both terms with an explicit stack and stops
 * after a bounded number of steps; past that, a structural hash decides.
 */

const hashes = new Map<number, number>();

/** 32-bit FNV-1a step over the characters of `text`. */
function mix(hash: number, text: string): number {
  let h = hash;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

/**
 * A hash of the term's structure, equal for equal terms in every process (memoised by id).
 *
 * @example
 * ```ts
 * structuralHash(app("+", [sym("x"), num(1)])); // the same number in every run
 * ```
 */
export function structuralHash(root: Term): number {
  const known = hashes.get(root.id);
  if (known !== undefined) return known;
  // Post-order over the not-yet-hashed part only, with an explicit stack.
  const stack: Term[] = [root];
  while (stack.length > 0) {
    const t = stack[stack.length - 1]!;
    if (hashes.has(t.id)) {
      stack.pop();
      continue;
    }
    if (t.kind === "sym") {
      hashes.set(t.id, mix(2166136261, `s${t.name}`));
      stack.pop();
      continue;
    }
    if (t.kind === "num") {
      hashes.set(t.id, mix(2166136261, `n${t.value.key}`));
      stack.pop();
      continue;
    }
    let ready = true;
    for (const arg of t.args) {
      if (!hashes.has(arg.id)) {
        if (ready) ready = false;
        stack.push(arg);
      }
    }
    if (!ready) continue;
    let h = mix(2166136261, `a${t.op}`);
    for (const arg of t.args) h = mix(h, `,${hashes.get(arg.id)!}`);
    hashes.set(t.id, h);
    stack.pop();
  }
  return hashes.get(root.id)!;
}

const KIND_RANK = { num: 0, sym: 1, app: 2 } as const;

/** Steps of the parallel walk before {@link compareTerms} settles for the structural hash. */
const COMPARE_STEPS = 64;

/**
 * Negative, zero or positive as `a` sorts before, equal to, or after `b`. Zero only when
 * `a === b` (apart from hash collisions between huge terms, broken by id as a last resort).
 */
export function compareTerms(a: Term, b: Term): number {
  if (a === b) return 0;
  // Two leaves, or leaves of different kinds, compare without a walk (the walk's first step).
  if (a.kind !== b.kind) return KIND_RANK[a.kind] - KIND_RANK[b.kind];
  if (a.kind === "sym") return a.name < (b as Sym).name ? -1 : 1;
  if (a.kind === "num") return a.value.compare((b as Num).value);
  const left = leftStack;
  const right = rightStack;
  left.push(a);
  right.push(b);
  let order = 0;
  for (let steps = 0; left.length > 0 && steps < COMPARE_STEPS; steps++) {
    const s = left.pop()!;
    const t = right.pop()!;
    if (s === t) continue;
    order = compareHeads(s, t);
    if (order !== 0) break;
    if (s.kind === "app" && t.kind === "app") {
      for (let i = s.args.length - 1; i >= 0; i--) {
        left.push(s.args[i]!);
        right.push(t.args[i]!);
      }
    }
  }
  left.length = 0;
  right.length = 0;
  if (order !== 0) return order;
  const byHash = structuralHash(a) - structuralHash(b);
  return byHash !== 0 ? byHash : a.id - b.id;
}

// Work stacks of compareTerms, reused (it never calls itself); empty between calls.
const leftStack: Term[] = [];
const rightStack: Term[] = [];

/**
 * How two different terms compare by their top node alone: kind, then number value, symbol
 * name, or operator and argument count; 0 when that does not decide (same head).
 */
function compareHeads(s: Term, t: Term): number {
  const byKind = KIND_RANK[s.kind] - KIND_RANK[t.kind];
  if (byKind !== 0) return byKind;
  if (s.kind === "num" && t.kind === "num") return s.value.compare(t.value);
  if (s.kind === "sym" && t.kind === "sym") return s.name < t.name ? -1 : 1;
  if (s.kind === "app" && t.kind === "app") {
    if (s.op !== t.op) return s.op < t.op ? -1 : 1;
    if (s.args.length !== t.args.length) return s.args.length - t.args.length;
  }
  return 0;
}
