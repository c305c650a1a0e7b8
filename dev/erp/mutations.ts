/**
 * The demo ERP's mutation API: what happens in a real ERP's books while the add-in runs (a customer pays,
 * an invoice is issued, a due date moves, a customer promises to pay or is paused, a customer is blocked
 * or renamed, an item is deleted), for
 * tests and demos. Separate from the contract: served under `/dev/mutations/…` only when
 * `ERP_DEV_MUTATIONS` is not `0`, and usable in-process (`startErpServer(...).mutations`). Every change
 * goes through the change sequence, so clients see it in their next delta.
 */
import { z } from 'zod';
import {
  calendarDateSchema,
  currencySchema,
  HOLD_REASONS,
  minorUnitsSchema,
  type CustomerWire,
  type OpenItemWire,
} from '../../src/erp/wire';
import { ProblemError, notFound, parseOrThrow } from './http/problem';
import type { ItemStatus } from './store/catalog-store';
import type { ErpStore } from './store/erp-store';
import type { SeedData, SeedDocument, SeedOptions } from './seed/types';

const id = z.string().min(1).max(200);

export const payInput = z.object({
  itemId: id,
  /** Minor units; absent pays the whole residual. */
  amount: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
});
export const invoiceInput = z.object({
  customerId: id,
  documentId: id.optional(),
  documentNumber: z.string().min(1).max(100).optional(),
  documentType: z.enum(['invoice', 'credit_note']).default('invoice'),
  documentDate: calendarDateSchema,
  currency: currencySchema.default('EUR'),
  paymentMethod: z.string().max(50).optional(),
  agentId: id.optional(),
  disputed: z.boolean().default(false),
  /** One per installment, in order: positive amounts for an invoice, negative for a credit note. */
  installments: z
    .array(
      z.object({
        dueDate: calendarDateSchema,
        amount: minorUnitsSchema.refine((n) => n !== 0, 'must not be 0'),
      }),
    )
    .min(1)
    .max(36),
});
export const moveDueDateInput = z.object({ itemId: id, dueDate: calendarDateSchema });
export const blockCustomerInput = z.object({ customerId: id, blocked: z.boolean().default(true) });
export const renameCustomerInput = z.object({ customerId: id, name: z.string().min(1).max(500) });
export const setCustomerEmailsInput = z.object({
  customerId: id,
  emails: z.array(z.string().max(320)).max(50),
  /** Absent keeps the PEC, null removes it. */
  pec: z.string().max(320).nullish(),
});
export const disputeItemInput = z.object({ itemId: id, disputed: z.boolean().default(true) });
export const itemInput = z.object({ itemId: id });
/** `holdUntil: null` lifts the hold (and its reason); a hold without a reason holds all the same. */
export const holdItemInput = z.object({
  itemId: id,
  holdUntil: calendarDateSchema.nullable(),
  holdReason: z.enum(HOLD_REASONS).nullish(),
});
export const holdCustomerInput = z.object({ customerId: id, holdUntil: calendarDateSchema.nullable() });
export const setConsumerInput = z.object({ customerId: id, consumer: z.boolean().default(true) });
export const resetInput = z
  .object({
    seed: z.number().int().optional(),
    customers: z.number().int().min(0).max(100_000).optional(),
    items: z.number().int().min(0).max(1_000_000).optional(),
    today: calendarDateSchema.optional(),
  })
  .default({});

export interface ItemChange {
  readonly item: OpenItemWire;
  readonly status: ItemStatus;
}

export interface MutationsOptions {
  /** The data `reset` loads when given no options (the server's own seed); undefined resets to empty. */
  readonly defaultSeed: () => SeedData | undefined;
  /** The seed generator, when available: lets `reset` take options. */
  readonly generate?: (options: SeedOptions) => SeedData;
  readonly today: () => string;
  readonly now: () => number;
}

export class Mutations {
  constructor(
    private readonly store: ErpStore,
    private readonly options: MutationsOptions,
  ) {}

  private openItem(itemId: string): OpenItemWire {
    const stored = this.store.catalog.getItem(itemId);
    if (stored === undefined) throw notFound(`no item with id ${JSON.stringify(itemId)}`);
    if (stored.status !== 'open')
      throw new ProblemError(
        409,
        'Item not open',
        `item ${JSON.stringify(itemId)} is already ${stored.status}`,
      );
    return stored.item;
  }

  private customer(customerId: string): CustomerWire {
    const customer = this.store.catalog.getCustomer(customerId);
    if (customer === undefined) throw notFound(`no customer with id ${JSON.stringify(customerId)}`);
    return customer;
  }

