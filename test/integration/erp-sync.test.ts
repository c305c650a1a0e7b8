/**
 * The ERP client and the Dexie sync against the real demo ERP over HTTP (fake-indexeddb for IndexedDB):
 * a full load, deltas with tombstones, randomized mutation rounds with interrupted syncs, quarantine of
 * records the contract forbids, and a database the ERP no longer recognises.
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { startErpServer, type RunningErpServer } from '../../dev/erp/server';
import { generateSeed } from '../../dev/erp/seed/generate';
import { mulberry32 } from '../../dev/erp/seed/random';
import { devIdentityProvider } from '../../src/auth/token-provider';
import { MAX_ITEM_AMOUNT } from '../../src/domain/money';
import { planReminders } from '../../src/domain/plan-reminders';
import { ErpClient } from '../../src/erp/client';
import type { ErpResource } from '../../src/erp/records';
import { openDatabase, type SollecitiDatabase } from '../../src/store/db';
import { readPlanInput } from '../../src/store/plan-input';
import { syncAll, syncResource } from '../../src/store/sync';

const TODAY = '2026-11-28';
const MARTA = 'marta.rossi@solleciti.example';
let erp: RunningErpServer;

beforeAll(async () => {
  erp = await startErpServer({
    seed: generateSeed({ seed: 11, customers: 60, items: 600, today: TODAY }),
    logError: () => undefined,
  });
});
afterAll(() => erp.close());

const clientFor = (baseUrl: string) =>
  new ErpClient({
    baseUrl,
    tokens: devIdentityProvider({ baseUrl, user: MARTA, audience: 'erp' }),
    backoffMs: 1,
    retries: 2,
  });
let databases = 0;
const freshDb = (): SollecitiDatabase =>
  openDatabase(`sync-test-${++databases}@example.it`, { indexedDB: new IDBFactory(), IDBKeyRange });

/** The ERP's current truth for a listing, read page by page straight from the API. */
async function serverRecords(client: ErpClient, resource: ErpResource): Promise<Map<string, unknown>> {
  const all = new Map<string, unknown>();
  let cursor: string | undefined;
  do {
    const page = await client.listPage(resource, { limit: 250, ...(cursor !== undefined ? { cursor } : {}) });
    for (const record of page.records) all.set(record.id, record);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return all;
}

async function expectCacheEqualsServer(db: SollecitiDatabase, client: ErpClient): Promise<void> {
  for (const [resource, table] of [
    ['open-items', db.items],
    ['customers', db.customers],
    ['agents', db.agents],
  ] as const) {
    const cached = new Map((await table.toArray()).map((record) => [record.id, record] as const));
    const truth = await serverRecords(client, resource);
    expect({ resource, ids: [...cached.keys()].sort() }).toEqual({ resource, ids: [...truth.keys()].sort() });
    for (const [id, record] of truth) expect(cached.get(id)).toEqual(record);
  }
}

test('a full load brings every listing, the setup and the log, with progress; a second run is an empty delta', async () => {
  const db = freshDb();
  const client = clientFor(erp.url);
  const progress: string[] = [];
  const report = await syncAll(db, client, {
    pageSize: 100,
    onProgress: (p) => progress.push(`${p.resource}:${p.done}/${p.total ?? '?'}`),
  });
  expect(report.quarantined).toEqual([]);
  expect(await db.items.count()).toBeGreaterThan(500);
  expect(progress).toContain(`open-items:100/${await db.items.count()}`);
  await expectCacheEqualsServer(db, client);
  const input = await readPlanInput(db);
  expect(input.kind).toBe('ready');

  const again = await syncAll(db, client, { pageSize: 100 });
  expect(again.applied).toMatchObject({ 'open-items': 0, customers: 0, agents: 0 });
  db.close();
});

test('deltas apply payments, new invoices, moved due dates and tombstones', async () => {
  const db = freshDb();
  const client = clientFor(erp.url);
  await syncAll(db, client);
  const [first, second, third] = (await db.items.orderBy('id').limit(3).toArray()).filter(
    (item) => item.residual > 1,
  );
  if (first === undefined || second === undefined || third === undefined) throw new Error('seed too small');
  erp.mutations.pay({ itemId: first.id, amount: 1 });
  erp.mutations.pay({ itemId: second.id });
  erp.mutations.deleteItem({ itemId: third.id });
  const added = erp.mutations.invoice({
    customerId: first.customerId,
    documentDate: TODAY,
    installments: [{ dueDate: '2026-12-28', amount: 12200 }],
  });
  const result = await syncResource(db, client, 'open-items');
  expect(result.applied).toBe(4);
  expect((await db.items.get(first.id))?.residual).toBe(first.residual - 1);
  expect(await db.items.get(second.id)).toBeUndefined();
  expect(await db.items.get(third.id)).toBeUndefined();
  expect(await db.items.get(added.items[0]?.id ?? '')).toMatchObject({
    residual: 12200,
    dueDate: '2026-12-28',
  });
  await expectCacheEqualsServer(db, client);
  db.close();
});

test('randomized rounds of ERP changes and interrupted syncs always end with the cache equal to the ERP', async () => {
  const random = mulberry32(20261128);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;
  const db = freshDb();
  const client = clientFor(erp.url);
  await syncAll(db, client, { pageSize: 50 });
  let interrupted = 0;
  for (let round = 0; round < 12; round++) {
    const open = [...(await serverRecords(client, 'open-items')).values()] as {
      id: string;
      residual: number;
    }[];
    const items = open.map((item) => item.id);
    const payable = open.filter((item) => item.residual > 1).map((item) => item.id);
    const customers = [...(await serverRecords(client, 'customers')).keys()];
    for (let n = 0; n < 15; n++) {
      const roll = random();
      const toPay = payable.splice(Math.floor(random() * payable.length), 1)[0];
      if (roll < 0.25 && toPay !== undefined)
        erp.mutations.pay({ itemId: toPay, ...(random() < 0.5 ? { amount: 1 } : {}) });
      else if (roll < 0.4)
        erp.mutations.deleteItem({
          itemId: items.splice(Math.floor(random() * items.length), 1)[0] as string,
        });
      else if (roll < 0.55)
        erp.mutations.moveDueDate({
          itemId: pick(items),
          dueDate: `2026-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-15`,
        });
      else if (roll < 0.75)
        erp.mutations.invoice({
          customerId: pick(customers),
          documentDate: TODAY,
          installments: [
            { dueDate: '2027-01-31', amount: 1000 + n },
            { dueDate: '2027-02-28', amount: 2000 },
          ],
        });
      else if (roll < 0.85)
        erp.mutations.blockCustomer({ customerId: pick(customers), blocked: random() < 0.5 });
      else
        erp.mutations.renameCustomer({
          customerId: pick(customers),
          name: `<b>Renamed ${round}-${n}</b> & Figli`,
        });
    }
    // Interrupt some syncs after a page or two: the next run must resume and converge.
    if (random() < 0.6) {
      const controller = new AbortController();
      const stopAfter = 1 + Math.floor(random() * 2);
      let pages = 0;
      await syncAll(db, client, {
        pageSize: 7,
        signal: controller.signal,
        onProgress: () => {
          if (++pages >= stopAfter) controller.abort();
        },
      }).then(
        () => undefined,
        (error: unknown) => {
          expect(error).toMatchObject({ reason: 'aborted' });
          interrupted += 1;
        },
      );
    }
    await syncAll(db, client, { pageSize: 20 });
    await expectCacheEqualsServer(db, client);
  }
  expect(interrupted).toBeGreaterThan(3);
  db.close();
}, 60_000);

/** A proxy in front of the real ERP that changes the first page of open items, like a buggy ERP would. */
async function withCorruptingProxy(
  corrupt: (records: Record<string, unknown>[]) => void,
  run: (url: string) => Promise<void>,
): Promise<void> {
  const proxy: Server = createServer((req, res) => {
    const upstream = httpRequest(
      `${erp.url}${req.url ?? '/'}`,
      { method: req.method, headers: req.headers },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          let body = Buffer.concat(chunks).toString('utf8');
          if (req.url?.startsWith('/api/v1/open-items') === true && !(req.url ?? '').includes('cursor=')) {
            const page = JSON.parse(body) as { data: Record<string, unknown>[] };
            corrupt(page.data);
            body = JSON.stringify(page);
          }
          res.writeHead(answer.statusCode ?? 500, { 'Content-Type': 'application/json' });
          res.end(body);
        });
      },
    );
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  try {
    await run(`http://127.0.0.1:${(proxy.address() as AddressInfo).port}`);
  } finally {
    await new Promise((resolve) => proxy.close(resolve));
  }
}

