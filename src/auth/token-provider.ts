/**
 * Where access tokens come from. One interface for every outside API (the ERP, Microsoft Graph): in
 * production MSAL (the sign-in issue), for ERPs without OAuth a static key, in development the dev
 * identity provider. Tokens are never logged or stored by callers: they ask for one per request.
 */
export interface TokenProvider {
  /** A bearer token valid now. */
  getToken(signal?: AbortSignal): Promise<string>;
  /** Called when the API answered 401 with the last token: forget it, so the next call gets a fresh one. */
  invalidate(): void;
  /** A short, token-free description for settings and error messages ("static key", "dev identity (marta@…)"). */
  readonly description: string;
}

/** A fixed API key sent as a bearer token: for ERPs that cannot do OAuth. The settings warn about it. */
export function staticKeyProvider(key: string): TokenProvider {
  if (key.trim() === '') throw new Error('The static ERP key is empty: set it in Settings › Connection');
  return { getToken: async () => key, invalidate: () => undefined, description: 'static key' };
}

interface DevTokenResponse {
  readonly access_token: string;
  readonly expires_in: number;
}

const isDevTokenResponse = (value: unknown): value is DevTokenResponse =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as DevTokenResponse).access_token === 'string' &&
  typeof (value as DevTokenResponse).expires_in === 'number';

export interface DevIdentityOptions {
  /** The server that answers `POST /dev/token` (the demo ERP or the Graph simulator). */
  readonly baseUrl: string;
  readonly user: string;
  readonly audience: 'erp' | 'graph';
  readonly fetch?: typeof fetch;
  /** Milliseconds since the epoch; injectable so tests can age tokens. */
  readonly now?: () => number;
}

/**
 * Tokens from the development identity provider (`dev/identity`), cached until a minute before they
 * expire. Development builds only: the task pane refuses `AUTH_MODE=dev` in production.
 */
export function devIdentityProvider({
  baseUrl,
  user,
  audience,
  fetch: fetchImpl = fetch,
  now = Date.now,
}: DevIdentityOptions): TokenProvider {
  let cached: { token: string; expiresAt: number } | undefined;
  return {
    description: `dev identity (${user})`,
    invalidate: () => {
      cached = undefined;
    },
    async getToken(signal) {
      if (cached !== undefined && now() < cached.expiresAt - 60_000) return cached.token;
      const response = await fetchImpl(new URL('/dev/token', baseUrl), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ user, audience }),
        ...(signal !== undefined ? { signal } : {}),
      });
      if (!response.ok)
        throw new Error(`The dev identity provider at ${baseUrl} answered ${response.status}`);
      const body: unknown = await response.json();
      if (!isDevTokenResponse(body))
        throw new Error(`The dev identity provider at ${baseUrl} answered without a token`);
      cached = { token: body.access_token, expiresAt: now() + body.expires_in * 1000 };
      return cached.token;
    },
  };
}
