/**
 * Fault injection (in-process and over /_sim), the mailbox restricted from sending, persistence across a
 * restart, and the mailbox web page's escaping.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGraphSim, type GraphSim } from '../../dev/graph-sim';
import {
  DRAFTS_KEY_ID,
  answerOf,
  clientFor,
  list,
  reminderDraft,
  startTestSim,
  str,
  type GraphClient,
} from './client';

const USER = 'marta@example.it';

describe('graph-sim: faults, restrictions, persistence and the page', () => {
  let sim: GraphSim;
  let graph: GraphClient;

  beforeAll(async () => {
    sim = await startTestSim();
  });
  afterAll(() => sim.close());
  beforeEach(async () => {
    await sim.control.reset();
    graph = clientFor(sim, USER);
  });

  it('fails the next N matching requests with 503 (and Retry-After when asked), then behaves', async () => {
    sim.control.addFault({
      method: 'POST',
      path: '/me/messages',
      kind: 'status',
      status: 503,
      times: 2,
      retryAfterSeconds: 3,
    });
    const first = await graph.request('POST', '/me/messages', { body: reminderDraft('f') });
    expect(first.status).toBe(503);
    expect(first.headers.get('retry-after')).toBe('3');
    expect(first.json).toMatchObject({ error: { code: 'ServiceUnavailable' } });
    expect((await graph.request('GET', '/me/messages')).status).toBe(200); // another route is not affected
    expect((await graph.request('POST', '/me/messages', { body: reminderDraft('f') })).status).toBe(503);
    expect((await graph.request('POST', '/me/messages', { body: reminderDraft('f') })).status).toBe(201);
    expect(sim.control.dump(USER).folders.drafts).toHaveLength(1);
    expect(sim.control.faults()).toEqual([]);

    // Over HTTP too; and /_sim/reset empties everything.
    await fetch(`${sim.url}/_sim/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ path: '/me/mailFolders/*/messages', kind: 'status', status: 500 }),
    });
    expect((await graph.request('GET', '/me/mailFolders/drafts/messages')).status).toBe(500);
    expect(
      (
        await fetch(`${sim.url}/_sim/reset`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
        })
      ).status,
    ).toBe(200);
    expect(sim.control.dump(USER).folders.drafts).toHaveLength(0);
  });

  it('commits then drops the connection: the client sees a network error, the draft exists', async () => {
    const id = sim.control.addFault({ method: 'POST', path: '/me/messages', kind: 'commit-then-drop' });
    expect(id).toMatch(/^fault-/);
    await expect(graph.request('POST', '/me/messages', { body: reminderDraft('dup') })).rejects.toThrow();
    const found = await graph.request(
      'GET',
      `/me/mailFolders/drafts/messages?$filter=${encodeURIComponent(`singleValueExtendedProperties/any(p: p/id eq '${DRAFTS_KEY_ID}' and p/value eq 'dup')`)}`,
    );
    expect(list(found.json)).toHaveLength(1);
  });

  it('drops a send after committing it, with the rule added over HTTP: the message is sent once', async () => {
    const draft = str(
      (await graph.request('POST', '/me/messages', { body: reminderDraft('sent-once') })).json,
      'id',
    );
    const added = await fetch(`${sim.url}/_sim/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ method: 'POST', path: '/me/messages/*/send', kind: 'commit-then-drop' }),
    });
    expect(added.status).toBe(201);
    await expect(graph.request('POST', `/me/messages/${draft}/send`)).rejects.toThrow();
    const retry = await graph.request('POST', `/me/messages/${draft}/send`);
    // Already in Sent Items (no delay here): no longer a draft, so no second submission.
    expect(retry.json).toMatchObject({ error: { code: 'ErrorInvalidOperation' } });
    const dump = (await answerOf(await fetch(`${sim.url}/_sim/mailbox/${USER}`))).json;
    expect(list(dump, 'sent')).toHaveLength(1);
  });

  it('hangs a request until the client gives up', async () => {
    sim.control.addFault({ path: '/me', kind: 'hang' });
    const started = Date.now();
    await expect(graph.request('GET', '/me', { signal: AbortSignal.timeout(200) })).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect((await graph.request('GET', '/me')).status).toBe(200);
  });

  it('refuses to send from a mailbox restricted from sending (403), keeping the draft', async () => {
    const draft = str(
      (await graph.request('POST', '/me/messages', { body: reminderDraft('blocked') })).json,
      'id',
    );
    const restricted = await fetch(`${sim.url}/_sim/mailbox/${USER}`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ restricted: true }),
    });
    expect(restricted.status).toBe(200);
    const refused = await graph.request('POST', `/me/messages/${draft}/send`);
    expect(refused.status).toBe(403);
    expect(refused.json).toMatchObject({ error: { code: 'ErrorMessageSubmissionBlocked' } });
    expect(
      (await graph.request('POST', '/me/sendMail', { body: { message: reminderDraft('blocked-2') } })).status,
    ).toBe(403);
    expect(sim.control.dump(USER)).toMatchObject({
      restricted: true,
      sent: [],
      folders: { drafts: [{ subject: 'Sollecito blocked' }] },
    });
    sim.control.setRestricted(USER, false);
    expect((await graph.request('POST', `/me/messages/${draft}/send`)).status).toBe(202);
  });

  it('renders the mailbox page with everything escaped and bodies in sandboxed iframes', async () => {
    const hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>';
    await graph.request('POST', '/me/messages', {
      body: reminderDraft('page', {
        subject: hostile,
        body: { contentType: 'html', content: '<p>Hi</p><script>steal()</script>' },
        toRecipients: [{ emailAddress: { address: 'a@b.it', name: '"><b>Evil</b>' } }],
      }),
    });
    const response = await fetch(`${sim.url}/mailbox`);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await response.text();
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain('<b>Evil</b>');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toMatch(/<iframe sandbox="" [^>]*srcdoc="[^"]*&lt;p&gt;Hi&lt;\/p&gt;/);
    expect(html).toContain('&quot;&gt;&lt;b&gt;Evil&lt;/b&gt;');
  });
});

describe('graph-sim: persistence', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'graph-sim-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('keeps mailboxes, attachments and the restriction flag across a restart', async () => {
    const first = await startGraphSim({ port: 0, dataDir, sentItemsDelayMs: 0 });
    const graph = clientFor(first, USER);
    const draft = str(
      (await graph.request('POST', '/me/messages', { body: reminderDraft('kept') })).json,
      'id',
    );
    await graph.request('POST', `/me/messages/${draft}/attachments`, {
      body: {
        '@odata.type': '#microsoft.graph.fileAttachment',
        name: 'FT 1.pdf',
        contentBytes: Buffer.from('%PDF-1.7 kept').toString('base64'),
      },
    });
    const sent = str(
      (await graph.request('POST', '/me/messages', { body: reminderDraft('gone') })).json,
      'id',
    );
    await graph.request('POST', `/me/messages/${sent}/send`);
    first.control.setRestricted('luca@example.it', true);
    await first.close();

    const second = await startGraphSim({ port: 0, dataDir });
    try {
      const again = clientFor(second, USER);
      const fetched = await again.request('GET', `/me/messages/${draft}?$expand=attachments`);
      expect(fetched.json).toMatchObject({ subject: 'Sollecito kept', isDraft: true });
      expect(
        Buffer.from(str(list(fetched.json, 'attachments')[0], 'contentBytes'), 'base64').toString(),
      ).toBe('%PDF-1.7 kept');
      expect((await again.request('GET', `/me/messages/${sent}`)).json).toMatchObject({ isDraft: false });
      expect(second.control.dump(USER).sent).toHaveLength(1);
      expect(second.control.dump('luca@example.it').restricted).toBe(true);
    } finally {
      await second.close();
    }
  });
});
