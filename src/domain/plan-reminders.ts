/**
 * The reminder engine (DESIGN §3): which reminders are due today, grouped into communications, and which
 * due items cannot be reminded and why. Pure: everything, today included, comes in as arguments.
 */
import { toDayNumber, type CalendarDate, type DayNumber } from './calendar';
import { collectAddresses } from './email-address';
import { cents, type Cents, type CurrencyCode } from './money';
import type { Level, Setup } from './setup';
import type { Agent, Customer, LedgerEntry, OpenItem, SkippedItem, SkipReason } from './types';

export interface PlanInput {
  /** A setup that passed `validateSetup`. */
  readonly setup: Setup;
  readonly today: CalendarDate;
  readonly customers: readonly Customer[];
  readonly agents: readonly Agent[];
  readonly items: readonly OpenItem[];
  readonly ledger: readonly LedgerEntry[];
}

/** One item of a communication, at the cycle it is sent for (0 the first time a level is sent). */
export interface CommunicationLine {
  readonly item: OpenItem;
  readonly cycle: number;
}

/** A document whose PDF goes with a communication (installments of one invoice share it). */
export interface DocumentRef {
  readonly documentId: string;
  readonly documentNumber: string;
}

/** One e-mail to one customer at one level, in one currency. */
export interface Communication {
  readonly customerId: Customer['id'];
  readonly levelId: Level['id'];
  readonly currency: CurrencyCode;
  /** Ordered by due date, document number (numeric collation), then item id. */
  readonly lines: readonly CommunicationLine[];
  readonly total: Cents;
  readonly to: readonly string[];
  readonly cc: readonly string[];
  /** Empty unless the setup attaches invoice PDFs. */
  readonly documents: readonly DocumentRef[];
}

export interface Plan {
  readonly communications: readonly Communication[];
  /** Items that would be due but cannot be reminded, one entry an item. */
  readonly skipped: readonly SkippedItem[];
}

/** What the ledger says about one item, folded once so planning is one pass over the items. */
interface ItemHistory {
  /** Latest day of any entry, levels no longer in the setup included (they count for minDaysBetween). */
  latestDay: DayNumber;
  /** Highest rank (position in the days order) among entries of levels in the setup; -1 if none. */
  highestRank: number;
  /** Among entries of the last level: highest cycle and latest day; -1 and -Infinity if none. */
  lastLevelCycle: number;
  lastLevelDay: DayNumber;
}

function foldLedger(ledger: readonly LedgerEntry[], rankOf: ReadonlyMap<string, number>, lastRank: number) {
  const histories = new Map<OpenItem['id'], ItemHistory>();
  for (const entry of ledger) {
    const day = toDayNumber(entry.sentOn);
    let history = histories.get(entry.itemId);
    if (history === undefined) {
      history = { latestDay: day, highestRank: -1, lastLevelCycle: -1, lastLevelDay: -Infinity };
      histories.set(entry.itemId, history);
    } else if (day > history.latestDay) {
      history.latestDay = day;
    }
    const rank = rankOf.get(entry.levelId);
    if (rank === undefined) continue;
    if (rank > history.highestRank) history.highestRank = rank;
    if (rank === lastRank) {
      if (entry.cycle > history.lastLevelCycle) history.lastLevelCycle = entry.cycle;
      if (day > history.lastLevelDay) history.lastLevelDay = day;
    }
  }
  return histories;
}

/** The agent of an item: its own whenever it names one (even an unknown one), else its customer's. */
export function agentIdOf(item: OpenItem, customer: Customer): Agent['id'] | undefined {
  return item.agentId !== undefined ? item.agentId : customer.agentId;
}

const collator = new Intl.Collator('en', { numeric: true });

/** Due date, then document number as people read it (`FT 2` before `FT 10`), then item id as plain text. */
export function compareLines(a: CommunicationLine, b: CommunicationLine): number {
  const x = a.item;
  const y = b.item;
  if (x.dueDate !== y.dueDate) return x.dueDate < y.dueDate ? -1 : 1;
  const byNumber = collator.compare(x.documentNumber, y.documentNumber);
  if (byNumber !== 0) return byNumber;
  return x.id < y.id ? -1 : x.id > y.id ? 1 : 0;
}

/**
 * The rank (index in `setup.levels`, ordered by days) of the item's current level on day `today`, or -1.
 * Levels with days ≤ 0 do not exist for items the bank collects by itself.
 */
function currentRank(levels: readonly Level[], overdueDays: number, bankCollected: boolean): number {
  let rank = -1;
  for (let i = 0; i < levels.length && (levels[i] as Level).days <= overdueDays; i++) rank = i;
  if (rank >= 0 && bankCollected && (levels[rank] as Level).days <= 0) return -1;
  return rank;
}

/**
 * The cycle at which an item is due at its current level (`rank`) on day `today`, or -1 when it is not
 * due: already reminded at this level or a later one, waiting for `minDaysBetween`, or its recurrence not
 * yet due (or capped).
 */
