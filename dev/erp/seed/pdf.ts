/**
 * The demo ERP's invoice PDFs: a readable A4 courtesy copy of each invoice or credit note (seller,
 * customer, lines, VAT summary, totals, installment schedule), drawn with pdf-lib's standard Helvetica
 * so no font file ships. Helvetica encodes only WinAnsi: every text from the ERP goes through
 * `toWinAnsi`, so a customer called `Rossi 😀 Srl` or `<script>` prints instead of throwing.
 * Output is deterministic: the same input gives the same bytes (dates come from the document).
 */
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage, type RGB } from 'pdf-lib';
import { assertCalendarDate, daysBetween, formatCalendarDate } from '../../../src/domain/calendar';
import { cents, formatMoney } from '../../../src/domain/money';
import type { CustomerWire, OpenItemWire } from '../../../src/erp/wire';
import { formatIban } from './checksums';
import { COMPANY, postalAddressOf, type PostalAddress } from './company';
import { lineAmount, vatSummary } from './invoice-math';
import { mulberry32, hashString } from './random';
import type { SeedDocument } from './types';

// ————————————————————————————————————————————————————————— text

/** Windows-1252 beyond Latin-1: the 27 characters WinAnsi puts in 0x80–0x9F. */
const WIN_ANSI_EXTRAS = [
  0x20ac, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x017d,
  0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x017e,
  0x0178,
];

/** Code points Helvetica (WinAnsi) can draw: printable ASCII, Latin-1 from U+00A0, and the extras. */
export const WIN_ANSI_CODE_POINTS: ReadonlySet<number> = new Set([
  ...Array.from({ length: 0x7f - 0x20 }, (_, i) => 0x20 + i),
  ...Array.from({ length: 0x100 - 0xa0 }, (_, i) => 0xa0 + i),
  ...WIN_ANSI_EXTRAS,
]);

/** Letters NFD does not decompose, and punctuation with a WinAnsi look-alike. */
const LOOK_ALIKES = new Map<string, string>([
  ['ł', 'l'],
  ['Ł', 'L'],
  ['đ', 'd'],
  ['Đ', 'D'],
  ['ı', 'i'],
  ['ħ', 'h'],
  ['Ħ', 'H'],
  ['\u2010', '-'],
  ['\u2011', '-'],
  ['\u2012', '-'],
  ['\u2212', '-'],
  ['\u2032', "'"],
  ['\u2033', '"'],
  ['\u2044', '/'],
  ['\u02bc', '’'],
  ['\u201b', '‘'],
  ['\u201f', '“'],
]);

const FORMAT_OR_MARK = /^[\p{Cf}\p{M}]$/u;
const CONTROL_OR_SPACE = /^[\p{Cc}\p{Z}\s]$/u;

/**
 * `text` in characters Helvetica can encode, on one line: line breaks, tabs and exotic spaces become a
 * space; invisible format characters (zero-width, bidi overrides) and stray combining marks go; accented
 * letters outside WinAnsi lose their accent (`ő` → `o`); anything else (emoji, CJK) becomes `?`.
 */
export function toWinAnsi(text: string): string {
  let out = '';
  for (const char of text.normalize('NFC')) {
    const codePoint = char.codePointAt(0) as number;
    if (WIN_ANSI_CODE_POINTS.has(codePoint)) {
      out += char;
    } else if (CONTROL_OR_SPACE.test(char)) {
      out += ' ';
    } else if (FORMAT_OR_MARK.test(char)) {
      continue;
    } else {
      const base = char.normalize('NFD').replace(/\p{M}/gu, '');
      const plain =
        base !== '' && [...base].every((c) => WIN_ANSI_CODE_POINTS.has(c.codePointAt(0) as number));
      out += plain ? base : (LOOK_ALIKES.get(char) ?? '?');
    }
  }
  return out;
}

