/**
 * The simulator's mailboxes: one per signed-in user (the token's `sub`), each with Drafts, Sent Items,
 * Deleted Items, an Outbox holding messages in transit and an Inbox that stays empty, plus a log of every submission (what left the
 * mailbox, whatever happened to the Sent Items copy afterwards — the ground truth for exactly-once tests).
 *
 * State lives in memory and, unless the data dir is `null`, on disk: one JSON file per mailbox under
 * `<dataDir>/mailboxes/`, written atomically shortly after each change, and attachment bytes as files under
 * `<dataDir>/blobs/`. Upload sessions and limit counters are not persisted (a restart forgets them).
 */
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { graphTime, newChangeKey, newRestId } from './ids';

export const FOLDERS = ['inbox', 'drafts', 'sentitems', 'deleteditems', 'outbox'] as const;
export type FolderName = (typeof FOLDERS)[number];
export const FOLDER_DISPLAY_NAMES: Readonly<Record<FolderName, string>> = {
  inbox: 'Inbox',
  drafts: 'Drafts',
  sentitems: 'Sent Items',
  deleteditems: 'Deleted Items',
  outbox: 'Outbox',
};

export interface EmailAddress {
  readonly name?: string;
  readonly address?: string;
}
export interface Recipient {
  readonly emailAddress: EmailAddress;
}
export interface ExtendedProperty {
  readonly id: string;
  readonly value: string;
}
export interface ItemBody {
  readonly contentType: 'text' | 'html';
  readonly content: string;
}
export type Importance = 'low' | 'normal' | 'high';
export type FlagStatus = 'notFlagged' | 'flagged' | 'complete';

export interface StoredAttachment {
  readonly id: string;
  readonly name: string;
  readonly contentType: string;
  /** Bytes of the file. */
  readonly size: number;
  readonly isInline: boolean;
  readonly contentId: string | null;
  readonly lastModifiedDateTime: string;
}

/** A message as the store holds it. Mutable: only the store and the handlers change it. */
export interface StoredMessage {
  immutableId: string;
  /** The default id: it changes whenever the message changes folder, as Exchange's does. */
  restId: string;
  folder: FolderName;
  isDraft: boolean;
  createdDateTime: string;
  lastModifiedDateTime: string;
  receivedDateTime: string;
  sentDateTime: string | null;
  changeKey: string;
  internetMessageId: string;
  conversationId: string;
  subject: string;
  body: ItemBody;
  from: Recipient | null;
  sender: Recipient | null;
  toRecipients: Recipient[];
  ccRecipients: Recipient[];
  bccRecipients: Recipient[];
  replyTo: Recipient[];
  importance: Importance;
  isRead: boolean;
  isReadReceiptRequested: boolean;
  isDeliveryReceiptRequested: boolean;
  categories: string[];
  flagStatus: FlagStatus;
  inferenceClassification: 'focused' | 'other';
  singleValueExtendedProperties: ExtendedProperty[];
  attachments: StoredAttachment[];
  /** In the Outbox: when (epoch ms) the message reaches Sent Items. */
  deliverAt: number | null;
  /** `sendMail` with `saveToSentItems: false`: delivered, but no copy kept. */
  keepInSentItems: boolean;
}

/** One submission: what was sent, to whom, when. */
export interface SentRecord {
  readonly immutableId: string;
  readonly internetMessageId: string;
  readonly via: 'send' | 'sendMail';
  readonly sentDateTime: string;
  readonly subject: string;
  readonly to: readonly string[];
  readonly cc: readonly string[];
  readonly bcc: readonly string[];
  readonly attachments: readonly { readonly name: string; readonly size: number }[];
  readonly singleValueExtendedProperties: readonly ExtendedProperty[];
}

interface MailboxFile {
  readonly version: 1;
  readonly user: string;
  readonly displayName: string;
  readonly restricted: boolean;
  readonly messages: readonly StoredMessage[];
  readonly sent: readonly SentRecord[];
}

export class Mailbox {
  restricted = false;
  readonly sent: SentRecord[] = [];
  private readonly messages = new Map<string, StoredMessage>();
  private readonly restIndex = new Map<string, string>();

