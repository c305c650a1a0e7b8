/**
 * One exchange with Microsoft Graph, on plain `fetch`: bearer token (one fresh token after a 401, then
 * stop), `Prefer: IdType="ImmutableId"` on every request, a timeout, the mailbox's request gate, and
 * jittered exponential backoff on 429, 503 and network faults.
 *
 * `Retry-After` is never read: a browser cannot see it on a top-level Graph answer (Graph's CORS does not
 * expose it), so what works here must work without it. Writes are retried only on answers that say
 * nothing was done (429, 503); a network fault, a timeout or another 5xx on a write throws an `uncertain`
 * error, because repeating it blindly is how a reminder gets sent twice — the caller looks first.
 */
import type { TokenProvider } from '../auth/token-provider';
import { MailError, reasonFor } from './mail-error';
import type { RequestGate } from './request-gate';
import { abortable, backoffDelay } from './sleep';
import { messageOf } from '../domain/message-of';

export interface GraphHttpOptions {
  /** E.g. `https://graph.microsoft.com/v1.0` (`GRAPH_BASE_URL`). */
  readonly baseUrl: string;
  readonly tokens: TokenProvider;
  readonly gate: RequestGate;
  readonly fetch?: typeof fetch;
  /** Per attempt. Default 60 s (a 4 MB chunk on a slow line). */
  readonly timeoutMs?: number;
  /** Retries after the first attempt. Default 6. */
  readonly retries?: number;
  /** First backoff; doubles each retry, capped at `maxBackoffMs`, ×[0.5, 1.5) jitter. Default 1 s. */
  readonly backoffMs?: number;
  /** Default 32 s. */
  readonly maxBackoffMs?: number;
  readonly random?: () => number;
  /** Told about every answer (status 0: none came), e.g. for statistics. */
  readonly onExchange?: (exchange: GraphExchange) => void;
}

export interface GraphExchange {
  readonly method: string;
  readonly path: string;
  readonly status: number;
}

export interface GraphCall {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** A path under the base URL (`/me/messages`), or an absolute URL (`@odata.nextLink`, an upload URL). */
  readonly url: string;
  readonly json?: unknown;
  readonly bytes?: Uint8Array<ArrayBuffer>;
  readonly headers?: Readonly<Record<string, string>>;
  /** Default true. Upload-session chunks must go without the Authorization header. */
  readonly authenticated?: boolean;
  /**
   * `repeatable`: reads and deletes — retried on any transient failure. `write`: retried only on 429 and
   * 503; other failures that may hide a success throw an uncertain error.
   */
  readonly kind: 'repeatable' | 'write';
  readonly signal?: AbortSignal;
}

export interface GraphAnswer {
  readonly status: number;
  readonly headers: Headers;
  /** The parsed JSON body; undefined when there is none. */
  readonly body: unknown;
}

export const PREFER_IMMUTABLE_IDS = 'IdType="ImmutableId"';

interface GraphErrorBody {
  readonly error?: { readonly code?: unknown; readonly message?: unknown };
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  if (!/json/i.test(response.headers.get('content-type') ?? '')) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function graphErrorOf(body: unknown): { code?: string; message?: string } {
  const error = typeof body === 'object' && body !== null ? (body as GraphErrorBody).error : undefined;
  return {
    ...(typeof error?.code === 'string' ? { code: error.code } : {}),
    ...(typeof error?.message === 'string' ? { message: error.message } : {}),
  };
}

/** Answers that promise nothing was done: safe to repeat, even for a write. */
const saysNothingDone = (status: number) => status === 429 || status === 503;
const transient = (status: number) => status === 429 || status >= 500;

const originOf = (url: string): string | undefined => {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
};

/** Sends one Graph request; returns the successful answer, or throws a `MailError`. */
export async function graphRequest(options: GraphHttpOptions, call: GraphCall): Promise<GraphAnswer> {
  const fetchImpl = options.fetch ?? fetch;
  const retries = options.retries ?? 6;
  const random = options.random ?? Math.random;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const url = /^https?:/i.test(call.url) ? call.url : options.baseUrl.replace(/\/+$/, '') + call.url;
  const path = url.replace(/^https?:\/\/[^/]+/i, '').split('?')[0] ?? url;
  const body = call.json !== undefined ? JSON.stringify(call.json) : call.bytes;
  const uploadBytes = typeof body === 'string' ? new TextEncoder().encode(body).length : (body?.length ?? 0);
  const label = `Graph ${call.method} ${path}`;
  // The token goes to Graph's own origin only: an absolute URL from an answer (`@odata.nextLink`) that
  // points elsewhere is refused, not followed. Pre-authenticated upload URLs go without the token.
  if (call.authenticated !== false) {
    const origin = originOf(url);
    const graphOrigin = originOf(options.baseUrl);
    if (origin === undefined || origin !== graphOrigin)
      throw new MailError(
        'bad_response',
        `${label}: refused to send the Graph token to ${origin ?? url}, which is not Microsoft Graph's origin (${graphOrigin ?? options.baseUrl})`,
      );
  }

  let refreshed = false;
  for (let attempt = 0; ; attempt++) {
    if (call.signal?.aborted) throw new MailError('aborted', `${label}: stopped`);
    let failure: MailError;
    let release: (() => void) | undefined;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = call.signal !== undefined ? AbortSignal.any([call.signal, timeout]) : timeout;
    try {
      release = await options.gate.enter(uploadBytes, call.signal);
      const headers: Record<string, string> = { Prefer: PREFER_IMMUTABLE_IDS, ...call.headers };
      if (call.authenticated !== false)
        headers.Authorization = `Bearer ${await options.tokens.getToken(signal)}`;
      if (call.json !== undefined) headers['Content-Type'] = 'application/json';
      const response = await fetchImpl(url, {
        method: call.method,
        headers,
        ...(body !== undefined ? { body } : {}),
        signal,
      });
      const answer = await readBody(response);
      options.onExchange?.({ method: call.method, path, status: response.status });
      if (response.ok) return { status: response.status, headers: response.headers, body: answer };
      const { code, message } = graphErrorOf(answer);
      const text = `${label}: ${response.status} ${code ?? ''} ${message ?? ''}`.trim();
      if (response.status === 401 && call.authenticated !== false && !refreshed) {
        refreshed = true;
        options.tokens.invalidate();
        attempt--; // a fresh token is not a retry
        continue;
      }
      const uncertain = call.kind === 'write' && response.status >= 500 && !saysNothingDone(response.status);
      failure = new MailError(reasonFor(response.status, code), text, response.status, code, uncertain);
      if (!transient(response.status) || uncertain) throw failure;
    } catch (error) {
      if (error instanceof MailError) throw error;
      if (call.signal?.aborted)
        throw new MailError('aborted', `${label}: stopped`, undefined, undefined, call.kind === 'write');
      options.onExchange?.({ method: call.method, path, status: 0 });
      const timedOut = timeout.aborted;
      failure = new MailError(
        timedOut ? 'timeout' : 'network',
        `${label}: ${timedOut ? `no answer within ${timeoutMs} ms` : messageOf(error)}`,
        undefined,
        undefined,
        call.kind === 'write',
      );
      if (call.kind === 'write') throw failure;
    } finally {
      release?.();
    }
    if (attempt >= retries) throw failure;
    const delay = backoffDelay(attempt, options.backoffMs ?? 1000, options.maxBackoffMs ?? 32_000, random);
    if (failure.status === 429 || failure.status === 503) options.gate.pauseFor(delay);
    await abortable(delay, call.signal).catch(() => {
      throw new MailError('aborted', `${label}: stopped`);
    });
  }
}
