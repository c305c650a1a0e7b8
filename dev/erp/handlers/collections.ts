/** `GET /customers`, `/agents`, `/open-items`: paged listings and deltas (see store/paging.ts). */
import { json, type Handler } from '../http/types';
import { requireCaller } from '../auth';
import type { ErpStore } from '../store/erp-store';
import { decodeCursor, parseLimit, type CollectionName } from '../store/paging';

const present = (value: string | null): value is string => value !== null && value !== '';

export function listCollection(store: ErpStore, resource: CollectionName): Handler {
  return ({ url, principal }) => {
    requireCaller(principal);
    const query = url.searchParams;
    const limit = parseLimit(query.get('limit'));
    const cursor = query.get('cursor');
    const updatedSince = query.get('updatedSince');
    // A cursor carries the whole listing (its updatedSince and high-water mark): other parameters but
    // `limit` are ignored with it.
    const position = present(cursor)
      ? decodeCursor(cursor, resource, store.sequence.databaseId)
      : store.catalog.startListing(
          resource,
          present(updatedSince) ? store.sequence.parseToken(updatedSince, 'updatedSince') : undefined,
        );
    return json(200, store.catalog.readPage(position, limit));
  };
}
