// IdIndex: the position of each article id in an array of ids. Article ids are compact (174 to
// 49,930 for the 49,118 articles), so the positions are an Int32Array indexed by id; ids spread
// far wider than their number (a record may carry any id up to 2^31 - 1) are kept in a Map
// instead, so that one record with a huge id costs no gigabytes of memory.

/** Ids up to this many times the count (or 65,536) are held in an array indexed by id. */
const DENSE_FACTOR = 4;

export class IdIndex {
  private constructor(
    private readonly dense: Int32Array | null,
    private readonly sparse: Map<number, number> | null,
  ) {}

  /** The index of ids[i] -> i (ids are non-negative integers; a repeated id keeps its last position). */
  static of(ids: ArrayLike<number>): IdIndex {
    let max = -1;
    for (let i = 0; i < ids.length; i++) if (ids[i]! > max) max = ids[i]!;
    if (max < Math.max(65_536, ids.length * DENSE_FACTOR)) {
      const dense = new Int32Array(max + 1).fill(-1);
      for (let i = 0; i < ids.length; i++) dense[ids[i]!] = i;
      return new IdIndex(dense, null);
    }
    const sparse = new Map<number, number>();
    for (let i = 0; i < ids.length; i++) sparse.set(ids[i]!, i);
    return new IdIndex(null, sparse);
  }

  /** The position of an id, or -1 for one not in the array (or not an id at all). */
  get(id: number): number {
    // a typed array gives undefined for any key that is not one of its indexes (-1, 1.5, NaN, 2^40)
    if (this.dense) return this.dense[id] ?? -1;
    return this.sparse!.get(id) ?? -1;
  }
}
