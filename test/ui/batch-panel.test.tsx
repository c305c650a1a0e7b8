/** @jest-environment jsdom */
/**
 * The batch panel says what happened: while Microsoft 365 does not answer it says so instead of a
 * countdown, and a run stopped by a refusal names who refused and why.
 */
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { cleanup, render, screen, within } from '@testing-library/react';
import { BatchPanel } from '../../src/ui/Actions';
import type { BatchView } from '../../src/ui/model';

afterEach(cleanup);

const base: BatchView = {
  batchId: 'b1',
  mode: 'send',
  state: 'running',
  total: 40,
  counts: { sent: 12, drafted: 0, handled: 0, failed: 0, cancelled: 0, attention: 0 },
  remaining: 28,
  failures: [],
  attention: [],
  drafts: [],
};

const show = (batch: BatchView, language: 'it' | 'en' = 'it') =>
  render(
    <FluentProvider theme={webLightTheme}>
      <BatchPanel
        batch={batch}
        inOutlook={false}
        onCancel={() => undefined}
        onResume={() => undefined}
        onRetry={() => undefined}
        onDismiss={() => undefined}
        onOpenDraft={() => undefined}
        language={language}
      />
    </FluentProvider>,
  );

test('while Microsoft 365 cannot be reached the panel says so, with no countdown', () => {
  show({ ...base, unreachable: true });
  const status = within(screen.getByTestId('batch-panel')).getByRole('status').textContent ?? '';
  expect(status).toContain('Microsoft 365 non è raggiungibile: in attesa, nessuna stima');
  expect(status).not.toMatch(/minut/);
  cleanup();
  // Answering again: the time left at the pace (28 sends at 25 a minute ≈ 68 s → about 2 minutes).
  show({ ...base, etaMs: 28 * 2_400 }, 'en');
  expect(within(screen.getByTestId('batch-panel')).getByRole('status').textContent).toBe(
    'Sent: 12Failed: 0Remaining: 28about 2 minutes',
  );
});

test('a run stopped by a refusal says who refused and why, not that nobody answers', () => {
  show({
    ...base,
    state: 'paused',
    stop: {
      reason: 'graph_refused',
      message: 'Graph POST /me/messages: 400 ErrorInvalidProperty The property is invalid',
    },
  });
  const stop = screen.getByTestId('batch-stop').textContent ?? '';
  expect(stop).toContain(
    'Microsoft 365 ha rifiutato la richiesta: Graph POST /me/messages: 400 ErrorInvalidProperty The property is invalid.',
  );
  expect(stop).not.toMatch(/non rispond/);
});
