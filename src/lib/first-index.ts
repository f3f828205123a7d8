// A binary search over a predicate: where along [0, n) it turns from false to true (date ranges of
// sorted positions in the store's listings and in search's filters).

/** The first index in [0, n) for which a predicate, false then true along the indexes, holds (n: none). */
export function firstIndex(n: number, holds: (i: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (holds(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
