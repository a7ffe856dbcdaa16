import type { Db } from '../db/open-database';

/** Small JSON values in the `sync_state` table (key → value), for fleet state that must survive a restart. */
export interface KeyValueStore {
  get<T>(key: string): T | null;
  set(key: string, value: unknown): void;
  /**
   * Read-modify-write of one key in a single `BEGIN IMMEDIATE` transaction (SQLite store): no other connection can
   * write between the read and the write. Throws (e.g. SQLITE_FULL) without a partial write.
   */
  update<T>(key: string, fn: (current: T | null) => T): T;
}

export function createSyncStateStore(db: Db): KeyValueStore {
  const select = db.prepare('SELECT value FROM sync_state WHERE key = ?');
  const upsert = db.prepare('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  function get<T>(key: string): T | null {
    const row = select.get(key) as { value: string } | undefined;
    if (!row) return null;
    try {
      return JSON.parse(row.value) as T;
    } catch {
      return null;
    }
  }
  return {
    get,
    set(key, value) {
      upsert.run(key, JSON.stringify(value));
    },
    update<T>(key: string, fn: (current: T | null) => T): T {
      const tx = db.transaction(() => {
        const next = fn(get<T>(key));
        upsert.run(key, JSON.stringify(next));
        return next;
      });
      return tx.immediate();
    },
  };
}

export function createMemoryStore(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    get<T>(key: string): T | null {
      const v = data.get(key);
      return v === undefined ? null : (JSON.parse(v) as T);
    },
    set(key, value) {
      data.set(key, JSON.stringify(value));
    },
    update<T>(key: string, fn: (current: T | null) => T): T {
      const v = data.get(key);
      const next = fn(v === undefined ? null : (JSON.parse(v) as T));
      data.set(key, JSON.stringify(next));
      return next;
    },
  };
}
