/**
 * A draft's attachments made equal to the plan's documents — same names, same sizes, each once — before
 * the job is recorded `attached` and again right before its send. Attaching is idempotent: only the
 * missing files are added, duplicates and extras (a POST whose answer was lost, a draft taken over after
 * its lease) are removed. Only the lane that owns the draft repairs it (foreign-draft.ts). A draft that cannot be brought in line
 * is never sent: its job fails with `attachments_mismatch`.
 */
import type { OutboxJob } from '../store/db';
import type { AttachedFile, FileToAttach } from './graph-mailer';
import { abortError, io, stopFor, type JobContext } from './job-context';
import { MailError } from './mail-error';

export interface AttachmentDiff {
  /** Planned files the draft lacks. */
  readonly missing: readonly FileToAttach[];
  /** Attachments no planned file accounts for: duplicates (the later copies) and strangers. */
  readonly extra: readonly AttachedFile[];
}

/** Matches each planned file with one attachment of the same name and size, in the order Graph lists them. */
export function compareAttachments(
  planned: readonly FileToAttach[],
  present: readonly AttachedFile[],
): AttachmentDiff {
  const unused = [...present];
  const missing: FileToAttach[] = [];
  for (const file of planned) {
    const at = unused.findIndex(
      (attached) => attached.name === file.name && attached.size === file.bytes.length,
    );
    if (at < 0) missing.push(file);
    else unused.splice(at, 1);
  }
  return { missing, extra: unused };
}

export const describeDiff = ({ missing, extra }: AttachmentDiff): string =>
  [
    ...(missing.length > 0
      ? [`missing ${missing.map((file) => `${file.name} (${file.bytes.length} bytes)`).join(', ')}`]
      : []),
    ...(extra.length > 0
      ? [`not planned or doubled ${extra.map((file) => `${file.name} (${file.size} bytes)`).join(', ')}`]
      : []),
  ].join('; ');

export type Alignment =
  | { readonly kind: 'aligned'; readonly present: readonly AttachedFile[] }
  /** The draft is gone or no longer a draft (deleted, or sent from Outlook): find out which. */
  | { readonly kind: 'gone' }
  | { readonly kind: 'too_large' }
  /** Still not as planned after the repairs: must not be sent. */
  | { readonly kind: 'mismatch'; readonly detail: string };

const ROUNDS = 4;

/**
 * Lists the draft's attachments (unless `known` is given: what this lane just saw) and repairs the
 * difference with the plan, then lists again, until they match or `ROUNDS` are spent.
 */
export async function alignAttachments(
  ctx: JobContext,
  job: OutboxJob,
  files: readonly FileToAttach[],
  known?: readonly AttachedFile[],
): Promise<Alignment> {
  const id = job.messageId;
  if (id === undefined) throw new Error(`Outbox job ${job.key} is ${job.state} without a message id`);
  let present = known;
  let uncertain: MailError | undefined;
  for (let round = 0; round < ROUNDS; round++) {
    present ??= await io(ctx, () => ctx.mailer.listAttachments(id, ctx.signal));
    const diff = compareAttachments(files, present);
    if (diff.missing.length === 0 && diff.extra.length === 0) return { kind: 'aligned', present };
    if (round === ROUNDS - 1) {
      if (uncertain !== undefined) stopFor(new MailError('unavailable', uncertain.message));
      return { kind: 'mismatch', detail: describeDiff(diff) };
    }
    uncertain = undefined;
    try {
      for (const extra of diff.extra) await ctx.mailer.deleteAttachment(id, extra.id, ctx.signal);
      for (const file of diff.missing) {
        await ctx.mailer.attach(id, file, ctx.signal);
        ctx.checkpoint('after-attach', job);
      }
    } catch (error) {
      if (ctx.signal.aborted) throw abortError(ctx.signal);
      if (!(error instanceof MailError)) throw error;
      if (error.reason === 'not_found' || error.reason === 'invalid_operation') return { kind: 'gone' };
      if (error.reason === 'too_large') return { kind: 'too_large' };
      // It may have landed (or a chunk may have): the next round lists before doing anything again.
      if (error.uncertain || error.reason === 'range') uncertain = error;
      // A refusal to remove or add (403, another 4xx): the next rounds show whether it can be put right.
      // Anything else (offline, an outage, the token, a blocked mailbox) stops the run, the job in place.
      else if (error.reason !== 'forbidden' && error.reason !== 'invalid_request') stopFor(error);
    }
    present = undefined;
  }
  return { kind: 'mismatch', detail: 'the attachments could not be checked' };
}
