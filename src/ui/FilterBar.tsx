/**
 * The filters over today's list: a free-text search always in view, and behind "Filters" the customer
 * (search-as-you-type, with suggestions), agent, level, due-date range and amount range. Controlled: the
 * state comes in as a prop and every change goes out through `onChange` (the wiring layer persists it).
 */
import {
  Button,
  Combobox,
  Field,
  Input,
  makeStyles,
  Option,
  Select,
  ToggleButton,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useId, useMemo, useState } from 'react';
import { minorUnitDigits } from '../domain/money';
import {
  activeFilterCount,
  formatAmountInput,
  normaliseForSearch,
  NO_FILTERS,
  parseAmountInput,
  type FilterState,
} from './filters';
import { messagesFor, type UiLanguage } from './i18n';
import type { AgentOption, CustomerOption, ReminderRow } from './model';

/** Suggestions shown under the customer box at most: more would not help anyone pick. */
const MAX_SUGGESTIONS = 30;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  searchLine: { display: 'flex', alignItems: 'flex-end', columnGap: tokens.spacingHorizontalS },
  search: { flexGrow: 1, minWidth: 0 },
  panel: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(170px, 1fr))',
    gap: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    padding: tokens.spacingHorizontalS,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  wide: { gridColumn: '1 / -1' },
  combobox: { minWidth: 0, width: '100%' },
  input: { minWidth: 0 },
  actions: { gridColumn: '1 / -1', display: 'flex', justifyContent: 'flex-end' },
});

export interface FilterBarProps {
  readonly filters: FilterState;
  readonly onChange: (filters: FilterState) => void;
  /** Today's rows: their customers are the customer box's suggestions. */
  readonly rows: readonly ReminderRow[];
  readonly agents: readonly AgentOption[];
  readonly levels: readonly { readonly id: string; readonly name: string }[];
  /** The currency amounts are typed in (the setup's usual one); decides the decimals. */
  readonly currency: string;
  readonly language: UiLanguage;
}

/** An amount box that keeps what the clerk types and reports the parsed value (empty = no bound). */
function AmountInput({
  label,
  value,
  onValue,
  language,
  digits,
}: {
  label: string;
  value: number | undefined;
  onValue: (value: number | undefined) => void;
  language: UiLanguage;
  digits: number;
}) {
  const styles = useStyles();
  const t = messagesFor(language);
  const [text, setText] = useState(() => formatAmountInput(value, language, digits));
  const parsed = parseAmountInput(text, language, digits);
  // A value changed from outside (cleared filters, another tab) replaces what is typed.
  useEffect(() => {
    if (parseAmountInput(text, language, digits) !== value)
      setText(formatAmountInput(value, language, digits));
    // Only when the value changes from outside; `text` changes are ours.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);
  const invalid = text.trim() !== '' && parsed === undefined;
  return (
    <Field
      label={label}
      validationState={invalid ? 'error' : 'none'}
      validationMessage={invalid ? t.amountInvalid : undefined}
    >
      <Input
        className={styles.input}
        inputMode="decimal"
        value={text}
        onChange={(_, data) => {
          setText(data.value);
          const next = parseAmountInput(data.value, language, digits);
          if (data.value.trim() === '' || next !== undefined) onValue(next);
        }}
      />
    </Field>
  );
}

/**
 * The customers with a reminder today, by name. Sorted on the rows' normalised names with plain string
 * comparison: a collator over tens of thousands of names takes long enough to stall the pane.
 */
export function customersOf(rows: readonly ReminderRow[]): CustomerOption[] {
  const byId = new Map<string, { id: string; name: string; key: string }>();
  for (const row of rows) {
    if (byId.has(row.customerId)) continue;
    const nameEnd = row.search.indexOf('\n');
    byId.set(row.customerId, {
      id: row.customerId,
      name: row.customerName,
      key: nameEnd < 0 ? row.search : row.search.slice(0, nameEnd),
    });
  }
  return [...byId.values()]
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ id, name }) => ({ id, name }));
}

