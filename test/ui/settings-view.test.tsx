/** @jest-environment ./test/jest-environment-jsdom-node.ts */
/**
 * The settings view: repetition refused on a level that is not the last (and why), validation messages
 * from the domain, placeholders inserted at the cursor with a live preview on real data, the ETag sent
 * back on save and a conflicting edit reported; read-only for everyone but administrators.
 */
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { PaneActions, PaneState } from '../../src/ui/model';
import { SettingsView } from '../../src/ui/SettingsView';
import { paneState, recordingActions } from './pane-fixtures';

beforeAll(() => {
  window.scrollTo = () => undefined;
});
afterEach(cleanup);

const admin = (): PaneState => {
  const state = paneState();
  return { ...state, session: { ...state.session, user: 'admin@solleciti.example', isAdministrator: true } };
};

async function open(state: PaneState, actions: PaneActions): Promise<void> {
  render(
    <FluentProvider theme={webLightTheme}>
      <SettingsView state={state} actions={actions} language="it" />
    </FluentProvider>,
  );
  await screen.findByTestId('levels-editor');
}

test('repetition is offered only on the last level; elsewhere the field is off and says why', async () => {
  await open(admin(), recordingActions());
  const cards = screen.getAllByTestId('level-card');
  expect(cards).toHaveLength(3);
  const [first, , last] = cards.map((card) => within(card));
  expect((first?.getByTestId('level-recur') as HTMLInputElement).disabled).toBe(true);
  expect(
    first?.getByText(
      'La ripetizione è possibile solo sull’ultimo livello (quello con più giorni): ora è “Sollecito”.',
    ),
  ).toBeTruthy();
  expect((last?.getByTestId('level-recur') as HTMLInputElement).value).toBe('30');
  expect(last?.getByText('ultimo livello')).toBeTruthy();
});

const saveButton = () => screen.getByRole('button', { name: 'Salva nell’ERP' }) as HTMLButtonElement;
/** The validation message Fluent's Field shows under a control (its own problem, where it is). */
const messageOf = (control: HTMLElement): string =>
  control.closest('.fui-Field')?.querySelector('.fui-Field__validationMessage')?.textContent ?? '';

test('"Add level" leaves a valid setup: the new level goes before the repeating last one, which keeps its repetition', async () => {
  await open(admin(), recordingActions());
  fireEvent.click(screen.getByRole('button', { name: 'Aggiungi livello' }));

  const cards = screen.getAllByTestId('level-card').map((card) => within(card));
  expect(cards).toHaveLength(4);
  // Halfway between "Estratto conto" (15 days) and the repeating "Sollecito" (30 days).
  expect((cards[3]?.getByTestId('level-days') as HTMLInputElement).value).toBe('22');
  expect((cards[3]?.getByTestId('level-recur') as HTMLInputElement).value).toBe('');
  expect((cards[2]?.getByTestId('level-recur') as HTMLInputElement).value).toBe('30');
  expect(cards[2]?.getByText('ultimo livello')).toBeTruthy();
  expect(screen.queryByTestId('setup-problems')).toBeNull();
  expect(saveButton().disabled).toBe(false);
});

test('an empty level name is refused on the field, not saved as its code', async () => {
  await open(admin(), recordingActions());
  const name = within(screen.getAllByTestId('level-card')[1] as HTMLElement).getByTestId('level-name');
  fireEvent.change(name, { target: { value: '  ' } });
  expect(messageOf(name)).toBe('Dai un nome al livello: è quello che vedono gli utenti.');
  expect(saveButton().disabled).toBe(true);
});

test('a negative minimum amount stays as typed and is refused on the field, not saved as 0', async () => {
  await open(admin(), recordingActions());
  const minimum = screen.getByTestId('minimum-amount') as HTMLInputElement;
  fireEvent.change(minimum, { target: { value: '-5' } });
  expect(minimum.value).toBe('-5');
  expect(messageOf(minimum)).toBe('L’importo minimo non può essere negativo: scrivi 0 o più.');
  expect(saveButton().disabled).toBe(true);
  fireEvent.change(minimum, { target: { value: 'cinque' } });
  expect(messageOf(minimum)).toBe('Scrivi un importo, ad esempio 50 o 1.234,50.');
  fireEvent.change(minimum, { target: { value: '5' } });
  expect(messageOf(minimum)).toBe('');
  expect(saveButton().disabled).toBe(false);
});

test('an enabled user that is not an e-mail address is refused on the field', async () => {
  await open(admin(), recordingActions());
  const users = screen.getByRole('textbox', { name: 'Utenti abilitati ai solleciti' });
  fireEvent.change(users, { target: { value: 'marta.rossi@solleciti.example\nnon un indirizzo' } });
  expect(messageOf(users)).toBe('Non è un indirizzo e-mail: “non un indirizzo”.');
  expect(saveButton().disabled).toBe(true);
});

