/**
 * The Microsoft Graph mailer (docs/rules.md §3): create a tagged draft, attach files (inline under 3 MB, else an
 * upload session in chunks), send, find a reminder again by key in Drafts or Sent Items, tell a draft from
 * a sent message by its immutable id, delete a draft, and say who the token signs in as.
 *
 * Built on plain `fetch` (graph-http.ts) rather than @microsoft/microsoft-graph-client: the SDK's retry
 * middleware repeats requests on its own schedule and reads `Retry-After` — invisible in a browser — while
 * exactly-once sending needs to decide itself which request may be repeated and when; its upload task
 * sends the Authorization header we must not send on chunks; and it would add ~100 KB to the task pane
 * for the eight calls used here.
 */
import type { ItemCycle } from '../domain/communication-key';
import {
  graphRequest,
  type GraphAnswer,
  type GraphCall,
  type GraphExchange,
  type GraphHttpOptions,
} from './graph-http';
import { MailError } from './mail-error';
import { EXPAND_TAGS, filterByKey, readTags, tagsFor } from './message-tags';
import { RequestGate } from './request-gate';
import { attachmentRoute, CHUNK_BYTES } from './sizes';

export interface MailRecipient {
  readonly address: string;
  readonly name?: string;
}

export interface DraftMessage {
  readonly key: string;
  readonly items: readonly ItemCycle[];
  readonly subject: string;
  readonly html: string;
  readonly to: readonly MailRecipient[];
  readonly cc: readonly MailRecipient[];
  /** A hash of what the message says (see message-tags.ts), stored with it. */
  readonly fingerprint: string;
}

export type MailFolder = 'drafts' | 'sentitems' | 'deleteditems' | 'other';

/** A reminder as the mailbox holds it. */
export interface MailboxMessage {
  /** The immutable id. */
  readonly id: string;
  /** `sent` whatever folder the copy is in now; `discarded`: a draft in Deleted Items. */
  readonly state: 'draft' | 'sent' | 'discarded';
  readonly folder: MailFolder;
  /** Epoch ms. */
  readonly createdAt: number;
  /** Epoch ms of the last change Graph recorded (`lastModifiedDateTime`: content, attachments), when given. */
  readonly modifiedAt?: number;
  readonly sentAt?: number;
  readonly to: readonly string[];
  readonly cc: readonly string[];
  readonly key?: string;
  readonly items?: readonly ItemCycle[];
  readonly fingerprint?: string;
}

export interface FileToAttach {
  readonly name: string;
  readonly bytes: Uint8Array<ArrayBuffer>;
  readonly contentType?: string;
}

export interface AttachedFile {
  readonly id: string;
  readonly name: string;
  readonly size: number;
}

export interface MailerStats {
  requests: number;
  /** Answers with status 429. */
  throttled: number;
  /** Requests that got no answer (network fault, timeout). */
  unanswered: number;
  readonly byStatus: Map<number, number>;
}

export type GraphMailerOptions = Omit<GraphHttpOptions, 'gate'> & {
  /** Shared by every request to this mailbox. Default: a new gate (4 at a time). */
  readonly gate?: RequestGate;
};

const SELECT =
  'id,isDraft,parentFolderId,createdDateTime,lastModifiedDateTime,sentDateTime,toRecipients,ccRecipients';

type Json = Readonly<Record<string, unknown>>;
const asObject = (value: unknown): Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
const asString = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const addressesOf = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.flatMap((recipient) => asString(asObject(asObject(recipient).emailAddress).address) ?? [])
    : [];
const recipientJson = ({ address, name }: MailRecipient) => ({
  emailAddress: { address, ...(name !== undefined && name !== '' ? { name } : {}) },
});
const contentOf = (draft: DraftMessage) => ({
  subject: draft.subject,
  body: { contentType: 'html', content: draft.html },
  toRecipients: draft.to.map(recipientJson),
  ccRecipients: draft.cc.map(recipientJson),
  singleValueExtendedProperties: tagsFor(draft.key, draft.items, draft.fingerprint),
});

