/**
 * Two API instances on one database claiming due calendar sources (issue 19, calendar-storage.ts
 * claimDueCalendarSources): a due source is handed to ONE instance only, an instance never waits for another
 * instance's claim in flight (PostgreSQL: FOR UPDATE SKIP LOCKED), and a claimed source is not due again until its
 * lease ends. "Two instances" are two storages with their own connections on one database (SQLite: two
 * connections on one file; PostgreSQL: two pools on one database), as two API processes would be.
 *
 * Also, feeds PostgreSQL cannot store as they are: a text with a NUL byte (its text cannot hold U+0000) and UIDs
 * longer than a btree index entry (2704 bytes) import on both backends, and a re-import changes nothing.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { freshDatabase, pgAvailable } from '../../../tests/support/pg-database';
import { STORAGE_BACKENDS } from '../../../tests/support/storage-backends';
import { openCityDb } from '../city-db';
import type { KioskStorage } from '../storage/kiosk-storage';
import { openPgStorage } from '../storage/pg-storage';
import { sqliteStorage } from '../storage/sqlite-storage';
import { importedOccurrence, FIXTURE_NOW } from './fixture-feeds';
import type { ImportedOccurrence } from './parse-feed';

const NOW = FIXTURE_NOW;
const LEASE_MS = 15 * 60_000;
const at = (ms: number) => new Date(NOW.getTime() + ms);

let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

interface TwoInstances {
  a: KioskStorage;
  b: KioskStorage;
  /** PostgreSQL only: the database, for a third connection */
  url?: string;
}

const INSTANCES: { name: 'SQLite' | 'PostgreSQL'; open(): Promise<TwoInstances> }[] = [
  {
    name: 'SQLite' as const,
    async open() {
      const dir = mkdtempSync(join(tmpdir(), 'claim-race-'));
      const file = join(dir, 'city.sqlite');
      const a = sqliteStorage(openCityDb(file), { closeDb: true });
      const b = sqliteStorage(openCityDb(file), { closeDb: true });
      cleanup.push(() => rmSync(dir, { recursive: true, force: true }), () => a.close(), () => b.close());
      return { a, b };
    },
  },
  {
    name: 'PostgreSQL' as const,
    async open() {
      const tdb = await freshDatabase();
      cleanup.push(() => tdb.drop());
      const a = await openPgStorage({ url: tdb.url });
      cleanup.push(() => a.close());
      const b = await openPgStorage({ url: tdb.url });
      cleanup.push(() => b.close());
      return { a, b, url: tdb.url };
    },
  },
].filter((i) => i.name === 'SQLite' || pgAvailable);

async function addDue(s: KioskStorage, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push((await s.addCalendarSource({ url: `https://verein${i}.example/termine.ics`, label: `Verein ${i}`, addedBy: 'club', state: 'active' }, NOW)).id);
  return ids.sort();
}
const idsOf = (claims: { id: string }[][]) => claims.flat().map((s) => s.id);

describe.each(INSTANCES)('claiming due calendar sources from two instances on $name', (inst) => {
  it('overlapping claims of both instances, round after round: every due source exactly once per round, none again before its lease ends', async () => {
    const { a, b } = await inst.open();
    const all = await addDue(a, 120);
    for (let round = 0; round < 4; round++) {
      const now = at(round * LEASE_MS);
      const lease = at((round + 1) * LEASE_MS);
      // four claims in flight on each instance (a schedule tick and staff clicks), all at the same moment
      const claims = await Promise.all([a, b, a, b, a, b, a, b].map((s) => s.claimDueCalendarSources(now, lease)));
      const ids = idsOf(claims);
      expect(ids.length, `round ${round}: claimed ${ids.length} for ${all.length} due sources`).toBe(all.length);
      expect(new Set(ids).size, `round ${round}: a source was handed out twice`).toBe(all.length);
      expect([...ids].sort()).toEqual(all);
      // the lease: asked again by either instance just before it ends, nothing is due
      const before = at((round + 1) * LEASE_MS - 1);
      expect(idsOf(await Promise.all([a.claimDueCalendarSources(before, lease), b.claimDueCalendarSources(before, lease)]))).toEqual([]);
    }
  });

  it('a source whose fetch was recorded is due at its own next time, not at the lease', async () => {
    const { a, b } = await inst.open();
    const [first, second] = await addDue(a, 2);
    expect(idsOf([await a.claimDueCalendarSources(NOW, at(LEASE_MS))]).sort()).toEqual([first, second].sort());
    // instance a fetched `first`: next fetch in an hour; `second` never finished (its lease decides)
    await a.recordCalendarSuccess(first!, { result: 'not_modified' }, at(1000), at(3_600_000));
    // at the end of the first lease only `second` is due again; b takes it for two hours
    expect(idsOf([await b.claimDueCalendarSources(at(LEASE_MS), at(7_200_000))])).toEqual([second]);
    expect(idsOf([await b.claimDueCalendarSources(at(3_600_000 - 1), at(3_600_000 + LEASE_MS))])).toEqual([]);
    expect(idsOf([await a.claimDueCalendarSources(at(3_600_000), at(3_600_000 + LEASE_MS))])).toEqual([first]);
  });
});

