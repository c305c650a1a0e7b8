/**
 * The messages between the pane and its planning worker: one request, one answer, matched by id.
 * Errors cross as their message (an Error does not survive structured cloning with its class).
 */
import type { CalendarDate } from '../domain/calendar';

export type PlannerRequest =
  | { readonly id: number; readonly type: 'open'; readonly mailbox: string }
  | { readonly id: number; readonly type: 'plan'; readonly today: CalendarDate }
  | { readonly id: number; readonly type: 'kept'; readonly today: CalendarDate }
  | { readonly id: number; readonly type: 'skipped' }
  | { readonly id: number; readonly type: 'detail'; readonly key: string }
  | { readonly id: number; readonly type: 'communications'; readonly keys: readonly string[] }
  | { readonly id: number; readonly type: 'sample'; readonly levelId: string }
  | { readonly id: number; readonly type: 'history' };

export type PlannerResponse =
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  /**
   * A plan (tens of thousands of rows) as JSON text in pieces (see plan-cache.ts): `head` (the plan
   * without its rows, or `null` for "no plan kept") and how many `piece` messages follow, each a separate
   * task on the pane's thread. A string crosses threads as one copy, and JSON.parse is several times
   * faster than structured-clone deserialisation of as many small objects.
   */
  | { readonly id: number; readonly ok: true; readonly head: string | null; readonly pieces: number }
  | { readonly id: number; readonly piece: string }
  | { readonly id: number; readonly ok: false; readonly message: string };
