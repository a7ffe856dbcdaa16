/**
 * What the staff page's login, offer pages and wish pages read and write, for both backends (issue 19). Part of
 * KioskStorage (kiosk-storage.ts extends it). SQLite wraps the existing functions (staff-auth.ts, offer-store.ts,
 * wish-work.ts) unchanged; PostgreSQL has the same tables (PG_STAFF_MIGRATION) and the same rules.
 *
 * Club submissions: submission-storage.ts. Still SQLite-only: calendar sources, the Bedarf page.
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { offerSchema, type Offer } from '../../../shared/schemas/offer';
import type { CityDb } from '../city-db';
import type { HeartbeatBody } from '../../../shared/schemas/city-api';
import { listKiosks, type KioskOverview } from '../kiosk-store';
import { listOffersForStaff, putOffer, type OfferState } from '../offer-store';
import { createSession, endSession, randomToken, sessionCsrf, SESSION_TTL_MS } from '../staff-auth';
import { addWishReply, allWishWork, setWishWork, type ReplyChannel, type WishStatus } from '../wish-work';

export interface StaffOfferRow {
  id: string;
  state: OfferState;
  title: string;
  status: string;
  /** ISO 8601 (UTC) */
  changed_at: string;
}

export interface StaffStorage {
  /** A new staff session (8 hours): the cookie value and its CSRF token; expired sessions are removed. */
  createStaffSession(now?: Date): Promise<{ id: string; csrf: string }>;
  /** The session's CSRF token, or null when the cookie names no live session. */
  staffSessionCsrf(id: string | undefined, now?: Date): Promise<string | null>;
  endStaffSession(id: string | undefined): Promise<void>;

  /** Offers that are not deleted, most recently changed first (the staff's offer list); `town`: only that town's. */
  listOffersForStaff(limit: number, offset?: number, town?: string | null): Promise<StaffOfferRow[]>;
  /** Stores one offer after validating it, with its visibility (an edit keeps a hidden offer hidden); next change number. */
  putOffer(offer: Offer, state: OfferState): Promise<void>;

  /** Status, note and number of replies of every wish staff have touched. */
  allWishWork(): Promise<Map<string, { status: WishStatus; note: string; replies: number }>>;
  /** false when the wish does not exist. */
  setWishWork(wishId: string, status: WishStatus, note: string, now: Date): Promise<boolean>;
  /** Records a reply; false unless the wish exists and its sender consented to contact and left a way to reach them. */
  addWishReply(wishId: string, channel: ReplyChannel, summary: string, now: Date): Promise<boolean>;

  /** Every registered kiosk by id, with its town, last heartbeat and its 10 newest commands (the staff's kiosk page); `town`: only that town's. */
  listKiosksForStaff(town?: string | null): Promise<KioskOverview[]>;
}

export function sqliteStaffStorage(db: CityDb): StaffStorage {
  const run = async <T>(fn: () => T): Promise<T> => fn();
  return {
    createStaffSession: (now) => run(() => createSession(db, now)),
    staffSessionCsrf: (id, now) => run(() => sessionCsrf(db, id, now)),
    endStaffSession: (id) => run(() => endSession(db, id)),
    listOffersForStaff: (limit, offset, town) => run(() => listOffersForStaff(db, limit, offset, town ?? null)),
    putOffer: (offer, state) => run(() => putOffer(db, offer, state)),
    allWishWork: () => run(() => allWishWork(db)),
    setWishWork: (wishId, status, note, now) => run(() => setWishWork(db, wishId, status, note, now)),
    addWishReply: (wishId, channel, summary, now) => run(() => addWishReply(db, wishId, channel, summary, now)),
    listKiosksForStaff: (town) => run(() => listKiosks(db, town ?? null)),
  };
}

/**
 * PostgreSQL migration 4 (pg-migrations.ts): the tables of SQLite migrations 1 (admin_sessions) and 4 (wish_work,
 * wish_replies), with timestamptz instead of ISO text.
 * A second copy of wish-work.ts's tables on purpose (duplicates lists the pair): the dialects differ (timestamptz,
 * bigserial), and a released migration's text is never changed, so neither is generated from the other.
 */
export const PG_STAFF_MIGRATION = `
  CREATE TABLE admin_sessions (
    id_sha256 text PRIMARY KEY,
    csrf text NOT NULL,
    expires_at timestamptz NOT NULL
  );
  CREATE INDEX admin_sessions_expiry ON admin_sessions (expires_at);
  CREATE TABLE wish_work (
    wish_id text PRIMARY KEY REFERENCES wishes(id) ON DELETE CASCADE,
    status text NOT NULL DEFAULT 'neu' CHECK (status IN ('neu', 'in_bearbeitung', 'angebot_gefunden', 'erledigt')),
    note text NOT NULL DEFAULT '',
    updated_at timestamptz NOT NULL
  );
  CREATE TABLE wish_replies (
    id bigserial PRIMARY KEY,
    wish_id text NOT NULL REFERENCES wishes(id) ON DELETE CASCADE,
    channel text NOT NULL CHECK (channel IN ('telefon', 'email', 'brief', 'persoenlich')),
    summary text NOT NULL,
    replied_at timestamptz NOT NULL
  );
  CREATE INDEX wish_replies_wish ON wish_replies (wish_id);
  CREATE INDEX wishes_received ON wishes (received_at);
`;

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

