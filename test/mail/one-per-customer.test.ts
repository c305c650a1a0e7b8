/**
 * One communication per customer (docs/rules.md §3.11) through the outbox, against the demo ERP and the
 * Graph simulator over HTTP: a customer whose due items stand at two levels gets exactly one e-mail, at the
 * highest level, each item claimed, logged and recorded at its own level; nothing goes out twice; an emptied
 * cache is rebuilt with the same ledger; a send whose outcome was lost is resolved by looking.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { itemLevelOf, keyOfCommunication, keyOfItems } from '../../src/domain/communication-key';
import {
  compareLines,
  planReminders,
  type Communication,
  type Plan,
  type PlanInput,
} from '../../src/domain/plan-reminders';
import type { Planner } from '../../src/mail/freshness';
import { takeSnapshot } from '../../src/mail/freshness';
import { readTags } from '../../src/mail/message-tags';
import { enqueueBatch } from '../../src/mail/outbox';
import { reconcileMailbox } from '../../src/mail/reconcile';
import { openDatabase } from '../../src/store/db';
import { syncAll } from '../../src/store/sync';
import { MARTA, duplicates, startBench, submittedTriples, userOf, type Bench, type User } from './harness';

jest.setTimeout(30_000);

/**
 * The plan with one communication per (customer, currency), at the highest level of its items, every item
 * keeping its own level — the engine's rule for `onePerCustomer`, applied to its answer. When the engine
 * already groups so (one communication per customer and currency), this changes nothing.
 */
const onePerCustomer: Planner = (input: PlanInput): Plan => {
  const plan = planReminders(input);
  if (!input.setup.onePerCustomer) return plan;
  const rank = new Map(input.setup.levels.map((level, index) => [level.id, index] as const));
  const groups = new Map<string, Communication[]>();
  for (const communication of plan.communications) {
    const group = `${communication.customerId}|${communication.currency}`;
    groups.set(group, [...(groups.get(group) ?? []), communication]);
  }
  const communications = [...groups.values()].map((parts): Communication => {
    const [first] = parts;
    if (first === undefined || parts.length === 1) return first as Communication;
    const top = parts.reduce((a, b) => ((rank.get(b.levelId) ?? -1) > (rank.get(a.levelId) ?? -1) ? b : a));
    return {
      ...top,
      lines: parts.flatMap((part) => part.lines).sort(compareLines),
      total: parts.reduce((sum, part) => sum + part.total, 0) as Communication['total'],
      cc: [...new Set(parts.flatMap((part) => part.cc))],
    };
  });
  return { communications, skipped: plan.skipped };
};

let bench: Bench;
beforeAll(async () => {
  bench = await startBench({
    customers: 40,
    items: 200,
    setup: (setup) => ({ ...setup, groupByCustomer: true, onePerCustomer: true }),
  });
});
afterAll(() => bench.close());

/** The user's plan from a fresh sync, by key. */
async function planOf(user: User): Promise<Map<string, Communication>> {
  await syncAll(user.db, user.erp);
  const outcome = await takeSnapshot(user.db, Date.now(), onePerCustomer);
  if (!outcome.ok) throw new Error(outcome.message);
  return new Map(outcome.snapshot.byKey);
}

/** Communications whose items stand at more than one level. */
const mixed = (plan: ReadonlyMap<string, Communication>): Communication[] =>
  [...plan.values()].filter(
    (communication) => new Set(communication.lines.map((line) => line.levelId)).size > 1,
  );

const itemsAtTheirLevels = (communication: Communication) =>
  communication.lines
    .map((line) => ({ itemId: line.item.id, levelId: line.levelId, cycle: line.cycle }))
    .sort((a, b) => (a.itemId < b.itemId ? -1 : 1));

const sentTo = (customerAddresses: readonly string[]) =>
  bench.sim.control
    .dump(MARTA)
    .sent.filter((message) => message.to.some((address) => customerAddresses.includes(address)));

