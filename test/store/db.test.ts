/** The Dexie schema through fake-indexeddb: one database per mailbox, every table, and the migration path. */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { databaseNameFor, openDatabase, SollecitiDatabase } from '../../src/store/db';

const fresh = () => ({ indexedDB: new IDBFactory(), IDBKeyRange });

test('one database per mailbox, case and spaces ignored', () => {
  expect(databaseNameFor(' Marta.Rossi@Solleciti.example ')).toBe('solleciti:marta.rossi@solleciti.example');
  expect(() => openDatabase('  ')).toThrow('mailbox');
});

test('every table of DESIGN §6 exists with its keys', async () => {
  const db = openDatabase('marta@example.it', fresh());
  await db.open();
  expect(db.tables.map((t) => t.name).sort()).toEqual(['agents', 'claims', 'customers', 'items', 'ledger', 'outbox', 'quarantine', 'setup', 'syncState']);
  expect(db.ledger.schema.primKey.keyPath).toEqual(['key', 'itemId']);
  await db.ledger.put({ key: 'k', itemId: 'I1', levelId: 'L1', cycle: 0, sentOn: '2026-03-01', state: 'drafted', at: '2026-03-01T08:00:00Z', user: 'marta@example.it', to: [], cc: [] });
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

test('the migration path: a later version upgrades version-1 data in place', async () => {
  const options = fresh();
  const v1 = openDatabase('marta@example.it', options);
  await v1.customers.put({ id: 'C1', name: 'Rossi Srl', emails: ['a@rossi.it'] });
  v1.close();

  // What a future schema change looks like: a new version with an index and an upgrade that fills it.
  class Version2 extends SollecitiDatabase {
    constructor() {
      super(databaseNameFor('marta@example.it'), options);
      this.version(2)
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
  const v2 = new Version2();
  expect(await v2.table('customers').where('nameLower').equals('rossi srl').count()).toBe(1);
  expect(v2.verno).toBe(2);
  v2.close();
});
