import { createHash, randomUUID } from 'node:crypto';
import type { CityDb } from '../city-db';
import type { ImportedOccurrence } from './parse-feed';
import type { ProblemCounts } from './plain-words';

/** City DB migration of calendar sources (issue 21): registered feeds, their health, and the imported occurrences. */
export const CALENDAR_SOURCES_MIGRATION = `
  CREATE TABLE calendar_sources (
    id TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    offer_id TEXT,                     -- NULL = the town's own event calendar
    label TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('preview','active','paused')),
    added_by TEXT NOT NULL CHECK (added_by IN ('staff','club')),
    contact_email TEXT,                -- the club's, only used when notify_consent = 1
    notify_consent INTEGER NOT NULL DEFAULT 0,
    etag TEXT,
    last_modified TEXT,
    last_fetch_at TEXT,
    last_result TEXT,                  -- 'ok' | 'not_modified' | 'error'
    last_error TEXT,                   -- in plain words
    last_ok_at TEXT,
    failures INTEGER NOT NULL DEFAULT 0,  -- in a row
    failing_since TEXT,
    event_count INTEGER NOT NULL DEFAULT 0,
    problems_json TEXT NOT NULL DEFAULT '{}',
    next_fetch_at TEXT,
    created_at TEXT NOT NULL
  );
  CREATE INDEX calendar_sources_offer ON calendar_sources(offer_id);

  -- One row per occurrence; (uid, recurrence_id) matches an occurrence across re-imports.
  CREATE TABLE calendar_events (
    source_id TEXT NOT NULL REFERENCES calendar_sources(id) ON DELETE CASCADE,
    uid TEXT NOT NULL,
    recurrence_id TEXT NOT NULL,
    start_utc TEXT NOT NULL,
    end_utc TEXT,
    all_day INTEGER NOT NULL,
    start_date TEXT,
    end_date TEXT,
    summary TEXT NOT NULL,
    description TEXT,
    location TEXT,
    content_sha256 TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (source_id, uid, recurrence_id)
  );
  CREATE INDEX calendar_events_start ON calendar_events(start_utc);
`;

export type SourceState = 'preview' | 'active' | 'paused';

export interface CalendarSource {
  id: string;
  url: string;
  offerId: string | null;
  label: string;
  state: SourceState;
  addedBy: 'staff' | 'club';
  contactEmail: string | null;
  notifyConsent: boolean;
  etag: string | null;
  lastModified: string | null;
  lastFetchAt: string | null;
  lastResult: 'ok' | 'not_modified' | 'error' | null;
  lastError: string | null;
  lastOkAt: string | null;
  failures: number;
  failingSince: string | null;
  eventCount: number;
  problems: ProblemCounts;
  nextFetchAt: string | null;
  createdAt: string;
}

/**
 * A `calendar_sources` row as a driver returns it: SQLite gives times as ISO text and the flag as 0/1, PostgreSQL
 * gives Date objects and a boolean (storage/calendar-storage.ts). One shape for both, one conversion.
 */
export interface SourceRowOf<Time, Flag> {
  id: string;
  url: string;
  offer_id: string | null;
  label: string;
  state: SourceState;
  added_by: 'staff' | 'club';
  contact_email: string | null;
  notify_consent: Flag;
  etag: string | null;
  last_modified: string | null;
  last_fetch_at: Time | null;
  last_result: CalendarSource['lastResult'];
  last_error: string | null;
  last_ok_at: Time | null;
  failures: number;
  failing_since: Time | null;
  event_count: number;
  problems_json: string;
  next_fetch_at: Time | null;
  created_at: Time;
}

