/**
 * Keeps the cache in step with the ERP (docs/rules.md §2, §4): the first run loads everything, later runs only
 * what changed (`updatedSince` + tombstones). Each page is written in one transaction together with the
 * cursor of the next page, so a run interrupted anywhere (crash, closed pane, lost network) leaves a
 * consistent cache and resumes where it stopped.
 */
import type { Table } from 'dexie';
import type { ErpClient } from '../erp/client';
import { ErpError } from '../erp/errors';
import type { ErpResource, QuarantinedRecord } from '../erp/records';
import type { LedgerRecord, QuarantineRecord, SollecitiDatabase, SyncResource, SyncStateRecord } from './db';

export interface SyncProgress {
  readonly resource: SyncResource | 'setup';
  /** Records and tombstones applied so far in this resource's run. */
  readonly done: number;
  /** How many the run will apply, when the ERP says. */
  readonly total?: number;
}

export interface SyncOptions {
  readonly signal?: AbortSignal;
  readonly pageSize?: number;
  readonly onProgress?: (progress: SyncProgress) => void;
  /** Epoch ms; injectable for tests. */
  readonly now?: () => number;
}

export interface SyncReport {
  /** Records refused by validation in this run, with their reasons. */
  readonly quarantined: readonly QuarantinedRecord[];
  /** Records and tombstones applied, per resource. */
  readonly applied: Readonly<Partial<Record<SyncResource, number>>>;
}

/** A run's cursor before its first page: the run has started (for a full load: the table was cleared). */
const FIRST_PAGE = '';

/** Records written to IndexedDB per call while applying a page (see where it is used). */
const WRITE_SLICE = 250;

const tableFor = (db: SollecitiDatabase, resource: ErpResource): Table<{ id: string }, string> =>
  (resource === 'open-items'
    ? db.items
    : resource === 'customers'
      ? db.customers
      : db.agents) as unknown as Table<{ id: string }, string>;

/**
 * Brings one listing up to date, resuming an interrupted run. Returns how many records and tombstones it
 * applied and what it quarantined.
 */
export async function syncResource(
  db: SollecitiDatabase,
  client: ErpClient,
  resource: ErpResource,
  options: SyncOptions = {},
): Promise<{ applied: number; quarantined: QuarantinedRecord[] }> {
  const now = options.now ?? Date.now;
  const table = tableFor(db, resource);
  const saved: SyncStateRecord = (await db.syncState.get(resource)) ?? { resource };
  let run =
    saved.cursor !== undefined
      ? {
          since: saved.runSince,
          isFull: saved.runIsFull === true,
          cursor: saved.cursor as string | undefined,
        }
      : { since: saved.token, isFull: saved.token === undefined, cursor: undefined as string | undefined };

  if (run.isFull && run.cursor === undefined) {
    // A full load replaces the table: records the ERP no longer lists must not survive in the cache.
    await db.transaction('rw', [table, db.syncState, db.quarantine], async () => {
      await table.clear();
      await db.quarantine.where('resource').equals(resource).delete();
      await db.syncState.put({ ...withoutRun(saved), runIsFull: true, cursor: FIRST_PAGE });
    });
  }

  let applied = 0;
  let restarts = 0;
  const quarantined: QuarantinedRecord[] = [];
  for (;;) {
    let page;
    try {
      page = await client.listPage(resource, {
        ...(run.since !== undefined ? { updatedSince: run.since } : {}),
        ...(run.cursor !== undefined && run.cursor !== FIRST_PAGE ? { cursor: run.cursor } : {}),
        ...(options.pageSize !== undefined ? { limit: options.pageSize } : {}),
        ...(options.signal !== undefined ? { signal: options.signal } : {}),
      });
    } catch (error) {
      if (!(error instanceof ErpError)) throw error;
      // A token or cursor from another life of the ERP's database: nothing it says can be trusted as a
      // delta any more, so load everything again.
      const stale = error.reason === 'gone';
      // A cursor the ERP no longer accepts (restarted, expired): start this run again from its beginning.
      const badCursor =
        error.reason === 'invalid_request' && run.cursor !== undefined && run.cursor !== FIRST_PAGE;
      if ((!stale && !badCursor) || ++restarts > 3) throw error;
      if (stale) run = { since: undefined, isFull: true, cursor: FIRST_PAGE };
      else run = { ...run, cursor: FIRST_PAGE };
      if (run.isFull) {
        await db.transaction('rw', [table, db.syncState, db.quarantine], async () => {
          await table.clear();
          await db.quarantine.where('resource').equals(resource).delete();
          await db.syncState.put({ resource, cursor: FIRST_PAGE, runIsFull: true });
        });
      }
      continue;
    }
    const badIds = page.quarantined.flatMap((q) => (q.recordId !== undefined ? [q.recordId] : []));
    await db.transaction('rw', [table, db.syncState, db.quarantine], async () => {
      // In slices, each awaited: the browser clones every record put into IndexedDB on the calling thread,
      // and a page of 2 000 in one call is a main-thread task of half a second. Each slice continues in
      // the task of the previous one's completion, in the same transaction (the page stays atomic).
      for (let start = 0; start < page.records.length; start += WRITE_SLICE)
        await table.bulkPut(page.records.slice(start, start + WRITE_SLICE));
      // A record whose new version is malformed must not stay in the cache as if it were current.
      const gone = [...page.tombstones.map((t) => t.id), ...badIds];
      if (gone.length > 0) await table.bulkDelete(gone);
      // Records that arrive valid again leave the quarantine (looked up only when it holds any: it rarely does).
      if (page.records.length > 0 && (await db.quarantine.count()) > 0) {
        await db.quarantine
          .where('recordId')
          .anyOf(page.records.map((r) => r.id))
          .filter((q) => q.resource === resource)
          .delete();
      }
      if (page.quarantined.length > 0)
        await db.quarantine.bulkAdd(page.quarantined.map((q): QuarantineRecord => ({ ...q, seenAt: now() })));
      const state: SyncStateRecord =
        page.nextCursor !== null
          ? {
              ...withoutRun(saved),
              cursor: page.nextCursor,
              runIsFull: run.isFull,
              ...(run.since !== undefined ? { runSince: run.since } : {}),
            }
          : { resource, ...(page.syncToken !== null ? { token: page.syncToken } : {}), syncedAt: now() };
      await db.syncState.put(state);
    });
    applied += page.records.length + page.tombstones.length;
    quarantined.push(...page.quarantined);
    options.onProgress?.({
      resource,
      done: applied,
      ...(page.total !== undefined ? { total: page.total } : {}),
    });
    if (page.nextCursor === null) {
      if (page.syncToken === null)
        throw new ErpError('bad_response', `ERP ${resource}: the last page carries no syncToken`);
      return { applied, quarantined };
    }
    run = { ...run, cursor: page.nextCursor };
  }
}

