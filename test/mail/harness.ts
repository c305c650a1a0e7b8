/**
 * The mail side's test bench: the demo ERP and the Graph simulator over real HTTP (both in-process, on
 * free ports, in memory), a time-scaled mailbox (a "minute" lasts `minuteMs`), one Dexie database per
 * signed-in user on fake-indexeddb, and the ground truth for exactly-once: every (item, level, cycle)
 * counted from the simulator's submission log — whatever the outbox believes.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { startGraphSim, type GraphSim, type GraphSimOptions } from '../../dev/graph-sim';
import { startErpServer, type RunningErpServer } from '../../dev/erp/server';
import { generateSeed } from '../../dev/erp/seed/generate';
import type { SeedData } from '../../dev/erp/seed/types';
import { devIdentityProvider, type TokenProvider } from '../../src/auth/token-provider';
import { calendarDateOfInstant } from '../../src/domain/calendar';
import { itemLevelOf, keyOfItems, type ItemCycle } from '../../src/domain/communication-key';
import type { Communication } from '../../src/domain/plan-reminders';
import { ErpClient } from '../../src/erp/client';
import type { ReminderSetupWire } from '../../src/erp/wire';
import { takeSnapshot } from '../../src/mail/freshness';
import { GraphMailer } from '../../src/mail/graph-mailer';
import { readTags } from '../../src/mail/message-tags';
import { OutboxWorker, type OutboxWorkerOptions } from '../../src/mail/outbox';
import { RequestGate } from '../../src/mail/request-gate';
import { openDatabase, type SollecitiDatabase } from '../../src/store/db';
import { syncAll } from '../../src/store/sync';

export const MARTA = 'marta.rossi@solleciti.example';
export const LUCA = 'luca.bianchi@solleciti.example';
export const VIEWER = 'viewer@solleciti.example';
/** Today where the demo company is: the seed is built around it, and the worker reads the real clock. */
export const TODAY = calendarDateOfInstant(Date.now(), 'Europe/Rome');
/** A simulated minute, in real ms: the simulator's `timeScale` is 60 000 / MINUTE_MS. */
export const MINUTE_MS = 100;

export interface BenchOptions {
  readonly seed?: number;
  readonly customers?: number;
  readonly items?: number;
  /** Changes to the demo setup (e.g. one communication per item). */
  readonly setup?: (setup: ReminderSetupWire) => ReminderSetupWire;
  /** Documents whose PDF the ERP's archive does not have. */
  readonly missingPdfs?: readonly string[];
  /** Real invoice PDFs (pdf-lib, slow) instead of small stand-ins; big ones padded as the seed asks. */
  readonly realPdfs?: boolean;
  /** Bytes of the PDF of some documents (by id), e.g. to build an oversized message. */
  readonly pdfSizes?: Readonly<Record<string, number>>;
  readonly sim?: GraphSimOptions;
}

export interface Bench {
  readonly erp: RunningErpServer;
  readonly sim: GraphSim;
  readonly seed: SeedData;
  close(): Promise<void>;
}

/** A small stand-in PDF (real ones take pdf-lib milliseconds each); `bytes` pads it. */
export function fakePdf(documentId: string, bytes = 2048): Uint8Array {
  const head = new TextEncoder().encode(`%PDF-1.4\n% ${documentId}\n`);
  const out = new Uint8Array(Math.max(bytes, head.length + 6));
  out.set(head);
  out.fill(0x20, head.length);
  out.set(new TextEncoder().encode('%%EOF\n'), out.length - 6);
  return out;
}

export async function startBench(options: BenchOptions = {}): Promise<Bench> {
  const generated = generateSeed({
    seed: options.seed ?? 7,
    customers: options.customers ?? 40,
    items: options.items ?? 200,
    today: TODAY,
  });
  const missing = new Set(options.missingPdfs ?? []);
  const seed: SeedData = {
    ...generated,
    documents: generated.documents.filter((document) => !missing.has(document.id)),
    setup: options.setup ? options.setup(generated.setup) : generated.setup,
  };
  const sizes = options.pdfSizes ?? {};
  const erp = await startErpServer({
    seed,
    logError: (error) => console.error(error),
    ...(options.realPdfs === true
      ? {}
      : {
          renderPdf: async (document) =>
            fakePdf(document.id, sizes[document.id] ?? document.padPdfToBytes ?? 2048),
        }),
  });
  const sim = await startGraphSim({
    port: 0,
    dataDir: null,
    timeScale: 60_000 / MINUTE_MS,
    sentItemsDelayMs: 40,
    ...options.sim,
  });
  return {
    erp,
    sim,
    seed,
    async close() {
      await Promise.all([erp.close(), sim.close()]);
    },
  };
}

