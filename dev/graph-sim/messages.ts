/**
 * Messages: create (drafts), read, update, delete, list a folder (with `$filter`, `$expand`, `$select`,
 * `$orderby`, `$top`/`$skip` paging), send a draft, `sendMail`, `/me`, and the mail folders.
 *
 * Sending follows Exchange Online: `send` answers 202 at once; the draft leaves Drafts immediately, waits
 * in the Outbox for `sentItemsDelayMs`, then appears in Sent Items — with a new default id (the immutable
 * id never changes). While in transit, a GET by id answers 404 or the Outbox item, as configured.
 */
import { randomBytes } from 'node:crypto';
import type { SignedInUser } from './auth';
import type { GraphRequest, GraphResponse, Route, Services } from './context';
import { GraphError, graphErrors } from './errors';
import {
  folderIdOf,
  graphTime,
  looksLikeItemId,
  newAttachmentId,
  newChangeKey,
  newConversationId,
  newImmutableId,
  newRestId,
  userObjectIdOf,
} from './ids';
import { parseItemQuery, parseListQuery } from './odata';
import {
  MESSAGE_PROPERTIES,
  metadataUrl,
  renderAttachment,
  renderFolder,
  renderMessage,
  type AttachmentJson,
  type RenderContext,
} from './representation';
import {
  SEND_MAIL_PARAMETERS,
  canonicalParameters,
  createMessageSchema,
  parseBody,
  readJsonBody,
  requirePropertyId,
  sendMailSchema,
  updateMessageSchema,
  type CreateMessageInput,
  type FileAttachmentInput,
  type UpdateMessageInput,
} from './schemas';
import {
  FOLDERS,
  type ExtendedProperty,
  type FolderName,
  type Mailbox,
  type Recipient,
  type StoredAttachment,
  type StoredMessage,
} from './store';

/** Exchange Online's default maximum message size, measured as encoded (base64 attachments). */
export const MAX_MESSAGE_BYTES = 35 * 1024 * 1024;
const ADDRESS = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** Properties that may still change once a message has been sent. */
const SENT_MESSAGE_UPDATABLE = new Set([
  'isRead',
  'categories',
  'flag',
  'inferenceClassification',
  'singleValueExtendedProperties',
]);

export const renderContextOf = (request: GraphRequest): RenderContext => ({
  user: request.user.address,
  immutable: request.immutable,
  origin: request.origin,
});

const json = (status: number, body: unknown, headers?: Record<string, string>): GraphResponse => ({
  status,
  json: body,
  ...(headers ? { headers } : {}),
});

/** The folder a URL names: a well-known name or the folder's id. */
export function folderNamed(user: string, text: string): FolderName {
  const lower = text.toLowerCase();
  const folder = FOLDERS.find((name) => name === lower || folderIdOf(user, name) === text);
  if (folder === undefined) throw graphErrors.itemNotFound();
  return folder;
}

/**
 * The message an id names, as Graph would find it: any folder, except a message in transit when the
 * configured lookup hides it. Ids that cannot be ours are "malformed" (400), unknown ones "not found".
 */
export function findMessage(services: Services, mailbox: Mailbox, id: string): StoredMessage {
  if (!looksLikeItemId(id)) throw graphErrors.malformedId();
  const message = mailbox.find(id);
  if (message === undefined) throw graphErrors.itemNotFound();
  if (message.folder === 'outbox' && services.config().sendingLookup === 'notFound')
    throw graphErrors.itemNotFound();
  return message;
}

export function requireDraft(message: StoredMessage): void {
  if (!message.isDraft) throw graphErrors.notADraft();
}

const decodeBase64 = (text: string, path: string): Buffer => {
  const compact = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 !== 0) {
    throw graphErrors.invalidValue(path, 'the value is not valid base64.');
  }
  return Buffer.from(compact, 'base64');
};

/** Stores a base64 file attachment's bytes and describes it. */
export async function storeFileAttachment(
  services: Services,
  input: FileAttachmentInput,
  path: string,
): Promise<StoredAttachment> {
  const content = decodeBase64(input.contentBytes, `${path}.contentBytes`);
  const attachment: StoredAttachment = {
    id: newAttachmentId(),
    name: input.name,
    contentType: input.contentType ?? 'application/octet-stream',
    size: content.length,
    isInline: input.isInline ?? false,
    contentId: input.contentId ?? null,
    lastModifiedDateTime: graphTime(services.now()),
  };
  await services.store.blobs.put(attachment.id, content);
  return attachment;
}

