/**
 * Failures talking to the ERP, as typed errors with a reason code. `src/ui` turns codes into sentences
 * (Italian and English); nothing else should parse messages.
 */
import type { Problem } from './wire';

export type ErpErrorReason =
  | 'network' // no answer: offline, DNS, connection refused or reset
  | 'timeout'
  | 'aborted' // the caller cancelled
  | 'unauthorized' // 401: token missing, expired or refused
  | 'forbidden' // 403: signed in, but not allowed (not an enabled user, not an administrator)
  | 'not_found'
  | 'conflict' // 409: e.g. a claim held by someone else
  | 'precondition_failed' // 412/428: the setup changed elsewhere (ETag)
  | 'gone' // 410: a sync token from another life of the ERP's database: sync again from scratch
  | 'invalid_request' // other 4xx: the request was wrong
  | 'server' // 5xx after retries
  | 'bad_response'; // the ERP answered something the contract does not allow

export class ErpError extends Error {
  constructor(
    readonly reason: ErpErrorReason,
    message: string,
    readonly status?: number,
    readonly problem?: Problem,
  ) {
    super(message);
    this.name = 'ErpError';
  }
}

/** The reason for an HTTP status the client does not retry (or stopped retrying). */
export function reasonForStatus(status: number): ErpErrorReason {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 410) return 'gone';
  if (status === 412 || status === 428) return 'precondition_failed';
  if (status >= 500) return 'server';
  return 'invalid_request';
}
