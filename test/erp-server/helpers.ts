/**
 * Test support for the demo ERP: a server on a free port over an in-memory database, small literal books,
 * tokens from the dev identity provider, and a `call` that speaks HTTP like the task pane does.
 */
import { communicationKey, communicationKeyOfTriples } from '../../src/domain/communication-key';
import type { z } from 'zod';
import type {
  AgentWire,
  ClaimWire,
  CustomerWire,
  LogEntryWire,
  OpenItemWire,
  ReminderSetupWire,
  TombstoneWire,
  reminderSetupSchema,
} from '../../src/erp/wire';
import { signToken } from '../../dev/identity/token';
import { startErpServer, type ErpServerOptions, type RunningErpServer } from '../../dev/erp/server';
import type { SeedData, SeedDocument } from '../../dev/erp/seed/types';

export const MARTA = 'marta@example.it';
export const LUCA = 'luca@example.it';
export const ADMIN = 'admin@example.it';
/** Signed in, but not an enabled user. */
export const GUEST = 'guest@example.it';

/** The demo setup; overrides in the loose shape an administrator sends (optional fields may be left out). */
export function setup(overrides: Partial<z.input<typeof reminderSetupSchema>> = {}): ReminderSetupWire {
  return {
    levels: [
      { id: 'L1', name: 'Promemoria', kind: 'promemoria', days: -10, texts: {} },
      { id: 'L2', name: 'Estratto conto', kind: 'estratto_conto', days: 15, texts: {} },
      { id: 'L3', name: 'Sollecito', kind: 'sollecito', days: 30, recurEveryDays: 30, texts: {} },
    ],
    groupByCustomer: true,
    ccAgent: true,
    attachInvoicePdfs: false,
    autoCollectedPaymentMethods: ['riba', 'sdd'],
    defaultLanguage: 'it',
    timezone: 'Europe/Rome',
    // Mixed case on purpose: the ERP compares addresses case-insensitively.
    enabledUsers: ['Marta@Example.it', LUCA, ADMIN],
    administrators: [ADMIN],
    ...overrides,
  } as ReminderSetupWire;
}

export const agent = (id: string, overrides: Partial<AgentWire> = {}): AgentWire =>
  ({ id, name: `Agente ${id}`, email: `${id.toLowerCase()}@agenti.example.it`, ...overrides }) as AgentWire;

export const customer = (id: string, overrides: Partial<CustomerWire> = {}): CustomerWire =>
  ({
    id,
    name: `Cliente ${id} Srl`,
    emails: [`amministrazione@${id.toLowerCase()}.example.it`],
    language: 'it',
    agentId: 'A1',
    blocked: false,
    ...overrides,
  }) as CustomerWire;

export const item = (id: string, overrides: Partial<OpenItemWire> = {}): OpenItemWire =>
  ({
    id,
    customerId: 'C1',
    documentId: `D-${id}`,
    documentNumber: `FT 2026/${id}`,
    documentType: 'invoice',
    documentDate: '2026-01-10',
    dueDate: '2026-02-28',
    installment: 1,
    amount: 10000,
    residual: 10000,
    currency: 'EUR',
    paymentMethod: 'bonifico',
    disputed: false,
    ...overrides,
  }) as OpenItemWire;

export const documentOf = (it: OpenItemWire): SeedDocument => ({
  id: it.documentId,
  number: it.documentNumber,
  type: it.documentType,
  date: it.documentDate,
  customerId: it.customerId,
  currency: it.currency,
  lines: [{ description: 'Consulenza', quantity: 1, unitPrice: it.amount, vatRate: 0 }],
  total: it.amount,
});

/** Books of `count` open items I01, I02, … for customers C1–C3, with their documents and the setup above. */
export function books(count: number, extraItems: OpenItemWire[] = []): SeedData {
  const items = [
    ...Array.from({ length: count }, (_, i) =>
      item(`I${String(i + 1).padStart(2, '0')}`, { customerId: `C${(i % 3) + 1}` }),
    ),
    ...extraItems,
  ];
  return {
    agents: [agent('A1'), agent('A2')],
    customers: [customer('C1'), customer('C2', { agentId: 'A2' }), customer('C3', { emails: [] })],
    documents: items.map(documentOf),
    items,
    setup: setup(),
    users: [{ email: MARTA, name: 'Marta Rossi', role: 'enabled' }],
  };
}

export async function startTestErp(options: ErpServerOptions = {}): Promise<RunningErpServer> {
  return startErpServer({ port: 0, db: ':memory:', logError: () => undefined, ...options });
}

/** A dev identity token for `user`, audience `erp` unless told otherwise. */
export const tokenFor = (
  user: string,
  options: { audience?: 'erp' | 'graph'; now?: number; expiresIn?: number; secret?: string } = {},
): string => signToken({ user, audience: options.audience ?? 'erp', ...options }).token;

