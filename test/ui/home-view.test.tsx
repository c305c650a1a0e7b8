/** @jest-environment ./test/jest-environment-jsdom-node.ts */
/**
 * The home view with a planned day: the list narrows as the clerk types, "select all visible" and the
 * confirmation count e-mails, customers and attachments, nothing starts without confirming, the
 * read-only banner says why and who, the mail side's absence is said plainly, and the preview shows the
 * rendered e-mail in a sandboxed frame with ERP text escaped.
 */
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { useState } from 'react';
import type { FilterState } from '../../src/ui/filters';
import { HomeView } from '../../src/ui/HomeView';
import type { PaneActions, PaneState } from '../../src/ui/model';
import { MARTA, paneState, plannedDay, recordingActions } from './pane-fixtures';

// jsdom has no scrolling; the virtualized list asks for it on mount.
beforeAll(() => {
  window.scrollTo = () => undefined;
});
afterEach(cleanup);

/** The home view with filters held as the controller would hold them. */
function Harness({ initial, actions }: { initial: PaneState; actions: PaneActions }) {
  const [filters, setFilters] = useState<FilterState>(initial.filters);
  return (
    <FluentProvider theme={webLightTheme}>
      <HomeView state={{ ...initial, filters }} actions={{ ...actions, setFilters }} language="it" />
    </FluentProvider>
  );
}

/**
 * An action button that cannot be used now: announced as unavailable and doing nothing when pressed, yet
 * still focusable (so the focus given back after a dialog is not lost, and Tab finds it).
 */
function expectUnavailable(button: HTMLElement): void {
  expect(button.getAttribute('aria-disabled')).toBe('true');
  fireEvent.click(button);
  expect(screen.queryByRole('alertdialog')).toBeNull();
}

const rowNames = () =>
  screen.getAllByTestId('reminder-row').map((row) => within(row).getAllByRole('button')[0]?.textContent);

test('typing in the search narrows the list, and says how many of how many are shown', async () => {
  render(<Harness initial={paneState()} actions={recordingActions()} />);
  expect(screen.getByTestId('row-count').textContent).toBe('4 comunicazioni');

  fireEvent.change(screen.getByTestId('filter-text'), { target: { value: 'rossi' } });

  await waitFor(() => expect(screen.getByTestId('row-count').textContent).toBe('2 di 4'));
  expect(rowNames()).toEqual(['Rossi Srl', 'Rossi Srl']);
});

