/**
 * Fault test (issue 19): PostgreSQL is restarted while kiosks send wishes and sync. Meanwhile the API answers 503
 * with Retry-After (never 500, never a 2xx it cannot keep); afterwards it answers again without a restart of its own;
 * every wish it acknowledged is stored, and the ones refused with 503 arrive when the kiosk retries with the same key.
 * Runs on a cluster of its own (it stops and starts the server), not the shared one of the postgres project.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPgBin, startThrowawayPostgres, type ThrowawayPostgres } from '../../../tests/support/throwaway-postgres';
import { parseSeedSpec, seedStorage } from '../seed';
import { buildCityApi } from '../server';
import { openPgStorage, type PgStorage } from './pg-storage';

const TOKEN = 'token-rathaus-0123456789';
const auth = { authorization: `Bearer ${TOKEN}` };
const wish = (n: number) => ({
  text: `Wunsch Nummer ${n}: ein Spieletreff am Abend`,
  language: 'de',
  created_at: '2026-11-25T09:58:00Z',
  kiosk_id: 'rathaus',
  contact_consent: false,
});

describe.skipIf(!findPgBin())('PostgreSQL restarted under load', () => {
  let cluster: ThrowawayPostgres;
  let storage: PgStorage;
  let app: FastifyInstance;
  const poolErrors: string[] = [];
  beforeAll(async () => {
    cluster = await startThrowawayPostgres();
    storage = await openPgStorage({ url: cluster.url, max: 4, onPoolError: (e) => poolErrors.push(e.message) });
    await seedStorage(storage, parseSeedSpec('sample'));
    await storage.registerKiosk('rathaus', TOKEN);
    app = buildCityApi({ storage, kioskApiOnly: true }).app;
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await storage?.close();
    cluster?.drop();
  });

  it('answers 503 + Retry-After while the database is down, recovers by itself, loses no acknowledged wish', async () => {
    const acked = new Map<string, string>(); // Idempotency-Key → wish id the API answered with
    const refused = new Set<string>(); // keys answered 503: the kiosk's outbox keeps them and retries
    const other: number[] = [];
    let n = 0;
    const send = async (key: string, i: number) => {
      const r = await app.inject({ method: 'POST', url: '/v1/wishes', headers: { ...auth, 'idempotency-key': key }, payload: wish(i) });
      if (r.statusCode === 201 || r.statusCode === 200) {
        acked.set(key, r.json<{ id: string }>().id);
        refused.delete(key);
      } else if (r.statusCode === 503) {
        expect(r.headers['retry-after']).toBe('5');
        refused.add(key);
      } else other.push(r.statusCode);
      return r.statusCode;
    };
    let stop = false;
    // a kiosk sending wishes one after another, through the whole restart
    const sender = (async () => {
      while (!stop) {
        n++;
        await send(`restart-wish-${String(n).padStart(4, '0')}`, n);
      }
    })();

    const until = async (cond: () => boolean) => {
      for (let i = 0; i < 100_000 && !cond(); i++) await new Promise((r) => setImmediate(r));
      expect(cond()).toBe(true);
    };
    await until(() => acked.size >= 20);

    cluster.stopServer('fast'); // connections are terminated under the sender's feet
    const sync = await app.inject({ url: '/v1/offers?limit=50', headers: auth });
    expect([sync.statusCode, sync.headers['retry-after']]).toEqual([503, '5']);
    const ready = await app.inject('/ready');
    expect([ready.statusCode, ready.headers['retry-after']]).toEqual([503, '5']);
    expect((await app.inject('/health')).statusCode).toBe(200);
    const refusedBefore = refused.size;
    await until(() => refused.size >= refusedBefore + 5); // the sender keeps getting 503, not 500

    cluster.startServer();
    const ackedAtRestart = acked.size;
    await until(() => acked.size >= ackedAtRestart + 20); // recovered without restarting the API
    stop = true;
    await sender;
    expect((await app.inject({ url: '/v1/offers?limit=50', headers: auth })).statusCode).toBe(200);
    expect((await app.inject('/ready')).statusCode).toBe(200);

    // the outbox retries what was refused, with the same keys
    for (const key of [...refused]) expect([200, 201]).toContain(await send(key, Number(key.slice(-4))));
    expect(other).toEqual([]);
    expect(refused.size).toBe(0);
    const stored = new Map((await storage.listWishes(100_000)).map((w) => [w.id, w.body.text]));
    expect(stored.size).toBe(acked.size);
    for (const [key, id] of acked) expect(stored.get(id)).toBe(wish(Number(key.slice(-4))).text);
  }, 120_000);
});
