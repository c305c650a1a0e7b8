/**
 * The development identity provider's tokens: HS256 JSON Web Tokens signed with a shared development
 * secret, the stand-in for the Entra ID access tokens production uses (docs/rules.md §2.5, §5). The demo ERP and
 * the Graph simulator sign and verify them with the same secret, so a token minted by either is accepted
 * by the other for its own audience. Rights are not in the token: each server decides them from its own
 * data (the ERP from the setup's `enabledUsers` and `administrators`) at every request, so a change to the
 * setup takes effect at once.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const DEV_IDENTITY_ISSUER = 'solleciti-dev';
/** Used when `DEV_IDENTITY_SECRET` is not set. Development only: anyone can read it here. */
export const DEFAULT_DEV_IDENTITY_SECRET = 'solleciti-dev-identity-secret-not-for-production';
export const DEFAULT_TOKEN_LIFETIME_SECONDS = 3600;
/** The longest lifetime `signToken` accepts: a week. */
export const MAX_TOKEN_LIFETIME_SECONDS = 7 * 24 * 3600;

export const AUDIENCES = ['erp', 'graph'] as const;
export type Audience = (typeof AUDIENCES)[number];

export interface TokenClaims {
  /** The user's e-mail address, lower-case. */
  readonly sub: string;
  readonly aud: Audience;
  readonly name: string;
  /** Issued at, seconds since the epoch. */
  readonly iat: number;
  /** Expires at, seconds since the epoch. */
  readonly exp: number;
  readonly iss: typeof DEV_IDENTITY_ISSUER;
}

export interface SignOptions {
  readonly user: string;
  readonly audience: Audience;
  /** Display name; defaults to the part of the address before the `@`. */
  readonly name?: string;
  /** Lifetime in whole seconds, 1 to a week. Default one hour. */
  readonly expiresIn?: number;
  /** Defaults to `DEV_IDENTITY_SECRET`, else the development default. */
  readonly secret?: string;
  /** Milliseconds since the epoch; injectable so tests can mint expired tokens. */
  readonly now?: number;
}

export interface SignedToken {
  readonly token: string;
  readonly claims: TokenClaims;
  readonly expiresIn: number;
}

export type TokenRejection = 'malformed' | 'bad_signature' | 'wrong_issuer' | 'wrong_audience' | 'expired';

export type VerifyResult =
  | { readonly ok: true; readonly claims: TokenClaims }
  | { readonly ok: false; readonly reason: TokenRejection; readonly message: string };

export interface VerifyOptions {
  readonly secret?: string;
  readonly now?: number;
}

/** The secret in force: `DEV_IDENTITY_SECRET` when set and not empty, else the development default. */
export function devIdentitySecret(): string {
  const fromEnv = process.env.DEV_IDENTITY_SECRET;
  return fromEnv !== undefined && fromEnv !== '' ? fromEnv : DEFAULT_DEV_IDENTITY_SECRET;
}

const base64url = (bytes: Buffer | string): string => Buffer.from(bytes).toString('base64url');
const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
const EMAIL = /^[^\s@]+@[^\s@]+$/;

const signature = (signingInput: string, secret: string): Buffer =>
  createHmac('sha256', secret).update(signingInput).digest();

/**
 * Signs a token for `user` (an e-mail address, stored lower-case in `sub`) and one audience. Throws a
 * RangeError for an address without exactly one `@`, an unknown audience or a lifetime out of range.
 */
export function signToken(options: SignOptions): SignedToken {
  const user = options.user.trim().toLowerCase();
  if (!EMAIL.test(user))
    throw new RangeError(`user must be an e-mail address, got ${JSON.stringify(options.user)}`);
  if (!(AUDIENCES as readonly string[]).includes(options.audience)) {
    throw new RangeError(
      `audience must be one of ${AUDIENCES.join(', ')}, got ${JSON.stringify(options.audience)}`,
    );
  }
  const expiresIn = options.expiresIn ?? DEFAULT_TOKEN_LIFETIME_SECONDS;
  if (!Number.isInteger(expiresIn) || expiresIn < 1 || expiresIn > MAX_TOKEN_LIFETIME_SECONDS) {
    throw new RangeError(
      `expiresIn must be a whole number of seconds from 1 to ${MAX_TOKEN_LIFETIME_SECONDS}, got ${expiresIn}`,
    );
  }
  const iat = Math.floor((options.now ?? Date.now()) / 1000);
  const claims: TokenClaims = {
    sub: user,
    aud: options.audience,
    name: options.name ?? user.slice(0, user.indexOf('@')),
    iat,
    exp: iat + expiresIn,
    iss: DEV_IDENTITY_ISSUER,
  };
  const signingInput = `${HEADER}.${base64url(JSON.stringify(claims))}`;
  const token = `${signingInput}.${base64url(signature(signingInput, options.secret ?? devIdentitySecret()))}`;
  return { token, claims, expiresIn };
}

type Loose = Record<string, unknown>;
const isRecord = (value: unknown): value is Loose =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function decodeJson(part: string): unknown {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

const reject = (reason: TokenRejection, message: string): VerifyResult => ({ ok: false, reason, message });

/**
 * Checks a token's form, signature (HS256 only: `alg: none` and every other algorithm are refused),
 * issuer, audience and expiry, in that order, and returns its claims or the first reason it fails.
 * Never throws for a bad token: a bad token is an expected outcome.
 */
export function verifyToken(token: string, audience: Audience, options: VerifyOptions = {}): VerifyResult {
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((part) => !/^[A-Za-z0-9_-]+$/.test(part))) {
    return reject('malformed', 'not a JSON Web Token (three base64url parts)');
  }
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  const header = decodeJson(headerPart);
  if (!isRecord(header) || header.alg !== 'HS256')
    return reject('malformed', 'the token is not signed with HS256');

  const expected = signature(`${headerPart}.${payloadPart}`, options.secret ?? devIdentitySecret());
  const actual = Buffer.from(signaturePart, 'base64url');
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
    return reject('bad_signature', 'the signature does not match (another secret, or a tampered token)');
  }

  const payload = decodeJson(payloadPart);
  if (
    !isRecord(payload) ||
    typeof payload.sub !== 'string' ||
    !EMAIL.test(payload.sub) ||
    typeof payload.name !== 'string' ||
    !Number.isInteger(payload.iat) ||
    !Number.isInteger(payload.exp)
  ) {
    return reject('malformed', 'the token lacks sub, name, iat or exp');
  }
  if (payload.iss !== DEV_IDENTITY_ISSUER)
    return reject('wrong_issuer', `the issuer is not ${DEV_IDENTITY_ISSUER}`);
  if (payload.aud !== audience)
    return reject(
      'wrong_audience',
      `the token is for ${JSON.stringify(payload.aud)}, not ${JSON.stringify(audience)}`,
    );
  const nowSeconds = Math.floor((options.now ?? Date.now()) / 1000);
  if (nowSeconds >= (payload.exp as number)) return reject('expired', 'the token has expired');
  return {
    ok: true,
    claims: {
      sub: payload.sub.toLowerCase(),
      aud: audience,
      name: payload.name,
      iat: payload.iat as number,
      exp: payload.exp as number,
      iss: DEV_IDENTITY_ISSUER,
    },
  };
}
