import type { OutboxJob } from '../store/db';
import { countOutcomes, outcomeOf } from './job-outcome';

const job = (patch: Partial<OutboxJob>): OutboxJob => ({
  key: 'k',
  batchId: 'b',
  mode: 'send',
  state: 'queued',
  levelId: 'L1',
  customerId: 'C1',
  items: [['I1', 0]],
  attempts: 0,
  createdAt: 0,
  updatedAt: 0,
  ...patch,
});

test('clean endings are what they say; sent but not logged, or a send not confirmed, need attention', () => {
  expect(outcomeOf(job({ state: 'sent', settled: true }))).toBe('sent');
  expect(outcomeOf(job({ mode: 'draft', state: 'attached', settled: true }))).toBe('drafted');
  expect(outcomeOf(job({ mode: 'handled', state: 'handled', settled: true }))).toBe('handled');
  expect(outcomeOf(job({ state: 'failed', failure: 'pdf_missing', settled: true }))).toBe('failed');
  expect(outcomeOf(job({ state: 'cancelled', failure: 'cancelled', settled: true }))).toBe('cancelled');
  expect(outcomeOf(job({ state: 'attached' }))).toBe('pending');
  expect(outcomeOf(job({ state: 'sent', failure: 'log_refused', settled: true }))).toBe('attention');
  expect(outcomeOf(job({ state: 'sending', failure: 'send_unconfirmed' }))).toBe('attention');
  // A send batch's job settled as a draft is no ending at all.
  expect(outcomeOf(job({ state: 'attached', settled: true }))).toBe('attention');
  expect(
    countOutcomes([
      job({ state: 'sent', settled: true }),
      job({ state: 'sent', failure: 'log_refused', settled: true }),
      job({ state: 'queued' }),
    ]),
  ).toEqual({ sent: 1, drafted: 0, handled: 0, failed: 0, cancelled: 0, attention: 1, pending: 1 });
});
