import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../fakes/fake-clock';
import { composeKiosk } from '../../electron/services/compose';
import { createConfigStore } from '../../electron/services/config/config-store';
import { loadKioskConfig } from '../../electron/services/config/kiosk-config-file';
import { openDatabase } from '../../electron/services/db/open-database';
import { defaultFleetAdapters } from '../../electron/services/fleet/fleet-adapters';
import { createFleetFeature } from '../../electron/services/fleet/fleet-feature';
import { silentLog } from '../../electron/services/log';
import { startFakeCityApi, type FakeCityApi } from './fleet-city-api-fake';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

function dataDirWith(config: object): string {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-fleet-it-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'kiosk.json'), JSON.stringify(config));
  return dir;
}

async function cityApi(): Promise<FakeCityApi> {
  const api = await startFakeCityApi();
  cleanup.push(() => api.close());
  return api;
}

const SYNC_STATUS = {
  configured: true,
  kind: 'gemeinsam',
  dataSource: 'city',
  running: false,
  unauthorized: false,
  lastAttemptAt: '2026-11-25T09:55:00.000Z',
  lastSuccessAt: '2026-11-25T09:55:00.000Z',
  lastError: null,
  nextSyncAt: null,
  consecutiveFailures: 0,
  counts: { offers: 130, activeOffers: 120, events: 12, images: 3 },
  lastRun: null,
};

/** The fleet feature with its real HTTP client, and the other features' calls as simple recording stand-ins. */
function fleetAgainst(api: FakeCityApi) {
  const dataDir = dataDirWith({ kioskId: 'rathaus-foyer', cityApi: { baseUrl: api.baseUrl, token: api.token } });
  const db = openDatabase({ file: join(dataDir, 'kiosk.sqlite') });
  cleanup.push(() => void db.close());
  const config = createConfigStore(loadKioskConfig(dataDir));
  const syncCalls: number[] = [];
  const sync = { ...SYNC_STATUS };
  const peers = {
    syncNow: async () => {
      syncCalls.push(Date.now());
      return { started: true, status: sync };
    },
    getSyncStatus: async () => sync,
    getOutboxStatus: async () => ({
      pending: 2,
      delivered: 5,
      rejected: 0,
      lastError: null,
      lastAttemptAt: null,
      lastDeliveredAt: null,
      nextAttemptAt: null,
      waitingReason: null,
      rejectedItems: [],
    }),
    getPrinterStatus: async () => ({ state: 'paper_low', checkedAt: '2026-11-25T10:00:00.000Z' }),
  };
  const make = () =>
    createFleetFeature(
      { db, config, dataDir, clock: new FakeClock('2026-11-25T10:00:00Z'), log: silentLog, version: '1.4.2' },
      { ...defaultFleetAdapters({ config, log: silentLog, version: '1.4.2' }), peers: () => peers, timers: false },
    );
  return { make, syncCalls, config, sync };
}

