/** @jest-environment ./test/jest-environment-jsdom-node.ts */
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import {
  act,
  cleanup,
  fireEvent,
  getDefaultNormalizer,
  render,
  screen,
  within,
} from '@testing-library/react';
import type { ReactElement } from 'react';
import { cents } from '../domain/money';
import { validateSetup, type Setup } from '../domain/setup';
import type { Customer, OpenItem } from '../domain/types';
import { planDay } from '../taskpane/plan-snapshot';
import type { PlanSnapshot, SkippedRow } from './model';
import { ReminderList, type ReminderListProps } from './ReminderList';
import { SkippedList } from './SkippedList';

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

const item = (
  id: string,
  customerId: string,
  documentNumber: string,
  dueDate: string,
  residual: number,
): OpenItem => ({
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

function planToday(): PlanSnapshot & { skipped: readonly SkippedRow[] } {
  const { snapshot, skipped } = planDay({
    setup: demoSetup(),
    today: TODAY,
    books: {
      customers: [...customers],
      agents: [],
      items: [...items],
      ledger: [{ itemId: 'I1', levelId: 'L1', cycle: 0, sentOn: '2026-02-18', state: 'sent' }],
    },
    claims: [],
    mailbox: 'marta.rossi@solleciti.example',
  });
  return { ...snapshot, planMs: 0, skipped };
}

const inFluent = (ui: ReactElement) => render(<FluentProvider theme={webLightTheme}>{ui}</FluentProvider>);
const none = new Set<string>();
const noop = () => undefined;
/** The list as the home view shows it: selectable, nothing selected or left out, in Italian, unless told. */
const showList = (props: Pick<ReminderListProps, 'rows'> & Partial<ReminderListProps>) =>
  inFluent(
    <ReminderList
      selected={none}
      excluded={none}
      selectable
      onToggle={noop}
      onOpen={noop}
      language="it"
      {...props}
    />,
  );

// jsdom has no scrolling; the virtualized list asks for it on mount.
beforeAll(() => {
  window.scrollTo = () => undefined;
});
afterEach(cleanup);

describe('ReminderList', () => {
  test('shows one row per communication: customer, level badge, items, total and overdue days, most pressing first', () => {
    const { rows } = planToday();
    showList({ rows });

    const shown = screen.getAllByTestId('reminder-row');
    expect(shown).toHaveLength(3);
    const [sollecito, estratto, promemoria] = shown.map((row) => within(row));

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
    const { rows } = planToday();
    showList({ rows, language: 'en' });

    expect(screen.getByText('€12,345.60')).toBeTruthy();
    expect(screen.getByText('€10,250.50')).toBeTruthy();
    expect(screen.getByText('2 items')).toBeTruthy();
    expect(screen.getByText('due in 5 days')).toBeTruthy();
  });

  test('a checkbox selects a row, the customer name opens its preview, and a row left out today cannot be selected', () => {
    const { rows } = planToday();
    const toggled: [string, boolean][] = [];
    const opened: string[] = [];
    const excluded = new Set([rows[2]?.key ?? '']);
    showList({
      rows,
      excluded,
      onToggle: (key, on) => toggled.push([key, on]),
      onOpen: (key) => opened.push(key),
    });

    fireEvent.click(screen.getAllByRole('checkbox', { name: 'Seleziona Rossi Srl' })[0] as HTMLElement);
    fireEvent.click(screen.getByRole('button', { name: 'Anteprima del sollecito a Verdi & Figli SpA' }));

    expect(toggled).toEqual([[rows[0]?.key, true]]);
    expect(opened).toEqual([rows[2]?.key]);
    expect(
      (screen.getByRole('checkbox', { name: 'Seleziona Verdi & Figli SpA' }) as HTMLInputElement).disabled,
    ).toBe(true);
    expect(screen.getByText('Escluso oggi')).toBeTruthy();
  });

  test('renders only the rows near the viewport: 10 000 rows, a few dozen elements', () => {
    const [first] = planToday().rows;
    if (first === undefined) throw new Error('no row');
    const many = Array.from({ length: 10_000 }, (_, index) => ({
      ...first,
      key: `K${index}`,
      customerName: `Cliente ${index}`,
    }));
    showList({ rows: many });

    const rendered = screen.getAllByTestId('reminder-row');
    expect(rendered.length).toBeGreaterThan(0);
    expect(rendered.length).toBeLessThan(60);
    expect(rendered[0]?.getAttribute('aria-setsize')).toBe('10000');
  });
});

describe('SkippedList', () => {
  test('is collapsed at first and, opened, loads and gives each item left out with its reason', async () => {
    const { skipped, setup } = planToday();
    const plan = {};
    inFluent(
      <SkippedList
        count={skipped.length}
        load={() => Promise.resolve(skipped)}
        plan={plan}
        minimumAmount={setup.minimumAmount}
        language="it"
      />,
    );

    expect(screen.getByRole('heading', { name: 'Non inviati, e perché (2)' })).toBeTruthy();
    const toggle = screen.getByRole('button', { name: 'Mostra' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryAllByTestId('skipped-row')).toHaveLength(0);

    act(() => toggle.click());

    expect(screen.getByRole('button', { name: 'Nascondi' }).getAttribute('aria-expanded')).toBe('true');
    const texts = (await screen.findAllByTestId('skipped-row')).map((row) => row.textContent);
    expect(texts).toEqual([
      `Neri Sas700,00${NBSP}€Cliente bloccato: nessun sollecitoFT 2026/3 · scad. 01/02/2026`,
      `Bruni Snc6,50${NBSP}€Totale sotto l'importo minimo (10,00${NBSP}€)FT 2026/9 · scad. 25/03/2026`,
    ]);
  });
});