test('a record the contract forbids is quarantined with its reason; the rest of the page is applied', async () => {
  await withCorruptingProxy(
    (records) => {
      if (records[1] !== undefined) records[1] = { ...records[1], dueDate: '2026-02-30' };
    },
    async (url) => {
      const db = freshDb();
      const client = clientFor(url);
      const result = await syncResource(db, client, 'open-items', { pageSize: 100 });
      expect(result.quarantined).toHaveLength(1);
      expect(result.quarantined[0]?.reason).toBe('dueDate: must be a real date written YYYY-MM-DD');
      const quarantine = await db.quarantine.toArray();
      expect(quarantine).toHaveLength(1);
      expect(await db.items.count()).toBe((await serverRecords(clientFor(erp.url), 'open-items')).size - 1);
      db.close();
    },
  );
});

test('an item with a bad hold date or an unknown hold reason is quarantined alone; a good hold is cached', async () => {
  const ids: string[] = [];
  await withCorruptingProxy(
    (records) => {
      const [good, badDate, badReason] = records.slice(1, 4);
      if (good === undefined || badDate === undefined || badReason === undefined)
        throw new Error('page too small');
      Object.assign(good, { holdUntil: '2026-12-15', holdReason: 'promise' });
      Object.assign(badDate, { holdUntil: '2026-11-31', holdReason: 'pause' });
      Object.assign(badReason, { holdUntil: '2026-12-15', holdReason: 'vacanza' });
      ids.push(String(good.id), String(badDate.id), String(badReason.id));
    },
    async (url) => {
      const db = freshDb();
      const result = await syncResource(db, clientFor(url), 'open-items', { pageSize: 100 });
      const [good, badDate, badReason] = ids;
      expect(result.quarantined.map((q) => [q.recordId, q.reason.split(':')[0]])).toEqual([
        [badDate, 'holdUntil'],
        [badReason, 'holdReason'],
      ]);
      expect(await db.items.get(good ?? '')).toMatchObject({
        holdUntil: '2026-12-15',
        holdReason: 'promise',
      });
      expect(await db.items.get(badDate ?? '')).toBeUndefined();
      expect(await db.items.count()).toBe((await serverRecords(clientFor(erp.url), 'open-items')).size - 2);
      db.close();
    },
  );
});

