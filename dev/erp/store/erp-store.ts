/**
 * The demo ERP's data: one SQLite database, opened and migrated, and the three stores over it (the books,
 * the setup, the reminder claims and log) sharing one change sequence.
 */
import type { Database } from 'better-sqlite3';
import { reminderSetupSchema } from '../../../src/erp/wire';
import type { SeedData } from '../seed/types';
import { CatalogStore } from './catalog-store';
import { ChangeSequence } from './change-sequence';
import { openDatabase } from './database';
import { ReminderStore } from './reminder-store';
import { SetupStore } from './setup-store';

export class ErpStore {
  readonly sequence: ChangeSequence;
  readonly catalog: CatalogStore;
  readonly setup: SetupStore;
  readonly reminders: ReminderStore;

  private constructor(readonly db: Database) {
    this.sequence = new ChangeSequence(db);
    this.catalog = new CatalogStore(db, this.sequence);
    this.setup = new SetupStore(db);
    this.reminders = new ReminderStore(db, this.sequence);
  }

  /** Opens (creating and migrating if needed) the database at `file`, or an in-memory one for `:memory:`. */
  static open(file: string): ErpStore {
    return new ErpStore(openDatabase(file));
  }

  /** True when the books hold no customer and no item (a new database, to be seeded). */
  isEmpty(): boolean {
    return this.catalog.isEmpty();
  }

  /**
   * Loads seed data in one transaction: agents, customers, documents, items (open unless their residual
   * is 0, then paid), users and — when given — the setup. Rows with an existing id are replaced and take
   * a new sequence value, so clients see them in their next delta.
   */
  load(data: Partial<SeedData>, now: Date = new Date()): void {
    this.db
      .transaction(() => {
        for (const agent of data.agents ?? []) this.catalog.putAgent(agent);
        for (const customer of data.customers ?? []) this.catalog.putCustomer(customer);
        for (const document of data.documents ?? []) this.catalog.putDocument(document);
        for (const item of data.items ?? []) this.catalog.putItem(item);
        if (data.users !== undefined) this.setup.replaceUsers(data.users);
        // Through the contract's schema, as a PUT would: defaults filled in, a malformed seed refused loudly.
        if (data.setup !== undefined) this.setup.put(reminderSetupSchema.parse(data.setup), now);
      })
      .immediate();
  }

  /**
   * Replaces everything with `data`, in the contract's terms: open items not in it become `deleted`
   * tombstones, every row of it gets a new sequence value, the reminder log is emptied (recorded as
   * removals) and claims are dropped. Sync tokens stay valid, so clients catch up with a delta.
   */
  reset(data: SeedData | undefined, now: Date = new Date()): void {
    const ids = <T extends { id: string }>(records: readonly T[] | undefined) =>
      new Set((records ?? []).map((record) => record.id));
    this.db
      .transaction(() => {
        this.catalog.deleteOpenItemsExcept(ids(data?.items));
        this.catalog.pruneExcept(ids(data?.customers), ids(data?.agents), ids(data?.documents));
        this.reminders.clear();
        this.setup.clear();
        this.setup.replaceUsers([]);
        if (data !== undefined) this.load(data, now);
      })
      .immediate();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
