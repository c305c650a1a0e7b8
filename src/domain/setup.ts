/**
 * The reminder setup (docs/rules.md §1.4–1.8) and its validation. The setup arrives from the ERP, from a
 * fixture or from the settings editor as loose data; `validateSetup` is the one gate that turns it into a
 * `Setup` the planner can trust, or explains — naming the level or field and the rule — why it cannot.
 */
import { isCalendarDate, type CalendarDate } from './calendar';
import { percentHundredths } from './late-interest';
import { cents, type Cents } from './money';
import { err, ok, type Result } from './result';
import { misplacedPlaceholders, type MisplacedWhere } from './template-markup';

export const LEVEL_KINDS = ['promemoria', 'estratto_conto', 'sollecito'] as const;
/** A label for texts and the UI; no rule depends on it. */
export type LevelKind = (typeof LEVEL_KINDS)[number];

export interface LevelText {
  readonly subject: string;
  readonly body: string;
  /** Plain text (line breaks kept) unless the administrator marked the text as HTML. */
  readonly format: 'text' | 'html';
}

export interface Level {
  readonly id: string;
  readonly name: string;
  readonly kind: LevelKind | string;
  /** Signed offset from the due date: -10 is ten days before, 15 is fifteen days after. */
  readonly days: number;
  /** Only on the last level: send it again every this many days. */
  readonly recurEveryDays?: number;
  /** With `recurEveryDays`: how many times the level may be repeated after its first send. */
  readonly recurMaxCount?: number;
  /** Texts by language (`it`, `en`, …). */
  readonly texts: Readonly<Record<string, LevelText>>;
}

/** One entry of the late-payment interest table: from this day on (until the next entry), `percent` a year. */
export interface InterestRate {
  readonly from: CalendarDate;
  /** ≥ 0, at most two decimals (e.g. 10.15 for the ECB reference rate + 8 points). */
  readonly percent: number;
}

/** Late-payment interest and the flat indemnity (D.Lgs. 231/2002; docs/rules.md §1.25b). */
export interface LateInterest {
  /** Ordered by `from`, ascending (validation sorts them); distinct days; may be empty. */
  readonly rates: readonly InterestRate[];
  /** Charged once per overdue document (€40 = 4000 in Italy), in minor units. */
  readonly flatIndemnity: Cents;
}

export interface Setup {
  /** Ordered by `days`, ascending: the last one is the last level. */
  readonly levels: readonly Level[];
  readonly minDaysBetween: number;
  readonly minimumAmount: Cents;
  /** Payment methods the bank collects by itself (RiBa, SDD): no reminder on or before the due date. */
  readonly autoCollectedPaymentMethods: readonly string[];
  readonly groupByCustomer: boolean;
  /** One communication per (customer, currency) at its items' highest level (docs/rules.md §1.31); needs `groupByCustomer`. */
  readonly onePerCustomer: boolean;
  readonly ccAgent: boolean;
  readonly attachInvoicePdfs: boolean;
  readonly defaultLanguage: string;
  readonly timezone: string;
  readonly companyIban?: string;
  readonly enabledUsers: readonly string[];
  readonly administrators: readonly string[];
  /** When present, every reminder carries its late-payment interest and flat indemnity. */
  readonly lateInterest?: LateInterest;
}

export const DEFAULT_TIMEZONE = 'Europe/Rome';
export const DEFAULT_LANGUAGE = 'it';

/**
 * Which rule a setup breaks, as a stable code with what a sentence about it needs. The UI words it in
 * the clerk's language (src/ui/i18n.ts); `message` keeps the English one for logs, the CLI and the ERP.
 * `got` is the offending value as JSON (`"15"`, `1.5`, `null` for an absent or non-finite number).
 */
export type SetupRule =
  | { readonly code: 'not_an_object' }
  | { readonly code: 'no_levels' }
  | { readonly code: 'level_not_an_object' }
  | { readonly code: 'level_id_missing' }
  | { readonly code: 'level_id_empty' }
  | { readonly code: 'level_id_repeated'; readonly id: string }
  | { readonly code: 'level_days_not_integer'; readonly got: string }
  | {
      readonly code: 'level_days_shared';
      readonly days: number;
      readonly otherIndex: number;
      readonly otherLevelId?: string;
    }
  | { readonly code: 'recurrence_not_on_last_level' }
  | { readonly code: 'recur_every_days_invalid'; readonly got: string }
  | { readonly code: 'recur_max_count_without_every' }
  | { readonly code: 'recur_max_count_invalid'; readonly got: string }
  /** `recurEveryDays` on a last level with days ≤ 0: pre-due levels end at the due date (docs/rules.md §1.29). */
  | { readonly code: 'pre_due_last_level_recurs' }
  /** `onePerCustomer` on while `groupByCustomer` is off. */
  | { readonly code: 'one_per_customer_needs_grouping' }
  /** In an HTML text, a placeholder written where an element or attribute name goes (`<td %Cliente>`). */
  | {
      readonly code: 'placeholder_in_markup';
      readonly language: string;
      readonly placeholder: string;
      readonly where: MisplacedWhere;
    }
  | {
      readonly code: 'field_not_whole_number';
      readonly field: 'minDaysBetween' | 'minimumAmount';
      readonly got: string;
    }
  /** Any problem of `lateInterest`; `detail` names the field inside it (`rates[1].from`), or is `lateInterest` for the whole. */
  | { readonly code: 'late_interest_invalid'; readonly detail: string };

