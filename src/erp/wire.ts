/**
 * The ERP REST contract (docs/rules.md §2, `docs/erp-api.yaml`) as zod schemas: what travels on the wire under
 * `/api/v1`. The client validates every record it receives with these, once, at the border; the demo ERP
 * validates every request body with them. Money is integer minor units, dates `YYYY-MM-DD`, instants ISO 8601.
 */
import { z } from 'zod';
import { isCalendarDate } from '../domain/calendar';
import { COMMUNICATION_KEY_PATTERN } from '../domain/communication-key';
import { MAX_ITEM_AMOUNT } from '../domain/money';
import { isBareAddress } from '../domain/email-address';
import type { SetupDraft } from '../domain/setup-draft';
import type { HoldReason } from '../domain/types';

export const API_PREFIX = '/api/v1';

/**
 * `null` and absent mean the same on the wire; both become `undefined`. The three record schemas below
 * (validated 100 000 times in a full sync) use plain `.nullish()` instead, and `src/erp/records.ts` drops
 * the nulls: a zod transform on a field makes parsing ten times slower.
 */
const optional = <T extends z.ZodType>(schema: T) =>
  schema.nullish().transform((value) => value ?? undefined);
const id = z.string().min(1).max(200);
export const calendarDateSchema = z.string().refine(isCalendarDate, 'must be a real date written YYYY-MM-DD');
/** Integer minor units within the range a JavaScript number holds exactly. */
export const minorUnitsSchema = z.number().int().min(Number.MIN_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER);
/**
 * An open item's amount: integer minor units within ±`MAX_ITEM_AMOUNT` (9 × 10^12), so that the totals
 * of the communications it goes into stay exact (see money.ts). An item beyond it is quarantined.
 */
const OVER_CAP = `must be within ±${MAX_ITEM_AMOUNT} minor units (the contract's cap on one item)`;
export const itemAmountSchema = z
  .number()
  .int()
  .min(-MAX_ITEM_AMOUNT, OVER_CAP)
  .max(MAX_ITEM_AMOUNT, OVER_CAP);
/** ISO-4217 codes the platform's ICU knows (it formats them); `XXX`-style guesses are refused. */
const KNOWN_CURRENCIES: ReadonlySet<string> = new Set(
  typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('currency') : [],
);
export const currencySchema = z
  .string()
  .regex(/^[A-Z]{3}$/, 'must be an ISO-4217 code such as EUR')
  .refine(
    (code) => KNOWN_CURRENCIES.size === 0 || KNOWN_CURRENCIES.has(code),
    'is not a known ISO-4217 currency',
  );
const instant = z.string().datetime({ offset: true });

/** An e-mail address field: at most 320 characters, and nothing a bare address never holds (see `isBareAddress`). */
const mailboxAddress = z
  .string()
  .max(320)
  .refine(
    isBareAddress,
    'must be a bare address: no display name, quotes, angle brackets, control, zero-width or bidi characters',
  );

/** A record as it arrives: optional fields may be `null`; `readRecords` turns them into absent ones. */
export const agentSchema = z.object({
  id,
  name: z.string().max(500),
  email: mailboxAddress.nullish(),
});
export type AgentWire = z.infer<typeof agentSchema>;

export const customerSchema = z.object({
  id,
  /** Ragione sociale. */
  name: z.string().min(1).max(500),
  vatNumber: z.string().max(50).nullish(),
  /**
   * Reminder addresses in the ERP's order. Only what can never be a bare address is refused here (the
   * whole customer is quarantined, so nobody is mailed at the address next to a hostile one); the engine
   * decides which of the rest are usable.
   */
  emails: z.array(mailboxAddress).max(50),
  /** Certified e-mail, never a reminder address. */
  pec: z.string().max(320).nullish(),
  language: z.string().max(35).nullish(),
  agentId: id.nullish(),
  blocked: z.boolean(),
  /** The whole customer paused until this day, inclusive: none of its items is reminded meanwhile. */
  holdUntil: calendarDateSchema.nullish(),
  /** A private person (consumatore): never charged late-payment interest or the flat indemnity. */
  consumer: z.boolean().nullish(),
});
export type CustomerWire = z.infer<typeof customerSchema>;

