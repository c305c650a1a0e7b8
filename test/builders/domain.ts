/** Builders for domain records: literal defaults, overridden per test, so a test shows only what matters. */
import { cents } from '../../src/domain/money';
import { validateSetup, type Setup } from '../../src/domain/setup';
import type { Agent, Customer, LedgerEntry, OpenItem } from '../../src/domain/types';

export const THREE_LEVELS = [
  { id: 'L1', name: 'Promemoria', kind: 'promemoria', days: -10 },
  { id: 'L2', name: 'Estratto conto', kind: 'estratto_conto', days: 15 },
  { id: 'L3', name: 'Sollecito', kind: 'sollecito', days: 30, recurEveryDays: 30 },
];

/** A validated setup: the spec's three levels unless `levels` is given; throws if invalid. */
export function aSetup(overrides: Record<string, unknown> = {}): Setup {
  const result = validateSetup({ levels: THREE_LEVELS, ...overrides });
  if (!result.ok) throw new Error(result.error.map((p) => p.message).join('; '));
  return result.value;
}

export const aCustomer = (overrides: Partial<Customer> = {}): Customer => ({
  id: 'C1',
  name: 'Rossi Srl',
  emails: ['amministrazione@rossi.it'],
  agentId: 'A1',
  language: 'it',
  ...overrides,
});

export const anAgent = (overrides: Partial<Agent> = {}): Agent => ({
  id: 'A1',
  name: 'Mario Bianchi',
  email: 'm.bianchi@example.it',
  ...overrides,
});

export const anItem = (
  overrides: Partial<Omit<OpenItem, 'residual'>> & { residual?: number } = {},
): OpenItem => ({
  id: 'I1',
  customerId: 'C1',
  documentNumber: 'FT 2026/001',
  documentDate: '2026-01-10',
  dueDate: '2026-02-28',
  currency: 'EUR',
  ...overrides,
  residual: cents(overrides.residual ?? 123456),
});

export const anEntry = (overrides: Partial<LedgerEntry> = {}): LedgerEntry => ({
  itemId: 'I1',
  levelId: 'L1',
  cycle: 0,
  sentOn: '2026-02-18',
  state: 'sent',
  ...overrides,
});
