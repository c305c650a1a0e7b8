import {
  addDays,
  calendarDateOfInstant,
  daysBetween,
  formatCalendarDate,
  fromDayNumber,
  isCalendarDate,
  isTimeZone,
  toDayNumber,
  todayInTimeZone,
} from './calendar';

describe('calendar dates', () => {
  test('day 0 is 1970-01-01 and day numbers round-trip across four centuries', () => {
    expect(toDayNumber('1970-01-01')).toBe(0);
    expect(fromDayNumber(0)).toBe('1970-01-01');
    for (let day = -200_000; day <= 200_000; day += 997) expect(toDayNumber(fromDayNumber(day))).toBe(day);
  });

  test('adding days crosses month ends, year ends and leap days', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2028-02-29', 1)).toBe('2028-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-10', -10)).toBe('2026-02-28');
    expect(addDays('2100-02-28', 1)).toBe('2100-03-01'); // 2100 is not a leap year
    expect(addDays('2000-02-28', 1)).toBe('2000-02-29'); // 2000 is
  });

  test('daysBetween counts calendar days, negative when going back', () => {
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
    expect(daysBetween('2028-01-01', '2029-01-01')).toBe(366);
    expect(daysBetween('2026-03-15', '2026-02-28')).toBe(-15);
  });

  test('only real YYYY-MM-DD dates are calendar dates', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-04-31')).toBe(false);
    expect(isCalendarDate('2026-1-01')).toBe(false);
    expect(isCalendarDate('2026-01-01T00:00:00Z')).toBe(false);
    expect(isCalendarDate(20260101)).toBe(false);
  });

  test('adding a fraction of a day is refused', () => {
    expect(() => addDays('2026-01-01', 1.5)).toThrow(RangeError);
  });
});

describe('the calendar day of an instant in a time zone', () => {
  // 2026-03-14T23:30:00Z is still the 14th in London but already the 15th in Rome (UTC+1).
  const lateEvening = Date.UTC(2026, 2, 14, 23, 30);

  test('depends on the zone, not on the machine', () => {
    expect(calendarDateOfInstant(lateEvening, 'Europe/Rome')).toBe('2026-03-15');
    expect(calendarDateOfInstant(lateEvening, 'Europe/London')).toBe('2026-03-14');
    expect(todayInTimeZone(lateEvening, 'America/New_York')).toBe('2026-03-14');
  });

  test('follows daylight saving time (Rome is UTC+2 in summer)', () => {
    expect(calendarDateOfInstant(Date.UTC(2026, 6, 31, 21, 59), 'Europe/Rome')).toBe('2026-07-31');
    expect(calendarDateOfInstant(Date.UTC(2026, 6, 31, 22, 0), 'Europe/Rome')).toBe('2026-08-01');
  });

  test('an unknown zone is an error, not a silent UTC', () => {
    expect(isTimeZone('Europe/Rome')).toBe(true);
    expect(isTimeZone('Europe/Atlantis')).toBe(false);
    expect(() => calendarDateOfInstant(0, 'Europe/Atlantis')).toThrow(RangeError);
  });
});

test('dates are shown day-first in Italian and in every English (docs/rules.md §1.25c)', () => {
  expect(formatCalendarDate('2026-02-28', 'it')).toBe('28/02/2026');
  expect(formatCalendarDate('2026-05-07', 'en')).toBe('07/05/2026');
  expect(formatCalendarDate('2026-02-28', 'en-GB')).toBe('28/02/2026');
  expect(formatCalendarDate('2026-02-28', 'en-US')).toBe('28/02/2026');
  expect(formatCalendarDate('2026-05-07', 'EN_us')).toBe('07/05/2026');
});
