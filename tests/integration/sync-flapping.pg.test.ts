import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../fakes/fake-clock';
import { FLAPPING_RATES } from '../../city-api/src/chaos';
import { closeTestCityApis, createTestKiosk, expectKioskEqualsStorage, startTestCityApiOnBackend } from '../fakes/fake-city-api-harness';
import { testOffer, testOffers } from '../fakes/fake-city-api-data';
import { syncThroughFlapping } from '../fakes/flapping-sync';
import { STORAGE_BACKENDS } from '../support/storage-backends';

// every test city API, storage and kiosk the harness started is closed after each test
afterEach(closeTestCityApis);

const SYNC_INTERVAL_MS = 900_000;
/** the sync feature's default page size */
const PAGE = 500;

/**
 * The flapping network: 25 % 503 with Retry-After: 1, 15 % connections cut mid-body, 10 % 429 on every
 * request of the reference server. Waits run on a fake clock (no real sleeps); simulated time = waits + real time.
 * On both storage backends of the city API (issue 19).
 */
describe.each(STORAGE_BACKENDS)('sync through a flapping network (reference city API in chaos mode) on $name', (backend) => {
  it('3,000 offers converge record by record in under 60 s; deletions, renames and new offers within one interval + 30 s', async () => {
    const { api, storage } = await startTestCityApiOnBackend(backend, { offers: 3000, chaos: { seed: 14, rates: FLAPPING_RATES, retryAfterS: 1 } });
    let serverRequests = 0;
    api.app.server.on('request', () => serverRequests++);
    const kiosk = createTestKiosk(api);
    const clock = new FakeClock('2026-11-25T10:00:00Z');

    const first = await syncThroughFlapping(kiosk, { clock, seed: 1, pageLimit: PAGE });
    expect(first.ok).toBe(true);
    expect(first.simulatedMs).toBeLessThan(60_000);
    expect(await expectKioskEqualsStorage(kiosk.db, storage, api.url)).toBe(3000);
    // no hammering: a fault-free run needs taxonomy, 6 pages and events; through 50 % faults each is tried about twice
    const faultFreeRequests = 3000 / PAGE + 2;
    expect(first.requests).toBe(serverRequests);
    expect(first.requests).toBeLessThanOrEqual(3 * faultFreeRequests);
    expect(first.retries).toBeGreaterThan(3);
    const injected = api.chaos!.injected;
    expect(injected.unavailable).toBeGreaterThan(0);
    expect(injected.cut).toBeGreaterThan(0);
    expect(injected.tooMany).toBeGreaterThan(0);

    // the town edits: 100 deletions, 100 renames, 50 new offers
    const editedAt = clock.now().getTime();
    for (let i = 0; i < 100; i++) await storage.setOfferState(testOffer(i).id, 'deleted');
    for (let i = 100; i < 200; i++) await storage.putOffers([testOffer(i, { title: `Umbenannt ${i}`, updated_at: '2026-11-25T10:05:00Z' })]);
    await storage.putOffers(testOffers(50, 5000));
    const before = serverRequests;
    clock.advance(SYNC_INTERVAL_MS); // the next periodic sync
    const second = await syncThroughFlapping(kiosk, { clock, seed: 2, pageLimit: PAGE });
    expect(second.ok).toBe(true);
    expect(clock.now().getTime() - editedAt).toBeLessThanOrEqual(SYNC_INTERVAL_MS + 30_000);
    expect(second.last.summary).toMatchObject({ deleted: 100, upserted: 150 });
    expect(serverRequests - before).toBeLessThanOrEqual(3 * (second.pages + 2));
    expect(await expectKioskEqualsStorage(kiosk.db, storage, api.url)).toBe(2950);
    console.log(
      `${backend.name}: ` +
      `flapping sync: first sync of 3,000 offers ${(first.simulatedMs / 1000).toFixed(1)} s simulated (${first.realMs.toFixed(0)} ms real), ` +
        `${first.requests} requests (${first.retries} retries, ${first.failedRuns} failed runs); changes after ${((clock.now().getTime() - editedAt - SYNC_INTERVAL_MS) / 1000).toFixed(1)} s past the interval, ${serverRequests - before} requests`,
    );
  });

  it('without per-request retries the same mix needs many runs and minutes of run-level backoff (what the issue saw)', async () => {
    const { api, storage } = await startTestCityApiOnBackend(backend, { offers: 600, chaos: { seed: 14, rates: FLAPPING_RATES, retryAfterS: 1 } });
    const kiosk = createTestKiosk(api);
    const clock = new FakeClock('2026-11-25T10:00:00Z');
    let runs = 0;
    let failures = 0;
    for (; runs < 200; runs++) {
      const r = await kiosk.sync({ clock });
      if (r.ok) break;
      failures++;
      clock.advance(30_000 * 2 ** Math.min(5, failures - 1));
    }
    expect(failures).toBeGreaterThan(2);
    expect(await expectKioskEqualsStorage(kiosk.db, storage, api.url)).toBe(600);
  });
});
