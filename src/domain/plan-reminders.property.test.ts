/**
 * Invariants of the planner over generated books (fast-check). The generators are tuned so most plans
 * are non-empty — the last test asserts that share, so an engine that plans nothing cannot pass.
 */
import fc from 'fast-check';
import { addDays } from './calendar';
import { cents } from './money';
import { planReminders, type Plan, type PlanInput } from './plan-reminders';
import { validateSetup } from './setup';
import type { Agent, Customer, LedgerEntry, OpenItem } from './types';

const TODAY = '2026-06-15';
/** Mostly usable address lists, with the traps of docs/rules.md §1.21–1.22: case duplicates, spaces, invalid ones, none. */
const ADDRESS_LISTS = [
  ['a@rossi.it'],
  ['B@Rossi.it', 'b@rossi.it', ' c@bianchi.com '],
  ['not-an-address', 'a@rossi.it'],
  ['amministrazione@verdi.it'],
  [],
  ['x@@y.it'],
];
/** True about one time in `n`. */
const rarely = (n: number) => fc.integer({ min: 1, max: n }).map((k) => k === 1);
/** A hold date offset from today about one time in six, else none. */
const sometimes = <T>(value: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight: 5 }, { arbitrary: value, weight: 1 });

interface Book {
  readonly rawSetup: Record<string, unknown>;
  readonly input: PlanInput;
}

const bookArbitrary: fc.Arbitrary<Book> = fc
  .record({
    levelDays: fc.uniqueArray(fc.integer({ min: -20, max: 90 }), { minLength: 1, maxLength: 4 }),
    recurEveryDays: fc.option(fc.integer({ min: 1, max: 40 }), { nil: undefined }),
    recurMaxCount: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
    minDaysBetween: fc.integer({ min: 0, max: 10 }),
    minimumAmount: fc.constantFrom(0, 0, 500, 5000),
    groupByCustomer: fc.boolean(),
    onePerCustomer: fc.boolean(),
    ccAgent: fc.boolean(),
    bankCollected: fc.boolean(),
    customers: fc.array(
      fc.record({
        emails: fc.constantFrom(...ADDRESS_LISTS),
        blocked: rarely(6),
        agent: fc.constantFrom(undefined, 'A1', 'A2', 'A9'),
        hold: sometimes(fc.integer({ min: -3, max: 3 })),
      }),
      { minLength: 3, maxLength: 5 },
    ),
    items: fc.array(
      fc.record({
        customer: fc.integer({ min: 0, max: 5 }),
        dueOffset: fc.integer({ min: -30, max: 150 }),
        residual: fc.oneof(
          { arbitrary: fc.integer({ min: 1, max: 500_000 }), weight: 6 },
          { arbitrary: fc.constantFrom(0, -1000), weight: 1 },
        ),
        currency: fc.constantFrom('EUR', 'EUR', 'USD'),
        disputed: rarely(6),
        paymentMethod: fc.constantFrom(undefined, 'bonifico', 'riba'),
        agent: fc.constantFrom(undefined, undefined, 'A1', 'A2', 'GHOST'),
        document: fc.integer({ min: 1, max: 20 }),
        hold: sometimes(fc.integer({ min: -3, max: 3 })),
      }),
      { minLength: 6, maxLength: 25 },
    ),
    ledger: fc.array(
      fc.record({
        item: fc.integer({ min: 0, max: 24 }),
        level: fc.integer({ min: 0, max: 4 }),
        cycle: fc.integer({ min: 0, max: 3 }),
        ago: fc.integer({ min: 0, max: 45 }),
      }),
      { maxLength: 20 },
    ),
  })
  .map((g): Book => {
    const levels = g.levelDays.map((days, i) => ({
      id: `L${i}`,
      name: `Level ${i}`,
      kind: 'sollecito',
      days,
    }));
    const last = levels.reduce((a, b) => (b.days > a.days ? b : a));
    // A last level on or before the due date may not recur (docs/rules.md §1.29).
    const recurEveryDays = last.days > 0 ? g.recurEveryDays : undefined;
    const lastWithRecursion = {
      ...last,
      recurEveryDays,
      recurMaxCount: recurEveryDays === undefined ? undefined : g.recurMaxCount,
    };
    const rawSetup = {
      levels: levels.map((l) => (l === last ? lastWithRecursion : l)),
      minDaysBetween: g.minDaysBetween,
      minimumAmount: g.minimumAmount,
      groupByCustomer: g.groupByCustomer,
      // onePerCustomer needs groupByCustomer (docs/rules.md §1.31).
      onePerCustomer: g.groupByCustomer && g.onePerCustomer,
      ccAgent: g.ccAgent,
      autoCollectedPaymentMethods: g.bankCollected ? ['riba', 'sdd'] : [],
    };
    const setup = validateSetup(rawSetup);
    if (!setup.ok) throw new Error(`generator made an invalid setup: ${JSON.stringify(setup.error)}`);
    const customers: Customer[] = g.customers.map((c, i) => ({
      id: `C${i}`,
      name: `Cliente ${i}`,
      emails: c.emails,
      blocked: c.blocked,
      ...(c.agent !== undefined ? { agentId: c.agent } : {}),
      ...(c.hold !== undefined ? { holdUntil: addDays(TODAY, c.hold) } : {}),
    }));
    const agents: Agent[] = [
      { id: 'A1', name: 'Uno', email: 'uno@agenti.it' },
      { id: 'A2', name: 'Due', email: 'A@ROSSI.IT' },
      { id: 'A3', name: 'Tre' },
    ];
    const items: OpenItem[] = g.items.map((it, i) => ({
      id: `I${i}`,
      customerId: `C${it.customer}`, // C5 may not exist: unknown customer
      documentId: `D${it.document}`,
      documentNumber: `FT ${it.document}`,
      documentDate: addDays(TODAY, it.dueOffset - 60),
      dueDate: addDays(TODAY, -it.dueOffset),
      residual: cents(it.residual),
      currency: it.currency,
      disputed: it.disputed,
      ...(it.paymentMethod !== undefined ? { paymentMethod: it.paymentMethod } : {}),
      ...(it.agent !== undefined ? { agentId: it.agent } : {}),
      ...(it.hold !== undefined
        ? { holdUntil: addDays(TODAY, it.hold), holdReason: 'promise' as const }
        : {}),
    }));
    const ledger: LedgerEntry[] = g.ledger.map((e) => ({
      itemId: `I${e.item}`,
      levelId: e.level < levels.length ? `L${e.level}` : 'DELETED',
      cycle: e.cycle,
      sentOn: addDays(TODAY, -e.ago),
      state: 'sent',
    }));
    return { rawSetup, input: { setup: setup.value, today: TODAY, customers, agents, items, ledger } };
  });

