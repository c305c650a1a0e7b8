/** The demo ERP's database: numbered migrations recorded once, a file in WAL mode that keeps its data. */
import { mkdtempSync, rmSync } from 'node:fs';
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
    expect(store.db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all()).toEqual(MIGRATIONS.map((m) => m.version));
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    // Applying again does nothing.
    expect(migrate(store.db)).toEqual([]);
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
    expect(await listAll(empty, 'customers')).toMatchObject({ data: [], pages: [{ total: 0, nextCursor: null }] });
  } finally {
    await empty.close();
  }
});
