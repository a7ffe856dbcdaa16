import Database from 'better-sqlite3';
import { CALENDAR_SOURCES_MIGRATION } from './calendar-sources/source-store';
import { SUBMISSIONS_MIGRATION } from './submissions/submission-schema';
import { WEB_WISH_MIGRATION, WISH_IDEMPOTENCY_MIGRATION } from './wish-store';
import { WISH_WORK_MIGRATION } from './wish-work';
import { TOWN_LIMITS_MIGRATION_SQLITE, TOWNS_MIGRATION_SQLITE, WISH_TOWN_MIGRATION_SQLITE } from './storage/town-migrations';
import { STAFF_ACCOUNTS_MIGRATION_SQLITE } from './storage/staff-accounts';
import { cachePreparedStatements } from './sqlite-statement-cache';

export type CityDb = Database.Database;

/** Add-only list of migrations of the reference server's own database. */
export const CITY_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  INSERT INTO meta (key, value) VALUES ('change_seq', '0');

  CREATE TABLE taxonomy (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    data_json TEXT NOT NULL,
    etag TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );

  -- One row per offer ever published. seq is the change sequence number of its last change (monotonic over all offers).
  -- state 'hidden' and 'deleted' rows are served as tombstones.
  CREATE TABLE offers (
    id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL UNIQUE,
    state TEXT NOT NULL CHECK (state IN ('published','hidden','deleted')),
    data_json TEXT NOT NULL,
    changed_at TEXT NOT NULL
  );

  CREATE TABLE events (
    uid TEXT PRIMARY KEY,
    offer_id TEXT,
    summary TEXT NOT NULL,
    description TEXT,
    location TEXT,
    dtstart TEXT NOT NULL,        -- local wall time YYYY-MM-DDTHH:MM, or YYYY-MM-DD when all_day
    tzid TEXT NOT NULL DEFAULT 'Europe/Berlin',
    duration_min INTEGER,
    all_day INTEGER NOT NULL DEFAULT 0,
    rrule TEXT,                   -- e.g. FREQ=WEEKLY;BYDAY=TU
    exdates_json TEXT NOT NULL DEFAULT '[]',   -- local wall times of cancelled occurrences
    overrides_json TEXT NOT NULL DEFAULT '[]', -- [{recurrence_id, dtstart, duration_min?, summary?}]
    updated_at TEXT NOT NULL
  );

  CREATE TABLE kiosks (
    id TEXT PRIMARY KEY,
    token_sha256 TEXT NOT NULL UNIQUE,
    config_json TEXT,
    last_heartbeat_at TEXT,
    last_heartbeat_json TEXT,
    created_at TEXT NOT NULL
  );

  CREATE TABLE commands (
    id TEXT PRIMARY KEY,
    kiosk_id TEXT NOT NULL REFERENCES kiosks(id) ON DELETE CASCADE,
    type TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued','sent','done')),
    created_at TEXT NOT NULL,
    sent_at TEXT,
    done_at TEXT
  );
  CREATE INDEX commands_kiosk ON commands(kiosk_id, state);

  CREATE TABLE wishes (
    id TEXT PRIMARY KEY,
    idempotency_key TEXT NOT NULL UNIQUE,
    kiosk_id TEXT NOT NULL,
    body_json TEXT NOT NULL,
    received_at TEXT NOT NULL
  );

  CREATE TABLE stats (
    kiosk_id TEXT NOT NULL,
    day TEXT NOT NULL,
    body_json TEXT NOT NULL,
    received_at TEXT NOT NULL,
    PRIMARY KEY (kiosk_id, day)
  );

  CREATE TABLE images (
    sha256 TEXT PRIMARY KEY,
    content_type TEXT NOT NULL,
    bytes BLOB NOT NULL
  );

  CREATE TABLE admin_sessions (
    id_sha256 TEXT PRIMARY KEY,
    csrf TEXT NOT NULL,
    expires_at TEXT NOT NULL
  );
  `,
  // 2: club submissions with moderation, audit trail and 12-month confirmations (issue 9)
  SUBMISSIONS_MIGRATION,
  // 3: calendar sources (town and club feeds) with feed health and imported occurrences (issue 21)
  CALENDAR_SOURCES_MIGRATION,
  // 4: staff work on wishes (status, note, replies with consent) and residents per district (issue 18)
  WISH_WORK_MIGRATION,
  // 5: Idempotency-Key unique per kiosk, body hash for 409 on reuse (issue 13)
  WISH_IDEMPOTENCY_MIGRATION,
  // 6: wishes from the public web form (issue 17): source 'kiosk' | 'web'
  WEB_WISH_MIGRATION,
  // 7: several towns in one server (issue 19): offers.town, kiosks.town (storage/town-storage.ts)
  TOWNS_MIGRATION_SQLITE,
  // 8: staff accounts per town with roles (issue 19; storage/staff-accounts.ts)
  STAFF_ACCOUNTS_MIGRATION_SQLITE,
  // 9: town limits on the staff pages and the accounts page (issue 19): staff_accounts.last_login_at,
  // submissions.town, moderation_log.town (storage/town-migrations.ts)
  TOWN_LIMITS_MIGRATION_SQLITE,
  // 10: the town of a wish sent on a town's public pages (issue 19): wishes.town (storage/town-migrations.ts)
  WISH_TOWN_MIGRATION_SQLITE,
];

export function openCityDb(file: string): CityDb {
  // the stores prepare their statements on every call: compiled once per connection instead (issue 19 load)
  const db = cachePreparedStatements(new Database(file));
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > CITY_MIGRATIONS.length) {
    db.close();
    throw new Error(`${file} has schema version ${current}, newer than this server (${CITY_MIGRATIONS.length})`);
  }
  for (let v = current; v < CITY_MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(CITY_MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
  return db;
}

/** Next value of the change sequence (call inside a transaction). */
export function nextSeq(db: CityDb): number {
  const row = db.prepare(`UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'change_seq' RETURNING value`).get() as { value: string | number };
  return Number(row.value);
}
