import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../tests/fakes/fake-clock';
import { kioskConfigSchema, type KioskConfig } from '../../../shared/schemas/kiosk-config';
import { createConfigStore } from '../config/config-store';
import { silentLog } from '../log';
import { FAKE_TILE_PNG } from '../../../tests/fakes/fake-tile-source';
import { writeTestMbtiles } from './mbtiles-test-pack';
import type { FetchLike } from './online-tile-source';
import { createTileService, TILE_URL_TEMPLATE, type TileService } from './tile-service';

const PACK_TILE = Buffer.concat([FAKE_TILE_PNG, Buffer.from('pack')]);
const ONLINE_TILE = Buffer.concat([FAKE_TILE_PNG, Buffer.from('online')]);
const ONLINE = { urlTemplate: 'https://tiles.example.org/{z}/{x}/{y}.png', attribution: '© Beispiel-Kartendienst', maxZoom: 19 };

describe('tile service (pack first, then online with cache)', () => {
  let dir: string;
  let service: TileService | undefined;
  const requested: string[] = [];
  const fetch: FetchLike = async (url) => {
    requested.push(url);
    return new Response(new Uint8Array(ONLINE_TILE), { headers: { 'content-type': 'image/png' } });
  };
  const make = (config: Partial<KioskConfig>) => {
    const store = createConfigStore(kioskConfigSchema.parse(config));
    service = createTileService({ dataDir: dir, config: store, clock: new FakeClock(), log: silentLog, version: '9.9.9', fetch });
    return { store, service };
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tile-service-'));
    requested.length = 0;
    writeTestMbtiles(join(dir, 'siegburg.mbtiles'), [{ z: 12, x: 2129, y: 1370, data: PACK_TILE }], {
      format: 'png',
      maxzoom: '16',
      attribution: '<a href="x">© OpenStreetMap</a>',
    });
  });
  afterEach(() => {
    service?.close();
    service = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports no tiles when nothing is configured, and serves none', async () => {
    const { service } = make({});
    expect(service.bootInfo()).toBeNull();
    expect(await service.getTile(12, 2129, 1370)).toBeNull();
  });

  it('serves the offline pack with its attribution', async () => {
    const { service } = make({ tilePack: 'siegburg.mbtiles' });
    expect(service.bootInfo()).toEqual({ urlTemplate: TILE_URL_TEMPLATE, attribution: '© OpenStreetMap', maxZoom: 16 });
    expect((await service.getTile(12, 2129, 1370))?.body.equals(PACK_TILE)).toBe(true);
    expect(await service.getTile(12, 0, 0)).toBeNull();
  });

  it('uses the pack first and the online source for tiles the pack lacks', async () => {
    const { service } = make({ tilePack: 'siegburg.mbtiles', tiles: ONLINE });
    expect((await service.getTile(12, 2129, 1370))?.body.equals(PACK_TILE)).toBe(true);
    expect(requested).toEqual([]);
    expect((await service.getTile(17, 68150, 43860))?.body.equals(ONLINE_TILE)).toBe(true);
    expect(requested).toEqual(['https://tiles.example.org/17/68150/43860.png']);
    expect(service.bootInfo()).toEqual({ urlTemplate: TILE_URL_TEMPLATE, attribution: '© OpenStreetMap · © Beispiel-Kartendienst', maxZoom: 19 });
  });

  it('falls back to the online source when the pack is missing', async () => {
    const { service } = make({ tilePack: 'fehlt.mbtiles', tiles: ONLINE });
    expect((await service.getTile(3, 1, 1))?.body.equals(ONLINE_TILE)).toBe(true);
    expect(service.bootInfo()?.attribution).toBe('© Beispiel-Kartendienst');
  });

  it('follows configuration changes without a restart', async () => {
    const { store, service } = make({});
    expect(service.bootInfo()).toBeNull();
    store.set(kioskConfigSchema.parse({ tilePack: 'siegburg.mbtiles' }));
    expect(service.bootInfo()?.maxZoom).toBe(16);
    expect(await service.getTile(12, 2129, 1370)).not.toBeNull();
    store.set(kioskConfigSchema.parse({}));
    expect(service.bootInfo()).toBeNull();
    expect(await service.getTile(12, 2129, 1370)).toBeNull();
  });
});
