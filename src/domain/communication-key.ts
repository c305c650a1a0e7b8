/**
 * The identity of a communication (docs/rules.md §1.27): a key that is the same wherever and whenever
 * the same reminder is planned, so what was already sent can be found again after a crash or on another
 * machine — in the ledger, in the ERP's log and on the message itself (Graph extended properties).
 */
import type { Communication } from './plan-reminders';
import { sha256Hex } from './sha256';

/** What every communication key looks like: SHA-256 as 64 lower-case hex digits. */
export const COMMUNICATION_KEY_PATTERN = /^[0-9a-f]{64}$/;

/** True when `value` has the form of a communication key (whatever it was computed from). */
export const isCommunicationKey = (value: string): boolean => COMMUNICATION_KEY_PATTERN.test(value);

/**
 * An (item id, cycle) pair: one item reminded at one cycle of a level. With one communication per
 * customer (docs/rules.md §3.11) each item also names its own level, third: (item id, cycle, item level id).
 * A list holds pairs only or level-carrying entries only; which one decides the key's form
 * (`keyOfItems`).
 */
export type ItemCycle = readonly [itemId: string, cycle: number, levelId?: string];

/** An (item id, item level id, cycle) triple, in the order the key of a one-per-customer communication hashes it. */
export type ItemLevelCycle = readonly [itemId: string, levelId: string, cycle: number];

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The pairs sorted by item id (plain string order), then cycle (then item level): the canonical order for keys and lists. */
export function sortItemCycles(pairs: Iterable<ItemCycle>): ItemCycle[] {
  return [...pairs].sort(([a, x, l], [b, y, m]) => byString(a, b) || x - y || byString(l ?? '', m ?? ''));
}

/** The communication's (item id, cycle) pairs in canonical order. */
export const itemCyclesOf = (communication: Pick<Communication, 'lines'>): ItemCycle[] =>
  sortItemCycles(communication.lines.map((line): ItemCycle => [line.item.id, line.cycle]));

/**
 * SHA-256 (hex) of the level id and the sorted (item id, cycle) pairs, serialised as JSON
 * `["<levelId>",[["<itemId>",<cycle>],…]]` so no id, whatever characters it holds, can make two
 * different communications collide. Independent of the order the pairs are given in. An item level
 * carried by an entry is not part of this key (see `communicationKeyOfTriples`).
 */
export function communicationKey(levelId: string, pairs: Iterable<ItemCycle>): string {
  return sha256Hex(
    JSON.stringify([levelId, sortItemCycles(pairs).map(([itemId, cycle]) => [itemId, cycle])]),
  );
}

/**
 * The key of a communication sent with one communication per customer (docs/rules.md §3.11): SHA-256 (hex)
 * of the communication's level id and its (item id, item level id, cycle) triples sorted by item id, item
 * level id, then cycle, serialised as JSON `["<levelId>",[["<itemId>","<itemLevelId>",<cycle>],…]]`.
 */
export function communicationKeyOfTriples(levelId: string, triples: Iterable<ItemLevelCycle>): string {
  const sorted = [...triples].sort(([a, l, x], [b, m, y]) => byString(a, b) || byString(l, m) || x - y);
  return sha256Hex(
    JSON.stringify([levelId, sorted.map(([itemId, itemLevelId, cycle]) => [itemId, itemLevelId, cycle])]),
  );
}

/**
 * The communication's items as the outbox, the ERP claim and the message tags carry them, in canonical
 * order: (item id, cycle) pairs, or — with `onePerCustomer` — (item id, cycle, item level id) for every item.
 */
export const keyedItemsOf = (
  communication: Pick<Communication, 'lines'>,
  onePerCustomer: boolean,
): ItemCycle[] =>
  onePerCustomer
    ? sortItemCycles(communication.lines.map((line): ItemCycle => [line.item.id, line.cycle, line.levelId]))
    : itemCyclesOf(communication);

/** The key of a list made by `keyedItemsOf`: the triples' key when its entries carry item levels (an entry without one is at the communication's level), else the pairs' key. */
export function keyOfItems(levelId: string, items: readonly ItemCycle[]): string {
  if (items.some((entry) => entry[2] !== undefined)) {
    return communicationKeyOfTriples(
      levelId,
      items.map(([itemId, cycle, itemLevelId]): ItemLevelCycle => [itemId, itemLevelId ?? levelId, cycle]),
    );
  }
  return communicationKey(levelId, items);
}

/** The key of a planned communication: pairs when `onePerCustomer` is off (unchanged keys), triples when on. */
export const keyOfCommunication = (
  communication: Pick<Communication, 'levelId' | 'lines'>,
  onePerCustomer: boolean,
): string => keyOfItems(communication.levelId, keyedItemsOf(communication, onePerCustomer));

/** The level an entry of a communication's item list is reminded at: its own, else the communication's. */
export const itemLevelOf = (entry: ItemCycle, communicationLevelId: string): string =>
  entry[2] ?? communicationLevelId;

/**
 * The compact item list that travels with the message, canonical order: JSON `[["I1",0],["I2",1]]`, or
 * with item levels `[["I1",0,"L2"],["I2",1,"L3"]]`.
 */
export function encodeItemCycles(pairs: Iterable<ItemCycle>): string {
  return JSON.stringify(sortItemCycles(pairs));
}

/** Reads an item list written by `encodeItemCycles` (either form); throws an Error on anything else. */
export function decodeItemCycles(text: string): ItemCycle[] {
  const value: unknown = JSON.parse(text);
  if (!Array.isArray(value)) throw new Error('An item list must be a JSON array');
  const entries = value.map((pair, index): ItemCycle => {
    const shaped =
      Array.isArray(pair) &&
      (pair.length === 2 || (pair.length === 3 && typeof pair[2] === 'string' && pair[2] !== '')) &&
      typeof pair[0] === 'string' &&
      Number.isInteger(pair[1]) &&
      (pair[1] as number) >= 0;
    if (!shaped)
      throw new Error(
        `Item list entry ${index} is not an [itemId, cycle] pair or an [itemId, cycle, levelId] entry`,
      );
    return pair.length === 3
      ? [pair[0] as string, pair[1] as number, pair[2] as string]
      : [pair[0] as string, pair[1] as number];
  });
  if (entries.some((entry) => entry.length !== entries[0]?.length))
    throw new Error('An item list mixes pairs and entries with levels');
  return entries;
}
