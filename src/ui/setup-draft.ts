/**
 * Editing the reminder setup in the settings view: the draft is the setup as the ERP stores it
 * (the domain's `SetupDraft`), changed by these small pure steps; `validateSetup` (the domain) says whether it
 * can be saved. The editor uses `recurrenceRefusal` to say why it does not let a level repeat.
 */
import { isCalendarDate } from '../domain/calendar';
import { defaultTexts } from '../domain/default-texts';
import { isValidEmailAddress } from '../domain/email-address';
import type { SetupProblem } from '../domain/setup';
import type { LateInterestDraft, LevelDraft, SetupDraft } from '../domain/setup-draft';
import { parseAmountInput } from './filters';

export type { LateInterestDraft, LevelDraft, SetupDraft };

const isInteger = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value);
const present = (value: unknown): boolean => value !== undefined && value !== null;

/** The index of the last level (the one with the highest days, wherever it is listed); -1 if none has days. */
export function lastLevelIndex(levels: readonly LevelDraft[]): number {
  let last = -1;
  levels.forEach((level, index) => {
    if (!isInteger(level.days)) return;
    const lastDays = last < 0 ? undefined : levels[last]?.days;
    if (lastDays === undefined || level.days > lastDays) last = index;
  });
  return last;
}

/** Why a level may not repeat (it is not the last one), naming the last level; undefined when it may. */
export function recurrenceRefusal(
  levels: readonly LevelDraft[],
  index: number,
): { readonly lastName: string } | undefined {
  const last = lastLevelIndex(levels);
  if (last === index || last < 0) return undefined;
  const level = levels[last];
  return { lastName: level?.name !== undefined && level.name !== '' ? level.name : (level?.id ?? '') };
}

/** The levels in the order the engine uses them: by days (levels without a number keep their place at the end). */
export function sortLevels(draft: SetupDraft): SetupDraft {
  const levels = [...draft.levels].sort(
    (a, b) => (isInteger(a.days) ? a.days : Infinity) - (isInteger(b.days) ? b.days : Infinity),
  );
  return levels.every((level, index) => level === draft.levels[index]) ? draft : { ...draft, levels };
}

export function updateLevel(draft: SetupDraft, index: number, patch: Partial<LevelDraft>): SetupDraft {
  return { ...draft, levels: draft.levels.map((level, i) => (i === index ? { ...level, ...patch } : level)) };
}

/**
 * A new level with the built-in texts of a `sollecito`, that leaves a valid setup. Only the last level
 * may repeat: when it does, the new level goes just before it (halfway between the level before and the
 * repeating one), so the repetition stays where it was; without room there (consecutive days), the new
 * level goes last and takes the repetition with it. When the last level does not repeat, the new one is
 * the new last level, 15 days after it. It is listed at the end until the days are edited (then sorted).
 */
export function addLevel(draft: SetupDraft, name: string): SetupDraft {
  const ids = new Set(draft.levels.map((level) => level.id));
  let n = draft.levels.length + 1;
  while (ids.has(`L${n}`)) n++;
  const days = draft.levels.flatMap((level) => (isInteger(level.days) ? [level.days] : []));
  const lastIndex = lastLevelIndex(draft.levels);
  const last = draft.levels[lastIndex];
  const repeats = last !== undefined && (present(last.recurEveryDays) || present(last.recurMaxCount));
  const make = (at: number, recurrence?: LevelDraft): LevelDraft =>
    ({
      id: `L${n}`,
      name,
      kind: 'sollecito',
      days: at,
      recurEveryDays: recurrence?.recurEveryDays ?? undefined,
      recurMaxCount: recurrence?.recurMaxCount ?? undefined,
      texts: { ...defaultTexts('sollecito') },
    }) as LevelDraft;
  if (last !== undefined && repeats) {
    const below = Math.max(last.days - 30, ...days.filter((value) => value < last.days));
    const between = Math.floor((below + last.days) / 2);
    if (between > below && between < last.days) return { ...draft, levels: [...draft.levels, make(between)] };
    // No day free before the repeating level: the new one is last, and repeats instead of it.
    const levels = draft.levels.map((level, index) =>
      index === lastIndex ? { ...level, recurEveryDays: undefined, recurMaxCount: undefined } : level,
    );
    return { ...draft, levels: [...levels, make(last.days + 15, last)] };
  }
  return { ...draft, levels: [...draft.levels, make(Math.max(-15, ...days) + 15)] };
}