/** The plan as a canonical, order-free value: communications and skipped entries as sorted strings. */
function canonical(plan: Plan): { communications: string[]; skipped: string[] } {
  return {
    communications: plan.communications
      .map((c) =>
        JSON.stringify([
          c.customerId,
          c.levelId,
          c.currency,
          c.total,
          c.to,
          c.cc,
          c.lines.map((l) => [l.item.id, l.levelId, l.cycle]),
        ]),
      )
      .sort(),
    skipped: plan.skipped.map((s) => `${s.itemId}:${s.reason}`).sort(),
  };
}

/** A deliberately naive reading of docs/rules.md §1.12–1.16 and §1.29: the (level, cycle) an item is due for, or undefined. */
function referenceDue(input: PlanInput, item: OpenItem): { levelId: string; cycle: number } | undefined {
  const { setup, today } = input;
  if (item.residual <= 0) return undefined;
  const bank =
    item.paymentMethod !== undefined && setup.autoCollectedPaymentMethods.includes(item.paymentMethod);
  // A level with days ≤ 0 is triggered only from D + days up to D itself, and never for bank-collected items.
  const triggered = setup.levels.filter(
    (l) => addDays(item.dueDate, l.days) <= today && !(l.days <= 0 && (bank || today > item.dueDate)),
  );
  const current = triggered[triggered.length - 1];
  if (current === undefined) return undefined;
  const entries = input.ledger.filter((e) => e.itemId === item.id);
  const latest = entries
    .map((e) => e.sentOn)
    .sort()
    .pop();
  if (latest !== undefined && today < addDays(latest, setup.minDaysBetween)) return undefined;
  const daysOf = (levelId: string) => setup.levels.find((l) => l.id === levelId)?.days;
  const atOrAfter = entries.filter((e) => (daysOf(e.levelId) ?? -Infinity) >= current.days);
  if (atOrAfter.length === 0) return { levelId: current.id, cycle: 0 };
  const isLast = current === setup.levels[setup.levels.length - 1];
  if (!isLast || current.recurEveryDays === undefined) return undefined;
  const atLevel = entries.filter((e) => e.levelId === current.id);
  const c = Math.max(...atLevel.map((e) => e.cycle));
  const s = atLevel
    .map((e) => e.sentOn)
    .sort()
    .pop() as string;
  if (addDays(s, current.recurEveryDays) > today) return undefined;
  if (current.recurMaxCount !== undefined && c + 1 > current.recurMaxCount) return undefined;
  return { levelId: current.id, cycle: c + 1 };
}

