/**
 * Paging and delta sync of the collections: a listing is the rows with since < seq ≤ hwm, the high-water
 * mark fixed by its first page; the last page's syncToken starts the next delta, so a change made while
 * the client pages is never missed.
 */
import type { CustomerWire, OpenItemWire } from '../../src/erp/wire';
import type { RunningErpServer } from '../../dev/erp/server';
import { books, call, customer, item, listAll, startTestErp, type PageJson } from './helpers';

let erp: RunningErpServer;

beforeEach(async () => {
  // 12 open items, a credit note (negative residual: open, listed), a paid item (residual 0: not listed).
  erp = await startTestErp({
    seed: books(12, [
      item('NC1', {
        documentType: 'credit_note',
        amount: -2500,
        residual: -2500,
        documentNumber: 'NC 2026/1',
      }),
      item('PAID', { residual: 0 }),
    ]),
  });
});
afterEach(async () => {
  await erp.close();
});

const ids = (records: readonly { id: string }[]) => records.map((record) => record.id).sort();

test('a full listing pages through every open item once, credit notes included, paid items not', async () => {
  const { data, tombstones, pages, syncToken } = await listAll(erp, 'open-items', { limit: 5 });
  expect(ids(data)).toEqual([
    'I01',
    'I02',
    'I03',
    'I04',
    'I05',
    'I06',
    'I07',
    'I08',
    'I09',
    'I10',
    'I11',
    'I12',
    'NC1',
  ]);
  expect(tombstones).toEqual([]);
  expect(pages.map((page) => page.data.length)).toEqual([5, 5, 3]);
  // Only the last page carries the token; every page says how big the listing is.
  expect(pages.map((page) => page.syncToken === null)).toEqual([true, true, false]);
  expect(pages.map((page) => page.total)).toEqual([13, 13, 13]);
  expect(syncToken).toMatch(/^[0-9a-f]{8}\.\d+$/);
  expect(data.find((record) => record.id === 'NC1')).toMatchObject({
    residual: -2500,
    documentType: 'credit_note',
  });
});

test('records are served in the contract shape, optional fields absent rather than null', async () => {
  const page = await call<PageJson<OpenItemWire>>(erp, 'GET', '/api/v1/open-items?limit=1', { as: 'static' });
  expect(page.status).toBe(200);
  expect(page.headers.get('content-type')).toMatch(/^application\/json/);
  expect(page.body.data[0]).toEqual(item('I01', { customerId: 'C1' }));
  const customers = await listAll<CustomerWire>(erp, 'customers');
  expect(customers.data.find((c) => c.id === 'C3')).toEqual({
    id: 'C3',
    name: 'Cliente C3 Srl',
    emails: [],
    language: 'it',
    agentId: 'A1',
    blocked: false,
  });
  const agents = await listAll(erp, 'agents');
  expect(ids(agents.data)).toEqual(['A1', 'A2']);
});

test('holds and consumers are served as stored, absent when there is none', async () => {
  await erp.close();
  const seed = books(2, [
    item('P1', { holdUntil: '2026-04-10', holdReason: 'promise' }),
    item('P2', { holdUntil: '2026-05-31', holdReason: 'pause' }),
    item('P3', { holdUntil: '2026-03-01' }),
  ]);
  erp = await startTestErp({
    seed: {
      ...seed,
      customers: [
        ...seed.customers,
        customer('C4', { name: 'Rossi Mario', consumer: true, holdUntil: '2026-04-30' }),
        customer('C5', { consumer: false }),
      ],
    },
  });
  const items = new Map((await listAll(erp, 'open-items')).data.map((record) => [record.id, record]));
  expect(items.get('P1')).toEqual(item('P1', { holdUntil: '2026-04-10', holdReason: 'promise' }));
  expect(items.get('P2')).toMatchObject({ holdUntil: '2026-05-31', holdReason: 'pause' });
  expect(items.get('P3')).toEqual(item('P3', { holdUntil: '2026-03-01' }));
  expect(Object.keys(items.get('I01') ?? {})).not.toEqual(expect.arrayContaining(['holdUntil']));
  const customers = new Map(
    (await listAll<CustomerWire>(erp, 'customers')).data.map((record) => [record.id, record]),
  );
  expect(customers.get('C4')).toEqual(
    customer('C4', { name: 'Rossi Mario', consumer: true, holdUntil: '2026-04-30' }),
  );
  expect(customers.get('C5')).toEqual(customer('C5', { consumer: false }));
  expect(customers.get('C1')).toEqual(customer('C1'));
});

