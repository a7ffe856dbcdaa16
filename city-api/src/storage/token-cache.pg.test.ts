/**
 * The kiosk-token cache (token-cache.ts, issue 19 load goal): a checked token is answered from memory for 10 s;
 * a token replaced or a kiosk moved to another town through this instance takes effect at once; a change made
 * elsewhere (another API instance, here straight in the database) after at most the TTL.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshDatabase, pgAvailable, type TestDatabase } from '../../../tests/support/pg-database';
import { buildCityApi } from '../server';
import { openPgStorage, type PgStorage } from './pg-storage';
import { tokenCache, TOKEN_CACHE_TTL_MS } from './token-cache';

const OLD = 'token-rathaus-old-0123456789';
const NEW = 'token-rathaus-new-0123456789';

describe('token cache', () => {
  let t = 0;
  const now = () => t;
  beforeEach(() => {
    t = 1_000;
  });

  it('answers from memory within the TTL, asks again after it', async () => {
    const c = tokenCache<string>({ now });
    let loads = 0;
    const load = async () => `kiosk-${++loads}`;
    expect(await c.lookup('h', load)).toBe('kiosk-1');
    t += TOKEN_CACHE_TTL_MS - 1;
    expect(await c.lookup('h', load)).toBe('kiosk-1');
    t += 1;
    expect(await c.lookup('h', load)).toBe('kiosk-2');
  });

  it('does not remember an unknown token', async () => {
    const c = tokenCache<string>({ now });
    let loads = 0;
    const unknown = async () => (loads++, null);
    expect(await c.lookup('h', unknown)).toBeNull();
    expect(await c.lookup('h', unknown)).toBeNull();
    expect(loads).toBe(2);
  });

  it('a lookup that read the row before a clear() does not bring the old answer back', async () => {
    const c = tokenCache<string>({ now });
    let release!: () => void;
    const slow = c.lookup('h', () => new Promise<string>((r) => (release = () => r('old kiosk'))));
    c.clear(); // the token was replaced while the lookup was in flight
    release();
    expect(await slow).toBe('old kiosk');
    expect(await c.lookup('h', async () => null)).toBeNull();
  });

  it('keeps at most max entries, the oldest go first', async () => {
    const c = tokenCache<string>({ now, max: 2 });
    for (const h of ['a', 'b', 'c']) await c.lookup(h, async () => h);
    const reloaded: string[] = [];
    for (const h of ['c', 'b', 'a']) await c.lookup(h, async () => (reloaded.push(h), h));
    expect(reloaded).toEqual(['a']);
  });

  it('ttlMs 0: every check asks', async () => {
    const c = tokenCache<string>({ now, ttlMs: 0 });
    let loads = 0;
    await c.lookup('h', async () => `k${++loads}`);
    await c.lookup('h', async () => `k${++loads}`);
    expect(loads).toBe(2);
  });
});

describe.skipIf(!pgAvailable)('kiosk token cache on PostgreSQL', () => {
  let tdb: TestDatabase;
  let storage: PgStorage;
  let t = 0;
  beforeEach(async () => {
    t = 1_000;
    tdb = await freshDatabase();
    storage = await openPgStorage({ url: tdb.url, tokenCache: { now: () => t } });
    await storage.registerKiosk('rathaus', OLD);
  });
  afterEach(async () => {
    await storage.close();
    await tdb.drop();
  });

  it('a token changed elsewhere (another instance) is refused after the TTL, not before', async () => {
    expect(await storage.kioskForToken(OLD)).toEqual({ id: 'rathaus', town: null });
    await storage.pool.query(`UPDATE kiosks SET token_sha256 = 'x' WHERE id = 'rathaus'`);
    // answered from memory: no round trip
    expect(await storage.kioskForToken(OLD)).toEqual({ id: 'rathaus', town: null });
    t += TOKEN_CACHE_TTL_MS;
    expect(await storage.kioskForToken(OLD)).toBeNull();
  });

  it('a token replaced through this instance: the old one is refused at once, over HTTP too', async () => {
    const app = buildCityApi({ storage, kioskApiOnly: true }).app;
    try {
      const config = (token: string) => app.inject({ url: '/v1/kiosks/rathaus/config', headers: { authorization: `Bearer ${token}` } });
      expect((await config(OLD)).statusCode).toBe(200);
      await storage.registerKiosk('rathaus', NEW);
      expect((await config(OLD)).statusCode).toBe(401);
      expect((await config(NEW)).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('a kiosk moved to another town through this instance: the token check has the new town at once', async () => {
    expect(await storage.kioskForToken(OLD)).toEqual({ id: 'rathaus', town: null });
    await storage.setKioskTown('rathaus', 'lohmar');
    expect(await storage.kioskForToken(OLD)).toEqual({ id: 'rathaus', town: 'lohmar' });
  });
});
