/**
 * An embedded demo dataset, so the pane shows a realistic day before the ERP side lands: an Italian
 * setup with three levels and a small book of customers, agents, open items and ledger entries. Every
 * date is relative to `today`, so the list is never empty whatever day the demo is opened. Addresses use
 * the reserved `.example` domain: nothing here can reach a real mailbox.
 *
 * What the demo shows (T = today): promemoria for items due within 10 days, estratti conto for items 15+
 * days overdue, solleciti for 30+ days (one a recurrence), a CHF item in its own communication, and one
 * item for each skip reason. Items collected by the bank (RiBa, SDD) get no promemoria; an item marked
 * handled three days ago waits for `minDaysBetween`.
 */
import { addDays, type CalendarDate } from '../domain/calendar';
import { cents } from '../domain/money';
import type { Agent, Customer, LedgerEntry, OpenItem } from '../domain/types';

/** The setup as it would arrive from the ERP: loose data for `validateSetup`. */
export const DEMO_SETUP = {
  defaultLanguage: 'it',
  timezone: 'Europe/Rome',
  groupByCustomer: true,
  ccAgent: true,
  attachInvoicePdfs: true,
  minDaysBetween: 7,
  minimumAmount: 1000,
  autoCollectedPaymentMethods: ['riba', 'sdd'],
  companyIban: 'IT60X0542811101000000123456',
  enabledUsers: ['crediti@solleciti-demo.example'],
  administrators: ['amministratore@solleciti-demo.example'],
  levels: [
    {
      id: 'L1',
      name: 'Promemoria',
      kind: 'promemoria',
      days: -10,
      texts: {
        it: {
          subject: 'Promemoria scadenze - %Cliente',
          body: 'Gentile %Cliente,\nle ricordiamo le prossime scadenze:\n\n%Partita\n\nTotale: %Importo\nIBAN: %IBAN\n\nCordiali saluti',
          format: 'text',
        },
        en: {
          subject: 'Upcoming payments - %Cliente',
          body: 'Dear %Cliente,\nthis is a reminder of the following upcoming payments:\n\n%Partita\n\nTotal: %Importo\nIBAN: %IBAN\n\nKind regards',
          format: 'text',
        },
      },
    },
    {
      id: 'L2',
      name: 'Estratto conto',
      kind: 'estratto_conto',
      days: 15,
      texts: {
        it: {
          subject: 'Estratto conto partite scadute - %Cliente',
          body: 'Gentile %Cliente,\ndai nostri registri risultano scadute le seguenti partite:\n\n%Partita\n\nTotale: %Importo\nLa preghiamo di provvedere al saldo (IBAN %IBAN) o di segnalarci eventuali pagamenti già effettuati.\n\nCordiali saluti',
          format: 'text',
        },
        en: {
          subject: 'Statement of overdue items - %Cliente',
          body: 'Dear %Cliente,\nour records show the following items as overdue:\n\n%Partita\n\nTotal: %Importo\nPlease settle them (IBAN %IBAN) or let us know of any payment already made.\n\nKind regards',
          format: 'text',
        },
      },
    },
    {
      id: 'L3',
      name: 'Sollecito',
      kind: 'sollecito',
      days: 30,
      recurEveryDays: 30,
      texts: {
        it: {
          subject: 'Sollecito di pagamento - %Cliente',
          body: 'Gentile %Cliente,\nnonostante i precedenti avvisi, le seguenti partite risultano ancora insolute:\n\n%Partita\n\nTotale: %Importo\nLa invitiamo a provvedere entro 10 giorni (IBAN %IBAN).\n\nCordiali saluti',
          format: 'text',
        },
        en: {
          subject: 'Payment reminder - %Cliente',
          body: 'Dear %Cliente,\ndespite our previous notices, the following items are still unpaid:\n\n%Partita\n\nTotal: %Importo\nPlease settle them within 10 days (IBAN %IBAN).\n\nKind regards',
          format: 'text',
        },
      },
    },
  ],
} as const;

export interface DemoBook {
  readonly customers: readonly Customer[];
  readonly agents: readonly Agent[];
  readonly items: readonly OpenItem[];
  readonly ledger: readonly LedgerEntry[];
}

const agents: readonly Agent[] = [
  { id: 'A1', name: 'Marco Bianchi', email: 'm.bianchi@solleciti-demo.example' },
  { id: 'A2', name: 'Giulia Conti', email: 'g.conti@solleciti-demo.example' },
];

