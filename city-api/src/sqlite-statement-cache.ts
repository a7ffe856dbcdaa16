/**
 * Prepared statements kept per SQLite connection (issue 19, load goal). The stores call `db.prepare(sql)` on every
 * request; better-sqlite3 compiles the statement anew each time, and under the district load (a token check, a
 * heartbeat of four statements, the catalog version of every public page) compiling was ~11 % of the API's CPU
 * (CPU profile of `npm run bench -- city` at 5×). Here `db.prepare` returns the statement compiled before for the
 * same text, reset to its default mode (not plucked, not raw, not expanded) as a fresh one would be; a statement
 * that is still running (an iterator not finished) is never handed out twice — that caller gets a fresh one.
 * Bounded: at most `max` texts (least recently used dropped), so generated SQL cannot grow it without end.
 * SQLite recompiles a kept statement itself after a schema change (migrations), as with any prepared statement.
 */
import type Database from 'better-sqlite3';
import { LRUCache } from 'lru-cache';

const CACHED = Symbol('prepared statements cached');

export function cachePreparedStatements(db: Database.Database, max = 500): Database.Database {
  const marked = db as Database.Database & { [CACHED]?: true };
  if (marked[CACHED]) return db;
  marked[CACHED] = true;
  const prepare = db.prepare.bind(db);
  const cache = new LRUCache<string, Database.Statement>({ max });
  db.prepare = ((sql: string) => {
    const kept = cache.get(sql);
    if (kept && !kept.busy) {
      if (kept.reader) kept.pluck(false).raw(false).expand(false);
      return kept;
    }
    const fresh = prepare(sql);
    if (!kept) cache.set(sql, fresh);
    return fresh;
  }) as typeof db.prepare;
  return db;
}
