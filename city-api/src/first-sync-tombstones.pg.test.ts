/**
 * A kiosk's first sync sends no tombstones of what did not change since it began (issue 19: a town kiosk's first
 * sync on a district server carried ~19,000 ids of other towns' offers), while everything a kiosk can hold still
 * gets its tombstone: offers hidden or moved to another town between two pages of the first sync, every change
 * after it, and all of the old scope after a scope change. Both backends.
 */
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateSyntheticOffers } from '../../shared/sample-data';
import { STORAGE_BACKENDS } from '../../tests/support/storage-backends';
import { buildCityApi } from './server';
import type { KioskStorage } from './storage/kiosk-storage';

const TOKEN = 'token-lohmar-0123456789';
type Page = { items: { id: string }[]; deleted: string[]; next_cursor: string; has_more: boolean };

describe.each(STORAGE_BACKENDS)('first sync without needless tombstones on $name', (backend) => {
  let storage: KioskStorage;
  let app: FastifyInstance;
  let cleanup: () => Promise<void>;
  const offers = generateSyntheticOffers(40, 7);
  // 0-14 lohmar, 15-34 siegburg, 35-39 without town (everyone's); 5 of siegburg's and 2 of lohmar's hidden
  const lohmar = offers.slice(0, 15).map((o) => o.id);
  const siegburg = offers.slice(15, 35).map((o) => o.id);
  const page = async (since: string | null, towns?: string): Promise<Page> => {
    const qs = new URLSearchParams({ limit: '6', ...(since !== null ? { since } : {}), ...(towns ? { towns } : {}) });
    const r = await app.inject({ url: `/v1/offers?${qs}`, headers: { authorization: `Bearer ${TOKEN}` } });
    expect(r.statusCode).toBe(200);
    return r.json() as Page;
  };

  beforeEach(async () => {
    ({ storage, cleanup } = await backend.open());
    await storage.putOffers(offers);
    await storage.setOfferTowns([...lohmar.map((id) => ({ id, town: 'lohmar' })), ...siegburg.map((id) => ({ id, town: 'siegburg' }))]);
    for (const id of [...siegburg.slice(0, 5), ...lohmar.slice(13)]) await storage.setOfferState(id, 'hidden');
    await storage.registerKiosk('lohmar-1', TOKEN);
    await storage.setKioskTown('lohmar-1', 'lohmar');
    app = buildCityApi({ storage, kioskApiOnly: true }).app;
  });
  afterEach(async () => {
    await app.close();
    await cleanup();
  });

  it('a first sync sends its town and the townless offers, no tombstones; later changes have theirs', async () => {
    const held = new Set<string>();
    const deleted: string[] = [];
    let cursor: string | null = null;
    for (;;) {
      const p = await page(cursor);
      p.items.forEach((o) => held.add(o.id));
      deleted.push(...p.deleted);
      cursor = p.next_cursor;
      if (!p.has_more) break;
    }
    expect(deleted).toEqual([]);
    expect([...held].sort()).toEqual([...lohmar.slice(0, 13), ...offers.slice(35).map((o) => o.id)].sort());
    // the finished first sync's cursor is an ordinary one: a hidden offer is a tombstone again
    expect(cursor).not.toMatch(/\.f\d+$/);
    await storage.setOfferState(lohmar[0]!, 'hidden');
    expect((await page(cursor)).deleted).toEqual([lohmar[0]]);
  });

  it('what changes between two pages of the first sync still reaches the kiosk as a tombstone', async () => {
    const p1 = await page(null);
    expect(p1.has_more).toBe(true);
    const [gotHidden, gotMoved] = p1.items.map((o) => o.id);
    await storage.setOfferState(gotHidden!, 'hidden');
    await storage.setOfferTowns([{ id: gotMoved!, town: 'siegburg' }]);
    const deleted: string[] = [];
    for (let cursor = p1.next_cursor; ; ) {
      const p = await page(cursor);
      deleted.push(...p.deleted);
      cursor = p.next_cursor;
      if (!p.has_more) break;
    }
    expect(deleted.sort()).toEqual([gotHidden, gotMoved].sort());
  });

  it('a scope change starts over with the tombstones of the old scope (the kiosk holds those offers)', async () => {
    let cursor: string | null = null;
    for (;;) {
      const p = await page(cursor, 'siegburg');
      cursor = p.next_cursor;
      if (!p.has_more) break;
    }
    // now without siegburg: the kiosk must drop siegburg's offers
    const deleted: string[] = [];
    for (;;) {
      const p = await page(cursor);
      deleted.push(...p.deleted);
      cursor = p.next_cursor;
      if (!p.has_more) break;
    }
    expect(deleted).toEqual(expect.arrayContaining(siegburg.slice(5)));
  });

  it('refuses a first-sync cursor from a newer database', async () => {
    const p1 = await page(null);
    const forged = p1.next_cursor.replace(/\.f\d+$/, '.f999999');
    const r = await app.inject({ url: `/v1/offers?limit=6&since=${forged}`, headers: { authorization: `Bearer ${TOKEN}` } });
    expect(r.statusCode).toBe(400);
  });
});
