import { cents, formatMoney, minorUnitDigits, sumCents } from './money';

test('amounts are integers of minor units; fractions are refused', () => {
  expect(cents(123456)).toBe(123456);
  expect(() => cents(0.1 + 0.2)).toThrow(RangeError);
  expect(() => cents(Number.NaN)).toThrow(RangeError);
  expect(sumCents([cents(10), cents(20), cents(-5)])).toBe(25);
});

test('amounts are formatted for the language, with a no-break space before the euro sign in Italian', () => {
  expect(formatMoney(cents(123456780), 'EUR', 'it')).toBe('1.234.567,80\u00a0€');
  expect(formatMoney(cents(123456780), 'EUR', 'en')).toBe('€1,234,567.80');
  expect(formatMoney(cents(5), 'EUR', 'it')).toBe('0,05\u00a0€');
});

test('thousands are always grouped, also where the language would not group four digits (docs/rules.md §1.25c)', () => {
  expect(formatMoney(cents(193730), 'EUR', 'it')).toBe('1.937,30\u00a0€');
  expect(formatMoney(cents(100000), 'EUR', 'it')).toBe('1.000,00\u00a0€');
  expect(formatMoney(cents(99999), 'EUR', 'it')).toBe('999,99\u00a0€');
  expect(formatMoney(cents(193730), 'EUR', 'en')).toBe('€1,937.30');
  expect(formatMoney(cents(-193730), 'EUR', 'it')).toBe('-1.937,30\u00a0€');
});

test('currencies have their own number of decimals', () => {
  expect(minorUnitDigits('EUR')).toBe(2);
  expect(minorUnitDigits('JPY')).toBe(0);
  expect(formatMoney(cents(1500), 'JPY', 'en')).toBe('¥1,500');
  expect(formatMoney(cents(1500), 'CHF', 'it')).toBe('15,00\u00a0CHF');
});
