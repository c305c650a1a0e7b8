/**
 * Reconciliation and the rebuild of an emptied cache: the ERP's log and the mailbox are the truth. Drafts
 * the user sent from Outlook become `sent` (on the day they were sent), drafts the user deleted free
 * their items, claims left open by a crash are resolved from Drafts and Sent Items — and after the rebuild
 * the whole plan goes through the outbox again with nothing sent twice.
 */
import { communicationKey, itemCyclesOf } from '../../src/domain/communication-key';
import type { Communication } from '../../src/domain/plan-reminders';
import type { Checkpoint } from '../../src/mail/job-runner';
import { enqueueBatch } from '../../src/mail/outbox';
import { reconcileMailbox } from '../../src/mail/reconcile';
import {
  MARTA,
  TODAY,
  duplicates,
  planFor,
  startBench,
  submittedTriples,
  triplesOf,
  userOf,
  type Bench,
} from './harness';

jest.setTimeout(30_000);

let bench: Bench;

beforeAll(async () => {
  bench = await startBench({ customers: 40, items: 200, seed: 5 });
});
afterAll(() => bench.close());

const keyOf = (communication: Communication) =>
  communicationKey(communication.levelId, itemCyclesOf(communication));

/**
 * Runs one reminder through a send batch in a cache of its own (a pane that is then lost) and kills the
 * worker at `point`, leaving its claim open.
 */
async function crashAt(communication: Communication, point: Checkpoint): Promise<void> {
  const user = userOf(bench, MARTA);
  await enqueueBatch(user.db, { mode: 'send', communications: [communication] });
  const life = new AbortController();
  await user
    .worker({ checkpoint: (at) => at === point && life.abort(new Error(`crash at ${point}`)) })
    .run(life.signal);
  expect(life.signal.aborted).toBe(true);
}

