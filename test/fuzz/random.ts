/**
 * The fuzzer's source of randomness: a small seeded generator (SplitMix32), so that input
 * number `index` of a run with seed `seed` is the same text on every machine and in every
 * process. A failure is reproduced from its seed and index alone.
 */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed | 0;
  }

  /** The generator for input `index` of the run with `seed`: independent of every other index. */
  static forInput(seed: number, index: number): Random {
    const mixed = new Random(seed ^ Math.imul(index + 1, 0x9e3779b9));
    mixed.next();
    return new Random(mixed.next() ^ index);
  }

  /** A uniform 32-bit unsigned integer. */
  next(): number {
    this.state = (this.state + 0x9e3779b9) | 0;
    let z = this.state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  }

  /** A uniform double in [0, 1). */
  float(): number {
    return this.next() / 2 ** 32;
  }

  /** A uniform integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.float() * items.length)]!;
  }

  /** One of `options`, each chosen in proportion to its weight. */
  weighted<T>(options: readonly (readonly [number, T])[]): T {
    let total = 0;
    for (const [weight] of options) total += weight;
    let r = this.float() * total;
    for (const [weight, value] of options) {
      r -= weight;
      if (r < 0) return value;
    }
    return options[options.length - 1]![1];
  }
}
