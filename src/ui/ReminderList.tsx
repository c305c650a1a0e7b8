/**
 * The reminders due today, one row a communication, and the items left out with their reasons. Props in,
 * nothing out: no IO, no business rule (the plan comes from the engine; this only lays it out).
 */
import { Badge, Button, makeStyles, Text, tokens, type BadgeProps } from '@fluentui/react-components';
import { useId, useState } from 'react';
import { daysBetween, formatCalendarDate, type CalendarDate } from '../domain/calendar';
import { formatMoney, type Cents } from '../domain/money';
import type { Communication } from '../domain/plan-reminders';
import type { Level } from '../domain/setup';
import type { Customer, OpenItem, SkippedItem } from '../domain/types';
import { messagesFor, type UiLanguage } from './i18n';

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  row: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  line: { display: 'flex', alignItems: 'baseline', columnGap: tokens.spacingHorizontalS, minWidth: 0 },
  name: { flexGrow: 1, minWidth: 0, overflowWrap: 'anywhere' },
  amount: { flexShrink: 0, whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' },
  details: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalXXS },
  muted: { color: tokens.colorNeutralForeground3 },
  reason: { color: tokens.colorNeutralForeground2 },
  overdue: { color: tokens.colorPaletteRedForeground1 },
  skippedList: { listStyleType: 'none', margin: 0, padding: 0 },
  sectionHeader: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', columnGap: tokens.spacingHorizontalS },
  skippedRow: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXXS,
    padding: `${tokens.spacingVerticalXS} 0`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
  },
});

/** Badge colour by level kind: the kind is a label for texts and the UI, so the mapping lives here. */
function levelColor(level: Level | undefined): BadgeProps['color'] {
  switch (level?.kind) {
    case 'promemoria':
      return 'brand';
    case 'estratto_conto':
      return 'warning';
    case 'sollecito':
      return 'danger';
    default:
      return 'informative';
  }
}

/** Calendar days from the oldest due date among the communication's items to today. */
export function mostOverdueDays(communication: Communication, today: CalendarDate): number {
  let days = -Infinity;
  for (const { item } of communication.lines) days = Math.max(days, daysBetween(item.dueDate, today));
  return days;
}

export interface ReminderListProps {
  readonly communications: readonly Communication[];
  readonly customersById: ReadonlyMap<Customer['id'], Customer>;
  /** The setup's levels, ordered by days. */
  readonly levels: readonly Level[];
  readonly today: CalendarDate;
  readonly language: UiLanguage;
}

/** One row a communication: customer, level, number of items, total, most overdue days. */
export function ReminderList({ communications, customersById, levels, today, language }: ReminderListProps) {
  const styles = useStyles();
  const t = messagesFor(language);
  if (communications.length === 0) return <Text className={styles.muted}>{t.noReminders}</Text>;

  const rankOf = new Map(levels.map((level, rank) => [level.id, rank] as const));
  const rows = communications.map((communication) => ({
    communication,
    customerName: customersById.get(communication.customerId)?.name ?? t.unknownCustomer(communication.customerId),
    rank: rankOf.get(communication.levelId) ?? -1,
    overdueDays: mostOverdueDays(communication, today),
  }));
  // The most pressing first: the latest level, then the oldest debt, then by name.
  rows.sort((a, b) => b.rank - a.rank || b.overdueDays - a.overdueDays || a.customerName.localeCompare(b.customerName, language));

  return (
    <ul className={styles.list} aria-label={t.dueTodayHeading}>
      {rows.map(({ communication, customerName, rank, overdueDays }) => {
        const level = levels[rank];
        const cycle = Math.max(...communication.lines.map((line) => line.cycle));
        const key = `${communication.customerId}|${communication.levelId}|${communication.currency}|${communication.lines[0]?.item.id ?? ''}`;
        return (
          <li key={key} className={styles.row} data-testid="reminder-row">
            <div className={styles.line}>
              <Text weight="semibold" className={styles.name}>
                {customerName}
              </Text>
              <Text weight="semibold" className={styles.amount}>
                {formatMoney(communication.total, communication.currency, language)}
              </Text>
            </div>
            <div className={styles.details}>
              <Badge appearance="tint" color={levelColor(level)}>
                {level?.name ?? communication.levelId}
              </Badge>
              {cycle > 0 && (
                <Badge appearance="outline" color={levelColor(level)}>
                  {t.recurrence(cycle)}
                </Badge>
              )}
              <Text size={200} className={styles.muted}>
                {t.itemsCount(communication.lines.length)}
              </Text>
              <Text size={200} className={overdueDays > 0 ? styles.overdue : styles.muted}>
                {t.overdue(overdueDays)}
              </Text>
            </div>
          </li>
        );
      })}
    </ul>
  );
}

export interface SkippedListProps {
  readonly skipped: readonly SkippedItem[];
  readonly itemsById: ReadonlyMap<OpenItem['id'], OpenItem>;
  readonly customersById: ReadonlyMap<Customer['id'], Customer>;
  /** The setup's minimum amount, shown (in each item's currency) beside `below_minimum`. */
  readonly minimumAmount: Cents;
  readonly language: UiLanguage;
}

/** "Not sent, and why": collapsed at first, one line an item with its reason. */
export function SkippedList({ skipped, itemsById, customersById, minimumAmount, language }: SkippedListProps) {
  const styles = useStyles();
  const t = messagesFor(language);
  const [open, setOpen] = useState(false);
  const regionId = useId();
  const headingId = useId();

  return (
    <section aria-labelledby={headingId}>
      <div className={styles.sectionHeader}>
        <Text as="h2" id={headingId} weight="semibold" size={400}>
          {t.skippedHeading} ({skipped.length})
        </Text>
        {skipped.length > 0 && (
          <Button appearance="subtle" size="small" aria-expanded={open} aria-controls={regionId} onClick={() => setOpen(!open)}>
            {open ? t.hideSkipped : t.showSkipped}
          </Button>
        )}
      </div>
      {skipped.length === 0 && <Text className={styles.muted}>{t.noSkipped}</Text>}
      {skipped.length > 0 && (
        <ul id={regionId} className={styles.skippedList} hidden={!open}>
          {skipped.map(({ itemId, reason }) => {
            const item = itemsById.get(itemId);
            const customerId = item?.customerId ?? '';
            const customerName = customersById.get(customerId)?.name ?? t.unknownCustomer(customerId);
            const currency = item?.currency ?? 'EUR';
            return (
              <li key={itemId} className={styles.skippedRow} data-testid="skipped-row">
                <div className={styles.line}>
                  <Text className={styles.name}>{customerName}</Text>
                  {item !== undefined && <Text className={styles.amount}>{formatMoney(item.residual, currency, language)}</Text>}
                </div>
                <Text size={200} className={styles.reason}>
                  {t.skipReason(reason, formatMoney(minimumAmount, currency, language))}
                </Text>
                <Text size={200} className={styles.muted}>
                  {item !== undefined ? `${item.documentNumber} · ${t.dueOn(formatCalendarDate(item.dueDate, language))}` : itemId}
                </Text>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
