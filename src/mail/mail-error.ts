/**
 * Failures talking to Microsoft Graph, as one typed error with a reason code. `uncertain` marks a request
 * that may have been carried out although no answer says so (the connection dropped, the time ran out, a
 * 5xx on a write): the caller must look before doing it again — that is where duplicates come from.
 */
export type MailErrorReason =
  | 'throttled' // 429 still, after the retries
  | 'unavailable' // 5xx still, after the retries (or a 5xx on a write: see `uncertain`)
  | 'network' // no answer: offline, reset, dropped
  | 'timeout'
  | 'aborted' // the caller stopped
  | 'unauthorized' // 401 again after a fresh token
  | 'restricted' // 403 ErrorMessageSubmissionBlocked: the mailbox may not send
  | 'forbidden' // any other 403
  | 'not_found'
  | 'invalid_operation' // 400 ErrorInvalidOperation: e.g. sending a message that is no longer a draft
  | 'too_large' // 413, or 400 ErrorMessageSizeExceeded
  | 'invalid_recipients'
  | 'range' // 416 from an upload session
  | 'invalid_request' // any other 4xx
  | 'bad_response'; // an answer the contract does not allow

export class MailError extends Error {
  constructor(
    readonly reason: MailErrorReason,
    message: string,
    readonly status?: number,
    /** Graph's error code (`ErrorItemNotFound`, …), when it sent one. */
    readonly code?: string,
    /** The request may have been carried out: look before repeating it. */
    readonly uncertain = false,
  ) {
    super(message);
    this.name = 'MailError';
  }
}

export const isMailError = (error: unknown, ...reasons: MailErrorReason[]): error is MailError =>
  error instanceof MailError && (reasons.length === 0 || reasons.includes(error.reason));

/** The reason for a Graph answer the client does not retry (or stopped retrying). */
export function reasonFor(status: number, code: string | undefined): MailErrorReason {
  if (status === 401) return 'unauthorized';
  if (status === 403) return code === 'ErrorMessageSubmissionBlocked' ? 'restricted' : 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 413 || code === 'ErrorMessageSizeExceeded') return 'too_large';
  if (code === 'ErrorInvalidRecipients') return 'invalid_recipients';
  if (code === 'ErrorInvalidOperation') return 'invalid_operation';
  if (status === 416) return 'range';
  if (status === 429) return 'throttled';
  if (status >= 500) return 'unavailable';
  return 'invalid_request';
}
