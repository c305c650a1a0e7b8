/**
 * The global change sequence: one counter for the whole database, bumped by every insert, update, close
 * or delete of a row the contract serves, and stored on that row (`seq`). A sync token is a value of it
 * (prefixed by the database's id): "everything with a higher `seq` changed after the token was issued".
 */
import type { Database, Statement } from 'better-sqlite3';
import { ProblemError, PROBLEM_TYPES } from '../http/problem';

export class ChangeSequence {
  private readonly read: Statement<[], number>;
  private readonly advance: Statement<[number], number>;
  readonly databaseId: string;

  constructor(db: Database) {
    this.read = db.prepare<[], number>('SELECT value FROM change_sequence WHERE id = 1').pluck();
    this.advance = db
      .prepare<[number], number>('UPDATE change_sequence SET value = value + ? WHERE id = 1 RETURNING value')
      .pluck();
    this.databaseId =
      db.prepare<[], string>("SELECT value FROM meta WHERE key = 'database_id'").pluck().get() ?? 'unknown';
  }

  current(): number {
    return this.read.get() ?? 0;
  }

  /** The next value. Call inside the transaction that writes the row. */
  next(): number {
    return this.reserve(1);
  }

  /** Reserves `count` consecutive values and returns the first (bulk loads). */
  reserve(count: number): number {
    const last = this.advance.get(count);
    if (last === undefined) throw new Error('change_sequence row is missing');
    return last - count + 1;
  }

  /** The opaque token for a sequence value. */
  token(seq: number): string {
    return `${this.databaseId}.${seq}`;
  }

  /**
   * The sequence value of a token received as `parameter`. 400 for something that is not a token; 410
   * (type stale-sync-token) for a token of another database or from its future: the client must sync
   * from scratch, since changes it never saw cannot be told apart.
   */
  parseToken(token: string, parameter: string): number {
    const match = /^([0-9a-f]{8})\.(\d{1,15})$/.exec(token);
    if (match === null) {
      throw new ProblemError(
        400,
        'Invalid request',
        `${parameter}: not a sync token (pass the syncToken of an earlier answer)`,
        {
          type: PROBLEM_TYPES.validation,
          field: parameter,
        },
      );
    }
    const seq = Number(match[2]);
    if (match[1] !== this.databaseId || seq > this.current()) {
      throw new ProblemError(
        410,
        'Sync token no longer valid',
        `${parameter}: the token belongs to another database (recreated?): sync again from scratch, without it`,
        {
          type: PROBLEM_TYPES.staleSyncToken,
          field: parameter,
        },
      );
    }
    return seq;
  }
}
