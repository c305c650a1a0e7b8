/** The bad-record corpus: every malformed record is quarantined with its reason; the good ones go through. */
import { readRecords, readTombstones } from './records';

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
  ['an unknown currency', { ...goodItem, currency: 'EURO' }, 'currency'],
  ['a made-up currency', { ...goodItem, currency: 'QQQ' }, 'currency: is not a known ISO-4217 currency'],
  ['an unknown document type', { ...goodItem, documentType: 'receipt' }, 'documentType'],
  ['an empty id', { ...goodItem, id: '' }, 'id'],
  ['not an object', 'I1;C1;FT 1', ''],
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

test('a repeated id is quarantined: the first record wins', () => {
  const { records, quarantined } = readRecords('open-items', [goodItem, { ...goodItem, residual: 1 }]);
  expect(records).toHaveLength(1);
  expect(records[0]?.residual).toBe(61000);
  expect(quarantined[0]).toMatchObject({ recordId: 'I1', reason: expect.stringContaining('repeated') });
});

test('HTML and script in names are data, not errors: kept as typed (they are escaped where rendered)', () => {
  const hostile = { id: 'C1', name: '<img src=x onerror=alert(1)> & "Figli"', emails: ['a@b.it'], blocked: false };
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
  expect(readRecords('agents', [{ id: 'A1', name: 'Mario', email: 42 }]).quarantined[0]?.reason).toContain('email');
});

test('malformed tombstones are quarantined', () => {
  const { tombstones, quarantined } = readTombstones('open-items', [{ id: 'I1', reason: 'paid' }, { id: 'I2', reason: 'lost' }]);
  expect(tombstones).toEqual([{ id: 'I1', reason: 'paid' }]);
  expect(quarantined[0]).toMatchObject({ recordId: 'I2' });
});
