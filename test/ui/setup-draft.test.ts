/** "Add level" always leaves a setup the domain accepts, wherever the repetition is. */
import { validateSetup } from '../../src/domain/setup';
import { defaultSetup } from '../../dev/erp/seed/default-setup';
import { addLevel, type SetupDraft } from '../../src/ui/setup-draft';

const withLevels = (levels: readonly Partial<SetupDraft['levels'][number]>[]): SetupDraft => {
  const base = defaultSetup();
  const template = base.levels[0] as SetupDraft['levels'][number];
  return {
    ...base,
    levels: levels.map((patch, index) => ({
      ...template,
      id: `L${index + 1}`,
      name: `Livello ${index + 1}`,
      recurEveryDays: undefined,
      recurMaxCount: undefined,
      ...patch,
    })),
  };
};
const daysAndRecurrence = (draft: SetupDraft) =>
  draft.levels.map((level) => [level.days, level.recurEveryDays ?? null, level.recurMaxCount ?? null]);

test('the repeating last level keeps its repetition: the new level goes halfway before it', () => {
  const added = addLevel(
    withLevels([{ days: -10 }, { days: 15 }, { days: 30, recurEveryDays: 30, recurMaxCount: 3 }]),
    'Nuovo',
  );
  expect(daysAndRecurrence(added)).toEqual([
    [-10, null, null],
    [15, null, null],
    [30, 30, 3],
    [22, null, null],
  ]);
  expect(validateSetup(added).ok).toBe(true);
});

test('no free day before the repeating level: the new level goes last and takes the repetition', () => {
  const added = addLevel(withLevels([{ days: 29 }, { days: 30, recurEveryDays: 7 }]), 'Nuovo');
  expect(daysAndRecurrence(added)).toEqual([
    [29, null, null],
    [30, null, null],
    [45, 7, null],
  ]);
  expect(validateSetup(added).ok).toBe(true);
});

test('a last level that does not repeat: the new level is last, 15 days later; a lone repeating level gets one before it', () => {
  expect(daysAndRecurrence(addLevel(withLevels([{ days: -10 }, { days: 15 }]), 'Nuovo'))).toEqual([
    [-10, null, null],
    [15, null, null],
    [30, null, null],
  ]);
  const lone = addLevel(withLevels([{ days: 10, recurEveryDays: 10 }]), 'Nuovo');
  expect(daysAndRecurrence(lone)).toEqual([
    [10, 10, null],
    [-5, null, null],
  ]);
  expect(validateSetup(lone).ok).toBe(true);
});