describe.runIf(pgAvailable)('PostgreSQL: a claim in flight on a third instance', () => {
  it('the other instances neither wait for its rows nor take them; after its commit they are leased', async () => {
    const inst = INSTANCES.find((i) => i.name === 'PostgreSQL')!;
    const { a, b, url } = await inst.open();
    const all = await addDue(a, 60);
    const inFlight = all.filter((_, i) => i % 3 === 0);
    const lease = at(LEASE_MS);

    // instance c has claimed a third of the sources and not committed yet (its UPDATE holds their row locks)
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    cleanup.push(() => c.end());
    await c.query('BEGIN');
    await c.query('UPDATE calendar_sources SET next_fetch_at = $1 WHERE id = ANY($2::text[])', [lease, inFlight]);

    // a and b claim at the same moment, while a watcher looks for any backend of this database waiting for a lock
    const watcher = new pg.Client({ connectionString: url });
    await watcher.connect();
    cleanup.push(() => watcher.end());
    let settled = false;
    const claims = Promise.all([a.claimDueCalendarSources(NOW, lease), b.claimDueCalendarSources(NOW, lease)]).finally(() => {
      settled = true;
    });
    let waited = false;
    while (!settled) {
      const { rows } = await watcher.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      );
      if (rows[0]!.n > 0) {
        waited = true;
        break;
      }
    }
    if (waited) await c.query('COMMIT'); // let the waiting claims finish, so the assertions below show what they took
    const [fromA, fromB] = await claims;
    if (!waited) await c.query('COMMIT');
    expect(waited, "a claim waited for another instance's row locks (FOR UPDATE without SKIP LOCKED?)").toBe(false);
    const ids = idsOf([fromA, fromB]);
    expect(new Set(ids).size, 'a source was handed out twice').toBe(ids.length);
    expect(ids.filter((id) => inFlight.includes(id)), "sources of c's claim taken by a or b").toEqual([]);
    expect([...ids].sort()).toEqual(all.filter((id) => !inFlight.includes(id)));
    // c's claim committed: its sources are leased too, nothing is due for anyone until the lease ends
    expect(idsOf(await Promise.all([a.claimDueCalendarSources(NOW, lease), b.claimDueCalendarSources(NOW, lease)]))).toEqual([]);
    expect(idsOf([await b.claimDueCalendarSources(lease, at(2 * LEASE_MS))]).sort()).toEqual(all);
  });
});

/** An imported single occurrence in December 2026. */
const occ = (uid: string, summary: string, extra: Partial<ImportedOccurrence> = {}) => importedOccurrence(uid, summary, { start: '2026-12-10T17:00:00.000Z', ...extra });

describe.each(STORAGE_BACKENDS)('feed texts PostgreSQL cannot store as they are, on $name', (backend) => {
  it('a NUL byte: imports (the NUL dropped), and the same feed again changes nothing', async () => {
    const { storage, cleanup: close } = await backend.open();
    cleanup.push(close);
    const src = await storage.addCalendarSource({ url: 'https://verein.example/nul.ics', label: 'Verein', addedBy: 'club', state: 'active' }, NOW);
    const feed = [occ('nul-1@verein', 'Skat\u0000abend', { description: 'Kaffee\u0000 und Kuchen' }), occ('plain@verein', 'Doppelkopf', { description: 'Kaffee\u0000 und Kuchen' })];
    expect(await storage.replaceCalendarEvents(src.id, feed, NOW)).toEqual({ added: 2, changed: 0, removed: 0, unchanged: 0 });
    expect(await storage.replaceCalendarEvents(src.id, feed, at(3_600_000))).toEqual({ added: 0, changed: 0, removed: 0, unchanged: 2 });
    const stored = await storage.calendarOccurrences('2026-12-01', '2026-12-31');
    expect(stored.map((o) => o.summary.replaceAll('\u0000', '')).sort()).toEqual(['Doppelkopf', 'Skatabend']);
    const body = await storage.calendarForWindow('2026-12-01', '2026-12-31');
    expect(body).toContain('SUMMARY:Skatabend');
    expect(body).toContain('DESCRIPTION:Kaffee und Kuchen');
    expect(body).not.toContain('\u0000');
  });

  it('UIDs longer than an index entry import, stay distinct (same first 200 characters) and compare equal at the next import', async () => {
    const { storage, cleanup: close } = await backend.open();
    cleanup.push(close);
    const src = await storage.addCalendarSource({ url: 'https://verein.example/lang.ics', label: 'Verein', addedBy: 'club', state: 'active' }, NOW);
    const head = randomBytes(300).toString('base64').slice(0, 250);
    const long = (tail: string, summary: string) => occ(`${head}${randomBytes(4500).toString('base64')}${tail}@verein`, summary, { start: '2026-12-11T17:00:00.000Z' });
    const feed = [long('a', 'Chorprobe'), long('b', 'Kegeln')];
    expect(await storage.replaceCalendarEvents(src.id, feed, NOW)).toEqual({ added: 2, changed: 0, removed: 0, unchanged: 0 });
    expect(await storage.replaceCalendarEvents(src.id, feed, at(3_600_000))).toEqual({ added: 0, changed: 0, removed: 0, unchanged: 2 });
    const moved = [feed[0]!, { ...feed[1]!, summary: 'Kegeln (verlegt)' }];
    expect(await storage.replaceCalendarEvents(src.id, moved, at(7_200_000))).toEqual({ added: 0, changed: 1, removed: 0, unchanged: 1 });
    expect((await storage.calendarOccurrences('2026-12-01', '2026-12-31')).map((o) => o.summary).sort()).toEqual(['Chorprobe', 'Kegeln (verlegt)']);
    const body = await storage.calendarForWindow('2026-12-01', '2026-12-31');
    expect(body).toContain('SUMMARY:Chorprobe');
  });
});
