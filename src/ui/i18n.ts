/**
 * The sentences the clerk reads, in Italian and English. Reason codes (engine, ERP, mail side) become
 * sentences here and nowhere else. Italian is the default: the product is for Italian accounts-receivable
 * offices. Numbers, money and dates are formatted per language by Intl.
 */
import { dateLocale } from '../domain/calendar';
import type { AgingBucket } from '../domain/aging';
import type { HtmlRemoval } from '../domain/html-policy';
import type { SetupProblem } from '../domain/setup';
import type { SkipReason } from '../domain/types';
import type { BatchMode, ClaimCheck, SyncFailure, SyncStep } from './model';

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

const numberFormats = new Map<string, Intl.NumberFormat>();
/** An integer for people: `12.345` in Italian, `12,345` in English; thousands always grouped, as amounts are (`1.234`). */
export function formatCount(value: number, language: UiLanguage): string {
  let format = numberFormats.get(language);
  if (format === undefined) {
    format = new Intl.NumberFormat(language, { maximumFractionDigits: 0, useGrouping: 'always' });
    numberFormats.set(language, format);
  }
  return format.format(value);
}

/** An instant (epoch ms or ISO) as a date and time in the pane's own time zone: "12/05/2026, 10:42". */
export function formatInstant(instant: number | string, language: UiLanguage): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return String(instant);
  return new Intl.DateTimeFormat(dateLocale(language), {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(date);
}

/** Only the time of an instant: "10:42". */
export function formatTime(instant: number, language: UiLanguage): string {
  return new Intl.DateTimeFormat(dateLocale(language), { hour: '2-digit', minute: '2-digit' }).format(
    new Date(instant),
  );
}

/** A file size: "820 KB", "1,4 MB". */
export function formatBytes(bytes: number, language: UiLanguage): string {
  if (bytes < 1024) return `${formatCount(bytes, language)} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${new Intl.NumberFormat(language, { maximumFractionDigits: value < 10 ? 1 : 0, useGrouping: 'always' }).format(value)} ${units[unit]}`;
}

export interface Messages {
  readonly appTitle: string;
  readonly tabHome: string;
  readonly tabHistory: string;
  readonly tabSettings: string;
  readonly viewsLabel: string;
  /** "Today, 12/05/2026". */
  readonly todayIs: (date: string) => string;
  readonly signedInAs: (user: string) => string;
  readonly devIdentity: string;
  readonly starting: string;
  readonly close: string;
  readonly cancel: string;
  readonly details: string;
  readonly loading: string;

  // Sync
  readonly refresh: string;
  /** Updated today at `time`, or on `dateTime`. */
  readonly lastSync: (when: { time: string } | { dateTime: string }) => string;
  readonly neverSynced: string;
  readonly syncing: (step: SyncStep) => string;
  readonly syncProgress: (done: string, total: string | undefined) => string;
  readonly syncFailedTitle: string;
  readonly syncFailure: (failure: SyncFailure) => string;
  readonly showingCached: (when: string) => string;
  readonly quarantined: (count: number) => string;

  // Plan states
  readonly planning: string;
  /** Beside the list while a fresher plan is computed (the list shown is the last plan made today). */
  readonly updatingList: string;
  readonly emptyCache: string;
  readonly emptyCacheFailed: string;
  readonly invalidSetup: string;
  readonly invalidSetupHint: string;
  /**
   * One problem of the reminder setup (the domain's reason code and its parameters) as a sentence.
   * `levelName` gives a level's name by its position, where the caller has the setup being edited.
   */
  readonly setupProblem: (problem: SetupProblem, levelName?: (index: number) => string | undefined) => string;
  readonly loadFailed: string;
  readonly startFailed: string;

  // Access
  readonly readOnlyTitle: string;
  readonly notEnabled: (account: string, administrators: readonly string[]) => string;
  readonly notSignedIn: string;

  // Home: list
  readonly dueTodayHeading: string;
  readonly remindersCount: (count: number) => string;
  readonly visibleOf: (visible: number, total: number) => string;
  readonly noReminders: string;
  readonly noMatches: string;
  readonly itemsCount: (count: number) => string;
  /** Days past the due date of the most overdue item; negative when not yet due. */
  readonly overdue: (days: number) => string;
  readonly recurrence: (cycle: number) => string;
  readonly claimedBy: (owner: string, since: string) => string;
  readonly excludedToday: string;
  readonly selectRow: (customer: string) => string;
  readonly openPreview: (customer: string) => string;
  readonly selectAllVisible: string;
  readonly selectedCount: (count: number) => string;
  readonly attachmentsCount: (count: number) => string;

  // Home: aging
  readonly agingHeading: string;
  readonly agingBucket: (bucket: AgingBucket) => string;
  readonly agingBarLabel: (bucket: string, amount: string, count: number) => string;
  readonly agingNothing: string;
  readonly agingDetails: string;
  readonly agingOpen: (amount: string) => string;
  readonly agingOverdue: (amount: string) => string;

  // Home: skipped and claims
  readonly skippedHeading: string;
  readonly showSkipped: string;
  readonly hideSkipped: string;
  readonly noSkipped: string;
  readonly skipReason: (reason: SkipReason, minimumAmount: string) => string;
  readonly unknownCustomer: (customerId: string) => string;
  /** "due 10/11/2026", beside a document number. */
  readonly dueOn: (date: string) => string;
  readonly claimsHeading: string;
  readonly claimHeldBy: (owner: string, since: string) => string;
  readonly claimMine: (since: string) => string;
  readonly releaseClaim: string;
  readonly releaseClaimFailed: string;
  /** For a claim of mine whose send here is unresolved: look in the mailbox instead of releasing. */
  readonly checkMailbox: string;
  readonly checkMailboxOutcome: (outcome: ClaimCheck) => string;
  readonly checkMailboxFailed: string;

  // Filters
  readonly filters: string;
  readonly filtersActive: (count: number) => string;
  readonly customerFilter: string;
  readonly customerPlaceholder: string;
  readonly agentFilter: string;
  readonly anyAgent: string;
  readonly levelFilter: string;
  readonly anyLevel: string;
  readonly dueFrom: string;
  readonly dueTo: string;
  readonly amountFrom: string;
  readonly amountTo: string;
  readonly textFilter: string;
  readonly textPlaceholder: string;
  readonly clearFilters: string;
  readonly moreCustomers: (count: number) => string;
  readonly amountInvalid: string;

  // Actions
  readonly createDrafts: string;
  readonly send: string;
  /** The send button of a mass send, naming how many e-mails go out. */
  readonly sendCount: (count: string) => string;
  readonly markHandled: string;
  readonly sendToMe: string;
  readonly moreActions: string;
  readonly scopeSelected: (count: number) => string;
  readonly scopeVisible: (count: number) => string;
  readonly nothingToAct: string;
  readonly readOnlyActions: string;
  readonly mailUnavailable: string;
  readonly mailFailed: string;
  readonly sendToMeNeedsOne: string;
  readonly confirmTitle: (mode: BatchMode) => string;
  readonly confirmBody: (mode: BatchMode, emails: string, customers: string) => string;
  readonly customersCount: (count: number) => string;
  /** `size`: the attachments' size (`attachmentsSize`), or undefined while it is being measured. */
  readonly confirmAttachments: (count: number, size: string | undefined) => string;
  readonly confirmMissingPdfs: (count: number) => string;
  readonly confirmNoAttachments: string;
  readonly confirmHandledNote: string;
  /** `amounts`: one formatted total per currency, joined. */
  readonly confirmAmount: (amounts: string) => string;
  readonly confirmDuration: (minutes: number, perMinute: number) => string;
  readonly confirmButton: (mode: BatchMode) => string;
  readonly actionFailed: (detail: string) => string;
  readonly testSent: (address: string) => string;

  // Batch
  readonly batchTitle: (mode: BatchMode) => string;
  readonly batchProgressLabel: (done: string, total: string) => string;
  /** How many jobs ended so: sent, drafted, handled (as the batch asked, or otherwise), cancelled. */
  readonly batchEnded: (ending: 'sent' | 'drafted' | 'handled' | 'cancelled', count: string) => string;
  readonly batchFailed: (count: string) => string;
  /** Jobs that ended in an unusual way (sent but not recorded, send not confirmed…): someone must look. */
  readonly batchAttention: (count: string) => string;
  readonly batchRemaining: (count: string) => string;
  readonly eta: (minutes: number) => string;
  /** Said instead of a time left while Microsoft 365 does not answer. */
  readonly etaUnreachable: string;
  readonly batchState: (state: 'running' | 'paused' | 'done' | 'cancelled') => string;
  readonly stopBatch: string;
  readonly resumeBatch: string;
  readonly retryFailed: string;
  readonly failuresHeading: string;
  readonly attentionHeading: string;
  readonly failureReason: (reason: string) => string;
  /** Why a run stopped; `message` is the technical reason, said in the sentence when it is a refusal. */
  readonly stopReason: (reason: string, message?: string) => string;
  readonly openDraft: string;
  readonly draftsCreated: string;

  // Preview
  readonly previewTitle: string;
  readonly subject: string;
  readonly to: string;
  readonly cc: string;
  readonly attachments: string;
  readonly total: string;
  /** Preview: the communication's late-payment interest and flat indemnity, when the setup charges them. */
  readonly lateInterest: string;
  readonly flatIndemnity: string;
  readonly noAttachments: string;
  readonly sizeUnknown: string;
  readonly missingPdf: string;
  readonly missingPdfs: (files: string) => string;
  /** `size`: the attachments' size (`attachmentsSize`). */
  readonly attachmentsSummary: (count: number, size: string) => string;
  /**
   * The size of `count` PDFs: `knownSize` for those measured, and how many are of unknown size (never
   * guessed): "2,1 MB in totale", "2,1 MB + 1 di dimensione sconosciuta".
   */
  readonly attachmentsSize: (knownSize: string, unknown: number, count: number) => string;
  readonly showList: string;
  readonly bodyFrameTitle: string;
  readonly leaveOut: string;
  readonly includeAgain: string;
  readonly previewMissing: string;
  readonly usedDefaultText: string;
  readonly unknownPlaceholders: (names: string) => string;
  readonly missingValues: (names: string) => string;
  readonly none: string;

  // History
  readonly historyHeading: string;
  readonly historySearch: string;
  readonly historySearchLabel: string;
  readonly historyCount: (shown: number, total: number) => string;
  readonly exportCsv: string;
  readonly noHistory: string;
  readonly historyState: (state: 'sent' | 'drafted' | 'handled') => string;
  readonly historyBy: (user: string) => string;
  readonly openNow: (amount: string) => string;
  readonly allPaid: string;
  readonly openMessage: string;
  readonly csvHeader: readonly string[];
}

/** A level named in a setup problem: by its name when the caller knows it, else its id, else its position. */
function problemLevel(
  index: number | undefined,
  id: string | undefined,
  levelName: ((index: number) => string | undefined) | undefined,
  position: (n: number) => string,
): string {
  const name = index !== undefined ? levelName?.(index) : undefined;
  if (name !== undefined && name.trim() !== '') return `“${name}”`;
  if (id !== undefined) return `“${id}”`;
  return position((index ?? 0) + 1);
}

/** What is wrong with the `lateInterest` field `detail` names (`rates[1].from`, `flatIndemnity`, …), in Italian. */
function lateInterestFieldIt(detail: string): string {
  const rate = /^rates\[(\d+)\]/.exec(detail);
  const which = rate === null ? '' : `tasso n. ${Number(rate[1]) + 1}: `;
  if (detail === 'lateInterest')
    return 'la configurazione non è nel formato previsto (servono i tassi e l’indennità forfettaria).';
  if (detail === 'rates') return 'i tassi devono essere un elenco (anche vuoto).';
  if (detail === 'flatIndemnity')
    return 'l’indennità forfettaria è obbligatoria: un importo intero in centesimi, zero o più.';
  if (detail.endsWith('.from'))
    return `${which}la data di inizio deve essere una data valida, diversa da quella degli altri tassi.`;
  if (detail.endsWith('.percent'))
    return `${which}la percentuale deve essere un numero, zero o più, con al massimo due decimali.`;
  return `${which}ogni tasso indica una data di inizio e una percentuale.`;
}

/** What is wrong with the `lateInterest` field `detail` names (`rates[1].from`, `flatIndemnity`, …), in English. */
function lateInterestFieldEn(detail: string): string {
  const rate = /^rates\[(\d+)\]/.exec(detail);
  const which = rate === null ? '' : `rate #${Number(rate[1]) + 1}: `;
  if (detail === 'lateInterest')
    return 'the setting is not in the expected format (it needs the rates and the flat indemnity).';
  if (detail === 'rates') return 'the rates must be a list (it may be empty).';
  if (detail === 'flatIndemnity')
    return 'the flat indemnity is required: a whole number of cents, 0 or more.';
  if (detail.endsWith('.from'))
    return `${which}the start date must be a valid date, different from the other rates’.`;
  if (detail.endsWith('.percent'))
    return `${which}the percent must be a number, 0 or more, with at most two decimals.`;
  return `${which}each rate gives a start date and a percent.`;
}

function setupProblemIt(problem: SetupProblem, levelName?: (index: number) => string | undefined): string {
  const level = `Livello ${problemLevel(problem.levelIndex, problem.levelId, levelName, (n) => `n. ${n}`)}`;
  switch (problem.code) {
    case 'not_an_object':
      return 'La configurazione dei solleciti non è nel formato previsto.';
    case 'no_levels':
      return 'Serve almeno un livello di sollecito.';
    case 'level_not_an_object':
      return `${level}: non è nel formato previsto.`;
    case 'level_id_missing':
      return `${level}: manca il codice (ogni livello ne ha uno, diverso dagli altri).`;
    case 'level_id_empty':
      return `${level}: il codice è vuoto (ogni livello ne ha uno, diverso dagli altri).`;
    case 'level_id_repeated':
      return `${level}: il codice “${problem.id}” è già usato da un altro livello.`;
    case 'level_days_not_integer':
      return `${level}: i giorni dalla scadenza devono essere un numero intero.`;
    case 'level_days_shared':
      return `${level}: ha gli stessi giorni dalla scadenza (${problem.days}) del livello ${problemLevel(problem.otherIndex, problem.otherLevelId, levelName, (n) => `n. ${n}`)}; due livelli non possono coincidere.`;
    case 'recurrence_not_on_last_level':
      return `${level}: la ripetizione è possibile solo sull’ultimo livello (quello con più giorni).`;
    case 'recur_every_days_invalid':
      return `${level}: “Ripeti ogni (giorni)” deve essere un numero intero, almeno 1.`;
    case 'recur_max_count_without_every':
      return `${level}: per limitare le ripetizioni indica prima ogni quanti giorni ripetere.`;
    case 'recur_max_count_invalid':
      return `${level}: “Ripetizioni al massimo” deve essere un numero intero, almeno 1.`;
    case 'pre_due_last_level_recurs':
      return `${level}: un livello che parte prima della scadenza o il giorno stesso non può ripetersi (vale solo fino alla scadenza); togli la ripetizione o aggiungi un livello dopo la scadenza.`;
    case 'one_per_customer_needs_grouping':
      return '“Una sola comunicazione per cliente” richiede anche “Raggruppa per tipo e cliente”.';
    case 'placeholder_in_markup':
      return `${level}: nel testo HTML (${problem.language}) ${problem.placeholder} è scritto al posto del nome di ${problem.where === 'element_name' ? 'un elemento' : 'un attributo'}; un segnaposto va nel testo o dentro il valore di un attributo, es. <td title="${problem.placeholder}">.`;
    case 'field_not_whole_number':
      return problem.field === 'minDaysBetween'
        ? '“Giorni minimi tra due solleciti” deve essere un numero intero, zero o più.'
        : 'L’importo minimo non può essere negativo.';
    case 'late_interest_invalid':
      return `Interessi di mora: ${lateInterestFieldIt(problem.detail)}`;
  }
}

function setupProblemEn(problem: SetupProblem, levelName?: (index: number) => string | undefined): string {
  const level = `Level ${problemLevel(problem.levelIndex, problem.levelId, levelName, (n) => `#${n}`)}`;
  switch (problem.code) {
    case 'not_an_object':
      return 'The reminder setup is not in the expected format.';
    case 'no_levels':
      return 'At least one reminder level is needed.';
    case 'level_not_an_object':
      return `${level}: it is not in the expected format.`;
    case 'level_id_missing':
      return `${level}: the code is missing (every level has one of its own).`;
    case 'level_id_empty':
      return `${level}: the code is empty (every level has one of its own).`;
    case 'level_id_repeated':
      return `${level}: the code “${problem.id}” is already used by another level.`;
    case 'level_days_not_integer':
      return `${level}: the days from the due date must be a whole number.`;
    case 'level_days_shared':
      return `${level}: it has the same days from the due date (${problem.days}) as level ${problemLevel(problem.otherIndex, problem.otherLevelId, levelName, (n) => `#${n}`)}; two levels cannot coincide.`;
    case 'recurrence_not_on_last_level':
      return `${level}: only the last level (the one with the most days) can repeat.`;
    case 'recur_every_days_invalid':
      return `${level}: “Repeat every (days)” must be a whole number, at least 1.`;
    case 'recur_max_count_without_every':
      return `${level}: to cap the repetitions, first say every how many days to repeat.`;
    case 'recur_max_count_invalid':
      return `${level}: “Repeat at most” must be a whole number, at least 1.`;
    case 'pre_due_last_level_recurs':
      return `${level}: a level on or before the due date cannot repeat (it only applies up to the due date); remove the repetition or add a level after the due date.`;
    case 'one_per_customer_needs_grouping':
      return '“One communication per customer” also needs “Group by type and customer”.';
    case 'placeholder_in_markup':
      return `${level}: in the HTML text (${problem.language}) ${problem.placeholder} is written as ${problem.where === 'element_name' ? 'an element' : 'an attribute'} name; a placeholder goes in the text or inside an attribute’s value, e.g. <td title="${problem.placeholder}">.`;
    case 'field_not_whole_number':
      return problem.field === 'minDaysBetween'
        ? '“Minimum days between two reminders” must be a whole number, 0 or more.'
        : 'The minimum amount cannot be negative.';
    case 'late_interest_invalid':
      return `Late-payment interest: ${lateInterestFieldEn(problem.detail)}`;
  }
}

const it: Messages = {
  appTitle: 'Solleciti',
  tabHome: 'Oggi',
  tabHistory: 'Storico',
  tabSettings: 'Impostazioni',
  viewsLabel: 'Sezioni',
  todayIs: (date) => `Oggi, ${date}`,
  signedInAs: (user) => `Connesso come ${user}`,
  devIdentity: 'Identità di sviluppo',
  starting: 'Apertura di Solleciti…',
  close: 'Chiudi',
  cancel: 'Annulla',
  details: 'Dettagli tecnici',
  loading: 'Caricamento…',

  refresh: 'Aggiorna',
  lastSync: (when) => ('time' in when ? `Aggiornato alle ${when.time}` : `Aggiornato il ${when.dateTime}`),
  neverSynced: 'Mai aggiornato dall’ERP',
  syncing: (step) =>
    ({
      setup: 'Aggiornamento: configurazione',
      agents: 'Aggiornamento: agenti',
      customers: 'Aggiornamento: clienti',
      'open-items': 'Aggiornamento: partite aperte',
      'reminder-log': 'Aggiornamento: registro dei solleciti',
    })[step],
  syncProgress: (done, total) => (total !== undefined ? `${done} di ${total}` : done),
  syncFailedTitle: 'Aggiornamento dall’ERP non riuscito',
  syncFailure: (failure) => {
    switch (failure) {
      case 'network':
        return 'L’ERP non risponde: controlla la connessione di rete o che il server dell’ERP sia acceso.';
      case 'timeout':
        return 'L’ERP non ha risposto in tempo. Riprova tra qualche minuto.';
      case 'aborted':
        return 'L’aggiornamento è stato interrotto.';
      case 'unauthorized':
        return 'L’ERP non ha accettato l’accesso: accedi di nuovo o verifica Impostazioni › Connessione.';
      case 'forbidden':
        return 'L’ERP non consente a questo utente di leggere i dati dei solleciti: rivolgiti agli amministratori.';
      case 'not_found':
        return 'All’indirizzo configurato non risponde un ERP compatibile: verifica Impostazioni › Connessione.';
      case 'conflict':
        return 'L’ERP ha segnalato un conflitto con un’altra modifica: riprova.';
      case 'precondition_failed':
        return 'I dati sono stati modificati altrove nel frattempo: riprova.';
      case 'gone':
        return 'L’ERP è stato reinizializzato: i dati verranno ricaricati da capo al prossimo aggiornamento.';
      case 'invalid_request':
        return 'L’ERP ha rifiutato la richiesta: la sua versione potrebbe non essere compatibile.';
      case 'server':
        return 'L’ERP ha un problema interno (errore del server). Riprova più tardi; se persiste, avvisa chi gestisce l’ERP.';
      case 'bad_response':
        return 'L’ERP ha risposto con dati non conformi al contratto: avvisa chi gestisce l’ERP.';
      case 'unknown':
        return 'L’aggiornamento non è riuscito per un errore imprevisto.';
    }
  },
  showingCached: (when) => `Sono mostrati i dati dell’ultimo aggiornamento (${when}).`,
  quarantined: (count) =>
    count === 1
      ? '1 record dell’ERP scartato perché non valido'
      : `${count} record dell’ERP scartati perché non validi`,

  planning: 'Preparazione dell’elenco…',
  updatingList: 'Aggiornamento…',
  emptyCache: 'Nessun dato ancora: primo caricamento dall’ERP in corso.',
  emptyCacheFailed: 'Nessun dato disponibile: il primo caricamento dall’ERP non è riuscito.',
  invalidSetup: 'La configurazione dei solleciti non è valida',
  invalidSetupHint:
    'Nessun sollecito può essere preparato finché non viene corretta. Gli amministratori possono correggerla in Impostazioni.',
  setupProblem: setupProblemIt,
  loadFailed: 'Impossibile preparare i solleciti',
  startFailed: 'Solleciti non è riuscito ad avviarsi',

  readOnlyTitle: 'Sola lettura',
  notEnabled: (account, administrators) =>
    `${account} non è tra gli utenti abilitati ai solleciti: puoi consultare l’elenco, ma non creare bozze, inviare o segnare come gestito. ` +
    (administrators.length > 0
      ? `Possono abilitarti gli amministratori: ${administrators.join(', ')}.`
      : 'Possono abilitarti gli amministratori della configurazione dei solleciti.'),
  notSignedIn: 'Non risulta alcun utente connesso: l’elenco è in sola lettura finché non accedi.',

  dueTodayHeading: 'Da inviare oggi',
  remindersCount: (count) => (count === 1 ? '1 comunicazione' : `${formatCount(count, 'it')} comunicazioni`),
  visibleOf: (visible, total) => `${formatCount(visible, 'it')} di ${formatCount(total, 'it')}`,
  noReminders: 'Nessun sollecito da inviare oggi.',
  noMatches: 'Nessun sollecito corrisponde ai filtri.',
  itemsCount: (count) => (count === 1 ? '1 partita' : `${formatCount(count, 'it')} partite`),
  overdue: (days) =>
    days > 1
      ? `scaduta da ${days} giorni`
      : days === 1
        ? 'scaduta da 1 giorno'
        : days === 0
          ? 'scade oggi'
          : days === -1
            ? 'scade domani'
            : `scade tra ${-days} giorni`,
  recurrence: (cycle) => `ripetizione ${cycle}`,
  claimedBy: (owner, since) => `In lavorazione da ${owner} dal ${since}`,
  excludedToday: 'Escluso oggi',
  selectRow: (customer) => `Seleziona ${customer}`,
  openPreview: (customer) => `Anteprima del sollecito a ${customer}`,
  selectAllVisible: 'Seleziona tutti i visibili',
  selectedCount: (count) => (count === 1 ? '1 selezionato' : `${formatCount(count, 'it')} selezionati`),
  attachmentsCount: (count) => (count === 1 ? '1 PDF' : `${count} PDF`),

  agingHeading: 'Anzianità dei crediti',
  agingBucket: (bucket) =>
    ({
      not_due: 'Non scaduto',
      days_1_30: '1–30 giorni',
      days_31_60: '31–60 giorni',
      days_61_90: '61–90 giorni',
      over_90: 'Oltre 90 giorni',
    })[bucket],
  agingBarLabel: (bucket, amount, count) =>
    `${bucket}: ${amount} (${count === 1 ? '1 partita' : `${formatCount(count, 'it')} partite`})`,
  agingNothing: 'Nessuna partita aperta.',
  agingDetails: 'Dettagli',
  agingOpen: (amount) => `Aperto ${amount}`,
  agingOverdue: (amount) => `di cui scaduto ${amount}`,

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
      case 'on_hold':
        return 'Partita o cliente in sospeso (promessa di pagamento o pausa)';
      case 'no_email':
        return 'Nessun indirizzo e-mail valido per i solleciti';
      case 'below_minimum':
        return `Totale sotto l'importo minimo (${minimumAmount})`;
      case 'amount_overflow':
        return 'Totale troppo grande per essere calcolato esattamente: controllare gli importi nel gestionale';
    }
  },
  unknownCustomer: (customerId) => `Cliente sconosciuto (${customerId})`,
  dueOn: (date) => `scad. ${date}`,
  claimsHeading: 'In lavorazione da altri',
  claimHeldBy: (owner, since) => `${owner}, dal ${since}`,
  claimMine: (since) => `Tuo, dal ${since} (non confermato)`,
  releaseClaim: 'Rilascia',
  releaseClaimFailed: 'Rilascio non riuscito',
  checkMailbox: 'Controlla la casella',
  checkMailboxOutcome: (outcome) =>
    ({
      sent: 'Era stato inviato: registrato come inviato',
      released: 'Non era stato inviato: rilasciato',
      settled: 'Già risolto',
      busy: 'L’invio è in corso: si risolve da sé, riprova quando si ferma',
    })[outcome],
  checkMailboxFailed: 'Controllo della casella non riuscito',

  filters: 'Filtri',
  filtersActive: (count) => (count === 0 ? 'Filtri' : `Filtri (${count})`),
  customerFilter: 'Cliente',
  customerPlaceholder: 'Cerca un cliente…',
  agentFilter: 'Agente',
  anyAgent: 'Tutti gli agenti',
  levelFilter: 'Livello',
  anyLevel: 'Tutti i livelli',
  dueFrom: 'Scadenza dal',
  dueTo: 'Scadenza al',
  amountFrom: 'Importo da',
  amountTo: 'Importo fino a',
  textFilter: 'Cerca',
  textPlaceholder: 'Numero documento o cliente',
  clearFilters: 'Azzera i filtri',
  moreCustomers: (count) => `…e altri ${formatCount(count, 'it')}: continua a scrivere`,
  amountInvalid: 'Scrivi un importo, ad esempio 1.234,50',

  createDrafts: 'Crea bozze',
  send: 'Invia',
  sendCount: (count) => `Invia ${count} e-mail`,
  markHandled: 'Segna come gestito',
  sendToMe: 'Invia a me',
  moreActions: 'Altre azioni',
  scopeSelected: (count) =>
    count === 1 ? 'Per il sollecito selezionato' : `Per i ${formatCount(count, 'it')} solleciti selezionati`,
  scopeVisible: (count) =>
    count === 1
      ? 'Per l’unico sollecito visibile'
      : `Per tutti i ${formatCount(count, 'it')} solleciti visibili`,
  nothingToAct: 'Nessun sollecito su cui agire',
  readOnlyActions: 'Sola lettura: le azioni non sono disponibili.',
  mailUnavailable:
    'L’invio non è ancora disponibile in questa versione di Solleciti: non si possono ancora creare bozze, inviare o segnare come gestito.',
  mailFailed: 'L’invio non è disponibile: la casella di posta non è raggiungibile.',
  sendToMeNeedsOne: 'Per “Invia a me” seleziona un solo sollecito (o aprine l’anteprima).',
  confirmTitle: (mode) =>
    ({ draft: 'Creare le bozze?', send: 'Inviare i solleciti?', handled: 'Segnare come gestiti?' })[mode],
  confirmBody: (mode, emails, customers) =>
    mode === 'draft'
      ? emails === '1'
        ? `Verrà creata 1 bozza nella cartella Bozze, per ${customers}.`
        : `Verranno create ${emails} bozze nella cartella Bozze, per ${customers}.`
      : mode === 'send'
        ? emails === '1'
          ? `Verrà inviata 1 e-mail a ${customers}.`
          : `Verranno inviate ${emails} e-mail a ${customers}.`
        : emails === '1'
          ? `1 sollecito per ${customers} verrà registrato come inviato, senza inviare alcuna e-mail.`
          : `${emails} solleciti per ${customers} verranno registrati come inviati, senza inviare alcuna e-mail.`,
  customersCount: (count) => (count === 1 ? '1 cliente' : `${formatCount(count, 'it')} clienti`),
  confirmAttachments: (count, size) =>
    `Allegati: ${count === 1 ? '1 PDF della fattura' : `${formatCount(count, 'it')} PDF delle fatture`}` +
    (size === undefined ? ' (dimensione in calcolo…).' : `, ${size}.`),
  confirmMissingPdfs: (count) =>
    count === 1
      ? '1 PDF non è disponibile nell’ERP: l’e-mail che lo allega non verrà creata.'
      : `${formatCount(count, 'it')} PDF non sono disponibili nell’ERP: le e-mail che li allegano non verranno create.`,
  confirmNoAttachments: 'Nessun allegato.',
  confirmHandledNote: 'Usalo per i solleciti fatti per telefono o già registrati altrove.',
  confirmAmount: (amounts) => `Importo sollecitato: ${amounts}.`,
  confirmDuration: (minutes, perMinute) =>
    `Durata prevista al ritmo di ${perMinute} e-mail al minuto: ${minutes <= 1 ? 'meno di un minuto' : `circa ${minutes} minuti`}.`,
  confirmButton: (mode) => ({ draft: 'Crea bozze', send: 'Invia', handled: 'Segna come gestiti' })[mode],
  actionFailed: (detail) => `Operazione non riuscita: ${detail}`,
  testSent: (address) => `Inviato a ${address} come prova (non registrato).`,

  batchTitle: (mode) =>
    ({ draft: 'Creazione bozze', send: 'Invio solleciti', handled: 'Registrazione come gestiti' })[mode],
  batchProgressLabel: (done, total) => `${done} di ${total}`,
  batchEnded: (ending, count) =>
    `${{ sent: 'Inviati', drafted: 'Bozze create', handled: 'Registrati', cancelled: 'Annullati' }[ending]}: ${count}`,
  batchFailed: (count) => `Non riusciti: ${count}`,
  batchAttention: (count) => `Da verificare: ${count}`,
  batchRemaining: (count) => `Restanti: ${count}`,
  eta: (minutes) => (minutes <= 1 ? 'meno di un minuto' : `circa ${minutes} minuti`),
  etaUnreachable: 'Microsoft 365 non è raggiungibile: in attesa, nessuna stima',
  batchState: (state) =>
    ({
      running: 'In corso',
      paused: 'In pausa: riprende quando il riquadro è aperto',
      done: 'Completato',
      cancelled: 'Interrotto',
    })[state],
  stopBatch: 'Interrompi',
  resumeBatch: 'Riprendi',
  retryFailed: 'Riprova i non riusciti',
  failuresHeading: 'Non riusciti',
  attentionHeading: 'Da verificare',
  failureReason: (reason) => {
    const known: Record<string, string> = {
      item_closed: 'Partite pagate o chiuse nell’ERP dopo la preparazione: non inviato',
      changed: 'Il sollecito è cambiato dopo la preparazione: va ripreparato',
      replaced: 'Sostituito da un sollecito senza le partite pagate nel frattempo',
      claimed_elsewhere: 'Già in lavorazione o inviato da un altro utente',
      pdf_missing: 'Il PDF di una fattura manca nell’archivio dell’ERP',
      message_too_large: 'Con gli allegati il messaggio supera il limite di Exchange (35 MB)',
      attachment_unsendable: 'Un PDF ha una dimensione che Microsoft Graph non accetta',
      invalid_recipients: 'Exchange ha rifiutato l’indirizzo del destinatario',
      attachments_mismatch:
        'Gli allegati della bozza non corrispondono ai PDF previsti (nomi, numero, dimensioni): non inviato',
      deleted_in_outlook: 'La bozza è stata eliminata in Outlook prima dell’invio: nulla è stato inviato',
      cancelled: 'Annullato prima dell’invio',
      not_sent: 'Controllata la casella: non era stato inviato; bozza eliminata e sollecito rilasciato',
      send_unconfirmed:
        'Invio richiesto ma non ancora confermato: verrà ricontrollato, mai reinviato alla cieca',
      log_refused: 'Inviato, ma l’ERP non l’ha registrato: avvisa l’amministratore',
      refused_by_graph: 'Rifiutato da Microsoft 365',
      refused_by_erp: 'Rifiutato dall’ERP',
      refused: 'Rifiutato dall’ERP o da Microsoft 365',
    };
    return known[reason] ?? `Errore (${reason})`;
  },
  stopReason: (reason, message) =>
    ({
      graph_refused: `Microsoft 365 ha rifiutato la richiesta: ${message ?? 'motivo non indicato'}.`,
      erp_refused: `L’ERP ha rifiutato la richiesta: ${message ?? 'motivo non indicato'}.`,
      unexpected: `Errore imprevisto: ${message ?? 'nessun dettaglio'}. Se si ripete, avvisa l’assistenza.`,
      paused: 'In pausa: riprende alla prossima apertura del riquadro.',
      unauthorized: 'L’accesso alla casella o all’ERP è scaduto: accedi di nuovo, poi riprende.',
      mailbox_restricted:
        'Exchange ha bloccato l’invio da questa casella: deve sbloccarla l’amministratore di Microsoft 365.',
      not_enabled: 'Questo utente non è abilitato ai solleciti.',
      unreachable:
        'Microsoft 365 o l’ERP non sono raggiungibili (rete assente, servizio fuori uso o connessione bloccata da un criterio): riprende alla prossima apertura o con “Aggiorna”.',
      throttled: 'Troppi messaggi per oggi secondo i limiti di Exchange: riprende più tardi.',
      invalid_setup: 'La configurazione dei solleciti non è valida: nulla può essere inviato.',
      busy: 'Un’altra finestra di Solleciti sta già inviando da questa casella.',
    })[reason] ?? `Interrotto (${reason}).`,
  openDraft: 'Apri bozza',
  draftsCreated: 'Bozze create',

  previewTitle: 'Anteprima',
  subject: 'Oggetto',
  to: 'A',
  cc: 'Cc',
  attachments: 'Allegati',
  total: 'Totale',
  lateInterest: 'Interessi',
  flatIndemnity: 'Indennità',
  noAttachments: 'Nessun allegato',
  sizeUnknown: 'dimensione in verifica…',
  missingPdf: 'PDF non disponibile nell’ERP',
  missingPdfs: (files) => `PDF non disponibili nell’ERP: ${files}`,
  attachmentsSummary: (count, size) => `${formatCount(count, 'it')} PDF, ${size}`,
  attachmentsSize: (knownSize, unknown, count) =>
    unknown === 0
      ? `${knownSize} in totale`
      : unknown >= count
        ? 'di dimensione sconosciuta'
        : `${knownSize} + ${formatCount(unknown, 'it')} di dimensione sconosciuta`,
  showList: 'Elenco',
  bodyFrameTitle: 'Testo dell’e-mail come lo riceverà il cliente',
  leaveOut: 'Escludi dal giro di oggi',
  includeAgain: 'Includi di nuovo oggi',
  previewMissing: 'Questo sollecito non è più nell’elenco di oggi.',
  usedDefaultText: 'Il livello non ha un testo per questa lingua: viene usato il testo predefinito.',
  unknownPlaceholders: (names) => `Segnaposto sconosciuti, lasciati come scritti: ${names}`,
  missingValues: (names) => `Segnaposto senza valore: ${names}`,
  none: 'nessuno',

  historyHeading: 'Storico dei solleciti',
  historySearch: 'Cliente, documento, destinatario, utente',
  historySearchLabel: 'Cerca',
  historyCount: (shown, total) => `${formatCount(shown, 'it')} di ${formatCount(total, 'it')}`,
  exportCsv: 'Esporta CSV',
  noHistory: 'Nessun sollecito registrato.',
  historyState: (state) => ({ sent: 'Inviato', drafted: 'Bozza', handled: 'Gestito' })[state],
  historyBy: (user) => `da ${user}`,
  openNow: (amount) => `ancora aperti ${amount}`,
  allPaid: 'tutto pagato',
  openMessage: 'Apri messaggio',
  csvHeader: [
    'Data e ora',
    'Giorno',
    'Utente',
    'Livello',
    'Cliente',
    'Partite',
    'Documenti',
    'Ancora aperto',
    'Valuta',
    'A',
    'Cc',
    'Stato',
    'Id messaggio',
    'Chiave',
  ],
};

