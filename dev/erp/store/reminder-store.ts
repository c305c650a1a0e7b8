/**
 * Claims and the reminder log (docs/rules.md §2). Each (item, level, cycle) triple is held at most once — by an
 * open claim or by a log entry — which a unique index enforces. A claim takes all of its triples or none,
 * in one transaction; confirming turns them into log entries (sent, drafted or handled); releasing gives
 * an unconfirmed claim back; removing log entries (a draft deleted from the mailbox) frees the triples and
 * is recorded so other clients' deltas drop them too. Nothing here runs on a timer: a claim lasts until
 * its owner (or an administrator) confirms or releases it.
 *
 * Expected refusals (held by someone else, not the owner, unknown key) are returned as values; the HTTP
 * layer turns them into problems.
 */
import type { Database } from 'better-sqlite3';
import type { ClaimRequest, ClaimWire, ConfirmRequest, LogEntryWire } from '../../../src/erp/wire';
import type { ChangeSequence } from './change-sequence';
import { statementCache, type Prepare } from './statements';

export type LogState = LogEntryWire['state'];
type TripleState = 'claimed' | LogState;

export interface Triple {
  readonly itemId: string;
  readonly levelId: string;
  readonly cycle: number;
}

/** A triple someone else holds: who, since when, under which key, and whether it is only claimed or logged. */
export interface HeldTriple extends Triple {
  readonly holder: string;
  readonly heldSince: string;
  readonly key: string;
  readonly state: TripleState;
}

export interface Actor {
  readonly email: string;
  readonly isAdministrator: boolean;
}

export type ClaimOutcome =
  | { readonly kind: 'created'; readonly claim: ClaimWire }
  /** The owner asked again for the same key: the claim as it stands. */
  | { readonly kind: 'repeated'; readonly claim: ClaimWire }
  | { readonly kind: 'conflict'; readonly held: readonly HeldTriple[] };

export type ConfirmOutcome =
  | { readonly kind: 'confirmed'; readonly entries: LogEntryWire[] }
  | { readonly kind: 'not_found' }
  | { readonly kind: 'not_owner'; readonly owner: string }
  /** A `sent` or `handled` entry cannot go back to another state. */
  | { readonly kind: 'final'; readonly state: LogState };

export type ReleaseOutcome =
  | { readonly kind: 'released'; readonly claim: ClaimWire }
  | { readonly kind: 'not_found' }
  | { readonly kind: 'forbidden'; readonly owner: string }
  | { readonly kind: 'confirmed' };

export type RemoveLogOutcome =
  | { readonly kind: 'removed'; readonly removed: { key: string; itemId: string }[] }
  | { readonly kind: 'not_found' }
  | { readonly kind: 'forbidden'; readonly owner: string }
  /** Only drafted entries can be removed: a sent message cannot be unsent. */
  | { readonly kind: 'not_drafted'; readonly state: LogState };

export interface ReminderLogPage {
  readonly entries: LogEntryWire[];
  readonly removed: { key: string; itemId: string }[];
  readonly claims: ClaimWire[];
  readonly syncToken: string;
}

interface ClaimRow {
  key: string;
  level_id: string;
  owner: string;
  claimed_at: string;
  status: 'open' | 'confirmed';
}

interface TripleRow {
  item_id: string;
  level_id: string;
  cycle: number;
  key: string;
  state: TripleState;
  sent_on: string | null;
  at: string | null;
  user: string;
  message_id: string | null;
  to_addresses: string | null;
  cc_addresses: string | null;
  seq: number;
}

const byItemThenCycle = (a: { itemId: string; cycle: number }, b: { itemId: string; cycle: number }) =>
  a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : a.cycle - b.cycle;

/** A claim's item on the wire: its level only where it differs from the claim's (a claim made without item levels reads as before). */
const claimItem = (
  itemId: string,
  levelId: string,
  cycle: number,
  claimLevelId: string,
): ClaimWire['items'][number] => ({ itemId, cycle, levelId: levelId === claimLevelId ? undefined : levelId });

function entryFromRow(row: TripleRow): LogEntryWire {
  return {
    key: row.key,
    itemId: row.item_id,
    levelId: row.level_id,
    cycle: row.cycle,
    state: row.state as LogState,
    sentOn: row.sent_on ?? '',
    at: row.at ?? '',
    user: row.user,
    messageId: row.message_id ?? undefined,
    to: JSON.parse(row.to_addresses ?? '[]') as string[],
    cc: JSON.parse(row.cc_addresses ?? '[]') as string[],
  };
}

/** May an entry in state `from` be confirmed again as `to`? Drafts move on; sent and handled are final. */
const canConfirm = (from: TripleState, to: LogState): boolean =>
  from === 'claimed' || from === 'drafted' || from === to;

export class ReminderStore {
  private readonly sql: Prepare;