function extendedProperties(
  current: readonly ExtendedProperty[],
  updates: readonly ExtendedProperty[],
): ExtendedProperty[] {
  const result = [...current];
  for (const update of updates) {
    const id = requirePropertyId(update.id);
    const index = result.findIndex((property) => property.id === id);
    if (index >= 0) result[index] = { id, value: update.value };
    else result.push({ id, value: update.value });
  }
  return result;
}

function applyUpdate(message: StoredMessage, input: UpdateMessageInput): void {
  if (input.subject !== undefined) message.subject = input.subject ?? '';
  if (input.body !== undefined) message.body = input.body;
  if (input.toRecipients !== undefined) message.toRecipients = input.toRecipients;
  if (input.ccRecipients !== undefined) message.ccRecipients = input.ccRecipients;
  if (input.bccRecipients !== undefined) message.bccRecipients = input.bccRecipients;
  if (input.replyTo !== undefined) message.replyTo = input.replyTo;
  if (input.from !== undefined) message.from = input.from;
  if (input.sender !== undefined) message.sender = input.sender;
  if (input.importance !== undefined) message.importance = input.importance;
  if (input.isRead !== undefined) message.isRead = input.isRead;
  if (input.isReadReceiptRequested !== undefined)
    message.isReadReceiptRequested = input.isReadReceiptRequested;
  if (input.isDeliveryReceiptRequested !== undefined)
    message.isDeliveryReceiptRequested = input.isDeliveryReceiptRequested;
  if (input.categories !== undefined) message.categories = input.categories;
  if (input.flag !== undefined) message.flagStatus = input.flag.flagStatus;
  if (input.inferenceClassification !== undefined)
    message.inferenceClassification = input.inferenceClassification;
  if (input.singleValueExtendedProperties !== undefined) {
    message.singleValueExtendedProperties = extendedProperties(
      message.singleValueExtendedProperties,
      input.singleValueExtendedProperties,
    );
  }
}

/** A new draft from a create body (its inline attachments stored), not yet in any mailbox. */
async function newDraft(
  services: Services,
  user: SignedInUser,
  input: CreateMessageInput,
): Promise<StoredMessage> {
  const now = graphTime(services.now());
  const domain = user.address.slice(user.address.indexOf('@') + 1);
  // Validate the extended property ids before storing any attachment bytes.
  const properties = extendedProperties([], input.singleValueExtendedProperties ?? []);
  const attachments: StoredAttachment[] = [];
  for (const [index, attachment] of (input.attachments ?? []).entries()) {
    attachments.push(await storeFileAttachment(services, attachment, `attachments.${index}`));
  }
  const message: StoredMessage = {
    immutableId: newImmutableId(),
    restId: newRestId(),
    folder: 'drafts',
    isDraft: true,
    createdDateTime: now,
    lastModifiedDateTime: now,
    receivedDateTime: now,
    sentDateTime: null,
    changeKey: newChangeKey(),
    internetMessageId: `<${randomBytes(12).toString('hex')}@${domain}>`,
    conversationId: newConversationId(),
    subject: '',
    body: { contentType: 'text', content: '' },
    from: null,
    sender: null,
    toRecipients: [],
    ccRecipients: [],
    bccRecipients: [],
    replyTo: [],
    importance: 'normal',
    isRead: true,
    isReadReceiptRequested: false,
    isDeliveryReceiptRequested: false,
    categories: [],
    flagStatus: 'notFlagged',
    inferenceClassification: 'focused',
    singleValueExtendedProperties: [],
    attachments,
    deliverAt: null,
    keepInSentItems: true,
  };
  applyUpdate(message, { ...input, singleValueExtendedProperties: undefined });
  message.singleValueExtendedProperties = properties;
  return message;
}

/** Graph's idea of the size of a message on the wire: body, headers, base64 attachments. */
export function encodedSizeOf(message: StoredMessage): number {
  const recipients = [...message.toRecipients, ...message.ccRecipients, ...message.bccRecipients].length;
  const attachments = message.attachments.reduce(
    (sum, attachment) => sum + 4 * Math.ceil(attachment.size / 3) + 512,
    0,
  );
  return (
    Buffer.byteLength(message.body.content) +
    Buffer.byteLength(message.subject) +
    100 * recipients +
    2048 +
    attachments
  );
}

const addressesOf = (recipients: readonly Recipient[]): string[] =>
  recipients.map((recipient) => recipient.emailAddress.address ?? '');

