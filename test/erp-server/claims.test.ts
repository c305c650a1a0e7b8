/**
 * Claims and the reminder log (docs/rules.md §2): before a message is created its (item, level, cycle) triples
 * are claimed, all or nothing; a triple held by someone else is refused with 409 naming the holder; the
 * claim becomes log entries when confirmed, is released by its owner or an administrator, never by a timer.
 */
import type { ClaimWire, LogEntryWire, ReminderSetupWire } from '../../src/erp/wire';
import type { RunningErpServer } from '../../dev/erp/server';
import {
  ADMIN,
  books,
  call,
  claimRequest,
  claimRequestWithLevels,
  confirmation,
  GUEST,
  LUCA,
  MARTA,
  startTestErp,
  tokenFor,
  type LogJson,
  type ProblemJson,
} from './helpers';

let erp: RunningErpServer;
beforeEach(async () => {
  erp = await startTestErp({ seed: books(6) });
});
afterEach(async () => {
  await erp.close();
});

const claim = (as: string, body: unknown) =>
  call<ClaimWire & ProblemJson>(erp, 'POST', '/api/v1/reminder-claims', { as, body });
const confirm = (as: string, key: string, body: unknown) =>
  call<{ entries: LogEntryWire[] } & ProblemJson>(erp, 'POST', `/api/v1/reminder-claims/${key}/confirm`, {
    as,
    body,
  });
const release = (as: string, key: string) => call(erp, 'DELETE', `/api/v1/reminder-claims/${key}`, { as });
const removeLog = (as: string, key: string) => call(erp, 'DELETE', `/api/v1/reminder-log/${key}`, { as });
const log = async (since?: string) => {
  const answer = await call<LogJson>(
    erp,
    'GET',
    `/api/v1/reminder-log${since !== undefined ? `?since=${since}` : ''}`,
    { as: MARTA },
  );
  expect(answer.status).toBe(200);
  return answer.body;
};