const customers: readonly Customer[] = [
  {
    id: 'C001',
    name: 'Rossi Arredamenti Srl',
    emails: ['amministrazione@rossiarredamenti.example', ' contabilita@rossiarredamenti.example '],
    pec: 'rossiarredamenti@pec.rossiarredamenti.example',
    agentId: 'A1',
    language: 'it',
  },
  { id: 'C002', name: 'Ferramenta Bianchi & Figli Snc', emails: ['ufficio@ferramentabianchi.example'], agentId: 'A1', language: 'it' },
  {
    id: 'C003',
    name: 'Tessitura Colombo SpA',
    emails: ['crediti@tessituracolombo.example', 'CREDITI@tessituracolombo.example', 'tesoreria@tessituracolombo.example'],
    agentId: 'A2',
    language: 'it',
  },
  // An address the ERP holds mangled (a space, no domain) and a PEC, which is never a reminder address:
  // its items are skipped with `no_email`.
  { id: 'C004', name: 'Trattoria Da Gino di Esposito Luigi', emails: ['gino esposito@trattoriadagino'], pec: 'trattoriadagino@pec.example', agentId: 'A2', language: 'it' },
  { id: 'C005', name: 'Edilnord Costruzioni Srl', emails: ['amministrazione@edilnord.example'], agentId: 'A1', language: 'it', blocked: true },
  { id: 'C006', name: 'Farmacia San Marco Sas', emails: ['farmacia.sanmarco@farmaciasanmarco.example'], agentId: 'A1', language: 'it' },
  { id: 'C007', name: 'Alpine Logistics GmbH', emails: ['accounts.payable@alpinelogistics.example'], agentId: 'A2', language: 'en' },
  { id: 'C008', name: 'Studio Tecnico Ricci', emails: ['studio@studioricci.example'], agentId: 'A1', language: 'it' },
];

interface ItemSpec {
  readonly id: string;
  readonly customerId: Customer['id'];
  readonly documentNumber: string;
  /** Due date as days from today: -45 is 45 days overdue. */
  readonly due: number;
  /** Document date as days before the due date (payment terms). */
  readonly terms?: number;
  readonly residual: number;
  readonly currency?: string;
  readonly paymentMethod?: string;
  readonly disputed?: boolean;
  readonly documentId?: string;
}

