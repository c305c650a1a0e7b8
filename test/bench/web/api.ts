/**
 * What the benchmark harness page (harness.ts) offers the specs, as `window.__bench`. Every timed call
 * answers its duration and the main-thread long tasks (PerformanceObserver 'longtask', ≥ 50 ms) that
 * overlapped it.
 */
export interface Timed {
  /** Wall time of the call, ms. */
  readonly ms: number;
  /** The longest main-thread long task overlapping the call, ms; 0 when there was none (all < 50 ms). */
  readonly longestTaskMs: number;
  /** How many long tasks overlapped the call. */
  readonly longTasks: number;
}

export interface RawRun extends Timed {
  readonly records: number;
  readonly pages: number;
  /** The longest `JSON.parse` of one page, ms: the least main-thread work in one piece a page needs. */
  readonly longestParseMs: number;
}

export interface SyncRun extends Timed {
  /** Records and tombstones applied. */
  readonly applied: number;
  /** Items in the cache afterwards. */
  readonly items: number;
}

export interface PlanRun extends Timed {
  readonly openItems: number;
  readonly rows: number;
  /** `JSON.parse` of the day's plan (the answer the worker sends) on the main thread, ms. */
  readonly parseMs: number;
}

export interface BenchApi {
  /** Where the ERP is and whom the dev identity signs in. */
  configure(erpUrl: string, user: string): void;
  /**
   * The floor of a sync: the open-items pages fetched raw (fetch + JSON.parse), each `bulkPut` into a bare
   * Dexie table as it arrives. With `sinceOf`, a delta: from the sync token in that mailbox's cache.
   */
  raw(table: string, pageSize: number, sinceOf?: string): Promise<RawRun>;
  /** The pane's sync of a mailbox's cache: setup, agents and customers untimed, then open items timed, then the log untimed. */
  syncFull(mailbox: string, pageSize: number): Promise<SyncRun>;
  /** A delta sync of the open items (timed), then the log. */
  syncDelta(mailbox: string, pageSize: number): Promise<SyncRun>;
  /** Ids of cached open items with a residual above one cent. */
  openItemIds(mailbox: string, count: number): Promise<string[]>;
  /** Plans `today` in the pane's planning worker over the mailbox's cache. */
  plan(mailbox: string, today: string): Promise<PlanRun>;
  /** Deletes the databases of these mailboxes and bare tables. */
  drop(mailboxes: readonly string[], tables: readonly string[]): Promise<void>;
}

export interface BenchWindow {
  __bench?: BenchApi;
}
