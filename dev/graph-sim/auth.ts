/**
 * Bearer tokens, verified with the development identity provider (`dev/identity`) for the `graph`
 * audience. Every failure is Graph's 401 `InvalidAuthenticationToken`, with a message like Graph's.
 */
import { verifyToken, type TokenRejection } from '../identity';
import { graphErrors, type GraphError } from './errors';

export interface SignedInUser {
  /** The address (lower-case), which is the mailbox's key. */
  readonly address: string;
  readonly displayName: string;
}

const MESSAGES: Readonly<Record<TokenRejection, string>> = {
  malformed: 'IDX14100: JWT is not well formed.',
  bad_signature: 'Access token validation failure. Invalid signature.',
  wrong_issuer: 'Access token validation failure. Invalid issuer.',
  wrong_audience: 'Access token validation failure. Invalid audience.',
  expired: 'Lifetime validation failed, the token is expired.',
};

/** The user an `Authorization` header signs in, or the 401 to answer. */
export function authenticate(
  authorization: string | undefined,
  secret: string | undefined,
): SignedInUser | GraphError {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (match?.[1] === undefined) return graphErrors.missingToken();
  const result = verifyToken(match[1], 'graph', secret !== undefined ? { secret } : {});
  if (!result.ok) return graphErrors.badToken(MESSAGES[result.reason]);
  return { address: result.claims.sub, displayName: result.claims.name };
}
