/**
 * Paging and delta for the collections (customers, agents, open items).
 *
 * The first page of a listing fixes a high-water mark `hwm` (the change sequence at that moment) and the
 * listing returns exactly the rows with `since < seq ≤ hwm`, ordered by (seq, id), `since` being the
 * `updatedSince` token's value (0 for a full listing). The opaque cursor carries (since, hwm, the last
 * (seq, id) served), so later pages continue the same snapshot of sequence numbers. A row changed while
 * the client pages gets a `seq` above `hwm`: it leaves this listing and is in the next delta, which starts
 * at the `syncToken` = hwm returned with the last page. Nothing is missed, nothing needs a lock.
 */
import { z } from 'zod';
import { badRequest } from '../http/problem';

export const DEFAULT_PAGE_LIMIT = 500;
export const MAX_PAGE_LIMIT = 5000;

export type CollectionName = 'customers' | 'agents' | 'open-items';

export interface PagePosition {
  readonly resource: CollectionName;
  /** A delta (`updatedSince` given) also returns tombstones; a full listing only open items. */
  readonly delta: boolean;
  readonly since: number;
  readonly hwm: number;
  readonly afterSeq: number;
  readonly afterId: string;
  /** Rows in the whole listing as counted on the first page (for progress bars). */
  readonly total: number;
  readonly databaseId: string;
}

const cursorSchema = z.object({
  v: z.literal(1),
  r: z.enum(['customers', 'agents', 'open-items']),
  d: z.boolean(),
  s: z.number().int().min(0),
  h: z.number().int().min(0),
  q: z.number().int().min(0),
  i: z.string(),
  t: z.number().int().min(0),
  db: z.string(),
});

export function encodeCursor(position: PagePosition): string {
  const wire: z.infer<typeof cursorSchema> = {
    v: 1,
    r: position.resource,
    d: position.delta,
    s: position.since,
    h: position.hwm,
    q: position.afterSeq,
    i: position.afterId,
    t: position.total,
    db: position.databaseId,
  };
  return Buffer.from(JSON.stringify(wire)).toString('base64url');
}

/** The position a cursor encodes; 400 (field `cursor`) for anything this server did not issue for `resource`. */
export function decodeCursor(cursor: string, resource: CollectionName, databaseId: string): PagePosition {
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badRequest('cursor', 'not a cursor issued by this server (pass nextCursor as it was received)');
  }
  const parsed = cursorSchema.safeParse(raw);
  if (!parsed.success || parsed.data.s > parsed.data.h || parsed.data.q < parsed.data.s) {
    throw badRequest('cursor', 'not a cursor issued by this server (pass nextCursor as it was received)');
  }
  const c = parsed.data;
  if (c.r !== resource) throw badRequest('cursor', `the cursor belongs to /${c.r}, not /${resource}`);
  if (c.db !== databaseId)
    throw badRequest('cursor', 'the cursor belongs to another database: start the listing again');
  return {
    resource: c.r,
    delta: c.d,
    since: c.s,
    hwm: c.h,
    afterSeq: c.q,
    afterId: c.i,
    total: c.t,
    databaseId: c.db,
  };
}

/** `limit`: absent → 500; else an integer from 1 to 5000, or 400. */
export function parseLimit(value: string | null): number {
  if (value === null || value === '') return DEFAULT_PAGE_LIMIT;
  if (!/^\d+$/.test(value)) throw badRequest('limit', `must be an integer from 1 to ${MAX_PAGE_LIMIT}`);
  const limit = Number(value);
  if (limit < 1 || limit > MAX_PAGE_LIMIT)
    throw badRequest('limit', `must be an integer from 1 to ${MAX_PAGE_LIMIT}, got ${limit}`);
  return limit;
}
