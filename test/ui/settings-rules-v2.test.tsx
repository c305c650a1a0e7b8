/** @jest-environment ./test/jest-environment-jsdom-node.ts */
/**
 * The settings of rules version 2: one communication per customer (only with grouping by customer, and
 * saying why not), and late-payment interest — dated yearly rates added and removed, the flat indemnity
 * in euros saved in cents, or none at all — each box refusing what is wrong on itself, and Save carrying
 * the fields to the ERP.
 */
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { ReminderSetupWire } from '../../src/erp/wire';
import type { PaneActions, PaneState } from '../../src/ui/model';
import { SettingsView } from '../../src/ui/SettingsView';
import { paneState, recordingActions, SETUP_WIRE } from './pane-fixtures';

beforeAll(() => {
  window.scrollTo = () => undefined;
});
afterEach(cleanup);

const admin = (): PaneState => {
  const state = paneState();
  return { ...state, session: { ...state.session, user: 'admin@solleciti.example', isAdministrator: true } };
};

/** Actions whose ERP holds `setup`; Save is recorded and left pending (what it sends is what is checked). */
type Recording = PaneActions & { readonly saves: ReminderSetupWire[] };

function actionsWith(setup: ReminderSetupWire): Recording {
  const saves: ReminderSetupWire[] = [];
  const actions = recordingActions({
    loadSetup: () => Promise.resolve({ setup, etag: '"v1"' }),
    saveSetup: (document) => {
      saves.push(document.setup);
      return new Promise(() => undefined);
    },
  });
  return Object.assign(actions, { saves });
}

async function open(actions: PaneActions, language: 'it' | 'en' = 'it', state = admin()): Promise<void> {
  render(
    <FluentProvider theme={webLightTheme}>
      <SettingsView state={state} actions={actions} language={language} />
    </FluentProvider>,
  );
  await screen.findByTestId('levels-editor');
}

const saveButton = () => screen.getByRole('button', { name: 'Salva nell’ERP' }) as HTMLButtonElement;
/** The validation message Fluent's Field shows under a control (its own problem, where it is). */
const messageOf = (control: HTMLElement): string =>
  control.closest('.fui-Field')?.querySelector('.fui-Field__validationMessage')?.textContent ?? '';
/** Clicks Save: it is then busy until the ERP answers (here never). */
async function save(): Promise<void> {
  fireEvent.click(saveButton());
  await waitFor(() => expect(screen.getByRole('button', { name: 'Salvataggio…' })).toBeTruthy());
}
/** The setups sent to the ERP by Save. */
const saved = (actions: Recording): readonly ReminderSetupWire[] => actions.saves;
const onePerCustomer = () =>
  screen.getByRole('switch', { name: 'Una sola comunicazione per cliente' }) as HTMLInputElement;
const lateInterestSwitch = () =>
  screen.getByRole('switch', {
    name: 'Calcola interessi di mora e indennità (D.Lgs. 231/2002)',
  }) as HTMLInputElement;
const rateRows = () => screen.getAllByTestId('rate-row').map((row) => within(row));

