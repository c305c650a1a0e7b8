/** What the confirmation before a batch says beyond counts: the amount per currency; whether it is a mass send. */
import { sumCents, type Cents, type CurrencyCode } from '../domain/money';
import type { BatchSummary, ReminderRow } from './model';

/**
 * Above this many e-mails a send is a mass send: its button names the count, the dialog says the amount
 * and how long it takes at the pace, and Cancel is the default (focused, Enter) button.
 */
export const MASS_SEND_THRESHOLD = 10;

export const isMassSend = (mode: BatchSummary['mode'], emails: number): boolean =>
  mode === 'send' && emails > MASS_SEND_THRESHOLD;

/** The amount a batch reminds, one total per currency, by currency code. */
export function totalsByCurrency(
  rows: readonly Pick<ReminderRow, 'currency' | 'total'>[],
): BatchSummary['totals'] {
  const byCurrency = new Map<CurrencyCode, Cents[]>();
  for (const row of rows) {
    const amounts = byCurrency.get(row.currency);
    if (amounts === undefined) byCurrency.set(row.currency, [row.total]);
    else amounts.push(row.total);
  }
  return [...byCurrency]
    .map(([currency, amounts]) => ({ currency, amount: sumCents(amounts) }))
    .sort((a, b) => a.currency.localeCompare(b.currency));
}
