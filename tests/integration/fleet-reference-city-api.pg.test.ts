import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listenCityApi } from '../../city-api/src/server';
import type { KioskStorage } from '../../city-api/src/storage/kiosk-storage';
import { SIEGBURG_TAXONOMY } from '../../shared/sample-data';
import { composeKiosk, type KioskRuntime } from '../../electron/services/compose';
import { loadKioskConfig } from '../../electron/services/config/kiosk-config-file';
import { silentLog } from '../../electron/services/log';
import { STORAGE_BACKENDS, type StorageBackend } from '../support/storage-backends';

/**
 * The whole kiosk (composition root with the real sync and fleet features, real HTTP) against the project's
 * reference city API (city-api/) on 127.0.0.1, on both of its storage backends (issue 19).
 */
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function setup(backend: StorageBackend): Promise<{ storage: KioskStorage; kiosk: KioskRuntime }> {
  const { storage, cleanup: closeStorage } = await backend.open();
  cleanup.push(closeStorage);
  // A server that is set up: without a taxonomy it answers 503 + Retry-After 60, and the sync rightly waits.
  await storage.setTaxonomy(SIEGBURG_TAXONOMY);
  await storage.registerKiosk('rathaus-foyer', 'token-rathaus-0123456789');
  const api = await listenCityApi({ storage });
  cleanup.push(() => api.close());
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
  return { storage, kiosk };
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

describe.each(STORAGE_BACKENDS)('fleet against the reference city API on $name', (backend) => {
  it('heartbeat is accepted and stored with the health fields', async () => {
    const { storage, kiosk } = await setup(backend);
    await kiosk.fleet.heartbeatNow();
    const [k] = await storage.listKiosksForStaff();
    expect(k?.last_heartbeat_at).not.toBeNull();
    expect(k?.heartbeat).toMatchObject({ version: '1.0.0', printer: { state: 'none' }, outbox_pending: 0 });
    expect(k?.heartbeat?.disk_free_mb).toBeGreaterThan(0);
  });

  it('a queued sync_now runs the real sync once and is acknowledged exactly once', async () => {
    const { storage, kiosk } = await setup(backend);
    const id = await storage.queueCommand('rathaus-foyer', 'sync_now');
    expect((await kiosk.handlers.getSyncStatus({}, ctx)).lastAttemptAt).toBeNull();
    await kiosk.fleet.heartbeatNow(); // gets the command, runs it
    const status = await waitForSync(kiosk);
    expect(status.lastAttemptAt).not.toBeNull();
    expect(await storage.commandState(id)).toBe('sent');
    await kiosk.fleet.heartbeatNow(); // acknowledges it
    expect(await storage.commandState(id)).toBe('done');
    await kiosk.fleet.heartbeatNow();
    const hb = (await storage.listKiosksForStaff())[0]?.heartbeat;
    expect(hb?.acked ?? []).toEqual([]); // not acknowledged a second time
    expect((await kiosk.handlers.getSyncStatus({}, ctx)).lastAttemptAt).toBe(status.lastAttemptAt); // not run again
  });

  it('applies the kiosk config from the reference server', async () => {
    const { kiosk } = await setup(backend);
    await kiosk.fleet.fetchConfigNow();
    expect(kiosk.deps.config.get()).toMatchObject({
      submissionUrl: 'https://www.siegburg.de/angebotslandkarte/mitmachen',
      idle: { warnAfterS: 90, countdownS: 30 },
    });
  });
});
