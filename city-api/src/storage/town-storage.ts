/**
 * Several towns in one district server (issue 19): an optional town on offers and kiosks, and a change feed that
 * serves each kiosk its town's offers (docs/city-api.md, "Towns"). Part of KioskStorage, both backends.
 *
 * The feed for a set of towns is the same sequence of changes as the whole feed, with one difference: a change of an
 * offer of another town arrives as a tombstone (its id in `deleted`). So the cursor positions are the same for every
 * kiosk, and a kiosk that held an offer which then moved to another town (or got a town for the first time) is told
 * to drop it — a filter that skipped such rows would leave the offer on that kiosk for ever. Offers without a town
 * are everyone's. Moving an offer to another town is a change of its own (a new sequence number).
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { townIdSchema } from '../../../shared/schemas/taxonomy';
import type { WishBody } from '../../../shared/schemas/wish';
import type { CityDb } from '../city-db';
import { nextSeq } from '../city-db';
import { feedPageFromRows, type FeedCursor, type FeedPage, type FeedRow } from '../offer-store';

/** A town id: lower-case letters, digits and inner hyphens, e.g. siegburg, sankt-augustin (shared with the taxonomy). */
export { townIdSchema };
export const MAX_TOWNS = 20;

/** `towns=a,b` of GET /v1/offers: the ids (deduplicated), [] when absent, null when invalid. */
export function parseTownsParam(v: string | undefined): string[] | null {
  if (v === undefined || v === '') return [];
  const list = [...new Set(v.split(','))];
  if (list.length > MAX_TOWNS || !list.every((t) => townIdSchema.safeParse(t).success)) return null;
  return list;
}

/**
 * Which towns a kiosk's feed is limited to: its own town plus those it asks for (neighbouring towns near the
 * border). null = the whole district (a kiosk without a town that asks for none, as before towns existed).
 */
export function feedScope(kioskTown: string | null, asked: readonly string[]): string[] | null {
  const all = new Set(asked);
  if (kioskTown) all.add(kioskTown);
  return all.size ? [...all].sort() : null;
}

/** 8 hex digits naming a scope in the cursor, so a cursor is only continued with the same towns. */
export function scopeTag(scope: readonly string[]): string {
  return createHash('sha256').update(scope.join(',')).digest('hex').slice(0, 8);
}

/**
 * The taxonomy as a kiosk of this scope gets it: districts of other towns left out. A taxonomy without any
 * district town is served unchanged (same text, same ETag), so a one-town server behaves as before.
 */
export function taxonomyForTowns(row: { json: string; etag: string }, scope: readonly string[]): { json: string; etag: string } {
  const t = JSON.parse(row.json) as { districts?: { town?: string }[] };
  if (!t.districts?.some((d) => d.town !== undefined)) return row;
  const json = JSON.stringify({ ...t, districts: t.districts.filter((d) => d.town === undefined || scope.includes(d.town)) });
  return { json, etag: `"${createHash('sha256').update(json).digest('hex').slice(0, 32)}"` };
}

/** The kinds of things a staff page acts on by id; each has a town (or none: the district's). */
export type TownItemKind = 'offer' | 'kiosk' | 'wish' | 'submission' | 'account';

/**
 * The SQL of townOf per kind (one row with a column `town`, none for an unknown id; `?` is the id, the same text on
 * both backends apart from the placeholder). A wish has its kiosk's town, a web wish the town whose public pages it
 * was sent on (wishes.town, migration 10; none on the district's address); a submission its own town (made on a
 * town's public pages) or else the town of the offer it changes.
 */
/** A wish's town in SQL over `wishes w LEFT JOIN kiosks k ON k.id = w.kiosk_id`: its kiosk's, else its own (web). */
const WISH_TOWN = 'COALESCE(k.town, w.town)';
const TOWN_OF_SQL: Record<TownItemKind, string> = {
  offer: `SELECT town FROM offers WHERE id = ?`,
  kiosk: `SELECT town FROM kiosks WHERE id = ?`,
  wish: `SELECT ${WISH_TOWN} AS town FROM wishes w LEFT JOIN kiosks k ON k.id = w.kiosk_id WHERE w.id = ?`,
  submission: `SELECT COALESCE(s.town, o.town) AS town FROM submissions s LEFT JOIN offers o ON o.id = s.offer_id WHERE s.id = ?`,
  account: `SELECT town FROM staff_accounts WHERE name = ?`,
};
/** A town's wishes, newest first (`?`: town, limit), in listWishes' columns. */
const TOWN_WISHES_SQL = `SELECT w.id, w.kiosk_id, w.source, w.received_at, w.body_json FROM wishes w LEFT JOIN kiosks k ON k.id = w.kiosk_id
  WHERE ${WISH_TOWN} = ? ORDER BY w.received_at DESC LIMIT ?`;
