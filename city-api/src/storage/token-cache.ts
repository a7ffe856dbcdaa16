/**
 * The kiosk-token check without a database round trip for a token checked a moment ago (issue 19, load goal).
 *
 * Every kiosk request checks its bearer token; on PostgreSQL that is one round trip of the (usually) two a request
 * needs. Here a found kiosk is remembered for `ttlMs` (default 10 s) under the token's SHA-256 (the token itself is
 * not kept). A token replaced or a kiosk moved to another town THROUGH THIS INSTANCE clears the cache at once
 * (pg-storage.ts: registerKiosk, setKioskTown); through another instance of the API behind the same proxy the old
 * answer lasts at most `ttlMs` there (docs/deployment.md). Unknown tokens are not remembered (a flood of wrong tokens
 * cannot fill the memory), and at most `max` entries are kept (the oldest go first).
 */
export interface TokenCacheOptions {
  /** how long a found kiosk is trusted without asking the database again (ms, default 10,000; 0 = no cache) */
  ttlMs?: number;
  /** entries at most (default 10,000; a district has ~500 kiosks) */
  max?: number;
  /** clock (tests) */
  now?: () => number;
}

export interface TokenCache<V> {
  /**
   * The remembered value for this token hash, else `load()` (the database), remembered when found — unless the
   * cache was cleared while `load()` ran: a lookup that read the row before a token change must not bring the old
   * answer back after the change cleared the cache.
   */
  lookup(hash: string, load: () => Promise<V | null>): Promise<V | null>;
  /** Forget everything (a token or a kiosk's town changed). */
  clear(): void;
}

export const TOKEN_CACHE_TTL_MS = 10_000;

export function tokenCache<V>(opts: TokenCacheOptions = {}): TokenCache<V> {
  const ttlMs = opts.ttlMs ?? TOKEN_CACHE_TTL_MS;
  const max = opts.max ?? 10_000;
  const now = opts.now ?? Date.now;
  const entries = new Map<string, { value: V; until: number }>();
  let generation = 0;
  return {
    async lookup(hash, load) {
      const e = entries.get(hash);
      if (e && now() < e.until) return e.value;
      if (e) entries.delete(hash);
      const before = generation;
      const value = await load();
      if (value === null || ttlMs <= 0 || generation !== before) return value;
      entries.set(hash, { value, until: now() + ttlMs });
      // Map keeps insertion order: the first key is the oldest entry
      if (entries.size > max) entries.delete(entries.keys().next().value!);
      return value;
    },
    clear() {
      generation++;
      entries.clear();
    },
  };
}
