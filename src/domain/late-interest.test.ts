/**
 * Late-payment interest and the flat indemnity (docs/rules.md §1.25a–1.25b). Every expected number is
 * worked out by hand in the comment beside it: interest = residual × Σ percent_d / 100 / 365, with Σ over
 * the days after the due date up to today, rounded once, halves away from zero.
 */
import fc from 'fast-check';
import { addDays } from './calendar';
import {
  divideRoundingHalfAway,
  itemInterest,
  ownedDocuments,
  percentDays,
  percentHundredths,
  rateSchedule,
  totalDue,
  withLateInterest,
} from './late-interest';
import { cents } from './money';
import { planReminders, type PlanInput } from './plan-reminders';
import { validateSetup, type InterestRate, type Setup } from './setup';
import type { Customer, OpenItem } from './types';

const TEN = rateSchedule([{ from: '2000-01-01', percent: 10 }]);

describe('percentHundredths reads the percent exactly, at most two decimals', () => {
  test.each([
    [10.15, 1015n], // the double of 10.15 is 10.1499999…: read from its spelling, not multiplied
    [0, 0n],
    [8, 800n],
    [10.1, 1010n],
    [0.07, 7n],
    [1e21, 10n ** 23n], // spelt 1e+21
    [12.5, 1250n],
  ])('%p → %p hundredths', (percent, hundredths) => {
    expect(percentHundredths(percent)).toBe(hundredths);
  });

  test.each([
    [10.155],
    [-1],
    [-0.01],
    [Number.NaN],
    [Number.POSITIVE_INFINITY],
    ['10'],
    [null],
    [undefined],
    [1.5e-7],
    [0.001],
  ])('%p is refused', (percent) => {
    expect(percentHundredths(percent)).toBeUndefined();
  });
});

describe('percentDays sums the percent of each day after the due date, up to today', () => {
  test('across a rate change: each day takes the entry with the latest start on or before it', () => {
    const schedule = rateSchedule([
      { from: '2026-07-01', percent: 10.4 },
      { from: '2026-01-01', percent: 10.15 },
    ]);
    // Days 2026-06-21…06-30: 10 × 1015 = 10 150; 07-01…07-10: 10 × 1040 = 10 400; together 20 550.
    expect(percentDays(schedule, '2026-06-20', '2026-07-10')).toBe(20_550n);
    // 100 000 × 20 550 / 3 650 000 = 563.01… → 563.
    expect(itemInterest(100_000, '2026-06-20', '2026-07-10', schedule)).toBe(563n);
  });

  test('a leap day is a day like any other (365 stays the divisor)', () => {
    const schedule = rateSchedule([{ from: '2028-01-01', percent: 10 }]);
    // Days 2028-02-28, 02-29, 03-01: 3 × 1000 = 3000; 365 000 × 3000 / 3 650 000 = 300 exactly.
    expect(percentDays(schedule, '2028-02-27', '2028-03-01')).toBe(3000n);
    expect(itemInterest(365_000, '2028-02-27', '2028-03-01', schedule)).toBe(300n);
  });

  test('days before the first entry take 0 percent; an empty table charges nothing', () => {
    const schedule = rateSchedule([{ from: '2026-03-10', percent: 12 }]);
    // 03-02…03-09 at 0; 03-10…03-15: 6 × 1200 = 7200; 100 000 × 7200 / 3 650 000 = 197.26… → 197.
    expect(percentDays(schedule, '2026-03-01', '2026-03-15')).toBe(7200n);
    expect(itemInterest(100_000, '2026-03-01', '2026-03-15', schedule)).toBe(197n);
    expect(percentDays(schedule, '2026-03-01', '2026-03-09')).toBe(0n);
    expect(itemInterest(100_000, '2026-01-01', '2026-12-31', rateSchedule([]))).toBe(0n);
  });

  test('nothing on or before the due date; the day after the due date is the first that counts', () => {
    expect(itemInterest(365_000, '2026-03-01', '2026-03-01', TEN)).toBe(0n);
    expect(itemInterest(365_000, '2026-03-01', '2026-02-01', TEN)).toBe(0n);
    // One day at 10 %: 365 000 × 1000 / 3 650 000 = 100.
    expect(itemInterest(365_000, '2026-03-01', '2026-03-02', TEN)).toBe(100n);
  });

  test('rounded once, to the nearest minor unit, halves away from zero', () => {
    // One day at 10 %: R × 1000 / 3 650 000 = R / 3650. 1825 / 3650 = 0.5 → 1; 1824 → 0.4997 → 0;
    // 5475 / 3650 = 1.5 → 2; 9125 / 3650 = 2.5 → 3.
    expect(itemInterest(1825, '2026-03-01', '2026-03-02', TEN)).toBe(1n);
    expect(itemInterest(1824, '2026-03-01', '2026-03-02', TEN)).toBe(0n);
    expect(itemInterest(5475, '2026-03-01', '2026-03-02', TEN)).toBe(2n);
    expect(itemInterest(9125, '2026-03-01', '2026-03-02', TEN)).toBe(3n);
    expect(divideRoundingHalfAway(-5n, 2n)).toBe(-3n);
    expect(divideRoundingHalfAway(-1n, 2n)).toBe(-1n);
    expect(divideRoundingHalfAway(-4n, 10n)).toBe(0n);
    expect(divideRoundingHalfAway(7n, 2n)).toBe(4n);
    expect(() => divideRoundingHalfAway(1n, 0n)).toThrow(RangeError);
  });

  test('exact where a Number would not be: a huge residual for a year at 10.15 %', () => {
    // 9 000 000 000 000 × 365 × 1015 / 3 650 000 = 9 × 10^12 × 0.1015 = 913 500 000 000 exactly.
    expect(
      itemInterest(
        9_000_000_000_000,
        '2025-01-01',
        '2026-01-01',
        rateSchedule([{ from: '2025-01-01', percent: 10.15 }]),
      ),
    ).toBe(913_500_000_000n);
  });
});