export const DOCUMENT_TYPES = ['invoice', 'credit_note'] as const;
/** Why an item is held (the domain's `HoldReason`): a promise to pay by a date, or an agreed pause. */
export const HOLD_REASONS = ['promise', 'pause'] as const satisfies readonly HoldReason[];

export const openItemSchema = z.object({
  /** Stable for the item's whole life, partial payments included. */
  id,
  customerId: id,
  documentId: id,
  documentNumber: z.string().min(1).max(100),
  documentType: z.enum(DOCUMENT_TYPES),
  documentDate: calendarDateSchema,
  dueDate: calendarDateSchema,
  /** 1-based installment number within the document. */
  installment: z.number().int().min(1).max(999),
  amount: itemAmountSchema,
  residual: itemAmountSchema,
  currency: currencySchema,
  paymentMethod: z.string().max(50).nullish(),
  agentId: id.nullish(),
  disputed: z.boolean(),
  /** Held until this day, inclusive: not reminded meanwhile. A bad date quarantines the item. */
  holdUntil: calendarDateSchema.nullish(),
  /** For display; a `holdUntil` without a reason holds all the same. */
  holdReason: z.enum(HOLD_REASONS).nullish(),
});
export type OpenItemWire = z.infer<typeof openItemSchema>;

export const TOMBSTONE_REASONS = ['paid', 'closed', 'deleted'] as const;
export const tombstoneSchema = z.object({ id, reason: z.enum(TOMBSTONE_REASONS) });
export type TombstoneWire = z.infer<typeof tombstoneSchema>;

/**
 * One page of a collection. Records are validated one by one (a bad record is quarantined, not fatal), so
 * the page itself only checks its envelope. `nextCursor` is null on the last page, which carries the
 * `syncToken` to pass as `updatedSince` next time: every change after the first page was served is after
 * that token, so paging never misses one.
 */
export const pageSchema = z.object({
  data: z.array(z.unknown()),
  tombstones: z.array(z.unknown()).optional(),
  nextCursor: z.string().nullable(),
  syncToken: z.string().nullable(),
  /** How many records (and tombstones) the whole listing returns, when the ERP knows: for progress bars. */
  total: z.number().int().min(0).nullish(),
});
export type PageWire = z.infer<typeof pageSchema>;

export const levelTextSchema = z.object({
  subject: z.string().max(1000),
  body: z.string().max(100_000),
  format: z.enum(['text', 'html']).default('text'),
});

/**
 * The reminder setup as stored by the ERP. Deliberately loose about the engine's rules (the domain's
 * `validateSetup` checks those, with messages the administrator can act on); strict about types.
 */
export const reminderSetupSchema = z
  .object({
    levels: z.array(
      z
        .object({
          id: z.string(),
          name: z.string(),
          kind: z.string(),
          days: z.number(),
          recurEveryDays: optional(z.number()),
          recurMaxCount: optional(z.number()),
          texts: z.record(z.string(), levelTextSchema).default({}),
        })
        .loose(),
    ),
    groupByCustomer: z.boolean().default(false),
    ccAgent: z.boolean().default(false),
    attachInvoicePdfs: z.boolean().default(false),
    minDaysBetween: optional(z.number()),
    minimumAmount: optional(z.number()),
    autoCollectedPaymentMethods: z.array(z.string()).default([]),
    defaultLanguage: z.string().default('it'),
    timezone: z.string().default('Europe/Rome'),
    companyIban: optional(z.string().max(34)),
    /** Addresses (primary SMTP or UPN) allowed to claim, draft, send and mark. */
    enabledUsers: z.array(z.string()).default([]),
    /** Addresses allowed to write the setup and release others' claims. */
    administrators: z.array(z.string()).default([]),
    /** One communication per customer and currency, each item at its own level (needs `groupByCustomer`). */
    onePerCustomer: z.boolean().nullish(),
    /** Late-payment interest (percent a year from each date) and the flat indemnity per document, in minor units. */
    lateInterest: z
      .object({
        rates: z.array(z.object({ from: z.string(), percent: z.number() })),
        flatIndemnity: z.number(),
      })
      .nullish(),
  })
  .loose();
