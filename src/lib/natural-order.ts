// Natural order of names: runs of ASCII digits compare as numbers, so "article_2.md" comes before
// "article_10.md" and the folder "1001-2000" before "10001-11000". Used to walk a corpus folder in
// the order of its article ids, which lets an import write its index in one ascending pass.
// Independent of the locale; names that tie (leading zeros) fall back to code-unit order.

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** Compares two names in natural order (a total order: only equal strings compare equal). */
export function compareNatural(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(j);
    if (isDigit(ca) && isDigit(cb)) {
      // compare the digit runs as numbers: skip leading zeros, then the longer run is larger,
      // then the first differing digit decides
      let si = i;
      let sj = j;
      while (si < a.length && a.charCodeAt(si) === 0x30) si++;
      while (sj < b.length && b.charCodeAt(sj) === 0x30) sj++;
      let ei = si;
      let ej = sj;
      while (ei < a.length && isDigit(a.charCodeAt(ei))) ei++;
      while (ej < b.length && isDigit(b.charCodeAt(ej))) ej++;
      if (ei - si !== ej - sj) return ei - si - (ej - sj);
      for (let k = 0; k < ei - si; k++) {
        const d = a.charCodeAt(si + k) - b.charCodeAt(sj + k);
        if (d !== 0) return d;
      }
      i = ei;
      j = ej;
    } else {
      if (ca !== cb) return ca - cb;
      i++;
      j++;
    }
  }
  if (i < a.length || j < b.length) return i < a.length ? 1 : -1;
  return a < b ? -1 : a > b ? 1 : 0;
}
