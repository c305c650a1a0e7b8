/**
 * Texts used when a level has none for the customer's language nor for the default language: one per
 * level kind, in Italian (the spec's own example) and English. The renderer says when it used them, so
 * the pane can ask the administrator to write the real ones.
 */
import type { LevelText } from './setup';

type Texts = Readonly<Record<string, LevelText>>;

const PROMEMORIA: Texts = {
  it: {
    format: 'text',
    subject: 'Promemoria scadenze – %Cliente',
    body: 'Buongiorno,\nvi ricordiamo le seguenti partite in scadenza:\n%Partita\nImporto: %Importo\n\nSe avete già provveduto al pagamento, vi preghiamo di non considerare questo messaggio.\nCordiali Saluti',
  },
  en: {
    format: 'text',
    subject: 'Payment reminder – %Cliente',
    body: 'Dear customer,\nthis is a reminder of the following items falling due:\n%Partita\nAmount: %Importo\n\nIf you have already paid, please disregard this message.\nKind regards',
  },
};

const ESTRATTO_CONTO: Texts = {
  it: {
    format: 'text',
    subject: 'Estratto conto partite scadute – %Cliente',
    body: "Buongiorno,\nvi preghiamo di saldare le partite scadute:\n%Partita\nImporto da saldare: %Importo\nSui ritardati pagamenti decorrono gli interessi di mora (D.Lgs. 231/2002): ad oggi %Interessi, calcolati sull'importo ancora aperto.\nCordiali Saluti",
  },
  en: {
    format: 'text',
    subject: 'Statement of overdue items – %Cliente',
    body: 'Dear customer,\nplease settle the following overdue items:\n%Partita\nAmount due: %Importo\nLate payments accrue interest (Italian Legislative Decree 231/2002): %Interessi to date, calculated on the amount still open.\nKind regards',
  },
};

const SOLLECITO: Texts = {
  it: {
    format: 'text',
    subject: 'Sollecito di pagamento – %Cliente',
    body: "Buongiorno,\nnonostante i precedenti avvisi, risultano ancora insolute le seguenti partite:\n%Partita\nImporto da saldare: %Importo\nInteressi di mora ad oggi (D.Lgs. 231/2002), calcolati sull'importo ancora aperto: %Interessi\nIndennità forfettaria per il recupero dei crediti: %Indennita\nTotale dovuto: %TotaleDovuto\nVi preghiamo di provvedere al pagamento con bonifico sull'IBAN %IBAN.\nCordiali Saluti",
  },
  en: {
    format: 'text',
    subject: 'Overdue payment – %Cliente',
    body: 'Dear customer,\ndespite our previous reminders, the following items are still unpaid:\n%Partita\nAmount due: %Importo\nLate-payment interest to date (Italian Legislative Decree 231/2002), calculated on the amount still open: %Interessi\nFlat compensation for recovery costs: %Indennita\nTotal due: %TotaleDovuto\nPlease pay by bank transfer to IBAN %IBAN.\nKind regards',
  },
};

/** The built-in texts of a level kind (`sollecito`'s for kinds it does not know). */
export function defaultTexts(kind: string): Texts {
  if (kind === 'promemoria') return PROMEMORIA;
  if (kind === 'estratto_conto') return ESTRATTO_CONTO;
  return SOLLECITO;
}
