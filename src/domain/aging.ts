/**
 * Aging of open receivables for the pane's chart: how much is not yet due, and how much is 1–30, 31–60,
 * 61–90 or over 90 days overdue, per currency.
 */
import { toDayNumber, type CalendarDate } from './calendar';
import { cents, type Cents, type CurrencyCode } from './money';
import type { OpenItem } from './types';

export const AGING_BUCKETS = ['not_due', 'days_1_30', 'days_31_60', 'days_61_90', 'over_90'] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];

export interface AgingRow {
  readonly bucket: AgingBucket;
  readonly count: number;
  readonly amount: Cents;
}

/** The bucket of an item `overdueDays` past its due date (0 or less: not yet due). */
export function agingBucketOf(overdueDays: number): AgingBucket {
  if (overdueDays <= 0) return 'not_due';
  if (overdueDays <= 30) return 'days_1_30';
  if (overdueDays <= 60) return 'days_31_60';
  if (overdueDays <= 90) return 'days_61_90';
  return 'over_90';
}

/**
 * Count and open amount per bucket, per currency (every bucket present, in order), of the items with a
 * residual > 0 on day `today`. Currencies appear in the order first met.
 */
export function ageReceivables(
  items: readonly OpenItem[],
  today: CalendarDate,
): Map<CurrencyCode, AgingRow[]> {
  const todayNumber = toDayNumber(today);
  const totals = new Map<CurrencyCode, { count: number[]; amount: number[] }>();
  for (const item of items) {
    if (!(item.residual > 0)) continue;
    let row = totals.get(item.currency);
    if (row === undefined) {
      row = { count: [0, 0, 0, 0, 0], amount: [0, 0, 0, 0, 0] };
      totals.set(item.currency, row);
    }
    const index = AGING_BUCKETS.indexOf(agingBucketOf(todayNumber - toDayNumber(item.dueDate)));
    row.count[index] = (row.count[index] as number) + 1;
    row.amount[index] = (row.amount[index] as number) + item.residual;
  }
  const result = new Map<CurrencyCode, AgingRow[]>();
  for (const [currency, row] of totals) {
    result.set(
      currency,
      AGING_BUCKETS.map((bucket, i) => ({
        bucket,
        count: row.count[i] as number,
        amount: cents(row.amount[i] as number),
      })),
    );
  }
  return result;
}
