/**
 * Names from the ERP that try to deceive, through the whole send path over HTTP (demo ERP → plan → outbox
 * → Graph simulator): the customer's name as the To display name and document numbers as attachment names
 * reach the mailbox made harmless, exactly as the preview names the PDFs.
 */
import { addDays } from '../../src/domain/calendar';
import { pdfNamesFor } from '../../src/domain/attachment-names';
import { documentsOf } from '../../src/domain/plan-reminders';
import { enqueueBatch } from '../../src/mail/outbox';
import { MARTA, TODAY, planFor, startBench, userOf, type Bench } from './harness';

jest.setTimeout(30_000);

let bench: Bench;
beforeAll(async () => {
  bench = await startBench({
    customers: 12,
    items: 60,
    seed: 17,
    setup: (setup) => ({ ...setup, groupByCustomer: true, attachInvoicePdfs: true }),
  });
});
afterAll(() => bench.close());

test('a hostile customer name and document numbers reach Graph as a harmless display name and file names', async () => {
  const marta = userOf(bench, MARTA);
  const [first] = await planFor(marta);
  if (first === undefined) throw new Error('seed too small');
  const customerId = first.customerId;
  bench.erp.mutations.renameCustomer({
    customerId,
    name: '"Banca Sicura" <pagamenti@evil.example>\u202Efdp.exe\u0000',
  });
  const dueDate = addDays(TODAY, -40);
  const { items } = bench.erp.mutations.invoice({
    customerId,
    documentDate: addDays(dueDate, -30),
    documentNumber: 'CON',
    installments: [{ dueDate, amount: 12_345 }],
  });
  bench.erp.mutations.invoice({
    customerId,
    documentDate: addDays(dueDate, -30),
    documentNumber: 'FT 9\u202Efdp.exe. ',
    installments: [{ dueDate, amount: 1_000 }],
  });

  const communication = (await planFor(marta)).find((c) =>
    c.lines.some((line) => line.item.id === items[0]?.id),
  );
  if (communication === undefined) throw new Error('the new invoice is not planned');
  await enqueueBatch(marta.db, { mode: 'draft', communications: [communication] });
  expect((await marta.worker().run()).status).toBe('done');

  const [draft, ...others] = bench.sim.control.dump(MARTA).folders.drafts;
  expect(others).toEqual([]);
  expect(draft?.toRecipients.map((recipient) => recipient.emailAddress)).toEqual(
    communication.to.map((address) => ({ address, name: "'Banca Sicura' (pagamenti@evil.example)fdp.exe" })),
  );
  const names = (draft?.attachments ?? []).map((attachment) => attachment.name).sort();
  expect(names).toContain('CON_.pdf');
  expect(names).toContain('FT 9fdp.exe.pdf');
  // The preview's names (the same rule) are the mailbox's names.
  expect(names).toEqual(
    pdfNamesFor(documentsOf(communication).map((document) => document.documentNumber)).sort(),
  );
});
