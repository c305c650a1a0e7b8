/**
 * CORS for the task pane's origins (docs/rules.md §5: `https://localhost:3000` when sideloaded into Outlook,
 * `http://localhost:3000` for the browser demo). Only listed origins get CORS headers; `ETag` is exposed
 * so the settings view can send it back in `If-Match`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export const DEFAULT_CORS_ORIGINS = ['http://localhost:3000', 'https://localhost:3000'] as const;
const ALLOWED_HEADERS = 'Authorization, Content-Type, If-Match, If-None-Match';
const EXPOSED_HEADERS = 'ETag, Location, WWW-Authenticate';

/** Parses `ERP_CORS_ORIGINS` (comma-separated); absent or empty gives the defaults. */
export function parseCorsOrigins(value: string | undefined): string[] {
  const origins = (value ?? '')
    .split(',')
    .map((origin) => origin.trim().replace(/\/+$/, ''))
    .filter((origin) => origin !== '');
  return origins.length > 0 ? origins : [...DEFAULT_CORS_ORIGINS];
}

export class Cors {
  private readonly origins: ReadonlySet<string>;

  constructor(origins: readonly string[]) {
    this.origins = new Set(origins);
  }

  /** The allowed origins (`*`: any). */
  get allowed(): '*' | readonly string[] {
    return this.origins.has('*') ? '*' : [...this.origins];
  }

  /** The request's origin when it is allowed, else undefined (no CORS headers are sent). */
  allowedOrigin(req: IncomingMessage): string | undefined {
    const origin = req.headers.origin;
    return origin !== undefined && (this.origins.has(origin) || this.origins.has('*')) ? origin : undefined;
  }

  /** Headers for an actual (non-preflight) response. */
  apply(req: IncomingMessage, res: ServerResponse): void {
    res.setHeader('Vary', 'Origin');
    const origin = this.allowedOrigin(req);
    if (origin === undefined) return;
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
  }

  /** Headers for a preflight answer (204) from an allowed origin. */
  preflightHeaders(origin: string, methods: readonly string[]): Record<string, string> {
    return {
      'Access-Control-Allow-Origin': origin,
      'Access-Control-Allow-Methods': [...methods, 'OPTIONS'].join(', '),
      'Access-Control-Allow-Headers': ALLOWED_HEADERS,
      'Access-Control-Max-Age': '600',
      Vary: 'Origin',
    };
  }
}
