/**
 * Why an outbox job did not go out, as a reason code (stored in `OutboxJob.failure`, turned into the
 * pane's own sentence by code) plus a detail sentence the clerk can read as it is (`OutboxJob.detail`),
 * naming the document, the colleague or the limit concerned.
 */
import { formatBytes } from './sizes';

export type JobFailureCode =
  /** An item was paid, closed or deleted in the ERP since planning. */
  | 'item_closed'
  /** The reminder is no longer due as planned (due date moved, level changed, customer blocked…). */
  | 'changed'
  /** Dropped because the same items went out in another reminder (re-planned without the paid ones). */
  | 'replaced'
  /** Someone else claimed or sent the same (item, level, cycle) first. */
  | 'claimed_elsewhere'
  | 'pdf_missing'
  | 'message_too_large'
  /** A PDF of an awkward size: too big for one request, too small for an upload session. */
  | 'attachment_unsendable'
  | 'invalid_recipients'
  /** The draft's attachments could not be made equal to the plan's documents (names, count, sizes): not sent. */
  | 'attachments_mismatch'
  /** The draft was deleted in Outlook before the worker could send it. */
  | 'deleted_in_outlook'
  | 'cancelled'
  /** "Check the mailbox" found it had not gone out (still a draft, or nothing after Sent Items settled): claim released. */
  | 'not_sent'
  /** Sending was requested but its outcome is not known yet: checked again, never re-sent blindly. */
  | 'send_unconfirmed'
  /** The message went out but the ERP's log could not record it (the claim was taken over). */
  | 'log_refused'
  /** Refused by Microsoft 365 (Graph) for a reason retrying cannot fix; the detail says why. */
  | 'refused_by_graph'
  /** Refused by the ERP for a reason retrying cannot fix; the detail says why. */
  | 'refused_by_erp'
  /** Refused by the ERP or Graph (jobs recorded before the two were told apart). */
  | 'refused';

export interface JobFailure {
  readonly code: JobFailureCode;
  readonly detail: string;
}

const fail = (code: JobFailureCode, detail: string): JobFailure => ({ code, detail });

export const failures = {
  itemClosed: (documents: readonly string[]): JobFailure =>
    fail(
      'item_closed',
      `${list(documents)} ${documents.length === 1 ? 'was' : 'were'} paid or closed in the ERP since planning: not sent`,
    ),
  changed: (why: string): JobFailure =>
    fail('changed', `The reminder changed since planning (${why}): plan again to send it`),
  replaced: (documents: readonly string[]): JobFailure =>
    fail('replaced', `Re-planned without ${list(documents)} (paid or closed since planning)`),
  claimedElsewhere: (holder: string, since: string | undefined, logged: string | undefined): JobFailure =>
    fail(
      'claimed_elsewhere',
      logged !== undefined
        ? `Already ${logged} by ${holder}${since !== undefined ? ` (${since})` : ''}`
        : `Already claimed by ${holder}${since !== undefined ? ` since ${since}` : ''}`,
    ),
  pdfMissing: (documentNumber: string): JobFailure =>
    fail('pdf_missing', `PDF ${documentNumber} missing in the ERP archive`),
  tooLarge: (bytes: number, limit: number): JobFailure =>
    fail(
      'message_too_large',
      `The reminder with its PDFs would be ${formatBytes(bytes)} once encoded; Exchange accepts at most ${formatBytes(limit)}. Send it without PDFs or split it`,
    ),
  tooLargeForExchange: (): JobFailure =>
    fail('message_too_large', 'Exchange refused the message as too large (over 35 MB once encoded)'),
  attachmentUnsendable: (documentNumber: string, bytes: number): JobFailure =>
    fail(
      'attachment_unsendable',
      `PDF ${documentNumber} (${formatBytes(bytes)}) fits neither in one Graph request nor in an upload session (3 MB or more)`,
    ),
  attachmentsMismatch: (detail: string): JobFailure =>
    fail(
      'attachments_mismatch',
      `The draft's attachments could not be made equal to the planned PDFs (${detail}): not sent`,
    ),
  invalidRecipients: (message: string): JobFailure =>
    fail('invalid_recipients', `Exchange refused the recipients: ${message}`),
  deletedInOutlook: (): JobFailure =>
    fail('deleted_in_outlook', 'The draft was deleted in Outlook before it was sent: nothing was sent'),
  cancelled: (): JobFailure => fail('cancelled', 'Cancelled before it was sent'),
  notSent: (): JobFailure =>
    fail(
      'not_sent',
      'Checked in the mailbox: it had not been sent; its draft was deleted and its claim released',
    ),
  sendUnconfirmed: (since: number): JobFailure =>
    fail(
      'send_unconfirmed',
      `Sending was requested at ${new Date(since).toISOString()} but the message is not in Sent Items yet; it will be checked again and never re-sent blindly`,
    ),
  logRefused: (why: string): JobFailure =>
    fail('log_refused', `Sent, but the ERP did not record it: ${why}. Tell the administrator`),
  refused: (by: 'ERP' | 'Graph', why: string): JobFailure =>
    fail(
      by === 'Graph' ? 'refused_by_graph' : 'refused_by_erp',
      `${by === 'Graph' ? 'Microsoft 365' : 'The ERP'} refused the reminder: ${why}`,
    ),
} as const;

function list(values: readonly string[]): string {
  if (values.length <= 1) return values[0] ?? 'An item';
  return `${values.slice(0, -1).join(', ')} and ${values[values.length - 1] ?? ''}`;
}

/** Why a run of the worker stopped before the outbox was empty; the pane explains each and offers to resume. */
export type StopReason =
  /** Paused (the pane closed, or `pause()`): resumes where it stopped. */
  | 'paused'
  /** Graph or the ERP refused the token even after a fresh one: sign in again, then resume. */
  | 'unauthorized'
  /** Exchange blocked the mailbox from sending (restricted sender): an administrator must lift it. */
  | 'mailbox_restricted'
  /** The signed-in account is not an enabled user (docs/rules.md §5). */
  | 'not_enabled'
  /** Graph or the ERP kept failing after the retries: no answer (offline, outage, blocked by a policy) or 5xx. */
  | 'unreachable'
  /** Microsoft 365 answered with a refusal (4xx) that retrying cannot fix; the message says why. */
  | 'graph_refused'
  /** The ERP answered with a refusal (4xx) that retrying cannot fix; the message says why. */
  | 'erp_refused'
  /** Something went wrong that is none of the above (a bug): the message says what. */
  | 'unexpected'
  /** Graph kept answering 429 after the backoffs (e.g. the day's recipient limit is reached). */
  | 'throttled'
  /** The cached setup is invalid or missing: nothing can be planned. */
  | 'invalid_setup'
  /** Another worker already runs on this mailbox's outbox (another tab). */
  | 'busy';