test('a customer with items at two levels gets one e-mail; the ERP and the ledger hold each item at its own level; nothing twice; an emptied cache rebuilds the same ledger', async () => {
  const marta = userOf(bench, MARTA);
  const plan = await planOf(marta);
  const [communication] = mixed(plan);
  if (communication === undefined) throw new Error('the seed has no customer with due items at two levels');
  const levels = new Set(communication.lines.map((line) => line.levelId));
  expect(levels.size).toBeGreaterThan(1);
  const key = keyOfCommunication(communication, true);
  expect(plan.get(key)).toBe(communication);

  const queued = await enqueueBatch(marta.db, { mode: 'send', communications: [communication] });
  expect(queued.queued).toEqual([key]);
  const result = await marta.worker({ planner: onePerCustomer }).run();
  expect(result).toMatchObject({ status: 'done', progress: { sent: 1, failed: 0, remaining: 0 } });

  // Exactly one e-mail to the customer, tagged with its key and every item at its own level.
  bench.sim.control.deliverPending();
  const messages = sentTo(communication.to);
  expect(messages).toHaveLength(1);
  const tags = readTags(messages[0]?.singleValueExtendedProperties);
  expect(tags.key).toBe(key);
  expect(keyOfItems(communication.levelId, tags.items ?? [])).toBe(key);
  expect(
    (tags.items ?? []).map((entry) => ({
      itemId: entry[0],
      levelId: itemLevelOf(entry, communication.levelId),
      cycle: entry[1],
    })),
  ).toEqual(itemsAtTheirLevels(communication));
  expect(duplicates(submittedTriples(bench, [MARTA]))).toEqual([]);

  // The ERP's log and the local ledger: one entry per item, at the item's own level.
  const logged = (await marta.erp.reminderLog()).entries.filter((entry) => entry.key === key);
  expect(
    logged
      .map(({ itemId, levelId, cycle }) => ({ itemId, levelId, cycle }))
      .sort((a, b) => (a.itemId < b.itemId ? -1 : 1)),
  ).toEqual(itemsAtTheirLevels(communication));
  expect(logged.every((entry) => entry.state === 'sent')).toBe(true);
  const ledgerOf = async (user: User) =>
    (await user.db.ledger.where('key').equals(key).toArray())
      .map(({ itemId, levelId, cycle, state, sentOn }) => ({ itemId, levelId, cycle, state, sentOn }))
      .sort((a, b) => (a.itemId < b.itemId ? -1 : 1));
  const ledger = await ledgerOf(marta);
  expect(ledger.map(({ itemId, levelId, cycle }) => ({ itemId, levelId, cycle }))).toEqual(
    itemsAtTheirLevels(communication),
  );

  // A second run sends nothing: the reminder is done, and none of its items is due again today.
  expect((await enqueueBatch(marta.db, { mode: 'send', communications: [communication] })).skipped).toEqual([
    { key, reason: 'done' },
  ]);
  const again = await planOf(marta);
  const itemIds = new Set(communication.lines.map((line) => line.item.id));
  expect(
    [...again.values()].filter((other) => other.lines.some((line) => itemIds.has(line.item.id))),
  ).toEqual([]);
  await enqueueBatch(marta.db, {
    mode: 'send',
    communications: [...again.values()].filter((other) => other.customerId === communication.customerId),
  });
  expect(await marta.worker({ planner: onePerCustomer }).run()).toMatchObject({ status: 'done' });
  bench.sim.control.deliverPending();
  expect(sentTo(communication.to)).toHaveLength(1);

  // An emptied cache: reconciliation rebuilds the same ledger from the ERP and the mailbox.
  const emptied = userOf(bench, MARTA, {
    db: openDatabase(`one-per-customer-${Date.now()}`, { indexedDB: new IDBFactory(), IDBKeyRange }),
  });
  await reconcileMailbox(
    { db: emptied.db, erp: emptied.erp, mailer: emptied.mailer, me: MARTA },
    { settleMs: 250, minClaimAgeMs: 0 },
  );
  expect(await ledgerOf(emptied)).toEqual(ledger);
  const rebuilt = await planOf(emptied);
  expect(
    [...rebuilt.values()].filter((other) => other.lines.some((line) => itemIds.has(line.item.id))),
  ).toEqual([]);
  expect(sentTo(communication.to)).toHaveLength(1);
});

