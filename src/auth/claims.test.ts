import { claimsFromWwwAuthenticate, fetchWithToken, isClaimsAware } from './claims';
import type { TokenProvider } from './token-provider';

const CLAIMS = '{"access_token":{"nbf":{"essential":true,"value":"1773648000"}}}';
const base64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

describe('claimsFromWwwAuthenticate', () => {
  it('decodes the base64 claims of a Graph / Entra ID challenge', () => {
    const header = `Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000", error="insufficient_claims", claims="${base64(CLAIMS)}"`;
    expect(claimsFromWwwAuthenticate(header)).toBe(CLAIMS);
  });

  it('accepts base64url and claims already in JSON', () => {
    expect(claimsFromWwwAuthenticate(`Bearer claims="${Buffer.from(CLAIMS).toString('base64url')}"`)).toBe(
      CLAIMS,
    );
    expect(
      claimsFromWwwAuthenticate(`Bearer error="insufficient_claims", claims="{\\"a\\":1}"`),
    ).toBeUndefined(); // escaped quotes are not JSON we can trust
    expect(claimsFromWwwAuthenticate('Bearer claims="{}"')).toBe('{}');
  });

  it('finds nothing in a plain 401 challenge, a missing header, or garbage', () => {
    expect(claimsFromWwwAuthenticate('Bearer realm="solleciti-erp", error="invalid_token"')).toBeUndefined();
    expect(claimsFromWwwAuthenticate(null)).toBeUndefined();
    expect(claimsFromWwwAuthenticate('Bearer claims="%%%"')).toBeUndefined();
    expect(claimsFromWwwAuthenticate(`Bearer claims="${base64('not json')}"`)).toBeUndefined();
    expect(claimsFromWwwAuthenticate('Bearer xclaims="e30="')).toBeUndefined();
  });
});

describe('fetchWithToken', () => {
  function counterProvider(): TokenProvider & { invalidated: number } {
    let n = 0;
    const provider = {
      invalidated: 0,
      description: 'test',
      getToken: async () => `t${++n}`,
      invalidate: () => {
        provider.invalidated += 1;
      },
    };
    return provider;
  }

  it('sends the bearer token and keeps the caller’s headers', async () => {
    const provider = counterProvider();
    const fetchImpl = jest.fn(
      async (_url: string | URL | Request, _init?: RequestInit) => new Response('ok'),
    );
    await fetchWithToken(
      provider,
      'https://erp.example.it/items',
      { headers: { Accept: 'application/json' } },
      fetchImpl,
    );
    const headers = new Headers(fetchImpl.mock.calls[0]?.[1]?.headers);
    expect(headers.get('Authorization')).toBe('Bearer t1');
    expect(headers.get('Accept')).toBe('application/json');
  });

  it('after a plain 401, invalidates and retries once with a fresh token', async () => {
    const provider = counterProvider();
    const fetchImpl = jest.fn(async () => new Response(null, { status: 401 }));
    const response = await fetchWithToken(provider, 'https://erp.example.it/items', {}, fetchImpl);
    expect(response.status).toBe(401);
    expect(fetchImpl).toHaveBeenCalledTimes(2);
    expect(provider.invalidated).toBe(1);
  });

  it('a provider that cannot answer claims gets the plain retry', async () => {
    const provider = counterProvider();
    expect(isClaimsAware(provider)).toBe(false);
    const fetchImpl = jest
      .fn<Promise<Response>, [string | URL | Request, RequestInit | undefined]>()
      .mockResolvedValueOnce(
        new Response(null, {
          status: 401,
          headers: { 'WWW-Authenticate': `Bearer claims="${base64(CLAIMS)}"` },
        }),
      )
      .mockResolvedValueOnce(new Response('ok'));
    expect((await fetchWithToken(provider, 'https://x.example', {}, fetchImpl)).status).toBe(200);
    expect(provider.invalidated).toBe(1);
  });
});