type WishRow = { id: string; kiosk_id: string; source: 'kiosk' | 'web'; received_at: string; body: WishBody };
const wishRow = (r: { id: string; kiosk_id: string; source: 'kiosk' | 'web'; received_at: string | Date; body_json: string }): WishRow => ({
  id: r.id,
  kiosk_id: r.kiosk_id,
  source: r.source,
  received_at: r.received_at instanceof Date ? r.received_at.toISOString() : r.received_at,
  body: JSON.parse(r.body_json) as WishBody,
});
/** The effective town of every submission that has one (as TOWN_OF_SQL.submission). */
const SUBMISSION_TOWNS_SQL = `SELECT s.id, COALESCE(s.town, o.town) AS town FROM submissions s LEFT JOIN offers o ON o.id = s.offer_id
  WHERE COALESCE(s.town, o.town) IS NOT NULL`;

export interface TownStorage {
  /** The town of one thing a staff page acts on ({ town: null }: the district's), or null when there is no such thing. */
  townOf(kind: TownItemKind, id: string): Promise<{ town: string | null } | null>;
  /** The town of each kiosk that has one. */
  kioskTowns(): Promise<Map<string, string>>;
  /** A town's wishes (from its kiosks and from its public pages), newest first, as listWishes. */
  listWishesOfTown(town: string, limit: number): Promise<WishRow[]>;
  /** The town of each club submission that has one (its own, else its offer's). */
  submissionTowns(): Promise<Map<string, string>>;
  /** The town of a club submission made on a town's public pages. */
  setSubmissionTown(id: string, town: string | null): Promise<void>;
  /**
   * Sets (town) or clears (null) the town of offers. Every offer whose town really changes gets the next change
   * sequence number, in one transaction; unknown ids are skipped. Returns how many offers changed.
   */
  setOfferTowns(changes: readonly { id: string; town: string | null }[]): Promise<number>;
  /** The town of each offer that has one. */
  offerTowns(): Promise<Map<string, string>>;
  /** Changes after the cursor like offersPage; offers with a town outside `towns` as tombstones. */
  offersPageForTowns(cursor: FeedCursor, limit: number, towns: readonly string[]): Promise<FeedPage>;
  setKioskTown(kioskId: string, town: string | null): Promise<void>;
  /** null: the kiosk has no town (it gets the whole district unless it asks for towns) or is unknown. */
  kioskTown(kioskId: string): Promise<string | null>;
}

const idTownMap = (rows: { id: string; town: string }[]) => new Map(rows.map((r) => [r.id, r.town]));

export function sqliteTownStorage(db: CityDb): TownStorage {
  const run = async <T>(fn: () => T): Promise<T> => fn();
  return {
    townOf: (kind, id) =>
      run(() => {
        const row = db.prepare(TOWN_OF_SQL[kind]).get(id) as { town: string | null } | undefined;
        return row ? { town: row.town ?? null } : null;
      }),
    kioskTowns: () => run(() => idTownMap(db.prepare(`SELECT id, town FROM kiosks WHERE town IS NOT NULL`).all() as { id: string; town: string }[])),
    listWishesOfTown: (town, limit) => run(() => (db.prepare(TOWN_WISHES_SQL).all(town, limit) as Parameters<typeof wishRow>[0][]).map(wishRow)),
    submissionTowns: () => run(() => idTownMap(db.prepare(SUBMISSION_TOWNS_SQL).all() as { id: string; town: string }[])),
    setSubmissionTown: (id, town) => run(() => void db.prepare(`UPDATE submissions SET town = ? WHERE id = ?`).run(town, id)),
    setOfferTowns: (changes) =>
      run(() =>
        db.transaction(() => {
          const get = db.prepare(`SELECT town FROM offers WHERE id = ?`);
          const set = db.prepare(`UPDATE offers SET town = ?, seq = ?, changed_at = ? WHERE id = ?`);
          const now = new Date().toISOString();
          let n = 0;
          for (const c of changes) {
            const row = get.get(c.id) as { town: string | null } | undefined;
            if (!row || row.town === c.town) continue;
            set.run(c.town, nextSeq(db), now, c.id);
            n++;
          }
          return n;
        })(),
      ),
    offerTowns: () =>
      run(() => {
        const rows = db.prepare(`SELECT id, town FROM offers WHERE town IS NOT NULL`).all() as { id: string; town: string }[];
        return new Map(rows.map((r) => [r.id, r.town]));
      }),
    offersPageForTowns: (cursor, limit, towns) =>
      run(() => {
        const rows = db
          .prepare(
            `SELECT id, seq,
               CASE WHEN town IS NULL OR town IN (SELECT value FROM json_each(@towns)) THEN state ELSE 'hidden' END AS state,
               CASE WHEN town IS NULL OR town IN (SELECT value FROM json_each(@towns)) THEN data_json ELSE '' END AS data_json
             FROM offers WHERE seq > @seq ORDER BY seq LIMIT @limit`,
          )
          .all({ towns: JSON.stringify(towns), seq: cursor.seq, limit: limit + 1 }) as FeedRow[];
        return feedPageFromRows(rows, cursor, limit);
      }),
    setKioskTown: (kioskId, town) => run(() => void db.prepare(`UPDATE kiosks SET town = ? WHERE id = ?`).run(town, kioskId)),
    kioskTown: (kioskId) => run(() => (db.prepare(`SELECT town FROM kiosks WHERE id = ?`).pluck().get(kioskId) as string | null | undefined) ?? null),
  };
}

