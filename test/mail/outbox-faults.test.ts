/**
 * The outbox when things go wrong: Graph throttling and failing (with `Retry-After` the worker must not
 * need), connections dropped after the server acted, tokens expiring mid-batch, a mailbox blocked from
 * sending, payments arriving while a batch runs, PDFs missing or too big, a batch cancelled, and a user
 * who is not enabled. Exactly once is always counted from the simulator's submission log.
 */
import type { TokenProvider } from '../../src/auth/token-provider';
import { communicationKey, itemCyclesOf } from '../../src/domain/communication-key';
import { cents, formatMoney } from '../../src/domain/money';
import type { Communication } from '../../src/domain/plan-reminders';
import { enqueueBatch } from '../../src/mail/outbox';
import {
  MARTA,
  VIEWER,
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
  bench = await startBench({ customers: 40, items: 200, seed: 7 });
});
afterAll(() => bench.close());
beforeEach(async () => {
  await bench.sim.control.reset();
  bench.erp.mutations.reset();
});

const keyOf = (communication: Communication) =>
  communicationKey(communication.levelId, itemCyclesOf(communication));
const sentKeys = (user: string) =>
  new Set(
    bench.sim.control
      .dump(user)
      .sent.flatMap((record) =>
        record.singleValueExtendedProperties.filter((p) => /SollecitiKey$/.test(p.id)).map((p) => p.value),
      ),
  );

/** Runs workers until the outbox is settled (a run may stop to wait for an unconfirmed send). */
async function runToEnd(
  user: ReturnType<typeof userOf>,
  options: Parameters<ReturnType<typeof userOf>['worker']>[0] = {},
) {
  const results = [];
  for (let i = 0; i < 4; i++) {
    results.push(await user.worker(options).run());
    if ((await user.db.outbox.filter((job) => job.settled !== true).count()) === 0) break;
  }
  return results;
}

test('a 429 storm, 503s, dropped connections and connections dropped after the server acted: still exactly once', async () => {
  const marta = userOf(bench, MARTA);
  const plan = (await planFor(marta)).slice(0, 24);
  await enqueueBatch(marta.db, { mode: 'send', communications: plan });
  const { control } = bench.sim;
  // Retry-After says 30 s: a worker that waited for it would need 40 × 30 s, far past this test's timeout
  // (the mailer's own backoff is capped at 200 ms here). No stopwatch: machines are shared and noisy.
  control.addFault({ path: '**', kind: 'status', status: 429, retryAfterSeconds: 30, times: 40 });
  control.addFault({ method: 'POST', path: '/me/messages', kind: 'status', status: 503, times: 4 });
  control.addFault({ method: 'POST', path: '/me/messages/*/send', kind: 'status', status: 503, times: 4 });
  control.addFault({ method: 'POST', path: '/me/messages', kind: 'commit-then-drop', times: 3 });
  control.addFault({
    method: 'POST',
    path: '/me/messages/*/attachments',
    kind: 'commit-then-drop',
    times: 3,
  });
  control.addFault({ method: 'POST', path: '/me/messages/*/send', kind: 'commit-then-drop', times: 4 });
  control.addFault({ method: 'POST', path: '/me/messages/*/send', kind: 'drop', times: 2 });
  control.addFault({ method: 'PUT', path: '/outlook/**', kind: 'commit-then-drop', times: 1 });
  control.addFault({ method: 'GET', path: '/me/messages/*', kind: 'status', status: 500, times: 3 });

  const results = await runToEnd(marta);
  expect(results.at(-1)?.status).toBe('done');
  expect(control.faults()).toEqual([]); // every fault was met
  expect(marta.mailer.stats.throttled).toBeGreaterThanOrEqual(40);

  const counts = submittedTriples(bench, [MARTA]);
  expect(duplicates(counts)).toEqual([]);
  expect([...counts.keys()].sort()).toEqual(triplesOf(plan).sort());
  expect(bench.sim.control.dump(MARTA).folders.drafts).toEqual([]);
  expect((await marta.erp.reminderLog()).claims).toEqual([]);
});

