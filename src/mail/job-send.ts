/**
 * Sending a prepared job: checked once more against the freshest plan, the draft brought up to date,
 * one draft per key, a pacer slot, `sending` recorded, then the one recorded draft sent — and, when the
 * outcome is unknown, resolved by looking rather than by sending anything new.
 */
import type { OutboxJob } from '../store/db';
import { composeDraft } from './compose';
import { recheckJob } from './freshness';
import type { MailboxMessage } from './graph-mailer';
import { failures } from './job-failures';
import { abortError, failWith, io, stopFor, type JobContext, type JobMemory } from './job-context';
import { drop, recordSent } from './job-endings';
import { assertEnabled, ensureAttachments, verifyMessage } from './job-prepare';
import { MailError } from './mail-error';
import { abortable } from './sleep';

// ---------------------------------------------------------------- attached → sending → sent

export async function sendStep(ctx: JobContext, job: OutboxJob, known: JobMemory): Promise<OutboxJob> {
  const id = job.messageId as string;
  const snapshot = ctx.snapshot();
  assertEnabled(ctx);
  // Checked again right before it leaves: the books may have changed while it was prepared.
  const check = await recheckJob(ctx.db, snapshot, job, ctx.me, ctx.label);
  if (!check.fresh) return drop(ctx, job, check, 'failed');
  if (known.message === undefined) {
    const verified = await verifyMessage(ctx, job, known);
    if ('moved' in verified) return verified.moved;
  }
  const fresh = composeDraft(snapshot, check.communication, job.key, job.items);
  let current = job;
  if (known.message?.fingerprint !== fresh.fingerprint) {
    // Amounts, addresses or today's date changed since the draft was written: say what is true now.
    await io(ctx, () => ctx.mailer.updateDraft(id, fresh, ctx.signal));
    known.message = { ...(known.message as MailboxMessage), fingerprint: fresh.fingerprint };
    current = await ctx.record(job, {
      to: fresh.to.map((r) => r.address),
      cc: fresh.cc.map((r) => r.address),
    });
  }
  if (known.createdCleanly !== true) {
    // One draft per key when it leaves: the oldest wins (so two panes of the same user agree), the
    // others are deleted — left behind, they could only be sent by mistake.
    const [keeper, ...extra] = await io(ctx, () => ctx.mailer.findByKey(job.key, 'drafts', ctx.signal));
    if (keeper === undefined) {
      known.message = undefined;
      return current;
    }
    for (const other of extra) await io(ctx, () => ctx.mailer.deleteMessage(other.id, ctx.signal));
    if (keeper.id !== id) {
      known.message = undefined;
      known.attached = undefined;
      return ctx.record(current, { state: 'drafted', messageId: keeper.id });
    }
  }
  // A send whose outcome stays unknown comes back here through `sending`; not forever.
  if ((known.sendAttempts = (known.sendAttempts ?? 0) + 1) > 5)
    stopFor(new MailError('unavailable', `Graph: the send of ${id} kept failing`));
  await ctx.pacer.acquire((current.to?.length ?? 0) + (current.cc?.length ?? 0), ctx.signal);
  // Right before it leaves (after the pacer's wait): the plan's PDFs, each once. A draft another lane
  // created is only looked at, never changed, while its lease runs (foreign-draft.ts), so no other host
  // adds a file between this check and the send. A draft that cannot be put right is never sent.
  known.attached = undefined;
  const moved = await ensureAttachments(ctx, current, known);
  if (moved !== undefined) return moved;
  const sending = await ctx.record(current, { state: 'sending' });
  ctx.checkpoint('after-sending', sending);
  return submit(ctx, sending);
}

/** Sends the recorded draft. A refusal puts the job back (or ends it); an unknown outcome leaves it `sending`. */
async function submit(ctx: JobContext, sending: OutboxJob): Promise<OutboxJob> {
  try {
    await ctx.mailer.send(sending.messageId as string, ctx.signal);
  } catch (error) {
    if (ctx.signal.aborted) throw abortError(ctx.signal);
    if (!(error instanceof MailError) || error.uncertain) return sending;
    switch (error.reason) {
      case 'restricted':
      case 'unauthorized':
      case 'throttled':
        // Refused, so not sent: back to attached, and stop the run with the reason.
        await ctx.record(sending, { state: 'attached' });
        if (error.reason === 'throttled') ctx.pacer.slowDown();
        return stopFor(error);
      case 'too_large':
        return drop(ctx, sending, { fresh: false, failure: failures.tooLargeForExchange() }, 'failed');
      case 'invalid_recipients':
        return drop(
          ctx,
          sending,
          { fresh: false, failure: failures.invalidRecipients(error.message) },
          'failed',
        );
      case 'invalid_request':
      case 'forbidden':
        return drop(
          ctx,
          sending,
          { fresh: false, failure: failures.refused('Graph', error.message) },
          'failed',
        );
      default:
        // Not a draft any more, not found (in transit), 5xx…: find out what happened by looking.
        return sending;
    }
  }
  ctx.checkpoint('after-send', sending);
  const sent = await ctx.record(sending, {
    state: 'sent',
    doneAt: ctx.now(),
    failure: undefined,
    detail: undefined,
  });
  ctx.checkpoint('after-sent', sent);
  return sent;
}

/**
 * A job whose send may have gone out. Look by id: sent → record it; still a draft → the send did not
 * happen: back to `attached`, so it is checked again (fresh plan, one draft per key) and the same draft
 * sent — safe, as Graph never sends one draft twice; not found → it may be on its way to Sent Items:
 * look again until `settleMs` after the send was recorded, then leave it `sending` with a
 * `send_unconfirmed` note for the next run. Never a new message.
 */
export async function resolveSending(
  ctx: JobContext,
  job: OutboxJob,
  known: JobMemory,
): Promise<OutboxJob | 'deferred'> {
  const id = job.messageId as string;
  const deadline = Math.max(job.updatedAt + ctx.settleMs, ctx.now() + ctx.pollMs);
  for (;;) {
    const message = await io(ctx, () => ctx.mailer.getMessage(id, ctx.signal));
    if (message?.state === 'sent') return recordSent(ctx, job, message);
    if (message?.state === 'discarded')
      return drop(ctx, job, { fresh: false, failure: failures.deletedInOutlook() }, 'failed');
    if (message?.state === 'draft') {
      known.message = message;
      return ctx.record(job, { state: 'attached', failure: undefined, detail: undefined });
    }
    if (message === undefined) {
      const [copy] = await io(ctx, () => ctx.mailer.findByKey(job.key, 'sentitems', ctx.signal));
      if (copy !== undefined) return recordSent(ctx, job, copy);
    }
    if (ctx.now() >= deadline) {
      if (job.failure !== 'send_unconfirmed')
        await ctx.record(job, failWith(failures.sendUnconfirmed(job.updatedAt)));
      return 'deferred';
    }
    await abortable(ctx.pollMs, ctx.signal);
  }
}