const en: Messages = {
  appTitle: 'Solleciti',
  tabHome: 'Today',
  tabHistory: 'History',
  tabSettings: 'Settings',
  viewsLabel: 'Views',
  todayIs: (date) => `Today, ${date}`,
  signedInAs: (user) => `Signed in as ${user}`,
  devIdentity: 'Dev identity',
  starting: 'Opening Solleciti…',
  close: 'Close',
  cancel: 'Cancel',
  details: 'Technical details',
  loading: 'Loading…',

  refresh: 'Refresh',
  lastSync: (when) => ('time' in when ? `Updated at ${when.time}` : `Updated on ${when.dateTime}`),
  neverSynced: 'Never updated from the ERP',
  syncing: (step) =>
    ({
      setup: 'Updating: setup',
      agents: 'Updating: agents',
      customers: 'Updating: customers',
      'open-items': 'Updating: open items',
      'reminder-log': 'Updating: reminder log',
    })[step],
  syncProgress: (done, total) => (total !== undefined ? `${done} of ${total}` : done),
  syncFailedTitle: 'Could not update from the ERP',
  syncFailure: (failure) => {
    switch (failure) {
      case 'network':
        return 'The ERP does not answer: check the network connection, or that the ERP server is running.';
      case 'timeout':
        return 'The ERP did not answer in time. Try again in a few minutes.';
      case 'aborted':
        return 'The update was stopped.';
      case 'unauthorized':
        return 'The ERP did not accept the sign-in: sign in again or check Settings › Connection.';
      case 'forbidden':
        return 'The ERP does not let this user read the reminder data: ask the administrators.';
      case 'not_found':
        return 'No compatible ERP answers at the configured address: check Settings › Connection.';
      case 'conflict':
        return 'The ERP reported a conflict with another change: try again.';
      case 'precondition_failed':
        return 'The data was changed elsewhere in the meantime: try again.';
      case 'gone':
        return 'The ERP was reset: the data will be loaded again from scratch on the next update.';
      case 'invalid_request':
        return 'The ERP refused the request: its version may not be compatible.';
      case 'server':
        return 'The ERP has an internal problem (server error). Try again later; if it persists, tell whoever runs the ERP.';
      case 'bad_response':
        return 'The ERP answered with data that breaks the contract: tell whoever runs the ERP.';
      case 'unknown':
        return 'The update failed with an unexpected error.';
    }
  },
  showingCached: (when) => `Showing the data of the last update (${when}).`,
  quarantined: (count) =>
    count === 1 ? '1 ERP record refused as invalid' : `${count} ERP records refused as invalid`,

  planning: 'Preparing the list…',
  updatingList: 'Updating…',
  emptyCache: 'No data yet: first load from the ERP in progress.',
  emptyCacheFailed: 'No data available: the first load from the ERP failed.',
  invalidSetup: 'The reminder setup is not valid',
  invalidSetupHint:
    'No reminder can be prepared until it is fixed. The administrators can fix it in Settings.',
  setupProblem: setupProblemEn,
  loadFailed: 'Could not prepare the reminders',
  startFailed: 'Solleciti could not start',

  readOnlyTitle: 'Read-only',
  notEnabled: (account, administrators) =>
    `${account} is not an enabled reminder user: you can look at the list, but not create drafts, send or mark as handled. ` +
    (administrators.length > 0
      ? `The administrators can enable you: ${administrators.join(', ')}.`
      : 'The administrators of the reminder setup can enable you.'),
  notSignedIn: 'No user is signed in: the list is read-only until you sign in.',

  dueTodayHeading: 'Due today',
  remindersCount: (count) => (count === 1 ? '1 reminder' : `${formatCount(count, 'en')} reminders`),
  visibleOf: (visible, total) => `${formatCount(visible, 'en')} of ${formatCount(total, 'en')}`,
  noReminders: 'No reminders due today.',
  noMatches: 'No reminder matches the filters.',
  itemsCount: (count) => (count === 1 ? '1 item' : `${formatCount(count, 'en')} items`),
  overdue: (days) =>
    days > 1
      ? `${days} days overdue`
      : days === 1
        ? '1 day overdue'
        : days === 0
          ? 'due today'
          : days === -1
            ? 'due tomorrow'
            : `due in ${-days} days`,
  recurrence: (cycle) => `repeat ${cycle}`,
  claimedBy: (owner, since) => `Being handled by ${owner} since ${since}`,
  excludedToday: 'Left out today',
  selectRow: (customer) => `Select ${customer}`,
  openPreview: (customer) => `Preview the reminder to ${customer}`,
  selectAllVisible: 'Select all visible',
  selectedCount: (count) => `${formatCount(count, 'en')} selected`,
  attachmentsCount: (count) => (count === 1 ? '1 PDF' : `${count} PDFs`),

  agingHeading: 'Receivables aging',
  agingBucket: (bucket) =>
    ({
      not_due: 'Not yet due',
      days_1_30: '1–30 days',
      days_31_60: '31–60 days',
      days_61_90: '61–90 days',
      over_90: 'Over 90 days',
    })[bucket],
  agingBarLabel: (bucket, amount, count) =>
    `${bucket}: ${amount} (${count === 1 ? '1 item' : `${formatCount(count, 'en')} items`})`,
  agingNothing: 'No open items.',
  agingDetails: 'Details',
  agingOpen: (amount) => `Open ${amount}`,
  agingOverdue: (amount) => `of which overdue ${amount}`,

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
      case 'on_hold':
        return 'Item or customer on hold (promise to pay or pause)';
      case 'no_email':
        return 'No valid reminder e-mail address';
      case 'below_minimum':
        return `Total below the minimum amount (${minimumAmount})`;
      case 'amount_overflow':
        return 'Total too large to compute exactly: check the amounts in the ERP';
    }
  },
  unknownCustomer: (customerId) => `Unknown customer (${customerId})`,
  dueOn: (date) => `due ${date}`,
  claimsHeading: 'Being handled by others',
  claimHeldBy: (owner, since) => `${owner}, since ${since}`,
  claimMine: (since) => `Yours, since ${since} (not confirmed)`,
  releaseClaim: 'Release',
  releaseClaimFailed: 'Could not release',
  checkMailbox: 'Check the mailbox',
  checkMailboxOutcome: (outcome) =>
    ({
      sent: 'It had been sent: recorded as sent',
      released: 'It had not been sent: released',
      settled: 'Already resolved',
      busy: 'Sending is under way: it resolves itself, try again once it stops',
    })[outcome],
  checkMailboxFailed: 'Could not check the mailbox',

  filters: 'Filters',
  filtersActive: (count) => (count === 0 ? 'Filters' : `Filters (${count})`),
  customerFilter: 'Customer',
  customerPlaceholder: 'Search a customer…',
  agentFilter: 'Agent',
  anyAgent: 'All agents',
  levelFilter: 'Level',
  anyLevel: 'All levels',
  dueFrom: 'Due from',
  dueTo: 'Due to',
  amountFrom: 'Amount from',
  amountTo: 'Amount up to',
  textFilter: 'Search',
  textPlaceholder: 'Document number or customer',
  clearFilters: 'Clear filters',
  moreCustomers: (count) => `…and ${formatCount(count, 'en')} more: keep typing`,
  amountInvalid: 'Type an amount, for example 1,234.50',

  createDrafts: 'Create drafts',
  send: 'Send',
  sendCount: (count) => `Send ${count} e-mails`,
  markHandled: 'Mark as handled',
  sendToMe: 'Send to me',
  moreActions: 'More actions',
  scopeSelected: (count) =>
    count === 1 ? 'For the selected reminder' : `For the ${formatCount(count, 'en')} selected reminders`,
  scopeVisible: (count) =>
    count === 1 ? 'For the one visible reminder' : `For all ${formatCount(count, 'en')} visible reminders`,
  nothingToAct: 'No reminder to act on',
  readOnlyActions: 'Read-only: actions are not available.',
  mailUnavailable:
    'Sending is not available yet in this version of Solleciti: drafts, sending and marking as handled cannot be used yet.',
  mailFailed: 'Sending is not available: the mailbox cannot be reached.',
  sendToMeNeedsOne: 'For “Send to me”, select a single reminder (or open its preview).',
  confirmTitle: (mode) =>
    ({ draft: 'Create the drafts?', send: 'Send the reminders?', handled: 'Mark as handled?' })[mode],
  confirmBody: (mode, emails, customers) => {
    const one = emails === '1';
    return mode === 'draft'
      ? `${one ? '1 draft' : `${emails} drafts`} will be created in the Drafts folder, for ${customers}.`
      : mode === 'send'
        ? `${one ? '1 e-mail' : `${emails} e-mails`} will be sent to ${customers}.`
        : `${one ? '1 reminder' : `${emails} reminders`} for ${customers} will be recorded as sent, without sending any e-mail.`;
  },
  customersCount: (count) => (count === 1 ? '1 customer' : `${formatCount(count, 'en')} customers`),
  confirmAttachments: (count, size) =>
    `Attachments: ${count === 1 ? '1 invoice PDF' : `${formatCount(count, 'en')} invoice PDFs`}` +
    (size === undefined ? ' (working out the size…).' : `, ${size}.`),
  confirmMissingPdfs: (count) =>
    count === 1
      ? '1 PDF is not available in the ERP: the e-mail that attaches it will not be created.'
      : `${formatCount(count, 'en')} PDFs are not available in the ERP: the e-mails that attach them will not be created.`,
  confirmNoAttachments: 'No attachments.',
  confirmHandledNote: 'Use it for reminders made by phone, or already recorded elsewhere.',
  confirmAmount: (amounts) => `Amount reminded: ${amounts}.`,
  confirmDuration: (minutes, perMinute) =>
    `Expected duration at ${perMinute} e-mails a minute: ${minutes <= 1 ? 'less than a minute' : `about ${minutes} minutes`}.`,
  confirmButton: (mode) => ({ draft: 'Create drafts', send: 'Send', handled: 'Mark as handled' })[mode],
  actionFailed: (detail) => `That did not work: ${detail}`,
  testSent: (address) => `Sent to ${address} as a test (not recorded).`,

  batchTitle: (mode) =>
    ({ draft: 'Creating drafts', send: 'Sending reminders', handled: 'Recording as handled' })[mode],
  batchProgressLabel: (done, total) => `${done} of ${total}`,
  batchEnded: (ending, count) =>
    `${{ sent: 'Sent', drafted: 'Drafts created', handled: 'Recorded', cancelled: 'Cancelled' }[ending]}: ${count}`,
  batchFailed: (count) => `Failed: ${count}`,
  batchAttention: (count) => `Needs attention: ${count}`,
  batchRemaining: (count) => `Remaining: ${count}`,
  eta: (minutes) => (minutes <= 1 ? 'less than a minute' : `about ${minutes} minutes`),
  etaUnreachable: 'Microsoft 365 cannot be reached: waiting, no estimate',
  batchState: (state) =>
    ({
      running: 'Running',
      paused: 'Paused: resumes while the pane is open',
      done: 'Finished',
      cancelled: 'Stopped',
    })[state],
  stopBatch: 'Stop',
  resumeBatch: 'Resume',
  retryFailed: 'Retry the failed ones',
  failuresHeading: 'Failed',
  attentionHeading: 'Needs attention',
  failureReason: (reason) => {
    const known: Record<string, string> = {
      item_closed: 'Items paid or closed in the ERP after planning: not sent',
      changed: 'The reminder changed after planning: plan it again',
      replaced: 'Replaced by a reminder without the items paid meanwhile',
      claimed_elsewhere: 'Already being handled, or sent, by another user',
      pdf_missing: 'An invoice PDF is missing from the ERP archive',
      message_too_large: 'With its attachments the message exceeds Exchange’s limit (35 MB)',
      attachment_unsendable: 'A PDF has a size Microsoft Graph does not accept',
      invalid_recipients: 'Exchange refused the recipient address',
      attachments_mismatch:
        'The draft’s attachments do not match the planned PDFs (names, count, sizes): not sent',
      deleted_in_outlook: 'The draft was deleted in Outlook before it was sent: nothing was sent',
      cancelled: 'Cancelled before it was sent',
      not_sent: 'Checked the mailbox: it had not been sent; its draft was deleted and the reminder released',
      send_unconfirmed:
        'Sending requested but not confirmed yet: it will be checked again, never re-sent blindly',
      log_refused: 'Sent, but the ERP did not record it: tell the administrator',
      refused_by_graph: 'Refused by Microsoft 365',
      refused_by_erp: 'Refused by the ERP',
      refused: 'Refused by the ERP or by Microsoft 365',
    };
    return known[reason] ?? `Error (${reason})`;
  },
  stopReason: (reason, message) =>
    ({
      graph_refused: `Microsoft 365 refused the request: ${message ?? 'no reason given'}.`,
      erp_refused: `The ERP refused the request: ${message ?? 'no reason given'}.`,
      unexpected: `Unexpected error: ${message ?? 'no detail'}. If it happens again, tell support.`,
      paused: 'Paused: resumes the next time the pane opens.',
      unauthorized: 'Access to the mailbox or the ERP expired: sign in again, then it resumes.',
      mailbox_restricted:
        'Exchange blocked sending from this mailbox: the Microsoft 365 administrator must lift it.',
      not_enabled: 'This user is not enabled for reminders.',
      unreachable:
        'Microsoft 365 or the ERP cannot be reached (no network, service down, or the connection blocked by a policy): it resumes on the next opening or with “Refresh”.',
      throttled: 'Too many messages today for Exchange’s limits: it resumes later.',
      invalid_setup: 'The reminder setup is not valid: nothing can be sent.',
      busy: 'Another Solleciti window is already sending from this mailbox.',
    })[reason] ?? `Stopped (${reason}).`,
  openDraft: 'Open draft',
  draftsCreated: 'Drafts created',

  previewTitle: 'Preview',
  subject: 'Subject',
  to: 'To',
  cc: 'Cc',
  attachments: 'Attachments',
  total: 'Total',
  lateInterest: 'Interest',
  flatIndemnity: 'Indemnity',
  noAttachments: 'No attachments',
  sizeUnknown: 'checking size…',
  missingPdf: 'PDF not available in the ERP',
  missingPdfs: (files) => `PDFs not available in the ERP: ${files}`,
  attachmentsSummary: (count, size) => `${formatCount(count, 'en')} PDFs, ${size}`,
  attachmentsSize: (knownSize, unknown, count) =>
    unknown === 0
      ? `${knownSize} in all`
      : unknown >= count
        ? 'size unknown'
        : `${knownSize} + ${formatCount(unknown, 'en')} of unknown size`,
  showList: 'List',
  bodyFrameTitle: 'The e-mail as the customer will receive it',
  leaveOut: 'Leave out of today’s run',
  includeAgain: 'Include again today',
  previewMissing: 'This reminder is no longer in today’s list.',
  usedDefaultText: 'The level has no text for this language: the built-in text is used.',
  unknownPlaceholders: (names) => `Unknown placeholders, left as typed: ${names}`,
  missingValues: (names) => `Placeholders without a value: ${names}`,
  none: 'none',

  historyHeading: 'Reminder history',
  historySearch: 'Customer, document, recipient, user',
  historySearchLabel: 'Search',
  historyCount: (shown, total) => `${formatCount(shown, 'en')} of ${formatCount(total, 'en')}`,
  exportCsv: 'Export CSV',
  noHistory: 'No reminders recorded.',
  historyState: (state) => ({ sent: 'Sent', drafted: 'Draft', handled: 'Handled' })[state],
  historyBy: (user) => `by ${user}`,
  openNow: (amount) => `still open ${amount}`,
  allPaid: 'all paid',
  openMessage: 'Open message',
  csvHeader: [
    'Date and time',
    'Day',
    'User',
    'Level',
    'Customer',
    'Items',
    'Documents',
    'Still open',
    'Currency',
    'To',
    'Cc',
    'State',
    'Message id',
    'Key',
  ],
};