test('an item paid before the batch starts, or while it runs, is not reminded; a partly paid one goes with its new amount', async () => {
  const marta = userOf(bench, MARTA);
  const plan = await planFor(marta);
  const single = plan.filter((c) => c.lines.length === 1);
  const multi = plan.filter((c) => c.lines.length >= 2);
  const [paidAlone, paidDuring, partly] = single;
  const [regrouped] = multi;
  if (paidAlone === undefined || paidDuring === undefined || partly === undefined || regrouped === undefined)
    throw new Error('seed too small');
  const batch = [paidAlone, regrouped, partly, ...single.slice(3, 8), paidDuring];
  await enqueueBatch(marta.db, { mode: 'send', communications: batch });

  // Paid in the ERP after planning, before the batch: the delta sync at its start sees it.
  const paidFirst = paidAlone.lines[0]?.item;
  const droppedFromGroup = regrouped.lines[0]?.item;
  const partlyPaid = partly.lines[0]?.item;
  if (paidFirst === undefined || droppedFromGroup === undefined || partlyPaid === undefined)
    throw new Error('no lines');
  bench.erp.mutations.pay({ itemId: paidFirst.id });
  bench.erp.mutations.pay({ itemId: droppedFromGroup.id });
  bench.erp.mutations.pay({ itemId: partlyPaid.id, amount: 100 });

  // Paid while the batch runs (after its first send): the worker pauses, and its next run (a new delta
  // sync) drops the reminder.
  let paused = false;
  const worker = marta.worker({
    checkpoint: (point) => {
      if (point === 'after-sent' && !paused) {
        paused = true;
        bench.erp.mutations.pay({ itemId: paidDuring.lines[0]?.item.id ?? '' });
        worker.pause();
      }
    },
  });
  expect(await worker.run()).toMatchObject({ status: 'stopped', reason: 'paused' });
  await runToEnd(marta);

  const sent = sentKeys(MARTA);
  expect(sent.has(keyOf(paidAlone))).toBe(false);
  expect(sent.has(keyOf(paidDuring))).toBe(false);
  expect(sent.has(keyOf(regrouped))).toBe(false);
  const counts = submittedTriples(bench, [MARTA]);
  expect(duplicates(counts)).toEqual([]);
  for (const item of [paidFirst, droppedFromGroup, paidDuring.lines[0]?.item])
    expect([...counts.keys()].some((t) => t.startsWith(`${item?.id}|`))).toBe(false);
  // The rest of the group went out as a smaller reminder in its place.
  for (const line of regrouped.lines.slice(1))
    expect(counts.get(`${line.item.id}|${regrouped.levelId}|${line.cycle}`)).toBe(1);

  const jobs = new Map((await marta.db.outbox.toArray()).map((job) => [job.key, job]));
  expect(jobs.get(keyOf(paidAlone))).toMatchObject({
    state: 'failed',
    failure: 'item_closed',
    detail: expect.stringContaining(paidFirst.documentNumber),
  });
  expect(jobs.get(keyOf(paidDuring))).toMatchObject({
    state: 'failed',
    failure: 'item_closed',
    settled: true,
  });
  expect(jobs.get(keyOf(regrouped))).toMatchObject({
    state: 'cancelled',
    failure: 'replaced',
    detail: expect.stringContaining(droppedFromGroup.documentNumber),
  });

  // The partly paid item's reminder states the amount still open, not the planned one.
  bench.sim.control.deliverPending();
  const message = bench.sim.control
    .dump(MARTA)
    .folders.sentitems.find((m) => m.singleValueExtendedProperties.some((p) => p.value === keyOf(partly)));
  expect(message?.body.content).toContain(
    formatMoney(cents(partlyPaid.residual - 100), partlyPaid.currency, 'it'),
  );
  expect((await marta.erp.reminderLog()).claims).toEqual([]);
});

test('a draft written before a payment is brought up to date before it is sent', async () => {
  const marta = userOf(bench, MARTA);
  const [communication] = (await planFor(marta)).filter((c) => c.lines.length === 1);
  const item = communication?.lines[0]?.item;
  if (communication === undefined || item === undefined) throw new Error('seed too small');
  await enqueueBatch(marta.db, { mode: 'send', communications: [communication] });
  const crash = new AbortController();
  await marta
    .worker({ checkpoint: (point) => point === 'after-attached' && crash.abort(new Error('crash')) })
    .run(crash.signal);
  expect(bench.sim.control.dump(MARTA).folders.drafts[0]?.body.content).toContain(
    formatMoney(item.residual, item.currency, 'it'),
  );

  bench.erp.mutations.pay({ itemId: item.id, amount: 1 });
  await runToEnd(marta);
  expect(await marta.db.outbox.toArray()).toMatchObject([{ state: 'sent', settled: true }]);
  bench.sim.control.deliverPending();
  const [sent] = bench.sim.control.dump(MARTA).folders.sentitems;
  expect(sent?.body.content).toContain(formatMoney(cents(item.residual - 1), item.currency, 'it'));
  expect(sent?.body.content).not.toContain(formatMoney(item.residual, item.currency, 'it'));
});