/** Σ percent_d day by day, the rule read literally: the reference the fast sum is checked against. */
function percentDaysDayByDay(rates: readonly InterestRate[], dueDate: string, today: string): bigint {
  let sum = 0n;
  for (let day = addDays(dueDate, 1); day <= today; day = addDays(day, 1)) {
    let best: InterestRate | undefined;
    for (const rate of rates)
      if (rate.from <= day && (best === undefined || rate.from > best.from)) best = rate;
    sum += best === undefined ? 0n : BigInt(Math.round(best.percent * 100));
  }
  return sum;
}

const BASE = '2027-12-01';
const dayArb = fc.integer({ min: 0, max: 200 }).map((n) => addDays(BASE, n));
const ratesArb = fc
  .uniqueArray(fc.record({ from: dayArb, percent: fc.integer({ min: 0, max: 2000 }).map((h) => h / 100) }), {
    selector: (rate) => rate.from,
    maxLength: 5,
  })
  .map((rates): InterestRate[] => rates);
const residualArb = fc.integer({ min: 1, max: 9_000_000_000_000 });

describe('properties', () => {
  test('the fast sum equals the day-by-day reading of the rule, for any table and dates (leap day 2028-02-29 in range)', () => {
    fc.assert(
      fc.property(ratesArb, dayArb, dayArb, (rates, dueDate, today) => {
        expect(percentDays(rateSchedule(rates), dueDate, today)).toBe(
          percentDaysDayByDay(rates, dueDate, today),
        );
      }),
    );
  });

  test('interest never decreases as days pass: today ≤ later ⇒ interest(today) ≤ interest(later)', () => {
    fc.assert(
      fc.property(
        ratesArb,
        residualArb,
        dayArb,
        dayArb,
        fc.integer({ min: 0, max: 100 }),
        (rates, residual, dueDate, today, more) => {
          const schedule = rateSchedule(rates);
          expect(
            itemInterest(residual, dueDate, today, schedule) <=
              itemInterest(residual, dueDate, addDays(today, more), schedule),
          ).toBe(true);
        },
      ),
    );
  });

  test('the day sum splits at any day between: Σ(D, T) = Σ(D, M) + Σ(M, T) for D ≤ M ≤ T', () => {
    fc.assert(
      fc.property(ratesArb, fc.array(dayArb, { minLength: 3, maxLength: 3 }), (rates, days) => {
        const [dueDate, middle, today] = [...days].sort() as [string, string, string];
        const schedule = rateSchedule(rates);
        expect(percentDays(schedule, dueDate, today)).toBe(
          percentDays(schedule, dueDate, middle) + percentDays(schedule, middle, today),
        );
      }),
    );
  });

  test('additive across items before rounding: two residuals with the same dates, rounded apart, differ from the rounded sum by at most 1', () => {
    // The unrounded interests add exactly (R1 × Σ + R2 × Σ = (R1 + R2) × Σ); each rounding moves a value by
    // at most ½, so round(a + b) − round(a) − round(b) is an integer of magnitude < 1.5, hence ≤ 1.
    fc.assert(
      fc.property(ratesArb, residualArb, residualArb, dayArb, dayArb, (rates, r1, r2, dueDate, today) => {
        const schedule = rateSchedule(rates);
        const apart = itemInterest(r1, dueDate, today, schedule) + itemInterest(r2, dueDate, today, schedule);
        const together = itemInterest(r1 + r2, dueDate, today, schedule);
        const gap = together - apart;
        expect(gap >= -1n && gap <= 1n).toBe(true);
      }),
    );
  });
});

