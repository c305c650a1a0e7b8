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

/** An (item id, cycle) pair: one item reminded at one cycle of a level. */
export type ItemCycle = readonly [itemId: string, cycle: number];

/** The pairs sorted by item id (plain string order), then cycle: the canonical order for keys and lists. */
export function sortItemCycles(pairs: Iterable<ItemCycle>): ItemCycle[] {
  return [...pairs].sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x - y));
}

/** The communication's (item id, cycle) pairs in canonical order. */
export const itemCyclesOf = (communication: Pick<Communication, 'lines'>): ItemCycle[] =>
  sortItemCycles(communication.lines.map((line): ItemCycle => [line.item.id, line.cycle]));

/**
 * SHA-256 (hex) of the level id and the sorted (item id, cycle) pairs, serialised as JSON
 * `["<levelId>",[["<itemId>",<cycle>],…]]` so no id, whatever characters it holds, can make two
 * different communications collide. Independent of the order the pairs are given in.
 */
export function communicationKey(levelId: string, pairs: Iterable<ItemCycle>): string {
  return sha256Hex(JSON.stringify([levelId, sortItemCycles(pairs)]));
}

/** An (item id, item level id, cycle) triple: one item of a `onePerCustomer` communication, at its own level. */
export type ItemLevelCycle = readonly [itemId: string, levelId: string, cycle: number];

/** The triples sorted by item id, then level id (plain string order), then cycle. */
export function sortItemLevelCycles(triples: Iterable<ItemLevelCycle>): ItemLevelCycle[] {
  return [...triples].sort(([a, l, x], [b, m, y]) => (a < b ? -1 : a > b ? 1 : l < m ? -1 : l > m ? 1 : x - y));
}

/** The communication's (item id, item level id, cycle) triples in canonical order. */
export const itemLevelCyclesOf = (communication: Pick<Communication, 'lines'>): ItemLevelCycle[] =>
  sortItemLevelCycles(communication.lines.map((line): ItemLevelCycle => [line.item.id, line.levelId, line.cycle]));

/**
 * The key of a communication planned with `onePerCustomer` (docs/rules.md §1.27): SHA-256 (hex) of its level id
 * and its sorted (item id, item level id, cycle) triples, serialised as JSON
 * `["<levelId>",[["<itemId>","<itemLevelId>",<cycle>],…]]`. A triple never reads as a pair, so these keys
 * cannot collide with `communicationKey`'s.
 */
export function communicationKeyOfTriples(levelId: string, triples: Iterable<ItemLevelCycle>): string {
  return sha256Hex(JSON.stringify([levelId, sortItemLevelCycles(triples)]));
}

/**
 * The key of a planned communication: `communicationKey` over its (item id, cycle) pairs — unchanged, so the
 * keys already in ledgers and ERP logs stay valid — unless the setup has `onePerCustomer` on, then
 * `communicationKeyOfTriples` over its triples (each item's own level counts).
 */
export const keyOfCommunication = (communication: Pick<Communication, 'levelId' | 'lines'>, onePerCustomer: boolean): string =>
  onePerCustomer
    ? communicationKeyOfTriples(communication.levelId, itemLevelCyclesOf(communication))
    : communicationKey(communication.levelId, itemCyclesOf(communication));

/** The compact item list that travels with the message: JSON `[["I1",0],["I2",1]]`, canonical order. */
export function encodeItemCycles(pairs: Iterable<ItemCycle>): string {
  return JSON.stringify(sortItemCycles(pairs));
}

/** Reads an item list written by `encodeItemCycles`; throws an Error on anything else. */
export function decodeItemCycles(text: string): ItemCycle[] {
  const value: unknown = JSON.parse(text);
  if (!Array.isArray(value)) throw new Error('An item list must be a JSON array');
  return value.map((pair, index): ItemCycle => {
    if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string' || !Number.isInteger(pair[1]) || pair[1] < 0) {
      throw new Error(`Item list entry ${index} is not an [itemId, cycle] pair`);
    }
    return [pair[0], pair[1] as number];
  });
}
