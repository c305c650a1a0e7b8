/**
 * The mutation API (`/dev/mutations/…`, and in-process): what happens in the ERP's books while the add-in
 * runs. Every change reaches clients through the ordinary delta.
 */
import type { CustomerWire, OpenItemWire } from '../../src/erp/wire';
import type { RunningErpServer } from '../../dev/erp/server';
import { books, call, listAll, startTestErp } from './helpers';

let erp: RunningErpServer;
beforeEach(async () => {
  erp = await startTestErp({ seed: books(3) });
});
afterEach(async () => {
  await erp.close();
});

const mutate = <T = Record<string, unknown>>(name: string, body?: unknown) =>
  call<T>(
    erp,
    'POST',
    `/dev/mutations/${name}`,
    body !== undefined ? { body } : { headers: { 'Content-Type': 'application/json' } },
  );

test('a partial payment lowers the residual; the rest of it closes the item as paid', async () => {
  const { syncToken } = await listAll(erp, 'open-items');
  expect((await mutate('pay', { itemId: 'I01', amount: 2500 })).body).toMatchObject({
    item: { id: 'I01', residual: 7500 },
    status: 'open',
  });
  let delta = await listAll(erp, 'open-items', { updatedSince: syncToken });
  expect(delta.data).toEqual([expect.objectContaining({ id: 'I01', amount: 10000, residual: 7500 })]);
  expect((await mutate('pay', { itemId: 'I01' })).body).toMatchObject({
    status: 'paid',
    item: { residual: 0 },
  });
  delta = await listAll(erp, 'open-items', { updatedSince: syncToken });
  expect(delta).toMatchObject({ data: [], tombstones: [{ id: 'I01', reason: 'paid' }] });

  expect((await mutate('pay', { itemId: 'I01' })).status).toBe(409);
  expect((await mutate('pay', { itemId: 'I02', amount: 10001 })).body).toMatchObject({
    status: 422,
    field: 'amount',
  });
  expect((await mutate('pay', { itemId: 'NOPE' })).status).toBe(404);
  expect((await mutate('pay', { itemId: 'I02', amount: -5 })).body).toMatchObject({
    status: 400,
    field: 'amount',
  });
});

test('a new invoice with installments appears in the next delta, one item per installment', async () => {
  const { syncToken } = await listAll(erp, 'open-items');
  const created = await mutate<{ items: OpenItemWire[] }>('invoice', {
    customerId: 'C2',
    documentDate: '2026-03-01',
    paymentMethod: 'riba',
    installments: [
      { dueDate: '2026-03-31', amount: 30000 },
      { dueDate: '2026-04-30', amount: 30001 },
    ],
  });
  expect(created.status).toBe(200);
  expect(created.body.items.map((i) => [i.installment, i.dueDate, i.residual])).toEqual([
    [1, '2026-03-31', 30000],
    [2, '2026-04-30', 30001],
  ]);
  const delta = await listAll(erp, 'open-items', { updatedSince: syncToken });
  expect(delta.data).toEqual(created.body.items);
  expect(
    (
      await call(erp, 'GET', `/api/v1/documents/${created.body.items[0]?.documentId ?? ''}/pdf`, {
        as: 'static',
      })
    ).status,
  ).toBe(200);

  expect(
    (
      await mutate('invoice', {
        customerId: 'C2',
        documentDate: '2026-02-30',
        installments: [{ dueDate: '2026-03-31', amount: 1 }],
      })
    ).body,
  ).toMatchObject({ status: 400, field: 'documentDate' });
  expect(
    (
      await mutate('invoice', {
        customerId: 'C2',
        documentDate: '2026-03-01',
        installments: [{ dueDate: '2026-03-31', amount: -1 }],
      })
    ).body,
  ).toMatchObject({ status: 400, field: 'installments.0.amount' });
  expect(
    (
      await mutate('invoice', {
        customerId: 'C9',
        documentDate: '2026-03-01',
        installments: [{ dueDate: '2026-03-31', amount: 1 }],
      })
    ).status,
  ).toBe(404);
  const credit = await mutate<{ items: OpenItemWire[] }>('invoice', {
    customerId: 'C1',
    documentType: 'credit_note',
    documentDate: '2026-03-01',
    installments: [{ dueDate: '2026-03-01', amount: -500 }],
  });
  expect(credit.body.items[0]).toMatchObject({ documentType: 'credit_note', residual: -500 });
});