  private inTransaction<T>(work: () => T): T {
    return this.store.db.transaction(work).immediate();
  }

  /** A payment: the residual goes down by `amount` (all of it when absent); paid in full → tombstone `paid`. */
  pay(input: z.input<typeof payInput>): ItemChange {
    const { itemId, amount } = parseOrThrow(payInput, input);
    return this.inTransaction(() => {
      const item = this.openItem(itemId);
      if (item.residual <= 0)
        throw new ProblemError(
          422,
          'Nothing to pay',
          `item ${itemId} has residual ${item.residual} (a credit note or already settled): close it instead`,
          { field: 'itemId' },
        );
      const paying = amount ?? item.residual;
      if (paying > item.residual)
        throw new ProblemError(
          422,
          'Overpayment',
          `amount: ${paying} is more than the residual ${item.residual}`,
          { field: 'amount' },
        );
      const residual = item.residual - paying;
      const status: ItemStatus = residual === 0 ? 'paid' : 'open';
      const changed = { ...item, residual };
      this.store.catalog.putItem(changed, status);
      return { item: changed, status };
    });
  }

  /** A new invoice (or credit note) with its installments, items `<documentId>-<n>`. */
  invoice(input: z.input<typeof invoiceInput>): { document: SeedDocument; items: OpenItemWire[] } {
    const data = parseOrThrow(invoiceInput, input);
    const sign = data.documentType === 'invoice' ? 1 : -1;
    data.installments.forEach((installment, index) => {
      if (Math.sign(installment.amount) !== sign) {
        throw new ProblemError(
          400,
          'Invalid request',
          `installments.${index}.amount: must be ${sign > 0 ? 'positive for an invoice' : 'negative for a credit note'}`,
          { field: `installments.${index}.amount` },
        );
      }
    });
    return this.inTransaction(() => {
      const customer = this.customer(data.customerId);
      const serial = this.store.sequence.current() + 1;
      const documentId = data.documentId ?? `DOC-M${serial}`;
      if (this.store.catalog.getDocument(documentId) !== undefined)
        throw new ProblemError(
          409,
          'Document exists',
          `a document with id ${JSON.stringify(documentId)} already exists`,
          { field: 'documentId' },
        );
      const total = data.installments.reduce((sum, installment) => sum + installment.amount, 0);
      const document: SeedDocument = {
        id: documentId,
        number:
          data.documentNumber ??
          `${data.documentType === 'invoice' ? 'FT' : 'NC'} ${data.documentDate.slice(0, 4)}/M${serial}`,
        type: data.documentType,
        date: data.documentDate,
        customerId: customer.id,
        currency: data.currency,
        lines: [
          {
            description: data.documentType === 'invoice' ? 'Fornitura (demo)' : 'Storno (demo)',
            quantity: 1,
            unitPrice: total,
            vatRate: 0,
          },
        ],
        total,
      };
      this.store.catalog.putDocument(document);
      const items = data.installments.map((installment, index): OpenItemWire => ({
        id: `${documentId}-${index + 1}`,
        customerId: customer.id,
        documentId,
        documentNumber: document.number,
        documentType: data.documentType,
        documentDate: data.documentDate,
        dueDate: installment.dueDate,
        installment: index + 1,
        amount: installment.amount,
        residual: installment.amount,
        currency: data.currency,
        paymentMethod: data.paymentMethod,
        agentId: data.agentId,
        disputed: data.disputed,
      }));
      for (const item of items) {
        if (this.store.catalog.getItem(item.id) !== undefined)
          throw new ProblemError(
            409,
            'Item exists',
            `an item with id ${JSON.stringify(item.id)} already exists`,
            { field: 'documentId' },
          );
        this.store.catalog.putItem(item, 'open');
      }
      return { document, items };
    });
  }

  moveDueDate(input: z.input<typeof moveDueDateInput>): ItemChange {
    const { itemId, dueDate } = parseOrThrow(moveDueDateInput, input);
    return this.inTransaction(() => {
      const changed = { ...this.openItem(itemId), dueDate };
      this.store.catalog.putItem(changed, 'open');
      return { item: changed, status: 'open' };
    });
  }

  disputeItem(input: z.input<typeof disputeItemInput>): ItemChange {
    const { itemId, disputed } = parseOrThrow(disputeItemInput, input);
    return this.inTransaction(() => {
      const changed = { ...this.openItem(itemId), disputed };
      this.store.catalog.putItem(changed, 'open');
      return { item: changed, status: 'open' };
    });
  }

