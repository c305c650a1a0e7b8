/**
 * Plan fixtures (docs/rules.md §1.28): reading one, asking the engine, and comparing its answer
 * with the fixture's `expect`. Shared by the jest runner and `npm run plan`.
 */
import { z } from 'zod';
import { isCalendarDate } from '../../src/domain/calendar';
import { cents } from '../../src/domain/money';
import { planReminders, type Communication } from '../../src/domain/plan-reminders';
import { describeSetupProblems, validateSetup } from '../../src/domain/setup';
import type { Agent, Customer, LedgerEntry, OpenItem, SkippedItem } from '../../src/domain/types';

/** `null` counts as absent: optional fields become `undefined`, and are then left out. */
const optional = <T extends z.ZodType>(schema: T) => schema.nullish().transform((v) => v ?? undefined);
const date = z.string().refine(isCalendarDate, 'must be a date written YYYY-MM-DD');
const withoutUndefined = <T extends object>(record: T): T =>
  Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as T;

const customerSchema = z.object({
  id: z.string(),
  name: z.string(),
  emails: optional(z.array(z.string())),
  pec: optional(z.string()),
  agentId: optional(z.string()),
  language: optional(z.string()),
  blocked: optional(z.boolean()),
  holdUntil: optional(date),
  consumer: optional(z.boolean()),
});
const agentSchema = z.object({ id: z.string(), name: z.string(), email: optional(z.string()) });
const itemSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  documentId: optional(z.string()),
  documentNumber: z.string(),
  documentDate: date,
  dueDate: date,
  residual: z.number().int(),
  currency: z.string(),
  disputed: optional(z.boolean()),
  paymentMethod: optional(z.string()),
  agentId: optional(z.string()),
  holdUntil: optional(date),
  holdReason: optional(z.enum(['promise', 'pause'])),
});
const ledgerSchema = z.object({
  itemId: z.string(),
  levelId: z.string(),
  cycle: optional(z.number().int().min(0)),
  sentOn: date,
  state: optional(z.enum(['sent', 'drafted', 'handled'])),
});

const fixtureSchema = z.object({
  description: optional(z.string()),
  today: date,
  setup: z.unknown(),
  customers: optional(z.array(customerSchema)),
  agents: optional(z.array(agentSchema)),
  items: optional(z.array(itemSchema)),
  ledger: optional(z.array(ledgerSchema)),
  expect: z.unknown(),
});

export interface PlanFixture {
  readonly description?: string;
  readonly today: string;
  readonly setup: unknown;
  readonly customers: readonly Customer[];
  readonly agents: readonly Agent[];
  readonly items: readonly OpenItem[];
  readonly ledger: readonly LedgerEntry[];
  readonly expect: unknown;
}