const itemSpecs: readonly ItemSpec[] = [
  // Rossi: two promemoria and an estratto conto (its promemoria went out a month ago).
  { id: 'P-1101', customerId: 'C001', documentNumber: 'FT 2026/101', due: 7, residual: 245000, paymentMethod: 'bonifico' },
  { id: 'P-1102', customerId: 'C001', documentNumber: 'FT 2026/102', due: 9, residual: 118050, paymentMethod: 'bonifico' },
  { id: 'P-1064', customerId: 'C001', documentNumber: 'FT 2026/64', due: -20, residual: 396000, paymentMethod: 'bonifico' },
  { id: 'P-1065', customerId: 'C001', documentNumber: 'FT 2026/65', due: -12, residual: 87340, paymentMethod: 'bonifico' },
  { id: 'P-1120', customerId: 'C001', documentNumber: 'FT 2026/120', due: 25, residual: 152500, paymentMethod: 'bonifico' },
  { id: 'N-1005', customerId: 'C001', documentNumber: 'NC 2026/5', due: -5, residual: -15000, paymentMethod: 'bonifico' },
  // Ferramenta Bianchi: a first sollecito, a third one (second recurrence), one waiting after a phone call.
  { id: 'P-2058', customerId: 'C002', documentNumber: 'FT 2026/58', due: -45, residual: 89000, paymentMethod: 'bonifico' },
  { id: 'P-2031', customerId: 'C002', documentNumber: 'FT 2026/31', due: -95, residual: 124000, paymentMethod: 'bonifico' },
  { id: 'P-2066', customerId: 'C002', documentNumber: 'FT 2026/66', due: -16, residual: 56780, paymentMethod: 'bonifico' },
  { id: 'P-2140', customerId: 'C002', documentNumber: 'FT 2026/140', due: 40, residual: 33000, paymentMethod: 'bonifico' },
  // Tessitura Colombo: two installments of one invoice (only the first is due), an unpaid RiBa.
  { id: 'P-3077-1', customerId: 'C003', documentNumber: 'FT 2026/77', documentId: 'D-3077', due: -16, terms: 30, residual: 520000, paymentMethod: 'bonifico' },
  { id: 'P-3077-2', customerId: 'C003', documentNumber: 'FT 2026/77', documentId: 'D-3077', due: 14, terms: 60, residual: 520000, paymentMethod: 'bonifico' },
  { id: 'P-3090', customerId: 'C003', documentNumber: 'FT 2026/90', due: 3, residual: 210000, paymentMethod: 'riba' },
  { id: 'P-3045', customerId: 'C003', documentNumber: 'FT 2026/45', due: -32, residual: 187000, paymentMethod: 'riba' },
  // Trattoria Da Gino: no valid reminder address.
  { id: 'P-4088', customerId: 'C004', documentNumber: 'FT 2026/88', due: -18, residual: 32000, paymentMethod: 'bonifico' },
  // Edilnord: blocked (legal proceedings), nothing is sent.
  { id: 'P-5012', customerId: 'C005', documentNumber: 'FT 2026/12', due: -60, residual: 1280000, paymentMethod: 'bonifico' },
  { id: 'P-5130', customerId: 'C005', documentNumber: 'FT 2026/130', due: 20, residual: 450000, paymentMethod: 'bonifico' },
  // Farmacia San Marco: an SDD the bank collects, a disputed invoice and an estratto conto.
  { id: 'P-6095', customerId: 'C006', documentNumber: 'FT 2026/95', due: 5, residual: 78900, paymentMethod: 'sdd' },
  { id: 'P-6070', customerId: 'C006', documentNumber: 'FT 2026/70', due: -17, residual: 64000, paymentMethod: 'bonifico', disputed: true },
  { id: 'P-6071', customerId: 'C006', documentNumber: 'FT 2026/71', due: -17, residual: 41520, paymentMethod: 'bonifico' },
  // Alpine Logistics: one sollecito in euro and one in Swiss francs (a communication each).
  { id: 'P-7083', customerId: 'C007', documentNumber: 'FT 2026/83', due: -33, residual: 735000, paymentMethod: 'bonifico' },
  { id: 'P-7084', customerId: 'C007', documentNumber: 'FT 2026/84', due: -33, residual: 120000, currency: 'CHF', paymentMethod: 'bonifico' },
  // Studio Ricci: a few euros, below the minimum amount; an invoice already paid.
  { id: 'P-8099', customerId: 'C008', documentNumber: 'FT 2026/99', due: 2, residual: 650, paymentMethod: 'bonifico' },
  { id: 'P-8050', customerId: 'C008', documentNumber: 'FT 2026/50', due: -40, residual: 0, paymentMethod: 'bonifico' },
  // An item whose customer has not reached the add-in yet.
  { id: 'P-9001', customerId: 'C099', documentNumber: 'FT 2026/9', due: -31, residual: 99000, paymentMethod: 'bonifico' },
];

/** Ledger entries as (item, level, cycle, days from today, state). */
const ledgerSpecs: readonly (readonly [OpenItem['id'], string, number, number, LedgerEntry['state']])[] = [
  ['P-1064', 'L1', 0, -30, 'sent'],
  ['P-1065', 'L1', 0, -22, 'sent'],
  ['P-2058', 'L1', 0, -55, 'sent'],
  ['P-2058', 'L2', 0, -30, 'sent'],
  ['P-2031', 'L2', 0, -80, 'sent'],
  ['P-2031', 'L3', 0, -65, 'sent'],
  ['P-2031', 'L3', 1, -35, 'sent'],
  ['P-2066', 'L1', 0, -3, 'handled'],
  ['P-3045', 'L2', 0, -17, 'drafted'],
];

/** The demo book with every date placed relative to `today` (a `YYYY-MM-DD` calendar date). */
export function buildDemoBook(today: CalendarDate): DemoBook {
  const items = itemSpecs.map((spec): OpenItem => {
    const dueDate = addDays(today, spec.due);
    return {
      id: spec.id,
      customerId: spec.customerId,
      documentNumber: spec.documentNumber,
      documentDate: addDays(dueDate, -(spec.terms ?? 60)),
      dueDate,
      residual: cents(spec.residual),
      currency: spec.currency ?? 'EUR',
      ...(spec.documentId !== undefined ? { documentId: spec.documentId } : {}),
      ...(spec.paymentMethod !== undefined ? { paymentMethod: spec.paymentMethod } : {}),
      ...(spec.disputed !== undefined ? { disputed: spec.disputed } : {}),
    };
  });
  const ledger = ledgerSpecs.map(
    ([itemId, levelId, cycle, sentDaysFromToday, state]): LedgerEntry => ({
      itemId,
      levelId,
      cycle,
      sentOn: addDays(today, sentDaysFromToday),
      ...(state !== undefined ? { state } : {}),
    }),
  );
  return { customers, agents, items, ledger };
}
