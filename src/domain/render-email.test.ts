import { aCustomer, anAgent, anItem, aSetup, THREE_LEVELS } from '../../test/builders/domain';
import { planReminders } from './plan-reminders';
import { findUnknownPlaceholders, renderEmail } from './render-email';
import type { Customer, OpenItem } from './types';

const SPEC_BODY =
  'Buongiorno,\nvi preghiamo di saldare le partite scadute:\n%Partita\nImporto da saldare: %Importo\nCordiali Saluti';

function render(options: {
  body?: string;
  subject?: string;
  format?: 'text' | 'html';
  customer?: Customer;
  items?: OpenItem[];
  iban?: string;
  englishBody?: string;
  lateInterest?: unknown;
}) {
  const texts = {
    it: {
      subject: options.subject ?? 'Estratto conto %Cliente',
      body: options.body ?? SPEC_BODY,
      format: options.format ?? 'text',
    },
    en: {
      subject: 'Statement for %Cliente',
      body: options.englishBody ?? 'Please pay %Importo.',
      format: 'text',
    },
  };
  const setup = aSetup({
    groupByCustomer: true,
    levels: THREE_LEVELS.map((level) => ({ ...level, texts })),
    ...(options.iban !== undefined ? { companyIban: options.iban } : {}),
    ...(options.lateInterest !== undefined ? { lateInterest: options.lateInterest } : {}),
  });
  const customer = options.customer ?? aCustomer();
  const items = options.items ?? [
    anItem({ id: 'I1', documentNumber: 'FT 2026/001', documentDate: '2026-01-10', residual: 123456780 }),
    anItem({ id: 'I2', documentNumber: 'FT 2026/007', documentDate: '2026-01-20', residual: 5000 }),
  ];
  const today = '2026-03-15';
  const [communication] = planReminders({
    setup,
    today,
    customers: [customer],
    agents: [anAgent()],
    items,
    ledger: [],
  }).communications;
  if (communication === undefined) throw new Error('nothing planned');
  return renderEmail({ communication, setup, customer, agents: new Map([['A1', anAgent()]]), today });
}

test("the spec's Italian example renders: items as aligned lines, total in Italian format, line breaks kept", () => {
  const email = render({});
  expect(email.subject).toBe('Estratto conto Rossi Srl');
  expect(email.text).toBe(
    [
      'Buongiorno,',
      'vi preghiamo di saldare le partite scadute:',
      'Documento    Data documento  Scadenza    Importo residuo',
      'FT 2026/001  10/01/2026      28/02/2026   1.234.567,80 €',
      'FT 2026/007  20/01/2026      28/02/2026          50,00 €',
      'Importo da saldare: 1.234.617,80\u00a0€',
      'Cordiali Saluti',
    ]
      .join('\n')
      .replace(/(\d) €/g, '$1\u00a0€'),
  );
  expect(email.html).toContain('Buongiorno,<br>\nvi preghiamo di saldare le partite scadute:<br>\n<table');
  expect(email.html).toContain('>FT 2026/007<br>');
  expect(email.html).toContain('Importo da saldare: 1.234.617,80\u00a0€<br>');
  expect(email.unknownPlaceholders).toEqual([]);
  expect(email.usedDefaultText).toBe(false);
});