/** Words of `text` in lines no wider than `width` (long words broken anywhere), at most `maxLines` (the last ends in …). */
function wrapText(text: string, font: PDFFont, size: number, width: number, maxLines: number): string[] {
  const fits = (candidate: string): boolean => font.widthOfTextAtSize(candidate, size) <= width;
  const lines: string[] = [];
  let current = '';
  for (const word of toWinAnsi(text)
    .split(' ')
    .filter((w) => w !== '')) {
    if (lines.length > maxLines) break;
    const candidate = current === '' ? word : `${current} ${word}`;
    if (fits(candidate)) {
      current = candidate;
      continue;
    }
    if (current !== '') lines.push(current);
    let rest = word;
    while (!fits(rest)) {
      // The longest prefix that fits, found by bisection (a 500-letter word is one hostile name away).
      let low = 1;
      let high = rest.length - 1;
      while (low < high) {
        const mid = (low + high + 1) >> 1;
        if (fits(rest.slice(0, mid))) low = mid;
        else high = mid - 1;
      }
      lines.push(rest.slice(0, low));
      rest = rest.slice(low);
      if (lines.length > maxLines) break;
    }
    current = rest;
  }
  if (current !== '' || lines.length === 0) lines.push(current);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let last = kept[maxLines - 1] as string;
  while (last !== '' && !fits(`${last}…`)) last = last.slice(0, -1);
  kept[maxLines - 1] = `${last.trimEnd()}…`;
  return kept;
}

/** One line no wider than `width`, cut with … when longer (anywhere, not at a word: `PEC xxxxxxx…`). */
function fitText(text: string, font: PDFFont, size: number, width: number): string {
  const line = toWinAnsi(text);
  if (font.widthOfTextAtSize(line, size) <= width) return line;
  let low = 0;
  let high = line.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (font.widthOfTextAtSize(`${line.slice(0, mid)}…`, size) <= width) low = mid;
    else high = mid - 1;
  }
  return `${line.slice(0, low).trimEnd()}…`;
}

// ————————————————————————————————————————————————————————— labels

const PAYMENT_LABELS: Record<string, { long: string; short: string }> = {
  riba: { long: 'Ricevuta bancaria (RiBa)', short: 'RiBa' },
  sdd: { long: 'Addebito diretto SEPA (SDD)', short: 'SDD' },
  bonifico: { long: 'Bonifico bancario', short: 'Bonifico' },
  rimessa_diretta: { long: 'Rimessa diretta', short: 'Rimessa diretta' },
};

const paymentLabel = (method: string | undefined, form: 'long' | 'short'): string =>
  method === undefined ? '-' : (PAYMENT_LABELS[method]?.[form] ?? method);

const money = (amount: number, currency: string): string => formatMoney(cents(amount), currency, 'it');
const quantityFormat = new Intl.NumberFormat('it', { maximumFractionDigits: 3 });

/** `RiBa 30/60/90 gg d.f.`: the payment terms as the schedule shows them (days from the document date). */
function termsLabel(document: SeedDocument, items: readonly OpenItemWire[]): string {
  if (items.length === 0) return '-';
  const methods = [
    ...new Set(items.map((item) => paymentLabel(item.paymentMethod ?? undefined, 'short'))),
  ].join(' + ');
  const days = items.map((item) => daysBetween(document.date, item.dueDate));
  if (days.every((d) => d <= 0)) return `${methods} a vista`;
  return `${methods} ${days.join('/')} gg d.f.`;
}

// ————————————————————————————————————————————————————————— layout

const PAGE: [number, number] = [595.28, 841.89];
const MARGIN = 42;
const RIGHT = PAGE[0] - MARGIN;
const BOTTOM = 78;
const INK = rgb(0.13, 0.13, 0.15);
const MUTED = rgb(0.4, 0.42, 0.46);
const ACCENT = rgb(0.04, 0.32, 0.45);
const BAND = rgb(0.94, 0.96, 0.97);
const WHITE = rgb(1, 1, 1);

interface Fonts {
  readonly regular: PDFFont;
  readonly bold: PDFFont;
}

interface TextStyle {
  readonly font?: PDFFont;
  readonly size?: number;
  readonly color?: RGB;
}

/** Draws on the current page and starts new ones when the content runs past the bottom margin. */
class Canvas {
  page: PDFPage;
  y: number;
  readonly pages: PDFPage[] = [];

  constructor(
    private readonly pdf: PDFDocument,
    readonly fonts: Fonts,
    private readonly continuation: string,
  ) {
    this.page = this.addPage();
    this.y = PAGE[1] - MARGIN;
  }

