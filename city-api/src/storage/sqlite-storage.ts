/**
 * The default backend: the embedded SQLite database (city-db.ts) behind the async KioskStorage interface.
 * It wraps the synchronous stores unchanged (the same database file as before the storage interface); every method runs synchronously and resolves at once.
 */
import type { CityDb } from '../city-db';
import { eventsForWindow, putEvent } from '../event-store';
import { buildCalendar } from '../ics-writer';
import { putImage } from '../image-store';
import { commandState, getKioskConfig, kioskForToken, queueCommand, recordHeartbeat, registerKiosk, setKioskConfig, storeStats } from '../kiosk-store';
import {
  currentSeq,
  getStoredOffer,
  getTaxonomyRow,
  offersPage,
  publishedOffers,
  putOffers,
  putUncheckedOffer,
  setOfferState,
  setTaxonomy,
} from '../offer-store';
import { withImportedEvents } from '../calendar-sources/serve-events';
import { occurrencesForWindow } from '../calendar-sources/source-store';
import { countWishes, listWishes, storeWebWish, storeWish } from '../wish-store';
import type { HeartbeatBody } from '../../../shared/schemas/city-api';
import type { KioskStorage } from './kiosk-storage';
import { sqliteBedarfStorage } from './bedarf-storage';
import { sqliteCalendarStorage } from './calendar-storage';
import { sqliteStaffStorage } from './staff-storage';
import { sqliteSubmissionStorage } from './submission-storage';
import { sqliteStaffAccounts } from './staff-accounts';
import { sqliteTownStorage } from './town-storage';
import { sqliteWebReads } from './web-reads';

export interface SqliteStorage extends KioskStorage {
  readonly kind: 'sqlite';
  readonly db: CityDb;
}

/** `closeDb`: whether close() closes the database (false when the caller owns it). */
export function sqliteStorage(db: CityDb, { closeDb = false }: { closeDb?: boolean } = {}): SqliteStorage {
  // a function per call, so a method that throws synchronously becomes a rejected promise like on PostgreSQL
  const run = async <T>(fn: () => T): Promise<T> => fn();
  return {
    kind: 'sqlite',
    db,
    ping: () => run(() => void db.prepare('SELECT 1').get()),
    close: () =>
      run(() => {
        if (closeDb && db.open) db.close();
      }),

    setTaxonomy: (t) => run(() => setTaxonomy(db, t)),
    getTaxonomy: () => run(() => getTaxonomyRow(db)),

    putOffers: (offers) => run(() => putOffers(db, offers)),
    putUncheckedOffer: (id, json, state) => run(() => putUncheckedOffer(db, id, json, state)),
    setOfferState: (id, state) => run(() => setOfferState(db, id, state)),
    getStoredOffer: (id) => run(() => getStoredOffer(db, id)),
    publishedOffers: () => run(() => publishedOffers(db)),
    feedHead: () => run(() => currentSeq(db)),
    // SQLite has one writer at a time and a reader sees whole transactions: the seq order is the commit order.
    offersPage: (cursor, limit) => run(() => offersPage(db, cursor, limit)),

    putEvent: (e) => run(() => putEvent(db, e)),
    deleteEvent: (uid) => run(() => db.prepare('DELETE FROM events WHERE uid = ?').run(uid).changes > 0),
    calendarForWindow: (from, to) => run(() => withImportedEvents(buildCalendar(eventsForWindow(db, from, to)), occurrencesForWindow(db, from, to))),

    registerKiosk: (id, token, config) => run(() => registerKiosk(db, id, token, config)),
    kioskForToken: (token) => run(() => kioskForToken(db, token)),
    setKioskConfig: (id, config) => run(() => setKioskConfig(db, id, config)),
    getKioskConfig: (id) => run(() => getKioskConfig(db, id)),
    recordHeartbeat: (kioskId, hb, now) => run(() => recordHeartbeat(db, kioskId, hb, now)),
    lastHeartbeat: (kioskId) =>
      run(() => {
        const row = db.prepare(`SELECT last_heartbeat_json FROM kiosks WHERE id = ?`).get(kioskId) as { last_heartbeat_json: string | null } | undefined;
        return row?.last_heartbeat_json ? (JSON.parse(row.last_heartbeat_json) as HeartbeatBody) : null;
      }),
    queueCommand: (kioskId, type) => run(() => queueCommand(db, kioskId, type)),
    commandState: (id) => run(() => commandState(db, id)),

    storeWish: (key, kioskId, body) => run(() => storeWish(db, key, kioskId, body)),
    storeWebWish: (formKey, body, town) => run(() => storeWebWish(db, formKey, body, town)),
    countWishes: () => run(() => countWishes(db)),
    listWishes: (limit) => run(() => listWishes(db, limit)),

    storeStats: (kioskId, day, body) => run(() => storeStats(db, kioskId, day, body)),
    getStats: (kioskId, day) =>
      run(() => {
        const row = db.prepare(`SELECT body_json FROM stats WHERE kiosk_id = ? AND day = ?`).get(kioskId, day) as { body_json: string } | undefined;
        return row ? (JSON.parse(row.body_json) as unknown) : null;
      }),

    putImage: (bytes, contentType) => run(() => putImage(db, bytes, contentType)),
    getImage: (sha) =>
      run(() => {
        const row = db.prepare(`SELECT content_type, bytes FROM images WHERE sha256 = ?`).get(sha) as { content_type: string; bytes: Buffer } | undefined;
        return row ? { contentType: row.content_type, bytes: row.bytes } : null;
      }),

    // public pages and feeds (issue 19: same statements as before)
    ...sqliteWebReads(db),
    // several towns in one server (issue 19)
    ...sqliteTownStorage(db),
    // staff accounts per town with roles (issue 19)
    ...sqliteStaffAccounts(db),
    // staff login, offer and wish pages (the same functions as before)
    ...sqliteStaffStorage(db),
    // club submissions, moderation, audit trail, confirmations (submission-store.ts unchanged)
    ...sqliteSubmissionStorage(db),
    // calendar sources and their imported occurrences (source-store.ts unchanged)
    ...sqliteCalendarStorage(db),
    // the Bedarf page's wishes, summed kiosk counters and residents per district
    ...sqliteBedarfStorage(db),

    opsCounts: (silentSince) =>
      run(() => {
        const count = (sql: string, ...args: unknown[]): number => {
          try {
            return (db.prepare(sql).pluck().get(...args) as number | null) ?? 0;
          } catch {
            return Number.NaN; // table missing or database closed: the gauge shows NaN, /ready says why
          }
        };
        return {
          feedHead: count('SELECT COALESCE(MAX(seq), 0) FROM offers'),
          moderationQueue: count("SELECT COUNT(*) FROM submissions WHERE state = 'pending'"),
          silentKiosks: count('SELECT COUNT(*) FROM kiosks WHERE last_heartbeat_at IS NULL OR last_heartbeat_at < ?', silentSince.toISOString()),
        };
      }),
  };
}
