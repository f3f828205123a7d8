import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  daysInMonth,
  hkDate,
  hkMonthDay,
  lastDayOfShortFebruary,
  monthDayOf,
  parseMonthDay,
  secondsToHkMidnight,
  shiftHkDate,
  shiftMonthDay,
} from './month-day.js';

test('a path month-day is MM-DD of a day some year has, 02-29 included', () => {
  assert.deepEqual(parseMonthDay('06-04'), { ok: true, monthDay: '06-04' });
  assert.deepEqual(parseMonthDay('02-29'), { ok: true, monthDay: '02-29' });
  assert.deepEqual(parseMonthDay('12-31'), { ok: true, monthDay: '12-31' });
  for (const bad of ['02-30', '04-31', '13-40', '00-10', '06-00'])
    assert.deepEqual(parseMonthDay(bad), { ok: false, why: 'no-such-day' }, bad);
  for (const bad of ['xyz', '6-4', '0604', '06-04-2020', '', '０６-０４'])
    assert.deepEqual(parseMonthDay(bad), { ok: false, why: 'malformed' }, bad);
});

test('monthDayOf pads a month and day, and refuses days no year has', () => {
  assert.equal(monthDayOf(7, 1), '07-01');
  assert.equal(monthDayOf(2, 29), '02-29');
  assert.equal(monthDayOf(2, 30), null);
  assert.equal(monthDayOf(13, 1), null);
  assert.equal(monthDayOf(1.5, 1), null);
  assert.equal(daysInMonth(2), 29);
  assert.equal(daysInMonth(0), 0);
});

test('the day before and after wrap round the year and pass through 02-29', () => {
  assert.equal(shiftMonthDay('12-31', 1), '01-01');
  assert.equal(shiftMonthDay('01-01', -1), '12-31');
  assert.equal(shiftMonthDay('02-28', 1), '02-29');
  assert.equal(shiftMonthDay('02-29', 1), '03-01');
  assert.equal(shiftMonthDay('03-01', -1), '02-29');
  assert.equal(shiftMonthDay('06-30', 1), '07-01');
  assert.equal(shiftMonthDay('06-04', 366), '06-04', 'a whole round of 366 month-days');
});

test("today's month-day is Hong Kong's", () => {
  assert.equal(hkMonthDay(new Date('2024-06-30T15:59:59Z')), '06-30');
  assert.equal(hkMonthDay(new Date('2024-06-30T16:00:00Z')), '07-01');
  assert.equal(hkMonthDay(new Date('2023-12-31T16:30:00Z')), '01-01');
});

test("the seconds left to Hong Kong's midnight", () => {
  assert.equal(secondsToHkMidnight(new Date('2024-06-30T15:59:59Z')), 1);
  assert.equal(secondsToHkMidnight(new Date('2024-06-30T15:59:59.500Z')), 1, 'a part of a second counts');
  assert.equal(
    secondsToHkMidnight(new Date('2024-06-30T16:00:00Z')),
    86_400,
    'just past midnight: a whole day',
  );
  assert.equal(secondsToHkMidnight(new Date('2024-06-30T04:00:00Z')), 12 * 3600, 'noon in Hong Kong');
  assert.equal(secondsToHkMidnight(new Date('1969-12-31T12:00:00Z')), 4 * 3600, 'before 1970 too');
});

test('28 February of a year without a 29th is told apart (2100 has none, 2000 had one)', () => {
  assert.equal(lastDayOfShortFebruary('2026-02-28'), true);
  assert.equal(lastDayOfShortFebruary('2100-02-28'), true);
  assert.equal(lastDayOfShortFebruary('2028-02-28'), false);
  assert.equal(lastDayOfShortFebruary('2000-02-28'), false);
  assert.equal(lastDayOfShortFebruary('2026-02-27'), false);
  assert.equal(lastDayOfShortFebruary('2026-03-01'), false);
});

test("Hong Kong's date, and days before it across a month, a leap day and a year", () => {
  assert.equal(hkDate(new Date('2024-02-29T15:59:59Z')), '2024-02-29');
  assert.equal(hkDate(new Date('2024-02-29T16:00:00Z')), '2024-03-01', 'midnight in Hong Kong');
  assert.equal(shiftHkDate('2024-03-01', -1), '2024-02-29');
  assert.equal(shiftHkDate('2025-03-01', -1), '2025-02-28');
  assert.equal(shiftHkDate('2024-01-02', -6), '2023-12-27');
  assert.equal(shiftHkDate('2023-12-31', 1), '2024-01-01');
});