  private addPage(): PDFPage {
    const page = this.pdf.addPage(PAGE);
    this.pages.push(page);
    return page;
  }

  /** Ensures `height` points fit above the bottom margin, else continues on a new page; true if it did. */
  ensure(height: number): boolean {
    if (this.y - height >= BOTTOM) return false;
    this.page = this.addPage();
    this.y = PAGE[1] - MARGIN;
    this.text(this.continuation, MARGIN, this.y - 10, { font: this.fonts.bold, size: 9, color: MUTED });
    this.y -= 28;
    return true;
  }

  text(text: string, x: number, y: number, style: TextStyle = {}): void {
    const safe = toWinAnsi(text);
    if (safe === '') return;
    this.page.drawText(safe, {
      x,
      y,
      font: style.font ?? this.fonts.regular,
      size: style.size ?? 9,
      color: style.color ?? INK,
    });
  }

  /** Text ending at `xRight`. */
  textRight(text: string, xRight: number, y: number, style: TextStyle = {}): void {
    const font = style.font ?? this.fonts.regular;
    const safe = toWinAnsi(text);
    this.text(safe, xRight - font.widthOfTextAtSize(safe, style.size ?? 9), y, style);
  }

  rect(x: number, y: number, width: number, height: number, fill: RGB): void {
    this.page.drawRectangle({ x, y, width, height, color: fill });
  }

  rule(y: number, x1 = MARGIN, x2 = RIGHT, color: RGB = MUTED, thickness = 0.5): void {
    this.page.drawLine({ start: { x: x1, y }, end: { x: x2, y }, thickness, color });
  }
}

interface Column {
  readonly label: string;
  /** Left edge for left-aligned columns, right edge for right-aligned ones. */
  readonly x: number;
  readonly align: 'left' | 'right';
}

function tableHeader(canvas: Canvas, columns: readonly Column[], x1 = MARGIN, x2 = RIGHT): void {
  canvas.rect(x1, canvas.y - 16, x2 - x1, 16, ACCENT);
  for (const column of columns) {
    const style = { font: canvas.fonts.bold, size: 8, color: WHITE };
    if (column.align === 'left') canvas.text(column.label, column.x, canvas.y - 11, style);
    else canvas.textRight(column.label, column.x, canvas.y - 11, style);
  }
  canvas.y -= 16;
}

// ————————————————————————————————————————————————————————— sections

function drawHeader(canvas: Canvas, document: SeedDocument): void {
  const { fonts } = canvas;
  const top = canvas.y;
  canvas.text(COMPANY.name, MARGIN, top - 16, { font: fonts.bold, size: 17, color: ACCENT });
  const sellerLines = [
    `${COMPANY.street} - ${COMPANY.cap} ${COMPANY.city} (${COMPANY.province})`,
    `P.IVA e C.F. ${COMPANY.vatNumber} - REA ${COMPANY.rea} - ${COMPANY.shareCapital}`,
    `IBAN ${formatIban(COMPANY.iban)}`,
    `${COMPANY.email} - PEC ${COMPANY.pec}`,
  ];
  sellerLines.forEach((line, index) =>
    canvas.text(line, MARGIN, top - 32 - index * 11, { size: 8, color: MUTED }),
  );

  const title = document.type === 'credit_note' ? 'NOTA DI CREDITO' : 'FATTURA';
  canvas.textRight(title, RIGHT, top - 17, { font: fonts.bold, size: 18, color: ACCENT });
  canvas.textRight(`N. ${fitText(document.number, fonts.bold, 11, 200)}`, RIGHT, top - 35, {
    font: fonts.bold,
    size: 11,
  });
  canvas.textRight(`del ${formatCalendarDate(document.date, 'it')}`, RIGHT, top - 49, { size: 10 });
  if (document.currency !== 'EUR')
    canvas.textRight(`Valuta: ${document.currency}`, RIGHT, top - 62, { size: 9, color: MUTED });
  canvas.y = top - 84;
  canvas.rule(canvas.y, MARGIN, RIGHT, ACCENT, 1);
  canvas.y -= 14;
}

