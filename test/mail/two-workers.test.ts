/**
 * Two enabled users (two mailboxes, two caches) start the same plan at the same moment. The ERP's claims
 * let exactly one of them send each (item, level, cycle); the other is told who has it.
 */
import { enqueueBatch } from '../../src/mail/outbox';
import { LUCA, MARTA, duplicates, planFor, startBench, submittedTriples, triplesOf, userOf, type Bench } from './harness';

jest.setTimeout(30_000);

let bench: Bench;

beforeAll(async () => {
  bench = await startBench({ customers: 40, items: 200, seed: 11 });
});
afterAll(() => bench.close());

test('two outbox workers on the same plan: each triple is sent once, from one mailbox or the other', async () => {
  const marta = userOf(bench, MARTA);
  const luca = userOf(bench, LUCA);
  const plan = await planFor(marta);
  expect(await planFor(luca)).toHaveLength(plan.length);
  await enqueueBatch(marta.db, { mode: 'send', communications: plan });
  // Luca works through the same reminders in the opposite order, so the two meet in the middle.
  await enqueueBatch(luca.db, { mode: 'send', communications: [...plan].reverse() });

  const [mine, his] = await Promise.all([marta.worker().run(), luca.worker().run()]);
  expect([mine.status, his.status]).toEqual(['done', 'done']);

  const counts = submittedTriples(bench, [MARTA, LUCA]);
  expect(duplicates(counts)).toEqual([]);
  expect([...counts.keys()].sort()).toEqual(triplesOf(plan).sort());
  // Both sent some; each reminder the one sent, the other gave up, saying who had it.
  expect(bench.sim.control.dump(MARTA).sent.length).toBeGreaterThan(0);
  expect(bench.sim.control.dump(LUCA).sent.length).toBeGreaterThan(0);
  for (const [user, other] of [[marta, LUCA], [luca, MARTA]] as const) {
    for (const job of await user.db.outbox.toArray()) {
      expect(job.settled).toBe(true);
      if (job.state !== 'sent') expect(job).toMatchObject({ state: 'failed', failure: 'claimed_elsewhere', detail: expect.stringContaining(other) });
    }
  }
  expect(bench.sim.control.dump(MARTA).folders.drafts).toEqual([]);
  expect(bench.sim.control.dump(LUCA).folders.drafts).toEqual([]);
  const log = await marta.erp.reminderLog();
  expect(log.claims).toEqual([]);
  expect(log.entries).toHaveLength(triplesOf(plan).length);
});
