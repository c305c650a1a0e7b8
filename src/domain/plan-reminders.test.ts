/**
 * The engine's rules, one sentence of docs/rules.md §1 a test. The plan fixtures pin the same rules at their
 * thresholds; these tests read as the spec does and exercise the parts fixtures do not show (attachments).
 */
import { aCustomer, anAgent, anEntry, anItem, aSetup } from '../../test/builders/domain';
import { documentsOf, planReminders, type PlanInput } from './plan-reminders';
import type { Customer, OpenItem } from './types';

const base: PlanInput = {
  setup: aSetup(),
  today: '2026-03-15',
  customers: [aCustomer()],
  agents: [anAgent()],
  items: [anItem()],
  ledger: [],
};
const plan = (overrides: Partial<PlanInput>) => planReminders({ ...base, ...overrides });
const due = (overrides: Partial<PlanInput>) =>
  plan(overrides).communications.map(
    (c) => `${c.levelId}:${c.lines.map((l) => `${l.item.id}#${l.cycle}`).join(',')}`,
  );

describe('current level', () => {
  //   Feb 18        Feb 28 (due)      Mar 15             Mar 30
  //   L1 (-10)      ·                 L2 (+15)           L3 (+30)
  test('is the highest level triggered (due date + days ≤ today)', () => {
    expect(due({ today: '2026-02-17' })).toEqual([]);
    expect(due({ today: '2026-02-18' })).toEqual(['L1:I1#0']);
    expect(due({ today: '2026-02-28' })).toEqual(['L1:I1#0']);
    expect(due({ today: '2026-03-15' })).toEqual(['L2:I1#0']);
    expect(due({ today: '2026-03-30' })).toEqual(['L3:I1#0']);
  });

  test('a level with days ≤ 0 ends on the due date: an overdue item waits for the first overdue level, not skipped', () => {
    expect(due({ today: '2026-03-01' })).toEqual([]);
    expect(due({ today: '2026-03-14' })).toEqual([]);
    expect(plan({ today: '2026-03-14', customers: [aCustomer({ blocked: true })] }).skipped).toEqual([]);
    const dayZero = aSetup({
      levels: [
        { id: 'P0', days: 0 },
        { id: 'L2', days: 15 },
      ],
    });
    expect(due({ setup: dayZero, today: '2026-02-28' })).toEqual(['P0:I1#0']);
    expect(due({ setup: dayZero, today: '2026-03-01' })).toEqual([]);
  });

  test('levels skipped while nobody ran the add-in are not sent late: only the current one, once', () => {
    const later = { today: '2026-04-10' };
    expect(due(later)).toEqual(['L3:I1#0']);
    expect(due({ ...later, ledger: [anEntry({ levelId: 'L3', sentOn: '2026-04-10' })] })).toEqual([]);
  });

  test('for bank-collected items, levels with days ≤ 0 do not exist', () => {
    const riba = {
      setup: aSetup({ autoCollectedPaymentMethods: ['riba', 'sdd'] }),
      items: [anItem({ paymentMethod: 'riba' })],
    };
    expect(due({ ...riba, today: '2026-02-18' })).toEqual([]);
    expect(due({ ...riba, today: '2026-03-15' })).toEqual(['L2:I1#0']);
    expect(due({ ...riba, items: [anItem({ paymentMethod: 'bonifico' })], today: '2026-02-18' })).toEqual([
      'L1:I1#0',
    ]);
  });
});

describe('due', () => {
  test('an entry at the current level or a later one means already reminded, whatever its state', () => {
    for (const state of ['sent', 'drafted', 'handled'] as const) {
      expect(due({ ledger: [anEntry({ levelId: 'L2', sentOn: '2026-03-15', state })] })).toEqual([]);
      expect(due({ ledger: [anEntry({ levelId: 'L3', sentOn: '2026-03-01', state })] })).toEqual([]);
    }
    expect(due({ ledger: [anEntry({ levelId: 'L1' })] })).toEqual(['L2:I1#0']);
  });

  //   L3 sent Mar 30 (cycle 0) ─ 30 days ─► Apr 29: cycle 1 due
  test('the last level recurs every r days after its latest send, with the next cycle', () => {
    const ledger = [anEntry({ levelId: 'L3', cycle: 0, sentOn: '2026-03-30' })];
    expect(due({ ledger, today: '2026-04-28' })).toEqual([]);
    expect(due({ ledger, today: '2026-04-29' })).toEqual(['L3:I1#1']);
  });

  test('a long pause yields one recurrence, not one per missed period', () => {
    expect(
      due({ ledger: [anEntry({ levelId: 'L3', cycle: 0, sentOn: '2026-03-30' })], today: '2026-12-31' }),
    ).toEqual(['L3:I1#1']);
  });

  test('recurMaxCount caps how many times the level is repeated after its first send', () => {
    const setup = aSetup({
      levels: [
        { id: 'L1', days: -10 },
        { id: 'L3', days: 30, recurEveryDays: 30, recurMaxCount: 2 },
      ],
    });
    const sent = (cycle: number, sentOn: string) => anEntry({ levelId: 'L3', cycle, sentOn });
    expect(
      due({ setup, today: '2026-06-30', ledger: [sent(0, '2026-03-30'), sent(1, '2026-04-29')] }),
    ).toEqual(['L3:I1#2']);
    expect(
      due({
        setup,
        today: '2026-06-30',
        ledger: [sent(0, '2026-03-30'), sent(1, '2026-04-29'), sent(2, '2026-05-29')],
      }),
    ).toEqual([]);
  });

  test('minDaysBetween holds an item back after any entry, even of a level no longer in the setup, without skipping it', () => {
    const setup = aSetup({ minDaysBetween: 10 });
    const ledger = [anEntry({ levelId: 'OLD', sentOn: '2026-03-06' })];
    expect(plan({ setup, ledger, today: '2026-03-15' })).toEqual({ communications: [], skipped: [] });
    expect(due({ setup, ledger, today: '2026-03-16' })).toEqual(['L2:I1#0']);
    expect(due({ ledger })).toEqual(['L2:I1#0']); // an unknown level counts for nothing else
  });

  test('paid items and credit notes never take part', () => {
    expect(
      plan({ items: [anItem({ residual: 0 }), anItem({ id: 'NC', residual: -5000 })], customers: [] }),
    ).toEqual({
      communications: [],
      skipped: [],
    });
  });
});

