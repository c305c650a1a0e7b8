/**
 * The day's plan as JSON pieces: what the planning worker posts to the pane and keeps for the next
 * opening. A plan of 2 500 communications made by the real planner (planDay) from built books.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { validateSetup } from '../../src/domain/setup';
import { openDatabase, type SollecitiDatabase } from '../../src/store/db';
import {
  decodePlan,
  encodePlan,
  keepPlan,
  keptPlan,
  PLAN_FORMAT,
  PlanAssembler,
} from '../../src/taskpane/plan-cache';
import { planDay } from '../../src/taskpane/plan-snapshot';
import type { PlanResult } from '../../src/taskpane/planner';
import { aCustomer, anAgent, anItem, aSetup } from '../builders/domain';

const TODAY = '2026-11-28';
const COMMUNICATIONS = 2_500;

function aPlan(): PlanResult {
  const customers = Array.from({ length: COMMUNICATIONS }, (_, i) =>
    aCustomer({ id: `C${i}`, name: `Cliente <b>${i}</b> "Srl"` }),
  );
  const items = customers.map((customer, i) =>
    anItem({ id: `I${i}`, customerId: customer.id, documentNumber: `FT 2026/${i}`, dueDate: '2026-09-01' }),
  );
  const day = planDay({
    setup: aSetup(),
    books: { customers, agents: [anAgent()], items, ledger: [] },
    claims: [],
    today: TODAY,
    mailbox: 'marta.rossi@solleciti.example',
  });
  return { kind: 'planned', snapshot: { ...day.snapshot, planMs: 42 } };
}

const database = (): SollecitiDatabase =>
  openDatabase('marta.rossi@solleciti.example', { indexedDB: new IDBFactory(), IDBKeyRange });

test('a plan crosses as a head and pieces of at most 1 000 rows, and comes back equal', () => {
  const plan = aPlan();
  expect(plan.kind === 'planned' && plan.snapshot.rows.length).toBe(COMMUNICATIONS);
  const encoded = encodePlan(plan);
  expect(encoded.rowPieces).toHaveLength(3);
  expect(encoded.rowPieces.map((piece) => (JSON.parse(piece) as unknown[]).length)).toEqual([
    1000, 1000, 500,
  ]);
  expect(JSON.parse(encoded.head)).toMatchObject({ kind: 'planned', snapshot: { rows: [] } });
  expect(decodePlan(encoded)).toEqual(plan);
});

test('the assembler takes the pieces one at a time, in order', () => {
  const plan = aPlan();
  const encoded = encodePlan(plan);
  const assembler = new PlanAssembler(encoded.head);
  for (const piece of encoded.rowPieces) assembler.add(piece);
  const result = assembler.finish();
  expect(result).toEqual(plan);
  const rows = result.kind === 'planned' ? result.snapshot.rows : [];
  expect(rows.map((row) => row.key)).toEqual(
    plan.kind === 'planned' ? plan.snapshot.rows.map((r) => r.key) : [],
  );
});

test('results without rows cross as a head alone', () => {
  const invalid = validateSetup({ levels: [] });
  if (invalid.ok) throw new Error('a setup without levels must be invalid');
  const results: PlanResult[] = [{ kind: 'empty' }, { kind: 'invalid_setup', problems: invalid.error }];
  for (const result of results) {
    const encoded = encodePlan(result);
    expect(encoded.rowPieces).toEqual([]);
    expect(decodePlan(encoded)).toEqual(result);
  }
});

test('a kept plan comes back for the same day only, and a newer plan replaces it', async () => {
  const db = database();
  expect(await keptPlan(db, TODAY)).toBeUndefined();
  const plan = aPlan();
  await keepPlan(db, TODAY, encodePlan(plan));
  const kept = await keptPlan(db, TODAY);
  expect(kept !== undefined && decodePlan(kept)).toEqual(plan);
  expect(await keptPlan(db, '2026-11-29')).toBeUndefined();

  await keepPlan(db, '2026-11-29', encodePlan({ kind: 'empty' }));
  expect(await keptPlan(db, TODAY)).toBeUndefined();
  expect(await db.plannedDay.count()).toBe(1);
  db.close();
});

test('a plan kept by another version of the pane (another format) is not shown', async () => {
  const db = database();
  const encoded = encodePlan(aPlan());
  await db.plannedDay.put({ id: 'last', format: PLAN_FORMAT + 1, today: TODAY, ...encoded });
  expect(await keptPlan(db, TODAY)).toBeUndefined();
  db.close();
});
