import { afterEach, describe, expect, it } from 'vitest';
import type { RunningCityApi } from '../../city-api/src/server';
import { defaultKioskConfig } from '../../city-api/src/kiosk-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseRemoteConfig } from '../../electron/services/fleet/remote-config';
import { composeKiosk } from '../../electron/services/compose';
import { silentLog } from '../../electron/services/log';
import { kioskConfigSchema } from '../../shared/schemas/kiosk-config';
import { FakeUpdater } from '../fakes/fake-updater';
import { closeTestCityApis, KIOSK_ID, KIOSK_TOKEN as TOKEN, startTestCityApiOnBackend } from '../fakes/fake-city-api-harness';
import { STORAGE_BACKENDS } from '../support/storage-backends';

// every test city API and storage the harness opened is closed after each test
afterEach(closeTestCityApis);

async function fetchConfig(a: Pick<RunningCityApi, 'url'>) {
  const res = await fetch(`${a.url}/v1/kiosks/${KIOSK_ID}/config`, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(res.status).toBe(200);
  return parseRemoteConfig(await res.json());
}

/**
 * Updates keep arriving: a kiosk registered with the reference server keeps its packaged feed unless told a real one.
 * On both storage backends of the city API (issue 19); the kiosk 'rathaus-foyer' is registered by the harness.
 */
describe.each(STORAGE_BACKENDS)('update feed from the reference city API on $name', (backend) => {
  it('a freshly registered kiosk gets no update feed, so the packaged one stays in place', async () => {
    const { api } = await startTestCityApiOnBackend(backend);
    const remote = await fetchConfig(api);
    expect(remote.update).toBeNull();
    expect(remote.rejected).toEqual([]);
    expect(JSON.stringify(defaultKioskConfig('x'))).not.toMatch(/\.invalid|updates\.example/);
  });

  it('a placeholder feed is rejected (packaged feed stays); a real one is taken', async () => {
    const { api, storage } = await startTestCityApiOnBackend(backend);
    for (const feed of ['https://updates.example.invalid/gemeinsam-kiosk/', 'http://kiosk.test/', 'https://updates.example/']) {
      await storage.setKioskConfig('rathaus-foyer', { ...defaultKioskConfig('rathaus-foyer'), update: { channel: 'stable', feed_url: feed } });
      const remote = await fetchConfig(api);
      expect(remote.update, feed).toBeNull();
      expect(remote.rejected).toContain('update');
    }
    await storage.setKioskConfig('rathaus-foyer', { ...defaultKioskConfig('rathaus-foyer'), update: { channel: 'stable', feed_url: 'https://updates.siegburg.de/kiosk/' } });
    expect((await fetchConfig(api)).update).toEqual({ channel: 'stable', feedUrl: 'https://updates.siegburg.de/kiosk/' });
  });
});

describe.each(STORAGE_BACKENDS)('a kiosk registered with the reference city API (issue 14) on $name', (backend) => {
  it('fetches its config: a placeholder feed never reaches the updater, a real one does', async () => {
    const { api, storage } = await startTestCityApiOnBackend(backend);
    const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-feed-ref-'));
    const updater = new FakeUpdater();
    const kiosk = composeKiosk({
      dataDir,
      config: kioskConfigSchema.parse({ kioskId: 'rathaus-foyer', cityApi: { baseUrl: api.url, token: TOKEN } }),
      version: '1.0.0',
      log: silentLog,
      fleet: { timers: false, updater },
      sync: { manualOnly: true },
    });
    try {
      await kiosk.fleet.fetchConfigNow();
      expect(updater.feed).toBeNull();
      await storage.setKioskConfig('rathaus-foyer', { ...defaultKioskConfig('rathaus-foyer'), update: { channel: 'stable', feed_url: 'https://updates.example.invalid/gemeinsam-kiosk/' } });
      await kiosk.fleet.fetchConfigNow();
      expect(updater.feed).toBeNull();
      await storage.setKioskConfig('rathaus-foyer', { ...defaultKioskConfig('rathaus-foyer'), update: { channel: 'stable', feed_url: 'https://updates.siegburg.de/kiosk/' } });
      await kiosk.fleet.fetchConfigNow();
      expect(updater.feed).toEqual({ feedUrl: 'https://updates.siegburg.de/kiosk/', channel: 'stable' });
    } finally {
      await kiosk.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
