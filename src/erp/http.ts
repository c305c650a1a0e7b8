/**
 * One HTTP exchange with the ERP: bearer token, timeout, cancellation, and retries with jittered
 * exponential backoff on network faults, 429 and 5xx — never on other 4xx, which retrying cannot fix.
 * A 401 gets one more try with a fresh token.
 */
import type { TokenProvider } from '../auth/token-provider';
import { ErpError, reasonForStatus } from './errors';
import { problemSchema, type Problem } from './wire';
import { messageOf } from '../domain/message-of';

export interface HttpOptions {
  readonly baseUrl: string;
  readonly tokens: TokenProvider;
  readonly fetch?: typeof fetch;
  /** Per attempt. Default 30 s. */
  readonly timeoutMs?: number;
  /** Retries after the first attempt. Default 4. */
  readonly retries?: number;
  /** First backoff in ms (doubles each retry, ×[0.5, 1.5) jitter). Default 300. */
  readonly backoffMs?: number;
  readonly random?: () => number;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface HttpRequest {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly path: string;
  readonly query?: Readonly<Record<string, string | number | undefined>>;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal;
}

/** Waits `ms`, or rejects as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

async function readProblem(response: Response): Promise<Problem | undefined> {
  try {
    const parsed = problemSchema.safeParse(await response.json());
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

const retryable = (status: number) => status === 429 || status >= 500;

/** Sends a request and returns the successful response; throws an `ErpError` otherwise. */
export async function erpRequest(options: HttpOptions, request: HttpRequest): Promise<Response> {
  const fetchImpl = options.fetch ?? fetch;
  const retries = options.retries ?? 4;
  const backoff = options.backoffMs ?? 300;
  const random = options.random ?? Math.random;
  const wait = options.sleep ?? sleep;
  const url = new URL(options.baseUrl.replace(/\/+$/, '') + request.path);
  for (const [name, value] of Object.entries(request.query ?? {}))
    if (value !== undefined) url.searchParams.set(name, String(value));

  let refreshedToken = false;
  for (let attempt = 0; ; attempt++) {
    if (request.signal?.aborted) throw new ErpError('aborted', 'Cancelled');
    const timeout = AbortSignal.timeout(options.timeoutMs ?? 30_000);
    const signal = request.signal !== undefined ? AbortSignal.any([request.signal, timeout]) : timeout;
    let failure: ErpError;
    try {
      const token = await options.tokens.getToken(signal);
      const response = await fetchImpl(url, {
        method: request.method ?? 'GET',
        headers: {
          Accept: 'application/json',
          Authorization: `Bearer ${token}`,
          ...(request.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
          ...request.headers,
        },
        ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
        signal,
      });
      if (response.ok) return response;
      const problem = await readProblem(response);
      const detail = problem?.detail ?? problem?.title ?? response.statusText;
      failure = new ErpError(
        reasonForStatus(response.status),
        `ERP ${request.method ?? 'GET'} ${request.path}: ${response.status} ${detail}`,
        response.status,
        problem,
      );
      if (response.status === 401 && !refreshedToken) {
        refreshedToken = true;
        options.tokens.invalidate();
        attempt--; // a fresh token is not a retry
        continue;
      }
      if (!retryable(response.status)) throw failure;
    } catch (error) {
      if (error instanceof ErpError) throw error;
      if (request.signal?.aborted) throw new ErpError('aborted', 'Cancelled');
      failure = timeout.aborted
        ? new ErpError('timeout', `ERP ${request.path}: no answer within ${options.timeoutMs ?? 30_000} ms`)
        : new ErpError('network', `ERP ${request.path}: ${messageOf(error)}`);
    }
    if (attempt >= retries) throw failure;
    await wait(backoff * 2 ** attempt * (0.5 + random()), request.signal).catch(() => {
      throw new ErpError('aborted', 'Cancelled');
    });
  }
}

/** Sends a request and parses the JSON body; an unreadable body is a `bad_response`. */
export async function erpJson(
  options: HttpOptions,
  request: HttpRequest,
): Promise<{ body: unknown; response: Response }> {
  const response = await erpRequest(options, request);
  if (response.status === 204) return { body: undefined, response };
  try {
    return { body: await response.json(), response };
  } catch (error) {
    throw new ErpError(
      'bad_response',
      `ERP ${request.path}: the answer is not JSON (${messageOf(error)})`,
      response.status,
    );
  }
}
