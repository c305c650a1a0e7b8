/**
 * The history view's logic: searching the ledger rows and writing them as CSV for a spreadsheet — `;`
 * and a decimal comma in Italian (what Excel expects with Italian settings), `,` and a point in English;
 * a BOM so Excel reads UTF-8; and cells that a spreadsheet would run as a formula defused.
 */
import { minorUnitDigits } from '../domain/money';
import { normaliseForSearch } from './filters';
import type { HistoryRow } from './model';
import type { UiLanguage } from './i18n';

/** The rows whose customer, documents, recipients, user, level or state contain every word of `query`. */
export function searchHistory(
  rows: readonly HistoryRow[],
  query: string,
  stateLabel: (state: HistoryRow['state']) => string,
): readonly HistoryRow[] {
  const words = normaliseForSearch(query)
    .split(' ')
    .filter((word) => word !== '');
  if (words.length === 0) return rows;
  return rows.filter((row) => {
    const haystack = normaliseForSearch(
      [
        row.customerName,
        row.levelName,
        row.user,
        stateLabel(row.state),
        row.sentOn,
        ...row.documentNumbers,
        ...row.to,
        ...row.cc,
      ].join(' '),
    );
    return words.every((word) => haystack.includes(word));
  });
}

/** A spreadsheet would evaluate a cell starting with these (CSV injection): such a cell gets a leading quote. */
const FORMULA_START = /^[=+\-@\t\r]/;

function cell(value: string, separator: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /["\n\r]/.test(safe) || safe.includes(separator) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** An amount in minor units as a plain decimal number for a spreadsheet: `1234,50` (it) or `1234.50` (en). */
function plainAmount(minor: number, currency: string, language: UiLanguage): string {
  const digits = minorUnitDigits(currency);
  const text = (minor / 10 ** digits).toFixed(digits);
  return language === 'it' ? text.replace('.', ',') : text;
}

export function historyCsv(
  rows: readonly HistoryRow[],
  header: readonly string[],
  language: UiLanguage,
  stateLabel: (state: HistoryRow['state']) => string,
): string {
  const separator = language === 'it' ? ';' : ',';
  const lines = [header.map((name) => cell(name, separator)).join(separator)];
  for (const row of rows) {
    lines.push(
      [
        row.at,
        row.sentOn,
        row.user,
        row.levelName,
        row.customerName,
        String(row.itemCount),
        row.documentNumbers.join(' '),
        row.openNow !== undefined && row.currency !== undefined
          ? plainAmount(row.openNow, row.currency, language)
          : '',
        row.currency ?? '',
        row.to.join(' '),
        row.cc.join(' '),
        stateLabel(row.state),
        row.messageId ?? '',
        row.key,
      ]
        .map((value) => cell(value, separator))
        .join(separator),
    );
  }
  return `\ufeff${lines.join('\r\n')}\r\n`;
}