export type SetupProblemCode = SetupRule['code'];

/** One reason a setup is refused: where (a level or a field), which rule, and the rule in English. */
export type SetupProblem = SetupRule & {
  /** `setup`, `levels`, `levels[2]`, or a field such as `minDaysBetween`. */
  readonly path: string;
  /** On a level's problem: its position as listed (0-based), and its id when it has one. */
  readonly levelIndex?: number;
  readonly levelId?: string;
  /** The problem in English, naming the level or field and the rule (logs, CLI, the ERP's 422). */
  readonly message: string;
};

export class InvalidSetupError extends Error {
  constructor(readonly problems: readonly SetupProblem[]) {
    super(describeSetupProblems(problems));
    this.name = 'InvalidSetupError';
  }
}

/** One sentence for all the problems, in the order found. */
export function describeSetupProblems(problems: readonly SetupProblem[]): string {
  return `Invalid reminder setup: ${problems.map((p) => p.message).join('; ')}`;
}

type Loose = Record<string, unknown>;

const isRecord = (value: unknown): value is Loose =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
/** A `null` field counts as absent. */
const present = (value: unknown): boolean => value !== undefined && value !== null;
const isInteger = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value);
const isIntegerAtLeast = (value: unknown, min: number): value is number => isInteger(value) && value >= min;

function levelLabel(index: number, id: unknown): string {
  return typeof id === 'string' && id.trim() !== '' ? `level "${id}"` : `level #${index + 1}`;
}

function readTexts(raw: unknown): Record<string, LevelText> {
  const texts: Record<string, LevelText> = {};
  if (!isRecord(raw)) return texts;
  for (const [language, text] of Object.entries(raw)) {
    if (!isRecord(text)) continue;
    texts[language] = {
      subject: typeof text.subject === 'string' ? text.subject : '',
      body: typeof text.body === 'string' ? text.body : '',
      format: text.format === 'html' || text.html === true ? 'html' : 'text',
    };
  }
  return texts;
}

const stringList = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

/**
 * Checks a setup against every rule of docs/rules.md §1 and returns it normalised (levels ordered by `days`,
 * absent options off, defaults filled in), or every problem found, each naming the level or field and
 * the rule. Fields it does not know are ignored.
 */
