/**
 * The benchmark harness page (harness.html): the pane's own sync and planning worker, bundled as the pane
 * is, driven by the Chromium benchmark specs through `window.__bench` (see api.ts). Real IndexedDB.
 */
import Dexie from 'dexie';
import { devIdentityProvider, type TokenProvider } from '../../../src/auth/token-provider';
import type { CalendarDate } from '../../../src/domain/calendar';
import { ErpClient } from '../../../src/erp/client';
import { openDatabase } from '../../../src/store/db';
import { syncReminderLog, syncResource, syncSetup } from '../../../src/store/sync';
import { createWorkerPlanner } from '../../../src/taskpane/worker-planner';
import type { BenchApi, BenchWindow, Timed } from './api';

/** [start, duration] of every main-thread long task since the page started. */
const longTasks: [number, number][] = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) longTasks.push([entry.startTime, entry.duration]);
}).observe({ type: 'longtask', buffered: true });

/** Runs `work`, then reports its time and the long tasks that overlapped it. */
async function timed<T>(work: () => Promise<T>): Promise<Timed & { value: T }> {
  const start = performance.now();
  const value = await work();
  const end = performance.now();
  // Long-task entries are delivered after the task: give the observer a moment.
  await new Promise((resolve) => setTimeout(resolve, 250));
  const overlapping = longTasks.filter(([from, duration]) => from + duration > start && from < end);
  return {
    value,
    ms: end - start,
    longestTaskMs: Math.max(0, ...overlapping.map(([, duration]) => duration)),
    longTasks: overlapping.length,
  };
}

let erpUrl = '';
let tokens: TokenProvider | undefined;
const client = (): { client: ErpClient; tokens: TokenProvider } => {
  if (tokens === undefined) throw new Error('__bench.configure() first');
  return { client: new ErpClient({ baseUrl: erpUrl, tokens }), tokens };
};

interface RawPage {
  readonly data: unknown[];
  readonly nextCursor: string | null;
}

const api: BenchApi = {
  configure(url, user) {
    erpUrl = url;
    tokens = devIdentityProvider({ baseUrl: url, user, audience: 'erp' });
  },

  async raw(tableName, pageSize, sinceOf) {
    const token = await client().tokens.getToken();
    let since: string | undefined;
    if (sinceOf !== undefined) {
      const db = openDatabase(sinceOf);
      since = (await db.syncState.get('open-items'))?.token;
      db.close();
      if (since === undefined) throw new Error(`${sinceOf} has no sync token`);
    }
    const bare = new Dexie(tableName);
    bare.version(1).stores({ items: 'id, customerId, dueDate' });
    await bare.open();
    let records = 0;
    let pages = 0;
    let longestParseMs = 0;
    const run = await timed(async () => {
      let cursor: string | null = null;
      do {
        const url = new URL(`${erpUrl}/api/v1/open-items`);
        url.searchParams.set('limit', String(pageSize));
        if (since !== undefined) url.searchParams.set('updatedSince', since);
        if (cursor !== null) url.searchParams.set('cursor', cursor);
        const response = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
        const text = await response.text();
        const parseStart = performance.now();
        const page = JSON.parse(text) as RawPage;
        longestParseMs = Math.max(longestParseMs, performance.now() - parseStart);
        await bare.table('items').bulkPut(page.data);
        records += page.data.length;
        pages++;
        cursor = page.nextCursor;
      } while (cursor !== null);
    });
    bare.close();
    return {
      ms: run.ms,
      longestTaskMs: run.longestTaskMs,
      longTasks: run.longTasks,
      records,
      pages,
      longestParseMs,
    };
  },

  async syncFull(mailbox, pageSize) {
    const db = openDatabase(mailbox);
    const erp = client().client;
    await syncSetup(db, erp);
    await syncResource(db, erp, 'agents', { pageSize });
    await syncResource(db, erp, 'customers', { pageSize });
    const run = await timed(() => syncResource(db, erp, 'open-items', { pageSize }));
    await syncReminderLog(db, erp);
    const items = await db.items.count();
    db.close();
    return {
      ms: run.ms,
      longestTaskMs: run.longestTaskMs,
      longTasks: run.longTasks,
      applied: run.value.applied,
      items,
    };
  },

  async syncDelta(mailbox, pageSize) {
    const db = openDatabase(mailbox);
    const erp = client().client;
    const run = await timed(() => syncResource(db, erp, 'open-items', { pageSize }));
    await syncReminderLog(db, erp);
    const items = await db.items.count();
    db.close();
    return {
      ms: run.ms,
      longestTaskMs: run.longestTaskMs,
      longTasks: run.longTasks,
      applied: run.value.applied,
      items,
    };
  },

  async openItemIds(mailbox, count) {
    const db = openDatabase(mailbox);
    const ids = await db.items
      .filter((item) => item.residual > 1)
      .limit(count)
      .primaryKeys();
    db.close();
    return ids;
  },

  async plan(mailbox, today) {
    const planner = createWorkerPlanner(mailbox);
    try {
      const run = await timed(() => planner.plan(today as CalendarDate));
      const result = run.value;
      if (result.kind !== 'planned') throw new Error(`Nothing planned: ${result.kind}`);
      const json = JSON.stringify(result);
      const parseStart = performance.now();
      JSON.parse(json);
      const parseMs = performance.now() - parseStart;
      return {
        ms: run.ms,
        longestTaskMs: run.longestTaskMs,
        longTasks: run.longTasks,
        openItems: result.snapshot.openItemCount,
        rows: result.snapshot.rows.length,
        parseMs,
      };
    } finally {
      planner.dispose();
    }
  },

  async drop(mailboxes, tables) {
    for (const mailbox of mailboxes) await openDatabase(mailbox).delete();
    for (const table of tables) await Dexie.delete(table);
  },
};

(window as BenchWindow).__bench = api;
