/**
 * One draft per key and the plan's attachments, each once (issue #11, points 4 and 6), against the demo
 * ERP and the Graph simulator: a draft another window of the same user added PDFs to is put right before
 * it is sent (or fails, never sent, when it cannot be); a create POST the browser silently repeated, or
 * whose folder lookup failed after the draft existed, leaves exactly one draft of the key, recorded.
 */
import { communicationKey, itemCyclesOf } from '../../src/domain/communication-key';
import { documentsOf, type Communication } from '../../src/domain/plan-reminders';
import { enqueueBatch } from '../../src/mail/outbox';
import { pdfNamesFor } from '../../src/domain/attachment-names';
import {
  MARTA,
  duplicates,
  fakePdf,
  planFor,
  startBench,
  submittedTriples,
  userOf,
  type Bench,
  type User,
} from './harness';

jest.setTimeout(30_000);

let bench: Bench;
let plan: Communication[];

beforeAll(async () => {
  bench = await startBench({ customers: 40, items: 200, seed: 7 });
  plan = await planFor(userOf(bench, MARTA));
});
afterAll(() => bench.close());
beforeEach(async () => {
  await bench.sim.control.reset();
  bench.erp.mutations.reset();
});

const keyOf = (communication: Communication) =>
  communicationKey(communication.levelId, itemCyclesOf(communication));
