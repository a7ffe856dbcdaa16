import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { syncStatusSchema } from '../../../shared/contract/sync';
import { FakeClock } from '../../../tests/fakes/fake-clock';
import { kioskConfigSchema, type KioskConfig } from '../../../shared/schemas/kiosk-config';
import { createConfigStore } from '../config/config-store';
import { openDatabase } from '../db/open-database';
import type { ServiceDeps } from '../feature';
import { silentLog } from '../log';
import { CityApiError, type CityApiClient } from './city-api-client';
import { defaultSyncAdapters } from './sync-adapters';
import { createSyncFeature, type SyncFeature } from './sync-feature';
import { BACKOFF_CAP_MS, backoffDelayMs } from './sync-backoff';
import { startCityApi, type RunningCityApi } from '../../../city-api/src/server';
import { registerKiosk } from '../../../city-api/src/kiosk-store';
import { parseSeedSpec, seedCityDb } from '../../../city-api/src/seed';

const CTX = { transport: 'ipc' as const };
let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

function makeDeps(config: KioskConfig, clock = new FakeClock('2026-11-25T10:00:00Z')): ServiceDeps & { clock: FakeClock } {
  const dir = mkdtempSync(join(tmpdir(), 'gk-syncfeat-'));
  const db = openDatabase({ file: join(dir, 'kiosk.sqlite') });
  cleanup.push(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { db, config: createConfigStore(config), dataDir: dir, clock, log: silentLog, version: '0.1.0-test' };
}

const cfg = (cityApi: KioskConfig['cityApi']) => kioskConfigSchema.parse({ kioskId: 'rathaus', cityApi });

function failingClient(err: () => Error): CityApiClient {
  return {
    getTaxonomy: async () => {
      throw err();
    },
    getOffersPage: async () => {
      throw err();
    },
    getEvents: async () => '',
    getImage: async () => {
      throw err();
    },
  };
}

describe('backoff', () => {
  it('grows exponentially with jitter, honours Retry-After and is capped at 15 minutes', () => {
    expect(backoffDelayMs(1, 0)).toBe(15_000);
    expect(backoffDelayMs(1, 0.999)).toBeLessThan(30_000);
    expect(backoffDelayMs(2, 0)).toBe(30_000);
    expect(backoffDelayMs(3, 0.5)).toBe(90_000);
    expect(backoffDelayMs(30, 0.999)).toBeLessThanOrEqual(BACKOFF_CAP_MS);
    expect(backoffDelayMs(30, 0)).toBe(BACKOFF_CAP_MS / 2);
    expect(backoffDelayMs(1, 0, 120)).toBe(120_000);
    expect(backoffDelayMs(1, 0, 86_400)).toBe(BACKOFF_CAP_MS);
  });
});

describe('sync feature', () => {
  it('without a city API: sample-data mode, nothing to sync', async () => {
    const deps = makeDeps(cfg(null));
    const f = createSyncFeature(deps, defaultSyncAdapters(deps));
    f.start?.();
    cleanup.push(() => f.stop?.());
    const s = syncStatusSchema.parse(await f.handlers.getSyncStatus({}, CTX));
    expect(s).toMatchObject({ configured: false, kind: null, dataSource: 'sample', running: false, nextSyncAt: null, lastSuccessAt: null });
    expect(await f.syncNow()).toBeNull();
    expect((await f.handlers.syncNow({ token: 'a'.repeat(64) }, CTX)).started).toBe(false);
  });

  it('syncs on command from the reference server and reports status for the staff screen', async () => {
    const api: RunningCityApi = await startCityApi({});
    cleanup.push(() => api.close());
    seedCityDb(api.db, parseSeedSpec('sample+synthetic:60'), new Date('2026-11-25T10:00:00Z'));
    registerKiosk(api.db, 'rathaus', 'rathaus-token-0123456789');
    const deps = makeDeps(cfg({ kind: 'gemeinsam', baseUrl: api.url, token: 'rathaus-token-0123456789', syncIntervalS: 900 }));
    const f: SyncFeature = createSyncFeature(deps, { ...defaultSyncAdapters(deps), initialDelayMs: 3_600_000 });
    const synced: number[] = [];
    f.onSynced((r) => synced.push(r.ok ? 1 : 0));
    f.start?.();
    cleanup.push(() => f.stop?.());
    const started = await f.handlers.syncNow({ token: 'a'.repeat(64) }, CTX);
    expect(started.started).toBe(true);
    expect(started.status.running).toBe(true);
    const result = await f.syncNow(); // joins the running sync
    expect(result?.ok).toBe(true);
    expect(synced).toEqual([1]); // after-sync listeners (the search index warm-up) ran once
    const s = syncStatusSchema.parse(await f.handlers.getSyncStatus({}, CTX));
    expect(s).toMatchObject({ configured: true, kind: 'gemeinsam', dataSource: 'city', running: false, unauthorized: false, consecutiveFailures: 0 });
    expect(s.counts.offers).toBe(114);
    expect(s.counts.events).toBeGreaterThan(0);
    expect(s.lastSuccessAt).toBe('2026-11-25T10:00:00.000Z');
    expect(s.lastRun?.upserted).toBe(114);
    // next periodic sync after syncIntervalS
    expect(s.nextSyncAt).toBe('2026-11-25T10:15:00.000Z');
  });

  it('after failures schedules the next attempt with backoff and Retry-After; a removed city API stops syncing', async () => {
    let error: () => Error = () => new CityApiError('server', 'offers: 502', 502);
    let tries = 0;
    const waits: number[] = [];
    const deps = makeDeps(cfg({ kind: 'gemeinsam', baseUrl: 'http://127.0.0.1:5199', token: 't', syncIntervalS: 900 }));
    const f = createSyncFeature(deps, {
      ...defaultSyncAdapters(deps),
      cityClient: () =>
        failingClient(() => {
          tries++;
          return error();
        }),
      random: () => 0,
      initialDelayMs: 3_600_000,
      // the per-request retries wait on a fake: nothing really sleeps
      requestRetry: { sleep: async (ms) => void waits.push(ms) },
    });
    f.start?.();
    cleanup.push(() => f.stop?.());
    const at = (ms: number) => new Date(deps.clock.now().getTime() + ms).toISOString();

    expect(await f.syncNow()).toMatchObject({ ok: false, code: 'server' });
    // each request is tried 6 times (waits of about 1, 2, 4, 8, 8 s) before the run fails
    expect(tries).toBe(6);
    expect(waits).toEqual([500, 1000, 2000, 4000, 4000]);
    expect(f.status().nextSyncAt).toBe(at(15_000));
    expect(await f.syncNow()).toMatchObject({ ok: false, code: 'server' });
    expect(f.status().nextSyncAt).toBe(at(30_000));
    error = () => new CityApiError('rate_limited', 'offers: 429', 429, 600);
    tries = 0;
    // a Retry-After beyond 60 s ends the run at once; the run-level backoff honours it
    expect(await f.syncNow()).toMatchObject({ ok: false, code: 'rate_limited', retryAfterS: 600 });
    expect(tries).toBe(1);
    expect(f.status().nextSyncAt).toBe(at(600_000));
    error = () => new CityApiError('unauthorized', 'taxonomy: 401', 401);
    tries = 0;
    await f.syncNow();
    expect(tries).toBe(1); // a 401 is never retried
    const s = f.status();
    expect(s).toMatchObject({ unauthorized: true, consecutiveFailures: 4, lastError: { code: 'unauthorized' } });

    deps.config.set(cfg(null));
    expect(f.status()).toMatchObject({ configured: false, nextSyncAt: null });
    expect(await f.syncNow()).toBeNull();
  });
});
