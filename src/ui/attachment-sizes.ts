/**
 * How big the PDFs of a batch are, for the confirmation. The ERP's contract gives no document sizes (the
 * open items name their documents; `GET /documents/{id}/pdf` is the only way to learn a size), so they are
 * measured by asking for each e-mail's attachments (`PaneActions.loadAttachments`, as the preview does),
 * a few at a time and up to a limit. A size not known — the PDF missing, the ERP not answering, or beyond
 * the limit — is counted as unknown, never guessed.
 */
import { formatBytes, messagesFor, type UiLanguage } from './i18n';
import type { AttachmentInfo } from './model';

/** The PDFs of some e-mails: how many, the bytes of those whose size is known, how many are not. */
export interface AttachmentTotals {
  readonly count: number;
  readonly knownBytes: number;
  /** PDFs of unknown size (missing ones included). */
  readonly unknown: number;
  /** PDFs the ERP does not have: the e-mails that attach them will fail. */
  readonly missing: number;
}

export const NO_ATTACHMENTS: AttachmentTotals = { count: 0, knownBytes: 0, unknown: 0, missing: 0 };

/** The totals of a list of attachments. */
export function totalAttachments(files: readonly AttachmentInfo[]): AttachmentTotals {
  let knownBytes = 0;
  let unknown = 0;
  let missing = 0;
  for (const file of files) {
    if (file.missing === true) missing++;
    if (file.size === undefined) unknown++;
    else knownBytes += file.size;
  }
  return { count: files.length, knownBytes, unknown, missing };
}

/** PDFs measured for one confirmation at most: past these the rest count as unknown (each costs a download). */
export const MAX_MEASURED_PDFS = 200;
/** Requests in flight at once: the ERP renders PDFs on request, and the pane shares its connection. */
const CONCURRENCY = 4;

/**
 * Measures the PDFs of the e-mails `keys` (`expected` PDFs in all, as the plan counts them), a few e-mails
 * at a time and in order, until `MAX_MEASURED_PDFS` are measured; reports the running totals after each
 * e-mail, and stops early when `isCancelled` says so. Resolves with the totals, where every PDF not
 * measured (beyond the limit, or the ERP did not answer) is unknown.
 */
export async function measureAttachments(
  keys: readonly string[],
  expected: number,
  load: (key: string) => Promise<readonly AttachmentInfo[]>,
  onProgress: (totals: AttachmentTotals) => void,
  isCancelled: () => boolean = () => false,
): Promise<AttachmentTotals> {
  // What the ERP answered for the e-mails measured so far.
  let answered: AttachmentTotals = NO_ATTACHMENTS;
  const result = (): AttachmentTotals => ({
    count: expected,
    knownBytes: answered.knownBytes,
    unknown: answered.unknown + Math.max(0, expected - answered.count),
    missing: answered.missing,
  });
  let next = 0;
  const worker = async (): Promise<void> => {
    while (
      next < keys.length &&
      answered.count < MAX_MEASURED_PDFS &&
      answered.count < expected &&
      !isCancelled()
    ) {
      const key = keys[next++] as string;
      // Not answered: its PDFs stay unknown.
      const files = await load(key).catch((): readonly AttachmentInfo[] => []);
      if (isCancelled()) return;
      const totals = totalAttachments(files);
      answered = {
        count: answered.count + totals.count,
        knownBytes: answered.knownBytes + totals.knownBytes,
        unknown: answered.unknown + totals.unknown,
        missing: answered.missing + totals.missing,
      };
      if (totals.count > 0) onProgress(result());
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, keys.length) }, worker));
  return result();
}

/** The totals' size as the clerk reads it: "2,1 MB in totale", "2,1 MB + 1 di dimensione sconosciuta". */
export function describeAttachmentSize(totals: AttachmentTotals, language: UiLanguage): string {
  return messagesFor(language).attachmentsSize(
    formatBytes(totals.knownBytes, language),
    totals.unknown,
    totals.count,
  );
}
