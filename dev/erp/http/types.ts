/** What a route handler receives and answers: small enough that handlers never touch node:http. */
import type { IncomingMessage } from 'node:http';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** Who is calling: a signed-in user (a dev identity token), the static read-only key, or nobody. */
export type Principal =
  | { readonly kind: 'user'; readonly email: string; readonly name: string }
  | { readonly kind: 'static-key' }
  | { readonly kind: 'anonymous' };

export interface RequestContext {
  readonly req: IncomingMessage;
  readonly url: URL;
  readonly params: Readonly<Record<string, string>>;
  readonly principal: Principal;
  /** The JSON body (1 MB at most), parsed; throws a 4xx problem for a missing, oversized or non-JSON body. */
  readJson(): Promise<unknown>;
}

export interface Reply {
  readonly status: number;
  /** Serialised as JSON unless `bytes` is given. */
  readonly body?: unknown;
  readonly bytes?: { readonly contentType: string; readonly data: Uint8Array };
  readonly headers?: Readonly<Record<string, string>>;
}

export type Handler = (context: RequestContext) => Reply | Promise<Reply>;

/**
 * `public`: no credentials (the token endpoint, the dev mutations). `read`: a user token or the static
 * key. `write`: a user token only — the static key is read-only.
 */
export type Access = 'public' | 'read' | 'write';

export interface Route {
  readonly method: Method;
  /** `/api/v1/documents/:id/pdf`: `:name` segments become params (URL-decoded). */
  readonly path: string;
  readonly access: Access;
  /**
   * A development route (the token endpoint, the mutations): JSON bodies only, and from a browser only
   * from the pane's origins (`devRouteRefusal` in dev/shared/http.ts) — no cross-site form posts.
   */
  readonly dev?: true;
  readonly handler: Handler;
}

export const json = (status: number, body: unknown, headers?: Readonly<Record<string, string>>): Reply => ({
  status,
  body,
  ...(headers !== undefined ? { headers } : {}),
});
