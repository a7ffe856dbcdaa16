import { afterEach, describe, expect, it } from 'vitest';
import { startCityApi, type RunningCityApi } from '../../city-api/src/server';
import { defaultKioskConfig, registerKiosk, setKioskConfig } from '../../city-api/src/kiosk-store';
import { parseRemoteConfig } from '../../electron/services/fleet/remote-config';

let api: RunningCityApi | null = null;
afterEach(async () => {
  await api?.close();
  api = null;
});

const TOKEN = 'token-rathaus-0123456789';
async function fetchConfig(a: RunningCityApi) {
  const res = await fetch(`${a.url}/v1/kiosks/rathaus-foyer/config`, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(res.status).toBe(200);
  return parseRemoteConfig(await res.json());
}

/** Updates keep arriving: a kiosk registered with the reference server keeps its packaged feed unless told a real one. */
describe('update feed from the reference city API', () => {
  it('a freshly registered kiosk gets no update feed, so the packaged one stays in place', async () => {
    api = await startCityApi({});
    registerKiosk(api.db, 'rathaus-foyer', TOKEN);
    const remote = await fetchConfig(api);
    expect(remote.update).toBeNull();
    expect(remote.rejected).toEqual([]);
    expect(JSON.stringify(defaultKioskConfig('x'))).not.toMatch(/\.invalid|updates\.example/);
  });

  it('a placeholder feed is rejected (packaged feed stays); a real one is taken', async () => {
    api = await startCityApi({});
    registerKiosk(api.db, 'rathaus-foyer', TOKEN);
    for (const feed of ['https://updates.example.invalid/gemeinsam-kiosk/', 'http://kiosk.test/', 'https://updates.example/']) {
      setKioskConfig(api.db, 'rathaus-foyer', { ...defaultKioskConfig('rathaus-foyer'), update: { channel: 'stable', feed_url: feed } });
      const remote = await fetchConfig(api);
      expect(remote.update, feed).toBeNull();
      expect(remote.rejected).toContain('update');
    }
    setKioskConfig(api.db, 'rathaus-foyer', { ...defaultKioskConfig('rathaus-foyer'), update: { channel: 'stable', feed_url: 'https://updates.siegburg.de/kiosk/' } });
    expect((await fetchConfig(api)).update).toEqual({ channel: 'stable', feedUrl: 'https://updates.siegburg.de/kiosk/' });
  });
});