// --- The plan: a communication's interest is the sum of its items', its indemnity follows ownership ---

const LEVELS = [
  { id: 'L1', name: 'Estratto conto', kind: 'estratto_conto', days: 5 },
  { id: 'L2', name: 'Sollecito', kind: 'sollecito', days: 30 },
];

function setupWith(extra: Record<string, unknown>): Setup {
  const result = validateSetup({ levels: LEVELS, groupByCustomer: true, ...extra });
  if (!result.ok) throw new Error(result.error.map((p) => p.message).join('; '));
  return result.value;
}

const customer = (id: string, more: Partial<Customer> = {}): Customer => ({
  id,
  name: id,
  emails: [`${id.toLowerCase()}@example.it`],
  ...more,
});
const item = (id: string, dueDate: string, residual: number, more: Partial<OpenItem> = {}): OpenItem => ({
  id,
  customerId: 'C1',
  documentNumber: `FT ${id}`,
  documentDate: '2026-01-01',
  dueDate,
  residual: cents(residual),
  currency: 'EUR',
  ...more,
});

const input = (setup: Setup, items: OpenItem[], customers: Customer[] = [customer('C1')]): PlanInput => ({
  setup,
  today: '2026-05-01',
  customers,
  agents: [],
  items,
  ledger: [],
});

