/**
 * The main thread's side of the planning worker (see planner.ts). Kept apart from the rest of the wiring
 * because `new Worker(new URL(…, import.meta.url))` is webpack syntax that jest cannot load.
 */
import type { CalendarDate } from '../domain/calendar';
import type { CommunicationDetail, HistoryRow, SkippedRow } from '../ui/model';
import { PlanAssembler } from './plan-cache';
import { PlannerUnavailableError, type Planner, type PlanResult } from './planner';
import type { PlannerRequest, PlannerResponse } from './planner-protocol';

type Pending = {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  /** A plan arriving in pieces: parsed one piece per message, so each is a short task. */
  plan?: { assembler: PlanAssembler; remaining: number };
};

/** Starts the worker and opens `mailbox`'s cache in it. Throws where module workers are not available. */
export function createWorkerPlanner(mailbox: string): Planner {
  const worker = new Worker(new URL('./plan.worker.ts', import.meta.url), { name: 'solleciti-planner' });
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let broken: PlannerUnavailableError | undefined;

  const settle = (id: number, waiter: Pending, outcome: () => unknown): void => {
    pending.delete(id);
    try {
      waiter.resolve(outcome());
    } catch (error) {
      waiter.reject(error instanceof Error ? error : new Error(String(error)));
    }
  };

  worker.onmessage = (event: MessageEvent<PlannerResponse>) => {
    const response = event.data;
    const waiter = pending.get(response.id);
    if (waiter === undefined) return;
    if ('piece' in response) {
      const plan = waiter.plan;
      if (plan === undefined) return;
      try {
        plan.assembler.add(response.piece);
      } catch (error) {
        pending.delete(response.id);
        waiter.reject(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      if (--plan.remaining === 0) settle(response.id, waiter, () => plan.assembler.finish());
    } else if (!response.ok) {
      pending.delete(response.id);
      waiter.reject(new Error(response.message));
    } else if ('head' in response) {
      const { head, pieces } = response;
      if (head === null) settle(response.id, waiter, () => undefined);
      else if (pieces === 0) settle(response.id, waiter, () => new PlanAssembler(head).finish());
      else waiter.plan = { assembler: new PlanAssembler(head), remaining: pieces };
    } else {
      settle(response.id, waiter, () => response.value);
    }
  };
  worker.onerror = (event: ErrorEvent) => {
    broken = new PlannerUnavailableError(
      `The planning worker failed (${event.message || 'it could not start'})`,
    );
    for (const waiter of pending.values()) waiter.reject(broken);
    pending.clear();
  };

  type Body = PlannerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;
  const call = <T>(body: Body): Promise<T> => {
    if (broken !== undefined) return Promise.reject(broken);
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ ...body, id } as PlannerRequest);
    });
  };

  void call<null>({ type: 'open', mailbox });
  return {
    plan: (today: CalendarDate) => call<PlanResult>({ type: 'plan', today }),
    kept: (today: CalendarDate) => call<PlanResult | undefined>({ type: 'kept', today }),
    skipped: () => call<SkippedRow[]>({ type: 'skipped' }),
    detail: (key: string) => call<CommunicationDetail | undefined>({ type: 'detail', key }),
    communications: (keys: readonly string[]) =>
      call<CommunicationDetail[]>({ type: 'communications', keys }),
    sample: (levelId: string) => call<CommunicationDetail | undefined>({ type: 'sample', levelId }),
    history: () => call<HistoryRow[]>({ type: 'history' }),
    dispose: () => worker.terminate(),
  };
}
