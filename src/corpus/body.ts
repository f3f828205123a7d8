// Splits a record's Markdown body into the article text, the subscription footer
// (請加入成為眾新聞的月費訂戶 … with its "---" rule) and the columnist box of blog columns (the "---"
// rule, the avatar image, **name** and bio), without losing a byte: main + footer + columnist === body.

import type { BodyParts } from './types.js';

/** The first words of the subscription footer. */
export const FOOTER_MARKER = '請加入成為眾新聞的月費訂戶';
/** Columnist avatars live under this path on hkcnews.com. */
export const AVATAR_PATH = '/uploads/avatars/';

/** Start of the line holding index i. */
function lineStart(text: string, i: number): number {
  return text.lastIndexOf('\n', i - 1) + 1;
}

/**
 * Where a part that starts on the line at `start` really begins: at the "---" rule above it when
 * only blank lines stand between them, else at the line itself.
 */
function withRuleAbove(text: string, start: number, floor: number): number {
  let i = start;
  for (;;) {
    if (i <= floor) return start;
    const prevStart = lineStart(text, i - 1);
    const line = text.slice(prevStart, i).replace(/\r?\n$/, '');
    if (line.trim() === '') {
      i = prevStart;
      continue;
    }
    return /^ {0,3}---[ \t]*$/.test(line) && prevStart >= floor ? prevStart : start;
  }
}

/** The index where the columnist box begins, or -1. */
function findColumnist(body: string, floor: number): number {
  const at = body.lastIndexOf(AVATAR_PATH);
  if (at < floor) return -1;
  const start = lineStart(body, at);
  // the avatar must be a Markdown image on a line of its own: ![name](…/uploads/avatars/…)
  const lineEnd = body.indexOf('\n', at);
  const line = body.slice(start, lineEnd < 0 ? body.length : lineEnd).trimEnd();
  if (!/^!\[[^\]\n]*\]\([^)\s]*\/uploads\/avatars\/[^)\s]*\)$/.test(line)) return -1;
  return withRuleAbove(body, start, floor);
}

/** Splits a body into main text, subscription footer and columnist box. */
export function splitBody(body: string): BodyParts {
  let footerStart = -1;
  const marker = body.lastIndexOf(FOOTER_MARKER);
  if (marker >= 0) {
    const start = lineStart(body, marker);
    footerStart = withRuleAbove(body, start, 0);
  }
  const columnistStart = findColumnist(body, Math.max(marker, 0));
  const end = body.length;
  const mainEnd = footerStart >= 0 ? footerStart : columnistStart >= 0 ? columnistStart : end;
  const footerEnd = columnistStart >= 0 ? columnistStart : end;
  return {
    main: body.slice(0, mainEnd),
    footer: footerStart >= 0 ? body.slice(footerStart, footerEnd) : '',
    columnist: columnistStart >= 0 ? body.slice(columnistStart) : '',
  };
}

/** The columnist's name and bio from a columnist box (empty strings when absent). */
export function parseColumnist(columnist: string): { name: string; avatar: string; bio: string } {
  const avatar = /!\[[^\]\n]*\]\(([^)\s]+)\)/.exec(columnist)?.[1] ?? '';
  const nameMatch = /^\*\*(.+)\*\*[ \t]*\r?$/m.exec(columnist);
  const name = nameMatch?.[1]?.trim() ?? '';
  const bio = nameMatch ? columnist.slice(nameMatch.index + nameMatch[0].length).trim() : '';
  return { name, avatar, bio };
}
