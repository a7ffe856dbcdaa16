/**
 * Several towns in one district server (issue 19) on SQLite and PostgreSQL: a kiosk of town X syncs X's offers and
 * the offers without town, plus the towns it asks for (`towns=a,b`); a kiosk without town gets the whole district.
 * The kiosk here is a model of the real one (items upserted, tombstones deleted, cursor kept), so the assertions
 * are about what a kiosk ends up holding after incremental syncs, not about single pages.
 */
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { offersPageSchema, type Offer } from '../../../shared/schemas/offer';
import { taxonomySchema } from '../../../shared/schemas/taxonomy';
import { SIEGBURG_TAXONOMY } from '../../../shared/sample-data';
import { freshDatabase, pgAvailable, withPgClient, type TestDatabase } from '../../../tests/support/pg-database';
import { openCityDb } from '../city-db';
import { parseSeedSpec, seedStorage } from '../seed';
import { buildCityApi } from '../server';
import type { KioskStorage } from './kiosk-storage';
import { PG_MIGRATIONS, migratePg } from './pg-migrations';
import { openPgStorage } from './pg-storage';
import { STORAGE_BACKENDS } from '../../../tests/support/storage-backends';

const T_SIEG = 'token-siegburg-0123456789';
const T_ALL = 'token-kreis-0123456789ab';

const BACKENDS = STORAGE_BACKENDS;

/** What a kiosk holds: offers by id, and its cursor. */
interface KioskModel {
  cursor?: string;
  held: Map<string, unknown>;
  /** tombstones received in the last sync */
  tombstones: number;
}
const kiosk = (): KioskModel => ({ held: new Map(), tombstones: 0 });

