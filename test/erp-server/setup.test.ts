/**
 * The reminder setup: GET with a strong ETag; PUT by administrators only, with If-Match (missing → 428,
 * stale → 412); the body checked by the contract's schema (400 naming the field) and by the engine's own
 * rules (422 naming the level or field).
 */
import type { ReminderSetupWire } from '../../src/erp/wire';
import type { RunningErpServer } from '../../dev/erp/server';
import { ADMIN, books, call, MARTA, setup, startTestErp, type ProblemJson } from './helpers';

let erp: RunningErpServer;
beforeAll(async () => {
  erp = await startTestErp({ seed: books(1) });
});
afterAll(async () => {
  await erp.close();
});

async function current(): Promise<{ setup: ReminderSetupWire; etag: string }> {
  const answer = await call<ReminderSetupWire>(erp, 'GET', '/api/v1/reminder-setup', { as: MARTA });
  expect(answer.status).toBe(200);
  return { setup: answer.body, etag: answer.headers.get('etag') ?? '' };
}

const put = (body: unknown, options: { as?: string; ifMatch?: string } = {}) =>
  call<ProblemJson & ReminderSetupWire>(erp, 'PUT', '/api/v1/reminder-setup', {
    as: options.as ?? ADMIN,
    body,
    ...(options.ifMatch !== undefined ? { headers: { 'If-Match': options.ifMatch } } : {}),
  });

test('the setup is served with a strong ETag, and If-None-Match answers 304', async () => {
  const { setup: served, etag } = await current();
  expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
  expect(served.levels.map((level) => level.id)).toEqual(['L1', 'L2', 'L3']);
  const again = await call(erp, 'GET', '/api/v1/reminder-setup', {
    as: 'static',
    headers: { 'If-None-Match': etag },
  });
  expect(again.status).toBe(304);
});

test('an administrator saves with If-Match: 428 without it, 412 when stale, 200 with a new ETag when current', async () => {
  const { setup: before, etag } = await current();
  const edited = { ...before, minDaysBetween: 5 };

  const missing = await put(edited);
  expect(missing.status).toBe(428);
  expect(missing.headers.get('content-type')).toMatch(/^application\/problem\+json/);

  const stale = await put(edited, {
    ifMatch: '"0000000000000000000000000000000000000000000000000000000000000000"',
  });
  expect(stale.status).toBe(412);

  const saved = await put(edited, { ifMatch: etag });
  expect(saved.status).toBe(200);
  const newTag = saved.headers.get('etag');
  expect(newTag).toMatch(/^"[0-9a-f]{64}"$/);
  expect(newTag).not.toBe(etag);
  expect(saved.body.minDaysBetween).toBe(5);
  expect(await current()).toEqual({ setup: saved.body, etag: newTag });

  // The old tag is now stale: a second editor working from it is refused.
  expect((await put({ ...before, minDaysBetween: 9 }, { ifMatch: etag })).status).toBe(412);
});

test('only administrators write the setup: an enabled user gets 403, the static key 403', async () => {
  const { setup: before, etag } = await current();
  expect((await put(before, { as: MARTA, ifMatch: etag })).status).toBe(403);
  expect((await put(before, { as: 'static', ifMatch: etag })).status).toBe(403);
  expect(
    (await call(erp, 'PUT', '/api/v1/reminder-setup', { body: before, headers: { 'If-Match': etag } }))
      .status,
  ).toBe(401);
});

test('a body that breaks the contract is 400 naming the field', async () => {
  const { setup: before, etag } = await current();
  const wrongType = await put(
    { ...before, levels: [{ ...before.levels[0], days: 'ten' }] },
    { ifMatch: etag },
  );
  expect(wrongType.status).toBe(400);
  expect(wrongType.body).toMatchObject({ field: 'levels.0.days' });
  const noLevels = await put({ groupByCustomer: true }, { ifMatch: etag });
  expect(noLevels.body).toMatchObject({ status: 400, field: 'levels' });
  const notJson = await put('{"levels": [', { ifMatch: etag });
  expect(notJson.body).toMatchObject({ status: 400, field: 'body' });
});

test('onePerCustomer and lateInterest are stored and served as sent; a wrong type is 400 naming the field', async () => {
  const { setup: before, etag } = await current();
  const lateInterest = {
    rates: [
      { from: '2025-01-01', percent: 11.15 },
      { from: '2025-07-01', percent: 10.15 },
      { from: '2026-01-01', percent: 10.15 },
    ],
    flatIndemnity: 4000,
  };
  const saved = await put(
    { ...before, groupByCustomer: true, onePerCustomer: true, lateInterest },
    { ifMatch: etag },
  );
  expect(saved.status).toBe(200);
  expect(saved.body).toMatchObject({ onePerCustomer: true, lateInterest });
  const served = await current();
  expect(served.setup).toMatchObject({ onePerCustomer: true, lateInterest });
  expect(served.etag).toBe(saved.headers.get('etag'));

  for (const [body, field] of [
    [{ ...served.setup, onePerCustomer: 'yes' }, 'onePerCustomer'],
    [
      {
        ...served.setup,
        lateInterest: { rates: [{ from: '2025-01-01', percent: '10.15' }], flatIndemnity: 4000 },
      },
      'lateInterest.rates.0.percent',
    ],
    [{ ...served.setup, lateInterest: { rates: [] } }, 'lateInterest.flatIndemnity'],
    [{ ...served.setup, lateInterest: 'BCE + 8' }, 'lateInterest'],
  ] as const) {
    const refused = await put(body, { ifMatch: served.etag });
    expect({ field, answer: refused.body }).toMatchObject({ field, answer: { status: 400, field } });
  }

  // Turned off again: null is the same as absent.
  const off = await put(
    { ...served.setup, onePerCustomer: null, lateInterest: null },
    { ifMatch: served.etag },
  );
  expect(off.status).toBe(200);
  expect((await current()).setup).not.toMatchObject({ onePerCustomer: true });
});

test('a setup the engine would refuse is 422 with the domain message naming the level', async () => {
  const { setup: before, etag } = await current();
  const sameDays = await put(
    setup({ levels: [...setup().levels.slice(0, 2), { ...setup().levels[2]!, id: 'L3', days: 15 }] }),
    { ifMatch: etag },
  );
  expect(sameDays.status).toBe(422);
  expect(sameDays.body).toMatchObject({
    type: 'urn:solleciti:problem:invalid-setup',
    field: 'levels.2',
    levelId: 'L3',
  });
  expect(sameDays.body.detail).toContain('level "L3"');
  expect(sameDays.body.detail).toContain('days 15');

  const recurNotLast = await put(
    setup({
      levels: [
        { id: 'L1', name: 'a', kind: 'sollecito', days: 10, recurEveryDays: 5, texts: {} },
        { id: 'L2', name: 'b', kind: 'sollecito', days: 20, texts: {} },
      ],
    }),
    { ifMatch: etag },
  );
  expect(recurNotLast.status).toBe(422);
  expect(recurNotLast.body.detail).toContain('level "L1": recurEveryDays is allowed only on the last level');

  const negative = await put({ ...before, minimumAmount: -1 }, { ifMatch: etag });
  expect(negative.body).toMatchObject({ status: 422, field: 'minimumAmount' });

  const zone = await put({ ...before, timezone: 'Europa/Roma' }, { ifMatch: etag });
  expect(zone.body).toMatchObject({ status: 422, field: 'timezone' });

  // Nothing was stored.
  expect((await current()).etag).toBe(etag);
});
