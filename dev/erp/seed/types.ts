/**
 * What the demo ERP's seed generator produces and the demo ERP loads into its database. Records are in
 * the wire shapes of the contract (src/erp/wire.ts) so the server can serve them as they are.
 */
import type { AgentWire, CustomerWire, OpenItemWire, ReminderSetupWire } from '../../../src/erp/wire';

export interface SeedOptions {
  /** PRNG seed: the same options always give the same data. */
  readonly seed: number;
  readonly customers: number;
  /** Open items (installments) to generate, closed and paid ones not counted. */
  readonly items: number;
  /** The day the data is built around (due dates spread so that every level has work on it). */
  readonly today: string;
}

/** A document (invoice or credit note) with what its PDF shows. */
export interface SeedDocument {
  readonly id: string;
  readonly number: string;
  readonly type: 'invoice' | 'credit_note';
  readonly date: string;
  readonly customerId: string;
  readonly currency: string;
  /** Invoice lines: description, quantity, unit price (minor units), VAT rate in percent. */
  readonly lines: readonly { description: string; quantity: number; unitPrice: number; vatRate: number }[];
  /** Total including VAT, minor units (negative for credit notes). */
  readonly total: number;
  /** Pad the PDF to at least this many bytes (a few large PDFs exercise Graph upload sessions). */
  readonly padPdfToBytes?: number;
}

export interface SeedUser {
  readonly email: string;
  readonly name: string;
  readonly role: 'enabled' | 'administrator' | 'viewer';
}

export interface SeedData {
  readonly agents: AgentWire[];
  readonly customers: CustomerWire[];
  readonly documents: SeedDocument[];
  /** Items with residual > 0 are open; the generator may include paid ones (residual 0) for history. */
  readonly items: OpenItemWire[];
  readonly setup: ReminderSetupWire;
  readonly users: SeedUser[];
}
