/**
 * Test-only: the same read-only SQL on either backend (issue 19), for assertions on what is stored that the storage
 * interface does not expose (every row of a table, reply rows). Parameters are written `?` (SQLite) and become
 * `$1, $2, …` on PostgreSQL; keep to SQL both dialects read alike.
 */
import type { KioskStorage } from '../../city-api/src/storage/kiosk-storage';
import type { PgStorage } from '../../city-api/src/storage/pg-storage';
import type { SqliteStorage } from '../../city-api/src/storage/sqlite-storage';

export async function storedRows<T extends Record<string, unknown>>(storage: KioskStorage, sql: string, params: unknown[] = []): Promise<T[]> {
  if (storage.kind === 'sqlite') return (storage as SqliteStorage).db.prepare(sql).all(...params) as T[];
  let n = 0;
  return (await (storage as PgStorage).pool.query(sql.replace(/\?/g, () => `$${++n}`), params)).rows as T[];
}
