import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { staffStatusSchema } from '../../../shared/contract/fleet';
import { syncStatusSchema } from '../../../shared/contract/sync';
import { kioskConfigSchema } from '../../../shared/schemas/kiosk-config';
import { FakeClock } from '../../../tests/fakes/fake-clock';
import { TEST_TAXONOMY, testOffers } from '../../../tests/fakes/fake-city-api-data';
import { createConfigStore } from '../config/config-store';
import { openDatabase } from '../db/open-database';
import { readPeerSnapshot } from '../fleet/peer-status';
import { silentLog } from '../log';
import { countOffers } from '../offers/offer-repository';
import { importSampleDataIfEmpty } from '../seed/sample-import';
import type { CityApiClient } from './city-api-client';
import type { HsdsClient } from './hsds-client';
import { createSyncFeature } from './sync-feature';

/** Issue 14: the sync feature reports the running sync's progress through getSyncStatus (zod-checked) to the staff screen. */

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup.splice(0).reverse()) c();
});

/** A feed of `pages` pages of 50 offers; each page is answered only when the test releases it. */
function gatedClient(pages: number) {
  const offers = testOffers(pages * 50);
  const waiting: (() => void)[] = [];
  const client: CityApiClient = {
    getTaxonomy: async () => ({ notModified: false, etag: '"t1"', body: TEST_TAXONOMY }),
    getOffersPage: async (since) => {
      await new Promise<void>((res) => waiting.push(res));
      const from = since === null ? 0 : Number(since);
      return { items: offers.slice(from, from + 50), deleted: [], next_cursor: String(from + 50), has_more: from + 50 < offers.length };
    },
    getEvents: async () => 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n',
    getImage: async () => {
      throw new Error('no images here');
    },
  };
  /** Answers the page the engine waits for and lets the engine commit it. */
  const release = async () => {
    for (let i = 0; i < 50 && waiting.length === 0; i++) await new Promise((r) => setImmediate(r));
    waiting.shift()!();
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
  };
  return { client, release };
}

function setup(pages: number) {
  const dir = mkdtempSync(join(tmpdir(), 'gk-progress-'));
  const db = openDatabase({ file: join(dir, 'kiosk.sqlite') });
  cleanup.push(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  importSampleDataIfEmpty(db, {});
  const sampleCount = countOffers(db);
  const clock = new FakeClock('2026-11-25T10:00:00Z');
  const config = createConfigStore(kioskConfigSchema.parse({ cityApi: { baseUrl: 'http://127.0.0.1:9', token: 'kiosk-token' } }));
  const gate = gatedClient(pages);
  const feature = createSyncFeature(
    { db, config, dataDir: dir, clock, log: silentLog, version: '0.1.0-test' },
    { cityClient: () => gate.client, hsdsClient: () => ({}) as HsdsClient, manualOnly: true, requestRetry: { maxTries: 1 } },
  );
  return { db, clock, feature, gate, sampleCount };
}

describe('sync progress (issue 14)', () => {
  it('getSyncStatus carries phase, pages and offers so far while the first sync runs, and nothing once it is done', async () => {
    const { db, clock, feature, gate, sampleCount } = setup(3);
    expect(syncStatusSchema.parse(await feature.handlers.getSyncStatus({}, { transport: 'ipc' })).progress).toBeNull();
    const run = feature.syncNow();
    const status = async () => syncStatusSchema.parse(await feature.handlers.getSyncStatus({}, { transport: 'ipc' }));

    for (let page = 1; page <= 2; page++) {
      clock.advance(1000);
      await gate.release();
      const s = await status();
      expect(s.running).toBe(true);
      expect(s.progress).toMatchObject({ phase: 'offers', firstSync: true, pages: page, offers: page * 50, startedAt: '2026-11-25T10:00:00.000Z' });
      expect(s.progress?.updatedAt).toBe(clock.now().toISOString());
      // visitors still see the sample data, complete
      expect(s.dataSource).toBe('sample');
      expect(s.counts.offers).toBe(sampleCount);
      expect(countOffers(db)).toBe(sampleCount);
    }

    // the staff screen gets the same progress through its own status (fleet peer snapshot, StaffStatus schema)
    const snap = await readPeerSnapshot(feature.handlers as never);
    expect(snap.sync?.progress).toMatchObject({ phase: 'offers', pages: 2, offers: 100 });
    expect(() => staffStatusSchema.shape.sync.parse(snap.sync)).not.toThrow();

    await gate.release();
    const result = await run;
    expect(result?.ok).toBe(true);
    const done = await status();
    expect(done.running).toBe(false);
    expect(done.progress).toBeNull();
    expect(done.dataSource).toBe('city');
    expect(done.counts.offers).toBe(150);
  });

  it('a progress listener that throws does not break the sync', async () => {
    const { feature, gate } = setup(1);
    const run = feature.syncNow({
      onProgress: () => {
        throw new Error('listener bug');
      },
    });
    await gate.release();
    expect((await run)?.ok).toBe(true);
  });
});