/** A token with a broken signature: its last character changed (to another one, whatever it was). */
/**
 * Breaks the token's signature: its first character changed (all six bits of a base64url character count
 * there; the last character of a 32-byte signature carries two unused bits, so changing it may not).
 */
const tamper = (token: string): string => {
  const at = token.lastIndexOf('.') + 1;
  return token.slice(0, at) + (token[at] === 'A' ? 'B' : 'A') + token.slice(at + 1);
};

test('tokens expiring in the middle of a batch are renewed once and the batch goes on; a token refused again stops it in place', async () => {
  // Like MSAL's cache: the same token until Graph refuses it (401), then a fresh one — here valid 1 s.
  let minted = 0;
  let cached: string | undefined;
  const shortLived: TokenProvider = {
    description: 'short-lived',
    invalidate: () => (cached = undefined),
    getToken: async () => (cached ??= (minted++, bench.sim.control.issueToken(MARTA, { expiresIn: 1 }))),
  };
  const marta = userOf(bench, MARTA, { graphTokens: shortLived });
  const plan = (await planFor(marta)).slice(0, 20);
  await enqueueBatch(marta.db, { mode: 'send', communications: plan });
  // 20 messages at 8 a second ("a minute" of 1 s): the batch lasts 2.5 s and outlives at least two tokens
  // (each valid until the end of the second after it was issued) however fast the machine is.
  const result = await marta.worker({ minuteMs: 1000, messagesPerMinute: 8 }).run();
  expect(result.status).toBe('done');
  expect(marta.mailer.stats.byStatus.get(401) ?? 0).toBeGreaterThanOrEqual(1);
  expect(minted).toBeGreaterThanOrEqual(2);
  expect(duplicates(submittedTriples(bench, [MARTA]))).toEqual([]);
  expect(submittedTriples(bench, [MARTA]).size).toBe(triplesOf(plan).length);

  // A provider whose fresh token is refused too (signed out): one refresh, then a clean stop.
  const more = (await planFor(marta)).slice(0, 3);
  await enqueueBatch(marta.db, { mode: 'send', communications: more });
  const expired: TokenProvider = {
    description: 'expired',
    invalidate: () => undefined,
    getToken: async () => tamper(bench.sim.control.issueToken(MARTA, { expiresIn: 1 })),
  };
  const refused = userOf(bench, MARTA, { db: marta.db, graphTokens: expired });
  expect(await refused.worker().run()).toMatchObject({ status: 'stopped', reason: 'unauthorized' });
  // Each request tried one fresh token, then gave up.
  expect(refused.mailer.stats.byStatus.get(401) ?? 0).toBeGreaterThanOrEqual(2);
  expect(refused.mailer.stats.requests).toBe(refused.mailer.stats.byStatus.get(401));
  // Signed in again: it resumes where it stopped.
  expect((await userOf(bench, MARTA, { db: marta.db }).worker().run()).status).toBe('done');
  expect(duplicates(submittedTriples(bench, [MARTA]))).toEqual([]);
  expect(submittedTriples(bench, [MARTA]).size).toBe(triplesOf([...plan, ...more]).length);
});

test('a mailbox blocked from sending stops the batch in place; lifted, it resumes with nothing sent twice', async () => {
  const marta = userOf(bench, MARTA);
  const plan = (await planFor(marta)).slice(0, 10);
  await enqueueBatch(marta.db, { mode: 'send', communications: plan });
  let sends = 0;
  const result = await marta
    .worker({
      checkpoint: (point) =>
        point === 'after-sent' && ++sends === 3 && bench.sim.control.setRestricted(MARTA, true),
    })
    .run();
  expect(result).toMatchObject({ status: 'stopped', reason: 'mailbox_restricted' });
  const states = (await marta.db.outbox.toArray()).map((job) => job.state);
  expect(states).toContain('attached');
  expect(states).not.toContain('failed');
  bench.sim.control.setRestricted(MARTA, false);
  expect((await marta.worker().run()).status).toBe('done');
  const counts = submittedTriples(bench, [MARTA]);
  expect(duplicates(counts)).toEqual([]);
  expect(counts.size).toBe(triplesOf(plan).length);
});

