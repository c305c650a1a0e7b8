import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { CustomerWire, OpenItemWire } from '../../src/erp/wire';
import { generateSeed } from '../../dev/erp/seed/generate';
import { renderInvoicePdf, toWinAnsi, WIN_ANSI_CODE_POINTS } from '../../dev/erp/seed/pdf';
import type { SeedDocument } from '../../dev/erp/seed/types';

const TODAY = '2026-03-15';
const data = generateSeed({ seed: 42, customers: 300, items: 3000, today: TODAY });
const customerById = new Map(data.customers.map((c) => [c.id, c]));
const itemsOf = (document: SeedDocument): OpenItemWire[] =>
  data.items.filter((item) => item.documentId === document.id);
const customerOf = (document: SeedDocument): CustomerWire => {
  const customer = customerById.get(document.customerId);
  if (customer === undefined) throw new Error(`no customer ${document.customerId}`);
  return customer;
};
const render = (document: SeedDocument): Promise<Uint8Array> =>
  renderInvoicePdf(document, customerOf(document), itemsOf(document));
const ascii = (bytes: Uint8Array, from: number, to: number): string =>
  Buffer.from(bytes.subarray(from, to)).toString('latin1');

function find(predicate: (document: SeedDocument) => boolean): SeedDocument {
  const document = data.documents.find(predicate);
  if (document === undefined) throw new Error('no such document in the seed');
  return document;
}

const threeInstallments = find((d) => d.type === 'invoice' && itemsOf(d).length === 3 && d.lines.length >= 3);
const creditNote = find((d) => d.type === 'credit_note');
const usd = find((d) => d.currency === 'USD');

async function expectValidPdf(bytes: Uint8Array): Promise<PDFDocument> {
  expect(ascii(bytes, 0, 5)).toBe('%PDF-');
  expect(ascii(bytes, bytes.length - 8, bytes.length).trimEnd()).toMatch(/%%EOF$/);
  return PDFDocument.load(bytes, { updateMetadata: false });
}

describe('renderInvoicePdf', () => {
  it('renders an invoice that pdf-lib loads again: one A4 page, titled with its number', async () => {
    const pdf = await expectValidPdf(await render(threeInstallments));
    expect(pdf.getPageCount()).toBe(1);
    const { width, height } = pdf.getPage(0).getSize();
    expect([Math.round(width), Math.round(height)]).toEqual([595, 842]);
    expect(pdf.getTitle()).toBe(`Fattura ${threeInstallments.number}`);
    expect(pdf.getCreationDate()?.toISOString()).toBe(`${threeInstallments.date}T12:00:00.000Z`);
  });

  it('renders credit notes and USD invoices', async () => {
    expect((await expectValidPdf(await render(creditNote))).getTitle()).toBe(
      `Nota di credito ${creditNote.number}`,
    );
    await expectValidPdf(await render(usd));
  });

  it('gives the same bytes for the same input', async () => {
    expect(
      Buffer.from(await render(threeInstallments)).equals(Buffer.from(await render(threeInstallments))),
    ).toBe(true);
  });

  it('pads the big ones past their size with an attachment, still a valid PDF', async () => {
    const padded = data.documents.filter((d) => d.padPdfToBytes !== undefined);
    expect(padded).toHaveLength(3);
    for (const document of padded) {
      const bytes = await render(document);
      console.log(`${document.number}: ${bytes.length} bytes (asked ≥ ${document.padPdfToBytes})`);
      expect(bytes.length).toBeGreaterThanOrEqual(document.padPdfToBytes ?? 0);
      expect(bytes.length).toBeGreaterThanOrEqual(3_200_000);
      expect(bytes.length).toBeLessThan((document.padPdfToBytes ?? 0) + 100_000);
      expect((await expectValidPdf(bytes)).getPageCount()).toBe(1);
      expect(Buffer.from(bytes).includes('/EmbeddedFile')).toBe(true);
    }
  }, 60_000);

  it('prints hostile names and descriptions instead of throwing, over several pages', async () => {
    const hostile = [
      'Rossi 😀 Srl <script>alert(1)</script>',
      'Ó Súilleabháin & Łukasiewicz Sp. z o.o. ‮gnp.exe',
      '東京商事株式会社',
      'Tab\there\nand a new line\r\nZero\u200bwidth',
      'Caffè "Il Ritrovo" di Nicolò Forlì – €uro & Co. ™',
      `Ragione${'Sociale'.repeat(80)}`,
      'x'.repeat(500),
    ];
    for (const [index, name] of hostile.entries()) {
      const customer: CustomerWire = {
        ...customerOf(threeInstallments),
        id: `HOSTILE-${index}`,
        name,
        pec: `${name}@pec.it`,
        vatNumber: name.slice(0, 50),
      };
      const document: SeedDocument = {
        ...threeInstallments,
        number: `FT 2026/${name}`.slice(0, 100),
        lines: Array.from({ length: 40 }, (_, i) => ({
          description: `${hostile[i % hostile.length] ?? ''} riga ${i + 1}`,
          quantity: i + 0.5,
          unitPrice: 12_345 * (i + 1),
          vatRate: [22, 10, 4, 0][i % 4] ?? 22,
        })),
      };
      const pdf = await expectValidPdf(
        await renderInvoicePdf(document, customer, itemsOf(threeInstallments)),
      );
      expect(pdf.getPageCount()).toBeGreaterThan(1);
    }
  });

  it('ignores items of other documents and refuses impossible dates', async () => {
    const others = data.items.filter((item) => item.documentId !== threeInstallments.id).slice(0, 5);
    await expectValidPdf(await renderInvoicePdf(threeInstallments, customerOf(threeInstallments), others));
    await expect(
      renderInvoicePdf({ ...threeInstallments, date: '2026-02-30' }, customerOf(threeInstallments), []),
    ).rejects.toThrow(RangeError);
  });
});

describe('toWinAnsi', () => {
  it('knows exactly the characters pdf-lib’s Helvetica encodes', async () => {
    const pdf = await PDFDocument.create();
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    expect([...WIN_ANSI_CODE_POINTS].sort((a, b) => a - b)).toEqual(
      [...font.getCharacterSet()].sort((a, b) => a - b),
    );
  });

  it('keeps Italian text, € and typographic quotes as they are', () => {
    const text = 'Caffè Ristorante “Da Nicolò” – totale 1.234,56 € (perché sì)';
    expect(toWinAnsi(text)).toBe(text);
  });

  it('keeps markup as text: escaping is the renderer’s business, not the font’s', () => {
    expect(toWinAnsi('<script>alert("x")</script>')).toBe('<script>alert("x")</script>');
  });

  it('drops accents WinAnsi lacks, replaces what it cannot draw, and flattens to one line', () => {
    expect(toWinAnsi('Łukasiewicz Dvořák Ő')).toBe('Lukasiewicz Dvorák O');
    expect(toWinAnsi('Rossi 😀 Srl')).toBe('Rossi ? Srl');
    expect(toWinAnsi('東京')).toBe('??');
    expect(toWinAnsi('a\tb\nc\r\nd')).toBe('a b c  d');
    expect(toWinAnsi('zero\u200bwidth \u202eevil\u202c')).toBe('zerowidth evil');
    expect(toWinAnsi('1\u202f234\u00a0€')).toBe('1 234\u00a0€');
  });

  it('decomposes then keeps base letters: e + combining acute becomes é', () => {
    expect(toWinAnsi('Perche\u0301')).toBe('Perché');
  });
});
