/**
 * Issue #11 point 1, "a duplicate through Release", end to end against the demo ERP and the Graph
 * simulator with two users: Marta's send is committed by Graph but its answer is lost, then Graph fails,
 * so her job stays `sending`. Her pane must not release that claim (the controller refuses, not only the
 * button); "check the mailbox" resolves it by looking — sent → confirmed at the ERP; still a draft →
 * only then released — and Luca can never send the same reminder a second time.
 */
import { communicationKey, itemCyclesOf } from '../../src/domain/communication-key';
import type { Communication } from '../../src/domain/plan-reminders';
import { enqueueBatch } from '../../src/mail/outbox';
import { outboxPort } from '../../src/taskpane/outbox-port';
import { PaneController, UnresolvedClaimError } from '../../src/taskpane/pane-controller';
import { createLocalPlanner } from '../../src/taskpane/planner';
import type { ClaimRow } from '../../src/ui/model';
import { LUCA, MARTA, planFor, startBench, userOf, type Bench, type User } from './harness';

jest.setTimeout(30_000);

let bench: Bench;

beforeAll(async () => {
  bench = await startBench({ customers: 40, items: 200, seed: 7 });
});
afterAll(() => bench.close());
beforeEach(async () => {
  await bench.sim.control.reset();
  bench.erp.mutations.reset();
  jest.spyOn(console, 'info').mockImplementation(() => undefined);
});
afterEach(() => jest.restoreAllMocks());

const keyOf = (communication: Communication) =>
  communicationKey(communication.levelId, itemCyclesOf(communication));
const keysSent = (user: string) =>
  bench.sim.control
    .dump(user)
    .sent.map(
      (record) =>
        record.singleValueExtendedProperties.find((property) => /SollecitiKey$/.test(property.id))?.value,
    );

function memoryStorage() {
  const values = new Map<string, string>();
  return {
    getItem: (key: string) => values.get(key) ?? null,
    setItem: (key: string, value: string) => void values.set(key, value),
    removeItem: (key: string) => void values.delete(key),
  };
}

/** Marta's pane over her cache: the controller with the real outbox port (not started: no background runs). */
function paneOf(user: User): PaneController {
  const planner = createLocalPlanner(user.db, user.me);
  return new PaneController({
    db: user.db,
    erp: () => Promise.resolve(user.erp),
    planner,
    mail: outboxPort({
      db: user.db,
      erp: user.erp,
      mailer: user.mailer,
      account: user.account,
      me: user.me,
      communications: () => Promise.resolve([]),
      storage: memoryStorage(),
    }),
    user: user.me,
    identifiers: user.account,
    devIdentity: true,
    inOutlook: false,
    storage: memoryStorage(),
    now: Date.now,
    openMessage: () => Promise.reject(new Error('not in Outlook')),
    connection: {
      view: () => ({ settings: [], problems: [], location: 'memory', staticKeyInUse: false }),
      test: () => Promise.reject(new Error('no')),
      save: () => Promise.resolve(),
    },
    refreshEveryMs: 0,
  });
}

const claimRow = (pane: PaneController, key: string): ClaimRow | undefined => {
  const plan = pane.getState().plan;
  return plan.kind === 'planned' ? plan.snapshot.claims.find((claim) => claim.key === key) : undefined;
};

/**
 * Marta queues one send; Graph takes the send (`commitSend`) or not, the answer is lost, then every read
 * fails: the run stops with her job in `sending`.
 */
async function leaveSending(marta: User, communication: Communication, commitSend: boolean): Promise<void> {
  await enqueueBatch(marta.db, { mode: 'send', communications: [communication] });
  const { control } = bench.sim;
  control.addFault({
    method: 'POST',
    path: '/me/messages/*/send',
    kind: commitSend ? 'commit-then-drop' : 'drop',
    times: 1,
  });
  const result = await marta
    .worker({
      // Graph fails from the send on: more 503s than the reads' retries.
      checkpoint: (point) =>
        point === 'after-sending' &&
        void control.addFault({ method: 'GET', path: '**', kind: 'status', status: 503, times: 40 }),
    })
    .run();
  expect(result).toMatchObject({ status: 'stopped', reason: 'unreachable' });
  expect(await marta.db.outbox.get(keyOf(communication))).toMatchObject({ state: 'sending' });
  control.clearFaults();
}

