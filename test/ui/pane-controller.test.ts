/**
 * The pane's wiring against the real demo ERP over HTTP, with fake-indexeddb for the cache and the
 * planner on the test's thread: the first opening loads from the ERP; the next shows the cached plan
 * before (and even without) the network; filters and exclusions survive a reopening; a user who is not
 * enabled is read-only; the setup is saved with its ETag and a conflicting edit is reported.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { startErpServer, type RunningErpServer } from '../../dev/erp/server';
import { generateSeed } from '../../dev/erp/seed/generate';
import { devIdentityProvider } from '../../src/auth/token-provider';
import { ErpClient } from '../../src/erp/client';
import { openDatabase, type SollecitiDatabase } from '../../src/store/db';
import { unavailableMail } from '../../src/taskpane/mail-port';
import {
  PaneController,
  type ControllerDependencies,
  type ViewStorage,
} from '../../src/taskpane/pane-controller';
import { createLocalPlanner } from '../../src/taskpane/planner';
import type { PaneState, PlanSnapshot } from '../../src/ui/model';

const TODAY = '2026-11-28';
/** Noon in Rome on TODAY. */
const NOW = Date.parse('2026-11-28T11:00:00Z');
const MARTA = 'marta.rossi@solleciti.example';
const VIEWER = 'viewer@solleciti.example';
const ADMIN = 'admin@solleciti.example';

