/**
 * How a reminder is tagged in the mailbox (docs/rules.md §1.27): single-value extended properties under
 * one property set GUID of ours — the communication key and the compact (item, cycle) list, each item with
 * its own level when one communication per customer (docs/rules.md §3.11; a list of pairs still reads) — so a message
 * can be found again by key in Drafts and Sent Items after a crash, from another machine, or after the
 * cache was emptied. A third, the content fingerprint, tells whether a draft still says what a fresh plan
 * says (amounts, addresses, today's date) without comparing HTML that Exchange may have rewritten.
 */
import { decodeItemCycles, encodeItemCycles, type ItemCycle } from '../domain/communication-key';

/** Solleciti's property set. Fixed forever: changing it would orphan every reminder already sent. */
export const SOLLECITI_PROPERTY_SET = '{6b1e4c2a-93f7-4d1e-a8c5-2f0b9d7e4a61}';
export const KEY_PROPERTY_ID = `String ${SOLLECITI_PROPERTY_SET} Name SollecitiKey`;
export const ITEMS_PROPERTY_ID = `String ${SOLLECITI_PROPERTY_SET} Name SollecitiItems`;
export const CONTENT_PROPERTY_ID = `String ${SOLLECITI_PROPERTY_SET} Name SollecitiContent`;

const KEY = /^[0-9a-f]{64}$/;

/** The `$filter` that finds the messages tagged with `key`. */
export function filterByKey(key: string): string {
  // The key goes inside an OData string literal: refuse anything but a hex digest rather than escape it.
  if (!KEY.test(key)) throw new RangeError(`Not a communication key: ${JSON.stringify(key)}`);
  return `singleValueExtendedProperties/Any(ep: ep/id eq '${KEY_PROPERTY_ID}' and ep/value eq '${key}')`;
}

/** The `$expand` that returns our two properties with a message. */
export const EXPAND_TAGS = `singleValueExtendedProperties($filter=id eq '${KEY_PROPERTY_ID}' or id eq '${ITEMS_PROPERTY_ID}' or id eq '${CONTENT_PROPERTY_ID}')`;

/** The properties a reminder carries: its key, its (item, cycle) list and its content fingerprint. */
export function tagsFor(
  key: string,
  items: readonly ItemCycle[],
  fingerprint: string,
): { id: string; value: string }[] {
  return [
    { id: KEY_PROPERTY_ID, value: key },
    { id: ITEMS_PROPERTY_ID, value: encodeItemCycles(items) },
    { id: CONTENT_PROPERTY_ID, value: fingerprint },
  ];
}

interface PropertyJson {
  readonly id?: unknown;
  readonly value?: unknown;
}

const sameId = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Reads our tags back from a message's expanded properties; undefined fields when absent or unreadable. */
export function readTags(properties: unknown): { key?: string; items?: ItemCycle[]; fingerprint?: string } {
  if (!Array.isArray(properties)) return {};
  let key: string | undefined;
  let fingerprint: string | undefined;
  let items: ItemCycle[] | undefined;
  for (const property of properties as PropertyJson[]) {
    if (typeof property?.id !== 'string' || typeof property.value !== 'string') continue;
    if (sameId(property.id, KEY_PROPERTY_ID)) key = property.value;
    if (sameId(property.id, CONTENT_PROPERTY_ID)) fingerprint = property.value;
    if (sameId(property.id, ITEMS_PROPERTY_ID)) {
      try {
        items = decodeItemCycles(property.value);
      } catch {
        items = undefined;
      }
    }
  }
  return {
    ...(key !== undefined ? { key } : {}),
    ...(items !== undefined ? { items } : {}),
    ...(fingerprint !== undefined ? { fingerprint } : {}),
  };
}
