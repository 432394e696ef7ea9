/**
 * A map from term ids to values for the walks that run on every expression (normalisation,
 * post-order walks): an open-addressing hash table over a plain array of small integers, several times cheaper
 * per operation than a `Map<number, V>`. Clearing is O(1): each entry carries the generation
 * it was written in, and {@link TermIdMap.clear} starts a new generation, so a table can be
 * reused from call to call without being wiped or reallocated.
 *
 * @example
 * ```ts
 * const normal = new TermIdMap<Term>();
 * normal.set(t.id, u);
 * normal.get(t.id); // u
 * normal.clear();
 * normal.get(t.id); // undefined
 * ```
 */
export class TermIdMap<V> {
  private capacity: number;
  private mask: number;
  /**
   * Per slot, the generation it was written in and its id, side by side so that a probe
   * touches one cache line; a slot of an older generation is empty.
   */
  private entries: number[];
  private values: (V | undefined)[];
  private generation = 1;
  private count = 0;

  constructor(initialCapacity = 64) {
    this.capacity = powerOfTwoAtLeast(initialCapacity);
    this.mask = this.capacity - 1;
    this.entries = zeros(2 * this.capacity);
    this.values = new Array(this.capacity);
  }

  /** How many ids are mapped. */
  get size(): number {
    return this.count;
  }

  /** How many slots the table has (it grows to keep at most half of them full). */
  get slots(): number {
    return this.capacity;
  }

  /** The value for `id`, or `undefined`. */
  get(id: number): V | undefined {
    const { entries, mask, generation } = this;
    let slot = hash(id) & mask;
    while (entries[2 * slot] === generation) {
      if (entries[2 * slot + 1] === id) return this.values[slot];
      slot = (slot + 1) & mask;
    }
    return undefined;
  }

  /** Whether `id` is mapped. */
  has(id: number): boolean {
    const { entries, mask, generation } = this;
    let slot = hash(id) & mask;
    while (entries[2 * slot] === generation) {
      if (entries[2 * slot + 1] === id) return true;
      slot = (slot + 1) & mask;
    }
    return false;
  }

  /** Maps `id` to `value`, replacing an earlier value. */
  set(id: number, value: V): void {
    const { entries, mask, generation } = this;
    let slot = hash(id) & mask;
    while (entries[2 * slot] === generation) {
      if (entries[2 * slot + 1] === id) {
        this.values[slot] = value;
        return;
      }
      slot = (slot + 1) & mask;
    }
    this.place(slot, id, value);
  }

  /**
   * Maps `id` to `value` unless it is mapped already; whether it was added. One probe where
   * `has` then `set` would take two, for walks that visit each term once.
   */
  add(id: number, value: V): boolean {
    const { entries, mask, generation } = this;
    let slot = hash(id) & mask;
    while (entries[2 * slot] === generation) {
      if (entries[2 * slot + 1] === id) return false;
      slot = (slot + 1) & mask;
    }
    this.place(slot, id, value);
    return true;
  }

  /** Forgets every entry, in constant time. */
  clear(): void {
    this.count = 0;
    this.generation++;
    // Wrap before leaving the small-integer range that keeps comparisons cheap.
    if (this.generation === 0x3fffffff) {
      this.entries.fill(0);
      this.generation = 1;
    }
  }

  private place(slot: number, id: number, value: V): void {
    this.entries[2 * slot] = this.generation;
    this.entries[2 * slot + 1] = id;
    this.values[slot] = value;
    if (++this.count * 2 > this.capacity) this.grow();
  }

  private grow(): void {
    const { entries, values, generation } = this;
    this.capacity *= 2;
    this.mask = this.capacity - 1;
    this.entries = zeros(2 * this.capacity);
    this.values = new Array(this.capacity);
    // A fresh table: generation 1 is current again.
    this.generation = 1;
    for (let old = 0; old < values.length; old++) {
      if (entries[2 * old] !== generation) continue;
      const id = entries[2 * old + 1]!;
      let slot = hash(id) & this.mask;
      while (this.entries[2 * slot] === 1) slot = (slot + 1) & this.mask;
      this.entries[2 * slot] = 1;
      this.entries[2 * slot + 1] = id;
      this.values[slot] = values[old];
    }
  }
}

/**
 * A plain array of `n` zeros (small integers): unlike an `Int32Array` past 64 bytes, it lives on
 * the heap, so making one (maps are made and grown on every simplification) costs no
 * off-heap allocation.
 */
function zeros(n: number): number[] {
  return new Array<number>(n).fill(0);
}

/** Fibonacci hashing: consecutive ids (the usual case) spread over the whole table. */
function hash(id: number): number {
  const h = Math.imul(id, 0x9e3779b1);
  return h ^ (h >>> 15);
}

function powerOfTwoAtLeast(n: number): number {
  let p = 16;
  while (p < n) p *= 2;
  return p;
}
