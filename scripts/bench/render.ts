/**
 * `npm run bench:render`: renders 10 000 communications — subject and HTML body, through the domain's
 * `renderEmail`, the function the outbox sends with — planned from the demo ERP's seed (100 000 open
 * items, 10 000 customers, fixed seed; the first 10 000 of its communications), and reports e-mails
 * rendered per second, the median of BENCH_RUNS (default 7, at least 5) passes with min–max.
 *
 * The floor, timed in alternation with it: a hand-written template literal producing the same e-mail for
 * the same communications — the level's subject with the customer's name, and an HTML body of the
 * level's text (split around its placeholders once) with a table of the items (document number, document
 * date, due date, residual) and the total — document numbers HTML-escaped, dates and amounts formatted by
 * `Intl` formatters made once. Before timing, every one of its e-mails is checked to be byte-identical
 * to the product's (subject and HTML). That is the least any renderer must do to produce this e-mail;
 * the ratio is then the price of the product's generality: parsing the administrator's template and
 * filling its placeholders, choosing the text by language, naming the agents, and the plain-text body it
 * also renders for plain-text templates (the seed's three levels are all plain text). For scale only, `JSON.stringify` of the same
 * communications is timed too.
 *
 * Writes dev/data/bench/render.json. A report, not a test.
 */
import { dateLocale, toDayNumber } from '../../src/domain/calendar';
import { planReminders, type Communication } from '../../src/domain/plan-reminders';
import { renderEmail } from '../../src/domain/render-email';
import type { Agent, Customer } from '../../src/domain/types';
import { benchRuns, count, loadBooks, timeOnce } from './lib/books';
import { summarize, writeResults } from './lib/results';

const RUNS = benchRuns(7);
const COMMUNICATIONS = 10_000;

const books = loadBooks({ items: 100_000, customers: 10_000 });
const { input } = books;
const communications = planReminders(input).communications.slice(0, COMMUNICATIONS);
if (communications.length < COMMUNICATIONS)
  throw new Error(`the books yield ${communications.length} communications, not ${COMMUNICATIONS}`);
const customers = new Map(input.customers.map((customer) => [customer.id, customer] as const));
const agents: ReadonlyMap<Agent['id'], Agent> = new Map(
  input.agents.map((agent) => [agent.id, agent] as const),
);
const customerOf = (communication: Communication): Customer => {
  const customer = customers.get(communication.customerId);
  if (customer === undefined) throw new Error(`no customer ${communication.customerId}`);
  return customer;
};

/** The product: what the outbox renders for each job. Returns the characters produced (subject + HTML). */
function renderAll(): number {
  let chars = 0;
  for (const communication of communications) {
    const email = renderEmail({
      communication,
      setup: input.setup,
      customer: customerOf(communication),
      agents,
      today: input.today,
    });
    chars += email.subject.length + email.html.length;
  }
  return chars;
}

// The floor's pieces, made once, as a hand-written renderer would: formatters, and each level's text split
// around its placeholders (the seed's texts use %Cliente in the subject, %Partita, %Importo and %IBAN in
// the body; %IBAN is the setup's constant).
const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
const asHtml = (text: string) => escape(text).replace(/\r?\n/g, '<br>\n');
interface FloorText {
  readonly language: string;
  readonly date: Intl.DateTimeFormat;
  /** Subject before and after the customer's name; body before the table, between it and the total, after the total. */
  readonly subject: readonly [string, string];
  readonly body: readonly [string, string, string];
  /** The table's header row. */
  readonly head: string;
}
function split(template: string, placeholder: string): [string, string] {
  const parts = template.split(placeholder);
  if (parts.length !== 2)
    throw new Error(`the floor expects ${placeholder} once in ${JSON.stringify(template)}`);
  return parts as [string, string];
}
const cell = (tag: 'th' | 'td', right: boolean) =>
  `<${tag} style="padding:4px 8px;border-bottom:1px solid #d1d1d1;text-align:${right ? 'right' : 'left'}">`;
const [TH, TH_RIGHT, TD, TD_RIGHT] = [
  cell('th', false),
  cell('th', true),
  cell('td', false),
  cell('td', true),
];
const HEADINGS: Record<string, readonly string[]> = {
  it: ['Documento', 'Data documento', 'Scadenza', 'Importo residuo'],
  en: ['Document', 'Document date', 'Due date', 'Amount due'],
};
const floorTexts = new Map<string, FloorText>();
for (const level of input.setup.levels) {
  for (const [language, text] of Object.entries(level.texts)) {
    const body = text.body.replace('%IBAN', input.setup.companyIban ?? '');
    const [before, rest] = split(body, '%Partita');
    const [middle, after] = split(rest, '%Importo');
    if (/%\p{L}/u.test(text.subject.replace('%Cliente', '') + before + middle + after))
      throw new Error(`the floor does not know every placeholder of level ${level.id}`);
    const headings = (HEADINGS[language] ?? HEADINGS.en) as readonly string[];
    floorTexts.set(`${level.id}|${language}`, {
      language,
      date: new Intl.DateTimeFormat(dateLocale(language), {
        timeZone: 'UTC',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      }),
      subject: split(text.subject, '%Cliente'),
      body: [asHtml(before), asHtml(middle), asHtml(after)],
      head: `<tr>${headings.map((heading, i) => `${i === 3 ? TH_RIGHT : TH}${heading}</th>`).join('')}</tr>`,
    });
  }
}
const moneyFormats = new Map<string, Intl.NumberFormat>();
const money = (language: string, currency: string): Intl.NumberFormat => {
  const key = `${language}|${currency}`;
  let format = moneyFormats.get(key);
  if (format === undefined)
    moneyFormats.set(
      key,
      (format = new Intl.NumberFormat(language, { style: 'currency', currency, useGrouping: 'always' })),
    );
  return format;
};
const MINOR_UNIT = 100; // the seed's currencies (EUR, USD) have two decimals

