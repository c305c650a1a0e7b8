/** `GET /documents/{id}/pdf`: the invoice PDF rendered by the seed's renderer, once, then from the cache. */
import { renderInvoicePdf } from '../../dev/erp/seed/pdf';
import type { PdfRenderer } from '../../dev/erp/handlers/documents';
import type { RunningErpServer } from '../../dev/erp/server';
import { books, call, startTestErp } from './helpers';

let erp: RunningErpServer;
const rendered: string[] = [];
const counting: PdfRenderer = (document, customer, items) => {
  rendered.push(document.id);
  return renderInvoicePdf(document, customer, items);
};

beforeAll(async () => {
  erp = await startTestErp({ seed: books(2), renderPdf: counting });
});
afterAll(async () => {
  await erp.close();
});

test('a document PDF is application/pdf, rendered once and then served from the cache', async () => {
  const first = await call(erp, 'GET', '/api/v1/documents/D-I01/pdf', { as: 'static' });
  expect(first.status).toBe(200);
  expect(first.headers.get('content-type')).toBe('application/pdf');
  expect(Buffer.from(first.bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
  const second = await call(erp, 'GET', '/api/v1/documents/D-I01/pdf', { as: 'static' });
  expect(Buffer.from(second.bytes).equals(Buffer.from(first.bytes))).toBe(true);
  expect(rendered).toEqual(['D-I01']);
});

test('ids are taken from the path as they are, URL-decoded', async () => {
  const { document } = erp.mutations.invoice({
    customerId: 'C1',
    documentId: 'FT 2026/7',
    documentDate: '2026-03-01',
    installments: [{ dueDate: '2026-04-01', amount: 1000 }],
  });
  const answer = await call(erp, 'GET', `/api/v1/documents/${encodeURIComponent(document.id)}/pdf`, {
    as: 'static',
  });
  expect(answer.status).toBe(200);
});

test('an unknown document is a 404 problem; the PDF needs credentials like the rest', async () => {
  const missing = await call(erp, 'GET', '/api/v1/documents/NOPE/pdf', { as: 'static' });
  expect(missing.status).toBe(404);
  expect(missing.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect((await call(erp, 'GET', '/api/v1/documents/D-I01/pdf')).status).toBe(401);
});
