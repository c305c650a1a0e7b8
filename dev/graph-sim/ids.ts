/**
 * Opaque identifiers shaped like Exchange's: base64url text with a recognisable prefix. Default ("REST")
 * message ids start `AAMkAG` and end with `=`; immutable ids start `AAkALg`. Both kinds are accepted in
 * every URL whatever the `Prefer` header says; the header only chooses which kind the answers carry.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';

const token = (bytes: number): string => randomBytes(bytes).toString('base64url');

export const newImmutableId = (): string => `AAkALg${token(42)}`;
export const newRestId = (): string => `AAMkAG${token(45)}=`;
export const newAttachmentId = (): string => `AAMkAGAt${token(42)}=`;
export const newChangeKey = (): string => `CQAAABYAAA${token(15)}`;
export const newConversationId = (): string => `AAQkAG${token(33)}=`;
export const newSessionId = (): string => token(24);
export const newSessionToken = (): string => token(32);
export const newRequestId = (): string => randomUUID();

/** Anything that could be one of our item ids; other text is "malformed" (400), not "not found" (404). */
export const looksLikeItemId = (id: string): boolean => /^AA[A-Za-z0-9_-]{16,}=?$/.test(id);

const digest = (text: string): string => createHash('sha256').update(text).digest('base64url');

/** A folder's opaque id, stable for a mailbox across restarts. */
export const folderIdOf = (user: string, folder: string): string =>
  `AQMkAD${digest(`${user}\u0000${folder}`).slice(0, 40)}AAA=`;

/** A user's directory object id (a GUID), stable for an address. */
export function userObjectIdOf(user: string): string {
  const hex = createHash('sha256').update(user.toLowerCase()).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Graph's timestamps: ISO 8601 UTC without milliseconds. */
export const graphTime = (epochMs: number): string =>
  new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
