/** The bad-record corpus: every malformed record is quarantined with its reason; the good ones go through. */
import { MAX_ITEM_AMOUNT } from '../domain/money';
import { readLogRecords, readRecords, readTombstones, type QuarantinedRecord } from './records';
import { claimSchema, removedEntrySchema } from './wire';

const goodItem = {
  id: 'I1',
  customerId: 'C1',
  documentId: 'D1',
  documentNumber: 'FT 2026/000001',
  documentType: 'invoice',
  documentDate: '2026-01-10',
  dueDate: '2026-02-28',
  installment: 1,
  amount: 122000,
  residual: 61000,
  currency: 'EUR',
  paymentMethod: 'bonifico',
  agentId: null,
  disputed: false,
};

test.each([
  ['a wrong type', { ...goodItem, residual: '610.00' }, 'residual'],
  ['a missing field', { ...goodItem, dueDate: undefined }, 'dueDate'],
  ['an impossible date', { ...goodItem, dueDate: '2026-02-30' }, 'dueDate: must be a real date'],
  ['a date with a time', { ...goodItem, documentDate: '2026-01-10T00:00:00Z' }, 'documentDate'],
  ['a non-integer amount', { ...goodItem, residual: 610.5 }, 'residual'],
  ['a huge amount', { ...goodItem, amount: 2 ** 60 }, 'amount'],
  [
    'a residual over the contract cap',
    { ...goodItem, amount: MAX_ITEM_AMOUNT, residual: MAX_ITEM_AMOUNT + 1 },
    'residual: must be within ±9000000000000 minor units',
  ],
  [
    'a credit note beyond the contract cap',
    { ...goodItem, documentType: 'credit_note', amount: -MAX_ITEM_AMOUNT - 1, residual: -1 },
    'amount: must be within',
  ],
  ['an unknown currency', { ...goodItem, currency: 'EURO' }, 'currency'],
  ['a made-up currency', { ...goodItem, currency: 'QQQ' }, 'currency: is not a known ISO-4217 currency'],
  ['an unknown document type', { ...goodItem, documentType: 'receipt' }, 'documentType'],
  ['an empty id', { ...goodItem, id: '' }, 'id'],
  ['not an object', 'I1;C1;FT 1', ''],
  ['an impossible hold date', { ...goodItem, holdUntil: '2026-04-31' }, 'holdUntil: must be a real date'],
  ['a hold date with a time', { ...goodItem, holdUntil: '2026-04-30T00:00:00Z' }, 'holdUntil'],
  ['an unknown hold reason', { ...goodItem, holdUntil: '2026-04-30', holdReason: 'holiday' }, 'holdReason'],
])('an item with %s is quarantined with its reason, the rest goes on', (_case, bad, reason) => {
  const { records, quarantined } = readRecords('open-items', [goodItem, bad, { ...goodItem, id: 'I2' }]);
  expect(records.map((r) => r.id)).toEqual(['I1', 'I2']);
  expect(quarantined).toHaveLength(1);
  expect(quarantined[0]?.reason).toContain(reason);
  expect(quarantined[0]?.raw).toBe(bad);
});

test('good records are mapped to domain records: cents branded, nulls dropped', () => {
  const [item] = readRecords('open-items', [goodItem]).records;
  expect(item).toEqual({ ...goodItem, agentId: undefined, residual: 61000, amount: 122000 });
  expect(item && 'agentId' in item).toBe(false);
});

test('holds travel to the domain record: a date and a reason, a date alone, or nothing (null is absent)', () => {
  const { records, quarantined } = readRecords('open-items', [
    { ...goodItem, id: 'P', holdUntil: '2026-04-30', holdReason: 'promise' },
    { ...goodItem, id: 'Q', holdUntil: '2026-05-15', holdReason: 'pause' },
    { ...goodItem, id: 'R', holdUntil: '2026-05-15', holdReason: null },
    { ...goodItem, id: 'S', holdUntil: null, holdReason: null },
  ]);
  expect(quarantined).toEqual([]);
  expect(records.map((r) => [r.id, r.holdUntil, r.holdReason])).toEqual([
    ['P', '2026-04-30', 'promise'],
    ['Q', '2026-05-15', 'pause'],
    ['R', '2026-05-15', undefined],
    ['S', undefined, undefined],
  ]);
  expect(records[3] !== undefined && ('holdUntil' in records[3] || 'holdReason' in records[3])).toBe(false);
});

test('a customer carries its pause and whether it is a consumer; a bad one is quarantined alone', () => {
  const base = { name: 'Rossi Mario', emails: ['mario.rossi@example.it'], blocked: false };
  const { records, quarantined } = readRecords('customers', [
    { ...base, id: 'C1', holdUntil: '2026-04-30', consumer: true },
    { ...base, id: 'C2', holdUntil: null, consumer: false },
    { ...base, id: 'C3', holdUntil: '30/04/2026' },
    { ...base, id: 'C4', consumer: 'yes' },
    { ...base, id: 'C5' },
  ]);
  expect(records.map((r) => [r.id, r.holdUntil, r.consumer])).toEqual([
    ['C1', '2026-04-30', true],
    ['C2', undefined, false],
    ['C5', undefined, undefined],
  ]);
  expect(quarantined.map((q) => [q.recordId, q.reason.split(':')[0]])).toEqual([
    ['C3', 'holdUntil'],
    ['C4', 'consumer'],
  ]);
});

