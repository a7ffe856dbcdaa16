/**
 * What the public pages (/angebote, /angebote/<id>, the map, sitemap) and the public feeds (/feeds/offers.atom,
 * /feeds/events.ics) read, for both backends (issue 19). Part of KioskStorage (kiosk-storage.ts extends it); the
 * offers themselves come from `publishedOffers()` and the taxonomy from `getTaxonomy()`, which both backends have.
 */
import type pg from 'pg';
import type { CityDb } from '../city-db';
import { eventFromRow, eventsForWindow, type CityEvent, type EventRow } from '../event-store';
import { currentSeq } from '../offer-store';

export interface RecentOfferRow {
  id: string;
  data_json: string;
  /** ISO 8601 (UTC) */
  changed_at: string;
}

export interface PublicWebReads {
  /**
   * A text that changes whenever what the public pages show can change: the feed head (every offer change), the
   * number and newest change of the town's events, the taxonomy's last change. The catalog is rebuilt when it differs.
   */
  catalogVersion(): Promise<string>;
  /** The town's events that may occur in [from, to] (YYYY-MM-DD): single events in the window, series started before its end. */
  eventsForWindow(from: string, to: string): Promise<(CityEvent & { updated_at: string })[]>;
  /** Published offers, most recently changed first (the Atom feed), at most `limit`. */
  recentlyChangedOffers(limit: number): Promise<RecentOfferRow[]>;
  /** Whether the image is stored (without reading its bytes). */
  hasImage(sha256: string): Promise<boolean>;
}

/** SQLite: the same statements the public pages and feeds ran on the database before (issue 17). */
export function sqliteWebReads(db: CityDb): PublicWebReads {
  const run = async <T>(fn: () => T): Promise<T> => fn();
  return {
    catalogVersion: () =>
      run(() => {
        const ev = db.prepare(`SELECT count(*) AS n, max(updated_at) AS m FROM events`).get() as { n: number; m: string | null };
        const tx = db.prepare(`SELECT updated_at FROM taxonomy WHERE id = 1`).get() as { updated_at: string } | undefined;
        return `${currentSeq(db)}|${ev.n}|${ev.m ?? ''}|${tx?.updated_at ?? ''}`;
      }),
    eventsForWindow: (from, to) => run(() => eventsForWindow(db, from, to)),
    recentlyChangedOffers: (limit) =>
      run(
        () =>
          db
            .prepare(`SELECT id, data_json, changed_at FROM offers WHERE state = 'published' ORDER BY changed_at DESC, seq DESC LIMIT ?`)
            .all(limit) as RecentOfferRow[],
      ),
    hasImage: (sha) => run(() => !!db.prepare(`SELECT 1 FROM images WHERE sha256 = ?`).get(sha)),
  };
}

/** Events of [from, to] on PostgreSQL: the window rule of event-store.ts eventsForWindow, the same row mapping. */
export async function pgEventsForWindow(pool: pg.Pool, from: string, to: string): Promise<(CityEvent & { updated_at: string })[]> {
  const { rows } = await pool.query<EventRow>(
    `SELECT * FROM events
     WHERE substr(dtstart, 1, 10) <= $1 AND (rrule IS NOT NULL OR substr(dtstart, 1, 10) >= to_char($2::date - 1, 'YYYY-MM-DD'))
     ORDER BY dtstart COLLATE "C", uid COLLATE "C"`,
    [to, from],
  );
  return rows.map(eventFromRow);
}

export function pgWebReads(pool: pg.Pool): PublicWebReads {
  return {
    async catalogVersion() {
      // ::text keeps the microseconds (two edits in one millisecond still change the version)
      const { rows } = await pool.query<{ head: number; n: number; m: string | null; t: string | null }>(
        `SELECT (SELECT seq FROM feed_head WHERE id = 1) AS head,
                (SELECT count(*)::int FROM events) AS n, (SELECT max(updated_at)::text FROM events) AS m,
                (SELECT updated_at::text FROM taxonomy WHERE id = 1) AS t`,
      );
      const r = rows[0]!;
      return `${r.head}|${r.n}|${r.m ?? ''}|${r.t ?? ''}`;
    },
    eventsForWindow: (from, to) => pgEventsForWindow(pool, from, to),
    async recentlyChangedOffers(limit) {
      const { rows } = await pool.query<{ id: string; data_json: string; changed_at: Date }>(
        `SELECT id, data_json, changed_at FROM offers WHERE state = 'published' ORDER BY changed_at DESC, seq DESC LIMIT $1`,
        [limit],
      );
      return rows.map((r) => ({ id: r.id, data_json: r.data_json, changed_at: r.changed_at.toISOString() }));
    },
    async hasImage(sha) {
      const { rows } = await pool.query('SELECT 1 FROM images WHERE sha256 = $1', [sha]);
      return rows.length > 0;
    },
  };
}
