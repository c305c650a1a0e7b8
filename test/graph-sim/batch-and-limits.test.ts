/**
 * JSON batching and the per-mailbox limits: dependsOn and 424, the batch's own 400s, 429 with Retry-After
 * when sending faster than 30 a minute (time-scaled), Retry-After hidden from browser scripts at top level
 * (CORS) but readable inside $batch, and the 4-request concurrency limit.
 */
import type { GraphSim } from '../../dev/graph-sim';
import {
  clientFor,
  list,
  reminderDraft,
  sleep,
  startTestSim,
  str,
  type GraphClient,
  type JsonObject,
} from './client';

const USER = 'marta@example.it';
const ORIGIN = 'https://localhost:3000';

const responsesOf = (json: JsonObject | undefined): Map<string, JsonObject> =>
  new Map(list(json, 'responses').map((response) => [str(response, 'id'), response]));

describe('graph-sim: $batch and limits', () => {
  let sim: GraphSim;
  let graph: GraphClient;

  beforeAll(async () => {
    // A "minute" lasts a second.
    sim = await startTestSim({ timeScale: 60 });
  });
  afterAll(() => sim.close());
  beforeEach(async () => {
    await sim.control.reset();
    sim.control.configure({ latencyMs: 0 });
    graph = clientFor(sim, USER);
  });

  it('runs dependent requests in order and fails a request whose dependency failed with 424', async () => {
    const draft = str(
      (await graph.request('POST', '/me/messages', { body: reminderDraft('batch') })).json,
      'id',
    );
    const json = { 'Content-Type': 'application/json', Prefer: 'IdType="ImmutableId"' };
    const answer = await graph.request('POST', '/$batch', {
      body: {
        requests: [
          {
            id: '1',
            method: 'PATCH',
            url: `/me/messages/${draft}`,
            headers: json,
            body: { subject: 'Batched' },
          },
          { id: '2', method: 'POST', url: `/me/messages/${draft}/send`, dependsOn: ['1'] },
          { id: '3', method: 'GET', url: '/me/messages/AAkALgDoesNotExistAnywhereAtAll' },
          { id: '4', method: 'GET', url: '/me', dependsOn: ['3'] },
          { id: '5', method: 'POST', url: '/me/messages', headers: json, body: reminderDraft('in-batch') },
        ],
      },
    });
    expect(answer.status).toBe(200);
    const responses = responsesOf(answer.json);
    expect(responses.get('1')).toMatchObject({ status: 200, body: { subject: 'Batched', id: draft } });
    expect(responses.get('2')).toMatchObject({ status: 202 });
    expect(responses.get('3')).toMatchObject({ status: 404, body: { error: { code: 'ErrorItemNotFound' } } });
    expect(responses.get('4')).toMatchObject({ status: 424 });
    expect(responses.get('5')).toMatchObject({
      status: 201,
      headers: { 'Content-Type': expect.stringContaining('application/json') },
    });
    expect(sim.control.dump(USER).sent.map((record) => record.subject)).toEqual(['Batched']);
  });

  it('refuses a malformed batch as a whole with 400', async () => {
    const tooMany = Array.from({ length: 21 }, (_, index) => ({
      id: String(index),
      method: 'GET',
      url: '/me',
    }));
    expect((await graph.request('POST', '/$batch', { body: { requests: tooMany } })).status).toBe(400);
    const noContentType = await graph.request('POST', '/$batch', {
      body: { requests: [{ id: '1', method: 'POST', url: '/me/messages', body: reminderDraft('x') }] },
    });
    expect(noContentType.status).toBe(400);
    expect(noContentType.json).toMatchObject({
      error: { message: expect.stringContaining('does not contain Content-Type header') },
    });
    const duplicate = [
      { id: 'a', method: 'GET', url: '/me' },
      { id: 'A', method: 'GET', url: '/me' },
    ];
    expect((await graph.request('POST', '/$batch', { body: { requests: duplicate } })).status).toBe(400);
    const unknownDependency = [{ id: '1', method: 'GET', url: '/me', dependsOn: ['9'] }];
    expect((await graph.request('POST', '/$batch', { body: { requests: unknownDependency } })).status).toBe(
      400,
    );
    expect(sim.control.dump(USER).folders.drafts).toHaveLength(0);
  });

  it('throttles the 31st send in a minute with 429 and Retry-After, which CORS does not expose at top level', async () => {
    const ids: string[] = [];
    for (let index = 0; index < 31; index += 1) {
      ids.push(
        str(
          (await graph.request('POST', '/me/messages', { body: reminderDraft(`rate-${index}`) })).json,
          'id',
        ),
      );
    }
    for (const id of ids.slice(0, 30))
      expect((await graph.request('POST', `/me/messages/${id}/send`)).status).toBe(202);

    const throttled = await graph.request('POST', `/me/messages/${ids[30] ?? ''}/send`, {
      headers: { Origin: ORIGIN },
    });
    expect(throttled.status).toBe(429);
    expect(throttled.json).toMatchObject({ error: { code: 'ApplicationThrottled' } });
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(throttled.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    const exposed = (throttled.headers.get('access-control-expose-headers') ?? '').toLowerCase();
    expect(exposed).toContain('location');
    expect(exposed).not.toContain('retry-after');

    // Inside $batch, Retry-After is part of the body: a browser can read it.
    const inBatch = await graph.request('POST', '/$batch', {
      headers: { Origin: ORIGIN },
      body: { requests: [{ id: 's', method: 'POST', url: `/me/messages/${ids[30] ?? ''}/send` }] },
    });
    const response = responsesOf(inBatch.json).get('s');
    expect(response).toMatchObject({
      status: 429,
      headers: { 'Retry-After': expect.stringMatching(/^\d+$/) },
    });

    await sleep(1050); // the "minute" has passed
    expect((await graph.request('POST', `/me/messages/${ids[30] ?? ''}/send`)).status).toBe(202);
    expect(sim.control.dump(USER).sent).toHaveLength(31);
  });

  it('throttles recipients per day, upload bytes per 5 minutes and requests per 10 minutes, as configured', async () => {
    sim.control.configure({
      limits: { recipientsPerDay: 3, uploadBytesPer5Minutes: 100_000, requestsPer10Minutes: 1000 },
    });
    try {
      const fourRecipients = reminderDraft('many', {
        toRecipients: [
          { emailAddress: { address: 'a@rossi.it' } },
          { emailAddress: { address: 'b@rossi.it' } },
        ],
        ccRecipients: [
          { emailAddress: { address: 'c@rossi.it' } },
          { emailAddress: { address: 'd@rossi.it' } },
        ],
      });
      const tooMany = await graph.request('POST', '/me/sendMail', { body: { message: fourRecipients } });
      expect(tooMany.status).toBe(429);
      expect(tooMany.json).toMatchObject({
        error: { message: expect.stringContaining('recipients per day') },
      });

      const draft = str(
        (await graph.request('POST', '/me/messages', { body: reminderDraft('upload') })).json,
        'id',
      );
      const file = {
        '@odata.type': '#microsoft.graph.fileAttachment',
        name: 'a.pdf',
        contentBytes: Buffer.alloc(45_000).toString('base64'),
      };
      expect((await graph.request('POST', `/me/messages/${draft}/attachments`, { body: file })).status).toBe(
        201,
      );
      const overBudget = await graph.request('POST', `/me/messages/${draft}/attachments`, { body: file });
      expect(overBudget.status).toBe(429);
      expect(overBudget.json).toMatchObject({ error: { message: expect.stringContaining('upload') } });

      sim.control.configure({ limits: { requestsPer10Minutes: 3 } });
      await sim.control.reset();
      const statuses: number[] = [];
      for (let index = 0; index < 4; index += 1) statuses.push((await graph.request('GET', '/me')).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
    } finally {
      sim.control.configure({
        limits: {
          recipientsPerDay: 10_000,
          uploadBytesPer5Minutes: 150 * 1024 * 1024,
          requestsPer10Minutes: 10_000,
        },
      });
    }
  });

  it('answers a CORS preflight from the task pane', async () => {
    const preflight = await fetch(`${sim.url}/v1.0/me/messages`, {
      method: 'OPTIONS',
      headers: {
        Origin: ORIGIN,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization,content-type,prefer',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(preflight.headers.get('access-control-allow-headers')).toBe('authorization,content-type,prefer');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('PATCH');
  });

  it('lets 4 requests of a mailbox run at once and throttles the 5th (MailboxConcurrency), even inside $batch', async () => {
    sim.control.configure({ latencyMs: 150 });
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => graph.request('GET', '/me/mailFolders/drafts/messages')),
    );
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
    const throttled = answers.find((answer) => answer.status === 429);
    expect(throttled?.json).toMatchObject({
      error: { code: 'ApplicationThrottled', message: expect.stringContaining('MailboxConcurrency') },
    });
    expect(throttled?.headers.get('retry-after')).toBe('1');

    // Another mailbox has its own budget.
    expect((await clientFor(sim, 'luca@example.it').request('GET', '/me')).status).toBe(200);

    const batch = await graph.request('POST', '/$batch', {
      body: {
        requests: Array.from({ length: 6 }, (_, index) => ({
          id: String(index),
          method: 'GET',
          url: '/me/messages?$top=1',
        })),
      },
    });
    const inner = list(batch.json, 'responses').map((response) => response.status);
    expect(inner.filter((status) => status === 200)).toHaveLength(4);
    expect(inner.filter((status) => status === 429)).toHaveLength(2);
  });
});
