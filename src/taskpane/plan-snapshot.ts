/**
 * From the cached books to what the pane shows: plans today with the engine and lays the plan out as flat
 * rows (one a communication), the skipped items with their reasons, the claims of other users and the
 * aging of receivables. Pure apart from the timing it reports; runs in the planning worker (or, where
 * workers are unavailable, on the main thread after the first paint).
 */
import { ageReceivables } from '../domain/aging';
import { daysBetween, type CalendarDate } from '../domain/calendar';
import { keyOfCommunication } from '../domain/communication-key';
import { agentIdOf, documentsOf, planReminders, type Communication } from '../domain/plan-reminders';
import { cents } from '../domain/money';
import type { Setup } from '../domain/setup';
import type { Agent, Customer, OpenItem } from '../domain/types';
import type { ClaimWire } from '../erp/wire';
import type { CachedBooks } from '../store/plan-input';
import type { LedgerRecord } from '../store/db';
import { searchTextOf } from '../ui/filters';
import type { ClaimRow, HistoryRow, PlanSnapshot, ReminderRow, SkippedRow } from '../ui/model';

export interface SnapshotInput {
  readonly setup: Setup;
  readonly books: CachedBooks;
  readonly claims: readonly ClaimWire[];
  readonly today: CalendarDate;
  /** The signed-in mailbox: its own claims are not "held by another user". */
  readonly mailbox: string;
  /** Keys this pane's outbox has an unresolved (unsettled) job for. */
  readonly unresolved?: ReadonlySet<string>;
}

/**
 * The snapshot, and what stays where the plan was made until asked for: the items left out, and the
 * communications by key (for previews and batches).
 */
export interface PlannedDay {
  readonly snapshot: Omit<PlanSnapshot, 'planMs'>;
  readonly skipped: readonly SkippedRow[];
  readonly communications: ReadonlyMap<string, Communication>;
}

const sameUser = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Plans `today` and builds the rows. Throws only on a bug (the setup is already validated). */
export function planDay({ setup, books, claims, today, mailbox, unresolved }: SnapshotInput): PlannedDay {
  const plan = planReminders({ setup, today, ...books });
  const customersById = new Map<string, Customer>(books.customers.map((c) => [c.id, c]));
  const itemsById = new Map<string, OpenItem>(books.items.map((i) => [i.id, i]));
  const rankOf = new Map(setup.levels.map((level, rank) => [level.id, rank] as const));

  // Which (item, level, cycle) triples someone else holds: their rows say so.
  const heldBy = new Map<string, { owner: string; since: string }>();
  for (const claim of claims) {
    if (sameUser(claim.owner, mailbox)) continue;
    for (const { itemId, cycle, levelId } of claim.items)
      heldBy.set(`${itemId}|${levelId ?? claim.levelId}|${cycle}`, {
        owner: claim.owner,
        since: claim.claimedAt,
      });
  }

  const communications = new Map<string, Communication>();
  const rows: ReminderRow[] = [];
  for (const communication of plan.communications) {
    const key = keyOfCommunication(communication, setup.onePerCustomer);
    communications.set(key, communication);
    const customer = customersById.get(communication.customerId);
    const level = setup.levels[rankOf.get(communication.levelId) ?? -1];
    let overdueDays = -Infinity;
    let cycle = 0;
    let claimedBy: ReminderRow['claimedBy'];
    const agentIds: string[] = [];
    for (const { item, cycle: lineCycle, levelId: lineLevelId } of communication.lines) {
      overdueDays = Math.max(overdueDays, daysBetween(item.dueDate, today));
      cycle = Math.max(cycle, lineCycle);
      const agentId = customer !== undefined ? agentIdOf(item, customer) : item.agentId;
      if (agentId !== undefined && !agentIds.includes(agentId)) agentIds.push(agentId);
      claimedBy ??= heldBy.get(`${item.id}|${lineLevelId}|${lineCycle}`);
    }
    rows.push({
      key,
      customerId: communication.customerId,
      customerName: customer?.name ?? communication.customerId,
      levelId: communication.levelId,
      levelName: level?.name ?? communication.levelId,
      levelKind: level?.kind ?? '',
      levelRank: rankOf.get(communication.levelId) ?? -1,
      cycle,
      currency: communication.currency,
      total: communication.total,
      itemCount: communication.lines.length,
      overdueDays,
      dueDates: communication.lines.map((line) => line.item.dueDate).join(''),
      search: searchTextOf(customer?.name ?? communication.customerId, [
        ...new Set(communication.lines.map((line) => line.item.documentNumber)),
      ]),
      agentIds: agentIds.join('\n'),
      attachmentCount: setup.attachInvoicePdfs ? documentsOf(communication).length : 0,
      ...(claimedBy !== undefined ? { claimedBy } : {}),
    });
  }
  // The most pressing first: the latest level, then the oldest debt, then by name.
  const collator = new Intl.Collator('it', { sensitivity: 'base', numeric: true });
  rows.sort(
    (a, b) =>
      b.levelRank - a.levelRank ||
      b.overdueDays - a.overdueDays ||
      collator.compare(a.customerName, b.customerName) ||
      (a.key < b.key ? -1 : 1),
  );

  const skipped: SkippedRow[] = plan.skipped.map(({ itemId, reason }) => {
    const item = itemsById.get(itemId);
    const customer = item !== undefined ? customersById.get(item.customerId) : undefined;
    return {
      itemId,
      reason,
      customerName: customer?.name ?? item?.customerId ?? itemId,
      ...(item !== undefined
        ? {
            documentNumber: item.documentNumber,
            dueDate: item.dueDate,
            residual: item.residual,
            currency: item.currency,
          }
        : {}),
    };
  });

  const levelNames = new Map(setup.levels.map((level) => [level.id, level.name] as const));
  const claimRows: ClaimRow[] = claims.map((claim) => ({
    key: claim.key,
    owner: claim.owner,
    since: claim.claimedAt,
    levelName: levelNames.get(claim.levelId) ?? claim.levelId,
    mine: sameUser(claim.owner, mailbox),
    unresolvedHere: sameUser(claim.owner, mailbox) && (unresolved?.has(claim.key) ?? false),
    items: claim.items.map(({ itemId }) => {
      const item = itemsById.get(itemId);
      const customer = item !== undefined ? customersById.get(item.customerId) : undefined;
      return {
        itemId,
        ...(customer !== undefined ? { customerName: customer.name } : {}),
        ...(item !== undefined ? { documentNumber: item.documentNumber } : {}),
      };
    }),
  }));

  const aging = [...ageReceivables(books.items, today)].map(([currency, buckets]) => ({ currency, buckets }));
  const agents = books.agents
    .map((agent: Agent) => ({ id: agent.id, name: agent.name }))
    .sort((a, b) => collator.compare(a.name, b.name));

  return {
    snapshot: {
      today,
      setup,
      rows,
      skippedCount: skipped.length,
      claims: claimRows,
      aging,
      agents,
      openItemCount: books.items.length,
    },
    skipped,
    communications,
  };
}