let erp: RunningErpServer;
beforeEach(() => {
  // The controller reports each plan and each failed sync on the console: expected here, not noise.
  jest.spyOn(console, 'info').mockImplementation(() => undefined);
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => jest.restoreAllMocks());
beforeAll(async () => {
  erp = await startErpServer({
    seed: generateSeed({ seed: 7, customers: 40, items: 400, today: TODAY }),
    logError: () => undefined,
    now: () => NOW,
  });
});
afterAll(() => erp.close());

class MemoryStorage implements ViewStorage {
  readonly values = new Map<string, string>();
  getItem(key: string): string | null {
    return this.values.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.values.set(key, value);
  }
}

interface Opened {
  readonly controller: PaneController;
  readonly db: SollecitiDatabase;
  readonly deps: ControllerDependencies;
}

let databases = 0;
function open(
  user: string,
  options: { db?: SollecitiDatabase; storage?: ViewStorage; erpUrl?: string } = {},
): Opened {
  const db =
    options.db ?? openDatabase(`pane-${++databases}-${user}`, { indexedDB: new IDBFactory(), IDBKeyRange });
  const baseUrl = options.erpUrl ?? erp.url;
  const client = new ErpClient({
    baseUrl,
    tokens: devIdentityProvider({ baseUrl: erp.url, user, audience: 'erp' }),
    retries: 0,
    backoffMs: 1,
    timeoutMs: 5000,
  });
  const deps: ControllerDependencies = {
    db,
    erp: () => Promise.resolve(client),
    planner: createLocalPlanner(db, user),
    mail: unavailableMail('not_ready'),
    user,
    identifiers: { userPrincipalName: user },
    devIdentity: true,
    inOutlook: false,
    storage: options.storage ?? new MemoryStorage(),
    now: () => NOW,
    openMessage: () => Promise.reject(new Error('not in Outlook')),
    connection: {
      view: () => ({ settings: [], problems: [], location: 'memory', staticKeyInUse: false }),
      test: () => Promise.reject(new Error('no')),
      save: () => Promise.resolve(),
    },
    refreshEveryMs: 0,
  };
  return { controller: new PaneController(deps), db, deps };
}

/** Resolves with the first state that passes `check`. */
function until(controller: PaneController, check: (state: PaneState) => boolean): Promise<PaneState> {
  return new Promise((resolve) => {
    if (check(controller.getState())) return resolve(controller.getState());
    const stop = controller.subscribe(() => {
      if (!check(controller.getState())) return;
      stop();
      resolve(controller.getState());
    });
  });
}

const planned = (state: PaneState): PlanSnapshot | undefined =>
  state.plan.kind === 'planned' ? state.plan.snapshot : undefined;

describe('opening the pane', () => {
  test('the first time, with nothing cached, it loads everything from the ERP and plans today', async () => {
    const { controller } = open(MARTA);
    const seen: string[] = [];
    controller.subscribe(() =>
      seen.push(`${controller.getState().plan.kind}/${controller.getState().sync.phase}`),
    );

    await controller.start();
    await controller.refresh();

    const state = controller.getState();
    const snapshot = planned(state);
    expect(snapshot?.today).toBe(TODAY);
    expect(snapshot?.rows.length).toBeGreaterThan(10);
    expect(snapshot?.openItemCount).toBe(400);
    expect(state.sync).toMatchObject({ phase: 'idle', lastSyncAt: NOW, quarantined: 0 });
    expect(seen[0]).toBe('empty/idle');
    expect(seen).toContain('empty/syncing');
    expect(state.session).toMatchObject({ user: MARTA, refusal: null, isAdministrator: false });
    controller.dispose();
  });

  test('the next time it shows the cached plan before the ERP answers, and keeps it when the ERP is down', async () => {
    const first = open(MARTA);
    await first.controller.start();
    await first.controller.refresh();
    const rows = planned(first.controller.getState())?.rows.length;
    first.controller.dispose();

    // The same cache, an ERP that cannot be reached.
    const again = open(MARTA, { db: first.db, erpUrl: 'http://127.0.0.1:9' });
    void again.controller.start();
    const shown = await until(again.controller, (state) => state.plan.kind === 'planned');
    expect(planned(shown)?.rows.length).toBe(rows);
    expect(shown.sync.phase).not.toBe('failed');
    const failed = await until(again.controller, (state) => state.sync.phase === 'failed');
    expect(failed.sync).toMatchObject({ phase: 'failed', failure: 'network', lastSyncAt: NOW });
    expect(planned(failed)?.rows.length).toBe(rows);
    again.controller.dispose();
  });

  test('the next time it shows the plan kept from the last opening at once, marked as being replanned', async () => {
    const first = open(MARTA);
    await first.controller.start();
    await first.controller.refresh();
    const rows = planned(first.controller.getState())?.rows;
    first.controller.dispose();

    // A planner whose fresh plans wait: what shows meanwhile is the kept plan.
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const local = createLocalPlanner(first.db, MARTA);
    const again = open(MARTA, { db: first.db, erpUrl: 'http://127.0.0.1:9' });
    const held = new PaneController({
      ...again.deps,
      planner: { ...local, plan: (today) => gate.then(() => local.plan(today)) },
    });
    void held.start();
    const shown = await until(held, (state) => state.plan.kind === 'planned');
    expect(shown.plan).toMatchObject({ kind: 'planned', replanning: true });
    expect(planned(shown)?.rows).toEqual(rows);
    expect(shown.session.refusal).toBeNull();

    release();
    const fresh = await until(held, (state) => state.plan.kind === 'planned' && !state.plan.replanning);
    expect(planned(fresh)?.rows).toEqual(rows);
    held.dispose();
  });

  test('what is asked of the plan while it is being made waits for it', async () => {
    const first = open(MARTA);
    await first.controller.start();
    await first.controller.refresh();
    const key = planned(first.controller.getState())?.rows[0]?.key ?? '';
    first.controller.dispose();

    const planner = createLocalPlanner(first.db, MARTA);
    const making = planner.plan(TODAY);
    // Asked before the plan is ready: answered from it, not "not in the plan".
    const [detail, communications] = await Promise.all([planner.detail(key), planner.communications([key])]);
    expect(detail?.key).toBe(key);
    expect(communications.map((c) => c.key)).toEqual([key]);
    await making;
  });

  test('filters and today’s exclusions are kept for the next opening (per user)', async () => {
    const storage = new MemoryStorage();
    const first = open(MARTA, { storage });
    await first.controller.start();
    await first.controller.refresh();
    const key = planned(first.controller.getState())?.rows[0]?.key ?? '';
    first.controller.actions.setFilters({
      customerQuery: '',
      levelIds: ['L3'],
      text: 'srl',
      amountMin: 10_000,
    });
    first.controller.actions.setExcluded(key, true);
    first.controller.dispose();

    const again = open(MARTA, { storage, db: first.db });
    expect(again.controller.getState().filters).toEqual({
      customerQuery: '',
      levelIds: ['L3'],
      text: 'srl',
      amountMin: 10_000,
    });
    await again.controller.start();
    expect(again.controller.getState().excluded).toEqual(new Set([key]));
    // Another user on the same browser has their own.
    expect(open(VIEWER, { storage }).controller.getState().filters.levelIds).toEqual([]);
    again.controller.dispose();
  });

  test('a user who is not enabled sees the list read-only, with the administrators to ask, and cannot start a batch', async () => {
    const { controller } = open(VIEWER);
    await controller.start();
    await controller.refresh();
    expect(controller.getState().session.refusal).toEqual({
      reason: 'not_enabled',
      account: VIEWER,
      administrators: [ADMIN],
    });
    await expect(controller.actions.startBatch('draft', [])).rejects.toThrow('is not an enabled user');
    controller.dispose();
  });
});

describe('the setup', () => {
  test('an administrator saves it with its ETag; an edit made elsewhere meanwhile is reported, not overwritten', async () => {
    const { controller } = open(ADMIN);
    await controller.start();
    await controller.refresh();
    expect(controller.getState().session.isAdministrator).toBe(true);
    const document = await controller.actions.loadSetup();
    if (document === undefined) throw new Error('no setup cached');

    const saved = await controller.actions.saveSetup({
      ...document,
      setup: { ...document.setup, minDaysBetween: 9 },
    });
    expect(saved).toEqual({ ok: true });
    expect((await controller.actions.loadSetup())?.setup.minDaysBetween).toBe(9);

    // Saving again with the old ETag: someone (this same user, earlier) changed it since.
    const stale = await controller.actions.saveSetup({
      ...document,
      setup: { ...document.setup, minDaysBetween: 3 },
    });
    expect(stale).toMatchObject({ ok: false, reason: 'conflict' });
    expect((await controller.actions.loadSetup())?.setup.minDaysBetween).toBe(9);
    controller.dispose();
  });

  test('an invalid setup is refused before it reaches the ERP, and a non-administrator cannot save', async () => {
    const admin = open(ADMIN);
    await admin.controller.start();
    await admin.controller.refresh();
    const document = await admin.controller.actions.loadSetup();
    if (document === undefined) throw new Error('no setup cached');
    const invalid = await admin.controller.actions.saveSetup({
      ...document,
      setup: { ...document.setup, levels: [] },
    });
    expect(invalid).toMatchObject({ ok: false, reason: 'invalid' });
    admin.controller.dispose();

    const marta = open(MARTA);
    await marta.controller.start();
    await marta.controller.refresh();
    expect(await marta.controller.actions.saveSetup(document)).toEqual({ ok: false, reason: 'forbidden' });
    marta.controller.dispose();
  });
});