export class GraphMailer {
  readonly stats: MailerStats = { requests: 0, throttled: 0, unanswered: 0, byStatus: new Map() };
  private readonly http: GraphHttpOptions;
  private readonly watchers = new Set<(exchange: GraphExchange) => void>();
  private folderIds: Promise<Map<string, MailFolder>> | undefined;

  constructor(options: GraphMailerOptions) {
    const onExchange = options.onExchange;
    this.http = {
      ...options,
      gate: options.gate ?? new RequestGate(),
      onExchange: (exchange: GraphExchange) => {
        this.count(exchange.status);
        onExchange?.(exchange);
        for (const watcher of this.watchers) watcher(exchange);
      },
    };
  }

  /** Told about every exchange from now on (status 0: no answer came), e.g. to say Graph is unreachable. */
  watch(watcher: (exchange: GraphExchange) => void): () => void {
    this.watchers.add(watcher);
    return () => this.watchers.delete(watcher);
  }

  private count(status: number): void {
    this.stats.requests += 1;
    if (status === 429) this.stats.throttled += 1;
    if (status === 0) this.stats.unanswered += 1;
    this.stats.byStatus.set(status, (this.stats.byStatus.get(status) ?? 0) + 1);
  }

  private request(call: GraphCall): Promise<GraphAnswer> {
    return graphRequest(this.http, call);
  }

  /**
   * Who the token signs in as (`GET /me`): the mailbox's address (`mail`, else `userPrincipalName`), or
   * undefined when Graph names neither. The settings' "test connection" asks it.
   */
  async whoAmI(signal?: AbortSignal): Promise<string | undefined> {
    const { body } = await this.request({
      method: 'GET',
      url: '/me',
      kind: 'repeatable',
      ...(signal !== undefined ? { signal } : {}),
    });
    const me = asObject(body);
    return asString(me.mail) ?? asString(me.userPrincipalName);
  }

  /**
   * Creates the draft in Drafts, tagged with the key and item list. Not repeatable as such: on an
   * uncertain failure, look for the key in Drafts before creating it again.
   */
  async createDraft(draft: DraftMessage, signal?: AbortSignal): Promise<MailboxMessage> {
    const { body } = await this.request({
      method: 'POST',
      url: '/me/messages',
      kind: 'write',
      json: contentOf(draft),
      ...(signal !== undefined ? { signal } : {}),
    });
    // A new message is a draft in Drafts by definition: no folder lookup here, which could fail after the
    // draft exists and leave it unrecorded (an orphan).
    const json = asObject(body);
    const id = asString(json.id);
    if (id === undefined) throw new MailError('bad_response', 'Graph answered a new draft without an id');
    const created = asString(json.createdDateTime);
    const modified = asString(json.lastModifiedDateTime);
    return {
      id,
      state: 'draft',
      folder: 'drafts',
      createdAt: created !== undefined ? Date.parse(created) : 0,
      ...(modified !== undefined ? { modifiedAt: Date.parse(modified) } : {}),
      to: addressesOf(json.toRecipients),
      cc: addressesOf(json.ccRecipients),
      key: draft.key,
      items: draft.items,
      fingerprint: draft.fingerprint,
    };
  }

  /** Rewrites a draft's subject, body, recipients and tags (repeatable: the same PATCH twice is harmless). */
  async updateDraft(id: string, draft: DraftMessage, signal?: AbortSignal): Promise<void> {
    await this.request({
      method: 'PATCH',
      url: `/me/messages/${encodeURIComponent(id)}`,
      kind: 'repeatable',
      json: contentOf(draft),
      ...(signal !== undefined ? { signal } : {}),
    });
  }

  /** The message with this immutable id, wherever it is; undefined when Graph does not find it. */
  async getMessage(id: string, signal?: AbortSignal): Promise<MailboxMessage | undefined> {
    try {
      const { body } = await this.request({
        method: 'GET',
        url: `/me/messages/${encodeURIComponent(id)}?$select=${SELECT}&$expand=${encodeURIComponent(EXPAND_TAGS)}`,
        kind: 'repeatable',
        ...(signal !== undefined ? { signal } : {}),
      });
      return await this.messageOf(body);
    } catch (error) {
      if (error instanceof MailError && error.reason === 'not_found') return undefined;
      throw error;
    }
  }