describe('the plan with lateInterest', () => {
  const LATE = { lateInterest: { rates: [{ from: '2026-01-01', percent: 10 }], flatIndemnity: 4000 } };

  test('without lateInterest the reminders carry neither field', () => {
    const plan = planReminders(input(setupWith({}), [item('I1', '2026-03-01', 365_000)]));
    expect(plan.communications).toHaveLength(1);
    expect(plan.communications[0]).not.toHaveProperty('interest');
    expect(plan.communications[0]).not.toHaveProperty('indemnity');
  });

  test('interest is the sum of the items’ own roundings; one indemnity per document, installments counted once', () => {
    // Both due 2026-04-21, today 2026-05-01: 10 days at 10 % → Σ = 10 000; each R × 10 000 / 3 650 000 = R / 365.
    // I1: 1825 / 365 = 5 exactly; I2: 548 / 365 = 1.501… → 2; I3 (same invoice as I2, other installment)
    // 182 / 365 = 0.4986… → 0. Interest 5 + 2 + 0 = 7 (rounding the sum 2555 / 365 = 7 agrees here).
    // Documents: FT I1 and FT 2 (I2, I3) → indemnity 2 × 4000 = 8000.
    const plan = planReminders(
      input(setupWith(LATE), [
        item('I1', '2026-04-21', 1825),
        item('I2', '2026-04-21', 548, { documentNumber: 'FT 2' }),
        item('I3', '2026-04-21', 182, { documentNumber: 'FT 2' }),
      ]),
    );
    expect(plan.communications.map((c) => [c.interest, c.indemnity])).toEqual([[7, 8000]]);
    const [communication] = plan.communications;
    if (communication === undefined) throw new Error('expected a communication');
    expect(totalDue(communication)).toBe(1825 + 548 + 182 + 7 + 8000);
  });

  test('rounding per item, not per communication: three items of 0.4986… cents each make 0, not 1', () => {
    // 182 / 365 = 0.4986… → 0 each; the sum 546 / 365 = 1.49… would round to 1 — the rule rounds each item.
    const plan = planReminders(
      input(setupWith(LATE), [
        item('I1', '2026-04-21', 182),
        item('I2', '2026-04-21', 182),
        item('I3', '2026-04-21', 182),
      ]),
    );
    expect(plan.communications[0]?.interest).toBe(0);
    expect(plan.communications[0]?.indemnity).toBe(12000);
  });

  test('an owner not charged shows 0, and the document is not charged elsewhere', () => {
    // FT 5 has a USD installment due 03-01 (level L2) and an EUR one due 04-20 (level L1): the USD e-mail
    // holds the earliest-due item, so it owns FT 5 and shows 0; the EUR e-mail charges interest only:
    // 11 days at 10 % on 365 000 → 365 000 × 11 000 / 3 650 000 = 1100.
    const plan = planReminders(
      input(setupWith(LATE), [
        item('I1', '2026-03-01', 365_000, { documentNumber: 'FT 5', currency: 'USD' }),
        item('I2', '2026-04-20', 365_000, { documentNumber: 'FT 5' }),
      ]),
    );
    expect(plan.communications.map((c) => [c.currency, c.interest, c.indemnity])).toEqual([
      ['USD', 0, 0],
      ['EUR', 1100, 0],
    ]);
  });

  test('a consumer and a non-EUR communication show 0 and 0', () => {
    const plan = planReminders(
      input(
        setupWith(LATE),
        [
          item('I1', '2026-03-01', 365_000, { customerId: 'P1' }),
          item('I2', '2026-03-01', 365_000, { currency: 'USD' }),
        ],
        [customer('C1'), customer('P1', { consumer: true })],
      ),
    );
    expect(plan.communications.map((c) => [c.customerId, c.currency, c.interest, c.indemnity])).toEqual([
      ['P1', 'EUR', 0, 0],
      ['C1', 'USD', 0, 0],
    ]);
  });

  test('ownedDocuments: the earliest-due overdue item decides, then the smaller id in plain string order', () => {
    const plan = planReminders(
      input(setupWith(LATE), [
        // Same document FT 9 in two communications (L1 and L2): I20 is due earlier → L2's e-mail owns it.
        item('I10', '2026-04-20', 1000, { documentNumber: 'FT 9' }),
        item('I20', '2026-03-20', 1000, { documentNumber: 'FT 9' }),
        // Same due date, ids 'I100' < 'I99' in plain string order: I100's communication owns FT 8.
        item('I99', '2026-04-20', 1000, { documentNumber: 'FT 8' }),
        item('I100', '2026-04-20', 1000, { documentNumber: 'FT 8' }),
      ]),
    );
    // Communications in the order their first item is met: L1 (I10, I99, I100) owns FT 8, L2 (I20) owns FT 9.
    expect(plan.communications.map((c) => c.levelId)).toEqual(['L1', 'L2']);
    expect(ownedDocuments(plan.communications, '2026-05-01')).toEqual([1, 1]);
    // On the due date itself nothing is overdue: no document is owned.
    expect(ownedDocuments(plan.communications, '2026-03-20')).toEqual([0, 0]);
    const split = planReminders(
      input(setupWith(LATE), [
        item('I10', '2026-04-20', 1000, { documentNumber: 'FT 9' }),
        item('I20', '2026-03-20', 1000, { documentNumber: 'FT 9' }),
      ]),
    );
    expect(split.communications.map((c) => [c.levelId, c.indemnity])).toEqual([
      ['L1', 0],
      ['L2', 4000],
    ]);
  });

  test('an interest past 2^53 − 1 leaves that communication out as amount_overflow; the rest is planned and owns again', () => {
    // I1: 9 × 10^12 for 120 days at 100 000 000 % is far beyond 2^53; I2 (same document, later due, its own
    // communication at level L1) then owns the document.
    const setup = setupWith({
      lateInterest: { rates: [{ from: '2026-01-01', percent: 100_000_000 }], flatIndemnity: 4000 },
    });
    const plan = planReminders(
      input(setup, [
        item('I1', '2026-01-01', 9_000_000_000_000, { documentNumber: 'FT 1' }),
        item('I2', '2026-04-25', 1, { documentNumber: 'FT 1' }),
      ]),
    );
    expect(plan.skipped).toEqual([{ itemId: 'I1', reason: 'amount_overflow' }]);
    expect(plan.communications.map((c) => [c.levelId, c.indemnity])).toEqual([['L1', 4000]]);
  });

  test('withLateInterest leaves a plan alone when the setup has no lateInterest', () => {
    const setup = setupWith({});
    const plan = { communications: [], skipped: [] };
    expect(withLateInterest(plan, input(setup, []))).toBe(plan);
  });
});

