import { addDays, daysBetween } from '../../src/domain/calendar';
import { collectAddresses, isValidEmailAddress } from '../../src/domain/email-address';
import { validateSetup } from '../../src/domain/setup';
import {
  agentSchema,
  customerSchema,
  openItemSchema,
  reminderSetupSchema,
  type OpenItemWire,
} from '../../src/erp/wire';
import { isValidIban, isValidPartitaIva } from '../../dev/erp/seed/checksums';
import { COMPANY } from '../../dev/erp/seed/company';
import { generateSeed, PADDED_PDF_SIZES, PAYMENT_METHODS } from '../../dev/erp/seed/generate';
import { grossOfLines } from '../../dev/erp/seed/invoice-math';
import type { SeedOptions } from '../../dev/erp/seed/types';

const TODAY = '2026-03-15';
const OPTIONS: SeedOptions = { seed: 42, customers: 300, items: 3000, today: TODAY };
const data = generateSeed(OPTIONS);

const open = data.items.filter((item) => item.residual !== 0);
const openInvoices = open.filter((item) => item.documentType === 'invoice');
const share = (part: number, whole: number): number => part / whole;
const groupBy = <T>(values: readonly T[], key: (value: T) => string): Map<string, T[]> => {
  const groups = new Map<string, T[]>();
  for (const value of values) {
    const list = groups.get(key(value));
    if (list === undefined) groups.set(key(value), [value]);
    else list.push(value);
  }
  return groups;
};
const itemsByDocument = groupBy(data.items, (item) => item.documentId);

