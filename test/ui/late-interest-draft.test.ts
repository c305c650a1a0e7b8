/**
 * The settings' own checks of the late-interest table and the percent typed in a box: two decimals at
 * most even where binary floating point is inexact (10.15 × 100 is 1014.999…), dates real and distinct.
 */
import { lateInterestProblems, percentText, typedPercent } from '../../src/ui/setup-draft';

test.each([
  [10.15, undefined],
  [0.07, undefined],
  [0, undefined],
  [12.34, undefined],
  [10.155, 'too_many_decimals'],
  [0.001, 'too_many_decimals'],
  [-0.5, 'negative'],
  [Number.NaN, 'not_a_number'],
  [Number.POSITIVE_INFINITY, 'not_a_number'],
])('a percent of %p: %p', (percent, problem) => {
  const [rate] = lateInterestProblems({ rates: [{ from: '2026-01-01', percent }], flatIndemnity: 0 }).rates;
  expect(rate?.percent).toBe(problem);
});

test('dates: a day that does not exist is invalid; the second row starting on a day already used is repeated', () => {
  const problems = lateInterestProblems({
    rates: [
      { from: '2026-02-30', percent: 8 },
      { from: '2026-01-01', percent: 8 },
      { from: '2026-01-01', percent: 9 },
    ],
    flatIndemnity: 4000,
  });
  expect(problems).toEqual({ rates: [{ from: 'invalid' }, {}, { from: 'repeated' }] });
});

test('the indemnity: whole cents, 0 or more', () => {
  expect(lateInterestProblems({ rates: [], flatIndemnity: -1 }).flatIndemnity).toBe('negative');
  expect(lateInterestProblems({ rates: [], flatIndemnity: 40.5 }).flatIndemnity).toBe('not_an_amount');
  expect(lateInterestProblems({ rates: [], flatIndemnity: Number.NaN }).flatIndemnity).toBe('not_an_amount');
  expect(lateInterestProblems({ rates: [], flatIndemnity: 0 }).flatIndemnity).toBeUndefined();
});

test('a percent typed with a comma or a point; anything else is not a number; shown back in the language', () => {
  expect(typedPercent('10,15')).toBe(10.15);
  expect(typedPercent(' 10.15 ')).toBe(10.15);
  expect(typedPercent('−2')).toBe(-2);
  expect(typedPercent('10,1,5')).toBeNaN();
  expect(typedPercent('1e3')).toBeNaN();
  expect(typedPercent('')).toBeNaN();
  expect(percentText(10.15, 'it')).toBe('10,15');
  expect(percentText(10.15, 'en')).toBe('10.15');
});
