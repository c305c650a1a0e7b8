/**
 * A small, literal day for the component tests: a setup with the spec's three levels, four customers,
 * and the state and actions the pane's components receive. Planned by the real engine (planDay), so the
 * rows are what the pane would show.
 */
import { cents } from '../../src/domain/money';
import { validateSetup, type Setup } from '../../src/domain/setup';
import type { Agent, Customer, OpenItem } from '../../src/domain/types';
import type { ReminderSetupWire } from '../../src/erp/wire';
import { planDay } from '../../src/taskpane/plan-snapshot';
import { NO_FILTERS } from '../../src/ui/filters';
import type {
  CommunicationDetail,
  PaneActions,
  PaneState,
  PlanSnapshot,
  SkippedRow,
} from '../../src/ui/model';

export const TODAY = '2026-03-15';
export const MARTA = 'marta.rossi@solleciti.example';

export const SETUP_WIRE: ReminderSetupWire = {
  groupByCustomer: true,
  ccAgent: true,
  attachInvoicePdfs: true,
  minimumAmount: 1000,
  minDaysBetween: 0,
  autoCollectedPaymentMethods: [],
  defaultLanguage: 'it',
  timezone: 'Europe/Rome',
  companyIban: 'IT60X0542811101000000123456',
  enabledUsers: [MARTA],
  administrators: ['admin@solleciti.example'],
  levels: [
    {
      id: 'L1',
      name: 'Promemoria',
      kind: 'promemoria',
      days: -10,
      recurEveryDays: undefined,
      recurMaxCount: undefined,
      texts: {
        it: {
          subject: 'Promemoria – %Cliente',
          body: 'Gentile %Cliente,\n%Partita\nTotale %Importo',
          format: 'text',
        },
      },
    },
    {
      id: 'L2',
      name: 'Estratto conto',
      kind: 'estratto_conto',
      days: 15,
      recurEveryDays: undefined,
      recurMaxCount: undefined,
      texts: { it: { subject: 'Estratto conto – %Cliente', body: '%Partita', format: 'text' } },
    },
    {
      id: 'L3',
      name: 'Sollecito',
      kind: 'sollecito',
      days: 30,
      recurEveryDays: 30,
      recurMaxCount: undefined,
      texts: { it: { subject: 'Sollecito – %Cliente', body: 'Pagare %Importo su %IBAN', format: 'text' } },
    },
  ],
};

export function setup(): Setup {
  const result = validateSetup(SETUP_WIRE);
  if (!result.ok) throw new Error(result.error.map((problem) => problem.message).join('; '));
  return result.value;
}

export const agents: Agent[] = [{ id: 'A1', name: 'Mario Bianchi', email: 'm.bianchi@solleciti.example' }];

export const customers: Customer[] = [
  { id: 'C1', name: 'Rossi Srl', emails: ['amministrazione@rossi.example'], agentId: 'A1' },
  { id: 'C2', name: 'Caffè Nerò & Figli SpA', emails: ['contabilita@nero.example'] },
  { id: 'C3', name: 'Neri Sas', emails: ['neri@neri.example'], blocked: true },
  { id: 'C4', name: '<b>Bruni</b> Snc', emails: ['info@bruni.example'] },
];

const item = (
  id: string,
  customerId: string,
  documentNumber: string,
  dueDate: string,
  residual: number,
  documentId = documentNumber,
): OpenItem => ({
  id,
  customerId,
  documentId,
  documentNumber,
  documentDate: '2026-01-10',
  dueDate,
  residual: cents(residual),
  currency: 'EUR',
});

export const items: OpenItem[] = [
  item('I1', 'C1', 'FT 2026/1', '2026-02-28', 1234560),
  item('I2', 'C1', 'FT 2025/90', '2026-02-10', 50000),
  item('I3', 'C2', 'FT 2026/7', '2026-03-20', 1000000),
  item('I4', 'C2', 'FT 2026/8', '2026-03-20', 25050),
  item('I5', 'C3', 'FT 2026/3', '2026-02-01', 70000),
  item('I6', 'C4', 'FT 2026/9', '2026-02-01', 650000),
];