export function removeLevel(draft: SetupDraft, index: number): SetupDraft {
  return { ...draft, levels: draft.levels.filter((_, i) => i !== index) };
}

/** Writes one text (subject, body, format) of a level in a language. */
export function updateText(
  draft: SetupDraft,
  index: number,
  language: string,
  patch: Partial<LevelDraft['texts'][string]>,
): SetupDraft {
  const level = draft.levels[index];
  if (level === undefined) return draft;
  const current = level.texts[language] ?? { subject: '', body: '', format: 'text' as const };
  return updateLevel(draft, index, { texts: { ...level.texts, [language]: { ...current, ...patch } } });
}

/** `text` with `insert` replacing the selection [start, end): what a placeholder button does at the cursor. */
export function insertAt(
  text: string,
  start: number,
  end: number,
  insert: string,
): { text: string; cursor: number } {
  const from = Math.max(0, Math.min(start, text.length));
  const to = Math.max(from, Math.min(end, text.length));
  return { text: text.slice(0, from) + insert + text.slice(to), cursor: from + insert.length };
}

/**
 * An amount typed in a box, in minor units: empty is 0; a negative amount is kept negative (and the
 * field says it cannot be), never turned into 0 behind the clerk's back; what is not an amount is NaN.
 */
export function typedAmount(text: string, language: string, digits: number): number {
  const trimmed = text.trim();
  if (trimmed === '') return 0;
  const negative = /^[-−]/.test(trimmed);
  const value = parseAmountInput(negative ? trimmed.slice(1) : trimmed, language, digits);
  if (value === undefined) return Number.NaN;
  return negative ? -value : value;
}

/** A percent typed in a box (`10,15` or `10.15`): NaN when it is not a number, kept negative when typed so. */
export function typedPercent(text: string): number {
  const trimmed = text.trim().replace('−', '-');
  return /^-?\d+(?:[.,]\d+)?$/.test(trimmed) ? Number(trimmed.replace(',', '.')) : Number.NaN;
}

/** A percent for its box, in the clerk's language (`10,15` in Italian). */
export const percentText = (percent: number, language: string): string =>
  Number.isFinite(percent) ? (language === 'it' ? String(percent).replace('.', ',') : String(percent)) : '';

