// Figures in the corpus's layout, for records built from scratch (recovery):
//   <figure>
//   <img src="…" alt="">
//   <figcaption>…</figcaption>
//   </figure>
// Attribute values are HTML-escaped; the caption is HTML-escaped text (no markup) on one line.

export interface FigureInput {
  src: string;
  alt?: string;
  /** Plain-text caption; omitted (no <figcaption>) when empty or undefined. */
  caption?: string;
}

/** Text for a double-quoted HTML attribute (or element text): &, ", < and > escaped. */
export function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** One figure as the corpus writes it, without a trailing line end. */
export function formatFigure({ src, alt = '', caption }: FigureInput): string {
  const lines = ['<figure>', `<img src="${escapeAttribute(src)}" alt="${escapeAttribute(alt)}">`];
  const text = caption?.replace(/\s*\r?\n\s*/g, ' ').trim();
  if (text) lines.push(`<figcaption>${escapeText(text)}</figcaption>`);
  lines.push('</figure>');
  return lines.join('\n');
}
