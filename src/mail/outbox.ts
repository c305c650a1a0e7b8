/**
 * The outbox worker (docs/rules.md §3): runs the persistent jobs of `db.outbox` — paced, claim-guarded and
 * crash-safe (job-runner.ts has each job's state machine, README.md the rules).
 *
 * A run: take the mailbox's outbox lock, bring the cache up to date (delta sync), plan from it, then work
 * through every unsettled job — oldest first, those already under way before new ones — in a few lanes
 * that share one request gate (≤ 4 Graph requests at a time) and one send pacer (25 a minute by
 * default). The cache is synced again every `resyncEveryMs` so a payment during a long batch stops its
 * reminder. The run ends when nothing is left, when `pause()` or the signal stops it (a closing pane),
 * or for a stop reason (401, restricted mailbox, not enabled, unreachable) with every job kept in place:
 * `run()` again resumes.
 */
import type { AccountIdentifiers } from '../domain/enabled-user';
import type { Communication } from '../domain/plan-reminders';
import type { ErpClient } from '../erp/client';
import { ErpError } from '../erp/errors';
import type { OutboxJob, SollecitiDatabase } from '../store/db';
import { syncAll } from '../store/sync';
import { checkByLooking, type MailboxCheck } from './check-mailbox';
import { takeSnapshot, type PlanSnapshot, type Planner } from './freshness';
import type { GraphMailer } from './graph-mailer';
import type { StopReason } from './job-failures';
import { runJob, stopOf, StopRun, type Checkpoint, type JobContext } from './job-runner';
import {
  enqueueBatch,
  isDelivered,
  isSettled,
  JobMovedError,
  jobsOfBatch,
  moveJob,
  unsettledJobs,
} from './job-store';
import { withOutboxLock } from './outbox-lock';
import { SendPacer } from './send-pacer';
import { abortable } from './sleep';

export { enqueueBatch, type EnqueueRequest, type EnqueueResult } from './job-store';
export type { Checkpoint } from './job-runner';
export type { MailboxCheck } from './check-mailbox';

export interface OutboxWorkerDeps {
  readonly db: SollecitiDatabase;
  readonly erp: ErpClient;
  readonly mailer: GraphMailer;
  /** Who is signed in: every job checks the enabled-user rule against it. */
  readonly account: AccountIdentifiers;
  /** The signed-in user's address as the ERP knows it: the owner of its claims. */
  readonly me: string;
}

export interface OutboxWorkerOptions {
  /** Epoch ms: "now" for today, `sentOn` and the log's instants. Default `Date.now`. */
  readonly now?: () => number;
  /** Default 25 (Exchange allows 30). */
  readonly messagesPerMinute?: number;
  /** How long a minute lasts in real ms (60 000; less against a time-scaled simulator). */
  readonly minuteMs?: number;
  /** Default 9 500 (Exchange allows 10 000 a day, To and CC counted). */
  readonly recipientsPerDay?: number;
  /** Jobs worked on at once. Default 4. */
  readonly lanes?: number;
  /** How long Sent Items may lag behind a send. Default 60 s. */
  readonly settleMs?: number;
  /** How often to look again meanwhile. Default 1 s. */
  readonly pollMs?: number;
  /**
   * A draft of this user's that another host (or this pane before a restart) created is left to its
   * creator until draft and attachments stayed unchanged this long; only then are its attachments
   * repaired here. Default 30 s.
   */
  readonly leaseMs?: number;
  /** Delta sync during a run, every this many ms; 0 never. Default 60 s. */
  readonly resyncEveryMs?: number;
  /** Page size of the syncs. */
  readonly syncPageSize?: number;
  /** The reminder engine the jobs are re-checked against. Default `planReminders`. */
  readonly planner?: Planner;
  readonly onProgress?: (progress: OutboxProgress) => void;
  /** Every recorded step of every job. */
  readonly onJob?: (job: OutboxJob) => void;
  /** Tests only: called at every step boundary, e.g. to stop the worker there as a crash would. */
  readonly checkpoint?: (point: Checkpoint, job: OutboxJob) => void;
}