const MESSAGES: Readonly<Record<UiLanguage, Messages>> = { it, en };

/** The sentences for a UI language. */
export function messagesFor(language: UiLanguage): Messages {
  return MESSAGES[language];
}

/** The settings view's sentences (kept apart: the view loads only when opened). */
export interface SettingsMessages {
  readonly heading: string;
  readonly readOnly: (administrators: readonly string[]) => string;
  readonly notLoaded: string;
  readonly save: string;
  readonly saving: string;
  readonly discard: string;
  readonly saved: string;
  readonly unsaved: string;
  readonly conflict: string;
  readonly reload: string;
  readonly forbidden: string;
  readonly invalid: string;
  readonly failed: (detail: string) => string;
  readonly problemsHeading: string;

  readonly optionsHeading: string;
  readonly groupByCustomer: string;
  readonly groupByCustomerHint: string;
  readonly onePerCustomer: string;
  readonly onePerCustomerHint: string;
  readonly onePerCustomerNeedsGrouping: string;
  readonly ccAgent: string;
  readonly attachInvoicePdfs: string;
  readonly minimumAmount: string;
  readonly minimumAmountHint: string;
  readonly minimumNegative: string;
  readonly minimumNotAmount: string;
  readonly minDaysBetween: string;
  readonly minDaysBetweenHint: string;
  readonly autoCollected: string;
  readonly autoCollectedHint: string;
  readonly timezone: string;
  readonly timezoneInvalid: string;
  readonly defaultLanguage: string;
  readonly companyIban: string;
  readonly lateInterestHeading: string;
  readonly lateInterestOn: string;
  readonly lateInterestHint: string;
  readonly ratesLabel: string;
  readonly ratesHint: string;
  readonly noRates: string;
  readonly rateFrom: (row: number) => string;
  readonly ratePercent: (row: number) => string;
  readonly addRate: string;
  readonly removeRate: (row: number) => string;
  readonly rateFromInvalid: string;
  readonly rateFromRepeated: string;
  readonly percentNotNumber: string;
  readonly percentNegative: string;
  readonly percentDecimals: string;
  readonly flatIndemnity: string;
  readonly flatIndemnityHint: string;
  readonly indemnityNegative: string;
  readonly indemnityNotAmount: string;
  readonly usersHeading: string;
  readonly enabledUsers: string;
  readonly administrators: string;
  readonly onePerLine: string;
  /** The entries of a users' list that are not e-mail addresses. */
  readonly notAddresses: (entries: readonly string[]) => string;