describe.each(BACKENDS)('towns on $name', (backend) => {
  let storage: KioskStorage;
  let cleanup: () => Promise<void>;
  let app: FastifyInstance;
  /** offer ids by town ('' = without town) */
  let ids: Record<'siegburg' | 'lohmar' | '', string[]>;

  beforeEach(async () => {
    ({ storage, cleanup } = await backend.open());
    await seedStorage(storage, parseSeedSpec('synthetic:30'), new Date('2026-11-25T10:00:00Z'));
    const all = [...(await storage.publishedOffers()).keys()].sort();
    ids = { siegburg: all.slice(0, 10), lohmar: all.slice(10, 20), '': all.slice(20) };
    expect(
      await storage.setOfferTowns([...ids.siegburg.map((id) => ({ id, town: 'siegburg' })), ...ids.lohmar.map((id) => ({ id, town: 'lohmar' }))]),
    ).toBe(20);
    await storage.registerKiosk('rathaus-siegburg', T_SIEG);
    await storage.setKioskTown('rathaus-siegburg', 'siegburg');
    await storage.registerKiosk('kreishaus', T_ALL);
    app = buildCityApi({ storage, kioskApiOnly: true }).app;
  });
  afterEach(async () => {
    await app.close();
    await cleanup();
  });

  /** Syncs like the kiosk: pages of 7 until has_more is false; returns the pages' cursors. */
  async function sync(token: string, k: KioskModel, towns?: string): Promise<string[]> {
    const cursors: string[] = [];
    k.tombstones = 0;
    for (;;) {
      const qs = new URLSearchParams({ limit: '7' });
      if (k.cursor) qs.set('since', k.cursor);
      if (towns !== undefined) qs.set('towns', towns);
      const r = await app.inject({ url: `/v1/offers?${qs}`, headers: { authorization: `Bearer ${token}` } });
      expect(r.statusCode, r.body).toBe(200);
      const page = offersPageSchema.parse(r.json());
      for (const item of page.items) k.held.set((item as Offer).id, item);
      for (const id of page.deleted) k.held.delete(id);
      k.tombstones += page.deleted.length;
      k.cursor = page.next_cursor;
      cursors.push(page.next_cursor);
      if (!page.has_more) return cursors;
    }
  }
  /** Published offers of these towns and those without town, as stored. */
  async function expected(towns: string[] | null): Promise<string[]> {
    const published = await storage.publishedOffers();
    const townOf = await storage.offerTowns();
    return [...published.keys()].filter((id) => !towns || !townOf.has(id) || towns.includes(townOf.get(id)!)).sort();
  }
  const heldIds = (k: KioskModel) => [...k.held.keys()].sort();

  it('serves a town kiosk its town and the offers without town, the neighbours it asks for, and a kiosk without town everything', async () => {
    const sieg = kiosk();
    await sync(T_SIEG, sieg);
    expect(heldIds(sieg)).toEqual([...ids.siegburg, ...ids['']].sort());
    expect(sieg.cursor).toMatch(/^v1\.\d+\.[0-9a-f]{8}$/);

    const border = kiosk();
    await sync(T_SIEG, border, 'lohmar');
    expect(heldIds(border)).toEqual([...ids.siegburg, ...ids.lohmar, ...ids['']].sort());

    const all = kiosk();
    await sync(T_ALL, all);
    expect(heldIds(all)).toHaveLength(30);
    expect(all.cursor).toMatch(/^v1\.\d+$/); // the whole district: the cursor as before towns
    const lohmarOnly = kiosk();
    await sync(T_ALL, lohmarOnly, 'lohmar,lohmar');
    expect(heldIds(lohmarOnly)).toEqual([...ids.lohmar, ...ids['']].sort());
    // every kiosk's feed is the same sequence of positions
    expect(Number(sieg.cursor!.split('.')[1])).toBe(Number(all.cursor!.split('.')[1]));
  });

  it('keeps every kiosk right through moves between towns, new and removed towns, hidden and edited offers', async () => {
    const sieg = kiosk();
    const border = kiosk();
    const all = kiosk();
    await sync(T_SIEG, sieg);
    await sync(T_SIEG, border, 'lohmar');
    await sync(T_ALL, all);

    const [s0, s1, s2] = ids.siegburg;
    const [l0] = ids.lohmar;
    const [n0] = ids[''];
    expect(
      await storage.setOfferTowns([
        { id: s0!, town: 'lohmar' }, // moved away: the Siegburg kiosk must drop it
        { id: l0!, town: 'siegburg' }, // moved in
        { id: n0!, town: 'lohmar' }, // was everyone's, now Lohmar's
        { id: s1!, town: null }, // now everyone's
        { id: ids.siegburg[3]!, town: 'siegburg' }, // unchanged: no new change
        { id: 'no-such-offer', town: 'siegburg' },
      ]),
    ).toBe(4);
    await storage.setOfferState(s2!, 'hidden');
    // an edit keeps the offer's town
    const edited = { ...((await storage.getStoredOffer(ids.lohmar[1]!))!.offer as Offer), title: 'Neuer Titel in Lohmar' };
    await storage.putOffers([edited]);
    expect((await storage.offerTowns()).get(edited.id)).toBe('lohmar');

    await sync(T_SIEG, sieg);
    expect(heldIds(sieg)).toEqual(await expected(['siegburg']));
    expect(sieg.held.has(s0!)).toBe(false);
    expect(sieg.held.has(l0!)).toBe(true);
    expect(sieg.held.has(n0!)).toBe(false);
    expect(sieg.held.has(edited.id)).toBe(false);
    await sync(T_SIEG, border, 'lohmar');
    expect(heldIds(border)).toEqual(await expected(['lohmar', 'siegburg']));
    expect((border.held.get(edited.id) as Offer).title).toBe('Neuer Titel in Lohmar');
    await sync(T_ALL, all);
    expect(heldIds(all)).toEqual(await expected(null));
  });

  it('starts over when a kiosk asks for other towns or is moved to another town, so nothing of the new scope is missed', async () => {
    const k = kiosk();
    await sync(T_SIEG, k);
    // continuing the Siegburg cursor with Lohmar added: Lohmar's offers were all changed before that cursor
    await sync(T_SIEG, k, 'lohmar');
    expect(heldIds(k)).toEqual(await expected(['lohmar', 'siegburg']));
    // staff move the kiosk to Lohmar; the kiosk keeps asking without towns
    await storage.setKioskTown('rathaus-siegburg', 'lohmar');
    await sync(T_SIEG, k);
    expect(heldIds(k)).toEqual(await expected(['lohmar']));
    expect(k.tombstones).toBeGreaterThanOrEqual(10); // the Siegburg offers it held
    // and back to the whole district
    await storage.setKioskTown('rathaus-siegburg', null);
    await sync(T_SIEG, k);
    expect(heldIds(k)).toHaveLength(30);
  });

  it('sends each kiosk the districts of its towns and those without town, each scope with its own ETag', async () => {
    await storage.setTaxonomy({
      ...SIEGBURG_TAXONOMY,
      districts: [
        { id: 'siegburg-kaldauen', label: { de: 'Kaldauen' }, town: 'siegburg' },
        { id: 'lohmar-wahlscheid', label: { de: 'Wahlscheid' }, town: 'lohmar' },
        { id: 'kreisweit', label: { de: 'ganzer Kreis' } },
      ],
    });
    const get = (token: string, towns?: string, etag?: string) =>
      app.inject({
        url: `/v1/taxonomy${towns === undefined ? '' : `?towns=${towns}`}`,
        headers: { authorization: `Bearer ${token}`, ...(etag ? { 'if-none-match': etag } : {}) },
      });
    const districts = (r: { json: () => unknown }) => taxonomySchema.parse(r.json()).districts.map((d) => d.id);
    const sieg = await get(T_SIEG);
    expect(districts(sieg)).toEqual(['siegburg-kaldauen', 'kreisweit']);
    const border = await get(T_SIEG, 'lohmar');
    expect(districts(border)).toEqual(['siegburg-kaldauen', 'lohmar-wahlscheid', 'kreisweit']);
    const all = await get(T_ALL);
    expect(districts(all)).toHaveLength(3);
    expect(sieg.headers.etag).not.toBe(all.headers.etag);
    expect(border.headers.etag).toBe(all.headers.etag); // the same text (all three districts), the same ETag
    expect((await get(T_SIEG, undefined, String(sieg.headers.etag))).statusCode).toBe(304);
    expect((await get(T_SIEG, 'lohmar', String(sieg.headers.etag))).statusCode).toBe(200); // another scope, another text
    expect((await get(T_SIEG, 'Lohmar')).statusCode).toBe(400);
    // without district towns the taxonomy is served as stored, to every kiosk alike
    const plainEtag = await storage.setTaxonomy(SIEGBURG_TAXONOMY);
    expect((await get(T_SIEG)).headers.etag).toBe(plainEtag);
    expect((await get(T_ALL)).headers.etag).toBe(plainEtag);
  });

  it('refuses invalid town lists with 400', async () => {
    const get = (towns: string) => app.inject({ url: `/v1/offers?towns=${encodeURIComponent(towns)}`, headers: { authorization: `Bearer ${T_SIEG}` } });
    expect((await get('Siegburg')).statusCode).toBe(400);
    expect((await get('lohmar,')).statusCode).toBe(400);
    expect((await get('a;b')).statusCode).toBe(400);
    expect((await get(Array.from({ length: 21 }, (_, i) => `t${i}`).join(','))).statusCode).toBe(400);
    expect((await get('sankt-augustin,lohmar')).statusCode).toBe(200);
  });
});