function drawParties(
  canvas: Canvas,
  document: SeedDocument,
  customer: CustomerWire,
  address: PostalAddress,
  items: readonly OpenItemWire[],
): void {
  const { fonts } = canvas;
  const top = canvas.y;
  const boxX = 318;
  const boxWidth = RIGHT - boxX;

  // The addressee on the right, as on an Italian business letter.
  canvas.text('SPETT.LE', boxX + 10, top - 12, { font: fonts.bold, size: 7.5, color: MUTED });
  let y = top - 27;
  for (const line of wrapText(customer.name, fonts.bold, 10.5, boxWidth - 20, 3)) {
    canvas.text(line, boxX + 10, y, { font: fonts.bold, size: 10.5 });
    y -= 13;
  }
  const addressLines = [
    address.street,
    address.cityLine,
    ...(address.countryName !== undefined ? [address.countryName.toUpperCase()] : []),
  ];
  for (const line of addressLines) {
    canvas.text(fitText(line, fonts.regular, 9, boxWidth - 20), boxX + 10, y, { size: 9 });
    y -= 11.5;
  }
  y -= 3;
  if (customer.vatNumber !== undefined) {
    canvas.text(
      fitText(
        `${address.country === 'IT' ? 'P.IVA' : 'VAT / Tax ID'} ${customer.vatNumber}`,
        fonts.regular,
        8.5,
        boxWidth - 20,
      ),
      boxX + 10,
      y,
      { size: 8.5 },
    );
    y -= 11;
  }
  if (customer.pec !== undefined) {
    canvas.text(fitText(`PEC ${customer.pec}`, fonts.regular, 8.5, boxWidth - 20), boxX + 10, y, {
      size: 8.5,
      color: MUTED,
    });
    y -= 11;
  }
  const boxBottom = Math.min(y - 4, top - 96);
  canvas.page.drawRectangle({
    x: boxX,
    y: boxBottom,
    width: boxWidth,
    height: top - boxBottom,
    borderColor: MUTED,
    borderWidth: 0.6,
  });

  // The document's particulars on the left.
  canvas.text('DATI DEL DOCUMENTO', MARGIN, top - 12, { font: fonts.bold, size: 7.5, color: MUTED });
  const facts: [string, string][] = [
    ['Tipo documento', document.type === 'credit_note' ? 'TD04 - Nota di credito' : 'TD01 - Fattura'],
    ['Codice cliente', customer.id],
    [
      'Condizioni di pagamento',
      document.type === 'credit_note' ? 'Compensazione / rimborso' : termsLabel(document, items),
    ],
    ['Valuta', document.currency],
  ];
  let factY = top - 27;
  for (const [label, value] of facts) {
    canvas.text(label, MARGIN, factY, { size: 8.5, color: MUTED });
    canvas.text(fitText(value, fonts.bold, 8.5, boxX - MARGIN - 125), MARGIN + 112, factY, {
      font: fonts.bold,
      size: 8.5,
    });
    factY -= 13;
  }
  canvas.y = boxBottom - 18;
}

const LINE_COLUMNS: readonly Column[] = [
  { label: 'DESCRIZIONE', x: MARGIN + 6, align: 'left' },
  { label: 'QUANTITÀ', x: 352, align: 'right' },
  { label: 'PREZZO UNITARIO', x: 436, align: 'right' },
  { label: 'IVA', x: 472, align: 'right' },
  { label: 'IMPORTO', x: RIGHT - 6, align: 'right' },
];
const DESCRIPTION_WIDTH = 290 - MARGIN;

function drawLines(canvas: Canvas, document: SeedDocument): void {
  const { fonts } = canvas;
  tableHeader(canvas, LINE_COLUMNS);
  document.lines.forEach((line, index) => {
    const text = wrapText(line.description, fonts.regular, 9, DESCRIPTION_WIDTH, 4);
    const height = text.length * 11 + 7;
    if (canvas.ensure(height)) tableHeader(canvas, LINE_COLUMNS);
    if (index % 2 === 1) canvas.rect(MARGIN, canvas.y - height, RIGHT - MARGIN, height, BAND);
    const baseline = canvas.y - 12;
    text.forEach((part, i) => canvas.text(part, MARGIN + 6, baseline - i * 11));
    canvas.textRight(quantityFormat.format(line.quantity), 352, baseline);
    canvas.textRight(money(line.unitPrice, document.currency), 436, baseline);
    canvas.textRight(line.vatRate === 0 ? 'N.I.' : `${line.vatRate}%`, 472, baseline);
    canvas.textRight(money(lineAmount(line), document.currency), RIGHT - 6, baseline);
    canvas.y -= height;
  });
  canvas.rule(canvas.y);
  canvas.y -= 16;
}

