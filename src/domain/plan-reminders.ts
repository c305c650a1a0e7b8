/**
 * The reminder engine (docs/rules.md §1): which reminders are due today, grouped into communications, and which
 * due items cannot be reminded and why. Pure: everything, today included, comes in as arguments.
 */
import { toDayNumber, type CalendarDate, type DayNumber } from './calendar';
import { collectAddresses } from './email-address';
import { withLateInterest } from './late-interest';
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

/**
 * One item of a communication, at its own level and the cycle it is sent for (0 the first time a level
 * is sent). The level is the communication's own, except under `onePerCustomer` where each item keeps the
 * level it is due at (docs/rules.md §1.31) and the ledger records it there.
 */
export interface CommunicationLine {
  readonly item: OpenItem;
  readonly levelId: Level['id'];
  readonly cycle: number;
}

/** A document whose PDF goes with a communication (installments of one invoice share it). */
export interface DocumentRef {
  readonly documentId: string;
  readonly documentNumber: string;
}

/**
 * One e-mail to one customer at one level, in one currency. Under `onePerCustomer` its level is the highest
 * (by days) of its lines' levels, and its texts are that level's.
 */
export interface Communication {
  readonly customerId: Customer['id'];
  readonly levelId: Level['id'];
  readonly currency: CurrencyCode;
  /** Ordered by due date, document number (numeric collation), then item id. */
  readonly lines: readonly CommunicationLine[];
  readonly total: Cents;
  readonly to: readonly string[];
  readonly cc: readonly string[];
  /** Late-payment interest and flat indemnity (docs/rules.md §1.25b): present iff the setup has `lateInterest`. */
  readonly interest?: Cents;
  readonly indemnity?: Cents;
}

export interface Plan {
  readonly communications: readonly Communication[];
  /** Items that would be due but cannot be reminded, one entry an item. */
  readonly skipped: readonly SkippedItem[];
}

/**
 * What the ledger says about each item, folded once so planning is one pass over the items. Packed in
 * typed arrays (one slot an item) rather than an object an item: planning 100 000 items is dominated by
 * allocation, and every object allocated here would survive to the end of the run.
 */
interface LedgerFold {
  /** Item id → slot. */
  readonly slotOf: Map<OpenItem['id'], number>;
  /** Latest day of any entry, levels no longer in the setup included (they count for minDaysBetween). */
  readonly latestDay: Int32Array;
  /** Highest rank (position in the days order) among entries of levels in the setup; -1 if none. */
  readonly highestRank: Int32Array;
  /** Among entries of the last level: highest cycle (-1 if none) and latest day. */
  readonly lastLevelCycle: Int32Array;
  readonly lastLevelDay: Int32Array;
}

const NO_DAY = -0x80000000;

