/**
 * PostgreSQL backend of the kiosk-facing core (issue 19), through node-postgres (`pg`) with a connection pool.
 * Selected with `--db postgres://…` or DATABASE_URL (cli.ts). Migrations: pg-migrations.ts.
 *
 * Change feed (ADR 0013): every transaction that changes offers first increments the single row of `feed_head`
 * and takes its numbers from there. The row lock is held until commit, so a transaction that got seq n commits
 * before any transaction can get n + 1: the committed sequence numbers are always a gap-free prefix, and a
 * reader that saw n has seen every change ≤ n. A PostgreSQL SEQUENCE would not do: nextval() is not
 * transactional, so a later number can commit first and a reader would move its cursor past a change still in flight.
 * Offer writes are serialised by this (they are staff edits and imports, not the hot path); readers never wait.
 */
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import pg from 'pg';
import { remoteKioskConfigSchema, type HeartbeatBody, type KioskCommand, type RemoteKioskConfig } from '../../../shared/schemas/city-api';
import { offerSchema } from '../../../shared/schemas/offer';
import { taxonomySchema } from '../../../shared/schemas/taxonomy';
import type { WishBody } from '../../../shared/schemas/wish';
import { cityEventSchema } from '../event-store';
import { withImportedEvents } from '../calendar-sources/serve-events';
import { buildCalendar } from '../ics-writer';
import { defaultKioskConfig } from '../kiosk-store';
import { feedPageFromRows, type FeedPage, type FeedRow, type OfferState } from '../offer-store';
import type { StoreWishResult, WebWishBody } from '../wish-store';
import type { KioskStorage, TokenKiosk } from './kiosk-storage';
import { migratePg } from './pg-migrations';
import { pgBedarfStorage } from './bedarf-storage';
import { pgCalendarStorage } from './calendar-storage';
import { pgStaffStorage } from './staff-storage';
import { pgSubmissionStorage } from './submission-storage';
import { pgStaffAccounts } from './staff-accounts';
import { pgTownStorage } from './town-storage';
import { coalescedRead } from './coalesced-read';
import { tokenCache, type TokenCacheOptions } from './token-cache';
import { pgEventsForWindow, pgWebReads } from './web-reads';

export interface PgStorageOptions {
  /** postgres://user:password@host:port/database */
  url: string;
  /** pool size (default 10) */
  max?: number;
  /** Test hook: runs inside each offer-writing transaction after its sequence numbers are taken, before commit. */
  beforeOfferCommit?: () => Promise<void>;
  /** Called when an idle pooled connection breaks (database restarted); the pool replaces it. */
  onPoolError?: (err: Error) => void;
  /** The kiosk-token cache (token-cache.ts): TTL (default 10 s, 0 = every check asks the database) and test clock. */
  tokenCache?: TokenCacheOptions;
}

