/**
 * The outbox's jobs in Dexie (`db.outbox`, owned by src/store): enqueueing a batch, and moving a job from
 * one state to the next. Every move is a compare-and-set in one transaction — it applies only if the job
 * is still as the mover last saw it — so a step is recorded exactly once and never over a newer one.
 */
import { keyedItemsOf, keyOfItems } from '../domain/communication-key';
import type { Communication } from '../domain/plan-reminders';
import type { OutboxJob, SollecitiDatabase } from '../store/db';

export type OutboxMode = OutboxJob['mode'];

export interface EnqueueRequest {
  readonly mode: OutboxMode;
  readonly communications: readonly Communication[];
  /** Default: a new random id. */
  readonly batchId?: string;
  /** Epoch ms. */
  readonly now?: () => number;
}

export interface EnqueueResult {
  readonly batchId: string;
  /** Keys queued. */
  readonly queued: readonly string[];
  /** Keys left alone: a job for the same reminder is still on its way, or it already went out. */
  readonly skipped: readonly { readonly key: string; readonly reason: 'in_progress' | 'done' }[];
}

/**
 * The job's items as the ERP claims them: (item, cycle), and each item's own level when the job carries
 * levels (one communication per customer) — the claim then has the key of the triples.
 */
export const claimItemsOf = (
  job: Pick<OutboxJob, 'items'>,
): { itemId: string; cycle: number; levelId?: string }[] =>
  job.items.map(([itemId, cycle, levelId]) =>
    levelId !== undefined ? { itemId, cycle, levelId } : { itemId, cycle },
  );

/** A job whose outcome is recorded everywhere it must be: nothing left to do. */
export const isSettled = (job: OutboxJob): boolean => job.settled === true;

/** Went out (sent, drafted, marked) as asked. */
export const isDelivered = (job: OutboxJob): boolean =>
  job.state === 'sent' ||
  job.state === 'handled' ||
  (job.mode === 'draft' && job.state === 'attached' && isSettled(job));

export const newBatchId = (): string => globalThis.crypto.randomUUID();

/**
 * Queues one job per communication, in the order given. A reminder whose job is unfinished is not queued
 * twice; one that already went out is not queued again; a failed or cancelled one is queued afresh.
 */
export async function enqueueBatch(db: SollecitiDatabase, request: EnqueueRequest): Promise<EnqueueResult> {
  const now = (request.now ?? Date.now)();
  const batchId = request.batchId ?? newBatchId();
  const queued: string[] = [];
  const skipped: { key: string; reason: 'in_progress' | 'done' }[] = [];
  // The key's form follows the cached setup, as the plan's keys do (`takeSnapshot`): with one
  // communication per customer each item is carried, claimed and keyed with its own level.
  const onePerCustomer = (await db.setup.get('current'))?.setup.onePerCustomer === true;
  await db.transaction('rw', db.outbox, async () => {
    for (const [index, communication] of request.communications.entries()) {
      const items = keyedItemsOf(communication, onePerCustomer);
      const key = keyOfItems(communication.levelId, items);
      const existing = await db.outbox.get(key);
      if (existing !== undefined) {
        if (isDelivered(existing)) {
          skipped.push({ key, reason: 'done' });
          continue;
        }
        if (!isSettled(existing)) {
          skipped.push({ key, reason: 'in_progress' });
          continue;
        }
      }
      await db.outbox.put({
        key,
        batchId,
        mode: request.mode,
        state: 'queued',
        levelId: communication.levelId,
        customerId: communication.customerId,
        items,
        attempts: 0,
        // Creation order is processing order: distinct instants keep it stable.
        createdAt: now + index / 1000,
        updatedAt: now,
      });
      queued.push(key);
    }
  });
  return { batchId, queued, skipped };
}

/** The job changed under the mover (cancelled, or taken by another worker): the move did not apply. */
export class JobMovedError extends Error {
  constructor(readonly key: string) {
    super(`Outbox job ${key} changed meanwhile`);
    this.name = 'JobMovedError';
  }
}

export type JobPatch = Partial<
  Omit<OutboxJob, 'key' | 'batchId' | 'mode' | 'levelId' | 'customerId' | 'items' | 'createdAt'>
>;

/**
 * Records the next step of `job` (the state as the caller last read it): applies `patch` if the stored job
 * still has the same state and `updatedAt`, else throws `JobMovedError`. `failure`/`detail` set to
 * undefined are removed. Returns the job as stored.
 */
export async function moveJob(
  db: SollecitiDatabase,
  job: OutboxJob,
  patch: JobPatch,
  now: number,
): Promise<OutboxJob> {
  return db.transaction('rw', db.outbox, async () => {
    const stored = await db.outbox.get(job.key);
    if (stored === undefined || stored.state !== job.state || stored.updatedAt !== job.updatedAt)
      throw new JobMovedError(job.key);
    const next: Record<string, unknown> = {
      ...stored,
      ...patch,
      updatedAt: Math.max(now, stored.updatedAt + 1),
    };
    for (const name of Object.keys(next)) if (next[name] === undefined) delete next[name];
    await db.outbox.put(next as unknown as OutboxJob);
    return next as unknown as OutboxJob;
  });
}

/** Jobs with something left to do, oldest first. */
export async function unsettledJobs(db: SollecitiDatabase): Promise<OutboxJob[]> {
  const jobs = await db.outbox.filter((job) => !isSettled(job)).toArray();
  return jobs.sort((a, b) => a.createdAt - b.createdAt);
}

/** Every job of a batch. */
export const jobsOfBatch = (db: SollecitiDatabase, batchId: string): Promise<OutboxJob[]> =>
  db.outbox.where('batchId').equals(batchId).toArray();