test('a negative repetition is flagged on the repetition field itself', async () => {
  await open(admin(), recordingActions());
  const recur = within(screen.getAllByTestId('level-card')[2] as HTMLElement).getByTestId('level-recur');
  fireEvent.change(recur, { target: { value: '-3' } });
  expect(messageOf(recur)).toBe(
    'Livello “Sollecito”: “Ripeti ogni (giorni)” deve essere un numero intero, almeno 1.',
  );
  expect(saveButton().disabled).toBe(true);
});

test('a placeholder button inserts at the cursor, unknown %Words are flagged, and the preview follows on real data', async () => {
  await open(admin(), recordingActions());
  const subject = screen.getByTestId('text-subject') as HTMLInputElement;
  expect(subject.value).toBe('Promemoria – %Cliente');
  expect((await screen.findByTestId('text-preview-subject')).textContent).toMatch(/^Promemoria – \S/);

  fireEvent.change(subject, { target: { value: 'Avviso per  – scadenze' } });
  fireEvent.focus(subject);
  subject.setSelectionRange(11, 11);
  fireEvent.click(screen.getByRole('button', { name: '%Cliente' }));

  expect((screen.getByTestId('text-subject') as HTMLInputElement).value).toBe(
    'Avviso per %Cliente – scadenze',
  );
  await waitFor(() =>
    expect(screen.getByTestId('text-preview-subject').textContent).toMatch(
      /^Avviso per (Rossi Srl|Caffè Nerò & Figli SpA|<b>Bruni<\/b> Snc) – scadenze$/,
    ),
  );

  fireEvent.change(screen.getByTestId('text-body'), { target: { value: 'Gentile %Clientee' } });
  expect(screen.getByRole('alert').textContent).toBe(
    'Segnaposto sconosciuti (resteranno come scritti): %Clientee',
  );
});

test('saving sends the ETag; a conflicting edit made elsewhere is reported and nothing is overwritten', async () => {
  const actions = recordingActions({
    saveSetup: () => Promise.resolve({ ok: false as const, reason: 'conflict' as const }),
  });
  const saves: unknown[] = [];
  const recorded = {
    ...actions,
    saveSetup: (document: Parameters<PaneActions['saveSetup']>[0]) => (
      saves.push(document),
      actions.saveSetup(document)
    ),
  };
  await open(admin(), recorded);

  fireEvent.click(screen.getByRole('switch', { name: 'Agente in copia (Cc)' }));
  fireEvent.click(screen.getByRole('button', { name: 'Salva nell’ERP' }));

  expect((await screen.findByTestId('save-outcome')).textContent).toContain(
    'Un altro amministratore ha modificato la configurazione nel frattempo',
  );
  expect(saves).toEqual([
    expect.objectContaining({ etag: '"v1"', setup: expect.objectContaining({ ccAgent: false }) }),
  ]);
  expect(screen.getByRole('button', { name: 'Ricarica dall’ERP' })).toBeTruthy();
});

test('someone who is not an administrator reads the settings, with nothing to change', async () => {
  await open(paneState(), recordingActions());
  expect(screen.getByTestId('settings-read-only').textContent).toBe(
    'Solo gli amministratori possono modificare la configurazione dei solleciti (admin@solleciti.example): qui puoi consultarla.',
  );
  expect((screen.getByTestId('text-subject') as HTMLInputElement).closest('fieldset')?.disabled).toBe(true);
  expect(screen.queryByRole('button', { name: 'Salva nell’ERP' })).toBeNull();
});

test('connection settings: where each value comes from, secrets never shown, and a test that says what failed', async () => {
  const tested: unknown[] = [];
  const actions = recordingActions({
    loadConnection: () => ({
      settings: [
        {
          key: 'ERP_BASE_URL',
          value: 'http://localhost:4100',
          source: 'default',
          secret: false,
          locked: false,
        },
        { key: 'ERP_STATIC_KEY', value: '', source: 'user', secret: true, locked: false },
      ],
      problems: [{ setting: 'ERP_BASE_URL', message: 'ERP_BASE_URL is not an https URL' }],
      location: 'roaming',
      staticKeyInUse: true,
    }),
    testConnection: (values) => {
      tested.push(values);
      return Promise.resolve({
        erp: { ok: false as const, failure: 'unauthorized' as const, detail: '401' },
        graph: { ok: true as const, account: 'marta.rossi@solleciti.example' },
      });
    },
  });
  await open(paneState(), actions);
  const section = within(screen.getByTestId('connection-settings'));
  expect(
    section.getByText(
      'Valori personali, salvati nella tua casella di posta: valgono su ogni Outlook che usi.',
    ),
  ).toBeTruthy();
  expect(
    section.getByText(
      'L’ERP è chiamato con una chiave fissa: chiunque la conosca legge i dati dei solleciti. Preferisci l’accesso con Entra ID (ERP_SCOPE).',
    ),
  ).toBeTruthy();
  expect(section.getByText('ERP_BASE_URL is not an https URL')).toBeTruthy();
  const secret = section.getByPlaceholderText('(impostata: scrivi per cambiarla)') as HTMLInputElement;
  expect(secret.value).toBe('');
  expect(secret.type).toBe('password');

  fireEvent.change(section.getByDisplayValue('http://localhost:4100'), {
    target: { value: 'https://erp.rossi.example' },
  });
  fireEvent.click(section.getByRole('button', { name: 'Prova la connessione' }));

  expect((await section.findByTestId('connection-test')).textContent).toBe(
    'ERP: L’ERP non ha accettato l’accesso: accedi di nuovo o verifica Impostazioni › Connessione.Casella di posta: connessione riuscita (marta.rossi@solleciti.example).',
  );
  expect(tested).toEqual([{ ERP_BASE_URL: 'https://erp.rossi.example' }]);
});

