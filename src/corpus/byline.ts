// The people a byline names. Citizen News wrote a reporter's byline with their role before the
// name (記者林勵, 實習記者林勵) and joined reporters with 、 or a middle dot (記者林勵、鄭啟智), so one
// reporter's work is spread over many bylines. Citations cite the people (src/publish/citation.ts),
// and search finds and counts them (`author:林勵`, the author facet; src/search/catalog.ts).

/**
 * A reporter's role as a byline writes it before the name: 記者林勵 (reporter), 實習記者 (intern),
 * 特約記者 (contributing), 中國組記者 (China desk), 澳門特約記者 (contributing, Macau), 台灣特派員
 * (Taiwan correspondent: 台灣特派員鄭智仁, 505 articles).
 */
const BYLINE_ROLE = /^(?:(?:中國組|澳門特約|特約|實習)?記者|台灣特派員)\s*(?=\S)/;

/** What joins the reporters of one byline: 、 and the middle dots the site used. */
const BYLINE_JOIN = /[、‧・·]/;

/**
 * The people a byline names: a reporters' byline (one starting with a role of BYLINE_ROLE) loses
 * its role words and is split at 、 or a middle dot (記者林勵、實習記者梁穎欣 → 林勵, 梁穎欣), so that
 * a reporter is one person whatever the byline called them (149 bylines of 14,308 articles name 108
 * people; with the 364 other bylines, 465 authors). Any other value (a columnist, a column such as
 * 帝國之間、民國之外, 眾新聞記者, or a reporters' byline with an empty part) is one person as
 * written, trimmed; an empty byline names none.
 */
export function bylinePeople(byline: string): string[] {
  const value = byline.trim();
  if (!BYLINE_ROLE.test(value)) return value ? [value] : [];
  const names = value.split(BYLINE_JOIN).map((part) => part.trim().replace(BYLINE_ROLE, '').trim());
  return names.every(Boolean) ? names : [value];
}
