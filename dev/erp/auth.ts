/**
 * Who is calling the demo ERP. `Authorization: Bearer <token>` carries either a dev identity token for the
 * audience `erp` (the user is its `sub`) or the static key `ERP_TOKEN` (read-only: GETs only). What a user
 * may do (claim, write the setup) is decided by the handlers from the setup, at each request.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { verifyToken } from '../identity/token';
import { ProblemError } from './http/problem';
import type { Principal } from './http/types';

export const DEFAULT_STATIC_KEY = 'demo';
const REALM = 'solleciti-erp';

export interface AuthOptions {
  /** The static read-only key; null disables it. */
  readonly staticKey: string | null;
  /** The dev identity secret; defaults to `DEV_IDENTITY_SECRET` or the development default. */
  readonly identitySecret?: string;
  readonly now: () => number;
}

const quote = (text: string) => `"${text.replace(/["\\]/g, '')}"`;

function unauthorized(detail: string, error?: 'invalid_request' | 'invalid_token'): ProblemError {
  const challenge =
    error === undefined
      ? `Bearer realm=${quote(REALM)}`
      : `Bearer realm=${quote(REALM)}, error=${quote(error)}, error_description=${quote(detail)}`;
  return new ProblemError(401, 'Unauthorized', detail, {}, { 'WWW-Authenticate': challenge });
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The caller of a request: `anonymous` without an Authorization header; throws a 401 problem (with a
 * `WWW-Authenticate: Bearer` challenge) for a header that is not a valid bearer token or key.
 */
export function authenticate(req: IncomingMessage, options: AuthOptions): Principal {
  const header = req.headers.authorization;
  if (header === undefined || header.trim() === '') return { kind: 'anonymous' };
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (match === null)
    throw unauthorized('the Authorization header must be "Bearer <token>"', 'invalid_request');
  const credential = match[1] as string;
  if (options.staticKey !== null && sameSecret(credential, options.staticKey)) return { kind: 'static-key' };
  const verified = verifyToken(credential, 'erp', {
    now: options.now(),
    ...(options.identitySecret !== undefined ? { secret: options.identitySecret } : {}),
  });
  if (!verified.ok) throw unauthorized(`invalid token: ${verified.message}`, 'invalid_token');
  return { kind: 'user', email: verified.claims.sub, name: verified.claims.name };
}

/** Throws 401 unless someone is signed in (user or static key). */
export function requireCaller(principal: Principal): void {
  if (principal.kind === 'anonymous')
    throw unauthorized(
      'sign in: send "Authorization: Bearer <token>" (a dev identity token or the static key)',
    );
}

/** The signed-in user, or 403 for the static key (read-only). */
export function requireUser(principal: Principal): Extract<Principal, { kind: 'user' }> {
  requireCaller(principal);
  if (principal.kind !== 'user') {
    throw new ProblemError(
      403,
      'Forbidden',
      'the static API key is read-only: sign in as a user to change anything',
    );
  }
  return principal;
}
