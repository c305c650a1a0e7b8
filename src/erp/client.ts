/**
 * The typed ERP client (docs/rules.md §2): paged listings with delta sync, documents, the reminder setup with its
 * ETag, and the claims/log protocol. Every answer is validated here, once; callers get domain records.
 */
import { ErpError } from './errors';
import { erpJson, erpRequest, type HttpOptions } from './http';
import {
  readLogRecords,
  readRecords,
  readTombstones,
  type ErpResource,
  type QuarantinedRecord,
  type RecordOf,
} from './records';
import {
  API_PREFIX,
  claimSchema,
  logEntrySchema,
  pageSchema,
  reminderLogSchema,
  reminderSetupSchema,
  removedEntrySchema,
  type ClaimRequest,
  type ClaimWire,
  type ConfirmRequest,
  type LogEntryWire,
  type RemovedEntryWire,
  type ReminderSetupWire,
  type TombstoneWire,
} from './wire';

export interface Page<R extends ErpResource> {
  readonly records: RecordOf<R>[];
  readonly tombstones: TombstoneWire[];
  readonly quarantined: QuarantinedRecord[];
  readonly nextCursor: string | null;
  /** On the last page: the token to pass as `updatedSince` next time. */
  readonly syncToken: string | null;
  /** How many records and tombstones the whole listing returns, when the ERP says. */
  readonly total?: number;
}

export interface ListRequest {
  readonly updatedSince?: string;
  readonly cursor?: string;
  readonly limit?: number;
  readonly signal?: AbortSignal;
}

export interface SetupWithTag {
  readonly setup: ReminderSetupWire;
  readonly etag: string;
}

export type ClaimOutcome =
  /** `created`: a new claim (201); false when the owner already held it (200, e.g. a repeated request). */
  | { readonly claimed: true; readonly claim: ClaimWire; readonly created: boolean }
  | {
      readonly claimed: false;
      readonly holder: string;
      readonly heldSince?: string;
      readonly conflicts: readonly { itemId: string; levelId: string; cycle: number }[];
    };

export interface ReminderLog {
  readonly entries: LogEntryWire[];
  readonly removed: RemovedEntryWire[];
  readonly claims: ClaimWire[];
  /** Entries, removals and claims that break the contract (a key that is not a communication key…): left out. */
  readonly quarantined: QuarantinedRecord[];
  readonly syncToken: string;
}

const bad = (path: string, detail: string) => new ErpError('bad_response', `ERP ${path}: ${detail}`);

export class ErpClient {
  constructor(private readonly http: HttpOptions) {}

  /** One page of a collection. */
  async listPage<R extends ErpResource>(resource: R, request: ListRequest = {}): Promise<Page<R>> {
    const path = `${API_PREFIX}/${resource}`;
    const { body } = await erpJson(this.http, {
      path,
      query: { updatedSince: request.updatedSince, cursor: request.cursor, limit: request.limit },
      ...(request.signal !== undefined ? { signal: request.signal } : {}),
    });
    const page = pageSchema.safeParse(body);
    if (!page.success) throw bad(path, `not a page (${page.error.issues[0]?.message ?? 'invalid'})`);
    const { records, quarantined } = readRecords(resource, page.data.data);
    const tombs = readTombstones(resource, page.data.tombstones ?? []);
    return {
      records,
      tombstones: tombs.tombstones,
      quarantined: [...quarantined, ...tombs.quarantined],
      nextCursor: page.data.nextCursor,
      syncToken: page.data.syncToken,
      ...(page.data.total !== undefined && page.data.total !== null ? { total: page.data.total } : {}),
    };
  }

  /** The PDF of a document. */
  async documentPdf(documentId: string, signal?: AbortSignal): Promise<Blob> {
    const path = `${API_PREFIX}/documents/${encodeURIComponent(documentId)}/pdf`;
    const response = await erpRequest(this.http, {
      path,
      headers: { Accept: 'application/pdf' },
      ...(signal !== undefined ? { signal } : {}),
    });
    return response.blob();
  }

