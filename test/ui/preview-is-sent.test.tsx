/** @jest-environment ./test/jest-environment-jsdom-node.ts */
/**
 * The preview is what the customer receives: for the same communication, the body in the preview's
 * sandboxed frame is byte for byte the HTML the mailer composes — both filtered by the HTML policy, so a
 * script or a tracking image in an administrator's text is in neither.
 */
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { cleanup, render, screen } from '@testing-library/react';
import { aCustomer, anAgent, anItem, aSetup, THREE_LEVELS } from '../builders/domain';
import { communicationKey, itemCyclesOf } from '../../src/domain/communication-key';
import { planReminders } from '../../src/domain/plan-reminders';
import { composeDraft } from '../../src/mail/compose';
import type { PlanSnapshot } from '../../src/mail/freshness';
import { PreviewPanel } from '../../src/ui/PreviewPanel';

afterEach(cleanup);

const BODY =
  '<p style="background:url(https://t.example/bg.png)">Gentile %Cliente,</p><script>alert(1)</script>' +
  '<img src="https://track.example/p.gif?c=%Cliente"><a href="javascript:alert(2)">paga</a>' +
  '<p title=%Cliente>Totale: <b>%Importo</b></p>%Partita<a href="https://pay.example/?iban=%IBAN">paga online</a>';

test('the preview frame shows exactly the HTML body that compose sends', async () => {
  const texts = { it: { subject: 'Sollecito – %Cliente', body: BODY, format: 'html' as const } };
  const setup = aSetup({
    groupByCustomer: true,
    companyIban: 'IT60X0542811101000000123456',
    levels: THREE_LEVELS.map((level) => ({ ...level, texts })),
  });
  const customer = aCustomer({ name: 'Bruni & "Figli" <b>Snc</b>' });
  const agents = [anAgent()];
  const items = [anItem({ id: 'I1', documentNumber: 'FT <1>', residual: 650000 })];
  const today = '2026-03-15';
  const [communication] = planReminders({
    setup,
    today,
    customers: [customer],
    agents,
    items,
    ledger: [],
  }).communications;
  if (communication === undefined) throw new Error('nothing planned');
  const key = communicationKey(communication.levelId, itemCyclesOf(communication));

  const snapshot: PlanSnapshot = {
    setup,
    today,
    byKey: new Map([[key, communication]]),
    customers: new Map([[customer.id, customer]]),
    agents: new Map(agents.map((agent) => [agent.id, agent])),
    items: new Map(items.map((item) => [item.id, item])),
    placeOf: new Map(items.map((item) => [item.id, { key }])),
  };
  const sent = composeDraft(snapshot, communication, key, itemCyclesOf(communication));

  render(
    <FluentProvider theme={webLightTheme}>
      <PreviewPanel
        previewKey={key}
        loadDetail={() => Promise.resolve({ key, communication, customer, agents, setup, today })}
        loadAttachments={() => Promise.resolve([])}
        excluded={false}
        onExclude={() => undefined}
        onTestSend={undefined}
        onClose={() => undefined}
        selfAddress="marta@solleciti.example"
        language="it"
      />
    </FluentProvider>,
  );

  expect((await screen.findByTestId('preview-subject')).textContent).toBe(sent.subject);
  const frame = screen.getByTestId('preview-frame').getAttribute('srcdoc') ?? '';
  const shown = frame.slice(frame.indexOf('<body>') + '<body>'.length, frame.lastIndexOf('</body>'));
  expect(shown).toBe(sent.html);
  // What both show is the filtered text, with the values escaped and our items table in place.
  expect(shown).not.toMatch(/<script|<img|url\(|javascript|track\.example/);
  expect(shown).toContain('<p title="Bruni &amp; &quot;Figli&quot; &lt;b&gt;Snc&lt;/b&gt;">Totale: <b>');
  expect(shown).toContain('>FT &lt;1&gt;<br>');
  expect(shown).toContain('<a href="https://pay.example/?iban=IT60X0542811101000000123456">paga online</a>');
});

test('with late interest in the setup, the preview states the interest and the indemnity beside the total; without, neither', async () => {
  // 36 500,00 € due 2026-01-31, today 2026-03-15: 43 days at 10,15 % → 365 000 × 10,15 × 43 / 100 / 365 = 436,45 €.
  const item = anItem({ id: 'I1', residual: 3650000, dueDate: '2026-01-31' });
  const customer = aCustomer();
  const agents = [anAgent()];
  const today = '2026-03-15';
  const show = async (setup: ReturnType<typeof aSetup>) => {
    const [communication] = planReminders({
      setup,
      today,
      customers: [customer],
      agents,
      items: [item],
      ledger: [],
    }).communications;
    if (communication === undefined) throw new Error('nothing planned');
    const key = communicationKey(communication.levelId, itemCyclesOf(communication));
    render(
      <FluentProvider theme={webLightTheme}>
        <PreviewPanel
          previewKey={key}
          loadDetail={() => Promise.resolve({ key, communication, customer, agents, setup, today })}
          loadAttachments={() => Promise.resolve([])}
          excluded={false}
          onExclude={() => undefined}
          onTestSend={undefined}
          onClose={() => undefined}
          selfAddress="marta@solleciti.example"
          language="it"
        />
      </FluentProvider>,
    );
    await screen.findByTestId('preview-subject');
  };

  await show(
    aSetup({ lateInterest: { rates: [{ from: '2026-01-01', percent: 10.15 }], flatIndemnity: 4000 } }),
  );
  expect(screen.getByTestId('preview-interest').textContent).toBe('436,45\u00a0€');
  expect(screen.getByTestId('preview-indemnity').textContent).toBe('40,00\u00a0€');
  cleanup();

  await show(aSetup());
  expect(screen.queryByTestId('preview-interest')).toBeNull();
  expect(screen.queryByTestId('preview-indemnity')).toBeNull();
});
