/**
 * The Graph simulator over real HTTP: drafts with extended properties, ids (default and immutable),
 * listing with $filter/$expand/$select/paging, sending and Sent Items' delay, sendMail, and Graph's
 * strictness with bodies and tokens.
 */
import { signToken } from '../../dev/identity';
import type { GraphSim } from '../../dev/graph-sim';
import {
  DRAFTS_KEY_ID,
  ITEMS_ID,
  clientFor,
  list,
  reminderDraft,
  sleep,
  startTestSim,
  str,
  type GraphClient,
} from './client';

const USER = 'marta@example.it';
const byKey = (key: string): string =>
  `singleValueExtendedProperties/Any(ep: ep/id eq '${DRAFTS_KEY_ID}' and ep/value eq '${key}')`;
const expandKey = `singleValueExtendedProperties($filter=id eq '${DRAFTS_KEY_ID}' or id eq '${ITEMS_ID}')`;

describe('graph-sim: messages', () => {
  let sim: GraphSim;
  let graph: GraphClient;

  beforeAll(async () => {
    sim = await startTestSim();
  });
  afterAll(() => sim.close());
  beforeEach(async () => {
    await sim.control.reset();
    sim.control.configure({ sentItemsDelayMs: 0, sendingLookup: 'notFound' });
    graph = clientFor(sim, USER);
  });

  it('creates a draft with extended properties, finds it by immutable id and by key in Drafts', async () => {
    const created = await graph.request('POST', '/me/messages', { body: reminderDraft('key-1') });
    expect(created.status).toBe(201);
    expect(created.headers.get('preference-applied')).toBe('IdType="ImmutableId"');
    expect(created.json).toMatchObject({ isDraft: true, subject: 'Sollecito key-1', hasAttachments: false });
    // Not expanded: Graph does not return extended properties unless asked.
    expect(created.json?.singleValueExtendedProperties).toBeUndefined();
    const id = str(created.json, 'id');

    const fetched = await graph.request('GET', `/me/messages/${id}?$expand=${encodeURIComponent(expandKey)}`);
    expect(fetched.status).toBe(200);
    expect(fetched.json).toMatchObject({
      id,
      toRecipients: [{ emailAddress: { address: 'amministrazione@rossi.it', name: 'Rossi Srl' } }],
      ccRecipients: [{ emailAddress: { address: 'm.bianchi@example.it', name: 'm.bianchi@example.it' } }],
      body: { contentType: 'html', content: '<p>Gentile cliente, <b>key-1</b></p>' },
      singleValueExtendedProperties: [
        { id: DRAFTS_KEY_ID, value: 'key-1' },
        { id: ITEMS_ID, value: '[["I1",0]]' },
      ],
    });

    await graph.request('POST', '/me/messages', { body: reminderDraft('key-2') });
    const filter = encodeURIComponent(byKey('key-1'));
    const listed = await graph.request(
      'GET',
      `/me/mailFolders/drafts/messages?$filter=${filter}&$expand=${encodeURIComponent(expandKey)}&$select=subject,isDraft&$top=10`,
    );
    expect(listed.status).toBe(200);
    const [only, ...others] = list(listed.json);
    expect(others).toEqual([]);
    expect(only).toEqual({
      '@odata.etag': expect.any(String),
      id,
      subject: 'Sollecito key-1',
      isDraft: true,
      singleValueExtendedProperties: [
        { id: DRAFTS_KEY_ID, value: 'key-1' },
        { id: ITEMS_ID, value: '[["I1",0]]' },
      ],
    });
  });

  it('changes default ids when a message moves to Sent Items, but not immutable ones', async () => {
    const plain = await graph.request('POST', '/me/messages', {
      body: reminderDraft('default-ids'),
      immutable: false,
    });
    expect(plain.headers.get('preference-applied')).toBeNull();
    const defaultId = str(plain.json, 'id');
    const immutableId = str((await graph.request('GET', `/me/messages/${defaultId}`)).json, 'id');
    expect(immutableId).not.toBe(defaultId);

    expect((await graph.request('POST', `/me/messages/${defaultId}/send`, { immutable: false })).status).toBe(
      202,
    );

    const byOldDefault = await graph.request('GET', `/me/messages/${defaultId}`, { immutable: false });
    expect(byOldDefault.status).toBe(404);
    expect(byOldDefault.json).toMatchObject({
      error: { code: 'ErrorItemNotFound', innerError: { 'request-id': expect.any(String) } },
    });

    const byImmutable = await graph.request('GET', `/me/messages/${immutableId}`);
    expect(byImmutable.json).toMatchObject({ id: immutableId, isDraft: false });
    const newDefault = str(
      (await graph.request('GET', `/me/messages/${immutableId}`, { immutable: false })).json,
      'id',
    );
    expect(newDefault).not.toBe(defaultId);
    expect(newDefault).not.toBe(immutableId);
  });

  it('answers 202 to send, empties Drafts at once and fills Sent Items only after the delay', async () => {
    sim.control.configure({ sentItemsDelayMs: 300 });
    const id = str(
      (await graph.request('POST', '/me/messages', { body: reminderDraft('delayed') })).json,
      'id',
    );
    const sent = await graph.request('POST', `/me/messages/${id}/send`);
    expect(sent.status).toBe(202);
    expect(sent.text).toBe('');

    const filter = `?$filter=${encodeURIComponent(byKey('delayed'))}`;
    expect(list((await graph.request('GET', `/me/mailFolders/drafts/messages${filter}`)).json)).toHaveLength(
      0,
    );
    expect(
      list((await graph.request('GET', `/me/mailFolders/sentitems/messages${filter}`)).json),
    ).toHaveLength(0);
    // In transit, the message is not found, even by its immutable id: "not found" is not "not sent".
    expect((await graph.request('GET', `/me/messages/${id}`)).status).toBe(404);
    expect(sim.control.dump(USER).sent.map((record) => record.subject)).toEqual(['Sollecito delayed']);

    await sleep(350);
    const inSent = list((await graph.request('GET', `/me/mailFolders/sentitems/messages${filter}`)).json);
    expect(inSent).toHaveLength(1);
    expect(inSent[0]).toMatchObject({
      id,
      isDraft: false,
      from: { emailAddress: { address: USER } },
      sentDateTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
    });
  });

  it('can show a message in transit in the Outbox instead of answering 404', async () => {
    sim.control.configure({ sentItemsDelayMs: 60_000, sendingLookup: 'outbox' });
    const id = str(
      (await graph.request('POST', '/me/messages', { body: reminderDraft('outbox') })).json,
      'id',
    );
    await graph.request('POST', `/me/messages/${id}/send`);
    const inTransit = await graph.request('GET', `/me/messages/${id}?$select=isDraft,parentFolderId`);
    const outbox = await graph.request('GET', '/me/mailFolders/outbox');
    expect(inTransit.json).toMatchObject({ isDraft: false, parentFolderId: str(outbox.json, 'id') });
    // Sending it again is refused: it is no longer a draft.
    expect((await graph.request('POST', `/me/messages/${id}/send`)).status).toBe(400);
    sim.control.deliverPending();
    const sentItems = await graph.request('GET', '/me/mailFolders/SentItems');
    expect(
      (await graph.request('GET', `/me/messages/${id}?$select=parentFolderId`)).json?.parentFolderId,
    ).toBe(str(sentItems.json, 'id'));
  });

  it('sends with sendMail (202), keeping a copy in Sent Items unless saveToSentItems is false', async () => {
    const saved = await graph.request('POST', '/me/sendMail', { body: { message: reminderDraft('mail-1') } });
    expect(saved.status).toBe(202);
    const notSaved = await graph.request('POST', '/me/sendMail', {
      body: { Message: reminderDraft('mail-2'), SaveToSentItems: false },
    });
    expect(notSaved.status).toBe(202);
    const sentItems = list((await graph.request('GET', '/me/mailFolders/sentitems/messages')).json);
    expect(sentItems.map((message) => message.subject)).toEqual(['Sollecito mail-1']);
    expect(sim.control.dump(USER).sent.map((record) => [record.via, record.subject])).toEqual([
      ['sendMail', 'Sollecito mail-1'],
      ['sendMail', 'Sollecito mail-2'],
    ]);
  });

  it('refuses an unknown property, a wrong type and malformed JSON with 400 in Graph’s error shape', async () => {
    const unknown = await graph.request('POST', '/me/messages', {
      body: { ...reminderDraft('x'), reminderKey: 'x' },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.json).toEqual({
      error: {
        code: 'RequestBodyRead',
        message: expect.stringContaining(
          "The property 'reminderKey' does not exist on type 'microsoft.graph.message'",
        ),
        innerError: {
          date: expect.any(String),
          'request-id': expect.any(String),
          'client-request-id': expect.any(String),
        },
      },
    });
    const nested = await graph.request('POST', '/me/messages', {
      body: reminderDraft('x', { toRecipients: [{ emailAddress: { address: 'a@b.it', displayName: 'A' } }] }),
    });
    expect(nested.json).toMatchObject({
      error: {
        code: 'RequestBodyRead',
        message: expect.stringContaining(
          "'displayName' does not exist on type 'microsoft.graph.emailAddress'",
        ),
      },
    });
    const badType = await graph.request('POST', '/me/messages', { body: { subject: 42 } });
    expect(badType.status).toBe(400);
    const badJson = await graph.request('POST', '/me/messages', {
      rawBody: '{"subject": ',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(badJson.status).toBe(400);
    expect(badJson.json).toMatchObject({
      error: { code: 'BadRequest', message: expect.stringContaining('Unable to read JSON request payload') },
    });
    const badPropertyId = await graph.request('POST', '/me/messages', {
      body: { singleValueExtendedProperties: [{ id: 'ReminderKey', value: 'x' }] },
    });
    expect(badPropertyId.status).toBe(400);
    expect(await sim.control.dump(USER).folders.drafts).toHaveLength(0);
  });

  it('answers 401 InvalidAuthenticationToken to a missing, expired or foreign token', async () => {
    const missing = await graph.request('GET', '/me/messages', { token: null });
    expect(missing.status).toBe(401);
    expect(missing.json).toMatchObject({
      error: { code: 'InvalidAuthenticationToken', message: 'Access token is empty.' },
    });
    expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer/);

    const expired = signToken({
      user: USER,
      audience: 'graph',
      expiresIn: 60,
      now: Date.now() - 3_600_000,
    }).token;
    const late = await graph.request('GET', '/me/messages', { token: expired });
    expect(late.status).toBe(401);
    expect(late.json).toMatchObject({
      error: { code: 'InvalidAuthenticationToken', message: expect.stringContaining('expired') },
    });

    const erpToken = signToken({ user: USER, audience: 'erp' }).token;
    expect((await graph.request('GET', '/me', { token: erpToken })).status).toBe(401);
  });

  it('issues tokens at POST /dev/token with the configured lifetime, and answers /me from the token', async () => {
    sim.control.configure({ tokenLifetimeSeconds: 120 });
    const response = await fetch(`${sim.url}/dev/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ user: 'Luca@Example.IT', audience: 'graph' }),
    });
    const token = (await response.json()) as { access_token: string; expires_in: number };
    expect(token.expires_in).toBe(120);
    const me = await clientFor(sim, 'luca@example.it', token.access_token).request('GET', '/me');
    expect(me.json).toMatchObject({
      mail: 'luca@example.it',
      userPrincipalName: 'luca@example.it',
      displayName: 'luca',
      id: expect.any(String),
    });
  });

  it('pages with @odata.nextLink and refuses what it cannot do', async () => {
    for (let index = 0; index < 5; index += 1)
      await graph.request('POST', '/me/messages', { body: reminderDraft(`page-${index}`) });
    const first = await graph.request(
      'GET',
      '/me/mailFolders/drafts/messages?$top=2&$select=subject&$count=true',
    );
    expect(first.json?.['@odata.count']).toBe(5);
    const subjects = list(first.json).map((message) => message.subject);
    let next = first.json?.['@odata.nextLink'];
    while (typeof next === 'string') {
      const page = await graph.request('GET', next);
      subjects.push(...list(page.json).map((message) => message.subject));
      next = page.json?.['@odata.nextLink'];
    }
    // Newest first, as Graph lists a folder.
    expect(subjects).toEqual([
      'Sollecito page-4',
      'Sollecito page-3',
      'Sollecito page-2',
      'Sollecito page-1',
      'Sollecito page-0',
    ]);

    expect((await graph.request('GET', '/me/mailFolders/drafts/messages?$select=nope')).status).toBe(400);
    expect((await graph.request('GET', '/me/mailFolders/drafts/messages?$frobnicate=1')).status).toBe(400);
    expect(
      (
        await graph.request(
          'GET',
          `/me/mailFolders/drafts/messages?$filter=${encodeURIComponent("subject eq 'x' and")}`,
        )
      ).status,
    ).toBe(400);
    const inefficient = await graph.request(
      'GET',
      `/me/messages?$filter=${encodeURIComponent(byKey('k'))}&$orderby=createdDateTime desc`,
    );
    expect(inefficient.json).toMatchObject({ error: { code: 'InefficientFilter' } });
    expect((await graph.request('GET', '/me/messages/not-an-id')).json).toMatchObject({
      error: { code: 'ErrorInvalidIdMalformed' },
    });
    expect((await graph.request('GET', '/me/nothing')).status).toBe(400);
    expect((await graph.request('PUT', '/me/messages')).status).toBe(405);
  });

  it('updates a draft, refuses most changes to a sent message, and deletes into Deleted Items', async () => {
    const id = str((await graph.request('POST', '/me/messages', { body: reminderDraft('edit') })).json, 'id');
    const patched = await graph.request('PATCH', `/me/messages/${id}`, {
      body: { subject: 'Changed', singleValueExtendedProperties: [{ id: DRAFTS_KEY_ID, value: 'edit-2' }] },
    });
    expect(patched.status).toBe(200);
    expect(patched.json?.subject).toBe('Changed');
    const found = list(
      (await graph.request('GET', `/me/messages?$filter=${encodeURIComponent(byKey('edit-2'))}`)).json,
    );
    expect(found.map((message) => message.id)).toEqual([id]);

    expect((await graph.request('DELETE', `/me/messages/${id}`)).status).toBe(204);
    const deleted = await graph.request('GET', `/me/messages/${id}?$select=parentFolderId`);
    expect(deleted.json?.parentFolderId).toBe(
      str((await graph.request('GET', '/me/mailFolders/deleteditems')).json, 'id'),
    );
    expect((await graph.request('DELETE', `/me/messages/${id}`)).status).toBe(204);
    expect((await graph.request('GET', `/me/messages/${id}`)).status).toBe(404);

    const sentId = str(
      (await graph.request('POST', '/me/messages', { body: reminderDraft('sent') })).json,
      'id',
    );
    await graph.request('POST', `/me/messages/${sentId}/send`);
    expect(
      (await graph.request('PATCH', `/me/messages/${sentId}`, { body: { subject: 'late' } })).json,
    ).toMatchObject({
      error: { code: 'ErrorInvalidPropertyUpdateSentMessage' },
    });
    expect(
      (await graph.request('PATCH', `/me/messages/${sentId}`, { body: { categories: ['Sollecito'] } }))
        .status,
    ).toBe(200);
  });

  it('refuses to send without valid recipients, or as someone else', async () => {
    const none = str(
      (
        await graph.request('POST', '/me/messages', {
          body: reminderDraft('none', { toRecipients: [], ccRecipients: [] }),
        })
      ).json,
      'id',
    );
    expect((await graph.request('POST', `/me/messages/${none}/send`)).json).toMatchObject({
      error: { code: 'ErrorInvalidRecipients' },
    });
    const other = str(
      (
        await graph.request('POST', '/me/messages', {
          body: reminderDraft('other', { from: { emailAddress: { address: 'boss@example.it' } } }),
        })
      ).json,
      'id',
    );
    const denied = await graph.request('POST', `/me/messages/${other}/send`);
    expect(denied.status).toBe(403);
    expect(denied.json).toMatchObject({ error: { code: 'ErrorSendAsDenied' } });
    expect(sim.control.dump(USER).sent).toEqual([]);
  });
});
