/**
 * Claims challenges (Continuous Access Evaluation, conditional access): an API answers 401 with
 * `WWW-Authenticate: Bearer …, error="insufficient_claims", claims="<base64 JSON>"`. The client must ask
 * Entra ID for a new token carrying those claims (MSAL `claims` request parameter) — silently if it can,
 * else with the user — and retry the request once. The add-in declares the capability (`CP1`) in its MSAL
 * configuration, so Graph may send such challenges instead of only failing.
 */
import type { TokenProvider } from './token-provider';

/** A token provider that can answer a claims challenge. The MSAL providers are; the dev and static-key ones are not. */
export interface ClaimsAwareTokenProvider extends TokenProvider {
  /** A token that satisfies `claims` (the decoded JSON of the challenge). May prompt the user. */
  getTokenWithClaims(claims: string, signal?: AbortSignal): Promise<string>;
}

export function isClaimsAware(provider: TokenProvider): provider is ClaimsAwareTokenProvider {
  return typeof (provider as Partial<ClaimsAwareTokenProvider>).getTokenWithClaims === 'function';
}

function decodeBase64Utf8(value: string): string | undefined {
  try {
    const normalised = value.replace(/-/g, '+').replace(/_/g, '/');
    const padded = normalised + '='.repeat((4 - (normalised.length % 4)) % 4);
    const binary = atob(padded);
    const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * The claims JSON of a `WWW-Authenticate` header, or undefined when there is no claims challenge. The
 * `claims` parameter is base64 (Entra ID, Graph); a value that is already JSON is taken as is.
 */
export function claimsFromWwwAuthenticate(header: string | null | undefined): string | undefined {
  if (header === null || header === undefined) return undefined;
  const match = /(?:^|[\s,])claims\s*=\s*"([^"]*)"/i.exec(header);
  const value = match?.[1]?.trim();
  if (value === undefined || value === '') return undefined;
  const json = value.startsWith('{') ? value : decodeBase64Utf8(value);
  if (json === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(json);
    return typeof parsed === 'object' && parsed !== null ? json : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `fetch` with a bearer token from `provider`, answering one 401: with a claims challenge, a token for those
 * claims (claims-aware providers); otherwise a fresh token after `invalidate()`. At most one retry, so a
 * token the API keeps refusing ends as that 401 response. The request body must be re-sendable (a string,
 * Blob, ArrayBuffer or FormData — not a stream).
 */
export async function fetchWithToken(
  provider: TokenProvider,
  input: string | URL,
  init: RequestInit = {},
  fetchImpl: typeof fetch = fetch,
): Promise<Response> {
  const signal = init.signal ?? undefined;
  const send = (token: string): Promise<Response> => {
    const headers = new Headers(init.headers);
    headers.set('Authorization', `Bearer ${token}`);
    return fetchImpl(input, { ...init, headers });
  };
  const first = await send(await provider.getToken(signal));
  if (first.status !== 401) return first;
  const claims = claimsFromWwwAuthenticate(first.headers.get('WWW-Authenticate'));
  let token: string;
  if (claims !== undefined && isClaimsAware(provider)) {
    token = await provider.getTokenWithClaims(claims, signal);
  } else {
    provider.invalidate();
    token = await provider.getToken(signal);
  }
  return send(token);
}
