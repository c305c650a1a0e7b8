/**
 * The pane's state and the use-cases behind its buttons. On start it shows today's plan from the cache at
 * once, then syncs with the ERP in the background (progress and errors visible) and plans again. The
 * clock is read here (`now`), never in the domain; planning runs in the planner (a worker by default).
 *
 * React subscribes with `useSyncExternalStore(controller.subscribe, controller.getState)`.
 */
import { todayInTimeZone, type CalendarDate } from '../domain/calendar';
import { assertMayAct, isAdministrator, type AccountIdentifiers } from '../domain/enabled-user';
import { pdfNameFor, pdfNamesFor } from '../domain/attachment-names';
import { documentsOf } from '../domain/plan-reminders';
import { DEFAULT_TIMEZONE, validateSetup, type Setup } from '../domain/setup';
import type { ErpClient } from '../erp/client';
import { ErpError } from '../erp/errors';
import type { SollecitiDatabase } from '../store/db';
import { syncAll, type SyncProgress } from '../store/sync';
import { NO_FILTERS, parseFilters, serialiseFilters, type FilterState } from '../ui/filters';
import type {
  AttachmentInfo,
  BatchMode,
  ClaimCheck,
  CommunicationDetail,
  ConnectionTestResult,
  ConnectionView,
  HistoryRow,
  PaneActions,
  PaneState,
  SaveSetupResult,
  SessionView,
  SetupDocument,
  SyncFailure,
  SyncStep,
} from '../ui/model';
import type { SettingKey } from '../config/settings';
import type { MailPort } from './mail-port';
import type { Planner } from './planner';
import { messageOf } from '../domain/message-of';

/** The bits of `Storage` the pane uses for the clerk's own view state (filters, exclusions). */
export type ViewStorage = Pick<Storage, 'getItem' | 'setItem'>;

export interface ConnectionPort {
  view(): ConnectionView;
  test(values: Readonly<Partial<Record<SettingKey, string>>>): Promise<ConnectionTestResult>;
  save(values: Readonly<Partial<Record<SettingKey, string>>>): Promise<void>;
}

export interface ControllerDependencies {
  readonly db: SollecitiDatabase;
  /** The ERP client, loaded after the first paint (it brings the contract's schemas, zod and all). */
  readonly erp: () => Promise<ErpClient>;
  readonly planner: Planner;
  readonly mail: MailPort;
  /** The signed-in mailbox (primary address, else UPN). */
  readonly user: string;
  readonly identifiers: AccountIdentifiers;
  readonly devIdentity: boolean;
  readonly inOutlook: boolean;
  readonly storage: ViewStorage;
  /** Epoch ms. */
  readonly now: () => number;
  readonly openMessage: (messageId: string) => Promise<void>;
  readonly connection: ConnectionPort;
  /** A background sync this often while the pane is visible (ms); 0 turns it off. Default 10 minutes. */
  readonly refreshEveryMs?: number;
}

/** Records a sync page asks for: fewer round trips than the ERP's default 500, pages still small enough to apply in one short task. */
const SYNC_PAGE_SIZE = 2000;

/** A sentence-free description of a failure: the reason code (the UI has the sentence) and the detail. */
export function describeFailure(error: unknown): { failure: SyncFailure; detail: string } {
  if (error instanceof ErpError) return { failure: error.reason, detail: error.message };
  return { failure: 'unknown', detail: messageOf(error) };
}

/** A claim was to be released while this pane's outbox holds an unresolved job for it. */
export class UnresolvedClaimError extends Error {
  constructor(readonly key: string) {
    super(`The outbox here has an unresolved job for ${key}: check the mailbox instead of releasing it`);
    this.name = 'UnresolvedClaimError';
  }
}

export class PaneController {
  private state: PaneState;
  private readonly listeners = new Set<() => void>();
  private syncing: Promise<void> | undefined;
  private planning = 0;
  private setup: Setup | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly unsubscribeMail: () => void;
  /**
   * Bytes of the invoice PDFs measured while the pane is open, by document id: the ERP's contract gives no
   * sizes, so the preview and the confirmation download each PDF once to learn it (not again for both).
   */
  private readonly pdfSizes = new Map<string, number>();

