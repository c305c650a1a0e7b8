/**
 * The levels of the setup: add, remove, name, kind, days from the due date, and repetition — which only
 * the last level (the one with the most days) may have: elsewhere the fields stay off and say why.
 * Levels are shown in days order, re-sorted when a days field is left.
 */
import { Badge, Button, Field, Input, Select, Text } from '@fluentui/react-components';
import { LEVEL_KINDS, type SetupProblem } from '../domain/setup';
import { messagesFor, settingsMessagesFor, type UiLanguage } from './i18n';
import { levelColor } from './ReminderList';
import {
  addLevel,
  lastLevelIndex,
  levelFieldProblem,
  recurrenceRefusal,
  removeLevel,
  sortLevels,
  updateLevel,
  type SetupDraft,
} from './setup-draft';
import { useSettingsStyles } from './settings-styles';

export interface LevelsEditorProps {
  readonly draft: SetupDraft;
  readonly onChange: (draft: SetupDraft) => void;
  readonly editable: boolean;
  /** The domain's problems with the draft (`validateSetup`): each is said on the field it is about. */
  readonly problems: readonly SetupProblem[];
  readonly language: UiLanguage;
}

/** A whole number typed in a box, or undefined when the box is empty (a half-typed "-" counts as empty). */
const wholeNumber = (text: string): number | undefined =>
  text.trim() === '' || text.trim() === '-' ? undefined : Number(text);

export function LevelsEditor({ draft, onChange, editable, problems, language }: LevelsEditorProps) {
  const styles = useSettingsStyles();
  const t = settingsMessagesFor(language);
  const common = messagesFor(language);
  const levelName = (index: number) => draft.levels[index]?.name;
  /** The field's own problem as a Field's validation props (an error), or nothing. */
  const fieldError = (problem: SetupProblem | undefined) =>
    problem !== undefined
      ? { validationState: 'error' as const, validationMessage: common.setupProblem(problem, levelName) }
      : {};
  const last = lastLevelIndex(draft.levels);
  return (
    <fieldset className={styles.section} disabled={!editable} data-testid="levels-editor">
      <Text as="h2" size={400} weight="semibold">
        {t.levelsHeading}
      </Text>
      <Text size={200} className={styles.muted}>
        {t.levelsHint}
      </Text>
      {draft.levels.map((level, index) => {
        const refusal = recurrenceRefusal(draft.levels, index);
        const hasRecurrence = level.recurEveryDays !== undefined && level.recurEveryDays !== null;
        // Off on a level that is not last — unless it has a repetition left from before, which must be removable.
        const recurrenceOff =
          refusal !== undefined &&
          !hasRecurrence &&
          (level.recurMaxCount === undefined || level.recurMaxCount === null);
        const label = level.name.trim() !== '' ? level.name : level.id;
        const recurProblem = levelFieldProblem(problems, index, 'recurEveryDays');
        const maxProblem = levelFieldProblem(problems, index, 'recurMaxCount');
        return (
          <div key={level.id} className={styles.card} data-testid="level-card">
            <div className={styles.line}>
              <Badge appearance="tint" color={levelColor(level.kind)}>
                {label}
              </Badge>
              {index === last && (
                <Text size={200} className={styles.muted}>
                  {t.lastLevelBadge}
                </Text>
              )}
              <Button
                size="small"
                appearance="subtle"
                disabled={draft.levels.length <= 1}
                title={draft.levels.length <= 1 ? t.cannotRemoveLast : undefined}
                onClick={() => onChange(removeLevel(draft, index))}
              >
                {t.removeLevel(label)}
              </Button>
            </div>
            <div className={styles.grid}>
              <Field
                label={t.levelName}
                required
                {...(level.name.trim() === ''
                  ? { validationState: 'error' as const, validationMessage: t.levelNameRequired }
                  : {})}
              >
                <Input
                  data-testid="level-name"
                  value={level.name}
                  onChange={(_, data) => onChange(updateLevel(draft, index, { name: data.value }))}
                />
              </Field>
              <Field label={t.levelKind}>
                <Select
                  value={level.kind}
                  onChange={(_, data) => onChange(updateLevel(draft, index, { kind: data.value }))}
                >
                  {[...new Set([...LEVEL_KINDS, level.kind])].map((kind) => (
                    <option key={kind} value={kind}>
                      {t.kindName(kind)}
                    </option>
                  ))}
                </Select>
              </Field>
              <Field
                label={t.levelDays}
                hint={Number.isInteger(level.days) ? t.levelDaysHint(level.days) : undefined}
                {...fieldError(levelFieldProblem(problems, index, 'days'))}
              >
                <Input
                  type="number"
                  step={1}
                  value={Number.isFinite(level.days) ? String(level.days) : ''}
                  onChange={(_, data) =>
                    onChange(updateLevel(draft, index, { days: wholeNumber(data.value) ?? Number.NaN }))
                  }
                  onBlur={() => onChange(sortLevels(draft))}
                  data-testid="level-days"
                />
              </Field>
              <Field
                label={t.recurEveryDays}
                validationState={recurProblem !== undefined ? 'error' : 'none'}
                validationMessage={
                  recurProblem !== undefined
                    ? common.setupProblem(recurProblem, levelName)
                    : refusal !== undefined
                      ? t.recurOnlyLast(refusal.lastName)
                      : undefined
                }
              >
                <Input
                  type="number"
                  min={1}
                  step={1}
                  disabled={recurrenceOff}
                  value={hasRecurrence ? String(level.recurEveryDays) : ''}
                  onChange={(_, data) => {
                    const value = wholeNumber(data.value);
                    onChange(
                      updateLevel(
                        draft,
                        index,
                        value === undefined
                          ? { recurEveryDays: undefined, recurMaxCount: undefined }
                          : { recurEveryDays: value },
                      ),
                    );
                  }}
                  data-testid="level-recur"
                />
              </Field>
              <Field
                label={t.recurMaxCount}
                validationMessage={
                  maxProblem !== undefined
                    ? common.setupProblem(maxProblem, levelName)
                    : !hasRecurrence && refusal === undefined
                      ? t.recurMaxNeedsEvery
                      : undefined
                }
                validationState={maxProblem !== undefined ? 'error' : 'none'}
              >
                <Input
                  type="number"
                  min={1}
                  step={1}
                  disabled={!hasRecurrence}
                  value={
                    level.recurMaxCount !== undefined && level.recurMaxCount !== null
                      ? String(level.recurMaxCount)
                      : ''
                  }
                  onChange={(_, data) =>
                    onChange(updateLevel(draft, index, { recurMaxCount: wholeNumber(data.value) }))
                  }
                />
              </Field>
            </div>
          </div>
        );
      })}
      {editable && (
        <div className={styles.buttons}>
          <Button onClick={() => onChange(addLevel(draft, t.newLevelName))}>{t.addLevel}</Button>
        </div>
      )}
    </fieldset>
  );
}
