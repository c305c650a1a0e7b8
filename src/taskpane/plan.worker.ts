/**
 * The planning worker: opens the signed-in mailbox's cache (IndexedDB works in workers), reads it and
 * plans there, and answers with the rows the pane shows, in pieces; each plan is kept in the cache for
 * the next opening (plan-cache.ts). See planner.ts.
 */
import { openDatabase, type SollecitiDatabase } from '../store/db';
import { keptPlan, type EncodedPlan } from './plan-cache';
import { createLocalPlanner, type LocalPlanner } from './planner';
import type { PlannerRequest, PlannerResponse } from './planner-protocol';
import { messageOf } from '../domain/message-of';

interface WorkerScope {
  onmessage: ((event: MessageEvent<PlannerRequest>) => void) | null;
  postMessage(message: PlannerResponse): void;
}

const scope = self as unknown as WorkerScope;
let opened: { db: SollecitiDatabase; planner: LocalPlanner } | undefined;

const postPlan = (id: number, encoded: EncodedPlan | undefined): void => {
  scope.postMessage({ id, ok: true, head: encoded?.head ?? null, pieces: encoded?.rowPieces.length ?? 0 });
  for (const piece of encoded?.rowPieces ?? []) scope.postMessage({ id, piece });
};

/** Answers `request`: with a value, or (plans) by posting the pieces itself and returning undefined. */
async function answer(request: PlannerRequest): Promise<{ value: unknown } | undefined> {
  if (request.type === 'open') {
    opened?.planner.dispose();
    const db = openDatabase(request.mailbox);
    opened = { db, planner: createLocalPlanner(db, request.mailbox) };
    return { value: null };
  }
  if (opened === undefined) throw new Error('The planning worker has no database open');
  const { db, planner } = opened;
  switch (request.type) {
    case 'plan':
      postPlan(request.id, await planner.planEncoded(request.today));
      return undefined;
    case 'kept':
      postPlan(request.id, await keptPlan(db, request.today));
      return undefined;
    case 'skipped':
      return { value: await planner.skipped() };
    case 'detail':
      return { value: await planner.detail(request.key) };
    case 'communications':
      return { value: await planner.communications(request.keys) };
    case 'sample':
      return { value: await planner.sample(request.levelId) };
    case 'history':
      return { value: await planner.history() };
  }
}

scope.onmessage = (event) => {
  const request = event.data;
  answer(request).then(
    (answered) => {
      if (answered !== undefined) scope.postMessage({ id: request.id, ok: true, value: answered.value });
    },
    (error: unknown) =>
      scope.postMessage({
        id: request.id,
        ok: false,
        message: messageOf(error),
      }),
  );
};