test('a PDF missing from the ERP archive, or a message over 35 MB, fails that reminder with a sentence the clerk can read', async () => {
  const small = await startBench({ customers: 40, items: 200, seed: 7 });
  const marta = userOf(small, MARTA);
  const plan = await planFor(marta);
  // Three reminders on three different invoices (installments of one invoice share its PDF).
  const byDocument = new Map(
    plan.filter((c) => c.lines.length === 1).map((c) => [c.lines[0]?.item.documentId, c]),
  );
  const [missing, huge, fine] = [...byDocument.values()];
  if (missing === undefined || huge === undefined || fine === undefined) throw new Error('seed too small');
  await small.close();
  const missingDoc = missing.lines[0]?.item;
  const hugeDoc = huge.lines[0]?.item;
  const bench2 = await startBench({
    customers: 40,
    items: 200,
    seed: 7,
    missingPdfs: [missingDoc?.documentId ?? ''],
    pdfSizes: { [hugeDoc?.documentId ?? '']: 27 * 1024 * 1024 },
  });
  try {
    const user = userOf(bench2, MARTA);
    await planFor(user);
    await enqueueBatch(user.db, { mode: 'send', communications: [missing, huge, fine] });
    expect((await user.worker().run()).status).toBe('done');
    const jobs = new Map((await user.db.outbox.toArray()).map((job) => [job.key, job]));
    expect(jobs.get(keyOf(missing))).toMatchObject({
      state: 'failed',
      failure: 'pdf_missing',
      detail: `PDF ${missingDoc?.documentNumber} missing in the ERP archive`,
      settled: true,
    });
    expect(jobs.get(keyOf(huge))).toMatchObject({
      state: 'failed',
      failure: 'message_too_large',
      detail: expect.stringMatching(/would be 3\d\.\d MB once encoded; Exchange accepts at most 35\.0 MB/),
    });
    expect(jobs.get(keyOf(fine))).toMatchObject({ state: 'sent', settled: true });
    expect(bench2.sim.control.dump(MARTA).sent).toHaveLength(1);
    expect((await user.erp.reminderLog()).claims).toEqual([]);
  } finally {
    await bench2.close();
  }
});

test('a cancelled batch stops sending, deletes its unsent drafts and gives its claims back', async () => {
  const marta = userOf(bench, MARTA);
  const plan = (await planFor(marta)).slice(0, 12);
  const { batchId } = await enqueueBatch(marta.db, { mode: 'send', communications: plan });
  // Four a second: slow enough to cancel after the second send.
  let sends = 0;
  let cancelling: Promise<void> | undefined;
  const worker = marta.worker({
    minuteMs: 1000,
    messagesPerMinute: 240,
    checkpoint: (point) => {
      if (point === 'after-sent' && ++sends === 2) cancelling = worker.cancelBatch(batchId);
    },
  });
  expect((await worker.run()).status).toBe('done');
  await cancelling;
  const jobs = await marta.db.outbox.toArray();
  const sent = jobs.filter((job) => job.state === 'sent');
  const cancelled = jobs.filter((job) => job.state === 'cancelled');
  expect(sent.length).toBeGreaterThanOrEqual(2);
  expect(sent.length).toBeLessThan(plan.length);
  expect(sent.length + cancelled.length).toBe(plan.length);
  expect(cancelled.every((job) => job.settled === true && job.failure === 'cancelled')).toBe(true);
  const mailbox = bench.sim.control.dump(MARTA);
  expect(mailbox.sent).toHaveLength(sent.length);
  expect(mailbox.folders.drafts).toEqual([]);
  expect((await marta.erp.reminderLog()).claims).toEqual([]);
  expect(worker.progress()).toMatchObject({ sent: sent.length, cancelled: cancelled.length, remaining: 0 });
});

test('a user who is not enabled is refused by the send path: nothing claimed, nothing created', async () => {
  const viewer = userOf(bench, VIEWER);
  const plan = (await planFor(viewer)).slice(0, 3);
  await enqueueBatch(viewer.db, { mode: 'send', communications: plan });
  const result = await viewer.worker().run();
  expect(result).toMatchObject({ status: 'stopped', reason: 'not_enabled' });
  expect((await viewer.db.outbox.toArray()).map((job) => job.state)).toEqual(['queued', 'queued', 'queued']);
  expect(bench.sim.control.dump(VIEWER).folders.drafts).toEqual([]);
  expect(bench.sim.control.dump(VIEWER).sent).toEqual([]);
  expect((await viewer.erp.reminderLog()).claims).toEqual([]);
});