test("holds, pauses, consumers and the setup's late interest reach the cache; a lifted hold leaves nothing behind", async () => {
  const own = await startErpServer({
    seed: generateSeed({ seed: 3, customers: 8, items: 30, today: TODAY }),
    logError: () => undefined,
  });
  try {
    const client = clientFor(own.url);
    const db = freshDb();
    await syncAll(db, client);
    const [first, second] = (await db.items.orderBy('id').toArray()).filter(
      (item) => item.residual > 0 && item.holdUntil === undefined,
    );
    const customer = (await db.customers.orderBy('id').toArray()).find(
      (c) => c.holdUntil === undefined && c.consumer !== true,
    );
    if (first === undefined || second === undefined || customer === undefined)
      throw new Error('seed too small');
    own.mutations.holdItem({ itemId: first.id, holdUntil: '2026-12-10', holdReason: 'promise' });
    own.mutations.holdItem({ itemId: second.id, holdUntil: '2026-12-31' });
    own.mutations.holdCustomer({ customerId: customer.id, holdUntil: '2027-01-15' });
    own.mutations.setConsumer({ customerId: customer.id });
    const delta = await syncAll(db, client);
    expect(delta.applied).toMatchObject({ 'open-items': 2, customers: 1 });
    expect(await db.items.get(first.id)).toMatchObject({ holdUntil: '2026-12-10', holdReason: 'promise' });
    expect(await db.items.get(second.id)).toMatchObject({ holdUntil: '2026-12-31' });
    expect((await db.items.get(second.id))?.holdReason).toBeUndefined();
    expect(await db.customers.get(customer.id)).toMatchObject({ holdUntil: '2027-01-15', consumer: true });
    // What the engine is given: the domain records with their holds.
    const input = await readPlanInput(db);
    if (input.kind !== 'ready') throw new Error(input.kind);
    expect(input.books.items.find((item) => item.id === first.id)).toMatchObject({
      holdUntil: '2026-12-10',
      holdReason: 'promise',
    });
    expect(input.books.customers.find((c) => c.id === customer.id)).toMatchObject({
      holdUntil: '2027-01-15',
      consumer: true,
    });
    expect(input.setup.onePerCustomer).toBe(false);
    expect((await db.setup.get('current'))?.setup.lateInterest).toEqual({
      rates: [
        { from: '2025-01-01', percent: 11.15 },
        { from: '2025-07-01', percent: 10.15 },
        { from: '2026-01-01', percent: 10.15 },
      ],
      flatIndemnity: 4000,
    });

    // The promise is kept off the books and the pause ends early: the delta replaces the cached records.
    own.mutations.holdItem({ itemId: first.id, holdUntil: null });
    own.mutations.holdCustomer({ customerId: customer.id, holdUntil: null });
    await syncAll(db, client);
    const lifted = await db.items.get(first.id);
    expect(lifted !== undefined && ('holdUntil' in lifted || 'holdReason' in lifted)).toBe(false);
    expect(await db.customers.get(customer.id)).not.toHaveProperty('holdUntil');
    await expectCacheEqualsServer(db, client);
    db.close();
  } finally {
    await own.close();
  }
});

