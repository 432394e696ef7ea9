/**
 * Growable typed-array storage for the e-graph's hot data: plain integers, no objects per
 * element, amortised O(1) append. The e-graph keeps its nodes, parents, work lists and
 * match results in these so large graphs cost a few bytes per node.
 */

/** A copy of `array` with room for at least `needed` elements (doubling), or `array` itself. */
export function ensureInt32(array: Int32Array<ArrayBuffer>, needed: number): Int32Array<ArrayBuffer> {
  if (needed <= array.length) return array;
  let size = array.length === 0 ? 16 : array.length * 2;
  while (size < needed) size *= 2;
  const grown = new Int32Array(size);
  grown.set(array);
  return grown;
}

/** Like {@link ensureInt32} for byte flags. */
export function ensureUint8(array: Uint8Array<ArrayBuffer>, needed: number): Uint8Array<ArrayBuffer> {
  if (needed <= array.length) return array;
  let size = array.length === 0 ? 16 : array.length * 2;
  while (size < needed) size *= 2;
  const grown = new Uint8Array(size);
  grown.set(array);
  return grown;
}

/**
 * A growable stack (or list) of 32-bit integers.
 *
 * @example
 * ```ts
 * const stack = new IntStack();
 * stack.push(3);
 * stack.pop(); // 3
 * ```
 */
export class IntStack {
  /** The backing store; only the first {@link length} entries are meaningful. */
  items: Int32Array<ArrayBuffer>;
  length = 0;

  constructor(capacity = 16) {
    this.items = new Int32Array(capacity);
  }

  push(value: number): void {
    if (this.length === this.items.length) this.items = ensureInt32(this.items, this.length + 1);
    this.items[this.length++] = value;
  }

  /** The last value, removed. Only call when {@link length} > 0. */
  pop(): number {
    return this.items[--this.length]!;
  }

  clear(): void {
    this.length = 0;
  }

  /** A copy of the current contents. */
  toArray(): Int32Array {
    return this.items.slice(0, this.length);
  }
}