test('with nothing selected the actions are for everything visible; the confirmation counts e-mails, customers and PDFs', async () => {
  const actions = recordingActions();
  render(<Harness initial={paneState()} actions={actions} />);
  expect(screen.getByTestId('action-scope').textContent).toBe('Per tutti i 4 solleciti visibili');

  fireEvent.click(screen.getByRole('button', { name: 'Crea bozze' }));
  const dialog = await screen.findByRole('alertdialog');
  expect(within(dialog).getByTestId('confirm-body').textContent).toMatch(
    /^Verranno create 4 bozze nella cartella Bozze, per 3 clienti\.Allegati: 5 PDF delle fatture[,( ]/,
  );
  expect(actions.calls.filter(([name]) => name === 'startBatch')).toEqual([]);

  fireEvent.click(within(dialog).getByRole('button', { name: 'Crea bozze' }));
  await waitFor(() => expect(actions.calls.filter(([name]) => name === 'startBatch')).toHaveLength(1));
  const [, mode, keys] = actions.calls.find(([name]) => name === 'startBatch') ?? [];
  expect(mode).toBe('draft');
  expect(keys).toHaveLength(4);
});

test('a selection narrows the actions to it; "select all visible" selects what the filters show', async () => {
  const actions = recordingActions();
  render(<Harness initial={paneState()} actions={actions} />);

  fireEvent.click(screen.getAllByRole('checkbox', { name: 'Seleziona Rossi Srl' })[0] as HTMLElement);
  expect(screen.getByTestId('action-scope').textContent).toBe('Per il sollecito selezionato');

  fireEvent.change(screen.getByTestId('filter-text'), { target: { value: 'FT 2026' } });
  await waitFor(() => expect(screen.getByTestId('row-count').textContent).toBe('3 di 4'));
  fireEvent.click(screen.getByRole('checkbox', { name: 'Seleziona tutti i visibili' }));
  expect(screen.getByTestId('action-scope').textContent).toBe('Per i 3 solleciti selezionati');

  fireEvent.click(screen.getByRole('button', { name: 'Altre azioni' }));
  fireEvent.click(await screen.findByRole('menuitem', { name: 'Segna come gestito' }));
  const dialog = await screen.findByRole('alertdialog');
  expect(within(dialog).getByTestId('confirm-body').textContent).toBe(
    '3 solleciti per 3 clienti verranno registrati come inviati, senza inviare alcuna e-mail.Usalo per i solleciti fatti per telefono o già registrati altrove.Importo sollecitato: 29.096,10\u00a0€.',
  );
  fireEvent.click(within(dialog).getByRole('button', { name: 'Annulla' }));
  await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
  expect(actions.calls.filter(([name]) => name === 'startBatch')).toEqual([]);
});

test('a user who is not enabled gets the read-only banner naming the administrators, and no checkboxes', () => {
  const state = paneState({
    session: {
      user: 'viewer@solleciti.example',
      refusal: {
        reason: 'not_enabled',
        account: 'viewer@solleciti.example',
        administrators: ['admin@solleciti.example'],
      },
      isAdministrator: false,
      devIdentity: true,
      inOutlook: false,
    },
  });
  render(<Harness initial={state} actions={recordingActions()} />);

  expect(screen.getByTestId('read-only-banner').textContent).toBe(
    'Sola letturaviewer@solleciti.example non è tra gli utenti abilitati ai solleciti: puoi consultare l’elenco, ma non creare bozze, inviare o segnare come gestito. Possono abilitarti gli amministratori: admin@solleciti.example.',
  );
  expect(screen.queryAllByRole('checkbox')).toEqual([]);
  expectUnavailable(screen.getByRole('button', { name: 'Crea bozze' }));
});

test('without the mail side the buttons are off and say why', () => {
  render(
    <Harness
      initial={paneState({ mail: { available: false, reason: 'not_ready' } })}
      actions={recordingActions()}
    />,
  );
  expect(screen.getByTestId('mail-unavailable').textContent).toContain('L’invio non è ancora disponibile');
  expectUnavailable(screen.getByRole('button', { name: 'Crea bozze' }));
});

test('the preview shows subject, recipients, attachments and the body in a sandboxed frame, ERP text escaped', async () => {
  const actions = recordingActions();
  render(<Harness initial={paneState()} actions={actions} />);

  fireEvent.click(screen.getByRole('button', { name: 'Anteprima del sollecito a <b>Bruni</b> Snc' }));

  expect((await screen.findByTestId('preview-subject')).textContent).toBe('Sollecito – <b>Bruni</b> Snc');
  expect(screen.getByTestId('preview-to').textContent).toBe('info@bruni.example');
  expect(screen.getByTestId('preview-cc').textContent).toBe('nessuno');
  const frame = screen.getByTestId('preview-frame');
  expect(frame.getAttribute('sandbox')).toBe('');
  const html = frame.getAttribute('srcdoc') ?? '';
  expect(html).toContain('Pagare 6.500,00');
  expect(html).toContain('IT60X0542811101000000123456');
  expect(await screen.findByText('FT 2026_1.pdf')).toBeTruthy();

  fireEvent.click(screen.getByRole('button', { name: 'Escludi dal giro di oggi' }));
  expect(actions.calls.find(([name]) => name === 'setExcluded')?.slice(2)).toEqual([true]);
});

test('"send to me" sends the previewed reminder to the clerk only', async () => {
  const actions = recordingActions();
  render(<Harness initial={paneState()} actions={actions} />);
  fireEvent.click(screen.getByRole('button', { name: 'Anteprima del sollecito a Caffè Nerò & Figli SpA' }));
  await screen.findByTestId('preview-subject');

  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: 'Invia a me' }));
  });

  expect(actions.calls.filter(([name]) => name === 'testSend')).toHaveLength(1);
  expect(await screen.findByText(`Inviato a ${MARTA} come prova (non registrato).`)).toBeTruthy();
});