/**
 * The ledger as the history view lists it: one row a communication (entries share their key), newest
 * first. The ledger does not keep amounts: `openNow` is what its items still owe (from the cache; a paid
 * item has left it), absent when every item has been paid since.
 */
export function historyRows(
  ledger: readonly LedgerRecord[],
  setup: Setup | undefined,
  items: ReadonlyMap<string, OpenItem>,
  customers: ReadonlyMap<string, Customer>,
): HistoryRow[] {
  const levelNames = new Map((setup?.levels ?? []).map((level) => [level.id, level.name] as const));
  const byKey = new Map<string, LedgerRecord[]>();
  for (const entry of ledger) {
    const group = byKey.get(entry.key);
    if (group === undefined) byKey.set(entry.key, [entry]);
    else group.push(entry);
  }
  const rows: HistoryRow[] = [];
  for (const [key, entries] of byKey) {
    const first = entries[0] as LedgerRecord;
    let total = 0;
    let known = 0;
    let currency: string | undefined;
    let customerName: string | undefined;
    for (const entry of entries) {
      const item = items.get(entry.itemId);
      if (item === undefined) continue;
      known++;
      total += item.residual;
      currency ??= item.currency;
      customerName ??= customers.get(item.customerId)?.name;
    }
    rows.push({
      key,
      at: first.at,
      sentOn: first.sentOn,
      user: first.user,
      levelName: levelNames.get(first.levelId) ?? first.levelId,
      customerName: customerName ?? '',
      itemCount: entries.length,
      documentNumbers: entries.flatMap((entry) => {
        const number = items.get(entry.itemId)?.documentNumber;
        return number !== undefined ? [number] : [];
      }),
      ...(known > 0 && currency !== undefined ? { openNow: cents(total), currency } : {}),
      to: first.to,
      cc: first.cc,
      state: first.state,
      ...(first.messageId !== undefined ? { messageId: first.messageId } : {}),
    });
  }
  rows.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  return rows;
}
