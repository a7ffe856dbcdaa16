/**
 * Shared reads (coalesced-read.ts, issue 19 load goal): callers arriving during a read wait for the next one and
 * share it, so every answer was read after its call (a change saved before a sync is in that sync), with at most
 * one read in flight; on PostgreSQL the feed head and the catalog version are read that way.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { freshDatabase, pgAvailable, type TestDatabase } from '../../../tests/support/pg-database';
import { parseSeedSpec, seedStorage } from '../seed';
import type { Offer } from '../../../shared/schemas/offer';
import { coalescedRead } from './coalesced-read';
import { openPgStorage, type PgStorage } from './pg-storage';

/** A read whose answers are released by hand: the n-th read answers n. */
function heldReads() {
  const pending: { resolve: (v: number) => void; reject: (e: Error) => void }[] = [];
  let n = 0;
  const read = () => new Promise<number>((resolve, reject) => pending.push({ resolve: () => resolve(++n), reject }));
  return { read, pending, release: (i: number) => pending[i]!.resolve(0), fail: (i: number) => pending[i]!.reject(new Error('down')) };
}
const flush = () => new Promise((r) => setImmediate(r));

describe('coalescedRead', () => {
  it('reads at once when nothing is in flight, and again for a later call', async () => {
    const h = heldReads();
    const get = coalescedRead(h.read);
    const a = get();
    expect(h.pending).toHaveLength(1);
    h.release(0);
    expect(await a).toBe(1);
    const b = get();
    expect(h.pending).toHaveLength(2);
    h.release(1);
    expect(await b).toBe(2);
  });

  it('callers during a read get the next read, shared, not the one that started before them', async () => {
    const h = heldReads();
    const get = coalescedRead(h.read);
    const first = get();
    const during = [get(), get(), get()];
    expect(h.pending).toHaveLength(1); // the next read waits for the first
    h.release(0);
    expect(await first).toBe(1);
    await flush();
    expect(h.pending).toHaveLength(2);
    const duringSecond = get(); // arrives while the shared second read is in flight: waits for a third
    h.release(1);
    expect(await Promise.all(during)).toEqual([2, 2, 2]);
    await flush();
    h.release(2);
    expect(await duringSecond).toBe(3);
    expect(h.pending).toHaveLength(3);
  });

  it('a failed read fails its callers only; the ones waiting for the next read get it', async () => {
    const h = heldReads();
    const get = coalescedRead(h.read);
    const first = get();
    const waiting = get();
    h.fail(0);
    await expect(first).rejects.toThrow('down');
    await flush();
    h.release(1);
    expect(await waiting).toBe(1);
  });
});

describe.skipIf(!pgAvailable)('shared feed head and catalog version on PostgreSQL', () => {
  let tdb: TestDatabase;
  let storage: PgStorage;
  beforeEach(async () => {
    tdb = await freshDatabase();
    storage = await openPgStorage({ url: tdb.url });
    await seedStorage(storage, parseSeedSpec('sample'));
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await storage.close();
    await tdb.drop();
  });

  it('50 requests at once: a few reads, all the same head; an offer saved while a read was in flight is in the next answer', async () => {
    const query = vi.spyOn(storage.pool, 'query');
    const heads = await Promise.all(Array.from({ length: 50 }, () => storage.feedHead()));
    const reads = query.mock.calls.filter((c) => String(c[0]).includes('FROM feed_head')).length;
    expect(reads).toBeLessThanOrEqual(2);
    expect(new Set(heads).size).toBe(1);

    // a head read held in flight while an offer is saved: a sync after the save must not take that old read
    let releaseHeld!: () => void;
    const held = new Promise<void>((r) => (releaseHeld = r));
    const original = query.getMockImplementation() ?? storage.pool.query.bind(storage.pool);
    // read now, answer only when released
    query.mockImplementationOnce(((...args: unknown[]) =>
      ((original as (...a: unknown[]) => Promise<unknown>)(...args)).then((r) => held.then(() => r))) as typeof storage.pool.query);
    const before = storage.feedHead();
    const id = [...(await storage.publishedOffers()).keys()][0]!;
    const offer = (await storage.getStoredOffer(id))!.offer as Offer;
    await storage.putOffers([{ ...offer, title: 'Neu' }]);
    const after = storage.feedHead();
    releaseHeld();
    expect(await after).toBe((await before) + 1);
  });

  it('the catalog version changes at once after an offer change', async () => {
    const v1 = await storage.catalogVersion();
    const id = [...(await storage.publishedOffers()).keys()][0]!;
    const offer = (await storage.getStoredOffer(id))!.offer as Offer;
    await storage.putOffers([{ ...offer, title: 'Neu' }]);
    expect(await storage.catalogVersion()).not.toBe(v1);
  });
});
