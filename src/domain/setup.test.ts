import { THREE_LEVELS } from '../../test/builders/domain';
import { describeSetupProblems, lastLevel, validateSetup } from './setup';

/** The message the planner would give for `setup`, or 'valid'. */
function refusal(setup: unknown): string {
  const result = validateSetup(setup);
  return result.ok ? 'valid' : describeSetupProblems(result.error);
}

const withLevel = (index: number, patch: Record<string, unknown>) => ({
  levels: THREE_LEVELS.map((level, i) => (i === index ? { ...level, ...patch } : level)),
});

describe('a valid setup', () => {
  test('is normalised: levels ordered by days, options off when absent, defaults filled in', () => {
    const result = validateSetup({ levels: [THREE_LEVELS[2], THREE_LEVELS[0], THREE_LEVELS[1]] });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.levels.map((l) => l.id)).toEqual(['L1', 'L2', 'L3']);
    expect(lastLevel(result.value).id).toBe('L3');
    expect(result.value).toMatchObject({
      minDaysBetween: 0,
      minimumAmount: 0,
      autoCollectedPaymentMethods: [],
      groupByCustomer: false,
      ccAgent: false,
      attachInvoicePdfs: false,
      defaultLanguage: 'it',
      timezone: 'Europe/Rome',
    });
  });

  test('null fields count as absent', () => {
    const result = validateSetup({
      levels: THREE_LEVELS.map((l) => ({ ...l, recurMaxCount: null })),
      minDaysBetween: null,
      minimumAmount: null,
      groupByCustomer: null,
    });
    expect(result.ok && result.value.minDaysBetween === 0 && !result.value.groupByCustomer).toBe(true);
  });

  test('recursion may sit on the last level even when it is listed first', () => {
    expect(
      refusal({
        levels: [
          { id: 'X', days: 60, recurEveryDays: 30, recurMaxCount: 2 },
          { id: 'Y', days: 0 },
        ],
      }),
    ).toBe('valid');
  });
});

describe('an invalid setup is refused with a message naming the level or field and the rule', () => {
  test.each([
    ['no levels', { levels: [] }, ['levels', 'at least one level']],
    ['levels missing altogether', {}, ['levels']],
    ['a level without id', withLevel(1, { id: undefined }), ['level #2', 'id is missing']],
    ['a level with an empty id', withLevel(1, { id: '' }), ['level #2', 'id is empty']],
    ['a repeated id', withLevel(1, { id: 'L1' }), ['"L1"', 'repeated']],
    ['days not an integer', withLevel(1, { days: 1.5 }), ['"L2"', 'days must be an integer']],
    ['days missing', withLevel(1, { days: undefined }), ['"L2"', 'days must be an integer']],
    ['days as text', withLevel(1, { days: '15' }), ['"L2"', 'days must be an integer']],
    ['two levels sharing days', withLevel(1, { days: -10 }), ['"L2"', 'days -10', '"L1"']],
    [
      'recursion on a level that is not last',
      withLevel(1, { recurEveryDays: 30 }),
      ['"L2"', 'recurEveryDays', 'last level'],
    ],
    [
      'recurEveryDays 0',
      withLevel(2, { recurEveryDays: 0 }),
      ['"L3"', 'recurEveryDays must be an integer ≥ 1'],
    ],
    [
      'recurEveryDays 1.5',
      withLevel(2, { recurEveryDays: 1.5 }),
      ['"L3"', 'recurEveryDays must be an integer ≥ 1'],
    ],
    [
      'recurMaxCount without recurEveryDays',
      withLevel(2, { recurEveryDays: undefined, recurMaxCount: 2 }),
      ['"L3"', 'recurMaxCount needs recurEveryDays'],
    ],
    ['recurMaxCount 0', withLevel(2, { recurMaxCount: 0 }), ['"L3"', 'recurMaxCount must be an integer ≥ 1']],
    [
      'recurMaxCount 2.5',
      withLevel(2, { recurMaxCount: 2.5 }),
      ['"L3"', 'recurMaxCount must be an integer ≥ 1'],
    ],
    [
      'a placeholder as an attribute name in an HTML text',
      withLevel(1, { texts: { it: { subject: 's', body: '<td %Cliente>x</td>', format: 'html' } } }),
      ['level "L2"', 'it HTML text', '%Cliente as an attribute name'],
    ],
    [
      'negative minDaysBetween',
      { levels: THREE_LEVELS, minDaysBetween: -1 },
      ['minDaysBetween must be an integer ≥ 0'],
    ],
    [
      'fractional minDaysBetween',
      { levels: THREE_LEVELS, minDaysBetween: 2.5 },
      ['minDaysBetween must be an integer ≥ 0'],
    ],
    [
      'negative minimumAmount',
      { levels: THREE_LEVELS, minimumAmount: -1 },
      ['minimumAmount must be an integer ≥ 0'],
    ],
    [
      'fractional minimumAmount',
      { levels: THREE_LEVELS, minimumAmount: 10.5 },
      ['minimumAmount must be an integer ≥ 0'],
    ],
    ['not an object', 'levels', ['setup must be an object']],
  ])('%s', (_case, setup, words) => {
    const message = refusal(setup);
    for (const word of words) expect(message).toContain(word);
  });

  test('every problem is reported, not only the first', () => {
    const result = validateSetup({ levels: [{ id: '', days: 1.5 }], minimumAmount: -3 });
    expect(result.ok ? [] : result.error.map((p) => p.path)).toEqual([
      'levels[0]',
      'levels[0]',
      'minimumAmount',
    ]);
  });
});

