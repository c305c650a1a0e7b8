import { pdfNameFor, pdfNamesFor } from './attachment-names';

test('a document number becomes a file name Outlook and Windows accept', () => {
  expect(pdfNameFor('FT 2026/118')).toBe('FT 2026-118.pdf');
  expect(pdfNameFor('NC\\2026:7*?"<>|')).toBe('NC-2026-7-.pdf');
  expect(pdfNameFor('A\u0001B')).toBe('A-B.pdf');
  expect(pdfNameFor('  ')).toBe('documento.pdf');
});

test('names that would coincide, ignoring case, are numbered so no attachment hides another', () => {
  expect(pdfNamesFor(['FT 2026/1', 'ft 2026-1', 'FT 2026/2', 'FT 2026/1'])).toEqual([
    'FT 2026-1.pdf',
    'ft 2026-1 (2).pdf',
    'FT 2026-2.pdf',
    'FT 2026-1 (3).pdf',
  ]);
});