export interface PgStorage extends KioskStorage {
  readonly kind: 'postgres';
  readonly pool: pg.Pool;
  /** Schema versions before and after the migrations at open. */
  readonly migrated: { from: number; to: number };
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const iso = (d: Date | string | null): string | null => (d === null ? null : typeof d === 'string' ? d : d.toISOString());

// bigint (seq) as a JS number: sequence numbers stay far below 2^53
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
// date columns (stats.day) as the YYYY-MM-DD text they were written as
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

/** Opens the pool, migrates (refusing a newer schema) and returns the storage. */
export async function openPgStorage(opts: PgStorageOptions): Promise<PgStorage> {
  const pool = new pg.Pool({ connectionString: opts.url, max: opts.max ?? 10, connectionTimeoutMillis: 5000, idleTimeoutMillis: 30_000 });
  // Without a listener an idle connection killed by a database restart would crash the process.
  pool.on('error', (err) => opts.onPoolError?.(err));
  // The same for a connection that is checked out (inside a transaction, a heartbeat batch) when the database goes
  // down: pg-pool listens only on idle ones, and the client's 'error' event without a listener would be thrown as
  // an uncaught exception (the API process would die). The running query gets the error itself (-> 503), and
  // release() drops the broken connection from the pool.
  pool.on('connect', (client) => client.on('error', () => undefined));
  let migrated: { from: number; to: number };
  try {
    const client = await pool.connect();
    try {
      migrated = await migratePg(client);
    } finally {
      client.release();
    }
  } catch (err) {
    await pool.end();
    throw err;
  }

  const q = <R extends pg.QueryResultRow>(text: string, values?: unknown[]) => pool.query<R>(text, values);

  async function tx<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const c = await pool.connect();
    try {
      await c.query('BEGIN');
      const out = await fn(c);
      await c.query('COMMIT');
      return out;
    } catch (err) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      c.release();
    }
  }

  /** Takes n sequence numbers (inside a transaction; holds feed_head's row lock until commit). Returns the first. */
  async function takeSeq(c: pg.PoolClient, n: number): Promise<number> {
    const { rows } = await c.query<{ seq: number }>('UPDATE feed_head SET seq = seq + $1 WHERE id = 1 RETURNING seq', [n]);
    return rows[0]!.seq - n + 1;
  }

  /** Stores offers inside the caller's transaction c, each with the next change number (held until c commits). */
  async function writeOffersIn(c: pg.PoolClient, rows: { id: string; json: string; state: OfferState }[]): Promise<void> {
    if (!rows.length) return;
    const first = await takeSeq(c, rows.length);
    const now = new Date();
    for (let i = 0; i < rows.length; i += 1000) {
      const chunk = rows.slice(i, i + 1000);
      await c.query(
        `INSERT INTO offers (id, seq, state, data_json, changed_at)
         SELECT id, seq, state, data_json, $5 FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[]) AS u(id, seq, state, data_json)
         ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, state = excluded.state, data_json = excluded.data_json, changed_at = excluded.changed_at`,
        [chunk.map((r) => r.id), chunk.map((_, j) => first + i + j), chunk.map((r) => r.state), chunk.map((r) => r.json), now],
      );
    }
    await opts.beforeOfferCommit?.();
  }

  async function writeOffers(rows: { id: string; json: string; state: OfferState }[]): Promise<void> {
    if (!rows.length) return;
    await tx((c) => writeOffersIn(c, rows));
  }

  /** Hide, delete or re-publish inside the caller's transaction c; false when unknown. */
  async function setOfferStateIn(c: pg.PoolClient, id: string, state: OfferState): Promise<boolean> {
    const { rows } = await c.query<{ state: OfferState }>('SELECT state FROM offers WHERE id = $1 FOR UPDATE', [id]);
    if (!rows[0]) return false;
    if (rows[0].state === state) return true;
    const seq = await takeSeq(c, 1);
    await c.query('UPDATE offers SET state = $1, seq = $2, changed_at = now() WHERE id = $3', [state, seq, id]);
    await opts.beforeOfferCommit?.();
    return true;
  }

  /** Once per (kiosk, key); kiosk_id '' for web wishes. `sent`: what the key's body hash is taken of. */
  async function storeOnce(key: string, kioskId: string, source: 'kiosk' | 'web', body: WishBody | WebWishBody, sent = JSON.stringify(body), town: string | null = null): Promise<StoreWishResult> {
    const hash = sha256(sent);
    const stored = body.contact_consent ? body : { ...body, contact: undefined };
    // one statement decides: concurrent retries with the same key cannot both create a wish
    const id = `wish-${randomUUID()}`;
    // received now by this server's clock, as on SQLite (wish-store.ts), not the database's: Bedarf counts wishes by that day
    const ins = await q<{ id: string }>(
      `INSERT INTO wishes (id, kiosk_id, idempotency_key, body_json, body_sha256, received_at, source, town) VALUES ($1, $2, $3, $4, $5, $7, $6, $8)
       ON CONFLICT (kiosk_id, idempotency_key) DO NOTHING RETURNING id`,
      [id, kioskId, key, JSON.stringify(stored), hash, source, new Date(), town],
    );
    if (ins.rows[0]) return { outcome: 'created', id };
    const { rows } = await q<{ id: string; body_sha256: string }>('SELECT id, body_sha256 FROM wishes WHERE kiosk_id = $1 AND idempotency_key = $2', [kioskId, key]);
    const existing = rows[0]!;
    return { outcome: existing.body_sha256 === hash ? 'replayed' : 'conflict', id: existing.id };
  }

  const calendarStorage = pgCalendarStorage(pool, tx);
  const townStorage = pgTownStorage(pool);
  const webReads = pgWebReads(pool);
  // kiosk token checks of the last 10 s answered from memory (token-cache.ts); cleared by a token or town change
  const tokens = tokenCache<TokenKiosk>(opts.tokenCache);
  let ended: Promise<void> | null = null;
  const storage: PgStorage = {
    kind: 'postgres',
    pool,
    migrated,
    async ping() {
      await q('SELECT 1');
    },
    async close() {
      // once, as SQLite's close: a second close (shutdown after a failed start, a test that closed it) is no error
      await (ended ??= pool.end());
    },

    async setTaxonomy(t) {
      const json = JSON.stringify(taxonomySchema.parse(t));
      const etag = `"${sha256(json).slice(0, 32)}"`;
      await q(
        `INSERT INTO taxonomy (id, data_json, etag, updated_at) VALUES (1, $1, $2, now())
         ON CONFLICT (id) DO UPDATE SET data_json = excluded.data_json, etag = excluded.etag, updated_at = excluded.updated_at`,
        [json, etag],
      );
      return etag;
    },
    async getTaxonomy() {
      const { rows } = await q<{ data_json: string; etag: string }>('SELECT data_json, etag FROM taxonomy WHERE id = 1');
      return rows[0] ? { json: rows[0].data_json, etag: rows[0].etag } : null;
    },

    async putOffers(offers) {
      // duplicates of one id in one call: the last one wins, as with one statement per offer
      const byId = new Map(offers.map((o) => [o.id, JSON.stringify(offerSchema.parse(o))]));
      await writeOffers([...byId].map(([id, json]) => ({ id, json, state: 'published' as const })));
    },
    async putUncheckedOffer(id, json, state = 'published') {
      await writeOffers([{ id, json, state }]);
    },
    async setOfferState(id, state) {
      return tx((c) => setOfferStateIn(c, id, state));
    },
    async getStoredOffer(id) {
      const { rows } = await q<{ data_json: string; state: OfferState; seq: number }>('SELECT data_json, state, seq FROM offers WHERE id = $1', [id]);
      return rows[0] ? { offer: JSON.parse(rows[0].data_json) as unknown, state: rows[0].state, seq: rows[0].seq } : null;
    },
    async publishedOffers() {
      const { rows } = await q<{ id: string; data_json: string }>(`SELECT id, data_json FROM offers WHERE state = 'published' ORDER BY id COLLATE "C"`);
      return new Map(rows.map((r) => [r.id, JSON.parse(r.data_json) as unknown]));
    },
    // each caller gets a head read after it called; callers arriving during a read share the next one (coalesced-read.ts)
    feedHead: coalescedRead(async () => {
      const { rows } = await q<{ seq: number }>('SELECT seq FROM feed_head WHERE id = 1');
      return rows[0]!.seq;
    }),
    async offersPage(cursor, limit): Promise<FeedPage> {
      // one statement = one snapshot; committed seqs are a prefix (see the top of this file), so nothing is skipped
      const { rows } = await q<FeedRow>('SELECT id, seq, state, data_json FROM offers WHERE seq > $1 ORDER BY seq LIMIT $2', [
        cursor.seq,
        limit + 1,
      ]);
      return feedPageFromRows(rows, cursor, limit);
    },

    async putEvent(input) {
      const e = cityEventSchema.parse(input);
      await q(
        `INSERT INTO events (uid, offer_id, summary, description, location, dtstart, tzid, duration_min, all_day, rrule, exdates_json, overrides_json, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, now())
         ON CONFLICT (uid) DO UPDATE SET offer_id = excluded.offer_id, summary = excluded.summary, description = excluded.description,
           location = excluded.location, dtstart = excluded.dtstart, tzid = excluded.tzid, duration_min = excluded.duration_min,
           all_day = excluded.all_day, rrule = excluded.rrule, exdates_json = excluded.exdates_json, overrides_json = excluded.overrides_json,
           updated_at = excluded.updated_at`,
        [e.uid, e.offer_id ?? null, e.summary, e.description ?? null, e.location ?? null, e.dtstart, e.tzid, e.duration_min ?? null, e.all_day, e.rrule ?? null, JSON.stringify(e.exdates), JSON.stringify(e.overrides)],
      );
    },
    async deleteEvent(uid) {
      return ((await q('DELETE FROM events WHERE uid = $1', [uid])).rowCount ?? 0) > 0;
    },
    async calendarForWindow(from, to) {
      // the window rule and row mapping of event-store.ts (eventFromRow), then the imported calendar sources
      const [events, imported] = await Promise.all([pgEventsForWindow(pool, from, to), calendarStorage.calendarOccurrences(from, to)]);
      return withImportedEvents(buildCalendar(events), imported);
    },

    async registerKiosk(id, token, config) {
      const cfg = remoteKioskConfigSchema.parse(config ?? defaultKioskConfig(id));
      try {
        await q(
          `INSERT INTO kiosks (id, token_sha256, config_json, created_at) VALUES ($1, $2, $3, now())
           ON CONFLICT (id) DO UPDATE SET token_sha256 = excluded.token_sha256, config_json = COALESCE(kiosks.config_json, excluded.config_json)`,
          [id, sha256(token), JSON.stringify(cfg)],
        );
      } finally {
        // the kiosk's former token is refused at once (also when the write's outcome is unknown)
        tokens.clear();
      }
    },
    async kioskForToken(token) {
      if (!token || token.length > 500) return null;
      const hash = sha256(token);
      return tokens.lookup(hash, async () => {
        // the town in the same round trip: the sync and taxonomy routes need it (kiosk-api.ts)
        const { rows } = await q<{ id: string; town: string | null; token_sha256: string }>('SELECT id, town, token_sha256 FROM kiosks WHERE token_sha256 = $1', [hash]);
        const row = rows[0];
        return row && timingSafeEqual(Buffer.from(row.token_sha256), Buffer.from(hash)) ? { id: row.id, town: row.town ?? null } : null;
      });
    },
    async setKioskConfig(id, config: RemoteKioskConfig) {
      await q('UPDATE kiosks SET config_json = $1 WHERE id = $2', [JSON.stringify(remoteKioskConfigSchema.parse(config)), id]);
    },
    async getKioskConfig(id) {
      const { rows } = await q<{ config_json: string | null }>('SELECT config_json FROM kiosks WHERE id = $1', [id]);
      if (!rows[0]) return null;
      const json = rows[0].config_json ?? JSON.stringify(defaultKioskConfig(id));
      return { json, etag: `"${sha256(json).slice(0, 32)}"` };
    },
    async recordHeartbeat(kioskId, hb, now = new Date()): Promise<KioskCommand[]> {
      return tx(async (c) => {
        await c.query('UPDATE kiosks SET last_heartbeat_at = $1, last_heartbeat_json = $2 WHERE id = $3', [now, JSON.stringify(hb), kioskId]);
        if (hb.acked?.length) {
          await c.query(`UPDATE commands SET state = 'done', done_at = $1 WHERE id = ANY($2::text[]) AND kiosk_id = $3 AND state != 'done'`, [now, hb.acked, kioskId]);
        }
        const { rows } = await c.query<KioskCommand>(
          `SELECT id, type FROM commands WHERE kiosk_id = $1 AND state IN ('queued', 'sent') ORDER BY created_at, id COLLATE "C"`,
          [kioskId],
        );
        if (rows.length) await c.query(`UPDATE commands SET state = 'sent', sent_at = COALESCE(sent_at, $1) WHERE kiosk_id = $2 AND state = 'queued'`, [now, kioskId]);
        return rows.map((r) => ({ id: r.id, type: r.type }));
      });
    },
    async lastHeartbeat(kioskId) {
      const { rows } = await q<{ last_heartbeat_json: string | null }>('SELECT last_heartbeat_json FROM kiosks WHERE id = $1', [kioskId]);
      return rows[0]?.last_heartbeat_json ? (JSON.parse(rows[0].last_heartbeat_json) as HeartbeatBody) : null;
    },
    async queueCommand(kioskId, type) {
      const id = `cmd-${randomUUID()}`;
      await q('INSERT INTO commands (id, kiosk_id, type, created_at) VALUES ($1, $2, $3, $4)', [id, kioskId, type, new Date()]);
      return id;
    },
    async commandState(id) {
      const { rows } = await q<{ state: string }>('SELECT state FROM commands WHERE id = $1', [id]);
      return rows[0]?.state ?? null;
    },

    async storeWish(key, kioskId, body: WishBody): Promise<StoreWishResult> {
      return storeOnce(key, kioskId, 'kiosk', body);
    },
    async storeWebWish(formKey, body, town = null) {
      // what was sent, without the moment the server received it (a replayed form arrives later), as in wish-store.ts
      return storeOnce(formKey, '', 'web', body, JSON.stringify({ ...body, created_at: undefined }), town);
    },
    async countWishes() {
      const { rows } = await q<{ n: number }>('SELECT count(*)::int AS n FROM wishes');
      return rows[0]!.n;
    },
    async listWishes(limit = 200) {
      const { rows } = await q<{ id: string; kiosk_id: string; source: 'kiosk' | 'web'; received_at: Date; idempotency_key: string; body_json: string }>(
        'SELECT id, kiosk_id, source, received_at, idempotency_key, body_json FROM wishes ORDER BY received_at DESC LIMIT $1',
        [limit],
      );
      return rows.map((r) => ({
        id: r.id,
        kiosk_id: r.kiosk_id,
        source: r.source,
        received_at: iso(r.received_at)!,
        idempotency_key: r.idempotency_key,
        body: JSON.parse(r.body_json) as WishBody,
      }));
    },

    async storeStats(kioskId, day, body) {
      await q(
        `INSERT INTO stats (kiosk_id, day, body_json, received_at) VALUES ($1, $2, $3, now())
         ON CONFLICT (kiosk_id, day) DO UPDATE SET body_json = excluded.body_json, received_at = excluded.received_at`,
        [kioskId, day, JSON.stringify(body)],
      );
    },
    async getStats(kioskId, day) {
      const { rows } = await q<{ body_json: string }>('SELECT body_json FROM stats WHERE kiosk_id = $1 AND day = $2', [kioskId, day]);
      return rows[0] ? (JSON.parse(rows[0].body_json) as unknown) : null;
    },

    async putImage(bytes, contentType) {
      const sha = createHash('sha256').update(bytes).digest('hex');
      await q(
        'INSERT INTO images (sha256, content_type, bytes) VALUES ($1, $2, $3) ON CONFLICT (sha256) DO UPDATE SET content_type = excluded.content_type, bytes = excluded.bytes',
        [sha, contentType, bytes],
      );
      return { sha256: sha, bytes: bytes.length };
    },
    async getImage(sha) {
      const { rows } = await q<{ content_type: string; bytes: Buffer }>('SELECT content_type, bytes FROM images WHERE sha256 = $1', [sha]);
      return rows[0] ? { contentType: rows[0].content_type, bytes: rows[0].bytes } : null;
    },

    // public pages and feeds (issue 19); the catalog version of each public page request shared as the feed head
    ...webReads,
    catalogVersion: coalescedRead(webReads.catalogVersion),
    // several towns in one server (issue 19)
    ...townStorage,
    async setKioskTown(kioskId, town) {
      try {
        await townStorage.setKioskTown(kioskId, town);
      } finally {
        // the token check answers with the kiosk's town: the new one at once
        tokens.clear();
      }
    },
    // staff accounts per town with roles (issue 19)
    ...pgStaffAccounts(pool),
    // staff login, offer and wish pages (issue 19)
    ...pgStaffStorage(pool, (id, json, state) => writeOffers([{ id, json, state }])),
    // club submissions, moderation, audit trail, confirmations (issue 19)
    ...pgSubmissionStorage(pool, { tx, writeOffersIn, setOfferStateIn }),
    // calendar sources and their imported occurrences (issue 19)
    ...calendarStorage,
    // the Bedarf page (issue 19)
    ...pgBedarfStorage(pool, tx),

    async opsCounts(silentSince) {
      const { rows } = await q<{ head: number; silent: number; pending: number }>(
        `SELECT (SELECT seq FROM feed_head WHERE id = 1) AS head,
                (SELECT count(*)::int FROM kiosks WHERE last_heartbeat_at IS NULL OR last_heartbeat_at < $1) AS silent,
                (SELECT count(*)::int FROM submissions WHERE state = 'pending') AS pending`,
        [silentSince],
      );
      return { feedHead: rows[0]!.head, moderationQueue: rows[0]!.pending, silentKiosks: rows[0]!.silent };
    },
  };
  return storage;
}
