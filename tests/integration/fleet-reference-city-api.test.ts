import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startCityApi, type RunningCityApi } from '../../city-api/src/server';
import { commandState, listKiosks, queueCommand, registerKiosk } from '../../city-api/src/kiosk-store';
import { setTaxonomy } from '../../city-api/src/offer-store';
import { SIEGBURG_TAXONOMY } from '../../shared/sample-data';
import { composeKiosk, type KioskRuntime } from '../../electron/services/compose';
import { loadKioskConfig } from '../../electron/services/config/kiosk-config-file';
import { silentLog } from '../../electron/services/log';

/**
 * The whole kiosk (composition root with the real sync and fleet features, real HTTP) against the project's
 * reference city API (city-api/) on 127.0.0.1.
 */
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function setup(): Promise<{ api: RunningCityApi; kiosk: KioskRuntime }> {
  const api = await startCityApi({});
  cleanup.push(() => api.close());
  // A server that is set up: without a taxonomy it answers 503 + Retry-After 60, and the sync rightly waits.
  setTaxonomy(api.db, SIEGBURG_TAXONOMY);
  registerKiosk(api.db, 'rathaus-foyer', 'token-rathaus-0123456789');
  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-fleet-ref-'));
  cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
  writeFileSync(join(dataDir, 'kiosk.json'), JSON.stringify({ kioskId: 'rathaus-foyer', cityApi: { baseUrl: api.url, token: 'token-rathaus-0123456789' } }));
  const kiosk = composeKiosk({
    dataDir,
    config: loadKioskConfig(dataDir),
    version: '1.0.0',
    log: silentLog,
    fleet: { timers: false },
    sync: { manualOnly: true },
  });
  cleanup.push(() => kiosk.stop());
  return { api, kiosk };
}

const ctx = { transport: 'ipc' as const };

async function waitForSync(kiosk: KioskRuntime) {
  for (let i = 0; i < 100; i++) {
    const s = await kiosk.handlers.getSyncStatus({}, ctx);
    if (!s.running && s.lastAttemptAt) return s;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('sync did not finish');
}

describe('fleet against the reference city API', () => {
  it('heartbeat is accepted and stored with the health fields', async () => {
    const { api, kiosk } = await setup();
    await kiosk.fleet.heartbeatNow();
    const [k] = listKiosks(api.db);
    expect(k?.last_heartbeat_at).not.toBeNull();
    expect(k?.heartbeat).toMatchObject({ version: '1.0.0', printer: { state: 'none' }, outbox_pending: 0 });
    expect(k?.heartbeat?.disk_free_mb).toBeGreaterThan(0);
  });

  it('a queued sync_now runs the real sync once and is acknowledged exactly once', async () => {
    const { api, kiosk } = await setup();
    const id = queueCommand(api.db, 'rathaus-foyer', 'sync_now');
    expect((await kiosk.handlers.getSyncStatus({}, ctx)).lastAttemptAt).toBeNull();
    await kiosk.fleet.heartbeatNow(); // gets the command, runs it
    const status = await waitForSync(kiosk);
    expect(status.lastAttemptAt).not.toBeNull();
    expect(commandState(api.db, id)).toBe('sent');
    await kiosk.fleet.heartbeatNow(); // acknowledges it
    expect(commandState(api.db, id)).toBe('done');
    await kiosk.fleet.heartbeatNow();
    const hb = listKiosks(api.db)[0]?.heartbeat;
    expect(hb?.acked ?? []).toEqual([]); // not acknowledged a second time
    expect((await kiosk.handlers.getSyncStatus({}, ctx)).lastAttemptAt).toBe(status.lastAttemptAt); // not run again
  });

  it('applies the kiosk config from the reference server', async () => {
    const { kiosk } = await setup();
    await kiosk.fleet.fetchConfigNow();
    expect(kiosk.deps.config.get()).toMatchObject({
      submissionUrl: 'https://www.siegburg.de/angebotslandkarte/mitmachen',
      idle: { warnAfterS: 90, countdownS: 30 },
    });
  });
});