  readonly levelsHeading: string;
  readonly levelsHint: string;
  readonly levelName: string;
  readonly levelNameRequired: string;
  readonly levelKind: string;
  readonly kindName: (kind: string) => string;
  readonly levelDays: string;
  readonly levelDaysHint: (days: number) => string;
  readonly recurEveryDays: string;
  readonly recurMaxCount: string;
  readonly recurOnlyLast: (lastName: string) => string;
  readonly recurMaxNeedsEvery: string;
  readonly addLevel: string;
  readonly removeLevel: (name: string) => string;
  readonly lastLevelBadge: string;
  readonly newLevelName: string;
  readonly cannotRemoveLast: string;

  readonly textsHeading: string;
  readonly textLevel: string;
  readonly textLanguage: string;
  readonly languageName: (code: string) => string;
  readonly format: string;
  readonly formatText: string;
  readonly formatHtml: string;
  readonly subject: string;
  readonly body: string;
  readonly insertPlaceholder: string;
  readonly placeholderHint: (name: string) => string;
  readonly unknownPlaceholders: (names: string) => string;
  /** What the HTML filter took out of the text being edited (`items` from `htmlRemoval`). */
  readonly htmlRemoved: (items: string) => string;
  readonly htmlRemoval: (removal: HtmlRemoval) => string;
  readonly noTextForLanguage: string;
  readonly previewHeading: string;
  readonly previewOn: (customer: string) => string;
  readonly previewNoSample: string;
  readonly previewInvalid: string;

