/** Request bodies: JSON only, 1 MB at most, read once. */
import type { IncomingMessage } from 'node:http';
import { readBody } from '../../shared/http';
import { ProblemError } from './problem';

export const MAX_BODY_BYTES = 1024 * 1024;

const tooLarge = (limit: number) =>
  new ProblemError(413, 'Body too large', `the request body must not exceed ${limit} bytes`);

/**
 * Reads and parses a JSON body. 413 when it is over `limit` (from `Content-Length` before reading, or
 * while reading), 415 when it is not declared JSON, 400 (field `body`) when it is empty or not JSON.
 */
export async function readJsonBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume(); // discard, so the connection can answer
    throw tooLarge(limit);
  }
  const contentType = (req.headers['content-type'] ?? '').toLowerCase();
  if (!/^application\/([a-z0-9.+-]+\+)?json\s*(;|$)/.test(contentType)) {
    req.resume();
    throw new ProblemError(
      415,
      'Unsupported media type',
      'the request body must be JSON (Content-Type: application/json)',
    );
  }
  // Past the limit the rest is read and dropped rather than the loop left: leaving it would destroy the
  // request, and with it the socket the 413 must go out on.
  const read = await readBody(req, limit);
  if (read.tooLarge) throw tooLarge(limit);
  const text = read.body.toString('utf8');
  if (text.trim() === '')
    throw new ProblemError(400, 'Invalid request', 'body: a JSON body is required', { field: 'body' });
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ProblemError(
      400,
      'Invalid request',
      `body: not valid JSON (${error instanceof Error ? error.message : 'parse error'})`,
      { field: 'body' },
    );
  }
}