/** The nature of a 0% rate, as FatturaPA codes it: exports outside the EU, or intra-EU supplies. */
function exemptionNote(address: PostalAddress): string {
  if (address.country === 'IT') return 'N.I. = operazione non imponibile IVA';
  return address.eu
    ? 'N.I. = N3.2 non imponibile, cessione intracomunitaria (art. 41 D.L. 331/93)'
    : 'N.I. = N3.1 non imponibile, esportazione (art. 8 c.1 lett. a DPR 633/72)';
}

function drawTotals(canvas: Canvas, document: SeedDocument, address: PostalAddress): void {
  const { fonts } = canvas;
  const summary = vatSummary(document.lines);
  const height = 16 + summary.length * 14 + 44;
  canvas.ensure(height);
  const top = canvas.y;
  const summaryRight = 300;
  const columns: Column[] = [
    { label: 'ALIQUOTA', x: MARGIN + 6, align: 'left' },
    { label: 'IMPONIBILE', x: 200, align: 'right' },
    { label: 'IMPOSTA', x: summaryRight - 6, align: 'right' },
  ];
  tableHeader(canvas, columns, MARGIN, summaryRight);
  for (const row of summary) {
    canvas.text(row.rate === 0 ? 'N.I.' : `${row.rate}%`, MARGIN + 6, canvas.y - 11);
    canvas.textRight(money(row.taxable, document.currency), 200, canvas.y - 11);
    canvas.textRight(money(row.vat, document.currency), summaryRight - 6, canvas.y - 11);
    canvas.y -= 14;
  }
  if (summary.some((row) => row.rate === 0)) {
    canvas.text(
      fitText(exemptionNote(address), fonts.regular, 7, summaryRight - MARGIN),
      MARGIN,
      canvas.y - 10,
      { size: 7, color: MUTED },
    );
    canvas.y -= 12;
  }
  const summaryBottom = canvas.y;

  // Totals on the right.
  let taxable = 0;
  let vat = 0;
  for (const row of summary) {
    taxable += row.taxable;
    vat += row.vat;
  }
  const labelX = 340;
  let y = top - 11;
  canvas.text('Totale imponibile', labelX, y, { color: MUTED });
  canvas.textRight(money(taxable, document.currency), RIGHT - 6, y);
  y -= 15;
  canvas.text('Totale IVA', labelX, y, { color: MUTED });
  canvas.textRight(money(vat, document.currency), RIGHT - 6, y);
  y -= 10;
  canvas.rect(labelX - 6, y - 20, RIGHT - labelX + 6, 20, ACCENT);
  const totalLabel = document.type === 'credit_note' ? 'TOTALE A VOSTRO CREDITO' : 'TOTALE DOCUMENTO';
  canvas.text(totalLabel, labelX, y - 14, { font: fonts.bold, size: 9, color: WHITE });
  canvas.textRight(money(Math.abs(document.total), document.currency), RIGHT - 6, y - 14, {
    font: fonts.bold,
    size: 10.5,
    color: WHITE,
  });
  y -= 20;
  canvas.y = Math.min(summaryBottom, y) - 22;
}

const SCHEDULE_COLUMNS: readonly Column[] = [
  { label: 'RATA', x: MARGIN + 6, align: 'left' },
  { label: 'SCADENZA', x: 90, align: 'left' },
  { label: 'MODALITÀ DI PAGAMENTO', x: 170, align: 'left' },
  { label: 'IMPORTO', x: RIGHT - 6, align: 'right' },
];

