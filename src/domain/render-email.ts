/**
 * Renders a communication into the e-mail the customer receives (docs/rules.md §1.25): the level's subject
 * and body in the customer's language (else the setup's default), placeholders filled in, ERP values
 * HTML-escaped, HTML texts filtered against the HTML policy (html-policy.ts). Plain-text templates keep their line breaks and list the items as aligned lines; every
 * e-mail also gets an HTML body (Graph sends HTML), where the items are a table.
 */
import { formatCalendarDate, type CalendarDate } from './calendar';
import { defaultTexts } from './default-texts';
import { filterHtmlTemplate } from './html-policy';
import { totalDue } from './late-interest';
import { cents, formatMoney } from './money';
import { agentIdOf, type Communication } from './plan-reminders';
import type { Level, LevelText, Setup } from './setup';
import {
  findUnknownPlaceholders,
  PLACEHOLDER_PATTERN,
  isPlaceholder,
  type Placeholder,
} from './placeholders';
import type { Agent, Customer } from './types';

export { PLACEHOLDERS, findUnknownPlaceholders, type Placeholder } from './placeholders';

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
/** Escapes text for HTML element content and attribute values. */
export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] as string);

/** Fills `template`: `literal` maps the template's own text, `value` each placeholder's. Unknown `%Words` stay as typed. */
function fill(
  template: string,
  literal: (text: string) => string,
  value: (name: Placeholder) => string,
): string {
  let out = '';
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER_PATTERN)) {
    const name = match[1] as string;
    if (!isPlaceholder(name)) continue;
    out += literal(template.slice(last, match.index)) + value(name);
    last = match.index + match[0].length;
  }
  return out + literal(template.slice(last));
}

/**
 * Fills an administrator's HTML text, already filtered by the HTML policy (html-policy.ts): a placeholder
 * in text gets `inText` (escaped, or our items table), one in an attribute value `inAttribute` (escaped,
 * inside the double quotes the filter writes).
 */
function fillFiltered(
  { parts, holes }: ReturnType<typeof filterHtmlTemplate>,
  inText: (name: Placeholder) => string,
  inAttribute: (name: Placeholder) => string,
): string {
  let out = parts[0] as string;
  holes.forEach((hole, i) => {
    out += (hole.inAttribute ? inAttribute(hole.name) : inText(hole.name)) + (parts[i + 1] as string);
  });
  return out;
}

const LABELS = {
  it: {
    document: 'Documento',
    documentDate: 'Data documento',
    dueDate: 'Scadenza',
    amount: 'Importo residuo',
    dated: 'del',
  },
  en: {
    document: 'Document',
    documentDate: 'Document date',
    dueDate: 'Due date',
    amount: 'Amount due',
    dated: 'dated',
  },
} as const;
const labelsFor = (language: string) => (language.toLowerCase().startsWith('it') ? LABELS.it : LABELS.en);

/** The items of a communication as display cells (document number, document date, due date, open amount). */
function itemRows(communication: Communication, language: string): string[][] {
  return communication.lines.map(({ item }) => [
    item.documentNumber,
    formatCalendarDate(item.documentDate, language),
    formatCalendarDate(item.dueDate, language),
    formatMoney(item.residual, item.currency, language),
  ]);
}

