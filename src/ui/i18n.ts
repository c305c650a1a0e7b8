/**
 * The sentences the clerk reads, in Italian and English. Reason codes from the engine become sentences
 * here and nowhere else. Italian is the default: the product is for Italian accounts-receivable offices.
 */
import type { SkipReason } from '../domain/types';

export const UI_LANGUAGES = ['it', 'en'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];
export const DEFAULT_UI_LANGUAGE: UiLanguage = 'it';

/**
 * The UI language for a list of BCP-47 tags in order of preference (Office's display language first,
 * then the browser's): the first whose primary subtag we speak, else Italian.
 */
export function pickUiLanguage(candidates: readonly (string | null | undefined)[]): UiLanguage {
  for (const candidate of candidates) {
    if (typeof candidate !== 'string') continue;
    const primary = candidate.trim().toLowerCase().split(/[-_]/)[0];
    const match = UI_LANGUAGES.find((language) => language === primary);
    if (match !== undefined) return match;
  }
  return DEFAULT_UI_LANGUAGE;
}

export interface Messages {
  readonly appTitle: string;
  readonly demoData: string;
  /** "Today, 12/05/2026". */
  readonly todayIs: (date: string) => string;
  readonly dueTodayHeading: string;
  readonly remindersCount: (count: number) => string;
  readonly noReminders: string;
  readonly itemsCount: (count: number) => string;
  /** Days past the due date of the most overdue item; negative when not yet due. */
  readonly overdue: (days: number) => string;
  readonly recurrence: (cycle: number) => string;
  /** "due 10/11/2026", beside a document number. */
  readonly dueOn: (date: string) => string;
  readonly skippedHeading: string;
  readonly showSkipped: string;
  readonly hideSkipped: string;
  readonly noSkipped: string;
  readonly skipReason: (reason: SkipReason, minimumAmount: string) => string;
  readonly unknownCustomer: (customerId: string) => string;
  readonly invalidSetup: string;
  readonly loadFailed: string;
}

const it: Messages = {
  appTitle: 'Solleciti',
  demoData: 'Dati dimostrativi',
  todayIs: (date) => `Oggi, ${date}`,
  dueTodayHeading: 'Da inviare oggi',
  remindersCount: (count) => (count === 1 ? '1 comunicazione' : `${count} comunicazioni`),
  noReminders: 'Nessun sollecito da inviare oggi.',
  itemsCount: (count) => (count === 1 ? '1 partita' : `${count} partite`),
  overdue: (days) =>
    days > 1 ? `scaduta da ${days} giorni` : days === 1 ? 'scaduta da 1 giorno' : days === 0 ? 'scade oggi' : days === -1 ? 'scade domani' : `scade tra ${-days} giorni`,
  recurrence: (cycle) => `ripetizione ${cycle}`,
  dueOn: (date) => `scad. ${date}`,
  skippedHeading: 'Non inviati, e perché',
  showSkipped: 'Mostra',
  hideSkipped: 'Nascondi',
  noSkipped: 'Nessuna partita esclusa.',
  skipReason: (reason, minimumAmount) => {
    switch (reason) {
      case 'unknown_customer':
        return 'Cliente non presente in anagrafica';
      case 'blocked':
        return 'Cliente bloccato: nessun sollecito';
      case 'disputed':
        return 'Partita in contestazione';
      case 'no_email':
        return 'Nessun indirizzo e-mail valido per i solleciti';
      case 'below_minimum':
        return `Totale sotto l'importo minimo (${minimumAmount})`;
    }
  },
  unknownCustomer: (customerId) => `Cliente sconosciuto (${customerId})`,
  invalidSetup: 'La configurazione dei solleciti non è valida',
  loadFailed: 'Impossibile preparare i solleciti',
};

const en: Messages = {
  appTitle: 'Solleciti',
  demoData: 'Demo data',
  todayIs: (date) => `Today, ${date}`,
  dueTodayHeading: 'Due today',
  remindersCount: (count) => (count === 1 ? '1 reminder' : `${count} reminders`),
  noReminders: 'No reminders due today.',
  itemsCount: (count) => (count === 1 ? '1 item' : `${count} items`),
  overdue: (days) =>
    days > 1 ? `${days} days overdue` : days === 1 ? '1 day overdue' : days === 0 ? 'due today' : days === -1 ? 'due tomorrow' : `due in ${-days} days`,
  recurrence: (cycle) => `repeat ${cycle}`,
  dueOn: (date) => `due ${date}`,
  skippedHeading: 'Not sent, and why',
  showSkipped: 'Show',
  hideSkipped: 'Hide',
  noSkipped: 'No items left out.',
  skipReason: (reason, minimumAmount) => {
    switch (reason) {
      case 'unknown_customer':
        return 'Customer not found in the ERP';
      case 'blocked':
        return 'Customer is blocked: no reminders';
      case 'disputed':
        return 'Item is disputed';
      case 'no_email':
        return 'No valid reminder e-mail address';
      case 'below_minimum':
        return `Total below the minimum amount (${minimumAmount})`;
    }
  },
  unknownCustomer: (customerId) => `Unknown customer (${customerId})`,
  invalidSetup: 'The reminder setup is not valid',
  loadFailed: 'Could not prepare the reminders',
};

const MESSAGES: Readonly<Record<UiLanguage, Messages>> = { it, en };

/** The sentences for a UI language. */
export function messagesFor(language: UiLanguage): Messages {
  return MESSAGES[language];
}
