/**
 * Exchange's size rules for a message and its attachments (docs/rules.md §3): no request body over 4 MB, files
 * of 3 MB or more through an upload session in chunks (multiples of 320 KiB, each under 4 MB), and no
 * message over 35 MB once encoded (base64 makes attachments a third bigger).
 */
export const MiB = 1024 * 1024;
/** Graph refuses any request body over this (413). */
export const MAX_REQUEST_BYTES = 4 * MiB;
/** Files this size or larger go through an upload session; smaller ones cannot. */
export const UPLOAD_SESSION_MIN_BYTES = 3 * MiB;
export const UPLOAD_SESSION_MAX_BYTES = 150 * MiB;
/** Exchange Online's default maximum message size, measured encoded. */
export const MAX_MESSAGE_BYTES = 35 * MiB;
/** Upload chunks must be multiples of 320 KiB (except the last); 12 × 320 KiB = 3.75 MiB stays under 4 MB. */
export const CHUNK_UNIT = 320 * 1024;
export const CHUNK_BYTES = 12 * CHUNK_UNIT;

/** Bytes of `n` bytes in base64. */
export const base64Length = (n: number): number => 4 * Math.ceil(n / 3);

/** Room the JSON of an inline attachment takes besides its base64 content (name, type, property names). */
const INLINE_JSON_OVERHEAD = 512;

/** How a file goes onto a draft: inline (base64 in one request), by upload session, or not at all. */
export function attachmentRoute(bytes: number, name: string): 'inline' | 'session' | 'unsendable' {
  if (bytes >= UPLOAD_SESSION_MIN_BYTES) return bytes <= UPLOAD_SESSION_MAX_BYTES ? 'session' : 'unsendable';
  // Just under 3 MB a file is too small for a session yet its base64 no longer fits in one request.
  return base64Length(bytes) + name.length * 6 + INLINE_JSON_OVERHEAD <= MAX_REQUEST_BYTES
    ? 'inline'
    : 'unsendable';
}

export interface MessageSizeInput {
  readonly subject: string;
  readonly html: string;
  readonly recipients: number;
  readonly attachments: readonly { readonly name: string; readonly bytes: number }[];
}

/**
 * A conservative estimate of a message's encoded size as Exchange measures it: body and subject as UTF-8,
 * headers, and each attachment in base64 with its MIME part headers.
 */
export function encodedMessageBytes({ subject, html, recipients, attachments }: MessageSizeInput): number {
  const utf8 = (text: string) => new TextEncoder().encode(text).length;
  // The HTML body also travels base64- or quoted-printable-encoded: count it a third bigger.
  const body = base64Length(utf8(html));
  const parts = attachments.reduce(
    (sum, file) => sum + base64Length(file.bytes) + 1024 + utf8(file.name) * 2,
    0,
  );
  return body + utf8(subject) * 2 + 4096 + 256 * recipients + parts;
}

/** "3.4 MB", "812 KB": for sentences the clerk reads. */
export function formatBytes(bytes: number): string {
  if (bytes >= MiB) return `${(bytes / MiB).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
