/**
 * The home view's filters: what the clerk can narrow the list by, how a row matches, and how the state
 * is written to and read back from storage (the wiring layer persists it; nothing here touches storage).
 */
import { isCalendarDate, type CalendarDate } from '../domain/calendar';
import type { ReminderRow } from './model';

export interface FilterState {
  /** As typed in the customer box: rows whose customer name contains it (search-as-you-type). */
  readonly customerQuery: string;
  /** A customer picked from the suggestions: only that customer (wins over `customerQuery`). */
  readonly customerId?: string;
  readonly agentId?: string;
  /** Empty: every level. */
  readonly levelIds: readonly string[];
  /** A row matches when one of its items falls due within the range (both ends included). */
  readonly dueFrom?: CalendarDate;
  readonly dueTo?: CalendarDate;
  /** On the communication's total, in minor units of its own currency. */
  readonly amountMin?: number;
  readonly amountMax?: number;
  /** Document number or customer name contains it. */
  readonly text: string;
}

export const NO_FILTERS: FilterState = { customerQuery: '', levelIds: [], text: '' };

/** Lower case, accents and extra spaces removed: "  Caffè  Nerò " and "caffe nero" match. */
export function normaliseForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** How many filters are active (for the "Filtri (2)" button). */
export function activeFilterCount(filters: FilterState): number {
  let count = 0;
  if (filters.customerId !== undefined || filters.customerQuery.trim() !== '') count++;
  if (filters.agentId !== undefined) count++;
  if (filters.levelIds.length > 0) count++;
  if (filters.dueFrom !== undefined || filters.dueTo !== undefined) count++;
  if (filters.amountMin !== undefined || filters.amountMax !== undefined) count++;
  if (filters.text.trim() !== '') count++;
  return count;
}

/** The text a row is searched in (`ReminderRow.search`): customer name and document numbers, normalised. */
export function searchTextOf(customerName: string, documentNumbers: readonly string[]): string {
  return [customerName, ...documentNumbers].map(normaliseForSearch).join('\n');
}

/** Whether one of the packed `YYYY-MM-DD` dates (see `ReminderRow.dueDates`) falls within [from, to]. */
function someDateWithin(packed: string, from: string | undefined, to: string | undefined): boolean {
  for (let at = 0; at + 10 <= packed.length; at += 10) {
    const date = packed.slice(at, at + 10);
    if ((from === undefined || date >= from) && (to === undefined || date <= to)) return true;
  }
  return false;
}

/** The rows that pass every active filter, in their order. */
export function applyFilters(rows: readonly ReminderRow[], filters: FilterState): ReminderRow[] {
  const customer = normaliseForSearch(filters.customerQuery);
  const text = normaliseForSearch(filters.text);
  const levels = filters.levelIds.length > 0 ? new Set(filters.levelIds) : undefined;
  const { dueFrom, dueTo, amountMin, amountMax, customerId, agentId } = filters;
  const result: ReminderRow[] = [];
  for (const row of rows) {
    // The first line of `search` is the customer's name.
    const nameEnd = row.search.indexOf('\n');
    const name = nameEnd < 0 ? row.search : row.search.slice(0, nameEnd);
    if (customerId !== undefined) {
      if (row.customerId !== customerId) continue;
    } else if (customer !== '' && !name.includes(customer)) continue;
    if (agentId !== undefined && !row.agentIds.split('\n').includes(agentId)) continue;
    if (levels !== undefined && !levels.has(row.levelId)) continue;
    if (amountMin !== undefined && row.total < amountMin) continue;
    if (amountMax !== undefined && row.total > amountMax) continue;
    if ((dueFrom !== undefined || dueTo !== undefined) && !someDateWithin(row.dueDates, dueFrom, dueTo))
      continue;
    if (text !== '' && !row.search.includes(text)) continue;
    result.push(row);
  }
  return result;
}

/** The filter state as stored text. */
export function serialiseFilters(filters: FilterState): string {
  return JSON.stringify({ v: 1, ...filters });
}

const optionalString = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;
const optionalDate = (value: unknown): CalendarDate | undefined =>
  isCalendarDate(value) ? value : undefined;
const optionalAmount = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;

/**
 * Reads back what `serialiseFilters` wrote. Anything unreadable (another version, a hand edit, a
 * truncated value) falls back field by field to "no filter": a bad stored value never hides rows silently
 * without the filter showing as active.
 */
export function parseFilters(text: string | null | undefined): FilterState {
  if (text === null || text === undefined || text === '') return NO_FILTERS;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return NO_FILTERS;
  }
  if (typeof raw !== 'object' || raw === null || (raw as { v?: unknown }).v !== 1) return NO_FILTERS;
  const r = raw as Record<string, unknown>;
  const customerId = optionalString(r.customerId);
  const agentId = optionalString(r.agentId);
  const dueFrom = optionalDate(r.dueFrom);
  const dueTo = optionalDate(r.dueTo);
  const amountMin = optionalAmount(r.amountMin);
  const amountMax = optionalAmount(r.amountMax);
  return {
    customerQuery: typeof r.customerQuery === 'string' ? r.customerQuery : '',
    levelIds: Array.isArray(r.levelIds)
      ? r.levelIds.filter((id): id is string => typeof id === 'string')
      : [],
    text: typeof r.text === 'string' ? r.text : '',
    ...(customerId !== undefined ? { customerId } : {}),
    ...(agentId !== undefined ? { agentId } : {}),
    ...(dueFrom !== undefined ? { dueFrom } : {}),
    ...(dueTo !== undefined ? { dueTo } : {}),
    ...(amountMin !== undefined ? { amountMin } : {}),
    ...(amountMax !== undefined ? { amountMax } : {}),
  };
}

/**
 * Reads an amount typed by a person in `language` ("1.234,50" in Italian, "1,234.50" in English, "1234")
 * into minor units; undefined when empty or not a number.
 */
export function parseAmountInput(text: string, language: string, fractionDigits = 2): number | undefined {
  const trimmed = text.replace(/[\s\u00a0€$£]/g, '');
  if (trimmed === '') return undefined;
  const [group, decimal] = language === 'it' ? ['.', ','] : [',', '.'];
  let normalised = trimmed;
  // "12.5" typed in Italian (or "12,5" in English) means twelve and a half, not 125.
  if (!normalised.includes(decimal) && new RegExp(`^\\d+\\${group}\\d{1,2}$`).test(normalised))
    normalised = normalised.replace(group, decimal);
  normalised = normalised.split(group).join('').replace(decimal, '.');
  if (!/^\d+(\.\d*)?$/.test(normalised)) return undefined;
  const value = Math.round(Number(normalised) * 10 ** fractionDigits);
  return Number.isSafeInteger(value) ? value : undefined;
}

/** Minor units back to the text a person would type ("1234,5" → shown as "1234,50"). */
export function formatAmountInput(minor: number | undefined, language: string, fractionDigits = 2): string {
  if (minor === undefined) return '';
  const text = (minor / 10 ** fractionDigits).toFixed(fractionDigits);
  return language === 'it' ? text.replace('.', ',') : text;
}
