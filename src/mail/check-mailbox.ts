/**
 * "Check the mailbox" for a claim whose job is unresolved in this outbox (issue: a clerk released her
 * own claim while its send had gone out, and a colleague sent the same reminder). Such a claim is never
 * released blindly: the mailbox is looked at, with the same resolve-by-looking rules as the worker —
 * sent (by id, or by key in Sent Items) → recorded and confirmed `sent` at the ERP; still a draft, or
 * nothing found once Sent Items had time to show it (`settleMs`) → only then the job ends as `not_sent`,
 * its draft deleted and its claim released. Nothing is ever sent from here.
 */
import type { OutboxJob } from '../store/db';
import { failures } from './job-failures';
import { io, type JobContext } from './job-context';
import { cleanup, confirmStep, drop, recordSent } from './job-endings';
import { resolveSending } from './job-send';

/** `sent`: it went out, and the ERP's log says so now; `released`: it had not gone out, the claim is given back. */
export type MailboxCheck = 'sent' | 'released';

export async function checkByLooking(outer: JobContext, start: OutboxJob): Promise<MailboxCheck> {
  let job = start;
  const ctx: JobContext = {
    ...outer,
    record: async (from, patch) => (job = await outer.record(from, patch)),
  };
  if (job.state === 'sending') {
    // Sent → `sent`; still a draft → back to `attached` (not sent); not found until settled → left as is.
    await resolveSending(ctx, job, {});
  } else if (!['sent', 'handled', 'failed', 'cancelled'].includes(job.state)) {
    const id = job.messageId;
    const byId = id !== undefined ? await io(ctx, () => ctx.mailer.getMessage(id, ctx.signal)) : undefined;
    const [copy] =
      byId?.state === 'sent'
        ? [byId]
        : await io(ctx, () => ctx.mailer.findByKey(job.key, 'sentitems', ctx.signal));
    if (copy !== undefined) await recordSent(ctx, job, copy);
  }
  if (job.state === 'failed' || job.state === 'cancelled') await cleanup(ctx, job);
  else if (job.state !== 'sent' && job.state !== 'handled')
    await drop(ctx, job, { fresh: false, failure: failures.notSent() }, 'cancelled');
  // The cleanup may have found it sent from Outlook after all.
  if (job.state === 'sent' || job.state === 'handled') {
    if (job.settled !== true) await confirmStep(ctx, job);
    return 'sent';
  }
  return 'released';
}
