/**
 * The draft lease (src/mail/foreign-draft.ts): two Outlook hosts of the same user share a claim ("you
 * hold it already") and so a draft. The host that adopts a draft another host created leaves its
 * attachments alone while the creator may still be at work; once the draft has stayed unchanged for the
 * lease (its creator gone), the adopter takes it over. Against the Graph simulator and the demo ERP.
 */
import { pdfNamesFor } from '../../src/domain/attachment-names';
import { communicationKey, itemCyclesOf } from '../../src/domain/communication-key';
import { documentsOf, type Communication } from '../../src/domain/plan-reminders';
import { composeDraft, fetchAttachments } from '../../src/mail/compose';
import { takeSnapshot } from '../../src/mail/freshness';
import type { Checkpoint } from '../../src/mail/job-runner';
import { enqueueBatch } from '../../src/mail/outbox';
import { MARTA, planFor, startBench, userOf, type Bench, type User } from './harness';

jest.setTimeout(60_000);

let bench: Bench;

beforeAll(async () => {
  bench = await startBench({ customers: 40, items: 200, seed: 11 });
});
afterAll(() => bench.close());

class Crash extends Error {}

/** One reminder with two PDFs or more, queued by two hosts of Marta's (two caches, one mailbox). */
async function twoHosts(
  index: number,
): Promise<{ first: User; second: User; communication: Communication; key: string }> {
  await bench.sim.control.reset();
  bench.erp.mutations.reset();
  const first = userOf(bench, MARTA);
  const second = userOf(bench, MARTA);
  const communication = (await planFor(first)).filter((planned) => documentsOf(planned).length >= 2)[index];
  if (communication === undefined) throw new Error('the seed has no reminder with two PDFs');
  await planFor(second);
  await enqueueBatch(first.db, { mode: 'send', communications: [communication] });
  await enqueueBatch(second.db, { mode: 'send', communications: [communication] });
  return {
    first,
    second,
    communication,
    key: communicationKey(communication.levelId, itemCyclesOf(communication)),
  };
}

/** Runs a host's worker until it dies at `point` (the `hit`-th time), as a closed Outlook would. */
async function crashAt(user: User, point: Checkpoint, hit = 1): Promise<void> {
  const life = new AbortController();
  let hits = 0;
  await user
    .worker({ checkpoint: (at) => void (at === point && ++hits === hit && life.abort(new Crash(point))) })
    .run(life.signal);
  expect(life.signal.aborted).toBe(true);
}

/** The plan's PDFs, as names and sizes, sorted. */
function plannedFiles(communication: Communication): { name: string; size: number }[] {
  const documents = documentsOf(communication);
  const names = pdfNamesFor(documents.map((document) => document.documentNumber));
  return documents
    .map((document, index) => ({
      name: names[index] ?? '',
      size: bench.seed.documents.find((seeded) => seeded.id === document.documentId)?.padPdfToBytes ?? 2048,
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** What a host's mailer did to attachments: lists (GET) and changes (anything else). */
function watchAttachments(user: User): { lists: number; changes: number; onList?: (count: number) => void } {
  const seen: { lists: number; changes: number; onList?: (count: number) => void } = { lists: 0, changes: 0 };
  user.mailer.watch(({ method, path }) => {
    if (!/\/attachments(\/|$)/.test(path)) return;
    if (method !== 'GET') seen.changes += 1;
    else seen.onList?.(++seen.lists);
  });
  return seen;
}

const sentFiles = () =>
  bench.sim.control
    .dump(MARTA)
    .sent.map((record) =>
      record.attachments
        .map(({ name, size }) => ({ name, size }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    );

test('a young draft another host created is left to it: the adopter adds or removes no file, and the draft goes out once with the plan’s PDFs once', async () => {
  const { first, second, communication, key } = await twoHosts(0);
  // The first host creates the draft and is still "at work" on it (here: stopped right after creating).
  await crashAt(first, 'after-drafted');
  const [draft] = await first.mailer.findByKey(key, 'drafts');
  if (draft === undefined) throw new Error('no draft was created');
  expect(await first.mailer.listAttachments(draft.id)).toEqual([]);

  // The second host adopts it with a lease that cannot run out during the test. Once it has looked at
  // the draft a few times, the creator attaches the plan's PDFs, as a living creator would.
  const snapshot = await takeSnapshot(first.db, Date.now());
  if (!snapshot.ok) throw new Error(snapshot.message);
  const pdfs = await fetchAttachments(
    first.erp,
    snapshot.snapshot,
    communication,
    composeDraft(snapshot.snapshot, communication, key, itemCyclesOf(communication)),
  );
  if (!pdfs.ok) throw new Error('the plan’s PDFs could not be fetched');
  const adopter = watchAttachments(second);
  let creatorAttached: Promise<unknown> | undefined;
  adopter.onList = (count) => {
    if (count !== 3) return;
    creatorAttached = (async () => {
      for (const file of pdfs.files) await first.mailer.attach(draft.id, file);
    })().then(
      () => 'attached',
      (error: unknown) => error,
    );
  };
  const result = await second.worker({ leaseMs: 10 * 60_000 }).run();
  const creator = await creatorAttached;

  expect(result.status).toBe('done');
  expect(adopter.changes).toBe(0);
  expect(creator).toBe('attached');
  expect(adopter.lists).toBeGreaterThanOrEqual(3);
  expect(sentFiles()).toEqual([plannedFiles(communication)]);
  expect(await second.db.outbox.get(key)).toMatchObject({
    state: 'sent',
    settled: true,
    messageId: draft.id,
  });

  // The creator, reopened, finds its draft sent: recorded, nothing sent again.
  expect((await first.worker().run()).status).toBe('done');
  expect(await first.db.outbox.get(key)).toMatchObject({ state: 'sent', settled: true, messageId: draft.id });
  expect(bench.sim.control.dump(MARTA).sent).toHaveLength(1);
  expect(bench.sim.control.dump(MARTA).folders.drafts).toEqual([]);
});

test('once the lease ran out (its creator gone half-way through attaching), the adopter takes the draft over: one message, the plan’s PDFs once', async () => {
  const { first, second, communication, key } = await twoHosts(1);
  // The first host dies after attaching one of the PDFs.
  await crashAt(first, 'after-attach');
  const [draft] = await first.mailer.findByKey(key, 'drafts');
  if (draft === undefined) throw new Error('no draft was created');
  expect(await first.mailer.listAttachments(draft.id)).toHaveLength(1);

  const adopter = watchAttachments(second);
  const result = await second.worker({ leaseMs: 300 }).run();

  expect(result.status).toBe('done');
  expect(adopter.changes).toBeGreaterThan(0); // it repaired the draft itself
  expect(sentFiles()).toEqual([plannedFiles(communication)]);
  expect(await second.db.outbox.get(key)).toMatchObject({
    state: 'sent',
    settled: true,
    messageId: draft.id,
  });

  expect((await first.worker().run()).status).toBe('done');
  expect(await first.db.outbox.get(key)).toMatchObject({ state: 'sent', settled: true, messageId: draft.id });
  expect(bench.sim.control.dump(MARTA).sent).toHaveLength(1);
  expect(bench.sim.control.dump(MARTA).folders.drafts).toEqual([]);
});