/** Where the batches in view stand (every batch with a job unsettled when the run started, or since). */
export interface OutboxProgress {
  readonly running: boolean;
  readonly total: number;
  readonly sent: number;
  readonly drafted: number;
  readonly handled: number;
  readonly failed: number;
  readonly cancelled: number;
  /** Jobs with something left to do. */
  readonly remaining: number;
  /** Jobs whose send was requested but is not confirmed yet. */
  readonly unconfirmed: number;
  /** Estimated real ms the remaining sends take at the pacer's pace (`sendEtaMs`). */
  readonly etaMs: number;
}

export type RunResult =
  | { readonly status: 'done'; readonly progress: OutboxProgress }
  | {
      readonly status: 'stopped';
      readonly reason: StopReason;
      readonly message: string;
      readonly progress: OutboxProgress;
    };

const ORDER: Readonly<Record<OutboxJob['state'], number>> = {
  failed: 0,
  cancelled: 0,
  sending: 1,
  sent: 1,
  handled: 1,
  attached: 2,
  drafted: 3,
  claimed: 4,
  queued: 5,
};

export class OutboxWorker {
  private readonly pacer: SendPacer;
  private readonly now: () => number;
  private readonly cancelled = new Set<string>();
  private readonly held = new Set<string>();
  private readonly tally = new Map<string, OutboxJob>();
  private readonly labels = new Map<string, string>();
  private snapshot: PlanSnapshot | undefined;
  private running = false;
  private pausing = false;
  private stop: StopRun | undefined;

  constructor(
    private readonly deps: OutboxWorkerDeps,
    private readonly options: OutboxWorkerOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.pacer = new SendPacer({
      ...(options.messagesPerMinute !== undefined ? { messagesPerMinute: options.messagesPerMinute } : {}),
      ...(options.minuteMs !== undefined ? { minuteMs: options.minuteMs } : {}),
      ...(options.recipientsPerDay !== undefined ? { recipientsPerDay: options.recipientsPerDay } : {}),
    });
  }

  /**
   * Works through the outbox until it is empty or the run has to stop; resolves once every lane has
   * stopped. `signal` stops it at once, as closing the pane would (jobs resume on the next run).
   */
  async run(signal?: AbortSignal): Promise<RunResult> {
    const result = await withOutboxLock(this.deps.db.name, () =>
      this.runLocked(signal ?? new AbortController().signal),
    );
    return (
      result ?? {
        status: 'stopped',
        reason: 'busy',
        message: 'Another Solleciti window is already sending from this mailbox',
        progress: this.progress(),
      }
    );
  }

  /** Stops taking new steps; the run resolves once the steps under way are recorded. */
  pause(): void {
    this.pausing = true;
  }

  /**
   * Cancels a batch: jobs not yet sent are ended, their drafts deleted and their claims released.
   * Jobs already sending, sent or drafted (in a draft batch) stay as they are.
   */
  async cancelBatch(batchId: string, signal?: AbortSignal): Promise<void> {
    this.cancelled.add(batchId);
    const jobs = (await jobsOfBatch(this.deps.db, batchId)).filter(
      (job) =>
        !isSettled(job) &&
        !this.held.has(job.key) &&
        ['queued', 'claimed', 'drafted', 'attached'].includes(job.state) &&
        !(job.mode === 'draft' && job.state === 'attached'),
    );
    const ctx = this.context(signal ?? new AbortController().signal);
    for (const { key } of jobs) {
      // A lane may have taken it meanwhile: then the lane ends it at its next step.
      if (this.held.has(key)) continue;
      this.held.add(key);
      try {
        const job = await this.deps.db.outbox.get(key);
        if (job !== undefined && !isSettled(job)) await runJob(ctx, job);
      } catch (error) {
        if (!(error instanceof JobMovedError)) throw error;
      } finally {
        this.held.delete(key);
      }
    }
  }

  /**
   * "Check the mailbox" for one key whose job here is unresolved (see check-mailbox.ts): sent → confirmed
   * at the ERP; not sent → only then its claim released. `settled`: nothing left to resolve; `busy`: a run
   * (here or in another window) is working on the outbox — it resolves the job itself.
   */
  async checkMailbox(key: string, signal?: AbortSignal): Promise<MailboxCheck | 'settled' | 'busy'> {
    if (this.held.has(key)) return 'busy';
    const outcome = await withOutboxLock(this.deps.db.name, async (): Promise<MailboxCheck | 'settled'> => {
      const job = await this.deps.db.outbox.get(key);
      if (job === undefined || isSettled(job)) return 'settled';
      this.held.add(key);
      try {
        // Only the setup's time zone is read from it (to confirm): planning again is not worth a long task.
        if (this.snapshot === undefined) await this.refreshSnapshot();
        if (this.snapshot === undefined)
          throw new StopRun('invalid_setup', 'Nothing synced from the ERP yet');
        return await checkByLooking(this.context(signal ?? new AbortController().signal), job);
      } finally {
        this.held.delete(key);
      }
    });
    return outcome ?? 'busy';
  }

