/** @jest-environment ./test/jest-environment-jsdom-node.ts */
/**
 * The confirmation before a batch says how many e-mails, to how many customers, with how many PDFs and
 * their total size, formatted per language — and says which sizes are unknown rather than guessing them.
 */
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import {
  describeAttachmentSize,
  MAX_MEASURED_PDFS,
  measureAttachments,
  totalAttachments,
} from '../../src/ui/attachment-sizes';
import { ConfirmBatch } from '../../src/ui/ConfirmBatch';
import type { UiLanguage } from '../../src/ui/i18n';
import type { AttachmentInfo, BatchSummary } from '../../src/ui/model';
import { cents } from '../../src/domain/money';

afterEach(cleanup);

const pdf = (documentId: string, size?: number): AttachmentInfo => ({
  documentId,
  fileName: `${documentId}.pdf`,
  ...(size !== undefined ? { size } : {}),
});

/** Three e-mails to two customers: A with two PDFs, B with one whose size the ERP could not give, C with one. */
const ATTACHMENTS: Readonly<Record<string, readonly AttachmentInfo[]>> = {
  A: [pdf('FT 1', 1_048_576), pdf('FT 2', 1_153_434)],
  B: [pdf('FT 3')],
  C: [pdf('FT 4', 51_200)],
};
const load = (key: string) => Promise.resolve(ATTACHMENTS[key] ?? []);

const summary = (patch: Partial<BatchSummary> = {}): BatchSummary => ({
  mode: 'draft',
  keys: ['A', 'B', 'C'],
  emails: 3,
  customers: 2,
  attachments: 4,
  totals: [],
  ...patch,
});

function show(value: BatchSummary, language: UiLanguage, loader = load) {
  render(
    <FluentProvider theme={webLightTheme}>
      <ConfirmBatch
        summary={value}
        onConfirm={() => undefined}
        onCancel={() => undefined}
        loadAttachments={loader}
        language={language}
      />
    </FluentProvider>,
  );
}

const sentence = () => screen.getByTestId('confirm-attachments').textContent;

describe('the confirmation', () => {
  test('in Italian: e-mails, customers, PDFs and their size, with the unknown one said as such', async () => {
    show(summary(), 'it');
    expect(screen.getByTestId('confirm-body').textContent).toContain(
      'Verranno create 3 bozze nella cartella Bozze, per 2 clienti.',
    );
    await waitFor(() =>
      expect(sentence()).toBe('Allegati: 4 PDF delle fatture, 2,1 MB + 1 di dimensione sconosciuta.'),
    );
  });

  test('in English, with English number formatting', async () => {
    show(summary(), 'en');
    await waitFor(() => expect(sentence()).toBe('Attachments: 4 invoice PDFs, 2.1 MB + 1 of unknown size.'));
  });

  test('every size known: the total alone', async () => {
    show(summary({ keys: ['A', 'C'], emails: 2, attachments: 3 }), 'it');
    await waitFor(() => expect(sentence()).toBe('Allegati: 3 PDF delle fatture, 2,1 MB in totale.'));
  });

  test('while the sizes are measured it says so, and nothing is guessed', async () => {
    show(summary(), 'it', () => new Promise<readonly AttachmentInfo[]>(() => undefined));
    expect(sentence()).toBe('Allegati: 4 PDF delle fatture (dimensione in calcolo…).');
  });

  test('an ERP that does not answer leaves every size unknown', async () => {
    show(summary({ keys: ['A'], emails: 1, customers: 1, attachments: 2 }), 'en', () =>
      Promise.reject(new Error('timeout')),
    );
    await waitFor(() => expect(sentence()).toBe('Attachments: 2 invoice PDFs, size unknown.'));
  });

  test('a PDF missing in the ERP is counted as unknown and announced', async () => {
    const missing = { documentId: 'FT 9', fileName: 'FT 9.pdf', missing: true };
    show(summary({ keys: ['A'], emails: 1, customers: 1, attachments: 3 }), 'it', () =>
      Promise.resolve([...(ATTACHMENTS.A ?? []), missing]),
    );
    await waitFor(() =>
      expect(sentence()).toBe('Allegati: 3 PDF delle fatture, 2,1 MB + 1 di dimensione sconosciuta.'),
    );
    expect(
      screen.getByText('1 PDF non è disponibile nell’ERP: l’e-mail che lo allega non verrà creata.'),
    ).toBeTruthy();
  });

  test('marking as handled sends nothing: no attachments are mentioned or measured', () => {
    const asked: string[] = [];
    show(summary({ mode: 'handled' }), 'it', (key) => {
      asked.push(key);
      return load(key);
    });
    expect(screen.queryByTestId('confirm-attachments')).toBeNull();
    expect(asked).toEqual([]);
  });
});

