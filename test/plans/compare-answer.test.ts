/**
 * How a fixture's `expect` is compared with the engine's answer (docs/rules.md §1.28): `interest` and
 * `indemnity` only where the expected reminder gives them, each expected reminder on its own.
 */
import { compareAnswer, type PlanAnswer, type ReminderAnswer } from '../../scripts/lib/plan-fixture';

const reminder = (itemId: string, more: Partial<ReminderAnswer> = {}): ReminderAnswer => ({
  customerId: 'C1',
  levelId: 'L3',
  currency: 'EUR',
  items: [{ itemId, levelId: 'L3', cycle: 0 }],
  total: 36500,
  to: ['a@rossi.it'],
  cc: [],
  ...more,
});

const answer: PlanAnswer = {
  reminders: [
    reminder('I1', { interest: 400, indemnity: 4000 }),
    reminder('I2', { interest: 210, indemnity: 0 }),
  ],
  skipped: [],
};
const expected = (reminders: unknown[]) => ({ reminders, skipped: [] });
const { interest: _i, indemnity: _j, ...withoutCharges } = reminder('I2');

test('one expected reminder may give interest and indemnity while another does not', () => {
  expect(
    compareAnswer(expected([reminder('I1', { interest: 400, indemnity: 4000 }), withoutCharges]), answer),
  ).toEqual([]);
  expect(
    compareAnswer(expected([reminder('I1', { interest: 400 }), reminder('I2', { indemnity: 0 })]), answer),
  ).toEqual([]);
});

test('a wrong interest or indemnity is a difference, reported on both sides', () => {
  const problems = compareAnswer(
    expected([reminder('I1', { interest: 401, indemnity: 4000 }), withoutCharges]),
    answer,
  );
  expect(problems).toHaveLength(2);
  expect(problems[0]).toMatch(/^reminders: expected but missing .*"interest":401/);
  expect(problems[1]).toMatch(/^reminders: produced but not expected .*"interest":400/);
  expect(compareAnswer(expected([reminder('I1', { indemnity: 0 }), withoutCharges]), answer)).toHaveLength(2);
});

test('an expected interest the engine does not give (no lateInterest) is a difference', () => {
  const plain: PlanAnswer = { reminders: [reminder('I1')], skipped: [] };
  expect(compareAnswer(expected([reminder('I1', { interest: 0 })]), plain)).toHaveLength(2);
  expect(compareAnswer(expected([reminder('I1')]), plain)).toEqual([]);
});

test('reminders stay a set, and a missing or extra reminder is still found', () => {
  expect(compareAnswer(expected([withoutCharges, reminder('I1')]), answer)).toEqual([]);
  expect(compareAnswer(expected([reminder('I1')]), answer)).toEqual([
    expect.stringMatching(/^reminders: produced but not expected .*"I2"/),
  ]);
  expect(compareAnswer(expected([reminder('I1'), withoutCharges, reminder('I3')]), answer)).toEqual([
    expect.stringMatching(/^reminders: expected but missing .*"I3"/),
  ]);
});