test('two users racing for the same triples: exactly one wins, the other gets 409 naming the winner', async () => {
  for (let round = 0; round < 40; round++) {
    const request = claimRequest('L3', [
      ['I01', round],
      ['I04', round],
    ]);
    const [a, b] = await Promise.all([claim(MARTA, request), claim(LUCA, request)]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([201, 409]);
    const [winner, loser] = a.status === 201 ? [a, b] : [b, a];
    expect(loser.body.holder).toBe(winner.body.owner);
    expect(loser.body.heldSince).toBe(winner.body.claimedAt);
    expect(loser.body.conflicts).toHaveLength(2);
  }
  expect((await log()).claims).toHaveLength(40);
});

test('racing with different keys over overlapping items: never both, and the loser claims nothing', async () => {
  for (let round = 0; round < 20; round++) {
    const one = claimRequest('L2', [
      ['I01', round],
      ['I02', round],
    ]);
    const other = claimRequest('L2', [
      ['I02', round],
      ['I03', round],
    ]);
    const [a, b] = await Promise.all([claim(MARTA, one), claim(LUCA, other)]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.body.conflicts).toEqual([
      expect.objectContaining({ itemId: 'I02', levelId: 'L2', cycle: round }),
    ]);
  }
  // All or nothing: the losers' other item (I01 or I03) was not taken either.
  const held = (await log()).claims.flatMap((c) => c.items.map((i) => `${i.itemId}/${i.cycle}`));
  expect(held).toHaveLength(40);
  expect(new Set(held).size).toBe(40);
});

test('the claim answers 201 with the claim; the owner repeating it gets 200 and the same claim', async () => {
  const request = claimRequest('L2', [
    ['I02', 0],
    ['I01', 0],
  ]);
  const first = await claim(MARTA, request);
  expect(first.status).toBe(201);
  expect(first.body).toEqual({
    key: request.key,
    levelId: 'L2',
    items: [
      { itemId: 'I01', cycle: 0 },
      { itemId: 'I02', cycle: 0 },
    ],
    owner: MARTA,
    claimedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
  });
  expect(first.headers.get('location')).toBe(`/api/v1/reminder-claims/${request.key}`);
  const again = await claim(MARTA, request);
  expect(again.status).toBe(200);
  expect(again.body).toEqual(first.body);
  // Case does not matter in the enabled users list; the owner is the token's lower-case address.
  expect(first.body.owner).toBe('marta@example.it');
});

test('a different key over a triple already claimed is 409, even for the same user', async () => {
  await claim(MARTA, claimRequest('L2', [['I01', 0]]));
  const overlapping = await claim(
    MARTA,
    claimRequest('L2', [
      ['I01', 0],
      ['I02', 0],
    ]),
  );
  expect(overlapping.status).toBe(409);
  expect(overlapping.body).toMatchObject({
    holder: MARTA,
    conflicts: [{ itemId: 'I01', levelId: 'L2', cycle: 0, state: 'claimed' }],
  });
  expect(overlapping.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  // Another level or cycle of the same item is another triple.
  expect((await claim(LUCA, claimRequest('L3', [['I01', 0]]))).status).toBe(201);
  expect((await claim(LUCA, claimRequest('L2', [['I01', 1]]))).status).toBe(201);
});

test('only enabled users claim: a signed-in user not in enabledUsers gets 403, the static key 403, nobody 401', async () => {
  const request = claimRequest('L2', [['I01', 0]]);
  expect((await claim(GUEST, request)).status).toBe(403);
  expect((await claim('static', request)).status).toBe(403);
  expect((await call(erp, 'POST', '/api/v1/reminder-claims', { body: request })).status).toBe(401);
  expect((await log()).claims).toEqual([]);
});

test('confirming re-checks the enabled-user rule: a user removed from enabledUsers after claiming gets 403', async () => {
  const request = claimRequest('L2', [['I01', 0]]);
  expect((await claim(LUCA, request)).status).toBe(201);
  // An administrator takes Luca off the enabled users while his claim is open.
  const current = await call<ReminderSetupWire>(erp, 'GET', '/api/v1/reminder-setup', { as: ADMIN });
  const enabledUsers = current.body.enabledUsers.filter((user) => user.toLowerCase() !== LUCA);
  const saved = await call(erp, 'PUT', '/api/v1/reminder-setup', {
    as: ADMIN,
    body: { ...current.body, enabledUsers },
    headers: { 'If-Match': current.headers.get('etag') ?? '' },
  });
  expect(saved.status).toBe(200);

  const refused = await confirm(LUCA, request.key, confirmation('sent'));
  expect(refused.status).toBe(403);
  expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(refused.body).toMatchObject({ status: 403, detail: expect.stringContaining('not an enabled user') });
  const after = await log();
  expect(after.entries).toEqual([]);
  expect(after.claims).toEqual([expect.objectContaining({ key: request.key, owner: LUCA })]);
  // He may still give the claim back, so nobody is left waiting on it.
  expect((await release(LUCA, request.key)).status).toBe(204);
});

test('bad claim bodies are 400 naming the field', async () => {
  const good = claimRequest('L2', [['I01', 0]]);
  const field = async (body: unknown) => {
    const answer = await claim(MARTA, body);
    expect(answer.status).toBe(400);
    return answer.body.field;
  };
  expect(await field({ ...good, key: 'abc' })).toBe('key');
  expect(await field({ ...good, items: [] })).toBe('items');
  expect(await field({ ...good, items: [{ itemId: 'I01', cycle: -1 }] })).toBe('items.0.cycle');
  expect(await field({ ...good, items: [{ itemId: 'I01', cycle: 0.5 }] })).toBe('items.0.cycle');
  expect(await field({ key: good.key, items: good.items })).toBe('levelId');
  // The key must be the communication key of the level and items.
  expect(await field({ ...good, levelId: 'L3' })).toBe('key');
  expect(
    await field(
      claimRequest('L2', [
        ['I01', 0],
        ['I01', 1],
      ]),
    ),
  ).toBe('items.1.itemId');
  // Well-formed but naming what the ERP does not have: 422.
  const unknownItem = await claim(
    MARTA,
    claimRequest('L2', [
      ['I01', 0],
      ['NOPE', 0],
    ]),
  );
  expect(unknownItem.body).toMatchObject({ status: 422, field: 'items.1.itemId' });
  const unknownLevel = await claim(MARTA, claimRequest('L9', [['I01', 0]]));
  expect(unknownLevel.body).toMatchObject({ status: 422, field: 'levelId' });
});

test('one communication per customer: each item is claimed at its own level, all or nothing, and logged at its own level', async () => {
  // I01 at L2 and I02 at L3, in one communication whose level is L3 (docs/rules.md §3.11).
  const request = claimRequestWithLevels('L3', [
    ['I02', 'L3', 0],
    ['I01', 'L2', 0],
  ]);
  const first = await claim(MARTA, request);
  expect(first.status).toBe(201);
  // An item's level is on the wire where it differs from the claim's.
  expect(first.body).toMatchObject({
    key: request.key,
    levelId: 'L3',
    items: [
      { itemId: 'I01', cycle: 0, levelId: 'L2' },
      { itemId: 'I02', cycle: 0 },
    ],
  });
  expect((await claim(MARTA, request)).status).toBe(200);

  // The triple (I01, L2, 0) is held; (I01, L3, 0) is another reminder, free.
  const pairAtL2 = await claim(LUCA, claimRequest('L2', [['I01', 0]]));
  expect(pairAtL2.body).toMatchObject({
    status: 409,
    holder: MARTA,
    conflicts: [{ itemId: 'I01', levelId: 'L2', cycle: 0, state: 'claimed' }],
  });
  const atL3 = claimRequest('L3', [['I01', 0]]);
  expect((await claim(LUCA, atL3)).status).toBe(201);
  expect((await release(LUCA, atL3.key)).status).toBe(204);
  // All or nothing with item levels too: I03 is not taken when I02 at L3 is held.
  const overlapping = await claim(
    LUCA,
    claimRequestWithLevels('L3', [
      ['I03', 'L2', 0],
      ['I02', 'L3', 0],
    ]),
  );
  expect(overlapping.body).toMatchObject({
    status: 409,
    conflicts: [{ itemId: 'I02', levelId: 'L3', cycle: 0 }],
  });
  expect((await log()).claims.map((c) => c.key)).toEqual([request.key]);

  // The key is the triples' key: the pairs' key, or another item level, is refused.
  expect(
    (
      await claim(MARTA, {
        ...request,
        key: claimRequest('L3', [
          ['I01', 0],
          ['I02', 0],
        ]).key,
      })
    ).body,
  ).toMatchObject({ status: 400, field: 'key' });
  const elsewhere = claimRequestWithLevels('L3', [['I04', 'L9', 0]]);
  expect((await claim(MARTA, elsewhere)).body).toMatchObject({ status: 422, field: 'items.0.levelId' });

  const confirmed = await confirm(MARTA, request.key, confirmation('sent', { messageId: 'sent-1' }));
  expect(confirmed.status).toBe(200);
  const entries = (await log()).entries.map(({ key, itemId, levelId, cycle, state }) => ({
    key,
    itemId,
    levelId,
    cycle,
    state,
  }));
  expect(entries).toEqual([
    { key: request.key, itemId: 'I01', levelId: 'L2', cycle: 0, state: 'sent' },
    { key: request.key, itemId: 'I02', levelId: 'L3', cycle: 0, state: 'sent' },
  ]);
});

test('a claim of one communication per customer is released as any other, and its triples can be claimed again', async () => {
  const request = claimRequestWithLevels('L3', [
    ['I01', 'L2', 1],
    ['I02', 'L3', 0],
  ]);
  expect((await claim(MARTA, request)).status).toBe(201);
  expect((await release(LUCA, request.key)).status).toBe(403);
  expect((await release(MARTA, request.key)).status).toBe(204);
  expect((await log()).claims).toEqual([]);
  expect((await claim(LUCA, claimRequest('L2', [['I01', 1]]))).status).toBe(201);
});

test('a claim is released by its owner or an administrator, by nobody else, and then can be claimed again', async () => {
  const request = claimRequest('L2', [['I01', 0]]);
  await claim(MARTA, request);
  expect((await release(LUCA, request.key)).status).toBe(403);
  expect((await release('static', request.key)).status).toBe(403);
  expect((await release(MARTA, request.key)).status).toBe(204);
  expect((await release(MARTA, request.key)).status).toBe(404);
  expect((await claim(LUCA, request)).status).toBe(201);
  expect((await release(ADMIN, request.key)).status).toBe(204);
  expect((await log()).claims).toEqual([]);
  expect((await release(MARTA, 'not-a-key')).body).toMatchObject({ status: 400, field: 'key' });
});

test('confirming turns the claim into log entries, which the log shows and which block new claims', async () => {
  const request = claimRequest('L2', [
    ['I01', 0],
    ['I02', 0],
  ]);
  await claim(MARTA, request);
  const before = await log();
  expect(before.claims).toEqual([expect.objectContaining({ key: request.key, owner: MARTA })]);
  expect(before.entries).toEqual([]);

  expect((await confirm(LUCA, request.key, confirmation('drafted'))).status).toBe(403);
  const drafted = confirmation('drafted', { cc: ['agente@example.it'] });
  const confirmed = await confirm(MARTA, request.key, drafted);
  expect(confirmed.status).toBe(200);
  expect(confirmed.body.entries).toHaveLength(2);

  const after = await log(before.syncToken);
  expect(after.claims).toEqual([]);
  expect(after.entries).toEqual(
    ['I01', 'I02'].map((itemId) => ({
      key: request.key,
      itemId,
      levelId: 'L2',
      cycle: 0,
      state: 'drafted',
      sentOn: '2026-03-15',
      at: '2026-03-15T09:30:00.000Z',
      user: MARTA,
      messageId: drafted.messageId,
      to: ['amministrazione@c1.example.it'],
      cc: ['agente@example.it'],
    })),
  );
  expect(after.removed).toEqual([]);

  // The logged triples are taken, for everyone, the owner included.
  const again = await claim(
    LUCA,
    claimRequest('L2', [
      ['I02', 0],
      ['I03', 0],
    ]),
  );
  expect(again.status).toBe(409);
  expect(again.body).toMatchObject({
    holder: MARTA,
    heldSince: '2026-03-15T09:30:00.000Z',
    conflicts: [{ itemId: 'I02', state: 'drafted' }],
  });
  expect((await claim(MARTA, request)).status).toBe(409);
  // A confirmed claim is no longer released, only its log entries removed.
  expect((await release(MARTA, request.key)).status).toBe(409);
});

test('a draft confirmed again as sent updates its entries; sent is final', async () => {
  const request = claimRequest('L3', [['I05', 2]]);
  await claim(LUCA, request);
  await confirm(LUCA, request.key, confirmation('drafted', { messageId: 'draft-1' }));
  const { syncToken } = await log();
  const sent = await confirm(
    LUCA,
    request.key,
    confirmation('sent', { messageId: 'sent-1', at: '2026-03-16T08:00:00.000Z', sentOn: '2026-03-16' }),
  );
  expect(sent.status).toBe(200);
  const changes = await log(syncToken);
  expect(changes.entries).toEqual([
    expect.objectContaining({
      itemId: 'I05',
      state: 'sent',
      messageId: 'sent-1',
      sentOn: '2026-03-16',
      at: '2026-03-16T08:00:00.000Z',
    }),
  ]);
  // Repeating is harmless; going back is refused.
  expect(
    (
      await confirm(
        LUCA,
        request.key,
        confirmation('sent', { messageId: 'sent-1', at: '2026-03-16T08:00:00.000Z', sentOn: '2026-03-16' }),
      )
    ).status,
  ).toBe(200);
  expect((await log(changes.syncToken)).entries).toEqual([]);
  expect((await confirm(LUCA, request.key, confirmation('drafted'))).body).toMatchObject({
    status: 409,
    field: 'state',
  });
  expect((await confirm(LUCA, 'f'.repeat(64), confirmation('sent'))).status).toBe(404);
});

test('handled marks are log entries without a message id', async () => {
  const request = claimRequest('L1', [['I06', 0]]);
  await claim(MARTA, request);
  await confirm(MARTA, request.key, confirmation('handled', { to: [] }));
  const entry = (await log()).entries[0];
  expect(entry).toMatchObject({ state: 'handled', to: [], cc: [] });
  expect(entry).not.toHaveProperty('messageId');
});

test('removing the entries of a deleted draft frees the triples and shows in other clients’ deltas as removed', async () => {
  const request = claimRequest('L2', [
    ['I01', 0],
    ['I02', 0],
  ]);
  await claim(MARTA, request);
  await confirm(MARTA, request.key, confirmation('drafted'));
  const other = await log(); // another client, up to date
  expect(other.entries).toHaveLength(2);

  expect((await removeLog(LUCA, request.key)).status).toBe(403);
  expect((await removeLog(MARTA, request.key)).status).toBe(204);
  expect((await removeLog(MARTA, request.key)).status).toBe(404);
  const delta = await log(other.syncToken);
  expect(delta.entries).toEqual([]);
  expect(delta.removed).toEqual([
    { key: request.key, itemId: 'I01' },
    { key: request.key, itemId: 'I02' },
  ]);
  // A full read has no removals to report, and no entries.
  expect(await log()).toMatchObject({ entries: [], removed: [] });

  // The same communication can be claimed and drafted again; the new entry supersedes the removal.
  expect((await claim(LUCA, request)).status).toBe(201);
  await confirm(LUCA, request.key, confirmation('drafted'));
  const again = await log(other.syncToken);
  expect(again.removed).toEqual([]);
  expect(again.entries.map((entry) => entry.user)).toEqual([LUCA, LUCA]);
  // An administrator may remove them too; sent entries cannot be removed.
  expect((await removeLog(ADMIN, request.key)).status).toBe(204);
  const sentRequest = claimRequest('L2', [['I03', 0]]);
  await claim(MARTA, sentRequest);
  await confirm(MARTA, sentRequest.key, confirmation('sent'));
  expect((await removeLog(MARTA, sentRequest.key)).status).toBe(409);
  // Unconfirmed claims have no log entries to remove: release them.
  const open = claimRequest('L2', [['I04', 0]]);
  await claim(MARTA, open);
  expect((await removeLog(MARTA, open.key)).status).toBe(404);
});

test('the log since a token returns only what changed; the static key may read it; tokens are checked', async () => {
  const first = claimRequest('L2', [['I01', 0]]);
  await claim(MARTA, first);
  await confirm(MARTA, first.key, confirmation('sent'));
  const { syncToken } = await log();
  const second = claimRequest('L2', [['I02', 0]]);
  await claim(LUCA, second);
  await confirm(LUCA, second.key, confirmation('sent'));
  const third = claimRequest('L3', [['I03', 0]]);
  await claim(LUCA, third);

  const viaKey = await call<LogJson>(erp, 'GET', `/api/v1/reminder-log?since=${syncToken}`, { as: 'static' });
  expect(viaKey.status).toBe(200);
  expect(viaKey.body.entries.map((entry) => entry.key)).toEqual([second.key]);
  expect(viaKey.body.claims.map((c) => c.key)).toEqual([third.key]);
  expect((await call(erp, 'GET', '/api/v1/reminder-log?since=bogus', { as: MARTA })).body).toMatchObject({
    status: 400,
    field: 'since',
  });
});

test('claims survive any wait: nothing expires them', async () => {
  let now = Date.parse('2026-03-15T09:00:00Z');
  await erp.close();
  erp = await startTestErp({ seed: books(2), now: () => now });
  const request = claimRequest('L2', [['I01', 0]]);
  const token = tokenFor(MARTA, { now });
  const claimed = await call<ClaimWire>(erp, 'POST', '/api/v1/reminder-claims', {
    body: request,
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(claimed.status).toBe(201);
  now += 30 * 24 * 3600 * 1000;
  const later = await call(erp, 'POST', '/api/v1/reminder-claims', { as: LUCA, body: request });
  expect(later.body).toMatchObject({ status: 409, holder: MARTA, heldSince: '2026-03-15T09:00:00.000Z' });
});