  constructor(
    private readonly db: Database,
    private readonly sequence: ChangeSequence,
  ) {
    this.sql = statementCache(db);
  }

  private claimRow(key: string): ClaimRow | undefined {
    return this.sql<[string], ClaimRow>('SELECT * FROM reminder_claims WHERE key = ?').get(key);
  }

  private triplesOf(key: string): TripleRow[] {
    return this.sql<[string], TripleRow>(
      'SELECT * FROM reminder_triples WHERE key = ? ORDER BY item_id, cycle',
    ).all(key);
  }

  private claimWire(row: ClaimRow): ClaimWire {
    const items = this.triplesOf(row.key)
      .map((triple) => claimItem(triple.item_id, triple.level_id, triple.cycle, row.level_id))
      .sort(byItemThenCycle);
    return { key: row.key, levelId: row.level_id, items, owner: row.owner, claimedAt: row.claimed_at };
  }

  private held(row: TripleRow): HeldTriple {
    const claim = this.claimRow(row.key);
    return {
      itemId: row.item_id,
      levelId: row.level_id,
      cycle: row.cycle,
      holder: row.user,
      heldSince: row.state === 'claimed' ? (claim?.claimed_at ?? '') : (row.at ?? claim?.claimed_at ?? ''),
      key: row.key,
      state: row.state,
    };
  }

  /**
   * Claims every triple of `request` for `owner`, all or nothing. The owner repeating an open claim gets
   * it back (idempotent). Refused — with every conflicting triple and its holder — when any triple is
   * claimed under another key or by another user, or is already in the log (even under this key: it was
   * sent, drafted or handled, and claiming it again could only lead to a duplicate).
   */
  claim(request: ClaimRequest, owner: string, now: Date): ClaimOutcome {
    return this.db
      .transaction((): ClaimOutcome => {
        const existing = this.claimRow(request.key);
        if (existing !== undefined && existing.owner === owner && existing.status === 'open') {
          return { kind: 'repeated', claim: this.claimWire(existing) };
        }
        const find = this.sql<[string, string, number], TripleRow>(
          'SELECT * FROM reminder_triples WHERE item_id = ? AND level_id = ? AND cycle = ?',
        );
        // Each item at its own level when it names one (one communication per customer), else the claim's.
        const triples = request.items.map(({ itemId, cycle, levelId }) => ({
          itemId,
          cycle,
          levelId: levelId ?? request.levelId,
        }));
        const held: HeldTriple[] = [];
        for (const { itemId, levelId, cycle } of triples) {
          const row = find.get(itemId, levelId, cycle);
          if (row !== undefined) held.push(this.held(row));
        }
        if (held.length > 0) return { kind: 'conflict', held };

        const claimedAt = now.toISOString();
        this.sql(
          'INSERT INTO reminder_claims (key, level_id, owner, claimed_at, status) VALUES (?, ?, ?, ?, ?)',
        ).run(request.key, request.levelId, owner, claimedAt, 'open');
        const insert = this.sql(
          `INSERT INTO reminder_triples (item_id, level_id, cycle, key, state, user, seq) VALUES (?, ?, ?, ?, 'claimed', ?, ?)`,
        );
        // The unique index would throw here if another process took a triple since the check: the whole
        // transaction rolls back, and the caller's retry sees the conflict.
        for (const { itemId, levelId, cycle } of triples)
          insert.run(itemId, levelId, cycle, request.key, owner, this.sequence.next());
        const items = triples
          .map(({ itemId, levelId, cycle }) => claimItem(itemId, levelId, cycle, request.levelId))
          .sort(byItemThenCycle);
        return {
          kind: 'created',
          claim: { key: request.key, levelId: request.levelId, items, owner, claimedAt },
        };
      })
      .immediate();
  }

  /**
   * Turns the claim `key` into log entries, one per item, or updates them when confirmed again (a draft
   * later sent: state, day, instant and message id change). Only the owner may confirm.
   */
  confirm(key: string, request: ConfirmRequest, actor: Actor): ConfirmOutcome {
    return this.db
      .transaction((): ConfirmOutcome => {
        const claim = this.claimRow(key);
        if (claim === undefined) return { kind: 'not_found' };
        if (claim.owner !== actor.email) return { kind: 'not_owner', owner: claim.owner };
        const triples = this.triplesOf(key);
        const final = triples.find((triple) => !canConfirm(triple.state, request.state));
        if (final !== undefined) return { kind: 'final', state: final.state as LogState };

        const to = JSON.stringify(request.to);
        const cc = JSON.stringify(request.cc);
        const messageId = request.messageId ?? null;
        const update = this.sql(
          `UPDATE reminder_triples SET state = ?, sent_on = ?, at = ?, message_id = ?, to_addresses = ?, cc_addresses = ?, seq = ?
           WHERE item_id = ? AND level_id = ? AND cycle = ?`,
        );
        const unremove = this.sql('DELETE FROM reminder_log_removals WHERE key = ? AND item_id = ?');
        for (const t of triples) {
          const unchanged =
            t.state === request.state &&
            t.sent_on === request.sentOn &&
            t.at === request.at &&
            t.message_id === messageId &&
            t.to_addresses === to &&
            t.cc_addresses === cc;
          if (unchanged) continue;
          update.run(
            request.state,
            request.sentOn,
            request.at,
            messageId,
            to,
            cc,
            this.sequence.next(),
            t.item_id,
            t.level_id,
            t.cycle,
          );
          unremove.run(key, t.item_id);
        }
        this.sql("UPDATE reminder_claims SET status = 'confirmed' WHERE key = ?").run(key);
        return { kind: 'confirmed', entries: this.triplesOf(key).map(entryFromRow) };
      })
      .immediate();
  }

