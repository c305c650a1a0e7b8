/**
 * The setup's problems in the clerk's language: every reason code the domain gives has a sentence in
 * Italian and in English, naming the level as the settings show it (its name), else its code, else its
 * position — and never the English of the domain's own message.
 */
import { validateSetup, type SetupProblem } from '../../src/domain/setup';
import { messagesFor } from '../../src/ui/i18n';

const LEVELS = [
  { id: 'L1', name: 'Promemoria', days: -10 },
  { id: 'L2', name: 'Estratto conto', days: 15 },
  { id: 'L3', name: 'Sollecito', days: 30, recurEveryDays: 30 },
];

const problemsOf = (setup: unknown): readonly SetupProblem[] => {
  const result = validateSetup(setup);
  if (result.ok) throw new Error('expected the setup to be refused');
  return result.error;
};

const withLevel = (index: number, patch: Record<string, unknown>) => ({
  levels: LEVELS.map((level, i) => (i === index ? { ...level, ...patch } : level)),
});

/** One setup for each reason code. */
const EVERY_CODE: readonly unknown[] = [
  'not a setup',
  { levels: [LEVELS[0], 7] },
  withLevel(1, { id: undefined }),
  withLevel(1, { id: '' }),
  withLevel(1, { id: 'L1' }),
  withLevel(1, { days: -10 }),
  withLevel(1, { recurEveryDays: 5 }),
  withLevel(2, { recurEveryDays: 0 }),
  withLevel(2, { recurEveryDays: undefined, recurMaxCount: 2 }),
  withLevel(2, { recurMaxCount: 0.5 }),
  { levels: LEVELS, minDaysBetween: -1, minimumAmount: -100 },
  withLevel(0, { texts: { it: { subject: 's', body: '<td %Cliente>x</td><%Importo>', format: 'html' } } }),
  { levels: LEVELS, lateInterest: { rates: [{ from: '2026-01-01', percent: 10.155 }], flatIndemnity: -1 } },
  { levels: [LEVELS[0], { id: 'P0', name: 'In scadenza', days: 0, recurEveryDays: 3 }] },
  { levels: LEVELS, onePerCustomer: true },
];

const names = (index: number) => LEVELS[index]?.name;

test('every reason code has a sentence in both languages, and none is the domain’s English', () => {
  const problems = EVERY_CODE.flatMap(problemsOf);
  expect(new Set(problems.map((problem) => problem.code))).toEqual(
    new Set([
      'not_an_object',
      'no_levels',
      'level_not_an_object',
      'level_id_missing',
      'level_id_empty',
      'level_id_repeated',
      'level_days_not_integer',
      'level_days_shared',
      'recurrence_not_on_last_level',
      'recur_every_days_invalid',
      'recur_max_count_without_every',
      'recur_max_count_invalid',
      'field_not_whole_number',
      'placeholder_in_markup',
      'late_interest_invalid',
      'pre_due_last_level_recurs',
      'one_per_customer_needs_grouping',
    ]),
  );
  for (const problem of problems) {
    const italian = messagesFor('it').setupProblem(problem, names);
    const english = messagesFor('en').setupProblem(problem, names);
    expect(italian).toMatch(/\.$/);
    expect(english).toMatch(/\.$/);
    expect(italian).not.toBe(english);
    expect(italian).not.toContain(problem.message);
    // No field names from the wire format reach the clerk.
    expect(`${italian} ${english}`).not.toMatch(
      /recurEveryDays|recurMaxCount|minDaysBetween|minimumAmount|lateInterest|flatIndemnity|\bid\b/,
    );
  }
});