describe('towns migrations keep what is stored', () => {
  it('SQLite 6 -> 7: offers and kiosks keep their rows, without town', () => {
    const db = openCityDb(':memory:');
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(7);
    const cols = (t: string) => (db.prepare(`PRAGMA table_info(${t})`).all() as { name: string }[]).map((c) => c.name);
    expect(cols('offers')).toContain('town');
    expect(cols('kiosks')).toContain('town');
    db.close();
  });

  describe.skipIf(!pgAvailable)('PostgreSQL', () => {
    let tdb: TestDatabase;
    beforeEach(async () => {
      tdb = await freshDatabase();
    });
    afterEach(async () => tdb.drop());

    it('3 -> 4: an offer and a kiosk stored before have no town afterwards and are served to everyone', async () => {
      await withPgClient(tdb.url, async (c) => {
        await migratePg(c, PG_MIGRATIONS.slice(0, 3));
        await c.query(`INSERT INTO offers (id, seq, state, data_json, changed_at) VALUES ('alt', 1, 'published', '{"id":"alt"}', now())`);
        await c.query(`UPDATE feed_head SET seq = 1`);
        await c.query(`INSERT INTO kiosks (id, token_sha256, created_at) VALUES ('k', 'h', now())`);
        expect((await migratePg(c)).to).toBe(PG_MIGRATIONS.length);
        expect((await c.query(`SELECT town FROM offers`)).rows).toEqual([{ town: null }]);
        expect((await c.query(`SELECT town FROM kiosks`)).rows).toEqual([{ town: null }]);
      });
      const storage = await openPgStorage({ url: tdb.url });
      try {
        const page = await storage.offersPageForTowns({ seq: 0 }, 10, ['siegburg']);
        expect(page.items).toEqual(['{"id":"alt"}']);
      } finally {
        await storage.close();
      }
    });
  });
});