/**
 * Submits a message: the checks Exchange makes (restriction, send-as, recipients, size, limits), then the
 * draft becomes sent: logged, out of Drafts, into the Outbox until its delay has passed.
 */
function submit(
  services: Services,
  mailbox: Mailbox,
  user: SignedInUser,
  message: StoredMessage,
  via: 'send' | 'sendMail',
): void {
  if (mailbox.restricted) throw graphErrors.submissionBlocked();
  const fromAddress = message.from?.emailAddress.address;
  if (fromAddress !== undefined && fromAddress.toLowerCase() !== user.address)
    throw graphErrors.sendAsDenied();
  const all = [...message.toRecipients, ...message.ccRecipients, ...message.bccRecipients];
  if (all.length === 0) throw graphErrors.invalidRecipients('The message has no recipients.');
  const invalid = all.find((recipient) => !ADDRESS.test(recipient.emailAddress.address ?? ''));
  if (invalid !== undefined) {
    throw graphErrors.invalidRecipients(
      `Recipient '${invalid.emailAddress.address ?? ''}' is not resolved. All recipients must be resolved before a message can be submitted.`,
    );
  }
  if (encodedSizeOf(message) > MAX_MESSAGE_BYTES) throw graphErrors.messageTooLarge();
  const now = services.now();
  services.limiter.chargeSend(user.address, all.length, now);

  const me: Recipient = { emailAddress: { name: mailbox.displayName, address: user.address } };
  message.isDraft = false;
  message.sentDateTime = graphTime(now);
  message.receivedDateTime = graphTime(now);
  message.from = message.from ?? me;
  message.sender = message.sender ?? message.from;
  mailbox.recordSent({
    immutableId: message.immutableId,
    internetMessageId: message.internetMessageId,
    via,
    sentDateTime: message.sentDateTime,
    subject: message.subject,
    to: addressesOf(message.toRecipients),
    cc: addressesOf(message.ccRecipients),
    bcc: addressesOf(message.bccRecipients),
    attachments: message.attachments.map(({ name, size }) => ({ name, size })),
    singleValueExtendedProperties: message.singleValueExtendedProperties,
  });
  const delay = services.config().sentItemsDelayMs;
  mailbox.move(message, 'outbox', now);
  message.deliverAt = now + delay;
  if (delay <= 0) mailbox.deliverDue(now);
}

function sortMessages(
  messages: StoredMessage[],
  orderBy: readonly { property: string; descending: boolean }[],
  order: Map<StoredMessage, number>,
): StoredMessage[] {
  const keys = orderBy.length > 0 ? orderBy : [{ property: 'receivedDateTime', descending: true }];
  const valueOf = (message: StoredMessage, property: string): string =>
    property === 'createdDateTime'
      ? message.createdDateTime
      : property === 'lastModifiedDateTime'
        ? message.lastModifiedDateTime
        : property === 'sentDateTime'
          ? (message.sentDateTime ?? '')
          : property === 'subject'
            ? message.subject.toLowerCase()
            : property === 'importance'
              ? message.importance
              : message.receivedDateTime;
  return [...messages].sort((a, b) => {
    for (const key of keys) {
      const difference = valueOf(a, key.property).localeCompare(valueOf(b, key.property));
      if (difference !== 0) return key.descending ? -difference : difference;
    }
    // Same second: creation order, newest first when the main key is descending (as Graph's ties look).
    const tie = (order.get(a) ?? 0) - (order.get(b) ?? 0);
    return keys[0]?.descending === false ? tie : -tie;
  });
}

async function expandedAttachments(services: Services, message: StoredMessage): Promise<AttachmentJson[]> {
  const result: AttachmentJson[] = [];
  for (const attachment of message.attachments)
    result.push(renderAttachment(attachment, await services.store.blobs.get(attachment.id)));
  return result;
}

function nextLink(request: GraphRequest, skip: number, linkOrigin: string): string {
  const parts: string[] = [];
  for (const [name, value] of request.query)
    if (name.toLowerCase() !== '$skip') parts.push(`${name}=${encodeURIComponent(value)}`);
  parts.push(`$skip=${skip}`);
  return `${linkOrigin !== '' ? linkOrigin.replace(/\/+$/, '') : request.origin}/v1.0${request.path}?${parts.join('&')}`;
}

