/**
 * `POST /dev/token`: the development identity provider's token endpoint, mounted by the demo ERP and the
 * Graph simulator. `{"user": "marta@example.it", "audience": "erp", "expiresIn": 600}` →
 * `{"access_token": "…", "token_type": "Bearer", "expires_in": 600}`. Anyone may ask for any user: it is a
 * development stand-in, and the servers decide rights from their own data. Errors are RFC 9457 problems.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { DEFAULT_PANE_ORIGINS, devRouteRefusal } from '../shared/http';
import { AUDIENCES, MAX_TOKEN_LIFETIME_SECONDS, signToken } from './token';

export const TOKEN_PATH = '/dev/token';
const MAX_BODY_BYTES = 16 * 1024;

export const tokenRequestSchema = z.object({
  user: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[^\s@]+@[^\s@]+$/, 'must be an e-mail address'),
  audience: z.enum(AUDIENCES),
  expiresIn: z.number().int().min(1).max(MAX_TOKEN_LIFETIME_SECONDS).optional(),
});
export type TokenRequest = z.infer<typeof tokenRequestSchema>;

export interface TokenResponse {
  readonly access_token: string;
  readonly token_type: 'Bearer';
  readonly expires_in: number;
}

export interface TokenEndpointOptions {
  readonly secret?: string;
  /** The display name for a user (e.g. from the seed's users); the local part of the address otherwise. */
  readonly nameOf?: (user: string) => string | undefined;
  readonly now?: () => number;
  /** Browser origins that may ask for a token (`handleTokenRequest`); default the pane's development origins. */
  readonly allowedOrigins?: '*' | readonly string[];
}

export interface TokenProblem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly field?: string;
}

export type TokenOutcome =
  | { readonly status: 200; readonly body: TokenResponse }
  | { readonly status: 400; readonly body: TokenProblem };

/** The answer to a token request body (already parsed JSON), without any IO: 200 with a token or 400. */
export function issueToken(body: unknown, options: TokenEndpointOptions = {}): TokenOutcome {
  const parsed = tokenRequestSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') ?? '';
    return {
      status: 400,
      body: {
        type: 'about:blank',
        title: 'Invalid token request',
        status: 400,
        detail:
          field === '' ? (issue?.message ?? 'invalid body') : `${field}: ${issue?.message ?? 'invalid'}`,
        ...(field !== '' ? { field } : {}),
      },
    };
  }
  const { user, audience, expiresIn } = parsed.data;
  const name = options.nameOf?.(user);
  const signed = signToken({
    user,
    audience,
    ...(expiresIn !== undefined ? { expiresIn } : {}),
    ...(name !== undefined ? { name } : {}),
    ...(options.secret !== undefined ? { secret: options.secret } : {}),
    now: (options.now ?? Date.now)(),
  });
  return {
    status: 200,
    body: { access_token: signed.token, token_type: 'Bearer', expires_in: signed.expiresIn },
  };
}

function send(res: ServerResponse, status: number, body: object, contentType: string): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': `${contentType}; charset=utf-8`,
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

const problem = (res: ServerResponse, status: number, title: string, detail: string, field?: string): void =>
  send(
    res,
    status,
    { type: 'about:blank', title, status, detail, ...(field !== undefined ? { field } : {}) },
    'application/problem+json',
  );

async function readBody(req: IncomingMessage): Promise<Buffer | 'too_large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  // Past the limit the rest is read and dropped rather than the loop left: leaving it would destroy the
  // request, and with it the socket the 413 must go out on.
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size <= MAX_BODY_BYTES) chunks.push(buffer);
  }
  return size > MAX_BODY_BYTES ? 'too_large' : Buffer.concat(chunks);
}

/**
 * Answers `POST /dev/token` on a node:http response. The caller routes to it (and adds CORS headers);
 * this checks the method, refuses foreign browser origins and non-JSON bodies (`devRouteRefusal`), reads
 * and validates the JSON body, and writes the token or a problem.
 */
export async function handleTokenRequest(
  req: IncomingMessage,
  res: ServerResponse,
  options: TokenEndpointOptions = {},
): Promise<void> {
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST');
    return problem(
      res,
      405,
      'Method not allowed',
      `${req.method ?? '?'} ${TOKEN_PATH} is not supported: use POST`,
    );
  }
  const refusal = devRouteRefusal(req, options.allowedOrigins ?? DEFAULT_PANE_ORIGINS);
  if (refusal !== undefined) {
    for await (const _chunk of req) {
      // drained, so the answer is not cut off by an unread body
    }
    return problem(
      res,
      refusal.status,
      refusal.status === 403 ? 'Forbidden' : 'Unsupported media type',
      refusal.detail,
    );
  }
  const raw = await readBody(req);
  if (raw === 'too_large')
    return problem(res, 413, 'Body too large', `the token request must be under ${MAX_BODY_BYTES} bytes`);
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    return problem(
      res,
      400,
      'Invalid token request',
      'the body must be JSON: {"user": "…", "audience": "erp" | "graph"}',
      'body',
    );
  }
  const outcome = issueToken(body, options);
  send(
    res,
    outcome.status,
    outcome.body,
    outcome.status === 200 ? 'application/json' : 'application/problem+json',
  );
}
