import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { Log } from '../log';

/** One cached tile with what is needed to revalidate it. */
export interface CachedTile {
  body: Buffer;
  contentType: string;
  etag: string | null;
  lastModified: string | null;
  fetchedAt: number;
  freshUntil: number;
}

export const DEFAULT_TILE_CACHE_BYTES = 200 * 1024 * 1024;

const SCHEMA_VERSION = 1;
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS tiles (
    source TEXT NOT NULL,
    z INTEGER NOT NULL, x INTEGER NOT NULL, y INTEGER NOT NULL,
    body BLOB NOT NULL,
    content_type TEXT NOT NULL,
    etag TEXT,
    last_modified TEXT,
    fetched_at INTEGER NOT NULL,
    fresh_until INTEGER NOT NULL,
    last_used INTEGER NOT NULL,
    size INTEGER NOT NULL,
    PRIMARY KEY (source, z, x, y)
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS tiles_last_used ON tiles (last_used);
`;

/** Re-marking a tile as used costs a write; once an hour is precise enough for eviction order. */
const TOUCH_EVERY_MS = 60 * 60 * 1000;

interface Row {
  body: Buffer;
  content_type: string;
  etag: string | null;
  last_modified: string | null;
  fetched_at: number;
  fresh_until: number;
  last_used: number;
}

/**
 * Disk cache for tiles from the online source: its own SQLite file in the data directory
 * (not the kiosk database — it is disposable: a damaged cache file is deleted and started anew).
 * Bounded in size: after each write the least recently used tiles are evicted until the cache
 * is below 90 % of `maxBytes`.
 */
export class TileDiskCache {
  private db: Database.Database;
  private totalBytes: number;

  constructor(
    readonly file: string,
    readonly maxBytes = DEFAULT_TILE_CACHE_BYTES,
    private readonly log?: Log,
  ) {
    this.db = TileDiskCache.open(file, log);
    this.totalBytes = (this.db.prepare('SELECT COALESCE(SUM(size), 0) AS n FROM tiles').get() as { n: number }).n;
    this.evictIfNeeded();
  }

  private static open(file: string, log?: Log): Database.Database {
    const tryOpen = () => {
      const db = new Database(file);
      try {
        db.pragma('journal_mode = WAL');
        db.pragma('synchronous = NORMAL');
        const version = db.pragma('user_version', { simple: true }) as number;
        if (version !== SCHEMA_VERSION) {
          db.exec('DROP TABLE IF EXISTS tiles');
          db.exec(SCHEMA);
          db.pragma(`user_version = ${SCHEMA_VERSION}`);
        }
        db.prepare('SELECT 1 FROM tiles LIMIT 1').all();
        return db;
      } catch (err) {
        db.close();
        throw err;
      }
    };
    try {
      return tryOpen();
    } catch (err) {
      log?.warn('tile cache unreadable, starting a new one', { file, error: (err as Error).message });
      for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
      return tryOpen();
    }
  }

  get(source: string, z: number, x: number, y: number, nowMs: number): CachedTile | null {
    const row = this.db
      .prepare('SELECT body, content_type, etag, last_modified, fetched_at, fresh_until, last_used FROM tiles WHERE source = ? AND z = ? AND x = ? AND y = ?')
      .get(source, z, x, y) as Row | undefined;
    if (!row) return null;
    if (nowMs - row.last_used > TOUCH_EVERY_MS) {
      this.db.prepare('UPDATE tiles SET last_used = ? WHERE source = ? AND z = ? AND x = ? AND y = ?').run(nowMs, source, z, x, y);
    }
    return {
      body: row.body,
      contentType: row.content_type,
      etag: row.etag,
      lastModified: row.last_modified,
      fetchedAt: row.fetched_at,
      freshUntil: row.fresh_until,
    };
  }

  put(source: string, z: number, x: number, y: number, tile: CachedTile, nowMs: number): void {
    const size = tile.body.length;
    if (size > this.maxBytes / 10) return; // a single huge tile never pushes the cache out
    const old = this.db.prepare('SELECT size FROM tiles WHERE source = ? AND z = ? AND x = ? AND y = ?').get(source, z, x, y) as { size: number } | undefined;
    this.db
      .prepare(
        `INSERT OR REPLACE INTO tiles (source, z, x, y, body, content_type, etag, last_modified, fetched_at, fresh_until, last_used, size)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(source, z, x, y, tile.body, tile.contentType, tile.etag, tile.lastModified, tile.fetchedAt, tile.freshUntil, nowMs, size);
    this.totalBytes += size - (old?.size ?? 0);
    this.evictIfNeeded();
  }

  /** After a 304 Not Modified: the stored tile is good for another period. */
  refresh(source: string, z: number, x: number, y: number, freshUntil: number, nowMs: number): void {
    this.db
      .prepare('UPDATE tiles SET fresh_until = ?, fetched_at = ?, last_used = ? WHERE source = ? AND z = ? AND x = ? AND y = ?')
      .run(freshUntil, nowMs, nowMs, source, z, x, y);
  }

  /** Bytes of tile data held now. */
  size(): number {
    return this.totalBytes;
  }

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM tiles').get() as { n: number }).n;
  }

  private evictIfNeeded(): void {
    if (this.totalBytes <= this.maxBytes) return;
    const target = Math.floor(this.maxBytes * 0.9);
    const oldest = this.db.prepare('SELECT source, z, x, y, size FROM tiles ORDER BY last_used ASC LIMIT 200');
    const del = this.db.prepare('DELETE FROM tiles WHERE source = ? AND z = ? AND x = ? AND y = ?');
    let evicted = 0;
    this.db.transaction(() => {
      while (this.totalBytes > target) {
        const batch = oldest.all() as { source: string; z: number; x: number; y: number; size: number }[];
        if (batch.length === 0) break;
        for (const r of batch) {
          del.run(r.source, r.z, r.x, r.y);
          this.totalBytes -= r.size;
          evicted++;
          if (this.totalBytes <= target) break;
        }
      }
    })();
    if (this.totalBytes < 0) this.totalBytes = 0;
    this.log?.info('tile cache trimmed', { evicted, bytes: this.totalBytes });
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