const runs = { numRuns: 300 };

test('every due item is in exactly one communication, or skipped once; nothing else is planned', () => {
  fc.assert(
    fc.property(bookArbitrary, ({ input }) => {
      const plan = planReminders(input);
      const planned = plan.communications.flatMap((c) =>
        c.lines.map((l) => `${l.item.id}:${l.levelId}:${l.cycle}`),
      );
      const skippedIds = plan.skipped.map((s) => s.itemId);
      expect(new Set([...planned.map((p) => p.split(':')[0]), ...skippedIds]).size).toBe(
        planned.length + skippedIds.length,
      );
      const expected = input.items.flatMap((item) => {
        const due = referenceDue(input, item);
        return due === undefined ? [] : [`${item.id}:${due.levelId}:${due.cycle}`];
      });
      const skippedDue = expected.filter((key) => skippedIds.includes(key.split(':')[0] as string));
      expect([...planned].sort()).toEqual(expected.filter((key) => !skippedDue.includes(key)).sort());
    }),
    runs,
  );
});

/** docs/rules.md §1.11 and §1.30: the first reason that applies to an item that would be due, or undefined. */
function referenceReason(input: PlanInput, item: OpenItem): string | undefined {
  const customer = input.customers.find((c) => c.id === item.customerId);
  if (customer === undefined) return 'unknown_customer';
  if (customer.blocked === true) return 'blocked';
  if (item.disputed === true) return 'disputed';
  const holds = [item.holdUntil, customer.holdUntil].filter((d): d is string => d !== undefined);
  if (holds.some((d) => input.today <= d)) return 'on_hold';
  if (
    !customer.emails.some(
      (e) => /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(e.trim()) && !/^[^@]*@\.|\.$/.test(e.trim()),
    )
  )
    return 'no_email';
  return undefined;
}

test('a due item that is not eligible is skipped with the first reason that applies, holds in their place', () => {
  fc.assert(
    fc.property(bookArbitrary, ({ input }) => {
      const plan = planReminders(input);
      const eligibility = new Set(['unknown_customer', 'blocked', 'disputed', 'on_hold', 'no_email']);
      const got = plan.skipped.filter((s) => eligibility.has(s.reason)).map((s) => `${s.itemId}:${s.reason}`);
      const want = input.items.flatMap((item) => {
        const reason = referenceDue(input, item) === undefined ? undefined : referenceReason(input, item);
        return reason === undefined ? [] : [`${item.id}:${reason}`];
      });
      expect(got.sort()).toEqual(want.sort());
    }),
    runs,
  );
});

test('with onePerCustomer every due item is in exactly one communication per (customer, currency), at the level it would have alone', () => {
  fc.assert(
    fc.property(bookArbitrary, ({ rawSetup, input }) => {
      const setup = validateSetup({ ...rawSetup, groupByCustomer: true, onePerCustomer: true });
      if (!setup.ok) throw new Error('onePerCustomer with groupByCustomer is a valid setup');
      const book = { ...input, setup: setup.value };
      const plan = planReminders(book);
      const daysOf = new Map(setup.value.levels.map((l) => [l.id, l.days] as const));
      const groups = plan.communications.map((c) => `${c.customerId}|${c.currency}`);
      expect(new Set(groups).size).toBe(groups.length);
      for (const c of plan.communications) {
        const highest = Math.max(...c.lines.map((l) => daysOf.get(l.levelId) as number));
        expect(daysOf.get(c.levelId)).toBe(highest);
        for (const l of c.lines)
          expect(l.item.customerId === c.customerId && l.item.currency === c.currency).toBe(true);
      }
      const appearances = [
        ...plan.communications.flatMap((c) => c.lines.map((l) => `${l.item.id}:${l.levelId}:${l.cycle}`)),
        ...plan.skipped.map((s) => {
          const due = referenceDue(book, book.items.find((i) => i.id === s.itemId) as OpenItem);
          return `${s.itemId}:${due?.levelId ?? '-'}:${due?.cycle ?? '-'}`;
        }),
      ];
      const expected = book.items.flatMap((item) => {
        const due = referenceDue(book, item);
        return due === undefined ? [] : [`${item.id}:${due.levelId}:${due.cycle}`];
      });
      expect(appearances.sort()).toEqual(expected.sort());
    }),
    runs,
  );
});