describe('each problem carries a stable reason code and its parameters, for the UI to word in any language', () => {
  const problemsOf = (setup: unknown) => {
    const result = validateSetup(setup);
    return result.ok ? [] : result.error.map(({ message: _message, ...rest }) => rest);
  };

  test.each([
    [
      'not an object',
      'levels',
      [
        { path: 'setup', code: 'not_an_object' },
        { path: 'levels', code: 'no_levels' },
      ],
    ],
    ['no levels', { levels: [] }, [{ path: 'levels', code: 'no_levels' }]],
    [
      'a level that is not an object',
      { levels: [THREE_LEVELS[0], 7] },
      [
        { path: 'levels[1]', levelIndex: 1, code: 'level_not_an_object' },
        { path: 'levels[1]', levelIndex: 1, code: 'level_id_missing' },
        { path: 'levels[1]', levelIndex: 1, code: 'level_days_not_integer', got: 'null' },
      ],
    ],
    [
      'a level without id',
      withLevel(1, { id: undefined }),
      [{ path: 'levels[1]', levelIndex: 1, code: 'level_id_missing' }],
    ],
    [
      'a level with an empty id',
      withLevel(1, { id: ' ' }),
      [{ path: 'levels[1]', levelIndex: 1, code: 'level_id_empty' }],
    ],
    [
      'a repeated id',
      withLevel(1, { id: 'L1' }),
      [{ path: 'levels[1]', levelIndex: 1, levelId: 'L1', code: 'level_id_repeated', id: 'L1' }],
    ],
    [
      'days as text',
      withLevel(1, { days: '15' }),
      [{ path: 'levels[1]', levelIndex: 1, levelId: 'L2', code: 'level_days_not_integer', got: '"15"' }],
    ],
    [
      'days not a number at all',
      withLevel(1, { days: Number.NaN }),
      [{ path: 'levels[1]', levelIndex: 1, levelId: 'L2', code: 'level_days_not_integer', got: 'null' }],
    ],
    [
      'two levels sharing days',
      withLevel(1, { days: -10 }),
      [
        {
          path: 'levels[1]',
          levelIndex: 1,
          levelId: 'L2',
          code: 'level_days_shared',
          days: -10,
          otherIndex: 0,
          otherLevelId: 'L1',
        },
      ],
    ],
    [
      'recursion on a level that is not last',
      withLevel(1, { recurEveryDays: 30 }),
      [{ path: 'levels[1]', levelIndex: 1, levelId: 'L2', code: 'recurrence_not_on_last_level' }],
    ],
    [
      'recurEveryDays 0',
      withLevel(2, { recurEveryDays: 0 }),
      [{ path: 'levels[2]', levelIndex: 2, levelId: 'L3', code: 'recur_every_days_invalid', got: '0' }],
    ],
    [
      'recurMaxCount without recurEveryDays',
      withLevel(2, { recurEveryDays: undefined, recurMaxCount: 2 }),
      [{ path: 'levels[2]', levelIndex: 2, levelId: 'L3', code: 'recur_max_count_without_every' }],
    ],
    [
      'recurMaxCount 2.5',
      withLevel(2, { recurMaxCount: 2.5 }),
      [{ path: 'levels[2]', levelIndex: 2, levelId: 'L3', code: 'recur_max_count_invalid', got: '2.5' }],
    ],
    [
      'a placeholder as an element or attribute name in an HTML text',
      withLevel(1, {
        texts: {
          it: {
            subject: '%Cliente',
            body: '<p>Gentile %Cliente</p><td %Cliente>x</td><%Importo>',
            format: 'html',
          },
          en: { subject: 's', body: '<td%IBAN>', html: true },
        },
      }),
      [
        {
          path: 'levels[1]',
          levelIndex: 1,
          levelId: 'L2',
          code: 'placeholder_in_markup',
          language: 'it',
          placeholder: '%Cliente',
          where: 'attribute_name',
        },
        {
          path: 'levels[1]',
          levelIndex: 1,
          levelId: 'L2',
          code: 'placeholder_in_markup',
          language: 'it',
          placeholder: '%Importo',
          where: 'element_name',
        },
        {
          path: 'levels[1]',
          levelIndex: 1,
          levelId: 'L2',
          code: 'placeholder_in_markup',
          language: 'en',
          placeholder: '%IBAN',
          where: 'element_name',
        },
      ],
    ],
    [
      'negative minDaysBetween',
      { levels: THREE_LEVELS, minDaysBetween: -1 },
      [{ path: 'minDaysBetween', code: 'field_not_whole_number', field: 'minDaysBetween', got: '-1' }],
    ],
    [
      'fractional minimumAmount',
      { levels: THREE_LEVELS, minimumAmount: 10.5 },
      [{ path: 'minimumAmount', code: 'field_not_whole_number', field: 'minimumAmount', got: '10.5' }],
    ],
  ])('%s', (_case, setup, expected) => {
    expect(problemsOf(setup)).toEqual(expected);
  });

  test('placeholders in text and in attribute values, quoted or not, are accepted; plain-text texts are not read as HTML', () => {
    const texts = (body: string, format: 'text' | 'html') =>
      withLevel(1, { texts: { it: { subject: 's', body, format } } });
    expect(
      validateSetup(
        texts(
          '<p title=%Cliente>%Cliente</p><a href="https://pay.example/?c=%Cliente" title=\'%IBAN\'>x</a><!-- <td %Oggi> -->',
          'html',
        ),
      ).ok,
    ).toBe(true);
    expect(validateSetup(texts('Gentile <%Cliente>, <td %Cliente>', 'text')).ok).toBe(true);
  });

  test('the English message stays beside the code, for logs and the ERP', () => {
    const result = validateSetup(withLevel(1, { days: -10 }));
    expect(result.ok ? undefined : result.error[0]?.message).toBe(
      'level "L2": days -10 is shared with level "L1" (two levels cannot have the same days)',
    );
  });
});