  /** Gives back an unconfirmed claim. The owner or an administrator only. */
  release(key: string, actor: Actor): ReleaseOutcome {
    return this.db
      .transaction((): ReleaseOutcome => {
        const claim = this.claimRow(key);
        if (claim === undefined) return { kind: 'not_found' };
        if (claim.owner !== actor.email && !actor.isAdministrator)
          return { kind: 'forbidden', owner: claim.owner };
        if (claim.status !== 'open') return { kind: 'confirmed' };
        const wire = this.claimWire(claim);
        this.sql('DELETE FROM reminder_triples WHERE key = ?').run(key);
        this.sql('DELETE FROM reminder_claims WHERE key = ?').run(key);
        return { kind: 'released', claim: wire };
      })
      .immediate();
  }

  /**
   * Removes the log entries of `key` — a draft deleted from the mailbox — and records the removal for
   * other clients' deltas. The owner or an administrator only, and only while every entry is `drafted`.
   */
  removeLogEntries(key: string, actor: Actor): RemoveLogOutcome {
    return this.db
      .transaction((): RemoveLogOutcome => {
        const claim = this.claimRow(key);
        if (claim === undefined || claim.status !== 'confirmed') return { kind: 'not_found' };
        if (claim.owner !== actor.email && !actor.isAdministrator)
          return { kind: 'forbidden', owner: claim.owner };
        const triples = this.triplesOf(key);
        const notDrafted = triples.find((triple) => triple.state !== 'drafted');
        if (notDrafted !== undefined) return { kind: 'not_drafted', state: notDrafted.state as LogState };
        const record = this.sql(
          'INSERT OR REPLACE INTO reminder_log_removals (key, item_id, seq) VALUES (?, ?, ?)',
        );
        const removed: { key: string; itemId: string }[] = [];
        for (const triple of triples) {
          if (!removed.some((r) => r.itemId === triple.item_id)) {
            record.run(key, triple.item_id, this.sequence.next());
            removed.push({ key, itemId: triple.item_id });
          }
        }
        this.sql('DELETE FROM reminder_triples WHERE key = ?').run(key);
        this.sql('DELETE FROM reminder_claims WHERE key = ?').run(key);
        return { kind: 'removed', removed };
      })
      .immediate();
  }

  /**
   * The log since a sequence value (everything without one): entries changed after it, removals after
   * it, every open claim, and the token for next time — all read in one snapshot.
   */
  readLog(since: number | undefined): ReminderLogPage {
    return this.db.transaction((): ReminderLogPage => {
      const from = since ?? 0;
      const entries = this.sql<[number], TripleRow>(
        "SELECT * FROM reminder_triples WHERE state <> 'claimed' AND seq > ? ORDER BY seq",
      )
        .all(from)
        .map(entryFromRow);
      const removed =
        since === undefined
          ? []
          : this.sql<[number], { key: string; item_id: string }>(
              'SELECT key, item_id FROM reminder_log_removals WHERE seq > ? ORDER BY seq',
            )
              .all(from)
              .map((row) => ({ key: row.key, itemId: row.item_id }));
      const claims = this.sql<[], ClaimRow>(
        "SELECT * FROM reminder_claims WHERE status = 'open' ORDER BY claimed_at, key",
      )
        .all()
        .map((row) => this.claimWire(row));
      return { entries, removed, claims, syncToken: this.sequence.token(this.sequence.current()) };
    })();
  }

  /** Forgets every claim and log entry, recording the entries as removed (a reset). */
  clear(): void {
    const logged = this.sql<[], { key: string; item_id: string }>(
      "SELECT DISTINCT key, item_id FROM reminder_triples WHERE state <> 'claimed'",
    ).all();
    const record = this.sql(
      'INSERT OR REPLACE INTO reminder_log_removals (key, item_id, seq) VALUES (?, ?, ?)',
    );
    for (const row of logged) record.run(row.key, row.item_id, this.sequence.next());
    this.sql('DELETE FROM reminder_triples').run();
    this.sql('DELETE FROM reminder_claims').run();
  }
}
