/** The history: search over the ledger rows, and CSV a spreadsheet opens safely and correctly. */
import { historyCsv, searchHistory } from '../../src/ui/history';
import { messagesFor } from '../../src/ui/i18n';
import { cents } from '../../src/domain/money';
import type { HistoryRow } from '../../src/ui/model';

const it = messagesFor('it');
const en = messagesFor('en');

const rows: HistoryRow[] = [
  {
    key: 'k1',
    at: '2026-03-15T09:42:00.000Z',
    sentOn: '2026-03-15',
    user: 'marta.rossi@solleciti.example',
    levelName: 'Sollecito',
    customerName: 'Rossi; "Srl"',
    itemCount: 2,
    documentNumbers: ['FT 2026/1', 'FT 2026/2'],
    openNow: cents(123450),
    currency: 'EUR',
    to: ['amministrazione@rossi.example'],
    cc: ['m.bianchi@solleciti.example'],
    state: 'sent',
    messageId: 'AAkALg=',
  },
  {
    key: 'k2',
    at: '2026-03-14T08:00:00.000Z',
    sentOn: '2026-03-14',
    user: 'luca.bianchi@solleciti.example',
    levelName: 'Promemoria',
    customerName: '=HYPERLINK("http://evil.example")',
    itemCount: 1,
    documentNumbers: [],
    to: [],
    cc: [],
    state: 'handled',
  },
];

test('search matches every word in customer, documents, recipients, user, level or state, accents and case ignored', () => {
  expect(searchHistory(rows, 'rossi 2026/2', it.historyState).map((row) => row.key)).toEqual(['k1']);
  expect(searchHistory(rows, 'GESTITO', it.historyState).map((row) => row.key)).toEqual(['k2']);
  expect(searchHistory(rows, 'handled', en.historyState).map((row) => row.key)).toEqual(['k2']);
  expect(searchHistory(rows, 'bianchi', it.historyState).map((row) => row.key)).toEqual(['k1', 'k2']);
  expect(searchHistory(rows, '  ', it.historyState)).toBe(rows);
});

test('Italian CSV: semicolons, decimal comma, quotes doubled, formulas defused, UTF-8 BOM', () => {
  expect(historyCsv(rows, it.csvHeader, 'it', it.historyState).split('\r\n')).toEqual([
    '\ufeffData e ora;Giorno;Utente;Livello;Cliente;Partite;Documenti;Ancora aperto;Valuta;A;Cc;Stato;Id messaggio;Chiave',
    '2026-03-15T09:42:00.000Z;2026-03-15;marta.rossi@solleciti.example;Sollecito;"Rossi; ""Srl""";2;FT 2026/1 FT 2026/2;1234,50;EUR;amministrazione@rossi.example;m.bianchi@solleciti.example;Inviato;AAkALg=;k1',
    `2026-03-14T08:00:00.000Z;2026-03-14;luca.bianchi@solleciti.example;Promemoria;"'=HYPERLINK(""http://evil.example"")";1;;;;;;Gestito;;k2`,
    '',
  ]);
});

test('English CSV: commas and a decimal point', () => {
  const [, first] = historyCsv(rows, en.csvHeader, 'en', en.historyState).split('\r\n');
  expect(first).toBe(
    '2026-03-15T09:42:00.000Z,2026-03-15,marta.rossi@solleciti.example,Sollecito,"Rossi; ""Srl""",2,FT 2026/1 FT 2026/2,1234.50,EUR,amministrazione@rossi.example,m.bianchi@solleciti.example,Sent,AAkALg=,k1',
  );
});
