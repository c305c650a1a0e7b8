/**
 * Getting a job ready to leave: the enabled-user rule, the freshness check, the claim at the ERP
 * (queued → claimed), the draft — created only once no message of its key can exist (claimed →
 * drafted), and its PDFs, added only if not already there (drafted → attached).
 */
import { assertMayAct } from '../domain/enabled-user';
import type { OutboxJob } from '../store/db';
import { composeDraft, fetchAttachments } from './compose';
import { recheckJob } from './freshness';
import type { FileToAttach, MailboxMessage } from './graph-mailer';
import { failures } from './job-failures';
import { abortError, failWith, io, stopFor, StopRun, type JobContext, type JobMemory } from './job-context';
import { alignAttachments } from './job-attachments';
import { drop, recordSent } from './job-endings';
import { waitForCreator } from './foreign-draft';
import { claimItemsOf } from './job-store';
import { MailError } from './mail-error';
import { abortable } from './sleep';

// ---------------------------------------------------------------- queued → claimed

/** The enabled-user rule (docs/rules.md §5), against the freshest setup: checked before claiming, creating and sending. */
export function assertEnabled(ctx: JobContext): void {
  const may = assertMayAct(ctx.snapshot().setup, ctx.account);
  if (may.ok) return;
  throw may.error.reason === 'not_signed_in'
    ? new StopRun('unauthorized', 'Nobody is signed in')
    : new StopRun('not_enabled', `${may.error.account} is not an enabled user`);
}

export async function claimStep(ctx: JobContext, job: OutboxJob, known: JobMemory): Promise<OutboxJob> {
  const snapshot = ctx.snapshot();
  assertEnabled(ctx);
  const check = await recheckJob(ctx.db, snapshot, job, ctx.me, ctx.label);
  if (!check.fresh) return drop(ctx, job, check, 'failed');
  const communication = check.communication;
  known.communication = communication;
  if (job.mode !== 'handled') {
    const draft = composeDraft(snapshot, communication, job.key, job.items);
    const pdfs = await io(ctx, () => fetchAttachments(ctx.erp, snapshot, communication, draft, ctx.signal));
    if (!pdfs.ok) return drop(ctx, job, { fresh: false, failure: pdfs.failure }, 'failed');
    known.draft = draft;
    known.files = pdfs.files;
  }
  ctx.checkpoint('before-claim', job);
  const items = claimItemsOf(job);
  const outcome = await io(ctx, () =>
    ctx.erp.claim({ key: job.key, levelId: job.levelId, items }, ctx.signal),
  );
  if (!outcome.claimed) {
    return ctx.record(job, {
      state: 'failed',
      ...failWith(failures.claimedElsewhere(outcome.holder, outcome.heldSince, undefined)),
      settled: true,
    });
  }
  ctx.checkpoint('after-claim', job);
  const claimed = await ctx.record(job, {
    state: 'claimed',
    to: job.mode === 'handled' ? [] : [...communication.to],
    cc: job.mode === 'handled' ? [] : [...communication.cc],
  });
  known.claimedHere = outcome.created;
  ctx.checkpoint('after-claimed', claimed);
  return claimed;
}

// ---------------------------------------------------------------- claimed → drafted (or handled)

