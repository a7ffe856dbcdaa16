import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations';
import { DatabaseTooNewError, migrate, openDatabase, userVersion } from './open-database';
import { searchQuerySchema } from '../../../shared/contract/offers';
import { SIEGBURG_CENTRE } from '../../../shared/schemas/kiosk-config';
import { readTaxonomy } from '../offers/offer-repository';
import { searchOffers } from '../offers/offer-search';
import { testOffer } from '../offers/test-db';

const TABLES = ['taxonomy', 'offers', 'locations', 'schedules', 'offer_interests', 'offer_age_groups', 'offer_texts', 'events', 'wish_outbox', 'sync_state'];

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk-migrate-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function tableNames(db: Database.Database): string[] {
  return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]).sort();
}

describe('migrations', () => {
  it('creates a fresh database at the newest version with every table', () => {
    const db = openDatabase({ file: join(dir, 'fresh.sqlite') });
    expect(userVersion(db)).toBe(SCHEMA_VERSION);
    expect(tableNames(db)).toEqual(expect.arrayContaining(TABLES));
    db.close();
  });

  it('is idempotent: opening an up-to-date database changes nothing', () => {
    const file = join(dir, 'twice.sqlite');
    openDatabase({ file }).close();
    const db = openDatabase({ file });
    expect(userVersion(db)).toBe(SCHEMA_VERSION);
    db.close();
  });

  for (let k = 0; k < MIGRATIONS.length; k++) {
    it(`upgrades a database from version ${k} to ${SCHEMA_VERSION}, keeping its data`, () => {
      const file = join(dir, `v${k}.sqlite`);
      const old = new Database(file);
      expect(migrate(old, MIGRATIONS, k)).toBe(k);
      if (k >= 1) old.prepare("INSERT INTO sync_state (key, value) VALUES ('marker', 'kept')").run();
      old.close();

      const db = openDatabase({ file });
      expect(userVersion(db)).toBe(SCHEMA_VERSION);
      expect(tableNames(db)).toEqual(expect.arrayContaining(TABLES));
      if (k >= 1) expect(db.prepare("SELECT value FROM sync_state WHERE key = 'marker'").pluck().get()).toBe('kept');
      db.close();
    });
  }

  it('migration 2 rebuilds the full-text index without positions and keeps its texts', () => {
    const file = join(dir, 'fts.sqlite');
    const old = new Database(file);
    migrate(old, MIGRATIONS, 1);
    old.prepare('INSERT INTO offers_fts (rowid, title, summary, description, organisation, place) VALUES (?, ?, ?, ?, ?, ?)').run(7, 'gemeinschaftsgarten', 's', 'd', 'o', 'p');
    expect(migrate(old, MIGRATIONS, 2)).toBe(2); // (migration 7 drops the table again)
    expect(old.prepare("SELECT sql FROM sqlite_master WHERE name = 'offers_fts'").pluck().get()).toMatch(/detail = 'none'/);
    expect(old.prepare('SELECT rowid, title, place FROM offers_fts').all()).toEqual([{ rowid: 7, title: 'gemeinschaftsgarten', place: 'p' }]);
    expect(old.prepare(`SELECT rowid FROM offers_fts WHERE offers_fts MATCH '"gar" AND "art" AND "ten"'`).pluck().all()).toEqual([7]);
    expect(tableNames(old)).not.toContain('offers_fts_v2');
    old.close();
  });

  it('migration 7 turns the FTS5 table into the plain table offer_texts with the same texts, and the search finds the offer by them', () => {
    const file = join(dir, 'v6-texts.sqlite');
    const old = new Database(file);
    migrate(old, MIGRATIONS, 6);
    const offer = testOffer('garten', { title: 'Gemeinschaftsgarten' });
    const other = testOffer('schach', { title: 'Schachtreff' });
    for (const [rowid, o] of [[7, offer], [9, other]] as const)
      old.prepare(
        `INSERT INTO offers (rowid, id, updated_at, status, title, summary, organisation, district, free, sample, data_json)
         VALUES (?, ?, ?, 'active', ?, '', 'Verein', NULL, 1, 0, ?)`,
      ).run(rowid, o.id, o.updated_at, o.title, JSON.stringify(o));
    const text = old.prepare('INSERT INTO offers_fts (rowid, title, summary, description, organisation, place) VALUES (?, ?, ?, ?, ?, ?)');
    text.run(7, 'gemeinschaftsgarten', 'im hof', 'kompost', 'verein', 'markt 1');
    text.run(9, 'schachtreff', 'spiel', 'springer', 'club', 'rathaus');
    old.close();

    const db = openDatabase({ file });
    expect(userVersion(db)).toBe(SCHEMA_VERSION);
    expect(tableNames(db)).not.toContain('offers_fts');
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE sql LIKE '%fts5%'").pluck().get()).toBe(0);
    expect(db.prepare('SELECT rowid, title, summary, description, organisation, place FROM offer_texts ORDER BY rowid').all()).toEqual([
      { rowid: 7, title: 'gemeinschaftsgarten', summary: 'im hof', description: 'kompost', organisation: 'verein', place: 'markt 1' },
      { rowid: 9, title: 'schachtreff', summary: 'spiel', description: 'springer', organisation: 'club', place: 'rathaus' },
    ]);
    // the search builds its index from these rows (not from data_json): the stored words find the offers
    const find = (text: string) =>
      searchOffers(db, searchQuerySchema.parse({ text }), { position: { ...SIEGBURG_CENTRE }, now: new Date('2026-11-25T10:00:00Z'), tz: 'Europe/Berlin' }).items.map((i) => i.id);
    expect(find('kompost')).toEqual(['garten']);
    expect(find('rathaus')).toEqual(['schach']);
    db.close();
  });

  it('migration 5 fills interval, bymonthday and dtstart of the stored schedules from the offers, and the today filter uses them', () => {
    const file = join(dir, 'v4-schedules.sqlite');
    const old = new Database(file);
    migrate(old, MIGRATIONS, 4);
    const offer = testOffer('zweiwochen', {
      schedules: [
        { freq: 'weekly', byday: ['TU'], interval: 2, dtstart: '2026-11-24', opens_at: '15:00' },
        { freq: 'monthly', bymonthday: [1, 15, -1] },
        { freq: 'weekly', byday: ['FR'] },
      ],
    });
    old.prepare(
      `INSERT INTO offers (id, updated_at, status, title, summary, organisation, district, free, sample, data_json)
       VALUES (?, ?, 'active', ?, '', 'Verein', NULL, 1, 0, ?)`,
    ).run(offer.id, offer.updated_at, offer.title, JSON.stringify(offer));
    const row = old.prepare('INSERT INTO schedules (offer_id, idx, freq, byday, setpos, date, opens_at, closes_at, valid_from, valid_to, note) VALUES (?, ?, ?, ?, NULL, NULL, NULL, NULL, NULL, NULL, NULL)');
    row.run(offer.id, 0, 'weekly', 'TU');
    row.run(offer.id, 1, 'monthly', null);
    row.run(offer.id, 2, 'weekly', 'FR');
    old.close();

    const db = openDatabase({ file });
    expect(userVersion(db)).toBe(SCHEMA_VERSION);
    expect(db.prepare('SELECT idx, interval, bymonthday, dtstart FROM schedules ORDER BY idx').all()).toEqual([
      { idx: 0, interval: 2, bymonthday: null, dtstart: '2026-11-24' },
      { idx: 1, interval: null, bymonthday: '1,15,-1', dtstart: null },
      { idx: 2, interval: null, bymonthday: null, dtstart: null },
    ]);
    const today = (iso: string) =>
      searchOffers(db, searchQuerySchema.parse({ when: 'today' }), { position: { ...SIEGBURG_CENTRE }, now: new Date(iso), tz: 'Europe/Berlin' }).items.map((i) => i.id);
    expect(today('2026-11-24T09:00:00Z')).toEqual(['zweiwochen']); // Tuesday of an on week
    expect(today('2026-12-01T09:00:00Z')).toEqual(['zweiwochen']); // Tuesday of an off week, but the 1st
    expect(today('2026-12-08T09:00:00Z')).toEqual(['zweiwochen']); // on week
    expect(today('2026-12-15T09:00:00Z')).toEqual(['zweiwochen']); // off week, the 15th
    expect(today('2026-12-29T09:00:00Z')).toEqual([]); // off week, not the 1st, 15th or last day
    expect(today('2026-12-31T09:00:00Z')).toEqual(['zweiwochen']); // the last day of the month (-1)
    db.close();
  });

  it('migration 6 moves an interest\'s search words out of label_json into search_words_json; the taxonomy reads back the same', () => {
    const file = join(dir, 'v5-search-words.sqlite');
    const old = new Database(file);
    migrate(old, MIGRATIONS, 5);
    const label = { de: 'Spielen', en: 'Games' };
    const words = { de: ['Skat', 'Doppelkopf'], tr: ['okey'] };
    const row = old.prepare('INSERT INTO taxonomy (kind, id, label_json, icon, min_age, max_age, sort) VALUES (?, ?, ?, NULL, NULL, NULL, ?)');
    row.run('interest', 'spielen', JSON.stringify({ label, search_words: words }), 0); // as issue 15 stored it before
    row.run('interest', 'kultur', JSON.stringify({ de: 'Kultur' }), 1);
    row.run('district', 'zange', JSON.stringify({ de: 'Zange' }), 0);
    old.close();

    const db = openDatabase({ file });
    expect(db.prepare('SELECT id, label_json, search_words_json FROM taxonomy ORDER BY kind, sort').all().map((r) => {
      const { id, label_json, search_words_json } = r as { id: string; label_json: string; search_words_json: string | null };
      return { id, label: JSON.parse(label_json) as unknown, words: search_words_json === null ? null : (JSON.parse(search_words_json) as unknown) };
    })).toEqual([
      { id: 'zange', label: { de: 'Zange' }, words: null },
      { id: 'spielen', label, words },
      { id: 'kultur', label: { de: 'Kultur' }, words: null },
    ]);
    expect(readTaxonomy(db).interests).toEqual([
      { id: 'spielen', label, search_words: words },
      { id: 'kultur', label: { de: 'Kultur' } },
    ]);
    db.close();
  });

  it('rolls back a failing migration as a whole', () => {
    const db = new Database(join(dir, 'broken.sqlite'));
    const broken = [...MIGRATIONS, 'CREATE TABLE half_done (x); THIS IS NOT SQL;'];
    expect(() => migrate(db, broken)).toThrow();
    expect(userVersion(db)).toBe(MIGRATIONS.length);
    expect(tableNames(db)).not.toContain('half_done');
    db.close();
  });

  it('refuses a database newer than the app and leaves the file byte-for-byte unchanged', () => {
    const file = join(dir, 'newer.sqlite');
    const future = new Database(file);
    future.exec('CREATE TABLE from_the_future (x TEXT)');
    future.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    future.close();
    const before = readFileSync(file);

    let error: unknown;
    try {
      openDatabase({ file });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(DatabaseTooNewError);
    expect((error as DatabaseTooNewError).found).toBe(SCHEMA_VERSION + 1);
    expect((error as Error).message).toMatch(/newer version/);
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });
});