export function pgTownStorage(pool: pg.Pool): TownStorage {
  return {
    async townOf(kind, id) {
      const { rows } = await pool.query<{ town: string | null }>(TOWN_OF_SQL[kind].replace('?', '$1'), [id]);
      return rows[0] ? { town: rows[0].town ?? null } : null;
    },
    async kioskTowns() {
      return idTownMap((await pool.query<{ id: string; town: string }>(`SELECT id, town FROM kiosks WHERE town IS NOT NULL`)).rows);
    },
    async listWishesOfTown(town, limit) {
      return (await pool.query<Parameters<typeof wishRow>[0]>(TOWN_WISHES_SQL.replace('?', '$1').replace('?', '$2'), [town, limit])).rows.map(wishRow);
    },
    async submissionTowns() {
      return idTownMap((await pool.query<{ id: string; town: string }>(SUBMISSION_TOWNS_SQL)).rows);
    },
    async setSubmissionTown(id, town) {
      await pool.query('UPDATE submissions SET town = $1 WHERE id = $2', [town, id]);
    },
    async setOfferTowns(changes) {
      if (!changes.length) return 0;
      const c = await pool.connect();
      try {
        await c.query('BEGIN');
        const last = new Map(changes.map((x) => [x.id, x.town])); // the last change of an id wins
        const { rows } = await c.query<{ id: string }>(
          `SELECT o.id FROM offers o JOIN unnest($1::text[], $2::text[]) AS u(id, town) ON u.id = o.id
           WHERE o.town IS DISTINCT FROM u.town ORDER BY o.id COLLATE "C" FOR UPDATE OF o`,
          [[...last.keys()], [...last.values()]],
        );
        if (rows.length) {
          // the feed head's row lock until commit keeps the committed sequence numbers gap-free (ADR 0013)
          const head = await c.query<{ seq: number }>('UPDATE feed_head SET seq = seq + $1 WHERE id = 1 RETURNING seq', [rows.length]);
          const first = head.rows[0]!.seq - rows.length + 1;
          await c.query(
            `UPDATE offers o SET town = u.town, seq = u.seq, changed_at = now()
             FROM unnest($1::text[], $2::text[], $3::bigint[]) AS u(id, town, seq) WHERE o.id = u.id`,
            [rows.map((r) => r.id), rows.map((r) => last.get(r.id) ?? null), rows.map((_, i) => first + i)],
          );
        }
        await c.query('COMMIT');
        return rows.length;
      } catch (err) {
        await c.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        c.release();
      }
    },
    async offerTowns() {
      const { rows } = await pool.query<{ id: string; town: string }>(`SELECT id, town FROM offers WHERE town IS NOT NULL`);
      return new Map(rows.map((r) => [r.id, r.town]));
    },
    async offersPageForTowns(cursor, limit, towns) {
      // one statement = one snapshot, as offersPage (pg-storage.ts)
      const { rows } = await pool.query<FeedRow>(
        `SELECT id, seq,
           CASE WHEN town IS NULL OR town = ANY($3::text[]) THEN state ELSE 'hidden' END AS state,
           CASE WHEN town IS NULL OR town = ANY($3::text[]) THEN data_json ELSE '' END AS data_json
         FROM offers WHERE seq > $1 ORDER BY seq LIMIT $2`,
        [cursor.seq, limit + 1, [...towns]],
      );
      return feedPageFromRows(rows, cursor, limit);
    },
    async setKioskTown(kioskId, town) {
      await pool.query('UPDATE kiosks SET town = $1 WHERE id = $2', [town, kioskId]);
    },
    async kioskTown(kioskId) {
      const { rows } = await pool.query<{ town: string | null }>('SELECT town FROM kiosks WHERE id = $1', [kioskId]);
      return rows[0]?.town ?? null;
    },
  };
}
