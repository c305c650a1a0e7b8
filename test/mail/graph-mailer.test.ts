/**
 * The Graph mailer against the simulator over HTTP: tagged drafts found again by key and by immutable id,
 * attachments inline and through upload sessions (chunks of 320 KiB multiples under 4 MB, no
 * Authorization header), `Prefer: IdType="ImmutableId"` on every request, the 35 MB rule, and how it
 * meets 401, a restricted mailbox and throttling without `Retry-After`.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startGraphSim, type GraphSim } from '../../dev/graph-sim';
import type { TokenProvider } from '../../src/auth/token-provider';
import { GraphMailer, type DraftMessage } from '../../src/mail/graph-mailer';
import { MailError } from '../../src/mail/mail-error';
import { KEY_PROPERTY_ID } from '../../src/mail/message-tags';
import { RequestGate } from '../../src/mail/request-gate';
import { CHUNK_UNIT, MAX_REQUEST_BYTES } from '../../src/mail/sizes';
import { fakePdf } from './harness';

jest.setTimeout(20_000);

const USER = 'marta.rossi@solleciti.example';
const KEY = 'a'.repeat(64);
let sim: GraphSim;

interface Seen {
  readonly method: string;
  readonly url: string;
  readonly headers: Headers;
  readonly bytes: number;
}

beforeAll(async () => {
  sim = await startGraphSim({ port: 0, dataDir: null, sentItemsDelayMs: 150 });
});
afterAll(() => sim.close());
beforeEach(() => sim.control.reset());

function mailerFor(tokens?: TokenProvider) {
  const seen: Seen[] = [];
  const recording: typeof fetch = async (input, init) => {
    const body = init?.body;
    seen.push({
      method: init?.method ?? 'GET',
      url: String(input),
      headers: new Headers(init?.headers),
      bytes:
        typeof body === 'string' ? Buffer.byteLength(body) : body instanceof Uint8Array ? body.length : 0,
    });
    return fetch(input, init);
  };
  let fetched = 0;
  const provider: TokenProvider = tokens ?? {
    description: 'sim',
    invalidate: () => undefined,
    getToken: async () => (fetched++, sim.control.issueToken(USER)),
  };
  const mailer = new GraphMailer({
    baseUrl: `${sim.url}/v1.0`,
    tokens: provider,
    fetch: recording,
    backoffMs: 5,
    maxBackoffMs: 50,
    retries: 8,
    gate: new RequestGate(),
  });
  return { mailer, seen, tokensFetched: () => fetched };
}

const draft = (key = KEY): DraftMessage => ({
  key,
  items: [
    ['I2', 0],
    ['I1', 1],
  ],
  subject: 'Sollecito di pagamento – Rossi Srl',
  html: '<p>Gentile cliente &amp; C.</p>',
  to: [{ address: 'amministrazione@rossi.example', name: 'Rossi Srl' }],
  cc: [{ address: 'agente@solleciti.example' }],
  fingerprint: 'f'.repeat(64),
});

test('a draft is tagged, found by key in Drafts and by immutable id, sent, then found in Sent Items once it arrives', async () => {
  const { mailer, seen } = mailerFor();
  const created = await mailer.createDraft(draft());
  expect(created).toMatchObject({
    state: 'draft',
    folder: 'drafts',
    to: ['amministrazione@rossi.example'],
    cc: ['agente@solleciti.example'],
  });
  expect(await mailer.findByKey(KEY, 'drafts')).toMatchObject([
    {
      id: created.id,
      key: KEY,
      items: [
        ['I1', 1],
        ['I2', 0],
      ],
      fingerprint: 'f'.repeat(64),
    },
  ]);
  expect(await mailer.findByKey('b'.repeat(64), 'drafts')).toEqual([]);

  await mailer.send(created.id);
  // In transit: not found anywhere — which must not be read as "not sent".
  expect(await mailer.getMessage(created.id)).toBeUndefined();
  expect(await mailer.findByKey(KEY, 'sentitems')).toEqual([]);
  await new Promise((resolve) => setTimeout(resolve, 200));
  const sent = await mailer.getMessage(created.id);
  expect(sent).toMatchObject({ id: created.id, state: 'sent', folder: 'sentitems', key: KEY });
  expect(sent?.sentAt).toBeGreaterThan(Date.now() - 60_000);
  expect(await mailer.findByKey(KEY, 'sentitems')).toMatchObject([{ id: created.id, state: 'sent' }]);
  // Sending the same draft again cannot send it twice.
  await expect(mailer.send(created.id)).rejects.toMatchObject({ reason: 'invalid_operation' });
  expect(sim.control.dump(USER).sent).toHaveLength(1);

  expect(seen.length).toBeGreaterThan(5);
  for (const request of seen) expect(request.headers.get('prefer')).toBe('IdType="ImmutableId"');
  const [stored] = sim.control.dump(USER).folders.sentitems;
  expect(
    stored?.singleValueExtendedProperties.find((p) => p.id.toLowerCase() === KEY_PROPERTY_ID.toLowerCase())
      ?.value,
  ).toBe(KEY);
});

test('a draft rewritten with PATCH, deleted to Deleted Items, and then seen as discarded', async () => {
  const { mailer } = mailerFor();
  const created = await mailer.createDraft(draft());
  await mailer.updateDraft(created.id, { ...draft(), subject: 'Nuovo oggetto', fingerprint: 'e'.repeat(64) });
  expect(await mailer.getMessage(created.id)).toMatchObject({ state: 'draft', fingerprint: 'e'.repeat(64) });
  expect(sim.control.dump(USER).folders.drafts[0]?.subject).toBe('Nuovo oggetto');
  await mailer.deleteMessage(created.id);
  expect(await mailer.getMessage(created.id)).toMatchObject({ state: 'discarded', folder: 'deleteditems' });
  expect(await mailer.findByKey(KEY, 'drafts')).toEqual([]);
  await mailer.deleteMessage(created.id); // again: purged
  await mailer.deleteMessage(created.id); // gone: not an error
  expect(await mailer.getMessage(created.id)).toBeUndefined();
});

test('PDFs under 3 MB go inline; bigger ones through an upload session in 320 KiB-multiple chunks without Authorization', async () => {
  const { mailer, seen } = mailerFor();
  const { id } = await mailer.createDraft(draft());
  const small = fakePdf('small', 200_000);
  const large = fakePdf('large', 9_600_000);
  await mailer.attach(id, { name: 'FT 2026-1.pdf', bytes: new Uint8Array(small) });
  await mailer.attach(id, { name: 'FT 2026-2.pdf', bytes: new Uint8Array(large) });
  expect(await mailer.listAttachments(id)).toEqual([
    { id: expect.any(String), name: 'FT 2026-1.pdf', size: 200_000 },
    { id: expect.any(String), name: 'FT 2026-2.pdf', size: 9_600_000 },
  ]);
  const chunks = seen.filter((request) => request.method === 'PUT');
  expect(chunks).toHaveLength(3);
  for (const chunk of chunks) {
    expect(chunk.headers.get('authorization')).toBeNull();
    expect(chunk.bytes).toBeLessThan(MAX_REQUEST_BYTES);
  }
  expect(chunks.slice(0, -1).every((chunk) => chunk.bytes % CHUNK_UNIT === 0)).toBe(true);
  expect(chunks.map((chunk) => chunk.headers.get('content-range'))).toEqual([
    'bytes 0-3932159/9600000',
    'bytes 3932160-7864319/9600000',
    'bytes 7864320-9599999/9600000',
  ]);
  for (const request of seen.filter((r) => r.method !== 'PUT'))
    expect(request.headers.get('authorization')).toMatch(/^Bearer /);
  const [stored] = sim.control.dump(USER).folders.drafts;
  expect(stored?.attachments.map((a) => [a.name, a.size, a.contentType])).toEqual([
    ['FT 2026-1.pdf', 200_000, 'application/pdf'],
    ['FT 2026-2.pdf', 9_600_000, 'application/pdf'],
  ]);
});

test('a 401 gets one fresh token; a second 401 stops with `unauthorized`', async () => {
  let invalidated = 0;
  let calls = 0;
  const tokens: TokenProvider = {
    description: 'stale then fresh',
    invalidate: () => void invalidated++,
    getToken: async () =>
      ++calls === 1
        ? sim.control.issueToken(USER, { expiresIn: 1 }).slice(0, -2) + 'xx'
        : sim.control.issueToken(USER),
  };
  const { mailer } = mailerFor(tokens);
  await mailer.createDraft(draft());
  // One token asked per request (the provider caches), one more after the 401.
  expect({ invalidated, refused: mailer.stats.byStatus.get(401), calls }).toEqual({
    invalidated: 1,
    refused: 1,
    calls: mailer.stats.requests,
  });

  const refused: TokenProvider = {
    description: 'refused',
    invalidate: () => undefined,
    getToken: async () => 'not-a-token',
  };
  const denied = mailerFor(refused).mailer;
  await expect(denied.createDraft(draft())).rejects.toMatchObject({ reason: 'unauthorized', status: 401 });
  expect(denied.stats.byStatus.get(401)).toBe(2);
});

test('a mailbox restricted from sending answers `restricted`; the draft stays a draft', async () => {
  const { mailer } = mailerFor();
  const { id } = await mailer.createDraft(draft());
  sim.control.setRestricted(USER, true);
  const error = await mailer.send(id).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(MailError);
  expect(error).toMatchObject({ reason: 'restricted', uncertain: false });
  expect(await mailer.getMessage(id)).toMatchObject({ state: 'draft' });
});

test('throttling is ridden out by jittered backoff without reading Retry-After; a write whose answer is lost is `uncertain`', async () => {
  const { mailer } = mailerFor();
  sim.control.addFault({ path: '**', kind: 'status', status: 429, retryAfterSeconds: 60, times: 5 });
  const started = Date.now();
  const { id } = await mailer.createDraft(draft());
  expect(Date.now() - started).toBeLessThan(3000);
  expect(mailer.stats.throttled).toBe(5);

  sim.control.addFault({ method: 'POST', path: '/me/messages/*/send', kind: 'commit-then-drop' });
  await expect(mailer.send(id)).rejects.toMatchObject({ reason: 'network', uncertain: true });
  expect(sim.control.dump(USER).sent).toHaveLength(1); // it did go out
  sim.control.addFault({ method: 'GET', path: '/me/messages/*', kind: 'status', status: 503, times: 2 });
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(await mailer.getMessage(id)).toMatchObject({ state: 'sent' }); // reads are retried
});

