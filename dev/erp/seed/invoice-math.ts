/**
 * Invoice arithmetic shared by the generator and the PDF, in integer minor units: line amounts, the VAT
 * summary (VAT is computed on each rate's taxable total, as Italian invoices do, not line by line), and the
 * split of a total into installments. Written as plain loops: the generator runs them for every document.
 */
import type { SeedDocument } from './types';

type Line = SeedDocument['lines'][number];

const round = Math.round;
const abs = Math.abs;
const trunc = Math.trunc;

/** Quantity × unit price, rounded to the minor unit (quantities may be fractional: 7,5 hours). */
export function lineAmount(line: Line): number {
  return round(line.quantity * line.unitPrice);
}

export interface VatRow {
  readonly rate: number;
  readonly taxable: number;
  readonly vat: number;
}

/** VAT on a rate's taxable total; half a cent rounds away from zero. */
const vatOf = (taxable: number, rate: number): number =>
  (taxable < 0 ? -1 : 1) * round((abs(taxable) * rate) / 100);

/** Taxable amount and VAT per rate, highest rate first. */
export function vatSummary(lines: readonly Line[]): VatRow[] {
  const rates: number[] = [];
  const taxables: number[] = [];
  for (const line of lines) {
    const index = rates.indexOf(line.vatRate);
    if (index < 0) {
      rates.push(line.vatRate);
      taxables.push(lineAmount(line));
    } else {
      taxables[index] = (taxables[index] as number) + lineAmount(line);
    }
  }
  return rates
    .map((rate, index) => ({
      rate,
      taxable: taxables[index] as number,
      vat: vatOf(taxables[index] as number, rate),
    }))
    .sort((a, b) => b.rate - a.rate);
}

/** Taxable plus VAT of the lines, positive: the document's total before the credit-note sign. */
export function grossOfLines(lines: readonly Line[]): number {
  let gross = 0;
  for (const row of vatSummary(lines)) gross += row.taxable + row.vat;
  return gross;
}

/** `total` split into `count` installments of whole minor units; the first takes the remainder. */
export function splitInstallments(total: number, count: number): number[] {
  if (!Number.isInteger(count) || count < 1)
    throw new RangeError(`installments must be a positive integer, got ${count}`);
  const share = trunc(total / count);
  const amounts = [total - share * (count - 1)];
  for (let i = 1; i < count; i++) amounts.push(share);
  return amounts;
}
