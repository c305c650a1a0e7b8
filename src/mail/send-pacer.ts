/**
 * Paces submissions below Exchange's per-mailbox limits (docs/rules.md §3): sends on an even schedule at
 * `messagesPerMinute` (default 25, under the 30 a minute Exchange allows), and a budget of recipients
 * (To + CC) per day under the 10 000 Exchange allows. Lanes take turns in order. A turn that comes late
 * (a busy event loop) may catch up by one interval, no more; and whatever the timers do, no sliding
 * minute ever holds more grants than the pace.
 */
import { DEFAULT_MESSAGES_PER_MINUTE, sendDurationMs } from '../domain/send-duration';
import { abortable } from './sleep';

export interface SendPacerOptions {
  /** Default 25. */
  readonly messagesPerMinute?: number;
  /** How long a minute lasts, in real ms: 60 000, or less against a time-scaled simulator. */
  readonly minuteMs?: number;
  /** Recipients per day (To + CC). Default 9 500. */
  readonly recipientsPerDay?: number;
  /** Epoch ms. */
  readonly clock?: () => number;
}

export class SendPacer {
  readonly intervalMs: number;
  private readonly dayMs: number;
  private readonly recipientsPerDay: number;
  private readonly clock: () => number;
  private readonly perMinute: number;
  private readonly minuteMs: number;
  private lastSlot = -Infinity;
  private grants: number[] = [];
  private turns: Promise<void> = Promise.resolve();
  private recipients: { at: number; count: number }[] = [];

  constructor(options: SendPacerOptions = {}) {
    const perMinute = options.messagesPerMinute ?? DEFAULT_MESSAGES_PER_MINUTE;
    const minuteMs = options.minuteMs ?? 60_000;
    if (!(perMinute > 0) || !(minuteMs > 0))
      throw new RangeError('messagesPerMinute and minuteMs must be positive');
    this.perMinute = perMinute;
    this.minuteMs = minuteMs;
    this.intervalMs = minuteMs / perMinute;
    this.dayMs = minuteMs * 60 * 24;
    this.recipientsPerDay = options.recipientsPerDay ?? 9_500;
    this.clock = options.clock ?? Date.now;
  }

  /** Counts recipients already sent to (e.g. earlier today, from the outbox's history). */
  recordPast(at: number, recipients: number): void {
    this.recipients.push({ at, count: recipients });
  }

  /**
   * Waits for the next send slot with room for `recipients` more today; the slot is taken when it
   * resolves, with the instant it was granted (epoch ms).
   */
  acquire(recipients: number, signal?: AbortSignal): Promise<number> {
    const turn = this.turns.then(async () => {
      if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('aborted');
      for (;;) {
        const now = this.clock();
        const slot =
          this.lastSlot === -Infinity
            ? now
            : Math.max(this.lastSlot + this.intervalMs, now - this.intervalMs);
        const wait = Math.max(slot - now, this.minuteWait(now), this.recipientWait(recipients, now));
        if (wait <= 0) {
          this.lastSlot = slot;
          break;
        }
        await abortable(wait, signal);
      }
      const at = this.clock();
      this.grants.push(at);
      this.recipients.push({ at, count: recipients });
      return at;
    });
    this.turns = turn.then(
      () => undefined,
      () => undefined,
    );
    return turn;
  }

  /** After a send was throttled anyway: leave one more interval before the next. */
  slowDown(): void {
    this.lastSlot = Math.max(this.lastSlot, this.clock()) + this.intervalMs;
  }

  /** Real ms the remaining `count` sends need at this pace. */
  etaMs(count: number): number {
    return sendDurationMs(count, this.perMinute, this.minuteMs);
  }

  /** Until the oldest grant of the last minute leaves it, when the minute already holds the pace. */
  private minuteWait(now: number): number {
    this.grants = this.grants.filter((at) => at > now - this.minuteMs);
    return this.grants.length < this.perMinute
      ? 0
      : (this.grants[this.grants.length - this.perMinute] as number) + this.minuteMs - now;
  }

  private recipientWait(count: number, now: number): number {
    this.recipients = this.recipients.filter((entry) => entry.at > now - this.dayMs);
    let used = this.recipients.reduce((sum, entry) => sum + entry.count, 0);
    if (used + count <= this.recipientsPerDay) return 0;
    for (const entry of this.recipients) {
      used -= entry.count;
      if (used + count <= this.recipientsPerDay) return entry.at + this.dayMs - now;
    }
    return 0;
  }
}
