/**
 * Every error the demo ERP answers is an RFC 9457 problem (`application/problem+json`, `problemSchema` in
 * src/erp/wire.ts). Handlers throw a `ProblemError`; the server turns it into the response.
 */
import type { z } from 'zod';

/** Problem type URIs for the errors a client may want to tell apart beyond the status code. */
export const PROBLEM_TYPES = {
  validation: 'urn:solleciti:problem:validation',
  invalidSetup: 'urn:solleciti:problem:invalid-setup',
  claimConflict: 'urn:solleciti:problem:claim-conflict',
  staleSyncToken: 'urn:solleciti:problem:stale-sync-token',
} as const;

/** The body of a problem response: `problemSchema` of src/erp/wire.ts, with extension members. */
export interface ProblemBody {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly field?: string;
  readonly [extension: string]: unknown;
}

export class ProblemError extends Error {
  readonly problem: ProblemBody;
  constructor(
    readonly status: number,
    title: string,
    detail?: string,
    extra: Record<string, unknown> & { type?: string; field?: string } = {},
    /** Extra response headers (`WWW-Authenticate`, `Allow`). */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(detail ?? title);
    this.name = 'ProblemError';
    this.problem = {
      type: 'about:blank',
      title,
      status,
      ...(detail !== undefined ? { detail } : {}),
      ...extra,
    };
  }
}

export const badRequest = (field: string, detail: string): ProblemError =>
  new ProblemError(400, 'Invalid request', `${field}: ${detail}`, { type: PROBLEM_TYPES.validation, field });

export const notFound = (detail: string): ProblemError => new ProblemError(404, 'Not found', detail);

export const forbidden = (detail: string): ProblemError => new ProblemError(403, 'Forbidden', detail);

/** A zod issue path as the contract's dotted field path (`items.0.cycle`); `body` for the body itself. */
export function fieldOf(path: readonly PropertyKey[], root = 'body'): string {
  return path.length === 0 ? root : path.map((part) => String(part)).join('.');
}

/**
 * Parses `value` with `schema` or throws a 400 problem naming the first field at fault (every issue is
 * listed in `errors`). `root` names the value itself when the issue has no path.
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, root = 'body'): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({
    field: fieldOf(issue.path, root),
    message: issue.message,
  }));
  const first = issues[0] ?? { field: root, message: 'invalid' };
  throw new ProblemError(400, 'Invalid request', `${first.field}: ${first.message}`, {
    type: PROBLEM_TYPES.validation,
    field: first.field,
    errors: issues,
  });
}