test('amounts up to the contract cap, either sign, are accepted', () => {
  const { records, quarantined } = readRecords('open-items', [
    { ...goodItem, amount: MAX_ITEM_AMOUNT, residual: MAX_ITEM_AMOUNT },
    {
      ...goodItem,
      id: 'I2',
      documentType: 'credit_note',
      amount: -MAX_ITEM_AMOUNT,
      residual: -MAX_ITEM_AMOUNT,
    },
  ]);
  expect(quarantined).toEqual([]);
  expect(records.map((r) => r.residual)).toEqual([MAX_ITEM_AMOUNT, -MAX_ITEM_AMOUNT]);
});

test('the reminder log: an entry, removal or claim with a malformed key is quarantined, the rest kept', () => {
  const key = 'a'.repeat(64);
  const quarantined: QuarantinedRecord[] = [];
  const claims = readLogRecords(
    claimSchema,
    'claim',
    [
      {
        key,
        levelId: 'L1',
        items: [{ itemId: 'I1', cycle: 0 }],
        owner: 'marta@example.it',
        claimedAt: '2026-03-15T09:30:00.000Z',
      },
      {
        key: 'A'.repeat(64),
        levelId: 'L1',
        items: [{ itemId: 'I2', cycle: 0 }],
        owner: 'marta@example.it',
        claimedAt: '2026-03-15T09:30:00.000Z',
      },
    ],
    quarantined,
  );
  const removed = readLogRecords(
    removedEntrySchema,
    'removed entry',
    [
      { key: `${key}\u0000`, itemId: 'I3' },
      { key, itemId: 'I4' },
    ],
    quarantined,
  );
  expect(claims.map((c) => c.key)).toEqual([key]);
  expect(removed).toEqual([{ key, itemId: 'I4' }]);
  expect(quarantined.map((q) => [q.resource, q.recordId, q.reason])).toEqual([
    ['reminder-log', 'A'.repeat(64), 'claim key: must be a communication key (64 lower-case hex digits)'],
    [
      'reminder-log',
      `${key}\u0000`,
      'removed entry key: must be a communication key (64 lower-case hex digits)',
    ],
  ]);
});

test('a repeated id is quarantined: the first record wins', () => {
  const { records, quarantined } = readRecords('open-items', [goodItem, { ...goodItem, residual: 1 }]);
  expect(records).toHaveLength(1);
  expect(records[0]?.residual).toBe(61000);
  expect(quarantined[0]).toMatchObject({ recordId: 'I1', reason: expect.stringContaining('repeated') });
});

test('HTML and script in names are data, not errors: kept as typed (they are escaped where rendered)', () => {
  const hostile = {
    id: 'C1',
    name: '<img src=x onerror=alert(1)> & "Figli"',
    emails: ['a@b.it'],
    blocked: false,
  };
  expect(readRecords('customers', [hostile]).records[0]?.name).toBe(hostile.name);
});

test('customers and agents are validated too', () => {
  const { records, quarantined } = readRecords('customers', [
    { id: 'C1', name: 'Rossi Srl', emails: ['a@rossi.it'], pec: null, blocked: false },
    { id: 'C2', name: 'Bianchi', emails: 'a@bianchi.it', blocked: false },
    { id: 'C3', name: '', emails: [], blocked: false },
  ]);
  expect(records.map((r) => r.id)).toEqual(['C1']);
  expect(quarantined.map((q) => [q.recordId, q.reason.split(':')[0]])).toEqual([
    ['C2', 'emails'],
    ['C3', 'name'],
  ]);
  expect(readRecords('agents', [{ id: 'A1', name: 'Mario', email: 42 }]).quarantined[0]?.reason).toContain(
    'email',
  );
});

test('malformed tombstones are quarantined', () => {
  const { tombstones, quarantined } = readTombstones('open-items', [
    { id: 'I1', reason: 'paid' },
    { id: 'I2', reason: 'lost' },
  ]);
  expect(tombstones).toEqual([{ id: 'I1', reason: 'paid' }]);
  expect(quarantined[0]).toMatchObject({ recordId: 'I2' });
});

test('a customer or agent whose address can never be a bare address is quarantined with the reason', () => {
  const hostile = [
    '"x"<evil@x.com>',
    '<evil@x.com>',
    'amm\u0000@rossi.it',
    'amm@ro\u200bssi.it',
    'amm@\u202eti.issor',
    'amm@rossi.it\u2069',
  ];
  const { records, quarantined } = readRecords('customers', [
    { id: 'C0', name: 'Rossi Srl', emails: [' ok@rossi.it\n', 'non valido'], blocked: false },
    ...hostile.map((address, n) => ({
      id: `C${n + 1}`,
      name: 'Rossi Srl',
      emails: ['ok@rossi.it', address],
      blocked: false,
    })),
  ]);
  // Trimmable white space and addresses the engine will simply not use are not the border's business.
  expect(records.map((r) => r.id)).toEqual(['C0']);
  expect(quarantined).toHaveLength(hostile.length);
  for (const q of quarantined) expect(q.reason).toMatch(/^emails\.1: must be a bare address/);

  const agents = readRecords('agents', [
    { id: 'A1', name: 'Bianchi', email: 'agente@x.it' },
    { id: 'A2', name: 'Verdi', email: '"Verdi" <agente@x.it>' },
  ]);
  expect(agents.records.map((a) => a.id)).toEqual(['A1']);
  expect(agents.quarantined[0]).toMatchObject({
    recordId: 'A2',
    reason: expect.stringMatching(/^email: must be a bare address/),
  });
});
