/**
 * A scratch map from term ids to non-negative integers, for one walk at a time: typed arrays
 * indexed by id (term ids count up from 0, so they are dense) and emptied in constant time
 * by moving to a new generation. The simplifier walks many small terms; for those this is
 * several times cheaper than a `Map`, which hashes every key and grows as it fills.
 *
 * Not reentrant: whoever holds it must finish with it before anyone else calls {@link clear}.
 *
 * @example
 * ```ts
 * const index = new DenseIdMap();
 * index.clear();
 * index.set(term.id, 0);
 * index.get(term.id); // 0
 * index.get(other.id); // -1
 * ```
 */
export class DenseIdMap {
  /** The generation each id was last set in; entries of older generations are absent. */
  private stamps = new Int32Array(1024);
  private values = new Int32Array(1024);
  private generation = 1;

  /** Forgets every entry. */
  clear(): void {
    if (this.generation === 0x7fff_ffff) {
      this.stamps.fill(0);
      this.generation = 0;
    }
    this.generation++;
  }

  /** The value set for `id` since the last {@link clear}, or -1. */
  get(id: number): number {
    return id < this.stamps.length && this.stamps[id] === this.generation ? this.values[id]! : -1;
  }

  /** Sets the value for `id` (a non-negative integer below 2^31). */
  set(id: number, value: number): void {
    if (id >= this.stamps.length) this.grow(id);
    this.stamps[id] = this.generation;
    this.values[id] = value;
  }

  private grow(id: number): void {
    const length = Math.max(id + 1, this.stamps.length * 2);
    const stamps = new Int32Array(length);
    stamps.set(this.stamps);
    const values = new Int32Array(length);
    values.set(this.values);
    this.stamps = stamps;
    this.values = values;
  }
}
