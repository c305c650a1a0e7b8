import { communicationKey, keyOfItems } from '../domain/communication-key';
import {
  EXPAND_TAGS,
  filterByKey,
  ITEMS_PROPERTY_ID,
  KEY_PROPERTY_ID,
  readTags,
  tagsFor,
} from './message-tags';

describe('message tags', () => {
  const key = communicationKey('L3', [
    ['I2', 1],
    ['I1', 0],
  ]);

  test('a reminder carries its key, its (item, cycle) list in canonical order and its content fingerprint', () => {
    const tags = tagsFor(
      key,
      [
        ['I2', 1],
        ['I1', 0],
      ],
      'f'.repeat(64),
    );
    expect(tags.slice(0, 2)).toEqual([
      { id: KEY_PROPERTY_ID, value: key },
      { id: ITEMS_PROPERTY_ID, value: '[["I1",0],["I2",1]]' },
    ]);
    // Exchange returns property ids in its own spelling: read back whatever the case.
    expect(readTags(tags.map((tag) => ({ ...tag, id: tag.id.toLowerCase() })))).toEqual({
      key,
      items: [
        ['I1', 0],
        ['I2', 1],
      ],
      fingerprint: 'f'.repeat(64),
    });
    expect(readTags(undefined)).toEqual({});
    expect(readTags([{ id: ITEMS_PROPERTY_ID, value: 'not json' }])).toEqual({});
  });

  test('one communication per customer: the list carries each item level, and reads back to the same key', () => {
    const items = [
      ['I2', 0, 'L3'],
      ['I1', 1, 'L2'],
    ] as const;
    const withLevels = keyOfItems('L3', items);
    const tags = tagsFor(withLevels, items, 'f'.repeat(64));
    expect(tags[1]).toEqual({ id: ITEMS_PROPERTY_ID, value: '[["I1",1,"L2"],["I2",0,"L3"]]' });
    const read = readTags(tags);
    expect(read.items).toEqual([
      ['I1', 1, 'L2'],
      ['I2', 0, 'L3'],
    ]);
    expect(keyOfItems('L3', read.items ?? [])).toBe(withLevels);
  });

  test('the key filter takes only a SHA-256 digest (it goes inside an OData string)', () => {
    expect(filterByKey(key)).toBe(
      `singleValueExtendedProperties/Any(ep: ep/id eq '${KEY_PROPERTY_ID}' and ep/value eq '${key}')`,
    );
    expect(() => filterByKey("x' or 1 eq 1 or '")).toThrow(RangeError);
    expect(EXPAND_TAGS).toContain(KEY_PROPERTY_ID);
  });
});
