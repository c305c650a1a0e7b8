import { pdfNameFor, pdfNamesFor } from './attachment-names';

test('a document number becomes a file name Outlook and Windows accept', () => {
  expect(pdfNameFor('FT 2026/118')).toBe('FT 2026-118.pdf');
  expect(pdfNameFor('NC\\2026:7*?"<>|')).toBe('NC-2026-7-.pdf');
  expect(pdfNameFor('A\u0001B')).toBe('A-B.pdf');
  expect(pdfNameFor('  ')).toBe('documento.pdf');
});

test('control, bidi and zero-width characters never reach the name: what the customer sees is what it is', () => {
  expect(pdfNameFor('FT 1\u202Efdp.exe')).toBe('FT 1fdp.exe.pdf');
  expect(pdfNameFor('FT\u2066 2026\u2069/7')).toBe('FT 2026-7.pdf');
  expect(pdfNameFor('F\u200BT\u200C \u200D1\u2060\uFEFF\u00AD')).toBe('FT 1.pdf');
  expect(pdfNameFor('FT\u0000 1\u007F2\u0085')).toBe('FT- 1-2-.pdf');
  expect(pdfNameFor('\u202A\u202B\u202C\u202D')).toBe('documento.pdf');
});

test('Windows device names, with or without an extension, get an underscore; trailing dots and spaces go', () => {
  for (const device of ['CON', 'PRN', 'AUX', 'NUL', 'COM1', 'COM9', 'LPT1', 'LPT9', 'con', 'Nul', 'COM¹']) {
    expect(pdfNameFor(device)).toBe(`${device}_.pdf`);
  }
  expect(pdfNameFor('NUL.2026')).toBe('NUL_.2026.pdf');
  expect(pdfNameFor('aux .1')).toBe('aux_.1.pdf');
  expect(pdfNameFor('CONTO 1')).toBe('CONTO 1.pdf');
  expect(pdfNameFor('COM10')).toBe('COM10.pdf');
  expect(pdfNameFor('FT 12. . ')).toBe('FT 12.pdf');
  expect(pdfNameFor('...')).toBe('documento.pdf');
  expect(pdfNamesFor(['CON', 'con'])).toEqual(['CON_.pdf', 'con (2).pdf']);
});

test('names that would coincide, ignoring case, are numbered so no attachment hides another', () => {
  expect(pdfNamesFor(['FT 2026/1', 'ft 2026-1', 'FT 2026/2', 'FT 2026/1'])).toEqual([
    'FT 2026-1.pdf',
    'ft 2026-1 (2).pdf',
    'FT 2026-2.pdf',
    'FT 2026-1 (3).pdf',
  ]);
});
