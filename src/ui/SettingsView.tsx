/**
 * The settings view: the reminder setup (options, users, levels, texts) as the ERP stores it — edited by
 * administrators, read by everyone else — checked live by the domain's `validateSetup` and saved with its
 * ETag (an edit made elsewhere meanwhile is reported, never overwritten); and the user's own connection
 * settings with a connection test.
 */
import {
  Button,
  Divider,
  Field,
  Input,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Spinner,
  Switch,
  Text,
  Textarea,
} from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { isTimeZone } from '../domain/calendar';
import { minorUnitDigits } from '../domain/money';
import { validateSetup, type SetupProblem } from '../domain/setup';
import { ConnectionSettings } from './ConnectionSettings';
import { formatAmountInput } from './filters';
import { messagesFor, settingsMessagesFor, type UiLanguage } from './i18n';
import { LateInterestEditor } from './LateInterestEditor';
import { LevelsEditor } from './LevelsEditor';
import type { PaneActions, PaneState, SaveSetupResult, SetupDocument } from './model';
import {
  draftFieldProblems,
  hasFieldProblems,
  onePerCustomerAllowed,
  setGroupByCustomer,
  parseList,
  sortLevels,
  typedAmount,
  type DraftFieldProblems,
  type LateInterestProblems,
  type SetupDraft,
} from './setup-draft';
import { filterDraftTexts } from './filter-texts';
import { TextsEditor } from './TextsEditor';
import { useSettingsStyles } from './settings-styles';
import { messageOf } from '../domain/message-of';

export interface SettingsViewProps {
  readonly state: PaneState;
  readonly actions: PaneActions;
  readonly language: UiLanguage;
}

type SaveState =
  | { readonly phase: 'idle' }
  | { readonly phase: 'saving' }
  | { readonly phase: 'done'; readonly result: SaveSetupResult };

