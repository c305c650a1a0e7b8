/**
 * Attachments on the simulator: small files inline (base64), large ones through an upload session in
 * chunks, with the session's rules (Content-Range in order, no Authorization header, 4 MB per request),
 * and the 35 MB limit on a message that is sent.
 */
import type { GraphSim } from '../../dev/graph-sim';
import { answerOf, clientFor, list, reminderDraft, startTestSim, str, type GraphClient } from './client';

const USER = 'marta@example.it';
const MB = 1024 * 1024;

/** Deterministic bytes, so a corrupted reassembly would show. */
const bytes = (size: number, seed = 7): Buffer => {
  const buffer = Buffer.alloc(size);
  for (let index = 0; index < size; index += 1) buffer[index] = (index * 31 + seed) & 0xff;
  return buffer;
};

const put = async (
  uploadUrl: string,
  chunk: Uint8Array,
  range: string,
  headers: Record<string, string> = {},
) =>
  answerOf(
    await fetch(uploadUrl, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/octet-stream', 'Content-Range': range, ...headers },
      // A copy: fetch's types want bytes backed by a plain ArrayBuffer.
      body: new Uint8Array(chunk),
    }),
  );

describe('graph-sim: attachments', () => {
  let sim: GraphSim;
  let graph: GraphClient;
  let draftId: string;

  beforeAll(async () => {
    sim = await startTestSim();
  });
  afterAll(() => sim.close());
  beforeEach(async () => {
    await sim.control.reset();
    graph = clientFor(sim, USER);
    draftId = str(
      (await graph.request('POST', '/me/messages', { body: reminderDraft('attach') })).json,
      'id',
    );
  });

  const openSession = async (size: number, name = 'FT 2026-118.pdf'): Promise<string> => {
    const created = await graph.request('POST', `/me/messages/${draftId}/attachments/createUploadSession`, {
      body: { AttachmentItem: { attachmentType: 'file', name, size, contentType: 'application/pdf' } },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      nextExpectedRanges: ['0-'],
      expirationDateTime: expect.any(String),
    });
    return str(created.json, 'uploadUrl');
  };

  it('adds a small file as base64 and gives it back', async () => {
    const pdf = bytes(50_000);
    const added = await graph.request('POST', `/me/messages/${draftId}/attachments`, {
      body: {
        '@odata.type': '#microsoft.graph.fileAttachment',
        name: 'FT 2026-001.pdf',
        contentType: 'application/pdf',
        contentBytes: pdf.toString('base64'),
      },
    });
    expect(added.status).toBe(201);
    expect(added.json).toMatchObject({
      name: 'FT 2026-001.pdf',
      size: 50_000,
      contentType: 'application/pdf',
      isInline: false,
    });
    const listed = list((await graph.request('GET', `/me/messages/${draftId}/attachments`)).json);
    expect(listed).toHaveLength(1);
    expect(Buffer.from(str(listed[0], 'contentBytes'), 'base64').equals(pdf)).toBe(true);
    const raw = await fetch(
      `${sim.url}/v1.0/me/messages/${draftId}/attachments/${str(listed[0], 'id')}/$value`,
      {
        headers: { Authorization: `Bearer ${graph.token}` },
      },
    );
    expect(Buffer.from(await raw.arrayBuffer()).equals(pdf)).toBe(true);
    expect((await graph.request('GET', `/me/messages/${draftId}`)).json?.hasAttachments).toBe(true);

    const notBase64 = await graph.request('POST', `/me/messages/${draftId}/attachments`, {
      body: { '@odata.type': '#microsoft.graph.fileAttachment', name: 'x.pdf', contentBytes: '***' },
    });
    expect(notBase64.status).toBe(400);
  });

  it('uploads a large file in chunks through an upload session', async () => {
    const file = bytes(5 * MB + 123, 3);
    const uploadUrl = await openSession(file.length);
    const chunk = 2 * MB;
    for (let start = 0; start < file.length; start += chunk) {
      const end = Math.min(start + chunk, file.length) - 1;
      const answer = await put(
        uploadUrl,
        file.subarray(start, end + 1),
        `bytes ${start}-${end}/${file.length}`,
      );
      if (end + 1 < file.length) {
        expect(answer.status).toBe(200);
        expect(answer.json?.nextExpectedRanges).toEqual([String(end + 1)]);
      } else {
        expect(answer.status).toBe(201);
        expect(answer.headers.get('location')).toMatch(/\/Attachments\('[^']+'\)$/);
      }
    }
    const [attachment] = list((await graph.request('GET', `/me/messages/${draftId}/attachments`)).json);
    expect(attachment).toMatchObject({
      name: 'FT 2026-118.pdf',
      size: file.length,
      contentType: 'application/pdf',
    });
    expect(Buffer.from(str(attachment, 'contentBytes'), 'base64').equals(file)).toBe(true);
  });

  it('refuses a wrong Content-Range, an Authorization header and a body over 4 MB on chunks', async () => {
    const size = 4 * MB;
    const uploadUrl = await openSession(size);
    const first = bytes(MB);

    const withToken = await put(uploadUrl, first, `bytes 0-${MB - 1}/${size}`, {
      Authorization: `Bearer ${graph.token}`,
    });
    expect(withToken.status).toBe(401);
    expect(withToken.json).toMatchObject({ error: { code: 'InvalidAudienceForResource' } });

    expect((await put(uploadUrl, first, `bytes 1-${MB}/${size}`)).status).toBe(416); // does not start at 0
    expect((await put(uploadUrl, first, `bytes 0-${MB - 1}/${size + 1}`)).status).toBe(400); // another total
    expect((await put(uploadUrl, first, `bytes 0-${MB}/${size}`)).status).toBe(400); // length disagrees
    expect((await put(uploadUrl, first, 'bytes=0-10')).status).toBe(400); // malformed

    expect((await put(uploadUrl, first, `bytes 0-${MB - 1}/${size}`)).status).toBe(200);
    expect((await put(uploadUrl, first, `bytes 0-${MB - 1}/${size}`)).status).toBe(416); // overlap: already received
    const tail = bytes(3 * MB);
    expect((await put(uploadUrl, tail.subarray(1), `bytes ${MB}-${4 * MB - 1}/${size}`)).status).toBe(400); // one byte short of its range
    expect(
      (await put(uploadUrl, Buffer.concat([tail, Buffer.alloc(1)]), `bytes ${MB}-${4 * MB}/${size}`)).status,
    ).toBe(416); // past the end

    const tooBig = await put(uploadUrl, bytes(4 * MB + 1), `bytes ${MB}-${5 * MB}/${size}`);
    expect(tooBig.status).toBe(413);

    expect((await put(`${uploadUrl}x`, tail, `bytes ${MB}-${4 * MB - 1}/${size}`)).status).toBe(401); // wrong authtoken
    expect((await put(uploadUrl, tail, `bytes ${MB}-${4 * MB - 1}/${size}`)).status).toBe(201);
  });

  it('refuses any Graph request body over 4 MB with 413, and upload sessions under 3 MB', async () => {
    const big = await graph.request('POST', `/me/messages/${draftId}/attachments`, {
      body: {
        '@odata.type': '#microsoft.graph.fileAttachment',
        name: 'big.pdf',
        contentBytes: bytes(3.1 * MB).toString('base64'),
      },
    });
    expect(big.status).toBe(413);
    expect(big.json).toMatchObject({ error: { code: 'RequestEntityTooLarge' } });
    const small = await graph.request('POST', `/me/messages/${draftId}/attachments/createUploadSession`, {
      body: { attachmentItem: { attachmentType: 'file', name: 'small.pdf', size: 1000 } },
    });
    expect(small.json).toMatchObject({
      error: { code: 'ErrorAttachmentSizeShouldNotBeLessThanMinimumSize' },
    });
    const huge = await graph.request('POST', `/me/messages/${draftId}/attachments/createUploadSession`, {
      body: { attachmentItem: { attachmentType: 'file', name: 'huge.pdf', size: 151 * MB } },
    });
    expect(huge.status).toBe(400);
  });

  it('will not send a message over 35 MB once encoded', async () => {
    const size = 27 * MB; // 36 MB as base64
    const uploadUrl = await openSession(size, 'archive.pdf');
    const chunk = bytes(4 * MB);
    for (let start = 0; start < size; start += 4 * MB) {
      const end = Math.min(start + 4 * MB, size) - 1;
      const answer = await put(
        uploadUrl,
        chunk.subarray(0, end - start + 1),
        `bytes ${start}-${end}/${size}`,
      );
      expect(answer.status).toBe(end + 1 < size ? 200 : 201);
    }
    const refused = await graph.request('POST', `/me/messages/${draftId}/send`);
    expect(refused.status).toBe(400);
    expect(refused.json).toMatchObject({ error: { code: 'ErrorMessageSizeExceeded' } });
    expect(sim.control.dump(USER).folders.drafts).toHaveLength(1);
    expect(sim.control.dump(USER).sent).toEqual([]);
  });
});
