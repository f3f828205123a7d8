// The best k items of a stream under an order, without sorting the whole stream: a sorted buffer of
// k, where most items are turned away by one comparison. Search ranking, facet counts and related
// articles all pick a few from thousands.

/** The k first items by `compare` (negative: a before b), in order; ties keep arrival order. */
export function topK<T>(items: Iterable<T>, k: number, compare: (a: T, b: T) => number): T[] {
  const top: T[] = [];
  if (k <= 0) return top;
  for (const item of items) {
    if (top.length === k && compare(item, top[k - 1]!) >= 0) continue;
    let lo = 0;
    let hi = top.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compare(top[mid]!, item) <= 0) lo = mid + 1;
      else hi = mid;
    }
    top.splice(lo, 0, item);
    if (top.length > k) top.pop();
  }
  return top;
}
