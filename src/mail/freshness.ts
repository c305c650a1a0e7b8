/**
 * "Never sent stale" (docs/rules.md §3): before a job is claimed, and again before its message is sent, its
 * reminder is looked up in a plan made from the freshest cache. The job goes ahead only if the plan holds
 * a communication with the same key — the same level and the same (item, cycle) pairs (with one
 * communication per customer, the same (item, item level, cycle) triples); amounts and
 * addresses are taken from that fresh plan. Otherwise the job is dropped with the reason, or — when some
 * items were paid and the rest still form one reminder of the same level — replaced by that smaller
 * reminder. A reminder is never widened behind the clerk's back: new items joining it mean "plan again".
 */
import { itemLevelOf, keyedItemsOf, keyOfCommunication, type ItemCycle } from '../domain/communication-key';
import { calendarDateOfInstant, type CalendarDate } from '../domain/calendar';
import { planReminders, type Communication, type Plan, type PlanInput } from '../domain/plan-reminders';
import type { Setup } from '../domain/setup';
import type { Agent, Customer, OpenItem, SkipReason } from '../domain/types';
import type { OutboxJob, SollecitiDatabase } from '../store/db';
import { readPlanInput } from '../store/plan-input';
import { failures, type JobFailure } from './job-failures';

export interface PlanSnapshot {
  readonly setup: Setup;
  readonly today: CalendarDate;
  readonly byKey: ReadonlyMap<string, Communication>;
  readonly customers: ReadonlyMap<Customer['id'], Customer>;
  readonly agents: ReadonlyMap<Agent['id'], Agent>;
  readonly items: ReadonlyMap<OpenItem['id'], OpenItem>;
  /** Where each due item is now: the key of its communication, or why it is skipped. */
  readonly placeOf: ReadonlyMap<OpenItem['id'], { readonly key: string } | { readonly skipped: SkipReason }>;
}

export type SnapshotOutcome =
  { readonly ok: true; readonly snapshot: PlanSnapshot } | { readonly ok: false; readonly message: string };

/** The reminder engine, as the snapshot calls it. */
export type Planner = (input: PlanInput) => Plan;

/**
 * Plans from the cache as it is now (`now` gives today in the setup's time zone). Keys follow the setup:
 * (item, cycle) pairs, or (item, item level, cycle) triples with one communication per customer.
 */
export async function takeSnapshot(
  db: SollecitiDatabase,
  now: number,
  planner: Planner = planReminders,
): Promise<SnapshotOutcome> {
  const input = await readPlanInput(db);
  if (input.kind === 'empty') return { ok: false, message: 'Nothing synced from the ERP yet' };
  if (input.kind === 'invalid_setup') return { ok: false, message: input.message };
  const { setup, books } = input;
  const today = calendarDateOfInstant(now, setup.timezone);
  const plan = planner({ setup, today, ...books });
  const byKey = new Map<string, Communication>();
  const placeOf = new Map<string, { key: string } | { skipped: SkipReason }>();
  for (const communication of plan.communications) {
    const key = keyOfCommunication(communication, setup.onePerCustomer);
    byKey.set(key, communication);
    for (const { item } of communication.lines) placeOf.set(item.id, { key });
  }
  for (const { itemId, reason } of plan.skipped) placeOf.set(itemId, { skipped: reason });
  return {
    ok: true,
    snapshot: {
      setup,
      today,
      byKey,
      placeOf,
      customers: new Map(books.customers.map((customer) => [customer.id, customer])),
      agents: new Map(books.agents.map((agent) => [agent.id, agent])),
      items: new Map(books.items.map((item) => [item.id, item])),
    },
  };
}

export type Recheck =
  | { readonly fresh: true; readonly communication: Communication }
  | { readonly fresh: false; readonly failure: JobFailure; readonly replacement?: Communication };

const SKIP_WORDS: Readonly<Record<SkipReason, string>> = {
  unknown_customer: 'the customer is no longer in the ERP',
  blocked: 'the customer is blocked',
  disputed: 'disputed',
  on_hold: 'on hold',
  no_email: 'the customer has no valid reminder address',
  below_minimum: 'below the minimum amount',
  amount_overflow: 'its total is too large to compute exactly',
};

