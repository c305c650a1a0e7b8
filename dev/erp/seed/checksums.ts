/**
 * Check digits of Italian identifiers, so the demo data passes the checks real software runs on it:
 * the partita IVA's Luhn-style digit, the Italian BBAN's CIN letter and the IBAN's ISO 13616 mod-97 digits.
 */

const DIGITS_11 = /^\d{11}$/;
const DIGITS_10 = /^\d{10}$/;

/**
 * The 11th digit of a partita IVA from its first 10: digits in odd places (1st, 3rd, …) add as they are;
 * digits in even places are doubled, less 9 when the double exceeds 9; the check digit brings the sum to
 * a multiple of 10. `1234567890` → `3`.
 */
export function partitaIvaCheckDigit(first10: string): number {
  if (!DIGITS_10.test(first10))
    throw new RangeError(`a partita IVA starts with 10 digits, got ${JSON.stringify(first10)}`);
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const digit = first10.charCodeAt(i) - 48;
    if (i % 2 === 0) {
      sum += digit;
    } else {
      const doubled = digit * 2;
      sum += doubled > 9 ? doubled - 9 : doubled;
    }
  }
  return (10 - (sum % 10)) % 10;
}

/** True for 11 digits (optionally after `IT`) whose last is the right check digit. */
export function isValidPartitaIva(value: string): boolean {
  const digits = value.startsWith('IT') ? value.slice(2) : value;
  if (!DIGITS_11.test(digits)) return false;
  return partitaIvaCheckDigit(digits.slice(0, 10)) === digits.charCodeAt(10) - 48;
}

/** A partita IVA: a 7-digit company number, the 3-digit code of the provincial office, the check digit. */
export function makePartitaIva(companyNumber: number, officeCode: number): string {
  const first10 = String(companyNumber).padStart(7, '0') + String(officeCode).padStart(3, '0');
  if (!DIGITS_10.test(first10))
    throw new RangeError(`company number ${companyNumber} or office ${officeCode} out of range`);
  return first10 + String(partitaIvaCheckDigit(first10));
}

/** Value of a BBAN character: digits 0–9, letters A=0 … Z=25 (the CIN's own alphabet). */
function cinValue(char: string): number {
  const code = char.charCodeAt(0);
  return code <= 57 ? code - 48 : code - 65;
}

// Weights of characters in odd places (1st, 3rd, …) for the CIN; even places count their plain value.
const CIN_ODD = [
  1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23,
];

/** The CIN letter of an Italian BBAN from its ABI (5 digits), CAB (5 digits) and account (12 characters). */
export function italianCin(abi: string, cab: string, account: string): string {
  const body = `${abi}${cab}${account}`.toUpperCase();
  if (!/^\d{5}\d{5}[0-9A-Z]{12}$/.test(body))
    throw new RangeError(`ABI, CAB and account must be 5 + 5 + 12 characters, got ${JSON.stringify(body)}`);
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const value = cinValue(body[i] as string);
    sum += i % 2 === 0 ? (CIN_ODD[value] as number) : value;
  }
  return String.fromCharCode(65 + (sum % 26));
}

/** ISO 13616 mod 97 of an IBAN-like string already rearranged (letters become 10–35), chunk by chunk. */
function mod97(text: string): number {
  let remainder = 0;
  for (const char of text) {
    const code = char.charCodeAt(0);
    const value = code <= 57 ? code - 48 : code - 55;
    remainder = value > 9 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
  }
  return remainder;
}

/** The two IBAN check digits for a country code and BBAN. */
export function ibanCheckDigits(country: string, bban: string): string {
  return String(98 - mod97(`${bban}${country}00`.toUpperCase())).padStart(2, '0');
}

/** True when `iban` (spaces allowed) has the right shape and its mod-97 remainder is 1. */
export function isValidIban(iban: string): boolean {
  const compact = iban.replace(/ /g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[0-9A-Z]{11,30}$/.test(compact)) return false;
  if (compact.startsWith('IT') && compact.length !== 27) return false;
  return mod97(compact.slice(4) + compact.slice(0, 4)) === 1;
}

/** An Italian IBAN from its bank (ABI), branch (CAB) and account: CIN and check digits computed. */
export function makeItalianIban(abi: string, cab: string, account: string): string {
  const bban = `${italianCin(abi, cab, account)}${abi}${cab}${account}`.toUpperCase();
  return `IT${ibanCheckDigits('IT', bban)}${bban}`;
}

/** An IBAN in groups of four, as printed on invoices. */
export function formatIban(iban: string): string {
  return iban.replace(/ /g, '').replace(/(.{4})(?=.)/g, '$1 ');
}
