/**
 * Two enabled users (two mailboxes, two caches) start the same plan at the same moment. The ERP's claims
 * let exactly one of them send each (item, level, cycle); the other is told who has it.
 */
import { pdfNamesFor } from '../../src/domain/attachment-names';
import { communicationKey, itemCyclesOf } from '../../src/domain/communication-key';
import { documentsOf } from '../../src/domain/plan-reminders';
import { enqueueBatch } from '../../src/mail/outbox';
import {
  LUCA,
  MARTA,
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
  bench = await startBench({ customers: 40, items: 200, seed: 11 });
});
afterAll(() => bench.close());

test('two outbox workers on the same plan: each triple is sent once, from one mailbox or the other', async () => {
  const marta = userOf(bench, MARTA);
  const luca = userOf(bench, LUCA);
  const plan = await planFor(marta);
  expect(await planFor(luca)).toHaveLength(plan.length);
  await enqueueBatch(marta.db, { mode: 'send', communications: plan });
  // Luca works through the same reminders in the opposite order, so the two meet in the middle.
  await enqueueBatch(luca.db, { mode: 'send', communications: [...plan].reverse() });

  const [mine, his] = await Promise.all([marta.worker().run(), luca.worker().run()]);
  expect([mine.status, his.status]).toEqual(['done', 'done']);

  const counts = submittedTriples(bench, [MARTA, LUCA]);
  expect(duplicates(counts)).toEqual([]);
  expect([...counts.keys()].sort()).toEqual(triplesOf(plan).sort());
  // Both sent some; each reminder the one sent, the other gave up, saying who had it.
  expect(bench.sim.control.dump(MARTA).sent.length).toBeGreaterThan(0);
  expect(bench.sim.control.dump(LUCA).sent.length).toBeGreaterThan(0);
  for (const [user, other] of [
    [marta, LUCA],
    [luca, MARTA],
  ] as const) {
    for (const job of await user.db.outbox.toArray()) {
      expect(job.settled).toBe(true);
      if (job.state !== 'sent')
        expect(job).toMatchObject({
          state: 'failed',
          failure: 'claimed_elsewhere',
          detail: expect.stringContaining(other),
        });
    }
  }
  expect(bench.sim.control.dump(MARTA).folders.drafts).toEqual([]);
  expect(bench.sim.control.dump(LUCA).folders.drafts).toEqual([]);
  const log = await marta.erp.reminderLog();
  expect(log.claims).toEqual([]);
  expect(log.entries).toHaveLength(triplesOf(plan).length);
});

test('two Outlook hosts of the same user (two caches, one mailbox) on the same batch: one message per reminder, each with the plan’s PDFs once', async () => {
  await bench.sim.control.reset();
  bench.erp.mutations.reset();
  const first = userOf(bench, MARTA);
  const second = userOf(bench, MARTA);
  const plan = (await planFor(first)).filter((communication) => communication.lines.length >= 2).slice(0, 12);
  expect(plan.length).toBeGreaterThan(3);
  await planFor(second);
  await enqueueBatch(first.db, { mode: 'send', communications: plan });
  await enqueueBatch(second.db, { mode: 'send', communications: plan });

  // The ERP tells the second host "you hold it already": both work on the same keys, adopting drafts.
  // Both hosts are alive: a draft's lease (the product's default) never runs out under its creator.
  const options = { leaseMs: 30_000 };
  await Promise.all([first.worker(options).run(), second.worker(options).run()]);
  // A run may stop to wait for an unconfirmed send: the next one finishes it.
  for (let i = 0; i < 3; i++) await Promise.all([first, second].map((user) => user.worker(options).run()));

  const mailbox = bench.sim.control.dump(MARTA);
  expect(duplicates(submittedTriples(bench, [MARTA]))).toEqual([]);
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
  for (const record of mailbox.sent) {
    const names = record.attachments.map((attachment) => attachment.name);
    expect(new Set(names).size).toBe(names.length);
  }
  const planned = new Map(
    plan.map((communication) => [
      communicationKey(communication.levelId, itemCyclesOf(communication)),
      communication,
    ]),
  );
  for (const record of mailbox.sent) {
    const key =
      record.singleValueExtendedProperties.find((property) => /SollecitiKey$/.test(property.id))?.value ?? '';
    const communication = planned.get(key);
    if (communication === undefined) throw new Error('a message not in the batch');
    const documents = documentsOf(communication);
    const names = pdfNamesFor(documents.map((document) => document.documentNumber));
    expect([...record.attachments].map(({ name, size }) => ({ name, size })).sort(byName)).toEqual(
      documents
        .map((document, index) => ({
          name: names[index] ?? '',
          size:
            bench.seed.documents.find((seeded) => seeded.id === document.documentId)?.padPdfToBytes ?? 2048,
        }))
        .sort(byName),
    );
  }
  expect(mailbox.sent).toHaveLength(plan.length);
  expect(mailbox.folders.drafts).toEqual([]);
}, 180_000);