  /** The progress of the batches in view. */
  progress(): OutboxProgress {
    const count = {
      sent: 0,
      drafted: 0,
      handled: 0,
      failed: 0,
      cancelled: 0,
      remaining: 0,
      unconfirmed: 0,
      remainingSends: 0,
    };
    for (const job of this.tally.values()) {
      if (!isSettled(job)) {
        count.remaining += 1;
        if (job.mode === 'send') count.remainingSends += 1;
        if (job.state === 'sending') count.unconfirmed += 1;
      }
      if (job.state === 'sent') count.sent += 1;
      else if (job.state === 'handled') count.handled += 1;
      else if (isDelivered(job)) count.drafted += 1;
      else if (job.state === 'failed' && isSettled(job)) count.failed += 1;
      else if (job.state === 'cancelled' && isSettled(job)) count.cancelled += 1;
    }
    const { remainingSends, ...shown } = count;
    return { running: this.running, total: this.tally.size, ...shown, etaMs: this.sendEtaMs(remainingSends) };
  }

  /**
   * Real ms that `sends` more sends take at the pacer's pace: the one estimate of time left. Not the pace
   * observed so far, which an outage (minutes with nothing moving) would inflate long after it is over.
   */
  sendEtaMs(sends: number): number {
    return Math.round(this.pacer.etaMs(sends));
  }

  private async runLocked(signal: AbortSignal): Promise<RunResult> {
    this.running = true;
    this.pausing = false;
    this.stop = undefined;
    const resyncStop = new AbortController();
    try {
      // Before the sync: the document numbers of items it may remove (paid), to name them to the clerk.
      await this.rememberLabels(await unsettledJobs(this.deps.db));
      await this.syncNow(signal);
      if (this.stop === undefined && !signal.aborted) await this.refreshSnapshot();
      if (signal.aborted) this.stop ??= new StopRun('paused', 'Stopped');
      if (this.stop !== undefined) return this.result();
      const jobs = await unsettledJobs(this.deps.db);
      await this.loadTally(jobs);
      const queue = jobs.sort((a, b) => ORDER[a.state] - ORDER[b.state] || a.createdAt - b.createdAt);
      const ctx = this.context(signal, queue);
      const resync = this.resyncLoop(signal, resyncStop.signal);
      this.emit();
      const lanes = Array.from({ length: Math.max(1, this.options.lanes ?? 4) }, () =>
        this.lane(ctx, queue, signal),
      );
      await Promise.all(lanes);
      resyncStop.abort();
      await resync;
      if (signal.aborted && this.stop === undefined) this.stop = new StopRun('paused', 'Stopped');
      return this.result();
    } finally {
      resyncStop.abort();
      this.running = false;
      this.emit();
    }
  }

  private result(): RunResult {
    const progress = { ...this.progress(), running: false };
    if (this.stop !== undefined)
      return { status: 'stopped', reason: this.stop.reason, message: this.stop.message, progress };
    if (this.pausing) return { status: 'stopped', reason: 'paused', message: 'Paused', progress };
    return { status: 'done', progress };
  }

  private async lane(ctx: JobContext, queue: OutboxJob[], signal: AbortSignal): Promise<void> {
    while (!signal.aborted && !this.pausing && this.stop === undefined) {
      const next = queue.shift();
      if (next === undefined) return;
      if (this.held.has(next.key)) continue;
      this.held.add(next.key);
      try {
        const job = await this.deps.db.outbox.get(next.key);
        if (job === undefined || isSettled(job)) continue;
        await runJob(ctx, job);
      } catch (error) {
        if (signal.aborted) return;
        if (error instanceof JobMovedError) continue;
        this.stop ??= stopOf(error);
      } finally {
        this.held.delete(next.key);
      }
    }
  }

