/**
 * The pane writes numbers and dates as the e-mails do (docs/rules.md §1.25c): thousands always grouped,
 * English dates day-first.
 */
import { formatBytes, formatCount, formatInstant, formatTime } from '../../src/ui/i18n';

test('counts and sizes group four digits too, in Italian as in English', () => {
  expect(formatCount(1234, 'it')).toBe('1.234');
  expect(formatCount(1234, 'en')).toBe('1,234');
  expect(formatCount(999, 'it')).toBe('999');
  expect(formatBytes(1000 * 1024, 'it')).toBe('1.000 KB');
});

test('instants are written day-first in English as in Italian, on a 24-hour clock', () => {
  // Built from local fields, so the pane's time zone (TZ) does not move the expected text.
  const instant = new Date(2026, 4, 7, 15, 42).getTime();
  expect(formatInstant(instant, 'en')).toBe('07/05/2026, 15:42');
  expect(formatInstant(instant, 'it')).toBe('07/05/2026, 15:42');
  expect(formatTime(instant, 'en')).toBe('15:42');
});