test('an item whose amount is over the contract cap is quarantined with the reason; the rest syncs and plans', async () => {
  const own = await startErpServer({
    seed: generateSeed({ seed: 3, customers: 8, items: 30, today: TODAY }),
    logError: () => undefined,
  });
  try {
    const customerId = (await serverRecords(clientFor(own.url), 'customers')).keys().next().value ?? '';
    const huge = own.mutations.invoice({
      customerId,
      documentDate: '2026-09-01',
      installments: [
        { dueDate: '2026-10-01', amount: MAX_ITEM_AMOUNT + 1 },
        { dueDate: '2026-10-31', amount: MAX_ITEM_AMOUNT },
      ],
    });
    const [over, atCap] = huge.items;
    const db = freshDb();
    const client = clientFor(own.url);
    const report = await syncAll(db, client);
    expect(report.quarantined.map((q) => [q.recordId, q.reason])).toEqual([
      [over?.id, `amount: must be within ±${MAX_ITEM_AMOUNT} minor units (the contract's cap on one item)`],
    ]);
    expect(await db.items.get(over?.id ?? '')).toBeUndefined();
    expect((await db.items.get(atCap?.id ?? ''))?.residual).toBe(MAX_ITEM_AMOUNT);
    expect(await db.items.count()).toBe((await serverRecords(client, 'open-items')).size);
    // The plan goes on for everyone, the item at the cap included.
    const input = await readPlanInput(db);
    if (input.kind !== 'ready') throw new Error(input.kind);
    const plan = planReminders({ setup: input.setup, today: TODAY, ...input.books });
    expect(plan.communications.some((c) => c.lines.some((line) => line.item.id === atCap?.id))).toBe(true);
    expect(plan.communications.length).toBeGreaterThan(1);
    db.close();
  } finally {
    await own.close();
  }
});

test('a sync token from another life of the ERP database leads to a full reload, not a wrong delta', async () => {
  const other = await startErpServer({
    seed: generateSeed({ seed: 5, customers: 10, items: 40, today: TODAY }),
    logError: () => undefined,
  });
  try {
    const db = freshDb();
    await syncAll(db, clientFor(erp.url));
    // Same cache, now pointed at an ERP whose database is another one.
    const client = clientFor(other.url);
    await syncAll(db, client);
    await expectCacheEqualsServer(db, client);
    db.close();
  } finally {
    await other.close();
  }
});

test('claims through the client: a triple held by someone else is an outcome naming the holder', async () => {
  const db = freshDb();
  const marta = clientFor(erp.url);
  const luca = new ErpClient({
    baseUrl: erp.url,
    tokens: devIdentityProvider({
      baseUrl: erp.url,
      user: 'luca.bianchi@solleciti.example',
      audience: 'erp',
    }),
  });
  await syncAll(db, marta);
  const item = (await db.items.toArray()).find((i) => i.residual > 0);
  if (item === undefined) throw new Error('no open item');
  const { communicationKey } = await import('../../src/domain/communication-key');
  const request = {
    key: communicationKey('L2', [[item.id, 0]]),
    levelId: 'L2',
    items: [{ itemId: item.id, cycle: 0 }],
  };
  expect(await marta.claim(request)).toMatchObject({ claimed: true, claim: { owner: MARTA } });
  expect(await luca.claim(request)).toMatchObject({ claimed: false, holder: MARTA });
  await marta.confirm(request.key, {
    state: 'drafted',
    to: ['a@b.it'],
    cc: [],
    at: '2026-11-28T09:00:00+01:00',
    sentOn: TODAY,
  });
  await syncAll(db, marta);
  expect(await db.ledger.where('itemId').equals(item.id).toArray()).toMatchObject([
    { levelId: 'L2', cycle: 0, state: 'drafted', user: MARTA },
  ]);
  await marta.removeLogEntries(request.key);
  await syncAll(db, marta);
  expect(await db.ledger.where('itemId').equals(item.id).count()).toBe(0);
  db.close();
});
