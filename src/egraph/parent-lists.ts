import { ensureInt32 } from "./int-buffer.js";

/**
 * Each e-class's parents: the e-nodes that have the class as a child, as the nodes were
 * created (their canonical forms are derived when needed). A list per class, linked through
 * cells in typed arrays, so a union concatenates two lists in O(1), as egg concatenates
 * vectors. Rebuilding walks the parents of a merged class to find the nodes it made stale.
 *
 * @example
 * ```ts
 * const parents = new ParentLists();
 * parents.grow(2);
 * parents.reset(0);
 * parents.reset(1);
 * parents.add(1, 7); // node 7 has class 1 as a child
 * parents.concatenate(0, 1); // class 1 merged into class 0
 * for (let c = parents.first(0); c >= 0; c = parents.next(c)) parents.node(c); // 7
 * ```
 */
export class ParentLists {
  private firstCell = new Int32Array(64);
  private lastCell = new Int32Array(64);
  private counts = new Int32Array(64);
  private cellNode = new Int32Array(256);
  private cellNext = new Int32Array(256);
  private cellCount = 0;

  /** Makes room for class ids below `classCount`. */
  grow(classCount: number): void {
    if (classCount <= this.firstCell.length) return;
    this.firstCell = ensureInt32(this.firstCell, classCount);
    this.lastCell = ensureInt32(this.lastCell, classCount);
    this.counts = ensureInt32(this.counts, classCount);
  }

  /** Forgets every list (the storage is kept); classes made afterwards start with {@link reset}. */
  clear(): void {
    this.cellCount = 0;
  }

  /** Starts an empty list for a new class. */
  reset(classId: number): void {
    this.firstCell[classId] = -1;
    this.lastCell[classId] = -1;
    this.counts[classId] = 0;
  }

  /** Records `node` as a parent of `classId`. */
  add(classId: number, node: number): void {
    const cell = this.cellCount++;
    if (cell >= this.cellNode.length) {
      this.cellNode = ensureInt32(this.cellNode, cell + 1);
      this.cellNext = ensureInt32(this.cellNext, cell + 1);
    }
    this.cellNode[cell] = node;
    this.cellNext[cell] = -1;
    const last = this.lastCell[classId]!;
    if (last < 0) this.firstCell[classId] = cell;
    else this.cellNext[last] = cell;
    this.lastCell[classId] = cell;
    this.counts[classId]!++;
  }

  /** Appends `child`'s list to `root`'s (the cells are shared, nothing is copied). */
  concatenate(root: number, child: number): void {
    const first = this.firstCell[child]!;
    if (first < 0) return;
    const last = this.lastCell[root]!;
    if (last < 0) this.firstCell[root] = first;
    else this.cellNext[last] = first;
    this.lastCell[root] = this.lastCell[child]!;
    this.counts[root]! += this.counts[child]!;
  }

  /** How many parents `classId`'s list holds (with repeats for nodes using the class twice). */
  count(classId: number): number {
    return this.counts[classId]!;
  }

  /** The first cell of `classId`'s list, or -1. */
  first(classId: number): number {
    return this.firstCell[classId]!;
  }

  /** The cell after `cell`, or -1. */
  next(cell: number): number {
    return this.cellNext[cell]!;
  }

  /** The node a cell holds. */
  node(cell: number): number {
    return this.cellNode[cell]!;
  }

  /** Whether `node` is in `classId`'s list (linear; for invariant checks). */
  contains(classId: number, node: number): boolean {
    for (let cell = this.firstCell[classId]!; cell >= 0; cell = this.cellNext[cell]!) {
      if (this.cellNode[cell] === node) return true;
    }
    return false;
  }

  byteSize(): number {
    return (
      this.firstCell.byteLength +
      this.lastCell.byteLength +
      this.counts.byteLength +
      this.cellNode.byteLength +
      this.cellNext.byteLength
    );
  }
}