test('moving a due date, disputing, blocking and renaming (hostile text kept as it is) reach the delta', async () => {
  const { syncToken } = await listAll(erp, 'open-items');
  const customersToken = (await listAll(erp, 'customers')).syncToken;
  await mutate('move-due-date', { itemId: 'I02', dueDate: '2026-05-01' });
  await mutate('dispute-item', { itemId: 'I03' });
  const hostile = '<script>alert("x")</script> & Figli \u202eSrl\u202c 😀';
  expect((await mutate('rename-customer', { customerId: 'C1', name: hostile })).body).toMatchObject({
    name: hostile,
  });
  await mutate('block-customer', { customerId: 'C2' });
  await mutate('set-customer-emails', { customerId: 'C3', emails: ['  a@b.it ', 'not-an-address'] });

  const items = await listAll(erp, 'open-items', { updatedSince: syncToken });
  expect(items.data.map((i) => [i.id, i.dueDate, i.disputed])).toEqual([
    ['I02', '2026-05-01', false],
    ['I03', '2026-02-28', true],
  ]);
  const customers = await listAll<CustomerWire>(erp, 'customers', { updatedSince: customersToken });
  expect(customers.data.map((c) => [c.id, c.name, c.blocked, c.emails])).toEqual([
    ['C1', hostile, false, ['amministrazione@c1.example.it']],
    ['C2', 'Cliente C2 Srl', true, ['amministrazione@c2.example.it']],
    ['C3', 'Cliente C3 Srl', false, ['  a@b.it ', 'not-an-address']],
  ]);
  expect((await mutate('move-due-date', { itemId: 'I02', dueDate: 'tomorrow' })).body).toMatchObject({
    status: 400,
    field: 'dueDate',
  });
  expect((await mutate('rename-customer', { customerId: 'C1', name: '' })).body).toMatchObject({
    status: 400,
    field: 'name',
  });
});

test('a promise to pay, a pause and a consumer reach the delta; lifting a hold removes it from the record', async () => {
  const { syncToken } = await listAll(erp, 'open-items');
  const customersToken = (await listAll(erp, 'customers')).syncToken;
  expect(
    (await mutate('hold-item', { itemId: 'I01', holdUntil: '2026-04-10', holdReason: 'promise' })).body,
  ).toMatchObject({ item: { id: 'I01', holdUntil: '2026-04-10', holdReason: 'promise' }, status: 'open' });
  await mutate('hold-item', { itemId: 'I02', holdUntil: '2026-05-31' });
  await mutate('hold-customer', { customerId: 'C3', holdUntil: '2026-06-30' });
  await mutate('set-consumer', { customerId: 'C2' });

  let items = await listAll(erp, 'open-items', { updatedSince: syncToken });
  expect(items.data.map((i) => [i.id, i.holdUntil, i.holdReason])).toEqual([
    ['I01', '2026-04-10', 'promise'],
    ['I02', '2026-05-31', undefined],
  ]);
  const customers = await listAll<CustomerWire>(erp, 'customers', { updatedSince: customersToken });
  expect(customers.data.map((c) => [c.id, c.holdUntil, c.consumer])).toEqual([
    ['C3', '2026-06-30', undefined],
    ['C2', undefined, true],
  ]);

  // The promise is broken and the hold lifted: the item comes again, with neither field.
  await mutate('hold-item', { itemId: 'I01', holdUntil: null });
  await mutate('hold-customer', { customerId: 'C3', holdUntil: null });
  await mutate('set-consumer', { customerId: 'C2', consumer: false });
  items = await listAll(erp, 'open-items', { updatedSince: items.syncToken });
  expect(items.data).toEqual([expect.objectContaining({ id: 'I01' })]);
  expect(items.data[0]).not.toHaveProperty('holdUntil');
  expect(items.data[0]).not.toHaveProperty('holdReason');
  const after = await listAll<CustomerWire>(erp, 'customers', { updatedSince: customers.syncToken });
  expect(after.data.map((c) => [c.id, 'holdUntil' in c, c.consumer])).toEqual([
    ['C3', false, undefined],
    ['C2', false, false],
  ]);

  expect((await mutate('hold-item', { itemId: 'I02', holdUntil: '2026-02-30' })).body).toMatchObject({
    status: 400,
    field: 'holdUntil',
  });
  expect(
    (await mutate('hold-item', { itemId: 'I02', holdUntil: '2026-04-30', holdReason: 'holiday' })).body,
  ).toMatchObject({ status: 400, field: 'holdReason' });
  expect((await mutate('hold-item', { itemId: 'I02' })).body).toMatchObject({
    status: 400,
    field: 'holdUntil',
  });
  expect((await mutate('hold-customer', { customerId: 'C9', holdUntil: '2026-04-30' })).status).toBe(404);
  expect((await mutate('set-consumer', { customerId: 'C1', consumer: 'yes' })).body).toMatchObject({
    status: 400,
    field: 'consumer',
  });
  erp.mutations.pay({ itemId: 'I03' });
  expect((await mutate('hold-item', { itemId: 'I03', holdUntil: '2026-04-30' })).status).toBe(409);
});

