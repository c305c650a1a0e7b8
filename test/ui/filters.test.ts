/** The home view's filters: what each one keeps, and how their state is stored and read back. */
import {
  activeFilterCount,
  applyFilters,
  formatAmountInput,
  NO_FILTERS,
  parseAmountInput,
  parseFilters,
  serialiseFilters,
  type FilterState,
} from '../../src/ui/filters';
import { plannedDay } from './pane-fixtures';

const { rows } = plannedDay().snapshot;
const names = (filters: FilterState) =>
  applyFilters(rows, filters).map((row) => `${row.customerName}/${row.levelName}`);

describe('applyFilters', () => {
  test('no filter keeps every row, most pressing first', () => {
    expect(names(NO_FILTERS)).toEqual([
      '<b>Bruni</b> Snc/Sollecito',
      'Rossi Srl/Sollecito',
      'Rossi Srl/Estratto conto',
      'Caffè Nerò & Figli SpA/Promemoria',
    ]);
  });

  test('the customer box matches as you type, ignoring case and accents; a picked customer matches exactly', () => {
    expect(names({ ...NO_FILTERS, customerQuery: 'caffe nero' })).toEqual([
      'Caffè Nerò & Figli SpA/Promemoria',
    ]);
    expect(names({ ...NO_FILTERS, customerQuery: 'ROSSI' })).toEqual([
      'Rossi Srl/Sollecito',
      'Rossi Srl/Estratto conto',
    ]);
    expect(names({ ...NO_FILTERS, customerQuery: 'whatever', customerId: 'C2' })).toEqual([
      'Caffè Nerò & Figli SpA/Promemoria',
    ]);
  });

  test('agent, level, due-date range and amount range', () => {
    expect(names({ ...NO_FILTERS, agentId: 'A1' })).toEqual([
      'Rossi Srl/Sollecito',
      'Rossi Srl/Estratto conto',
    ]);
    expect(names({ ...NO_FILTERS, levelIds: ['L3'] })).toEqual([
      '<b>Bruni</b> Snc/Sollecito',
      'Rossi Srl/Sollecito',
    ]);
    // An item due on either end of the range is inside it.
    expect(names({ ...NO_FILTERS, dueFrom: '2026-02-10', dueTo: '2026-02-28' })).toEqual([
      'Rossi Srl/Sollecito',
      'Rossi Srl/Estratto conto',
    ]);
    expect(names({ ...NO_FILTERS, dueFrom: '2026-03-01' })).toEqual(['Caffè Nerò & Figli SpA/Promemoria']);
    expect(names({ ...NO_FILTERS, amountMin: 50000, amountMax: 1025050 })).toEqual([
      '<b>Bruni</b> Snc/Sollecito',
      'Rossi Srl/Sollecito',
      'Caffè Nerò & Figli SpA/Promemoria',
    ]);
  });

  test('free text looks in document numbers and customer names', () => {
    expect(names({ ...NO_FILTERS, text: 'ft 2025/90' })).toEqual(['Rossi Srl/Sollecito']);
    expect(names({ ...NO_FILTERS, text: 'figli' })).toEqual(['Caffè Nerò & Figli SpA/Promemoria']);
    expect(names({ ...NO_FILTERS, text: 'FT 2026/8' })).toEqual(['Caffè Nerò & Figli SpA/Promemoria']);
  });

  test('every filter applies at once', () => {
    expect(names({ ...NO_FILTERS, customerQuery: 'rossi', levelIds: ['L2'], text: 'ft 2026' })).toEqual([
      'Rossi Srl/Estratto conto',
    ]);
    expect(
      activeFilterCount({
        ...NO_FILTERS,
        customerQuery: 'rossi',
        levelIds: ['L2'],
        text: 'ft 2026',
        dueTo: '2026-12-31',
      }),
    ).toBe(4);
  });
});

describe('stored filters', () => {
  test('read back as they were written', () => {
    const filters: FilterState = {
      customerQuery: 'Rossi Srl',
      customerId: 'C1',
      agentId: 'A1',
      levelIds: ['L2', 'L3'],
      dueFrom: '2026-01-01',
      dueTo: '2026-03-31',
      amountMin: 100,
      amountMax: 99999,
      text: 'FT',
    };
    expect(parseFilters(serialiseFilters(filters))).toEqual(filters);
  });

  test('anything unreadable falls back, field by field, to no filter', () => {
    expect(parseFilters(null)).toEqual(NO_FILTERS);
    expect(parseFilters('{not json')).toEqual(NO_FILTERS);
    expect(parseFilters('{"v":2,"text":"x"}')).toEqual(NO_FILTERS);
    expect(
      parseFilters(
        '{"v":1,"text":"x","dueFrom":"2026-02-30","amountMin":-5,"levelIds":["L1",3],"agentId":""}',
      ),
    ).toEqual({ ...NO_FILTERS, text: 'x', levelIds: ['L1'] });
  });
});

describe('amounts typed by people', () => {
  test.each([
    ['1.234,50', 'it', 123450],
    ['1234,5', 'it', 123450],
    ['12.5', 'it', 1250],
    ['1.234', 'it', 123400],
    ['1,234.50', 'en', 123450],
    ['12,5', 'en', 1250],
    ['€ 10', 'it', 1000],
    ['', 'it', undefined],
    ['dieci', 'it', undefined],
  ] as const)('%s in %s is %s minor units', (text, language, expected) => {
    expect(parseAmountInput(text, language)).toBe(expected);
  });

  test('and written back for the box', () => {
    expect(formatAmountInput(123450, 'it')).toBe('1234,50');
    expect(formatAmountInput(123450, 'en')).toBe('1234.50');
    expect(formatAmountInput(undefined, 'it')).toBe('');
  });
});
