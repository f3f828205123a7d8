// Test support: Chinese text made mis-decoded the way record 43693 of the corpus is, its UTF-8 bytes
// read through PT154, a Kazakh Cyrillic code page (眾說 → зңҫиӘӘ). The table is written out here from
// the code page's definition, apart from the one the repair uses, so that a wrong entry there shows.

/** PT154, bytes 0x80–0xBF (0xC0–0xFF are А–я, 0x00–0x7F ASCII). */
const PT154_HIGH = 'ҖҒӮғ„…ҶҮҲүҠӢҢҚҺҸҗ‘’“”•–—ҳҷҡӣңқһҹ\u00a0ЎўЈӨҘҰ§Ё©Ә«¬ӯ®Ҝ°ұІіҙө¶·ё№ә»јҪҫҝ';

/** Text as PT154 shows its UTF-8 bytes; `nbspAsSpace` also turns the no-break spaces into spaces. */
export function misDecodeCyrillic(text: string, nbspAsSpace = false): string {
  return [...Buffer.from(text, 'utf8')]
    .map((b) => {
      if (b < 0x80) return String.fromCharCode(b);
      if (b >= 0xc0) return String.fromCharCode(0x410 + b - 0xc0);
      const ch = PT154_HIGH[b - 0x80]!;
      return nbspAsSpace && ch === '\u00a0' ? ' ' : ch;
    })
    .join('');
}