test('the default page is 500 records; limit must be 1 to 5000', async () => {
  await erp.close();
  erp = await startTestErp({
    seed: books(
      0,
      Array.from({ length: 1203 }, (_, i) => item(`X${i}`)),
    ),
  });
  const { pages } = await listAll(erp, 'open-items');
  expect(pages.map((page) => page.data.length)).toEqual([500, 500, 203]);
  for (const limit of ['0', '5001', 'ten', '2.5', '-1']) {
    const answer = await call(erp, 'GET', `/api/v1/open-items?limit=${limit}`, { as: 'static' });
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(answer.body).toMatchObject({ status: 400, field: 'limit' });
  }
  expect((await call(erp, 'GET', '/api/v1/open-items?limit=5000', { as: 'static' })).status).toBe(200);
});

test('a change made between page 1 and page 2 is not lost: it leaves this listing and is in the next delta', async () => {
  const first = await call<PageJson<OpenItemWire>>(erp, 'GET', '/api/v1/open-items?limit=4', {
    as: 'static',
  });
  expect(ids(first.body.data)).toEqual(['I01', 'I02', 'I03', 'I04']);
  // While the client pages: an item already served changes, one not yet served is paid, another moves,
  // and a new invoice arrives.
  erp.mutations.pay({ itemId: 'I02', amount: 4000 });
  erp.mutations.pay({ itemId: 'I07' });
  erp.mutations.moveDueDate({ itemId: 'I09', dueDate: '2026-04-30' });
  const invoice = erp.mutations.invoice({
    customerId: 'C2',
    documentDate: '2026-03-01',
    installments: [{ dueDate: '2026-04-01', amount: 5000 }],
  });

  const rest = [];
  let cursor = first.body.nextCursor;
  let token: string | null = null;
  while (cursor !== null) {
    const page = await call<PageJson<OpenItemWire>>(
      erp,
      'GET',
      `/api/v1/open-items?limit=4&cursor=${encodeURIComponent(cursor)}`,
      { as: 'static' },
    );
    rest.push(...page.body.data);
    cursor = page.body.nextCursor;
    token = page.body.syncToken;
  }
  // The rest of the listing is the snapshot minus what changed after its first page.
  expect(ids(rest)).toEqual(['I05', 'I06', 'I08', 'I10', 'I11', 'I12', 'NC1']);

  const delta = await listAll(erp, 'open-items', { updatedSince: token as string });
  expect(ids(delta.data)).toEqual([invoice.items[0]?.id, 'I02', 'I09'].sort());
  expect(delta.data.find((record) => record.id === 'I02')).toMatchObject({ residual: 6000 });
  expect(delta.data.find((record) => record.id === 'I09')).toMatchObject({ dueDate: '2026-04-30' });
  expect(delta.tombstones).toEqual([{ id: 'I07', reason: 'paid' }]);

  // Applying listing + delta gives exactly the server's open items.
  const cache = new Map<string, OpenItemWire>();
  for (const record of [...first.body.data, ...rest, ...delta.data]) cache.set(record.id, record);
  for (const tombstone of delta.tombstones) cache.delete(tombstone.id);
  const truth = await listAll(erp, 'open-items');
  expect([...cache.values()].sort((a, b) => a.id.localeCompare(b.id))).toEqual(
    [...truth.data].sort((a, b) => a.id.localeCompare(b.id)),
  );
});