test('deleting an item leaves a tombstone; deleting it twice is 409', async () => {
  const { syncToken } = await listAll(erp, 'open-items');
  expect((await mutate('delete-item', { itemId: 'I01' })).body).toMatchObject({ status: 'deleted' });
  expect((await mutate('delete-item', { itemId: 'I01' })).status).toBe(409);
  expect((await listAll(erp, 'open-items', { updatedSince: syncToken })).tombstones).toEqual([
    { id: 'I01', reason: 'deleted' },
  ]);
});

test('reset goes back to the seed: vanished items become tombstones, the log is emptied, tokens stay valid', async () => {
  const { syncToken } = await listAll(erp, 'open-items');
  erp.mutations.invoice({
    customerId: 'C1',
    documentId: 'EXTRA',
    documentDate: '2026-03-01',
    installments: [{ dueDate: '2026-04-01', amount: 100 }],
  });
  erp.mutations.pay({ itemId: 'I01' });
  const reset = await mutate('reset');
  expect(reset.body).toEqual({ customers: 3, items: 3 });
  const delta = await listAll(erp, 'open-items', { updatedSince: syncToken });
  expect(delta.data.map((i) => i.id).sort()).toEqual(['I01', 'I02', 'I03']);
  expect(delta.tombstones).toEqual([{ id: 'EXTRA-1', reason: 'deleted' }]);
  expect((await listAll(erp, 'open-items')).data).toHaveLength(3);
});

test('reset with options generates new books with the seed generator', async () => {
  const answer = await mutate<{ customers: number; items: number }>('reset', {
    seed: 7,
    customers: 20,
    items: 60,
    today: '2026-03-15',
  });
  expect(answer.status).toBe(200);
  expect(answer.body.customers).toBe(20);
  expect((await listAll(erp, 'open-items')).data.length).toBe(answer.body.items);
  expect((await mutate('reset', { customers: -1 })).body).toMatchObject({ status: 400, field: 'customers' });
});

test('the mutation API can be switched off', async () => {
  const locked = await startTestErp({ seed: books(1), mutations: false });
  try {
    expect((await call(locked, 'POST', '/dev/mutations/pay', { body: { itemId: 'I01' } })).status).toBe(404);
  } finally {
    await locked.close();
  }
});

test('another web site cannot reset the books or mint a token: non-JSON bodies and foreign origins are refused', async () => {
  const before = (await listAll(erp, 'open-items')).data.length;
  erp.mutations.pay({ itemId: 'I01' });
  const paid = (await listAll(erp, 'open-items')).data.length;
  expect(paid).toBeLessThan(before);
  // What a page on another site can send without a preflight: a form or text/plain post, an empty body.
  const simple: Record<string, string>[] = [
    {},
    { 'Content-Type': 'text/plain' },
    { 'Content-Type': 'application/x-www-form-urlencoded' },
  ];
  for (const headers of simple) {
    const answer = await call(erp, 'POST', '/dev/mutations/reset', {
      headers: { Origin: 'https://evil.example', ...headers },
    });
    expect(answer.status).toBe(403);
    expect((await call(erp, 'POST', '/dev/mutations/reset', { headers })).status).toBe(415);
  }
  expect(
    (
      await call(erp, 'POST', '/dev/mutations/reset', {
        headers: { Origin: 'https://evil.example', 'Content-Type': 'application/json' },
      })
    ).status,
  ).toBe(403);
  const token = await call(erp, 'POST', '/dev/token', {
    headers: { Origin: 'https://evil.example' },
    body: { user: 'marta.rossi@solleciti.example', audience: 'erp' },
  });
  expect(token.status).toBe(403);
  expect(token.body).not.toHaveProperty('access_token');
  expect(
    (
      await call(erp, 'POST', '/dev/token', {
        headers: { 'Content-Type': 'text/plain' },
        body: JSON.stringify({ user: 'marta.rossi@solleciti.example', audience: 'erp' }),
      })
    ).status,
  ).toBe(415);
  expect((await listAll(erp, 'open-items')).data.length).toBe(paid);

  // The pane's origin (ERP_CORS_ORIGINS) and callers without a browser (tests, curl, scripts) still may.
  expect(
    (
      await call(erp, 'POST', '/dev/mutations/reset', {
        headers: { Origin: 'http://localhost:3000', 'Content-Type': 'application/json' },
      })
    ).status,
  ).toBe(200);
  expect((await listAll(erp, 'open-items')).data.length).toBe(before);
  expect(
    (
      await call(erp, 'POST', '/dev/token', {
        headers: { Origin: 'http://localhost:3000' },
        body: { user: 'marta.rossi@solleciti.example', audience: 'erp' },
      })
    ).status,
  ).toBe(200);
});
