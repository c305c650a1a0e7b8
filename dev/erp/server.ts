/**
 * The demo ERP's HTTP server (node:http): the contract under `/api/v1`, the dev identity provider's
 * `POST /dev/token`, and the mutation API under `/dev/mutations/…`. `startErpServer` is what `npm run erp`
 * and the tests use.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { todayInTimeZone } from '../../src/domain/calendar';
import { API_PREFIX } from '../../src/erp/wire';
import { issueToken, TOKEN_PATH } from '../identity/token-endpoint';
import { authenticate, DEFAULT_STATIC_KEY, requireCaller, requireUser } from './auth';
import { listCollection } from './handlers/collections';
import { documentPdf, type PdfRenderer } from './handlers/documents';
import { mutationRoutes } from './handlers/mutations';
import {
  confirmClaim,
  getReminderLog,
  postClaim,
  releaseClaim,
  removeLogEntries,
} from './handlers/reminders';
import { getSetup, putSetup } from './handlers/setup';
import { readJsonBody } from './http/body';
import { Cors, DEFAULT_CORS_ORIGINS } from './http/cors';
import { devRouteRefusal } from '../shared/http';
import { ProblemError, type ProblemBody } from './http/problem';
import { Router } from './http/router';
import { json, type Principal, type Reply, type Route } from './http/types';
import { Mutations } from './mutations';
import { generateSeed } from './seed/generate';
import { renderInvoicePdf } from './seed/pdf';
import type { SeedData, SeedOptions } from './seed/types';
import { ErpStore } from './store/erp-store';

export const ERP_TIME_ZONE = 'Europe/Rome';

export interface ErpServerOptions {
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  /** Default `127.0.0.1`. */
  readonly host?: string;
  /** SQLite file, or `:memory:` (the default). */
  readonly db?: string;
  /**
   * Loaded when the database is empty: seed data as it is, or options for the seed generator. Also what
   * `reset` goes back to. null/absent: start empty.
   */
  readonly seed?: SeedOptions | SeedData | null;
  /** Default: the seed generator of dev/erp/seed. */
  readonly generateSeed?: (options: SeedOptions) => SeedData;
  /** Renders a document's PDF. Default: the seed's invoice renderer (pdf-lib). */
  readonly renderPdf?: PdfRenderer;
  /** Origins allowed by CORS. Default `http://localhost:3000`, `https://localhost:3000`. */
  readonly corsOrigins?: readonly string[];
  /** The static read-only key; null disables it. Default `demo`. */
  readonly staticKey?: string | null;
  /** The dev identity secret; default `DEV_IDENTITY_SECRET` or the development default. */
  readonly identitySecret?: string;
  /** Serve `/dev/mutations/…`. Default true. */
  readonly mutations?: boolean;
  /** The clock (milliseconds since the epoch), injectable for tests. */
  readonly now?: () => number;
  /** Where unexpected errors are reported. Default stderr. */
  readonly logError?: (error: unknown) => void;
}

export interface RunningErpServer {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  readonly url: string;
  readonly port: number;
  readonly store: ErpStore;
  readonly mutations: Mutations;
  readonly server: Server;
  close(): Promise<void>;
}

const isSeedData = (seed: SeedOptions | SeedData): seed is SeedData =>
  'items' in seed && Array.isArray(seed.items);

function problemFor(
  error: unknown,
  logError: (error: unknown) => void,
): { problem: ProblemBody; headers: Readonly<Record<string, string>> } {
  if (error instanceof ProblemError) return { problem: error.problem, headers: error.headers };
  logError(error);
  return {
    problem: {
      type: 'about:blank',
      title: 'Internal server error',
      status: 500,
      detail: 'the demo ERP failed on this request: see its console',
    },
    headers: {},
  };
}

