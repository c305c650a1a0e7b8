/** The Dexie schema through fake-indexeddb: one database per mailbox, every table, and the migration path. */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import Dexie from 'dexie';
import { databaseNameFor, openDatabase, SollecitiDatabase } from '../../src/store/db';
import { readPlanInput } from '../../src/store/plan-input';
import { cents } from '../../src/domain/money';
import type { StoredOpenItem } from '../../src/erp/records';
import { reminderSetupSchema } from '../../src/erp/wire';

const fresh = () => ({ indexedDB: new IDBFactory(), IDBKeyRange });

test('one database per mailbox, case and spaces ignored', () => {
  expect(databaseNameFor(' Marta.Rossi@Solleciti.example ')).toBe('solleciti:marta.rossi@solleciti.example');
  expect(() => openDatabase('  ')).toThrow('mailbox');
});

test('every table of docs/rules.md §4 exists with its keys', async () => {
  const db = openDatabase('marta@example.it', fresh());
  await db.open();
  expect(db.tables.map((t) => t.name).sort()).toEqual([
    'agents',
    'claims',
    'customers',
    'items',
    'ledger',
    'outbox',
    'plannedDay',
    'quarantine',
    'setup',
    'syncState',
  ]);
  expect(db.ledger.schema.primKey.keyPath).toEqual(['key', 'itemId']);
  await db.ledger.put({
    key: 'k',
    itemId: 'I1',
    levelId: 'L1',
    cycle: 0,
    sentOn: '2026-03-01',
    state: 'drafted',
    at: '2026-03-01T08:00:00Z',
    user: 'marta@example.it',
    to: [],
    cc: [],
  });
  expect(await db.ledger.where('itemId').equals('I1').count()).toBe(1);
  db.close();
});

test('data survives closing and reopening, and two mailboxes never share a cache', async () => {
  const options = fresh();
  const marta = openDatabase('marta@example.it', options);
  await marta.agents.put({ id: 'A1', name: 'Mario Bianchi' });
  marta.close();
  const again = openDatabase('MARTA@example.it', options);
  expect(await again.agents.get('A1')).toEqual({ id: 'A1', name: 'Mario Bianchi' });
  const luca = openDatabase('luca@example.it', options);
  expect(await luca.agents.count()).toBe(0);
  again.close();
  luca.close();
});

test('a version-1 cache (before the kept plan) opens as version 2 with its data and the new table', async () => {
  const options = fresh();
  const v1 = new Dexie(databaseNameFor('marta@example.it'), options);
  v1.version(1).stores({
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
  await v1.table('agents').put({ id: 'A1', name: 'Mario Bianchi' });
  v1.close();

  const v2 = openDatabase('marta@example.it', options);
  expect(await v2.agents.get('A1')).toEqual({ id: 'A1', name: 'Mario Bianchi' });
  await v2.plannedDay.put({ id: 'last', format: 1, today: '2026-11-28', head: '{}', rowPieces: [] });
  expect(await v2.plannedDay.count()).toBe(1);
  expect(v2.verno).toBe(2);
  v2.close();
});

test('the migration path: a later version upgrades earlier data in place', async () => {
  const options = fresh();
  const v2 = openDatabase('marta@example.it', options);
  await v2.customers.put({ id: 'C1', name: 'Rossi Srl', emails: ['a@rossi.it'] });
  v2.close();

  // What a future schema change looks like: a new version with an index and an upgrade that fills it.
  class Version3 extends SollecitiDatabase {
    constructor() {
      super(databaseNameFor('marta@example.it'), options);
      this.version(3)
        .stores({ customers: 'id, nameLower' })
        .upgrade((tx) =>
          tx
            .table('customers')
            .toCollection()
            .modify((customer: { name: string; nameLower?: string }) => {
              customer.nameLower = customer.name.toLowerCase();
            }),
        );
    }
  }
  const v3 = new Version3();
  expect(await v3.table('customers').where('nameLower').equals('rossi srl').count()).toBe(1);
  expect(v3.verno).toBe(3);
  v3.close();
});

test('holds and consumers need no schema version: a cache from before reads with no hold, new records keep theirs', async () => {
  const options = fresh();
  // What the previous release wrote: records without the version-2 rule fields.
  const before = openDatabase('marta@example.it', options);
  const item: StoredOpenItem = {
    id: 'I1',
    customerId: 'C1',
    documentId: 'D1',
    documentNumber: 'FT 2026/1',
    documentType: 'invoice',
    documentDate: '2026-01-10',
    dueDate: '2026-02-28',
    installment: 1,
    amount: cents(10000),
    residual: cents(10000),
    currency: 'EUR',
    disputed: false,
  };
  await before.items.put(item);
  await before.customers.put({ id: 'C1', name: 'Rossi Srl', emails: ['a@rossi.it'], blocked: false });
  await before.setup.put({
    id: 'current',
    setup: reminderSetupSchema.parse({
      levels: [{ id: 'L1', name: 'Sollecito', kind: 'sollecito', days: 15 }],
    }),
    etag: '"x"',
    fetchedAt: 0,
  });
  before.close();

  const db = openDatabase('marta@example.it', options);
  const old = await readPlanInput(db);
  if (old.kind !== 'ready') throw new Error(old.kind);
  expect(db.verno).toBe(2);
  expect(old.books.items).toEqual([item]);
  expect(old.books.items[0]?.holdUntil).toBeUndefined();
  expect(old.books.customers[0]?.holdUntil).toBeUndefined();
  expect(old.books.customers[0]?.consumer).toBeUndefined();
  expect(old.setup.onePerCustomer).toBe(false);

  await db.items.put({ ...item, id: 'I2', holdUntil: '2026-04-10', holdReason: 'promise' });
  await db.customers.put({
    id: 'C2',
    name: 'Rossi Mario',
    emails: [],
    holdUntil: '2026-05-31',
    consumer: true,
  });
  const now = await readPlanInput(db);
  if (now.kind !== 'ready') throw new Error(now.kind);
  expect(now.books.items.find((i) => i.id === 'I2')).toMatchObject({
    holdUntil: '2026-04-10',
    holdReason: 'promise',
  });
  expect(now.books.customers.find((c) => c.id === 'C2')).toMatchObject({
    holdUntil: '2026-05-31',
    consumer: true,
  });
  db.close();
});
