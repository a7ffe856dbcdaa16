/**
 * Heartbeats in group commits (heartbeat-batch.ts, issue 19 load goal): the batching itself, and on both backends
 * through POST /v1/kiosks/<id>/heartbeat: what each heartbeat carries is in the database when its answer arrives,
 * commands are delivered to their kiosk and acknowledged ones are done, as with one transaction per heartbeat.
 */
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HeartbeatBody } from '../../../shared/schemas/city-api';
import { STORAGE_BACKENDS } from '../../../tests/support/storage-backends';
import { buildCityApi } from '../server';
import { groupCommit, heartbeatWriter, type Settled } from './heartbeat-batch';
import type { KioskStorage } from './kiosk-storage';

describe('groupCommit', () => {
  it('writes what arrives in one turn as one batch, what arrives during a write as the next one', async () => {
    const batches: number[][] = [];
    let release: () => void = () => undefined;
    const add = groupCommit<number, number>(async (items) => {
      batches.push(items);
      if (batches.length === 1) await new Promise<void>((r) => (release = r));
      return items.map((i) => ({ ok: true, value: i * 10 }));
    });
    const first = Array.from({ length: 50 }, (_, i) => add(i));
    await new Promise((r) => setImmediate(r));
    expect(batches).toHaveLength(1);
    const during = [add(100), add(101)];
    release();
    expect(await Promise.all(first)).toEqual(Array.from({ length: 50 }, (_, i) => i * 10));
    expect(await Promise.all(during)).toEqual([1000, 1010]);
    expect(batches.map((b) => b.length)).toEqual([50, 2]);
    // idle again: a lone item is written at once, in a batch of its own
    expect(await add(7)).toBe(70);
    expect(batches).toHaveLength(3);
  });

  it('fails only the item that failed; a failed batch fails each of its items and the next batch runs', async () => {
    let broken = false;
    const add = groupCommit<number, number>((items): Settled<number>[] => {
      if (broken) throw new Error('database gone');
      return items.map((i) => (i === 2 ? { ok: false, error: new Error('bad item') } : { ok: true, value: i }));
    });
    const r = await Promise.allSettled([add(1), add(2), add(3)]);
    expect(r.map((x) => x.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    broken = true;
    const down = await Promise.allSettled([add(4), add(5)]);
    expect(down.map((x) => x.status)).toEqual(['rejected', 'rejected']);
    broken = false;
    expect(await add(6)).toBe(6);
  });
});

const hb = (n: number, extra: Partial<HeartbeatBody> = {}): HeartbeatBody => ({
  version: '0.1.0',
  uptime_s: n,
  last_sync_at: null,
  offers_count: 10,
  outbox_pending: n,
  printer: { state: 'ok' },
  disk_free_mb: 100,
  errors_since_last: [{ at: '2026-12-03T09:00:00Z', code: 'db_damaged', message: `kiosk ${n}: database damaged, restored from backup` }],
  ...extra,
});

describe.each(STORAGE_BACKENDS)('heartbeats in group commits on $name', (backend) => {
  let storage: KioskStorage;
  let app: FastifyInstance;
  let cleanup: () => Promise<void>;
  const KIOSKS = 30;
  const token = (i: number) => `token-k${i}-0123456789abc`;
  const beat = (i: number, body: HeartbeatBody) =>
    app.inject({ method: 'POST', url: `/v1/kiosks/k${i}/heartbeat`, headers: { authorization: `Bearer ${token(i)}` }, payload: body });

  beforeEach(async () => {
    ({ storage, cleanup } = await backend.open());
    for (let i = 0; i < KIOSKS; i++) await storage.registerKiosk(`k${i}`, token(i));
    app = buildCityApi({ storage, kioskApiOnly: true }).app;
  });
  afterEach(async () => {
    await app.close();
    await cleanup();
  });

  it('each heartbeat of a concurrent burst is stored when it is answered; commands reach their kiosk only; acks are done', async () => {
    const forK1 = await storage.queueCommand('k1', 'sync_now');
    const forK2 = await storage.queueCommand('k2', 'reload');
    // k2 learns of its command, then acknowledges it in the burst
    expect((await beat(2, hb(2))).json()).toEqual({ commands: [{ id: forK2, type: 'reload' }] });
    const answers = await Promise.all(Array.from({ length: KIOSKS }, (_, i) => beat(i, hb(i, i === 2 ? { acked: [forK2] } : {}))));
    for (const [i, r] of answers.entries()) {
      expect(r.statusCode).toBe(200);
      expect(r.json()).toEqual({ commands: i === 1 ? [{ id: forK1, type: 'sync_now' }] : [] });
      // read straight after the answer: nothing of it is only in memory
      expect(await storage.lastHeartbeat(`k${i}`)).toEqual(hb(i, i === 2 ? { acked: [forK2] } : {}));
    }
    expect(await storage.commandState(forK2)).toBe('done');
    expect(await storage.commandState(forK1)).toBe('sent');
    // still unacknowledged: delivered again (at least once)
    expect((await beat(1, hb(1))).json()).toEqual({ commands: [{ id: forK1, type: 'sync_now' }] });
  });

  it('of two heartbeats of one kiosk in a batch the later one is stored', async () => {
    // (concurrent requests reach the writer in any order — their token checks run in parallel — so in order here)
    const write = heartbeatWriter(storage);
    await Promise.all([write('k5', hb(1)), write('k5', hb(2)), write('k5', hb(3))]);
    expect((await storage.lastHeartbeat('k5'))?.outbox_pending).toBe(3);
  });

  it('writes a burst in batches, not through recordHeartbeat one by one', async () => {
    const spy = vi.spyOn(storage, 'recordHeartbeat');
    const write = heartbeatWriter(storage);
    const out = await Promise.all(Array.from({ length: KIOSKS }, (_, i) => write(`k${i}`, hb(i))));
    expect(out).toHaveLength(KIOSKS);
    expect(spy).not.toHaveBeenCalled();
    expect((await storage.lastHeartbeat('k29'))?.uptime_s).toBe(29);
  });
});