const keyOfMessage = (message: {
  readonly singleValueExtendedProperties: readonly { readonly id: string; readonly value: string }[];
}) => message.singleValueExtendedProperties.find((property) => /SollecitiKey$/.test(property.id))?.value;
/** The PDFs the plan attaches to a reminder: name and size, sorted. */
const plannedPdfs = (communication: Communication) => {
  const documents = documentsOf(communication);
  const names = pdfNamesFor(documents.map((document) => document.documentNumber));
  return documents
    .map((document, index) => ({
      name: names[index] ?? '',
      size: bench.seed.documents.find((seeded) => seeded.id === document.documentId)?.padPdfToBytes ?? 2048,
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
};
const sentAttachments = (key: string) =>
  bench.sim.control
    .dump(MARTA)
    .sent.filter((record) => keyOfMessage(record) === key)
    .map((record) =>
      [...record.attachments]
        .map(({ name, size }) => ({ name, size }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    );
/** Small reminders with two PDFs or more (no upload sessions: quick). */
const withPdfs = () =>
  plan.filter(
    (communication) =>
      documentsOf(communication).length >= 2 &&
      plannedPdfs(communication).every((pdf) => pdf.size < 1_000_000),
  );

class Crash extends Error {}

/** Queues one send and stops the worker once its draft has every PDF (recorded `attached`). */
async function prepareThenStop(user: User, communication: Communication): Promise<string> {
  await enqueueBatch(user.db, { mode: 'send', communications: [communication] });
  const life = new AbortController();
  await user
    .worker({ checkpoint: (point) => point === 'after-attached' && life.abort(new Crash(point)) })
    .run(life.signal);
  const job = await user.db.outbox.get(keyOf(communication));
  expect(job?.state).toBe('attached');
  if (job?.messageId === undefined) throw new Error('no draft recorded');
  return job.messageId;
}

test('PDFs added twice (another window of the same user), removed or foreign: put right before the send — each message leaves with the plan’s attachments, once each', async () => {
  const [doubled, mixed] = withPdfs();
  if (doubled === undefined || mixed === undefined)
    throw new Error('the seed has no reminders with two PDFs');
  const marta = userOf(bench, MARTA);
  // The other window: the same user's mailbox, its own mailer.
  const other = userOf(bench, MARTA).mailer;

  const first = await prepareThenStop(marta, doubled);
  for (const pdf of plannedPdfs(doubled))
    await other.attach(first, { name: pdf.name, bytes: new Uint8Array(fakePdf('again', pdf.size)) });
  expect(await other.listAttachments(first)).toHaveLength(2 * plannedPdfs(doubled).length);

  const second = await prepareThenStop(marta, mixed);
  const [gone] = await other.listAttachments(second);
  if (gone === undefined) throw new Error('no attachment');
  await other.deleteAttachment(second, gone.id);
  await other.attach(second, { name: 'notes.pdf', bytes: new Uint8Array(fakePdf('notes', 4096)) });

  const result = await userOf(bench, MARTA, { db: marta.db }).worker().run();
  expect(result).toMatchObject({ status: 'done', progress: { failed: 0 } });
  expect(sentAttachments(keyOf(doubled))).toEqual([plannedPdfs(doubled)]);
  expect(sentAttachments(keyOf(mixed))).toEqual([plannedPdfs(mixed)]);
  expect(duplicates(submittedTriples(bench, [MARTA]))).toEqual([]);
});

test('a draft whose extra attachment cannot be removed fails with attachments_mismatch and is never sent', async () => {
  const [communication] = withPdfs();
  if (communication === undefined) throw new Error('the seed has no reminder with two PDFs');
  const marta = userOf(bench, MARTA);
  const id = await prepareThenStop(marta, communication);
  const [pdf] = plannedPdfs(communication);
  if (pdf === undefined) throw new Error('no PDF');
  await userOf(bench, MARTA).mailer.attach(id, {
    name: pdf.name,
    bytes: new Uint8Array(fakePdf('again', pdf.size)),
  });
  bench.sim.control.addFault({
    method: 'DELETE',
    path: '/me/messages/*/attachments/*',
    kind: 'status',
    status: 403,
    times: 50,
  });

  const result = await userOf(bench, MARTA, { db: marta.db }).worker().run();
  expect(result.status).toBe('done');
  expect(bench.sim.control.dump(MARTA).sent).toEqual([]);
  const job = await marta.db.outbox.get(keyOf(communication));
  expect(job).toMatchObject({ state: 'failed', failure: 'attachments_mismatch', settled: true });
  expect(job?.detail).toContain(pdf.name);
  // Ended like any job that must not go out: its draft deleted, its claim given back.
  expect(bench.sim.control.dump(MARTA).folders.drafts).toEqual([]);
  expect((await marta.erp.reminderLog()).claims).toEqual([]);
});

test('a create POST the browser repeated after a dropped connection: exactly one draft of the key remains, and one message leaves', async () => {
  const sends = plan.slice(0, 3);
  let repeated = 0;
  // What a browser does on its own: the connection dropped before any answer byte, so it sends the same
  // POST again; the page only ever sees the second answer.
  const repeating: typeof fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (init?.method === 'POST' && /\/v1\.0\/me\/messages$/.test(url) && repeated < sends.length) {
      repeated += 1;
      await fetch(input, init);
    }
    return fetch(input, init);
  };
  const marta = userOf(bench, MARTA, { fetch: repeating });
  await enqueueBatch(marta.db, { mode: 'send', communications: sends });
  const result = await marta.worker().run();
  expect(result).toMatchObject({ status: 'done', progress: { sent: sends.length, failed: 0 } });
  expect(repeated).toBe(sends.length);

  bench.sim.control.deliverPending();
  const mailbox = bench.sim.control.dump(MARTA);
  expect(mailbox.folders.drafts.map(keyOfMessage)).toEqual([]); // no orphan left to be sent by mistake
  expect(mailbox.sent.map(keyOfMessage).sort()).toEqual(sends.map(keyOf).sort());
  expect(mailbox.folders.deleteditems.map(keyOfMessage).sort()).toEqual(sends.map(keyOf).sort()); // the doubles
  expect(duplicates(submittedTriples(bench, [MARTA]))).toEqual([]);
});

test('the folder lookup failing right after a draft was created (and a create answer lost): the draft is recorded, no orphan', async () => {
  const [communication] = plan;
  if (communication === undefined) throw new Error('empty plan');
  const marta = userOf(bench, MARTA);
  await enqueueBatch(marta.db, { mode: 'draft', communications: [communication] });
  // More failures than the mailer's retries: the lookup of the well-known folders fails outright.
  bench.sim.control.addFault({
    method: 'GET',
    path: '/me/mailFolders/drafts',
    kind: 'status',
    status: 500,
    times: 11,
  });
  const first = await marta.worker().run();

  const drafts = bench.sim.control.dump(MARTA).folders.drafts;
  expect(drafts).toHaveLength(1);
  const job = await marta.db.outbox.get(keyOf(communication));
  expect(job?.messageId).toBe(drafts[0]?.immutableId);
  if (first.status !== 'done') await marta.worker().run();
  expect(await marta.db.outbox.get(keyOf(communication))).toMatchObject({ state: 'attached', settled: true });

  // And a creation whose answer was lost after the server acted: looked up, adopted, not created again.
  const [next] = plan.slice(1);
  if (next === undefined) throw new Error('short plan');
  await enqueueBatch(marta.db, { mode: 'draft', communications: [next] });
  bench.sim.control.addFault({ method: 'POST', path: '/me/messages', kind: 'commit-then-drop', times: 1 });
  expect(await marta.worker().run()).toMatchObject({ status: 'done' });
  expect(
    bench.sim.control.dump(MARTA).folders.drafts.filter((message) => keyOfMessage(message) === keyOf(next)),
  ).toHaveLength(1);
});
