// Wider queries for Chinese typed without spaces: 47人初選大起訴 or 國安法立法會選舉 is one term to
// exact search, found nowhere as it stands, while its words are everywhere. Readers of Chinese do
// not type spaces, so a query that finds nothing is cut into the longest pieces the archive does
// hold (47人初選 大起訴), with the search's own counts, no dictionary: whatever an article holds,
// every part of it holds too, so the longest found piece is found by halving.

/** Counts the articles a query finds. */
export type CountFn = (query: string) => number | Promise<number>;

/** A run worth cutting: three characters or more, with a Han character among them. */
const CUTTABLE = /^(?=.*\p{Script=Han})[^\s"*:()-]{3,}$/u;

/** Counts one cut may ask for at most (a run of 40 characters cut in 8 pieces asks about 48). */
const MAX_COUNTS = 64;

/**
 * A run that finds nothing, cut into the longest pieces that each find something (one character
 * may be a piece; a character found nowhere is left out), or null when the run finds something,
 * nothing of it is found, it is not worth cutting, or the counts run out. Longest pieces from the
 * start and longest from the end can differ (国安法立法 会选举, 国安法 立法会选举): the cut whose
 * pieces find more articles together is given. Characters are whole code points (𨋢 is one).
 */
export async function cutUnfound(run: string, count: CountFn): Promise<string[] | null> {
  if (!CUTTABLE.test(run)) return null;
  const chars = [...run];
  let asked = 0;
  const found = async (from: number, to: number) => {
    asked++;
    return (await count(chars.slice(from, to).join(''))) > 0;
  };
  if (await found(0, chars.length)) return null;
  /** The longest found pieces, taken from the start (or from the end, kept in reading order). */
  const cut = async (fromEnd: boolean): Promise<string[] | null> => {
    const pieces: string[] = [];
    let done = 0; // characters cut so far, from the start or from the end
    while (done < chars.length) {
      if (asked > MAX_COUNTS) return null;
      // the longest found piece next to what is cut: between none and all that remains
      const piece = (length: number) =>
        fromEnd ? [chars.length - done - length, chars.length - done] : [done, done + length];
      let lo = 0;
      let hi = chars.length - done;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        const [a, b] = piece(mid);
        if (await found(a!, b!)) lo = mid;
        else hi = mid - 1;
      }
      if (lo > 0) {
        const [a, b] = piece(lo);
        pieces.push(chars.slice(a, b).join(''));
      }
      done += Math.max(lo, 1);
    }
    return pieces.length > 0 ? (fromEnd ? pieces.reverse() : pieces) : null;
  };
  const forward = await cut(false);
  if (!forward) return null;
  const backward = await cut(true);
  if (!backward || backward.join(' ') === forward.join(' ')) return forward;
  const [f, b] = await Promise.all([count(forward.join(' ')), count(backward.join(' '))]);
  return b > f ? backward : forward;
}

/**
 * The words of a query (split at spaces) with each run that finds nothing cut into the pieces the
 * archive holds, or null when no word was cut.
 */
export async function cutUnfoundWords(words: string[], count: CountFn): Promise<string[] | null> {
  let cut = false;
  const out: string[] = [];
  for (const word of words) {
    const pieces = await cutUnfound(word, count);
    if (pieces) cut = true;
    out.push(...(pieces ?? [word]));
  }
  return cut ? out : null;
}