test('a send committed but unanswered, then Graph failing: Release refused, "check the mailbox" confirms it sent, Luca cannot send it again — one message in Sent Items', async () => {
  const marta = userOf(bench, MARTA);
  const luca = userOf(bench, LUCA);
  const [communication] = await planFor(marta);
  if (communication === undefined) throw new Error('empty plan');
  const key = keyOf(communication);
  await leaveSending(marta, communication, true);

  const pane = paneOf(marta);
  await pane.refresh();
  expect(claimRow(pane, key)).toMatchObject({ mine: true, unresolvedHere: true });
  await expect(pane.actions.releaseClaim(key)).rejects.toBeInstanceOf(UnresolvedClaimError);
  expect((await marta.erp.reminderLog()).claims.map((claim) => claim.key)).toEqual([key]);

  // Luca, meanwhile: the ERP's claim stops him.
  const lucaPlan = await planFor(luca);
  await enqueueBatch(luca.db, { mode: 'send', communications: lucaPlan.filter((c) => keyOf(c) === key) });
  await luca.worker().run();
  expect(await luca.db.outbox.get(key)).toMatchObject({ state: 'failed', failure: 'claimed_elsewhere' });

  bench.sim.control.deliverPending();
  await expect(pane.actions.checkClaim(key)).resolves.toBe('sent');
  expect(await marta.db.outbox.get(key)).toMatchObject({ state: 'sent', settled: true });
  const log = await marta.erp.reminderLog();
  expect(log.claims).toEqual([]);
  expect(
    log.entries.filter((entry) => entry.key === key).map((entry) => [entry.state, entry.user.toLowerCase()]),
  ).toEqual(communication.lines.map(() => ['sent', MARTA]));
  expect(claimRow(pane, key)).toBeUndefined();

  // Luca tries again: it is logged as sent, so it is not in his plan any more.
  expect((await planFor(luca)).map(keyOf)).not.toContain(key);
  expect([...keysSent(MARTA), ...keysSent(LUCA)]).toEqual([key]);
  expect(bench.sim.control.dump(MARTA).folders.sentitems).toHaveLength(1);
});

test('the send never reached Graph (still a draft): "check the mailbox" releases only then, and Luca sends it once', async () => {
  const marta = userOf(bench, MARTA);
  const luca = userOf(bench, LUCA);
  const [, communication] = await planFor(marta);
  if (communication === undefined) throw new Error('short plan');
  const key = keyOf(communication);
  await leaveSending(marta, communication, false);

  const pane = paneOf(marta);
  await pane.refresh();
  await expect(pane.actions.releaseClaim(key)).rejects.toBeInstanceOf(UnresolvedClaimError);
  await expect(pane.actions.checkClaim(key)).resolves.toBe('released');
  expect(await marta.db.outbox.get(key)).toMatchObject({
    state: 'cancelled',
    failure: 'not_sent',
    settled: true,
  });
  expect((await marta.erp.reminderLog()).claims).toEqual([]);
  expect(bench.sim.control.dump(MARTA).folders.drafts).toEqual([]);
  expect(keysSent(MARTA)).toEqual([]);

  const lucaPlan = (await planFor(luca)).filter((c) => keyOf(c) === key);
  expect(lucaPlan).toHaveLength(1);
  await enqueueBatch(luca.db, { mode: 'send', communications: lucaPlan });
  expect(await luca.worker().run()).toMatchObject({ status: 'done', progress: { sent: 1 } });
  expect([...keysSent(MARTA), ...keysSent(LUCA)]).toEqual([key]);
});
