/**
 * The outbox against the demo ERP and the Graph simulator, nothing going wrong: a batch of drafts, one of
 * sends (small PDFs inline, PDFs over 3 MB through upload sessions) and one marked handled. Every message
 * in Sent Items and Drafts says what the plan says — To, CC, subject, body, attachments — and the ERP's
 * log and the local ledger record each reminder once, on today's date.
 */
import { documentsOf, type Communication } from '../../src/domain/plan-reminders';
import { renderEmail } from '../../src/domain/render-email';
import { communicationKey, itemCyclesOf } from '../../src/domain/communication-key';
import { pdfNameFor } from '../../src/domain/attachment-names';
import { enqueueBatch, type OutboxProgress } from '../../src/mail/outbox';
import { takeSnapshot } from '../../src/mail/freshness';
import type { StoredMessage } from '../../dev/graph-sim';
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
  type User,
} from './harness';

jest.setTimeout(30_000);

let bench: Bench;
let marta: User;
let plan: Communication[];
const big = new Set<string>();

beforeAll(async () => {
  bench = await startBench({ customers: 40, items: 200 });
  for (const document of bench.seed.documents) if (document.padPdfToBytes !== undefined) big.add(document.id);
  marta = userOf(bench, MARTA);
  plan = await planFor(marta);
});
afterAll(() => bench.close());

const keyOf = (communication: Communication) =>
  communicationKey(communication.levelId, itemCyclesOf(communication));
const hasBigPdf = (communication: Communication) =>
  communication.lines.some(({ item }) => big.has(item.documentId ?? ''));
const addresses = (message: StoredMessage, field: 'toRecipients' | 'ccRecipients') =>
  message[field].map((r) => r.emailAddress.address);

async function expected(communication: Communication) {
  const outcome = await takeSnapshot(marta.db, Date.now());
  if (!outcome.ok) throw new Error(outcome.message);
  const { setup, customers, agents } = outcome.snapshot;
  const customer = customers.get(communication.customerId);
  if (customer === undefined) throw new Error('customer');
  const email = renderEmail({ communication, setup, customer, agents, today: TODAY });
  const pdfs = documentsOf(communication).map(({ documentId, documentNumber }) => ({
    name: pdfNameFor(documentNumber),
    size: bench.seed.documents.find((document) => document.id === documentId)?.padPdfToBytes ?? 2048,
  }));
  return { subject: email.subject, html: email.html, pdfs };
}

test('drafts, sends (with PDFs inline and over 3 MB) and handled marks each arrive once, as planned', async () => {
  const withBig = plan.filter(hasBigPdf);
  expect(withBig.length).toBeGreaterThanOrEqual(2); // the seed puts PDFs over 3 MB on due invoices
  const rest = plan.filter((communication) => !hasBigPdf(communication));
  const sends = [...withBig, ...rest.slice(0, 6)];
  const drafts = rest.slice(6, 10);
  const handled = rest.slice(10, 12);
  await enqueueBatch(marta.db, { mode: 'send', communications: sends });
  await enqueueBatch(marta.db, { mode: 'draft', communications: drafts });
  await enqueueBatch(marta.db, { mode: 'handled', communications: handled });

  const progress: OutboxProgress[] = [];
  const result = await marta.worker({ onProgress: (p) => progress.push(p) }).run();
  expect(result).toMatchObject({
    status: 'done',
    progress: {
      sent: sends.length,
      drafted: drafts.length,
      handled: handled.length,
      failed: 0,
      remaining: 0,
    },
  });
  expect(progress.some((p) => p.remaining > 0 && p.etaMs > 0)).toBe(true);

  bench.sim.control.deliverPending(); // Sent Items lags behind the sends by the simulator's delay
  const mailbox = bench.sim.control.dump(MARTA);
  expect(duplicates(submittedTriples(bench, [MARTA]))).toEqual([]);
  expect(mailbox.sent).toHaveLength(sends.length);
  expect(mailbox.folders.sentitems).toHaveLength(sends.length);
  for (const communication of sends) {
    const message = mailbox.folders.sentitems.find((m) =>
      m.singleValueExtendedProperties.some((p) => p.value === keyOf(communication)),
    );
    if (message === undefined) throw new Error(`no Sent Items copy for ${keyOf(communication)}`);
    const want = await expected(communication);
    expect({
      to: addresses(message, 'toRecipients'),
      cc: addresses(message, 'ccRecipients'),
      subject: message.subject,
      body: message.body,
      attachments: message.attachments.map(({ name, size, contentType }) => ({ name, size, contentType })),
    }).toEqual({
      to: communication.to,
      cc: communication.cc,
      subject: want.subject,
      body: { contentType: 'html', content: want.html },
      attachments: want.pdfs.map((pdf) => ({ ...pdf, contentType: 'application/pdf' })),
    });
  }
  // The big PDFs really went through upload sessions (the only way past 4 MB per request).
  const sizes = mailbox.folders.sentitems.flatMap((m) => m.attachments.map((a) => a.size));
  expect(Math.max(...sizes)).toBeGreaterThan(4 * 1024 * 1024);

  expect(mailbox.folders.drafts).toHaveLength(drafts.length);
  for (const communication of drafts) {
    const draft = mailbox.folders.drafts.find((m) =>
      m.singleValueExtendedProperties.some((p) => p.value === keyOf(communication)),
    );
    expect(draft?.attachments.map((a) => a.name)).toEqual(
      (await expected(communication)).pdfs.map((pdf) => pdf.name),
    );
    expect(draft?.toRecipients.map((r) => r.emailAddress.address)).toEqual(communication.to);
  }

  // The ERP's log: every triple once, in the state asked for, on today's date, with the message id.
  const log = await marta.erp.reminderLog();
  const stateOf = new Map(
    log.entries.map((entry) => [`${entry.itemId}|${entry.levelId}|${entry.cycle}`, entry]),
  );
  for (const [communications, state] of [
    [sends, 'sent'],
    [drafts, 'drafted'],
    [handled, 'handled'],
  ] as const) {
    for (const triple of triplesOf(communications))
      expect(stateOf.get(triple)).toMatchObject({ state, sentOn: TODAY, user: MARTA });
  }
  expect(log.claims).toEqual([]);
  const sentIds = new Set(mailbox.folders.sentitems.map((m) => m.immutableId));
  expect(
    log.entries
      .filter((e) => e.state === 'sent')
      .every((e) => e.messageId !== undefined && sentIds.has(e.messageId)),
  ).toBe(true);
  expect(await marta.db.ledger.count()).toBe(log.entries.length);

  // Planned again: nothing of it is due any more.
  const again = await planFor(marta);
  const done = new Set([...sends, ...drafts, ...handled].map(keyOf));
  expect(again.filter((communication) => done.has(keyOf(communication)))).toEqual([]);
});