test('a send whose answer was lost, then Graph failing, leaves the job sending; the next run resolves it by looking — one e-mail, each item logged at its own level', async () => {
  const marta = userOf(bench, MARTA);
  const candidates = mixed(await planOf(marta)).filter(
    (communication) => sentTo(communication.to).length === 0,
  );
  const [communication] = candidates;
  if (communication === undefined)
    throw new Error('the seed has no second customer with due items at two levels');
  const key = keyOfCommunication(communication, true);
  await enqueueBatch(marta.db, { mode: 'send', communications: [communication] });

  const { control } = bench.sim;
  control.addFault({ method: 'POST', path: '/me/messages/*/send', kind: 'commit-then-drop', times: 1 });
  const crashed = await marta
    .worker({
      planner: onePerCustomer,
      checkpoint: (point) =>
        point === 'after-sending' &&
        void control.addFault({ method: 'GET', path: '**', kind: 'status', status: 503, times: 40 }),
    })
    .run();
  expect(crashed).toMatchObject({ status: 'stopped', reason: 'unreachable' });
  expect(await marta.db.outbox.get(key)).toMatchObject({ state: 'sending' });
  control.clearFaults();

  const resumed = await marta.worker({ planner: onePerCustomer }).run();
  expect(resumed).toMatchObject({ status: 'done', progress: { failed: 0, remaining: 0 } });
  expect(await marta.db.outbox.get(key)).toMatchObject({ state: 'sent', settled: true });
  control.deliverPending();
  expect(sentTo(communication.to)).toHaveLength(1);
  expect(duplicates(submittedTriples(bench, [MARTA]))).toEqual([]);
  const logged = (await marta.erp.reminderLog()).entries.filter((entry) => entry.key === key);
  expect(
    logged
      .map(({ itemId, levelId, cycle, state }) => ({ itemId, levelId, cycle, state }))
      .sort((a, b) => (a.itemId < b.itemId ? -1 : 1)),
  ).toEqual(itemsAtTheirLevels(communication).map((item) => ({ ...item, state: 'sent' })));
});

test('an item paid after queueing: the rest goes out in its place at the same level (a subset of its triples), each item logged at its own level', async () => {
  const marta = userOf(bench, MARTA);
  const [communication] = mixed(await planOf(marta)).filter((candidate) => sentTo(candidate.to).length === 0);
  if (communication === undefined)
    throw new Error('the seed has no third customer with due items at two levels');
  const key = keyOfCommunication(communication, true);
  await enqueueBatch(marta.db, { mode: 'send', communications: [communication] });
  // An item below the communication's level is paid: the rest keeps the highest level.
  const paid = communication.lines.find((line) => line.levelId !== communication.levelId);
  if (paid === undefined) throw new Error('no item below the level');
  bench.erp.mutations.pay({ itemId: paid.item.id });

  expect(await marta.worker({ planner: onePerCustomer }).run()).toMatchObject({ status: 'done' });
  expect(await marta.db.outbox.get(key)).toMatchObject({ state: 'cancelled', failure: 'replaced' });
  const rest = communication.lines.filter((line) => line !== paid);
  const replacement = (await marta.db.outbox.toArray()).find(
    (job) => job.key !== key && job.items.some(([itemId]) => itemId === rest[0]?.item.id),
  );
  expect(replacement).toMatchObject({ state: 'sent', levelId: communication.levelId });
  bench.sim.control.deliverPending();
  expect(sentTo(communication.to)).toHaveLength(1);
  const counts = submittedTriples(bench, [MARTA]);
  expect(duplicates(counts)).toEqual([]);
  expect([...counts.keys()].some((triple) => triple.startsWith(`${paid.item.id}|`))).toBe(false);
  for (const line of rest) expect(counts.get(`${line.item.id}|${line.levelId}|${line.cycle}`)).toBe(1);
  const logged = (await marta.erp.reminderLog()).entries.filter((entry) => entry.key === replacement?.key);
  expect(logged.map(({ itemId, levelId }) => `${itemId}|${levelId}`).sort()).toEqual(
    rest.map((line) => `${line.item.id}|${line.levelId}`).sort(),
  );
});