/** `putChecked`: the storage's putUncheckedOffer (one transaction, next change number from feed_head). */
export function pgStaffStorage(pool: pg.Pool, putChecked: (id: string, json: string, state: OfferState) => Promise<void>): StaffStorage {
  return {
    async createStaffSession(now = new Date()) {
      const id = randomToken();
      const csrf = randomToken();
      await pool.query('DELETE FROM admin_sessions WHERE expires_at < $1', [now]);
      await pool.query('INSERT INTO admin_sessions (id_sha256, csrf, expires_at) VALUES ($1, $2, $3)', [sha(id), csrf, new Date(now.getTime() + SESSION_TTL_MS)]);
      return { id, csrf };
    },
    async staffSessionCsrf(id, now = new Date()) {
      if (!id || id.length > 100) return null;
      const { rows } = await pool.query<{ csrf: string }>('SELECT csrf FROM admin_sessions WHERE id_sha256 = $1 AND expires_at >= $2', [sha(id), now]);
      return rows[0]?.csrf ?? null;
    },
    async endStaffSession(id) {
      if (id) await pool.query('DELETE FROM admin_sessions WHERE id_sha256 = $1', [sha(id)]);
    },

    async listOffersForStaff(limit, offset = 0, town = null) {
      // json_extract on SQLite returns NULL for a missing member; ->> does the same
      const { rows } = await pool.query<{ id: string; state: OfferState; title: string; status: string; changed_at: Date }>(
        `SELECT id, state, data_json::json ->> 'title' AS title, data_json::json ->> 'status' AS status, changed_at
         FROM offers WHERE state != 'deleted' AND ($3::text IS NULL OR town = $3) ORDER BY changed_at DESC, id COLLATE "C" LIMIT $1 OFFSET $2`,
        [limit, offset, town],
      );
      return rows.map((r) => ({ ...r, changed_at: r.changed_at.toISOString() }));
    },
    async putOffer(offer, state) {
      const parsed = offerSchema.parse(offer);
      await putChecked(parsed.id, JSON.stringify(parsed), state);
    },

    async allWishWork() {
      const { rows } = await pool.query<{ wish_id: string; status: WishStatus; note: string; replies: number }>(
        `SELECT x.id AS wish_id, COALESCE(w.status, 'neu') AS status, COALESCE(w.note, '') AS note,
                (SELECT count(*)::int FROM wish_replies r WHERE r.wish_id = x.id) AS replies
         FROM wishes x LEFT JOIN wish_work w ON w.wish_id = x.id
         WHERE w.wish_id IS NOT NULL OR EXISTS (SELECT 1 FROM wish_replies r WHERE r.wish_id = x.id)`,
      );
      return new Map(rows.map((r) => [r.wish_id, r]));
    },
    async setWishWork(wishId, status, note, now) {
      // one statement: nothing is written for an unknown wish
      const { rowCount } = await pool.query(
        `INSERT INTO wish_work (wish_id, status, note, updated_at) SELECT id, $2, $3, $4 FROM wishes WHERE id = $1
         ON CONFLICT (wish_id) DO UPDATE SET status = excluded.status, note = excluded.note, updated_at = excluded.updated_at`,
        [wishId, status, note.slice(0, 2000), now],
      );
      return (rowCount ?? 0) > 0;
    },
    async addWishReply(wishId, channel, summary, now) {
      const { rows } = await pool.query<{ body_json: string }>('SELECT body_json FROM wishes WHERE id = $1', [wishId]);
      if (!rows[0]) return false;
      const body = JSON.parse(rows[0].body_json) as { contact_consent?: boolean; contact?: Record<string, unknown> };
      if (body.contact_consent !== true || !body.contact || Object.keys(body.contact).length === 0) return false;
      await pool.query('INSERT INTO wish_replies (wish_id, channel, summary, replied_at) VALUES ($1, $2, $3, $4)', [wishId, channel, summary.slice(0, 1000), now]);
      return true;
    },

    async listKiosksForStaff(town = null) {
      // one statement for all kiosks (the district has hundreds), each with its 10 newest commands
      const { rows } = await pool.query<{
        id: string; town: string | null; last_heartbeat_at: Date | null; last_heartbeat_json: string | null;
        cmd_id: string | null; type: string | null; state: string | null; created_at: Date | null;
      }>(
        `SELECT k.id, k.town, k.last_heartbeat_at, k.last_heartbeat_json, c.id AS cmd_id, c.type, c.state, c.created_at
         FROM kiosks k LEFT JOIN LATERAL (
           SELECT id, type, state, created_at FROM commands WHERE kiosk_id = k.id ORDER BY created_at DESC LIMIT 10
         ) c ON true
         WHERE $1::text IS NULL OR k.town = $1
         ORDER BY k.id COLLATE "C", c.created_at DESC`,
        [town],
      );
      const out: KioskOverview[] = [];
      for (const r of rows) {
        let k = out[out.length - 1];
        if (!k || k.id !== r.id) {
          k = { id: r.id, town: r.town, last_heartbeat_at: r.last_heartbeat_at?.toISOString() ?? null, heartbeat: r.last_heartbeat_json ? (JSON.parse(r.last_heartbeat_json) as HeartbeatBody) : null, commands: [] };
          out.push(k);
        }
        if (r.cmd_id) k.commands.push({ id: r.cmd_id, type: r.type!, state: r.state!, created_at: r.created_at!.toISOString() });
      }
      return out;
    },
  };
}