function write(res: ServerResponse, reply: Reply, problem: boolean): void {
  for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
  if (reply.bytes !== undefined) {
    res.writeHead(reply.status, {
      'Content-Type': reply.bytes.contentType,
      'Content-Length': reply.bytes.data.byteLength,
    });
    res.end(Buffer.from(reply.bytes.data.buffer, reply.bytes.data.byteOffset, reply.bytes.data.byteLength));
    return;
  }
  if (reply.body === undefined || reply.status === 204 || reply.status === 304) {
    res.writeHead(reply.status);
    res.end();
    return;
  }
  const text = JSON.stringify(reply.body);
  if (!res.hasHeader('Cache-Control')) res.setHeader('Cache-Control', 'no-store');
  res.writeHead(reply.status, {
    'Content-Type': `${problem ? 'application/problem+json' : 'application/json'}; charset=utf-8`,
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** The route table: the contract, the token endpoint and (optionally) the mutations. */
export function erpRoutes(
  store: ErpStore,
  mutations: Mutations | undefined,
  options: { now: () => number; renderPdf: PdfRenderer; identitySecret?: string },
): Route[] {
  const api = (path: string) => `${API_PREFIX}${path}`;
  const routes: Route[] = [
    { method: 'GET', path: api('/customers'), access: 'read', handler: listCollection(store, 'customers') },
    { method: 'GET', path: api('/agents'), access: 'read', handler: listCollection(store, 'agents') },
    { method: 'GET', path: api('/open-items'), access: 'read', handler: listCollection(store, 'open-items') },
    {
      method: 'GET',
      path: api('/documents/:id/pdf'),
      access: 'read',
      handler: documentPdf(store, options.renderPdf),
    },
    { method: 'GET', path: api('/reminder-setup'), access: 'read', handler: getSetup(store) },
    { method: 'PUT', path: api('/reminder-setup'), access: 'write', handler: putSetup(store, options.now) },
    {
      method: 'POST',
      path: api('/reminder-claims'),
      access: 'write',
      handler: postClaim(store, options.now),
    },
    {
      method: 'POST',
      path: api('/reminder-claims/:key/confirm'),
      access: 'write',
      handler: confirmClaim(store),
    },
    { method: 'DELETE', path: api('/reminder-claims/:key'), access: 'write', handler: releaseClaim(store) },
    { method: 'DELETE', path: api('/reminder-log/:key'), access: 'write', handler: removeLogEntries(store) },
    { method: 'GET', path: api('/reminder-log'), access: 'read', handler: getReminderLog(store) },
    {
      method: 'POST',
      path: TOKEN_PATH,
      access: 'public',
      dev: true,
      handler: async ({ readJson }) => {
        const outcome = issueToken(await readJson(), {
          nameOf: (user) => store.setup.userName(user),
          now: options.now,
          ...(options.identitySecret !== undefined ? { secret: options.identitySecret } : {}),
        });
        if (outcome.status === 400)
          throw new ProblemError(
            400,
            outcome.body.title,
            outcome.body.detail,
            outcome.body.field !== undefined ? { field: outcome.body.field } : {},
          );
        return json(200, outcome.body);
      },
    },
  ];
  if (mutations !== undefined) routes.push(...mutationRoutes(mutations));
  return routes;
}

/** A node:http request listener serving `routes` with authentication, CORS and problem responses. */
export function createRequestListener(
  routes: readonly Route[],
  options: {
    cors: Cors;
    authenticate: (req: IncomingMessage) => Principal;
    logError: (error: unknown) => void;
  },
): (req: IncomingMessage, res: ServerResponse) => void {
  const router = new Router(routes);
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    const url = new URL(req.url ?? '/', 'http://erp.invalid');
    const method = req.method ?? 'GET';
    if (method === 'OPTIONS') {
      const methods = router.methodsAt(url.pathname);
      const origin = options.cors.allowedOrigin(req);
      if (methods.length === 0) throw new ProblemError(404, 'Not found', `no resource at ${url.pathname}`);
      if (origin === undefined) {
        res.setHeader('Vary', 'Origin');
        throw new ProblemError(
          403,
          'Forbidden',
          `origin ${JSON.stringify(req.headers.origin ?? null)} is not allowed (ERP_CORS_ORIGINS)`,
        );
      }
      return write(res, { status: 204, headers: options.cors.preflightHeaders(origin, methods) }, false);
    }
    options.cors.apply(req, res);
    const match = router.match(method, url.pathname);
    if (match.kind === 'not_found')
      throw new ProblemError(404, 'Not found', `no resource at ${url.pathname}`);
    if (match.kind === 'wrong_method') {
      throw new ProblemError(
        405,
        'Method not allowed',
        `${method} is not supported at ${url.pathname}`,
        {},
        { Allow: match.allowed.join(', ') },
      );
    }
    const { route, params } = match;
    if (route.dev === true) {
      const refusal = devRouteRefusal(req, options.cors.allowed);
      if (refusal !== undefined)
        throw new ProblemError(
          refusal.status,
          refusal.status === 403 ? 'Forbidden' : 'Unsupported media type',
          refusal.detail,
        );
    }
    const principal: Principal =
      route.access === 'public' ? { kind: 'anonymous' } : options.authenticate(req);
    if (route.access === 'read') requireCaller(principal);
    if (route.access === 'write') requireUser(principal);
    const reply = await route.handler({ req, url, params, principal, readJson: () => readJsonBody(req) });
    write(res, reply, false);
  };
  return (req, res) => {
    handle(req, res).catch((error: unknown) => {
      const { problem, headers } = problemFor(error, options.logError);
      if (res.headersSent) {
        res.destroy();
        return;
      }
      write(res, { status: problem.status, body: problem, headers }, true);
    });
  };
}

/**
 * Opens the database (seeding it when empty), starts listening, and resolves once the server accepts
 * connections. `close()` stops the server (dropping idle keep-alive connections) and closes the database.
 */
export async function startErpServer(options: ErpServerOptions = {}): Promise<RunningErpServer> {
  const now = options.now ?? Date.now;
  const today = () => todayInTimeZone(now(), ERP_TIME_ZONE);
  const logError = options.logError ?? ((error: unknown) => console.error('[erp]', error));
  const seed = options.seed ?? null;
  const generate = options.generateSeed ?? generateSeed;
  const seedData = (): SeedData | undefined =>
    seed === null ? undefined : isSeedData(seed) ? seed : generate(seed);

  const store = ErpStore.open(options.db ?? ':memory:');
  try {
    if (store.isEmpty()) {
      const data = seedData();
      if (data !== undefined) store.load(data, new Date(now()));
    }
  } catch (error) {
    store.close();
    throw error;
  }
  const mutations = new Mutations(store, {
    defaultSeed: seedData,
    generate,
    today,
    now,
  });
  const routes = erpRoutes(store, options.mutations === false ? undefined : mutations, {
    now,
    renderPdf: options.renderPdf ?? renderInvoicePdf,
    ...(options.identitySecret !== undefined ? { identitySecret: options.identitySecret } : {}),
  });
  const authOptions = {
    staticKey: options.staticKey === undefined ? DEFAULT_STATIC_KEY : options.staticKey,
    now,
    ...(options.identitySecret !== undefined ? { identitySecret: options.identitySecret } : {}),
  };
  const listener = createRequestListener(routes, {
    cors: new Cors(options.corsOrigins ?? DEFAULT_CORS_ORIGINS),
    authenticate: (req) => authenticate(req, authOptions),
    logError,
  });
  const server = createServer(listener);
  const host = options.host ?? '127.0.0.1';
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    store.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    store,
    mutations,
    server,
    close: async () => {
      server.closeIdleConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error === undefined ? resolve() : reject(error))),
      );
      store.close();
    },
  };
}
