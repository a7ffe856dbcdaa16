/**
 * SQLite migrations 9 and 10 and PostgreSQL migrations 9 and 10 (issue 19; storage/town-migrations.ts) on stored
 * rows: accounts, submissions and audit entries made before keep everything and get no last login, no town of their
 * own (9); kiosk and web wishes made before keep everything, a kiosk wish keeps its kiosk's town and a web wish gets
 * none, i.e. stays the district's (10).
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshDatabase, pgAvailable, withPgClient, type TestDatabase } from '../../../tests/support/pg-database';
import { CITY_MIGRATIONS, openCityDb } from '../city-db';
import { PG_MIGRATIONS, migratePg } from './pg-migrations';
import { openPgStorage } from './pg-storage';
import { sqliteStorage } from './sqlite-storage';
import type { KioskStorage } from './kiosk-storage';

const SALT = Buffer.from('salt');
const ROWS = {
  account: `INSERT INTO staff_accounts (id, name, role, town, password_salt, password_hash, created_at) VALUES ('staff-1', 'anna', 'moderator', 'siegburg', ?, ?, '2026-01-01T00:00:00Z')`,
  submission: `INSERT INTO submissions (id, edit_token_sha256, offer_id, state, data_json, contact_json, created_at, updated_at)
    VALUES ('00000000-0000-4000-8000-000000000001', 'h', 'club-x', 'pending', NULL, NULL, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`,
  log: `INSERT INTO moderation_log (submission_id, offer_id, action, actor, reason, at) VALUES ('00000000-0000-4000-8000-000000000001', 'club-x', 'submitted', 'submitter', NULL, '2026-01-01T00:00:00Z')`,
  kiosk: `INSERT INTO kiosks (id, token_sha256, created_at, town) VALUES ('k-lohmar', 'h', '2026-01-01T00:00:00Z', 'lohmar')`,
  kioskWish: `INSERT INTO wishes (id, idempotency_key, kiosk_id, body_json, body_sha256, received_at, source)
    VALUES ('wish-1', 'k-lohmar key-1', 'k-lohmar', '{"text":"Schach"}', 'h1', '2026-01-02T00:00:00Z', 'kiosk')`,
  webWish: `INSERT INTO wishes (id, idempotency_key, kiosk_id, body_json, body_sha256, received_at, source)
    VALUES ('wish-2', ' nonce-1', '', '{"text":"Tanzen"}', 'h2', '2026-01-03T00:00:00Z', 'web')`,
};

/** What the storage reads of those rows after the migration. */
async function readBack(storage: KioskStorage) {
  return {
    accounts: (await storage.listStaffAccounts()).map((a) => [a.name, a.role, a.town, a.disabled, a.lastLoginAt]),
    submissionTown: await storage.townOf('submission', '00000000-0000-4000-8000-000000000001'),
    audit: (await storage.auditTrail()).map((e) => [e.action, e.offerId]),
    auditSiegburg: await storage.auditTrail(10, 'siegburg'),
    wishes: (await storage.listWishes()).map((w) => [w.id, w.source, w.body.text]),
    wishTowns: [await storage.townOf('wish', 'wish-1'), await storage.townOf('wish', 'wish-2')],
    lohmarWishes: (await storage.listWishesOfTown('lohmar', 10)).map((w) => w.id),
  };
}
const EXPECTED = {
  accounts: [['anna', 'moderator', 'siegburg', false, null]],
  submissionTown: { town: null },
  audit: [['submitted', 'club-x']],
  auditSiegburg: [],
  wishes: [['wish-2', 'web', 'Tanzen'], ['wish-1', 'kiosk', 'Schach']],
  wishTowns: [{ town: 'lohmar' }, { town: null }],
  lohmarWishes: ['wish-1'],
};
const storedRows = (pg: boolean) => [
  ...[ROWS.submission, ROWS.log, ROWS.kiosk],
  // PostgreSQL keeps the Idempotency-Key without the kiosk id in front (UNIQUE (kiosk_id, idempotency_key))
  ...(pg ? [ROWS.kioskWish.replace("'k-lohmar key-1'", "'key-1'"), ROWS.webWish.replace("' nonce-1'", "'nonce-1'")] : [ROWS.kioskWish, ROWS.webWish]),
];

describe('town limits migrations 9 and 10 keep what is stored', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'city-m9-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('SQLite 8 -> 10', async () => {
    const file = join(dir, 'city.sqlite');
    const old = new Database(file);
    for (const [v, sql] of CITY_MIGRATIONS.slice(0, 8).entries()) {
      old.exec(sql);
      old.pragma(`user_version = ${v + 1}`);
    }
    old.prepare(ROWS.account).run(SALT, SALT);
    for (const sql of storedRows(false)) old.exec(sql);
    old.close();
    const db = openCityDb(file);
    expect(db.pragma('user_version', { simple: true })).toBe(CITY_MIGRATIONS.length);
    expect(CITY_MIGRATIONS.length).toBeGreaterThanOrEqual(10);
    const storage = sqliteStorage(db, { closeDb: true });
    try {
      expect(await readBack(storage)).toEqual(EXPECTED);
    } finally {
      await storage.close();
    }
  });

  describe.skipIf(!pgAvailable)('PostgreSQL', () => {
    let tdb: TestDatabase;
    beforeEach(async () => {
      tdb = await freshDatabase();
    });
    afterEach(async () => tdb.drop());

    it('8 -> 10', async () => {
      await withPgClient(tdb.url, async (c) => {
        await migratePg(c, PG_MIGRATIONS.slice(0, 8));
        await c.query(ROWS.account.replace('?, ?', '$1, $2'), [SALT, SALT]);
        for (const sql of storedRows(true)) await c.query(sql);
        expect(await migratePg(c, PG_MIGRATIONS.slice(0, 9))).toEqual({ from: 8, to: 9 });
        expect(await migratePg(c, PG_MIGRATIONS.slice(0, 10))).toEqual({ from: 9, to: 10 });
        expect((await migratePg(c)).to).toBe(PG_MIGRATIONS.length);
      });
      const storage = await openPgStorage({ url: tdb.url });
      try {
        expect(await readBack(storage)).toEqual(EXPECTED);
      } finally {
        await storage.close();
      }
    });
  });
});
