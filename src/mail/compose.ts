/**
 * What a job's message says and carries, worked out from a fresh plan: the rendered e-mail (subject, HTML,
 * To with the customer's name, CC) with its content fingerprint, and the invoice PDFs from the ERP
 * archive, checked against Exchange's size rules before anything is claimed or created.
 */
import type { ItemCycle } from '../domain/communication-key';
import { pdfNameFor, pdfNamesFor } from '../domain/attachment-names';
import { safeDisplayName } from '../domain/email-address';
import { documentsOf, type Communication } from '../domain/plan-reminders';
import { renderEmail } from '../domain/render-email';
import { sha256Hex } from '../domain/sha256';
import type { ErpClient } from '../erp/client';
import { ErpError } from '../erp/errors';
import type { DraftMessage, FileToAttach } from './graph-mailer';
import { failures, type JobFailure } from './job-failures';
import type { PlanSnapshot } from './freshness';
import { attachmentRoute, encodedMessageBytes, MAX_MESSAGE_BYTES } from './sizes';

/** Renders the communication as the draft to create (throws if its customer is not in the snapshot). */
export function composeDraft(
  snapshot: PlanSnapshot,
  communication: Communication,
  key: string,
  items: readonly ItemCycle[],
): DraftMessage {
  const customer = snapshot.customers.get(communication.customerId);
  if (customer === undefined)
    throw new Error(`Customer ${communication.customerId} of a planned reminder is not in the cache`);
  const email = renderEmail({
    communication,
    setup: snapshot.setup,
    customer,
    agents: snapshot.agents,
    today: snapshot.today,
  });
  // The name comes from the ERP: made harmless before it becomes Graph's emailAddress.name.
  const name = safeDisplayName(customer.name);
  const to = communication.to.map((address) => ({ address, ...(name !== undefined ? { name } : {}) }));
  const cc = communication.cc.map((address) => ({ address }));
  const fingerprint = sha256Hex(
    JSON.stringify([email.subject, email.html, communication.to, communication.cc]),
  );
  return { key, items, subject: email.subject, html: email.html, to, cc, fingerprint };
}

export type PdfOutcome =
  | { readonly ok: true; readonly files: FileToAttach[] }
  | { readonly ok: false; readonly failure: JobFailure };

/**
 * The PDFs of the communication's documents (none when the setup does not attach them), and the check
 * that each can be attached and the whole message stays under 35 MB encoded. A PDF the ERP does not have
 * is a job failure naming it; any other ERP failure is thrown.
 */
export async function fetchAttachments(
  erp: ErpClient,
  snapshot: PlanSnapshot,
  communication: Communication,
  draft: DraftMessage,
  signal?: AbortSignal,
): Promise<PdfOutcome> {
  const files: FileToAttach[] = [];
  if (snapshot.setup.attachInvoicePdfs) {
    const documents = documentsOf(communication);
    const names = pdfNamesFor(documents.map((document) => document.documentNumber));
    for (const [index, document] of documents.entries()) {
      let bytes: Uint8Array<ArrayBuffer>;
      try {
        bytes = new Uint8Array(await (await erp.documentPdf(document.documentId, signal)).arrayBuffer());
      } catch (error) {
        if (error instanceof ErpError && error.reason === 'not_found')
          return { ok: false, failure: failures.pdfMissing(document.documentNumber) };
        throw error;
      }
      const name = names[index] ?? pdfNameFor(document.documentNumber);
      if (attachmentRoute(bytes.length, name) === 'unsendable')
        return { ok: false, failure: failures.attachmentUnsendable(document.documentNumber, bytes.length) };
      files.push({ name, bytes, contentType: 'application/pdf' });
    }
  }
  const size = encodedMessageBytes({
    subject: draft.subject,
    html: draft.html,
    recipients: draft.to.length + draft.cc.length,
    attachments: files.map((file) => ({ name: file.name, bytes: file.bytes.length })),
  });
  if (size > MAX_MESSAGE_BYTES) return { ok: false, failure: failures.tooLarge(size, MAX_MESSAGE_BYTES) };
  return { ok: true, files };
}
