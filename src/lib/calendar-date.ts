// Calendar dates as the archive writes them (YYYY, YYYY-MM, YYYY-MM-DD): read from what people and
// records type (slashes, dots, one-digit months and days), and only dates the calendar has.

/** "2019", "2019-6", "2019/06/03" → "2019", "2019-06", "2019-06-03"; undefined when malformed. */
export function normalizeDatePrefix(text: string): string | undefined {
  const m = /^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?$/.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d] = m;
  if (mo === undefined) return y;
  const month = Number(mo);
  if (month < 1 || month > 12) return undefined;
  const mm = String(month).padStart(2, '0');
  if (d === undefined) return `${y}-${mm}`;
  const day = Number(d);
  // a day the month has (2020-02-29, not 2019-02-29 or 2020-04-31)
  if (day < 1 || day > new Date(Date.UTC(Number(y), month, 0)).getUTCDate()) return undefined;
  return `${y}-${mm}-${String(day).padStart(2, '0')}`;
}