/** A row of either backend as a CalendarSource, given how that backend's times and flag read. */
export function sourceFromRow<Time, Flag>(r: SourceRowOf<Time, Flag>, time: (t: Time) => string, flag: (f: Flag) => boolean): CalendarSource {
  const opt = (t: Time | null): string | null => (t === null ? null : time(t));
  return {
    id: r.id,
    url: r.url,
    offerId: r.offer_id,
    label: r.label,
    state: r.state,
    addedBy: r.added_by,
    contactEmail: r.contact_email,
    notifyConsent: flag(r.notify_consent),
    etag: r.etag,
    lastModified: r.last_modified,
    lastFetchAt: opt(r.last_fetch_at),
    lastResult: r.last_result,
    lastError: r.last_error,
    lastOkAt: opt(r.last_ok_at),
    failures: r.failures,
    failingSince: opt(r.failing_since),
    eventCount: r.event_count,
    problems: JSON.parse(r.problems_json) as ProblemCounts,
    nextFetchAt: opt(r.next_fetch_at),
    createdAt: time(r.created_at),
  };
}

type SourceRow = SourceRowOf<string, number>;
const fromRow = (r: SourceRow): CalendarSource => sourceFromRow(r, (t) => t, (f) => f === 1);

export interface NewSource {
  url: string;
  offerId?: string | null;
  label: string;
  addedBy: 'staff' | 'club';
  state?: SourceState;
  contactEmail?: string | null;
  notifyConsent?: boolean;
}

