/**
 * Fault test (issue 19): PostgreSQL is restarted while kiosks send wishes, heartbeats and syncs at the same time
 * (three wish senders, a heartbeat loop whose group commits are cut mid-transaction, a sync loop; more requests in
 * flight than pool connections). Meanwhile the API answers 503 with Retry-After (never 500, never a 2xx it cannot
 * keep); afterwards every kind answers again without a restart of the API; every wish it acknowledged is stored,
 * and the ones refused with 503 arrive when the kiosk retries with the same key.
 * Runs on a cluster of its own (it stops and starts the server), not the shared one of the postgres project.
 */
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
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
    // three senders of wishes, each one after another, through the whole restart (keys numbered across senders)
    const senders = [0, 1, 2].map(async () => {
      while (!stop) {
        const i = ++n;
        await send(`restart-wish-${String(i).padStart(4, '0')}`, i);
      }
    });
    // heartbeats and syncs of the same kiosk meanwhile: each answer 200, or 503 with Retry-After, never anything else
    const seen = { heartbeat: new Map<number, number>(), sync: new Map<number, number>() };
    const badOther: string[] = [];
    const note = (kind: 'heartbeat' | 'sync', r: { statusCode: number; headers: Record<string, unknown> }) => {
      seen[kind].set(r.statusCode, (seen[kind].get(r.statusCode) ?? 0) + 1);
      if (r.statusCode === 503 && r.headers['retry-after'] !== '5') badOther.push(`${kind} 503 without Retry-After`);
      if (r.statusCode !== 200 && r.statusCode !== 503) badOther.push(`${kind} ${r.statusCode}`);
    };
    const hbBody = { version: '0.1.0', uptime_s: 1, last_sync_at: null, offers_count: 1, outbox_pending: 0, printer: { state: 'ok' }, disk_free_mb: 1, errors_since_last: [] };
    const others = [
      (async () => {
        while (!stop) note('heartbeat', await app.inject({ method: 'POST', url: '/v1/kiosks/rathaus/heartbeat', headers: auth, payload: hbBody }));
      })(),
      (async () => {
        while (!stop) note('sync', await app.inject({ url: '/v1/offers?since=v1.1&limit=50', headers: auth }));
      })(),
    ];

    const until = async (cond: () => boolean) => {
      for (let i = 0; i < 100_000 && !cond(); i++) await new Promise((r) => setImmediate(r));
      expect(cond()).toBe(true);
    };
    await until(() => acked.size >= 20 && (seen.heartbeat.get(200) ?? 0) >= 5 && (seen.sync.get(200) ?? 0) >= 5);

    // a heartbeat group commit cut inside its transaction: another session holds the kiosk row, so the batch's
    // UPDATE waits (BEGIN sent, not committed) when the server goes down
    const locker = new pg.Client({ connectionString: cluster.url });
    locker.on('error', () => undefined); // terminated by the stop below
    await locker.connect();
    await locker.query('BEGIN');
    await locker.query(`SELECT 1 FROM kiosks WHERE id = 'rathaus' FOR UPDATE`);
    const cut = app.inject({ method: 'POST', url: '/v1/kiosks/rathaus/heartbeat', headers: auth, payload: { ...hbBody, uptime_s: 99 } });
    // pg_stat_activity is read once per transaction unless the snapshot is cleared
    const waiting = async () => {
      await locker.query('SELECT pg_stat_clear_snapshot()');
      return (await locker.query(`SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%UPDATE kiosks SET last_heartbeat_at%' AND pid <> pg_backend_pid()`)).rowCount;
    };
    for (let i = 0; i < 10_000 && !(await waiting()); i++);
    expect(await waiting()).toBeGreaterThan(0);

    cluster.stopServer('fast'); // connections are terminated under the senders' feet
    const cutAnswer = await cut;
    expect([cutAnswer.statusCode, cutAnswer.headers['retry-after']]).toEqual([503, '5']);
    await locker.end().catch(() => undefined);
    const sync = await app.inject({ url: '/v1/offers?limit=50', headers: auth });
    expect([sync.statusCode, sync.headers['retry-after']]).toEqual([503, '5']);
    const ready = await app.inject('/ready');
    expect([ready.statusCode, ready.headers['retry-after']]).toEqual([503, '5']);
    expect((await app.inject('/health')).statusCode).toBe(200);
    const refusedBefore = refused.size;
    await until(() => refused.size >= refusedBefore + 5); // the sender keeps getting 503, not 500

    await until(() => (seen.heartbeat.get(503) ?? 0) >= 1 && (seen.sync.get(503) ?? 0) >= 1);

    cluster.startServer();
    const ackedAtRestart = acked.size;
    const okAtRestart = { heartbeat: seen.heartbeat.get(200) ?? 0, sync: seen.sync.get(200) ?? 0 };
    // recovered without restarting the API: wishes, heartbeats and syncs are answered 200/201 again
    await until(
      () => acked.size >= ackedAtRestart + 20 && (seen.heartbeat.get(200) ?? 0) >= okAtRestart.heartbeat + 5 && (seen.sync.get(200) ?? 0) >= okAtRestart.sync + 5,
    );
    stop = true;
    await Promise.all([...senders, ...others]);
    expect(badOther).toEqual([]);
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
