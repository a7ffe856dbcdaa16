/**
 * GET /v1/offers with the newest cursor (issue 19 load goal: most incremental syncs find nothing new) is answered
 * from the feed head without reading offer rows, with the same body as before; any change behind the cursor is
 * still delivered. Both backends, with and without towns.
 */
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Offer } from '../../shared/schemas/offer';
import { STORAGE_BACKENDS } from '../../tests/support/storage-backends';
import { parseSeedSpec, seedStorage } from './seed';
import { buildCityApi } from './server';
import type { KioskStorage } from './storage/kiosk-storage';

const TOKEN = 'token-rathaus-0123456789';

describe.each(STORAGE_BACKENDS)('incremental sync at the feed head on $name', (backend) => {
  let storage: KioskStorage;
  let app: FastifyInstance;
  let cleanup: () => Promise<void>;
  const sync = (since: string, towns?: string) =>
    app.inject({ url: `/v1/offers?since=${since}&limit=500${towns ? `&towns=${towns}` : ''}`, headers: { authorization: `Bearer ${TOKEN}` } });
  const fullSync = async (towns?: string) => {
    let cursor = '';
    for (;;) {
      const page = (await sync(cursor, towns)).json() as { next_cursor: string; has_more: boolean };
      cursor = page.next_cursor;
      if (!page.has_more) return cursor;
    }
  };

  beforeEach(async () => {
    ({ storage, cleanup } = await backend.open());
    await seedStorage(storage, parseSeedSpec('sample'));
    await storage.registerKiosk('rathaus', TOKEN);
    app = buildCityApi({ storage, kioskApiOnly: true }).app;
  });
  afterEach(async () => {
    await app.close();
    await cleanup();
  });

  for (const towns of [undefined, 'siegburg']) {
    it(`nothing new: no offer rows read, an empty page with the same cursor${towns ? ' (towns)' : ''}; then a change arrives`, async () => {
      const head = await fullSync(towns);
      const whole = vi.spyOn(storage, 'offersPage');
      const scoped = vi.spyOn(storage, 'offersPageForTowns');
      const r = await sync(head, towns);
      expect(r.statusCode).toBe(200);
      expect(r.json()).toEqual({ items: [], deleted: [], next_cursor: head, has_more: false });
      expect(whole).not.toHaveBeenCalled();
      expect(scoped).not.toHaveBeenCalled();

      const id = [...(await storage.publishedOffers()).keys()][0]!;
      const offer = (await storage.getStoredOffer(id))!.offer as Offer;
      await storage.putOffers([{ ...offer, title: 'Neu im Feed' }]);
      const next = (await sync(head, towns)).json() as { items: Offer[]; next_cursor: string };
      expect(next.items.map((o) => o.title)).toEqual(['Neu im Feed']);
      expect(next.next_cursor).not.toBe(head);
      expect(whole.mock.calls.length + scoped.mock.calls.length).toBe(1);
    });
  }

  it('reads the kiosk once per request: the token check brings its town (no second kiosk read for sync or taxonomy)', async () => {
    await storage.setKioskTown('rathaus', 'siegburg');
    const head = await fullSync();
    const tokenReads = vi.spyOn(storage, 'kioskForToken');
    const townReads = vi.spyOn(storage, 'kioskTown');
    const r = await sync(head);
    expect(r.statusCode).toBe(200);
    // the town came with the token: the cursor of the town scope stays the same (an unscoped read would start over)
    expect(r.json()).toEqual({ items: [], deleted: [], next_cursor: head, has_more: false });
    expect((await app.inject({ url: '/v1/taxonomy', headers: { authorization: `Bearer ${TOKEN}` } })).statusCode).toBe(200);
    expect(tokenReads).toHaveBeenCalledTimes(2);
    expect(townReads).not.toHaveBeenCalled();
  });

  it('a cursor of another scope at the head number still starts over (the offers of the new scope arrive)', async () => {
    const head = await fullSync();
    const r = (await sync(head, 'siegburg')).json() as { items: unknown[]; next_cursor: string };
    expect(r.items.length).toBeGreaterThan(0);
    expect(r.next_cursor).not.toBe(head);
  });
});