  readonly connectionHeading: string;
  readonly connectionHint: (location: 'roaming' | 'local' | 'memory') => string;
  readonly source: (source: 'user' | 'build' | 'default') => string;
  readonly secretSet: string;
  readonly lockedSetting: string;
  readonly staticKeyWarning: string;
  readonly testConnection: string;
  readonly testing: string;
  readonly testRefused: (reason: string) => string;
  readonly erpOk: string;
  readonly erpFailed: (sentence: string) => string;
  readonly graphOk: (account: string | undefined) => string;
  readonly graphFailed: (detail: string) => string;
  readonly saveConnection: string;
}

const settingsIt: SettingsMessages = {
  heading: 'Impostazioni',
  readOnly: (administrators) =>
    `Solo gli amministratori possono modificare la configurazione dei solleciti${administrators.length > 0 ? ` (${administrators.join(', ')})` : ''}: qui puoi consultarla.`,
  notLoaded: 'La configurazione non è ancora stata caricata dall’ERP.',
  save: 'Salva nell’ERP',
  saving: 'Salvataggio…',
  discard: 'Annulla le modifiche',
  saved: 'Configurazione salvata nell’ERP.',
  unsaved: 'Modifiche non salvate',
  conflict:
    'Un altro amministratore ha modificato la configurazione nel frattempo: le tue modifiche non sono state salvate, per non sovrascrivere le sue. Ricarica per vedere la versione attuale.',
  reload: 'Ricarica dall’ERP',
  forbidden:
    'L’ERP non consente a questo utente di salvare la configurazione: solo gli amministratori possono farlo.',
  invalid: 'La configurazione non è valida: correggi i problemi indicati.',
  failed: (detail) => `Salvataggio non riuscito: ${detail}`,
  problemsHeading: 'Da correggere',

  optionsHeading: 'Opzioni',
  groupByCustomer: 'Raggruppa per tipo e cliente',
  groupByCustomerHint: 'Una sola e-mail per cliente e livello, con tutte le sue partite.',
  onePerCustomer: 'Una sola comunicazione per cliente',
  onePerCustomerHint:
    'Tutte le partite dovute di un cliente in un’unica e-mail, con i testi del livello più alto tra le sue; ogni partita resta al proprio livello.',
  onePerCustomerNeedsGrouping: 'Richiede “Raggruppa per tipo e cliente”: attiva prima quello.',
  ccAgent: 'Agente in copia (Cc)',
  attachInvoicePdfs: 'Allega i PDF delle fatture',
  minimumAmount: 'Importo minimo',
  minimumAmountHint: 'Le comunicazioni con un totale inferiore non vengono proposte.',
  minimumNegative: 'L’importo minimo non può essere negativo: scrivi 0 o più.',
  minimumNotAmount: 'Scrivi un importo, ad esempio 50 o 1.234,50.',
  minDaysBetween: 'Giorni minimi tra due solleciti',
  minDaysBetweenHint: 'Una partita sollecitata da meno giorni aspetta.',
  autoCollected: 'Pagamenti incassati dalla banca',
  autoCollectedHint: 'Codici separati da virgola (es. riba, sdd): nessun promemoria prima della scadenza.',
  timezone: 'Fuso orario',
  timezoneInvalid: 'Fuso orario sconosciuto (es. Europe/Rome)',
  defaultLanguage: 'Lingua predefinita dei testi',
  companyIban: 'IBAN dell’azienda (%IBAN)',
  lateInterestHeading: 'Interessi di mora e indennità',
  lateInterestOn: 'Calcola interessi di mora e indennità (D.Lgs. 231/2002)',
  lateInterestHint:
    'Dal giorno dopo la scadenza, sull’importo ancora aperto; mai per i consumatori né per le partite non in euro. Nei testi: %Interessi, %Indennita, %TotaleDovuto.',
  ratesLabel: 'Tassi annui',
  ratesHint: 'Ogni tasso vale dalla sua data fino al successivo (es. tasso BCE del semestre + 8 punti).',
  noRates: 'Nessun tasso: interessi a zero, solo l’indennità.',
  rateFrom: (row) => `Dal (tasso ${row})`,
  ratePercent: (row) => `% annua (tasso ${row})`,
  addRate: 'Aggiungi tasso',
  removeRate: (row) => `Rimuovi il tasso ${row}`,
  rateFromInvalid: 'Scrivi una data valida.',
  rateFromRepeated: 'Un altro tasso parte dallo stesso giorno: ogni tasso ha la sua data.',
  percentNotNumber: 'Scrivi una percentuale, ad esempio 10,15.',
  percentNegative: 'La percentuale non può essere negativa.',
  percentDecimals: 'Al massimo due decimali, ad esempio 10,15.',
  flatIndemnity: 'Indennità forfettaria per documento',
  flatIndemnityHint: '40 € tra imprese; 0 per non addebitarla.',
  indemnityNegative: 'L’indennità non può essere negativa: scrivi 0 o più.',
  indemnityNotAmount: 'Scrivi un importo, ad esempio 40 o 40,00.',
  usersHeading: 'Utenti',
  enabledUsers: 'Utenti abilitati ai solleciti',
  administrators: 'Amministratori della configurazione',
  onePerLine: 'Un indirizzo per riga.',
  notAddresses: (entries) =>
    `${entries.length === 1 ? 'Non è un indirizzo e-mail' : 'Non sono indirizzi e-mail'}: ${entries.map((entry) => `“${entry}”`).join(', ')}.`,

  levelsHeading: 'Livelli',
  levelsHint: 'I livelli sono ordinati per giorni dalla scadenza (negativi: prima della scadenza).',
  levelName: 'Nome',
  levelNameRequired: 'Dai un nome al livello: è quello che vedono gli utenti.',
  levelKind: 'Tipo',
  kindName: (kind) =>
    ({ promemoria: 'Promemoria', estratto_conto: 'Estratto conto', sollecito: 'Sollecito' })[kind] ?? kind,
  levelDays: 'Giorni dalla scadenza',
  levelDaysHint: (days) =>
    days < 0
      ? `${-days} giorni prima della scadenza`
      : days === 0
        ? 'il giorno della scadenza'
        : `${days} giorni dopo la scadenza`,
  recurEveryDays: 'Ripeti ogni (giorni)',
  recurMaxCount: 'Ripetizioni al massimo',
  recurOnlyLast: (lastName) =>
    `La ripetizione è possibile solo sull’ultimo livello (quello con più giorni): ora è “${lastName}”.`,
  recurMaxNeedsEvery: 'Indica prima ogni quanti giorni ripetere.',
  addLevel: 'Aggiungi livello',
  removeLevel: (name) => `Rimuovi ${name}`,
  lastLevelBadge: 'ultimo livello',
  newLevelName: 'Nuovo livello',
  cannotRemoveLast: 'Serve almeno un livello.',

  textsHeading: 'Testi',
  textLevel: 'Livello',
  textLanguage: 'Lingua',
  languageName: (code) => ({ it: 'Italiano', en: 'Inglese' })[code] ?? code,
  format: 'Formato',
  formatText: 'Testo semplice',
  formatHtml: 'HTML',
  subject: 'Oggetto',
  body: 'Testo',
  insertPlaceholder: 'Inserisci',
  placeholderHint: (name) =>
    ({
      Partita: 'le partite (tabella nell’e-mail HTML)',
      Importo: 'il totale',
      Interessi: 'gli interessi di mora, calcolati sull’importo ancora aperto',
      Indennita: 'l’indennità forfettaria di recupero, una per fattura',
      TotaleDovuto: 'il totale con interessi e indennità',
      Cliente: 'la ragione sociale',
      Agente: 'il nome dell’agente',
      Oggi: 'la data di oggi',
      IBAN: 'l’IBAN dell’azienda',
    })[name] ?? name,
  unknownPlaceholders: (names) => `Segnaposto sconosciuti (resteranno come scritti): ${names}`,
  htmlRemoved: (items) => `Non ammesso nelle e-mail, tolto al salvataggio e all’invio: ${items}.`,
  htmlRemoval: (removal) => {
    switch (removal.kind) {
      case 'element':
        return `<${removal.element}>`;
      case 'attribute':
        return `attributo ${removal.attribute} di <${removal.element}>`;
      case 'link':
        return `link di <${removal.element}> che non inizia con http://, https:// o mailto:`;
      case 'comment':
        return 'commenti';
    }
  },
  noTextForLanguage: 'Nessun testo in questa lingua: verrà usato quello della lingua predefinita.',
  previewHeading: 'Anteprima',
  previewOn: (customer) => `Su dati reali: ${customer}`,
  previewNoSample: 'Nessun sollecito oggi su cui mostrare l’anteprima.',
  previewInvalid: 'L’anteprima torna quando la configurazione è valida.',

  connectionHeading: 'Connessione',
  connectionHint: (location) =>
    location === 'roaming'
      ? 'Valori personali, salvati nella tua casella di posta: valgono su ogni Outlook che usi.'
      : location === 'local'
        ? 'Valori personali, salvati in questo browser.'
        : 'Questo browser non può salvare i valori: varranno fino alla chiusura.',
  source: (source) => ({ user: 'tuo valore', build: 'della distribuzione', default: 'predefinito' })[source],
  secretSet: '(impostata: scrivi per cambiarla)',
  lockedSetting:
    'Stabilito da chi ha distribuito il componente aggiuntivo: chiedi all’amministratore per cambiarlo.',
  staticKeyWarning:
    'L’ERP è chiamato con una chiave fissa: chiunque la conosca legge i dati dei solleciti. Preferisci l’accesso con Entra ID (ERP_SCOPE).',
  testConnection: 'Prova la connessione',
  testing: 'Prova in corso…',
  testRefused: (reason) => `Prova non eseguita, nulla è stato inviato: ${reason}`,
  erpOk: 'ERP: connessione riuscita.',
  erpFailed: (sentence) => `ERP: ${sentence}`,
  graphOk: (account) =>
    `Casella di posta: connessione riuscita${account !== undefined ? ` (${account})` : ''}.`,
  graphFailed: (detail) => `Casella di posta: connessione non riuscita (${detail}).`,
  saveConnection: 'Salva e riapri',
};