export function SettingsView({ state, actions, language }: SettingsViewProps) {
  const styles = useSettingsStyles();
  const t = settingsMessagesFor(language);
  const common = messagesFor(language);
  const [document, setDocument] = useState<SetupDocument | null | undefined>();
  const [draft, setDraft] = useState<SetupDraft | undefined>();
  const [save, setSave] = useState<SaveState>({ phase: 'idle' });
  // Text boxes that reformat what is typed keep their own text: a new version (reload, discard) resets them.
  const [version, setVersion] = useState(0);
  const editable = state.session.isAdministrator;

  const load = useCallback(() => {
    actions.loadSetup().then(
      (loaded) => {
        setDocument(loaded ?? null);
        setDraft(loaded?.setup);
        setVersion((v) => v + 1);
      },
      () => setDocument(null),
    );
  }, [actions]);
  useEffect(load, [load]);

  const validation = useMemo(() => (draft !== undefined ? validateSetup(draft) : undefined), [draft]);
  const fields = useMemo(() => (draft !== undefined ? draftFieldProblems(draft) : undefined), [draft]);
  const problems = validation !== undefined && !validation.ok ? validation.error : [];
  const dirty =
    draft !== undefined &&
    document !== undefined &&
    document !== null &&
    JSON.stringify(draft) !== JSON.stringify(document.setup);

  if (document === undefined) return <Spinner size="small" />;
  if (document === null || draft === undefined) return <Text>{t.notLoaded}</Text>;

  const change = (next: SetupDraft): void => {
    setDraft(next);
    if (save.phase === 'done') setSave({ phase: 'idle' });
  };
  const administrators = draft.administrators;
  const onePerCustomerProblem = problems.find((problem) => problem.path === 'onePerCustomer');
  const digits = minorUnitDigits('EUR');

  const onSave = (): void => {
    setSave({ phase: 'saving' });
    const sorted = filterDraftTexts(sortLevels(draft));
    actions.saveSetup({ setup: sorted, etag: document.etag }).then(
      (result) => {
        setSave({ phase: 'done', result });
        if (result.ok) load();
      },
      (error: unknown) =>
        setSave({
          phase: 'done',
          result: {
            ok: false,
            reason: 'failed',
            detail: messageOf(error),
          },
        }),
    );
  };

  return (
    <div className={styles.root}>
      {!editable && (
        <MessageBar intent="info" layout="multiline" data-testid="settings-read-only">
          <MessageBarBody>{t.readOnly(administrators)}</MessageBarBody>
        </MessageBar>
      )}

      <div key={version} className={styles.root}>
        <fieldset className={styles.section} disabled={!editable}>
          <Text as="h2" size={400} weight="semibold">
            {t.optionsHeading}
          </Text>
          <div className={styles.card}>
            <Switch
              checked={draft.groupByCustomer}
              label={t.groupByCustomer}
              onChange={(_, data) => change(setGroupByCustomer(draft, data.checked))}
            />
            <Text size={200} className={styles.muted}>
              {t.groupByCustomerHint}
            </Text>
            <Field
              hint={t.onePerCustomerHint}
              {...(onePerCustomerProblem !== undefined
                ? {
                    validationState: 'error' as const,
                    validationMessage: common.setupProblem(onePerCustomerProblem),
                  }
                : !onePerCustomerAllowed(draft)
                  ? { validationState: 'none' as const, validationMessage: t.onePerCustomerNeedsGrouping }
                  : {})}
            >
              <Switch
                checked={draft.onePerCustomer === true}
                disabled={!onePerCustomerAllowed(draft)}
                label={t.onePerCustomer}
                onChange={(_, data) => change({ ...draft, onePerCustomer: data.checked })}
                data-testid="one-per-customer"
              />
            </Field>
            <Switch
              checked={draft.ccAgent}
              label={t.ccAgent}
              onChange={(_, data) => change({ ...draft, ccAgent: data.checked })}
            />
            <Switch
              checked={draft.attachInvoicePdfs}
              label={t.attachInvoicePdfs}
              onChange={(_, data) => change({ ...draft, attachInvoicePdfs: data.checked })}
            />
            <div className={styles.grid}>
              <Field
                label={t.minimumAmount}
                hint={t.minimumAmountHint}
                {...errorProps(
                  fields?.minimumAmount === 'negative'
                    ? t.minimumNegative
                    : fields?.minimumAmount === 'not_an_amount'
                      ? t.minimumNotAmount
                      : undefined,
                )}
              >
                <Input
                  inputMode="decimal"
                  contentAfter="€"
                  defaultValue={formatAmountInput(draft.minimumAmount ?? 0, language, digits)}
                  onChange={(_, data) =>
                    change({ ...draft, minimumAmount: typedAmount(data.value, language, digits) })
                  }
                  data-testid="minimum-amount"
                />
              </Field>
              <Field
                label={t.minDaysBetween}
                hint={t.minDaysBetweenHint}
                {...errorProps(
                  problems
                    .filter(
                      (problem) =>
                        problem.code === 'field_not_whole_number' && problem.field === 'minDaysBetween',
                    )
                    .map((problem) => common.setupProblem(problem))[0],
                )}
              >
                <Input
                  type="number"
                  min={0}
                  step={1}
                  value={String(draft.minDaysBetween ?? 0)}
                  onChange={(_, data) =>
                    change({ ...draft, minDaysBetween: data.value === '' ? 0 : Number(data.value) })
                  }
                />
              </Field>
              <Field label={t.autoCollected} hint={t.autoCollectedHint}>
                <Input
                  defaultValue={draft.autoCollectedPaymentMethods.join(', ')}
                  onChange={(_, data) =>
                    change({ ...draft, autoCollectedPaymentMethods: parseList(data.value) })
                  }
                />
              </Field>
              <Field
                label={t.timezone}
                validationState={isTimeZone(draft.timezone) ? 'none' : 'error'}
                validationMessage={isTimeZone(draft.timezone) ? undefined : t.timezoneInvalid}
              >
                <Input
                  value={draft.timezone}
                  onChange={(_, data) => change({ ...draft, timezone: data.value })}
                />
              </Field>
              <Field label={t.defaultLanguage}>
                <Select
                  value={draft.defaultLanguage}
                  onChange={(_, data) => change({ ...draft, defaultLanguage: data.value })}
                >
                  {[...new Set(['it', 'en', draft.defaultLanguage])].map((code) => (
                    <option key={code} value={code}>
                      {t.languageName(code)}
                    </option>
                  ))}
                </Select>
              </Field>
              <Field label={t.companyIban}>
                <Input
                  value={draft.companyIban ?? ''}
                  onChange={(_, data) =>
                    change({
                      ...draft,
                      companyIban: data.value.replace(/\s+/g, '').toUpperCase() || undefined,
                    })
                  }
                />
              </Field>
            </div>
          </div>
        </fieldset>

        <fieldset className={styles.section} disabled={!editable}>
          <Text as="h2" size={400} weight="semibold">
            {t.usersHeading}
          </Text>
          <div className={`${styles.card} ${styles.grid}`}>
            <Field
              label={t.enabledUsers}
              hint={t.onePerLine}
              {...addressErrors(fields, 'enabledUsers', t.notAddresses)}
            >
              <Textarea
                resize="vertical"
                rows={4}
                defaultValue={draft.enabledUsers.join('\n')}
                onChange={(_, data) => change({ ...draft, enabledUsers: parseList(data.value) })}
              />
            </Field>
            <Field
              label={t.administrators}
              hint={t.onePerLine}
              {...addressErrors(fields, 'administrators', t.notAddresses)}
            >
              <Textarea
                resize="vertical"
                rows={4}
                defaultValue={draft.administrators.join('\n')}
                onChange={(_, data) => change({ ...draft, administrators: parseList(data.value) })}
              />
            </Field>
          </div>
        </fieldset>

        <LateInterestEditor
          draft={draft}
          onChange={change}
          editable={editable}
          problems={fields?.lateInterest}
          language={language}
        />

        <LevelsEditor
          draft={draft}
          onChange={change}
          editable={editable}
          problems={problems}
          language={language}
        />
        <TextsEditor
          draft={draft}
          onChange={change}
          editable={editable}
          loadSample={actions.loadSample}
          language={language}
        />
      </div>

      {(problems.length > 0 || (fields !== undefined && hasFieldProblems(fields))) && (
        <MessageBar intent="error" layout="multiline" data-testid="setup-problems">
          <MessageBarBody>
            <MessageBarTitle>{t.problemsHeading}</MessageBarTitle>
            <ul className={styles.list}>
              {problems
                .filter((problem) => !saidByField(problem, fields))
                .map((problem) => (
                  <li key={`${problem.path}|${problem.message}`}>
                    {common.setupProblem(problem, (index) => draft.levels[index]?.name)}
                  </li>
                ))}
              {fields !== undefined &&
                fieldSentences(fields, draft, t).map((sentence) => <li key={sentence}>{sentence}</li>)}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}

      {save.phase === 'done' && <SaveOutcome result={save.result} onReload={load} language={language} />}

      {editable && (
        <div className={styles.saveBar}>
          <Button
            appearance="primary"
            disabled={
              !dirty ||
              save.phase === 'saving' ||
              validation?.ok !== true ||
              fields === undefined ||
              hasFieldProblems(fields)
            }
            onClick={onSave}
          >
            {save.phase === 'saving' ? t.saving : t.save}
          </Button>
          <Button
            disabled={!dirty || save.phase === 'saving'}
            onClick={() => {
              change(document.setup);
              setVersion((v) => v + 1);
            }}
          >
            {t.discard}
          </Button>
          {dirty && (
            <Text size={200} className={styles.muted}>
              {t.unsaved}
            </Text>
          )}
        </div>
      )}

      <Divider />
      <ConnectionSettings actions={actions} language={language} />
    </div>
  );
}

/**
 * Problems said by the editor's own checks: the minimum amount's (negative, or not an amount), and the
 * late-interest table's whenever the table's own check finds something (each box says what).
 */
const saidByField = (problem: SetupProblem, fields: DraftFieldProblems | undefined): boolean =>
  (problem.code === 'field_not_whole_number' && problem.field === 'minimumAmount') ||
  (fields?.lateInterest !== undefined &&
    (problem.path === 'lateInterest' || problem.path.startsWith('lateInterest.')));

/** The editor's own field problems, for the list beside Save (each is also said on its field). */
function fieldSentences(
  fields: DraftFieldProblems,
  draft: SetupDraft,
  t: ReturnType<typeof settingsMessagesFor>,
): string[] {
  return [
    ...fields.unnamedLevels.map((index) => `${draft.levels[index]?.id ?? index + 1}: ${t.levelNameRequired}`),
    ...(fields.minimumAmount === 'negative' ? [t.minimumNegative] : []),
    ...(fields.minimumAmount === 'not_an_amount' ? [`${t.minimumAmount}: ${t.minimumNotAmount}`] : []),
    ...(fields.enabledUsers.length > 0 ? [`${t.enabledUsers}: ${t.notAddresses(fields.enabledUsers)}`] : []),
    ...(fields.administrators.length > 0
      ? [`${t.administrators}: ${t.notAddresses(fields.administrators)}`]
      : []),
    ...(fields.lateInterest !== undefined ? lateInterestSentences(fields.lateInterest, t) : []),
  ];
}

/** The late-interest table's problems, one sentence each, naming the rate's row. */
function lateInterestSentences(
  problems: LateInterestProblems,
  t: ReturnType<typeof settingsMessagesFor>,
): string[] {
  const percent = {
    not_a_number: t.percentNotNumber,
    negative: t.percentNegative,
    too_many_decimals: t.percentDecimals,
  };
  return [
    ...problems.rates.flatMap((rate, index) => [
      ...(rate.from !== undefined
        ? [`${t.rateFrom(index + 1)}: ${rate.from === 'invalid' ? t.rateFromInvalid : t.rateFromRepeated}`]
        : []),
      ...(rate.percent !== undefined ? [`${t.ratePercent(index + 1)}: ${percent[rate.percent]}`] : []),
    ]),
    ...(problems.flatIndemnity !== undefined
      ? [
          `${t.flatIndemnity}: ${problems.flatIndemnity === 'negative' ? t.indemnityNegative : t.indemnityNotAmount}`,
        ]
      : []),
  ];
}

/** A Field's validation props: its own problem as an error, or nothing. */
function errorProps(message: string | undefined) {
  return message !== undefined ? { validationState: 'error' as const, validationMessage: message } : {};
}

function addressErrors(
  fields: DraftFieldProblems | undefined,
  list: 'enabledUsers' | 'administrators',
  sentence: (entries: readonly string[]) => string,
) {
  const wrong = fields?.[list] ?? [];
  return errorProps(wrong.length > 0 ? sentence(wrong) : undefined);
}

function SaveOutcome({
  result,
  onReload,
  language,
}: {
  readonly result: SaveSetupResult;
  readonly onReload: () => void;
  readonly language: UiLanguage;
}) {
  const t = settingsMessagesFor(language);
  if (result.ok) {
    return (
      <MessageBar intent="success" data-testid="save-outcome">
        <MessageBarBody>{t.saved}</MessageBarBody>
      </MessageBar>
    );
  }
  const sentence =
    result.reason === 'conflict'
      ? t.conflict
      : result.reason === 'forbidden'
        ? t.forbidden
        : result.reason === 'invalid'
          ? t.invalid
          : t.failed(result.detail ?? '');
  return (
    <MessageBar
      intent={result.reason === 'conflict' ? 'warning' : 'error'}
      layout="multiline"
      data-testid="save-outcome"
    >
      <MessageBarBody>{sentence}</MessageBarBody>
      {result.reason === 'conflict' && (
        <MessageBarActions>
          <Button size="small" onClick={onReload}>
            {t.reload}
          </Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}