test('a level is named by its name, else its code, else its position', () => {
  const [shared] = problemsOf(withLevel(1, { days: -10 }));
  if (shared === undefined) throw new Error('expected a problem');
  expect(messagesFor('it').setupProblem(shared, names)).toBe(
    'Livello “Estratto conto”: ha gli stessi giorni dalla scadenza (-10) del livello “Promemoria”; due livelli non possono coincidere.',
  );
  expect(messagesFor('en').setupProblem(shared)).toBe(
    'Level “L2”: it has the same days from the due date (-10) as level “L1”; two levels cannot coincide.',
  );
  const [missing] = problemsOf(withLevel(1, { id: undefined }));
  if (missing === undefined) throw new Error('expected a problem');
  expect(messagesFor('it').setupProblem(missing)).toBe(
    'Livello n. 2: manca il codice (ogni livello ne ha uno, diverso dagli altri).',
  );
  expect(messagesFor('en').setupProblem(missing)).toBe(
    'Level #2: the code is missing (every level has one of its own).',
  );
});

test('the rules of version 2 name the level, or the options as the settings label them', () => {
  const [recurs] = problemsOf({
    levels: [LEVELS[0], { id: 'P0', name: 'In scadenza', days: 0, recurEveryDays: 3 }],
  });
  if (recurs === undefined) throw new Error('expected a problem');
  expect(
    messagesFor('it').setupProblem(recurs, (index) => (index === 1 ? 'In scadenza' : undefined)),
  ).toMatch(/^Livello “In scadenza”: /);
  expect(messagesFor('en').setupProblem(recurs)).toMatch(/^Level “P0”: /);
  const [grouping] = problemsOf({ levels: LEVELS, onePerCustomer: true, groupByCustomer: null });
  if (grouping === undefined) throw new Error('expected a problem');
  expect(messagesFor('it').setupProblem(grouping)).toContain('“Raggruppa per tipo e cliente”');
  expect(messagesFor('en').setupProblem(grouping)).toContain('“Group by type and customer”');
});

test('the fields outside the levels are named as the settings label them', () => {
  const problems = problemsOf({ levels: LEVELS, minDaysBetween: 2.5, minimumAmount: -1 });
  expect(problems.map((problem) => messagesFor('it').setupProblem(problem))).toEqual([
    '“Giorni minimi tra due solleciti” deve essere un numero intero, zero o più.',
    'L’importo minimo non può essere negativo.',
  ]);
});

test('each lateInterest problem says which field, in words, and which rate by its position', () => {
  const problems = problemsOf({
    levels: LEVELS,
    lateInterest: {
      rates: [{ from: '2026-01-01', percent: 10 }, { from: '2026-01-01', percent: -1 }, 5],
      flatIndemnity: 40.5,
    },
  });
  expect(problems.map((problem) => messagesFor('it').setupProblem(problem))).toEqual([
    'Interessi di mora: tasso n. 2: la data di inizio deve essere una data valida, diversa da quella degli altri tassi.',
    'Interessi di mora: tasso n. 2: la percentuale deve essere un numero, zero o più, con al massimo due decimali.',
    'Interessi di mora: tasso n. 3: ogni tasso indica una data di inizio e una percentuale.',
    'Interessi di mora: l’indennità forfettaria è obbligatoria: un importo intero in centesimi, zero o più.',
  ]);
  expect(problems.map((problem) => messagesFor('en').setupProblem(problem))).toEqual([
    'Late-payment interest: rate #2: the start date must be a valid date, different from the other rates’.',
    'Late-payment interest: rate #2: the percent must be a number, 0 or more, with at most two decimals.',
    'Late-payment interest: rate #3: each rate gives a start date and a percent.',
    'Late-payment interest: the flat indemnity is required: a whole number of cents, 0 or more.',
  ]);
  const [whole] = problemsOf({ levels: LEVELS, lateInterest: 'yes' });
  const [rates] = problemsOf({ levels: LEVELS, lateInterest: { flatIndemnity: 0 } });
  if (whole === undefined || rates === undefined) throw new Error('expected problems');
  expect(messagesFor('it').setupProblem(whole)).toBe(
    'Interessi di mora: la configurazione non è nel formato previsto (servono i tassi e l’indennità forfettaria).',
  );
  expect(messagesFor('en').setupProblem(rates)).toBe(
    'Late-payment interest: the rates must be a list (it may be empty).',
  );
});