/**
 * Is the job's reminder still due exactly as queued? `label` names an item for the clerk (its document
 * number when known). `me` is the signed-in user: another user's claim or log entry on any of the job's
 * (item, level, cycle) triples drops it.
 */
export async function recheckJob(
  db: SollecitiDatabase,
  snapshot: PlanSnapshot,
  job: Pick<OutboxJob, 'key' | 'levelId' | 'items'>,
  me: string,
  label: (itemId: string) => string,
): Promise<Recheck> {
  const communication = snapshot.byKey.get(job.key);
  if (communication !== undefined) return { fresh: true, communication };

  const itemIds = job.items.map(([itemId]) => itemId);
  // Each item at its own level (one communication per customer), else at the job's.
  const isJobTriple = (itemId: string, levelId: string, cycle: number) =>
    job.items.some(
      (entry) => entry[0] === itemId && entry[1] === cycle && itemLevelOf(entry, job.levelId) === levelId,
    );

  const logged = (await db.ledger.where('itemId').anyOf(itemIds).toArray()).find((entry) =>
    isJobTriple(entry.itemId, entry.levelId, entry.cycle),
  );
  if (logged !== undefined)
    return { fresh: false, failure: failures.claimedElsewhere(logged.user, logged.sentOn, logged.state) };
  const claim = (await db.claims.toArray()).find(
    (candidate) =>
      candidate.owner.toLowerCase() !== me.toLowerCase() &&
      candidate.items.some(({ itemId, cycle, levelId }) =>
        isJobTriple(itemId, levelId ?? candidate.levelId, cycle),
      ),
  );
  if (claim !== undefined)
    return { fresh: false, failure: failures.claimedElsewhere(claim.owner, claim.claimedAt, undefined) };

  const closed = itemIds.filter((itemId) => !((snapshot.items.get(itemId)?.residual ?? 0) > 0));
  const places = itemIds
    .filter((itemId) => !closed.includes(itemId))
    .map((itemId) => ({ itemId, place: snapshot.placeOf.get(itemId) }));
  const keys = new Set(
    places.flatMap(({ place }) => (place !== undefined && 'key' in place ? [place.key] : [])),
  );
  if (closed.length > 0) {
    const [onlyKey] = keys;
    const rest =
      onlyKey !== undefined &&
      keys.size === 1 &&
      places.every(({ place }) => place !== undefined && 'key' in place)
        ? snapshot.byKey.get(onlyKey)
        : undefined;
    if (
      rest !== undefined &&
      rest.levelId === job.levelId &&
      isSubset(keyedItemsOf(rest, snapshot.setup.onePerCustomer), job)
    ) {
      return { fresh: false, failure: failures.replaced(closed.map(label)), replacement: rest };
    }
    return { fresh: false, failure: failures.itemClosed(closed.map(label)) };
  }
  const skipped = places.find(({ place }) => place !== undefined && 'skipped' in place);
  if (skipped !== undefined && skipped.place !== undefined && 'skipped' in skipped.place) {
    return {
      fresh: false,
      failure: failures.changed(`${label(skipped.itemId)}: ${SKIP_WORDS[skipped.place.skipped]}`),
    };
  }
  const gone = places.find(({ place }) => place === undefined);
  if (gone !== undefined)
    return {
      fresh: false,
      failure: failures.changed(`${label(gone.itemId)} is not due at this level today`),
    };
  return { fresh: false, failure: failures.changed('its items are now grouped differently') };
}

/**
 * Is every (item, item level, cycle) of the fresh reminder one of the job's? An item's level counts: with
 * one communication per customer, the same item at another level is another reminder.
 */
function isSubset(items: readonly ItemCycle[], of: Pick<OutboxJob, 'levelId' | 'items'>): boolean {
  return items.every((entry) =>
    of.items.some(
      (mine) =>
        mine[0] === entry[0] &&
        mine[1] === entry[1] &&
        itemLevelOf(mine, of.levelId) === itemLevelOf(entry, of.levelId),
    ),
  );
}
