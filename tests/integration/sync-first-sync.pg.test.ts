import { afterEach, describe, expect, it } from 'vitest';
import type { SyncProgress } from '../../shared/contract/sync-progress';
import { SIEGBURG_SAMPLE_OFFERS } from '../../shared/sample-data/siegburg-offers';
import { getDataSource, readTaxonomy } from '../../electron/services/offers/offer-repository';
import { importSampleDataIfEmpty } from '../../electron/services/seed/sample-import';
import { readSyncState, SYNC_KEYS } from '../../electron/services/sync/sync-state';
import type { Db } from '../../electron/services/db/open-database';
import type { RunningCityApi } from '../../city-api/src/server';
import { closeTestCityApis, createTestKiosk, expectKioskEqualsStorage, startTestCityApiOnBackend, type TestKiosk } from '../fakes/fake-city-api-harness';
import { TEST_TAXONOMY } from '../fakes/fake-city-api-data';
import { STORAGE_BACKENDS } from '../support/storage-backends';

/**
 * Issue 14: the first sync from a new city API shows progress and replaces the sample data atomically when complete —
 * visitors never see half a dataset nor an empty screen. On both storage backends of the city API (issue 19).
 */

let kiosk: TestKiosk | null = null;
// every test city API and kiosk the harness started is closed after each test
afterEach(closeTestCityApis);

const SAMPLE_IDS = SIEGBURG_SAMPLE_OFFERS.map((o) => o.id).sort();
const shownIds = (db: Db) => db.prepare('SELECT id FROM offers ORDER BY id').pluck().all() as string[];
const sampleShown = (db: Db) => {
  expect(shownIds(db)).toEqual(SAMPLE_IDS);
  expect(getDataSource(db)).toBe('sample');
  expect(db.prepare('SELECT count(*) FROM offer_texts').pluck().get()).toBe(SAMPLE_IDS.length);
};

function sampleKiosk(a: Pick<RunningCityApi, 'url'>): TestKiosk {
  const k = createTestKiosk(a);
  expect(importSampleDataIfEmpty(k.db, {})).toMatchObject({ imported: true });
  return k;
}

describe.each(STORAGE_BACKENDS)('first sync from a new city API (issue 14) on $name', (backend) => {
  it('reports progress page by page while visitors keep seeing the whole sample data, then swaps in one step', async () => {
    const { api, storage } = await startTestCityApiOnBackend(backend, { offers: 450 });
    kiosk = sampleKiosk(api);
    const k = kiosk;
    const seen: SyncProgress[] = [];
    const r = await k.sync({
      onProgress: (p) => {
        seen.push(p);
        // at every step before the swap: all of the sample data, nothing of the city's
        if (p.phase !== 'events' && p.phase !== 'images') sampleShown(k.db);
      },
    });
    expect(r.ok).toBe(true);
    const offerSteps = seen.filter((p) => p.phase === 'offers' && p.pages > 0);
    expect(offerSteps.map((p) => [p.pages, p.offers])).toEqual([
      [1, 100],
      [2, 200],
      [3, 300],
      [4, 400],
      [5, 450],
    ]);
    expect(seen.every((p) => p.firstSync)).toBe(true);
    // phases in order, each once (offers once per page)
    const phases = seen.map((p) => p.phase).filter((ph, i, a) => a[i - 1] !== ph);
    expect(phases).toEqual(['taxonomy', 'offers', 'applying', 'events', 'images']);
    expect(await expectKioskEqualsStorage(k.db, storage, api.url)).toBe(450);
    expect(getDataSource(k.db)).toBe('city');
    expect(readTaxonomy(k.db).interests.length).toBe(TEST_TAXONOMY.interests.length);
    expect(k.db.prepare('SELECT count(*) FROM sync_staging').pluck().get()).toBe(0);
    expect(r.summary).toMatchObject({ pages: 5, upserted: 450 });

    // the next sync is incremental again: its pages apply directly, no first-sync flag
    const later: SyncProgress[] = [];
    expect((await k.sync({ onProgress: (p) => later.push(p) })).ok).toBe(true);
    expect(later.some((p) => p.firstSync)).toBe(false);
  });

  it('an interrupted first sync keeps the sample data, resumes from its last collected page, and counts on', async () => {
    const { api, storage } = await startTestCityApiOnBackend(backend, { offers: 450, chaos: { seed: 5 } });
    kiosk = sampleKiosk(api);
    // taxonomy, pages 1–2 fine, page 3 cut mid-body (no per-request retries here: the run fails)
    api.chaos!.enqueue(null, null, null, 'cut');
    const first = await kiosk.sync();
    expect(first).toMatchObject({ ok: false, code: 'network' });
    sampleShown(kiosk.db);
    expect(readSyncState(kiosk.db, SYNC_KEYS.stagingCursor)).toBe('v1.200.f450'); // .f450: head when the first sync began (city-api FeedCursor.firstSyncHead)

    const seen: SyncProgress[] = [];
    const second = await kiosk.sync({ onProgress: (p) => seen.push(p) });
    expect(second.ok).toBe(true);
    expect(second.summary.pages).toBe(3); // pages 3–5 only
    // the progress counts the pages and offers collected by the first run too
    expect(seen.filter((p) => p.phase === 'offers' && p.pages > 0).map((p) => [p.pages, p.offers])).toEqual([
      [3, 300],
      [4, 400],
      [5, 450],
    ]);
    await expectKioskEqualsStorage(kiosk.db, storage, api.url);
  });

  it('the swap is one transaction: when it fails half-way, every sample offer is still there and nothing is lost', async () => {
    const { api, storage } = await startTestCityApiOnBackend(backend, { offers: 250 });
    kiosk = sampleKiosk(api);
    // a disk error on the 200th offer written by the swap
    kiosk.db.exec(`CREATE TEMP TRIGGER boom BEFORE INSERT ON offers WHEN NEW.id = 'test-offer-00199'
                   BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END`);
    const failed = await kiosk.sync();
    expect(failed.ok).toBe(false);
    sampleShown(kiosk.db);
    expect(readSyncState(kiosk.db, SYNC_KEYS.source)).toBeNull(); // the switch did not happen either
    expect(kiosk.db.prepare('SELECT count(*) FROM sync_staging').pluck().get()).toBe(250); // the collected pages stay

    kiosk.db.exec('DROP TRIGGER boom');
    const again = await kiosk.sync();
    expect(again.ok).toBe(true);
    expect(again.summary.pages).toBe(1); // nothing collected again: only the (empty) last page to confirm the end
    await expectKioskEqualsStorage(kiosk.db, storage, api.url);
  });
});
