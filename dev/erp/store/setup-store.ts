/**
 * The reminder setup, stored as the JSON the administrator sent (after the contract's schema filled in
 * its defaults), with a strong ETag: the SHA-256 of that JSON. Users and their display names (from the
 * seed) live here too: they are only used to name tokens.
 */
import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { ReminderSetupWire } from '../../../src/erp/wire';
import type { SeedUser } from '../seed/types';
import { statementCache, type Prepare } from './statements';

export interface StoredSetup {
  readonly setup: ReminderSetupWire;
  /** The exact JSON served. */
  readonly json: string;
  /** Strong ETag, quoted: `"<sha-256 hex>"`. */
  readonly etag: string;
  readonly updatedAt: string;
}

export const etagOf = (json: string): string => `"${createHash('sha256').update(json).digest('hex')}"`;

const lower = (values: readonly string[]): Set<string> =>
  new Set(values.map((value) => value.trim().toLowerCase()));

export class SetupStore {
  private readonly sql: Prepare;

  constructor(db: Database) {
    this.sql = statementCache(db);
  }

  get(): StoredSetup | undefined {
    const row = this.sql<[], { json: string; etag: string; updated_at: string }>(
      'SELECT json, etag, updated_at FROM reminder_setup WHERE id = 1',
    ).get();
    return row === undefined
      ? undefined
      : {
          setup: JSON.parse(row.json) as ReminderSetupWire,
          json: row.json,
          etag: row.etag,
          updatedAt: row.updated_at,
        };
  }

  put(setup: ReminderSetupWire, now: Date): StoredSetup {
    const json = JSON.stringify(setup);
    const stored: StoredSetup = { setup, json, etag: etagOf(json), updatedAt: now.toISOString() };
    this.sql('INSERT OR REPLACE INTO reminder_setup (id, json, etag, updated_at) VALUES (1, ?, ?, ?)').run(
      json,
      stored.etag,
      stored.updatedAt,
    );
    return stored;
  }

  clear(): void {
    this.sql('DELETE FROM reminder_setup').run();
  }

  /** In the setup's `enabledUsers` (case-insensitive). */
  isEnabledUser(email: string): boolean {
    return lower(this.get()?.setup.enabledUsers ?? []).has(email.toLowerCase());
  }

  /** In the setup's `administrators` (case-insensitive). */
  isAdministrator(email: string): boolean {
    return lower(this.get()?.setup.administrators ?? []).has(email.toLowerCase());
  }

  replaceUsers(users: readonly SeedUser[]): void {
    this.sql('DELETE FROM users').run();
    const insert = this.sql('INSERT OR REPLACE INTO users (email, name, role) VALUES (?, ?, ?)');
    for (const user of users) insert.run(user.email.trim().toLowerCase(), user.name, user.role);
  }

  userName(email: string): string | undefined {
    return this.sql<[string], string>('SELECT name FROM users WHERE email = ?')
      .pluck()
      .get(email.toLowerCase());
  }

  users(): SeedUser[] {
    return this.sql<[], SeedUser>('SELECT email, name, role FROM users ORDER BY email').all();
  }
}
