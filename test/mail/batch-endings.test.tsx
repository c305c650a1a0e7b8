/**
 * The batch panel's numbers come from how each job really ended, through the pane's real mail side
 * (outboxPort over the outbox) against the demo ERP and the Graph simulator. A reminder that went out
 * but that the ERP refused to log (its claim taken over by a colleague after an administrator released
 * it) is not "sent, all fine": it is counted as needing attention, with the message for the administrator.
 */
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { renderToStaticMarkup } from 'react-dom/server';
import { devIdentityProvider } from '../../src/auth/token-provider';
import { communicationKey, itemCyclesOf } from '../../src/domain/communication-key';
import { ErpClient } from '../../src/erp/client';
import { enqueueBatch } from '../../src/mail/outbox';
import { outboxPort } from '../../src/taskpane/outbox-port';
import { BatchPanel } from '../../src/ui/Actions';
import type { BatchView } from '../../src/ui/model';
import { LUCA, MARTA, memoryStorage, planFor, startBench, userOf, type Bench } from './harness';

jest.setTimeout(60_000);

let bench: Bench;
beforeAll(async () => {
  bench = await startBench({ customers: 40, items: 200 });
});
afterAll(() => bench.close());

test('sent but not recorded by the ERP: the summary says 1 needs attention with the administrator message, not "Failed 0"', async () => {
  const marta = userOf(bench, MARTA);
  const plan = (await planFor(marta)).slice(0, 3);
  expect(plan).toHaveLength(3);
  const { batchId } = await enqueueBatch(marta.db, { mode: 'send', communications: plan });

  // The first send goes out, then the pane dies before the ERP is told.
  const life = new AbortController();
  let sentKey: string | undefined;
  await marta
    .worker({
      lanes: 1,
      checkpoint: (point, job) => {
        if (point === 'after-sent' && sentKey === undefined) {
          sentKey = job.key;
          life.abort(new Error('the pane closed'));
        }
      },
    })
    .run(life.signal);
  if (sentKey === undefined) throw new Error('nothing was sent');
  const taken = plan.find(
    (communication) => communicationKey(communication.levelId, itemCyclesOf(communication)) === sentKey,
  );
  if (taken === undefined) throw new Error('the sent reminder is not in the plan');

  // Meanwhile an administrator releases Marta's claim and Luca claims the same reminder.
  const erpAs = (user: string) =>
    new ErpClient({
      baseUrl: bench.erp.url,
      tokens: devIdentityProvider({ baseUrl: bench.erp.url, user, audience: 'erp' }),
    });
  await erpAs('admin@solleciti.example').release(sentKey);
  const luca = userOf(bench, LUCA);
  const claim = await luca.erp.claim({
    key: sentKey,
    levelId: taken.levelId,
    items: itemCyclesOf(taken).map(([itemId, cycle]) => ({ itemId, cycle })),
  });
  expect(claim.claimed).toBe(true);

  // The pane opens again: the outbox resumes, the two other reminders go out, the first cannot be logged.
  const port = outboxPort({
    db: marta.db,
    erp: marta.erp,
    mailer: marta.mailer,
    account: marta.account,
    me: MARTA,
    communications: async () => [],
    storage: memoryStorage(),
  });
  await port.resume();
  const view = port.current() as BatchView;
  expect(view.batchId).toBe(batchId);

  // Ground truth: three messages really left the mailbox.
  expect(bench.sim.control.dump(MARTA).sent).toHaveLength(3);
  expect(view.state).toBe('done');
  expect(view.counts).toEqual({ sent: 2, drafted: 0, handled: 0, failed: 0, cancelled: 0, attention: 1 });
  expect(view.remaining).toBe(0);
  expect(view.attention.map((item) => [item.key, item.reason])).toEqual([[sentKey, 'log_refused']]);

  const html = renderToStaticMarkup(
    <FluentProvider theme={webLightTheme}>
      <BatchPanel
        batch={view}
        inOutlook={false}
        onCancel={() => undefined}
        onResume={() => undefined}
        onRetry={() => undefined}
        onDismiss={() => undefined}
        onOpenDraft={() => undefined}
        language="it"
      />
    </FluentProvider>,
  );
  const text = html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
  expect(text).toContain('Inviati: 2');
  expect(text).toContain('Non riusciti: 0');
  expect(text).toContain('Da verificare: 1');
  expect(text).toContain('Inviato, ma l’ERP non l’ha registrato: avvisa l’amministratore');
  expect(text).toContain(LUCA);
});
