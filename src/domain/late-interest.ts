/**
 * Late-payment interest and the flat indemnity (docs/rules.md §1.25a–1.25b; Italy's D.Lgs. 231/2002 as
 * amended by D.Lgs. 192/2012). Pure and exact: percents are read as whole hundredths, the arithmetic is
 * BigInt, and each item's interest is rounded once, to the nearest minor unit, halves away from zero.
 */
import { toDayNumber, type CalendarDate, type DayNumber } from './calendar';
import { cents, type Cents } from './money';
import type { Communication, Plan, PlanInput } from './plan-reminders';
import type { InterestRate } from './setup';
import type { Customer, OpenItem, SkippedItem } from './types';

/** The only currency the law charges in: a communication in any other shows 0 interest and 0 indemnity. */
export const LATE_INTEREST_CURRENCY = 'EUR';

/** percent / 100 / 365 with the percent in hundredths: interest = residual × Σ hundredths / 3 650 000. */
const DENOMINATOR = 100n * 100n * 365n;

/** A number's shortest decimal spelling: digits, optional fraction, optional exponent (`1.5e+21`, `1e-7`). */
const DECIMAL = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/;

/**
 * `percent` in whole hundredths (10.15 → 1015n), exactly, or `undefined` when it is not a finite number
 * ≥ 0 with at most two decimals. Read from the number's shortest decimal spelling, so 10.15 (whose double
 * is 10.1499999…) counts as two decimals and 10.155 as three.
 */
export function percentHundredths(percent: unknown): bigint | undefined {
  if (typeof percent !== 'number' || !Number.isFinite(percent) || percent < 0) return undefined;
  const match = DECIMAL.exec(String(percent));
  if (match === null) return undefined;
  const fraction = match[2] ?? '';
  const decimals = fraction.length - Number(match[3] ?? '0');
  if (decimals > 2) return undefined;
  return BigInt(`${match[1] as string}${fraction}`) * 10n ** BigInt(2 - decimals);
}

/** The rate table ready for sums: each entry's first day and percent in hundredths, ordered by day. */
export interface RateSchedule {
  readonly starts: readonly DayNumber[];
  readonly hundredths: readonly bigint[];
}

/** Orders a validated rate table by `from` (validation guarantees valid, distinct days and percents). */
export function rateSchedule(rates: readonly InterestRate[]): RateSchedule {
  const sorted = [...rates].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  return {
    starts: sorted.map((rate) => toDayNumber(rate.from)),
    hundredths: sorted.map((rate) => {
      const hundredths = percentHundredths(rate.percent);
      if (hundredths === undefined)
        throw new RangeError(`A validated rate has a percent ≥ 0 with two decimals, got ${rate.percent}`);
      return hundredths;
    }),
  };
}

/**
 * Σ percent_d, in hundredths, over the days d from `dueDate + 1` to `today` inclusive, where percent_d is
 * the percent of the entry with the latest start ≤ d (0 before the first entry). 0 when today ≤ dueDate.
 */
export function percentDays(schedule: RateSchedule, dueDate: CalendarDate, today: CalendarDate): bigint {
  const first = toDayNumber(dueDate) + 1;
  const last = toDayNumber(today);
  let sum = 0n;
  const { starts, hundredths } = schedule;
  for (let i = 0; i < starts.length; i++) {
    const from = Math.max(starts[i] as number, first);
    const next = starts[i + 1];
    const to = next === undefined ? last : Math.min(next - 1, last);
    if (to >= from) sum += (hundredths[i] as bigint) * BigInt(to - from + 1);
  }
  return sum;
}

/** numerator / denominator (denominator > 0) to the nearest integer, halves away from zero. */
export function divideRoundingHalfAway(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError('the denominator must be positive');
  const magnitude = numerator < 0n ? -numerator : numerator;
  const rounded = (2n * magnitude + denominator) / (2n * denominator);
  return numerator < 0n ? -rounded : rounded;
}

/**
 * The late-payment interest of one item on `today`: residual × Σ percent_d / 100 / 365, rounded once to
 * the nearest minor unit, halves away from zero. A BigInt: it may exceed what a Number holds exactly.
 */
