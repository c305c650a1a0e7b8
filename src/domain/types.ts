/**
 * The records the reminder engine works on. Adapters (ERP client, store, fixtures) build them from
 * validated outside data; the engine trusts them.
 */
import type { CalendarDate } from './calendar';
import type { Cents, CurrencyCode } from './money';

export interface Agent {
  readonly id: string;
  readonly name: string;
  readonly email?: string;
}

export interface Customer {
  readonly id: string;
  /** Ragione sociale. */
  readonly name: string;
  /** Reminder addresses, in the ERP's order, as the ERP holds them (not yet trimmed or validated). */
  readonly emails: readonly string[];
  /** Certified e-mail: kept apart, never a reminder address. */
  readonly pec?: string;
  readonly agentId?: Agent['id'];
  /** BCP-47 language of the customer's texts, e.g. `it` or `en`. */
  readonly language?: string;
  readonly blocked?: boolean;
  /** The whole customer is paused until this day, inclusive (docs/rules.md §1.30). */
  readonly holdUntil?: CalendarDate;
  /** A consumer, not a business: no late-payment interest nor indemnity (docs/rules.md §1.25b). */
  readonly consumer?: boolean;
}

/** Why an item is held: for display only, a hold without a reason holds all the same. */
export type HoldReason = 'promise' | 'pause';

/** A partita: one installment of a document, with its own due date and open amount. */
export interface OpenItem {
  /** Stable for the item's whole life, partial payments included. */
  readonly id: string;
  readonly customerId: Customer['id'];
  /** The document (invoice) the installment belongs to; installments of one invoice share it. */
  readonly documentId?: string;
  readonly documentNumber: string;
  readonly documentDate: CalendarDate;
  readonly dueDate: CalendarDate;
  /** Open (residual) amount; only items with a residual > 0 take part. */
  readonly residual: Cents;
  readonly currency: CurrencyCode;
  readonly disputed?: boolean;
  readonly paymentMethod?: string;
  /** The agent of this document, overriding the customer's when present. */
  readonly agentId?: Agent['id'];
  /** A promise to pay or a pause: not reminded until this day, inclusive (docs/rules.md §1.30). */
  readonly holdUntil?: CalendarDate;
  readonly holdReason?: HoldReason;
}

export type LedgerState = 'sent' | 'drafted' | 'handled';

/** One item reminded at one level and cycle: what was sent, drafted or marked handled. */
export interface LedgerEntry {
  readonly itemId: OpenItem['id'];
  readonly levelId: string;
  /** 0 for the first send of a level; n for its n-th recurrence. */
  readonly cycle: number;
  /** The calendar day (setup time zone) the message was sent, drafted or marked. */
  readonly sentOn: CalendarDate;
  readonly state?: LedgerState;
}

/**
 * Why a due item is not proposed; the eligibility reasons in the order they are tried (unknown_customer,
 * blocked, disputed, on_hold, no_email), then those of its communication. `on_hold`: the item or its
 * customer is held until today or later. `amount_overflow`: its communication's total is not a safe integer
 * (not representable exactly), so no amount could be written in the e-mail; only that communication is
 * left out.
 */
export type SkipReason =
  'unknown_customer' | 'blocked' | 'disputed' | 'on_hold' | 'no_email' | 'below_minimum' | 'amount_overflow';

export interface SkippedItem {
  readonly itemId: OpenItem['id'];
  readonly reason: SkipReason;
}