  /** The messages tagged with `key` in one folder, oldest first. Sent Items may lag behind a send. */
  async findByKey(
    key: string,
    folder: 'drafts' | 'sentitems',
    signal?: AbortSignal,
  ): Promise<MailboxMessage[]> {
    const found: MailboxMessage[] = [];
    let url: string | undefined =
      `/me/mailFolders/${folder}/messages?$filter=${encodeURIComponent(filterByKey(key))}` +
      `&$select=${SELECT}&$expand=${encodeURIComponent(EXPAND_TAGS)}&$top=50`;
    while (url !== undefined) {
      const { body } = await this.request({
        method: 'GET',
        url,
        kind: 'repeatable',
        ...(signal !== undefined ? { signal } : {}),
      });
      const page = asObject(body);
      const value = Array.isArray(page.value) ? page.value : [];
      for (const message of value) found.push(await this.messageOf(message));
      url = asString(page['@odata.nextLink']);
    }
    return found.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** A message's attachments (id, name, size), in the order Graph lists them. */
  async listAttachments(id: string, signal?: AbortSignal): Promise<AttachedFile[]> {
    const { body } = await this.request({
      method: 'GET',
      url: `/me/messages/${encodeURIComponent(id)}/attachments?$select=id,name,size`,
      kind: 'repeatable',
      ...(signal !== undefined ? { signal } : {}),
    });
    const value = asObject(body).value;
    return (Array.isArray(value) ? value : []).flatMap((attachment) => {
      const { id: attachmentId, name, size } = asObject(attachment);
      return typeof attachmentId === 'string' && typeof name === 'string' && typeof size === 'number'
        ? [{ id: attachmentId, name, size }]
        : [];
    });
  }

  /** Removes one attachment from a draft. One already gone is not an error. */
  async deleteAttachment(id: string, attachmentId: string, signal?: AbortSignal): Promise<void> {
    try {
      await this.request({
        method: 'DELETE',
        url: `/me/messages/${encodeURIComponent(id)}/attachments/${encodeURIComponent(attachmentId)}`,
        kind: 'repeatable',
        ...(signal !== undefined ? { signal } : {}),
      });
    } catch (error) {
      if (!(error instanceof MailError && error.reason === 'not_found')) throw error;
    }
  }

  /**
   * Adds a file to a draft: inline (base64) under 3 MB, else through an upload session in chunks of
   * 3.75 MiB without the Authorization header. Not repeatable as such: on an uncertain failure, list the
   * attachments before adding it again. Throws `invalid_request` for a file no route can carry.
   */
  async attach(id: string, file: FileToAttach, signal?: AbortSignal): Promise<void> {
    const route = attachmentRoute(file.bytes.length, file.name);
    const contentType = file.contentType ?? 'application/pdf';
    const base = `/me/messages/${encodeURIComponent(id)}/attachments`;
    const withSignal = signal !== undefined ? { signal } : {};
    if (route === 'unsendable')
      throw new MailError(
        'too_large',
        `${file.name} (${file.bytes.length} bytes) fits neither inline nor in an upload session`,
      );
    if (route === 'inline') {
      await this.request({
        method: 'POST',
        url: base,
        kind: 'write',
        json: {
          '@odata.type': '#microsoft.graph.fileAttachment',
          name: file.name,
          contentType,
          contentBytes: toBase64(file.bytes),
        },
        ...withSignal,
      });
      return;
    }
    const { body } = await this.request({
      method: 'POST',
      url: `${base}/createUploadSession`,
      kind: 'write',
      json: {
        AttachmentItem: { attachmentType: 'file', name: file.name, size: file.bytes.length, contentType },
      },
      ...withSignal,
    });
    const uploadUrl = asString(asObject(body).uploadUrl);
    if (uploadUrl === undefined)
      throw new MailError('bad_response', `Graph createUploadSession for ${file.name}: no uploadUrl`);
    const size = file.bytes.length;
    for (let start = 0; start < size; start += CHUNK_BYTES) {
      const end = Math.min(size, start + CHUNK_BYTES) - 1;
      // The upload URL is pre-authenticated: an Authorization header here is refused (401).
      await this.request({
        method: 'PUT',
        url: uploadUrl,
        kind: 'write',
        authenticated: false,
        bytes: file.bytes.subarray(start, end + 1),
        headers: {
          'Content-Range': `bytes ${start}-${end}/${size}`,
          'Content-Type': 'application/octet-stream',
        },
        ...withSignal,
      });
    }
  }

  /**
   * Sends a draft (202). Graph never submits one draft twice, so repeating `send` with the same id cannot
   * duplicate a reminder; a draft already sent answers an error (or 404 while in transit).
   */
  async send(id: string, signal?: AbortSignal): Promise<void> {
    await this.request({
      method: 'POST',
      url: `/me/messages/${encodeURIComponent(id)}/send`,
      kind: 'write',
      ...(signal !== undefined ? { signal } : {}),
    });
  }

  /**
   * Sends a test copy of a reminder to one address (the clerk's own): `sendMail`, untagged and not kept
   * in Sent Items, so it can never be mistaken for the reminder itself. Not recorded anywhere.
   */
  async sendTest(
    message: Pick<DraftMessage, 'subject' | 'html'>,
    to: string,
    signal?: AbortSignal,
  ): Promise<void> {
    await this.request({
      method: 'POST',
      url: '/me/sendMail',
      kind: 'write',
      json: {
        message: {
          subject: message.subject,
          body: { contentType: 'html', content: message.html },
          toRecipients: [recipientJson({ address: to })],
        },
        saveToSentItems: false,
      },
      ...(signal !== undefined ? { signal } : {}),
    });
  }

  /** Deletes a message (Outlook moves it to Deleted Items). One already gone is not an error. */
  async deleteMessage(id: string, signal?: AbortSignal): Promise<void> {
    try {
      await this.request({
        method: 'DELETE',
        url: `/me/messages/${encodeURIComponent(id)}`,
        kind: 'repeatable',
        ...(signal !== undefined ? { signal } : {}),
      });
    } catch (error) {
      if (!(error instanceof MailError && error.reason === 'not_found')) throw error;
    }
  }

  private async messageOf(value: unknown): Promise<MailboxMessage> {
    const json = asObject(value);
    const id = asString(json.id);
    if (id === undefined) throw new MailError('bad_response', 'Graph answered a message without an id');
    const folders = await this.folders();
    const folder = folders.get(asString(json.parentFolderId) ?? '') ?? 'other';
    const isDraft = json.isDraft !== false;
    const sent = asString(json.sentDateTime);
    const created = asString(json.createdDateTime);
    const modified = asString(json.lastModifiedDateTime);
    const tags = readTags(json.singleValueExtendedProperties);
    return {
      id,
      state: !isDraft ? 'sent' : folder === 'deleteditems' ? 'discarded' : 'draft',
      folder,
      createdAt: created !== undefined ? Date.parse(created) : 0,
      ...(modified !== undefined ? { modifiedAt: Date.parse(modified) } : {}),
      ...(!isDraft && sent !== undefined ? { sentAt: Date.parse(sent) } : {}),
      to: addressesOf(json.toRecipients),
      cc: addressesOf(json.ccRecipients),
      ...tags,
    };
  }

  /** The ids of the well-known folders, asked once. */
  private folders(): Promise<Map<string, MailFolder>> {
    this.folderIds ??= (async () => {
      const map = new Map<string, MailFolder>();
      for (const folder of ['drafts', 'sentitems', 'deleteditems'] as const) {
        const { body } = await this.request({
          method: 'GET',
          url: `/me/mailFolders/${folder}`,
          kind: 'repeatable',
        });
        const id = asString(asObject(body).id);
        if (id !== undefined) map.set(id, folder);
      }
      return map;
    })().catch((error: unknown) => {
      this.folderIds = undefined;
      throw error;
    });
    return this.folderIds;
  }
}

/** Base64 of bytes, in slices (String.fromCharCode takes a limited number of arguments). */
function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
