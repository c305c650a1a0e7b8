import {
  attachmentRoute,
  CHUNK_BYTES,
  CHUNK_UNIT,
  encodedMessageBytes,
  formatBytes,
  MAX_MESSAGE_BYTES,
  MAX_REQUEST_BYTES,
  MiB,
} from './sizes';

describe('Exchange size rules', () => {
  test('a file goes inline while its base64 request fits in 4 MB, by upload session from 3 MB to 150 MB', () => {
    expect(attachmentRoute(200_000, 'FT 1.pdf')).toBe('inline');
    expect(attachmentRoute(3 * MiB - 4096, 'FT 1.pdf')).toBe('inline');
    // Just under 3 MB: too big for one request once in base64, too small for an upload session.
    expect(attachmentRoute(3 * MiB - 10, 'FT 1.pdf')).toBe('unsendable');
    expect(attachmentRoute(3 * MiB, 'FT 1.pdf')).toBe('session');
    expect(attachmentRoute(150 * MiB, 'FT 1.pdf')).toBe('session');
    expect(attachmentRoute(150 * MiB + 1, 'FT 1.pdf')).toBe('unsendable');
  });

  test('upload chunks are a multiple of 320 KiB and stay under the 4 MB request limit', () => {
    expect(CHUNK_BYTES % CHUNK_UNIT).toBe(0);
    expect(CHUNK_BYTES).toBeLessThan(MAX_REQUEST_BYTES);
    expect(CHUNK_BYTES + CHUNK_UNIT).toBeGreaterThan(MAX_REQUEST_BYTES);
  });

  test('attachments count a third bigger once encoded: 26 MB of PDFs is over the 35 MB message limit', () => {
    const message = (bytes: number) =>
      encodedMessageBytes({
        subject: 'Sollecito',
        html: '<p>x</p>',
        recipients: 2,
        attachments: [{ name: 'a.pdf', bytes }],
      });
    expect(message(25 * MiB)).toBeLessThan(MAX_MESSAGE_BYTES);
    expect(message(27 * MiB)).toBeGreaterThan(MAX_MESSAGE_BYTES);
  });

  test('sizes read as the clerk expects', () => {
    expect(formatBytes(3_400_000)).toBe('3.2 MB');
    expect(formatBytes(812 * 1024)).toBe('812 KB');
    expect(formatBytes(10)).toBe('1 KB');
  });
});
