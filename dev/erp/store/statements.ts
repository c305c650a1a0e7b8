/** Prepared statements, prepared once per database and SQL text (preparing costs more than running). */
import type { Database, Statement } from 'better-sqlite3';

export type Prepare = <P extends unknown[] = unknown[], R = unknown>(sql: string) => Statement<P, R>;

export function statementCache(db: Database): Prepare {
  const cache = new Map<string, Statement>();
  return <P extends unknown[], R>(sql: string): Statement<P, R> => {
    let statement = cache.get(sql);
    if (statement === undefined) {
      statement = db.prepare(sql);
      cache.set(sql, statement);
    }
    return statement as unknown as Statement<P, R>;
  };
}
