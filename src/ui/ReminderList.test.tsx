/** @jest-environment jsdom */
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { act, cleanup, getDefaultNormalizer, render, screen, within } from '@testing-library/react';
import type { ReactElement } from 'react';
import { cents } from '../domain/money';
import { planReminders, type Plan } from '../domain/plan-reminders';
import { validateSetup, type Setup } from '../domain/setup';
import type { Customer, OpenItem } from '../domain/types';
import { ReminderList, SkippedList } from './ReminderList';

//        March 2026
//  Mo Tu We Th Fr Sa Su
//                     1
//   2  3  4  5  6  7  8
//   9 10 11 12 13 14 15   ← today (Sunday)
//  16 17 18 19 20 21 22   ← I3, I4 due on the 20th: promemoria (-10) since the 10th
// February: I2 due on the 10th (33 days: sollecito), I1 on the 28th (15 days: estratto conto).
const TODAY = '2026-03-15';
const NBSP = '\u00a0';
/** Intl puts a no-break space before €: match it as such (the default normaliser turns it into a space). */
const keepSpaces = { normalizer: getDefaultNormalizer({ collapseWhitespace: false }) };

function demoSetup(): Setup {
  const result = validateSetup({
    groupByCustomer: true,
    minimumAmount: 1000,
    levels: [
      { id: 'L3', name: 'Sollecito', kind: 'sollecito', days: 30, recurEveryDays: 30 },
      { id: 'L1', name: 'Promemoria', kind: 'promemoria', days: -10 },
      { id: 'L2', name: 'Estratto conto', kind: 'estratto_conto', days: 15 },
    ],
  });
  if (!result.ok) throw new Error(result.error.map((problem) => problem.message).join('; '));
  return result.value;
}

const customers: readonly Customer[] = [
  { id: 'C1', name: 'Rossi Srl', emails: ['amministrazione@rossi.example'] },
  { id: 'C2', name: 'Verdi & Figli SpA', emails: ['contabilita@verdi.example'] },
  { id: 'C3', name: 'Neri Sas', emails: ['neri@neri.example'], blocked: true },
  { id: 'C4', name: 'Bruni Snc', emails: ['info@bruni.example'] },
];

const item = (id: string, customerId: string, documentNumber: string, dueDate: string, residual: number): OpenItem => ({
  id,
  customerId,
  documentNumber,
  documentDate: '2026-01-10',
  dueDate,
  residual: cents(residual),
  currency: 'EUR',
});

const items: readonly OpenItem[] = [
  item('I1', 'C1', 'FT 2026/1', '2026-02-28', 1234560),
  item('I2', 'C1', 'FT 2025/90', '2026-02-10', 50000),
  item('I3', 'C2', 'FT 2026/7', '2026-03-20', 1000000),
  item('I4', 'C2', 'FT 2026/8', '2026-03-20', 25050),
  item('I5', 'C3', 'FT 2026/3', '2026-02-01', 70000),
  item('I6', 'C4', 'FT 2026/9', '2026-03-25', 650),
];

function planToday(): { setup: Setup; plan: Plan } {
  const setup = demoSetup();
  const plan = planReminders({
    setup,
    today: TODAY,
    customers,
    agents: [],
    items,
    ledger: [{ itemId: 'I1', levelId: 'L1', cycle: 0, sentOn: '2026-02-18', state: 'sent' }],
  });
  return { setup, plan };
}

const customersById = new Map(customers.map((customer) => [customer.id, customer] as const));
const itemsById = new Map(items.map((openItem) => [openItem.id, openItem] as const));
const inFluent = (ui: ReactElement) => render(<FluentProvider theme={webLightTheme}>{ui}</FluentProvider>);

afterEach(cleanup);

describe('ReminderList', () => {
  test('shows one row per communication: customer, level badge, items, total and overdue days, most pressing first', () => {
    const { setup, plan } = planToday();
    inFluent(<ReminderList communications={plan.communications} customersById={customersById} levels={setup.levels} today={TODAY} language="it" />);

    const rows = screen.getAllByTestId('reminder-row');
    expect(rows).toHaveLength(3);
    const [sollecito, estratto, promemoria] = rows.map((row) => within(row));

    expect(sollecito?.getByText('Rossi Srl')).toBeTruthy();
    expect(sollecito?.getByText('Sollecito')).toBeTruthy();
    expect(sollecito?.getByText(`500,00${NBSP}€`, keepSpaces)).toBeTruthy();
    expect(sollecito?.getByText('1 partita')).toBeTruthy();
    expect(sollecito?.getByText('scaduta da 33 giorni')).toBeTruthy();

    expect(estratto?.getByText('Rossi Srl')).toBeTruthy();
    expect(estratto?.getByText('Estratto conto')).toBeTruthy();
    expect(estratto?.getByText(`12.345,60${NBSP}€`, keepSpaces)).toBeTruthy();
    expect(estratto?.getByText('scaduta da 15 giorni')).toBeTruthy();

    expect(promemoria?.getByText('Verdi & Figli SpA')).toBeTruthy();
    expect(promemoria?.getByText('Promemoria')).toBeTruthy();
    expect(promemoria?.getByText(`10.250,50${NBSP}€`, keepSpaces)).toBeTruthy();
    expect(promemoria?.getByText('2 partite')).toBeTruthy();
    expect(promemoria?.getByText('scade tra 5 giorni')).toBeTruthy();

    // Blocked and below-minimum customers are not in the list.
    expect(screen.queryByText('Neri Sas')).toBeNull();
    expect(screen.queryByText('Bruni Snc')).toBeNull();
  });

  test('formats totals and counts for the UI language', () => {
    const { setup, plan } = planToday();
    inFluent(<ReminderList communications={plan.communications} customersById={customersById} levels={setup.levels} today={TODAY} language="en" />);

    expect(screen.getByText('€12,345.60')).toBeTruthy();
    expect(screen.getByText('€10,250.50')).toBeTruthy();
    expect(screen.getByText('2 items')).toBeTruthy();
    expect(screen.getByText('due in 5 days')).toBeTruthy();
  });

  test('says so when nothing is due', () => {
    const { setup } = planToday();
    inFluent(<ReminderList communications={[]} customersById={customersById} levels={setup.levels} today={TODAY} language="it" />);

    expect(screen.getByText('Nessun sollecito da inviare oggi.')).toBeTruthy();
  });
});

describe('SkippedList', () => {
  test('is collapsed at first and, opened, gives each item left out with its reason', () => {
    const { setup, plan } = planToday();
    inFluent(<SkippedList skipped={plan.skipped} itemsById={itemsById} customersById={customersById} minimumAmount={setup.minimumAmount} language="it" />);

    expect(screen.getByRole('heading', { name: 'Non inviati, e perché (2)' })).toBeTruthy();
    const toggle = screen.getByRole('button', { name: 'Mostra' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryAllByTestId('skipped-row').every((row) => row.closest('[hidden]') !== null)).toBe(true);

    act(() => toggle.click());

    expect(screen.getByRole('button', { name: 'Nascondi' }).getAttribute('aria-expanded')).toBe('true');
    const rows = screen.getAllByTestId('skipped-row').map((row) => row.textContent);
    expect(rows).toEqual([
      `Neri Sas700,00${NBSP}€Cliente bloccato: nessun sollecitoFT 2026/3 · scad. 01/02/2026`,
      `Bruni Snc6,50${NBSP}€Totale sotto l'importo minimo (10,00${NBSP}€)FT 2026/9 · scad. 25/03/2026`,
    ]);
  });
});
