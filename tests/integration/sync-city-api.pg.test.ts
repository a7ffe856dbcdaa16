/**
 * The kiosk's real sync engine against the reference city API on both storage backends (issue 19: every city API test
 * on SQLite and PostgreSQL). sync-city-api.test.ts runs the same kind of checks in depth on SQLite (it seeds through
 * the SQLite file); here the API is seeded only through KioskStorage, so the same assertions hold for PostgreSQL: a
 * first sync brings exactly the published offers, an incremental one applies changes, pauses, hides and deletions,
 * and a re-published offer comes back.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { getOfferById } from '../../electron/services/offers/offer-repository';
import { readSyncState, SYNC_KEYS } from '../../electron/services/sync/sync-state';
import { testOffer } from '../fakes/fake-city-api-data';
import { closeTestCityApis, createTestKiosk, expectKioskEqualsStorage, startTestCityApiOn } from '../fakes/fake-city-api-harness';
import { STORAGE_BACKENDS } from '../support/storage-backends';

describe.each(STORAGE_BACKENDS)('kiosk sync from the city API on $name', (backend) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await closeTestCityApis();
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('first sync brings exactly the published offers; changes, status, hidden, deleted and re-published offers follow', async () => {
    const { storage, cleanup } = await backend.open();
    cleanups.push(cleanup);
    const api = await startTestCityApiOn(storage, { offers: 300 });
    cleanups.push(() => api.close());
    const kiosk = createTestKiosk(api);

    const first = await kiosk.sync();
    expect(first.ok).toBe(true);
    expect(await expectKioskEqualsStorage(kiosk.db, storage, api.url)).toBe(300);
    const cursorBefore = readSyncState(kiosk.db, SYNC_KEYS.offersCursor);

    await storage.putOffers([
      testOffer(3, { title: 'Kulturcafé – neue Zeiten', updated_at: '2026-11-20T09:00:00Z' }),
      testOffer(4, { status: 'paused' }),
      testOffer(5, { status: 'ended' }),
      testOffer(5000),
    ]);
    expect(await storage.setOfferState(testOffer(6).id, 'hidden')).toBe(true);
    expect(await storage.setOfferState(testOffer(7).id, 'deleted')).toBe(true);

    const r = await kiosk.sync();
    expect(r.ok).toBe(true);
    expect(r.summary).toMatchObject({ upserted: 4, deleted: 2, rejected: 0, taxonomyChanged: false });
    expect(readSyncState(kiosk.db, SYNC_KEYS.offersCursor)).not.toBe(cursorBefore);
    expect(getOfferById(kiosk.db, testOffer(3).id)?.title).toBe('Kulturcafé – neue Zeiten');
    expect(getOfferById(kiosk.db, testOffer(4).id)?.status).toBe('paused');
    expect(getOfferById(kiosk.db, testOffer(6).id)).toBeNull();
    expect(getOfferById(kiosk.db, testOffer(7).id)).toBeNull();
    await expectKioskEqualsStorage(kiosk.db, storage, api.url);

    // nothing new: nothing applied
    expect((await kiosk.sync()).summary).toMatchObject({ upserted: 0, deleted: 0 });
    // re-published after hiding: comes back
    await storage.setOfferState(testOffer(6).id, 'published');
    expect((await kiosk.sync()).summary.upserted).toBe(1);
    expect(await expectKioskEqualsStorage(kiosk.db, storage, api.url)).toBe(300);
  });
});