function dueCycle(setup: Setup, rank: number, today: DayNumber, history: ItemHistory | undefined): number {
  if (history === undefined) return 0;
  if (today < history.latestDay + setup.minDaysBetween) return -1;
  if (history.highestRank < rank) return 0;
  const level = setup.levels[rank] as Level;
  const every = level.recurEveryDays;
  if (rank !== setup.levels.length - 1 || every === undefined || history.lastLevelCycle < 0) return -1;
  const next = history.lastLevelCycle + 1;
  if (history.lastLevelDay + every > today) return -1;
  if (level.recurMaxCount !== undefined && next > level.recurMaxCount) return -1;
  return next;
}

/**
 * Plans the reminders due on `input.today`: every eligible item due at its current level (DESIGN §3
 * "Current level", "Due"), grouped into communications ("Grouping"), with their recipients
 * ("Recipients"); and every item that would be due but is not eligible, or whose communication is below
 * the minimum amount, as skipped with its reason. Items with nothing open, and items waiting for
 * `minDaysBetween`, appear in neither list.
 */
export function planReminders(input: PlanInput): Plan {
  const { setup } = input;
  const today = toDayNumber(input.today);
  const levels = setup.levels;
  const rankOf = new Map(levels.map((level, rank) => [level.id, rank] as const));
  const histories = foldLedger(input.ledger, rankOf, levels.length - 1);
  const bankCollected = new Set(setup.autoCollectedPaymentMethods);
  const customers = new Map(input.customers.map((customer) => [customer.id, customer] as const));
  const reminderAddresses = new Map<Customer['id'], string[]>();
  const addressesOf = (customer: Customer): string[] => {
    let addresses = reminderAddresses.get(customer.id);
    if (addresses === undefined) {
      addresses = collectAddresses(customer.emails);
      reminderAddresses.set(customer.id, addresses);
    }
    return addresses;
  };

  const skipped: SkippedItem[] = [];
  const groups = new Map<string, { levelId: Level['id']; lines: CommunicationLine[] }>();
  for (const item of input.items) {
    if (!(item.residual > 0)) continue;
    const paymentMethod = item.paymentMethod;
    const rank = currentRank(levels, today - toDayNumber(item.dueDate), paymentMethod !== undefined && bankCollected.has(paymentMethod));
    if (rank < 0) continue;
    const cycle = dueCycle(setup, rank, today, histories.get(item.id));
    if (cycle < 0) continue;

    const customer = customers.get(item.customerId);
    const reason: SkipReason | undefined =
      customer === undefined
        ? 'unknown_customer'
        : customer.blocked === true
          ? 'blocked'
          : item.disputed === true
            ? 'disputed'
            : addressesOf(customer).length === 0
              ? 'no_email'
              : undefined;
    if (reason !== undefined) {
      skipped.push({ itemId: item.id, reason });
      continue;
    }
    const levelId = (levels[rank] as Level).id;
    // \u0000 cannot occur in ids from JSON-backed ERPs in practice, and keeps the key unambiguous.
    const key = setup.groupByCustomer ? `${item.customerId}\u0000${levelId}\u0000${item.currency}` : `\u0000${item.id}`;
    const line = { item, cycle };
    const group = groups.get(key);
    if (group === undefined) groups.set(key, { levelId, lines: [line] });
    else group.lines.push(line);
  }

  const agentAddresses = new Map(input.agents.map((agent) => [agent.id, agent.email] as const));
  const communications: Communication[] = [];
  for (const { levelId, lines } of groups.values()) {
    const first = (lines[0] as CommunicationLine).item;
    let total = 0;
    for (const line of lines) total += line.item.residual;
    if (lines.length > 1) lines.sort(compareLines);
    if (total < setup.minimumAmount) {
      for (const line of lines) skipped.push({ itemId: line.item.id, reason: 'below_minimum' });
      continue;
    }
    const customer = customers.get(first.customerId) as Customer;
    const to = addressesOf(customer);
    const cc = setup.ccAgent
      ? collectAddresses(
          lines.map((line) => {
            const agentId = agentIdOf(line.item, customer);
            return agentId === undefined ? undefined : agentAddresses.get(agentId);
          }),
          new Set(to.map((address) => address.toLowerCase())),
        )
      : [];
    communications.push({
      customerId: customer.id,
      levelId,
      currency: first.currency,
      lines,
      total: cents(total),
      to,
      cc,
      documents: setup.attachInvoicePdfs ? documentsOf(lines) : [],
    });
  }
  return { communications, skipped };
}

/** One document per PDF, in line order: installments of one invoice share their document. */
function documentsOf(lines: readonly CommunicationLine[]): DocumentRef[] {
  const seen = new Set<string>();
  const documents: DocumentRef[] = [];
  for (const { item } of lines) {
    const documentId = item.documentId ?? item.documentNumber;
    if (seen.has(documentId)) continue;
    seen.add(documentId);
    documents.push({ documentId, documentNumber: item.documentNumber });
  }
  return documents;
}
