/** @jest-environment jsdom */
/** Where the data stands: last update, an update in progress, and a failed one in a sentence per reason. */
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import type { ReactElement } from 'react';
import type { SyncView } from '../../src/ui/model';
import { SyncStatus } from '../../src/ui/SyncStatus';

afterEach(cleanup);
const inFluent = (ui: ReactElement) => render(<FluentProvider theme={webLightTheme}>{ui}</FluentProvider>);
const at = new Date(2026, 2, 15, 10, 42).getTime();

test('an update made today says at what time; one made another day says when', () => {
  inFluent(
    <SyncStatus
      sync={{ phase: 'idle', lastSyncAt: at }}
      today="2026-03-15"
      onRefresh={() => undefined}
      language="it"
    />,
  );
  expect(screen.getByRole('status').textContent).toBe('Aggiornato alle 10:42Aggiorna');
  cleanup();
  inFluent(
    <SyncStatus
      sync={{ phase: 'idle', lastSyncAt: at }}
      today="2026-03-16"
      onRefresh={() => undefined}
      language="en"
    />,
  );
  expect(screen.getByRole('status').textContent).toBe('Updated on 15/03/2026, 10:42Refresh');
});

test('an update in progress says which listing and how far', () => {
  inFluent(
    <SyncStatus
      sync={{ phase: 'syncing', step: 'open-items', done: 12000, total: 100000 }}
      onRefresh={() => undefined}
      language="it"
    />,
  );
  expect(screen.getByRole('status').textContent).toContain(
    'Aggiornamento: partite aperte · 12.000 di 100.000',
  );
  expect(screen.getByRole('progressbar')).toBeTruthy();
});

test.each([
  ['network', 'L’ERP non risponde: controlla la connessione di rete o che il server dell’ERP sia acceso.'],
  [
    'unauthorized',
    'L’ERP non ha accettato l’accesso: accedi di nuovo o verifica Impostazioni › Connessione.',
  ],
  [
    'server',
    'L’ERP ha un problema interno (errore del server). Riprova più tardi; se persiste, avvisa chi gestisce l’ERP.',
  ],
  ['bad_response', 'L’ERP ha risposto con dati non conformi al contratto: avvisa chi gestisce l’ERP.'],
] as const)(
  'a failed update (%s) says why in a sentence, that the data shown is the cached one, and offers to retry',
  (failure, sentence) => {
    const refreshed: string[] = [];
    const sync: SyncView = {
      phase: 'failed',
      failure,
      detail: 'ERP GET /api/v1/open-items: boom',
      lastSyncAt: at,
    };
    inFluent(
      <SyncStatus sync={sync} today="2026-03-15" onRefresh={() => refreshed.push('again')} language="it" />,
    );
    const error = screen.getByTestId('sync-error');
    expect(error.textContent).toContain(sentence);
    expect(error.textContent).toContain(
      'Sono mostrati i dati dell’ultimo aggiornamento (15/03/2026, 10:42).',
    );
    expect(error.textContent).toContain('ERP GET /api/v1/open-items: boom');
    fireEvent.click(screen.getAllByRole('button', { name: 'Aggiorna' })[1] as HTMLElement);
    expect(refreshed).toEqual(['again']);
  },
);