test('whoAmI names the mailbox the token signs in as, through the same exchange as every call', async () => {
  const { mailer, seen } = mailerFor();
  expect(await mailer.whoAmI()).toBe(USER);
  expect(seen.map(({ method, url }) => `${method} ${url}`)).toEqual([`GET ${sim.url}/v1.0/me`]);
  expect(seen[0]?.headers.get('Prefer')).toBe('IdType="ImmutableId"');
  expect(seen[0]?.headers.get('Authorization')).toMatch(/^Bearer /);

  const refused: TokenProvider = {
    description: 'refused',
    invalidate: () => undefined,
    getToken: async () => 'not-a-token',
  };
  await expect(mailerFor(refused).mailer.whoAmI()).rejects.toMatchObject({
    reason: 'unauthorized',
    status: 401,
  });
});

test('a test copy goes to one address only, untagged and not kept in Sent Items', async () => {
  const { mailer } = mailerFor();
  await mailer.sendTest(draft(), USER);
  const mailbox = sim.control.dump(USER);
  expect(mailbox.sent).toMatchObject([
    { via: 'sendMail', to: [USER], cc: [], singleValueExtendedProperties: [] },
  ]);
  sim.control.deliverPending();
  expect(sim.control.dump(USER).folders.sentitems).toEqual([]);
  expect(mailbox.folders.drafts).toEqual([]);
});

