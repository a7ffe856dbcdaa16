import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeClock } from '../../../tests/fakes/fake-clock';
import { kioskConfigSchema } from '../../../shared/schemas/kiosk-config';
import { createConfigStore } from '../config/config-store';
import { loadKioskConfig } from '../config/kiosk-config-file';
import { openDatabase } from '../db/open-database';
import { silentLog } from '../log';
import { FakeUpdater } from '../../../tests/fakes/fake-updater';
import { createBrowserHostAppControl } from './app-control';
import { createCommandLedger } from './command-ledger';
import { createFleetFeature, type FleetOptions } from './fleet-feature';
import { FakeFleetClient } from './fleet-client';
import { parseRemoteConfig } from './remote-config';
import { createMemoryStore } from './sync-state-store';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const REMOTE = {
  name: 'Stadtbibliothek',
  place: 'Stadtbibliothek Siegburg',
  locale_default: 'en',
  languages: ['de', 'en', 'tr'],
  home: { lat: 50.8, lon: 7.21, zoom: 15 },
  idle: { warn_after_s: 60, reset_after_s: 90 },
  printer: { transport: 'tcp', host: '10.0.0.9', port: 9100, chars_per_line: 42 },
  maintenance_window: { start: '03:00', end: '05:00', tz: 'Europe/Berlin' },
  update: { channel: 'stable', feed_url: 'https://updates.example.org/kiosk/' },
  submission_url: 'https://example.org/angebot-eintragen',
  speech_volume: 0.6,
};

function setup(localJson: Record<string, unknown>, extra: Partial<FleetOptions> = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-fleet-'));
  dirs.push(dataDir);
  writeFileSync(join(dataDir, 'kiosk.json'), JSON.stringify(localJson));
  const config = createConfigStore(loadKioskConfig(dataDir));
  const db = openDatabase({ file: join(dataDir, 'kiosk.sqlite') });
  const clock = new FakeClock('2026-11-25T10:00:00Z');
  const client = new FakeFleetClient();
  const updater = new FakeUpdater();
  const feature = createFleetFeature({ db, config, dataDir, clock, log: silentLog, version: '0.1.0' }, { client, updater, appControl: createBrowserHostAppControl(), timers: false, ...extra });
  return { dataDir, config, db, clock, client, updater, feature };
}

const CITY = { cityApi: { baseUrl: 'http://127.0.0.1:4911', token: 'kiosk-token' } };

describe('remote config', () => {
  it('maps the city API fields and skips invalid ones', () => {
    const r = parseRemoteConfig({ ...REMOTE, languages: ['xx'], speech_volume: 7 });
    expect(r.patch).toMatchObject({
      place: 'Stadtbibliothek Siegburg',
      locale: 'en',
      position: { lat: 50.8, lon: 7.21 },
      idle: { warnAfterS: 60, countdownS: 30 },
      printer: { transport: 'tcp', host: '10.0.0.9', port: 9100, charsPerLine: 42 },
      maintenanceWindow: { start: '03:00', end: '05:00', tz: 'Europe/Berlin' },
      submissionUrl: 'https://example.org/angebot-eintragen',
    });
    expect(r.rejected.sort()).toEqual(['languages', 'speechVolume']);
    expect(r.update).toEqual({ channel: 'stable', feedUrl: 'https://updates.example.org/kiosk/' });
  });

  it('is applied live through the config store; kiosk.json values win', async () => {
    const { feature, client, config, updater } = setup({ ...CITY, idle: { warnAfterS: 120, countdownS: 40 } });
    const seen: string[] = [];
    config.subscribe((next) => seen.push(next.place));
    client.config = REMOTE;
    await feature.runtime.fetchConfigNow();
    const c = config.get();
    expect(c.place).toBe('Stadtbibliothek Siegburg');
    expect(c.languages).toEqual(['de', 'en', 'tr']);
    expect(c.position).toEqual({ lat: 50.8, lon: 7.21 });
    expect(c.speechVolume).toBe(0.6);
    expect(c.printer).toMatchObject({ transport: 'tcp', host: '10.0.0.9' });
    expect(c.idle).toEqual({ warnAfterS: 120, countdownS: 40 }); // set locally: local wins
    expect(c.cityApi?.token).toBe('kiosk-token');
    expect(seen).toEqual(['Stadtbibliothek Siegburg']);
    // the UI learns about the change with its next heartbeat
    const beat = await feature.handlers.rendererHeartbeat({}, { transport: 'http' });
    expect(beat.configRev).toBe(1);
    expect(updater.feed).toEqual({ feedUrl: 'https://updates.example.org/kiosk/', channel: 'stable' });
  });

  it('uses the ETag (304 changes nothing) and keeps the last remote config across a restart', async () => {
    const first = setup(CITY);
    first.client.config = REMOTE;
    await first.feature.runtime.fetchConfigNow();
    await first.feature.runtime.fetchConfigNow(); // 304
    expect(first.config.get().place).toBe('Stadtbibliothek Siegburg');
    // restart with the same database and no network: cached remote config still applies
    const config = createConfigStore(loadKioskConfig(first.dataDir));
    createFleetFeature(
      { db: first.db, config, dataDir: first.dataDir, clock: first.clock, log: silentLog, version: '0.1.0' },
      { client: new FakeFleetClient(), updater: new FakeUpdater(), appControl: createBrowserHostAppControl(), timers: false },
    );
    expect(config.get().place).toBe('Stadtbibliothek Siegburg');
  });
});

