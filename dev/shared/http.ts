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