/** `%Partita` in plain text: a header and one aligned line per item, amounts right-aligned. */
function itemsAsText(communication: Communication, language: string): string {
  const labels = labelsFor(language);
  const rows = [
    [labels.document, labels.documentDate, labels.dueDate, labels.amount],
    ...itemRows(communication, language),
  ];
  const widths = [0, 1, 2, 3].map((col) => Math.max(...rows.map((row) => (row[col] as string).length)));
  return rows
    .map((row) =>
      row
        .map((cell, col) =>
          col === 3 ? cell.padStart(widths[col] as number) : cell.padEnd(widths[col] as number),
        )
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/**
 * `%Partita` in HTML: a table that fits a 360 px pane or a phone by construction — mail clients do not
 * all honour media queries, so nothing depends on one. Three columns at 100% width: the document number
 * (broken anywhere if it must) with its date on a second, smaller line; the due date; the open amount,
 * right-aligned and never wrapped. Every ERP value escaped.
 */
function itemsAsHtml(communication: Communication, language: string): string {
  const labels = labelsFor(language);
  const cell = (tag: 'th' | 'td', html: string, style: string) =>
    `<${tag} style="padding:4px 6px;border-bottom:1px solid #d1d1d1;vertical-align:top;${style}">${html}</${tag}>`;
  const documentStyle = 'text-align:left;overflow-wrap:anywhere;word-break:break-word';
  const dateStyle = 'text-align:left;white-space:nowrap';
  const amountStyle = 'text-align:right;white-space:nowrap';
  const head =
    cell('th', escapeHtml(labels.document), 'text-align:left') +
    cell('th', escapeHtml(labels.dueDate), dateStyle) +
    cell('th', escapeHtml(labels.amount), 'text-align:right');
  const body = communication.lines
    .map(({ item }) => {
      const documentDate = `<span style="white-space:nowrap">${escapeHtml(formatCalendarDate(item.documentDate, language))}</span>`;
      const document = `${escapeHtml(item.documentNumber)}<br><span style="font-size:12px;color:#605e5c">${escapeHtml(labels.dated)} ${documentDate}</span>`;
      return `<tr>${cell('td', document, documentStyle)}${cell('td', escapeHtml(formatCalendarDate(item.dueDate, language)), dateStyle)}${cell('td', escapeHtml(formatMoney(item.residual, item.currency, language)), amountStyle)}</tr>`;
    })
    .join('');
  return `<table style="width:100%;border-collapse:collapse;margin:8px 0"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

export interface RenderInput {
  readonly communication: Communication;
  readonly setup: Setup;
  readonly customer: Customer;
  readonly agents: ReadonlyMap<Agent['id'], Agent>;
  readonly today: CalendarDate;
}

export interface RenderedEmail {
  /** The language of the text used, which also formats amounts and dates. */
  readonly language: string;
  readonly subject: string;
  /** The HTML body sent through Graph. */
  readonly html: string;
  /** The plain-text body, for plain-text templates. */
  readonly text?: string;
  readonly format: LevelText['format'];
  /** `%Words` in the subject or body that are not placeholders (left as typed). */
  readonly unknownPlaceholders: readonly string[];
  /** Placeholders that had no value (e.g. `%IBAN` with no IBAN in the setup). */
  readonly missingValues: readonly Placeholder[];
  /** True when the level had no text for the language nor the default language, so built-in texts were used. */
  readonly usedDefaultText: boolean;
}

/** The language among `available` for `wanted`: exact, then the same primary language (`it-IT` → `it`). */
function pickLanguage(available: readonly string[], wanted: string | undefined): string | undefined {
  if (wanted === undefined || wanted === '') return undefined;
  const lower = wanted.toLowerCase();
  const primary = lower.split('-')[0];
  return (
    available.find((language) => language.toLowerCase() === lower) ??
    available.find((language) => language.toLowerCase().split('-')[0] === primary)
  );
}

/** The text to use for a customer: its language, else the setup's default language, else the built-in texts. */
export function chooseText(level: Level, customerLanguage: string | undefined, defaultLanguage: string) {
  const languages = Object.keys(level.texts);
  const language = pickLanguage(languages, customerLanguage) ?? pickLanguage(languages, defaultLanguage);
  if (language !== undefined)
    return { language, text: level.texts[language] as LevelText, usedDefaultText: false };
  const builtIn = defaultTexts(level.kind);
  const fallback =
    pickLanguage(Object.keys(builtIn), customerLanguage) ??
    pickLanguage(Object.keys(builtIn), defaultLanguage) ??
    'it';
  return { language: fallback, text: builtIn[fallback] as LevelText, usedDefaultText: true };
}

/**
 * Renders the e-mail of `communication`. Throws if the communication's level is not in the setup (a bug:
 * communications come from planning with the same setup).
 */
export function renderEmail({ communication, setup, customer, agents, today }: RenderInput): RenderedEmail {
  const level = setup.levels.find((l) => l.id === communication.levelId);
  if (level === undefined) throw new Error(`Level ${communication.levelId} is not in the setup`);
  const { language, text, usedDefaultText } = chooseText(level, customer.language, setup.defaultLanguage);

  const agentNames = [
    ...new Set(
      communication.lines.flatMap(({ item }) => {
        const agentId = agentIdOf(item, customer);
        const agent = agentId === undefined ? undefined : agents.get(agentId);
        return agent === undefined ? [] : [agent.name];
      }),
    ),
  ];
  const missingValues = new Set<Placeholder>();
  const plain = (name: Placeholder): string => {
    switch (name) {
      case 'Partita':
        return communication.lines.map(({ item }) => item.documentNumber).join(', ');
      case 'Importo':
        return formatMoney(communication.total, communication.currency, language);
      // Without `lateInterest` in the setup nothing is charged: interest and indemnity read 0 and the total
      // due is the total, and the three are flagged as having no value so the preview warns the clerk.
      case 'Interessi':
        if (communication.interest === undefined) missingValues.add('Interessi');
        return formatMoney(communication.interest ?? cents(0), communication.currency, language);
      case 'Indennita':
        if (communication.indemnity === undefined) missingValues.add('Indennita');
        return formatMoney(communication.indemnity ?? cents(0), communication.currency, language);
      case 'TotaleDovuto':
        if (communication.interest === undefined || communication.indemnity === undefined)
          missingValues.add('TotaleDovuto');
        return formatMoney(totalDue(communication), communication.currency, language);
      case 'Cliente':
        return customer.name;
      case 'Agente':
        if (agentNames.length === 0) missingValues.add('Agente');
        return agentNames.join(', ');
      case 'Oggi':
        return formatCalendarDate(today, language);
      case 'IBAN':
        if (setup.companyIban === undefined) missingValues.add('IBAN');
        return setup.companyIban ?? '';
    }
  };
  const htmlValue = (name: Placeholder) =>
    name === 'Partita' ? itemsAsHtml(communication, language) : escapeHtml(plain(name));

  const subject = fill(text.subject, (s) => s, plain).replace(/\s*[\r\n]+\s*/g, ' ');
  const bodyHtml =
    text.format === 'html'
      ? fillFiltered(filterHtmlTemplate(text.body), htmlValue, (name) => escapeHtml(plain(name)))
      : fill(text.body, (s) => escapeHtml(s).replace(/\r?\n/g, '<br>\n'), htmlValue);
  const html = `<div style="font-family:'Segoe UI',Arial,sans-serif;font-size:14px;line-height:1.4">${bodyHtml}</div>`;
  const plainBody =
    text.format === 'text'
      ? fill(
          text.body,
          (s) => s,
          (name) => (name === 'Partita' ? itemsAsText(communication, language) : plain(name)),
        )
      : undefined;

  return {
    language,
    subject,
    html,
    ...(plainBody !== undefined ? { text: plainBody } : {}),
    format: text.format,
    unknownPlaceholders: findUnknownPlaceholders(`${text.subject}\n${text.body}`),
    missingValues: [...missingValues],
    usedDefaultText,
  };
}
