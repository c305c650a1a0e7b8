/**
 * Attachments of a message: add a file (base64, the whole request under 4 MB), list, get, get the raw
 * bytes (`$value`), delete, and open an upload session for files from 3 MB to 150 MB.
 */
import type { GraphRequest, GraphResponse, Route, Services } from './context';
import { GraphError, graphErrors } from './errors';
import { findMessage, renderContextOf, requireDraft, storeFileAttachment } from './messages';
import { metadataUrl, renderAttachment } from './representation';
import {
  UPLOAD_SESSION_PARAMETERS,
  canonicalParameters,
  fileAttachmentSchema,
  parseBody,
  readJsonBody,
  uploadSessionSchema,
} from './schemas';
import type { StoredAttachment, StoredMessage } from './store';
import type { UploadSessions } from './uploads';

export const MIN_UPLOAD_SESSION_BYTES = 3 * 1024 * 1024;
export const MAX_ATTACHMENT_BYTES = 150 * 1024 * 1024;

const findAttachment = (message: StoredMessage, id: string): StoredAttachment => {
  const attachment = message.attachments.find((candidate) => candidate.id === id);
  if (attachment === undefined) throw graphErrors.itemNotFound();
  return attachment;
};

const draftOnly = (message: StoredMessage): void => {
  if (!message.isDraft) {
    throw new GraphError(
      400,
      'ErrorInvalidPropertyUpdateSentMessage',
      'Update operation is not allowed on a sent message: attachments can only change on a draft.',
    );
  }
};

export function attachmentRoutes(services: Services, uploads: UploadSessions): Route[] {
  const messageOf = (request: GraphRequest, id: string): StoredMessage =>
    findMessage(services, services.mailbox(request.user), id);

  const add = async (request: GraphRequest, id: string): Promise<GraphResponse> => {
    const input = parseBody(
      fileAttachmentSchema,
      readJsonBody(request.body, request.headers['content-type']),
      'microsoft.graph.fileAttachment',
    );
    const mailbox = services.mailbox(request.user);
    const message = findMessage(services, mailbox, id);
    draftOnly(message);
    const attachment = await storeFileAttachment(services, input, 'contentBytes');
    message.attachments.push(attachment);
    mailbox.touch(message, services.now());
    const content = await services.store.blobs.get(attachment.id);
    return {
      status: 201,
      json: {
        '@odata.context': metadataUrl(renderContextOf(request), 'messages/attachments/$entity'),
        ...renderAttachment(attachment, content),
      },
    };
  };

  const list = async (request: GraphRequest, id: string): Promise<GraphResponse> => {
    const message = messageOf(request, id);
    const value = [];
    for (const attachment of message.attachments)
      value.push(renderAttachment(attachment, await services.store.blobs.get(attachment.id)));
    return {
      status: 200,
      json: { '@odata.context': metadataUrl(renderContextOf(request), 'messages/attachments'), value },
    };
  };

  const get = async (request: GraphRequest, id: string, attachmentId: string): Promise<GraphResponse> => {
    const attachment = findAttachment(messageOf(request, id), attachmentId);
    return {
      status: 200,
      json: {
        '@odata.context': metadataUrl(renderContextOf(request), 'messages/attachments/$entity'),
        ...renderAttachment(attachment, await services.store.blobs.get(attachment.id)),
      },
    };
  };

  const raw = async (request: GraphRequest, id: string, attachmentId: string): Promise<GraphResponse> => {
    const attachment = findAttachment(messageOf(request, id), attachmentId);
    const data = (await services.store.blobs.get(attachment.id)) ?? Buffer.alloc(0);
    return { status: 200, raw: { contentType: attachment.contentType, data } };
  };

  const remove = async (request: GraphRequest, id: string, attachmentId: string): Promise<GraphResponse> => {
    const mailbox = services.mailbox(request.user);
    const message = findMessage(services, mailbox, id);
    draftOnly(message);
    const attachment = findAttachment(message, attachmentId);
    message.attachments = message.attachments.filter((candidate) => candidate !== attachment);
    mailbox.touch(message, services.now());
    await services.store.blobs.delete(attachment.id);
    return { status: 204 };
  };

  const createUploadSession = async (request: GraphRequest, id: string): Promise<GraphResponse> => {
    const raw = canonicalParameters(
      readJsonBody(request.body, request.headers['content-type']),
      UPLOAD_SESSION_PARAMETERS,
    );
    const { attachmentItem } = parseBody(uploadSessionSchema, raw, 'microsoft.graph.createUploadSession');
    const message = messageOf(request, id);
    requireDraft(message);
    if (attachmentItem.attachmentType !== 'file') {
      throw new GraphError(
        400,
        'ErrorInvalidAttachmentType',
        `The attachment type '${attachmentItem.attachmentType}' cannot be uploaded to a message.`,
      );
    }
    if (attachmentItem.size < MIN_UPLOAD_SESSION_BYTES) {
      throw new GraphError(
        400,
        'ErrorAttachmentSizeShouldNotBeLessThanMinimumSize',
        'Attachment size must be greater than the minimum size.',
      );
    }
    if (attachmentItem.size > MAX_ATTACHMENT_BYTES) {
      throw new GraphError(
        400,
        'ErrorAttachmentSizeLimitExceeded',
        `The attachment exceeds the maximum size of ${MAX_ATTACHMENT_BYTES} bytes.`,
      );
    }
    const session = uploads.create({
      user: request.user.address,
      messageImmutableId: message.immutableId,
      immutable: request.immutable,
      name: attachmentItem.name,
      size: attachmentItem.size,
      contentType: attachmentItem.contentType ?? 'application/octet-stream',
      isInline: attachmentItem.isInline ?? false,
      contentId: attachmentItem.contentId ?? null,
    });
    return {
      status: 201,
      json: {
        '@odata.context': `${request.origin}/v1.0/$metadata#microsoft.graph.uploadSession`,
        uploadUrl: `${services.uploadOrigin(request.origin)}${uploads.pathOf(session)}`,
        expirationDateTime: new Date(session.expiresAt).toISOString(),
        nextExpectedRanges: ['0-'],
      },
    };
  };

  return [
    {
      method: 'GET',
      template: '/me/messages/{id}/attachments',
      handler: (request, [id]) => list(request, id ?? ''),
    },
    {
      method: 'POST',
      template: '/me/messages/{id}/attachments',
      handler: (request, [id]) => add(request, id ?? ''),
    },
    {
      method: 'POST',
      template: '/me/messages/{id}/attachments/createUploadSession',
      handler: (request, [id]) => createUploadSession(request, id ?? ''),
    },
    {
      method: 'GET',
      template: '/me/messages/{id}/attachments/{attachmentId}',
      handler: (request, [id, a]) => get(request, id ?? '', a ?? ''),
    },
    {
      method: 'DELETE',
      template: '/me/messages/{id}/attachments/{attachmentId}',
      handler: (request, [id, a]) => remove(request, id ?? '', a ?? ''),
    },
    {
      method: 'GET',
      template: '/me/messages/{id}/attachments/{attachmentId}/$value',
      handler: (request, [id, a]) => raw(request, id ?? '', a ?? ''),
    },
  ];
}
