/**
 * The product's IndexedDB database (docs/rules.md §4), one per signed-in mailbox. Every table of every module is
 * declared here and only here, with its schema versions; other modules use the tables.
 *
 * The cache makes the pane useful at once and offline. The ERP and the mailbox remain the sources of
 * truth: an emptied cache is rebuilt from them without re-sending anything.
 */
import Dexie, { type DexieOptions, type Table } from 'dexie';
import type { ItemCycle } from '../domain/communication-key';
import type { Agent, LedgerState } from '../domain/types';
import type { ErpResource, QuarantinedRecord, StoredCustomer, StoredOpenItem } from '../erp/records';
import type { ClaimWire, ReminderSetupWire } from '../erp/wire';

/** One item of one sent, drafted or handled communication (the ERP's log, merged). */
export interface LedgerRecord {
  readonly key: string;
  readonly itemId: string;
  readonly levelId: string;
  readonly cycle: number;
  readonly sentOn: string;
  readonly state: LedgerState;
  /** ISO instant. */
  readonly at: string;
  readonly user: string;
  readonly messageId?: string;
  readonly to: readonly string[];
  readonly cc: readonly string[];
}

export interface SetupRecord {
  readonly id: 'current';
  readonly setup: ReminderSetupWire;
  readonly etag: string;
  /** Epoch ms. */
  readonly fetchedAt: number;
}

/** `sending`: the send request may have gone out (recorded before it is made); see src/mail/README.md. */
export type OutboxState =
  'queued' | 'claimed' | 'drafted' | 'attached' | 'sending' | 'sent' | 'handled' | 'failed' | 'cancelled';

/** One communication on its way out (docs/rules.md §3); the mail side owns the transitions. */
export interface OutboxJob {
  /** The communication key. */
  readonly key: string;
  readonly batchId: string;
  readonly mode: 'draft' | 'send' | 'handled';
  readonly state: OutboxState;
  readonly levelId: string;
  readonly customerId: string;
  readonly items: readonly ItemCycle[];
  readonly messageId?: string;
  /** A reason code the pane turns into a sentence. */
  readonly failure?: string;
  /** Beside the code, a sentence the clerk can read (e.g. "PDF FT 2026/118 missing in the ERP archive"). */
  readonly detail?: string;
  /** The recipients of the message as created (what the ERP's log records). */
  readonly to?: readonly string[];
  readonly cc?: readonly string[];
  /** Epoch ms the message was sent, drafted or marked handled. */
  readonly doneAt?: number;
  /** Nothing left to do: the ERP has the outcome (confirmed, or the claim released) and the mailbox is tidy. */
  readonly settled?: boolean;
  readonly attempts: number;
  /** Epoch ms. */
  readonly createdAt: number;
  readonly updatedAt: number;
}

export type SyncResource = ErpResource | 'reminder-log';

/** Where each listing's sync stands. A `cursor` means a run was interrupted and resumes there. */
export interface SyncStateRecord {
  readonly resource: SyncResource;
  /** The ERP's token for the next delta (`updatedSince`); absent until a full load completed. */
  readonly token?: string;
  /** An unfinished run: its next page, and whether it is a full load (the table was cleared first). */
  readonly cursor?: string;
  readonly runSince?: string;
  readonly runIsFull?: boolean;
  /** Epoch ms of the last completed run. */
  readonly syncedAt?: number;
}

export interface QuarantineRecord extends QuarantinedRecord {
  readonly seq?: number;
  /** Epoch ms. */
  readonly seenAt: number;
}

/**
 * The last plan the pane computed, as JSON text (see src/taskpane/plan-cache.ts): the next opening shows it
 * at once when it is for the same day and the same format, while the fresh plan is computed.
 */
export interface PlannedDayRecord {
  readonly id: 'last';
  readonly format: number;
  readonly today: string;
  readonly head: string;
  readonly rowPieces: readonly string[];
}

export class SollecitiDatabase extends Dexie {
  items!: Table<StoredOpenItem, string>;
  customers!: Table<StoredCustomer, string>;
  agents!: Table<Agent, string>;
  setup!: Table<SetupRecord, 'current'>;
  ledger!: Table<LedgerRecord, [string, string]>;
  claims!: Table<ClaimWire, string>;
  outbox!: Table<OutboxJob, string>;
  syncState!: Table<SyncStateRecord, SyncResource>;
  quarantine!: Table<QuarantineRecord, number>;
  plannedDay!: Table<PlannedDayRecord, 'last'>;

  constructor(name: string, options?: DexieOptions) {
    super(name, options);
    // Version 1. A later version adds `.version(2).stores({...}).upgrade(tx => ...)` below, never edits this.
    this.version(1).stores({
      items: 'id, customerId, dueDate',
      customers: 'id',
      agents: 'id',
      setup: 'id',
      ledger: '[key+itemId], itemId, key, sentOn',
      claims: 'key, owner',
      outbox: 'key, batchId, state',
      syncState: 'resource',
      quarantine: '++seq, resource, recordId',
    });
    // Version 2: the last plan, kept for the next opening. A new table: nothing to migrate.
    this.version(2).stores({ plannedDay: 'id' });
    // New fields on stored records need no version (Dexie stores whole objects; only a new index would):
    // the rules' version 2 holds and consumer flag are such fields, and a record cached before them reads
    // as having none — no hold, not a consumer (docs/rules.md §2.6).
  }
}

/** The database name for a mailbox: one cache per signed-in user, case ignored. */
export const databaseNameFor = (mailbox: string): string => `solleciti:${mailbox.trim().toLowerCase()}`;

/** Opens (creating or migrating) the database of `mailbox`. `options` lets tests pass fake-indexeddb. */
export function openDatabase(mailbox: string, options?: DexieOptions): SollecitiDatabase {
  if (mailbox.trim() === '') throw new Error('A mailbox is needed to open its cache');
  return new SollecitiDatabase(databaseNameFor(mailbox), options);
}
