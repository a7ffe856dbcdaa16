import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { composeKiosk, type KioskRuntime } from '../../electron/services/compose';
import { silentLog } from '../../electron/services/log';
import { SETUP_PIN } from '../../shared/contract/fleet';
import { syncStatusSchema } from '../../shared/contract/sync';
import { kioskConfigSchema } from '../../shared/schemas/kiosk-config';
import type { RunningCityApi } from '../../city-api/src/server';
import { closeTestCityApis, KIOSK_ID, KIOSK_TOKEN, startTestCityApiOnBackend } from '../fakes/fake-city-api-harness';
import { testOffer } from '../fakes/fake-city-api-data';
import { STORAGE_BACKENDS } from '../support/storage-backends';

const CTX = { transport: 'http' as const };
let api: Pick<RunningCityApi, 'url'> | null = null;
let runtime: KioskRuntime | null = null;
let dir = '';
afterEach(async () => {
  await runtime?.stop();
  runtime = null;
  await closeTestCityApis();
  api = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function value(name: string, input: unknown = {}) {
  const env = await runtime!.dispatch(name, input, CTX);
  if (!env.ok) throw new Error(`${name}: ${env.error.code} ${env.error.message}`);
  return env.value;
}

/** The kiosk on `dataDir` against the running test city API; its own first sync an hour away (the tests start it). */
function composeSyncingKiosk(dataDir: string): KioskRuntime {
  return composeKiosk({
    dataDir,
    config: kioskConfigSchema.parse({ kioskId: KIOSK_ID, cityApi: { baseUrl: api!.url, token: KIOSK_TOKEN, syncIntervalS: 900 } }),
    version: '0.1.0-test',
    log: silentLog,
    sync: { initialDelayMs: 3_600_000 },
  });
}

/** syncNow is staff-only: a session from the setup PIN (no staffPin in these configs). */
async function staffToken(): Promise<string> {
  return ((await value('staffUnlock', { pin: SETUP_PIN })) as { token: string }).token;
}

// the city API on both storage backends (issue 19)
describe.each(STORAGE_BACKENDS)('sync wired into the kiosk (compose → contract), city API on $name', (backend) => {
  it('staff can start a sync through the contract; afterwards the kiosk serves the city’s offers', async () => {
    const started0 = await startTestCityApiOnBackend(backend, { offers: 40 });
    api = started0.api;
    await started0.storage.putOffers([testOffer(7, { title: 'Gemeinschaftsgarten am Wochenende' })]);
    dir = mkdtempSync(join(tmpdir(), 'gk-compose-sync-'));
    runtime = composeSyncingKiosk(dir);
    runtime.start();
    // before the first sync: the labelled sample data, not an empty screen (issue 14)
    const before = syncStatusSchema.parse(await value('getSyncStatus'));
    expect(before).toMatchObject({ configured: true, lastSuccessAt: null, dataSource: 'sample' });
    expect(before.counts.offers).toBeGreaterThan(0);

    const started = (await value('syncNow', { token: await staffToken() })) as { started: boolean };
    expect(started.started).toBe(true);
    let status = syncStatusSchema.parse(await value('getSyncStatus'));
    for (let i = 0; i < 200 && status.running; i++) {
      await new Promise((r) => setTimeout(r, 25));
      status = syncStatusSchema.parse(await value('getSyncStatus'));
    }
    expect(status).toMatchObject({ running: false, dataSource: 'city', lastError: null, counts: { offers: 40, activeOffers: 40 } });

    const boot = (await value('getBootInfo')) as { dataSource: string; offersCount: number };
    expect(boot.dataSource).toBe('city');
    const found = (await value('searchOffers', { text: 'gemeinschaftsgarten' })) as { total: number; items: { id: string }[] };
    expect(found.items.map((i) => i.id)).toContain(testOffer(7).id);
  });

});

describe('a kiosk without a city API', () => {
  it('without a city API the sample data stays and nothing is synced', async () => {
    dir = mkdtempSync(join(tmpdir(), 'gk-compose-sync-'));
    runtime = composeKiosk({ dataDir: dir, config: kioskConfigSchema.parse({}), version: '0.1.0-test', log: silentLog });
    runtime.start();
    const status = syncStatusSchema.parse(await value('getSyncStatus'));
    expect(status).toMatchObject({ configured: false, dataSource: 'sample', nextSyncAt: null });
    expect(status.counts.offers).toBeGreaterThan(0);
    expect(((await value('syncNow', { token: await staffToken() })) as { started: boolean }).started).toBe(false);
  });
});

describe.each(STORAGE_BACKENDS)('a damaged database at start (issue 14), city API on $name', (backend) => {
  it('the kiosk starts anyway: file kept, staff screen names it, sample offers until the first sync replaces them', async () => {
    // the heartbeats' bodies, as the reference server receives them
    const beats: { errors_since_last?: { code: string; message: string }[] }[] = [];
    api = (
      await startTestCityApiOnBackend(backend, {
        offers: 30,
        configure: (app) =>
          app.addHook('preHandler', async (req) => {
            if (req.method === 'POST' && req.url.endsWith('/heartbeat')) beats.push(req.body as (typeof beats)[number]);
          }),
      })
    ).api;
    dir = mkdtempSync(join(tmpdir(), 'gk-compose-heal-'));
    writeFileSync(join(dir, 'kiosk.sqlite'), 'SD card garbage '.repeat(4096));
    runtime = composeSyncingKiosk(dir);
    runtime.start();
    expect(readdirSync(dir).filter((f) => /^kiosk\.sqlite\.damaged-[\dTZ-]+$/.test(f))).toHaveLength(1);
    const token = await staffToken();
    const staff = (await value('getStaffStatus', { token })) as { lastErrors: { code: string; message: string }[] };
    const report = staff.lastErrors.find((e) => e.code === 'db_damaged');
    expect(report?.message).toContain(join(dir, 'kiosk.sqlite'));
    expect(report?.message).toContain('not an SQLite database');
    // … and the heartbeat reports it to the town, once (the first heartbeat after the start carries it)
    await runtime.fleet.heartbeatNow();
    await runtime.fleet.heartbeatNow();
    const reported = beats.flatMap((b) => b.errors_since_last ?? []).filter((e) => e.code === 'db_damaged');
    expect(beats.length).toBeGreaterThanOrEqual(2);
    expect(reported).toHaveLength(1);
    expect(reported[0]!.message).toContain(join(dir, 'kiosk.sqlite'));
    expect(reported[0]!.message).toContain('kiosk.sqlite.damaged-');
    const boot = (await value('getBootInfo')) as { dataSource: string; offersCount: number };
    expect(boot).toMatchObject({ dataSource: 'sample' });
    expect(boot.offersCount).toBeGreaterThan(0);
    // sample data carries no "Stand: …"
    expect(((await value('searchOffers', {})) as { dataAsOf?: string | null }).dataAsOf).toBeNull();

    expect(((await value('syncNow', { token })) as { started: boolean }).started).toBe(true);
    let status = syncStatusSchema.parse(await value('getSyncStatus'));
    for (let i = 0; i < 200 && status.running; i++) {
      await new Promise((r) => setTimeout(r, 25));
      status = syncStatusSchema.parse(await value('getSyncStatus'));
    }
    expect(status).toMatchObject({ dataSource: 'city', counts: { offers: 30 } });
    // the offers screen shows "Stand: <last successful sync>"
    expect(((await value('searchOffers', {})) as { dataAsOf?: string | null }).dataAsOf).toBe(status.lastSuccessAt);
  });
});
