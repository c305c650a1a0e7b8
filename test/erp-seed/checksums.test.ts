import {
  formatIban,
  ibanCheckDigits,
  isValidIban,
  isValidPartitaIva,
  italianCin,
  makeItalianIban,
  makePartitaIva,
  partitaIvaCheckDigit,
} from '../../dev/erp/seed/checksums';

describe('partita IVA check digit (Luhn-style)', () => {
  //  digits      1 2 3 4 5 6 7 8 9 0
  //  odd places  1 . 3 . 5 . 7 . 9 .   → 25
  //  even ×2     . 4 . 8 . 3 . 7 . 0   → 22   (6×2=12 → 3, 8×2=16 → 7)
  //  47 → check digit 3
  it('is 3 for 1234567890, worked by hand above', () => {
    expect(partitaIvaCheckDigit('1234567890')).toBe(3);
  });

  it('is 0 when the sum is already a multiple of 10', () => {
    expect(partitaIvaCheckDigit('0000000000')).toBe(0);
  });

  it('accepts real companies’ numbers with or without the IT prefix', () => {
    expect(isValidPartitaIva('00743110157')).toBe(true);
    expect(isValidPartitaIva('IT02313821007')).toBe(true);
    expect(isValidPartitaIva('07643520567')).toBe(true);
  });

  it('rejects a wrong check digit, a swapped pair, the wrong length and letters', () => {
    expect(isValidPartitaIva('12345678904')).toBe(false);
    expect(isValidPartitaIva('21345678903')).toBe(false);
    expect(isValidPartitaIva('1234567890')).toBe(false);
    expect(isValidPartitaIva('123456789031')).toBe(false);
    expect(isValidPartitaIva('1234567890A')).toBe(false);
    expect(isValidPartitaIva('DE12345678903')).toBe(false);
  });

  it('makes numbers from a company number and a provincial office, always valid', () => {
    expect(makePartitaIva(1234567, 15)).toBe('12345670157');
    for (let n = 0; n < 2000; n++)
      expect(isValidPartitaIva(makePartitaIva(n * 4999, (n % 100) + 1))).toBe(true);
  });

  it('refuses input that is not 10 digits', () => {
    expect(() => partitaIvaCheckDigit('12345')).toThrow(RangeError);
    expect(() => makePartitaIva(12_345_678, 1)).toThrow(RangeError);
  });
});

describe('Italian IBAN', () => {
  // The ISO 13616 registry's Italian example: CIN X, ABI 05428, CAB 11101, account 000000123456.
  it('computes the registry example’s CIN and check digits', () => {
    expect(italianCin('05428', '11101', '000000123456')).toBe('X');
    expect(ibanCheckDigits('IT', 'X0542811101000000123456')).toBe('60');
    expect(makeItalianIban('05428', '11101', '000000123456')).toBe('IT60X0542811101000000123456');
  });

  it('validates by mod 97, with or without spaces, in other countries too', () => {
    expect(isValidIban('IT60X0542811101000000123456')).toBe(true);
    expect(isValidIban('IT60 X054 2811 1010 0000 0123 456')).toBe(true);
    expect(isValidIban('GB82WEST12345698765432')).toBe(true);
    expect(isValidIban('DE89370400440532013000')).toBe(true);
  });

  it('rejects a changed digit, swapped digits, a wrong length and nonsense', () => {
    expect(isValidIban('IT60X0542811101000000123457')).toBe(false);
    expect(isValidIban('IT60X0542811101000000124356')).toBe(false);
    expect(isValidIban('IT61X0542811101000000123456')).toBe(false);
    expect(isValidIban('IT60X054281110100000012345')).toBe(false);
    expect(isValidIban('not an iban')).toBe(false);
  });

  it('makes valid IBANs for any bank, branch and account', () => {
    for (let n = 0; n < 500; n++) {
      const iban = makeItalianIban(
        String(n * 7).padStart(5, '0'),
        String(n * 13).padStart(5, '0'),
        String(n * 7919).padStart(12, '0'),
      );
      expect(iban).toHaveLength(27);
      expect(isValidIban(iban)).toBe(true);
    }
  });

  it('prints in groups of four', () => {
    expect(formatIban('IT60X0542811101000000123456')).toBe('IT60 X054 2811 1010 0000 0123 456');
  });
});