describe('one communication per customer', () => {
  test('off with the reason while grouping by customer is off; on once grouping is on; saved', async () => {
    const actions = actionsWith({ ...SETUP_WIRE, groupByCustomer: false });
    await open(actions);
    expect(onePerCustomer().disabled).toBe(true);
    expect(messageOf(onePerCustomer())).toBe('Richiede “Raggruppa per tipo e cliente”: attiva prima quello.');

    fireEvent.click(screen.getByRole('switch', { name: 'Raggruppa per tipo e cliente' }));
    expect(onePerCustomer().disabled).toBe(false);
    expect(messageOf(onePerCustomer())).toBe('');
    fireEvent.click(onePerCustomer());
    expect(onePerCustomer().checked).toBe(true);
    expect(saveButton().disabled).toBe(false);
    await save();
    expect(saved(actions)).toEqual([
      expect.objectContaining({ groupByCustomer: true, onePerCustomer: true }),
    ]);
  });

  test('turning grouping off turns it off too, never leaving a setup the engine refuses', async () => {
    const actions = actionsWith({ ...SETUP_WIRE, onePerCustomer: true });
    await open(actions);
    expect(onePerCustomer().checked).toBe(true);
    fireEvent.click(screen.getByRole('switch', { name: 'Raggruppa per tipo e cliente' }));
    expect(onePerCustomer().checked).toBe(false);
    expect(onePerCustomer().disabled).toBe(true);
    await save();
    expect(saved(actions)).toEqual([
      expect.objectContaining({ groupByCustomer: false, onePerCustomer: false }),
    ]);
  });

  test('said in English too', async () => {
    await open(actionsWith({ ...SETUP_WIRE, groupByCustomer: false }), 'en');
    const control = screen.getByRole('switch', { name: 'One communication per customer' });
    expect(messageOf(control)).toBe('Needs “Group by type and customer”: turn that on first.');
  });

  test('read-only for someone who is not an administrator', async () => {
    await open(actionsWith({ ...SETUP_WIRE, onePerCustomer: true }), 'it', paneState());
    expect(onePerCustomer().checked).toBe(true);
    expect(onePerCustomer().closest('fieldset')?.disabled).toBe(true);
  });
});