/** A list typed one item per line (or separated by commas): trimmed, empty ones dropped. */
export function parseList(text: string): string[] {
  return text
    .split(/[\n,;]+/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

/**
 * Grouping by customer on or off. One communication per customer needs it: turning grouping off turns
 * that off too (the switch then says why it cannot be turned on), rather than leaving an invalid setup.
 */
export function setGroupByCustomer(draft: SetupDraft, on: boolean): SetupDraft {
  return {
    ...draft,
    groupByCustomer: on,
    ...(!on && draft.onePerCustomer === true ? { onePerCustomer: false } : {}),
  };
}

/** One communication per customer may be turned on only with grouping by customer (off stays possible). */
export const onePerCustomerAllowed = (draft: SetupDraft): boolean =>
  draft.groupByCustomer || draft.onePerCustomer === true;

/** What is wrong with one row of the interest table (nothing when it is right). */
export interface RateProblems {
  readonly from?: 'invalid' | 'repeated';
  readonly percent?: 'negative' | 'not_a_number' | 'too_many_decimals';
}

/** The interest table's and the indemnity's problems: `rates` one entry a row, as listed. */
export interface LateInterestProblems {
  readonly rates: readonly RateProblems[];
  readonly flatIndemnity?: 'negative' | 'not_an_amount';
}

/** A percent a year as the contract wants it: a number ≥ 0 with at most two decimals (10.15). */
function percentProblem(percent: unknown): RateProblems['percent'] {
  if (typeof percent !== 'number' || !Number.isFinite(percent)) return 'not_a_number';
  if (percent < 0) return 'negative';
  const hundredths = percent * 100;
  return Math.abs(hundredths - Math.round(hundredths)) > 1e-6 ? 'too_many_decimals' : undefined;
}

/** The late-interest table's problems: dates valid and distinct, percents ≥ 0 with two decimals, indemnity ≥ 0. */
export function lateInterestProblems(lateInterest: LateInterestDraft): LateInterestProblems {
  const seen = new Set<string>();
  const rates = lateInterest.rates.map((rate): RateProblems => {
    let from: RateProblems['from'];
    if (!isCalendarDate(rate.from)) from = 'invalid';
    else if (seen.has(rate.from)) from = 'repeated';
    else seen.add(rate.from);
    const percent = percentProblem(rate.percent);
    return { ...(from !== undefined ? { from } : {}), ...(percent !== undefined ? { percent } : {}) };
  });
  const amount: unknown = lateInterest.flatIndemnity;
  const flatIndemnity =
    typeof amount !== 'number' || !Number.isSafeInteger(amount)
      ? ('not_an_amount' as const)
      : amount < 0
        ? ('negative' as const)
        : undefined;
  return { rates, ...(flatIndemnity !== undefined ? { flatIndemnity } : {}) };
}

const hasLateInterestProblems = (problems: LateInterestProblems): boolean =>
  problems.flatIndemnity !== undefined ||
  problems.rates.some((rate) => rate.from !== undefined || rate.percent !== undefined);

/**
 * What the editor refuses beyond the domain's rules, field by field: a level without a name (it would
 * show as its code), a minimum amount that is negative or not an amount, addresses in the users'
 * lists that are not addresses (`isValidEmailAddress`, the rule reminders use), and the late-interest
 * table's rows and indemnity (`lateInterestProblems`).
 */
export interface DraftFieldProblems {
  /** Indexes of levels whose name is empty. */
  readonly unnamedLevels: readonly number[];
  readonly minimumAmount?: 'negative' | 'not_an_amount';
  readonly enabledUsers: readonly string[];
  readonly administrators: readonly string[];
  /** Present only when the late-interest table or indemnity has a problem. */
  readonly lateInterest?: LateInterestProblems;
}

export function draftFieldProblems(draft: SetupDraft): DraftFieldProblems {
  const amount: unknown = draft.minimumAmount;
  const minimumAmount =
    amount === undefined || amount === null
      ? undefined
      : typeof amount !== 'number' || !Number.isSafeInteger(amount)
        ? ('not_an_amount' as const)
        : amount < 0
          ? ('negative' as const)
          : undefined;
  const lateInterest =
    draft.lateInterest !== undefined && draft.lateInterest !== null
      ? lateInterestProblems(draft.lateInterest)
      : undefined;
  return {
    unnamedLevels: draft.levels.flatMap((level, index) => (level.name.trim() === '' ? [index] : [])),
    ...(minimumAmount !== undefined ? { minimumAmount } : {}),
    enabledUsers: draft.enabledUsers.filter((address) => !isValidEmailAddress(address.trim())),
    administrators: draft.administrators.filter((address) => !isValidEmailAddress(address.trim())),
    ...(lateInterest !== undefined && hasLateInterestProblems(lateInterest) ? { lateInterest } : {}),
  };
}

export const hasFieldProblems = (problems: DraftFieldProblems): boolean =>
  problems.unnamedLevels.length > 0 ||
  problems.minimumAmount !== undefined ||
  problems.enabledUsers.length > 0 ||
  problems.administrators.length > 0 ||
  problems.lateInterest !== undefined;

/** The field of a level each of the domain's level problems is about, to say it there. */
export type LevelField = 'days' | 'recurEveryDays' | 'recurMaxCount';

const FIELD_OF: Partial<Record<SetupProblem['code'], LevelField>> = {
  level_days_not_integer: 'days',
  level_days_shared: 'days',
  recurrence_not_on_last_level: 'recurEveryDays',
  recur_every_days_invalid: 'recurEveryDays',
  recur_max_count_without_every: 'recurMaxCount',
  recur_max_count_invalid: 'recurMaxCount',
};

/** The domain's problem with one field of the level at `index` (as listed in the draft), if any. */
export function levelFieldProblem(
  problems: readonly SetupProblem[],
  index: number,
  field: LevelField,
): SetupProblem | undefined {
  return problems.find((problem) => problem.levelIndex === index && FIELD_OF[problem.code] === field);
}
