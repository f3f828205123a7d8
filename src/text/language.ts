// The language of a piece of archive text, for its lang attribute (and so for its typography and
// for screen readers): Chinese, unless Latin letters clearly outweigh Han characters. A Han character
// carries about a word, an English word about five letters, so English wins at four letters a Han
// character: 589 English articles (Citizen News' tri-angles section) read as English, a Chinese
// article quoting English, or a title naming Carrie Lam, stays Chinese.

/** The BCP 47 tags the reader uses for archive text. */
export type TextLang = 'zh-Hant-HK' | 'en';

const LATIN_PER_HAN = 4;

/**
 * The language of `text` judged from its first `sample` characters; with `markup`, what is inside
 * <…> (tags and their attributes: addresses, class names) is passed over and not counted.
 */
export function textLang(text: string, sample = 4000, markup = false): TextLang {
  let han = 0;
  let latin = 0;
  let counted = 0;
  for (let i = 0; i < text.length && counted < sample; i++) {
    const c = text.charCodeAt(i);
    if (markup && c === 0x3c) {
      const close = text.indexOf('>', i);
      if (close < 0) break;
      i = close;
      continue;
    }
    counted++;
    if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) latin++;
    else if ((c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff)) han++;
    else if (c >= 0xd840 && c <= 0xd87f) han++; // a supplementary-plane Han character (its high half)
  }
  return latin > LATIN_PER_HAN * han ? 'en' : 'zh-Hant-HK';
}
