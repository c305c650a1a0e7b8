/**
 * Upload sessions for large attachments (3 MB to 150 MB), as Graph runs them for Outlook items: the
 * `uploadUrl` is pre-authenticated (an `authtoken` in its query), so a chunk `PUT` carrying an
 * `Authorization` header is refused with 401, as Exchange does. Chunks go in order: each `Content-Range`
 * must start where the last one ended (`nextExpectedRanges` is a single `"start"`); a wrong start or an end
 * past the declared size is 416, a malformed range, a different total or a body whose length disagrees
 * with the range is 400, a body over 4 MB is 413. The last chunk answers 201 with the attachment's URL in
 * `Location` and no body; the others 200 with `ExpirationDateTime` (sic: Outlook's casing) and
 * `nextExpectedRanges`. `DELETE` on the URL cancels the session.
 */
import type { GraphResponse, Services } from './context';
import { GraphError, graphErrors } from './errors';
import { graphTime, newAttachmentId, newSessionId, newSessionToken, userObjectIdOf } from './ids';
import type { StoredAttachment } from './store';

export const UPLOAD_PATH_PREFIX = '/outlook/v2.0/attachmentSessions/';
const SESSION_LIFETIME_MS = 15 * 60_000;

export interface UploadSessionSpec {
  readonly user: string;
  readonly messageImmutableId: string;
  /** The session was created with immutable ids: the final `Location` names the message by its immutable id. */
  readonly immutable: boolean;
  readonly name: string;
  readonly size: number;
  readonly contentType: string;
  readonly isInline: boolean;
  readonly contentId: string | null;
}

export interface UploadSession extends UploadSessionSpec {
  readonly id: string;
  readonly token: string;
  readonly expiresAt: number;
  readonly chunks: Buffer[];
  next: number;
}

const rangeError = (status: 400 | 416, message: string): GraphError =>
  new GraphError(status, status === 416 ? 'RangeNotSatisfiable' : 'InvalidContentRange', message);

export class UploadSessions {
  private readonly sessions = new Map<string, UploadSession>();

  constructor(private readonly services: Services) {}

  create(spec: UploadSessionSpec): UploadSession {
    const session: UploadSession = {
      ...spec,
      id: newSessionId(),
      token: newSessionToken(),
      expiresAt: this.services.now() + SESSION_LIFETIME_MS,
      chunks: [],
      next: 0,
    };
    this.sessions.set(session.id, session);
    return session;
  }

  pathOf(session: UploadSession): string {
    return `${UPLOAD_PATH_PREFIX}${session.id}?authtoken=${session.token}`;
  }

  /**
   * The session an upload URL names, or the error to answer: unknown session 404, wrong or missing
   * `authtoken` 401, an `Authorization` header 401 (the URL is pre-authenticated), expired 401.
   */
  authorize(sessionId: string, authtoken: string | null, authorization: string | undefined): UploadSession {
    const session = this.sessions.get(sessionId);
    if (session === undefined) throw graphErrors.itemNotFound();
    if (authtoken !== session.token)
      throw graphErrors.badToken('Access token validation failure: the upload URL is not valid.');
    if (authorization !== undefined) {
      throw new GraphError(
        401,
        'InvalidAudienceForResource',
        "The audience claim value is invalid for current resource. Audience claim is 'https://graph.microsoft.com', request url is the upload URL. Do not send an Authorization header with an upload session's PUT.",
      );
    }
    if (this.services.now() > session.expiresAt) {
      this.sessions.delete(session.id);
      throw graphErrors.badToken('Lifetime validation failed, the upload session has expired.');
    }
    return session;
  }

  cancel(session: UploadSession): GraphResponse {
    this.sessions.delete(session.id);
    return { status: 204 };
  }

  /** One chunk `PUT`. */
  async put(
    session: UploadSession,
    contentRange: string | undefined,
    body: Buffer,
    origin: string,
  ): Promise<GraphResponse> {
    const match = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(contentRange?.trim() ?? '');
    if (match === null)
      throw rangeError(
        400,
        `Content-Range must read 'bytes {start}-{end}/{total}', got '${contentRange ?? ''}'.`,
      );
    const [start, end, total] = [Number(match[1]), Number(match[2]), Number(match[3])];
    if (total !== session.size)
      throw rangeError(
        400,
        `The total in Content-Range (${total}) is not the size declared for the session (${session.size}).`,
      );
    if (end < start) throw rangeError(400, `Content-Range ends (${end}) before it starts (${start}).`);
    if (start !== session.next) {
      throw rangeError(
        416,
        `The next expected range starts at ${session.next}; this chunk starts at ${start}. Upload the bytes in order.`,
      );
    }
    if (end >= session.size)
      throw rangeError(416, `Content-Range ends at ${end}, past the last byte (${session.size - 1}).`);
    if (body.length !== end - start + 1) {
      throw rangeError(
        400,
        `The body has ${body.length} bytes but Content-Range announces ${end - start + 1}.`,
      );
    }
    this.services.limiter.chargeUpload(session.user, body.length);
    session.chunks.push(body);
    session.next = end + 1;
    if (session.next < session.size) {
      return {
        status: 200,
        json: {
          '@odata.context': `${origin}/outlook/v2.0/$metadata#Users('${userObjectIdOf(session.user)}')/Messages('${session.messageImmutableId}')/AttachmentSessions/$entity`,
          ExpirationDateTime: new Date(session.expiresAt).toISOString(),
          nextExpectedRanges: [String(session.next)],
        },
      };
    }
    this.sessions.delete(session.id);
    const mailbox = this.services.mailbox(session.user);
    const message = mailbox.find(session.messageImmutableId);
    if (message === undefined || !message.isDraft) throw graphErrors.itemNotFound();
    const attachment: StoredAttachment = {
      id: newAttachmentId(),
      name: session.name,
      contentType: session.contentType,
      size: session.size,
      isInline: session.isInline,
      contentId: session.contentId,
      lastModifiedDateTime: graphTime(this.services.now()),
    };
    await this.services.store.blobs.put(attachment.id, Buffer.concat(session.chunks));
    message.attachments.push(attachment);
    mailbox.touch(message, this.services.now());
    const messageId = session.immutable ? message.immutableId : message.restId;
    return {
      status: 201,
      headers: {
        Location: `${origin}/outlook/v2.0/Users('${userObjectIdOf(session.user)}')/Messages('${messageId}')/Attachments('${attachment.id}')`,
      },
    };
  }

  reset(): void {
    this.sessions.clear();
  }
}