test('a delta returns changed open items and tombstones for items paid, closed or deleted since the token', async () => {
  const { syncToken } = await listAll(erp, 'open-items');
  erp.mutations.pay({ itemId: 'I01' });
  erp.mutations.closeItem({ itemId: 'NC1' });
  erp.mutations.deleteItem({ itemId: 'I03' });
  erp.mutations.disputeItem({ itemId: 'I04' });
  erp.mutations.pay({ itemId: 'I05', amount: 1 });
  erp.mutations.renameCustomer({ customerId: 'C2', name: 'Nuovo nome Spa' });

  const delta = await listAll(erp, 'open-items', { updatedSince: syncToken, limit: 2 });
  expect(ids(delta.data)).toEqual(['I04', 'I05']);
  expect(delta.tombstones).toEqual([
    { id: 'I01', reason: 'paid' },
    { id: 'NC1', reason: 'closed' },
    { id: 'I03', reason: 'deleted' },
  ]);
  // Records and tombstones share the page budget and the order of change.
  expect(delta.pages.map((page) => page.data.length + (page.tombstones?.length ?? 0))).toEqual([2, 2, 1]);

  const customers = await listAll<CustomerWire>(erp, 'customers', { updatedSince: syncToken });
  expect(customers.data).toEqual([expect.objectContaining({ id: 'C2', name: 'Nuovo nome Spa' })]);
  expect(customers.pages[0]?.tombstones).toBeUndefined();

  // Nothing changed since the delta's own token: an empty last page with a token.
  const quiet = await call<PageJson<OpenItemWire>>(
    erp,
    'GET',
    `/api/v1/open-items?updatedSince=${delta.syncToken}`,
    { as: 'static' },
  );
  expect(quiet.body).toMatchObject({
    data: [],
    tombstones: [],
    nextCursor: null,
    syncToken: delta.syncToken,
    total: 0,
  });
});

test('a full listing after changes shows no tombstones and no closed item', async () => {
  erp.mutations.pay({ itemId: 'I01' });
  erp.mutations.deleteItem({ itemId: 'I02' });
  const { data, tombstones } = await listAll(erp, 'open-items');
  expect(ids(data)).not.toContain('I01');
  expect(ids(data)).not.toContain('I02');
  expect(tombstones).toEqual([]);
});

test('cursors and tokens are checked: garbage is 400 naming the parameter, a token of another database is 410', async () => {
  const bad = async (query: string) =>
    (await call(erp, 'GET', `/api/v1/open-items?${query}`, { as: 'static' })).body;
  expect(await bad('cursor=not-a-cursor')).toMatchObject({ status: 400, field: 'cursor' });
  expect(await bad(`cursor=${Buffer.from('{"v":1}').toString('base64url')}`)).toMatchObject({
    status: 400,
    field: 'cursor',
  });
  expect(await bad('updatedSince=yesterday')).toMatchObject({ status: 400, field: 'updatedSince' });
  expect(await bad('updatedSince=00000000.1')).toMatchObject({
    status: 410,
    field: 'updatedSince',
    type: 'urn:solleciti:problem:stale-sync-token',
  });

  const customersPage = await call<PageJson<CustomerWire>>(erp, 'GET', '/api/v1/customers?limit=1', {
    as: 'static',
  });
  const wrongResource = await call(
    erp,
    'GET',
    `/api/v1/open-items?cursor=${customersPage.body.nextCursor ?? ''}`,
    { as: 'static' },
  );
  expect(wrongResource.body).toMatchObject({ status: 400, field: 'cursor' });

  const { syncToken } = await listAll(erp, 'open-items');
  const future = syncToken.replace(/\d+$/, (seq) => String(Number(seq) + 1000));
  expect(await bad(`updatedSince=${future}`)).toMatchObject({ status: 410 });
});
