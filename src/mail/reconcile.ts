/**
 * Reconciliation (docs/rules.md §1.16, §4): the ERP's log and the mailbox are the
 * sources of truth; this brings the log in line with the mailbox for what the signed-in user drafted or
 * claimed, with nothing ever sent. It also rebuilds an emptied cache: the sync reloads the whole log, and
 * the open claims whose outbox jobs were lost are resolved from the mailbox.
 *
 * - A drafted entry whose message was sent from Outlook → confirmed `sent`, on the day it was sent.
 * - A drafted entry whose draft is gone (deleted, or in Deleted Items) → its log entries are removed at
 *   the ERP, so its items are due again.
 * - An open claim of ours with no unfinished job here: its message found in Sent Items → confirmed
 *   `sent`; found in Drafts → confirmed `drafted` (extra drafts of the key deleted); none → released.
 *
 * "Not found" is never concluded at once: a message sent seconds ago is in no folder yet. Whatever is
 * not found is looked for again after `settleMs` before an entry is removed or a claim released.
 */
import { calendarDateOfInstant } from '../domain/calendar';
import { isCommunicationKey } from '../domain/communication-key';
import type { ErpClient } from '../erp/client';
import { ErpError } from '../erp/errors';
import type { QuarantinedRecord } from '../erp/records';
import type { ConfirmRequest } from '../erp/wire';
import type { SollecitiDatabase } from '../store/db';
import { syncAll, syncReminderLog } from '../store/sync';
import type { GraphMailer, MailboxMessage } from './graph-mailer';
import { isSettled } from './job-store';
import { withOutboxLock } from './outbox-lock';
import { abortable } from './sleep';

export interface ReconcileDeps {
  readonly db: SollecitiDatabase;
  readonly erp: ErpClient;
  readonly mailer: GraphMailer;
  /** The signed-in user's address as the ERP knows it: only their entries and claims are reconciled. */
  readonly me: string;
}

export interface ReconcileOptions {
  /** How long a sent message may take to show in Sent Items. Default 60 s. */
  readonly settleMs?: number;
  /** Claims younger than this are left alone: they may belong to this user's pane in another Outlook, at work right now. Default 10 minutes. */
  readonly minClaimAgeMs?: number;
  readonly now?: () => number;
  readonly signal?: AbortSignal;
}

export interface ReconcileReport {
  /** Drafts the user sent from Outlook, now logged as sent. */
  readonly sentFromOutlook: number;
  /** Drafts deleted from the mailbox, whose log entries were removed. */
  readonly draftsDeleted: number;
  /** Open claims whose message was found, now logged (sent or drafted). */
  readonly claimsConfirmed: number;
  /** Open claims with no message, given back. */
  readonly claimsReleased: number;
  /** Keys busy elsewhere (another window holds the outbox): try again later. */
  readonly skipped: boolean;
  /**
   * What the ERP sent that breaks the contract (a log entry or claim whose key is not a communication
   * key, …), or a cached entry with such a key: left out with its reason, everything else reconciled.
   * Absent when there is none.
   */
  readonly quarantined?: readonly QuarantinedRecord[];
}

type Pending =
  | { readonly kind: 'drafted'; readonly key: string; readonly messageId?: string }
  | { readonly kind: 'claim'; readonly key: string };

/** Reconciles the user's drafted entries and orphaned claims with the mailbox (see the module comment). */
export async function reconcileMailbox(
  deps: ReconcileDeps,
  options: ReconcileOptions = {},
): Promise<ReconcileReport> {
  const result = await withOutboxLock(deps.db.name, () => reconcileLocked(deps, options));
  return (
    result ?? { sentFromOutlook: 0, draftsDeleted: 0, claimsConfirmed: 0, claimsReleased: 0, skipped: true }
  );
}

