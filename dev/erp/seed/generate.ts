/**
 * The demo ERP's books: customers, agents, invoices and credit notes with their installments, built
 * around one day so that on that day every level of the default setup has work. Deterministic: the same
 * options always give the same data (own PRNG, no clock), and fast enough for 100 000 items.
 *
 * Shape (proportions are targets; small books wobble):
 * - Customers: ~95% Italian companies (Srl, S.p.A., Snc, Sas, ditte individuali) with a valid partita IVA
 *   and usually a PEC (`@pec.it`, `@legalmail.it`) kept apart from the reminder addresses; ~5% foreign
 *   (GB, IE, DE, FR, US: US ones invoiced in USD). Reminder addresses use the reserved `.example` domain
 *   so nothing can reach a real mailbox. ~17% have two addresses, ~3% none, ~3% only an invalid one,
 *   ~2% an invalid one beside a valid one, ~3% the same address twice in different case; ~2% are
 *   blocked; languages `it` (absent for a few), `en`, and `de`/`fr` for a handful (default-language
 *   fallback).
 * - Agents: one per ~40 customers (at least 3), one or two without an address; every customer has one;
 *   ~5% of documents name another agent on their items.
 * - Documents: invoices of 1–4 lines (VAT 22%, 10%, 4%; 0% "non imponibile" for foreign customers) in
 *   1–3 installments (RiBa, SDD, bonifico, rimessa diretta, following each customer's terms); ~4% credit
 *   notes (one installment, negative amount and residual, lines printed positive); ~2% small invoices
 *   re-charging the bank fees of an unpaid RiBa (they end up below the minimum amount); ~2% disputed.
 * - Items: exactly `options.items` with a residual ≠ 0 (credit notes included). Installments already
 *   paid before an open one of the same invoice are included with residual 0, so every document's
 *   schedule is complete; invoices paid in full are not generated. About one invoice in ten with an
 *   overdue installment is partly paid (residual < amount). Open invoice installments by lateness on `today`: ~25% due in more
 *   than 10 days, ~12% within 10 days, ~7% 0–14 days overdue, ~14% 15–29, ~30% 30–120, ~10% older
 *   (RiBa and SDD lean to not yet due: the bank collects them; an overdue one is an insoluto).
 * - Three documents ask for PDFs over 3 MB (`padPdfToBytes`), for Graph upload sessions.
 * - Rules version 2 (docs/rules.md §2), drawn last from a PRNG of their own so the books above stay as they
 *   were: ~15% of sole traders are private persons instead (`consumer: true`, named by the person, no
 *   partita IVA or PEC); ~5% of the invoices overdue or falling due within 10 days are held (every open
 *   installment of the document): promises to pay (`holdReason: promise`, ~55%), agreed pauses (`pause`,
 *   ~35%) or a bare `holdUntil`, some ended before `today`, some running past it; ~2% of customers are
 *   paused as a whole (`holdUntil`), some ended, some running. The three padded invoices and their
 *   customers are never held, so a demo run still attaches them.
 *
 * Optional wire fields that a record lacks are present with the value `undefined`, as the wire types
 * (zod output types) have them; JSON leaves them out.
 */
import {
  addDays,
  fromDayNumber as formatDay,
  isCalendarDate,
  toDayNumber,
  type CalendarDate,
  type DayNumber,
} from '../../../src/domain/calendar';
import { collectAddresses } from '../../../src/domain/email-address';
import type { AgentWire, CustomerWire, OpenItemWire } from '../../../src/erp/wire';
import { makePartitaIva } from './checksums';
import { defaultSetup, DEMO_USERS } from './default-setup';
import { grossOfLines, splitInstallments } from './invoice-math';
import {
  CITIES,
  CREDIT_NOTE_REASONS,
  FANCY_NAMES,
  FIRST_NAMES,
  FOREIGN_COUNTRIES,
  INDUSTRIES,
  NAME_PREFIXES,
  NAME_SUFFIXES,
  PRODUCTS,
  REGIONAL_ADJECTIVES,
  SURNAMES,
  TRADES,
  type ForeignCountry,
} from './italian-data';
import { createRandom, hashString, type Random } from './random';
import type { SeedData, SeedDocument, SeedOptions } from './types';