describe('lateInterest (docs/rules.md §1.25b)', () => {
  const withLate = (lateInterest: unknown) => ({ levels: THREE_LEVELS, lateInterest });
  const details = (lateInterest: unknown) => {
    const result = validateSetup(withLate(lateInterest));
    return result.ok
      ? 'valid'
      : result.error.map((p) => (p.code === 'late_interest_invalid' ? `${p.path} | ${p.detail}` : p.code));
  };

  test('absent or null: no interest; present: kept, rates ordered by from', () => {
    const absent = validateSetup({ levels: THREE_LEVELS });
    expect(absent.ok && absent.value.lateInterest).toBe(undefined);
    const nulled = validateSetup(withLate(null));
    expect(nulled.ok && nulled.value.lateInterest).toBe(undefined);
    const result = validateSetup(
      withLate({
        rates: [
          { from: '2026-07-01', percent: 10.4 },
          { from: '2026-01-01', percent: 10.15 },
        ],
        flatIndemnity: 4000,
        unknown: 1,
      }),
    );
    expect(result.ok && result.value.lateInterest).toEqual({
      rates: [
        { from: '2026-01-01', percent: 10.15 },
        { from: '2026-07-01', percent: 10.4 },
      ],
      flatIndemnity: 4000,
    });
  });

  test('an empty rates list, a 0 percent and a 0 indemnity are allowed', () => {
    expect(details({ rates: [], flatIndemnity: 0 })).toBe('valid');
    expect(details({ rates: [{ from: '2026-01-01', percent: 0 }], flatIndemnity: 4000 })).toBe('valid');
  });

  test.each([
    ['not an object', 7, ['lateInterest | lateInterest']],
    ['a list', [], ['lateInterest | lateInterest']],
    ['rates missing', { flatIndemnity: 4000 }, ['lateInterest.rates | rates']],
    ['rates not a list', { rates: {}, flatIndemnity: 4000 }, ['lateInterest.rates | rates']],
    ['a rate not an object', { rates: [5], flatIndemnity: 4000 }, ['lateInterest.rates[0] | rates[0]']],
    [
      'three decimals',
      { rates: [{ from: '2026-01-01', percent: 10.155 }], flatIndemnity: 4000 },
      ['lateInterest.rates[0].percent | rates[0].percent'],
    ],
    [
      'negative percent',
      { rates: [{ from: '2026-01-01', percent: -1 }], flatIndemnity: 4000 },
      ['lateInterest.rates[0].percent | rates[0].percent'],
    ],
    [
      'percent missing',
      { rates: [{ from: '2026-01-01' }], flatIndemnity: 4000 },
      ['lateInterest.rates[0].percent | rates[0].percent'],
    ],
    [
      'percent a string',
      { rates: [{ from: '2026-01-01', percent: '10' }], flatIndemnity: 4000 },
      ['lateInterest.rates[0].percent | rates[0].percent'],
    ],
    [
      'from not a date',
      { rates: [{ from: '2026-02-30', percent: 10 }], flatIndemnity: 4000 },
      ['lateInterest.rates[0].from | rates[0].from'],
    ],
    [
      'from missing',
      { rates: [{ percent: 10 }], flatIndemnity: 4000 },
      ['lateInterest.rates[0].from | rates[0].from'],
    ],
    [
      'from repeated: the later entry is named',
      {
        rates: [
          { from: '2026-01-01', percent: 10 },
          { from: '2026-07-01', percent: 10 },
          { from: '2026-01-01', percent: 11 },
        ],
        flatIndemnity: 4000,
      },
      ['lateInterest.rates[2].from | rates[2].from'],
    ],
    ['flatIndemnity missing', { rates: [] }, ['lateInterest.flatIndemnity | flatIndemnity']],
    [
      'flatIndemnity null',
      { rates: [], flatIndemnity: null },
      ['lateInterest.flatIndemnity | flatIndemnity'],
    ],
    [
      'flatIndemnity negative',
      { rates: [], flatIndemnity: -1 },
      ['lateInterest.flatIndemnity | flatIndemnity'],
    ],
    [
      'flatIndemnity fractional',
      { rates: [], flatIndemnity: 40.5 },
      ['lateInterest.flatIndemnity | flatIndemnity'],
    ],
    [
      'every problem, each named',
      { rates: [{ from: 'x', percent: 1.234 }], flatIndemnity: '4000' },
      [
        'lateInterest.rates[0].from | rates[0].from',
        'lateInterest.rates[0].percent | rates[0].percent',
        'lateInterest.flatIndemnity | flatIndemnity',
      ],
    ],
  ])('%s is refused with late_interest_invalid', (_case, lateInterest, expected) => {
    expect(details(lateInterest)).toEqual(expected);
  });

  test('the English message names the field and the rule', () => {
    expect(refusal(withLate({ rates: [{ from: '2026-01-01', percent: 10.155 }], flatIndemnity: 4000 }))).toBe(
      'Invalid reminder setup: lateInterest.rates[0].percent: must be a number ≥ 0 with at most two decimals, got 10.155',
    );
  });
});

