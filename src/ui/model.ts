/**
 * What the pane shows, as plain data: the wiring layer (src/taskpane) builds it from the cache, the
 * engine and the adapters; the components only lay it out. Rows are flat and small on purpose: the
 * list may hold tens of thousands of them, and they cross from the planning worker by structured clone.
 */
import type { AgingBucket } from '../domain/aging';
import type { CalendarDate } from '../domain/calendar';
import type { ErpErrorReason } from '../domain/erp-error-reason';
import type { MayActRefusal } from '../domain/enabled-user';
import type { Cents, CurrencyCode } from '../domain/money';
import type { Setup, SetupProblem } from '../domain/setup';
import type { SetupDraft } from '../domain/setup-draft';
import type { Communication } from '../domain/plan-reminders';
import type { Agent, Customer, LedgerState, SkipReason } from '../domain/types';
import type { SettingKey } from '../config/settings';
import type { FilterState } from './filters';

/** One communication planned for today: one row of the list. */
export interface ReminderRow {
  /** The communication key (SHA-256 of level and (item, cycle) pairs): stable across reloads and machines. */
  readonly key: string;
  readonly customerId: string;
  readonly customerName: string;
  readonly levelId: string;
  readonly levelName: string;
  readonly levelKind: string;
  /** Position of the level in the days order (0 = first level). */
  readonly levelRank: number;
  /** Highest cycle among the items (0 = first send of the level). */
  readonly cycle: number;
  readonly currency: CurrencyCode;
  readonly total: Cents;
  readonly itemCount: number;
  /** Days past the oldest due date (negative: not yet due). */
  readonly overdueDays: number;
  /**
   * For the filters, packed as strings (a row crosses from the worker by structured clone, and 100 000
   * items make tens of thousands of rows: strings clone far faster than arrays of strings).
   * `dueDates`: each item's due date, `YYYY-MM-DD` back to back (10 characters each), in line order.
   */
  readonly dueDates: string;
  /** The customer name and the document numbers, normalised for search (`normaliseForSearch`), one a line. */
  readonly search: string;
  /** Agents of the items (item's own, else the customer's), each once, one a line. */
  readonly agentIds: string;
  /** PDFs that go with the e-mail (0 when the setup does not attach them). */
  readonly attachmentCount: number;
  /** Held by another user's claim on one of its items: who, and since when (ISO instant). */
  readonly claimedBy?: { readonly owner: string; readonly since: string };
}

/** One item that would be due but cannot be reminded. */
export interface SkippedRow {
  readonly itemId: string;
  readonly reason: SkipReason;
  readonly customerName: string;
  readonly documentNumber?: string;
  readonly dueDate?: CalendarDate;
  readonly residual?: Cents;
  readonly currency?: CurrencyCode;
}

/** An open claim held by someone (the ERP's claims table): items being drafted or sent elsewhere. */
/**
 * What "check the mailbox" found: `sent` (now confirmed at the ERP), `released` (it had not gone out),
 * `settled` (nothing was left to resolve), `busy` (the outbox is at work: it resolves the job itself).
 */
export type ClaimCheck = 'sent' | 'released' | 'settled' | 'busy';

export interface ClaimRow {
  readonly key: string;
  readonly owner: string;
  /** ISO instant. */
  readonly since: string;
  readonly levelName: string;
  readonly mine: boolean;
  /**
   * Mine, and a job of this pane's outbox for it is unresolved (its send may have gone out): it must not
   * be released blindly — "check the mailbox" (`PaneActions.checkClaim`) resolves it by looking.
   */
  readonly unresolvedHere: boolean;
  readonly items: readonly {
    readonly itemId: string;
    readonly customerName?: string;
    readonly documentNumber?: string;
  }[];
}

export interface AgingSeries {
  readonly currency: CurrencyCode;
  readonly buckets: readonly {
    readonly bucket: AgingBucket;
    readonly count: number;
    readonly amount: Cents;
  }[];
}

export interface AgentOption {
  readonly id: string;
  readonly name: string;
}

export interface CustomerOption {
  readonly id: string;
  readonly name: string;
}

/** One communication with what rendering its e-mail needs (the preview, and the settings' live preview). */
export interface CommunicationDetail {
  readonly key: string;
  readonly communication: Communication;
  readonly customer: Customer;
  readonly agents: readonly Agent[];
  readonly setup: Setup;
  readonly today: CalendarDate;
}

