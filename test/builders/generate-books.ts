/**
 * Deterministic synthetic receivables for benchmarks and load tests: `generateBooks({ seed, customers,
 * items })` always returns the same books for the same arguments. Shapes follow a small Italian company:
 * a few agents, customers with one or two addresses, invoices split into installments (rate), a mix of
 * bank transfers and bank-collected RiBa/SDD, a ledger of reminders already sent.
 */
import { addDays, type CalendarDate } from '../../src/domain/calendar';
import { cents } from '../../src/domain/money';
import type { Agent, Customer, LedgerEntry, OpenItem } from '../../src/domain/types';

/** mulberry32: a tiny, fast, seedable PRNG (uniform in [0, 1)). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMES = ['Rossi', 'Bianchi', 'Ferrari', 'Esposito', 'Romano', 'Colombo', 'Ricci', 'Marino', 'Greco', 'Bruno', 'Gallo', 'Conti'];
const FORMS = ['Srl', 'S.p.A.', 'Snc', 'Sas', '& Figli Srl'];
const METHODS = ['bonifico', 'bonifico', 'bonifico', 'rimessa_diretta', 'riba', 'riba', 'sdd'];

export interface Books {
  readonly today: CalendarDate;
  readonly customers: Customer[];
  readonly agents: Agent[];
  readonly items: OpenItem[];
  readonly ledger: LedgerEntry[];
}

export interface BooksOptions {
  readonly seed: number;
  readonly customers: number;
  readonly items: number;
  readonly today?: CalendarDate;
}

export function generateBooks({ seed, customers: customerCount, items: itemCount, today = '2026-06-15' }: BooksOptions): Books {
  const random = seededRandom(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;
  const agents: Agent[] = Array.from({ length: Math.max(2, Math.round(customerCount / 400)) }, (_, i) => ({
    id: `A${i + 1}`,
    name: `Agente ${pick(NAMES)} ${i + 1}`,
    ...(random() < 0.95 ? { email: `agente${i + 1}@agenzia.example.it` } : {}),
  }));
  const customers: Customer[] = Array.from({ length: customerCount }, (_, i) => {
    const name = `${pick(NAMES)} ${pick(NAMES)} ${pick(FORMS)}`;
    const domain = `cliente${i + 1}.example.it`;
    const roll = random();
    const emails = roll < 0.03 ? [] : roll < 0.06 ? ['amministrazione@'] : random() < 0.3 ? [`amministrazione@${domain}`, `contabilita@${domain}`] : [`info@${domain}`];
    return {
      id: `C${String(i + 1).padStart(6, '0')}`,
      name,
      emails,
      ...(random() < 0.2 ? { pec: `${i + 1}@pec.example.it` } : {}),
      ...(random() < 0.9 ? { agentId: pick(agents).id } : {}),
      language: random() < 0.85 ? 'it' : 'en',
      blocked: random() < 0.02,
    };
  });
  const items: OpenItem[] = [];
  let document = 0;
  while (items.length < itemCount) {
    document += 1;
    const customer = pick(customers);
    const documentDate = addDays(today, -Math.floor(random() * 240));
    const installments = random() < 0.3 ? 1 + Math.floor(random() * 3) : 1;
    const method = pick(METHODS);
    for (let n = 0; n < installments && items.length < itemCount; n++) {
      const paid = random() < 0.1;
      items.push({
        id: `I${String(items.length + 1).padStart(7, '0')}`,
        customerId: customer.id,
        documentId: `D${document}`,
        documentNumber: `FT ${2026 - (documentDate < '2026-01-01' ? 1 : 0)}/${String(document).padStart(6, '0')}`,
        documentDate,
        dueDate: addDays(documentDate, 30 * (n + 1)),
        residual: cents(paid ? 0 : 1000 + Math.floor(random() * 500_000)),
        currency: random() < 0.97 ? 'EUR' : 'USD',
        disputed: random() < 0.02,
        paymentMethod: method,
        ...(random() < 0.05 ? { agentId: pick(agents).id } : {}),
      });
    }
  }
  const ledger: LedgerEntry[] = [];
  for (const item of items) {
    if (random() < 0.3 && item.dueDate < today) {
      ledger.push({ itemId: item.id, levelId: pick(['L1', 'L2', 'L3']), cycle: 0, sentOn: addDays(today, -Math.floor(random() * 60)), state: 'sent' });
    }
  }
  return { today, customers, agents, items, ledger };
}
