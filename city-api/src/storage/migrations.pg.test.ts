/**
 * Migrations on both backends (issue 19): versioned, add-only, one transaction each, a newer schema refused.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshDatabase, pgAvailable, type TestDatabase } from '../../../tests/support/pg-database';
import { openCityDb } from '../city-db';
import { PG_MIGRATIONS, migratePg } from './pg-migrations';
import { openPgStorage } from './pg-storage';

describe('SQLite migrations', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'city-db-mig-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('brings an empty file to the newest version once, and refuses a file from a newer server', () => {
    const file = join(dir, 'city.sqlite');
    const db = openCityDb(file);
    const version = db.pragma('user_version', { simple: true }) as number;
    expect(version).toBeGreaterThanOrEqual(5);
    db.prepare(`INSERT INTO kiosks (id, token_sha256, created_at) VALUES ('k', 'h', 'now')`).run();
    db.close();
    const again = openCityDb(file); // nothing to do, data kept
    expect(again.pragma('user_version', { simple: true })).toBe(version);
    expect(again.prepare(`SELECT count(*) FROM kiosks`).pluck().get()).toBe(1);
    again.pragma(`user_version = ${version + 1}`);
    again.close();
    expect(() => openCityDb(file)).toThrow(/newer than this server/);
  });
});

describe.skipIf(!pgAvailable)('PostgreSQL migrations', () => {
  let tdb: TestDatabase;
  beforeEach(async () => {
    tdb = await freshDatabase();
  });
  afterEach(async () => tdb.drop());

  const version = async (url: string) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      return (await c.query<{ v: number }>('SELECT max(version) AS v FROM schema_migrations')).rows[0]!.v;
    } finally {
      await c.end();
    }
  };

  it('migrates an empty database, is a no-op the second time, and two instances starting at once do it once', async () => {
    const [a, b] = await Promise.all([openPgStorage({ url: tdb.url }), openPgStorage({ url: tdb.url })]);
    expect([a.migrated.to, b.migrated.to]).toEqual([PG_MIGRATIONS.length, PG_MIGRATIONS.length]);
    expect([a.migrated.from, b.migrated.from].sort()).toEqual([0, PG_MIGRATIONS.length].sort()); // one of them did the work
    await a.registerKiosk('k1', 'token-k1-0123456789abc');
    await a.close();
    await b.close();
    const c = await openPgStorage({ url: tdb.url });
    expect(c.migrated).toEqual({ from: PG_MIGRATIONS.length, to: PG_MIGRATIONS.length });
    expect(await c.kioskForToken('token-k1-0123456789abc')).toEqual({ id: 'k1', town: null });
    await c.close();
    expect(await version(tdb.url)).toBe(PG_MIGRATIONS.length);
  });

  it('upgrades a database of schema 6 (before calendar sources and Bedarf) to the newest: its data stays, the new tables work', async () => {
    const pool = new pg.Pool({ connectionString: tdb.url });
    const client = await pool.connect();
    try {
      expect(await migratePg(client, PG_MIGRATIONS.slice(0, 6))).toEqual({ from: 0, to: 6 });
      await client.query(`INSERT INTO kiosks (id, token_sha256, created_at) VALUES ('k1', 'h', now())`);
      await client.query(`INSERT INTO stats (kiosk_id, day, body_json, received_at) VALUES ('k1', '2026-11-10', '{"searches_without_result":{"boule":3}}', now())`);
      expect(await client.query(`SELECT to_regclass('calendar_sources') AS c, to_regclass('district_population') AS d`).then((r) => r.rows[0])).toEqual({ c: null, d: null });
    } finally {
      client.release();
      await pool.end();
    }
    const s = await openPgStorage({ url: tdb.url });
    try {
      expect(s.migrated).toEqual({ from: 6, to: PG_MIGRATIONS.length });
      expect(PG_MIGRATIONS.length).toBeGreaterThanOrEqual(8);
      // 7: calendar sources with their occurrences
      const now = new Date('2026-12-02T08:00:00Z');
      const src = await s.addCalendarSource({ url: 'https://verein.example/termine.ics', label: 'Verein', addedBy: 'club', state: 'active' }, now);
      const occurrence = { uid: 'a@verein', recurrenceId: '', start: '2026-12-03T18:00:00.000Z', end: null, allDay: false, startDate: null, endDate: null, summary: 'Chor', description: null, location: null };
      expect(await s.replaceCalendarEvents(src.id, [occurrence], now)).toEqual({ added: 1, changed: 0, removed: 0, unchanged: 0 });
      expect((await s.calendarOccurrences('2026-12-01', '2026-12-31')).map((o) => o.summary)).toEqual(['Chor']);
      // 8: residents per district next to the kiosk counters that were there before
      await s.setDistrictPopulations([['kaldauen', 8000]], now);
      expect((await s.districtPopulation()).kaldauen).toBe(8000);
      expect(await s.bedarfStatSums({ from: '2026-11-01', to: '2026-11-30' })).toEqual({ searchMisses: [{ key: 'boule', n: 3 }], sessionsByHour: [], kiosks: ['k1'] });
    } finally {
      await s.close();
    }
    expect(await version(tdb.url)).toBe(PG_MIGRATIONS.length);
  });

  it('refuses a database with a newer schema version and changes nothing', async () => {
    await (await openPgStorage({ url: tdb.url })).close();
    const c = new pg.Client({ connectionString: tdb.url });
    await c.connect();
    await c.query('INSERT INTO schema_migrations (version) VALUES ($1)', [PG_MIGRATIONS.length + 1]);
    await c.end();
    await expect(openPgStorage({ url: tdb.url })).rejects.toThrow(/schema version \d+, newer than this server/);
    expect(await version(tdb.url)).toBe(PG_MIGRATIONS.length + 1);
  });

  it('runs each migration in one transaction: a failing one leaves no half-applied change and no version row', async () => {
    const pool = new pg.Pool({ connectionString: tdb.url });
    const client = await pool.connect();
    try {
      const broken = [...PG_MIGRATIONS, `CREATE TABLE half_done (a integer); ALTER TABLE offers ADD COLUMN test_only_note text; SELECT no_such_function();`];
      await expect(migratePg(client, broken)).rejects.toThrow(/no_such_function/);
      expect(await version(tdb.url)).toBe(PG_MIGRATIONS.length);
      const t = await client.query(`SELECT to_regclass('half_done') AS t, (SELECT count(*)::int FROM information_schema.columns WHERE table_name = 'offers' AND column_name = 'test_only_note') AS town`);
      expect(t.rows[0]).toEqual({ t: null, town: 0 });
      // the fixed migration then applies
      const fixed = [...PG_MIGRATIONS, `ALTER TABLE offers ADD COLUMN test_only_note text;`];
      expect(await migratePg(client, fixed)).toEqual({ from: PG_MIGRATIONS.length, to: PG_MIGRATIONS.length + 1 });
    } finally {
      client.release();
      await pool.end();
    }
  });
});