/** Today's plan, ready to show. */
export interface PlanSnapshot {
  readonly today: CalendarDate;
  readonly setup: Setup;
  readonly rows: readonly ReminderRow[];
  /** How many items are left out; the list itself loads when the clerk opens it (`PaneActions.loadSkipped`). */
  readonly skippedCount: number;
  readonly claims: readonly ClaimRow[];
  readonly aging: readonly AgingSeries[];
  readonly agents: readonly AgentOption[];
  readonly openItemCount: number;
  /** How long reading the cache and planning took, in ms (shown to developers, kept for the benchmark). */
  readonly planMs: number;
}

/** What the home view knows about today's plan. */
export type PlanView =
  | { readonly kind: 'loading' }
  /** Never synced: nothing in the cache yet. */
  | { readonly kind: 'empty' }
  | { readonly kind: 'invalid_setup'; readonly problems: readonly SetupProblem[] }
  | { readonly kind: 'failed'; readonly detail: string }
  | {
      readonly kind: 'planned';
      readonly snapshot: PlanSnapshot;
      /** A fresher plan is being computed. */ readonly replanning: boolean;
    };

export type SyncStep = 'setup' | 'agents' | 'customers' | 'open-items' | 'reminder-log';

/** Why the last sync failed: an ERP reason code, or something else the UI reports generically. */
export type SyncFailure = ErpErrorReason | 'unknown';

export interface SyncView {
  readonly phase: 'idle' | 'syncing' | 'failed';
  /** Epoch ms of the last completed sync (from the cache when the pane opens). */
  readonly lastSyncAt?: number;
  readonly step?: SyncStep;
  readonly done?: number;
  readonly total?: number;
  readonly failure?: SyncFailure;
  /** Technical detail of the failure, for support (never a token). */
  readonly detail?: string;
  /** Records the last sync refused as malformed. */
  readonly quarantined?: number;
}

export type BatchMode = 'draft' | 'send' | 'handled';

export interface BatchFailure {
  readonly key: string;
  readonly customerName: string;
  /** A reason code from the mail side; the UI has sentences for the known ones. */
  readonly reason: string;
  readonly detail?: string;
}

/** A batch's jobs by how they ended (see src/mail/job-outcome.ts). */
export interface BatchCounts {
  readonly sent: number;
  readonly drafted: number;
  readonly handled: number;
  readonly failed: number;
  readonly cancelled: number;
  readonly attention: number;
}

/** The running (or last) batch, as the outbox reports it. */
export interface BatchView {
  readonly batchId: string;
  readonly mode: BatchMode;
  readonly state: 'running' | 'paused' | 'done' | 'cancelled';
  readonly total: number;
  /** How its jobs really ended (their recorded states), one count per ending. */
  readonly counts: BatchCounts;
  /** Jobs with something left to do (not counting sends awaiting confirmation: those need attention). */
  readonly remaining: number;
  /** Estimated ms left at the mailbox's send pace; absent when unknown (nothing paced, or unreachable). */
  readonly etaMs?: number;
  /** Set while the run waits for Microsoft 365, which does not answer: no estimate can be given. */
  readonly unreachable?: boolean;
  readonly failures: readonly BatchFailure[];
  /** Unusual endings someone must look at (sent but not recorded by the ERP, send not confirmed…). */
  readonly attention: readonly BatchFailure[];
  /** Why the work stopped before the end (the mail side's stop reason and its sentence), while jobs remain. */
  readonly stop?: { readonly reason: string; readonly message: string };
  /** Drafts created (message ids by communication key), to open them in Outlook. */
  readonly drafts: readonly {
    readonly key: string;
    readonly messageId: string;
    readonly customerName: string;
  }[];
}

/** What a batch would do, for the confirmation. */
export interface BatchSummary {
  readonly mode: BatchMode;
  readonly keys: readonly string[];
  readonly emails: number;
  readonly customers: number;
  readonly attachments: number;
  /** The amount reminded, one total per currency (by currency code). */
  readonly totals: readonly { readonly currency: CurrencyCode; readonly amount: Cents }[];
}

/** One communication of the ledger: what was sent, drafted or marked. */
export interface HistoryRow {
  readonly key: string;
  /** ISO instant. */
  readonly at: string;
  readonly sentOn: CalendarDate;
  readonly user: string;
  readonly levelName: string;
  readonly customerName: string;
  readonly itemCount: number;
  readonly documentNumbers: readonly string[];
  /** What the items still owe today (the ledger keeps no amounts); absent when all were paid since. */
  readonly openNow?: Cents;
  readonly currency?: CurrencyCode;
  readonly to: readonly string[];
  readonly cc: readonly string[];
  readonly state: LedgerState;
  readonly messageId?: string;
}