export function plannedDay(): {
  snapshot: PlanSnapshot;
  skipped: readonly SkippedRow[];
  details: Map<string, CommunicationDetail>;
} {
  const s = setup();
  const day = planDay({
    setup: s,
    books: { customers, agents, items, ledger: [] },
    claims: [],
    today: TODAY,
    mailbox: MARTA,
  });
  const details = new Map<string, CommunicationDetail>();
  for (const [key, communication] of day.communications) {
    const customer = customers.find((candidate) => candidate.id === communication.customerId);
    if (customer !== undefined)
      details.set(key, { key, communication, customer, agents, setup: s, today: TODAY });
  }
  return { snapshot: { ...day.snapshot, planMs: 1 }, skipped: day.skipped, details };
}

export function paneState(patch: Partial<PaneState> = {}): PaneState {
  const { snapshot } = plannedDay();
  return {
    session: { user: MARTA, refusal: null, isAdministrator: false, devIdentity: true, inOutlook: false },
    plan: { kind: 'planned', snapshot, replanning: false },
    sync: { phase: 'idle', lastSyncAt: Date.parse('2026-03-15T09:42:00Z') },
    filters: NO_FILTERS,
    excluded: new Set(),
    mail: { available: true },
    ...patch,
  };
}

/** Actions that record what they were asked, answering from the planned day. */
export function recordingActions(
  overrides: Partial<PaneActions> = {},
): PaneActions & { readonly calls: unknown[][] } {
  const { details, skipped } = plannedDay();
  const calls: unknown[][] = [];
  const record =
    <A extends unknown[], R>(name: string, answer: (...args: A) => R) =>
    (...args: A): R => {
      calls.push([name, ...args]);
      return answer(...args);
    };
  const actions: PaneActions = {
    refresh: record('refresh', () => undefined),
    setFilters: record('setFilters', () => undefined),
    setExcluded: record('setExcluded', () => undefined),
    loadDetail: record('loadDetail', (key: string) => Promise.resolve(details.get(key))),
    loadSkipped: record('loadSkipped', () => Promise.resolve(skipped)),
    loadAttachments: record('loadAttachments', () =>
      Promise.resolve([{ documentId: 'FT 2026/1', fileName: 'FT 2026_1.pdf', size: 52_000 }]),
    ),
    startBatch: record('startBatch', () => Promise.resolve()),
    testSend: record('testSend', () => Promise.resolve()),
    cancelBatch: record('cancelBatch', () => Promise.resolve()),
    resumeBatch: record('resumeBatch', () => Promise.resolve()),
    retryFailed: record('retryFailed', () => Promise.resolve()),
    dismissBatch: record('dismissBatch', () => undefined),
    openMessage: record('openMessage', () => Promise.resolve()),
    releaseClaim: record('releaseClaim', () => Promise.resolve()),
    checkClaim: record('checkClaim', () => Promise.resolve('sent' as const)),
    loadHistory: record('loadHistory', () => Promise.resolve([])),
    loadSetup: record('loadSetup', () => Promise.resolve({ setup: SETUP_WIRE, etag: '"v1"' })),
    saveSetup: record('saveSetup', () => Promise.resolve({ ok: true as const })),
    loadSample: record('loadSample', () => Promise.resolve([...details.values()][0])),
    loadConnection: record('loadConnection', () => ({
      settings: [],
      problems: [],
      location: 'local' as const,
      staticKeyInUse: false,
    })),
    testConnection: record('testConnection', () =>
      Promise.resolve({ erp: { ok: true as const }, graph: { ok: true as const } }),
    ),
    saveConnection: record('saveConnection', () => Promise.resolve()),
    ...overrides,
  };
  return Object.assign(actions, { calls });
}