test("a communication's total is the sum of its items' open amounts, and at least the minimum", () => {
  fc.assert(
    fc.property(bookArbitrary, ({ input }) => {
      for (const c of planReminders(input).communications) {
        expect(c.total).toBe(c.lines.reduce((sum, l) => sum + l.item.residual, 0));
        expect(c.total).toBeGreaterThanOrEqual(input.setup.minimumAmount);
      }
    }),
    runs,
  );
});

test('recording the plan in the ledger and planning again the same day proposes nothing', () => {
  fc.assert(
    fc.property(bookArbitrary, fc.constantFrom('sent', 'drafted', 'handled'), ({ input }, state) => {
      const first = planReminders(input);
      const recorded = first.communications.flatMap((c) =>
        c.lines.map((l): LedgerEntry => ({
          itemId: l.item.id,
          levelId: l.levelId,
          cycle: l.cycle,
          sentOn: input.today,
          state,
        })),
      );
      expect(planReminders({ ...input, ledger: [...input.ledger, ...recorded] }).communications).toEqual([]);
    }),
    runs,
  );
});

test('the plan does not depend on the order of items, customers, agents or levels', () => {
  fc.assert(
    fc.property(bookArbitrary, fc.integer(), ({ rawSetup, input }, seed) => {
      const shuffle = <T>(values: readonly T[]): T[] => {
        const copy = [...values];
        let s = seed;
        for (let i = copy.length - 1; i > 0; i--) {
          s = (s * 1103515245 + 12345) & 0x7fffffff;
          const j = s % (i + 1);
          [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
        }
        return copy;
      };
      const setup = validateSetup({ ...rawSetup, levels: shuffle(rawSetup.levels as unknown[]) });
      if (!setup.ok) throw new Error('shuffled setup became invalid');
      const shuffled = {
        ...input,
        setup: setup.value,
        items: shuffle(input.items),
        customers: shuffle(input.customers),
        agents: shuffle(input.agents),
        ledger: shuffle(input.ledger),
      };
      expect(canonical(planReminders(shuffled))).toEqual(canonical(planReminders(input)));
    }),
    runs,
  );
});

test('moving every date by the same number of days changes nothing', () => {
  fc.assert(
    fc.property(bookArbitrary, fc.integer({ min: -4000, max: 4000 }), ({ input }, shift) => {
      const moved: PlanInput = {
        ...input,
        today: addDays(input.today, shift),
        items: input.items.map((i) => ({
          ...i,
          dueDate: addDays(i.dueDate, shift),
          documentDate: addDays(i.documentDate, shift),
          ...(i.holdUntil !== undefined ? { holdUntil: addDays(i.holdUntil, shift) } : {}),
        })),
        customers: input.customers.map((c) =>
          c.holdUntil !== undefined ? { ...c, holdUntil: addDays(c.holdUntil, shift) } : c,
        ),
        ledger: input.ledger.map((e) => ({ ...e, sentOn: addDays(e.sentOn, shift) })),
      };
      expect(canonical(planReminders(moved))).toEqual(canonical(planReminders(input)));
    }),
    runs,
  );
});

test('the generated books make non-empty plans in most cases', () => {
  const samples = fc.sample(bookArbitrary, { numRuns: 500, seed: 42 });
  const nonEmpty = samples.filter(({ input }) => planReminders(input).communications.length > 0).length;
  expect(nonEmpty / samples.length).toBeGreaterThan(0.6);
});
