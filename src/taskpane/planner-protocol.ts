/**
 * The messages between the pane and its planning worker: one request, one answer, matched by id.
 * Errors cross as their message (an Error does not survive structured cloning with its class).
 */
import type { CalendarDate } from '../domain/calendar';

export type PlannerRequest =
  | { readonly id: number; readonly type: 'open'; readonly mailbox: string }
  | { readonly id: number; readonly type: 'plan'; readonly today: CalendarDate }
  | { readonly id: number; readonly type: 'skipped' }
  | { readonly id: number; readonly type: 'detail'; readonly key: string }
  | { readonly id: number; readonly type: 'communications'; readonly keys: readonly string[] }
  | { readonly id: number; readonly type: 'sample'; readonly levelId: string }
  | { readonly id: number; readonly type: 'history' };

export type PlannerResponse =
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  /**
   * A large answer (the day's plan: tens of thousands of rows) as JSON text: a string crosses threads as
   * one copy, and JSON.parse on the pane's thread is several times faster than structured-clone
   * deserialisation of as many small objects.
   */
  | { readonly id: number; readonly ok: true; readonly json: string }
  | { readonly id: number; readonly ok: false; readonly message: string };
