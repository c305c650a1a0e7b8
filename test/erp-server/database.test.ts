/** The demo ERP's database: numbered migrations recorded once, a file in WAL mode that keeps its data. */
import { mkdtempSync, rmSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ErpStore } from '../../dev/erp/store/erp-store';
import { migrate, MIGRATIONS } from '../../dev/erp/store/migrations';
import { startErpServer } from '../../dev/erp/server';
import { books, call, listAll } from './helpers';

let folder: string;
beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'solleciti-erp-'));
});
afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

test('a new database gets every migration, recorded in schema_migrations, and WAL on a file', () => {
  const store = ErpStore.open(join(folder, 'fresh', 'erp.sqlite'));
  try {
    expect(store.db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all()).toEqual(
      MIGRATIONS.map((m) => m.version),
    );
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    // Applying again does nothing.
    expect(migrate(store.db)).toEqual([]);
  } finally {
    store.close();
  }
});

test('a database from before the holds migrates in place: its rows read with no hold, and take one afterwards', () => {
  const file = join(folder, 'v1.sqlite');
  const v1 = new BetterSqlite3(file);
  migrate(
    v1,
    MIGRATIONS.filter((m) => m.version === 1),
  );
  v1.prepare(
    `INSERT INTO customers (id, name, emails, blocked, seq) VALUES ('C1', 'Rossi Srl', '["a@rossi.example"]', 0, 1)`,
  ).run();
  v1.prepare(
    `INSERT INTO items (id, customer_id, document_id, document_number, document_type, document_date, due_date, installment, amount, residual, currency, disputed, status, seq)
     VALUES ('I1', 'C1', 'D1', 'FT 2026/1', 'invoice', '2026-01-10', '2026-02-28', 1, 10000, 10000, 'EUR', 0, 'open', 2)`,
  ).run();
  v1.prepare('UPDATE change_sequence SET value = 2').run();
  v1.close();

  const store = ErpStore.open(file);
  try {
    expect(store.db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all()).toEqual(
      MIGRATIONS.map((m) => m.version),
    );
    const before = store.catalog.getItem('I1')?.item;
    expect(before).toMatchObject({ id: 'I1', residual: 10000, holdUntil: undefined, holdReason: undefined });
    expect(store.catalog.getCustomer('C1')).toMatchObject({
      id: 'C1',
      holdUntil: undefined,
      consumer: undefined,
    });
    if (before === undefined) throw new Error('I1 lost in the migration');
    store.catalog.putItem({ ...before, holdUntil: '2026-04-10', holdReason: 'promise' });
    expect(store.catalog.getItem('I1')?.item).toMatchObject({
      holdUntil: '2026-04-10',
      holdReason: 'promise',
    });
    // The database refuses a reason the contract does not know, whatever the code above it does.
    expect(() =>
      store.catalog.putItem({ ...before, holdUntil: '2026-04-10', holdReason: 'holiday' as 'pause' }),
    ).toThrow(/CHECK/);
  } finally {
    store.close();
  }
});

test('a file database is seeded once and keeps its data, sequence and tokens across restarts', async () => {
  const file = join(folder, 'kept.sqlite');
  const first = await startErpServer({ db: file, seed: books(4), logError: () => undefined });
  const { syncToken } = await listAll(first, 'open-items');
  first.mutations.pay({ itemId: 'I01' });
  await first.close();

  // Restarted with other seed data: the database is not empty, so it is not seeded again.
  const second = await startErpServer({ db: file, seed: books(9), logError: () => undefined });
  try {
    const delta = await listAll(second, 'open-items', { updatedSince: syncToken });
    expect(delta.tombstones).toEqual([{ id: 'I01', reason: 'paid' }]);
    expect((await listAll(second, 'open-items')).data.map((i) => i.id)).toEqual(['I02', 'I03', 'I04']);
    expect((await call(second, 'GET', '/api/v1/reminder-setup', { as: 'static' })).status).toBe(200);
  } finally {
    await second.close();
  }
});

test('an empty server has no setup yet (404) and empty listings', async () => {
  const empty = await startErpServer({ logError: () => undefined });
  try {
    expect((await call(empty, 'GET', '/api/v1/reminder-setup', { as: 'static' })).status).toBe(404);
    expect(await listAll(empty, 'customers')).toMatchObject({
      data: [],
      pages: [{ total: 0, nextCursor: null }],
    });
  } finally {
    await empty.close();
  }
});
