/**
 * JSON batching (`POST /v1.0/$batch`), as Graph does it: at most 20 requests with unique ids (compared
 * without case); `dependsOn` orders them, and a request whose dependency failed answers 424 without
 * running; a request with a body must carry a `Content-Type` header, else the whole batch is a 400; inner
 * requests see only their own headers (so each needs its own `Prefer`). Independent requests run
 * concurrently, each one counted against the mailbox's limits like a top-level request — so a batch can
 * trip `MailboxConcurrency` by itself — and a throttled one carries `Retry-After` among its own headers,
 * readable by a browser even though the top-level header is not exposed. Responses come back in
 * completion order, as Graph allows.
 */
import type { GraphRequest, GraphResponse } from './context';
import { GraphError, graphErrorBody } from './errors';
import { newRequestId } from './ids';
import { batchSchema, parseBody, readJsonBody, type BatchRequestBody } from './schemas';

export const MAX_BATCH_REQUESTS = 20;
export const ODATA_JSON =
  'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';
const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

export type Outcome =
  | { readonly kind: 'response'; readonly response: GraphResponse; readonly dropAfter: boolean }
  | { readonly kind: 'hang' | 'drop' };

type Step = BatchRequestBody['requests'][number];

interface InnerResponse {
  readonly id: string;
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body?: unknown;
}

const batchError = (message: string): GraphError => new GraphError(400, 'BadRequest', message);

/** Checks the batch as a whole; any problem fails all of it with 400, as Graph does. */
function validate(steps: readonly Step[]): void {
  if (steps.length === 0) throw batchError('The batch contains no requests.');
  if (steps.length > MAX_BATCH_REQUESTS) {
    throw batchError(
      `Number of requests in the batch (${steps.length}) exceeds the maximum allowed (${MAX_BATCH_REQUESTS}).`,
    );
  }
  const ids = new Set<string>();
  for (const step of steps) {
    const id = step.id.toLowerCase();
    if (ids.has(id)) throw batchError(`Request with id '${step.id}' appears more than once in the batch.`);
    ids.add(id);
  }
  for (const step of steps) {
    if (!METHODS.has(step.method.toUpperCase()))
      throw batchError(`Request id : ${step.id} has an invalid method '${step.method}'.`);
    if (/^[a-z][a-z0-9+.-]*:/i.test(step.url))
      throw batchError(`Request id : ${step.id}: the url must be relative (e.g. '/me/messages').`);
    const hasContentType = Object.keys(step.headers ?? {}).some(
      (name) => name.toLowerCase() === 'content-type',
    );
    if (step.body !== undefined && !hasContentType)
      throw batchError(`Write request id : ${step.id} does not contain Content-Type header or body.`);
    for (const dependency of step.dependsOn ?? []) {
      if (!ids.has(dependency.toLowerCase()) || dependency.toLowerCase() === step.id.toLowerCase()) {
        throw batchError(
          `Request id : ${step.id} depends on '${dependency}', which is not another request of this batch.`,
        );
      }
    }
  }
  // A cycle would wait forever: refuse it.
  const visiting = new Set<string>();
  const done = new Set<string>();
  const byId = new Map(steps.map((step) => [step.id.toLowerCase(), step]));
  const visit = (id: string): void => {
    if (done.has(id)) return;
    if (visiting.has(id)) throw batchError(`The dependencies of request id : ${id} form a cycle.`);
    visiting.add(id);
    for (const dependency of byId.get(id)?.dependsOn ?? []) visit(dependency.toLowerCase());
    visiting.delete(id);
    done.add(id);
  };
  for (const id of byId.keys()) visit(id);
}

function innerRequest(outer: GraphRequest, step: Step): GraphRequest {
  const url = new URL(step.url.startsWith('/') ? step.url : `/${step.url}`, 'http://batch.invalid');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(step.headers ?? {})) headers[name.toLowerCase()] = value;
  const contentType = headers['content-type'] ?? '';
  const body =
    step.body === undefined
      ? Buffer.alloc(0)
      : /json/i.test(contentType)
        ? Buffer.from(JSON.stringify(step.body))
        : Buffer.from(typeof step.body === 'string' ? step.body : '', 'base64');
  return {
    method: step.method.toUpperCase(),
    path: url.pathname.split('/').map(safeDecode).join('/'),
    query: url.searchParams,
    headers,
    body,
    user: outer.user,
    immutable: preferImmutable(headers.prefer),
    origin: outer.origin,
    inBatch: true,
  };
}

const safeDecode = (segment: string): string => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
};

/** `Prefer: IdType="ImmutableId"` among possibly several preferences. */
export function preferImmutable(prefer: string | undefined): boolean {
  return (prefer ?? '')
    .split(',')
    .some((preference) => /^\s*IdType\s*=\s*"?ImmutableId"?\s*$/i.test(preference));
}

function toInner(id: string, response: GraphResponse): InnerResponse {
  const headers: Record<string, string> = { 'Cache-Control': 'private', ...(response.headers ?? {}) };
  if (response.raw !== undefined) {
    headers['Content-Type'] = response.raw.contentType;
    return { id, status: response.status, headers, body: response.raw.data.toString('base64') };
  }
  if (response.json === undefined) return { id, status: response.status, headers };
  headers['Content-Type'] = ODATA_JSON;
  return { id, status: response.status, headers, body: response.json };
}

/**
 * Runs a batch. `execute` runs one inner request through the same pipeline as a top-level request
 * (faults, limits, routing) and says what happened.
 */
export async function runBatch(
  outer: GraphRequest,
  execute: (inner: GraphRequest) => Promise<Outcome>,
): Promise<Outcome> {
  if (outer.inBatch) throw batchError('A batch cannot contain another batch.');
  const { requests: steps } = parseBody(
    batchSchema,
    readJsonBody(outer.body, outer.headers['content-type']),
    'microsoft.graph.batchRequest',
  );
  validate(steps);
  const clientRequestId = outer.headers['client-request-id'] ?? newRequestId();
  const results = new Map<string, InnerResponse>();
  const ordered: InnerResponse[] = [];
  let pending = [...steps];
  let dropAfter = false;
  let interrupted: 'hang' | 'drop' | undefined;

  while (pending.length > 0 && interrupted === undefined) {
    const ready = pending.filter((step) =>
      (step.dependsOn ?? []).every((dependency) => results.has(dependency.toLowerCase())),
    );
    pending = pending.filter((step) => !ready.includes(step));
    await Promise.all(
      ready.map(async (step) => {
        const failed = (step.dependsOn ?? []).find(
          (dependency) => (results.get(dependency.toLowerCase())?.status ?? 0) >= 400,
        );
        let inner: InnerResponse;
        if (failed !== undefined) {
          const error = new GraphError(
            424,
            'FailedDependency',
            `The request it depends on ('${failed}') failed.`,
          );
          inner = toInner(step.id, {
            status: 424,
            json: graphErrorBody(error, newRequestId(), clientRequestId),
          });
        } else {
          const outcome = await execute(innerRequest(outer, step));
          if (outcome.kind !== 'response') {
            interrupted = interrupted ?? outcome.kind;
            return;
          }
          dropAfter ||= outcome.dropAfter;
          inner = toInner(step.id, outcome.response);
        }
        results.set(step.id.toLowerCase(), inner);
        ordered.push(inner);
      }),
    );
  }
  if (interrupted !== undefined) return { kind: interrupted };
  return { kind: 'response', response: { status: 200, json: { responses: ordered } }, dropAfter };
}
