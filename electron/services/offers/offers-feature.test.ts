import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KioskApiError } from '../../../shared/contract';
import { bootInfoSchema, offerDetailSchema, searchQuerySchema, searchResultSchema } from '../../../shared/contract/offers';
import { FakeClock } from '../../../tests/fakes/fake-clock';
import { kioskConfigSchema, type KioskConfig } from '../../../shared/schemas/kiosk-config';
import { createConfigStore } from '../config/config-store';
import type { ServiceDeps } from '../feature';
import { silentLog } from '../log';
import { replaceEvents, upsertOffers } from './offer-repository';
import { createOffersFeature } from './offers-feature';
import { tempDb, testOffer } from './test-db';

const ctx = { transport: 'http' as const };
let t: ReturnType<typeof tempDb>;
let deps: ServiceDeps;

function makeDeps(config: Partial<KioskConfig> = {}): ServiceDeps {
  return {
    db: t.db,
    config: createConfigStore(kioskConfigSchema.parse(config)),
    dataDir: t.dir,
    clock: new FakeClock('2026-11-25T10:00:00Z'),
    log: silentLog,
    version: '1.2.3',
  };
}

beforeEach(() => {
  t = tempDb();
  deps = makeDeps({ kioskId: 'rathaus-1', place: 'Rathaus Siegburg', printer: { transport: 'tcp', host: '127.0.0.1', port: 9100, charsPerLine: 48 } });
});
afterEach(() => t.cleanup());

describe('offers feature', () => {
  it('imports the sample data on creation and reports it in the boot info', async () => {
    const f = createOffersFeature(deps);
    f.start?.();
    const boot = bootInfoSchema.parse(await f.handlers.getBootInfo({}, ctx));
    expect(boot).toMatchObject({ version: '1.2.3', kioskId: 'rathaus-1', place: 'Rathaus Siegburg', dataSource: 'sample', printerConfigured: true, tiles: null, submissionUrl: null });
    expect(boot.offersCount).toBeGreaterThanOrEqual(45);
    const taxonomy = await f.handlers.getTaxonomy({}, ctx);
    expect(taxonomy.interests).toHaveLength(10);
  });

  it('imports the sample data also when a city API is configured: no empty screen until the first sync replaces it (issue 14)', async () => {
    const f = createOffersFeature(makeDeps({ cityApi: { kind: 'gemeinsam', baseUrl: 'http://127.0.0.1:9/', token: 'x', syncIntervalS: 900 } }));
    const boot = await f.handlers.getBootInfo({}, ctx);
    expect(boot.offersCount).toBeGreaterThanOrEqual(45);
    expect(boot.dataSource).toBe('sample');
  });

  it('searches through the handler with a result matching the contract', async () => {
    const f = createOffersFeature(deps);
    const r = searchResultSchema.parse(await f.handlers.searchOffers(searchQuerySchema.parse({ text: 'garten' }), ctx));
    expect(r.items.map((i) => i.title)).toContain('Gemeinschaftsgarten Cecilienstraße');
  });

  it('returns an offer with display texts, distance and next dates', async () => {
    const f = createOffersFeature(deps);
    const d = offerDetailSchema.parse(await f.handlers.getOffer({ id: 'sample-bistro-pauline', lang: 'de' }, ctx));
    expect(d.display).toEqual({ title: 'Bistro Pauline', summary: d.offer.summary, description: d.offer.description, untranslated: false, easyRead: false });
    expect(d.distanceKm).toBeGreaterThan(0);
    expect(d.distanceKm).toBeLessThan(3);
    // weekdays 11:30–14:00; now is Wednesday 11:00 local → today's lunch is next
    expect(d.nextDates[0]).toEqual({ start: '2026-11-25T10:30:00.000Z', end: '2026-11-25T13:00:00.000Z', title: null });
    expect(d.nextDates).toHaveLength(5);
  });

  it('uses the easy-read text for Leichte Sprache and marks missing translations', async () => {
    const f = createOffersFeature(deps);
    const ls = await f.handlers.getOffer({ id: 'sample-kulturcafe', lang: 'de-LS' }, ctx);
    expect(ls.display.easyRead).toBe(true);
    expect(ls.display.description).toBe(ls.offer.easy_read);
    const ar = await f.handlers.getOffer({ id: 'sample-kulturcafe', lang: 'ar' }, ctx);
    expect(ar.display.title).toBe('المقهى الثقافي');
    const uk = await f.handlers.getOffer({ id: 'sample-bistro-pauline', lang: 'uk' }, ctx);
    expect(uk.display.untranslated).toBe(true);
  });

  it('merges calendar events into the next dates', async () => {
    const f = createOffersFeature(deps);
    t.db.transaction(() => {
      upsertOffers(t.db, [testOffer('ev-offer', { schedules: [{ freq: 'by_arrangement' }] })]);
      replaceEvents(t.db, '2026-11-01', '2027-01-31', [
        { uid: 'x1', offer_id: 'ev-offer', title: 'Adventsfeier', start: '2026-12-05T14:00:00Z', end: '2026-12-05T16:00:00Z', all_day: false },
        { uid: 'x0', offer_id: 'ev-offer', title: 'Vorbei', start: '2026-11-20T14:00:00Z', all_day: false },
      ]);
    })();
    const d = await f.handlers.getOffer({ id: 'ev-offer', lang: 'de' }, ctx);
    expect(d.nextDates).toEqual([{ start: '2026-12-05T14:00:00.000Z', end: '2026-12-05T16:00:00.000Z', title: 'Adventsfeier' }]);
    const events = await f.handlers.listEvents({ from: '2026-12-01', to: '2026-12-31', limit: 10 }, ctx);
    expect(events.map((e) => e.uid)).toEqual(['x1']);
  });

  it('answers not_found for unknown and for paused offers', async () => {
    const f = createOffersFeature(deps);
    t.db.transaction(() => upsertOffers(t.db, [testOffer('paused-1', { status: 'paused' })]))();
    for (const id of ['nope', 'paused-1']) {
      const err = await f.handlers.getOffer({ id, lang: 'de' }, ctx).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(KioskApiError);
      expect((err as KioskApiError).code).toBe('not_found');
    }
  });
});
