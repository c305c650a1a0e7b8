/**
 * Crash safety: 200 reminders sent through the outbox while the worker is killed over and over — at
 * every step boundary, at random boundaries and at random instants (in the middle of a request, whose
 * effect on the server may or may not have happened) — each time a new worker resuming on the same
 * Dexie database, as a reopened pane would. Whatever the outbox believes, the simulator's submission log
 * must show every (item, level, cycle) exactly once: per triple, so a regrouped re-send counts too.
 */
import { mulberry32 } from '../../dev/erp/seed/random';
import { CHECKPOINTS, type Checkpoint } from '../../src/mail/job-runner';
import { enqueueBatch, type RunResult } from '../../src/mail/outbox';
import {
  MARTA,
  duplicates,
  planFor,
  startBench,
  submittedTriples,
  triplesOf,
  userOf,
  type Bench,
} from './harness';

let bench: Bench;

beforeAll(async () => {
  // One reminder per item (each with its PDF) keeps 200 reminders to a small book; the grouped case is
  // the happy path's and the faults'.
  bench = await startBench({
    customers: 100,
    items: 400,
    seed: 3,
    setup: (setup) => ({ ...setup, groupByCustomer: false }),
    sim: { sentItemsDelayMs: 60 },
  });
});
afterAll(() => bench.close());

class Crash extends Error {}

test('200 reminders, the worker killed at every step and at random moments: every triple sent exactly once', async () => {
  const random = mulberry32(20260601);
  const setupUser = userOf(bench, MARTA);
  const plan = (await planFor(setupUser)).slice(0, 200);
  expect(plan).toHaveLength(200);
  await enqueueBatch(setupUser.db, { mode: 'send', communications: plan });

  const runs: { crash: string; result: RunResult | 'crashed'; ms: number }[] = [];
  const unsettled = () => setupUser.db.outbox.filter((job) => job.settled !== true).count();
  /**
   * A fresh worker (a reopened pane: new mailer, new pacer, same database) that dies at the `hit`-th
   * time it reaches `point`, or `afterMs` after its first step — in the middle of whatever it is doing.
   */
  const runOnce = async (crashAt: { point: Checkpoint; hit: number } | { afterMs: number } | undefined) => {
    const started = performance.now();
    const user = userOf(bench, MARTA, { db: setupUser.db });
    const life = new AbortController();
    let hits = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const worker = user.worker({
      checkpoint: (point) => {
        if (crashAt === undefined) return;
        if ('point' in crashAt && point === crashAt.point && ++hits === crashAt.hit)
          life.abort(new Crash(point));
        if ('afterMs' in crashAt && timer === undefined)
          timer = setTimeout(() => life.abort(new Crash('timer')), crashAt.afterMs);
      },
    });
    // The dead worker's lanes settle before the next one starts, as a crashed process would be gone.
    const result = await worker.run(life.signal);
    clearTimeout(timer);
    const name =
      crashAt === undefined
        ? 'none'
        : 'point' in crashAt
          ? `${crashAt.point}#${crashAt.hit}`
          : `+${crashAt.afterMs}ms`;
    runs.push({
      crash: name,
      result: life.signal.aborted ? 'crashed' : result,
      ms: Math.round(performance.now() - started),
    });
  };

  // Every boundary once, then random boundaries and random instants in turn, until all is sent.
  const sendBoundaries = CHECKPOINTS.filter((point) => point !== 'after-handled');
  for (const point of sendBoundaries) await runOnce({ point, hit: 1 + Math.floor(random() * 3) });
  for (let round = 0; round < 16 && (await unsettled()) > 0; round++) {
    if (round % 2 === 0)
      await runOnce({
        point: sendBoundaries[Math.floor(random() * sendBoundaries.length)] as Checkpoint,
        hit: 1 + Math.floor(random() * 8),
      });
    else await runOnce({ afterMs: Math.floor(random() * 80) });
  }
  // Then let it finish (a job whose send is unconfirmed waits for Sent Items, then the next run).
  for (let i = 0; i < 5 && (await unsettled()) > 0; i++) await runOnce(undefined);

  if (process.env.MAIL_TEST_VERBOSE === '1')
    console.log(
      runs
        .map(
          (run) =>
            `${run.crash}: ${typeof run.result === 'string' ? run.result : run.result.status} ${run.ms} ms`,
        )
        .join('\n'),
    );
  expect(runs.filter((run) => run.result === 'crashed').length).toBeGreaterThanOrEqual(25);
  const counts = submittedTriples(bench, [MARTA]);
  expect(duplicates(counts)).toEqual([]);
  expect([...counts.keys()].sort()).toEqual(triplesOf(plan).sort());

  const jobs = await setupUser.db.outbox.toArray();
  expect(
    jobs
      .filter((job) => job.state !== 'sent' || job.settled !== true)
      .map((job) => [job.state, job.failure, job.detail]),
  ).toEqual([]);
  const mailbox = bench.sim.control.dump(MARTA);
  expect(mailbox.folders.drafts).toEqual([]); // no stray draft left behind to be sent by mistake
  const log = await setupUser.erp.reminderLog();
  expect(log.claims).toEqual([]);
  expect(log.entries.filter((entry) => entry.state === 'sent')).toHaveLength(triplesOf(plan).length);
}, 60_000);