describe('late-payment interest', () => {
  test('absent: off, and nothing to fill in; turned on it starts with no rate and €40, and is saved in cents', async () => {
    const actions = actionsWith(SETUP_WIRE);
    await open(actions);
    expect(lateInterestSwitch().checked).toBe(false);
    expect(screen.queryByTestId('flat-indemnity')).toBeNull();

    fireEvent.click(lateInterestSwitch());
    expect((screen.getByTestId('flat-indemnity') as HTMLInputElement).value).toBe('40,00');
    expect(screen.getByText('Nessun tasso: interessi a zero, solo l’indennità.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Aggiungi tasso' }));
    const [first] = rateRows();
    fireEvent.change(first?.getByTestId('rate-from') as HTMLElement, { target: { value: '2026-01-01' } });
    fireEvent.change(first?.getByTestId('rate-percent') as HTMLElement, { target: { value: '10,15' } });
    fireEvent.change(screen.getByTestId('flat-indemnity'), { target: { value: '40,5' } });
    expect(saveButton().disabled).toBe(false);
    await save();
    expect(saved(actions)).toEqual([
      expect.objectContaining({
        lateInterest: { rates: [{ from: '2026-01-01', percent: 10.15 }], flatIndemnity: 4050 },
      }),
    ]);
  });

  test('a stored table is shown in the clerk’s format; a row removed goes, the others keep their values', async () => {
    const lateInterest = {
      rates: [
        { from: '2025-07-01', percent: 10.15 },
        { from: '2026-01-01', percent: 10 },
        { from: '2026-07-01', percent: 9.5 },
      ],
      flatIndemnity: 4000,
    };
    const actions = actionsWith({ ...SETUP_WIRE, lateInterest });
    await open(actions);
    expect(lateInterestSwitch().checked).toBe(true);
    expect(rateRows().map((row) => (row.getByTestId('rate-percent') as HTMLInputElement).value)).toEqual([
      '10,15',
      '10',
      '9,5',
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Rimuovi il tasso 2' }));
    expect(rateRows().map((row) => (row.getByTestId('rate-from') as HTMLInputElement).value)).toEqual([
      '2025-07-01',
      '2026-07-01',
    ]);
    await save();
    expect(saved(actions)[0]?.lateInterest).toEqual({
      rates: [
        { from: '2025-07-01', percent: 10.15 },
        { from: '2026-07-01', percent: 9.5 },
      ],
      flatIndemnity: 4000,
    });
  });

  test('"no late interest" removes the field from what is saved', async () => {
    const actions = actionsWith({ ...SETUP_WIRE, lateInterest: { rates: [], flatIndemnity: 4000 } });
    await open(actions);
    fireEvent.click(lateInterestSwitch());
    expect(screen.queryByTestId('flat-indemnity')).toBeNull();
    await save();
    const [setup] = saved(actions);
    expect(setup).toBeDefined();
    expect(setup?.lateInterest).toBeUndefined();
    expect(JSON.parse(JSON.stringify(setup))).not.toHaveProperty('lateInterest');
  });

  test.each([
    ['-1', 'La percentuale non può essere negativa.'],
    ['10,155', 'Al massimo due decimali, ad esempio 10,15.'],
    ['dieci', 'Scrivi una percentuale, ad esempio 10,15.'],
    ['', 'Scrivi una percentuale, ad esempio 10,15.'],
  ])('a percent of "%s" is refused on its box, and Save is off', async (typed, message) => {
    await open(
      actionsWith({
        ...SETUP_WIRE,
        lateInterest: { rates: [{ from: '2026-01-01', percent: 8 }], flatIndemnity: 4000 },
      }),
    );
    const percent = rateRows()[0]?.getByTestId('rate-percent') as HTMLInputElement;
    fireEvent.change(percent, { target: { value: typed } });
    expect(percent.value).toBe(typed);
    expect(messageOf(percent)).toBe(message);
    expect(saveButton().disabled).toBe(true);
    expect(screen.getByTestId('setup-problems').textContent).toContain(`% annua (tasso 1): ${message}`);

    fireEvent.change(percent, { target: { value: '0' } });
    expect(messageOf(percent)).toBe('');
    expect(saveButton().disabled).toBe(false);
  });

  test('a missing or repeated start date is refused on its box', async () => {
    await open(
      actionsWith({
        ...SETUP_WIRE,
        lateInterest: { rates: [{ from: '2026-01-01', percent: 8 }], flatIndemnity: 4000 },
      }),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Aggiungi tasso' }));
    const second = rateRows()[1];
    fireEvent.change(second?.getByTestId('rate-percent') as HTMLElement, { target: { value: '9' } });
    const from = second?.getByTestId('rate-from') as HTMLInputElement;
    expect(messageOf(from)).toBe('Scrivi una data valida.');
    expect(saveButton().disabled).toBe(true);

    fireEvent.change(from, { target: { value: '2026-01-01' } });
    expect(messageOf(from)).toBe('Un altro tasso parte dallo stesso giorno: ogni tasso ha la sua data.');
    expect(messageOf(rateRows()[0]?.getByTestId('rate-from') as HTMLElement)).toBe('');
    expect(saveButton().disabled).toBe(true);

    fireEvent.change(from, { target: { value: '2026-07-01' } });
    expect(messageOf(from)).toBe('');
    expect(saveButton().disabled).toBe(false);
  });

  test.each([
    ['-40', 'L’indennità non può essere negativa: scrivi 0 o più.'],
    ['quaranta', 'Scrivi un importo, ad esempio 40 o 40,00.'],
  ])('an indemnity of "%s" is refused on its box; 0 is allowed', async (typed, message) => {
    const actions = actionsWith({ ...SETUP_WIRE, lateInterest: { rates: [], flatIndemnity: 4000 } });
    await open(actions);
    const indemnity = screen.getByTestId('flat-indemnity') as HTMLInputElement;
    fireEvent.change(indemnity, { target: { value: typed } });
    expect(indemnity.value).toBe(typed);
    expect(messageOf(indemnity)).toBe(message);
    expect(saveButton().disabled).toBe(true);

    fireEvent.change(indemnity, { target: { value: '0' } });
    expect(messageOf(indemnity)).toBe('');
    await save();
    expect(saved(actions)[0]?.lateInterest).toEqual({ rates: [], flatIndemnity: 0 });
  });

  test('in English: the labels and a refused percent', async () => {
    await open(
      actionsWith({
        ...SETUP_WIRE,
        lateInterest: { rates: [{ from: '2026-01-01', percent: 8 }], flatIndemnity: 4000 },
      }),
      'en',
    );
    expect(
      screen.getByRole('switch', { name: 'Charge late-payment interest and indemnity (D.Lgs. 231/2002)' }),
    ).toBeTruthy();
    const percent = screen.getByRole('textbox', { name: '% a year (rate 1)' });
    fireEvent.change(percent, { target: { value: '7.125' } });
    expect(messageOf(percent)).toBe('At most two decimals, for example 10.15.');
    expect((screen.getByTestId('flat-indemnity') as HTMLInputElement).value).toBe('40.00');
  });
});
