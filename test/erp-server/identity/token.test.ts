/** The dev identity provider's tokens: HS256 JWTs for a user and an audience, verified with a typed outcome. */
import { createHmac } from 'node:crypto';
import {
  DEFAULT_DEV_IDENTITY_SECRET,
  signToken,
  verifyToken,
  type TokenClaims,
} from '../../../dev/identity/token';

const NOW = Date.parse('2026-03-15T09:00:00Z');
const decode = (part: string | undefined): Record<string, unknown> =>
  JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;

describe('signToken', () => {
  test('signs an HS256 JWT with sub (lower-case), aud, name, iat, exp one hour later and iss solleciti-dev', () => {
    const { token, claims, expiresIn } = signToken({
      user: ' Marta.Rossi@Example.IT ',
      audience: 'erp',
      now: NOW,
    });
    const [header, payload] = token.split('.');
    expect(decode(header)).toEqual({ alg: 'HS256', typ: 'JWT' });
    const expected: TokenClaims = {
      sub: 'marta.rossi@example.it',
      aud: 'erp',
      name: 'marta.rossi',
      iat: NOW / 1000,
      exp: NOW / 1000 + 3600,
      iss: 'solleciti-dev',
    };
    expect(decode(payload)).toEqual(expected);
    expect(claims).toEqual(expected);
    expect(expiresIn).toBe(3600);
  });

  test('the signature is HMAC-SHA256 of header.payload with the development secret by default', () => {
    const { token } = signToken({ user: 'a@b.it', audience: 'graph', now: NOW });
    const [header, payload, signature] = token.split('.');
    expect(signature).toBe(
      createHmac('sha256', DEFAULT_DEV_IDENTITY_SECRET).update(`${header}.${payload}`).digest('base64url'),
    );
  });

  test('takes a name and a lifetime', () => {
    const { claims } = signToken({
      user: 'a@b.it',
      audience: 'erp',
      name: 'Anna Bianchi',
      expiresIn: 60,
      now: NOW,
    });
    expect(claims).toMatchObject({ name: 'Anna Bianchi', exp: NOW / 1000 + 60 });
  });

  test('refuses what is not a user, an audience or a lifetime', () => {
    expect(() => signToken({ user: 'marta', audience: 'erp' })).toThrow(RangeError);
    expect(() => signToken({ user: 'a@b@c', audience: 'erp' })).toThrow(RangeError);
    expect(() => signToken({ user: 'a@b.it', audience: 'sharepoint' as 'erp' })).toThrow(/audience/);
    expect(() => signToken({ user: 'a@b.it', audience: 'erp', expiresIn: 0 })).toThrow(/expiresIn/);
    expect(() => signToken({ user: 'a@b.it', audience: 'erp', expiresIn: 1.5 })).toThrow(/expiresIn/);
    expect(() => signToken({ user: 'a@b.it', audience: 'erp', expiresIn: 8 * 24 * 3600 })).toThrow(
      /expiresIn/,
    );
  });
});

describe('verifyToken', () => {
  const token = signToken({ user: 'marta@example.it', audience: 'erp', now: NOW }).token;

  test('accepts a good token for its audience until it expires', () => {
    expect(verifyToken(token, 'erp', { now: NOW })).toEqual({
      ok: true,
      claims: expect.objectContaining({ sub: 'marta@example.it', aud: 'erp' }),
    });
    expect(verifyToken(token, 'erp', { now: NOW + 3599_000 }).ok).toBe(true);
  });

  test('an expired token is "expired"', () => {
    expect(verifyToken(token, 'erp', { now: NOW + 3600_000 })).toMatchObject({
      ok: false,
      reason: 'expired',
    });
  });

  test('a token for the other audience is "wrong_audience"', () => {
    expect(verifyToken(token, 'graph', { now: NOW })).toMatchObject({ ok: false, reason: 'wrong_audience' });
  });

  test('another secret or a changed payload is "bad_signature"', () => {
    expect(verifyToken(token, 'erp', { now: NOW, secret: 'other' })).toMatchObject({
      ok: false,
      reason: 'bad_signature',
    });
    const [header, , signature] = token.split('.');
    const payload = Buffer.from(
      JSON.stringify({
        sub: 'admin@example.it',
        aud: 'erp',
        name: 'x',
        iat: 1,
        exp: 9e9,
        iss: 'solleciti-dev',
      }),
    ).toString('base64url');
    expect(verifyToken(`${header}.${payload}.${signature}`, 'erp', { now: NOW })).toMatchObject({
      ok: false,
      reason: 'bad_signature',
    });
  });

  test('garbage, alg "none" and tokens without the claims are "malformed"', () => {
    for (const bad of ['', 'abc', 'a.b', 'a.b.c.d', 'a.b.c', `${token}x!`]) {
      expect(verifyToken(bad, 'erp', { now: NOW })).toMatchObject({ ok: false, reason: 'malformed' });
    }
    const [, payload] = token.split('.');
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.AA`;
    expect(verifyToken(none, 'erp', { now: NOW })).toMatchObject({ ok: false, reason: 'malformed' });
    const header = Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url');
    const noSub = Buffer.from(
      '{"aud":"erp","name":"x","iat":1,"exp":9999999999,"iss":"solleciti-dev"}',
    ).toString('base64url');
    const signed = `${header}.${noSub}.${createHmac('sha256', DEFAULT_DEV_IDENTITY_SECRET).update(`${header}.${noSub}`).digest('base64url')}`;
    expect(verifyToken(signed, 'erp', { now: NOW })).toMatchObject({ ok: false, reason: 'malformed' });
  });

  test('a token from another issuer with the same secret is "wrong_issuer"', () => {
    const header = Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url');
    const payload = Buffer.from(
      JSON.stringify({ sub: 'a@b.it', aud: 'erp', name: 'x', iat: 1, exp: 9e9, iss: 'someone-else' }),
    ).toString('base64url');
    const signed = `${header}.${payload}.${createHmac('sha256', DEFAULT_DEV_IDENTITY_SECRET).update(`${header}.${payload}`).digest('base64url')}`;
    expect(verifyToken(signed, 'erp', { now: NOW })).toMatchObject({ ok: false, reason: 'wrong_issuer' });
  });

  test('DEV_IDENTITY_SECRET, when set, is the secret both sides use', () => {
    const saved = process.env.DEV_IDENTITY_SECRET;
    process.env.DEV_IDENTITY_SECRET = 'team-secret';
    try {
      const shared = signToken({ user: 'a@b.it', audience: 'graph', now: NOW }).token;
      expect(verifyToken(shared, 'graph', { now: NOW }).ok).toBe(true);
      expect(verifyToken(shared, 'graph', { now: NOW, secret: DEFAULT_DEV_IDENTITY_SECRET })).toMatchObject({
        reason: 'bad_signature',
      });
    } finally {
      if (saved === undefined) delete process.env.DEV_IDENTITY_SECRET;
      else process.env.DEV_IDENTITY_SECRET = saved;
    }
  });
});
