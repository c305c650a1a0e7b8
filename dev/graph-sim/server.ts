/**
 * The Graph simulator's HTTP server (node:http, no framework): CORS like Graph's, `POST /dev/token` (the
 * development identity provider), the Graph routes under `/v1.0`, the control API under `/_sim/` and the
 * mailbox page at `/` and `/mailbox`. Upload-session URLs (`/outlook/v2.0/…`) are on a second listener,
 * another origin, as Graph hands out `outlook.office.com` URLs: a pane whose policy does not allow the
 * upload host fails here as it would in a tenant. The token and control routes take JSON from the pane's
 * origins only (`devRouteRefusal`).
 *
 * One Graph request — top level or inside `$batch` — goes: token (401) → body (413 past 4 MB) →
 * fault injection → per-mailbox limits (429) → optional latency → handler → answer (or a dropped
 * connection, for a commit-then-drop fault).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { issueToken } from '../identity';
import { attachmentRoutes } from './attachments';
import { authenticate, type SignedInUser } from './auth';
import { ODATA_JSON, preferImmutable, runBatch, type Outcome } from './batch';
import type { GraphRequest, GraphResponse, GraphSimConfig, Services } from './context';
import { createControl, handleControlRequest, type ConfigPatch, type GraphSimControl } from './control';
import { GraphError, MAX_REQUEST_BYTES, graphErrorBody, graphErrors } from './errors';
import { Faults } from './faults';
import {
  DEFAULT_PANE_ORIGINS,
  devRouteRefusal,
  discardBody,
  header,
  readBody,
  sendJson,
  sendText,
  sleep,
} from '../shared/http';
import { newRequestId } from './ids';
import { GRAPH_LIMITS, Limiter, type MailboxLimits } from './limits';
import { messageRoutes } from './messages';
import { PAGE_CSP, renderMailboxPage } from './page';
import { Router } from './router';
import { MailboxStore } from './store';
import { UPLOAD_PATH_PREFIX, UploadSessions } from './uploads';

export interface GraphSimOptions {
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  /** Interface to listen on; default 127.0.0.1 (as the demo ERP). */
  readonly host?: string;
  /** Where the mailboxes are saved; `null` keeps them in memory only. Default `dev/data/graph-sim` (git-ignored). */
  readonly dataDir?: string | null;
  readonly timeScale?: number;
  readonly sentItemsDelayMs?: number;
  readonly sendingLookup?: GraphSimConfig['sendingLookup'];
  readonly limits?: Partial<MailboxLimits>;
  readonly tokenLifetimeSeconds?: number;
  readonly latencyMs?: number;
  readonly corsOrigins?: GraphSimConfig['corsOrigins'];
  /** Browser origins allowed on `/dev/token` and `/_sim/` (besides the simulator's own page); default the pane's dev origins. */
  readonly paneOrigins?: readonly string[];
  /** The upload listener's port; 0 (the default) picks a free one. */
  readonly uploadPort?: number;
  /** The identity secret; default `DEV_IDENTITY_SECRET` or the development default. */
  readonly secret?: string;
  /** Log one line per request to stdout. */
  readonly log?: boolean;
}

export interface GraphSim {
  /** `http://127.0.0.1:port` (or the host given); Graph's base URL is this plus `/v1.0`. */
  readonly url: string;
  readonly port: number;
  /** The upload listener, `http://127.0.0.1:uploadPort`: the origin of every `uploadUrl` (same host as the caller's). */
  readonly uploadUrl: string;
  readonly uploadPort: number;
  readonly control: GraphSimControl;
  /** Stops listening, drops open connections (hung ones included) and saves the mailboxes. */
  close(): Promise<void>;
}

export const DEFAULT_DATA_DIR = resolve(__dirname, '../data/graph-sim');
export const DEFAULT_SENT_ITEMS_DELAY_MS = 2000;

/** Graph's exposed headers, minus `Retry-After`: a browser script cannot read it on a top-level answer. */
const EXPOSED_HEADERS =
  'ETag, Location, Preference-Applied, Content-Range, request-id, client-request-id, ReadWriteConsistencyToken, SdkVersion, WWW-Authenticate, x-ms-client-gcc-tenant';