function foldLedger(
  ledger: readonly LedgerEntry[],
  rankOf: ReadonlyMap<string, number>,
  lastRank: number,
): LedgerFold {
  const size = ledger.length;
  const fold: LedgerFold = {
    slotOf: new Map(),
    latestDay: new Int32Array(size).fill(NO_DAY),
    highestRank: new Int32Array(size).fill(-1),
    lastLevelCycle: new Int32Array(size).fill(-1),
    lastLevelDay: new Int32Array(size).fill(NO_DAY),
  };
  for (const entry of ledger) {
    const day = toDayNumber(entry.sentOn);
    let slot = fold.slotOf.get(entry.itemId);
    if (slot === undefined) {
      slot = fold.slotOf.size;
      fold.slotOf.set(entry.itemId, slot);
    }
    if (day > (fold.latestDay[slot] as number)) fold.latestDay[slot] = day;
    const rank = rankOf.get(entry.levelId);
    if (rank === undefined) continue;
    if (rank > (fold.highestRank[slot] as number)) fold.highestRank[slot] = rank;
    if (rank === lastRank) {
      if (entry.cycle > (fold.lastLevelCycle[slot] as number)) fold.lastLevelCycle[slot] = entry.cycle;
      if (day > (fold.lastLevelDay[slot] as number)) fold.lastLevelDay[slot] = day;
    }
  }
  return fold;
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
 * The rank (index in `setup.levels`, ordered by days) of the item's current level when it is `overdueDays`
 * past its due date (negative before it), or -1. Levels with days ≤ 0 end at the due date: once the item is
 * overdue they no longer exist for it (docs/rules.md §1.29), and they never exist for items the bank collects
 * by itself (§1.12). Since levels are ordered by days, only the highest triggered one needs the check.
 */
function currentRank(levels: readonly Level[], overdueDays: number, bankCollected: boolean): number {
  let rank = -1;
  for (let i = 0; i < levels.length && (levels[i] as Level).days <= overdueDays; i++) rank = i;
  if (rank >= 0 && (levels[rank] as Level).days <= 0 && (bankCollected || overdueDays > 0)) return -1;
  return rank;
}

/** The later of two optional hold dates (YYYY-MM-DD compares as text). */
const laterHold = (a: CalendarDate | undefined, b: CalendarDate | undefined): CalendarDate | undefined =>
  a === undefined ? b : b === undefined || a >= b ? a : b;

/** Held on `today` while today ≤ the hold's last day (inclusive); a hold that ended yesterday holds nothing. */
const isHeld = (holdUntil: CalendarDate | undefined, today: CalendarDate): boolean =>
  holdUntil !== undefined && today <= holdUntil;

/**
 * The cycle at which an item is due at its current level (`rank`) on day `today`, or -1 when it is not
 * due: already reminded at this level or a later one, waiting for `minDaysBetween`, or its recurrence not
 * yet due (or capped).
 */
function dueCycle(
  setup: Setup,
  rank: number,
  today: DayNumber,
  ledger: LedgerFold,
  slot: number | undefined,
): number {
  if (slot === undefined) return 0;
  if (today < (ledger.latestDay[slot] as number) + setup.minDaysBetween) return -1;
  if ((ledger.highestRank[slot] as number) < rank) return 0;
  const level = setup.levels[rank] as Level;
  const every = level.recurEveryDays;
  const lastCycle = ledger.lastLevelCycle[slot] as number;
  if (rank !== setup.levels.length - 1 || every === undefined || lastCycle < 0) return -1;
  const next = lastCycle + 1;
  if ((ledger.lastLevelDay[slot] as number) + every > today) return -1;
  if (level.recurMaxCount !== undefined && next > level.recurMaxCount) return -1;
  return next;
}

/** A customer as the planner needs it, worked out once however many items it has. */
interface CustomerFacts {
  readonly customer: Customer;
  /** Valid reminder addresses (To), and their lower-case forms for the CC exclusion. */
  readonly to: readonly string[];
  readonly toFolded: readonly string[];
  /** Open communications of this customer, when grouping: one per (level, currency). */
  readonly groups: Group[];
}

interface Group {
  /** The group's level as a rank: under `onePerCustomer` the highest of its lines', else theirs. */
  rank: number;
  readonly currency: CurrencyCode;
  readonly facts: CustomerFacts;
  readonly lines: CommunicationLine[];
}

/**
 * Plans the reminders due on `input.today`: every eligible item due at its current level (docs/rules.md §1
 * "Current level", "Due"), grouped into communications ("Grouping"), with their recipients
 * ("Recipients"); every item that would be due but is not eligible or is on hold (§1.30), or whose
 * communication is below the minimum amount or has a total that is not a safe integer (`amount_overflow`),
 * as skipped with its reason. Items with nothing open, and items waiting for `minDaysBetween`, appear in neither list.
 * Communications come in the order their first item is met.
 */
export function planReminders(input: PlanInput): Plan {
  const { setup } = input;
  const today = toDayNumber(input.today);
  const levels = setup.levels;
  const rankOf = new Map(levels.map((level, rank) => [level.id, rank] as const));
  const ledger = foldLedger(input.ledger, rankOf, levels.length - 1);
  const bankCollected = new Set(setup.autoCollectedPaymentMethods);
  const customers = new Map(input.customers.map((customer) => [customer.id, customer] as const));
  const factsById = new Map<Customer['id'], CustomerFacts>();
  const factsOf = (customer: Customer): CustomerFacts => {
    let facts = factsById.get(customer.id);
    if (facts === undefined) {
      const to = collectAddresses(customer.emails);
      facts = { customer, to, toFolded: to.map((address) => address.toLowerCase()), groups: [] };
      factsById.set(customer.id, facts);
    }
    return facts;
  };

  const skipped: SkippedItem[] = [];
  const groups: Group[] = [];
  for (const item of input.items) {
    if (!(item.residual > 0)) continue;
    const paymentMethod = item.paymentMethod;
    const rank = currentRank(
      levels,
      today - toDayNumber(item.dueDate),
      paymentMethod !== undefined && bankCollected.has(paymentMethod),
    );
    if (rank < 0) continue;
    const cycle = dueCycle(setup, rank, today, ledger, ledger.slotOf.get(item.id));
    if (cycle < 0) continue;

    const customer = customers.get(item.customerId);
    const facts = customer === undefined ? undefined : factsOf(customer);
    const reason: SkipReason | undefined =
      facts === undefined
        ? 'unknown_customer'
        : facts.customer.blocked === true
          ? 'blocked'
          : item.disputed === true
            ? 'disputed'
            : isHeld(laterHold(item.holdUntil, facts.customer.holdUntil), input.today)
              ? 'on_hold'
              : facts.to.length === 0
                ? 'no_email'
                : undefined;
    if (facts === undefined || reason !== undefined) {
      skipped.push({ itemId: item.id, reason: reason ?? 'unknown_customer' });
      continue;
    }
    const line: CommunicationLine = { item, levelId: (levels[rank] as Level).id, cycle };
    // A customer has few (level, currency) pairs: a scan of its own groups beats hashing a composite key.
    // Under onePerCustomer the level is not part of the group: the group takes the highest of its lines'.
    let group: Group | undefined;
    if (setup.groupByCustomer) {
      for (const candidate of facts.groups) {
        if (candidate.currency === item.currency && (setup.onePerCustomer || candidate.rank === rank)) {
          group = candidate;
          break;
        }
      }
    }
    if (group !== undefined) {
      group.lines.push(line);
      if (rank > group.rank) group.rank = rank;
    } else {
      const created: Group = { rank, currency: item.currency, facts, lines: [line] };
      if (setup.groupByCustomer) facts.groups.push(created);
      groups.push(created);
    }
  }

  const agentAddresses = agentAddressesOf(input.agents);
  const communications: Communication[] = [];
  for (const { rank, currency, facts, lines } of groups) {
    let total = 0;
    for (const line of lines) total += line.item.residual;
    if (lines.length > 1) lines.sort(compareLines);
    // Residuals are positive, so a partial sum past 2^53 leaves the total unsafe too: one check suffices.
    // Skipping that one communication keeps one absurd group from stopping everyone's plan.
    if (!Number.isSafeInteger(total)) {
      for (const line of lines) skipped.push({ itemId: line.item.id, reason: 'amount_overflow' });
      continue;
    }
    if (total < setup.minimumAmount) {
      for (const line of lines) skipped.push({ itemId: line.item.id, reason: 'below_minimum' });
      continue;
    }
    communications.push({
      customerId: facts.customer.id,
      levelId: (levels[rank] as Level).id,
      currency,
      lines,
      total: cents(total),
      to: facts.to,
      cc: setup.ccAgent ? carbonCopies(lines, facts, agentAddresses) : [],
    });
  }
  return withLateInterest({ communications, skipped }, input);
}

/** Each agent's address, trimmed, with its lower-case form; agents without a valid address are left out. */
function agentAddressesOf(agents: readonly Agent[]): Map<Agent['id'], { address: string; folded: string }> {
  const addresses = new Map<Agent['id'], { address: string; folded: string }>();
  for (const agent of agents) {
    const [address] = collectAddresses([agent.email]);
    if (address !== undefined) addresses.set(agent.id, { address, folded: address.toLowerCase() });
  }
  return addresses;
}

/** The agents' addresses of a communication's lines, in line order, each once, none already in To (case ignored). */
function carbonCopies(
  lines: readonly CommunicationLine[],
  facts: CustomerFacts,
  agentAddresses: ReadonlyMap<Agent['id'], { address: string; folded: string }>,
): string[] {
  const cc: string[] = [];
  const taken: string[] = [...facts.toFolded];
  for (const { item } of lines) {
    const agentId = agentIdOf(item, facts.customer);
    const agent = agentId === undefined ? undefined : agentAddresses.get(agentId);
    if (agent === undefined || taken.includes(agent.folded)) continue;
    taken.push(agent.folded);
    cc.push(agent.address);
  }
  return cc;
}

/**
 * The documents whose PDFs go with a communication when the setup attaches invoice PDFs: one per
 * document, in line order (installments of one invoice share their document).
 */
export function documentsOf({ lines }: Pick<Communication, 'lines'>): DocumentRef[] {
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
