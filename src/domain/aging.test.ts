import { anItem } from '../../test/builders/domain';
import { ageReceivables, agingBucketOf } from './aging';

test('bucket edges: due today is not yet due; 30 days is 1–30; 31 is 31–60; 90 is 61–90; 91 is over 90', () => {
  expect([-5, 0, 1, 30, 31, 60, 61, 90, 91].map(agingBucketOf)).toEqual([
    'not_due',
    'not_due',
    'days_1_30',
    'days_1_30',
    'days_31_60',
    'days_31_60',
    'days_61_90',
    'days_61_90',
    'over_90',
  ]);
});

test('counts and amounts per bucket and currency, ignoring closed items and credit notes', () => {
  const aging = ageReceivables(
    [
      anItem({ id: 'a', dueDate: '2026-03-20', residual: 100 }),
      anItem({ id: 'b', dueDate: '2026-03-01', residual: 250 }),
      anItem({ id: 'c', dueDate: '2026-02-28', residual: 50 }),
      anItem({ id: 'd', dueDate: '2025-11-01', residual: 70 }),
      anItem({ id: 'e', dueDate: '2025-11-01', residual: 999, currency: 'USD' }),
      anItem({ id: 'paid', dueDate: '2025-11-01', residual: 0 }),
      anItem({ id: 'credit', dueDate: '2025-11-01', residual: -500 }),
    ],
    '2026-03-15',
  );
  expect(aging.get('EUR')).toEqual([
    { bucket: 'not_due', count: 1, amount: 100 },
    { bucket: 'days_1_30', count: 2, amount: 300 },
    { bucket: 'days_31_60', count: 0, amount: 0 },
    { bucket: 'days_61_90', count: 0, amount: 0 },
    { bucket: 'over_90', count: 1, amount: 70 },
  ]);
  expect(aging.get('USD')?.find((row) => row.bucket === 'over_90')).toEqual({
    bucket: 'over_90',
    count: 1,
    amount: 999,
  });
});
