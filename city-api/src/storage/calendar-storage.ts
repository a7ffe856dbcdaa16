/**
 * Calendar sources (issue 21) for both backends (issue 19): the registered iCal/webcal/JSON-LD feeds with their
 * health, and the occurrences imported from them (served in GET /v1/events and /feeds/events.ics). Part of
 * KioskStorage. Fetching and reading a feed (calendar-sources/refresh.ts, fetch-feed.ts, parse-feed.ts) does not
 * depend on the backend; only what it stores goes through here. SQLite wraps calendar-sources/source-store.ts
 * unchanged; PostgreSQL has the same tables (PG_CALENDAR_MIGRATION, PG migration 7) and rules.
 *
 * Several API instances on one PostgreSQL database each run the schedule: claimDueCalendarSources hands a due
 * source to one of them only (one UPDATE moves its next fetch forward by the lease; a second instance's UPDATE
 * waits for the row and then no longer finds it due).
 */
import { createHash, randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { CityDb } from '../city-db';
import type { ImportedOccurrence } from '../calendar-sources/parse-feed';
import {
  activateSource,
  addSource,
  claimDueSources,
  deleteSource,
  diffOccurrences,
  getSource,
  listSources,
  occurrenceFromRow,
  occurrencesForWindow,
  pauseSource,
  recordFailure,
  recordSuccess,
  replaceSourceEvents,
  sourceFromRow,
  type CalendarSource,
  type FetchOutcomeOk,
  type NewSource,
  type OccurrenceRowOf,
  type ReplaceStats,
  type SourceRowOf,
  type StoredOccurrence,
} from '../calendar-sources/source-store';
import { pgText, pgUrl } from './pg-text';

export interface CalendarSourceStorage {
  addCalendarSource(s: NewSource, now: Date): Promise<CalendarSource>;
  getCalendarSource(id: string): Promise<CalendarSource | null>;
  /** All sources (the town's first, then by label), or those of one offer (oldest first). */
  listCalendarSources(opts?: { offerId?: string }): Promise<CalendarSource[]>;
  /**
   * Active sources due for a fetch at `now`, each handed out once: its next fetch moves to `leaseUntil` (the
   * fetch's own result then sets the real next time; a fetch that never ends is retried after the lease).
   */
  claimDueCalendarSources(now: Date, leaseUntil: Date): Promise<CalendarSource[]>;
  /** Goes live (from preview) or is re-enabled after a pause: failures forgotten, fetched at the next tick. */
  activateCalendarSource(id: string, now: Date): Promise<void>;
  pauseCalendarSource(id: string): Promise<void>;
  /** Removes a source and its events (they disappear from kiosks at their next sync). */
  deleteCalendarSource(id: string): Promise<void>;
  recordCalendarSuccess(id: string, o: FetchOutcomeOk, now: Date, nextAt: Date): Promise<void>;
  /** Counts a failure in a row; the `pauseAfter`th pauses the source. Returns the stored source. */
  recordCalendarFailure(id: string, error: string, now: Date, nextAt: Date, pauseAfter: number): Promise<CalendarSource>;
  /** Makes the stored occurrences of a source equal to `occurrences` (matched by UID + RECURRENCE-ID), in one transaction. */
  replaceCalendarEvents(sourceId: string, occurrences: ImportedOccurrence[], now: Date): Promise<ReplaceStats>;
  /** Occurrences of live sources (active or paused) starting in [from, to] (YYYY-MM-DD, a day of slack on both sides). */
  calendarOccurrences(from: string, to: string): Promise<StoredOccurrence[]>;
}

/** Longer UIDs than this (bytes) are stored by their hash on PostgreSQL (see pgOccurrence). */
const PG_MAX_UID_BYTES = 1000;

/**
 * An occurrence as PostgreSQL can store it, applied before the diff so a re-import compares equal:
 * - NUL dropped from every text (pg-text.ts); a UID differing only by NUL is the same occurrence;
 * - a UID longer than PG_MAX_UID_BYTES (a broken or hostile feed: the key of calendar_events' primary key index,
 *   whose entries hold at most 2704 bytes, so one such UID failed the whole import) is its first 200 characters,
 *   '#sha256:' and the hash of the whole UID: the same key at every import, distinct UIDs stay distinct.
 */
function pgOccurrence(o: ImportedOccurrence): ImportedOccurrence {
  const t = pgText;
  const uid = t(o.uid);
  return {
    ...o,
    uid: Buffer.byteLength(uid) <= PG_MAX_UID_BYTES ? uid : `${[...uid].slice(0, 200).join('')}#sha256:${createHash('sha256').update(uid).digest('hex')}`,
    recurrenceId: t(o.recurrenceId),
    start: t(o.start),
    end: t(o.end),
    startDate: t(o.startDate),
    endDate: t(o.endDate),
    summary: t(o.summary),
    description: t(o.description),
    location: t(o.location),
  };
}

export function sqliteCalendarStorage(db: CityDb): CalendarSourceStorage {
  const run = async <T>(fn: () => T): Promise<T> => fn();
  return {
    addCalendarSource: (s, now) => run(() => addSource(db, s, now)),
    getCalendarSource: (id) => run(() => getSource(db, id)),
    listCalendarSources: (opts) => run(() => listSources(db, opts)),
    claimDueCalendarSources: (now, leaseUntil) => run(() => claimDueSources(db, now, leaseUntil)),
    activateCalendarSource: (id, now) => run(() => activateSource(db, id, now)),
    pauseCalendarSource: (id) => run(() => pauseSource(db, id)),
    deleteCalendarSource: (id) => run(() => deleteSource(db, id)),
    recordCalendarSuccess: (id, o, now, nextAt) => run(() => recordSuccess(db, id, o, now, nextAt)),
    recordCalendarFailure: (id, error, now, nextAt, pauseAfter) => run(() => recordFailure(db, id, error, now, nextAt, pauseAfter)),
    replaceCalendarEvents: (sourceId, occurrences, now) => run(() => replaceSourceEvents(db, sourceId, occurrences, now)),
    calendarOccurrences: (from, to) => run(() => occurrencesForWindow(db, from, to)),
  };
}

/**
 * PostgreSQL migration 7 (pg-migrations.ts): the tables of SQLite migration 3 (source-store.ts
 * CALENDAR_SOURCES_MIGRATION). The source's own times are timestamptz; an occurrence's start and end stay the ISO
 * text the feed reader wrote (as events.dtstart), so they are served exactly as on SQLite.
 */
export const PG_CALENDAR_MIGRATION = `
  CREATE TABLE calendar_sources (
    id text PRIMARY KEY,
    url text NOT NULL,
    offer_id text,
    label text NOT NULL,
    state text NOT NULL CHECK (state IN ('preview', 'active', 'paused')),
    added_by text NOT NULL CHECK (added_by IN ('staff', 'club')),
    contact_email text,
    notify_consent boolean NOT NULL DEFAULT false,
    etag text,
    last_modified text,
    last_fetch_at timestamptz,
    last_result text CHECK (last_result IN ('ok', 'not_modified', 'error')),
    last_error text,
    last_ok_at timestamptz,
    failures integer NOT NULL DEFAULT 0,
    failing_since timestamptz,
    event_count integer NOT NULL DEFAULT 0,
    problems_json text NOT NULL DEFAULT '{}',
    next_fetch_at timestamptz,
    created_at timestamptz NOT NULL
  );
  CREATE INDEX calendar_sources_offer ON calendar_sources (offer_id);
  CREATE INDEX calendar_sources_due ON calendar_sources (next_fetch_at) WHERE state = 'active';
  CREATE TABLE calendar_events (
    source_id text NOT NULL REFERENCES calendar_sources(id) ON DELETE CASCADE,
    uid text NOT NULL,
    recurrence_id text NOT NULL,
    start_utc text NOT NULL,
    end_utc text,
    all_day boolean NOT NULL,
    start_date text,
    end_date text,
    summary text NOT NULL,
    description text,
    location text,
    content_sha256 text NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (source_id, uid, recurrence_id)
  );
  CREATE INDEX calendar_events_start ON calendar_events (start_utc COLLATE "C");
`;

type PgSourceRow = SourceRowOf<Date, boolean>;
const fromPgRow = (r: PgSourceRow): CalendarSource => sourceFromRow(r, (d) => d.toISOString(), (f) => f);

const byNextFetch = (a: CalendarSource, b: CalendarSource) =>
  (a.nextFetchAt ?? '') < (b.nextFetchAt ?? '') ? -1 : (a.nextFetchAt ?? '') > (b.nextFetchAt ?? '') ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

export function pgCalendarStorage(pool: pg.Pool, tx: <T>(fn: (c: pg.PoolClient) => Promise<T>) => Promise<T>): CalendarSourceStorage {
  const one = async (id: string): Promise<CalendarSource | null> => {
    const { rows } = await pool.query<PgSourceRow>('SELECT * FROM calendar_sources WHERE id = $1', [id]);
    return rows[0] ? fromPgRow(rows[0]) : null;
  };
  return {
    async addCalendarSource(s, now) {
      const id = randomUUID();
      await pool.query(
        `INSERT INTO calendar_sources (id, url, offer_id, label, state, added_by, contact_email, notify_consent, next_fetch_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)`,
        [id, pgUrl(s.url), s.offerId ?? null, pgText(s.label), s.state ?? 'preview', s.addedBy, pgText(s.contactEmail ?? null), !!s.notifyConsent, now],
      );
      return (await one(id))!;
    },
    getCalendarSource: (id) => one(id),
    async listCalendarSources(opts = {}) {
      // COLLATE "C": the byte order SQLite uses, whatever the database's collation
      const { rows } =
        opts.offerId !== undefined
          ? await pool.query<PgSourceRow>('SELECT * FROM calendar_sources WHERE offer_id = $1 ORDER BY created_at, id COLLATE "C"', [opts.offerId])
          : await pool.query<PgSourceRow>('SELECT * FROM calendar_sources ORDER BY (offer_id IS NOT NULL), label COLLATE "C", created_at, id COLLATE "C"');
      return rows.map(fromPgRow);
    },
    async claimDueCalendarSources(now, leaseUntil) {
      // SKIP LOCKED: a source another instance is claiming right now is its; FOR UPDATE re-reads a row changed since
      // the statement began, so a source that instance has just claimed is no longer due here
      const { rows } = await pool.query<PgSourceRow & { due_at: Date | null }>(
        `WITH due AS (
           SELECT id, next_fetch_at FROM calendar_sources
           WHERE state = 'active' AND (next_fetch_at IS NULL OR next_fetch_at <= $1) FOR UPDATE SKIP LOCKED)
         UPDATE calendar_sources c SET next_fetch_at = $2 FROM due WHERE c.id = due.id
         RETURNING c.*, due.next_fetch_at AS due_at`,
        [now, leaseUntil],
      );
      // oldest due first, as on SQLite; the returned source shows when it was due
      return rows.map((r) => fromPgRow({ ...r, next_fetch_at: r.due_at })).sort(byNextFetch);
    },
    async activateCalendarSource(id, now) {
      await pool.query(`UPDATE calendar_sources SET state = 'active', failures = 0, failing_since = NULL, next_fetch_at = $1 WHERE id = $2`, [now, id]);
    },
    async pauseCalendarSource(id) {
      await pool.query(`UPDATE calendar_sources SET state = 'paused' WHERE id = $1`, [id]);
    },
    async deleteCalendarSource(id) {
      await pool.query('DELETE FROM calendar_sources WHERE id = $1', [id]);
    },
    async recordCalendarSuccess(id, o, now, nextAt) {
      if (o.result === 'not_modified') {
        await pool.query(
          `UPDATE calendar_sources SET last_fetch_at = $1, last_result = 'not_modified', last_error = NULL, last_ok_at = $1, failures = 0, failing_since = NULL, next_fetch_at = $2 WHERE id = $3`,
          [now, nextAt, id],
        );
        return;
      }
      await pool.query(
        `UPDATE calendar_sources SET last_fetch_at = $1, last_result = 'ok', last_error = NULL, last_ok_at = $1, failures = 0, failing_since = NULL,
           etag = $2, last_modified = $3, event_count = $4, problems_json = $5, next_fetch_at = $6 WHERE id = $7`,
        [now, o.etag ?? null, o.lastModified ?? null, o.eventCount ?? 0, JSON.stringify(o.problems ?? {}), nextAt, id],
      );
    },
    async recordCalendarFailure(id, error, now, nextAt, pauseAfter) {
      const { rows } = await pool.query<PgSourceRow>(
        `UPDATE calendar_sources SET last_fetch_at = $1, last_result = 'error', last_error = $2, failures = failures + 1,
           failing_since = COALESCE(failing_since, $1), next_fetch_at = $3,
           state = CASE WHEN failures + 1 >= $4 AND state = 'active' THEN 'paused' ELSE state END
         WHERE id = $5 RETURNING *`,
        [now, pgText(error), nextAt, pauseAfter, id],
      );
      return fromPgRow(rows[0]!);
    },
    async replaceCalendarEvents(sourceId, occurrences, now) {
      let stats: ReplaceStats = { added: 0, changed: 0, removed: 0, unchanged: 0 };
      await tx(async (c) => {
        // the source's row lock: two refreshes of one source (a staff click while the schedule runs) take turns
        const src = await c.query('SELECT 1 FROM calendar_sources WHERE id = $1 FOR UPDATE', [sourceId]);
        if (!src.rows.length) return;
        const { rows } = await c.query<{ uid: string; recurrence_id: string; content_sha256: string }>(
          'SELECT uid, recurrence_id, content_sha256 FROM calendar_events WHERE source_id = $1',
          [sourceId],
        );
        const diff = diffOccurrences(rows, occurrences.map(pgOccurrence));
        const { write, gone } = diff;
        stats = diff.stats;
        for (let i = 0; i < write.length; i += 1000) {
          const chunk = write.slice(i, i + 1000);
          const col = <K extends keyof (ImportedOccurrence & { hash: string })>(k: K) => chunk.map((o) => o[k]);
          await c.query(
            `INSERT INTO calendar_events (source_id, uid, recurrence_id, start_utc, end_utc, all_day, start_date, end_date, summary, description, location, content_sha256, updated_at)
             SELECT $1::text, u.*, $13::timestamptz FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::boolean[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[]) AS u
             ON CONFLICT (source_id, uid, recurrence_id) DO UPDATE SET start_utc = excluded.start_utc, end_utc = excluded.end_utc, all_day = excluded.all_day,
               start_date = excluded.start_date, end_date = excluded.end_date, summary = excluded.summary, description = excluded.description,
               location = excluded.location, content_sha256 = excluded.content_sha256, updated_at = excluded.updated_at`,
            [
              sourceId,
              col('uid'),
              col('recurrenceId'),
              col('start'),
              col('end'),
              col('allDay'),
              col('startDate'),
              col('endDate'),
              col('summary'),
              col('description'),
              col('location'),
              col('hash'),
              now,
            ],
          );
        }
        if (gone.length) {
          await c.query(
            `DELETE FROM calendar_events e USING unnest($2::text[], $3::text[]) AS g(uid, recurrence_id)
             WHERE e.source_id = $1 AND e.uid = g.uid AND e.recurrence_id = g.recurrence_id`,
            [sourceId, gone.map((g) => g.uid), gone.map((g) => g.recurrenceId)],
          );
        }
      });
      return stats;
    },
    async calendarOccurrences(from, to) {
      const { rows } = await pool.query<OccurrenceRowOf<Date, boolean>>(
        // the window of source-store.ts: start_utc is ISO text, compared byte-wise like on SQLite
        `SELECT e.*, s.offer_id FROM calendar_events e JOIN calendar_sources s ON s.id = e.source_id
         WHERE s.state IN ('active', 'paused')
           AND e.start_utc COLLATE "C" >= to_char($1::date - 1, 'YYYY-MM-DD') AND e.start_utc COLLATE "C" < to_char($2::date + 2, 'YYYY-MM-DD')
         ORDER BY e.start_utc COLLATE "C", e.source_id COLLATE "C", e.uid COLLATE "C", e.recurrence_id COLLATE "C"`,
        [from, to],
      );
      return rows.map((r) => occurrenceFromRow(r, (d) => d.toISOString(), (f) => f));
    },
  };
}