function drawSchedule(canvas: Canvas, document: SeedDocument, items: readonly OpenItemWire[]): void {
  const { fonts } = canvas;
  if (document.type === 'credit_note') {
    canvas.ensure(40);
    canvas.text('IMPORTO A VOSTRO CREDITO', MARGIN, canvas.y - 10, {
      font: fonts.bold,
      size: 8,
      color: ACCENT,
    });
    canvas.text(
      `${money(Math.abs(document.total), document.currency)} da compensare con le prossime fatture o da rimborsare su vostra richiesta.`,
      MARGIN,
      canvas.y - 24,
    );
    canvas.y -= 40;
    return;
  }
  canvas.ensure(40 + items.length * 14);
  canvas.text('SCADENZE DI PAGAMENTO', MARGIN, canvas.y - 10, { font: fonts.bold, size: 8, color: ACCENT });
  canvas.y -= 16;
  tableHeader(canvas, SCHEDULE_COLUMNS);
  if (items.length === 0) {
    canvas.text('Nessuna scadenza registrata.', MARGIN + 6, canvas.y - 11, { color: MUTED });
    canvas.y -= 14;
  }
  items.forEach((item, index) => {
    if (canvas.ensure(14)) tableHeader(canvas, SCHEDULE_COLUMNS);
    if (index % 2 === 1) canvas.rect(MARGIN, canvas.y - 14, RIGHT - MARGIN, 14, BAND);
    canvas.text(`${item.installment} di ${items.length}`, MARGIN + 6, canvas.y - 10.5);
    canvas.text(formatCalendarDate(item.dueDate, 'it'), 90, canvas.y - 10.5);
    canvas.text(
      fitText(paymentLabel(item.paymentMethod ?? undefined, 'long'), fonts.regular, 9, 230),
      170,
      canvas.y - 10.5,
    );
    canvas.textRight(money(item.amount, item.currency), RIGHT - 6, canvas.y - 10.5);
    canvas.y -= 14;
  });
  canvas.rule(canvas.y);
  canvas.y -= 18;
}

function drawPaymentNotes(
  canvas: Canvas,
  document: SeedDocument,
  items: readonly OpenItemWire[],
  padding: number,
): void {
  const { fonts } = canvas;
  const methods = new Set(items.map((item) => item.paymentMethod));
  const notes: string[] = [];
  if (methods.has('bonifico') || methods.has('rimessa_diretta')) {
    notes.push(
      `Pagamento con bonifico su IBAN ${formatIban(COMPANY.iban)} (${COMPANY.bank}), causale: ${document.number}.`,
    );
  }
  if (methods.has('riba'))
    notes.push(
      'Le ricevute bancarie saranno presentate all’incasso alle scadenze indicate presso la vostra banca d’appoggio.',
    );
  if (methods.has('sdd'))
    notes.push(
      'Gli importi saranno addebitati alle scadenze sul conto indicato nel mandato SEPA da voi sottoscritto.',
    );
  if (document.type === 'invoice')
    notes.push(
      'In caso di ritardato pagamento decorrono gli interessi di mora ai sensi del D.Lgs. 231/2002.',
    );
  if (padding > 0) {
    notes.push(
      `Il file contiene un allegato di prova di ${(padding / 1_000_000).toLocaleString('it', { maximumFractionDigits: 1 })} MB per verificare l’invio di allegati grandi.`,
    );
  }
  for (const note of notes) {
    const wrapped = wrapText(note, fonts.regular, 8.5, RIGHT - MARGIN, 3);
    canvas.ensure(wrapped.length * 11 + 4);
    wrapped.forEach((part, index) => canvas.text(part, MARGIN, canvas.y - 10 - index * 11, { size: 8.5 }));
    canvas.y -= wrapped.length * 11 + 4;
  }
}

function drawFooters(canvas: Canvas): void {
  const { fonts, pages } = canvas;
  pages.forEach((page, index) => {
    canvas.page = page;
    canvas.rule(MARGIN + 22, MARGIN, RIGHT, MUTED, 0.4);
    canvas.text(
      'Copia di cortesia. L’originale è la fattura elettronica trasmessa tramite il Sistema di Interscambio (SdI).',
      MARGIN,
      MARGIN + 10,
      { size: 7, color: MUTED },
    );
    canvas.text(`${COMPANY.name} - P.IVA ${COMPANY.vatNumber}`, MARGIN, MARGIN, { size: 7, color: MUTED });
    canvas.textRight(`Pagina ${index + 1} di ${pages.length}`, RIGHT, MARGIN + 10, {
      font: fonts.bold,
      size: 7,
      color: MUTED,
    });
  });
}

