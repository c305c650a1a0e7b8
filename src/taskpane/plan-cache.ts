/**
 * The day's plan as JSON text in pieces: what the planning worker sends to the pane and keeps in the
 * cache for the next opening.
 *
 * Pieces, because one `JSON.parse` of a 100 000-item day (13 000 rows, 6 MB) is a main-thread task of
 * several hundred milliseconds; rows in pieces of ROWS_PER_PIECE parse as short tasks, one per message.
 * Kept, because reading 100 000 items from IndexedDB and planning them takes seconds to tens of seconds
 * in a busy browser: the next opening shows the day's list from the last plan at once (when it is the
 * same day) and replaces it when the fresh plan is ready.
 */
import type { CalendarDate } from '../domain/calendar';
import type { PlannedDayRecord, SollecitiDatabase } from '../store/db';
import type { PlanSnapshot, ReminderRow } from '../ui/model';
import type { PlanResult } from './planner';

/** Bumped whenever PlanSnapshot's shape changes: a plan kept by an older version is then not shown. */
export const PLAN_FORMAT = 1;

const ROWS_PER_PIECE = 1000;

/** A plan result as JSON: the result without its rows, and the rows in pieces (none unless planned). */
export interface EncodedPlan {
  readonly head: string;
  readonly rowPieces: readonly string[];
}

export function encodePlan(result: PlanResult): EncodedPlan {
  if (result.kind !== 'planned') return { head: JSON.stringify(result), rowPieces: [] };
  const { rows, ...rest } = result.snapshot;
  const rowPieces: string[] = [];
  for (let start = 0; start < rows.length; start += ROWS_PER_PIECE)
    rowPieces.push(JSON.stringify(rows.slice(start, start + ROWS_PER_PIECE)));
  return { head: JSON.stringify({ ...result, snapshot: { ...rest, rows: [] } }), rowPieces };
}

/**
 * Puts a plan back together, piece by piece as they arrive: `head` first, then each piece of rows. The
 * caller decides when each piece is parsed (one per message event keeps every task short).
 */
export class PlanAssembler {
  private readonly result: PlanResult;
  private readonly rows: ReminderRow[] = [];

  constructor(head: string) {
    this.result = JSON.parse(head) as PlanResult;
  }

  add(piece: string): void {
    for (const row of JSON.parse(piece) as ReminderRow[]) this.rows.push(row);
  }

  finish(): PlanResult {
    if (this.result.kind !== 'planned') return this.result;
    const snapshot: PlanSnapshot = { ...this.result.snapshot, rows: this.rows };
    return { kind: 'planned', snapshot };
  }
}

/** Decodes a whole encoded plan at once (the main-thread planner, tests). */
export function decodePlan(encoded: EncodedPlan): PlanResult {
  const assembler = new PlanAssembler(encoded.head);
  for (const piece of encoded.rowPieces) assembler.add(piece);
  return assembler.finish();
}

/** Keeps a day's plan for the next opening (one plan per mailbox database: the newest). */
export async function keepPlan(
  db: SollecitiDatabase,
  today: CalendarDate,
  encoded: EncodedPlan,
): Promise<void> {
  const record: PlannedDayRecord = { id: 'last', format: PLAN_FORMAT, today, ...encoded };
  await db.plannedDay.put(record);
}

/** The plan kept for `today` by this version of the pane, if any. */
export async function keptPlan(db: SollecitiDatabase, today: CalendarDate): Promise<EncodedPlan | undefined> {
  const record = await db.plannedDay.get('last');
  if (record === undefined || record.format !== PLAN_FORMAT || record.today !== today) return undefined;
  return { head: record.head, rowPieces: record.rowPieces };
}
