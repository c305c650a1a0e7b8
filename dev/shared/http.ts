/** Small node:http helpers shared by the development servers: bounded body reading and JSON answers. */
import type { IncomingMessage, ServerResponse } from 'node:http';

export type BodyResult =
  { readonly tooLarge: false; readonly body: Buffer } | { readonly tooLarge: true; readonly size: number };

/**
 * Reads the whole request body. Past `limit` bytes it keeps draining (so the client can finish writing
 * and read the answer) but keeps nothing, and reports the body as too large.
 */
export async function readBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size <= limit) chunks.push(buffer);
  }
  return size > limit ? { tooLarge: true, size } : { tooLarge: false, body: Buffer.concat(chunks, size) };
}

/** Drains and discards a body we will not read (so the answer is not cut off by an unread upload). */
export async function discardBody(req: IncomingMessage): Promise<void> {
  for await (const _chunk of req) {
    // discard
  }
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  contentType = 'application/json; charset=utf-8',
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  contentType: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(text);
}

/** Header value as one string (the first, when repeated). */
export function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The task pane's origins in development (`npm start`, `npm run start:outlook`). */
export const DEFAULT_PANE_ORIGINS: readonly string[] = ['http://localhost:3000', 'https://localhost:3000'];

/** A refused development request: the status and a sentence saying why. */
export interface DevRouteRefusal {
  readonly status: 403 | 415;
  readonly detail: string;
}

/**
 * Why a development route (a token endpoint, the ERP's mutations, the simulator's control API) refuses
 * this request, or undefined when it may go on. Without these checks any web page the developer opens
 * could mint tokens or reset the data with a cross-site "simple" request (a form post, `text/plain`), which
 * CORS does not stop. So:
 *
 * - a request from a browser (it sends `Origin`) must come from an allowed origin — the pane's, or the
 *   server's own (`ownOrigin`, e.g. its mailbox page) — else 403;
 * - a request with a body (anything but GET/HEAD) must say `Content-Type: application/json`, which a
 *   browser sends cross-site only after a preflight the server answers for allowed origins only — else 415.
 *
 * A request without `Origin` (curl, a test, a script) is not a browser's and passes the origin check.
 */
export function devRouteRefusal(
  req: IncomingMessage,
  allowedOrigins: '*' | readonly string[],
  ownOrigin?: string,
): DevRouteRefusal | undefined {
  const origin = header(req, 'origin');
  if (
    origin !== undefined &&
    origin !== ownOrigin &&
    !(allowedOrigins === '*' ? origin !== 'null' : allowedOrigins.includes(origin))
  )
    return { status: 403, detail: `origin ${JSON.stringify(origin)} may not call this development route` };
  const method = (req.method ?? 'GET').toUpperCase();
  if (method !== 'GET' && method !== 'HEAD') {
    const type = (header(req, 'content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (type !== 'application/json')
      return {
        status: 415,
        detail: `this development route takes Content-Type: application/json${type !== '' ? `, not ${type}` : ''}`,
      };
  }
  return undefined;
}
