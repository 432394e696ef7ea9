/**
 * A map from term ids to values for the memo tables of one simplifier call (human forms, tree
 * sizes, constant values): open addressing over an array of ids. It does what a
 * `Map<number, V>` does for these tables at a fraction of the cost per lookup, which matters
 * because they are consulted for every node of every candidate term. No deletion, no
 * iteration: memo tables need neither.
 *
 * @example
 * ```ts
 * const sizes = new TermIdTable<number>();
 * sizes.set(term.id, 7);
 * sizes.get(term.id); // 7
 * ```
 */
export class TermIdTable<V> {
  /** Ids by slot; -1 marks an empty slot (ids are never negative). */
  private ids: number[];
  private values: (V | undefined)[];
  private mask: number;
  /** 32 minus log2 of the capacity: the hash's top bits pick the slot. */
  private shift: number;
  private count = 0;

  /** `capacity`: a power of two (at least 2), the number of slots to start with. */
  constructor(capacity = 16) {
    this.ids = filled(capacity, -1);
    this.values = filled<V | undefined>(capacity, undefined);
    this.mask = capacity - 1;
    this.shift = 32 - Math.log2(capacity);
  }

  /** The value stored for `id`, or `undefined`. */
  get(id: number): V | undefined {
    const ids = this.ids;
    for (let slot = slotOf(id, this.shift); ; slot = (slot + 1) & this.mask) {
      const here = ids[slot]!;
      if (here === id) return this.values[slot];
      if (here === -1) return undefined;
    }
  }

  /** Whether a value is stored for `id`. */
  has(id: number): boolean {
    const ids = this.ids;
    for (let slot = slotOf(id, this.shift); ; slot = (slot + 1) & this.mask) {
      const here = ids[slot]!;
      if (here === id) return true;
      if (here === -1) return false;
    }
  }

  /** Stores `value` for `id`, replacing any earlier value. */
  set(id: number, value: V): void {
    const ids = this.ids;
    let slot = slotOf(id, this.shift);
    for (;;) {
      const here = ids[slot]!;
      if (here === id) {
        this.values[slot] = value;
        return;
      }
      if (here === -1) break;
      slot = (slot + 1) & this.mask;
    }
    ids[slot] = id;
    this.values[slot] = value;
    // At most half full, so that probes stay short.
    if (++this.count * 2 > ids.length) this.grow();
  }

  private grow(): void {
    const oldIds = this.ids;
    const oldValues = this.values;
    const capacity = oldIds.length * 2;
    this.ids = filled(capacity, -1);
    this.values = filled<V | undefined>(capacity, undefined);
    this.mask = capacity - 1;
    this.shift--;
    for (let i = 0; i < oldIds.length; i++) {
      const id = oldIds[i]!;
      if (id === -1) continue;
      let slot = slotOf(id, this.shift);
      while (this.ids[slot] !== -1) slot = (slot + 1) & this.mask;
      this.ids[slot] = id;
      this.values[slot] = oldValues[i];
    }
  }
}

/** An array of `length` copies of `value`, built by pushing so that it has no holes. */
function filled<T>(length: number, value: T): T[] {
  const array: T[] = [];
  for (let i = 0; i < length; i++) array.push(value);
  return array;
}

/** Where `id` is first looked for: Fibonacci hashing, so that runs of ids spread out. */
function slotOf(id: number, shift: number): number {
  return Math.imul(id, 0x9e3779b1) >>> shift;
}
