/**
 * Money is an integer number of minor units (cents for EUR) with its ISO-4217 currency beside it.
 * Floats never carry money: 0.1 + 0.2 is not 0.3, and a reminder that asks for 1 cent too much is a bug
 * the customer sees.
 */
export type Cents = number & { readonly __brand: 'Cents' };

/** An ISO-4217 code such as `EUR`. */
export type CurrencyCode = string;

/** Brands an integer as minor units. Throws on fractions, NaN and unsafe integers: they mean a bug upstream. */
export function cents(value: number): Cents {
  if (!Number.isSafeInteger(value))
    throw new RangeError(`Money must be an integer number of minor units, got ${value}`);
  return value as Cents;
}

/**
 * The largest open amount of one item, either sign, that the add-in accepts from an ERP: 9 × 10^12 minor
 * units (90 billion euros), far beyond any real invoice. At most 1 000 items go into one communication (a
 * claim holds no more), and 1 000 × 9 × 10^12 = 9 × 10^15 stays below `Number.MAX_SAFE_INTEGER`
 * (9 007 199 254 740 991), so every total a claimable communication can have is an exact integer. An item
 * over it is quarantined at the ERP border (`src/erp/records.ts`); a communication whose total is still
 * not a safe integer (items from elsewhere, or more than 1 000 of them) is skipped by the planner with
 * `amount_overflow`, never thrown on.
 */
export const MAX_ITEM_AMOUNT = 9_000_000_000_000;

/** Adds amounts of one currency. */
export function sumCents(values: Iterable<Cents>): Cents {
  let total = 0;
  for (const value of values) total += value;
  return cents(total);
}

const fractionDigitsCache = new Map<CurrencyCode, number>();

/** Decimal places of a currency's minor unit (EUR 2, JPY 0, BHD 3), as the platform's ICU knows them. */
export function minorUnitDigits(currency: CurrencyCode): number {
  let digits = fractionDigitsCache.get(currency);
  if (digits === undefined) {
    digits =
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
      2;
    fractionDigitsCache.set(currency, digits);
  }
  return digits;
}

const formatterCache = new Map<string, Intl.NumberFormat>();

/**
 * Formats an amount for people, e.g. `formatMoney(123456780, 'EUR', 'it')` is `1.234.567,80 €` (with a
 * no-break space before the sign), as `Intl.NumberFormat` does it for the language — thousands always
 * grouped (docs/rules.md §1.25c): `1.937,30 €`, where Italian's own convention would write `1937,30 €`.
 */
export function formatMoney(amount: Cents, currency: CurrencyCode, language: string): string {
  const key = `${language}|${currency}`;
  let formatter = formatterCache.get(key);
  if (formatter === undefined) {
    formatter = new Intl.NumberFormat(language, { style: 'currency', currency, useGrouping: 'always' });
    formatterCache.set(key, formatter);
  }
  return formatter.format(amount / 10 ** minorUnitDigits(currency));
}