async function reconcileLocked(deps: ReconcileDeps, options: ReconcileOptions): Promise<ReconcileReport> {
  const { db, erp, mailer } = deps;
  const me = deps.me.toLowerCase();
  const now = options.now ?? Date.now;
  const signal = options.signal;
  const settleMs = options.settleMs ?? 60_000;
  const report = {
    sentFromOutlook: 0,
    draftsDeleted: 0,
    claimsConfirmed: 0,
    claimsReleased: 0,
    skipped: false,
  };

  const synced = await syncAll(db, erp, { now, ...(signal !== undefined ? { signal } : {}) });
  const quarantined = synced.quarantined.filter((record) => record.resource === 'reminder-log');
  // A cache filled before keys were checked at the border may still hold one: set it aside, do not throw.
  const setAside = new Set<string>();
  const wellFormed = <T extends { readonly key: string }>(record: T, what: string): boolean => {
    if (isCommunicationKey(record.key)) return true;
    if (setAside.has(record.key)) return false;
    setAside.add(record.key);
    quarantined.push({
      resource: 'reminder-log',
      recordId: record.key,
      reason: `${what} key: must be a communication key (64 lower-case hex digits)`,
      raw: record,
    });
    return false;
  };
  const timezone = (await db.setup.get('current'))?.setup.timezone ?? 'Europe/Rome';
  // Keys an unfinished job of this cache is working on belong to the outbox worker, not to us.
  const busy = new Set((await db.outbox.toArray()).filter((job) => !isSettled(job)).map((job) => job.key));

  const drafted = new Map<string, string | undefined>();
  for (const entry of await db.ledger.toArray()) {
    if (
      entry.state === 'drafted' &&
      entry.user.toLowerCase() === me &&
      !busy.has(entry.key) &&
      wellFormed(entry, 'cached log entry')
    ) {
      drafted.set(entry.key, entry.messageId ?? drafted.get(entry.key));
    }
  }
  const oldEnough = now() - (options.minClaimAgeMs ?? 10 * 60_000);
  const claims = (await db.claims.toArray()).filter(
    (claim) =>
      claim.owner.toLowerCase() === me &&
      !busy.has(claim.key) &&
      Date.parse(claim.claimedAt) <= oldEnough &&
      wellFormed(claim, 'cached claim'),
  );

  const confirm = async (key: string, state: 'sent' | 'drafted', message: MailboxMessage): Promise<void> => {
    const at =
      state === 'sent' ? (message.sentAt ?? now()) : message.createdAt > 0 ? message.createdAt : now();
    const request: ConfirmRequest = {
      state,
      messageId: message.id,
      to: [...message.to],
      cc: [...message.cc],
      at: new Date(at).toISOString(),
      sentOn: calendarDateOfInstant(at, timezone),
    };
    try {
      await erp.confirm(key, request, signal);
    } catch (error) {
      // Already final (sent) in the log: nothing to add.
      if (!(error instanceof ErpError && error.reason === 'conflict')) throw error;
    }
  };

  /** Resolves one item; true when done, false when nothing was found (yet). */
  const resolve = async (item: Pending, final: boolean): Promise<boolean> => {
    const [sent] = await mailer.findByKey(item.key, 'sentitems', signal);
    if (item.kind === 'drafted') {
      const message =
        item.messageId !== undefined ? await mailer.getMessage(item.messageId, signal) : undefined;
      const copy = message?.state === 'sent' ? message : sent;
      if (copy !== undefined) {
        await confirm(item.key, 'sent', copy);
        report.sentFromOutlook += 1;
        return true;
      }
      if (message?.state === 'draft') return true;
      const [draft] = item.messageId === undefined ? await mailer.findByKey(item.key, 'drafts', signal) : [];
      if (draft !== undefined) return true;
      if (message?.state !== 'discarded' && !final) return false;
      await ignoring(['not_found', 'conflict'], () => erp.removeLogEntries(item.key, signal));
      report.draftsDeleted += 1;
      return true;
    }
    if (sent !== undefined) {
      await confirm(item.key, 'sent', sent);
      report.claimsConfirmed += 1;
      return true;
    }
    const [keeper, ...extra] = await mailer.findByKey(item.key, 'drafts', signal);
    if (keeper !== undefined) {
      for (const other of extra) await mailer.deleteMessage(other.id, signal);
      await confirm(item.key, 'drafted', keeper);
      report.claimsConfirmed += 1;
      return true;
    }
    if (!final) return false;
    await ignoring(['not_found', 'conflict'], () => erp.release(item.key, signal));
    report.claimsReleased += 1;
    return true;
  };

  let pending: Pending[] = [
    ...[...drafted].map(([key, messageId]): Pending => ({
      kind: 'drafted',
      key,
      ...(messageId !== undefined ? { messageId } : {}),
    })),
    ...claims.map((claim): Pending => ({ kind: 'claim', key: claim.key })),
  ];
  const waiting: Pending[] = [];
  for (const item of pending) if (!(await resolve(item, false))) waiting.push(item);
  if (waiting.length > 0) {
    await abortable(settleMs, signal);
    pending = waiting;
    for (const item of pending) await resolve(item, true);
  }
  if (report.sentFromOutlook + report.draftsDeleted + report.claimsConfirmed + report.claimsReleased > 0) {
    await syncReminderLog(db, erp, { now, ...(signal !== undefined ? { signal } : {}) });
  }
  return quarantined.length > 0 ? { ...report, quarantined } : report;
}

async function ignoring(reasons: readonly ErpError['reason'][], work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (!(error instanceof ErpError && reasons.includes(error.reason))) throw error;
  }
}
