/**
 * Calendar dates are `YYYY-MM-DD` strings with no time zone. Arithmetic goes through a day number
 * (days since 1970-01-01) computed with integer civil-calendar formulas, so it never touches `Date`'s
 * local time zone and is fast enough to run for every item of a 300 000-item ledger.
 */
export type CalendarDate = string;

/** Days since 1970-01-01. */
export type DayNumber = number;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** True when `value` is a real date written `YYYY-MM-DD` (so `2026-02-29` is not). */
export function isCalendarDate(value: unknown): value is CalendarDate {
  if (typeof value !== 'string') return false;
  const match = DATE_PATTERN.exec(value);
  if (match === null) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Throws unless `value` is a real `YYYY-MM-DD` date. */
export function assertCalendarDate(value: unknown, what = 'date'): asserts value is CalendarDate {
  if (!isCalendarDate(value))
    throw new RangeError(`${what} must be a date written YYYY-MM-DD, got ${JSON.stringify(value)}`);
}

// Howard Hinnant's days_from_civil / civil_from_days: exact for the proleptic Gregorian calendar.
function dayNumberFromCivil(year: number, month: number, day: number): DayNumber {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** The day number of a valid calendar date. The caller guarantees validity (adapters check it once). */
export function toDayNumber(date: CalendarDate): DayNumber {
  // Character codes, not slices or closures: this runs for every item and ledger entry on the planner's
  // hot path. 528 is 11 × 48, the character code of '0' summed over the weights of each field's digits.
  const year =
    date.charCodeAt(0) * 1000 +
    date.charCodeAt(1) * 100 +
    date.charCodeAt(2) * 10 +
    date.charCodeAt(3) -
    53328;
  const month = date.charCodeAt(5) * 10 + date.charCodeAt(6) - 528;
  const day = date.charCodeAt(8) * 10 + date.charCodeAt(9) - 528;
  return dayNumberFromCivil(year, month, day);
}

/** The calendar date of a day number. */
export function fromDayNumber(dayNumber: DayNumber): CalendarDate {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** `date` moved by `days` calendar days (negative moves back). */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  if (!Number.isInteger(days)) throw new RangeError(`days must be an integer, got ${days}`);
  return fromDayNumber(toDayNumber(date) + days);
}

/** Calendar days from `from` to `to`: positive when `to` is later. */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The calendar date, in the IANA time zone `timeZone`, of the instant `epochMs` (milliseconds since the
 * epoch). The instant is an argument so the caller decides what "now" is: the core never reads the clock.
 * Throws a RangeError for an unknown time zone.
 */
export function calendarDateOfInstant(epochMs: number, timeZone: string): CalendarDate {
  let formatter = dayFormatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dayFormatters.set(timeZone, formatter);
  }
  const parts = formatter.formatToParts(epochMs);
  const part = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`;
}

/** "Today" in a time zone, given the current instant: an alias that reads better at call sites. */
export const todayInTimeZone = (nowEpochMs: number, timeZone: string): CalendarDate =>
  calendarDateOfInstant(nowEpochMs, timeZone);

/** True when the platform knows the IANA time zone (e.g. `Europe/Rome`). */
export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

const displayFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The locale that writes dates for `language`: English ones day-first as in Britain (`en-GB`), whatever
 * the region (docs/rules.md §1.25c) — `07/05/2026` is 7 May for every reader of an Italian company's e-mail.
 */
export function dateLocale(language: string): string {
  return language.toLowerCase().split(/[-_]/)[0] === 'en' ? 'en-GB' : language;
}

/** A calendar date for people in `language`, e.g. `28/02/2026` in Italian and `28/02/2026` in English. */
export function formatCalendarDate(date: CalendarDate, language: string): string {
  let formatter = displayFormatters.get(language);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat(dateLocale(language), {
      timeZone: 'UTC',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    displayFormatters.set(language, formatter);
  }
  return formatter.format(toDayNumber(date) * 86_400_000);
}