  constructor(
    readonly user: string,
    public displayName: string,
    private readonly changed: () => void,
    private readonly dropBlobs: (attachments: readonly StoredAttachment[]) => void,
  ) {}

  /** The message with this immutable or current default id (in any folder, Outbox included). */
  find(id: string): StoredMessage | undefined {
    return this.messages.get(id) ?? this.messages.get(this.restIndex.get(id) ?? '');
  }

  /** Messages in creation order. */
  all(): StoredMessage[] {
    return [...this.messages.values()];
  }

  inFolder(folder: FolderName): StoredMessage[] {
    return this.all().filter((message) => message.folder === folder);
  }

  add(message: StoredMessage): void {
    this.messages.set(message.immutableId, message);
    this.restIndex.set(message.restId, message.immutableId);
    this.changed();
  }

  /** Moves a message to another folder: a new default id, as in Exchange; the immutable id stays. */
  move(message: StoredMessage, folder: FolderName, now: number): void {
    this.restIndex.delete(message.restId);
    message.restId = newRestId();
    message.folder = folder;
    this.restIndex.set(message.restId, message.immutableId);
    this.touch(message, now);
  }

  /** Records a change: new change key and modification time. */
  touch(message: StoredMessage, now: number): void {
    message.lastModifiedDateTime = graphTime(now);
    message.changeKey = newChangeKey();
    this.changed();
  }

  /** Removes a message for good (and its attachment bytes). */
  purge(message: StoredMessage): void {
    this.messages.delete(message.immutableId);
    this.restIndex.delete(message.restId);
    this.dropBlobs(message.attachments);
    this.changed();
  }

  setRestricted(restricted: boolean): void {
    this.restricted = restricted;
    this.changed();
  }

  recordSent(record: SentRecord): void {
    this.sent.push(record);
    this.changed();
  }

  /** Moves every message in transit whose time has come into Sent Items (or drops it, for no-save sends). */
  deliverDue(now: number, all = false): void {
    for (const message of this.messages.values()) {
      if (message.folder !== 'outbox' || message.deliverAt === null || (!all && message.deliverAt > now))
        continue;
      message.deliverAt = null;
      if (message.keepInSentItems) this.move(message, 'sentitems', now);
      else this.purge(message);
    }
  }

  toFile(): MailboxFile {
    return {
      version: 1,
      user: this.user,
      displayName: this.displayName,
      restricted: this.restricted,
      messages: this.all(),
      sent: this.sent,
    };
  }

  load(file: MailboxFile): void {
    this.restricted = file.restricted;
    this.displayName = file.displayName;
    for (const message of file.messages) {
      this.messages.set(message.immutableId, message);
      this.restIndex.set(message.restId, message.immutableId);
    }
    this.sent.push(...file.sent);
  }
}

/** Where attachment bytes live: in memory, or one file per attachment. */
export interface BlobStore {
  put(key: string, data: Buffer): Promise<void>;
  get(key: string): Promise<Buffer | undefined>;
  delete(key: string): Promise<void>;
  clear(): Promise<void>;
}

class MemoryBlobs implements BlobStore {
  private readonly blobs = new Map<string, Buffer>();
  async put(key: string, data: Buffer): Promise<void> {
    this.blobs.set(key, data);
  }
  async get(key: string): Promise<Buffer | undefined> {
    return this.blobs.get(key);
  }
  async delete(key: string): Promise<void> {
    this.blobs.delete(key);
  }
  async clear(): Promise<void> {
    this.blobs.clear();
  }
}

class DiskBlobs implements BlobStore {
  constructor(private readonly dir: string) {}
  private file(key: string): string {
    return join(this.dir, `${encodeURIComponent(key)}.bin`);
  }
  async put(key: string, data: Buffer): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    await writeFile(this.file(key), data);
  }
  async get(key: string): Promise<Buffer | undefined> {
    try {
      return await readFile(this.file(key));
    } catch {
      return undefined;
    }
  }
  async delete(key: string): Promise<void> {
    await rm(this.file(key), { force: true });
  }
  async clear(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}