const ALLOWED_METHODS = 'GET, POST, PUT, PATCH, DELETE, OPTIONS';

function initialConfig(options: GraphSimOptions): GraphSimConfig {
  return {
    timeScale: options.timeScale ?? 1,
    sentItemsDelayMs: options.sentItemsDelayMs ?? DEFAULT_SENT_ITEMS_DELAY_MS,
    sendingLookup: options.sendingLookup ?? 'notFound',
    limits: { ...GRAPH_LIMITS, ...options.limits },
    tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 3600,
    latencyMs: options.latencyMs ?? 0,
    corsOrigins: options.corsOrigins ?? '*',
    nextLinkOrigin: '',
  };
}

/**
 * Starts the simulator. In tests: `startGraphSim({ port: 0, dataDir: null })`, then Graph's base URL is
 * `${sim.url}/v1.0`; `sim.control` injects faults, restricts mailboxes, dumps them and mints tokens.
 */
export async function startGraphSim(options: GraphSimOptions = {}): Promise<GraphSim> {
  let config = initialConfig(options);
  const store = await MailboxStore.open(options.dataDir === undefined ? DEFAULT_DATA_DIR : options.dataDir);
  const limiter = new Limiter(() => config);
  const faults = new Faults();
  const paneOrigins = options.paneOrigins ?? DEFAULT_PANE_ORIGINS;
  let uploadPort = 0;
  const services: Services = {
    uploadOrigin(apiOrigin) {
      const url = new URL(apiOrigin);
      return `${url.protocol}//${url.hostname}:${uploadPort}`;
    },
    store,
    limiter,
    config: () => config,
    now: () => Date.now(),
    mailbox(user: SignedInUser | string) {
      const mailbox =
        typeof user === 'string' ? store.mailbox(user) : store.mailbox(user.address, user.displayName);
      mailbox.deliverDue(Date.now());
      return mailbox;
    },
  };
  const uploads = new UploadSessions(services);
  const router = new Router([...messageRoutes(services), ...attachmentRoutes(services, uploads)]);
  const applyConfig = (patch: ConfigPatch): GraphSimConfig => {
    const { limits, ...rest } = patch;
    const defined = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined));
    const definedLimits = Object.fromEntries(
      Object.entries(limits ?? {}).filter(([, value]) => value !== undefined),
    );
    config = { ...config, ...defined, limits: { ...config.limits, ...definedLimits } };
    return config;
  };
  const control = createControl({ services, faults, limiter, uploads, secret: options.secret, applyConfig });

  const toResponse = (
    error: unknown,
    requestId: string,
    clientRequestId: string | undefined,
  ): GraphResponse => {
    let graphError: GraphError;
    if (error instanceof GraphError) graphError = error;
    else {
      console.error('graph-sim: unexpected error', error);
      graphError = new GraphError(500, 'InternalServerError', 'An internal server error occurred.');
    }
    return {
      status: graphError.status,
      headers: graphError.headers,
      json: graphErrorBody(graphError, requestId, clientRequestId),
    };
  };

  /** One Graph request, top level or inside a batch. */
  async function processGraph(request: GraphRequest): Promise<Outcome> {
    const requestId = newRequestId();
    const clientRequestId = request.headers['client-request-id'];
    const fault = faults.take(request.method, request.path, request.user.address);
    if (fault?.kind === 'hang' || fault?.kind === 'drop') return { kind: fault.kind };
    if (fault?.kind === 'status') {
      return {
        kind: 'response',
        response: toResponse(
          graphErrors.injected(fault.status, fault.retryAfterSeconds),
          requestId,
          clientRequestId,
        ),
        dropAfter: false,
      };
    }
    const dropAfter = fault?.kind === 'commit-then-drop';
    if (/^\/\$batch\/?$/i.test(request.path)) {
      if (request.method !== 'POST')
        return {
          kind: 'response',
          response: toResponse(graphErrors.methodNotAllowed(), requestId, clientRequestId),
          dropAfter,
        };
      try {
        const outcome = await runBatch(request, processGraph);
        return outcome.kind === 'response'
          ? { ...outcome, dropAfter: outcome.dropAfter || dropAfter }
          : outcome;
      } catch (error) {
        return { kind: 'response', response: toResponse(error, requestId, clientRequestId), dropAfter };
      }
    }
    const release = limiter.enter(request.user.address);
    if (release instanceof GraphError)
      return {
        kind: 'response',
        response: toResponse(release, requestId, clientRequestId),
        dropAfter: false,
      };
    let response: GraphResponse;
    try {
      if (config.latencyMs > 0) await sleep(config.latencyMs);
      if (request.method !== 'GET' && request.method !== 'DELETE')
        limiter.chargeUpload(request.user.address, request.body.length);
      response = await router.dispatch(request);
    } catch (error) {
      response = toResponse(error, requestId, clientRequestId);
    } finally {
      release();
    }
    if (request.immutable)
      response = {
        ...response,
        headers: { ...response.headers, 'Preference-Applied': 'IdType="ImmutableId"' },
      };
    return { kind: 'response', response, dropAfter };
  }

  function writeGraph(res: ServerResponse, response: GraphResponse): void {
    const headers: Record<string, string | number> = { 'Cache-Control': 'no-cache', ...response.headers };
    if (response.raw !== undefined) {
      res.writeHead(response.status, {
        ...headers,
        'Content-Type': response.raw.contentType,
        'Content-Length': response.raw.data.length,
      });
      res.end(response.raw.data);
    } else if (response.json !== undefined) {
      const text = JSON.stringify(response.json);
      res.writeHead(response.status, {
        ...headers,
        'Content-Type': ODATA_JSON,
        'Content-Length': Buffer.byteLength(text),
      });
      res.end(text);
    } else {
      res.writeHead(response.status, { ...headers, 'Content-Length': 0 });
      res.end();
    }
  }

  function applyCors(req: IncomingMessage, res: ServerResponse, allowed: '*' | readonly string[]): boolean {
    const origin = header(req, 'origin');
    if (origin === undefined) return false;
    res.setHeader('Vary', 'Origin');
    if (allowed !== '*' && !allowed.includes(origin)) return false;
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
    return true;
  }

  async function handleGraph(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    origin: string,
  ): Promise<void> {
    const requestId = newRequestId();
    const clientRequestId = header(req, 'client-request-id');
    res.setHeader('request-id', requestId);
    res.setHeader('client-request-id', clientRequestId ?? requestId);
    const user = authenticate(header(req, 'authorization'), options.secret);
    if (user instanceof GraphError) {
      await discardBody(req);
      return writeGraph(res, toResponse(user, requestId, clientRequestId));
    }
    const body = await readBody(req, MAX_REQUEST_BYTES);
    if (body.tooLarge)
      return writeGraph(res, toResponse(graphErrors.bodyTooLarge(), requestId, clientRequestId));
    const headers: Record<string, string | undefined> = {};
    for (const name of Object.keys(req.headers)) headers[name] = header(req, name);
    const path = url.pathname.slice('/v1.0'.length) || '/';
    const request: GraphRequest = {
      method: (req.method ?? 'GET').toUpperCase(),
      path: path.split('/').map(decodeSegment).join('/'),
      query: url.searchParams,
      headers,
      body: body.body,
      user,
      immutable: preferImmutable(header(req, 'prefer')),
      origin,
      inBatch: false,
    };
    const outcome = await processGraph(request);
    if (outcome.kind !== 'response') {
      // A hang never answers (the client gives up, or close() drops the socket); a drop cuts it now.
      if (outcome.kind === 'drop') req.socket.destroy();
      return;
    }
    if (outcome.dropAfter) {
      req.socket.destroy();
      return;
    }
    writeGraph(res, outcome.response);
  }

  async function handleUpload(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    origin: string,
  ): Promise<void> {
    const requestId = newRequestId();
    res.setHeader('request-id', requestId);
    const clientRequestId = header(req, 'client-request-id');
    const sessionId = decodeSegment(url.pathname.slice(UPLOAD_PATH_PREFIX.length));
    const method = (req.method ?? 'GET').toUpperCase();
    let release: (() => void) | undefined;
    try {
      const session = uploads.authorize(
        sessionId,
        url.searchParams.get('authtoken'),
        header(req, 'authorization'),
      );
      if (method !== 'PUT' && method !== 'DELETE') throw graphErrors.methodNotAllowed();
      const fault = faults.take(method, url.pathname, session.user);
      if (fault?.kind === 'hang') return;
      if (fault?.kind === 'drop') {
        req.socket.destroy();
        return;
      }
      if (fault?.kind === 'status') throw graphErrors.injected(fault.status, fault.retryAfterSeconds);
      const entered = limiter.enter(session.user);
      if (entered instanceof GraphError) throw entered;
      release = entered;
      const body = await readBody(req, MAX_REQUEST_BYTES);
      if (body.tooLarge) throw graphErrors.bodyTooLarge();
      if (config.latencyMs > 0) await sleep(config.latencyMs);
      const response =
        method === 'DELETE'
          ? uploads.cancel(session)
          : await uploads.put(session, header(req, 'content-range'), body.body, origin);
      if (fault?.kind === 'commit-then-drop') {
        req.socket.destroy();
        return;
      }
      writeGraph(res, response);
    } catch (error) {
      await discardBody(req);
      writeGraph(res, toResponse(error, requestId, clientRequestId));
    } finally {
      release?.();
    }
  }

  async function handleToken(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') {
      await discardBody(req);
      res.setHeader('Allow', 'POST');
      return sendJson(
        res,
        405,
        { type: 'about:blank', title: 'Method not allowed', status: 405, detail: 'use POST' },
        'application/problem+json',
      );
    }
    const body = await readBody(req, 16 * 1024);
    let parsed: unknown;
    try {
      parsed = body.tooLarge ? undefined : JSON.parse(body.body.toString('utf8'));
    } catch {
      parsed = undefined;
    }
    // The simulator's configured lifetime applies when the request names none.
    const request =
      typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) && !('expiresIn' in parsed)
        ? { ...parsed, expiresIn: config.tokenLifetimeSeconds }
        : parsed;
    const outcome = issueToken(request, options.secret !== undefined ? { secret: options.secret } : {});
    sendJson(
      res,
      outcome.status,
      outcome.body,
      outcome.status === 200 ? 'application/json; charset=utf-8' : 'application/problem+json',
    );
  }

  /** A preflight: 204 with the CORS headers for an allowed origin, else 403 without them. */
  async function answerPreflight(
    req: IncomingMessage,
    res: ServerResponse,
    corsAllowed: boolean,
  ): Promise<void> {
    await discardBody(req);
    if (corsAllowed) {
      res.setHeader('Access-Control-Allow-Methods', ALLOWED_METHODS);
      res.setHeader(
        'Access-Control-Allow-Headers',
        header(req, 'access-control-request-headers') ?? 'Authorization, Content-Type',
      );
      res.setHeader('Access-Control-Max-Age', '3600');
    }
    res.writeHead(corsAllowed ? 204 : 403).end();
  }

  /** The upload listener: upload sessions only, with Graph's CORS. */
  async function handleUploadListener(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://graph-sim.invalid');
    const origin = `http://${header(req, 'host') ?? 'localhost'}`;
    const corsAllowed = applyCors(req, res, config.corsOrigins);
    if ((req.method ?? 'GET').toUpperCase() === 'OPTIONS') return answerPreflight(req, res, corsAllowed);
    if (url.pathname.startsWith(UPLOAD_PATH_PREFIX)) return handleUpload(req, res, url, origin);
    await discardBody(req);
    sendText(
      res,
      404,
      'Not found. This listener serves upload sessions only.\n',
      'text/plain; charset=utf-8',
    );
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://graph-sim.invalid');
    const origin = `http://${header(req, 'host') ?? 'localhost'}`;
    const method = (req.method ?? 'GET').toUpperCase();
    const path = url.pathname;
    const devRoute = path === '/dev/token' || path.startsWith('/_sim/');
    // Graph's own routes answer any origin (as Graph does); the token and control routes only the pane's.
    const corsAllowed = applyCors(req, res, devRoute ? paneOrigins : config.corsOrigins);
    if (method === 'OPTIONS') return answerPreflight(req, res, corsAllowed);
    if (devRoute) {
      const refusal = devRouteRefusal(req, paneOrigins, origin);
      if (refusal !== undefined) {
        await discardBody(req);
        return sendJson(
          res,
          refusal.status,
          {
            type: 'about:blank',
            title: refusal.status === 403 ? 'Forbidden' : 'Unsupported media type',
            status: refusal.status,
            detail: refusal.detail,
          },
          'application/problem+json',
        );
      }
    }
    if (/^\/v1\.0(\/|$)/i.test(path)) return handleGraph(req, res, url, origin);
    if (path === '/dev/token') return handleToken(req, res);
    if (path.startsWith('/_sim/')) {
      let cached: Promise<unknown> | undefined;
      const readJson = (): Promise<unknown> => {
        cached ??= readBody(req, MAX_REQUEST_BYTES).then((body) =>
          body.tooLarge ? undefined : JSON.parse(body.body.toString('utf8') || 'null'),
        );
        return cached;
      };
      await handleControlRequest(control, services, method, path.slice('/_sim'.length), readJson, res);
      if (cached === undefined) await discardBody(req);
      return;
    }
    await discardBody(req);
    if ((path === '/' || path === '/mailbox') && (method === 'GET' || method === 'HEAD')) {
      const user = url.searchParams.get('user') ?? undefined;
      const html = renderMailboxPage(services, {
        refresh: url.searchParams.get('refresh') !== 'off',
        ...(user !== undefined ? { user } : {}),
      });
      return sendText(res, 200, html, 'text/html; charset=utf-8', {
        'Content-Security-Policy': PAGE_CSP,
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
      });
    }
    if (path.startsWith('/beta/')) {
      return writeGraph(
        res,
        toResponse(
          new GraphError(400, 'BadRequest', 'The simulator implements v1.0 only.'),
          newRequestId(),
          undefined,
        ),
      );
    }
    sendText(
      res,
      404,
      'Not found. Graph lives under /v1.0; the mailbox page at /.\n',
      'text/plain; charset=utf-8',
    );
  }

  const listener =
    (
      serve: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
    ): ((req: IncomingMessage, res: ServerResponse) => void) =>
    (req, res) => {
      const started = Date.now();
      if (options.log === true) {
        res.on('finish', () =>
          console.log(
            `${req.method ?? '?'} ${req.headers.host ?? ''}${req.url ?? '?'} → ${res.statusCode} (${Date.now() - started} ms)`,
          ),
        );
      }
      serve(req, res).catch((error: unknown) => {
        console.error('graph-sim: request failed', error);
        if (!res.headersSent)
          sendJson(res, 500, {
            error: { code: 'InternalServerError', message: 'An internal server error occurred.' },
          });
        else res.destroy();
      });
    };
  const server: Server = createServer(listener(handle));
  const uploadServer: Server = createServer(listener(handleUploadListener));
  for (const each of [server, uploadServer]) {
    // Upload chunks of 4 MB over slow links must not be cut off by Node's default request timeout.
    each.requestTimeout = 0;
    each.keepAliveTimeout = 5000;
  }

  const listen = (each: Server, port: number): Promise<number> =>
    new Promise<number>((resolveListen, rejectListen) => {
      each.once('error', rejectListen);
      each.listen(port, options.host ?? '127.0.0.1', () => {
        each.off('error', rejectListen);
        resolveListen((each.address() as AddressInfo).port);
      });
    });
  const port = await listen(server, options.port ?? 0);
  try {
    uploadPort = await listen(uploadServer, options.uploadPort ?? 0);
  } catch (error) {
    await new Promise<void>((resolveClose) => server.close(() => resolveClose()));
    throw error;
  }
  const host =
    options.host === undefined || options.host === '::' || options.host === '0.0.0.0'
      ? '127.0.0.1'
      : options.host;

  const hostInUrl = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${hostInUrl}:${port}`,
    port,
    uploadUrl: `http://${hostInUrl}:${uploadPort}`,
    uploadPort,
    control,
    async close() {
      await Promise.all(
        [server, uploadServer].map(
          (each) =>
            new Promise<void>((resolveClose) => {
              each.close(() => resolveClose());
              each.closeAllConnections();
            }),
        ),
      );
      await store.flush();
    },
  };
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
