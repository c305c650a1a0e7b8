/**
 * How a job ended, as the clerk must be told it: what its recorded state says really happened, not what
 * was queued. A clean ending is sent, drafted or handled as asked (nothing left to check), or failed or
 * cancelled with nothing gone out. Anything else — sent but not recorded by the ERP (`log_refused`), a
 * send whose outcome is not confirmed (`send_unconfirmed`), an ending that carries a failure code
 * although something went out, a job settled half-way — needs attention: someone must look.
 */
import type { OutboxJob } from '../store/db';
import { isDelivered, isSettled } from './job-store';

export type JobOutcome = 'sent' | 'drafted' | 'handled' | 'failed' | 'cancelled' | 'attention' | 'pending';

export function outcomeOf(job: OutboxJob): JobOutcome {
  // Sending was asked for and is not confirmed: it may have gone out. Never "remaining", never "failed".
  if (job.failure === 'send_unconfirmed') return 'attention';
  if (!isSettled(job)) return 'pending';
  if (isDelivered(job)) {
    if (job.failure !== undefined) return 'attention';
    return job.state === 'sent' ? 'sent' : job.state === 'handled' ? 'handled' : 'drafted';
  }
  // Failed or cancelled before anything went out: a clean (if unwanted) ending.
  if (job.state === 'failed' || job.state === 'cancelled') return job.state;
  // Settled in a step that is not an ending (e.g. a send batch's job left as a draft).
  return 'attention';
}

export interface OutcomeCounts {
  readonly sent: number;
  readonly drafted: number;
  readonly handled: number;
  readonly failed: number;
  readonly cancelled: number;
  readonly attention: number;
  readonly pending: number;
}

export function countOutcomes(jobs: Iterable<OutboxJob>): OutcomeCounts {
  const counts = { sent: 0, drafted: 0, handled: 0, failed: 0, cancelled: 0, attention: 0, pending: 0 };
  for (const job of jobs) counts[outcomeOf(job)] += 1;
  return counts;
}