const settingsEn: SettingsMessages = {
  heading: 'Settings',
  readOnly: (administrators) =>
    `Only the administrators can change the reminder setup${administrators.length > 0 ? ` (${administrators.join(', ')})` : ''}: here you can look at it.`,
  notLoaded: 'The setup has not been loaded from the ERP yet.',
  save: 'Save to the ERP',
  saving: 'Saving…',
  discard: 'Discard changes',
  saved: 'Setup saved to the ERP.',
  unsaved: 'Unsaved changes',
  conflict:
    'Another administrator changed the setup in the meantime: your changes were not saved, so as not to overwrite theirs. Reload to see the current version.',
  reload: 'Reload from the ERP',
  forbidden: 'The ERP does not let this user save the setup: only administrators can.',
  invalid: 'The setup is not valid: fix the problems listed.',
  failed: (detail) => `Could not save: ${detail}`,
  problemsHeading: 'To fix',

  optionsHeading: 'Options',
  groupByCustomer: 'Group by type and customer',
  groupByCustomerHint: 'One e-mail per customer and level, with all its items.',
  onePerCustomer: 'One communication per customer',
  onePerCustomerHint:
    'All of a customer’s due items in a single e-mail, with the texts of the highest of their levels; each item keeps its own level.',
  onePerCustomerNeedsGrouping: 'Needs “Group by type and customer”: turn that on first.',
  ccAgent: 'CC the agent',
  attachInvoicePdfs: 'Attach the invoice PDFs',
  minimumAmount: 'Minimum amount',
  minimumAmountHint: 'Communications with a lower total are not proposed.',
  minimumNegative: 'The minimum amount cannot be negative: type 0 or more.',
  minimumNotAmount: 'Type an amount, for example 50 or 1,234.50.',
  minDaysBetween: 'Minimum days between two reminders',
  minDaysBetweenHint: 'An item reminded fewer days ago waits.',
  autoCollected: 'Payments collected by the bank',
  autoCollectedHint: 'Comma-separated codes (e.g. riba, sdd): no reminder before the due date.',
  timezone: 'Time zone',
  timezoneInvalid: 'Unknown time zone (e.g. Europe/Rome)',
  defaultLanguage: 'Default language of the texts',
  companyIban: 'Company IBAN (%IBAN)',
  lateInterestHeading: 'Late-payment interest and indemnity',
  lateInterestOn: 'Charge late-payment interest and indemnity (D.Lgs. 231/2002)',
  lateInterestHint:
    'From the day after the due date, on the amount still open; never for consumers nor for items not in euros. In the texts: %Interessi, %Indennita, %TotaleDovuto.',
  ratesLabel: 'Yearly rates',
  ratesHint: 'Each rate applies from its date until the next one (e.g. the half-year’s ECB rate + 8 points).',
  noRates: 'No rate: no interest, only the indemnity.',
  rateFrom: (row) => `From (rate ${row})`,
  ratePercent: (row) => `% a year (rate ${row})`,
  addRate: 'Add rate',
  removeRate: (row) => `Remove rate ${row}`,
  rateFromInvalid: 'Enter a valid date.',
  rateFromRepeated: 'Another rate starts on the same day: each rate has its own date.',
  percentNotNumber: 'Type a percentage, for example 10.15.',
  percentNegative: 'The percentage cannot be negative.',
  percentDecimals: 'At most two decimals, for example 10.15.',
  flatIndemnity: 'Flat indemnity per document',
  flatIndemnityHint: '€40 between businesses; 0 not to charge it.',
  indemnityNegative: 'The indemnity cannot be negative: type 0 or more.',
  indemnityNotAmount: 'Type an amount, for example 40 or 40.00.',
  usersHeading: 'Users',
  enabledUsers: 'Users enabled for reminders',
  administrators: 'Setup administrators',
  onePerLine: 'One address per line.',
  notAddresses: (entries) =>
    `${entries.length === 1 ? 'Not an e-mail address' : 'Not e-mail addresses'}: ${entries.map((entry) => `“${entry}”`).join(', ')}.`,

  levelsHeading: 'Levels',
  levelsHint: 'Levels are ordered by days from the due date (negative: before the due date).',
  levelName: 'Name',
  levelNameRequired: 'Give the level a name: it is what users see.',
  levelKind: 'Kind',
  kindName: (kind) =>
    ({ promemoria: 'Friendly reminder', estratto_conto: 'Statement', sollecito: 'Dunning letter' })[kind] ??
    kind,
  levelDays: 'Days from the due date',
  levelDaysHint: (days) =>
    days < 0
      ? `${-days} days before the due date`
      : days === 0
        ? 'on the due date'
        : `${days} days after the due date`,
  recurEveryDays: 'Repeat every (days)',
  recurMaxCount: 'Repeat at most',
  recurOnlyLast: (lastName) =>
    `Only the last level (the one with the most days) can repeat: now it is “${lastName}”.`,
  recurMaxNeedsEvery: 'First say every how many days to repeat.',
  addLevel: 'Add level',
  removeLevel: (name) => `Remove ${name}`,
  lastLevelBadge: 'last level',
  newLevelName: 'New level',
  cannotRemoveLast: 'At least one level is needed.',

  textsHeading: 'Texts',
  textLevel: 'Level',
  textLanguage: 'Language',
  languageName: (code) => ({ it: 'Italian', en: 'English' })[code] ?? code,
  format: 'Format',
  formatText: 'Plain text',
  formatHtml: 'HTML',
  subject: 'Subject',
  body: 'Body',
  insertPlaceholder: 'Insert',
  placeholderHint: (name) =>
    ({
      Partita: 'the items (a table in the HTML e-mail)',
      Importo: 'the total',
      Interessi: 'the late-payment interest, on the amount still open',
      Indennita: 'the flat recovery indemnity, one per invoice',
      TotaleDovuto: 'the total with interest and indemnity',
      Cliente: 'the customer name',
      Agente: 'the agent name',
      Oggi: 'today’s date',
      IBAN: 'the company IBAN',
    })[name] ?? name,
  unknownPlaceholders: (names) => `Unknown placeholders (left as typed): ${names}`,
  htmlRemoved: (items) => `Not allowed in e-mails, removed on saving and sending: ${items}.`,
  htmlRemoval: (removal) => {
    switch (removal.kind) {
      case 'element':
        return `<${removal.element}>`;
      case 'attribute':
        return `${removal.attribute} attribute of <${removal.element}>`;
      case 'link':
        return `<${removal.element}> link not starting with http://, https:// or mailto:`;
      case 'comment':
        return 'comments';
    }
  },
  noTextForLanguage: 'No text in this language: the default language’s is used.',
  previewHeading: 'Preview',
  previewOn: (customer) => `On real data: ${customer}`,
  previewNoSample: 'No reminder today to preview on.',
  previewInvalid: 'The preview comes back when the setup is valid.',

  connectionHeading: 'Connection',
  connectionHint: (location) =>
    location === 'roaming'
      ? 'Your own values, saved in your mailbox: they apply in every Outlook you use.'
      : location === 'local'
        ? 'Your own values, saved in this browser.'
        : 'This browser cannot save values: they last until it is closed.',
  source: (source) => ({ user: 'your value', build: 'from the deployment', default: 'default' })[source],
  secretSet: '(set: type to change it)',
  lockedSetting: 'Set by whoever deployed the add-in: ask the administrator to change it.',
  staticKeyWarning:
    'The ERP is called with a fixed key: anyone who knows it can read the reminder data. Prefer Entra ID sign-in (ERP_SCOPE).',
  testConnection: 'Test the connection',
  testing: 'Testing…',
  testRefused: (reason) => `Test not run, nothing was sent: ${reason}`,
  erpOk: 'ERP: connection works.',
  erpFailed: (sentence) => `ERP: ${sentence}`,
  graphOk: (account) => `Mailbox: connection works${account !== undefined ? ` (${account})` : ''}.`,
  graphFailed: (detail) => `Mailbox: connection failed (${detail}).`,
  saveConnection: 'Save and reopen',
};

/** The settings view's sentences for a UI language. */
export function settingsMessagesFor(language: UiLanguage): SettingsMessages {
  return language === 'it' ? settingsIt : settingsEn;
}
