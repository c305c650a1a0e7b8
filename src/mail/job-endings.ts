/**
 * How a job ends: recorded as sent when the mailbox shows it went out, confirmed at the ERP (and written
 * to the local ledger), or — when it must not go out — recorded as failed or cancelled, its draft deleted
 * and its claim released.
 */
import { calendarDateOfInstant } from '../domain/calendar';
import { ErpError } from '../erp/errors';
import type { ConfirmRequest } from '../erp/wire';
import type { LedgerRecord, OutboxJob } from '../store/db';
import type { Recheck } from './freshness';
import type { MailboxMessage } from './graph-mailer';
import { failures } from './job-failures';
import { alive, abortError, failWith, io, stopFor, type JobContext } from './job-context';
import { claimItemsOf } from './job-store';

export async function recordSent(
  ctx: JobContext,
  job: OutboxJob,
  message: MailboxMessage,
): Promise<OutboxJob> {
  const sent = await ctx.record(job, {
    state: 'sent',
    messageId: message.id,
    doneAt: message.sentAt ?? ctx.now(),
    to: [...message.to],
    cc: [...message.cc],
    failure: undefined,
    detail: undefined,
  });
  ctx.checkpoint('after-sent', sent);
  return sent;
}

// ---------------------------------------------------------------- the ERP's log

/** Tells the ERP what went out (sent, drafted or handled) and writes it to the local ledger. */
export async function confirmStep(ctx: JobContext, job: OutboxJob): Promise<OutboxJob> {
  const state: ConfirmRequest['state'] =
    job.state === 'sent' ? 'sent' : job.state === 'handled' ? 'handled' : 'drafted';
  const at = job.doneAt ?? ctx.now();
  const request: ConfirmRequest = {
    state,
    ...(job.messageId !== undefined && state !== 'handled' ? { messageId: job.messageId } : {}),
    to: [...(job.to ?? [])],
    cc: [...(job.cc ?? [])],
    at: new Date(at).toISOString(),
    sentOn: calendarDateOfInstant(at, ctx.snapshot().setup.timezone),
  };
  try {
    await ctx.erp.confirm(job.key, request, ctx.signal);
  } catch (error) {
    if (ctx.signal.aborted) throw abortError(ctx.signal);
    if (!(error instanceof ErpError)) throw error;
    if (error.reason === 'not_found') {
      // The claim is gone (released by an administrator): take it again to record what was done.
      const items = claimItemsOf(job);
      const again = await io(ctx, () =>
        ctx.erp.claim({ key: job.key, levelId: job.levelId, items }, ctx.signal),
      );
      if (!again.claimed)
        return ctx.record(job, {
          ...failWith(failures.logRefused(`${again.holder} holds the same reminders now`)),
          settled: true,
        });
      await io(ctx, () => ctx.erp.confirm(job.key, request, ctx.signal));
    } else if (error.reason === 'conflict') {
      // Already final in the log (e.g. sent from Outlook and reconciled meanwhile): nothing to add.
    } else if (error.reason === 'forbidden') {
      // Only the claim's owner confirms it, and it is someone else's now.
      return ctx.record(job, { ...failWith(failures.logRefused(error.message)), settled: true });
    } else {
      stopFor(error);
    }
  }
  ctx.checkpoint('after-confirm', job);
  alive(ctx);
  // One row per item, each at its own level (one communication per customer), as the ERP logs them.
  const entries = job.items.map(([itemId, cycle, itemLevelId]): LedgerRecord => ({
    key: job.key,
    itemId,
    levelId: itemLevelId ?? job.levelId,
    cycle,
    sentOn: request.sentOn,
    state,
    at: request.at,
    user: ctx.me,
    ...(job.messageId !== undefined && state !== 'handled' ? { messageId: job.messageId } : {}),
    to: request.to ?? [],
    cc: request.cc ?? [],
  }));
  await ctx.db.ledger.bulkPut(entries);
  return ctx.record(job, { settled: true });
}

// ---------------------------------------------------------------- giving up

const ownsClaim = async (ctx: JobContext, key: string): Promise<boolean> =>
  (await ctx.db.claims.get(key))?.owner.toLowerCase() === ctx.me.toLowerCase();

/**
 * Ends a job that must not go out: recorded first (failed or cancelled, with its reason), then its draft
 * deleted and its claim released (`cleanup`), then — if some of its items still form a reminder of the
 * same level — that smaller reminder queued in its place, once the claim no longer stands in its way.
 */
export async function drop(
  ctx: JobContext,
  job: OutboxJob,
  stale: Exclude<Recheck, { fresh: true }>,
  state: 'failed' | 'cancelled',
): Promise<OutboxJob> {
  // A queued job holds no claim, unless one was taken just before a crash that lost the record.
  const holdsClaim = job.state !== 'queued' || (await ownsClaim(ctx, job.key));
  const replacement = stale.replacement;
  const ended = await ctx.record(job, {
    state: replacement !== undefined ? 'cancelled' : state,
    ...failWith(stale.failure),
    settled: !holdsClaim,
  });
  const done = holdsClaim ? await cleanup(ctx, ended) : ended;
  if (replacement !== undefined && done.settled === true) await ctx.enqueueReplacement(done, replacement);
  return done;
}

/** Deletes a failed or cancelled job's unsent draft and gives its claim back; then it is settled. */
export async function cleanup(ctx: JobContext, job: OutboxJob): Promise<OutboxJob> {
  const drafts: string[] = [];
  if (job.messageId !== undefined) {
    const id = job.messageId;
    const message = await io(ctx, () => ctx.mailer.getMessage(id, ctx.signal));
    // Sent from Outlook meanwhile: it went out after all, and is recorded as such.
    if (message?.state === 'sent') return recordSent(ctx, job, message);
    if (message?.state === 'draft') drafts.push(id);
  } else {
    // A draft may have been created just before a crash, before its id was recorded.
    drafts.push(
      ...(await io(ctx, () => ctx.mailer.findByKey(job.key, 'drafts', ctx.signal))).map(
        (message) => message.id,
      ),
    );
  }
  for (const id of drafts) await io(ctx, () => ctx.mailer.deleteMessage(id, ctx.signal));
  try {
    await ctx.erp.release(job.key, ctx.signal);
  } catch (error) {
    if (ctx.signal.aborted) throw abortError(ctx.signal);
    if (!(error instanceof ErpError)) throw error;
    if (error.reason === 'conflict') {
      // Already confirmed as a draft (the record of that was lost): the draft is gone, so are its entries.
      await ctx.erp.removeLogEntries(job.key, ctx.signal).catch((removal: unknown) => {
        if (!(removal instanceof ErpError && ['conflict', 'not_found', 'forbidden'].includes(removal.reason)))
          stopFor(removal);
      });
    } else if (error.reason !== 'not_found' && error.reason !== 'forbidden') {
      stopFor(error);
    }
  }
  return ctx.record(job, { settled: true });
}
