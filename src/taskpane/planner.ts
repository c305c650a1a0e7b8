/**
 * Planning for the pane, behind one interface with two homes: a Web Worker (the default: reading 100 000
 * items from IndexedDB and planning them never blocks the pane's main thread, which Outlook restarts when
 * it stops answering for 5 s) and the main thread (tests, and browsers without module workers). Whoever
 * planned keeps the day's communications, so previews and batches ask for them by key.
 */
import type { CalendarDate } from '../domain/calendar';
import type { Communication } from '../domain/plan-reminders';
import { validateSetup, type Setup, type SetupProblem } from '../domain/setup';
import type { Agent, Customer, OpenItem } from '../domain/types';
import type { SollecitiDatabase } from '../store/db';
import { readPlanInput } from '../store/plan-input';
import type { CommunicationDetail, HistoryRow, PlanSnapshot, SkippedRow } from '../ui/model';
import { decodePlan, encodePlan, keepPlan, keptPlan, type EncodedPlan } from './plan-cache';
import { historyRows, planDay } from './plan-snapshot';

export type PlanResult =
  | { readonly kind: 'empty' }
  | { readonly kind: 'invalid_setup'; readonly problems: readonly SetupProblem[] }
  | { readonly kind: 'planned'; readonly snapshot: PlanSnapshot };

/** Planning failed for a reason a retry on the main thread can fix (the worker could not start). */
export class PlannerUnavailableError extends Error {
  override readonly name = 'PlannerUnavailableError';
}

export interface Planner {
  /** Reads the cache and plans `today`. */
  plan(today: CalendarDate): Promise<PlanResult>;
  /**
   * The last plan made for `today`, as kept in the cache (see plan-cache.ts): shown while `plan` runs.
   * Previews and batches still wait for `plan`: they work on the fresh plan only.
   */
  kept(today: CalendarDate): Promise<PlanResult | undefined>;
  /** The items the last plan left out, with their reasons. */
  skipped(): Promise<readonly SkippedRow[]>;
  /** A communication of the last plan, with its customer and the agents; undefined if it is not in it. */
  detail(key: string): Promise<CommunicationDetail | undefined>;
  /** The communications of the last plan with these keys, in the order given (unknown keys left out). */
  communications(keys: readonly string[]): Promise<CommunicationDetail[]>;
  /** A communication of the last plan to preview a level's texts on real data: one of that level if any. */
  sample(levelId: string): Promise<CommunicationDetail | undefined>;
  /** The ledger, one row a communication, newest first. */
  history(): Promise<HistoryRow[]>;
  dispose(): void;
}

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** A planner on the thread that calls it; the worker runs one and asks for its plans as JSON. */
export interface LocalPlanner extends Planner {
  /** `plan`, encoded in pieces (see plan-cache.ts) and kept for the next opening. */
  planEncoded(today: CalendarDate): Promise<EncodedPlan>;
}

/** Encodes a plan and, when it is one, keeps it for the next opening (a failure to keep is only logged). */
async function encodeAndKeep(
  db: SollecitiDatabase,
  today: CalendarDate,
  result: PlanResult,
): Promise<EncodedPlan> {
  const encoded = encodePlan(result);
  if (result.kind === 'planned')
    await keepPlan(db, today, encoded).catch((error: unknown) =>
      console.warn('Could not keep the plan for the next opening', error),
    );
  return encoded;
}

