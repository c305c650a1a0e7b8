/**
 * The simulator's development routes over HTTP: `/dev/token` and `/_sim/…` take JSON from the pane's
 * origins (or from callers without a browser) and refuse what another web site can send; upload sessions
 * live on another origin than the API, with Graph's CORS, as `outlook.office.com` does for Graph.
 */
import { startGraphSim, type GraphSim } from '../../dev/graph-sim';

const USER = 'marta.rossi@solleciti.example';
const PANE = 'http://localhost:3000';
const EVIL = 'https://evil.example';
let sim: GraphSim;

beforeAll(async () => {
  sim = await startGraphSim({ port: 0, dataDir: null });
});
afterAll(() => sim.close());

const post = (path: string, headers: Record<string, string>, body?: string) =>
  fetch(`${sim.url}${path}`, { method: 'POST', headers, ...(body !== undefined ? { body } : {}) });
const tokenBody = JSON.stringify({ user: USER, audience: 'graph' });

describe('POST /dev/token', () => {
  it('refuses a body that is not JSON, and a foreign browser origin', async () => {
    expect((await post('/dev/token', { 'Content-Type': 'text/plain' }, tokenBody)).status).toBe(415);
    expect((await post('/dev/token', {}, tokenBody)).status).toBe(415);
    const foreign = await post('/dev/token', { 'Content-Type': 'application/json', Origin: EVIL }, tokenBody);
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    expect(await foreign.json()).not.toHaveProperty('access_token');
  });

  it('answers the pane (with CORS for it) and callers without a browser', async () => {
    const pane = await post('/dev/token', { 'Content-Type': 'application/json', Origin: PANE }, tokenBody);
    expect(pane.status).toBe(200);
    expect(pane.headers.get('access-control-allow-origin')).toBe(PANE);
    expect((await post('/dev/token', { 'Content-Type': 'application/json' }, tokenBody)).status).toBe(200);
  });

  it('refuses a foreign preflight, so a browser never sends the JSON request', async () => {
    const preflight = await fetch(`${sim.url}/dev/token`, {
      method: 'OPTIONS',
      headers: {
        Origin: EVIL,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type',
      },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('/_sim/ control routes', () => {
  it('a foreign page can neither reset the mailboxes nor read them', async () => {
    await sim.control.reset();
    const token = sim.control.issueToken(USER);
    const created = await fetch(`${sim.url}/v1.0/me/messages`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ subject: 'kept' }),
    });
    expect(created.status).toBe(201);
    expect((await post('/_sim/reset', {})).status).toBe(415);
    expect((await post('/_sim/reset', { 'Content-Type': 'text/plain', Origin: EVIL })).status).toBe(403);
    expect((await post('/_sim/reset', { 'Content-Type': 'application/json', Origin: EVIL })).status).toBe(
      403,
    );
    expect((await fetch(`${sim.url}/_sim/mailbox/${USER}`, { headers: { Origin: EVIL } })).status).toBe(403);
    expect(sim.control.dump(USER).folders.drafts).toHaveLength(1);

    // The simulator's own page (its origin), the pane and scripts still may.
    expect((await fetch(`${sim.url}/_sim/mailbox/${USER}`, { headers: { Origin: sim.url } })).status).toBe(
      200,
    );
    expect((await post('/_sim/reset', { 'Content-Type': 'application/json', Origin: PANE })).status).toBe(
      200,
    );
    expect(sim.control.dump(USER).folders.drafts).toHaveLength(0);
  });
});

describe('upload sessions', () => {
  it('are handed out on another origin than the API, which answers CORS as Graph does', async () => {
    const token = sim.control.issueToken(USER);
    const auth = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
    const message = (await (
      await fetch(`${sim.url}/v1.0/me/messages`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ subject: 'big' }),
      })
    ).json()) as { id: string };
    const size = 3 * 1024 * 1024 + 10;
    const session = await fetch(
      `${sim.url}/v1.0/me/messages/${encodeURIComponent(message.id)}/attachments/createUploadSession`,
      {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ AttachmentItem: { attachmentType: 'file', name: 'big.pdf', size } }),
      },
    );
    expect(session.status).toBe(201);
    const { uploadUrl } = (await session.json()) as { uploadUrl: string };
    expect(new URL(uploadUrl).origin).toBe(sim.uploadUrl);
    expect(new URL(uploadUrl).origin).not.toBe(new URL(sim.url).origin);
    // The API's origin does not serve upload sessions.
    const onApi = await fetch(uploadUrl.replace(sim.uploadUrl, sim.url), {
      method: 'PUT',
      body: new Uint8Array(1),
    });
    expect(onApi.status).toBe(404);

    const preflight = await fetch(uploadUrl, {
      method: 'OPTIONS',
      headers: {
        Origin: PANE,
        'Access-Control-Request-Method': 'PUT',
        'Access-Control-Request-Headers': 'content-range,content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(PANE);
    const put = await fetch(uploadUrl, {
      method: 'PUT',
      headers: {
        Origin: PANE,
        'Content-Range': `bytes 0-${size - 1}/${size}`,
        'Content-Type': 'application/octet-stream',
      },
      body: new Uint8Array(size),
    });
    expect(put.status).toBe(201);
    expect(put.headers.get('access-control-allow-origin')).toBe(PANE);
    // The rest of this origin is not the API.
    expect(
      (await fetch(`${sim.uploadUrl}/v1.0/me`, { headers: { Authorization: `Bearer ${token}` } })).status,
    ).toBe(404);
  });
});