  async getSetup(signal?: AbortSignal): Promise<SetupWithTag> {
    const path = `${API_PREFIX}/reminder-setup`;
    const { body, response } = await erpJson(this.http, {
      path,
      ...(signal !== undefined ? { signal } : {}),
    });
    const parsed = reminderSetupSchema.safeParse(body);
    if (!parsed.success)
      throw bad(path, `the setup breaks the contract at ${parsed.error.issues[0]?.path.join('.') ?? '?'}`);
    const etag = response.headers.get('ETag');
    if (etag === null) throw bad(path, 'no ETag (is it exposed by CORS?)');
    return { setup: parsed.data, etag };
  }

  /** Saves the setup if nobody changed it since `etag`; a conflicting edit is `precondition_failed`. */
  async putSetup(setup: ReminderSetupWire, etag: string, signal?: AbortSignal): Promise<SetupWithTag> {
    const path = `${API_PREFIX}/reminder-setup`;
    const { response } = await erpJson(this.http, {
      method: 'PUT',
      path,
      body: setup,
      headers: { 'If-Match': etag },
      ...(signal !== undefined ? { signal } : {}),
    });
    const newTag = response.headers.get('ETag');
    if (newTag === null) throw bad(path, 'no ETag after saving');
    return { setup, etag: newTag };
  }

  /** Claims a communication's triples, all or nothing. Held by someone else is an outcome, not an error. */
  async claim(request: ClaimRequest, signal?: AbortSignal): Promise<ClaimOutcome> {
    const path = `${API_PREFIX}/reminder-claims`;
    try {
      const { body, response } = await erpJson(this.http, {
        method: 'POST',
        path,
        body: request,
        ...(signal !== undefined ? { signal } : {}),
      });
      const parsed = claimSchema.safeParse(body);
      if (!parsed.success) throw bad(path, 'the claim in the answer breaks the contract');
      return { claimed: true, claim: parsed.data, created: response.status === 201 };
    } catch (error) {
      if (error instanceof ErpError && error.reason === 'conflict' && error.problem?.holder !== undefined) {
        return {
          claimed: false,
          holder: error.problem.holder,
          ...(error.problem.heldSince !== undefined ? { heldSince: error.problem.heldSince } : {}),
          conflicts: error.problem.conflicts ?? [],
        };
      }
      throw error;
    }
  }

  /** Turns a claim into log entries (sent, drafted or handled); again with `sent` after a draft is sent. */
  async confirm(key: string, request: ConfirmRequest, signal?: AbortSignal): Promise<void> {
    await erpRequest(this.http, {
      method: 'POST',
      path: `${API_PREFIX}/reminder-claims/${key}/confirm`,
      body: request,
      ...(signal !== undefined ? { signal } : {}),
    });
  }

  /** Gives up an unconfirmed claim (owner or administrator). */
  async release(key: string, signal?: AbortSignal): Promise<void> {
    await erpRequest(this.http, {
      method: 'DELETE',
      path: `${API_PREFIX}/reminder-claims/${key}`,
      ...(signal !== undefined ? { signal } : {}),
    });
  }

  /** Removes the log entries of a draft deleted from the mailbox. */
  async removeLogEntries(key: string, signal?: AbortSignal): Promise<void> {
    await erpRequest(this.http, {
      method: 'DELETE',
      path: `${API_PREFIX}/reminder-log/${key}`,
      ...(signal !== undefined ? { signal } : {}),
    });
  }

  /** Log entries changed since `since` (all of them without it), removals, and every open claim. */
  async reminderLog(since?: string, signal?: AbortSignal): Promise<ReminderLog> {
    const path = `${API_PREFIX}/reminder-log`;
    const { body } = await erpJson(this.http, {
      path,
      query: { since },
      ...(signal !== undefined ? { signal } : {}),
    });
    const parsed = reminderLogSchema.safeParse(body);
    if (!parsed.success)
      throw bad(path, `not a reminder log (${parsed.error.issues[0]?.message ?? 'invalid'})`);
    const quarantined: QuarantinedRecord[] = [];
    const entries = readLogRecords(logEntrySchema, 'log entry', parsed.data.entries, quarantined);
    const removed = readLogRecords(removedEntrySchema, 'removed entry', parsed.data.removed, quarantined);
    const claims = readLogRecords(claimSchema, 'claim', parsed.data.claims, quarantined);
    return { entries, removed, claims, quarantined, syncToken: parsed.data.syncToken };
  }
}