export function validateSetup(input: unknown): Result<Setup, readonly SetupProblem[]> {
  const problems: SetupProblem[] = [];
  const raw: Loose = isRecord(input) ? input : {};
  const rawLevels: unknown[] = Array.isArray(raw.levels) ? raw.levels : [];
  if (!isRecord(input))
    problems.push({ path: 'setup', code: 'not_an_object', message: 'the setup must be an object' });
  if (rawLevels.length === 0)
    problems.push({ path: 'levels', code: 'no_levels', message: 'levels: at least one level is required' });

  /** Where a level's problem is: its path, position and id (when it has one). */
  const at = (index: number, id: unknown) => ({
    path: `levels[${index}]`,
    levelIndex: index,
    ...(typeof id === 'string' && id.trim() !== '' ? { levelId: id } : {}),
  });

  const seenIds = new Map<string, number>();
  const seenDays = new Map<number, number>();
  rawLevels.forEach((level, index) => {
    const record = isRecord(level) ? level : {};
    const id = record.id;
    const label = levelLabel(index, id);
    const where = at(index, id);
    if (!isRecord(level))
      problems.push({
        ...where,
        code: 'level_not_an_object',
        message: `${label}: a level must be an object`,
      });
    if (!present(id) || typeof id !== 'string') {
      problems.push({
        ...where,
        code: 'level_id_missing',
        message: `${label}: id is missing (every level needs a unique id)`,
      });
    } else if (id.trim() === '') {
      problems.push({
        ...where,
        code: 'level_id_empty',
        message: `${label}: id is empty (every level needs a unique id)`,
      });
    } else if (seenIds.has(id)) {
      problems.push({
        ...where,
        code: 'level_id_repeated',
        id,
        message: `${label}: id "${id}" is repeated (level ids must be unique)`,
      });
    } else {
      seenIds.set(id, index);
    }
    if (!isInteger(record.days)) {
      const got = JSON.stringify(record.days) ?? 'null';
      problems.push({
        ...where,
        code: 'level_days_not_integer',
        got,
        message: `${label}: days must be an integer, got ${got}`,
      });
    } else {
      const otherIndex = seenDays.get(record.days);
      if (otherIndex !== undefined) {
        const otherId = (rawLevels[otherIndex] as Loose).id;
        problems.push({
          ...where,
          code: 'level_days_shared',
          days: record.days,
          otherIndex,
          ...(typeof otherId === 'string' && otherId.trim() !== '' ? { otherLevelId: otherId } : {}),
          message: `${label}: days ${record.days} is shared with ${levelLabel(otherIndex, otherId)} (two levels cannot have the same days)`,
        });
      } else {
        seenDays.set(record.days, index);
      }
    }
  });

  // The last level is the one with the highest days, wherever it is listed.
  let lastIndex = -1;
  rawLevels.forEach((level, index) => {
    const days = isRecord(level) ? level.days : undefined;
    if (!isInteger(days)) return;
    const lastDays = lastIndex < 0 ? undefined : (rawLevels[lastIndex] as Loose).days;
    if (lastIndex < 0 || days > (lastDays as number)) lastIndex = index;
  });
  rawLevels.forEach((level, index) => {
    if (!isRecord(level)) return;
    const label = levelLabel(index, level.id);
    const where = at(index, level.id);
    if (present(level.recurEveryDays)) {
      if (index !== lastIndex) {
        problems.push({
          ...where,
          code: 'recurrence_not_on_last_level',
          message: `${label}: recurEveryDays is allowed only on the last level (the one with the highest days)`,
        });
      } else if (!isIntegerAtLeast(level.recurEveryDays, 1)) {
        const got = JSON.stringify(level.recurEveryDays) ?? 'null';
        problems.push({
          ...where,
          code: 'recur_every_days_invalid',
          got,
          message: `${label}: recurEveryDays must be an integer ≥ 1, got ${got}`,
        });
      }
      if (index === lastIndex && (level.days as number) <= 0) {
        problems.push({
          ...where,
          code: 'pre_due_last_level_recurs',
          message: `${label}: recurEveryDays is not allowed on a last level with days ≤ 0 (levels up to the due date end on the due date)`,
        });
      }
    }
    if (present(level.recurMaxCount)) {
      if (!present(level.recurEveryDays)) {
        problems.push({
          ...where,
          code: 'recur_max_count_without_every',
          message: `${label}: recurMaxCount needs recurEveryDays (only a recurring level can be capped)`,
        });
      } else if (!isIntegerAtLeast(level.recurMaxCount, 1)) {
        const got = JSON.stringify(level.recurMaxCount) ?? 'null';
        problems.push({
          ...where,
          code: 'recur_max_count_invalid',
          got,
          message: `${label}: recurMaxCount must be an integer ≥ 1, got ${got}`,
        });
      }
    }
  });

  rawLevels.forEach((level, index) => {
    if (!isRecord(level)) return;
    const label = levelLabel(index, level.id);
    for (const [language, text] of Object.entries(readTexts(level.texts))) {
      if (text.format !== 'html') continue;
      for (const { placeholder, where } of misplacedPlaceholders(text.body)) {
        problems.push({
          ...at(index, level.id),
          code: 'placeholder_in_markup',
          language,
          placeholder: `%${placeholder}`,
          where,
          message: `${label}: the ${language} HTML text has %${placeholder} as ${where === 'element_name' ? 'an element' : 'an attribute'} name (a placeholder goes in text or inside an attribute's value)`,
        });
      }
    }
  });

  for (const field of ['minDaysBetween', 'minimumAmount'] as const) {
    const value = raw[field];
    if (present(value) && !isIntegerAtLeast(value, 0)) {
      const got = JSON.stringify(value) ?? 'null';
      problems.push({
        path: field,
        code: 'field_not_whole_number',
        field,
        got,
        message: `${field} must be an integer ≥ 0, got ${got}`,
      });
    }
  }

  problems.push(...lateInterestProblems(raw.lateInterest));
  if (raw.onePerCustomer === true && raw.groupByCustomer !== true) {
    problems.push({
      path: 'onePerCustomer',
      code: 'one_per_customer_needs_grouping',
      message: 'onePerCustomer needs groupByCustomer on (one communication per customer groups by customer)',
    });
  }

  if (problems.length > 0) return err(problems);

  const levels: Level[] = (rawLevels as Loose[]).map((level) => ({
    id: level.id as string,
    name: typeof level.name === 'string' && level.name !== '' ? level.name : (level.id as string),
    kind: typeof level.kind === 'string' ? level.kind : 'sollecito',
    days: level.days as number,
    ...(present(level.recurEveryDays) ? { recurEveryDays: level.recurEveryDays as number } : {}),
    ...(present(level.recurMaxCount) ? { recurMaxCount: level.recurMaxCount as number } : {}),
    texts: readTexts(level.texts),
  }));
  levels.sort((a, b) => a.days - b.days);

  return ok({
    levels,
    minDaysBetween: present(raw.minDaysBetween) ? (raw.minDaysBetween as number) : 0,
    minimumAmount: cents(present(raw.minimumAmount) ? (raw.minimumAmount as number) : 0),
    autoCollectedPaymentMethods: stringList(raw.autoCollectedPaymentMethods),
    groupByCustomer: raw.groupByCustomer === true,
    onePerCustomer: raw.onePerCustomer === true,
    ccAgent: raw.ccAgent === true,
    attachInvoicePdfs: raw.attachInvoicePdfs === true,
    defaultLanguage:
      typeof raw.defaultLanguage === 'string' && raw.defaultLanguage !== ''
        ? raw.defaultLanguage
        : DEFAULT_LANGUAGE,
    timezone: typeof raw.timezone === 'string' && raw.timezone !== '' ? raw.timezone : DEFAULT_TIMEZONE,
    ...(typeof raw.companyIban === 'string' && raw.companyIban !== ''
      ? { companyIban: raw.companyIban }
      : {}),
    enabledUsers: stringList(raw.enabledUsers),
    administrators: stringList(raw.administrators),
    ...(present(raw.lateInterest) ? { lateInterest: readLateInterest(raw.lateInterest as Loose) } : {}),
  });
}