  /** A promise to pay or an agreed pause: the item is held until `holdUntil` (inclusive); `null` lifts it. */
  holdItem(input: z.input<typeof holdItemInput>): ItemChange {
    const { itemId, holdUntil, holdReason } = parseOrThrow(holdItemInput, input);
    return this.inTransaction(() => {
      const changed = {
        ...this.openItem(itemId),
        holdUntil: holdUntil ?? undefined,
        holdReason: holdUntil === null ? undefined : (holdReason ?? undefined),
      };
      this.store.catalog.putItem(changed, 'open');
      return { item: changed, status: 'open' };
    });
  }

  /** Closed without a payment (offset against a credit note, written off): tombstone `closed`. */
  closeItem(input: z.input<typeof itemInput>): ItemChange {
    const { itemId } = parseOrThrow(itemInput, input);
    return this.inTransaction(() => {
      const item = this.openItem(itemId);
      this.store.catalog.setItemStatus(itemId, 'closed');
      return { item, status: 'closed' };
    });
  }

  /** Deleted (a document cancelled in the ERP): tombstone `deleted`, whatever its status was. */
  deleteItem(input: z.input<typeof itemInput>): ItemChange {
    const { itemId } = parseOrThrow(itemInput, input);
    return this.inTransaction(() => {
      const stored = this.store.catalog.getItem(itemId);
      if (stored === undefined) throw notFound(`no item with id ${JSON.stringify(itemId)}`);
      if (stored.status === 'deleted')
        throw new ProblemError(409, 'Item not open', `item ${JSON.stringify(itemId)} is already deleted`);
      this.store.catalog.setItemStatus(itemId, 'deleted');
      return { item: stored.item, status: 'deleted' };
    });
  }

  blockCustomer(input: z.input<typeof blockCustomerInput>): CustomerWire {
    const { customerId, blocked } = parseOrThrow(blockCustomerInput, input);
    return this.updateCustomer(customerId, (customer) => ({ ...customer, blocked }));
  }

  /** The whole customer paused until `holdUntil` (inclusive); `null` lifts the pause. */
  holdCustomer(input: z.input<typeof holdCustomerInput>): CustomerWire {
    const { customerId, holdUntil } = parseOrThrow(holdCustomerInput, input);
    return this.updateCustomer(customerId, (customer) => ({
      ...customer,
      holdUntil: holdUntil ?? undefined,
    }));
  }

  /** A private person (consumatore, `true`) or a business (`false`). */
  setConsumer(input: z.input<typeof setConsumerInput>): CustomerWire {
    const { customerId, consumer } = parseOrThrow(setConsumerInput, input);
    return this.updateCustomer(customerId, (customer) => ({ ...customer, consumer }));
  }

  /** Any name, hostile text included (`<script>`, quotes, RTL marks): the client must escape it. */
  renameCustomer(input: z.input<typeof renameCustomerInput>): CustomerWire {
    const { customerId, name } = parseOrThrow(renameCustomerInput, input);
    return this.updateCustomer(customerId, (customer) => ({ ...customer, name }));
  }

  setCustomerEmails(input: z.input<typeof setCustomerEmailsInput>): CustomerWire {
    const { customerId, emails, pec } = parseOrThrow(setCustomerEmailsInput, input);
    return this.updateCustomer(customerId, (customer) => ({
      ...customer,
      emails,
      pec: pec === undefined ? customer.pec : (pec ?? undefined),
    }));
  }

  private updateCustomer(customerId: string, change: (customer: CustomerWire) => CustomerWire): CustomerWire {
    return this.inTransaction(() => {
      const changed = change(this.customer(customerId));
      this.store.catalog.putCustomer(changed);
      return changed;
    });
  }

  /**
   * Reseeds: with options, generated data (the generator must be available); without, the server's own
   * seed. Open items that disappear become `deleted` tombstones and the reminder log is emptied, so
   * clients catch up with an ordinary delta.
   */
  reset(input: z.input<typeof resetInput> = {}): { customers: number; items: number } {
    const options = parseOrThrow(resetInput, input);
    let data: SeedData | undefined;
    if (
      options.seed !== undefined ||
      options.customers !== undefined ||
      options.items !== undefined ||
      options.today !== undefined
    ) {
      if (this.options.generate === undefined)
        throw new ProblemError(
          501,
          'Not implemented',
          'the seed generator is not available in this server: reset without options',
        );
      data = this.options.generate({
        seed: options.seed ?? 1,
        customers: options.customers ?? 300,
        items: options.items ?? 3000,
        today: options.today ?? this.options.today(),
      });
    } else {
      data = this.options.defaultSeed();
    }
    this.store.reset(data, new Date(this.options.now()));
    return { customers: data?.customers.length ?? 0, items: this.store.catalog.countOpenItems() };
  }
}
