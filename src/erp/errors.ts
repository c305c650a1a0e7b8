/**
 * Failures talking to the ERP, as typed errors with a reason code. `src/ui` turns codes into sentences
 * (Italian and English); nothing else should parse messages.
 */
import type { ErpErrorReason } from '../domain/erp-error-reason';
import type { Problem } from './wire';

export type { ErpErrorReason };

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