function withoutRun(state: SyncStateRecord): SyncStateRecord {
  const { cursor: _cursor, runSince: _runSince, runIsFull: _runIsFull, ...rest } = state;
  return rest;
}

/** Merges the ERP's reminder log into the ledger, and replaces the cached open claims. */
export async function syncReminderLog(
  db: SollecitiDatabase,
  client: ErpClient,
  options: SyncOptions = {},
): Promise<{ applied: number; quarantined: QuarantinedRecord[] }> {
  const now = options.now ?? Date.now;
  const saved = await db.syncState.get('reminder-log');
  let since = saved?.token;
  let log;
  try {
    log = await client.reminderLog(since, options.signal);
  } catch (error) {
    if (!(error instanceof ErpError && error.reason === 'gone')) throw error;
    since = undefined;
    log = await client.reminderLog(undefined, options.signal);
  }
  await db.transaction('rw', [db.ledger, db.claims, db.syncState], async () => {
    // Without a token the ERP sends its whole log: it replaces the ledger, so nothing it dropped survives.
    if (since === undefined) await db.ledger.clear();
    await db.ledger.bulkPut(
      log.entries.map((e): LedgerRecord => ({
        ...e,
        ...(e.messageId === undefined ? {} : { messageId: e.messageId }),
      })),
    );
    await db.ledger.bulkDelete(log.removed.map((r): [string, string] => [r.key, r.itemId]));
    await db.claims.clear();
    await db.claims.bulkPut(log.claims);
    await db.syncState.put({ resource: 'reminder-log', token: log.syncToken, syncedAt: now() });
  });
  const applied = log.entries.length + log.removed.length;
  options.onProgress?.({ resource: 'reminder-log', done: applied, total: applied });
  return { applied, quarantined: log.quarantined };
}

/** Fetches the reminder setup with its ETag into the cache. */
export async function syncSetup(
  db: SollecitiDatabase,
  client: ErpClient,
  options: SyncOptions = {},
): Promise<void> {
  const { setup, etag } = await client.getSetup(options.signal);
  await db.setup.put({ id: 'current', setup, etag, fetchedAt: (options.now ?? Date.now)() });
  options.onProgress?.({ resource: 'setup', done: 1, total: 1 });
}

/** Everything the pane needs, in dependency order: setup, agents, customers, open items, the log. */
export async function syncAll(
  db: SollecitiDatabase,
  client: ErpClient,
  options: SyncOptions = {},
): Promise<SyncReport> {
  await syncSetup(db, client, options);
  const applied: Partial<Record<SyncResource, number>> = {};
  const quarantined: QuarantinedRecord[] = [];
  for (const resource of ['agents', 'customers', 'open-items'] as const) {
    const result = await syncResource(db, client, resource, options);
    applied[resource] = result.applied;
    quarantined.push(...result.quarantined);
  }
  const log = await syncReminderLog(db, client, options);
  applied['reminder-log'] = log.applied;
  quarantined.push(...log.quarantined);
  return { applied, quarantined };
}