export function messageRoutes(services: Services): Route[] {
  const mailboxOf = (request: GraphRequest): Mailbox => services.mailbox(request.user);

  const getMessage = async (request: GraphRequest, id: string, folder?: string): Promise<GraphResponse> => {
    const query = parseItemQuery(request.query, MESSAGE_PROPERTIES);
    const mailbox = mailboxOf(request);
    const message = findMessage(services, mailbox, id);
    if (folder !== undefined && folderNamed(mailbox.user, folder) !== message.folder)
      throw graphErrors.itemNotFound();
    const context = renderContextOf(request);
    const attachments = query.expand.attachments ? await expandedAttachments(services, message) : undefined;
    return json(200, {
      '@odata.context': metadataUrl(context, 'messages/$entity'),
      ...renderMessage(message, context, query, attachments),
    });
  };

  const listMessages = async (
    request: GraphRequest,
    folderText: string | undefined,
  ): Promise<GraphResponse> => {
    const query = parseListQuery(request.query, MESSAGE_PROPERTIES);
    const mailbox = mailboxOf(request);
    const folder = folderText === undefined ? undefined : folderNamed(mailbox.user, folderText);
    const hideTransit = services.config().sendingLookup === 'notFound';
    const all = mailbox.all();
    const order = new Map(all.map((message, index) => [message, index]));
    const inScope = all.filter((message) =>
      folder === undefined
        ? message.folder !== 'outbox' || !hideTransit
        : message.folder === folder && !(folder === 'outbox' && hideTransit),
    );
    const matching = sortMessages(
      query.filter === null ? inScope : inScope.filter(query.filter.test),
      query.orderBy,
      order,
    );
    const page = matching.slice(query.skip, query.skip + query.top);
    const context = renderContextOf(request);
    const value: Record<string, unknown>[] = [];
    for (const message of page) {
      value.push(
        renderMessage(
          message,
          context,
          query,
          query.expand.attachments ? await expandedAttachments(services, message) : undefined,
        ),
      );
    }
    const more = query.skip + query.top < matching.length;
    return json(200, {
      '@odata.context': metadataUrl(
        context,
        folder === undefined ? 'messages' : `mailFolders('${folderText ?? ''}')/messages`,
      ),
      ...(query.count ? { '@odata.count': matching.length } : {}),
      value,
      ...(more
        ? { '@odata.nextLink': nextLink(request, query.skip + query.top, services.config().nextLinkOrigin) }
        : {}),
    });
  };

  const createMessage = async (request: GraphRequest): Promise<GraphResponse> => {
    const input = parseBody(
      createMessageSchema,
      readJsonBody(request.body, request.headers['content-type']),
      'microsoft.graph.message',
    );
    const mailbox = mailboxOf(request);
    const message = await newDraft(services, request.user, input);
    mailbox.add(message);
    const context = renderContextOf(request);
    return json(201, {
      '@odata.context': metadataUrl(context, 'messages/$entity'),
      ...renderMessage(message, context, {
        select: null,
        expand: { extendedProperties: null, attachments: false },
      }),
    });
  };

  const updateMessage = async (request: GraphRequest, id: string): Promise<GraphResponse> => {
    const body = readJsonBody(request.body, request.headers['content-type']);
    const input = parseBody(updateMessageSchema, body, 'microsoft.graph.message');
    const mailbox = mailboxOf(request);
    const message = findMessage(services, mailbox, id);
    if (!message.isDraft) {
      const blocked = Object.keys(body).find(
        (key) => !SENT_MESSAGE_UPDATABLE.has(key) && key !== '@odata.type',
      );
      if (blocked !== undefined) {
        throw new GraphError(
          400,
          'ErrorInvalidPropertyUpdateSentMessage',
          `Update operation is not allowed on a sent message: '${blocked}' can only be set on a draft.`,
        );
      }
    }
    applyUpdate(message, input);
    mailbox.touch(message, services.now());
    const context = renderContextOf(request);
    return json(200, {
      '@odata.context': metadataUrl(context, 'messages/$entity'),
      ...renderMessage(message, context, {
        select: null,
        expand: { extendedProperties: null, attachments: false },
      }),
    });
  };

  const deleteMessage = async (request: GraphRequest, id: string): Promise<GraphResponse> => {
    const mailbox = mailboxOf(request);
    const message = findMessage(services, mailbox, id);
    // Like Outlook: a delete moves the item to Deleted Items; deleting it there removes it for good.
    if (message.folder === 'deleteditems') mailbox.purge(message);
    else {
      message.deliverAt = null;
      mailbox.move(message, 'deleteditems', services.now());
    }
    return { status: 204 };
  };

  const sendDraft = async (request: GraphRequest, id: string): Promise<GraphResponse> => {
    if (request.body.length > 0 && request.body.toString('utf8').trim() !== '') {
      const body = readJsonBody(request.body, request.headers['content-type']);
      const extra = Object.keys(body)[0];
      if (extra !== undefined) throw graphErrors.unknownProperty(extra, 'microsoft.graph.send');
    }
    const mailbox = mailboxOf(request);
    const message = findMessage(services, mailbox, id);
    requireDraft(message);
    submit(services, mailbox, request.user, message, 'send');
    return { status: 202 };
  };

  const sendMail = async (request: GraphRequest): Promise<GraphResponse> => {
    const raw = canonicalParameters(
      readJsonBody(request.body, request.headers['content-type']),
      SEND_MAIL_PARAMETERS,
    );
    const input = parseBody(sendMailSchema, raw, 'microsoft.graph.sendMail');
    const mailbox = mailboxOf(request);
    const message = await newDraft(services, request.user, input.message);
    message.keepInSentItems = input.saveToSentItems ?? true;
    try {
      mailbox.add(message);
      submit(services, mailbox, request.user, message, 'sendMail');
    } catch (error) {
      // A refused sendMail leaves nothing behind.
      mailbox.purge(message);
      throw error;
    }
    return { status: 202 };
  };

  const me = async (request: GraphRequest): Promise<GraphResponse> => {
    const mailbox = mailboxOf(request);
    return json(200, {
      '@odata.context': `${request.origin}/v1.0/$metadata#users/$entity`,
      businessPhones: [],
      displayName: mailbox.displayName,
      givenName: null,
      jobTitle: null,
      mail: request.user.address,
      mobilePhone: null,
      officeLocation: null,
      preferredLanguage: null,
      surname: null,
      userPrincipalName: request.user.address,
      id: userObjectIdOf(request.user.address),
    });
  };

  const folders = async (request: GraphRequest): Promise<GraphResponse> => {
    const mailbox = mailboxOf(request);
    return json(200, {
      '@odata.context': metadataUrl(renderContextOf(request), 'mailFolders'),
      value: FOLDERS.map((folder) => renderFolder(mailbox, folder)),
    });
  };

  const folder = async (request: GraphRequest, id: string): Promise<GraphResponse> => {
    const mailbox = mailboxOf(request);
    return json(200, {
      '@odata.context': metadataUrl(renderContextOf(request), 'mailFolders/$entity'),
      ...renderFolder(mailbox, folderNamed(mailbox.user, id)),
    });
  };

  const draftsOnly =
    (handler: (request: GraphRequest) => Promise<GraphResponse>) =>
    async (request: GraphRequest, params: readonly string[]) => {
      if (folderNamed(request.user.address, params[0] ?? '') !== 'drafts') {
        throw new GraphError(400, 'ErrorInvalidOperation', 'The simulator creates messages in Drafts only.');
      }
      return handler(request);
    };

  return [
    { method: 'GET', template: '/me', handler: me },
    { method: 'GET', template: '/me/mailFolders', handler: folders },
    {
      method: 'GET',
      template: '/me/mailFolders/{folder}',
      handler: (request, [id]) => folder(request, id ?? ''),
    },
    {
      method: 'GET',
      template: '/me/mailFolders/{folder}/messages',
      handler: (request, [id]) => listMessages(request, id ?? ''),
    },
    { method: 'POST', template: '/me/mailFolders/{folder}/messages', handler: draftsOnly(createMessage) },
    {
      method: 'GET',
      template: '/me/mailFolders/{folder}/messages/{id}',
      handler: (request, [f, id]) => getMessage(request, id ?? '', f ?? ''),
    },
    { method: 'GET', template: '/me/messages', handler: (request) => listMessages(request, undefined) },
    { method: 'POST', template: '/me/messages', handler: createMessage },
    {
      method: 'GET',
      template: '/me/messages/{id}',
      handler: (request, [id]) => getMessage(request, id ?? ''),
    },
    {
      method: 'PATCH',
      template: '/me/messages/{id}',
      handler: (request, [id]) => updateMessage(request, id ?? ''),
    },
    {
      method: 'DELETE',
      template: '/me/messages/{id}',
      handler: (request, [id]) => deleteMessage(request, id ?? ''),
    },
    {
      method: 'POST',
      template: '/me/messages/{id}/send',
      handler: (request, [id]) => sendDraft(request, id ?? ''),
    },
    { method: 'POST', template: '/me/sendMail', handler: sendMail },
  ];
}
