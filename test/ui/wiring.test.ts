/**
 * The wiring's small safety nets: a planning worker that cannot start hands over to the main thread;
 * a mail side that cannot load says so (sending "not available", with why) instead of pretending.
 */
import { lazyMail, unavailableMail } from '../../src/taskpane/mail-port';
import { PlannerUnavailableError, withFallback, type Planner } from '../../src/taskpane/planner';

const plannerAnswering = (
  answer: () => Promise<never> | Promise<{ kind: 'empty' }>,
  disposed: string[] = [],
  name = '',
): Planner => ({
  plan: () => answer(),
  kept: () => Promise.resolve(undefined),
  skipped: () => Promise.resolve([]),
  detail: () => Promise.resolve(undefined),
  communications: () => Promise.resolve([]),
  sample: () => Promise.resolve(undefined),
  history: () => Promise.resolve([]),
  dispose: () => disposed.push(name),
});

afterEach(() => jest.restoreAllMocks());

test('a worker that cannot start is replaced by a planner on the main thread, once and for good', async () => {
  const disposed: string[] = [];
  let fallbacks = 0;
  const broken = plannerAnswering(
    () => Promise.reject(new PlannerUnavailableError('no worker here')),
    disposed,
    'worker',
  );
  const planner = withFallback(broken, () => {
    fallbacks++;
    return plannerAnswering(() => Promise.resolve({ kind: 'empty' as const }), disposed, 'local');
  });
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);

  await expect(planner.plan('2026-03-15')).resolves.toEqual({ kind: 'empty' });
  await expect(planner.plan('2026-03-15')).resolves.toEqual({ kind: 'empty' });
  expect(fallbacks).toBe(1);
  expect(disposed).toEqual(['worker']);
});

test('any other planning error is the caller’s to see: no silent fallback', async () => {
  const failing = plannerAnswering(() => Promise.reject(new Error('the cache is corrupt')));
  const planner = withFallback(failing, () =>
    plannerAnswering(() => Promise.resolve({ kind: 'empty' as const })),
  );
  await expect(planner.plan('2026-03-15')).rejects.toThrow('the cache is corrupt');
});

test('a mail side that cannot load is "not available", with the reason, and refuses every action', async () => {
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
  const mail = lazyMail(() => Promise.reject(new Error('chunk failed to load')));
  const changes: string[] = [];
  mail.subscribe(() => changes.push('changed'));
  await new Promise((resolve) => setTimeout(resolve, 0));

  expect(mail.availability).toEqual({ available: false, reason: 'failed', detail: 'chunk failed to load' });
  expect(changes).toEqual(['changed']);
  await expect(mail.start('draft', [])).rejects.toThrow('chunk failed to load');
  expect(mail.isRunning()).toBe(false);
});

test('without a mail side every action is refused with the reason', async () => {
  const mail = unavailableMail('not_ready', 'Sending is not available yet');
  expect(mail.availability).toEqual({
    available: false,
    reason: 'not_ready',
    detail: 'Sending is not available yet',
  });
  await expect(mail.start('send', [])).rejects.toThrow('Sending is not available yet');
  await expect(mail.testSend({} as never, 'me@example.it')).rejects.toThrow();
});