  constructor(private readonly deps: ControllerDependencies) {
    this.state = {
      session: this.sessionFor(undefined),
      plan: { kind: 'loading' },
      sync: { phase: 'idle' },
      filters: parseFilters(deps.storage.getItem(this.storageKey('filters'))),
      excluded: new Set(),
      mail: deps.mail.availability,
      ...(deps.mail.current() !== undefined ? { batch: deps.mail.current() } : {}),
    };
    this.unsubscribeMail = deps.mail.subscribe(() => {
      const batch = deps.mail.current();
      const { batch: _previous, ...rest } = this.state;
      const finished = _previous?.state === 'running' && batch !== undefined && batch.state !== 'running';
      const mail = deps.mail.availability;
      this.setState(batch !== undefined ? { ...rest, mail, batch } : { ...rest, mail });
      // What was sent, drafted or marked leaves today's list: the ERP's log says so after a sync.
      if (finished) void this.refresh();
      // In Outlook, a single draft opens in Outlook's own window for review, as a clerk would expect.
      const [only] = batch?.drafts ?? [];
      if (
        finished &&
        deps.inOutlook &&
        batch?.mode === 'draft' &&
        batch.drafts.length === 1 &&
        only !== undefined
      ) {
        deps
          .openMessage(only.messageId)
          .catch((error: unknown) => console.warn('Could not open the draft in Outlook', error));
      }
    });
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getState = (): PaneState => this.state;

  private setState(next: PaneState): void {
    this.state = next;
    for (const listener of this.listeners) listener();
  }

  private update(patch: Partial<PaneState>): void {
    this.setState({ ...this.state, ...patch });
  }

  private storageKey(what: 'filters' | 'excluded'): string {
    return `solleciti.${what}.${this.deps.user.trim().toLowerCase()}`;
  }

  private sessionFor(setup: Setup | undefined): SessionView {
    const { identifiers, user, devIdentity, inOutlook } = this.deps;
    const mayAct = setup !== undefined ? assertMayAct(setup, identifiers) : undefined;
    return {
      user,
      refusal: mayAct === undefined ? { reason: 'not_signed_in' } : mayAct.ok ? null : mayAct.error,
      isAdministrator: setup !== undefined && isAdministrator(setup, identifiers),
      devIdentity,
      inOutlook,
    };
  }

  private today(): CalendarDate {
    return todayInTimeZone(this.deps.now(), this.setup?.timezone ?? DEFAULT_TIMEZONE);
  }

  /** Shows the cached plan, then syncs and plans again; then keeps refreshing while the pane is open. */
  async start(): Promise<void> {
    const lastSync = await this.deps.db.syncState.get('reminder-log').catch(() => undefined);
    if (lastSync?.syncedAt !== undefined)
      this.update({ sync: { phase: 'idle', lastSyncAt: lastSync.syncedAt } });
    await this.showKeptPlan();
    await this.replan();
    // The first sync, then the mail side: the last batch shows again and unfinished work resumes.
    void this.refresh()
      .then(() => this.deps.mail.resume())
      .catch((error: unknown) => console.warn('Resuming the outbox failed', error));
    const every = this.deps.refreshEveryMs ?? 10 * 60_000;
    if (every > 0) {
      this.timer = setInterval(() => {
        if (typeof document === 'undefined' || document.visibilityState === 'visible') void this.refresh();
      }, every);
    }
  }

  dispose(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.deps.mail.pause();
    this.unsubscribeMail();
    this.deps.planner.dispose();
  }

  /** Today in the cached setup's time zone (the setup is read again: a sync or a save may have changed it). */
  private async todayFromCache(): Promise<CalendarDate> {
    const record = await this.deps.db.setup.get('current');
    const validated = record !== undefined ? validateSetup(record.setup) : undefined;
    this.setup = validated?.ok === true ? validated.value : undefined;
    return this.today();
  }

  /**
   * Shows the plan last made today, as kept in the cache, while the fresh one is computed (reading and
   * planning 100 000 items takes seconds). Marked as being replanned; previews and batches wait for the
   * fresh plan. Nothing kept, or a failure reading it: the list simply waits for the fresh plan.
   */
  private async showKeptPlan(): Promise<void> {
    try {
      const today = await this.todayFromCache();
      const kept = await this.deps.planner.kept(today);
      // A kept plan under a setup no longer valid is not shown: the fresh plan says what is wrong.
      if (kept?.kind !== 'planned' || this.setup === undefined || this.state.plan.kind !== 'loading') return;
      this.loadExclusions(today);
      this.update({
        plan: { kind: 'planned', snapshot: kept.snapshot, replanning: true },
        session: this.sessionFor(this.setup),
      });
    } catch (error) {
      console.warn('Could not show the plan kept from the last opening', error);
    }
  }

  /** Reads the cached setup (for the time zone of "today"), then plans in the planner. */
  async replan(): Promise<void> {
    const ticket = ++this.planning;
    if (this.state.plan.kind === 'planned') this.update({ plan: { ...this.state.plan, replanning: true } });
    try {
      const today = await this.todayFromCache();
      const result = await this.deps.planner.plan(today);
      if (ticket !== this.planning) return; // a newer plan is on its way
      this.loadExclusions(today);
      if (result.kind === 'planned') {
        const { snapshot } = result;
        console.info(
          `Solleciti: planned ${snapshot.openItemCount} open items into ${snapshot.rows.length} reminders in ${snapshot.planMs} ms (cache read included, off the main thread when a worker is available)`,
        );
        this.setup = result.snapshot.setup;
        this.update({
          plan: { kind: 'planned', snapshot: result.snapshot, replanning: false },
          session: this.sessionFor(this.setup),
        });
      } else if (result.kind === 'invalid_setup') {
        this.update({
          plan: { kind: 'invalid_setup', problems: result.problems },
          session: this.sessionFor(undefined),
        });
      } else {
        this.update({ plan: { kind: 'empty' } });
      }
    } catch (error) {
      if (ticket !== this.planning) return;
      console.error('Planning failed', error);
      this.update({
        plan: { kind: 'failed', detail: messageOf(error) },
      });
    }
  }

  /** Syncs with the ERP (one run at a time), then plans again. Never rejects: failures go into the state. */
  refresh(): Promise<void> {
    this.syncing ??= this.runSync().finally(() => {
      this.syncing = undefined;
    });
    return this.syncing;
  }

  private async runSync(): Promise<void> {
    // A running batch syncs the cache itself: two syncs at once would interleave their pages.
    if (this.deps.mail.isRunning()) {
      await this.replan();
      return;
    }
    const lastSyncAt = this.state.sync.lastSyncAt;
    const base = lastSyncAt !== undefined ? { lastSyncAt } : {};
    this.update({ sync: { ...base, phase: 'syncing', step: 'setup', done: 0 } });
    try {
      const report = await syncAll(this.deps.db, await this.deps.erp(), {
        now: this.deps.now,
        pageSize: SYNC_PAGE_SIZE,
        onProgress: (progress: SyncProgress) => {
          const step: SyncStep = progress.resource;
          this.update({
            sync: {
              ...base,
              phase: 'syncing',
              step,
              done: progress.done,
              ...(progress.total !== undefined ? { total: progress.total } : {}),
            },
          });
        },
      });
      this.update({
        sync: { phase: 'idle', lastSyncAt: this.deps.now(), quarantined: report.quarantined.length },
      });
    } catch (error) {
      const { failure, detail } = describeFailure(error);
      console.warn('Sync with the ERP failed', error);
      this.update({ sync: { ...base, phase: 'failed', failure, detail } });
      return;
    }
    await this.replan();
  }

  private loadExclusions(today: CalendarDate): void {
    let keys: string[] = [];
    try {
      const stored: unknown = JSON.parse(this.deps.storage.getItem(this.storageKey('excluded')) ?? 'null');
      if (typeof stored === 'object' && stored !== null && (stored as { day?: unknown }).day === today) {
        const list = (stored as { keys?: unknown }).keys;
        if (Array.isArray(list)) keys = list.filter((key): key is string => typeof key === 'string');
      }
    } catch {
      keys = [];
    }
    const current = this.state.excluded;
    if (keys.length !== current.size || keys.some((key) => !current.has(key)))
      this.update({ excluded: new Set(keys) });
  }

  private saveExclusions(excluded: ReadonlySet<string>): void {
    const today = this.state.plan.kind === 'planned' ? this.state.plan.snapshot.today : this.today();
    try {
      this.deps.storage.setItem(
        this.storageKey('excluded'),
        JSON.stringify({ day: today, keys: [...excluded] }),
      );
    } catch (error) {
      console.warn('Could not save the exclusions', error);
    }
  }

  private requireMayAct(): void {
    const refusal = this.state.session.refusal;
    if (refusal !== null)
      throw new Error(
        refusal.reason === 'not_enabled' ? `${refusal.account} is not an enabled user` : 'Not signed in',
      );
  }

  readonly actions: PaneActions = {
    refresh: () => void this.refresh(),
    setFilters: (filters: FilterState) => {
      this.update({ filters });
      try {
        this.deps.storage.setItem(
          this.storageKey('filters'),
          serialiseFilters(filters === NO_FILTERS ? NO_FILTERS : filters),
        );
      } catch (error) {
        console.warn('Could not save the filters', error);
      }
    },
    setExcluded: (key: string, excluded: boolean) => {
      const next = new Set(this.state.excluded);
      if (excluded) next.add(key);
      else next.delete(key);
      this.update({ excluded: next });
      this.saveExclusions(next);
    },
    loadDetail: (key: string) => this.deps.planner.detail(key),
    loadSkipped: () => this.deps.planner.skipped(),
    loadAttachments: async (key: string): Promise<readonly AttachmentInfo[]> => {
      const detail = await this.deps.planner.detail(key);
      if (detail === undefined || !detail.setup.attachInvoicePdfs) return [];
      const documents = documentsOf(detail.communication);
      // Named as the mailer names them: the preview shows exactly what the customer receives.
      const names = pdfNamesFor(documents.map((document) => document.documentNumber));
      return Promise.all(
        documents.map(async ({ documentId, documentNumber }, index): Promise<AttachmentInfo> => {
          const fileName = names[index] ?? pdfNameFor(documentNumber);
          const known = this.pdfSizes.get(documentId);
          if (known !== undefined) return { documentId, fileName, size: known };
          try {
            const pdf = await (await this.deps.erp()).documentPdf(documentId, AbortSignal.timeout(20_000));
            this.pdfSizes.set(documentId, pdf.size);
            return { documentId, fileName, size: pdf.size };
          } catch (error) {
            return error instanceof ErpError && error.reason === 'not_found'
              ? { documentId, fileName, missing: true }
              : { documentId, fileName };
          }
        }),
      );
    },
    startBatch: async (mode: BatchMode, keys: readonly string[]) => {
      this.requireMayAct();
      const wanted = keys.filter((key) => !this.state.excluded.has(key));
      const communications = await this.deps.planner.communications(wanted);
      await this.deps.mail.start(mode, communications);
    },
    testSend: async (key: string) => {
      this.requireMayAct();
      const detail = await this.deps.planner.detail(key);
      if (detail === undefined) throw new Error('This reminder is no longer in today\u2019s plan');
      await this.deps.mail.testSend(detail, this.deps.user);
    },
    cancelBatch: () => this.deps.mail.cancel(),
    resumeBatch: () => this.deps.mail.resume(),
    retryFailed: () => this.deps.mail.retryFailed(),
    dismissBatch: () => this.deps.mail.dismiss(),
    openMessage: (messageId: string) => this.deps.openMessage(messageId),
    releaseClaim: async (key: string) => {
      // Its send may have gone out: only looking in the mailbox can tell (`checkClaim`), never a release.
      const job = await this.deps.db.outbox.get(key);
      if (job !== undefined && job.settled !== true) throw new UnresolvedClaimError(key);
      await (await this.deps.erp()).release(key);
      await this.refresh();
    },
    checkClaim: async (key: string): Promise<ClaimCheck> => {
      const outcome = await this.deps.mail.checkClaim(key);
      await this.refresh();
      return outcome;
    },
    loadHistory: (): Promise<readonly HistoryRow[]> => this.deps.planner.history(),
    loadSetup: async (): Promise<SetupDocument | undefined> => {
      const record = await this.deps.db.setup.get('current');
      return record !== undefined ? { setup: record.setup, etag: record.etag } : undefined;
    },
    saveSetup: async ({ setup, etag }: SetupDocument): Promise<SaveSetupResult> => {
      if (!this.state.session.isAdministrator) return { ok: false, reason: 'forbidden' };
      const validated = validateSetup(setup);
      if (!validated.ok)
        return {
          ok: false,
          reason: 'invalid',
          detail: validated.error.map((problem) => problem.message).join('; '),
        };
      try {
        const saved = await (await this.deps.erp()).putSetup(setup, etag);
        await this.deps.db.setup.put({
          id: 'current',
          setup: saved.setup,
          etag: saved.etag,
          fetchedAt: this.deps.now(),
        });
      } catch (error) {
        if (error instanceof ErpError && error.reason === 'precondition_failed')
          return { ok: false, reason: 'conflict', detail: error.message };
        if (error instanceof ErpError && error.reason === 'forbidden')
          return { ok: false, reason: 'forbidden', detail: error.message };
        return {
          ok: false,
          reason: 'failed',
          detail: messageOf(error),
        };
      }
      await this.replan();
      return { ok: true };
    },
    loadSample: (levelId: string): Promise<CommunicationDetail | undefined> =>
      this.deps.planner.sample(levelId),
    loadConnection: () => this.deps.connection.view(),
    testConnection: (values) => this.deps.connection.test(values),
    saveConnection: (values) => this.deps.connection.save(values),
  };
}