describe('properties of a whole plan', () => {
  const documentArb = fc.constantFrom('FT 1', 'FT 2', 'FT 3');
  const itemArb = fc.record({
    customerId: fc.constantFrom('C1', 'C2', 'P1'),
    documentNumber: documentArb,
    dueDate: fc.integer({ min: -60, max: 20 }).map((n) => addDays('2026-05-01', n)),
    residual: fc.integer({ min: 1, max: 1_000_000 }),
    currency: fc.constantFrom('EUR', 'EUR', 'USD'),
  });
  const bookArb = fc.record({
    items: fc.array(itemArb, { minLength: 1, maxLength: 12 }),
    groupByCustomer: fc.boolean(),
    minimumAmount: fc.constantFrom(0, 0, 300_000),
  });

  test('each overdue document of the proposed reminders is owned exactly once; interest is the sum of the items’ own; the uncharged show 0', () => {
    fc.assert(
      fc.property(bookArb, ({ items, groupByCustomer, minimumAmount }) => {
        const setup = setupWith({
          groupByCustomer,
          minimumAmount,
          lateInterest: { rates: [{ from: '2026-01-01', percent: 10.15 }], flatIndemnity: 4000 },
        });
        const book = items.map(({ residual, ...raw }, i) => item(`I${i}`, raw.dueDate, residual, raw));
        const plan = planReminders(
          input(setup, book, [customer('C1'), customer('C2'), customer('P1', { consumer: true })]),
        );
        const schedule = rateSchedule(setup.lateInterest?.rates ?? []);
        const overdueDocuments = new Set(
          plan.communications.flatMap((c) =>
            c.lines
              .filter((l) => l.item.dueDate < '2026-05-01')
              .map((l) => `${l.item.customerId}|${l.item.documentNumber}`),
          ),
        );
        const owned = ownedDocuments(plan.communications, '2026-05-01');
        expect(owned.reduce((a, b) => a + b, 0)).toBe(overdueDocuments.size);
        plan.communications.forEach((c, index) => {
          const charged = c.currency === 'EUR' && c.customerId !== 'P1';
          const interest = c.lines.reduce(
            (sum, { item: it }) => sum + itemInterest(it.residual, it.dueDate, '2026-05-01', schedule),
            0n,
          );
          expect(c.interest).toBe(charged ? Number(interest) : 0);
          expect(c.indemnity).toBe(charged ? 4000 * (owned[index] as number) : 0);
        });
      }),
    );
  });
});