test('an HTML text: what the filter removes is listed before saving, and what is saved is the filtered text', async () => {
  const saves: Parameters<PaneActions['saveSetup']>[0][] = [];
  const actions = recordingActions();
  await open(admin(), {
    ...actions,
    // Recorded and left pending: what is sent to the ERP is the point here, not the outcome.
    saveSetup: (document) => (saves.push(document), new Promise(() => undefined)),
  });
  fireEvent.click(screen.getByRole('radio', { name: 'HTML' }));
  fireEvent.change(screen.getByTestId('text-body'), {
    target: {
      value:
        '<p onclick="alert(1)" style="background:url(https://t.example/x.png)">Gentile %Cliente</p>' +
        '<script>alert(2)</script><img src="https://track.example/p.gif"><a href="javascript:alert(3)">paga</a>' +
        '<!--[if mso]><b>x</b><![endif]-->%Partita',
    },
  });

  expect((await screen.findByTestId('html-removed')).textContent).toBe(
    'Non ammesso nelle e-mail, tolto al salvataggio e all’invio: attributo onclick di <p>; attributo style di <p>; <script>; <img>; link di <a> che non inizia con http://, https:// o mailto:; commenti.',
  );
  // The preview already shows the filtered e-mail.
  const frame = screen.getByTestId('text-preview-frame').getAttribute('srcdoc') ?? '';
  expect(frame).toContain('<p>Gentile ');
  expect(frame).not.toMatch(/onclick|url\(|<script|<img|javascript|<!--/);

  fireEvent.click(screen.getByRole('button', { name: 'Salva nell’ERP' }));
  await waitFor(() => expect(saves).toHaveLength(1));
  const htmlTexts = (saves[0]?.setup.levels ?? [])
    .flatMap((level) => Object.values(level.texts))
    .filter((text) => text.format === 'html');
  expect(htmlTexts.map((text) => text.body)).toEqual(['<p>Gentile %Cliente</p><a>paga</a>%Partita']);
});

test("connection settings of a production build: the deployment's values are shown read-only, and a refused test says nothing was sent", async () => {
  const tested: unknown[] = [];
  const actions = recordingActions({
    loadConnection: () => ({
      settings: [
        {
          key: 'ERP_BASE_URL',
          value: 'https://erp.rossi.example',
          source: 'build',
          secret: false,
          locked: true,
        },
        { key: 'ERP_SCOPE', value: 'api://erp/x', source: 'build', secret: false, locked: false },
      ],
      problems: [],
      location: 'roaming',
      staticKeyInUse: false,
    }),
    testConnection: (values) => {
      tested.push(values);
      return Promise.resolve({
        refused: 'GRAPH_BASE_URL is not an https URL',
        erp: { ok: false as const, failure: 'invalid_request' as const, detail: 'refused' },
        graph: { ok: false as const, detail: 'refused' },
      });
    },
  });
  await open(paneState(), actions);
  const section = within(screen.getByTestId('connection-settings'));
  const erp = section.getByTestId('connection-ERP_BASE_URL') as HTMLInputElement;
  expect(erp.readOnly).toBe(true);
  expect((section.getByTestId('connection-ERP_SCOPE') as HTMLInputElement).readOnly).toBe(false);
  expect(
    section.getAllByText(
      'Stabilito da chi ha distribuito il componente aggiuntivo: chiedi all’amministratore per cambiarlo.',
    ),
  ).toHaveLength(1);
  fireEvent.change(erp, { target: { value: 'https://erp.evil.example' } });
  expect(erp.value).toBe('https://erp.rossi.example');
  fireEvent.click(section.getByRole('button', { name: 'Prova la connessione' }));
  expect((await section.findByTestId('connection-test')).textContent).toBe(
    'Prova non eseguita, nulla è stato inviato: GRAPH_BASE_URL is not an https URL',
  );
  expect(tested).toEqual([{}]);
});
