/**
 * Late-payment interest and the flat indemnity (D.Lgs. 231/2002) in the settings: off (the setup has no
 * `lateInterest`), or a table of yearly rates — each from its date until the next — with rows to add and
 * remove, and the indemnity charged per overdue document, in euros (stored in cents). Each box says its
 * own problem (`lateInterestProblems`); what is typed stays as typed until it is right.
 */
import { Button, Field, Input, makeStyles, Switch, Text, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { minorUnitDigits } from '../domain/money';
import { formatAmountInput } from './filters';
import { settingsMessagesFor, type UiLanguage } from './i18n';
import {
  percentText,
  typedAmount,
  typedPercent,
  type LateInterestDraft,
  type LateInterestProblems,
  type RateProblems,
  type SetupDraft,
} from './setup-draft';
import { useSettingsStyles } from './settings-styles';

const useStyles = makeStyles({
  // Date, percent and the remove button on one line, down to a 360 px pane.
  row: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr) auto',
    columnGap: tokens.spacingHorizontalS,
    alignItems: 'start',
  },
  remove: { marginTop: '22px', minWidth: 'auto' },
  // Boxes shrink with the pane instead of keeping the native input's own width.
  cell: { minWidth: 0 },
  box: { width: '100%', minWidth: 0 },
  input: { minWidth: 0, width: '100%' },
});

/** €40, the indemnity the law sets for each late invoice between businesses. */
export const DEFAULT_FLAT_INDEMNITY = 4000;

export interface LateInterestEditorProps {
  readonly draft: SetupDraft;
  readonly onChange: (draft: SetupDraft) => void;
  readonly editable: boolean;
  /** The table's problems (`draftFieldProblems(draft).lateInterest`), said on each box. */
  readonly problems: LateInterestProblems | undefined;
  readonly language: UiLanguage;
}

/** A row as typed; `key` keeps each row's boxes its own when another row is removed. */
interface RateRow {
  readonly key: number;
  readonly from: string;
  readonly percent: string;
}

export function LateInterestEditor({
  draft,
  onChange,
  editable,
  problems,
  language,
}: LateInterestEditorProps) {
  const styles = { ...useSettingsStyles(), ...useStyles() };
  const t = settingsMessagesFor(language);
  const digits = minorUnitDigits('EUR');
  const stored = draft.lateInterest ?? undefined;
  // The editor keeps what is typed; the draft gets the values (a NaN percent where it is not a number).
  const [rows, setRows] = useState<readonly RateRow[]>(() =>
    (stored?.rates ?? []).map((rate, key) => ({
      key,
      from: rate.from,
      percent: percentText(rate.percent, language),
    })),
  );
  const [nextKey, setNextKey] = useState(rows.length);
  const [indemnity, setIndemnity] = useState(stored?.flatIndemnity ?? DEFAULT_FLAT_INDEMNITY);
  const on = stored !== undefined;

  const write = (nextRows: readonly RateRow[], flatIndemnity: number): void => {
    setRows(nextRows);
    setIndemnity(flatIndemnity);
    const lateInterest: LateInterestDraft = {
      rates: nextRows.map((row) => ({ from: row.from, percent: typedPercent(row.percent) })),
      flatIndemnity,
    };
    onChange({ ...draft, lateInterest });
  };
  const updateRow = (key: number, patch: Partial<RateRow>): void =>
    write(
      rows.map((row) => (row.key === key ? { ...row, ...patch } : row)),
      indemnity,
    );

  return (
    <fieldset className={styles.section} disabled={!editable} data-testid="late-interest">
      <Text as="h2" size={400} weight="semibold">
        {t.lateInterestHeading}
      </Text>
      <div className={styles.card}>
        <Field hint={t.lateInterestHint}>
          <Switch
            checked={on}
            label={t.lateInterestOn}
            onChange={(_, data) => {
              if (data.checked) write(rows, indemnity);
              else onChange({ ...draft, lateInterest: undefined });
            }}
            data-testid="late-interest-on"
          />
        </Field>
        {on && (
          <>
            <Text weight="semibold">{t.ratesLabel}</Text>
            <Text size={200} className={styles.muted}>
              {rows.length === 0 ? t.noRates : t.ratesHint}
            </Text>
            {rows.map((row, index) => {
              const problem: RateProblems = problems?.rates[index] ?? {};
              return (
                <div key={row.key} className={styles.row} data-testid="rate-row">
                  <Field
                    className={styles.cell}
                    label={t.rateFrom(index + 1)}
                    {...errorProps(
                      problem.from === 'invalid'
                        ? t.rateFromInvalid
                        : problem.from === 'repeated'
                          ? t.rateFromRepeated
                          : undefined,
                    )}
                  >
                    <Input
                      className={styles.box}
                      input={{ className: styles.input }}
                      type="date"
                      value={row.from}
                      onChange={(_, data) => updateRow(row.key, { from: data.value })}
                      data-testid="rate-from"
                    />
                  </Field>
                  <Field
                    className={styles.cell}
                    label={t.ratePercent(index + 1)}
                    {...errorProps(
                      problem.percent === 'not_a_number'
                        ? t.percentNotNumber
                        : problem.percent === 'negative'
                          ? t.percentNegative
                          : problem.percent === 'too_many_decimals'
                            ? t.percentDecimals
                            : undefined,
                    )}
                  >
                    <Input
                      className={styles.box}
                      input={{ className: styles.input }}
                      inputMode="decimal"
                      contentAfter="%"
                      value={row.percent}
                      onChange={(_, data) => updateRow(row.key, { percent: data.value })}
                      data-testid="rate-percent"
                    />
                  </Field>
                  <Button
                    className={styles.remove}
                    appearance="subtle"
                    aria-label={t.removeRate(index + 1)}
                    title={t.removeRate(index + 1)}
                    onClick={() =>
                      write(
                        rows.filter((other) => other.key !== row.key),
                        indemnity,
                      )
                    }
                  >
                    ✕
                  </Button>
                </div>
              );
            })}
            {editable && (
              <div className={styles.buttons}>
                <Button
                  onClick={() => {
                    write([...rows, { key: nextKey, from: '', percent: '' }], indemnity);
                    setNextKey(nextKey + 1);
                  }}
                >
                  {t.addRate}
                </Button>
              </div>
            )}
            <Field
              label={t.flatIndemnity}
              hint={t.flatIndemnityHint}
              {...errorProps(
                problems?.flatIndemnity === 'negative'
                  ? t.indemnityNegative
                  : problems?.flatIndemnity === 'not_an_amount'
                    ? t.indemnityNotAmount
                    : undefined,
              )}
            >
              <Input
                inputMode="decimal"
                contentAfter="€"
                defaultValue={
                  Number.isFinite(indemnity) ? formatAmountInput(indemnity, language, digits) : ''
                }
                onChange={(_, data) => write(rows, typedAmount(data.value, language, digits))}
                data-testid="flat-indemnity"
              />
            </Field>
          </>
        )}
      </div>
    </fieldset>
  );
}

/** A Field's validation props: its own problem as an error, or nothing. */
function errorProps(message: string | undefined) {
  return message !== undefined ? { validationState: 'error' as const, validationMessage: message } : {};
}