export function itemInterest(
  residual: number,
  dueDate: CalendarDate,
  today: CalendarDate,
  schedule: RateSchedule,
): bigint {
  const days = percentDays(schedule, dueDate, today);
  if (days === 0n) return 0n;
  return divideRoundingHalfAway(BigInt(residual) * days, DENOMINATOR);
}

/** The document an item belongs to for the indemnity: its customer and document number. */
const documentOf = (item: OpenItem): string => JSON.stringify([item.customerId, item.documentNumber]);

/** Is `a` before `b` in the ownership order: earlier due date, then smaller id in plain string order? */
const ownsBefore = (a: OpenItem, b: OpenItem): boolean =>
  a.dueDate < b.dueDate || (a.dueDate === b.dueDate && a.id < b.id);

/**
 * How many documents each communication owns: every document (customer and document number) with an
 * overdue item in `communications` belongs to the one holding its overdue item with the earliest due date,
 * then the smallest item id — so installments of one invoice count once, even across two e-mails.
 */
export function ownedDocuments(communications: readonly Communication[], today: CalendarDate): number[] {
  const owner = new Map<string, { item: OpenItem; index: number }>();
  communications.forEach((communication, index) => {
    for (const { item } of communication.lines) {
      if (!(item.dueDate < today)) continue;
      const document = documentOf(item);
      const current = owner.get(document);
      if (current === undefined || ownsBefore(item, current.item)) owner.set(document, { item, index });
    }
  });
  const counts = communications.map(() => 0);
  for (const { index } of owner.values()) counts[index] = (counts[index] as number) + 1;
  return counts;
}

const isSafe = (value: bigint): boolean =>
  value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER);

/**
 * A plan with every communication carrying `interest` and `indemnity` when the setup has `lateInterest`
 * (unchanged otherwise): both 0 for a communication not in EUR and for a consumer's. Ownership of documents
 * is decided among the communications proposed (after `below_minimum`). A communication whose interest,
 * indemnity, or total with both is not a safe integer is left out, its items skipped with
 * `amount_overflow` (docs/rules.md §1.20), and ownership is decided again among the rest.
 */
export function withLateInterest(plan: Plan, input: PlanInput): Plan {
  const late = input.setup.lateInterest;
  if (late === undefined) return plan;
  const schedule = rateSchedule(late.rates);
  const customers = new Map<Customer['id'], Customer>(
    input.customers.map((customer) => [customer.id, customer] as const),
  );
  const charged = (communication: Communication): boolean =>
    communication.currency === LATE_INTEREST_CURRENCY &&
    customers.get(communication.customerId)?.consumer !== true;

  let proposed = plan.communications.map((communication) => {
    let interest = 0n;
    if (charged(communication)) {
      for (const { item } of communication.lines)
        interest += itemInterest(item.residual, item.dueDate, input.today, schedule);
    }
    return { communication, interest };
  });
  const skipped: SkippedItem[] = [...plan.skipped];
  for (;;) {
    const owned = ownedDocuments(
      proposed.map((p) => p.communication),
      input.today,
    );
    const annotated = proposed.map((p, index) => {
      const indemnity = charged(p.communication)
        ? BigInt(late.flatIndemnity) * BigInt(owned[index] as number)
        : 0n;
      const safe =
        isSafe(p.interest) &&
        isSafe(indemnity) &&
        isSafe(BigInt(p.communication.total) + p.interest + indemnity);
      return { ...p, indemnity, safe };
    });
    const overflowing = annotated.filter((a) => !a.safe);
    if (overflowing.length === 0) {
      return {
        communications: annotated.map(({ communication, interest, indemnity }) => ({
          ...communication,
          interest: cents(Number(interest)),
          indemnity: cents(Number(indemnity)),
        })),
        skipped,
      };
    }
    for (const { communication } of overflowing) {
      for (const { item } of communication.lines)
        skipped.push({ itemId: item.id, reason: 'amount_overflow' });
    }
    proposed = annotated.filter((a) => a.safe);
  }
}

/** What a communication's customer owes in all: its total, interest and indemnity (`%TotaleDovuto`). */
export function totalDue(communication: Pick<Communication, 'total' | 'interest' | 'indemnity'>): Cents {
  return cents(communication.total + (communication.interest ?? 0) + (communication.indemnity ?? 0));
}
