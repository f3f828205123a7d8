// Versions of one story: Citizen News republished updated articles under new ids (a live report
// could be posted 20 times), so the archive holds articles with the same title and date. They are
// one story: search shows it once, an article page lists its other versions, and previous/next and
// related articles skip them. 31,879 of the 49,118 articles are versions of 11,863 such stories.

/** What makes articles versions of one story: the same title and date (null: a story of its own). */
export function storyKey(title: string, date: string): string | null {
  const t = title.trim().replace(/\s+/g, ' ');
  return t && date ? `${date}\u0000${t}` : null;
}