describe('eligibility', () => {
  test('a due item that cannot be reminded is skipped with the first reason that applies', () => {
    const skipped = (customers = base.customers, items = base.items) => plan({ customers, items }).skipped;
    expect(skipped([])).toEqual([{ itemId: 'I1', reason: 'unknown_customer' }]);
    expect(skipped([aCustomer({ blocked: true, emails: [] })], [anItem({ disputed: true })])).toEqual([
      { itemId: 'I1', reason: 'blocked' },
    ]);
    expect(skipped(base.customers, [anItem({ disputed: true })])).toEqual([
      { itemId: 'I1', reason: 'disputed' },
    ]);
    expect(skipped([aCustomer({ emails: ['not-an-address'], pec: 'rossi@pec.it' })])).toEqual([
      { itemId: 'I1', reason: 'no_email' },
    ]);
  });

  test("a hold (the item's or its customer's, the later) skips a due item as on_hold, after disputed and before no_email", () => {
    const skipped = (customer: Partial<Customer>, item: Partial<OpenItem>) =>
      plan({ customers: [aCustomer(customer)], items: [anItem(item)] }).skipped;
    expect(skipped({}, { holdUntil: '2026-03-15', holdReason: 'promise' })).toEqual([
      { itemId: 'I1', reason: 'on_hold' },
    ]);
    expect(skipped({ holdUntil: '2026-03-15' }, { holdUntil: '2026-03-01' })).toEqual([
      { itemId: 'I1', reason: 'on_hold' },
    ]);
    expect(skipped({ holdUntil: '2026-03-01' }, { holdUntil: '2026-03-20' })).toEqual([
      { itemId: 'I1', reason: 'on_hold' },
    ]);
    expect(skipped({ emails: [] }, { holdUntil: '2026-03-15' })).toEqual([
      { itemId: 'I1', reason: 'on_hold' },
    ]);
    expect(skipped({}, { holdUntil: '2026-03-15', disputed: true })).toEqual([
      { itemId: 'I1', reason: 'disputed' },
    ]);
    expect(skipped({ holdUntil: '2026-03-15', blocked: true }, {})).toEqual([
      { itemId: 'I1', reason: 'blocked' },
    ]);
    expect(due({ items: [anItem({ holdUntil: '2026-03-14' })] })).toEqual(['L2:I1#0']);
  });

  test('an ineligible item that is not due is not reported', () => {
    expect(plan({ customers: [], today: '2026-01-01' }).skipped).toEqual([]);
  });
});

