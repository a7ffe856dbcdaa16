import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kioskConfigSchema } from '../../../shared/schemas/kiosk-config';
import { listenHost, type RunningHost } from '../../host/server';
import { composeKiosk, type KioskRuntime } from '../compose';
import { silentLog } from '../log';
import { FAKE_TILE_PNG } from '../../../tests/fakes/fake-tile-source';
import { writeTestMbtiles } from './mbtiles-test-pack';

/** GET /tiles/{z}/{x}/{y} on the real browser host, with the tile service built by the composition root from kiosk.json. */
describe('tile route: composition root + browser host + offline pack', () => {
  let dir: string;
  let runtime: KioskRuntime;
  let host: RunningHost;
  const TILE = Buffer.concat([FAKE_TILE_PNG, Buffer.from('siegburg')]);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tile-route-'));
    writeTestMbtiles(join(dir, 'siegburg.mbtiles'), [{ z: 14, x: 8520, y: 5484, data: TILE }], {
      format: 'png',
      maxzoom: '17',
      attribution: '© Testkarte',
    });
    runtime = composeKiosk({ dataDir: dir, config: kioskConfigSchema.parse({ tilePack: 'siegburg.mbtiles' }), version: '0.0.0-test', log: silentLog });
    host = await listenHost({ port: 0, rendererDir: join(dir, 'no-renderer'), runtime, log: silentLog });
  });
  afterAll(async () => {
    await host?.close();
    await runtime?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves a tile of the pack as image/png', async () => {
    const res = await fetch(`${host.url}/tiles/14/8520/5484`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await res.arrayBuffer()).equals(TILE)).toBe(true);
  });

  it('answers 404 for tiles the pack lacks and for invalid addresses', async () => {
    expect((await fetch(`${host.url}/tiles/14/8520/5485`)).status).toBe(404);
    expect((await fetch(`${host.url}/tiles/14/99999/0`)).status).toBe(404);
    expect((await fetch(`${host.url}/tiles/x/1/1`)).status).toBe(404);
  });

  it('tells the renderer where the tiles are (getBootInfo.tiles)', async () => {
    const res = await fetch(`${host.url}/api/getBootInfo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    const env = (await res.json()) as { ok: boolean; value: { tiles: unknown } };
    expect(env.ok).toBe(true);
    expect(env.value.tiles).toEqual({ urlTemplate: '/tiles/{z}/{x}/{y}', attribution: '© Testkarte', maxZoom: 17 });
  });
});
