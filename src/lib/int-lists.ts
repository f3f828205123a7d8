// IntLists: lists of integers by key, held as one Int32Array with the start of each list (the
// compressed sparse row layout) instead of a Map of small Int32Arrays. For the 27,000 tags of the
// full corpus a typed array each cost about 180 bytes of heap over their contents, 5 MB the
// collector walked on every major GC of the serving thread.

export class IntLists<K> {
  private constructor(
    private readonly at: Map<K, number>,
    private readonly start: Int32Array,
    private readonly list: Int32Array,
  ) {}

  /** From lists made as arrays; `sorted` sorts each list ascending. */
  static from<K>(lists: Map<K, readonly number[]>, sorted = false): IntLists<K> {
    const at = new Map<K, number>();
    const start = new Int32Array(lists.size + 1);
    let total = 0;
    for (const l of lists.values()) total += l.length;
    const list = new Int32Array(total);
    let k = 0;
    let n = 0;
    for (const [key, l] of lists) {
      at.set(key, k);
      start[k] = n;
      list.set(l, n);
      if (sorted) list.subarray(n, n + l.length).sort();
      n += l.length;
      k++;
    }
    start[k] = n;
    return new IntLists(at, start, list);
  }

  /** The list of a key (a view: do not write to it), or undefined. */
  get(key: K): Int32Array | undefined {
    const k = this.at.get(key);
    return k === undefined ? undefined : this.list.subarray(this.start[k]!, this.start[k + 1]!);
  }

  get size(): number {
    return this.at.size;
  }

  /** How many integers all the lists hold together. */
  get total(): number {
    return this.list.length;
  }
}