  private context(signal: AbortSignal, queue: OutboxJob[] = []): JobContext {
    const { db, erp, mailer, account, me } = this.deps;
    return {
      db,
      erp,
      mailer,
      pacer: this.pacer,
      me: me.toLowerCase(),
      account,
      now: this.now,
      signal,
      settleMs: this.options.settleMs ?? 60_000,
      pollMs: this.options.pollMs ?? 1_000,
      leaseMs: this.options.leaseMs ?? 30_000,
      snapshot: () => {
        if (this.snapshot === undefined)
          throw new StopRun('invalid_setup', 'Nothing synced from the ERP yet');
        return this.snapshot;
      },
      label: (itemId) => this.labels.get(itemId) ?? `item ${itemId}`,
      checkpoint: (point, job) => {
        this.options.checkpoint?.(point, job);
        if (signal.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('Stopped');
      },
      record: async (job, patch) => {
        if (signal.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('Stopped');
        const next = await moveJob(db, job, patch, this.now());
        this.tally.set(next.key, next);
        this.options.onJob?.(next);
        this.emit();
        return next;
      },
      isCancelled: (batchId) => this.cancelled.has(batchId),
      isStopping: () => this.pausing || this.stop !== undefined,
      enqueueReplacement: async (job, communication: Communication) => {
        const { queued } = await enqueueBatch(db, {
          mode: job.mode,
          batchId: job.batchId,
          communications: [communication],
          now: this.now,
        });
        for (const key of queued) {
          const added = await db.outbox.get(key);
          if (added === undefined) continue;
          this.tally.set(key, added);
          queue.push(added);
        }
      },
    };
  }

  /** Every job of the batches being worked on (for progress), and today's recipients (for the pacer). */
  private async loadTally(jobs: readonly OutboxJob[]): Promise<void> {
    this.tally.clear();
    for (const batchId of new Set(jobs.map((job) => job.batchId))) {
      for (const job of await jobsOfBatch(this.deps.db, batchId)) this.tally.set(job.key, job);
    }
    const dayAgo = this.now() - 24 * 3600_000;
    await this.deps.db.outbox
      .where('state')
      .equals('sent')
      .each((job) => {
        if ((job.doneAt ?? 0) > dayAgo)
          this.pacer.recordPast(job.doneAt ?? 0, (job.to?.length ?? 0) + (job.cc?.length ?? 0));
      });
  }

  private async syncNow(signal: AbortSignal): Promise<void> {
    try {
      await syncAll(this.deps.db, this.deps.erp, {
        signal,
        now: this.now,
        ...(this.options.syncPageSize !== undefined ? { pageSize: this.options.syncPageSize } : {}),
      });
    } catch (error) {
      if (signal.aborted) return;
      if (!(error instanceof ErpError)) throw error;
      this.stop = stopOf(error);
    }
  }

  private async rememberLabels(jobs: readonly OutboxJob[]): Promise<void> {
    const items = await this.deps.db.items.bulkGet([
      ...new Set(jobs.flatMap((job) => job.items.map(([itemId]) => itemId))),
    ]);
    for (const item of items) if (item !== undefined) this.labels.set(item.id, item.documentNumber);
  }

  /** Plans from the cache again; a cache that cannot be planned from stops the run. */
  private async refreshSnapshot(): Promise<void> {
    const outcome = await takeSnapshot(this.deps.db, this.now(), this.options.planner);
    if (!outcome.ok) {
      this.stop ??= new StopRun('invalid_setup', outcome.message);
      return;
    }
    this.snapshot = outcome.snapshot;
    for (const item of outcome.snapshot.items.values()) this.labels.set(item.id, item.documentNumber);
  }

  private async resyncLoop(signal: AbortSignal, done: AbortSignal): Promise<void> {
    const every = this.options.resyncEveryMs ?? 60_000;
    if (every <= 0) return;
    const both = AbortSignal.any([signal, done]);
    for (;;) {
      try {
        await abortable(every, both);
        await syncAll(this.deps.db, this.deps.erp, { signal: both, now: this.now });
        await this.refreshSnapshot();
      } catch {
        // Offline for a moment: the next round tries again; the ERP's claims still guard every send.
        if (both.aborted) return;
      }
    }
  }

  private emit(): void {
    this.options.onProgress?.(this.progress());
  }
}