describe('fleet against a city API on 127.0.0.1', () => {
  it('the heartbeat carries the health fields of docs/city-api.md', async () => {
    const api = await cityApi();
    const { make } = fleetAgainst(api);
    const fleet = make();
    await fleet.runtime.heartbeatNow();
    expect(api.invalidHeartbeats).toEqual([]);
    expect(api.heartbeats).toHaveLength(1);
    const hb = api.heartbeats[0]!;
    expect(hb).toMatchObject({
      version: '1.4.2',
      last_sync_at: '2026-11-25T09:55:00.000Z',
      offers_count: 120,
      outbox_pending: 2,
      printer: { state: 'paper_low' },
      acked: [],
    });
    expect(hb.uptime_s).toBeGreaterThanOrEqual(0);
    expect(hb.disk_free_mb).toBeGreaterThan(0);
    expect(Array.isArray(hb.errors_since_last)).toBe(true);
  });

  it('a queued sync_now runs once and is acknowledged exactly once, also across a restart', async () => {
    const api = await cityApi();
    api.queue.push({ id: 'cmd-1', type: 'sync_now' });
    const { make, syncCalls } = fleetAgainst(api);
    const fleet = make();
    await fleet.runtime.heartbeatNow(); // receives cmd-1, runs it
    expect(syncCalls).toHaveLength(1);
    expect(api.heartbeats[0]!.acked).toEqual([]);
    // restart before the ack was sent: the command must not run again
    const restarted = make();
    await restarted.runtime.heartbeatNow(); // acks cmd-1; the server stops sending it
    expect(syncCalls).toHaveLength(1);
    expect(api.heartbeats[1]!.acked).toEqual(['cmd-1']);
    await restarted.runtime.heartbeatNow();
    await restarted.runtime.heartbeatNow();
    expect(api.ackCounts.get('cmd-1')).toBe(1);
    expect(api.heartbeats.map((h) => h.acked)).toEqual([[], ['cmd-1'], [], []]);
    expect(syncCalls).toHaveLength(1);
  });

  it('an ack lost with a failed heartbeat is sent again, and the command still runs only once', async () => {
    const api = await cityApi();
    api.queue.push({ id: 'cmd-2', type: 'sync_now' });
    const { make, syncCalls, config } = fleetAgainst(api);
    const fleet = make();
    await fleet.runtime.heartbeatNow();
    const good = config.get().cityApi!;
    config.set({ ...config.get(), cityApi: { ...good, token: 'wrong' } }); // 401
    await fleet.runtime.heartbeatNow();
    config.set({ ...config.get(), cityApi: good });
    await fleet.runtime.heartbeatNow();
    await fleet.runtime.heartbeatNow();
    expect(syncCalls).toHaveLength(1);
    expect(api.ackCounts.get('cmd-2')).toBe(1);
  });

  it('fetches the kiosk config with ETag and applies it live', async () => {
    const api = await cityApi();
    api.config = {
      name: 'Rathaus',
      place: 'Rathaus Siegburg, Foyer',
      locale_default: 'de',
      languages: ['de', 'en', 'uk'],
      home: { lat: 50.7995, lon: 7.2065, zoom: 16 },
      idle: { warn_after_s: 120, reset_after_s: 150 },
      maintenance_window: { start: '01:00', end: '03:00', tz: 'Europe/Berlin' },
      update: { channel: 'stable', feed_url: 'https://updates.example.org/' },
      submission_url: 'https://example.org/eintragen',
    };
    const { make, config } = fleetAgainst(api);
    const fleet = make();
    await fleet.runtime.fetchConfigNow();
    await fleet.runtime.fetchConfigNow();
    expect(api.configRequests).toEqual([
      { ifNoneMatch: null, status: 200 },
      { ifNoneMatch: '"v1"', status: 304 },
    ]);
    expect(config.get()).toMatchObject({
      place: 'Rathaus Siegburg, Foyer',
      languages: ['de', 'en', 'uk'],
      idle: { warnAfterS: 120, countdownS: 30 },
      maintenanceWindow: { start: '01:00', end: '03:00' },
    });
  });

  it('fetches the config again after each completed sync (seen with the heartbeat)', async () => {
    const api = await cityApi();
    api.config = { place: 'Kulturcafé' };
    const { make, sync } = fleetAgainst(api);
    const fleet = make();
    await fleet.runtime.heartbeatNow();
    expect(api.configRequests).toHaveLength(0);
    await fleet.runtime.heartbeatNow(); // same sync: no fetch
    expect(api.configRequests).toHaveLength(0);
    sync.lastSuccessAt = '2026-11-25T10:10:00.000Z';
    await fleet.runtime.heartbeatNow();
    expect(api.configRequests).toHaveLength(1);
  });

  it('through the full composition: heartbeat from the composed kiosk passes the wire schema', async () => {
    const api = await cityApi();
    const dataDir = dataDirWith({ kioskId: 'bibliothek', cityApi: { baseUrl: api.baseUrl, token: api.token } });
    const runtime = composeKiosk({
      dataDir,
      config: loadKioskConfig(dataDir),
      version: '0.1.0',
      log: silentLog,
      fleet: { timers: false },
    });
    cleanup.push(() => runtime.stop());
    runtime.deps.log.error('printer offline', { code: 'printer_offline' });
    await runtime.fleet.heartbeatNow();
    expect(api.invalidHeartbeats).toEqual([]);
    expect(api.heartbeats).toHaveLength(1);
    expect(api.heartbeats[0]!.errors_since_last).toEqual([expect.objectContaining({ code: 'printer_offline', message: 'printer offline' })]);
    await runtime.fleet.heartbeatNow();
    expect(api.heartbeats[1]!.errors_since_last).toEqual([]); // each error reported once
  });
});
