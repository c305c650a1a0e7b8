/**
 * The fixture comparison (docs/rules.md §1.28): sets of reminders and skipped entries, items in order, and an
 * item's `levelId` compared only where the expectation gives it — element by element.
 */
import { compareAnswer, type PlanAnswer } from '../../scripts/lib/plan-fixture';

const reminder = (items: { itemId: string; levelId: string; cycle: number }[], levelId = 'L3') => ({
  customerId: 'C1',
  levelId,
  currency: 'EUR',
  items,
  total: 1000,
  to: ['a@rossi.it'],
  cc: [],
});

const answer: PlanAnswer = {
  reminders: [
    reminder([
      { itemId: 'I2', levelId: 'L3', cycle: 0 },
      { itemId: 'I1', levelId: 'L2', cycle: 0 },
    ]),
  ],
  skipped: [],
};

test("an item's levelId is compared only where the expectation gives it, even when a sibling item gives it", () => {
  const expected = (first: Record<string, unknown>, second: Record<string, unknown>) => ({
    reminders: [{ levelId: 'L3', items: [first, second] }],
    skipped: [],
  });
  expect(
    compareAnswer(expected({ itemId: 'I2', levelId: 'L3', cycle: 0 }, { itemId: 'I1', cycle: 0 }), answer),
  ).toEqual([]);
  expect(
    compareAnswer(expected({ itemId: 'I2', cycle: 0 }, { itemId: 'I1', levelId: 'L2', cycle: 0 }), answer),
  ).toEqual([]);
  expect(
    compareAnswer(expected({ itemId: 'I2', cycle: 0 }, { itemId: 'I1', levelId: 'L3', cycle: 0 }), answer),
  ).not.toEqual([]);
  expect(compareAnswer(expected({ itemId: 'I1', cycle: 0 }, { itemId: 'I2', cycle: 0 }), answer)).not.toEqual(
    [],
  );
});

test('reminders are a set: each expected one needs its own match, whatever fields each leaves out', () => {
  const two: PlanAnswer = {
    reminders: [
      reminder([{ itemId: 'I1', levelId: 'L3', cycle: 0 }]),
      reminder([{ itemId: 'I2', levelId: 'L3', cycle: 0 }]),
    ],
    skipped: [{ itemId: 'I9', reason: 'on_hold' }],
  };
  const loose = { levelId: 'L3' };
  const strict = { levelId: 'L3', items: [{ itemId: 'I1', cycle: 0 }] };
  const skipped = [{ itemId: 'I9', reason: 'on_hold' }];
  expect(compareAnswer({ reminders: [loose, strict], skipped }, two)).toEqual([]);
  expect(compareAnswer({ reminders: [strict, strict], skipped }, two)).toHaveLength(2);
  expect(compareAnswer({ reminders: [loose], skipped }, two)).toHaveLength(1);
  expect(compareAnswer({ reminders: [loose, loose], skipped: [] }, two)).toEqual([
    'skipped: produced but not expected {"itemId":"I9","reason":"on_hold"}',
  ]);
});