describe('generateSeed: determinism and counts', () => {
  it('gives the same data, byte for byte, for the same options', () => {
    expect(JSON.stringify(generateSeed(OPTIONS))).toBe(JSON.stringify(data));
  });

  it('gives different data for a different seed', () => {
    const other = generateSeed({ ...OPTIONS, seed: 43 });
    expect(other.customers.map((c) => c.name)).not.toEqual(data.customers.map((c) => c.name));
    expect(other.items.map((i) => i.dueDate)).not.toEqual(data.items.map((i) => i.dueDate));
  });

  it('makes exactly the customers and open items asked for, and one agent per ~40 customers', () => {
    expect(data.customers).toHaveLength(300);
    expect(open).toHaveLength(3000);
    expect(data.agents).toHaveLength(8);
  });

  it('makes at least 3 agents, and books of any size down to nothing', () => {
    const tiny = generateSeed({ seed: 1, customers: 4, items: 7, today: TODAY });
    expect(tiny.agents).toHaveLength(3);
    expect(tiny.customers).toHaveLength(4);
    expect(tiny.items.filter((item) => item.residual !== 0)).toHaveLength(7);
    const one = generateSeed({ seed: 1, customers: 1, items: 1, today: TODAY });
    expect(one.items.filter((item) => item.residual !== 0)).toHaveLength(1);
    const empty = generateSeed({ seed: 1, customers: 0, items: 0, today: TODAY });
    expect(empty.customers).toEqual([]);
    expect(empty.items).toEqual([]);
    expect(empty.documents).toEqual([]);
  });

  it('refuses impossible options', () => {
    expect(() => generateSeed({ ...OPTIONS, customers: -1 })).toThrow(RangeError);
    expect(() => generateSeed({ ...OPTIONS, items: 1.5 })).toThrow(RangeError);
    expect(() => generateSeed({ ...OPTIONS, seed: Number.NaN })).toThrow(RangeError);
    expect(() => generateSeed({ ...OPTIONS, today: '2026-02-30' })).toThrow(RangeError);
    expect(() => generateSeed({ ...OPTIONS, customers: 0, items: 5 })).toThrow(RangeError);
  });

  it('gives every record a unique id', () => {
    for (const records of [data.agents, data.customers, data.documents, data.items] as const) {
      const ids = (records as readonly { id: string }[]).map((record) => record.id);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });
});

describe('generateSeed: every record keeps the ERP contract', () => {
  it('passes the wire schemas unchanged', () => {
    for (const agent of data.agents) expect(agentSchema.parse(agent)).toEqual(agent);
    for (const customer of data.customers) expect(customerSchema.parse(customer)).toEqual(customer);
    for (const item of data.items) expect(openItemSchema.parse(item)).toEqual(item);
    expect(reminderSetupSchema.parse(data.setup)).toEqual(data.setup);
  });

  it('links items to their customers, documents and agents', () => {
    const customers = new Map(data.customers.map((c) => [c.id, c]));
    const agents = new Set(data.agents.map((a) => a.id));
    const documents = new Map(data.documents.map((d) => [d.id, d]));
    for (const customer of data.customers) expect(agents.has(customer.agentId ?? '')).toBe(true);
    for (const document of data.documents) expect(customers.has(document.customerId)).toBe(true);
    for (const item of data.items) {
      const document = documents.get(item.documentId);
      expect(document).toBeDefined();
      expect(item).toMatchObject({
        customerId: document?.customerId,
        documentNumber: document?.number,
        documentType: document?.type,
        documentDate: document?.date,
        currency: document?.currency,
      });
      if (item.agentId !== undefined) {
        expect(agents.has(item.agentId ?? '')).toBe(true);
        expect(item.agentId).not.toBe(customers.get(item.customerId)?.agentId);
      }
    }
  });
});

describe('generateSeed: customers', () => {
  const italian = data.customers.filter((c) => c.vatNumber?.startsWith('IT'));

  it('are mostly Italian companies with a valid partita IVA and a legal form', () => {
    expect(share(italian.length, data.customers.length)).toBeGreaterThan(0.9);
    for (const customer of italian) expect(isValidPartitaIva(customer.vatNumber ?? '')).toBe(true);
    expect(isValidPartitaIva(COMPANY.vatNumber)).toBe(true);
    const names = italian.map((c) => c.name).join('\n');
    for (const form of [
      / Srl$/m,
      / S\.p\.A\.$/m,
      / Snc$/m,
      / (Sas|S\.a\.s\.)$/m,
      / di [A-Z][a-z]+ [A-Z][a-z]+$/m,
    ])
      expect(names).toMatch(form);
  });

  it('keep PEC apart from the reminder addresses, on the PEC providers’ domains', () => {
    const withPec = data.customers.filter((c) => c.pec !== undefined);
    expect(share(withPec.length, data.customers.length)).toBeGreaterThan(0.5);
    for (const customer of withPec) {
      expect(customer.pec).toMatch(/@(pec\.it|legalmail\.it)$/);
      expect(customer.emails.map((e) => e.trim().toLowerCase())).not.toContain(customer.pec?.toLowerCase());
      for (const email of customer.emails) expect(email).not.toMatch(/@(pec\.it|legalmail\.it)\b/);
    }
  });

  it('have ordinary reminder addresses, with the warts real ERPs hold', () => {
    const valid = data.customers.map((c) => collectAddresses(c.emails));
    expect(data.customers.some((c) => c.emails.some((e) => /^amministrazione@/.test(e)))).toBe(true);
    expect(data.customers.some((c) => c.emails.some((e) => /^contabilita@/.test(e)))).toBe(true);
    expect(valid.filter((addresses) => addresses.length >= 2).length).toBeGreaterThan(20);
    expect(data.customers.filter((c) => c.emails.length === 0).length).toBeGreaterThan(0);
    const onlyInvalid = data.customers.filter((c, i) => c.emails.length > 0 && valid[i]?.length === 0);
    expect(onlyInvalid.length).toBeGreaterThan(0);
    expect(
      data.customers.some(
        (c) => c.emails.includes('amministrazione@') || c.emails.some((e) => e.includes(';')),
      ),
    ).toBe(true);
    const sameInOtherCase = data.customers.filter(
      (c) => new Set(c.emails.map((e) => e.toLowerCase())).size < c.emails.length,
    );
    expect(sameInOtherCase.length).toBeGreaterThan(0);
  });

  it('send nothing to real mailboxes: every usable reminder and agent address is on a reserved .example domain', () => {
    const addresses = [
      ...data.customers.flatMap((c) => collectAddresses(c.emails)),
      ...collectAddresses(data.agents.map((a) => a.email ?? undefined)),
    ];
    for (const address of addresses) expect(address.toLowerCase()).toMatch(/\.example$/);
  });

  it('speak mostly Italian, some English; about 2% are blocked', () => {
    const languages = groupBy(data.customers, (c) => c.language ?? '(none)');
    expect(share(languages.get('it')?.length ?? 0, data.customers.length)).toBeGreaterThan(0.85);
    expect(languages.get('en')?.length).toBeGreaterThan(0);
    const blocked = data.customers.filter((c) => c.blocked).length;
    expect(blocked).toBeGreaterThan(0);
    expect(share(blocked, data.customers.length)).toBeLessThan(0.06);
  });
});

describe('generateSeed: agents', () => {
  it('have addresses but for one or two, and ~5% of documents name another agent than the customer’s', () => {
    const withoutEmail = data.agents.filter((a) => a.email === undefined);
    expect(withoutEmail.length).toBeGreaterThanOrEqual(1);
    expect(withoutEmail.length).toBeLessThanOrEqual(2);
    for (const agent of data.agents)
      if (agent.email !== undefined && agent.email !== null)
        expect(isValidEmailAddress(agent.email)).toBe(true);
    const documentsWithAgent = new Set(
      data.items.filter((i) => i.agentId !== undefined).map((i) => i.documentId),
    );
    expect(share(documentsWithAgent.size, data.documents.length)).toBeGreaterThan(0.02);
    expect(share(documentsWithAgent.size, data.documents.length)).toBeLessThan(0.1);
  });
});

describe('generateSeed: documents and items', () => {
  it('number documents per series and year, in date order', () => {
    const bySeries = groupBy(data.documents, (d) => d.number.slice(0, 7));
    for (const documents of bySeries.values()) {
      documents.forEach((document, index) => {
        expect(document.number).toMatch(/^(FT|NC) \d{4}\/\d{6}$/);
        expect(document.number.slice(3, 7)).toBe(document.date.slice(0, 4));
        expect(Number(document.number.slice(8))).toBe(index + 1);
        if (index > 0) expect(document.date >= (documents[index - 1]?.date ?? '')).toBe(true);
      });
    }
  });

  it('split invoices into 1–3 installments that share the document and add up to its total', () => {
    for (const document of data.documents) {
      const items = itemsByDocument.get(document.id) ?? [];
      expect(items.map((i) => i.installment)).toEqual(items.map((_, index) => index + 1));
      expect(items.length).toBeGreaterThanOrEqual(1);
      expect(items.length).toBeLessThanOrEqual(3);
      expect(items.reduce((sum, i) => sum + i.amount, 0)).toBe(document.total);
      expect(document.total).toBe((document.type === 'credit_note' ? -1 : 1) * grossOfLines(document.lines));
      expect(items.some((i) => i.residual !== 0)).toBe(true);
      for (const item of items) {
        expect(item.documentDate <= TODAY).toBe(true);
        expect(item.dueDate >= item.documentDate).toBe(true);
      }
    }
    const counts = new Set([...itemsByDocument.values()].map((items) => items.length));
    expect([...counts].sort()).toEqual([1, 2, 3]);
  });

  it('price lines in cents with 22%, 10% and 4% VAT (0% for foreign customers)', () => {
    const rates = new Set(data.documents.flatMap((d) => d.lines.map((l) => l.vatRate)));
    expect([...rates].sort((a, b) => a - b)).toEqual([0, 4, 10, 22]);
    for (const document of data.documents) {
      for (const line of document.lines) {
        expect(Number.isInteger(line.unitPrice)).toBe(true);
        expect(line.unitPrice).toBeGreaterThan(0);
        expect(Number.isInteger(line.quantity * line.unitPrice)).toBe(true);
      }
    }
  });

  it('use the four payment methods', () => {
    expect(new Set(data.items.map((i) => i.paymentMethod).filter((m) => m !== undefined))).toEqual(
      new Set(PAYMENT_METHODS),
    );
  });

  it('have credit notes with a negative amount and residual', () => {
    const credits = data.items.filter((i) => i.documentType === 'credit_note');
    expect(credits.length).toBeGreaterThan(0);
    for (const item of credits) {
      expect(item.amount).toBeLessThan(0);
      expect(item.residual).toBe(item.amount);
    }
  });

  it('have partly paid items, paid installments beside open ones, and residuals never above the amount', () => {
    const invoices = data.items.filter((i) => i.documentType === 'invoice');
    for (const item of invoices) {
      expect(item.residual).toBeGreaterThanOrEqual(0);
      expect(item.residual).toBeLessThanOrEqual(item.amount);
    }
    expect(invoices.filter((i) => i.residual > 0 && i.residual < i.amount).length).toBeGreaterThan(30);
    const paid = invoices.filter((i) => i.residual === 0);
    expect(paid.length).toBeGreaterThan(0);
    for (const item of paid) expect(item.dueDate <= TODAY).toBe(true);
  });

  it('have ~2% disputed items and a few in USD', () => {
    const disputed = open.filter((i) => i.disputed).length;
    expect(share(disputed, open.length)).toBeGreaterThan(0.005);
    expect(share(disputed, open.length)).toBeLessThan(0.05);
    const usd = open.filter((i) => i.currency === 'USD');
    expect(usd.length).toBeGreaterThan(0);
    expect(share(usd.length, open.length)).toBeLessThan(0.05);
    expect(new Set(data.items.map((i) => i.currency))).toEqual(new Set(['EUR', 'USD']));
  });

  it('spread due dates so that every level of the default setup has work today', () => {
    const overdue = (item: OpenItemWire): number => daysBetween(item.dueDate, TODAY);
    const inRange = (min: number, max: number): number =>
      share(openInvoices.filter((i) => overdue(i) >= min && overdue(i) <= max).length, openInvoices.length);
    expect(inRange(-10, -1)).toBeGreaterThan(0.05); //     promemoria, ahead of the due date
    expect(inRange(15, 29)).toBeGreaterThan(0.08); //      estratto conto
    expect(inRange(30, 120)).toBeGreaterThan(0.2); //      sollecito
    expect(inRange(121, 10_000)).toBeGreaterThan(0.03); // long overdue
    expect(inRange(-10_000, -11)).toBeGreaterThan(0.1); // not yet in range
    expect(inRange(-10_000, -11)).toBeLessThan(0.4);
  });

  it('ask for three PDFs over 3.2 MB, of invoices the default setup reminds today, of different customers', () => {
    const padded = data.documents.filter((d) => d.padPdfToBytes !== undefined);
    expect(padded.map((d) => d.padPdfToBytes ?? 0).sort((a, b) => a - b)).toEqual([...PADDED_PDF_SIZES]);
    expect(new Set(padded.map((d) => d.customerId)).size).toBe(3);
    for (const document of padded) {
      expect(document.padPdfToBytes).toBeGreaterThanOrEqual(3_200_000);
      expect(document.type).toBe('invoice');
      const items = itemsByDocument.get(document.id) ?? [];
      expect(items.some((i) => i.residual > 0 && !i.disputed && i.dueDate <= addDays(TODAY, -15))).toBe(true);
    }
  });
});

describe('generateSeed: rules version 2 (holds and consumers)', () => {
  const held = open.filter((item) => item.holdUntil !== undefined);
  const padded = new Set(data.documents.filter((d) => d.padPdfToBytes !== undefined).map((d) => d.id));
  const paddedCustomers = new Set(
    data.documents.filter((d) => d.padPdfToBytes !== undefined).map((d) => d.customerId),
  );

  it('hold a few invoices overdue or soon due: promises and pauses, some ended, some running today', () => {
    expect(share(held.length, openInvoices.length)).toBeGreaterThan(0.01);
    expect(share(held.length, openInvoices.length)).toBeLessThan(0.08);
    for (const reason of ['promise', 'pause'] as const) {
      const withReason = held.filter((item) => item.holdReason === reason);
      expect(withReason.filter((item) => (item.holdUntil ?? '') < TODAY).length).toBeGreaterThan(0);
      expect(withReason.filter((item) => (item.holdUntil ?? '') > TODAY).length).toBeGreaterThan(0);
    }
    // A hold without a reason holds all the same; the seed has a few.
    expect(held.some((item) => item.holdReason === undefined)).toBe(true);
    for (const item of held) {
      expect(item.documentType).toBe('invoice');
      expect(item.residual).toBeGreaterThan(0);
      expect(
        (itemsByDocument.get(item.documentId) ?? []).some(
          (i) => i.residual > 0 && i.dueDate <= addDays(TODAY, 10),
        ),
      ).toBe(true);
      expect(padded.has(item.documentId)).toBe(false);
    }
    for (const item of data.items) if (item.holdUntil === undefined) expect(item.holdReason).toBeUndefined();
  });

  it('hold every open installment of a held invoice alike', () => {
    for (const item of held) {
      for (const sibling of itemsByDocument.get(item.documentId) ?? []) {
        if (sibling.residual > 0)
          expect([sibling.holdUntil, sibling.holdReason]).toEqual([item.holdUntil, item.holdReason]);
      }
    }
  });

  it('pause a few customers as a whole, some ended, some running; never a blocked one or a padded invoice’s', () => {
    const paused = data.customers.filter((c) => c.holdUntil !== undefined);
    expect(paused.length).toBeGreaterThan(0);
    expect(share(paused.length, data.customers.length)).toBeLessThan(0.05);
    expect(paused.some((c) => (c.holdUntil ?? '') < TODAY)).toBe(true);
    expect(paused.some((c) => (c.holdUntil ?? '') > TODAY)).toBe(true);
    for (const customer of paused) {
      expect(customer.blocked).toBe(false);
      expect(paddedCustomers.has(customer.id)).toBe(false);
    }
  });

  it('make a few customers private persons: named as people, with no partita IVA and no PEC', () => {
    const consumers = data.customers.filter((c) => c.consumer === true);
    expect(consumers.length).toBeGreaterThan(2);
    expect(share(consumers.length, data.customers.length)).toBeLessThan(0.06);
    for (const customer of consumers) {
      expect(customer.vatNumber).toBeUndefined();
      expect(customer.pec).toBeUndefined();
      expect(customer.name).toMatch(/^\p{Lu}[\p{L}' ]+ \p{Lu}\p{Ll}+$/u);
      expect(customer.name).not.toMatch(/ (Srl|S\.r\.l\.|Snc|Sas|S\.p\.A\.)| di /);
    }
    // Every other customer is a business, as before: consumer absent.
    for (const customer of data.customers)
      if (customer.consumer !== true) expect(customer.consumer).toBeUndefined();
  });
});

describe('generateSeed: default setup and users', () => {
  const { setup } = data;

  it('is a setup validateSetup accepts, with the spec’s three levels', () => {
    const result = validateSetup(setup);
    expect(result.ok).toBe(true);
    expect(
      setup.levels.map(({ id, name, kind, days, recurEveryDays }) => ({
        id,
        name,
        kind,
        days,
        recurEveryDays,
      })),
    ).toEqual([
      { id: 'L1', name: 'Promemoria', kind: 'promemoria', days: -10, recurEveryDays: undefined },
      { id: 'L2', name: 'Estratto conto', kind: 'estratto_conto', days: 15, recurEveryDays: undefined },
      { id: 'L3', name: 'Sollecito', kind: 'sollecito', days: 30, recurEveryDays: 30 },
    ]);
  });

  it('has plain Italian and English texts with %Cliente, %Partita, %Importo, and %IBAN in the sollecito', () => {
    for (const level of setup.levels) {
      expect(Object.keys(level.texts).sort()).toEqual(['en', 'it']);
      for (const text of Object.values(level.texts)) {
        expect(text.format).toBe('text');
        expect(text.subject).toContain('%Cliente');
        expect(text.body).toContain('%Partita');
        expect(text.body).toContain('%Importo');
      }
    }
    expect(setup.levels[1]?.texts.it?.body).toContain(
      'Buongiorno,\nvi preghiamo di saldare le partite scadute:\n%Partita\nImporto da saldare: %Importo\n',
    );
    expect(setup.levels[2]?.texts.it?.body).toContain('%IBAN');
    expect(setup.levels[2]?.texts.en?.body).toContain('%IBAN');
  });

  it('sends one communication per level, and charges the legal late-payment interest (ECB + 8 points) and €40', () => {
    expect(setup.onePerCustomer).toBe(false);
    expect(setup.lateInterest).toEqual({
      rates: [
        { from: '2025-01-01', percent: 11.15 },
        { from: '2025-07-01', percent: 10.15 },
        { from: '2026-01-01', percent: 10.15 },
      ],
      flatIndemnity: 4000,
    });
  });

  it('has the demo options, a valid company IBAN, and the demo users', () => {
    expect(setup).toMatchObject({
      groupByCustomer: true,
      ccAgent: true,
      attachInvoicePdfs: true,
      minDaysBetween: 7,
      minimumAmount: 1000,
      autoCollectedPaymentMethods: ['riba', 'sdd'],
      defaultLanguage: 'it',
      timezone: 'Europe/Rome',
      enabledUsers: [
        'marta.rossi@solleciti.example',
        'luca.bianchi@solleciti.example',
        'admin@solleciti.example',
      ],
      administrators: ['admin@solleciti.example'],
    });
    expect(isValidIban(setup.companyIban ?? '')).toBe(true);
    expect(setup.companyIban).toMatch(/^IT\d\d[A-Z]\d{22}$/);
    expect(data.users.map((u) => [u.email, u.role])).toEqual([
      ['marta.rossi@solleciti.example', 'enabled'],
      ['luca.bianchi@solleciti.example', 'enabled'],
      ['admin@solleciti.example', 'administrator'],
      ['viewer@solleciti.example', 'viewer'],
    ]);
  });
});

describe('generateSeed: 100 000 items', () => {
  it('completes (time printed, not asserted)', () => {
    const started = performance.now();
    const big = generateSeed({ seed: 7, customers: 5000, items: 100_000, today: TODAY });
    const elapsed = performance.now() - started;
    console.log(
      `generateSeed: 5 000 customers, ${big.items.length} items (100 000 open), ${big.documents.length} documents in ${elapsed.toFixed(0)} ms`,
    );
    expect(big.items.filter((item) => item.residual !== 0)).toHaveLength(100_000);
    expect(big.customers).toHaveLength(5000);
    expect(big.agents).toHaveLength(125);
  }, 60_000);
});