test('an emptied cache is rebuilt from the ERP log and the mailbox, and nothing is sent twice afterwards', async () => {
  const marta = userOf(bench, MARTA);
  const plan = await planFor(marta);
  const [d1, d2, d3, d4, c1, c2, c3, ...rest] = plan;
  if (
    c3 === undefined ||
    d1 === undefined ||
    d2 === undefined ||
    d3 === undefined ||
    d4 === undefined ||
    c1 === undefined ||
    c2 === undefined
  )
    throw new Error('seed too small');
  const sends = rest.slice(0, 5);
  await enqueueBatch(marta.db, { mode: 'draft', communications: [d1, d2, d3, d4] });
  await enqueueBatch(marta.db, { mode: 'send', communications: sends });
  expect((await marta.worker().run()).status).toBe('done');

  // In Outlook, the clerk sends two of the drafts and deletes a third.
  const draftIdOf = async (communication: Communication) =>
    (await marta.db.outbox.get(keyOf(communication)))?.messageId ?? '';
  await marta.mailer.send(await draftIdOf(d1));
  await marta.mailer.send(await draftIdOf(d2));
  await marta.mailer.deleteMessage(await draftIdOf(d3));
  // Three jobs cut short by crashes: sent but not recorded, drafted but not recorded, only claimed.
  await crashAt(c1, 'after-send');
  await crashAt(c2, 'after-create');
  await crashAt(c3, 'after-claim');
  expect((await marta.erp.reminderLog()).claims.map((claim) => claim.key).sort()).toEqual(
    [c1, c2, c3].map(keyOf).sort(),
  );

  // The cache is lost (another Outlook, cleared storage): a new, empty database.
  const rebuilt = userOf(bench, MARTA);
  const report = await reconcileMailbox(rebuilt, { minClaimAgeMs: 0, settleMs: 300 });
  expect(report).toEqual({
    sentFromOutlook: 2,
    draftsDeleted: 1,
    claimsConfirmed: 2,
    claimsReleased: 1,
    skipped: false,
  });

  const log = await rebuilt.erp.reminderLog();
  expect(log.claims).toEqual([]);
  const stateOf = (communication: Communication) => [
    ...new Set(
      log.entries
        .filter((entry) => entry.key === keyOf(communication))
        .map((entry) => `${entry.state} ${entry.sentOn}`),
    ),
  ];
  expect(stateOf(d1)).toEqual([`sent ${TODAY}`]);
  expect(stateOf(d2)).toEqual([`sent ${TODAY}`]);
  expect(stateOf(d3)).toEqual([]);
  expect(stateOf(d4)).toEqual([`drafted ${TODAY}`]);
  expect(stateOf(c1)).toEqual([`sent ${TODAY}`]);
  expect(stateOf(c2)).toEqual([`drafted ${TODAY}`]);
  expect(stateOf(c3)).toEqual([]);
  // The rebuilt ledger is the ERP's log.
  expect(await rebuilt.db.ledger.count()).toBe(log.entries.length);
  const sentMessage = bench.sim.control
    .dump(MARTA)
    .folders.sentitems.find((m) => m.singleValueExtendedProperties.some((p) => p.value === keyOf(d1)));
  expect(log.entries.find((entry) => entry.key === keyOf(d1))?.messageId).toBe(sentMessage?.immutableId);

  // Everything due now goes out: the deleted draft's and the released claim's reminders among them —
  // and nothing already sent or still drafted.
  const due = await planFor(rebuilt);
  const dueKeys = new Set(due.map(keyOf));
  for (const communication of [d1, d2, d4, c1, c2, ...sends])
    expect(dueKeys.has(keyOf(communication))).toBe(false);
  expect(dueKeys.has(keyOf(d3))).toBe(true);
  expect(dueKeys.has(keyOf(c3))).toBe(true);
  await enqueueBatch(rebuilt.db, { mode: 'send', communications: due });
  expect((await rebuilt.worker().run()).status).toBe('done');
  const counts = submittedTriples(bench, [MARTA]);
  expect(duplicates(counts)).toEqual([]);
  expect([...counts.keys()].sort()).toEqual(triplesOf([d1, d2, c1, ...sends, ...due]).sort());
});

test('reconciling a live cache: a draft sent from Outlook is logged as sent, a deleted one frees its items', async () => {
  await bench.sim.control.reset();
  bench.erp.mutations.reset();
  const marta = userOf(bench, MARTA);
  const [kept, sentLater, deleted] = await planFor(marta);
  if (kept === undefined || sentLater === undefined || deleted === undefined)
    throw new Error('seed too small');
  await enqueueBatch(marta.db, { mode: 'draft', communications: [kept, sentLater, deleted] });
  expect((await marta.worker().run()).status).toBe('done');
  const idOf = async (communication: Communication) =>
    (await marta.db.outbox.get(keyOf(communication)))?.messageId ?? '';
  await marta.mailer.send(await idOf(sentLater));
  await marta.mailer.deleteMessage(await idOf(deleted));

  // Right after the send the message is in no folder yet: reconciliation waits for it rather than
  // concluding the draft was deleted.
  const report = await reconcileMailbox(marta, { settleMs: 300 });
  expect(report).toMatchObject({
    sentFromOutlook: 1,
    draftsDeleted: 1,
    claimsConfirmed: 0,
    claimsReleased: 0,
  });
  const states = new Map((await marta.db.ledger.toArray()).map((entry) => [entry.key, entry.state]));
  expect(states.get(keyOf(kept))).toBe('drafted');
  expect(states.get(keyOf(sentLater))).toBe('sent');
  expect(states.has(keyOf(deleted))).toBe(false);
  expect((await reconcileMailbox(marta, { settleMs: 300 })).sentFromOutlook).toBe(0); // nothing twice
});

