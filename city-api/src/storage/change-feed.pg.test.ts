/**
 * The change-feed cursor under concurrent writers (issue 19, ADR 0013): monotonic, and a reader polling in a loop
 * never moves its cursor past a change that commits later.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Offer } from '../../../shared/schemas/offer';
import { generateSyntheticOffers } from '../../../shared/sample-data';
import { freshDatabase, pgAvailable, type TestDatabase } from '../../../tests/support/pg-database';
import { openCityDb } from '../city-db';
import { parseCursor, type FeedCursor } from '../offer-store';
import type { KioskStorage } from './kiosk-storage';
import { openPgStorage, type PgStorage } from './pg-storage';
import { sqliteStorage } from './sqlite-storage';

const TEMPLATE = generateSyntheticOffers(1, 7)[0]!;
const offer = (id: string, title: string): Offer => ({ ...TEMPLATE, id, title });

/** A reader as a kiosk runs it: pages from its cursor, applies items and tombstones, keeps next_cursor. */
function feedReader(storage: KioskStorage) {
  const held = new Map<string, string>(); // id → title of the published offers it holds
  const everSeen = new Set<string>();
  let cursor: FeedCursor = { seq: 0 };
  return {
    held,
    everSeen,
    cursor: () => cursor.seq,
    /** Reads until has_more is false; returns how many changes it applied. */
    async drain(): Promise<number> {
      let applied = 0;
      for (;;) {
        const page = await storage.offersPage(cursor, 50);
        for (const json of page.items) {
          const o = JSON.parse(json) as Offer;
          held.set(o.id, o.title);
          everSeen.add(o.id);
        }
        for (const id of page.deleted) {
          held.delete(id);
          everSeen.add(id);
        }
        applied += page.items.length + page.deleted.length;
        const next = parseCursor(page.next_cursor)!;
        expect(next.seq).toBeGreaterThanOrEqual(cursor.seq); // monotonic
        cursor = next;
        if (!page.has_more) return applied;
      }
    },
  };
}

interface Opened {
  storage: KioskStorage;
  /** Called inside each offer-writing transaction before commit (PostgreSQL only). */
  setHook(fn: (() => Promise<void>) | null): void;
  cleanup(): Promise<void>;
}

const BACKENDS: { name: string; open(): Promise<Opened> }[] = [
  {
    name: 'SQLite',
    async open() {
      const storage = sqliteStorage(openCityDb(':memory:'), { closeDb: true });
      return { storage, setHook: () => undefined, cleanup: () => storage.close() };
    },
  },
  {
    name: 'PostgreSQL',
    async open() {
      const tdb: TestDatabase = await freshDatabase();
      let hook: (() => Promise<void>) | null = null;
      const storage = await openPgStorage({ url: tdb.url, max: 12, beforeOfferCommit: () => hook?.() ?? Promise.resolve() });
      return {
        storage,
        setHook: (fn: (() => Promise<void>) | null) => (hook = fn),
        async cleanup() {
          await storage.close();
          await tdb.drop();
        },
      };
    },
  },
].filter((b) => b.name === 'SQLite' || pgAvailable);

const yieldTimes = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
};

describe.each(BACKENDS)('change feed on $name', (backend) => {
  let opened: Opened;
  beforeEach(async () => {
    opened = await backend.open();
  });
  afterEach(async () => opened.cleanup());

  it('4 concurrent writers, a reader polling in a loop: it misses no change and ends with exactly the published offers', async () => {
    const { storage } = opened;
    // a writer's transaction stays open for a few turns of the event loop after taking its sequence numbers,
    // so commits of different writers overlap
    let turn = 0;
    opened.setHook(() => yieldTimes(turn++ % 4));
    await storage.putOffers([offer('base-0', 'v0'), offer('base-1', 'v0'), offer('base-2', 'v0')]);
    const reader = feedReader(storage);
    let running = 4;
    const created: string[] = [];
    const writer = async (w: number) => {
      for (let i = 0; i < 30; i++) {
        if (i % 10 === 9) await storage.setOfferState(`w${w}-${i - 1}`, 'hidden');
        else if (i % 5 === 4) await storage.putOffers([offer(`base-${(w + i) % 3}`, `w${w}-${i}`)]);
        else {
          await storage.putOffers([offer(`w${w}-${i}`, `w${w}-${i}`)]);
          created.push(`w${w}-${i}`);
        }
        await yieldTimes(1);
      }
      running--;
    };
    const polls: number[] = [];
    const poll = async () => {
      while (running > 0) {
        polls.push(await reader.drain());
        await yieldTimes(1);
      }
    };
    await Promise.all([writer(0), writer(1), writer(2), writer(3), poll()]);
    await reader.drain();

    expect(polls.length).toBeGreaterThan(3); // the reader really read while writers were writing
    expect(polls.some((n) => n > 0)).toBe(true);
    for (const id of created) expect(reader.everSeen.has(id)).toBe(true);
    const published = await storage.publishedOffers();
    expect(new Map([...reader.held].sort())).toEqual(new Map([...published].map(([id, o]) => [id, (o as Offer).title] as const).sort()));
    expect(reader.cursor()).toBe(await storage.feedHead());
  });

  it.skipIf(backend.name !== 'PostgreSQL')('a reader does not move past a change still in flight while a later writer waits', async () => {
    const { storage } = opened;
    const pgs = storage as PgStorage;
    await storage.putOffers([offer('first', 'v0')]);
    const reader = feedReader(storage);
    await reader.drain();

    // writer A takes its number and holds its transaction open
    let release!: () => void;
    let arrived!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const inFlight = new Promise<void>((r) => (arrived = r));
    let holdOnce = true;
    opened.setHook(async () => {
      if (!holdOnce) return;
      holdOnce = false;
      arrived();
      await held;
    });
    const a = storage.putOffers([offer('slow-a', 'A')]);
    await inFlight;
    // writer B starts after A has its number: B must wait for A (or, if it could commit first, the reader would skip A)
    let bDone = false;
    const b = storage.putOffers([offer('fast-b', 'B')]).then(() => (bDone = true));
    for (let i = 0; i < 10_000 && !bDone; i++) {
      const { rows } = await pgs.pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      );
      if (rows[0]!.n > 0) break;
    }
    await reader.drain(); // reads while A is in flight (and B waits, or — if broken — has committed)
    release();
    await Promise.all([a, b]);
    await reader.drain();
    expect(reader.everSeen.has('fast-b')).toBe(true);
    expect(reader.everSeen.has('slow-a')).toBe(true);
    expect(reader.held.get('slow-a')).toBe('A');
  });
});
