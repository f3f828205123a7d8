// Month-days ("MM-DD") for 當年今日: the 366 of them (02-29 included, as 2020 had one), the day
// before and after with the year wrapped round (12-31 → 01-01), today's in Hong Kong, and the
// reading of one from a path ("06-04") or from the day picker's month and day fields.

const HK_OFFSET_MS = 8 * 3600 * 1000;

/** Days in each month of a leap year: every month-day that has ever been a date. */
const MONTH_LENGTHS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** How many days a month (1–12) can have: February 29. */
export function daysInMonth(month: number): number {
  return MONTH_LENGTHS[month - 1] ?? 0;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** "MM-DD" of a month (1–12) and day, or null when no year has that day (02-30, 04-31, 13-01). */
export function monthDayOf(month: number, day: number): string | null {
  if (!Number.isInteger(month) || !Number.isInteger(day)) return null;
  if (day < 1 || day > daysInMonth(month)) return null;
  return `${pad(month)}-${pad(day)}`;
}

/**
 * What a path's month-day says: the "MM-DD" it is; `no-such-day` when it has the form but no year
 * has that day (02-30, 13-40); `malformed` when it is not MM-DD at all.
 */
export function parseMonthDay(
  text: string,
): { ok: true; monthDay: string } | { ok: false; why: 'malformed' | 'no-such-day' } {
  const m = /^(\d\d)-(\d\d)$/.exec(text);
  if (!m) return { ok: false, why: 'malformed' };
  const monthDay = monthDayOf(Number(m[1]), Number(m[2]));
  return monthDay ? { ok: true, monthDay } : { ok: false, why: 'no-such-day' };
}

/** The month-day `by` days after (before, when negative) a valid one, round the year: 02-28 → 02-29 → 03-01. */
export function shiftMonthDay(monthDay: string, by: number): string {
  let month = Number(monthDay.slice(0, 2));
  let day = Number(monthDay.slice(3, 5));
  for (let i = 0; i < Math.abs(by); i++) {
    if (by > 0) {
      day++;
      if (day > daysInMonth(month)) {
        day = 1;
        month = month === 12 ? 1 : month + 1;
      }
    } else {
      day--;
      if (day < 1) {
        month = month === 1 ? 12 : month - 1;
        day = daysInMonth(month);
      }
    }
  }
  return `${pad(month)}-${pad(day)}`;
}

/** Today's "MM-DD" in Hong Kong (UTC+8, no daylight saving). */
export function hkMonthDay(now: Date): string {
  return new Date(now.getTime() + HK_OFFSET_MS).toISOString().slice(5, 10);
}

const DAY_MS = 86_400_000;

/** Today's "YYYY-MM-DD" in Hong Kong. */
export function hkDate(now: Date): string {
  return new Date(now.getTime() + HK_OFFSET_MS).toISOString().slice(0, 10);
}

/** The "YYYY-MM-DD" `by` days from a date (negative: before it). */
export function shiftHkDate(date: string, by: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + by * DAY_MS).toISOString().slice(0, 10);
}

/** Whether a date ("YYYY-MM-DD") is 28 February of a year without a 29th: 02-29's day, that year. */
export function lastDayOfShortFebruary(date: string): boolean {
  const year = Number(date.slice(0, 4));
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return date.slice(5) === '02-28' && !leap;
}

/** Whole seconds from now to the next midnight in Hong Kong (1 to 86,400): when hkMonthDay changes. */
export function secondsToHkMidnight(now: Date): number {
  const intoDay = (now.getTime() + HK_OFFSET_MS) % DAY_MS;
  return Math.ceil((DAY_MS - ((intoDay + DAY_MS) % DAY_MS)) / 1000);
}
