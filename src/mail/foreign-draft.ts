/**
 * A draft this lane did not create — found by key in Drafts: made under the same claim by another Outlook
 * host of the same user (a separate cache, no shared lock), or by this pane before a restart — is left to
 * its creator while the creator may still be at work on it. Its attachments are not touched until the
 * draft and its attachments have stayed the same for `leaseMs`, as this lane sees them on its own clock
 * (a clock skewed against Exchange's cannot shorten the lease). Meanwhile it is looked at every `pollMs`:
 * sent → recorded as sent; gone → looked for again by the caller; already carrying the plan's PDFs, each
 * once → it may leave as it is (nobody changes a draft that is in line, and Graph sends one draft once).
 * Only a creator or a lane whose lease ran out ever adds or removes a file, so a file cannot be added by
 * another host between a lane's last check and its send while that host is alive.
 */
import type { OutboxJob } from '../store/db';
import type { AttachedFile, FileToAttach } from './graph-mailer';
import { compareAttachments } from './job-attachments';
import { io, type JobContext } from './job-context';
import { recordSent } from './job-endings';
import { MailError } from './mail-error';
import { abortable } from './sleep';

export type Lease =
  /** The draft carries the plan's PDFs, each once, as its creator left it: send it as it is. */
  | { readonly kind: 'aligned'; readonly present: readonly AttachedFile[] }
  /** Unchanged for `leaseMs` and still not in line: its creator is gone, this lane takes it over. */
  | { readonly kind: 'expired' }
  /** The draft is gone or no longer a draft (deleted, or on its way to Sent Items): find out which. */
  | { readonly kind: 'gone' }
  /** The job moved on (sent), or the run is stopping or the batch cancelled: the job, as it is now. */
  | { readonly kind: 'moved'; readonly job: OutboxJob };

export async function waitForCreator(
  ctx: JobContext,
  job: OutboxJob,
  files: readonly FileToAttach[],
): Promise<Lease> {
  const id = job.messageId;
  if (id === undefined) throw new Error(`Outbox job ${job.key} is ${job.state} without a message id`);
  let seen: string | undefined;
  let since = ctx.now();
  for (;;) {
    const message = await io(ctx, () => ctx.mailer.getMessage(id, ctx.signal));
    if (message?.state === 'sent') return { kind: 'moved', job: await recordSent(ctx, job, message) };
    if (message?.state !== 'draft') return { kind: 'gone' };
    let present: AttachedFile[];
    try {
      present = await io(ctx, () => ctx.mailer.listAttachments(id, ctx.signal));
    } catch (error) {
      if (
        error instanceof MailError &&
        (error.reason === 'not_found' || error.reason === 'invalid_operation')
      )
        return { kind: 'gone' };
      throw error;
    }
    const diff = compareAttachments(files, present);
    if (diff.missing.length === 0 && diff.extra.length === 0) return { kind: 'aligned', present };
    const state = `${message.modifiedAt ?? ''}|${present.map((attached) => attached.id).join(',')}`;
    if (state !== seen) {
      seen = state;
      since = ctx.now();
    } else if (ctx.now() - since >= ctx.leaseMs) {
      return { kind: 'expired' };
    }
    if (ctx.isStopping() || ctx.isCancelled(job.batchId)) return { kind: 'moved', job };
    await abortable(ctx.pollMs, ctx.signal);
  }
}