export function FilterBar({ filters, onChange, rows, agents, levels, currency, language }: FilterBarProps) {
  const styles = useStyles();
  const t = messagesFor(language);
  const active = activeFilterCount(filters);
  const [open, setOpen] = useState(() => active > (filters.text.trim() !== '' ? 1 : 0));
  const panelId = useId();
  const digits = minorUnitDigits(currency);

  const set = (patch: Partial<FilterState>): void => onChange({ ...filters, ...patch });
  const without = <K extends keyof FilterState>(key: K, patch: Partial<FilterState> = {}): FilterState => {
    const next: Record<string, unknown> = { ...filters, ...patch };
    delete next[key];
    return next as unknown as FilterState;
  };

  // Worked out only while the panel is open.
  const customers = useMemo(() => (open ? customersOf(rows) : []), [open, rows]);
  const query = normaliseForSearch(filters.customerQuery);
  const matches = useMemo(
    () =>
      query === ''
        ? customers
        : customers.filter((customer) => normaliseForSearch(customer.name).includes(query)),
    [customers, query],
  );

  return (
    <div className={styles.root}>
      <div className={styles.searchLine}>
        <Field label={t.textFilter} className={styles.search}>
          <Input
            type="search"
            placeholder={t.textPlaceholder}
            value={filters.text}
            onChange={(_, data) => set({ text: data.value })}
            data-testid="filter-text"
          />
        </Field>
        <ToggleButton
          checked={open}
          aria-expanded={open}
          aria-controls={panelId}
          onClick={() => setOpen(!open)}
        >
          {t.filtersActive(active)}
        </ToggleButton>
      </div>
      {open && (
        <div id={panelId} className={styles.panel} role="group" aria-label={t.filters}>
          <Field label={t.customerFilter} className={styles.wide}>
            <Combobox
              className={styles.combobox}
              freeform
              clearable
              placeholder={t.customerPlaceholder}
              value={filters.customerQuery}
              selectedOptions={filters.customerId !== undefined ? [filters.customerId] : []}
              onChange={(event) => onChange(without('customerId', { customerQuery: event.target.value }))}
              onOptionSelect={(_, data) => {
                if (data.optionValue === undefined) onChange(without('customerId', { customerQuery: '' }));
                else
                  onChange({
                    ...filters,
                    customerId: data.optionValue,
                    customerQuery: data.optionText ?? '',
                  });
              }}
              data-testid="filter-customer"
            >
              {matches.slice(0, MAX_SUGGESTIONS).map((customer) => (
                <Option key={customer.id} value={customer.id}>
                  {customer.name}
                </Option>
              ))}
              {matches.length > MAX_SUGGESTIONS && (
                <Option key="__more" value="__more" disabled text="">
                  {t.moreCustomers(matches.length - MAX_SUGGESTIONS)}
                </Option>
              )}
            </Combobox>
          </Field>
          <Field label={t.agentFilter}>
            <Select
              value={filters.agentId ?? ''}
              onChange={(_, data) =>
                onChange(data.value === '' ? without('agentId') : { ...filters, agentId: data.value })
              }
            >
              <option value="">{t.anyAgent}</option>
              {agents.map((agent) => (
                <option key={agent.id} value={agent.id}>
                  {agent.name}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t.levelFilter}>
            <Select
              value={filters.levelIds[0] ?? ''}
              onChange={(_, data) => set({ levelIds: data.value === '' ? [] : [data.value] })}
              data-testid="filter-level"
            >
              <option value="">{t.anyLevel}</option>
              {levels.map((level) => (
                <option key={level.id} value={level.id}>
                  {level.name}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t.dueFrom}>
            <Input
              className={styles.input}
              type="date"
              value={filters.dueFrom ?? ''}
              onChange={(_, data) =>
                onChange(data.value === '' ? without('dueFrom') : { ...filters, dueFrom: data.value })
              }
            />
          </Field>
          <Field label={t.dueTo}>
            <Input
              className={styles.input}
              type="date"
              value={filters.dueTo ?? ''}
              onChange={(_, data) =>
                onChange(data.value === '' ? without('dueTo') : { ...filters, dueTo: data.value })
              }
            />
          </Field>
          <AmountInput
            label={t.amountFrom}
            value={filters.amountMin}
            digits={digits}
            language={language}
            onValue={(value) =>
              onChange(value === undefined ? without('amountMin') : { ...filters, amountMin: value })
            }
          />
          <AmountInput
            label={t.amountTo}
            value={filters.amountMax}
            digits={digits}
            language={language}
            onValue={(value) =>
              onChange(value === undefined ? without('amountMax') : { ...filters, amountMax: value })
            }
          />
          <div className={styles.actions}>
            <Button appearance="subtle" disabled={active === 0} onClick={() => onChange(NO_FILTERS)}>
              {t.clearFilters}
            </Button>
          </div>
        </div>
      )}
    </div>
  );
}
