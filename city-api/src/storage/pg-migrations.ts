/**
 * Versioned, add-only SQL migrations of the PostgreSQL backend (issue 19). Rules, as for the SQLite database
 * (city-db.ts): never edit or reorder an entry, only append; each runs in one transaction together with its row in
 * `schema_migrations`; a database with a version newer than this list is refused (an older server must not write
 * into a schema it does not know). Two API instances starting at once serialise on an advisory lock
 * held across all steps.
 *
 * The tables mirror the SQLite schema of the kiosk-facing core; JSON bodies stay `text` (not jsonb) so the feed
 * serves each offer exactly as it was stored, without re-encoding.
 */
import type { PoolClient } from 'pg';
import { PG_BEDARF_MIGRATION } from './bedarf-storage';
import { PG_CALENDAR_MIGRATION } from './calendar-storage';
import { PG_STAFF_MIGRATION } from './staff-storage';
import { PG_SUBMISSIONS_MIGRATION } from './submission-storage';
import { TOWN_LIMITS_MIGRATION_PG, TOWNS_MIGRATION_PG, WISH_TOWN_MIGRATION_PG } from './town-migrations';
import { STAFF_ACCOUNTS_MIGRATION_PG } from './staff-accounts';

export const PG_MIGRATIONS: readonly string[] = [
  // 1: kiosk-facing core: change feed head, taxonomy, offers, events, kiosks, commands, wishes, stats, images
  `
  -- The change feed's head: one row, updated inside every transaction that changes an offer. Its row lock is held
  -- until commit, so sequence numbers are handed out in commit order (ADR 0013).
  CREATE TABLE feed_head (
    id integer PRIMARY KEY CHECK (id = 1),
    seq bigint NOT NULL
  );
  INSERT INTO feed_head (id, seq) VALUES (1, 0);

  CREATE TABLE taxonomy (
    id integer PRIMARY KEY CHECK (id = 1),
    data_json text NOT NULL,
    etag text NOT NULL,
    updated_at timestamptz NOT NULL
  );

  CREATE TABLE offers (
    id text PRIMARY KEY,
    seq bigint NOT NULL UNIQUE,
    state text NOT NULL CHECK (state IN ('published', 'hidden', 'deleted')),
    data_json text NOT NULL,
    changed_at timestamptz NOT NULL
  );

  CREATE TABLE events (
    uid text PRIMARY KEY,
    offer_id text,
    summary text NOT NULL,
    description text,
    location text,
    dtstart text NOT NULL,
    tzid text NOT NULL DEFAULT 'Europe/Berlin',
    duration_min integer,
    all_day boolean NOT NULL DEFAULT false,
    rrule text,
    exdates_json text NOT NULL DEFAULT '[]',
    overrides_json text NOT NULL DEFAULT '[]',
    updated_at timestamptz NOT NULL
  );

  CREATE TABLE kiosks (
    id text PRIMARY KEY,
    token_sha256 text NOT NULL UNIQUE,
    config_json text,
    last_heartbeat_at timestamptz,
    last_heartbeat_json text,
    created_at timestamptz NOT NULL
  );

  CREATE TABLE commands (
    id text PRIMARY KEY,
    kiosk_id text NOT NULL REFERENCES kiosks(id) ON DELETE CASCADE,
    type text NOT NULL,
    state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sent', 'done')),
    created_at timestamptz NOT NULL,
    sent_at timestamptz,
    done_at timestamptz
  );
  CREATE INDEX commands_kiosk ON commands (kiosk_id, state);

  CREATE TABLE wishes (
    id text PRIMARY KEY,
    kiosk_id text NOT NULL,
    idempotency_key text NOT NULL,
    body_json text NOT NULL,
    body_sha256 text NOT NULL,
    received_at timestamptz NOT NULL,
    UNIQUE (kiosk_id, idempotency_key)
  );

  CREATE TABLE stats (
    kiosk_id text NOT NULL,
    day date NOT NULL,
    body_json text NOT NULL,
    received_at timestamptz NOT NULL,
    PRIMARY KEY (kiosk_id, day)
  );

  CREATE TABLE images (
    sha256 text PRIMARY KEY,
    content_type text NOT NULL,
    bytes bytea NOT NULL
  );
  `,
  // 2: wishes from the public web form (issue 17; SQLite migration 6): source 'kiosk' | 'web'. A web wish has no
  // kiosk: kiosk_id is '' (as on SQLite, so UNIQUE (kiosk_id, idempotency_key) also dedupes web forms by their
  // nonce) and its body says kiosk_id: null. The CHECK keeps the two in step: '' exactly for web wishes.
  `
  ALTER TABLE wishes ADD COLUMN source text NOT NULL DEFAULT 'kiosk' CHECK (source IN ('kiosk', 'web'));
  ALTER TABLE wishes ADD CONSTRAINT wishes_web_without_kiosk CHECK ((source = 'web') = (kiosk_id = ''));
  `,
  // 3: the staff page's sessions and staff work on wishes (SQLite migrations 1 and 4; storage/staff-storage.ts)
  PG_STAFF_MIGRATION,
  // 4: several towns in one server (issue 19; SQLite migration 7): offers.town, kiosks.town (storage/town-storage.ts)
  TOWNS_MIGRATION_PG,
  // 5: club submissions with moderation, audit trail and 12-month confirmations (SQLite migration 2; storage/submission-storage.ts)
  PG_SUBMISSIONS_MIGRATION,
  // 6: staff accounts per town with roles (issue 19; SQLite migration 8; storage/staff-accounts.ts)
  STAFF_ACCOUNTS_MIGRATION_PG,
  // 7: calendar sources and their imported occurrences (issue 21 on PostgreSQL; SQLite migration 3; storage/calendar-storage.ts)
  PG_CALENDAR_MIGRATION,
  // 8: residents per district for the Bedarf page, stats by day (SQLite migration 4; storage/bedarf-storage.ts)
  PG_BEDARF_MIGRATION,
  // 9: town limits on the staff pages and the accounts page (issue 19; SQLite migration 9; storage/town-migrations.ts)
  TOWN_LIMITS_MIGRATION_PG,
  // 10: the town of a wish sent on a town's public pages (issue 19; SQLite migration 10; storage/town-migrations.ts)
  WISH_TOWN_MIGRATION_PG,
];

/** Any constant; the same for every instance of this server (pg_advisory_lock key). */
const MIGRATION_LOCK = 19_000_001;

export class NewerSchemaError extends Error {}

/**
 * Brings the database to the newest version, one transaction per migration. Returns the versions before and after.
 * `migrations` only for tests (a broken migration must leave nothing behind).
 */
export async function migratePg(client: PoolClient, migrations: readonly string[] = PG_MIGRATIONS): Promise<{ from: number; to: number }> {
  // A session lock around all steps (each step still its own transaction): a second instance starting at the same
  // time waits until the first has applied every step, instead of taking turns with it step by step.
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
  try {
    let from = -1;
    for (;;) {
      await client.query('BEGIN');
      try {
        await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
        const { rows } = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
        const current = rows[0]?.v ?? 0;
        if (from < 0) from = current;
        if (current > migrations.length) {
          throw new NewerSchemaError(`the PostgreSQL database has schema version ${current}, newer than this server (${migrations.length}); update the server`);
        }
        if (current === migrations.length) {
          await client.query('COMMIT');
          return { from, to: current };
        }
        await client.query(migrations[current]!);
        await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [current + 1]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      }
    }
  } finally {
    // (a broken connection takes its session lock with it)
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
  }
}
