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
  if (!Number.isSafeInteger(value)) throw new RangeError(`Money must be an integer number of minor units, got ${value}`);
  return value as Cents;
}

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
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    fractionDigitsCache.set(currency, digits);
  }
  return digits;
}

const formatterCache = new Map<string, Intl.NumberFormat>();

/**
 * Formats an amount for people, e.g. `formatMoney(123456780, 'EUR', 'it')` is `1.234.567,80 €` (with a
 * no-break space before the sign), as `Intl.NumberFormat` does it for the language.
 */
export function formatMoney(amount: Cents, currency: CurrencyCode, language: string): string {
  const key = `${language}|${currency}`;
  let formatter = formatterCache.get(key);
  if (formatter === undefined) {
    formatter = new Intl.NumberFormat(language, { style: 'currency', currency });
    formatterCache.set(key, formatter);
  }
  return formatter.format(amount / 10 ** minorUnitDigits(currency));
}