/** The floor's e-mail for one communication: the same subject and HTML as the product's. */
function templateLiteral(communication: Communication): { subject: string; html: string } {
  const customer = customerOf(communication);
  const f = floorTexts.get(
    `${communication.levelId}|${customer.language?.toLowerCase().startsWith('en') === true ? 'en' : 'it'}`,
  ) as FloorText;
  const format = money(f.language, communication.currency);
  let rows = '';
  for (const { item } of communication.lines) {
    rows +=
      `<tr>${TD}${escape(item.documentNumber)}</td>${TD}${f.date.format(toDayNumber(item.documentDate) * 86_400_000)}</td>` +
      `${TD}${f.date.format(toDayNumber(item.dueDate) * 86_400_000)}</td>${TD_RIGHT}${escape(money(f.language, item.currency).format(item.residual / MINOR_UNIT))}</td></tr>`;
  }
  return {
    subject: `${f.subject[0]}${customer.name}${f.subject[1]}`,
    html:
      `<div style="font-family:'Segoe UI',Arial,sans-serif;font-size:14px;line-height:1.4">${f.body[0]}` +
      `<table style="border-collapse:collapse;margin:8px 0"><thead>${f.head}</thead><tbody>${rows}</tbody></table>` +
      `${f.body[1]}${escape(format.format(communication.total / MINOR_UNIT))}${f.body[2]}</div>`,
  };
}

/** The floor over every communication. Returns the characters produced (subject + HTML). */
function templateLiteralAll(): number {
  let chars = 0;
  for (const communication of communications) {
    const email = templateLiteral(communication);
    chars += email.subject.length + email.html.length;
  }
  return chars;
}

// The floor must produce what the product produces, or it is no floor: compare every e-mail once.
let differences = 0;
for (const communication of communications) {
  const product = renderEmail({
    communication,
    setup: input.setup,
    customer: customerOf(communication),
    agents,
    today: input.today,
  });
  const floor = templateLiteral(communication);
  if (product.subject !== floor.subject || product.html !== floor.html) {
    if (differences++ === 0)
      console.error(
        `the floor differs from the product:\n${product.subject}\n${floor.subject}\n${product.html}\n${floor.html}`,
      );
  }
}
if (differences > 0)
  throw new Error(
    `the floor's e-mail differs from the product's for ${differences} of ${communications.length} communications`,
  );

const stringifyAll = () => JSON.stringify(communications).length;

// Warm-up, then the three alternated so a busy moment on the machine hits them alike.
const productChars = renderAll();
const floorChars = templateLiteralAll();
stringifyAll();
const renderTimes: number[] = [];
const floorTimes: number[] = [];
const stringifyTimes: number[] = [];
for (let run = 0; run < RUNS; run++) {
  floorTimes.push(timeOnce(templateLiteralAll));
  renderTimes.push(timeOnce(renderAll));
  stringifyTimes.push(timeOnce(stringifyAll));
}

const perSecond = (times: readonly number[]) => times.map((ms) => (COMMUNICATIONS / ms) * 1000);
const rate = summarize(perSecond(renderTimes));
const floorRate = summarize(perSecond(floorTimes));
const stringifyRate = summarize(perSecond(stringifyTimes));
const time = summarize(renderTimes);
const floorTime = summarize(floorTimes);
const FLOOR = 'template literal of the same e-mail (texts split and Intl formatters made once)';
const lines = communications.reduce((sum, communication) => sum + communication.lines.length, 0);
const notes = [
  `${count(COMMUNICATIONS)} communications with ${count(lines)} items, planned from 100 000 open items / 10 000 customers`,
  `${(productChars / COMMUNICATIONS).toFixed(0)} characters an e-mail (subject + HTML), the floor's identical (${floorChars === productChars ? 'same total' : 'totals differ!'}); the product also renders the plain-text body`,
];
console.log(
  `render benchmark — ${count(COMMUNICATIONS)} e-mails, ${RUNS} runs, median (min–max), Node ${process.version}`,
);
const show = (label: string, values: { median: number; min: number; max: number }, unit: string) =>
  console.log(
    `${label.padEnd(28)}${values.median.toFixed(0).padStart(8)} ${unit} (${values.min.toFixed(0)}–${values.max.toFixed(0)})`,
  );
show('renderEmail', rate, 'e-mails/s');
show('template literal (floor)', floorRate, 'e-mails/s');
show('JSON.stringify (reference)', stringifyRate, 'communications/s');
console.log(
  `ratio (rate ÷ floor rate)    ${(rate.median / floorRate.median).toFixed(2)}; time ÷ floor time ${(time.median / floorTime.median).toFixed(2)}`,
);
console.log(notes.join('\n'));
const results = writeResults(
  'render',
  [
    {
      measure: `render rate, ${count(COMMUNICATIONS)} e-mails (subject + HTML)`,
      ...rate,
      unit: '/s',
      floor: FLOOR,
      ratio: rate.median / floorRate.median,
    },
    {
      measure: `render time, ${count(COMMUNICATIONS)} e-mails`,
      ...time,
      unit: 'ms',
      floor: FLOOR,
      ratio: time.median / floorTime.median,
    },
    { measure: `template literal (floor), ${count(COMMUNICATIONS)} e-mails`, ...floorTime, unit: 'ms' },
    {
      measure: `JSON.stringify (reference), ${count(COMMUNICATIONS)} communications`,
      ...summarize(stringifyTimes),
      unit: 'ms',
    },
  ],
  notes,
);
console.log(`results: ${results}`);
