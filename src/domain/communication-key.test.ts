import { createHash } from 'node:crypto';
import { communicationKey, decodeItemCycles, encodeItemCycles, sortItemCycles } from './communication-key';
import { sha256Hex } from './sha256';

describe('SHA-256', () => {
  test.each(['', 'abc', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(64), 'x'.repeat(1000), 'Società «Più» €—✓ 😀'])(
    'matches Node for %#',
    (text) => {
      expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    },
  );

  test('the FIPS 180-4 example', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('the communication key', () => {
  test('does not depend on the order of the items', () => {
    expect(communicationKey('L2', [['I2', 0], ['I1', 0]])).toBe(communicationKey('L2', [['I1', 0], ['I2', 0]]));
  });

  test('changes with the level, an item, or a cycle', () => {
    const key = communicationKey('L3', [['I1', 1]]);
    expect(communicationKey('L2', [['I1', 1]])).not.toBe(key);
    expect(communicationKey('L3', [['I2', 1]])).not.toBe(key);
    expect(communicationKey('L3', [['I1', 2]])).not.toBe(key);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
  });

  test('cannot be forged by ids that contain separators', () => {
    expect(communicationKey('L1', [['a","b', 0]])).not.toBe(communicationKey('L1', [['a', 0], ['b', 0]]));
  });
});

describe('the compact item list', () => {
  test('is sorted by item id in plain string order, then cycle, and round-trips', () => {
    const pairs = sortItemCycles([['I9', 0], ['I10', 2], ['I10', 1]]);
    expect(pairs).toEqual([['I10', 1], ['I10', 2], ['I9', 0]]);
    expect(encodeItemCycles(pairs)).toBe('[["I10",1],["I10",2],["I9",0]]');
    expect(decodeItemCycles(encodeItemCycles(pairs))).toEqual(pairs);
  });

  test('refuses anything that is not a list of pairs', () => {
    expect(() => decodeItemCycles('{"I1":0}')).toThrow('JSON array');
    expect(() => decodeItemCycles('[["I1",-1]]')).toThrow('entry 0');
    expect(() => decodeItemCycles('[["I1"]]')).toThrow('entry 0');
  });
});
