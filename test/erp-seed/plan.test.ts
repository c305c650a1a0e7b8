/**
 * The seed's promise to the demo: planned with the real engine on the day it was built around (and the
 * days near it), the default setup has work at every level, and the skipped list shows several reasons.
 */
import { addDays } from '../../src/domain/calendar';
import { documentsOf, planReminders, type Plan } from '../../src/domain/plan-reminders';
import { validateSetup, type Setup } from '../../src/domain/setup';
import type { Agent, Customer, OpenItem } from '../../src/domain/types';
import { readRecords } from '../../src/erp/records';
import type { AgentWire, CustomerWire, OpenItemWire } from '../../src/erp/wire';
import { generateSeed } from '../../dev/erp/seed/generate';

const TODAY = '2026-03-15';
const data = generateSeed({ seed: 42, customers: 300, items: 3000, today: TODAY });

// Wire → domain through the client's own border adapter, as the pane does.
const toCustomers = (wire: readonly CustomerWire[]): Customer[] => readRecords('customers', wire).records;
const toAgents = (wire: readonly AgentWire[]): Agent[] => readRecords('agents', wire).records;
const toItems = (wire: readonly OpenItemWire[]): OpenItem[] => readRecords('open-items', wire).records;

function setupOf(): Setup {
  const result = validateSetup(data.setup);
  if (!result.ok) throw new Error(result.error.map((problem) => problem.message).join('; '));
  return result.value;
}

const setup = setupOf();
const customers = toCustomers(data.customers);
const agents = toAgents(data.agents);
const items = toItems(data.items);
const planOn = (today: string): Plan => planReminders({ setup, today, customers, agents, items, ledger: [] });

function summary(plan: Plan): {
  levels: Record<string, { communications: number; items: number }>;
  skipped: Record<string, number>;
} {
  const levels: Record<string, { communications: number; items: number }> = {};
  for (const communication of plan.communications) {
    const level = (levels[communication.levelId] ??= { communications: 0, items: 0 });
    level.communications += 1;
    level.items += communication.lines.length;
  }
  const skipped: Record<string, number> = {};
  for (const { reason } of plan.skipped) skipped[reason] = (skipped[reason] ?? 0) + 1;
  return { levels, skipped };
}

describe('the default books planned with the default setup', () => {
  const plan = planOn(TODAY);
  const { levels, skipped } = summary(plan);

  it('give communications at every level on the day they were built around', () => {
    console.log(
      `Plan on ${TODAY} (seed 42, 300 customers, 3 000 items): ${JSON.stringify(levels)}; skipped ${JSON.stringify(skipped)}`,
    );
    for (const levelId of ['L1', 'L2', 'L3']) {
      expect(levels[levelId]?.communications).toBeGreaterThan(20);
      expect(levels[levelId]?.items).toBeGreaterThan(levels[levelId]?.communications ?? 0);
    }
  });

  it('skip items for several reasons', () => {
    expect(Object.keys(skipped).sort()).toEqual(
      expect.arrayContaining(['blocked', 'disputed', 'no_email', 'below_minimum']),
    );
    expect(skipped.unknown_customer).toBeUndefined();
  });

  it('remind nothing a bank collects before it is due, and never a credit note or a paid item', () => {
    for (const communication of plan.communications) {
      for (const { item } of communication.lines) {
        expect(item.residual).toBeGreaterThan(0);
        if (communication.levelId === 'L1') expect(['riba', 'sdd']).not.toContain(item.paymentMethod);
      }
    }
  });

  it('copy agents on most communications but not all (some agents have no address)', () => {
    const withCc = plan.communications.filter((c) => c.cc.length > 0).length;
    expect(withCc).toBeGreaterThan(plan.communications.length / 2);
    expect(withCc).toBeLessThan(plan.communications.length);
  });

  it('include a USD communication and attach the three big PDFs', () => {
    expect(plan.communications.some((c) => c.currency === 'USD')).toBe(true);
    const attached = new Set(plan.communications.flatMap((c) => documentsOf(c).map((d) => d.documentId)));
    const padded = data.documents.filter((d) => d.padPdfToBytes !== undefined);
    for (const document of padded) expect(attached.has(document.id)).toBe(true);
  });

  it('keep every level busy for a couple of weeks either side of that day', () => {
    for (const offset of [-14, -7, 7, 14]) {
      const { levels: around } = summary(planOn(addDays(TODAY, offset)));
      for (const levelId of ['L1', 'L2', 'L3'])
        expect(around[levelId]?.communications ?? 0).toBeGreaterThan(10);
    }
  });
});
