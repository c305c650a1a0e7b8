/**
 * The pane's mail side (MailPort) over src/mail's persistent outbox: a batch is enqueued in Dexie and
 * worked by one OutboxWorker run at a time; its jobs' recorded steps become the progress panel. Closing
 * the pane stops the run where it is (every step is recorded first); opening it again reconciles the
 * mailbox with the ERP's log and resumes whatever is unfinished — the batch shows again, nothing is
 * sent twice (see src/mail/README.md).
 */
import { renderEmail } from '../domain/render-email';
import type { AccountIdentifiers } from '../domain/enabled-user';
import type { ErpClient } from '../erp/client';
import type { GraphMailer } from '../mail/graph-mailer';
import { enqueueBatch, OutboxWorker, type RunResult } from '../mail/outbox';
import { stopOf } from '../mail/job-runner';
import { isDelivered, isSettled, jobsOfBatch, unsettledJobs } from '../mail/job-store';
import { countOutcomes, outcomeOf } from '../mail/job-outcome';
import { reconcileMailbox } from '../mail/reconcile';
import type { OutboxJob, SollecitiDatabase } from '../store/db';
import type { BatchFailure, BatchMode, BatchView, CommunicationDetail } from '../ui/model';
import type { MailPort } from './mail-port';

export interface OutboxPortDependencies {
  readonly db: SollecitiDatabase;
  readonly erp: ErpClient;
  readonly mailer: GraphMailer;
  readonly account: AccountIdentifiers;
  /** The signed-in user's address as the ERP knows it (owner of the claims). */
  readonly me: string;
  readonly now?: () => number;
  /** The communications of today's plan by key: a retry queues the failed ones again as planned now. */
  readonly communications: (keys: readonly string[]) => Promise<readonly CommunicationDetail[]>;
  /** Where the id of the batch on screen is kept, so it shows again after the pane is reopened. */
  readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
}

/** How often the panel is redrawn at most while jobs move (a batch of 1 000 moves 5 000 times). */
const EMIT_EVERY_MS = 200;

