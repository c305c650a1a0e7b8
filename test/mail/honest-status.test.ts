/**
 * What the clerk is told when a run stops or slows: a refusal says who refused and why (never "does not
 * answer"); no answer at all (offline, outage, a fetch blocked by a policy) says the service cannot be
 * reached; and the time left is the remaining sends at the pacer's pace, whatever happened before.
 */
import { ErpError } from '../../src/erp/errors';
import { stopOf } from '../../src/mail/job-runner';
import { MailError } from '../../src/mail/mail-error';
import { enqueueBatch, type OutboxProgress } from '../../src/mail/outbox';
import { messagesFor } from '../../src/ui/i18n';
import { outboxPort } from '../../src/taskpane/outbox-port';
import type { BatchView, CommunicationDetail } from '../../src/ui/model';
import { communicationKey, itemCyclesOf } from '../../src/domain/communication-key';
import { takeSnapshot } from '../../src/mail/freshness';
import { MARTA, MINUTE_MS, TODAY, memoryStorage, planFor, startBench, userOf, type Bench } from './harness';

async function waitFor(condition: () => boolean, ms = 30_000): Promise<void> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

jest.setTimeout(60_000);

test('a Graph or ERP refusal stops as refused with its reason; no answer or a fetch blocked by a policy as unreachable', () => {
  const graph400 = stopOf(
    new MailError(
      'invalid_request',
      'Graph GET /me/messages: 400 ErrorInvalidProperty The property is invalid',
      400,
      'ErrorInvalidProperty',
    ),
  );
  expect(graph400.reason).toBe('graph_refused');
  expect(stopOf(new MailError('not_found', 'Graph GET /me/messages/x: 404', 404)).reason).toBe(
    'graph_refused',
  );
  expect(
    stopOf(new ErpError('invalid_request', 'ERP POST /reminder-claims/k/confirm: 400 bad body', 400)).reason,
  ).toBe('erp_refused');
  // A Content Security Policy block reaches fetch as a TypeError, which graph-http turns into `network`.
  expect(stopOf(new MailError('network', 'Graph POST /me/messages: Failed to fetch')).reason).toBe(
    'unreachable',
  );
  expect(stopOf(new ErpError('network', 'fetch failed')).reason).toBe('unreachable');
  expect(stopOf(new TypeError('x is undefined')).reason).toBe('unexpected');

  for (const language of ['it', 'en'] as const) {
    const t = messagesFor(language);
    const refused = t.stopReason('graph_refused', graph400.message);
    expect(refused).toContain('Microsoft 365');
    expect(refused).toContain('400 ErrorInvalidProperty The property is invalid');
    for (const reason of ['graph_refused', 'erp_refused', 'unreachable', 'unexpected']) {
      expect(t.stopReason(reason, 'detail')).not.toMatch(/non rispond|do not answer|not answering/i);
    }
    expect(t.stopReason('unreachable')).toMatch(
      language === 'it' ? /non sono raggiungibili/ : /cannot be reached/,
    );
    expect(t.failureReason('refused_by_graph')).toBe(
      language === 'it' ? 'Rifiutato da Microsoft 365' : 'Refused by Microsoft 365',
    );
  }
});

describe('against the demo ERP and the Graph simulator', () => {
  let bench: Bench;
  beforeAll(async () => {
    bench = await startBench({ customers: 40, items: 200 });
  });
  afterAll(() => bench.close());

  test('while Graph does not answer, the pane says it cannot be reached instead of giving a time; answering again, it goes on', async () => {
    const marta = userOf(bench, MARTA);
    const plan = (await planFor(marta)).slice(0, 3);
    const port = outboxPort({
      db: marta.db,
      erp: marta.erp,
      mailer: marta.mailer,
      account: marta.account,
      me: MARTA,
      communications: async () => [],
      storage: memoryStorage(),
    });
    // The folder lookups get no answer (connection dropped) for a while: Graph is unreachable, then back.
    bench.sim.control.addFault({ method: 'GET', path: '/me/mailFolders/*', kind: 'drop', times: 8 });
    const views: BatchView[] = [];
    port.subscribe(() => {
      const view = port.current();
      if (view !== undefined) views.push(view);
    });
    const snapshot = await takeSnapshot(marta.db, Date.now());
    if (!snapshot.ok) throw new Error(snapshot.message);
    const details = plan.map((communication): CommunicationDetail => {
      const customer = snapshot.snapshot.customers.get(communication.customerId);
      if (customer === undefined) throw new Error(`no customer ${communication.customerId}`);
      return {
        key: communicationKey(communication.levelId, itemCyclesOf(communication)),
        communication,
        customer,
        agents: [],
        setup: snapshot.snapshot.setup,
        today: TODAY,
      };
    });
    await port.start('draft', details);
    await waitFor(() => port.current()?.state === 'done');
    bench.sim.control.clearFaults();

    const during = views.filter((view) => view.unreachable === true);
    expect(during.length).toBeGreaterThan(0);
    for (const view of during) expect(view.etaMs).toBeUndefined();
    expect(port.current()?.counts.drafted).toBe(3);
    expect(port.current()?.unreachable).toBeUndefined();
  });

  test('after ten minutes with nothing moving (an outage), the time left is the remaining sends at the pace, not the pace observed', async () => {
    const marta = userOf(bench, MARTA);
    const plan = (await planFor(marta)).slice(0, 8);
    await enqueueBatch(marta.db, { mode: 'send', communications: plan });
    let offset = 0;
    let sends = 0;
    const progress: OutboxProgress[] = [];
    const result = await marta
      .worker({
        now: () => Date.now() + offset,
        checkpoint: (point) => {
          // The service was gone for ten minutes right after the third send.
          if (point === 'after-sent' && ++sends === 3) offset += 10 * 60_000;
        },
        onProgress: (p) => progress.push(p),
      })
      .run();
    expect(result.status).toBe('done');
    const interval = MINUTE_MS / 25; // the pacer's default pace: 25 a minute
    const midway = progress.filter((p) => p.remaining > 0);
    expect(midway.length).toBeGreaterThan(0);
    for (const p of midway) expect(p.etaMs).toBe(Math.round(p.remaining * interval));
  });
});