/** Reads a parsed fixture file; throws an Error naming the bad field. */
export function parseFixture(json: unknown): PlanFixture {
  const parsed = fixtureSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Bad fixture at ${issue?.path.join('.') ?? '?'}: ${issue?.message ?? 'invalid'}`);
  }
  const f = parsed.data;
  return {
    ...(f.description !== undefined ? { description: f.description } : {}),
    today: f.today,
    setup: f.setup,
    customers: (f.customers ?? []).map((c) => withoutUndefined({ ...c, emails: c.emails ?? [] })),
    agents: (f.agents ?? []).map((a) => withoutUndefined(a)),
    items: (f.items ?? []).map((i) => withoutUndefined({ ...i, residual: cents(i.residual) })),
    ledger: (f.ledger ?? []).map((e) => withoutUndefined({ ...e, cycle: e.cycle ?? 0 })),
    expect: f.expect,
  };
}

export interface ReminderAnswer {
  readonly customerId: string;
  readonly levelId: string;
  readonly currency: string;
  /** Each item at its own level (the reminder's, unless the setup has `onePerCustomer`). */
  readonly items: readonly { readonly itemId: string; readonly levelId: string; readonly cycle: number }[];
  readonly total: number;
  readonly to: readonly string[];
  readonly cc: readonly string[];
  /** Present iff the setup has `lateInterest` (docs/rules.md §1.25b). */
  readonly interest?: number;
  readonly indemnity?: number;
}

export type PlanAnswer =
  | { readonly reminders: readonly ReminderAnswer[]; readonly skipped: readonly SkippedItem[] }
  | { readonly error: 'invalid_setup'; readonly message: string };

const toReminderAnswer = (c: Communication): ReminderAnswer => ({
  customerId: c.customerId,
  levelId: c.levelId,
  currency: c.currency,
  items: c.lines.map((line) => ({ itemId: line.item.id, levelId: line.levelId, cycle: line.cycle })),
  total: c.total,
  to: c.to,
  cc: c.cc,
  ...(c.interest !== undefined ? { interest: c.interest } : {}),
  ...(c.indemnity !== undefined ? { indemnity: c.indemnity } : {}),
});

/** The engine's answer for a fixture, in the shape of `expect`. */
export function answerFixture(fixture: PlanFixture): PlanAnswer {
  const setup = validateSetup(fixture.setup);
  if (!setup.ok) return { error: 'invalid_setup', message: describeSetupProblems(setup.error) };
  const plan = planReminders({ ...fixture, setup: setup.value });
  return { reminders: plan.communications.map(toReminderAnswer), skipped: plan.skipped };
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Whether `actual` agrees with `expected` on every field `expected` names, recursively: an object may hold
 * fields the expectation leaves out (ignored — so an item's `levelId` is compared only where the expectation
 * gives it, element by element); an array must have the same length and agree element by element, in order.
 */
function agrees(expected: unknown, actual: unknown): boolean {
  if (Array.isArray(expected)) {
    return (
      Array.isArray(actual) &&
      actual.length === expected.length &&
      expected.every((value, i) => agrees(value, actual[i]))
    );
  }
  if (isRecord(expected))
    return isRecord(actual) && Object.keys(expected).every((key) => agrees(expected[key], actual[key]));
  return canonical(expected) === canonical(actual);
}

/**
 * Compares two lists as sets: pairs each expected element with a distinct actual one it agrees with (a
 * maximum matching, so one loose expectation cannot take the element a stricter one needs), and returns
 * what is left unpaired on each side.
 */
function unpaired(
  want: readonly unknown[],
  got: readonly unknown[],
): { missing: unknown[]; extra: unknown[] } {
  const candidates = want.map((expected) =>
    got.flatMap((actual, j) => (agrees(expected, actual) ? [j] : [])),
  );
  const ownerOf = new Array<number>(got.length).fill(-1);
  const assign = (i: number, seen: boolean[]): boolean => {
    for (const j of candidates[i] ?? []) {
      if (seen[j] === true) continue;
      seen[j] = true;
      const owner = ownerOf[j] as number;
      if (owner < 0 || assign(owner, seen)) {
        ownerOf[j] = i;
        return true;
      }
    }
    return false;
  };
  const paired = want.map((_, i) => assign(i, new Array<boolean>(got.length).fill(false)));
  return {
    missing: want.filter((_, i) => paired[i] !== true),
    extra: got.filter((_, j) => ownerOf[j] === -1),
  };
}

/** JSON with object keys sorted, so two equal values always print the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isRecord(value)) {
    const keys = Object.keys(value)
      .filter((key) => value[key] !== undefined)
      .sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

/**
 * Differences between the fixture's `expect` and the engine's answer, as readable lines; empty when they
 * agree. `reminders` and `skipped` are compared as sets; within a reminder, `items`, `to` and `cc` exactly;
 * fields beyond those in `expect` are ignored. An expected error matches on `error`, and on every string
 * of the optional `messageIncludes`.
 */
export function compareAnswer(expected: unknown, actual: PlanAnswer): string[] {
  if (!isRecord(expected)) return ['the fixture has no `expect` object'];
  if ('error' in expected) {
    if (!('error' in actual))
      return [`expected error ${canonical(expected.error)}, but the engine planned ${canonical(actual)}`];
    const problems: string[] = [];
    if (expected.error !== actual.error)
      problems.push(`expected error ${canonical(expected.error)}, got ${canonical(actual.error)}`);
    const includes = Array.isArray(expected.messageIncludes) ? expected.messageIncludes : [];
    for (const word of includes) {
      if (typeof word === 'string' && !actual.message.includes(word))
        problems.push(`the message does not mention ${canonical(word)}: ${actual.message}`);
    }
    if (typeof expected.message === 'string' && expected.message !== actual.message) {
      problems.push(`expected message ${canonical(expected.message)}, got ${canonical(actual.message)}`);
    }
    return problems;
  }
  if ('error' in actual) return [`the engine refused the setup: ${actual.message}`];
  const problems: string[] = [];
  for (const key of ['reminders', 'skipped'] as const) {
    const want = Array.isArray(expected[key]) ? (expected[key] as unknown[]) : [];
    const got = actual[key] as readonly unknown[];
    const { missing, extra } = unpaired(want, got);
    for (const m of missing) problems.push(`${key}: expected but missing  ${canonical(m)}`);
    for (const e of extra) problems.push(`${key}: produced but not expected ${canonical(e)}`);
  }
  return problems;
}