export async function draftStep(ctx: JobContext, job: OutboxJob, known: JobMemory): Promise<OutboxJob> {
  assertEnabled(ctx);
  if (job.mode === 'handled') {
    const handled = await ctx.record(job, { state: 'handled', doneAt: ctx.now() });
    ctx.checkpoint('after-handled', handled);
    return handled;
  }
  const snapshot = ctx.snapshot();
  if (known.communication === undefined) {
    const check = await recheckJob(ctx.db, snapshot, job, ctx.me, ctx.label);
    if (!check.fresh) return drop(ctx, job, check, 'failed');
    known.communication = check.communication;
  }
  const draft = (known.draft ??= composeDraft(snapshot, known.communication, job.key, job.items));
  for (let attempt = 0; ; attempt++) {
    if (known.claimedHere !== true || attempt > 0) {
      // A message for this key may exist already: created just before a crash, or by this user's pane
      // in another Outlook, or by a creation whose answer was lost. Use it rather than create another.
      const [sent] = await io(ctx, () => ctx.mailer.findByKey(job.key, 'sentitems', ctx.signal));
      if (sent !== undefined) return recordSent(ctx, job, sent);
      const drafts = await io(ctx, () => ctx.mailer.findByKey(job.key, 'drafts', ctx.signal));
      const [keeper, ...extra] = drafts;
      if (keeper !== undefined) {
        for (const other of extra) await io(ctx, () => ctx.mailer.deleteMessage(other.id, ctx.signal));
        known.message = keeper;
        known.attached = undefined;
        const drafted = await ctx.record(job, {
          state: 'drafted',
          messageId: keeper.id,
          doneAt: keeper.createdAt > 0 ? keeper.createdAt : ctx.now(),
        });
        ctx.checkpoint('after-drafted', drafted);
        return drafted;
      }
      // A draft made under this claim earlier could have been sent from Outlook and be on its way to
      // Sent Items: wait until it would have arrived before concluding there is none.
      const quietAt = job.updatedAt + ctx.settleMs;
      if (attempt === 0 && known.claimedHere !== true && ctx.now() < quietAt) {
        await abortable(Math.min(quietAt - ctx.now(), ctx.pollMs), ctx.signal);
        attempt = -1;
        continue;
      }
    }
    let created: MailboxMessage;
    try {
      created = await ctx.mailer.createDraft(draft, ctx.signal);
    } catch (error) {
      if (ctx.signal.aborted) throw abortError(ctx.signal);
      if (!(error instanceof MailError && error.uncertain)) throw error;
      if (attempt >= 5) stopFor(new MailError('unavailable', error.message));
      // It may exist: look again (after a moment for the request to land) before creating another.
      await abortable(ctx.pollMs, ctx.signal);
      continue;
    }
    ctx.checkpoint('after-create', job);
    known.message = created;
    known.ownedId = created.id;
    known.attached = [];
    known.createdCleanly = known.claimedHere === true && attempt === 0;
    const drafted = await ctx.record(job, {
      state: 'drafted',
      messageId: created.id,
      doneAt: ctx.now(),
      to: draft.to.map((recipient) => recipient.address),
      cc: draft.cc.map((recipient) => recipient.address),
    });
    ctx.checkpoint('after-drafted', drafted);
    return keepOneDraft(ctx, drafted, created, known);
  }
}

/**
 * Right after a creation (its id recorded first): a browser silently repeats a POST whose connection
 * dropped before any answer byte, and a lost answer may hide an earlier creation, so the key's drafts are
 * listed and exactly one is kept — the oldest, as two windows of the same user agree on it; the others
 * are deleted. The listing may lag behind the creation: the created draft counts even when not listed.
 */
async function keepOneDraft(
  ctx: JobContext,
  drafted: OutboxJob,
  created: MailboxMessage,
  known: JobMemory,
): Promise<OutboxJob> {
  const listed = await io(ctx, () => ctx.mailer.findByKey(drafted.key, 'drafts', ctx.signal));
  const all = listed.some((message) => message.id === created.id)
    ? listed
    : [...listed, created].sort((a, b) => a.createdAt - b.createdAt);
  const keeper = all[0] ?? created;
  for (const other of all)
    if (other.id !== keeper.id) await io(ctx, () => ctx.mailer.deleteMessage(other.id, ctx.signal));
  if (keeper.id === created.id) return drafted;
  known.message = keeper;
  known.attached = undefined;
  known.createdCleanly = false;
  return ctx.record(drafted, {
    messageId: keeper.id,
    doneAt: keeper.createdAt > 0 ? keeper.createdAt : ctx.now(),
  });
}

// ---------------------------------------------------------------- drafted → attached

export type Verified = { readonly draft: MailboxMessage } | { readonly moved: OutboxJob };

