/**
 * What an outbox job runs with: the worker's services and callbacks (`JobContext`), what a lane learned
 * while running a job (`JobMemory`), the step boundaries tests may crash at, and how failures become
 * either a stop of the whole run (`StopRun`) or the abort of a worker that is going away.
 */
import type { AccountIdentifiers } from '../domain/enabled-user';
import type { Communication } from '../domain/plan-reminders';
import type { ErpClient } from '../erp/client';
import { ErpError } from '../erp/errors';
import type { OutboxJob, SollecitiDatabase } from '../store/db';
import type { PlanSnapshot } from './freshness';
import type { AttachedFile, DraftMessage, FileToAttach, GraphMailer, MailboxMessage } from './graph-mailer';
import type { JobFailure, StopReason } from './job-failures';
import type { JobPatch } from './job-store';
import { MailError } from './mail-error';
import type { SendPacer } from './send-pacer';
import { messageOf } from '../domain/message-of';

/** Step boundaries, where tests (and only tests) may make the worker "crash". */
export type Checkpoint =
  | 'before-claim'
  | 'after-claim'
  | 'after-claimed'
  | 'after-handled'
  | 'after-create'
  | 'after-drafted'
  | 'after-attach'
  | 'after-attached'
  | 'after-sending'
  | 'after-send'
  | 'after-sent'
  | 'after-confirm';

export const CHECKPOINTS: readonly Checkpoint[] = [
  'before-claim',
  'after-claim',
  'after-claimed',
  'after-handled',
  'after-create',
  'after-drafted',
  'after-attach',
  'after-attached',
  'after-sending',
  'after-send',
  'after-sent',
  'after-confirm',
];

/** The whole run must stop (keeping every job where it is), for a reason the clerk is told. */
export class StopRun extends Error {
  constructor(
    readonly reason: StopReason,
    message: string,
  ) {
    super(message);
    this.name = 'StopRun';
  }
}

/** What a job needs from the worker running it. */
export interface JobContext {
  readonly db: SollecitiDatabase;
  readonly erp: ErpClient;
  readonly mailer: GraphMailer;
  readonly pacer: SendPacer;
  /** The signed-in user's address, as the ERP knows the claim owner. */
  readonly me: string;
  readonly account: AccountIdentifiers;
  /** Epoch ms. */
  readonly now: () => number;
  /** Aborts when the worker stops at once (pane closed, crash in tests): no further IO may happen. */
  readonly signal: AbortSignal;
  /** How long a sent message may take to show in Sent Items. */
  readonly settleMs: number;
  /** How often to look again while waiting for it. */
  readonly pollMs: number;
  /**
   * How long a draft this lane did not create must stay unchanged (content and attachments) before this
   * lane repairs its attachments: until then its creator may still be working on it (foreign-draft.ts).
   */
  readonly leaseMs: number;
  snapshot(): PlanSnapshot;
  /** A document number for an item id, for sentences. */
  label(itemId: string): string;
  checkpoint(point: Checkpoint, job: OutboxJob): void;
  /** Records a step (compare-and-set) and reports it; throws once the worker is stopping at once. */
  record(job: OutboxJob, patch: JobPatch): Promise<OutboxJob>;
  isCancelled(batchId: string): boolean;
  /** A stop was asked (pause, or another lane hit a stop reason): leave at the next step boundary. */
  isStopping(): boolean;
  enqueueReplacement(job: OutboxJob, communication: Communication): Promise<void>;
}

/** What a lane learned while running a job, so it need not look again. */
export interface JobMemory {
  communication?: Communication;
  draft?: DraftMessage;
  files?: FileToAttach[];
  /** The message as last seen (verified in this run). */
  message?: MailboxMessage;
  /** The message's attachments, when known. */
  attached?: AttachedFile[];
  /**
   * This lane took a new claim (the ERP answered 201, not "you hold it already"): no message can exist
   * under the key, since messages are only created under a claim and a claim is only given back once
   * its message is gone.
   */
  claimedHere?: boolean;
  /**
   * The draft whose attachments this lane may change: the one it created, or one it adopted after its
   * lease ran out. Any other draft of the key is left to whoever created it (foreign-draft.ts).
   */
  ownedId?: string;
  /** This lane created the draft, at the first try, under a claim it took: no other draft has the key. */
  createdCleanly?: boolean;
  /** Sends tried by this lane for this job (an unknown outcome brings it back to try again). */
  sendAttempts?: number;
}

export const failWith = (failure: JobFailure) => ({ failure: failure.code, detail: failure.detail });

export function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error('The outbox worker stopped');
}

export function alive(ctx: JobContext): void {
  if (ctx.signal.aborted) throw abortError(ctx.signal);
}

/** A failure the run cannot work around (the retries are already spent): stop, keeping every job in place. */
export function stopFor(error: unknown): never {
  if (error instanceof MailError) {
    if (error.reason === 'unauthorized') throw new StopRun('unauthorized', error.message);
    if (error.reason === 'restricted') throw new StopRun('mailbox_restricted', error.message);
    if (error.reason === 'throttled') throw new StopRun('throttled', error.message);
    if (['network', 'timeout', 'unavailable', 'bad_response'].includes(error.reason))
      throw new StopRun('unreachable', error.message);
  }
  if (error instanceof ErpError) {
    if (error.reason === 'unauthorized') throw new StopRun('unauthorized', error.message);
    if (error.reason === 'forbidden') throw new StopRun('not_enabled', error.message);
    if (['network', 'timeout', 'server', 'bad_response', 'gone'].includes(error.reason))
      throw new StopRun('unreachable', error.message);
  }
  throw error;
}

/**
 * Why a run stops, for an error nothing handled: a refusal (4xx) says who refused and why — never "does
 * not answer" —, no answer or a 5xx is `unreachable` (via `stopFor`), anything else is `unexpected`.
 */
export function stopOf(error: unknown): StopRun {
  if (error instanceof StopRun) return error;
  try {
    stopFor(error);
  } catch (stop) {
    if (stop instanceof StopRun) return stop;
  }
  const message = messageOf(error);
  if (error instanceof MailError && error.reason !== 'aborted') return new StopRun('graph_refused', message);
  if (error instanceof ErpError && error.reason !== 'aborted') return new StopRun('erp_refused', message);
  return new StopRun('unexpected', message);
}

/** Runs IO; once the worker is stopping at once, whatever failed is reported as that stop. */
export async function io<T>(ctx: JobContext, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (ctx.signal.aborted) throw abortError(ctx.signal);
    return stopFor(error);
  }
}
