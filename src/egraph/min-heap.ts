/**
 * A binary min-heap of ids by cost: `pop` gives the id of least cost (of equal costs, any).
 * Used for shortest explanation routes and for loading e-graph files in a stable order.
 */
export class MinHeap {
  private costs: number[] = [];
  private ids: number[] = [];

  get size(): number {
    return this.ids.length;
  }

  /** Adds `id` with `cost`. */
  push(cost: number, id: number): void {
    const costs = this.costs;
    const ids = this.ids;
    let i = ids.length;
    costs.push(cost);
    ids.push(id);
    while (i > 0) {
      const up = (i - 1) >> 1;
      if (costs[up]! <= cost) break;
      costs[i] = costs[up]!;
      ids[i] = ids[up]!;
      i = up;
    }
    costs[i] = cost;
    ids[i] = id;
  }

  /** Removes and returns the id of least cost; the heap must not be empty. */
  pop(): number {
    const costs = this.costs;
    const ids = this.ids;
    const top = ids[0]!;
    const lastCost = costs.pop()!;
    const lastId = ids.pop()!;
    const n = ids.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= n) break;
        if (child + 1 < n && costs[child + 1]! < costs[child]!) child++;
        if (costs[child]! >= lastCost) break;
        costs[i] = costs[child]!;
        ids[i] = ids[child]!;
        i = child;
      }
      costs[i] = lastCost;
      ids[i] = lastId;
    }
    return top;
  }
}
