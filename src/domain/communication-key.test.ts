import { createHash } from 'node:crypto';
import { aCustomer, anItem, aSetup } from '../../test/builders/domain';
import {
  communicationKey,
  communicationKeyOfTriples,
  decodeItemCycles,
  encodeItemCycles,
  keyOfCommunication,
  keyOfItems,
  sortItemCycles,
} from './communication-key';
import { planReminders } from './plan-reminders';
import { sha256Hex } from './sha256';

describe('SHA-256', () => {
  test.each([
    '',
    'abc',
    'a'.repeat(55),
    'a'.repeat(56),
    'a'.repeat(64),
    'x'.repeat(1000),
    'Società «Più» €—✓ 😀',
  ])('matches Node for %#', (text) => {
    expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
  });

  test('the FIPS 180-4 example', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('the communication key', () => {
  test('does not depend on the order of the items', () => {
    expect(
      communicationKey('L2', [
        ['I2', 0],
        ['I1', 0],
      ]),
    ).toBe(
      communicationKey('L2', [
        ['I1', 0],
        ['I2', 0],
      ]),
    );
  });

  test('changes with the level, an item, or a cycle', () => {
    const key = communicationKey('L3', [['I1', 1]]);
    expect(communicationKey('L2', [['I1', 1]])).not.toBe(key);
    expect(communicationKey('L3', [['I2', 1]])).not.toBe(key);
    expect(communicationKey('L3', [['I1', 2]])).not.toBe(key);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
  });

  test('cannot be forged by ids that contain separators', () => {
    expect(communicationKey('L1', [['a","b', 0]])).not.toBe(
      communicationKey('L1', [
        ['a', 0],
        ['b', 0],
      ]),
    );
  });
});

describe('the key under onePerCustomer (docs/rules.md §1.27, §1.31)', () => {
  test('is SHA-256 of the level id and the sorted (item id, item level id, cycle) triples', () => {
    const expected = createHash('sha256')
      .update('["L3",[["I1","L2",0],["I2","L3",1]]]', 'utf8')
      .digest('hex');
    expect(
      communicationKeyOfTriples('L3', [
        ['I2', 'L3', 1],
        ['I1', 'L2', 0],
      ]),
    ).toBe(expected);
  });

  test("changes with an item's own level, and differs from the pair key of the same items", () => {
    const key = communicationKeyOfTriples('L3', [
      ['I1', 'L2', 0],
      ['I2', 'L3', 0],
    ]);
    expect(
      communicationKeyOfTriples('L3', [
        ['I1', 'L3', 0],
        ['I2', 'L3', 0],
      ]),
    ).not.toBe(key);
    expect(
      communicationKey('L3', [
        ['I1', 0],
        ['I2', 0],
      ]),
    ).not.toBe(key);
  });

  test('a planned communication keeps the pair key with the option off, and takes the triple key with it on', () => {
    const raw = { groupByCustomer: true, onePerCustomer: true };
    const items = [anItem({ id: 'I1', dueDate: '2026-02-28' }), anItem({ id: 'I2', dueDate: '2026-02-10' })];
    const [combined] = planReminders({
      setup: aSetup(raw),
      today: '2026-03-15',
      customers: [aCustomer()],
      agents: [],
      items,
      ledger: [],
    }).communications;
    if (combined === undefined) throw new Error('the plan proposes the combined communication');
    expect(combined.levelId).toBe('L3');
    expect(keyOfCommunication(combined, true)).toBe(
      communicationKeyOfTriples('L3', [
        ['I1', 'L2', 0],
        ['I2', 'L3', 0],
      ]),
    );
    expect(keyOfCommunication(combined, false)).toBe(
      communicationKey('L3', [
        ['I1', 0],
        ['I2', 0],
      ]),
    );
  });
});

describe('the compact item list', () => {
  test('is sorted by item id in plain string order, then cycle, and round-trips', () => {
    const pairs = sortItemCycles([
      ['I9', 0],
      ['I10', 2],
      ['I10', 1],
    ]);
    expect(pairs).toEqual([
      ['I10', 1],
      ['I10', 2],
      ['I9', 0],
    ]);
    expect(encodeItemCycles(pairs)).toBe('[["I10",1],["I10",2],["I9",0]]');
    expect(decodeItemCycles(encodeItemCycles(pairs))).toEqual(pairs);
  });

  test('refuses anything that is not a list of pairs', () => {
    expect(() => decodeItemCycles('{"I1":0}')).toThrow('JSON array');
    expect(() => decodeItemCycles('[["I1",-1]]')).toThrow('entry 0');
    expect(() => decodeItemCycles('[["I1"]]')).toThrow('entry 0');
  });
});

describe('the key of one communication per customer (docs/rules.md §3.11)', () => {
  test('is SHA-256 of the level id and the (item id, item level id, cycle) triples sorted by item id', () => {
    const key = communicationKeyOfTriples('L3', [
      ['I2', 'L3', 0],
      ['I1', 'L2', 1],
    ]);
    expect(key).toBe(
      createHash('sha256').update('["L3",[["I1","L2",1],["I2","L3",0]]]', 'utf8').digest('hex'),
    );
    // Each item's level counts, and so does the communication's.
    expect(
      communicationKeyOfTriples('L3', [
        ['I1', 'L3', 1],
        ['I2', 'L3', 0],
      ]),
    ).not.toBe(key);
    expect(
      communicationKeyOfTriples('L2', [
        ['I1', 'L2', 1],
        ['I2', 'L3', 0],
      ]),
    ).not.toBe(key);
  });

  test('differs from the pairs key even when every item is at the communication level; pairs keys are unchanged', () => {
    const pairs = communicationKey('L2', [['I1', 0]]);
    expect(pairs).toBe(createHash('sha256').update('["L2",[["I1",0]]]', 'utf8').digest('hex'));
    expect(communicationKeyOfTriples('L2', [['I1', 'L2', 0]])).not.toBe(pairs);
    // A list carrying levels (item id, cycle, level) has the triples' key; a list of pairs the pairs' key.
    expect(keyOfItems('L2', [['I1', 0, 'L2']])).toBe(communicationKeyOfTriples('L2', [['I1', 'L2', 0]]));
    expect(keyOfItems('L2', [['I1', 0]])).toBe(pairs);
  });

  test('the item list carries each item level; the old list of pairs still reads', () => {
    const listed = encodeItemCycles([
      ['I2', 0, 'L3'],
      ['I1', 1, 'L2'],
    ]);
    expect(listed).toBe('[["I1",1,"L2"],["I2",0,"L3"]]');
    expect(decodeItemCycles(listed)).toEqual([
      ['I1', 1, 'L2'],
      ['I2', 0, 'L3'],
    ]);
    expect(decodeItemCycles('[["I1",0],["I2",1]]')).toEqual([
      ['I1', 0],
      ['I2', 1],
    ]);
    expect(() => decodeItemCycles('[["I1",0,"L2"],["I2",1]]')).toThrow('mixes');
    expect(() => decodeItemCycles('[["I1",0,""]]')).toThrow('entry 0');
    expect(() => decodeItemCycles('[["I1",0,7]]')).toThrow('entry 0');
  });
});
