/**
 * The term store's index of applications with one or two children: an open-addressing hash
 * table over integers (operator number, child ids) in typed arrays. Almost every term is
 * unary or binary, so this is the store's hot path; a `Map` keyed on a packed double or a
 * string cost several times more per lookup.
 */
export class ApplicationTable<V> {
  private capacity = 1 << 12;
  private mask = this.capacity - 1;
  /**
   * Per slot, the key as (operator, first, second) in consecutive integers, so that a probe
   * reads one cache line (separate arrays cost a miss each when the table is cold); an
   * operator of -1 marks an empty slot.
   */
  private keys = new Int32Array(KEY_WIDTH * this.capacity).fill(-1);
  private values: (V | undefined)[] = new Array(this.capacity);
  private count = 0;

  /** The value stored for `(op, first, second)`; `second` is -1 for one child. */
  get(op: number, first: number, second: number): V | undefined {
    const keys = this.keys;
    let slot = hash(op, first, second) & this.mask;
    for (;;) {
      const at = slot * KEY_WIDTH;
      const o = keys[at]!;
      if (o === -1) return undefined;
      if (o === op && keys[at + 1] === first && keys[at + 2] === second) return this.values[slot];
      slot = (slot + 1) & this.mask;
    }
  }

  /** Stores `value` for a key that is not in the table yet. */
  insert(op: number, first: number, second: number, value: V): void {
    if ((this.count + 1) * 2 > this.capacity) this.grow();
    this.place(op, first, second, value);
    this.count++;
  }

  private place(op: number, first: number, second: number, value: V): void {
    const keys = this.keys;
    let slot = hash(op, first, second) & this.mask;
    while (keys[slot * KEY_WIDTH] !== -1) slot = (slot + 1) & this.mask;
    const at = slot * KEY_WIDTH;
    keys[at] = op;
    keys[at + 1] = first;
    keys[at + 2] = second;
    this.values[slot] = value;
  }

  private grow(): void {
    const { keys, values } = this;
    this.capacity *= 2;
    this.mask = this.capacity - 1;
    this.keys = new Int32Array(KEY_WIDTH * this.capacity).fill(-1);
    this.values = new Array(this.capacity);
    for (let slot = 0; slot < values.length; slot++) {
      const at = slot * KEY_WIDTH;
      if (keys[at] !== -1) this.place(keys[at]!, keys[at + 1]!, keys[at + 2]!, values[slot]!);
    }
  }
}

/** Integers per key: operator, first and second child id, and one unused to keep slots aligned. */
const KEY_WIDTH = 4;

function hash(op: number, first: number, second: number): number {
  let h = Math.imul(op ^ 0x5bd1e995, 0x9e3779b1);
  h = Math.imul(h ^ first, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13) ^ second, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