export type ReminderSetupWire = z.infer<typeof reminderSetupSchema>;
/** True when each of A and B is assignable to the other. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
// The settings view edits the setup as the domain's `SetupDraft`: the schema must yield exactly that
// shape (tsc fails here when one of them changes without the other).
void (true satisfies Same<ReminderSetupWire, SetupDraft>);

export const itemCycleSchema = z.object({ itemId: id, cycle: z.number().int().min(0).max(10_000) });

/**
 * An item of a claim: (item, cycle) and, for one communication per customer (docs/rules.md §3.11), the
 * item's own level — absent means the claim's level. A claim whose items carry levels has the triples' key.
 */
export const claimItemSchema = itemCycleSchema.extend({ levelId: optional(id) });

/**
 * A communication key: SHA-256 hex of the level id and the sorted (item id, cycle) pairs — or, for one
 * communication per customer, (item id, item level id, cycle) triples. Checked on
 * everything the ERP sends back too: a key goes into Graph `$filter`s and ERP paths, and one malformed
 * entry must be set aside rather than stop reconciliation for every other one.
 */
export const communicationKeySchema = z
  .string()
  .regex(COMMUNICATION_KEY_PATTERN, 'must be a communication key (64 lower-case hex digits)');

/** `POST /reminder-claims`: claim every (item, level, cycle) triple of one communication, all or nothing. */
export const claimRequestSchema = z.object({
  key: communicationKeySchema,
  levelId: id,
  items: z.array(claimItemSchema).min(1).max(1000),
});
export type ClaimRequest = z.input<typeof claimRequestSchema>;

export const claimSchema = z.object({
  key: communicationKeySchema,
  levelId: z.string(),
  /** `levelId` on an item only where it differs from the claim's. */
  items: z.array(claimItemSchema),
  /** The user (e-mail) holding the claim. */
  owner: z.string(),
  claimedAt: instant,
});
export type ClaimWire = z.infer<typeof claimSchema>;

export const LOG_STATES = ['sent', 'drafted', 'handled'] as const;

/** `POST /reminder-claims/{key}/confirm`: the claim becomes log entries. */
export const confirmRequestSchema = z.object({
  state: z.enum(LOG_STATES),
  /** The Graph immutable id of the message (absent for `handled`). */
  messageId: optional(z.string().max(500)),
  to: z.array(z.string().max(320)).max(500).default([]),
  cc: z.array(z.string().max(320)).max(500).default([]),
  /** The instant of sending, drafting or marking. */
  at: instant,
  /** Its calendar day in the setup's time zone (the ledger's `sentOn`). */
  sentOn: calendarDateSchema,
});
export type ConfirmRequest = z.input<typeof confirmRequestSchema>;

export const logEntrySchema = z.object({
  key: communicationKeySchema,
  itemId: id,
  levelId: id,
  cycle: z.number().int().min(0),
  state: z.enum(LOG_STATES),
  sentOn: calendarDateSchema,
  at: instant,
  user: z.string(),
  messageId: optional(z.string()),
  to: z.array(z.string()),
  cc: z.array(z.string()),
});
export type LogEntryWire = z.infer<typeof logEntrySchema>;

/** A (key, item) pair whose log entry was removed since the token (a draft deleted from the mailbox, reconciled). */
export const removedEntrySchema = z.object({ key: communicationKeySchema, itemId: id });
export type RemovedEntryWire = z.infer<typeof removedEntrySchema>;

/**
 * `GET /reminder-log?since=`: entries changed since the token, the open claims, and the next token. Only
 * the envelope is checked here: entries, removals and claims are validated one by one (`logEntrySchema`,
 * `removedEntrySchema`, `claimSchema`), so a bad one is quarantined and the rest applied.
 */
export const reminderLogSchema = z.object({
  entries: z.array(z.unknown()),
  removed: z.array(z.unknown()).default([]),
  claims: z.array(z.unknown()),
  syncToken: z.string(),
});

/** RFC 9457 problem details, as every error of the contract is answered. */
export const problemSchema = z
  .object({
    type: z.string().default('about:blank'),
    title: z.string(),
    status: z.number().int(),
    detail: optional(z.string()),
    /** The request field at fault, as a dotted path (`items.0.cycle`). */
    field: optional(z.string()),
    /** On 409 from claims: who holds the conflicting triple, and since when. */
    holder: optional(z.string()),
    heldSince: optional(instant),
    conflicts: optional(z.array(z.object({ itemId: z.string(), levelId: z.string(), cycle: z.number() }))),
  })
  .loose();
export type Problem = z.infer<typeof problemSchema>;
