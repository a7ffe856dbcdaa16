/**
 * A kiosk near a town border (city API issue 19): with `cityApi.towns` in kiosk.json its client asks the district
 * server for those towns too (`towns=`), for offers and for the taxonomy's districts. Against the reference city API
 * on 127.0.0.1 (SQLite): the kiosk is registered with town siegburg; Lohmar's offers arrive only when asked for.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { offersPageSchema, type Offer } from '../../../shared/schemas/offer';
import { kioskConfigSchema } from '../../../shared/schemas/kiosk-config';
import { taxonomySchema } from '../../../shared/schemas/taxonomy';
import { SIEGBURG_TAXONOMY } from '../../../shared/sample-data';
import { parseSeedSpec, seedStorage } from '../../../city-api/src/seed';
import { startCityApi, type RunningCityApi } from '../../../city-api/src/server';
import { FakeClock } from '../../../tests/fakes/fake-clock';
import { createFetchCityApiClient } from './city-api-client';

const TOKEN = 'token-rathaus-siegburg-0123';

describe('city API client: neighbouring towns', () => {
  let api: RunningCityApi;
  let ids: { siegburg: string[]; lohmar: string[]; none: string[] };
  beforeEach(async () => {
    api = await startCityApi({ kioskApiOnly: true });
    await seedStorage(api.storage, parseSeedSpec('synthetic:12'));
    await api.storage.setTaxonomy({
      ...SIEGBURG_TAXONOMY,
      districts: [
        { id: 'siegburg-kaldauen', label: { de: 'Kaldauen' }, town: 'siegburg' },
        { id: 'lohmar-wahlscheid', label: { de: 'Wahlscheid' }, town: 'lohmar' },
      ],
    });
    const all = [...(await api.storage.publishedOffers()).keys()].sort();
    ids = { siegburg: all.slice(0, 4), lohmar: all.slice(4, 8), none: all.slice(8) };
    await api.storage.setOfferTowns([...ids.siegburg.map((id) => ({ id, town: 'siegburg' })), ...ids.lohmar.map((id) => ({ id, town: 'lohmar' }))]);
    await api.storage.registerKiosk('rathaus', TOKEN);
    await api.storage.setKioskTown('rathaus', 'siegburg');
  });
  afterEach(async () => api.close());

  const client = (towns?: string[]) => createFetchCityApiClient({ baseUrl: api.url, token: TOKEN, version: 'test', clock: new FakeClock(), towns });
  const offerIds = async (c: ReturnType<typeof client>) => {
    const page = offersPageSchema.parse(await c.getOffersPage(null, 500));
    return page.items.map((o) => (o as Offer).id).sort();
  };
  const districtIds = async (c: ReturnType<typeof client>) => {
    const r = await c.getTaxonomy(null);
    return r.notModified ? [] : taxonomySchema.parse(r.body).districts.map((d) => d.id);
  };

  it('gets its own town without towns, and the neighbouring town too with towns', async () => {
    expect(await offerIds(client())).toEqual([...ids.siegburg, ...ids.none].sort());
    expect(await districtIds(client())).toEqual(['siegburg-kaldauen']);
    expect(await offerIds(client(['lohmar']))).toEqual([...ids.siegburg, ...ids.lohmar, ...ids.none].sort());
    expect(await districtIds(client(['lohmar']))).toEqual(['siegburg-kaldauen', 'lohmar-wahlscheid']);
  });

  it('kiosk.json takes cityApi.towns as town ids only', () => {
    const base = { kioskId: 'rathaus', cityApi: { baseUrl: 'http://127.0.0.1:4880', token: 't' } };
    expect(kioskConfigSchema.parse({ ...base, cityApi: { ...base.cityApi, towns: ['lohmar', 'sankt-augustin'] } }).cityApi?.towns).toEqual(['lohmar', 'sankt-augustin']);
    expect(kioskConfigSchema.safeParse({ ...base, cityApi: { ...base.cityApi, towns: ['Lohmar'] } }).success).toBe(false);
  });
});
