import type { Db } from '../db/open-database';

/** Small JSON values in the `sync_state` table (key → value), for fleet state that must survive a restart. */
export interface KeyValueStore {
  get<T>(key: string): T | null;
  set(key: string, value: unknown): void;
}

export function createSyncStateStore(db: Db): KeyValueStore {
  const select = db.prepare('SELECT value FROM sync_state WHERE key = ?');
  const upsert = db.prepare('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  return {
    get<T>(key: string): T | null {
      const row = select.get(key) as { value: string } | undefined;
      if (!row) return null;
      try {
        return JSON.parse(row.value) as T;
      } catch {
        return null;
      }
    },
    set(key, value) {
      upsert.run(key, JSON.stringify(value));
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
  };
}