describe('rules version 2 (docs/rules.md §1.8, §1.29, §1.31)', () => {
  const preDueOnly = (patch: Record<string, unknown>) => ({
    levels: [
      { id: 'P1', days: -10 },
      { id: 'P0', days: 0, ...patch },
    ],
  });

  test('recurEveryDays on a last level with days ≤ 0 is refused, naming the level', () => {
    const result = validateSetup(preDueOnly({ recurEveryDays: 7 }));
    expect(!result.ok && result.error.map((p) => [p.code, p.levelId])).toEqual([
      ['pre_due_last_level_recurs', 'P0'],
    ]);
    expect(refusal(preDueOnly({ recurEveryDays: 7 }))).toContain('level "P0": recurEveryDays');
    expect(refusal(preDueOnly({ recurEveryDays: null }))).toBe('valid');
    expect(refusal(preDueOnly({}))).toBe('valid');
    expect(
      refusal({
        levels: [
          { id: 'P1', days: -10 },
          { id: 'S', days: 1, recurEveryDays: 7 },
        ],
      }),
    ).toBe('valid');
  });

  test('onePerCustomer needs groupByCustomer; null or absent means off', () => {
    const result = validateSetup({ levels: THREE_LEVELS, onePerCustomer: true });
    expect(!result.ok && result.error.map((p) => [p.code, p.path])).toEqual([
      ['one_per_customer_needs_grouping', 'onePerCustomer'],
    ]);
    expect(refusal({ levels: THREE_LEVELS, onePerCustomer: true, groupByCustomer: false })).toContain(
      'onePerCustomer',
    );
    const on = validateSetup({ levels: THREE_LEVELS, onePerCustomer: true, groupByCustomer: true });
    expect(on.ok && on.value.onePerCustomer).toBe(true);
    for (const value of [null, undefined, false]) {
      const off = validateSetup({ levels: THREE_LEVELS, onePerCustomer: value });
      expect(off.ok && off.value.onePerCustomer).toBe(false);
    }
  });
});
