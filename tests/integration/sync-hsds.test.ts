import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../electron/services/db/open-database';
import { silentLog } from '../../electron/services/log';
import { getDataSource, getOfferById, readTaxonomy, upsertOffers } from '../../electron/services/offers/offer-repository';
import { createHsdsClient } from '../../electron/services/sync/hsds-client';
import { createImageCache } from '../../electron/services/sync/image-cache';
import { runSync } from '../../electron/services/sync/sync-engine';
import { FakeClock } from '../fakes/fake-clock';
import { offerSchema } from '../../shared/schemas/offer';
import { startFakeHsds, type FakeHsds } from '../fakes/fake-city-api-hsds';
import { testOffer } from '../fakes/fake-city-api-data';

let hsds: FakeHsds | null = null;
let dir = '';
let db: Db | null = null;
afterEach(async () => {
  db?.close();
  db = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
  await hsds?.close();
  hsds = null;
});

async function sync(token = 'hsds-token') {
  const clock = new FakeClock('2026-11-25T10:00:00Z');
  const client = createHsdsClient({ baseUrl: hsds!.url, token, version: '0.1.0-test', clock, perPage: 2 });
  return runSync({ kind: 'hsds', baseUrl: hsds!.url, client }, { db: db!, log: silentLog, clock, images: createImageCache(join(dir, 'images')) });
}

describe('HSDS 3.0 adapter', () => {
  it('imports /services page by page and maps services, locations, schedules and taxonomy terms to offers', async () => {
    hsds = await startFakeHsds(undefined, { token: 'hsds-token' });
    dir = mkdtempSync(join(tmpdir(), 'gk-hsds-'));
    db = openDatabase({ file: join(dir, 'kiosk.sqlite') });
    upsertOffers(db, [testOffer(1, { id: 'sample-x', interests: [], age_groups: [], district: undefined })], { sample: true });

    const r = await sync();
    expect(r.ok).toBe(true);
    expect(hsds.requests).toEqual(['/services?page=1&per_page=2', '/services?page=2&per_page=2']);
    expect(r.summary).toMatchObject({ upserted: 3, rejected: 1 });
    expect(getDataSource(db)).toBe('city');
    expect(getOfferById(db, 'sample-x')).toBeNull();
    expect(getOfferById(db, 'hsds-bad-markup')).toBeNull();

    const cafe = offerSchema.parse(getOfferById(db, 'hsds-erzaehlcafe'));
    expect(cafe).toMatchObject({
      status: 'active',
      title: 'Erzählcafé im Stadtteilhaus',
      organisation: { name: 'Stadtteilhaus Deichhaus e. V.', website: 'https://example.org/stadtteilhaus', phone: '+49 221 4710 123' },
      interests: ['treffen'],
      age_groups: ['senioren'],
      location: { name: 'Stadtteilhaus Deichhaus', street: 'Deichstraße 5', postal_code: '53721', city: 'Siegburg', lat: 50.7901, lon: 7.2153, wheelchair: 'yes', transit_stop: 'Bus 501, Haltestelle Deichhaus' },
      schedules: [{ freq: 'weekly', byday: ['TU', 'TH'], opens_at: '15:00', closes_at: '17:00', valid_from: '2026-01-01', note: 'außer in den Ferien' }],
      cost: { free: true },
      registration_required: false,
      languages: ['de', 'tr'],
      contact_person: 'Frau Beispiel',
      updated_at: '2026-11-10T12:00:00.000Z',
    });
    const skat = offerSchema.parse(getOfferById(db, 'hsds-skatrunde'));
    expect(skat).toMatchObject({ status: 'paused', schedules: [{ freq: 'monthly', byday: ['WE'], setpos: 2, opens_at: '19:00' }], cost: { free: false, note: '2 € Kostenbeitrag' } });
    const fahr = offerSchema.parse(getOfferById(db, 'hsds-fahrdienst'));
    expect(fahr).toMatchObject({ registration_required: true, schedules: [{ freq: 'by_arrangement', note: 'nach Vereinbarung' }] });
    expect(fahr.location).toBeUndefined();
    const tax = readTaxonomy(db);
    expect(tax.interests.map((i) => i.id).sort()).toEqual(['ausfluege', 'spielen', 'treffen']);
    expect(tax.age_groups.map((a) => a.id)).toEqual(['senioren']);
  });

  it('removes services that disappeared, updates changed ones, and keeps the cache on 401', async () => {
    hsds = await startFakeHsds(undefined, { token: 'hsds-token' });
    dir = mkdtempSync(join(tmpdir(), 'gk-hsds-'));
    db = openDatabase({ file: join(dir, 'kiosk.sqlite') });
    expect((await sync()).ok).toBe(true);
    hsds.services.splice(
      hsds.services.findIndex((s) => s.id === 'hsds-fahrdienst'),
      1,
    );
    hsds.services[0] = { ...hsds.services[0], name: 'Erzählcafé (neu: mittwochs)' };
    const r = await sync();
    expect(r.ok).toBe(true);
    expect(r.summary.deleted).toBe(1);
    expect(getOfferById(db, 'hsds-fahrdienst')).toBeNull();
    expect(getOfferById(db, 'hsds-erzaehlcafe')?.title).toBe('Erzählcafé (neu: mittwochs)');

    const denied = await sync('wrong');
    expect(denied).toMatchObject({ ok: false, code: 'unauthorized' });
    expect(db.prepare('SELECT count(*) FROM offers').pluck().get()).toBe(2);
  });
});
