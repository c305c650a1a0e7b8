/**
 * Wire records → domain records, one at a time. A record that breaks the contract is quarantined with the
 * reason (the field and the rule) and the rest of the page goes on: one bad invoice must never hide the
 * other 2 999 reminders, nor silently vanish.
 */
import { cents } from '../domain/money';
import type { Agent, Customer, OpenItem } from '../domain/types';
import {
  agentSchema,
  customerSchema,
  openItemSchema,
  tombstoneSchema,
  type OpenItemWire,
  type TombstoneWire,
} from './wire';
import type { z } from 'zod';

export type ErpResource = 'customers' | 'agents' | 'open-items';

/** A cached open item: the engine's fields plus what the pane shows. */
export interface StoredOpenItem extends OpenItem {
  readonly documentId: string;
  readonly documentType: OpenItemWire['documentType'];
  readonly installment: number;
  readonly amount: OpenItem['residual'];
}

export interface StoredCustomer extends Customer {
  readonly vatNumber?: string;
}

export interface QuarantinedRecord {
  readonly resource: ErpResource | 'reminder-log';
  /** The record's id when it had a readable one. */
  readonly recordId?: string;
  /** Field path and rule, e.g. `dueDate: must be a real date written YYYY-MM-DD`. */
  readonly reason: string;
  readonly raw: unknown;
}

/** The record without its null or undefined fields: the domain knows only present and absent. */
function dropAbsent<T>(record: object): T {
  const result: Record<string, unknown> = {};
  for (const key in record) {
    const value = (record as Record<string, unknown>)[key];
    if (value !== null && value !== undefined) result[key] = value;
  }
  return result as T;
}

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return 'invalid record';
  const path = issue.path.join('.');
  return path === '' ? issue.message : `${path}: ${issue.message}`;
}

const idOf = (raw: unknown): string | undefined => {
  const id = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
};

const MAPPERS = {
  customers: (raw: unknown) => {
    const parsed = customerSchema.safeParse(raw);
    return parsed.success
      ? { ok: dropAbsent<StoredCustomer>(parsed.data) }
      : { error: describeIssue(parsed.error) };
  },
  agents: (raw: unknown) => {
    const parsed = agentSchema.safeParse(raw);
    return parsed.success ? { ok: dropAbsent<Agent>(parsed.data) } : { error: describeIssue(parsed.error) };
  },
  'open-items': (raw: unknown) => {
    const parsed = openItemSchema.safeParse(raw);
    if (!parsed.success) return { error: describeIssue(parsed.error) };
    const { amount, residual, ...rest } = parsed.data;
    return { ok: dropAbsent<StoredOpenItem>({ ...rest, amount: cents(amount), residual: cents(residual) }) };
  },
} as const;

export type RecordOf<R extends ErpResource> = R extends 'customers'
  ? StoredCustomer
  : R extends 'agents'
    ? Agent
    : StoredOpenItem;

/**
 * Validates a page of records: the good ones mapped to domain records, the bad ones quarantined — a
 * repeated id too (the first one wins), since two records cannot both be the truth.
 */
export function readRecords<R extends ErpResource>(
  resource: R,
  raws: readonly unknown[],
): { records: RecordOf<R>[]; quarantined: QuarantinedRecord[] } {
  const records: RecordOf<R>[] = [];
  const quarantined: QuarantinedRecord[] = [];
  const seen = new Set<string>();
  for (const raw of raws) {
    const recordId = idOf(raw);
    const mapped = MAPPERS[resource](raw) as { ok: RecordOf<R> } | { error: string };
    if ('error' in mapped) {
      quarantined.push({
        resource,
        ...(recordId !== undefined ? { recordId } : {}),
        reason: mapped.error,
        raw,
      });
    } else if (seen.has(mapped.ok.id)) {
      quarantined.push({
        resource,
        recordId: mapped.ok.id,
        reason: 'id: repeated in the same page (the first one was kept)',
        raw,
      });
    } else {
      seen.add(mapped.ok.id);
      records.push(mapped.ok);
    }
  }
  return { records, quarantined };
}

/** Validates tombstones; a malformed one is quarantined like a record. */
export function readTombstones(
  resource: ErpResource,
  raws: readonly unknown[],
): { tombstones: TombstoneWire[]; quarantined: QuarantinedRecord[] } {
  const tombstones: TombstoneWire[] = [];
  const quarantined: QuarantinedRecord[] = [];
  for (const raw of raws) {
    const parsed = tombstoneSchema.safeParse(raw);
    if (parsed.success) tombstones.push(parsed.data);
    else
      quarantined.push({
        resource,
        ...(idOf(raw) !== undefined ? { recordId: idOf(raw) as string } : {}),
        reason: `tombstone ${describeIssue(parsed.error)}`,
        raw,
      });
  }
  return { tombstones, quarantined };
}

/**
 * Validates the reminder log's entries, removals or claims one by one: the good ones are returned, a bad
 * one goes to `quarantined` with its reason (`what` names the kind, e.g. `claim key: …`), keyed by its
 * `key` when it has a readable one.
 */
export function readLogRecords<T>(
  schema: z.ZodType<T>,
  what: string,
  raws: readonly unknown[],
  quarantined: QuarantinedRecord[],
): T[] {
  const records: T[] = [];
  for (const raw of raws) {
    const parsed = schema.safeParse(raw);
    if (parsed.success) {
      records.push(parsed.data);
      continue;
    }
    const key = typeof raw === 'object' && raw !== null ? (raw as { key?: unknown }).key : undefined;
    quarantined.push({
      resource: 'reminder-log',
      ...(typeof key === 'string' ? { recordId: key } : {}),
      reason: `${what} ${describeIssue(parsed.error)}`,
      raw,
    });
  }
  return records;
}