/**
 * The problems of a setup's `lateInterest` (docs/rules.md §1.25b): absent or `null` is fine; otherwise an
 * object with `rates`, a list (may be empty) of `{ from, percent }` — `from` a real date, each one once;
 * `percent` a number ≥ 0 with at most two decimals — and `flatIndemnity`, required, an integer ≥ 0.
 */
function lateInterestProblems(value: unknown): SetupProblem[] {
  if (!present(value)) return [];
  const problems: SetupProblem[] = [];
  const problem = (detail: string, rule: string): void => {
    const path = detail === 'lateInterest' ? detail : `lateInterest.${detail}`;
    problems.push({ path, code: 'late_interest_invalid', detail, message: `${path}: ${rule}` });
  };
  if (!isRecord(value)) {
    problem(
      'lateInterest',
      `must be an object with rates and flatIndemnity, got ${JSON.stringify(value) ?? 'null'}`,
    );
    return problems;
  }
  if (!Array.isArray(value.rates)) {
    problem(
      'rates',
      `must be a list of { from, percent } (it may be empty), got ${JSON.stringify(value.rates) ?? 'null'}`,
    );
  } else {
    const seen = new Map<string, number>();
    value.rates.forEach((rate: unknown, index) => {
      if (!isRecord(rate)) {
        problem(`rates[${index}]`, 'a rate must be an object with from and percent');
        return;
      }
      if (!isCalendarDate(rate.from)) {
        problem(
          `rates[${index}].from`,
          `must be a date written YYYY-MM-DD, got ${JSON.stringify(rate.from) ?? 'null'}`,
        );
      } else if (seen.has(rate.from)) {
        problem(
          `rates[${index}].from`,
          `${rate.from} is repeated (rates[${seen.get(rate.from)}] starts that day too; each rate starts on its own day)`,
        );
      } else {
        seen.set(rate.from, index);
      }
      if (percentHundredths(rate.percent) === undefined) {
        problem(
          `rates[${index}].percent`,
          `must be a number ≥ 0 with at most two decimals, got ${JSON.stringify(rate.percent) ?? 'null'}`,
        );
      }
    });
  }
  if (!isIntegerAtLeast(value.flatIndemnity, 0)) {
    problem(
      'flatIndemnity',
      `is required, an integer of minor units ≥ 0, got ${JSON.stringify(value.flatIndemnity) ?? 'null'}`,
    );
  }
  return problems;
}

/** A `lateInterest` that passed `lateInterestProblems`, with its rates ordered by `from`. */
function readLateInterest(value: Loose): LateInterest {
  const rates = (value.rates as Loose[]).map((rate) => ({
    from: rate.from as CalendarDate,
    percent: rate.percent as number,
  }));
  rates.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  return { rates, flatIndemnity: cents(value.flatIndemnity as number) };
}

/** The last level (highest days). A validated setup always has one. */
export function lastLevel(setup: Setup): Level {
  const level = setup.levels[setup.levels.length - 1];
  if (level === undefined) throw new Error('A validated setup has at least one level');
  return level;
}
