/** `GET /documents/{id}/pdf`: the document's PDF, rendered once from the books and then served from the cache. */
import type { CustomerWire, OpenItemWire } from '../../../src/erp/wire';
import { requireCaller } from '../auth';
import { notFound } from '../http/problem';
import type { Handler } from '../http/types';
import type { SeedDocument } from '../seed/types';
import type { ErpStore } from '../store/erp-store';

export type PdfRenderer = (
  document: SeedDocument,
  customer: CustomerWire,
  items: OpenItemWire[],
) => Promise<Uint8Array>;

const missingCustomer = (id: string): CustomerWire => ({
  id,
  name: id,
  vatNumber: undefined,
  emails: [],
  pec: undefined,
  language: undefined,
  agentId: undefined,
  blocked: false,
});

export function documentPdf(store: ErpStore, render: PdfRenderer): Handler {
  return async ({ params, principal }) => {
    requireCaller(principal);
    const documentId = params.id ?? '';
    const document = store.catalog.getDocument(documentId);
    if (document === undefined) throw notFound(`no document with id ${JSON.stringify(documentId)}`);
    let pdf = store.catalog.cachedPdf(documentId);
    if (pdf === undefined) {
      // A customer missing from the books still gets a readable invoice rather than an error.
      const customer = store.catalog.getCustomer(document.customerId) ?? missingCustomer(document.customerId);
      pdf = await render(document, customer, store.catalog.itemsOfDocument(documentId));
      if (store.catalog.getDocument(documentId) !== undefined) store.catalog.cachePdf(documentId, pdf);
    }
    const filename = `${document.number.replace(/[^A-Za-z0-9._-]+/g, '_')}.pdf`;
    return {
      status: 200,
      bytes: { contentType: 'application/pdf', data: pdf },
      headers: {
        'Content-Disposition': `inline; filename="${filename}"`,
        'Cache-Control': 'private, max-age=3600',
      },
    };
  };
}
