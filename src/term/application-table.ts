/**
 * The term store's index of applications with one or two children: an open-addressing hash
 * table over integers (operator number, child ids) in typed arrays. Almost every term is
 * unary or binary, so this is the store's hot path; a `Map` keyed on a packed double or a
 * string cost several times more per lookup.
 */
export class ApplicationTable<V> {
  private capacity = 1 << 12;
  private mask = this.capacity - 1;
  /** -1 marks an empty slot. */
  private ops = new Int32Array(this.capacity).fill(-1);
  private firsts = new Int32Array(this.capacity);
  private seconds = new Int32Array(this.capacity);
  private values: (V | undefined)[] = new Array(this.capacity);
  private count = 0;

  /** The value stored for `(op, first, second)`; `second` is -1 for one child. */
  get(op: number, first: number, second: number): V | undefined {
    let slot = hash(op, first, second) & this.mask;
    for (;;) {
      const o = this.ops[slot]!;
      if (o === -1) return undefined;
      if (o === op && this.firsts[slot] === first && this.seconds[slot] === second) return this.values[slot];
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
    let slot = hash(op, first, second) & this.mask;
    while (this.ops[slot] !== -1) slot = (slot + 1) & this.mask;
    this.ops[slot] = op;
    this.firsts[slot] = first;
    this.seconds[slot] = second;
    this.values[slot] = value;
  }

  private grow(): void {
    const { ops, firsts, seconds, values } = this;
    this.capacity *= 2;
    this.mask = this.capacity - 1;
    this.ops = new Int32Array(this.capacity).fill(-1);
    this.firsts = new Int32Array(this.capacity);
    this.seconds = new Int32Array(this.capacity);
    this.values = new Array(this.capacity);
    for (let i = 0; i < ops.length; i++) {
      if (ops[i] !== -1) this.place(ops[i]!, firsts[i]!, seconds[i]!, values[i]!);
    }
  }
}

function hash(op: number, first: number, second: number): number {
  let h = Math.imul(op ^ 0x5bd1e995, 0x9e3779b1);
  h = Math.imul(h ^ first, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13) ^ second, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
