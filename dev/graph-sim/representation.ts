/**
 * How stored messages, attachments and folders look on the wire: Graph's JSON, with the id kind the
 * request asked for (`Prefer: IdType="ImmutableId"` or the default ids), `$select` applied, and
 * `singleValueExtendedProperties` present only when expanded, as in Graph.
 */
import { folderIdOf, userObjectIdOf } from './ids';
import type { ItemQuery } from './odata';
import {
  FOLDER_DISPLAY_NAMES,
  type FolderName,
  type Mailbox,
  type Recipient,
  type StoredAttachment,
  type StoredMessage,
} from './store';

export const MESSAGE_PROPERTIES = [
  'id',
  'createdDateTime',
  'lastModifiedDateTime',
  'changeKey',
  'categories',
  'receivedDateTime',
  'sentDateTime',
  'hasAttachments',
  'internetMessageId',
  'subject',
  'bodyPreview',
  'importance',
  'parentFolderId',
  'conversationId',
  'isDeliveryReceiptRequested',
  'isReadReceiptRequested',
  'isRead',
  'isDraft',
  'webLink',
  'inferenceClassification',
  'body',
  'sender',
  'from',
  'toRecipients',
  'ccRecipients',
  'bccRecipients',
  'replyTo',
  'flag',
] as const;

export interface RenderContext {
  readonly user: string;
  readonly immutable: boolean;
  /** `http://host:port`, for `@odata.context` and links. */
  readonly origin: string;
}

export const messageIdFor = (message: StoredMessage, immutable: boolean): string =>
  immutable ? message.immutableId : message.restId;

export function metadataUrl(context: RenderContext, fragment: string): string {
  return `${context.origin}/v1.0/$metadata#users('${userObjectIdOf(context.user)}')/${fragment}`;
}

const recipientJson = (recipient: Recipient): Recipient => ({
  emailAddress: {
    name: recipient.emailAddress.name ?? recipient.emailAddress.address ?? '',
    address: recipient.emailAddress.address ?? '',
  },
});

/** Graph's `bodyPreview`: the text of the body, whitespace collapsed, at most 255 characters. */
export function bodyPreviewOf(message: StoredMessage): string {
  const text =
    message.body.contentType === 'html'
      ? message.body.content
          .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
          .replace(/<[^>]*>/g, ' ')
          .replace(/&nbsp;/g, ' ')
          .replace(/&lt;/g, '<')
          .replace(/&gt;/g, '>')
          .replace(/&quot;/g, '"')
          .replace(/&#39;/g, "'")
          .replace(/&amp;/g, '&')
      : message.body.content;
  return text.replace(/\s+/g, ' ').trim().slice(0, 255);
}

export interface AttachmentJson {
  readonly '@odata.type': '#microsoft.graph.fileAttachment';
  readonly '@odata.mediaContentType': string;
  readonly id: string;
  readonly lastModifiedDateTime: string;
  readonly name: string;
  readonly contentType: string;
  readonly size: number;
  readonly isInline: boolean;
  readonly contentId: string | null;
  readonly contentLocation: null;
  readonly contentBytes?: string;
}

export function renderAttachment(attachment: StoredAttachment, content?: Buffer): AttachmentJson {
  return {
    '@odata.type': '#microsoft.graph.fileAttachment',
    '@odata.mediaContentType': attachment.contentType,
    id: attachment.id,
    lastModifiedDateTime: attachment.lastModifiedDateTime,
    name: attachment.name,
    contentType: attachment.contentType,
    size: attachment.size,
    isInline: attachment.isInline,
    contentId: attachment.contentId,
    contentLocation: null,
    ...(content !== undefined ? { contentBytes: content.toString('base64') } : {}),
  };
}

/** A message as Graph answers it. `attachments` are the expanded attachments (with content), if asked. */
export function renderMessage(
  message: StoredMessage,
  context: RenderContext,
  query: ItemQuery,
  attachments?: readonly AttachmentJson[],
): Record<string, unknown> {
  const id = messageIdFor(message, context.immutable);
  const all: Record<(typeof MESSAGE_PROPERTIES)[number], unknown> = {
    id,
    createdDateTime: message.createdDateTime,
    lastModifiedDateTime: message.lastModifiedDateTime,
    changeKey: message.changeKey,
    categories: message.categories,
    receivedDateTime: message.receivedDateTime,
    sentDateTime: message.sentDateTime,
    hasAttachments: message.attachments.length > 0,
    internetMessageId: message.internetMessageId,
    subject: message.subject,
    bodyPreview: bodyPreviewOf(message),
    importance: message.importance,
    parentFolderId: folderIdOf(context.user, message.folder),
    conversationId: message.conversationId,
    isDeliveryReceiptRequested: message.isDeliveryReceiptRequested,
    isReadReceiptRequested: message.isReadReceiptRequested,
    isRead: message.isRead,
    isDraft: message.isDraft,
    webLink: `https://outlook.office365.com/owa/?ItemID=${encodeURIComponent(id)}&exvsurl=1&viewmodel=ReadMessageItem`,
    inferenceClassification: message.inferenceClassification,
    body: message.body,
    sender: message.sender === null ? null : recipientJson(message.sender),
    from: message.from === null ? null : recipientJson(message.from),
    toRecipients: message.toRecipients.map(recipientJson),
    ccRecipients: message.ccRecipients.map(recipientJson),
    bccRecipients: message.bccRecipients.map(recipientJson),
    replyTo: message.replyTo.map(recipientJson),
    flag: { flagStatus: message.flagStatus },
  };
  const selected =
    query.select === null ? MESSAGE_PROPERTIES : ['id', ...query.select.filter((name) => name !== 'id')];
  const json: Record<string, unknown> = { '@odata.etag': `W/"${message.changeKey}"` };
  for (const name of selected) {
    const key = MESSAGE_PROPERTIES.find((property) => property === name);
    if (key !== undefined) json[key] = all[key];
  }
  const { extendedProperties } = query.expand;
  if (extendedProperties !== null) {
    json.singleValueExtendedProperties = message.singleValueExtendedProperties.filter(extendedProperties);
  }
  if (attachments !== undefined) json.attachments = attachments;
  return json;
}

export function renderFolder(mailbox: Mailbox, folder: FolderName): Record<string, unknown> {
  const messages = mailbox.inFolder(folder);
  return {
    id: folderIdOf(mailbox.user, folder),
    displayName: FOLDER_DISPLAY_NAMES[folder],
    parentFolderId: folderIdOf(mailbox.user, 'msgfolderroot'),
    childFolderCount: 0,
    unreadItemCount: messages.filter((message) => !message.isRead).length,
    totalItemCount: messages.length,
    isHidden: false,
  };
}