export const PAYMENT_METHODS = ['riba', 'sdd', 'bonifico', 'rimessa_diretta'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** Sizes asked of the padded PDFs: over Graph's 3 MB inline limit; the last needs three upload chunks. */
export const PADDED_PDF_SIZES = [3_400_000, 4_800_000, 9_600_000] as const;

const PEC_DOMAINS = ['pec.it', 'legalmail.it'] as const;

type Line = SeedDocument['lines'][number];

interface Terms {
  readonly method: PaymentMethod;
  readonly installments: number;
  /** Days from the document date to the first installment; the others follow every 30 days. */
  readonly firstTermDays: number;
}

/** A customer with what the generator needs beyond its wire record. */
interface CustomerProfile {
  readonly wire: CustomerWire;
  readonly foreign?: ForeignCountry;
  readonly currency: 'EUR' | 'USD';
  readonly terms: Terms;
  /** Relative amount of business: a few customers account for much of the books. */
  readonly weight: number;
  /** The owner of a ditta individuale: the person a private customer is, when the seed makes it one. */
  readonly person?: { readonly first: string; readonly surname: string };
}

/** A document before numbering (numbers follow the date order, known only once all are drawn). */
interface DraftDocument {
  readonly sequence: number;
  readonly type: SeedDocument['type'];
  readonly date: CalendarDate;
  /** `date` as a day number, for sorting. */
  readonly day: DayNumber;
  readonly customer: CustomerProfile;
  readonly lines: Line[];
  readonly total: number;
  readonly installments: readonly DraftInstallment[];
  readonly agentId?: string;
  readonly disputed: boolean;
}

interface DraftInstallment {
  readonly dueDate: CalendarDate;
  readonly amount: number;
  readonly residual: number;
  readonly paymentMethod?: PaymentMethod;
}

/**
 * Generates the demo books for `options` (see the module comment for their shape). Throws a RangeError
 * for a negative or fractional count, a seed that is not an integer, an invalid `today`, or items
 * asked of no customers.
 */
export function generateSeed(options: SeedOptions): SeedData {
  const { seed, customers: customerCount, items: itemCount, today } = options;
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  if (!Number.isSafeInteger(customerCount) || customerCount < 0)
    throw new RangeError(`customers must be an integer ≥ 0, got ${customerCount}`);
  if (!Number.isSafeInteger(itemCount) || itemCount < 0)
    throw new RangeError(`items must be an integer ≥ 0, got ${itemCount}`);
  if (itemCount > 0 && customerCount === 0) throw new RangeError('items need at least one customer');
  if (!isCalendarDate(today))
    throw new RangeError(`today must be a date written YYYY-MM-DD, got ${JSON.stringify(today)}`);

  const random = createRandom(seed);
  const agents = makeAgents(random, Math.max(3, Math.round(customerCount / 40)));
  const customers = makeCustomers(random, customerCount, agents);
  const drafts = makeDocuments(random, customers, agents, itemCount, today);
  const { documents, items } = numberDocuments(drafts);
  const padded = choosePaddedDocuments(random, documents, items, customers, today);
  const rulesV2 = addRulesV2(createRandom(hashString(`rules-v2:${seed}`)), customers, items, padded, today);

  return {
    agents,
    customers: rulesV2.customers,
    documents: padded,
    items: rulesV2.items,
    setup: defaultSetup(),
    users: [...DEMO_USERS],
  };
}

// ————————————————————————————————————————————————————————— agents

function makeAgents(random: Random, count: number): AgentWire[] {
  const names = new Set<string>();
  const emails = new Set<string>(DEMO_USERS.map((user) => user.email));
  const agents: AgentWire[] = [];
  // A couple of agents have no e-mail in the ERP: CC then adds nothing for their customers.
  const withoutEmail = new Set<number>();
  while (withoutEmail.size < (count >= 6 ? 2 : 1)) withoutEmail.add(random.int(0, count - 1));
  for (let index = 0; index < count; index++) {
    let first: string;
    let surname: string;
    do {
      first = random.pick(FIRST_NAMES);
      surname = random.pick(SURNAMES);
    } while (names.has(`${first} ${surname}`) && names.size < FIRST_NAMES.length * SURNAMES.length);
    names.add(`${first} ${surname}`);
    const local = slugOf(first);
    const family = slugOf(surname);
    // Employees use the company's domain; independent (plurimandatari) agents their own agency's.
    const base = random.chance(0.6)
      ? `${local}.${family}@solleciti.example`
      : `${local.charAt(0)}.${family}@agenzia${family}.example`;
    // Two Rossi agents, or one called like a demo user, must not share a mailbox.
    let email = base;
    for (let n = 2; emails.has(email); n++) email = base.replace('@', `${n}@`);
    emails.add(email);
    agents.push({
      id: `AG${String(index + 1).padStart(3, '0')}`,
      name: `${first} ${surname}`,
      email: withoutEmail.has(index) ? undefined : email,
    });
  }
  return agents;
}

// ————————————————————————————————————————————————————————— customers

const LEGAL_FORMS = [
  ['srl', 44],
  ['srls', 5],
  ['spa', 8],
  ['snc', 13],
  ['sas', 10],
  ['individuale', 20],
] as const;

interface CompanyName {
  readonly name: string;
  /** The words its mail domain is made of: `Costruzioni Rossi Srl` → `costruzionirossi.example`. */
  readonly domainWords: string;
  /** The owner of a ditta individuale, who may read the mail under their own name. */
  readonly person?: { readonly first: string; readonly surname: string };
}

function italianCompanyName(random: Random): CompanyName {
  const surname = random.pick(SURNAMES);
  const other = random.pick(SURNAMES);
  const first = random.pick(FIRST_NAMES);
  const trade = random.pick(TRADES);
  const fancy = random.chance(0.3)
    ? random.pick(FANCY_NAMES)
    : `${random.pick(NAME_PREFIXES)}${random.pick(NAME_SUFFIXES)}`;
  const name = (text: string, domainWords: string): CompanyName => ({ name: text, domainWords });
  switch (random.weighted(LEGAL_FORMS)) {
    case 'srl':
      return random.pick([
        name(`${trade} ${surname} Srl`, `${trade} ${surname}`),
        name(`${surname} ${trade} S.r.l.`, `${surname} ${trade}`),
        name(`${fancy} Srl`, fancy),
        name(`${surname} & ${other} Srl`, `${surname} ${other}`),
      ]);
    case 'srls':
      return random.pick([
        name(`${fancy} Srls`, fancy),
        name(`${trade} ${surname} S.r.l.s.`, `${trade} ${surname}`),
      ]);
    case 'spa': {
      const industry = random.pick(INDUSTRIES);
      const adjective = random.pick(REGIONAL_ADJECTIVES);
      return random.pick([
        name(`${industry} ${adjective} S.p.A.`, `${industry} ${adjective}`),
        name(`${surname} Group S.p.A.`, `${surname} group`),
        name(`${fancy} S.p.A.`, fancy),
      ]);
    }
    case 'snc':
      return random.pick([
        name(`F.lli ${surname} Snc`, `fratelli ${surname}`),
        name(`${surname} & ${other} Snc`, `${surname} ${other}`),
        name(`${trade} ${surname} di ${surname} ${first} & C. Snc`, `${trade} ${surname}`),
      ]);
    case 'sas':
      return random.pick([
        name(`${surname} ${first} & C. Sas`, `${surname} ${first}`),
        name(`${fancy} di ${surname} ${first} & C. S.a.s.`, fancy),
      ]);
    case 'individuale':
      return {
        ...random.pick([
          name(`${surname} ${first}`, `${surname} ${first}`),
          name(`${trade} ${surname} di ${surname} ${first}`, `${trade} ${surname}`),
          name(`${trade} di ${first} ${surname}`, `${trade} ${surname}`),
        ]),
        person: { first, surname },
      };
  }
}

/** Letters and digits of `text`, lower case, accents dropped: `D'Angelo Forlì` → `dangeloforli`. */
function slugOf(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

function uniqueSlug(words: string, taken: Set<string>): string {
  const base = slugOf(words).slice(0, 40) || 'cliente';
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}${n}`;
  taken.add(slug);
  return slug;
}

/** Reminder addresses as an Italian ERP holds them, warts included. */
function italianEmails(
  random: Random,
  domain: string,
  slug: string,
  person?: { first: string; surname: string },
): string[] {
  const main =
    person !== undefined && random.chance(0.4)
      ? `${slugOf(person.first)}.${slugOf(person.surname)}@${domain}`
      : `${random.weighted([
          ['amministrazione', 6],
          ['contabilita', 3],
          ['info', 1],
          ['fatture', 1],
        ] as const)}@${domain}`;
  const second = main.startsWith('contabilita@') ? `amministrazione@${domain}` : `contabilita@${domain}`;
  const invalid = random.pick([
    'amministrazione@',
    `amministrazione@${slug}`,
    `amministrazione@${domain}; contabilita@${domain}`,
    `amministrazione@${domain}, contabilita@${domain}`,
    `ufficio amministrazione@${domain}`,
    `contabilita.${domain}`,
  ]);
  const roll = random.next();
  if (roll < 0.03) return [];
  if (roll < 0.06) return [invalid];
  if (roll < 0.08) return [invalid, main];
  if (roll < 0.11) return [main, shoutedVariant(main), ...(random.chance(0.5) ? [second] : [])];
  if (roll < 0.28) return [main, second];
  if (roll < 0.29) return [` ${main} `];
  return [main];
}

/** The same address in different case, as two people typed it: `Amministrazione@Rossi.example`. */
function shoutedVariant(address: string): string {
  const [local = '', domain = ''] = address.split('@');
  return `${local.charAt(0).toUpperCase()}${local.slice(1)}@${domain.charAt(0).toUpperCase()}${domain.slice(1)}`;
}

const FOREIGN_MAILBOXES: Record<ForeignCountry['code'], readonly string[]> = {
  GB: ['accounts', 'accounts.payable', 'finance'],
  IE: ['accounts', 'finance'],
  DE: ['buchhaltung', 'rechnungswesen'],
  FR: ['comptabilite', 'factures'],
  US: ['ap', 'accounts.payable', 'billing'],
};

/** Italy (undefined) for ~95% of customers; the US, with its USD invoices, a little more often than the rest. */
const COUNTRY_WEIGHTS: readonly (readonly [ForeignCountry | undefined, number])[] = [
  [undefined, 95],
  ...FOREIGN_COUNTRIES.map(
    (c) => [c, c.code === 'US' ? 1.5 : c.code === 'FR' || c.code === 'IE' ? 0.7 : 1.05] as const,
  ),
];
const CITY_WEIGHTS = CITIES.map((city) => [city, city.weight] as const);

function makeCustomers(random: Random, count: number, agents: readonly AgentWire[]): CustomerProfile[] {
  const width = Math.max(5, String(count).length);
  // Where each customer is, fixed first so that a few USD (US) customers exist in any book of 20 or more.
  const countries: (ForeignCountry | undefined)[] = Array.from({ length: count }, () =>
    random.weighted(COUNTRY_WEIGHTS),
  );
  const us = FOREIGN_COUNTRIES.find((country) => country.code === 'US');
  while (count >= 20 && us !== undefined && countries.filter((country) => country === us).length < 2) {
    countries[random.int(0, count - 1)] = us;
  }
  const agentWeights = agents.map((agent) => [agent.id, 0.5 + random.next()] as const);
  const slugs = new Set<string>();
  const companyNumbers = new Set<number>();
  const customers: CustomerProfile[] = [];
  for (let index = 0; index < count; index++) {
    const id = `C${String(index + 1).padStart(width, '0')}`;
    const foreign = countries[index];
    const agentId = random.weighted(agentWeights);
    const blocked = random.chance(0.02);
    // Pareto-like activity: most customers buy a little, a few buy a lot.
    const weight = random.chance(0.04) ? 8 + random.next() * 8 : 0.2 + 5 * random.next() ** 3;
    if (foreign !== undefined) {
      const words = `${random.pick(foreign.stems)} ${random.pick(foreign.sectors)}`;
      const name = `${words} ${random.pick(foreign.forms)}`;
      const slug = uniqueSlug(words, slugs);
      const domain = `${slug}.example`;
      const mailboxes = FOREIGN_MAILBOXES[foreign.code];
      const emails = random.chance(0.2)
        ? [`${mailboxes[0]}@${domain}`, `${mailboxes[1]}@${domain}`]
        : [`${random.pick(mailboxes)}@${domain}`];
      const taxId = Array.from({ length: foreign.taxIdDigits }, () => random.int(0, 9)).join('');
      customers.push({
        wire: {
          id,
          name,
          vatNumber: `${foreign.code}${taxId}`,
          emails,
          pec: undefined,
          language: foreign.language,
          agentId,
          blocked,
          holdUntil: undefined,
          consumer: undefined,
        },
        foreign,
        currency: foreign.currency,
        terms: { method: 'bonifico', installments: 1, firstTermDays: random.pick([30, 60]) },
        weight,
      });
      continue;
    }
    const { name, domainWords, person } = italianCompanyName(random);
    const slug = uniqueSlug(domainWords, slugs);
    const domain = `${slug}.example`;
    const city = random.weighted(CITY_WEIGHTS);
    let companyNumber: number;
    do companyNumber = random.int(100_000, 9_999_999);
    while (companyNumbers.has(companyNumber));
    companyNumbers.add(companyNumber);
    const language = random.weighted([
      ['it', 96],
      [undefined, 2.5],
      ['en', 1.5],
    ] as const);
    const pec = random.chance(0.8) ? `${slug}@${random.pick(PEC_DOMAINS)}` : undefined;
    customers.push({
      wire: {
        id,
        name,
        vatNumber: `IT${makePartitaIva(companyNumber, city.code)}`,
        emails: italianEmails(random, domain, slug, person),
        pec,
        language,
        agentId,
        blocked,
        holdUntil: undefined,
        consumer: undefined,
      },
      currency: 'EUR',
      terms: italianTerms(random),
      weight,
      ...(person !== undefined ? { person } : {}),
    });
  }
  return customers;
}

/** A customer's agreed terms: RiBa 30/60/90 days, bonifico 30 or 60 days, SDD monthly, rimessa diretta. */
function italianTerms(random: Random): Terms {
  const method = random.weighted([
    ['riba', 35],
    ['bonifico', 33],
    ['rimessa_diretta', 17],
    ['sdd', 15],
  ] as const);
  switch (method) {
    case 'riba': {
      // 30/60/90 and 60/90/120 are common; 90/120/150 is not.
      const installments = random.weighted([
        [1, 40],
        [2, 35],
        [3, 25],
      ] as const);
      return {
        method,
        installments,
        firstTermDays:
          installments === 3
            ? random.pick([30, 30, 60])
            : random.weighted([
                [30, 40],
                [60, 40],
                [90, 20],
              ] as const),
      };
    }
    case 'bonifico':
      return {
        method,
        installments: random.weighted([
          [1, 75],
          [2, 15],
          [3, 10],
        ] as const),
        firstTermDays: random.weighted([
          [30, 50],
          [60, 35],
          [90, 15],
        ] as const),
      };
    case 'sdd':
      return { method, installments: 1, firstTermDays: random.pick([30, 30, 60]) };
    case 'rimessa_diretta':
      return { method, installments: 1, firstTermDays: random.pick([0, 30]) };
  }
}

// ————————————————————————————————————————————————————————— documents

// Tables drawn from once a document live here, not in the loop: 100 000 items must not allocate them each time.

/** Days overdue of a first installment on `today` (negative: not yet due): ranges and weights. */
const OVERDUE_BUCKETS: readonly (readonly [readonly [number, number], number])[] = [
  [[-90, -11], 5],
  [[-10, -1], 10],
  [[0, 14], 10],
  [[15, 29], 22],
  [[30, 120], 40],
  [[121, 400], 10],
];
const LINE_COUNTS = [
  [1, 35],
  [2, 30],
  [3, 20],
  [4, 15],
] as const;
const RIBA_NOT_YET_DUE = 0.4;
const DOCUMENT_KINDS = [
  ['invoice', 94],
  ['credit_note', 4],
  ['unpaid_fees', 2],
] as const;

function drawOverdueDays(random: Random): number {
  const [min, max] = random.weighted(OVERDUE_BUCKETS);
  return random.int(min, max);
}

/** A price in cents: round euros half the time, else ,50 ,90 or any cents. */
function euros(random: Random, min: number, max: number): number {
  const roll = random.next();
  const cents = roll < 0.5 ? 0 : roll < 0.65 ? 50 : roll < 0.8 ? 90 : random.int(1, 99);
  return random.int(min, max) * 100 + cents;
}

function invoiceLines(random: Random, foreign: ForeignCountry | undefined): Line[] {
  const count = random.weighted(LINE_COUNTS);
  const lines: Line[] = [];
  for (let i = 0; i < count; i++) {
    const product = random.pick(PRODUCTS);
    const [minQuantity, maxQuantity] = product.quantity;
    let quantity = random.int(minQuantity, maxQuantity);
    if (product.hours === true && random.chance(0.3)) quantity += 0.5;
    // Hourly rates are whole euros, so half hours stay whole cents.
    const unitPrice =
      product.hours === true
        ? random.int(product.minPrice, product.maxPrice) * 100
        : euros(random, product.minPrice, product.maxPrice);
    // Sales to foreign businesses carry no Italian VAT (non imponibile art. 8 / art. 41).
    lines.push({
      description: product.description,
      quantity,
      unitPrice,
      vatRate: foreign === undefined ? product.vatRate : 0,
    });
  }
  return lines;
}

function makeDocuments(
  random: Random,
  customers: readonly CustomerProfile[],
  agents: readonly AgentWire[],
  target: number,
  today: CalendarDate,
): DraftDocument[] {
  // Every date falls in a span of a few hundred days: format each once.
  const dates = new Map<DayNumber, CalendarDate>();
  const fromDayNumber = (day: DayNumber): CalendarDate => {
    let date = dates.get(day);
    if (date === undefined) {
      date = formatDay(day);
      dates.set(day, date);
    }
    return date;
  };
  const drafts: DraftDocument[] = [];
  if (target === 0) return drafts;
  const cumulative = new Float64Array(customers.length);
  let sum = 0;
  customers.forEach((customer, index) => {
    sum += customer.weight;
    cumulative[index] = sum;
  });
  const pickCustomer = (): CustomerProfile => {
    const roll = random.next() * sum;
    let low = 0;
    let high = customers.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((cumulative[mid] as number) > roll) high = mid;
      else low = mid + 1;
    }
    return customers[low] as CustomerProfile;
  };
  const todayNumber = toDayNumber(today);

  let open = 0;
  while (open < target) {
    const customer = pickCustomer();
    const sequence = drafts.length;
    const otherAgent = random.chance(0.05)
      ? random.pick(agents.filter((agent) => agent.id !== customer.wire.agentId)).id
      : undefined;
    const kind = random.weighted(DOCUMENT_KINDS);

    if (kind === 'credit_note') {
      const day = todayNumber - random.int(0, 150);
      const date = fromDayNumber(day);
      const lines: Line[] = [
        {
          description: random.pick(CREDIT_NOTE_REASONS),
          quantity: 1,
          unitPrice: euros(random, 20, 1500),
          vatRate: customer.foreign === undefined ? 22 : 0,
        },
      ];
      const total = -grossOfLines(lines);
      drafts.push({
        sequence,
        type: 'credit_note',
        date,
        day,
        customer,
        lines,
        total,
        installments: [{ dueDate: date, amount: total, residual: total }],
        disputed: false,
        ...(otherAgent !== undefined ? { agentId: otherAgent } : {}),
      });
      open += 1;
      continue;
    }

    if (kind === 'unpaid_fees') {
      // An unpaid RiBa costs the creditor bank fees, invoiced back to the customer: a few euros, due at once.
      const day = todayNumber - random.int(0, 200);
      const date = fromDayNumber(day);
      const lines: Line[] = [
        {
          description: 'Addebito spese bancarie per RiBa insoluta',
          quantity: 1,
          unitPrice: random.int(350, 750),
          vatRate: customer.foreign === undefined ? 22 : 0,
        },
      ];
      const total = grossOfLines(lines);
      drafts.push({
        sequence,
        type: 'invoice',
        date,
        day,
        customer,
        lines,
        total,
        installments: [{ dueDate: date, amount: total, residual: total, paymentMethod: 'rimessa_diretta' }],
        disputed: random.chance(0.02),
      });
      open += 1;
      continue;
    }

    const terms: Terms = random.chance(0.9)
      ? customer.terms
      : {
          ...customer.terms,
          installments:
            customer.terms.method === 'riba' || customer.terms.method === 'bonifico' ? random.int(1, 3) : 1,
        };
    const bankCollected = terms.method === 'riba' || terms.method === 'sdd';
    // The drawn lateness is one installment's, any of them: anchoring the first would push the others,
    // 30 and 60 days later, mostly into the future.
    const anchor = random.int(0, terms.installments - 1);
    let overdue = drawOverdueDays(random);
    // The bank collects RiBa and SDD on the due date: many open ones are not yet due; an overdue one is an insoluto.
    if (bankCollected && overdue > 0 && random.chance(RIBA_NOT_YET_DUE)) overdue = -random.int(1, 60);
    // Lateness of the first installment; the document is dated its terms before it, and never after today.
    let firstOverdue = overdue + 30 * anchor;
    let age = firstOverdue + terms.firstTermDays;
    if (age < 0) {
      age = random.int(0, 20);
      firstOverdue = age - terms.firstTermDays;
    }
    const day = todayNumber - age;
    const date = fromDayNumber(day);
    const dueDays = Array.from({ length: terms.installments }, (_, k) => todayNumber - firstOverdue + 30 * k);

    // Installments paid before the first open one (always leaving one open), more often when the bank collects.
    let paid = 0;
    while (
      paid < terms.installments - 1 &&
      (dueDays[paid] as number) < todayNumber - 3 &&
      random.chance(bankCollected ? 0.7 : 0.35)
    )
      paid++;
    const installments = Math.min(terms.installments, paid + (target - open));
    const lines = invoiceLines(random, customer.foreign);
    const total = grossOfLines(lines);
    const amounts = splitInstallments(total, installments);
    let partlyPaid = (dueDays[paid] as number) <= todayNumber && random.chance(0.1);
    const drafted: DraftInstallment[] = amounts.map((amount, k) => {
      let residual = k < paid ? 0 : amount;
      if (k === paid && partlyPaid && amount > 2000) {
        // A short payment (bank charges withheld) leaves a few euros; otherwise a real instalment of a debt.
        residual = random.chance(0.2)
          ? random.int(100, 950)
          : Math.max(100, Math.round((amount * random.int(20, 80)) / 10_000) * 100);
        partlyPaid = false;
      }
      return { dueDate: fromDayNumber(dueDays[k] as number), amount, residual, paymentMethod: terms.method };
    });
    drafts.push({
      sequence,
      type: 'invoice',
      date,
      day,
      customer,
      lines,
      total,
      installments: drafted,
      disputed: random.chance(0.02),
      ...(otherAgent !== undefined ? { agentId: otherAgent } : {}),
    });
    open += installments - paid;
  }
  return drafts;
}

/** Documents numbered per series and year in date order (`FT 2026/000123`, `NC 2026/000007`), items after them. */
function numberDocuments(drafts: DraftDocument[]): { documents: SeedDocument[]; items: OpenItemWire[] } {
  drafts.sort((a, b) => a.day - b.day || a.sequence - b.sequence);
  let itemTotal = 0;
  for (const draft of drafts) itemTotal += draft.installments.length;
  const documentWidth = Math.max(6, String(drafts.length).length);
  const itemWidth = Math.max(7, String(itemTotal).length);
  const counters = new Map<string, number>();
  const documents: SeedDocument[] = [];
  const items: OpenItemWire[] = [];
  drafts.forEach((draft, index) => {
    const series = `${draft.type === 'invoice' ? 'FT' : 'NC'} ${draft.date.slice(0, 4)}`;
    const next = (counters.get(series) ?? 0) + 1;
    counters.set(series, next);
    const id = `D${`${index + 1}`.padStart(documentWidth, '0')}`;
    const number = `${series}/${`${next}`.padStart(6, '0')}`;
    documents.push({
      id,
      number,
      type: draft.type,
      date: draft.date,
      customerId: draft.customer.wire.id,
      currency: draft.customer.currency,
      lines: draft.lines,
      total: draft.total,
    });
    draft.installments.forEach((installment, k) => {
      items.push({
        id: `I${`${items.length + 1}`.padStart(itemWidth, '0')}`,
        customerId: draft.customer.wire.id,
        documentId: id,
        documentNumber: number,
        documentType: draft.type,
        documentDate: draft.date,
        dueDate: installment.dueDate,
        installment: k + 1,
        amount: installment.amount,
        residual: installment.residual,
        currency: draft.customer.currency,
        paymentMethod: installment.paymentMethod,
        agentId: draft.agentId,
        disputed: draft.disputed,
        holdUntil: undefined,
        holdReason: undefined,
      });
    });
  });
  return { documents, items };
}

/**
 * Marks a few invoices for big PDFs: ones the default setup reminds on `today` (eligible customer, not
 * disputed, an installment at least 15 days overdue), of different customers, so a demo run attaches them.
 */
function choosePaddedDocuments(
  random: Random,
  documents: SeedDocument[],
  items: readonly OpenItemWire[],
  customers: readonly CustomerProfile[],
  today: CalendarDate,
): SeedDocument[] {
  const eligible = new Set(
    customers
      .filter((c) => !c.wire.blocked && collectAddresses(c.wire.emails).length > 0)
      .map((c) => c.wire.id),
  );
  const overdueSince = addDays(today, -15);
  // Installments, not documents: an invoice with two overdue installments is simply twice as likely.
  const candidates = items.filter(
    (item) =>
      item.dueDate <= overdueSince &&
      item.residual > 0 &&
      item.documentType === 'invoice' &&
      !item.disputed &&
      item.currency === 'EUR' &&
      eligible.has(item.customerId),
  );
  const chosen = new Map<string, number>();
  const customersTaken = new Set<string>();
  for (const size of PADDED_PDF_SIZES) {
    for (let attempt = 0; attempt < 50 && candidates.length > 0; attempt++) {
      const { documentId, customerId } = random.pick(candidates);
      if (chosen.has(documentId) || customersTaken.has(customerId)) continue;
      chosen.set(documentId, size);
      customersTaken.add(customerId);
      break;
    }
  }
  return documents.map((document) => {
    const size = chosen.get(document.id);
    return size === undefined ? document : { ...document, padPdfToBytes: size };
  });
}

// ————————————————————————————————————————————————————————— rules version 2: consumers and holds

const HOLD_KINDS = [
  ['promise', 55],
  ['pause', 35],
  [undefined, 10],
] as const;

/**
 * Private persons, held items and paused customers (see the module comment), drawn with their own `random`
 * so that every other record stays as the rest of the generator made it.
 */
function addRulesV2(
  random: Random,
  customers: readonly CustomerProfile[],
  items: readonly OpenItemWire[],
  documents: readonly SeedDocument[],
  today: CalendarDate,
): { customers: CustomerWire[]; items: OpenItemWire[] } {
  const padded = new Set(documents.filter((d) => d.padPdfToBytes !== undefined).map((d) => d.id));
  const paddedCustomers = new Set(
    documents.filter((d) => d.padPdfToBytes !== undefined).map((d) => d.customerId),
  );

  const outCustomers = customers.map(({ wire, person, foreign }): CustomerWire => {
    if (foreign === undefined && person !== undefined && random.chance(0.15)) {
      return {
        ...wire,
        name: `${person.surname} ${person.first}`,
        vatNumber: undefined,
        pec: undefined,
        consumer: true,
      };
    }
    if (!wire.blocked && !paddedCustomers.has(wire.id) && random.chance(0.02)) {
      return { ...wire, holdUntil: addDays(today, random.int(-20, 45)) };
    }
    return wire;
  });

  // One draw per document that could be reminded soon: overdue, or falling due within 10 days.
  const soon = addDays(today, 10);
  const drawn = new Set<string>();
  const holds = new Map<string, { holdUntil: CalendarDate; holdReason: OpenItemWire['holdReason'] }>();
  for (const item of items) {
    if (drawn.has(item.documentId) || padded.has(item.documentId)) continue;
    if (item.documentType !== 'invoice' || item.residual <= 0 || item.disputed || item.dueDate > soon)
      continue;
    drawn.add(item.documentId);
    if (!random.chance(0.05)) continue;
    const holdReason = random.weighted(HOLD_KINDS);
    const span =
      holdReason === 'promise'
        ? random.int(-20, 25)
        : holdReason === 'pause'
          ? random.int(-30, 60)
          : random.int(-10, 30);
    holds.set(item.documentId, { holdUntil: addDays(today, span), holdReason });
  }
  const outItems = items.map((item): OpenItemWire => {
    const hold = holds.get(item.documentId);
    if (hold === undefined || item.residual <= 0) return item;
    return { ...item, holdUntil: hold.holdUntil, holdReason: hold.holdReason };
  });
  return { customers: outCustomers, items: outItems };
}