test('a log entry or claim whose key is not a communication key is set aside and reported; the others are reconciled', async () => {
  await bench.sim.control.reset();
  bench.erp.mutations.reset();
  const marta = userOf(bench, MARTA);
  const [drafted, claimed, ...others] = await planFor(marta);
  if (drafted === undefined || claimed === undefined) throw new Error('seed too small');
  await enqueueBatch(marta.db, { mode: 'draft', communications: [drafted] });
  expect((await marta.worker().run()).status).toBe('done');
  await marta.mailer.send((await marta.db.outbox.get(keyOf(drafted)))?.messageId ?? '');
  await crashAt(claimed, 'after-claim');

  // The ERP's own records hold two malformed keys (written below its HTTP checks, as a buggy ERP would).
  const spare = others.flatMap((communication) => communication.lines.map((line) => line.item.id));
  const [forEntry, forClaim] = spare;
  if (forEntry === undefined || forClaim === undefined) throw new Error('seed too small');
  const longAgo = new Date(Date.now() - 3_600_000);
  const reminders = bench.erp.store.reminders;
  const badEntryKey = "x' or true or '";
  expect(
    reminders.claim(
      { key: badEntryKey, levelId: 'L1', items: [{ itemId: forEntry, cycle: 0 }] },
      MARTA,
      longAgo,
    ).kind,
  ).toBe('created');
  const at = longAgo.toISOString();
  const confirmed = reminders.confirm(
    badEntryKey,
    { state: 'drafted', messageId: 'AAMk-bogus', to: [], cc: [], at, sentOn: TODAY },
    { email: MARTA, isAdministrator: false },
  );
  expect(confirmed.kind).toBe('confirmed');
  const badClaimKey = 'F'.repeat(64);
  expect(
    reminders.claim(
      { key: badClaimKey, levelId: 'L1', items: [{ itemId: forClaim, cycle: 0 }] },
      MARTA,
      longAgo,
    ).kind,
  ).toBe('created');

  const report = await reconcileMailbox(userOf(bench, MARTA), { minClaimAgeMs: 0, settleMs: 300 });
  expect(report).toMatchObject({
    sentFromOutlook: 1,
    draftsDeleted: 0,
    claimsConfirmed: 0,
    claimsReleased: 1,
    skipped: false,
  });
  expect(report.quarantined?.map((record) => [record.recordId, record.reason])).toEqual([
    [badEntryKey, 'log entry key: must be a communication key (64 lower-case hex digits)'],
    [badClaimKey, 'claim key: must be a communication key (64 lower-case hex digits)'],
  ]);
  const log = await marta.erp.reminderLog();
  expect(
    new Set(log.entries.filter((entry) => entry.key === keyOf(drafted)).map((entry) => entry.state)),
  ).toEqual(new Set(['sent']));
  expect(log.claims).toEqual([]);
  expect(log.quarantined).toHaveLength(2);
});

test('a malformed key already in an older cache is set aside and reported, not looked up', async () => {
  await bench.sim.control.reset();
  bench.erp.mutations.reset();
  const marta = userOf(bench, MARTA);
  await planFor(marta);
  const stale = {
    key: 'not-a-key',
    itemId: 'I-old',
    levelId: 'L1',
    cycle: 0,
    sentOn: TODAY,
    state: 'drafted' as const,
    at: new Date().toISOString(),
    user: MARTA,
    messageId: 'AAMk-old',
    to: [],
    cc: [],
  };
  await marta.db.ledger.put(stale);
  const report = await reconcileMailbox(marta, { settleMs: 300 });
  expect(report).toMatchObject({
    sentFromOutlook: 0,
    draftsDeleted: 0,
    claimsConfirmed: 0,
    claimsReleased: 0,
    skipped: false,
  });
  expect(report.quarantined).toEqual([
    {
      resource: 'reminder-log',
      recordId: 'not-a-key',
      reason: 'cached log entry key: must be a communication key (64 lower-case hex digits)',
      raw: expect.objectContaining({ key: 'not-a-key' }),
    },
  ]);
});