export interface CallOptions {
  /** A user (signed token), `static` for the static key `demo`, or none. */
  readonly as?: string | 'static';
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

export interface CallResult<T = unknown> {
  readonly status: number;
  readonly headers: Headers;
  /** Parsed JSON when the answer is JSON, else undefined. */
  readonly body: T;
  readonly bytes: Uint8Array;
}

/** What the demo ERP answers, typed loosely enough for assertions. */
export interface ProblemJson {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly field?: string;
  readonly holder?: string;
  readonly heldSince?: string;
  readonly conflicts?: { itemId: string; levelId: string; cycle: number; holder: string; state: string }[];
  readonly levelId?: string;
}
export interface PageJson<T> {
  readonly data: T[];
  readonly tombstones?: TombstoneWire[];
  readonly nextCursor: string | null;
  readonly syncToken: string | null;
  readonly total?: number;
}
export interface LogJson {
  readonly entries: LogEntryWire[];
  readonly removed: { key: string; itemId: string }[];
  readonly claims: ClaimWire[];
  readonly syncToken: string;
}

export async function call<T = ProblemJson>(
  server: { url: string },
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<CallResult<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.as === 'static') headers.Authorization = 'Bearer demo';
  else if (options.as !== undefined) headers.Authorization = `Bearer ${tokenFor(options.as)}`;
  if (options.body !== undefined) headers['Content-Type'] ??= 'application/json';
  const response = await fetch(server.url + path, {
    method,
    headers,
    ...(options.body !== undefined
      ? { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }
      : {}),
  });
  const bytes = new Uint8Array(await response.arrayBuffer());
  const type = response.headers.get('content-type') ?? '';
  const body = (
    type.includes('json') && bytes.length > 0 ? JSON.parse(Buffer.from(bytes).toString('utf8')) : undefined
  ) as T;
  return { status: response.status, headers: response.headers, body, bytes };
}

/** A claim request with the key computed as the add-in computes it. */
export function claimRequest(levelId: string, items: readonly (readonly [string, number])[]) {
  return {
    key: communicationKey(levelId, items),
    levelId,
    items: items.map(([itemId, cycle]) => ({ itemId, cycle })),
  };
}

/**
 * A claim of one communication per customer: each item with its own level (itemId, item level, cycle),
 * the key computed from the triples as the add-in computes it.
 */
export function claimRequestWithLevels(
  levelId: string,
  items: readonly (readonly [string, string, number])[],
) {
  return {
    key: communicationKeyOfTriples(levelId, items),
    levelId,
    items: items.map(([itemId, itemLevelId, cycle]) => ({ itemId, levelId: itemLevelId, cycle })),
  };
}

/** A confirmation body. */
export const confirmation = (
  state: 'sent' | 'drafted' | 'handled',
  overrides: Record<string, unknown> = {},
) => ({
  state,
  messageId: state === 'handled' ? undefined : `AAMk-${state}-${Math.random().toString(36).slice(2)}`,
  to: ['amministrazione@c1.example.it'],
  cc: [],
  at: '2026-03-15T09:30:00.000Z',
  sentOn: '2026-03-15',
  ...overrides,
});

/** Every page of a listing, following nextCursor; returns the records, tombstones and the final token. */
export async function listAll<T extends { id: string } = OpenItemWire>(
  server: { url: string },
  resource: string,
  options: { updatedSince?: string; limit?: number; as?: string } = {},
): Promise<{ data: T[]; tombstones: TombstoneWire[]; pages: PageJson<T>[]; syncToken: string }> {
  const data: T[] = [];
  const tombstones: TombstoneWire[] = [];
  const pages: PageJson<T>[] = [];
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams();
    if (cursor !== null) query.set('cursor', cursor);
    else if (options.updatedSince !== undefined) query.set('updatedSince', options.updatedSince);
    if (options.limit !== undefined) query.set('limit', String(options.limit));
    const page: CallResult<PageJson<T>> = await call<PageJson<T>>(
      server,
      'GET',
      `/api/v1/${resource}?${query.toString()}`,
      { as: options.as ?? 'static' },
    );
    if (page.status !== 200) throw new Error(`GET ${resource}: ${page.status} ${JSON.stringify(page.body)}`);
    pages.push(page.body);
    data.push(...page.body.data);
    tombstones.push(...(page.body.tombstones ?? []));
    cursor = page.body.nextCursor;
  } while (cursor !== null);
  const token = pages[pages.length - 1]?.syncToken;
  if (token === null || token === undefined)
    throw new Error(`GET ${resource}: the last page has no syncToken`);
  return { data, tombstones, pages, syncToken: token };
}