// ————————————————————————————————————————————————————————— document

/** Noon UTC of the document's date: the PDF's creation and modification dates, so output never depends on the clock. */
function instantOf(date: string): Date {
  return new Date(`${date}T12:00:00Z`);
}

/** Incompressible bytes from the document id: the padding is the same on every run. */
function paddingBytes(documentId: string, length: number): Uint8Array {
  const next = mulberry32(hashString(documentId));
  const bytes = new Uint8Array(length);
  const view = new DataView(bytes.buffer);
  const whole = length - (length % 4);
  for (let i = 0; i < whole; i += 4) view.setUint32(i, next() * 4294967296, true);
  for (let i = whole; i < length; i++) bytes[i] = Math.floor(next() * 256);
  return bytes;
}

async function renderOnce(
  document: SeedDocument,
  customer: CustomerWire,
  items: readonly OpenItemWire[],
  padding: number,
): Promise<Uint8Array> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  const when = instantOf(document.date);
  const kind = document.type === 'credit_note' ? 'Nota di credito' : 'Fattura';
  pdf.setTitle(`${kind} ${document.number}`);
  pdf.setSubject(
    `${kind} ${document.number} del ${formatCalendarDate(document.date, 'it')} - ${customer.name}`,
  );
  pdf.setAuthor(COMPANY.name);
  pdf.setCreator('Solleciti demo ERP');
  pdf.setProducer('pdf-lib');
  pdf.setLanguage('it-IT');
  pdf.setCreationDate(when);
  pdf.setModificationDate(when);
  const fonts = {
    regular: await pdf.embedFont(StandardFonts.Helvetica),
    bold: await pdf.embedFont(StandardFonts.HelveticaBold),
  };
  const canvas = new Canvas(
    pdf,
    fonts,
    `${kind} ${document.number} del ${formatCalendarDate(document.date, 'it')} - segue`,
  );
  const address = postalAddressOf(customer);

  drawHeader(canvas, document);
  drawParties(canvas, document, customer, address, items);
  drawLines(canvas, document);
  drawTotals(canvas, document, address);
  drawSchedule(canvas, document, items);
  drawPaymentNotes(canvas, document, items, padding);
  drawFooters(canvas);

  if (padding > 0) {
    await pdf.attach(paddingBytes(document.id, padding), `allegato-prova-${document.id}.bin`, {
      mimeType: 'application/octet-stream',
      description:
        'Dati casuali di riempimento: rendono il PDF più grande di 3 MB per provare le upload session di Microsoft Graph',
      creationDate: when,
      modificationDate: when,
    });
  }
  return pdf.save();
}

/**
 * The PDF of `document` for `customer`, with the installment schedule from `items` (the document's
 * installments; others are ignored). When `document.padPdfToBytes` is set, the file carries an embedded
 * attachment of random bytes so it is at least that big and still a valid PDF. Throws a RangeError when
 * the document's date or an installment's due date is not a real `YYYY-MM-DD` date.
 */
export async function renderInvoicePdf(
  document: SeedDocument,
  customer: CustomerWire,
  items: OpenItemWire[],
): Promise<Uint8Array> {
  assertCalendarDate(document.date, 'document date');
  const schedule = items
    .filter((item) => item.documentId === document.id)
    .sort((a, b) => a.installment - b.installment);
  for (const item of schedule) assertCalendarDate(item.dueDate, `due date of item ${item.id}`);
  const target = document.padPdfToBytes ?? 0;
  let bytes = await renderOnce(document, customer, schedule, 0);
  // Random bytes do not compress, so one more pass almost always reaches the target; the loop is a guard.
  let padding = 0;
  while (bytes.length < target) {
    padding += target - bytes.length + 4096;
    bytes = await renderOnce(document, customer, schedule, padding);
  }
  return bytes;
}
