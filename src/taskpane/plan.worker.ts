/**
 * The planning worker: opens the signed-in mailbox's cache (IndexedDB works in workers), reads it and
 * plans there, and answers with the rows the pane shows. See planner.ts.
 */
import { openDatabase } from '../store/db';
import { createLocalPlanner, type Planner } from './planner';
import type { PlannerRequest, PlannerResponse } from './planner-protocol';

interface WorkerScope {
  onmessage: ((event: MessageEvent<PlannerRequest>) => void) | null;
  postMessage(message: PlannerResponse): void;
}

const scope = self as unknown as WorkerScope;
let planner: Planner | undefined;

async function answer(request: PlannerRequest): Promise<unknown> {
  if (request.type === 'open') {
    planner?.dispose();
    planner = createLocalPlanner(openDatabase(request.mailbox), request.mailbox);
    return null;
  }
  if (planner === undefined) throw new Error('The planning worker has no database open');
  switch (request.type) {
    case 'plan':
      return planner.plan(request.today);
    case 'skipped':
      return planner.skipped();
    case 'detail':
      return planner.detail(request.key);
    case 'communications':
      return planner.communications(request.keys);
    case 'sample':
      return planner.sample(request.levelId);
    case 'history':
      return planner.history();
  }
}

scope.onmessage = (event) => {
  const request = event.data;
  answer(request).then(
    (value) =>
      scope.postMessage(
        request.type === 'plan'
          ? { id: request.id, ok: true, json: JSON.stringify(value) }
          : { id: request.id, ok: true, value },
      ),
    (error: unknown) =>
      scope.postMessage({
        id: request.id,
        ok: false,
        message: error instanceof Error ? error.message : String(error),
      }),
  );
};
