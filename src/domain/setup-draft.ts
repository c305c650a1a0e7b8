/**
 * The reminder setup as an administrator edits it in the settings view, field for field the shape the
 * ERP stores (`src/erp/wire.ts` checks at compile time that its schema yields exactly this): loose about
 * the engine's rules (`validateSetup` in setup.ts checks those), strict about types. Fields the pane does
 * not know are kept (the index signatures) so that saving the setup does not drop them.
 */

/** A level's subject and body in one language. */
export interface LevelTextDraft {
  subject: string;
  body: string;
  format: 'text' | 'html';
}

export interface LevelDraft {
  id: string;
  name: string;
  kind: string;
  days: number;
  recurEveryDays: number | undefined;
  recurMaxCount: number | undefined;
  /** By language code. */
  texts: Record<string, LevelTextDraft>;
  [field: string]: unknown;
}

/** Late-payment interest (percent a year from each date) and the flat indemnity per document, in minor units. */
export interface LateInterestDraft {
  rates: { from: string; percent: number }[];
  flatIndemnity: number;
}

export interface SetupDraft {
  levels: LevelDraft[];
  groupByCustomer: boolean;
  ccAgent: boolean;
  attachInvoicePdfs: boolean;
  minDaysBetween: number | undefined;
  minimumAmount: number | undefined;
  autoCollectedPaymentMethods: string[];
  defaultLanguage: string;
  timezone: string;
  companyIban: string | undefined;
  /** Addresses (primary SMTP or UPN) allowed to claim, draft, send and mark. */
  enabledUsers: string[];
  /** Addresses allowed to write the setup and release others' claims. */
  administrators: string[];
  /** One communication per customer and currency, each item at its own level (needs `groupByCustomer`). */
  onePerCustomer?: boolean | null | undefined;
  lateInterest?: LateInterestDraft | null | undefined;
  [field: string]: unknown;
}