export function addSource(db: CityDb, s: NewSource, now: Date): CalendarSource {
  const id = randomUUID();
  db.prepare(
    `INSERT INTO calendar_sources (id, url, offer_id, label, state, added_by, contact_email, notify_consent, next_fetch_at, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(id, s.url, s.offerId ?? null, s.label, s.state ?? 'preview', s.addedBy, s.contactEmail ?? null, s.notifyConsent ? 1 : 0, now.toISOString(), now.toISOString());
  return getSource(db, id)!;
}

export function getSource(db: CityDb, id: string): CalendarSource | null {
  const r = db.prepare(`SELECT * FROM calendar_sources WHERE id = ?`).get(id) as SourceRow | undefined;
  return r ? fromRow(r) : null;
}

export function listSources(db: CityDb, opts: { offerId?: string } = {}): CalendarSource[] {
  const rows = (
    opts.offerId !== undefined
      ? db.prepare(`SELECT * FROM calendar_sources WHERE offer_id = ? ORDER BY created_at, id`).all(opts.offerId)
      : db.prepare(`SELECT * FROM calendar_sources ORDER BY (offer_id IS NOT NULL), label, created_at, id`).all()
  ) as SourceRow[];
  return rows.map(fromRow);
}

/** Active sources due for a fetch at `now`. */
export function dueSources(db: CityDb, now: Date): CalendarSource[] {
  const rows = db
    .prepare(`SELECT * FROM calendar_sources WHERE state = 'active' AND (next_fetch_at IS NULL OR next_fetch_at <= ?) ORDER BY next_fetch_at, id`)
    .all(now.toISOString()) as SourceRow[];
  return rows.map(fromRow);
}

/**
 * The due sources, each handed out once: their next fetch moves to `leaseUntil` in the same transaction (the fetch's
 * result then sets the real next time). Returned as they were when due.
 */
export function claimDueSources(db: CityDb, now: Date, leaseUntil: Date): CalendarSource[] {
  return db.transaction(() => {
    const due = dueSources(db, now);
    const lease = db.prepare(`UPDATE calendar_sources SET next_fetch_at = ? WHERE id = ?`);
    for (const s of due) lease.run(leaseUntil.toISOString(), s.id);
    return due;
  })();
}

/** Goes live (from preview) or is re-enabled after a pause: failures forgotten, fetched at the next tick. */
export function activateSource(db: CityDb, id: string, now: Date): void {
  db.prepare(`UPDATE calendar_sources SET state = 'active', failures = 0, failing_since = NULL, next_fetch_at = ? WHERE id = ?`).run(now.toISOString(), id);
}

export function pauseSource(db: CityDb, id: string): void {
  db.prepare(`UPDATE calendar_sources SET state = 'paused' WHERE id = ?`).run(id);
}

/** Removes a source and its events (they disappear from kiosks at their next sync). */
export function deleteSource(db: CityDb, id: string): void {
  db.prepare(`DELETE FROM calendar_sources WHERE id = ?`).run(id);
}

export interface FetchOutcomeOk {
  result: 'ok' | 'not_modified';
  etag?: string | null;
  lastModified?: string | null;
  problems?: ProblemCounts;
  eventCount?: number;
}

export function recordSuccess(db: CityDb, id: string, o: FetchOutcomeOk, now: Date, nextAt: Date): void {
  if (o.result === 'not_modified') {
    db.prepare(
      `UPDATE calendar_sources SET last_fetch_at = ?, last_result = 'not_modified', last_error = NULL, last_ok_at = ?, failures = 0, failing_since = NULL, next_fetch_at = ? WHERE id = ?`,
    ).run(now.toISOString(), now.toISOString(), nextAt.toISOString(), id);
    return;
  }
  db.prepare(
    `UPDATE calendar_sources SET last_fetch_at = ?, last_result = 'ok', last_error = NULL, last_ok_at = ?, failures = 0, failing_since = NULL,
       etag = ?, last_modified = ?, event_count = ?, problems_json = ?, next_fetch_at = ? WHERE id = ?`,
  ).run(now.toISOString(), now.toISOString(), o.etag ?? null, o.lastModified ?? null, o.eventCount ?? 0, JSON.stringify(o.problems ?? {}), nextAt.toISOString(), id);
}

/** Counts a failure in a row; the 5th pauses the source. Returns the stored source. */
export function recordFailure(db: CityDb, id: string, error: string, now: Date, nextAt: Date, pauseAfter: number): CalendarSource {
  db.prepare(
    `UPDATE calendar_sources SET last_fetch_at = ?, last_result = 'error', last_error = ?, failures = failures + 1,
       failing_since = COALESCE(failing_since, ?), next_fetch_at = ?,
       state = CASE WHEN failures + 1 >= ? AND state = 'active' THEN 'paused' ELSE state END
     WHERE id = ?`,
  ).run(now.toISOString(), error, now.toISOString(), nextAt.toISOString(), pauseAfter, id);
  return getSource(db, id)!;
}

const contentHash = (o: ImportedOccurrence) =>
  createHash('sha256')
    .update(JSON.stringify([o.start, o.end, o.allDay, o.startDate, o.endDate, o.summary, o.description, o.location]))
    .digest('hex');

export interface ReplaceStats {
  added: number;
  changed: number;
  removed: number;
  unchanged: number;
}

const occurrenceKey = (uid: string, recurrenceId: string) => `${uid}\u0000${recurrenceId}`;

/**
 * What a re-import changes, for both backends (calendar-storage.ts): `stored` maps each stored occurrence
 * (uid, recurrence_id) to its content hash. An unchanged occurrence is not rewritten; one UID + RECURRENCE-ID twice in
 * the feed is written once (the last one wins).
 */
export function diffOccurrences(
  stored: readonly { uid: string; recurrence_id: string; content_sha256: string }[],
  occurrences: readonly ImportedOccurrence[],
): { write: (ImportedOccurrence & { hash: string })[]; gone: { uid: string; recurrenceId: string }[]; stats: ReplaceStats } {
  const existing = new Map(stored.map((r) => [occurrenceKey(r.uid, r.recurrence_id), r]));
  const latest = new Map(occurrences.map((o) => [occurrenceKey(o.uid, o.recurrenceId), o]));
  const stats: ReplaceStats = { added: 0, changed: 0, removed: 0, unchanged: 0 };
  const write: (ImportedOccurrence & { hash: string })[] = [];
  for (const [key, o] of latest) {
    const hash = contentHash(o);
    const old = existing.get(key)?.content_sha256;
    existing.delete(key);
    if (old === hash) {
      stats.unchanged++;
      continue;
    }
    if (old === undefined) stats.added++;
    else stats.changed++;
    write.push({ ...o, hash });
  }
  const gone = [...existing.values()].map((r) => ({ uid: r.uid, recurrenceId: r.recurrence_id }));
  stats.removed = gone.length;
  return { write, gone, stats };
}

/**
 * Makes the stored occurrences of a source equal to `occurrences`, matched by UID + RECURRENCE-ID:
 * unchanged rows are not touched (a re-import changes nothing), changed ones are updated, vanished ones deleted.
 */
export function replaceSourceEvents(db: CityDb, sourceId: string, occurrences: ImportedOccurrence[], now: Date): ReplaceStats {
  return db.transaction(() => {
    const stored = db.prepare(`SELECT uid, recurrence_id, content_sha256 FROM calendar_events WHERE source_id = ?`).all(sourceId) as {
      uid: string;
      recurrence_id: string;
      content_sha256: string;
    }[];
    const { write, gone, stats } = diffOccurrences(stored, occurrences);
    const upsert = db.prepare(
      `INSERT INTO calendar_events (source_id, uid, recurrence_id, start_utc, end_utc, all_day, start_date, end_date, summary, description, location, content_sha256, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(source_id, uid, recurrence_id) DO UPDATE SET start_utc = excluded.start_utc, end_utc = excluded.end_utc, all_day = excluded.all_day,
         start_date = excluded.start_date, end_date = excluded.end_date, summary = excluded.summary, description = excluded.description,
         location = excluded.location, content_sha256 = excluded.content_sha256, updated_at = excluded.updated_at`,
    );
    const stamp = now.toISOString();
    for (const o of write) upsert.run(sourceId, o.uid, o.recurrenceId, o.start, o.end, o.allDay ? 1 : 0, o.startDate, o.endDate, o.summary, o.description, o.location, o.hash, stamp);
    const del = db.prepare(`DELETE FROM calendar_events WHERE source_id = ? AND uid = ? AND recurrence_id = ?`);
    for (const g of gone) del.run(sourceId, g.uid, g.recurrenceId);
    return stats;
  })();
}

/** An imported occurrence as stored under its source (start and end are UTC ISO instants). */
export interface StoredOccurrence
  extends Pick<ImportedOccurrence, 'uid' | 'recurrenceId' | 'allDay' | 'startDate' | 'endDate' | 'summary' | 'description' | 'location'> {
  sourceId: string;
  offerId: string | null;
  startUtc: string;
  endUtc: string | null;
  updatedAt: string;
}

/** A `calendar_events` row joined with its source's offer, as either driver returns it (see {@link SourceRowOf}). */
export interface OccurrenceRowOf<Time, Flag> {
  source_id: string;
  offer_id: string | null;
  uid: string;
  recurrence_id: string;
  start_utc: string;
  end_utc: string | null;
  all_day: Flag;
  start_date: string | null;
  end_date: string | null;
  summary: string;
  description: string | null;
  location: string | null;
  updated_at: Time;
}

export function occurrenceFromRow<Time, Flag>(r: OccurrenceRowOf<Time, Flag>, time: (t: Time) => string, flag: (f: Flag) => boolean): StoredOccurrence {
  return {
    sourceId: r.source_id,
    offerId: r.offer_id,
    uid: r.uid,
    recurrenceId: r.recurrence_id,
    startUtc: r.start_utc,
    endUtc: r.end_utc,
    allDay: flag(r.all_day),
    startDate: r.start_date,
    endDate: r.end_date,
    summary: r.summary,
    description: r.description,
    location: r.location,
    updatedAt: time(r.updated_at),
  };
}

/**
 * Occurrences of live sources (active, or paused: their last known dates stay) starting in [from, to]
 * (dates YYYY-MM-DD, a day of slack on both sides for time zones).
 */
export function occurrencesForWindow(db: CityDb, from: string, to: string): StoredOccurrence[] {
  const rows = db
    .prepare(
      `SELECT e.*, s.offer_id FROM calendar_events e JOIN calendar_sources s ON s.id = e.source_id
       WHERE s.state IN ('active','paused') AND e.start_utc >= date(?, '-1 day') AND e.start_utc < date(?, '+2 day')
       ORDER BY e.start_utc, e.source_id, e.uid, e.recurrence_id`,
    )
    .all(from, to) as OccurrenceRowOf<string, number>[];
  return rows.map((r) => occurrenceFromRow(r, (t) => t, (f) => f === 1));
}
