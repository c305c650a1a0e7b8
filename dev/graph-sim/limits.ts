/**
 * Per-mailbox limits, Exchange Online's by default (docs/rules.md §3): 30 messages sent a minute, 4 concurrent
 * requests, 10 000 recipients a day (To, CC and BCC), 150 MB uploaded per 5 minutes, 10 000 requests per
 * 10 minutes. Windows slide; a refused request gets 429 `ApplicationThrottled` with `Retry-After` (whole
 * seconds, at least 1) telling when the window will have room. `timeScale` shrinks every window: at 60 a
 * "minute" lasts one real second and a "day" 24 real minutes.
 */
import { graphErrors, type GraphError } from './errors';

export interface MailboxLimits {
  readonly sendsPerMinute: number;
  readonly concurrentRequests: number;
  readonly recipientsPerDay: number;
  readonly uploadBytesPer5Minutes: number;
  readonly requestsPer10Minutes: number;
}

export const GRAPH_LIMITS: MailboxLimits = {
  sendsPerMinute: 30,
  concurrentRequests: 4,
  recipientsPerDay: 10_000,
  uploadBytesPer5Minutes: 150 * 1024 * 1024,
  requestsPer10Minutes: 10_000,
};

const MINUTE = 60_000;

class SlidingWindow {
  private entries: { readonly at: number; readonly amount: number }[] = [];

  constructor(private readonly simulatedMs: number) {}

  /** Real milliseconds from now until `amount` more fits under `limit`; 0 when it fits now. */
  waitFor(amount: number, limit: number, now: number, timeScale: number): number {
    const windowMs = this.simulatedMs / timeScale;
    this.entries = this.entries.filter((entry) => entry.at > now - windowMs);
    let total = this.entries.reduce((sum, entry) => sum + entry.amount, 0);
    if (total + amount <= limit) return 0;
    for (const entry of this.entries) {
      total -= entry.amount;
      if (total + amount <= limit) return entry.at + windowMs - now;
    }
    return windowMs; // more than the whole window allows: nothing will ever fit, say "a full window"
  }

  add(amount: number, now: number): void {
    this.entries.push({ at: now, amount });
  }
}

class MailboxCounters {
  inFlight = 0;
  readonly requests = new SlidingWindow(10 * MINUTE);
  readonly sends = new SlidingWindow(MINUTE);
  readonly recipients = new SlidingWindow(24 * 60 * MINUTE);
  readonly uploads = new SlidingWindow(5 * MINUTE);
}

const seconds = (ms: number): number => Math.max(1, Math.ceil(ms / 1000));

export class Limiter {
  private readonly counters = new Map<string, MailboxCounters>();

  constructor(
    private readonly settings: () => { readonly limits: MailboxLimits; readonly timeScale: number },
  ) {}

  private of(user: string): MailboxCounters {
    let counters = this.counters.get(user);
    if (counters === undefined) {
      counters = new MailboxCounters();
      this.counters.set(user, counters);
    }
    return counters;
  }

  /**
   * Admits one request for the mailbox, or answers the 429 to send instead. The returned function ends
   * the request (frees its concurrency slot); calling it more than once is harmless.
   */
  enter(user: string, now = Date.now()): (() => void) | GraphError {
    const { limits, timeScale } = this.settings();
    const counters = this.of(user);
    if (counters.inFlight >= limits.concurrentRequests) {
      return graphErrors.throttled('Application is over its MailboxConcurrency limit.', 1);
    }
    const wait = counters.requests.waitFor(1, limits.requestsPer10Minutes, now, timeScale);
    if (wait > 0)
      return graphErrors.throttled(
        'Application is over its MailboxRequestRate limit (requests per 10 minutes).',
        seconds(wait),
      );
    counters.requests.add(1, now);
    counters.inFlight += 1;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      counters.inFlight -= 1;
    };
  }

  /** Counts uploaded bytes (bodies of POST, PATCH and PUT); throws the 429 when over the 5-minute budget. */
  chargeUpload(user: string, bytes: number, now = Date.now()): void {
    if (bytes === 0) return;
    const { limits, timeScale } = this.settings();
    const counters = this.of(user);
    const wait = counters.uploads.waitFor(bytes, limits.uploadBytesPer5Minutes, now, timeScale);
    if (wait > 0)
      throw graphErrors.throttled(
        'Application is over its upload limit (bytes per 5 minutes).',
        seconds(wait),
      );
    counters.uploads.add(bytes, now);
  }

  /** Counts one submission and its recipients; throws the 429 (and counts nothing) when either is over. */
  chargeSend(user: string, recipients: number, now = Date.now()): void {
    const { limits, timeScale } = this.settings();
    const counters = this.of(user);
    const sendWait = counters.sends.waitFor(1, limits.sendsPerMinute, now, timeScale);
    if (sendWait > 0)
      throw graphErrors.throttled(
        'Application is over its message submission limit (messages per minute).',
        seconds(sendWait),
      );
    const recipientWait = counters.recipients.waitFor(recipients, limits.recipientsPerDay, now, timeScale);
    if (recipientWait > 0) {
      throw graphErrors.throttled(
        'Application is over its recipient limit (recipients per day).',
        seconds(recipientWait),
      );
    }
    counters.sends.add(1, now);
    counters.recipients.add(recipients, now);
  }

  reset(): void {
    this.counters.clear();
  }
}