describe('communications', () => {
  const twoInvoices = [
    anItem({ id: 'I1', documentId: 'D1', documentNumber: 'FT 10', dueDate: '2026-02-28', residual: 1000 }),
    anItem({ id: 'I2', documentId: 'D2', documentNumber: 'FT 2', dueDate: '2026-02-28', residual: 2000 }),
    anItem({ id: 'I3', documentId: 'D2', documentNumber: 'FT 2', dueDate: '2026-02-27', residual: 500 }),
  ];

  test('grouped by customer, level and currency, items ordered by due date then document number as people read it', () => {
    const [communication, ...rest] = plan({
      setup: aSetup({ groupByCustomer: true }),
      items: twoInvoices,
    }).communications;
    expect(rest).toEqual([]);
    expect(communication?.lines.map((l) => l.item.id)).toEqual(['I3', 'I2', 'I1']);
    expect(communication?.total).toBe(3500);
  });

  test('one communication per item when not grouped', () => {
    expect(plan({ items: twoInvoices }).communications).toHaveLength(3);
  });

  test('attach one PDF per document: installments of one invoice share it', () => {
    const [communication] = plan({
      setup: aSetup({ groupByCustomer: true }),
      items: twoInvoices,
    }).communications;
    expect(communication && documentsOf(communication)).toEqual([
      { documentId: 'D2', documentNumber: 'FT 2' },
      { documentId: 'D1', documentNumber: 'FT 10' },
    ]);
  });

  test('below the minimum amount a communication is not proposed and its items are skipped', () => {
    const setup = aSetup({ groupByCustomer: true, minimumAmount: 3501 });
    expect(plan({ setup, items: twoInvoices })).toEqual({
      communications: [],
      skipped: [
        { itemId: 'I3', reason: 'below_minimum' },
        { itemId: 'I2', reason: 'below_minimum' },
        { itemId: 'I1', reason: 'below_minimum' },
      ],
    });
    expect(
      plan({ setup: aSetup({ groupByCustomer: true, minimumAmount: 3500 }), items: twoInvoices })
        .communications,
    ).toHaveLength(1);
  });

  test('a communication whose total is not a safe integer is skipped as amount_overflow; every other one is planned', () => {
    const setup = aSetup({ groupByCustomer: true });
    // Each residual is a safe integer; their sum (2^53 + 1) is not.
    const huge = 2 ** 52;
    const items = [
      anItem({ id: 'I1', documentNumber: 'FT 1', residual: huge }),
      anItem({ id: 'I2', documentNumber: 'FT 2', residual: huge + 1 }),
      anItem({ id: 'I3', customerId: 'C2', documentNumber: 'FT 3', residual: 1000 }),
      anItem({ id: 'I4', currency: 'USD', documentNumber: 'FT 4', residual: 2000 }),
    ];
    const customers = [aCustomer(), aCustomer({ id: 'C2', emails: ['conti@bianchi.it'] })];
    const result = plan({ setup, customers, items });
    expect(result.skipped).toEqual([
      { itemId: 'I1', reason: 'amount_overflow' },
      { itemId: 'I2', reason: 'amount_overflow' },
    ]);
    expect(result.communications.map((c) => [c.customerId, c.currency, c.total])).toEqual([
      ['C2', 'EUR', 1000],
      ['C1', 'USD', 2000],
    ]);
    // Not grouped, each item is its own communication with a safe total.
    expect(plan({ customers, items }).skipped).toEqual([]);
  });

  test('onePerCustomer: one communication per (customer, currency) at the highest level, each item at its own level', () => {
    const setup = aSetup({ groupByCustomer: true, onePerCustomer: true, minimumAmount: 3500 });
    const items = [
      anItem({ id: 'I1', dueDate: '2026-02-28', residual: 1000 }), // +15: L2
      anItem({ id: 'I2', dueDate: '2026-02-10', residual: 2000 }), // +33: L3
      anItem({ id: 'I3', dueDate: '2026-03-20', residual: 500 }), // -5: L1
      anItem({ id: 'I4', dueDate: '2026-02-10', residual: 9000, currency: 'USD' }),
    ];
    const result = plan({ setup, items });
    expect(
      result.communications.map((c) => [
        c.levelId,
        c.currency,
        c.total,
        c.lines.map((l) => `${l.item.id}:${l.levelId}#${l.cycle}`),
      ]),
    ).toEqual([
      ['L3', 'EUR', 3500, ['I2:L3#0', 'I1:L2#0', 'I3:L1#0']],
      ['L3', 'USD', 9000, ['I4:L3#0']],
    ]);
    expect(result.skipped).toEqual([]);
    // Without the option, the same items make one communication per level: each below 3500.
    expect(
      plan({ setup: aSetup({ groupByCustomer: true, minimumAmount: 3500 }), items }).communications.map(
        (c) => c.levelId,
      ),
    ).toEqual(['L3']);
  });

  test("CC: each item's own agent when it names one (even an unknown one), else the customer's, never one already in To", () => {
    const setup = aSetup({ groupByCustomer: true, ccAgent: true });
    const agents = [
      anAgent(),
      anAgent({ id: 'A2', email: ' Luca@Agenzia.it ' }),
      anAgent({ id: 'A3', email: 'AMMINISTRAZIONE@rossi.it' }),
    ];
    const items = [
      anItem({ id: 'I1', agentId: 'A2' }),
      anItem({ id: 'I2', agentId: 'GHOST' }),
      anItem({ id: 'I3' }),
      anItem({ id: 'I4', agentId: 'A3' }),
      anItem({ id: 'I5', agentId: 'a2' }),
    ];
    const [communication] = plan({ setup, agents, items }).communications;
    expect(communication?.cc).toEqual(['Luca@Agenzia.it', 'm.bianchi@example.it']);
    expect(plan({ agents, items }).communications.every((c) => c.cc.length === 0)).toBe(true);
  });
});
