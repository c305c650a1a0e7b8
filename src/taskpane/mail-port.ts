/**
 * What the pane needs from the mail side (src/mail's outbox), as one small interface: the pane starts a
 * batch, follows it, cancels or retries it, and sends a test to the clerk. `unavailableMail` is what the
 * pane uses while no outbox is wired: every button says so plainly, nothing pretends to have worked.
 */
import type { BatchMode, BatchView, ClaimCheck, CommunicationDetail, MailAvailability } from '../ui/model';
import { messageOf } from '../domain/message-of';

export interface MailPort {
  readonly availability: MailAvailability;
  /** The running batch, or the last one until dismissed (also after the pane is reopened). */
  current(): BatchView | undefined;
  /** Called whenever `current()` changes. Returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /** Queues these communications and starts working on them. */
  start(mode: BatchMode, communications: readonly CommunicationDetail[]): Promise<void>;
  cancel(): Promise<void>;
  /** Queues the failed jobs of the current batch again. */
  retryFailed(): Promise<void>;
  /** Forgets a finished batch (the progress panel closes). */
  dismiss(): void;
  /** Sends one communication to `address` only, as a test: not recorded anywhere. */
  testSend(communication: CommunicationDetail, address: string): Promise<void>;
  /** Resolves by looking in the mailbox a claim whose job here is unresolved (see src/mail/check-mailbox.ts). */
  checkClaim(key: string): Promise<ClaimCheck>;
  /** At pane start, after the first sync: shows the last batch again and resumes unfinished work. */
  resume(): Promise<void>;
  /** A batch is being worked on (it syncs the cache itself meanwhile: the pane does not sync then). */
  isRunning(): boolean;
  /** The pane is closing: stop where the work is (it resumes on the next opening). */
  pause(): void;
}

/** No outbox here (yet): refuses every action with the reason, so the UI can say it. */
export function unavailableMail(
  reason: Extract<MailAvailability, { available: false }>['reason'],
  detail?: string,
): MailPort {
  const refuse = (): Promise<never> => Promise.reject(new Error(detail ?? 'Sending is not available'));
  return {
    availability: { available: false, reason, ...(detail !== undefined ? { detail } : {}) },
    current: () => undefined,
    subscribe: () => () => undefined,
    start: refuse,
    cancel: refuse,
    retryFailed: refuse,
    dismiss: () => undefined,
    testSend: refuse,
    checkClaim: refuse,
    resume: () => Promise.resolve(),
    isRunning: () => false,
    pause: () => undefined,
  };
}

/**
 * A mail port whose implementation loads later (after the first paint: the outbox and the Graph mailer
 * are not needed to show today's list). Until then nothing is running and actions wait for it; if it
 * cannot load, the pane says sending is not available, with why.
 */
export function lazyMail(load: () => Promise<MailPort>): MailPort {
  let port: MailPort | undefined;
  let failure: string | undefined;
  const listeners = new Set<() => void>();
  const notify = (): void => {
    for (const listener of listeners) listener();
  };
  const loading = load().then(
    (loaded) => {
      port = loaded;
      loaded.subscribe(notify);
      notify();
      return loaded;
    },
    (error: unknown) => {
      failure = messageOf(error);
      console.error('The mail side could not load', error);
      notify();
      throw error;
    },
  );
  loading.catch(() => undefined);
  return {
    get availability(): MailAvailability {
      return failure !== undefined
        ? { available: false, reason: 'failed', detail: failure }
        : (port?.availability ?? { available: true });
    },
    current: () => port?.current(),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start: async (mode, communications) => (await loading).start(mode, communications),
    cancel: async () => (await loading).cancel(),
    retryFailed: async () => (await loading).retryFailed(),
    dismiss: () => port?.dismiss(),
    testSend: async (communication, address) => (await loading).testSend(communication, address),
    checkClaim: async (key) => (await loading).checkClaim(key),
    resume: async () => (await loading).resume(),
    isRunning: () => port?.isRunning() ?? false,
    pause: () => port?.pause(),
  };
}