const WRITE_DELAY_MS = 50;
const fileNameOf = (user: string): string => `${encodeURIComponent(user)}.json`;

export class MailboxStore {
  readonly blobs: BlobStore;
  private readonly mailboxes = new Map<string, Mailbox>();
  private readonly dirty = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();

  private constructor(private readonly dataDir: string | null) {
    this.blobs = dataDir === null ? new MemoryBlobs() : new DiskBlobs(join(dataDir, 'blobs'));
  }

  /** Opens the store, loading every mailbox file under `dataDir` (`null`: memory only). */
  static async open(dataDir: string | null): Promise<MailboxStore> {
    const store = new MailboxStore(dataDir);
    if (dataDir === null) return store;
    const dir = join(dataDir, 'mailboxes');
    await mkdir(dir, { recursive: true });
    for (const name of await readdir(dir)) {
      if (!name.endsWith('.json')) continue;
      const parsed: unknown = JSON.parse(await readFile(join(dir, name), 'utf8'));
      if (!isMailboxFile(parsed))
        throw new Error(`graph-sim: ${join(dir, name)} is not a mailbox file (version 1)`);
      store.mailbox(parsed.user, parsed.displayName).load(parsed);
    }
    return store;
  }

  /** The user's mailbox, created empty on first use. `user` is an address, compared without case. */
  mailbox(user: string, displayName?: string): Mailbox {
    const key = user.toLowerCase();
    let mailbox = this.mailboxes.get(key);
    if (mailbox === undefined) {
      mailbox = new Mailbox(
        key,
        displayName ?? key.slice(0, key.indexOf('@')),
        () => this.markDirty(key),
        (attachments) => {
          for (const attachment of attachments) void this.blobs.delete(attachment.id).catch(() => undefined);
        },
      );
      this.mailboxes.set(key, mailbox);
    } else if (displayName !== undefined && displayName !== mailbox.displayName) {
      mailbox.displayName = displayName;
      this.markDirty(key);
    }
    return mailbox;
  }

  existing(user: string): Mailbox | undefined {
    return this.mailboxes.get(user.toLowerCase());
  }

  users(): string[] {
    return [...this.mailboxes.keys()].sort();
  }

  /** Writes every pending change to disk now. */
  async flush(): Promise<void> {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.writing = this.writing.then(() => this.writeDirty());
    await this.writing;
  }

  /** Empties every mailbox (and the files on disk). */
  async reset(): Promise<void> {
    await this.flush();
    this.mailboxes.clear();
    this.dirty.clear();
    await this.blobs.clear();
    if (this.dataDir !== null) {
      await rm(join(this.dataDir, 'mailboxes'), { recursive: true, force: true });
      await mkdir(join(this.dataDir, 'mailboxes'), { recursive: true });
    }
  }

  private markDirty(user: string): void {
    if (this.dataDir === null) return;
    this.dirty.add(user);
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.writing = this.writing
        .then(() => this.writeDirty())
        .catch((error: unknown) => {
          console.error('graph-sim: could not save the mailboxes', error);
        });
    }, WRITE_DELAY_MS);
    this.timer.unref();
  }

  private async writeDirty(): Promise<void> {
    if (this.dataDir === null) return;
    const dir = join(this.dataDir, 'mailboxes');
    await mkdir(dir, { recursive: true });
    const users = [...this.dirty];
    this.dirty.clear();
    for (const user of users) {
      const mailbox = this.mailboxes.get(user);
      if (mailbox === undefined) continue;
      const target = join(dir, fileNameOf(user));
      // Write then rename, so a crash mid-write never leaves a half file behind.
      await writeFile(`${target}.tmp`, JSON.stringify(mailbox.toFile()));
      await rename(`${target}.tmp`, target);
    }
  }
}

function isMailboxFile(value: unknown): value is MailboxFile {
  if (typeof value !== 'object' || value === null) return false;
  const file = value as Partial<Record<keyof MailboxFile, unknown>>;
  return (
    file.version === 1 &&
    typeof file.user === 'string' &&
    typeof file.displayName === 'string' &&
    typeof file.restricted === 'boolean' &&
    Array.isArray(file.messages) &&
    Array.isArray(file.sent)
  );
}