/** Who is signed in and what they may do. */
export interface SessionView {
  /** The signed-in mailbox (primary address, else UPN). */
  readonly user: string;
  /** Null when the user may draft, send and mark; else why not. */
  readonly refusal: MayActRefusal | null;
  readonly isAdministrator: boolean;
  /** Dev identity in use (development builds): the header says so. */
  readonly devIdentity: boolean;
  readonly inOutlook: boolean;
}

/** Whether the mail side can run batches here. */
export type MailAvailability =
  | { readonly available: true }
  | {
      readonly available: false;
      readonly reason: 'not_ready' | 'not_enabled' | 'failed';
      readonly detail?: string;
    };

/** An attachment of the previewed e-mail: its size once the ERP has answered, or that the PDF is missing. */
export interface AttachmentInfo {
  readonly documentId: string;
  readonly fileName: string;
  readonly size?: number;
  readonly missing?: boolean;
}

/** The reminder setup as the ERP stores it (`SetupDraft`), with its ETag: what the settings editor edits. */
export interface SetupDocument {
  readonly setup: SetupDraft;
  readonly etag: string;
}

export type SaveSetupResult =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly reason: 'conflict' | 'forbidden' | 'invalid' | 'failed';
      readonly detail?: string;
    };

/** One connection setting as the settings screen shows it. */
export interface ConnectionSetting {
  readonly key: SettingKey;
  readonly value: string;
  readonly source: 'user' | 'build' | 'default';
  readonly secret: boolean;
  /** Set by the deployment (a production build's ERP, Graph, key and identity): shown, not editable. */
  readonly locked: boolean;
}

export interface ConnectionView {
  readonly settings: readonly ConnectionSetting[];
  /** Problems with the settings in force, each naming the setting. */
  readonly problems: readonly { readonly setting: SettingKey; readonly message: string }[];
  /** Where the user's values are kept: the mailbox (roaming), this browser, or nowhere. */
  readonly location: 'roaming' | 'local' | 'memory';
  readonly staticKeyInUse: boolean;
}

export interface ConnectionTestResult {
  /** Set when nothing was sent: a typed URL is refused or outside what the build may call (why, naming it). */
  readonly refused?: string;
  readonly erp:
    { readonly ok: true } | { readonly ok: false; readonly failure: SyncFailure; readonly detail: string };
  readonly graph:
    { readonly ok: true; readonly account?: string } | { readonly ok: false; readonly detail: string };
}

/** Everything the pane shows, in one value (the wiring layer replaces it as things change). */
export interface PaneState {
  readonly session: SessionView;
  readonly plan: PlanView;
  readonly sync: SyncView;
  readonly filters: FilterState;
  /** Communications left out of today's run (keys); forgotten the next day. */
  readonly excluded: ReadonlySet<string>;
  readonly batch?: BatchView;
  readonly mail: MailAvailability;
}

/** What the components may ask for. No component does IO itself: it calls these. */
export interface PaneActions {
  refresh(): void;
  setFilters(filters: FilterState): void;
  setExcluded(key: string, excluded: boolean): void;
  loadDetail(key: string): Promise<CommunicationDetail | undefined>;
  /** The items left out of today's plan, with their reasons. */
  loadSkipped(): Promise<readonly SkippedRow[]>;
  loadAttachments(key: string): Promise<readonly AttachmentInfo[]>;
  startBatch(mode: BatchMode, keys: readonly string[]): Promise<void>;
  /** Sends one communication to the signed-in user only; not recorded. */
  testSend(key: string): Promise<void>;
  cancelBatch(): Promise<void>;
  /** Works on a paused batch again (after a stop: network back, signed in again). */
  resumeBatch(): Promise<void>;
  retryFailed(): Promise<void>;
  dismissBatch(): void;
  /** Opens a created draft in Outlook's own window (inside Outlook only). */
  openMessage(messageId: string): Promise<void>;
  /** Refused while this pane's outbox holds an unresolved job for the key (see `checkClaim`). */
  releaseClaim(key: string): Promise<void>;
  /** Resolves a claim of mine by looking in the mailbox: sent → confirmed; not sent → released. */
  checkClaim(key: string): Promise<ClaimCheck>;
  loadHistory(): Promise<readonly HistoryRow[]>;
  loadSetup(): Promise<SetupDocument | undefined>;
  saveSetup(document: SetupDocument): Promise<SaveSetupResult>;
  /** A real communication to preview a level's texts on. */
  loadSample(levelId: string): Promise<CommunicationDetail | undefined>;
  loadConnection(): ConnectionView;
  testConnection(values: Readonly<Partial<Record<SettingKey, string>>>): Promise<ConnectionTestResult>;
  /** Saves the user's connection values; the pane reloads to apply them. */
  saveConnection(values: Readonly<Partial<Record<SettingKey, string>>>): Promise<void>;
}
