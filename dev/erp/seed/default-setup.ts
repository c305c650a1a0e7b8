/**
 * The demo company's reminder setup, as its administrator would have written it in the ERP: the spec's
 * three levels (Promemoria −10, Estratto conto +15, Sollecito +30 repeated every 30 days), Italian and
 * English texts, RiBa and SDD left to the bank, one communication per level (not per customer), late-payment
 * interest at the legal rate (D.Lgs. 231/2002) with the €40 indemnity, and the demo users.
 */
import type { ReminderSetupWire } from '../../../src/erp/wire';
import { COMPANY } from './company';
import type { SeedUser } from './types';

export const DEMO_USERS: readonly SeedUser[] = [
  { email: 'marta.rossi@solleciti.example', name: 'Marta Rossi', role: 'enabled' },
  { email: 'luca.bianchi@solleciti.example', name: 'Luca Bianchi', role: 'enabled' },
  { email: 'admin@solleciti.example', name: 'Amministratore Solleciti', role: 'administrator' },
  { email: 'viewer@solleciti.example', name: 'Giulia Verdi (sola lettura)', role: 'viewer' },
];

const SIGNATURE_IT = `Ufficio Amministrazione\n${COMPANY.name}\n${COMPANY.email}`;
const SIGNATURE_EN = `Accounts Receivable\n${COMPANY.name}\n${COMPANY.email}`;

/** A fresh copy each call: callers (the demo ERP, tests) may change theirs. */
export function defaultSetup(): ReminderSetupWire {
  return {
    levels: [
      {
        id: 'L1',
        name: 'Promemoria',
        kind: 'promemoria',
        days: -10,
        recurEveryDays: undefined,
        recurMaxCount: undefined,
        texts: {
          it: {
            format: 'text',
            subject: 'Promemoria scadenze – %Cliente',
            body: `Buongiorno,\nvi ricordiamo che sono in scadenza le seguenti partite:\n%Partita\nImporto: %Importo\n\nSe avete già provveduto al pagamento, vi preghiamo di non considerare questo messaggio.\nCordiali Saluti\n\n${SIGNATURE_IT}`,
          },
          en: {
            format: 'text',
            subject: 'Payment reminder – %Cliente',
            body: `Dear customer,\nplease note that the following items are falling due:\n%Partita\nAmount: %Importo\n\nIf you have already paid, please disregard this message.\nKind regards\n\n${SIGNATURE_EN}`,
          },
        },
      },
      {
        id: 'L2',
        name: 'Estratto conto',
        kind: 'estratto_conto',
        days: 15,
        recurEveryDays: undefined,
        recurMaxCount: undefined,
        texts: {
          it: {
            format: 'text',
            subject: 'Estratto conto partite scadute – %Cliente',
            body: `Buongiorno,\nvi preghiamo di saldare le partite scadute:\n%Partita\nImporto da saldare: %Importo\nSui ritardati pagamenti decorrono gli interessi di mora (D.Lgs. 231/2002): ad oggi %Interessi, calcolati sull'importo ancora aperto.\nCordiali Saluti\n\n${SIGNATURE_IT}`,
          },
          en: {
            format: 'text',
            subject: 'Statement of overdue items – %Cliente',
            body: `Dear customer,\nplease settle the following overdue items:\n%Partita\nAmount due: %Importo\nLate payments accrue interest (Italian Legislative Decree 231/2002): %Interessi to date, calculated on the amount still open.\nKind regards\n\n${SIGNATURE_EN}`,
          },
        },
      },
      {
        id: 'L3',
        name: 'Sollecito',
        kind: 'sollecito',
        days: 30,
        recurEveryDays: 30,
        recurMaxCount: undefined,
        texts: {
          it: {
            format: 'text',
            subject: 'Sollecito di pagamento – %Cliente',
            body: `Buongiorno,\nnonostante i precedenti avvisi, risultano ancora da saldare le seguenti partite:\n%Partita\nImporto da saldare: %Importo\nInteressi di mora ad oggi (D.Lgs. 231/2002), calcolati sull'importo ancora aperto: %Interessi\nIndennità forfettaria per il recupero dei crediti: %Indennita\nTotale dovuto: %TotaleDovuto\n\nVi preghiamo di provvedere al pagamento entro 10 giorni con bonifico sull'IBAN %IBAN, oppure di inviarci copia della disposizione se già effettuata.\nCordiali Saluti\n\n${SIGNATURE_IT}`,
          },
          en: {
            format: 'text',
            subject: 'Overdue payment – %Cliente',
            body: `Dear customer,\ndespite our previous reminders, the following items are still unpaid:\n%Partita\nAmount due: %Importo\nLate-payment interest to date (Italian Legislative Decree 231/2002), calculated on the amount still open: %Interessi\nFlat compensation for recovery costs: %Indennita\nTotal due: %TotaleDovuto\n\nPlease pay within 10 days by bank transfer to IBAN %IBAN, or send us proof of payment if already made.\nKind regards\n\n${SIGNATURE_EN}`,
          },
        },
      },
    ],
    groupByCustomer: true,
    ccAgent: true,
    attachInvoicePdfs: true,
    minDaysBetween: 7,
    minimumAmount: 1000,
    autoCollectedPaymentMethods: ['riba', 'sdd'],
    defaultLanguage: 'it',
    timezone: 'Europe/Rome',
    companyIban: COMPANY.iban,
    enabledUsers: DEMO_USERS.filter((user) => user.role !== 'viewer').map((user) => user.email),
    administrators: DEMO_USERS.filter((user) => user.role === 'administrator').map((user) => user.email),
    onePerCustomer: false,
    lateInterest: {
      // D.Lgs. 231/2002: the ECB reference rate (main refinancing operations) on the first day of each
      // half-year, plus 8 points; €40 per unpaid invoice.
      rates: [
        { from: '2025-01-01', percent: 11.15 },
        { from: '2025-07-01', percent: 10.15 },
        { from: '2026-01-01', percent: 10.15 },
      ],
      flatIndemnity: 4000,
    },
  };
}