describe('@odata.nextLink', () => {
  it("is followed on Graph's own origin: every tagged draft comes back across pages", async () => {
    const { mailer } = mailerFor();
    for (let i = 0; i < 51; i++) await mailer.createDraft(draft());
    expect(await mailer.findByKey(KEY, 'drafts')).toHaveLength(51);
  });

  it('pointing at another origin is refused with a clear error, and nothing (no token) is sent there', async () => {
    const received: string[] = [];
    const elsewhere = createServer((req, res) => {
      received.push(`${req.method ?? '?'} ${req.url ?? '?'} ${req.headers.authorization ?? ''}`);
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"value":[]}');
    });
    await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
    const elsewhereUrl = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}`;
    try {
      const { mailer, seen } = mailerFor();
      for (let i = 0; i < 51; i++) await mailer.createDraft(draft());
      sim.control.configure({ nextLinkOrigin: elsewhereUrl });
      const failure = await mailer.findByKey(KEY, 'drafts').then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(MailError);
      expect((failure as MailError).reason).toBe('bad_response');
      expect((failure as MailError).message).toContain(`refused to send the Graph token to ${elsewhereUrl}`);
      expect(received).toEqual([]);
      expect(seen.filter((request) => request.url.startsWith(elsewhereUrl))).toEqual([]);
    } finally {
      sim.control.configure({ nextLinkOrigin: '' });
      elsewhere.closeAllConnections();
      await new Promise((resolve) => elsewhere.close(resolve));
    }
  });
});