export function createLocalPlanner(db: SollecitiDatabase, mailbox: string): LocalPlanner {
  let last:
    | {
        communications: ReadonlyMap<string, Communication>;
        skipped: readonly SkippedRow[];
        customers: ReadonlyMap<string, Customer>;
        agents: readonly Agent[];
        setup: Setup;
        today: CalendarDate;
      }
    | undefined;
  // The plan being made: what is asked of the last plan meanwhile waits for it.
  let planning: Promise<unknown> = Promise.resolve();
  const settled = async (): Promise<void> => {
    await planning.catch(() => undefined);
  };

  const detailOf = (key: string, communication: Communication): CommunicationDetail | undefined => {
    if (last === undefined) return undefined;
    const customer = last.customers.get(communication.customerId);
    if (customer === undefined) return undefined;
    return { key, communication, customer, agents: last.agents, setup: last.setup, today: last.today };
  };

  const plan = async (today: CalendarDate): Promise<PlanResult> => {
    const started = now();
    const input = await readPlanInput(db);
    if (input.kind === 'empty') return { kind: 'empty' };
    if (input.kind === 'invalid_setup') return { kind: 'invalid_setup', problems: input.problems };
    const claims = await db.claims.toArray();
    const unresolved = new Set(
      (await db.outbox.filter((job) => job.settled !== true).toArray()).map((job) => job.key),
    );
    const read = now();
    const day = planDay({ setup: input.setup, books: input.books, claims, today, mailbox, unresolved });
    console.info(
      `Solleciti planner: cache read in ${Math.round(read - started)} ms, planned in ${Math.round(now() - read)} ms`,
    );
    last = {
      communications: day.communications,
      skipped: day.skipped,
      customers: new Map(input.books.customers.map((customer) => [customer.id, customer])),
      agents: input.books.agents,
      setup: input.setup,
      today,
    };
    return { kind: 'planned', snapshot: { ...day.snapshot, planMs: Math.round(now() - started) } };
  };

  return {
    async plan(today) {
      const result = plan(today);
      planning = result;
      await encodeAndKeep(db, today, await result);
      return result;
    },
    async planEncoded(today) {
      const result = plan(today);
      planning = result;
      return encodeAndKeep(db, today, await result);
    },
    async kept(today) {
      const encoded = await keptPlan(db, today);
      return encoded !== undefined ? decodePlan(encoded) : undefined;
    },
    async skipped() {
      await settled();
      return last?.skipped ?? [];
    },
    async detail(key) {
      await settled();
      const communication = last?.communications.get(key);
      return communication !== undefined ? detailOf(key, communication) : undefined;
    },
    async communications(keys) {
      await settled();
      return keys.flatMap((key) => {
        const communication = last?.communications.get(key);
        const detail = communication !== undefined ? detailOf(key, communication) : undefined;
        return detail !== undefined ? [detail] : [];
      });
    },
    async sample(levelId) {
      await settled();
      if (last === undefined) return undefined;
      let fallback: [string, Communication] | undefined;
      for (const entry of last.communications) {
        if (entry[1].levelId === levelId) return detailOf(entry[0], entry[1]);
        fallback ??= entry;
      }
      return fallback !== undefined ? detailOf(fallback[0], fallback[1]) : undefined;
    },
    async history() {
      const [ledger, items, customers, setupRecord] = await db.transaction(
        'r',
        [db.ledger, db.items, db.customers, db.setup],
        () =>
          Promise.all([
            db.ledger.toArray(),
            db.items.toArray(),
            db.customers.toArray(),
            db.setup.get('current'),
          ]),
      );
      const cached = setupRecord !== undefined ? validateSetup(setupRecord.setup) : undefined;
      const setup = last?.setup ?? (cached?.ok === true ? cached.value : undefined);
      return historyRows(
        ledger,
        setup,
        new Map<string, OpenItem>(items.map((item) => [item.id, item])),
        new Map<string, Customer>(customers.map((customer) => [customer.id, customer])),
      );
    },
    dispose() {
      last = undefined;
    },
  };
}

/**
 * `primary` (the worker) until it reports it cannot run; from then on a planner made by `fallback` (the
 * main thread), for this call and every later one.
 */
export function withFallback(primary: Planner, fallback: () => Planner): Planner {
  let current = primary;
  const run = async <T>(call: (planner: Planner) => Promise<T>): Promise<T> => {
    try {
      return await call(current);
    } catch (error) {
      if (!(error instanceof PlannerUnavailableError) || current !== primary) throw error;
      console.warn(`${error.message}: planning on the main thread instead.`);
      primary.dispose();
      current = fallback();
      return call(current);
    }
  };
  return {
    plan: (today) => run((planner) => planner.plan(today)),
    kept: (today) => run((planner) => planner.kept(today)),
    skipped: () => run((planner) => planner.skipped()),
    detail: (key) => run((planner) => planner.detail(key)),
    communications: (keys) => run((planner) => planner.communications(keys)),
    sample: (levelId) => run((planner) => planner.sample(levelId)),
    history: () => run((planner) => planner.history()),
    dispose: () => current.dispose(),
  };
}