test('a running batch shows sent / failed / remaining, the time left, and each failure with its reason', () => {
  const state = paneState({
    batch: {
      batchId: 'b1',
      mode: 'send',
      state: 'running',
      total: 10,
      counts: { sent: 6, drafted: 0, handled: 0, failed: 1, cancelled: 0, attention: 0 },
      remaining: 3,
      etaMs: 150_000,
      failures: [
        {
          key: 'k1',
          customerName: 'Rossi Srl',
          reason: 'pdf_missing',
          detail: 'PDF FT 2026/1 missing in the ERP archive',
        },
      ],
      attention: [],
      drafts: [],
    },
  });
  render(<Harness initial={state} actions={recordingActions()} />);
  const panel = screen.getByTestId('batch-panel');
  expect(within(panel).getByRole('status').textContent).toBe(
    'Inviati: 6Non riusciti: 1Restanti: 3circa 3 minuti',
  );
  expect(panel.textContent).toContain(
    'Rossi Srl: Il PDF di una fattura manca nell’archivio dell’ERP (PDF FT 2026/1 missing in the ERP archive)',
  );
  expect(within(panel).getByRole('button', { name: 'Interrompi' })).toBeTruthy();
  // While it runs, no other batch can start.
  expectUnavailable(screen.getByRole('button', { name: 'Crea bozze' }));
});

test('a finished batch with failures offers to retry them; a stopped one says why and offers to resume', () => {
  const actions = recordingActions();
  const finished = paneState({
    batch: {
      batchId: 'b1',
      mode: 'draft',
      state: 'done',
      total: 3,
      counts: { sent: 0, drafted: 2, handled: 0, failed: 1, cancelled: 0, attention: 0 },
      remaining: 0,
      failures: [{ key: 'k', customerName: 'Neri Sas', reason: 'claimed_elsewhere' }],
      attention: [],
      drafts: [],
    },
  });
  const { unmount } = render(<Harness initial={finished} actions={actions} />);
  fireEvent.click(screen.getByRole('button', { name: 'Riprova i non riusciti' }));
  expect(actions.calls.some(([name]) => name === 'retryFailed')).toBe(true);
  unmount();

  const stopped = paneState({
    batch: {
      batchId: 'b2',
      mode: 'send',
      state: 'paused',
      total: 5,
      counts: { sent: 1, drafted: 0, handled: 0, failed: 0, cancelled: 0, attention: 0 },
      remaining: 4,
      failures: [],
      attention: [],
      drafts: [],
      stop: { reason: 'mailbox_restricted', message: 'ErrorMessageSubmissionBlocked' },
    },
  });
  render(<Harness initial={stopped} actions={actions} />);
  expect(screen.getByTestId('batch-stop').textContent).toContain(
    'Exchange ha bloccato l’invio da questa casella: deve sbloccarla l’amministratore di Microsoft 365.',
  );
  fireEvent.click(screen.getByRole('button', { name: 'Riprendi' }));
  expect(actions.calls.some(([name]) => name === 'resumeBatch')).toBe(true);
});

test('a claim of mine whose send here is unresolved offers "Controlla la casella", never "Rilascia"; a settled one of mine can be released', async () => {
  const { snapshot } = plannedDay();
  const claim = (key: string, unresolvedHere: boolean) => ({
    key,
    owner: MARTA,
    since: '2026-03-15T08:00:00Z',
    levelName: 'Primo sollecito',
    mine: true,
    unresolvedHere,
    items: [{ itemId: 'I1', customerName: 'Rossi Srl', documentNumber: 'FT 2026/1' }],
  });
  const state = paneState({
    plan: {
      kind: 'planned',
      snapshot: { ...snapshot, claims: [claim('pending', true), claim('quiet', false)] },
      replanning: false,
    },
  });
  const actions = recordingActions({ checkClaim: () => Promise.resolve('sent' as const) });
  render(<Harness initial={state} actions={actions} />);
  const section = screen.getByRole('region', { name: /In lavorazione da altri/ });
  fireEvent.click(within(section).getAllByRole('button')[0] as HTMLElement);
  const [pending, quiet] = screen.getAllByTestId('claim-row');
  if (pending === undefined || quiet === undefined) throw new Error('two claim rows expected');
  expect(within(pending).queryByRole('button', { name: 'Rilascia' })).toBeNull();
  expect(within(quiet).getByRole('button', { name: 'Rilascia' })).toBeTruthy();
  expect(within(quiet).queryByRole('button', { name: 'Controlla la casella' })).toBeNull();
  fireEvent.click(within(pending).getByRole('button', { name: 'Controlla la casella' }));
  await waitFor(() =>
    expect(screen.getByTestId('claim-check-outcome').textContent).toBe(
      'Era stato inviato: registrato come inviato',
    ),
  );
});