test('the HTML items table fits a narrow pane by construction: full width, three columns, amounts right-aligned and never wrapped', () => {
  const { html } = render({});
  const table = html.slice(html.indexOf('<table'), html.indexOf('</table>'));
  expect(table).toMatch(/^<table style="width:100%;/);
  // Document (its date under it), due date, amount: three columns, no fourth to push the amount out of view.
  expect(table.match(/<th /g)).toHaveLength(3);
  expect(table).toContain('>Documento</th>');
  expect(table).toContain('>Importo residuo</th>');
  for (const row of table.split('<tr>').slice(2)) expect(row.match(/<td /g)).toHaveLength(3);
  expect(table).toContain('overflow-wrap:anywhere');
  expect(table).toContain(
    'FT 2026/001<br><span style="font-size:12px;color:#605e5c">del <span style="white-space:nowrap">10/01/2026</span></span>',
  );
  expect(table).toContain('text-align:right;white-space:nowrap">1.234.567,80\u00a0€</td>');
  expect(table).toContain('text-align:left;white-space:nowrap">28/02/2026</td>');
});

test("the customer's language is used, else the setup's default", () => {
  expect(render({ customer: aCustomer({ language: 'en-GB' }) }).text).toBe('Please pay €1,234,617.80.');
  expect(render({ customer: aCustomer({ language: 'de' }) }).language).toBe('it');
});

test('a placeholder matches only when the next character is not a letter or digit; matching is case-sensitive', () => {
  const email = render({
    body: '%Importo. %ImportoX %importo %Clienteè %Cliente_1 %Oggi2 100% %IBAN',
    iban: 'IT60X0542811101000000123456',
  });
  expect(email.text).toBe(
    '1.234.617,80\u00a0€. %ImportoX %importo %Clienteè Rossi Srl_1 %Oggi2 100% IT60X0542811101000000123456',
  );
  expect(email.unknownPlaceholders).toEqual(['%ImportoX', '%importo', '%Clienteè', '%Oggi2']);
});

test('values from the ERP are HTML-escaped; the template of an HTML text is kept as written', () => {
  const customer = aCustomer({ name: 'Bar <b>"Da Gino"</b> & C.' });
  const items = [anItem({ documentNumber: '<script>alert(1)</script>' })];
  const email = render({ body: '<p>Gentile %Cliente,</p>%Partita', format: 'html', customer, items });
  expect(email.html).toContain('<p>Gentile Bar &lt;b&gt;&quot;Da Gino&quot;&lt;/b&gt; &amp; C.,</p><table');
  expect(email.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  expect(email.html).not.toContain('<script>');
  expect(email.text).toBeUndefined();
  const plainText = render({ body: 'Gentile %Cliente <ciao>', customer });
  expect(plainText.html).toContain(
    'Gentile Bar &lt;b&gt;&quot;Da Gino&quot;&lt;/b&gt; &amp; C. &lt;ciao&gt;',
  );
});

test('%Agente, %Oggi and a missing %IBAN', () => {
  const email = render({ body: '%Agente / %Oggi / [%IBAN]' });
  expect(email.text).toBe('Mario Bianchi / 15/03/2026 / []');
  expect(email.missingValues).toEqual(['IBAN']);
});

test('unknown placeholders are listed once, in order', () => {
  expect(findUnknownPlaceholders('%Foo %Partita %Bar %Foo 50%')).toEqual(['%Foo', '%Bar']);
});

test('a level without texts uses the built-in ones, and says so', () => {
  const setup = aSetup({ groupByCustomer: true });
  const customer = aCustomer();
  const [communication] = planReminders({
    setup,
    today: '2026-03-15',
    customers: [customer],
    agents: [],
    items: [anItem()],
    ledger: [],
  }).communications;
  if (communication === undefined) throw new Error('nothing planned');
  const email = renderEmail({ communication, setup, customer, agents: new Map(), today: '2026-03-15' });
  expect(email.usedDefaultText).toBe(true);
  expect(email.subject).toBe('Estratto conto partite scadute – Rossi Srl');
});

describe('late-payment interest placeholders (docs/rules.md §1.25b) and formats (§1.25c)', () => {
  const LATE = { rates: [{ from: '2026-01-01', percent: 10 }], flatIndemnity: 4000 };
  const ONE_ITEM = [anItem({ id: 'I1', documentNumber: 'FT 2026/001', residual: 193730 })];
  const BODY = '%Importo + %Interessi + %Indennita = %TotaleDovuto';

  test('%Interessi, %Indennita and %TotaleDovuto are formatted like %Importo, thousands always grouped', () => {
    // Due 2026-02-28, today 2026-03-15: 15 days at 10 % → 193 730 × 15 000 / 3 650 000 = 796.15… → 796.
    // One overdue document → 4000. Total due 193 730 + 796 + 4000 = 198 526.
    const email = render({ body: BODY, items: ONE_ITEM, lateInterest: LATE });
    expect(email.text).toBe('1.937,30\u00a0€ + 7,96\u00a0€ + 40,00\u00a0€ = 1.985,26\u00a0€');
    expect(email.html).toContain('1.937,30\u00a0€ + 7,96\u00a0€ + 40,00\u00a0€ = 1.985,26\u00a0€');
    expect(email.missingValues).toEqual([]);
    expect(email.unknownPlaceholders).toEqual([]);
  });

  test('in English: amounts grouped, dates day-first', () => {
    const email = render({
      customer: aCustomer({ language: 'en' }),
      englishBody: 'Please pay %TotaleDovuto (%Interessi interest) today, %Oggi.\n%Partita',
      items: ONE_ITEM,
      lateInterest: LATE,
    });
    expect(email.text).toBe(
      [
        'Please pay €1,985.26 (€7.96 interest) today, 15/03/2026.',
        'Document     Document date  Due date    Amount due',
        'FT 2026/001  10/01/2026     28/02/2026   €1,937.30',
      ].join('\n'),
    );
  });

  test('without lateInterest in the setup: interest and indemnity read 0, the total due is the total, and all three are flagged', () => {
    const email = render({ body: BODY, items: ONE_ITEM });
    expect(email.text).toBe('1.937,30\u00a0€ + 0,00\u00a0€ + 0,00\u00a0€ = 1.937,30\u00a0€');
    expect(email.missingValues).toEqual(['Interessi', 'Indennita', 'TotaleDovuto']);
  });

  test('the items table groups four-digit amounts in Italian too', () => {
    const email = render({ body: '%Partita', items: ONE_ITEM });
    expect(email.text).toContain('FT 2026/001  10/01/2026      28/02/2026       1.937,30\u00a0€');
    expect(email.html).toContain('>1.937,30\u00a0€</td>');
  });
});