describe('a mass send', () => {
  const mass = summary({
    mode: 'send',
    keys: Array.from({ length: 381 }, (_, n) => `K${n}`),
    emails: 381,
    customers: 205,
    attachments: 0,
    totals: [
      { currency: 'EUR', amount: cents(12_345_650) },
      { currency: 'USD', amount: cents(100_000) },
    ],
  });

  test('names the count on its button, says customers, amount per currency and time at the pace; Cancel is the default', async () => {
    const confirmed: BatchSummary[] = [];
    render(
      <FluentProvider theme={webLightTheme}>
        <ConfirmBatch
          summary={mass}
          onConfirm={(value) => confirmed.push(value)}
          onCancel={() => undefined}
          language="it"
        />
      </FluentProvider>,
    );
    expect(screen.getByTestId('confirm-body').textContent).toContain(
      'Verranno inviate 381 e-mail a 205 clienti.',
    );
    expect(screen.getByTestId('confirm-amount').textContent).toBe(
      'Importo sollecitato: 123.456,50\u00a0€ + 1.000,00\u00a0USD.',
    );
    // 381 e-mails at 25 a minute: 15,24 minutes.
    expect(screen.getByTestId('confirm-duration').textContent).toBe(
      'Durata prevista al ritmo di 25 e-mail al minuto: circa 16 minuti.',
    );
    expect(screen.getByRole('button', { name: 'Invia 381 e-mail' })).toBeTruthy();
    // The dialog focuses its first button when it opens (Chromium: test/e2e/send.spec.ts): Cancel.
    expect(
      within(screen.getByRole('alertdialog'))
        .getAllByRole('button')
        .map((button) => button.textContent),
    ).toEqual(['Annulla', 'Invia 381 e-mail']);
    expect(confirmed).toEqual([]);
  });

  test('in English too', () => {
    show(mass, 'en');
    expect(screen.getByRole('button', { name: 'Send 381 e-mails' })).toBeTruthy();
    expect(screen.getByTestId('confirm-duration').textContent).toBe(
      'Expected duration at 25 e-mails a minute: about 16 minutes.',
    );
  });

  test('a few e-mails keep the plain button, with the primary action first in focus', async () => {
    show(summary({ mode: 'send', emails: 3, totals: [{ currency: 'EUR', amount: cents(50_000) }] }), 'it');
    const send = screen.getByRole('button', { name: 'Invia' });
    expect(screen.getByTestId('confirm-duration').textContent).toBe(
      'Durata prevista al ritmo di 25 e-mail al minuto: meno di un minuto.',
    );
    expect(within(screen.getByRole('alertdialog')).getAllByRole('button')[0]).toBe(send);
    // (the PDFs' sizes are measured meanwhile)
    await waitFor(() => expect(sentence()).toContain('MB'));
  });
});

describe('measuring the attachments', () => {
  test('sums the known sizes and counts the unknown ones', () => {
    const totals = totalAttachments([pdf('a', 100), pdf('b'), { ...pdf('c'), missing: true }]);
    expect(totals).toEqual({ count: 3, knownBytes: 100, unknown: 2, missing: 1 });
    expect(describeAttachmentSize(totals, 'it')).toBe('100 B + 2 di dimensione sconosciuta');
  });

  test(`stops after ${MAX_MEASURED_PDFS} PDFs: the rest are unknown, not guessed`, async () => {
    const keys = Array.from({ length: 300 }, (_, n) => `K${n}`);
    const asked: string[] = [];
    const totals = await measureAttachments(
      keys,
      300,
      (key) => {
        asked.push(key);
        return Promise.resolve([pdf(key, 1000)]);
      },
      () => undefined,
    );
    expect(asked.length).toBeGreaterThanOrEqual(MAX_MEASURED_PDFS);
    expect(asked.length).toBeLessThan(MAX_MEASURED_PDFS + 4);
    expect(totals).toEqual({
      count: 300,
      knownBytes: asked.length * 1000,
      unknown: 300 - asked.length,
      missing: 0,
    });
  });

  test('stops when cancelled (the dialog closed)', async () => {
    let cancelled = false;
    const asked: string[] = [];
    await measureAttachments(
      ['A', 'B', 'C', 'D', 'E', 'F'],
      6,
      (key) => {
        asked.push(key);
        cancelled = true;
        return Promise.resolve([pdf(key, 1)]);
      },
      () => undefined,
      () => cancelled,
    );
    expect(asked.length).toBeLessThanOrEqual(4);
  });
});