export function outboxPort(deps: OutboxPortDependencies): MailPort {
  const now = deps.now ?? Date.now;
  const storageKey = `solleciti.batch.${deps.me.trim().toLowerCase()}`;
  const listeners = new Set<() => void>();
  const jobs = new Map<string, OutboxJob>();
  const names = new Map<string, string>();
  let batchId: string | undefined = deps.storage.getItem(storageKey) ?? undefined;
  let view: BatchView | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let stop: RunResult | undefined;
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** The last Graph request got no answer (offline, outage, blocked by policy): said instead of a countdown. */
  let graphDown = false;
  deps.mailer.watch(({ status }) => {
    if ((status === 0) === graphDown) return;
    graphDown = status === 0;
    scheduleEmit();
  });

  const worker = new OutboxWorker(
    { db: deps.db, erp: deps.erp, mailer: deps.mailer, account: deps.account, me: deps.me },
    {
      now,
      onJob: (job) => {
        if (job.batchId !== batchId) return;
        jobs.set(job.key, job);
        scheduleEmit();
      },
      onProgress: () => scheduleEmit(),
    },
  );

  const emit = (): void => {
    timer = undefined;
    view = buildView();
    for (const listener of listeners) listener();
  };
  function scheduleEmit(): void {
    timer ??= setTimeout(emit, EMIT_EVERY_MS);
  }

  const describe = (job: OutboxJob): BatchFailure => ({
    key: job.key,
    customerName: names.get(job.customerId) ?? job.customerId,
    reason: job.failure ?? job.state,
    ...(job.detail !== undefined ? { detail: job.detail } : {}),
  });

  function buildView(): BatchView | undefined {
    if (batchId === undefined || jobs.size === 0) return undefined;
    const all = [...jobs.values()];
    // The counts come from how each job really ended (its recorded state), not from what was queued.
    const { pending, ...counts } = countOutcomes(all);
    const unsettled = all.filter((job) => !isSettled(job));
    const delivered = all.filter(isDelivered);
    // Our run is under way (the worker itself reports running only once it holds the outbox lock).
    const isRunning = running !== undefined;
    const stopped = stop?.status === 'stopped' ? stop : undefined;
    const mode: BatchMode = all[0]?.mode ?? 'draft';
    const unreachable = isRunning && graphDown;
    const sendsLeft = all.filter((job) => job.mode === 'send' && outcomeOf(job) === 'pending').length;
    return {
      batchId,
      mode,
      state:
        unsettled.length > 0
          ? isRunning
            ? 'running'
            : 'paused'
          : all.some((job) => job.state === 'cancelled')
            ? 'cancelled'
            : 'done',
      total: all.length,
      counts,
      remaining: pending,
      // Only sends are paced; while Microsoft 365 does not answer there is no honest estimate.
      ...(isRunning && !unreachable && sendsLeft > 0 ? { etaMs: worker.sendEtaMs(sendsLeft) } : {}),
      ...(unreachable ? { unreachable: true } : {}),
      failures: all
        .filter(
          (job) =>
            outcomeOf(job) === 'failed' || (outcomeOf(job) === 'cancelled' && job.failure !== 'cancelled'),
        )
        .map(describe),
      attention: all.filter((job) => outcomeOf(job) === 'attention').map(describe),
      drafts: delivered.flatMap((job) =>
        job.mode === 'draft' && job.messageId !== undefined
          ? [
              {
                key: job.key,
                messageId: job.messageId,
                customerName: names.get(job.customerId) ?? job.customerId,
              },
            ]
          : [],
      ),
      ...(stopped !== undefined && unsettled.length > 0
        ? { stop: { reason: stopped.reason, message: stopped.message } }
        : {}),
    };
  }

  /** Loads the jobs (and their customers' names) of the batch on screen. */
  async function load(id: string): Promise<void> {
    const loaded = await jobsOfBatch(deps.db, id);
    jobs.clear();
    for (const job of loaded) jobs.set(job.key, job);
    const customers = await deps.db.customers.bulkGet([...new Set(loaded.map((job) => job.customerId))]);
    for (const customer of customers) if (customer !== undefined) names.set(customer.id, customer.name);
  }

  function show(id: string): void {
    batchId = id;
    deps.storage.setItem(storageKey, id);
  }

  /** One run at a time; work queued during a run gets another run right after it. */
  function kick(): Promise<void> {
    if (running !== undefined) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        stop = undefined;
        try {
          stop = await worker.run(controller.signal);
        } catch (error) {
          console.error('The outbox worker failed', error);
          const why = stopOf(error);
          stop = { status: 'stopped', reason: why.reason, message: why.message, progress: worker.progress() };
        }
        if (batchId !== undefined) await load(batchId);
      } while (again && !controller.signal.aborted && stop?.status === 'done');
    })().finally(() => {
      running = undefined;
      emit();
    });
    emit();
    return running;
  }

  return {
    availability: { available: true },
    current: () => view,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    isRunning: () => running !== undefined,
    pause() {
      controller.abort(new Error('The pane closed'));
      worker.pause();
    },
    /** At pane start: the batch on screen last time, the mailbox reconciled, unfinished jobs resumed. */
    async resume() {
      const unfinished = await unsettledJobs(deps.db);
      const latest = unfinished.sort((a, b) => b.createdAt - a.createdAt)[0];
      if (latest !== undefined) show(latest.batchId);
      if (batchId !== undefined) {
        await load(batchId);
        emit();
      }
      try {
        await reconcileMailbox({ db: deps.db, erp: deps.erp, mailer: deps.mailer, me: deps.me }, { now });
      } catch (error) {
        console.warn('Reconciling the mailbox with the ERP failed; it is tried again next time', error);
      }
      if (unfinished.length > 0) await kick();
    },
    async start(mode, communications) {
      if (communications.length === 0) throw new Error('Nothing to do: no reminder in the selection');
      const { batchId: id, queued } = await enqueueBatch(deps.db, {
        mode,
        communications: communications.map((detail) => detail.communication),
        now,
      });
      if (queued.length === 0) throw new Error('These reminders are already on their way or done');
      for (const detail of communications) names.set(detail.customer.id, detail.customer.name);
      show(id);
      await load(id);
      emit();
      void kick();
    },
    async cancel() {
      if (batchId === undefined) return;
      await worker.cancelBatch(batchId);
      await load(batchId);
      emit();
    },
    async retryFailed() {
      if (batchId === undefined) return;
      const failed = [...jobs.values()]
        .filter((job) => isSettled(job) && !isDelivered(job))
        .map((job) => job.key);
      const planned = await deps.communications(failed);
      if (planned.length === 0) throw new Error('None of the failed reminders is in today’s plan any more');
      await enqueueBatch(deps.db, {
        mode: view?.mode ?? 'draft',
        batchId,
        communications: planned.map((detail) => detail.communication),
        now,
      });
      await load(batchId);
      emit();
      void kick();
    },
    dismiss() {
      if (view !== undefined && (view.state === 'running' || view.state === 'paused')) return;
      batchId = undefined;
      jobs.clear();
      deps.storage.removeItem(storageKey);
      emit();
    },
    /** "Check the mailbox" for a claim of mine whose job here is unresolved; the batch on screen follows. */
    async checkClaim(key) {
      if (running !== undefined) return 'busy';
      const outcome = await worker.checkMailbox(key, controller.signal);
      if (batchId !== undefined) await load(batchId);
      emit();
      return outcome;
    },
    async testSend(detail, address) {
      const rendered = renderEmail({
        communication: detail.communication,
        setup: detail.setup,
        customer: detail.customer,
        agents: new Map(detail.agents.map((agent) => [agent.id, agent])),
        today: detail.today,
      });
      await deps.mailer.sendTest({ subject: rendered.subject, html: rendered.html }, address);
    },
  };
}
