/**
 * The shapes shared by the simulator's modules: its configuration, a Graph request once authenticated and
 * read (top level or inside `$batch`), the answer a handler gives, and the services handlers use.
 */
import type { GraphError } from './errors';
import type { SignedInUser } from './auth';
import type { Limiter, MailboxLimits } from './limits';
import type { Mailbox, MailboxStore } from './store';

export type SendingLookup = 'notFound' | 'outbox';

export interface GraphSimConfig {
  /** Limits' windows pass this many times faster (60: a "minute" lasts a second). */
  readonly timeScale: number;
  /** Real milliseconds between a 202 from `send`/`sendMail` and the copy appearing in Sent Items. */
  readonly sentItemsDelayMs: number;
  /**
   * What a GET by id answers while a sent message is in transit: `notFound` (404, the default, so that
   * reconciliation must cope with "not found right after sending") or `outbox` (the item, `isDraft: false`,
   * in the Outbox folder).
   */
  readonly sendingLookup: SendingLookup;
  readonly limits: MailboxLimits;
  /** Lifetime of tokens minted by this server's `POST /dev/token` when the request names none. */
  readonly tokenLifetimeSeconds: number;
  /** Added processing time per Graph request (real ms), to make concurrency observable. */
  readonly latencyMs: number;
  /** Browser origins allowed by CORS: `*` (any, echoed back) or a list. */
  readonly corsOrigins: '*' | readonly string[];
  /**
   * For tests of the client: the origin `@odata.nextLink` points at instead of the one called ('' = the
   * one called), as a hostile or broken server would answer. The client must not follow it with a token.
   */
  readonly nextLinkOrigin: string;
}

export interface GraphRequest {
  readonly method: string;
  /** Decoded path after `/v1.0`, e.g. `/me/messages/AAMkAG…=/send`. */
  readonly path: string;
  readonly query: URLSearchParams;
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: Buffer;
  readonly user: SignedInUser;
  /** `Prefer: IdType="ImmutableId"` was sent with this request. */
  readonly immutable: boolean;
  /** `http://host:port` as the client called us. */
  readonly origin: string;
  readonly inBatch: boolean;
}

export interface GraphResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly json?: unknown;
  readonly raw?: { readonly contentType: string; readonly data: Buffer };
}

export interface Services {
  readonly store: MailboxStore;
  readonly limiter: Limiter;
  config(): GraphSimConfig;
  /** The user's mailbox, with messages whose time has come delivered to Sent Items first. */
  mailbox(user: SignedInUser | string): Mailbox;
  now(): number;
  /**
   * Where upload sessions live for a client that called the API at `apiOrigin`: the same host on the
   * upload listener's port — another origin, as Graph's `outlook.office.com` is not `graph.microsoft.com`.
   */
  uploadOrigin(apiOrigin: string): string;
}

export type Handler = (request: GraphRequest, params: readonly string[]) => Promise<GraphResponse>;

export interface Route {
  readonly method: string;
  readonly template: string;
  readonly handler: Handler;
}

export type { GraphError };