/** The job's draft as it is now, or the job moved on: sent from Outlook, or deleted there. */
export async function verifyMessage(ctx: JobContext, job: OutboxJob, known: JobMemory): Promise<Verified> {
  const id = job.messageId;
  if (id === undefined) throw new Error(`Outbox job ${job.key} is ${job.state} without a message id`);
  const until = ctx.now() + ctx.settleMs;
  for (;;) {
    const message = await io(ctx, () => ctx.mailer.getMessage(id, ctx.signal));
    if (message?.state === 'sent') return { moved: await recordSent(ctx, job, message) };
    if (message?.state === 'draft') {
      known.message = message;
      return { draft: message };
    }
    if (message?.state === 'discarded' || ctx.now() >= until) {
      return {
        moved: await drop(ctx, job, { fresh: false, failure: failures.deletedInOutlook() }, 'failed'),
      };
    }
    // Not found: deleted for good, or sent from Outlook and not yet in Sent Items. Give it time.
    await abortable(ctx.pollMs, ctx.signal);
  }
}

/** The plan's PDFs for this job (fetched once per lane), or the job moved on: stale, or a PDF missing. */
export async function plannedFiles(
  ctx: JobContext,
  job: OutboxJob,
  known: JobMemory,
): Promise<{ readonly files: FileToAttach[] } | { readonly moved: OutboxJob }> {
  if (known.files !== undefined) return { files: known.files };
  const snapshot = ctx.snapshot();
  const check = await recheckJob(ctx.db, snapshot, job, ctx.me, ctx.label);
  if (!check.fresh) return { moved: await drop(ctx, job, check, 'failed') };
  const communication = check.communication;
  known.communication = communication;
  const draft = (known.draft ??= composeDraft(snapshot, communication, job.key, job.items));
  const pdfs = await io(ctx, () => fetchAttachments(ctx.erp, snapshot, communication, draft, ctx.signal));
  if (!pdfs.ok) return { moved: await drop(ctx, job, { fresh: false, failure: pdfs.failure }, 'failed') };
  known.files = pdfs.files;
  return { files: pdfs.files };
}

/**
 * Makes the draft's attachments the plan's (see job-attachments.ts); a mismatch that cannot be repaired
 * fails the job. A draft another lane created is left to it while its lease runs (foreign-draft.ts).
 * `undefined`: aligned; else the job as it moved (or as it was, to look at its draft again).
 */
export async function ensureAttachments(
  ctx: JobContext,
  job: OutboxJob,
  known: JobMemory,
): Promise<OutboxJob | undefined> {
  const planned = await plannedFiles(ctx, job, known);
  if ('moved' in planned) return planned.moved;
  if (job.messageId !== undefined && known.ownedId !== job.messageId) {
    const lease = await waitForCreator(ctx, job, planned.files);
    switch (lease.kind) {
      case 'aligned':
        known.attached = [...lease.present];
        return undefined;
      case 'gone':
        known.message = undefined;
        known.attached = undefined;
        return job;
      case 'moved':
        return lease.job;
      case 'expired':
        known.ownedId = job.messageId;
        known.attached = undefined;
        break;
    }
  }
  const alignment = await alignAttachments(ctx, job, planned.files, known.attached);
  known.attached = undefined;
  switch (alignment.kind) {
    case 'aligned':
      known.attached = [...alignment.present];
      return undefined;
    case 'gone':
      known.message = undefined;
      return job;
    case 'too_large':
      return drop(ctx, job, { fresh: false, failure: failures.tooLargeForExchange() }, 'failed');
    case 'mismatch':
      return drop(
        ctx,
        job,
        { fresh: false, failure: failures.attachmentsMismatch(alignment.detail) },
        'failed',
      );
  }
}

export async function attachStep(ctx: JobContext, job: OutboxJob, known: JobMemory): Promise<OutboxJob> {
  if (known.message === undefined) {
    const verified = await verifyMessage(ctx, job, known);
    if ('moved' in verified) return verified.moved;
    known.attached = undefined;
  }
  const moved = await ensureAttachments(ctx, job, known);
  if (moved !== undefined) return moved;
  const attached = await ctx.record(job, { state: 'attached' });
  ctx.checkpoint('after-attached', attached);
  return attached;
}