let databases = 0;

export interface UserOptions {
  /** Graph tokens; default the simulator's dev identity provider. */
  readonly graphTokens?: TokenProvider;
  /** An existing database (a restarted pane); default a new one. */
  readonly db?: SollecitiDatabase;
  readonly fetch?: typeof fetch;
}

/** One signed-in user: their cache, ERP client and mailer (with fast, test-sized backoffs). */
export function userOf(bench: Bench, me: string, options: UserOptions = {}) {
  const db =
    options.db ?? openDatabase(`mail-${++databases}-${me}`, { indexedDB: new IDBFactory(), IDBKeyRange });
  const erp = new ErpClient({
    baseUrl: bench.erp.url,
    tokens: devIdentityProvider({ baseUrl: bench.erp.url, user: me, audience: 'erp' }),
    backoffMs: 5,
    retries: 6,
    timeoutMs: 5000,
  });
  const mailer = new GraphMailer({
    baseUrl: `${bench.sim.url}/v1.0`,
    tokens:
      options.graphTokens ?? devIdentityProvider({ baseUrl: bench.sim.url, user: me, audience: 'graph' }),
    gate: new RequestGate({ uploadWindowMs: 5 * MINUTE_MS }),
    backoffMs: 10,
    maxBackoffMs: 200,
    retries: 10,
    timeoutMs: 3000,
    ...(options.fetch !== undefined ? { fetch: options.fetch } : {}),
  });
  const account = { primaryAddress: me, userPrincipalName: me };
  const worker = (overrides: OutboxWorkerOptions = {}) =>
    new OutboxWorker(
      { db, erp, mailer, account, me },
      { minuteMs: MINUTE_MS, settleMs: 250, pollMs: 20, leaseMs: 400, resyncEveryMs: 0, ...overrides },
    );
  return { me, db, erp, mailer, account, worker };
}

export type User = ReturnType<typeof userOf>;

/** Syncs the user's cache and plans from it, as the pane does before the clerk picks reminders. */
export async function planFor(user: User): Promise<Communication[]> {
  await syncAll(user.db, user.erp);
  const outcome = await takeSnapshot(user.db, Date.now());
  if (!outcome.ok) throw new Error(outcome.message);
  return [...outcome.snapshot.byKey.values()];
}

export const tripleOf = (levelId: string, [itemId, cycle]: ItemCycle): string =>
  `${itemId}|${levelId}|${cycle}`;

/** Each item at its own level (equal to its communication's unless one communication per customer). */
export function triplesOf(communications: readonly Communication[]): string[] {
  return communications.flatMap((communication) =>
    communication.lines.map((line) => tripleOf(line.levelId, [line.item.id, line.cycle])),
  );
}

/**
 * Every (item, level, cycle) submitted from these mailboxes, with how many times: read from the
 * simulator's submission log and the tags each message carried. The level is found by recomputing the
 * key, so a regrouped re-send of the same triple counts as a second submission.
 */
export function submittedTriples(bench: Bench, users: readonly string[]): Map<string, number> {
  const levels = bench.seed.setup.levels.map((level) => level.id);
  const counts = new Map<string, number>();
  for (const user of users) {
    for (const record of bench.sim.control.dump(user).sent) {
      const { key, items } = readTags(record.singleValueExtendedProperties);
      if (key === undefined || items === undefined)
        throw new Error(`A submission without our tags: ${record.subject}`);
      const levelId = levels.find((level) => keyOfItems(level, items) === key);
      if (levelId === undefined)
        throw new Error(`A submission whose key matches no level: ${record.subject}`);
      for (const pair of items) {
        const triple = tripleOf(itemLevelOf(pair, levelId), pair);
        counts.set(triple, (counts.get(triple) ?? 0) + 1);
      }
    }
  }
  return counts;
}

/** The triples submitted more than once. */
export const duplicates = (counts: ReadonlyMap<string, number>): string[] =>
  [...counts].filter(([, n]) => n > 1).map(([triple]) => triple);

/** The pane's `localStorage`, in memory (where `outboxPort` keeps the id of the batch on screen). */
export function memoryStorage(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> {
  const values = new Map<string, string>();
  return {
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => void values.set(key, value),
    removeItem: (key) => void values.delete(key),
  };
}
