/**
 * One outbox job through its states (src/mail/README.md has the diagram):
 *
 *   queued → claimed → drafted → attached → sending → sent      (mode send)
 *   queued → claimed → drafted → attached                        (mode draft)
 *   queued → claimed → handled                                   (mode handled)
 *   any state before sending → failed | cancelled
 *
 * Every step is recorded in Dexie before the next begins, so a job found in any state after a crash
 * resumes from there. Where the outcome of a request is unknown the job reconciles before acting again:
 * it looks the key up in Drafts and Sent Items before creating a message, lists attachments before
 * adding one, and never sends anything but the one draft whose id it recorded — Graph sends a draft at
 * most once, so repeating `send` cannot duplicate a reminder. `sending` is recorded before the request;
 * a job found there is resolved by looking (by id, then by key in Sent Items, which may lag), never by
 * creating a new message. The outcome goes to the ERP (confirm) after the mailbox has it.
 */

import type { OutboxJob } from '../store/db';
import { ErpError } from '../erp/errors';
import { failures, type JobFailure } from './job-failures';
import { abortError, alive, stopFor, type JobContext, type JobMemory } from './job-context';
import { cleanup, confirmStep, drop } from './job-endings';
import { attachStep, claimStep, draftStep } from './job-prepare';
import { resolveSending, sendStep } from './job-send';
import { MailError } from './mail-error';

export { CHECKPOINTS, StopRun, stopFor, stopOf, type Checkpoint, type JobContext } from './job-context';

const CANCELLABLE = new Set<OutboxJob['state']>(['queued', 'claimed', 'drafted', 'attached']);

/**
 * Runs a job until it is settled, or has to wait (`deferred`: a send whose outcome is not known yet, or
 * the run is stopping). Throws `StopRun` when the whole run must stop, `JobMovedError` when the job
 * changed under it, and the abort reason when the worker stops at once.
 */
export async function runJob(outer: JobContext, start: OutboxJob): Promise<'done' | 'deferred'> {
  let job = start;
  // Steps record progress as they go; after a failure, carry on from what was last recorded.
  const ctx: JobContext = {
    ...outer,
    record: async (from, patch) => (job = await outer.record(from, patch)),
    snapshot: () => outer.snapshot(),
    label: (itemId) => outer.label(itemId),
    checkpoint: (point, at) => outer.checkpoint(point, at),
    isCancelled: (batchId) => outer.isCancelled(batchId),
    isStopping: () => outer.isStopping(),
    enqueueReplacement: (from, communication) => outer.enqueueReplacement(from, communication),
  };
  const known: JobMemory = {};
  let surprises = 0;
  for (;;) {
    alive(ctx);
    if (job.settled === true) return 'done';
    if (ctx.isStopping()) return 'deferred';
    try {
      if (
        ctx.isCancelled(job.batchId) &&
        CANCELLABLE.has(job.state) &&
        !(job.mode === 'draft' && job.state === 'attached')
      ) {
        await drop(ctx, job, { fresh: false, failure: failures.cancelled() }, 'cancelled');
        continue;
      }
      switch (job.state) {
        case 'queued':
          await claimStep(ctx, job, known);
          break;
        case 'claimed':
          await draftStep(ctx, job, known);
          break;
        case 'drafted':
          await attachStep(ctx, job, known);
          break;
        case 'attached':
          await (job.mode === 'draft' ? confirmStep(ctx, job) : sendStep(ctx, job, known));
          break;
        case 'sending':
          if ((await resolveSending(ctx, job, known)) === 'deferred') return 'deferred';
          break;
        case 'sent':
        case 'handled':
          await confirmStep(ctx, job);
          break;
        case 'failed':
        case 'cancelled':
          await cleanup(ctx, job);
          break;
      }
    } catch (error) {
      if (ctx.signal.aborted) throw abortError(ctx.signal);
      // The draft vanished or stopped being one under us (deleted or sent from Outlook): look again.
      if (
        error instanceof MailError &&
        ['not_found', 'invalid_operation'].includes(error.reason) &&
        job.messageId !== undefined &&
        surprises++ < 3
      ) {
        known.message = undefined;
        known.attached = undefined;
        continue;
      }
      // A refusal no retry can fix (an address Graph rejects, an item the ERP no longer knows) ends this
      // job, not the run. A job whose send may have gone out is never abandoned.
      const refusal = refusalOf(error);
      if (refusal === undefined || job.state === 'sending') stopFor(error);
      await drop(ctx, job, { fresh: false, failure: refusal }, 'failed');
    }
  }
}

function refusalOf(error: unknown): JobFailure | undefined {
  if (
    error instanceof MailError &&
    ['invalid_request', 'forbidden', 'invalid_recipients', 'too_large'].includes(error.reason)
  ) {
    return error.reason === 'too_large'
      ? failures.tooLargeForExchange()
      : failures.refused('Graph', error.message);
  }
  if (
    error instanceof ErpError &&
    ['invalid_request', 'not_found', 'conflict', 'precondition_failed'].includes(error.reason)
  )
    return failures.refused('ERP', error.message);
  return undefined;
}