describe('staff calls', () => {
  it('setup PIN → change PIN (salted hash in kiosk.json, atomically) → old PIN refused', async () => {
    const { feature, dataDir } = setup({});
    const h = feature.handlers;
    const ctx = { transport: 'http' as const };
    const s = await h.staffUnlock({ pin: '246810' }, ctx);
    expect(s).toMatchObject({ ok: true, setupPin: true });
    const status = await h.getStaffStatus({ token: s.token! }, ctx);
    expect(status.setupPinActive).toBe(true);
    await h.setStaffPin({ token: s.token!, newPin: '97531' }, ctx);
    const written = JSON.parse(readFileSync(join(dataDir, 'kiosk.json'), 'utf8'));
    expect(written.staffPin).toMatch(/^scrypt\$16384\$8\$1\$[0-9a-f]{32}\$[0-9a-f]{64}$/);
    expect(JSON.stringify(written)).not.toContain('97531');
    expect(kioskConfigSchema.safeParse(written).success).toBe(true);
    expect((await h.staffUnlock({ pin: '246810' }, ctx)).ok).toBe(false);
    expect((await h.staffUnlock({ pin: '97531' }, ctx)).ok).toBe(true);
    await expect(h.setStaffPin({ token: s.token!, newPin: '246810' }, ctx)).rejects.toThrow(/setup PIN/);
  });

  it('staff calls without a valid session are refused', async () => {
    const { feature } = setup({});
    await expect(feature.handlers.getStaffStatus({ token: 'a'.repeat(64) }, { transport: 'http' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(feature.handlers.staffAction({ token: 'a'.repeat(64), action: 'reload' }, { transport: 'http' })).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('setCityApi writes kiosk.json and applies at once', async () => {
    const { feature, dataDir, config } = setup({ place: 'Rathaus' });
    const ctx = { transport: 'http' as const };
    const { token } = await feature.handlers.staffUnlock({ pin: '246810' }, ctx);
    await feature.handlers.setCityApi({ token: token!, baseUrl: 'https://api.siegburg.example/', apiToken: 'secret-1' }, ctx);
    expect(config.get().cityApi).toMatchObject({ baseUrl: 'https://api.siegburg.example/', token: 'secret-1', kind: 'gemeinsam', syncIntervalS: 900 });
    const written = JSON.parse(readFileSync(join(dataDir, 'kiosk.json'), 'utf8'));
    expect(written).toMatchObject({ place: 'Rathaus', cityApi: { baseUrl: 'https://api.siegburg.example/', token: 'secret-1' } });
  });

  it('renderer heartbeats feed the usage the update policy reads', async () => {
    const { feature, clock } = setup({});
    await feature.handlers.rendererHeartbeat({ idleS: 30, formDirty: true }, { transport: 'http' });
    clock.advance(10_000);
    expect(feature.runtime.usage()).toMatchObject({ idleS: 40, formDirty: true });
  });
});

describe('staff actions and remote commands on the browser host', () => {
  it('reload from the staff screen reaches the page once, with its next heartbeat', async () => {
    vi.useFakeTimers();
    try {
      const { feature } = setup({});
      const ctx = { transport: 'http' as const };
      const { token } = await feature.handlers.staffUnlock({ pin: '246810' }, ctx);
      const r = await feature.handlers.staffAction({ token: token!, action: 'reload' }, ctx);
      expect(r).toMatchObject({ ok: true, outcome: 'started' });
      expect((await feature.handlers.rendererHeartbeat({}, ctx)).reload).toBe(false); // the reply reaches the screen first
      await vi.advanceTimersByTimeAsync(500);
      expect((await feature.handlers.rendererHeartbeat({}, ctx)).reload).toBe(true);
      expect((await feature.handlers.rendererHeartbeat({}, ctx)).reload).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  it('sync and test print are reported as not available when those features are missing', async () => {
    const { feature } = setup({});
    const ctx = { transport: 'http' as const };
    const { token } = await feature.handlers.staffUnlock({ pin: '246810' }, ctx);
    expect(await feature.handlers.staffAction({ token: token!, action: 'sync_now' }, ctx)).toMatchObject({ ok: false, outcome: 'not_available' });
    expect(await feature.handlers.staffAction({ token: token!, action: 'test_print' }, ctx)).toMatchObject({ ok: false, outcome: 'not_available' });
  });

  it('check_update asks the updater; a failing test print is reported with its reason', async () => {
    const peers = { testPrint: async () => Promise.reject(Object.assign(new Error('paper out'), { code: 'printer_error' })) };
    const { feature, updater } = setup({}, { peers: () => peers });
    const ctx = { transport: 'http' as const };
    const { token } = await feature.handlers.staffUnlock({ pin: '246810' }, ctx);
    await feature.handlers.staffAction({ token: token!, action: 'check_update' }, ctx);
    expect(updater.calls).toContain('check');
    expect(await feature.handlers.staffAction({ token: token!, action: 'test_print' }, ctx)).toMatchObject({ ok: false, outcome: 'failed', detail: 'paper out' });
  });

  it('a queued reload command from the city API is run through the app control and acknowledged', async () => {
    const { feature, client } = setup(CITY);
    client.queued = [{ id: 'r1', type: 'reload' }];
    await feature.runtime.heartbeatNow();
    expect((await feature.handlers.rendererHeartbeat({}, { transport: 'http' })).reload).toBe(true);
    await feature.runtime.heartbeatNow();
    expect(client.heartbeats.map((h) => h.acked)).toEqual([[], ['r1']]);
    expect(client.queued).toEqual([]);
  });
});

describe('command ledger', () => {
  it('runs a command once even when the server sends it again, and acks it once', async () => {
    const store = createMemoryStore();
    const ran: string[] = [];
    const runner = { run: async (t: string) => void ran.push(t) };
    const ledger = createCommandLedger(store);
    await ledger.take([{ id: 'c1', type: 'sync_now' }], runner as never, () => {});
    await ledger.take([{ id: 'c1', type: 'sync_now' }], runner as never, () => {});
    expect(ran).toEqual(['sync_now']);
    expect(ledger.pendingAcks()).toEqual(['c1']);
    // restart before the ack was sent: still not run again, still to ack
    const again = createCommandLedger(store);
    await again.take([{ id: 'c1', type: 'sync_now' }], runner as never, () => {});
    expect(ran).toEqual(['sync_now']);
    again.confirmAcked(['c1']);
    expect(again.pendingAcks()).toEqual([]);
    await again.take([{ id: 'c1', type: 'sync_now' }], runner as never, () => {});
    expect(ran).toEqual(['sync_now']);
  });

  it('an unknown command type is acknowledged without running', async () => {
    const store = createMemoryStore();
    const errors: string[] = [];
    const ledger = createCommandLedger(store);
    const ran = await ledger.take([{ id: 'x', type: 'format_disk' }], { run: async () => {} }, (c) => errors.push(c.id));
    expect(ran).toEqual([]);
    expect(errors).toEqual(['x']);
    expect(ledger.pendingAcks()).toEqual(['x']);
  });
});

describe('data age (issue 14)', () => {
  /** A sync feature's status whose last success lies `ageS` seconds before the fake clock's time. */
  const syncPeer = (clock: FakeClock, ageS: number) => ({
    getSyncStatus: async () => ({
      configured: true,
      kind: 'gemeinsam',
      dataSource: 'city',
      running: false,
      unauthorized: false,
      lastAttemptAt: null,
      lastSuccessAt: new Date(clock.now().getTime() - ageS * 1000).toISOString(),
      lastError: null,
      nextSyncAt: null,
      consecutiveFailures: 0,
      counts: { offers: 1, activeOffers: 1, events: 0, images: 0 },
      lastRun: null,
    }),
  });

  it('heartbeat and staff screen count the age of the data on the injected clock, not on system time', async () => {
    let clockRef: FakeClock | null = null;
    const { feature, client, clock } = setup(CITY, { peers: () => syncPeer(clockRef!, 25 * 3600) });
    clockRef = clock;
    // The fake clock is days away from system time: any Date.now() in the path gives another figure.
    await feature.runtime.heartbeatNow();
    expect(client.heartbeats[0]).toHaveProperty('data_age_s', 25 * 3600);
    const ctx = { transport: 'http' as const };
    const { token } = await feature.handlers.staffUnlock({ pin: '246810' }, ctx);
    expect((await feature.handlers.getStaffStatus({ token: token! }, ctx)).sync).toMatchObject({ dataAgeS: 25 * 3600 });
    // The clock moves, the sync stays where it was: the age grows by exactly that much.
    clockRef = new FakeClock(clock.now());
    clock.advance(90 * 60_000);
    const again = (await feature.handlers.staffUnlock({ pin: '246810' }, ctx)).token!; // the session has timed out by then
    expect((await feature.handlers.getStaffStatus({ token: again }, ctx)).sync?.dataAgeS).toBe(25 * 3600 + 90 * 60);
  });
});
