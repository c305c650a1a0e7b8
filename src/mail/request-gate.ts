/**
 * What every Graph request of one mailbox passes through before it leaves (docs/rules.md §3.7): at most
 * `concurrency` requests in flight (Exchange's MailboxConcurrency is 4), a budget of bytes uploaded per
 * window (150 MB per 5 minutes at Exchange; we keep below it), and a shared pause after a 429 or 503 so
 * the other requests do not run into the same wall while one backs off.
 */
import { abortable } from './sleep';

export interface RequestGateOptions {
  /** Requests in flight at once. Default 4. */
  readonly concurrency?: number;
  /** Bytes uploaded (request bodies) per window. Default 120 MiB, under Exchange's 150 MB. */
  readonly uploadBytesPerWindow?: number;
  /** The upload window. Default 5 minutes; shrink it with a time-scaled simulator. */
  readonly uploadWindowMs?: number;
  /** Epoch ms. */
  readonly clock?: () => number;
}

export class RequestGate {
  private inFlight = 0;
  private readonly waiters: (() => void)[] = [];
  private pausedUntil = 0;
  private uploads: { at: number; bytes: number }[] = [];
  private readonly concurrency: number;
  private readonly uploadBudget: number;
  private readonly uploadWindowMs: number;
  private readonly clock: () => number;

  constructor(options: RequestGateOptions = {}) {
    this.concurrency = options.concurrency ?? 4;
    this.uploadBudget = options.uploadBytesPerWindow ?? 120 * 1024 * 1024;
    this.uploadWindowMs = options.uploadWindowMs ?? 5 * 60_000;
    this.clock = options.clock ?? Date.now;
    if (!(this.concurrency >= 1)) throw new RangeError('concurrency must be at least 1');
  }

  /**
   * Waits for the pause to end, for room in the upload budget and for a free slot; returns the function
   * that frees the slot (call it once the answer has been read). Rejects when `signal` aborts.
   */
  async enter(uploadBytes: number, signal?: AbortSignal): Promise<() => void> {
    for (;;) {
      const now = this.clock();
      if (now < this.pausedUntil) {
        await abortable(this.pausedUntil - now, signal);
        continue;
      }
      const wait = this.uploadWait(uploadBytes, now);
      if (wait > 0) {
        await abortable(wait, signal);
        continue;
      }
      break;
    }
    await this.takeSlot(signal);
    if (uploadBytes > 0) this.uploads.push({ at: this.clock(), bytes: uploadBytes });
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inFlight -= 1;
      this.waiters.shift()?.();
    };
  }

  /** Holds every request back for `ms` (after a 429 or 503): one backoff for the whole mailbox. */
  pauseFor(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.clock() + ms);
  }

  private uploadWait(bytes: number, now: number): number {
    this.uploads = this.uploads.filter((entry) => entry.at > now - this.uploadWindowMs);
    let used = this.uploads.reduce((sum, entry) => sum + entry.bytes, 0);
    if (bytes === 0 || used + bytes <= this.uploadBudget) return 0;
    for (const entry of this.uploads) {
      used -= entry.bytes;
      if (used + bytes <= this.uploadBudget) return entry.at + this.uploadWindowMs - now;
    }
    return 0; // bigger than the whole budget: let it go alone once the window is empty
  }

  private takeSlot(signal?: AbortSignal): Promise<void> {
    if (this.inFlight < this.concurrency) {
      this.inFlight += 1;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        const index = this.waiters.indexOf(grant);
        if (index >= 0) this.waiters.splice(index, 1);
        reject(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
      };
      const grant = () => {
        signal?.removeEventListener('abort', onAbort);
        this.inFlight += 1;
        resolve();
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(grant);
    });
  }
}
