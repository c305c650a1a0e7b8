/**
 * The demo ERP's schema, as numbered migrations applied in order and recorded in `schema_migrations`.
 * Never edit a migration that has shipped: add the next number.
 *
 * Every row that the contract serves carries `seq`, the value of the global change sequence when it was
 * last inserted or changed (see change-sequence.ts); listings and deltas are ranges of it.
 */
import { randomBytes } from 'node:crypto';
import type { Database } from 'better-sqlite3';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly up: (db: Database) => void;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'contract tables, change sequence, reminder claims and log',
    up: (db) => {
      db.exec(`
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
        CREATE TABLE change_sequence (id INTEGER PRIMARY KEY CHECK (id = 1), value INTEGER NOT NULL) STRICT;
        INSERT INTO change_sequence (id, value) VALUES (1, 0);

        CREATE TABLE agents (
          id TEXT PRIMARY KEY,
          name TEXT NOT NULL,
          email TEXT,
          seq INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX agents_seq ON agents (seq, id);

        CREATE TABLE customers (
          id TEXT PRIMARY KEY,
          name TEXT NOT NULL,
          vat_number TEXT,
          emails TEXT NOT NULL,          -- JSON array, the ERP's order
          pec TEXT,
          language TEXT,
          agent_id TEXT,
          blocked INTEGER NOT NULL,
          seq INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX customers_seq ON customers (seq, id);

        CREATE TABLE documents (
          id TEXT PRIMARY KEY,
          number TEXT NOT NULL,
          type TEXT NOT NULL CHECK (type IN ('invoice', 'credit_note')),
          date TEXT NOT NULL,
          customer_id TEXT NOT NULL,
          currency TEXT NOT NULL,
          lines TEXT NOT NULL,           -- JSON array of { description, quantity, unitPrice, vatRate }
          total INTEGER NOT NULL,
          pad_pdf_to_bytes INTEGER
        ) STRICT;

        CREATE TABLE document_pdfs (
          document_id TEXT PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
          pdf BLOB NOT NULL
        ) STRICT;

        -- Installments. An item keeps its id for its whole life; closing or deleting it only changes status.
        CREATE TABLE items (
          id TEXT PRIMARY KEY,
          customer_id TEXT NOT NULL,
          document_id TEXT NOT NULL,
          document_number TEXT NOT NULL,
          document_type TEXT NOT NULL CHECK (document_type IN ('invoice', 'credit_note')),
          document_date TEXT NOT NULL,
          due_date TEXT NOT NULL,
          installment INTEGER NOT NULL,
          amount INTEGER NOT NULL,
          residual INTEGER NOT NULL,
          currency TEXT NOT NULL,
          payment_method TEXT,
          agent_id TEXT,
          disputed INTEGER NOT NULL,
          status TEXT NOT NULL CHECK (status IN ('open', 'paid', 'closed', 'deleted')),
          seq INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX items_seq ON items (seq, id);
        CREATE INDEX items_open_seq ON items (seq, id) WHERE status = 'open';
        CREATE INDEX items_document ON items (document_id);

        CREATE TABLE reminder_setup (
          id INTEGER PRIMARY KEY CHECK (id = 1),
          json TEXT NOT NULL,
          etag TEXT NOT NULL,
          updated_at TEXT NOT NULL
        ) STRICT;

        CREATE TABLE users (
          email TEXT PRIMARY KEY,        -- lower-case
          name TEXT NOT NULL,
          role TEXT NOT NULL
        ) STRICT;

        -- One row per communication key. 'open' while claimed, 'confirmed' once it became log entries.
        CREATE TABLE reminder_claims (
          key TEXT PRIMARY KEY,
          level_id TEXT NOT NULL,
          owner TEXT NOT NULL,
          claimed_at TEXT NOT NULL,
          status TEXT NOT NULL CHECK (status IN ('open', 'confirmed'))
        ) STRICT;

        -- Every (item, level, cycle) triple held by a key: claimed, or logged as sent/drafted/handled.
        -- The unique index is what makes a triple impossible to hold twice, whatever the code above it does.
        CREATE TABLE reminder_triples (
          item_id TEXT NOT NULL,
          level_id TEXT NOT NULL,
          cycle INTEGER NOT NULL,
          key TEXT NOT NULL REFERENCES reminder_claims (key) ON DELETE CASCADE,
          state TEXT NOT NULL CHECK (state IN ('claimed', 'sent', 'drafted', 'handled')),
          sent_on TEXT,
          at TEXT,
          user TEXT NOT NULL,
          message_id TEXT,
          to_addresses TEXT,             -- JSON arrays
          cc_addresses TEXT,
          seq INTEGER NOT NULL
        ) STRICT;
        CREATE UNIQUE INDEX reminder_triples_triple ON reminder_triples (item_id, level_id, cycle);
        CREATE INDEX reminder_triples_key ON reminder_triples (key);
        CREATE INDEX reminder_triples_seq ON reminder_triples (seq) WHERE state <> 'claimed';

        -- Log entries removed (drafts deleted from the mailbox), so other clients' deltas drop them too.
        CREATE TABLE reminder_log_removals (
          key TEXT NOT NULL,
          item_id TEXT NOT NULL,
          seq INTEGER NOT NULL,
          PRIMARY KEY (key, item_id)
        ) STRICT;
        CREATE INDEX reminder_log_removals_seq ON reminder_log_removals (seq);
      `);
      // Sync tokens carry this id, so a token from another database (recreated file, other server) is
      // recognised and refused instead of silently skipping changes.
      db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run(
        'database_id',
        randomBytes(4).toString('hex'),
      );
    },
  },
  {
    version: 2,
    name: 'holds on customers and items, consumer customers (rules version 2)',
    up: (db) => {
      // Nullable, no default: rows from before have no hold and are not known to be consumers.
      db.exec(`
        ALTER TABLE customers ADD COLUMN hold_until TEXT;
        ALTER TABLE customers ADD COLUMN consumer INTEGER CHECK (consumer IN (0, 1));
        ALTER TABLE items ADD COLUMN hold_until TEXT;
        ALTER TABLE items ADD COLUMN hold_reason TEXT CHECK (hold_reason IN ('promise', 'pause'));
      `);
    },
  },
];

/** Applies every migration not yet recorded, each in its own transaction. Returns the versions applied. */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL
  ) STRICT`);
  const applied = new Set(
    db
      .prepare('SELECT version FROM schema_migrations')
      .pluck()
      .all()
      .map((value) => Number(value)),
  );
  const done: number[] = [];
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (applied.has(migration.version)) continue;
    db.transaction(() => {
      migration.up(db);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        migration.version,
        migration.name,
        new Date().toISOString(),
      );
    }).immediate();
    done.push(migration.version);
  }
  return done;
}
